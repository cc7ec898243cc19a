#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds data/datasets/bakhmut-2023.geojson: Soledar and Bakhmut in January
# 2023, from ONE news article (source 004 of the project's seeds, about
# 26 January 2023).
#
# The article gives no areas, lines or figures of ground, only what happened:
# Russia and the Wagner Group claimed to have captured Soledar, Kyiv disputed
# it for days and on Wednesday 25 January acknowledged that its forces had
# abandoned the town; around Bakhmut, which Ukraine still holds, Russian
# forces make incremental gains and "changes in control are made by the
# yard". So the areas are small rough ellipses round the two towns, sized to
# the towns, with the status the article describes: contested where it
# describes fighting, controlled where it says a side holds the ground,
# claimed for Russia's claim. They are APPROXIMATIONS, not front lines.
#
# Usage: /usr/bin/python3 build-aux/datasets/make-bakhmut.py [--seeds DIR]
#   --seeds DIR  also check that every quote occurs verbatim in its article
# Deterministic.

import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datasets_common as dc  # noqa: E402

OUT = os.path.join(dc.DATASETS, "bakhmut-2023.geojson")
BOX = (37.5, 48.3, 38.6, 49.1)


def ellipse(lon, lat, a_km, b_km, n=32):
    """A polygon approximating an ellipse centred on (lon, lat), a_km
    east-west and b_km north-south (semi-axes)."""
    km_lat = 111.2
    km_lon = 111.32 * math.cos(math.radians(lat))
    return dc.polygon([(lon + a_km * math.cos(2 * math.pi * i / n) / km_lon,
                        lat + b_km * math.sin(2 * math.pi * i / n) / km_lat) for i in range(n)])


SOLEDAR = (38.0743, 48.6908)
BAKHMUT = (37.9998, 48.5944)

# Soledar, the town: about 6 km by 5 km round its centre.
SOLEDAR_TOWN = ellipse(38.078, 48.690, 3.0, 2.5)
# Soledar with its eastern approaches, which Russia held once the town fell.
SOLEDAR_RU = ellipse(38.088, 48.691, 4.2, 3.0)
# Bakhmut, the city: about 8 km by 7 km.
BAKHMUT_CITY = ellipse(37.998, 48.596, 4.2, 3.6)


def east_band(outer, inner, west_of):
    """The ring between outer and inner east of longitude west_of."""
    w, s, e, n = BOX
    return outer.Difference(inner).Intersection(dc.bbox_polygon((west_of, s, e, n)))


# Jan 10: contested on the east of the city (Russian forces "making
# incremental gains around" it).
BAKHMUT_BAND_1 = east_band(ellipse(37.998, 48.596, 5.2, 4.6), BAKHMUT_CITY, 38.012)
# Jan 25: after Soledar, "the rest of that defensive line" is vulnerable and
# Russia attacks Bakhmut: the contested band reaches round the north too.
BAKHMUT_BAND_2 = east_band(ellipse(37.998, 48.598, 5.4, 5.0), ellipse(37.996, 48.594, 3.8, 3.2), 37.975)

NOTE_TAIL = ("Approximate: a rough ellipse sized to the town, drawn from one article (source 004), "
             "which gives no lines or areas; not a survey or a front-line map.")

AREAS = [
    ("ua-contested-2023-01-10", "2023-01-10", "ua", "contested", None, SOLEDAR_TOWN,
     "Soledar, fought over: the article says Kyiv acknowledged its forces had abandoned the town on "
     "Wednesday 25 January 'after days of disputing Russia’s claims and statements from the private "
     "Wagner Group to have captured the town'. The article does not say when the fighting began; "
     "10 January is the dataset's first date, chosen to show the situation before the abandonment. "
     + NOTE_TAIL),
    ("ru-claimed-2023-01-10", "2023-01-10", "ru", "claimed", "2023-01-24", SOLEDAR_TOWN,
     "Russia's and the Wagner Group's claims to have captured Soledar, which Kyiv disputed for "
     "'days' (source 004). The article does not date the claims; shown from the dataset's first "
     "date until Kyiv's acknowledgement on 25 January, when the town is shown as Russian-held. "
     + NOTE_TAIL),
    ("ua-controlled-2023-01-10", "2023-01-10", "ua", "controlled", None, BAKHMUT_CITY.Difference(BAKHMUT_BAND_1),
     "Bakhmut, held by Ukraine: 'Zelenskyy remains reluctant to abandon Bakhmut' and the US urges "
     "Ukraine 'to loosen its hold on terrain around Bakhmut' (source 004). " + NOTE_TAIL),
    ("ua-contested-2023-01-10-bakhmut", "2023-01-10", "ua", "contested", None, BAKHMUT_BAND_1,
     "The eastern side of Bakhmut, fought over: 'Russian forces are making incremental gains around "
     "the eastern city of Bakhmut' and 'Changes in control are made by the yard in Bakhmut' (a senior "
     "U.S. military official on 23 January, source 004). Which side of the city is drawn contested "
     "is not in the article. " + NOTE_TAIL),
    ("ru-controlled-2023-01-25", "2023-01-25", "ru", "controlled", None, SOLEDAR_RU,
     "Soledar, Russian-held: 'Kyiv acknowledged its forces had abandoned Soledar, near Bakhmut in "
     "eastern Ukraine, Wednesday' (25 January 2023, source 004). The extent beyond the town is a "
     "guess. " + NOTE_TAIL),
    ("ua-controlled-2023-01-25", "2023-01-25", "ua", "controlled", None, BAKHMUT_CITY.Difference(BAKHMUT_BAND_2),
     "Bakhmut, still held by Ukraine (source 004). " + NOTE_TAIL),
    ("ua-contested-2023-01-25", "2023-01-25", "ua", "contested", None, BAKHMUT_BAND_2,
     "Bakhmut's outskirts, fought over, now also on the north, towards Soledar: 'That success has made "
     "the rest of that defensive line vulnerable, and RU is now attacking Seversk and Bahkmut' (Daniel "
     "Davis, source 004). How far round the city the fighting reaches is a guess. " + NOTE_TAIL),
]

SOURCES = [
    {
        "id": "004",
        "title": "unknown",
        "publisher": "Daily Caller News Foundation",
        "author": "unknown",
        "url": "unknown",
        "published": "2023-01-26",
        "date_precision": "approximate",
        "language": "en",
        "notes": "News article, English, about US pressure on Ukraine over Bakhmut, the abandonment of "
                 "Soledar and the tanks announced for Ukraine. The publisher is stated in the text's "
                 "closing notice (\"All content created by the Daily Caller News Foundation …\"); no "
                 "headline (the first line, \"No featured image available\", is a website placeholder), "
                 "byline or URL. It cites CNN, Reuters and The Washington Post. Date inferred from the "
                 "text, approximate: Kyiv acknowledged abandoning Soledar \"Wednesday\" and \"Also on "
                 "Wednesday\" Ukraine's partners announced 31 M1 Abrams and Leopard 2s (Wednesday "
                 "25 January 2023); a senior U.S. military official spoke \"on Jan. 23\" and Stoltenberg "
                 "at the World Economic Forum \"on Jan. 19\"; Kherson was recaptured \"in November\" and "
                 "300,000 men called up \"in September\" (2022); so about 26 January 2023.",
        "file": "004_1012cfd9d8832902.txt",
    },
]

# Every direct quote of the article, verbatim (text between the quotation
# marks, their spelling and trailing commas included), one entry each.
DAVIS = ("Daniel Davis", "Lt. Col., a senior fellow at Defense Priorities")
QUOTES = [
    {"id": "q004-01", "speaker": DAVIS[0], "role": DAVIS[1], "date": "2023-01-26",
     "text": "It’s a race right now to see who can gain an advantage in the winter,",
     "note": "Told the Daily Caller News Foundation (spelt \"DNCF\" in the text); the date it was said is not given."},
    {"id": "q004-02", "speaker": "Luke Coffey", "role": "a senior fellow at the Hudson Institute", "date": "2023-01-26",
     "text": "Currently Ukraine has the momentum and the morale on the battlefield. However, Russia has been able to hold the line and stop any significant Ukrainian advancements,",
     "note": "Explained to the DCNF; the date it was said is not given."},
    {"id": "q004-03", "speaker": DAVIS[0], "role": DAVIS[1], "date": "2023-01-26",
     "text": "At the moment, Russia has a slight edge, especially in the Donbas, but theater-wide, the situation is largely static,"},
    {"id": "q004-04", "speaker": DAVIS[0], "role": DAVIS[1], "date": "2023-01-26",
     "text": "That success has made the rest of that defensive line vulnerable, and RU is now attacking Seversk and Bahkmut; both are in danger of falling in the coming few weeks,",
     "location": "Bakhmut",
     "note": "\"That success\" is Russia's at Soledar; \"Seversk\" is Siversk; \"Bahkmut\" is the text's misspelling of Bakhmut."},
    {"id": "q004-05", "speaker": "a State Department official familiar with Secretary of State Antony Blinken’s thinking",
     "role": "State Department official", "date": "2023-01-26",
     "text": "The importance of maneuver weapons isn’t just to give Ukraine strength now to regain territory but as a deterrent against future Russian attacks,",
     "note": "Told The Washington Post, as reported by source 004; the date it was said is not given."},
    {"id": "q004-06", "speaker": "a State Department official familiar with Secretary of State Antony Blinken’s thinking",
     "role": "State Department official", "date": "2023-01-26",
     "text": "Maneuver is the future.",
     "note": "Told The Washington Post, as reported by source 004; the date it was said is not given."},
    {"id": "q004-07", "speaker": "Dan Caldwell", "role": "vice president for foreign policy at philanthropic organization Stand Together", "date": "2023-01-26",
     "text": "primary security guarantor for Europe",
     "note": "A phrase: sending the Abrams signals that the U.S. remains the \"primary security guarantor for Europe\"."},
    {"id": "q004-08", "speaker": "Jens Stoltenberg", "role": "NATO Secretary", "date": "2023-01-19",
     "text": "Weapons are the way to peace,",
     "note": "At the World Economic Forum gathering \"on Jan. 19\"."},
    {"id": "q004-09", "speaker": "Jens Stoltenberg", "role": "NATO Secretary", "date": "2023-01-19",
     "text": "What happens around the negotiating table is totally dependent on the strength on the battlefield.",
     "note": "At the World Economic Forum gathering \"on Jan. 19\"."},
    {"id": "q004-10", "speaker": DAVIS[0], "role": DAVIS[1], "date": "2023-01-26",
     "text": "It’s going to be a bloody spring and summer, with both sides wanting to conduct offensives and neither interested in negotiated settlements,"},
]
# Only Stoltenberg's words carry a stated day ("on Jan. 19"); the others
# carry the article's inferred publication date, which is approximate.
for q in QUOTES:
    q["source"] = "004"
    q["date_precision"] = "day" if q["id"] in ("q004-08", "q004-09") else "approximate"

STOPS = [
    {"title": "Soledar fought over",
     "date": "2023-01-10",
     "caption": "Russia and the private Wagner Group claim to have captured Soledar, near Bakhmut; for "
                "days Kyiv disputes the claims (source 004, citing Reuters). Russian forces are making "
                "incremental gains around Bakhmut, CNN reported (source 004). No article gives this "
                "stop's date, a choice of the dataset's makers; the areas are rough approximations "
                "from this one article.",
     "view": {"center": [38.04, 48.645], "zoom": 11},
     "quotes": ["q004-01", "q004-03"]},
    {"title": "Bakhmut: changes by the yard",
     "date": "2023-01-23",
     "caption": "A senior U.S. military official says on 23 January that changes in control are made "
                "by the yard in Bakhmut, but losses on both sides are heavy (source 004). According to "
                "CNN, fighting over Bakhmut has evolved over months into a brutal war of attrition, "
                "consuming massive amounts of artillery ammunition and manpower, where Russia has the "
                "advantage (source 004).",
     "view": {"center": [38.00, 48.60], "zoom": 12},
     "quotes": ["q004-02"]},
    {"title": "Soledar abandoned",
     "date": "2023-01-25",
     "caption": "On Wednesday (25 January) Kyiv acknowledges that its forces have abandoned Soledar "
                "(source 004, citing Reuters). Also on Wednesday Ukraine's partners announce 31 M1 "
                "Abrams and two battalions' worth of Leopard 2 tanks (source 004). The Russian-held area shown is an approximation.",
     "view": {"center": [38.04, 48.645], "zoom": 11},
     "quotes": ["q004-04"],
     "compare": "2023-01-10"},
]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seeds", help="folder of the articles, to check the quotes verbatim")
    args = ap.parse_args()

    rows = dc.gazetteer()
    ukr = dc.country("UKR", BOX)

    features = []
    table = []
    for fid, date, faction, status, until, geom, note in AREAS:
        geom = dc.rounded(dc.without_slivers(geom, 0.05))
        assert ukr.Contains(geom), fid
        props = {"date": date, "faction": faction, "status": status}
        if until:
            props["valid_until"] = until
        props.update({"source": "004", "approximate": True, "note": note})
        features.append({"type": "Feature", "id": fid, "properties": props,
                         "geometry": dc.to_geojson(geom)})
        table.append((date, faction, status, dc.area_km2(geom)))
        if fid == "ru-controlled-2023-01-25":
            assert geom.Contains(dc.point(*SOLEDAR))
        if faction == "ua" and status == "controlled":
            assert geom.Contains(dc.point(*BAKHMUT))

    soledar = dc.gazetteer_place(rows, "Soledar", "UA", BOX)
    bakhmut = dc.gazetteer_place(rows, "Bakhmut", "UA", BOX)
    siversk = dc.gazetteer_place(rows, "Siversk", "UA", BOX)
    assert (soledar["lon"], soledar["lat"]) == SOLEDAR and (bakhmut["lon"], bakhmut["lat"]) == BAKHMUT
    features += [
        dc.place_feature("place-soledar", soledar, "Soledar", "Соледар", named_in=["004"]),
        dc.place_feature("place-bakhmut", bakhmut, "Bakhmut", "Бахмут", named_in=["004"]),
        dc.place_feature("place-siversk", siversk, "Siversk", "Сіверськ", named_in=["004"],
                         name_in_source="Seversk"),
    ]

    meta = {
        "version": 1,
        "title": "Soledar and Bakhmut, January 2023",
        "description": (
            "Soledar and Bakhmut in January 2023, from ONE news article (Daily Caller News Foundation, "
            "about 26 January 2023): Russia and the Wagner Group claim Soledar, Kyiv disputes it and on "
            "25 January acknowledges that its forces have abandoned the town; Ukraine holds Bakhmut while "
            "Russian forces make incremental gains around it. The article gives no lines or areas, so "
            "the polygons are rough APPROXIMATIONS: ellipses sized to the towns, marked contested, "
            "controlled or claimed as the article describes. They are not front lines. Made with "
            "build-aux/datasets/make-bakhmut.py."),
        "attribution": ("Areas, stops and notes: the Frontline developers, from the cited article. "
                        "Place coordinates: GeoNames, CC BY 4.0. Quotes are short excerpts of the cited "
                        "article, which remain its authors' and publisher's."),
        "license": "CC0-1.0",
        "license_notes": ("CC0-1.0 applies to the data made for this dataset (areas, stops, notes, "
                          "source description). The place coordinates come from GeoNames (CC BY 4.0, "
                          "attribution above); the quotes are excerpts of the article, quoted for "
                          "reference."),
        "factions": [
            {"id": "ua", "name": "Ukraine", "color": "#0057b7"},
            {"id": "ru", "name": "Russia", "color": "#d52b1e"},
        ],
        "sources": SOURCES,
        "quotes": QUOTES,
        "stops": STOPS,
        "default_view": {"center": [38.04, 48.67], "zoom": 11},
    }

    if args.seeds:
        dc.check_quotes(QUOTES, SOURCES, args.seeds)

    dc.write_dataset(OUT, meta, features)

    print("date,faction,status,area_km2")
    for date, faction, status, a in table:
        print(f"{date},{faction},{status},{a:.1f}")


if __name__ == "__main__":
    main()

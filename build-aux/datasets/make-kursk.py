#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds data/datasets/kursk-2024-2025.geojson: Ukrainian-held ground in
# Russia's Kursk oblast from the incursion of 6 August 2024 to the withdrawal
# in March 2025, from four news articles (in the project's seeds: 000, 001,
# 002, 003) and the basemap's state border.
#
# The areas are APPROXIMATIONS, not surveys: for each data date a front line
# is drawn by hand below (a rough shape north of the border around Sudzha),
# scaled about its centroid until its area, cut with Russia's polygon from
# data/basemap/countries-10m.geojson (so the state border is the south and
# west edge), matches a target in km². The targets are the articles' figures
# where they give one and a plausible interpolation between them otherwise
# (TARGETS below says which is which). While Ukraine loses ground each shape
# is also cut with the previous one, so ground once lost stays lost.
#
# Usage: /usr/bin/python3 build-aux/datasets/make-kursk.py [--seeds DIR]
#   --seeds DIR  also check that every quote occurs verbatim in its article
#                (the *.txt files in DIR)
# Writes the dataset and prints the table of areas that
# data/datasets/README.md quotes. Deterministic.

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datasets_common as dc  # noqa: E402

OUT = os.path.join(dc.DATASETS, "kursk-2024-2025.geojson")

BOX = (34.3, 50.85, 36.2, 51.8)  # west, south, east, north: the theatre of this dataset
SUDZHA = (35.2726, 51.1976)

# Figures the articles give, as areas in km² (1 sq mi = 2.589988 km²).
FIG_AUG13 = 400 * dc.SQ_MI_KM2            # 003: "about 400 square miles", as of 13 August
FIG_JAN = 300 * dc.SQ_MI_KM2              # 000: "roughly 300 square miles" still held
FIG_PEAK = FIG_JAN / (1 - 0.40)           # 000: "lost about 40 percent of the land it once held"
FIG_BERDIN = 9 * dc.SQ_MI_KM2             # 000: "about nine square miles" gained in the January push
FIG_MAR = FIG_PEAK * (1 - 0.64)           # 001: Russia "has regained as much as 64 percent"

# The points that close a drawn shape south of the border, inside Ukraine
# (Sumy oblast), from the east end of its front line back to the west end.
# (35.32, 51.02) lies in the tongue of Ukraine south of Sudzha that the
# basemap's border draws.
TAIL = [(35.32, 51.02), (35.25, 50.99), (35.10, 51.00), (34.93, 51.10)]

FIGURE = "figure"        # the target is a figure of the articles
DERIVED = "derived"      # computed from the articles' figures
INTERP = "interpolated"  # no figure: a plausible value between two figures

# The data dates. "front" is the line drawn round the held ground, from the
# west end (just inside Ukraine, west or south of the border) north, east and
# south to the south-east end; "tail" (TAIL unless given) closes it inside
# Ukraine. The front's points in Russia are scaled about the centroid of the
# shape's part in Russia until the area is "km2"; points in Ukraine stay
# put. mode "grow": the shape stands alone; "lose": it is also cut with the
# previous date's area, so that ground once lost stays lost.
TARGETS = [
    # The first day: a bridgehead south-west of Sudzha; the town not yet taken.
    dict(date="2024-08-06", km2=90, kind=INTERP, sources=["003"], mode="grow",
         why="The first day of the incursion, launched 'in a surprise attack in August' (source 000) "
             "a week before 13 August (source 003); no article gives the first days' areas.",
         front=[(35.10, 51.16), (35.14, 51.175), (35.18, 51.18), (35.21, 51.165),
                (35.23, 51.13), (35.25, 51.09), (35.27, 51.05)]),
    dict(date="2024-08-08", km2=380, kind=INTERP, sources=["003"], mode="grow",
         front=[(35.05, 51.18), (35.06, 51.24), (35.10, 51.28), (35.16, 51.30),
                (35.22, 51.285), (35.28, 51.27), (35.32, 51.22), (35.34, 51.16),
                (35.35, 51.09), (35.36, 51.02)]),
    dict(date="2024-08-10", km2=640, kind=INTERP, sources=["003"], mode="grow",
         front=[(35.00, 51.19), (35.01, 51.26), (35.04, 51.31), (35.09, 51.35),
                (35.16, 51.36), (35.23, 51.345), (35.29, 51.33), (35.35, 51.28),
                (35.38, 51.22), (35.40, 51.15), (35.41, 51.08), (35.41, 51.00)]),
    dict(date="2024-08-12", km2=860, kind=INTERP, sources=["003"], mode="grow",
         front=[(34.97, 51.19), (34.975, 51.27), (35.00, 51.33), (35.05, 51.37),
                (35.11, 51.40), (35.18, 51.395), (35.25, 51.38), (35.31, 51.36),
                (35.36, 51.31), (35.40, 51.25), (35.43, 51.18), (35.44, 51.10),
                (35.44, 51.04), (35.43, 50.99)]),
    # 003: 74 settlements and about 400 square miles "as of Tuesday", 13 August.
    dict(date="2024-08-14", km2=FIG_AUG13, kind=FIGURE, sources=["003"], mode="grow",
         front=[(34.96, 51.19), (34.965, 51.27), (34.98, 51.32), (35.02, 51.36),
                (35.02, 51.395), (35.08, 51.42), (35.14, 51.435), (35.20, 51.41),
                (35.26, 51.415), (35.31, 51.39), (35.35, 51.35), (35.39, 51.31),
                (35.41, 51.27), (35.44, 51.22), (35.45, 51.16), (35.46, 51.10),
                (35.46, 51.05), (35.45, 50.99)]),
    dict(date="2024-08-20", km2=1200, kind=INTERP, sources=["003", "000"], mode="grow",
         front=[(34.955, 51.19), (34.96, 51.27), (34.975, 51.32), (35.01, 51.37),
                (35.005, 51.40), (35.06, 51.425), (35.11, 51.45), (35.17, 51.455),
                (35.22, 51.43), (35.28, 51.435), (35.33, 51.40), (35.37, 51.36),
                (35.41, 51.32), (35.43, 51.28), (35.46, 51.23), (35.47, 51.16),
                (35.48, 51.10), (35.48, 51.05), (35.46, 50.99)]),
    # The largest extent: 000's ~300 sq mi in January are 60 % of it.
    dict(date="2024-08-27", km2=FIG_PEAK, kind=DERIVED, sources=["000"], mode="grow",
         front=[(34.955, 51.19), (34.96, 51.26), (34.975, 51.31), (35.01, 51.37),
                (35.00, 51.40), (35.05, 51.42), (35.10, 51.45), (35.16, 51.46),
                (35.22, 51.435), (35.28, 51.44), (35.33, 51.41), (35.37, 51.37),
                (35.41, 51.33), (35.43, 51.29), (35.47, 51.24), (35.48, 51.17),
                (35.50, 51.11), (35.49, 51.05), (35.46, 50.99)]),
    # Autumn: the Russian counter-offensive takes back the western flank
    # (towards Korenevo; Glushkovo district lies beyond it) first, then
    # presses on the north.
    dict(date="2024-09-15", km2=1150, kind=INTERP, sources=["000"], mode="lose",
         front=[(35.03, 51.19), (35.04, 51.25), (35.06, 51.30), (35.08, 51.36),
                (35.11, 51.42), (35.16, 51.46), (35.22, 51.435), (35.28, 51.44),
                (35.33, 51.41), (35.37, 51.37), (35.41, 51.33), (35.43, 51.29),
                (35.47, 51.24), (35.48, 51.17), (35.50, 51.11), (35.49, 51.05),
                (35.46, 50.99)]),
    dict(date="2024-10-15", km2=1010, kind=INTERP, sources=["000"], mode="lose",
         front=[(35.07, 51.19), (35.08, 51.26), (35.1, 51.32), (35.13, 51.38), (35.17, 51.415),
                (35.22, 51.41), (35.28, 51.415), (35.33, 51.39), (35.37, 51.36),
                (35.41, 51.33), (35.43, 51.29), (35.47, 51.24), (35.48, 51.17), (35.5, 51.11),
                (35.49, 51.05), (35.46, 50.99)]),
    dict(date="2024-11-15", km2=880, kind=INTERP, sources=["000"], mode="lose",
         front=[(35.09, 51.19), (35.1, 51.25), (35.12, 51.31), (35.15, 51.36), (35.19, 51.39),
                (35.24, 51.385), (35.29, 51.39), (35.33, 51.37), (35.37, 51.34),
                (35.41, 51.31), (35.43, 51.28), (35.47, 51.24), (35.48, 51.17), (35.5, 51.11),
                (35.49, 51.05), (35.46, 50.99)]),
    dict(date="2024-12-15", km2=800, kind=INTERP, sources=["000"], mode="lose",
         front=[(35.1, 51.19), (35.11, 51.25), (35.13, 51.3), (35.16, 51.35), (35.2, 51.37),
                (35.25, 51.365), (35.29, 51.37), (35.33, 51.35), (35.36, 51.32), (35.4, 51.29),
                (35.43, 51.27), (35.46, 51.23), (35.48, 51.17), (35.49, 51.11), (35.49, 51.05),
                (35.46, 50.99)]),
    # Before the January push; 2025-01-07 adds it (BERDIN_PUSH).
    dict(date="2025-01-01", km2=FIG_JAN - FIG_BERDIN, kind=DERIVED, sources=["000"], mode="lose",
         front=[(35.11, 51.19), (35.12, 51.25), (35.14, 51.3), (35.17, 51.34), (35.21, 51.36),
                (35.25, 51.355), (35.29, 51.36), (35.32, 51.33), (35.35, 51.3), (35.38, 51.27),
                (35.42, 51.25), (35.45, 51.21), (35.47, 51.16), (35.48, 51.11), (35.48, 51.05),
                (35.46, 50.99)]),
    # Cut with 2025-01-01, not with the push: the push is lost again (see
    # BERDIN_CLAIM_DATE).
    dict(date="2025-02-01", km2=720, kind=INTERP, sources=["000", "001"], mode="lose",
         front=[(35.12, 51.19), (35.13, 51.25), (35.15, 51.3), (35.18, 51.335), (35.22, 51.35),
                (35.26, 51.345), (35.29, 51.35), (35.32, 51.32), (35.35, 51.29),
                (35.38, 51.265), (35.41, 51.24), (35.44, 51.2), (35.46, 51.15), (35.47, 51.1),
                (35.47, 51.05), (35.45, 50.99)]),
    dict(date="2025-02-20", km2=660, kind=INTERP, sources=["000", "001"], mode="lose",
         front=[(35.13, 51.19), (35.14, 51.25), (35.16, 51.29), (35.19, 51.32),
                (35.23, 51.335), (35.27, 51.33), (35.3, 51.33), (35.32, 51.3), (35.35, 51.27),
                (35.38, 51.25), (35.41, 51.22), (35.43, 51.18), (35.45, 51.13), (35.46, 51.08),
                (35.46, 51.04), (35.45, 50.99)]),
    # 001: "Last week, Moscow launched a significant counteroffensive";
    # Russia "has regained as much as 64 percent of the territory it lost".
    # The salient is cut from the north-west and the north.
    dict(date="2025-03-07", km2=FIG_MAR, kind=DERIVED, sources=["001"], mode="lose",
         front=[(35.14, 51.17), (35.17, 51.21), (35.21, 51.25), (35.25, 51.27),
                (35.29, 51.275), (35.32, 51.26), (35.35, 51.24), (35.38, 51.21),
                (35.41, 51.17), (35.43, 51.12), (35.44, 51.07), (35.44, 51.03), (35.43, 50.99)]),
    # Ukraine holds Sudzha and the ground south of it, under attack.
    dict(date="2025-03-10", km2=320, kind=INTERP, sources=["001", "002"], mode="lose",
         why="Ukraine still holds Sudzha, which it leaves on 12 March (source 002), after the "
             "counter-offensive that source 001 reports.",
         front=[(35.12, 51.15), (35.17, 51.18), (35.2, 51.22), (35.24, 51.24), (35.28, 51.245),
                (35.31, 51.235), (35.35, 51.21), (35.38, 51.17), (35.41, 51.12),
                (35.43, 51.07), (35.43, 51.02), (35.42, 50.985)]),
    # 002: early on Wednesday 12 March the troops leave Sudzha.
    dict(date="2025-03-12", km2=150, kind=INTERP, sources=["002"], mode="lose",
         why="Source 002: early on Wednesday 12 March Ukrainian troops withdrew from Sudzha, the "
             "largest town in the area, towards the Sumy region; Sudzha lies outside this area. No "
             "article gives the area left.",
         front=[(35.11, 51.11), (35.17, 51.12), (35.21, 51.145), (35.25, 51.16),
                (35.29, 51.165), (35.33, 51.155), (35.37, 51.13), (35.4, 51.1), (35.42, 51.06),
                (35.43, 51.02), (35.42, 50.985)]),
    dict(date="2025-03-16", km2=70, kind=INTERP, sources=["002"], mode="lose",
         why="Source 002 says it is unknown whether Ukraine means to stay in a small fraction of "
             "land or whether the withdrawal is total: a small remnant near the border is drawn, "
             "with no figure behind it.",
         front=[(35.27, 51.045), (35.28, 51.08), (35.31, 51.105), (35.35, 51.11),
                (35.39, 51.095), (35.42, 51.06), (35.43, 51.02), (35.42, 50.985)],
         tail=[(35.32, 51.02)]),
    dict(date="2025-03-20", km2=25, kind=INTERP, sources=["002"], mode="lose",
         why="The dataset's last date. Source 002 says it is unknown whether the withdrawal is "
             "total; no article says when the last positions were given up, so this remnant, with "
             "no figure behind it, stays shown after this date.",
         front=[(35.335, 51.035), (35.35, 51.06), (35.38, 51.075), (35.41, 51.065),
                (35.425, 51.03), (35.415, 50.985)],
         tail=[(35.33, 51.015)]),
]

# The January push (000): "aimed at the towns of Berdin and Bolshoye
# Soldatskoye, north of Sudzha, ... securing about three Russian villages and
# about nine square miles". Drawn as a tongue from the north-east edge of the
# 2025-01-01 line towards Bolshoye Soldatskoye, which it does not reach (the
# article says the town was the aim). Berdin is in neither gazetteer, so
# where exactly the tongue points is a guess in that direction.
BERDIN_DATE = "2025-01-07"
# The tongue's base lies inside the 2025-01-01 area; it is scaled about
# BERDIN_BASE, on that area's edge, so that only its tip moves.
BERDIN_PUSH = [(35.31, 51.30), (35.35, 51.325), (35.39, 51.335), (35.42, 51.315),
               (35.415, 51.285), (35.38, 51.265), (35.35, 51.27)]
BERDIN_BASE = (35.34, 51.29)
# 000: "Russian military bloggers claimed Thursday [9 January] that Ukraine
# had been cleared of Berdin": shown as ground Russia claims until the next
# data date, from which the push is no longer drawn as Ukrainian-held.
BERDIN_CLAIM_DATE = "2025-01-09"
BERDIN_CLAIM_UNTIL = "2025-01-31"


def fit_front(rus, front, tail, target, prev):
    """The area for a front line: scaled until it covers target km²."""
    c = dc.polygon(front + tail).Intersection(rus).Centroid()
    anchor = (c.GetX(), c.GetY())
    movable = [rus.Contains(dc.point(*p)) for p in front]

    def make(s):
        pts = [q if m else p for p, q, m in zip(front, dc.scaled(front, anchor, s), movable)]
        g = dc.polygon(pts + tail).Intersection(rus)
        if prev is not None:
            g = g.Intersection(prev)
        return dc.without_slivers(g)
    scale, geom = dc.fit_scale(make, target)
    return scale, dc.rounded(geom, rus)


def build_areas(rus):
    """Returns [(date, geometry, target, kind, sources, scale, why)] in date order."""
    out = []
    prev = None
    for t in TARGETS:
        scale, geom = fit_front(rus, t["front"], t.get("tail", TAIL), t["km2"],
                                prev if t["mode"] == "lose" else None)
        out.append((t["date"], geom, t["km2"], t["kind"], t["sources"], scale, t.get("why")))
        prev = geom
        if t["date"] == "2025-01-01":
            base = geom

            def make_push(s):
                push = dc.polygon(dc.scaled(BERDIN_PUSH, BERDIN_BASE, s))
                return dc.without_slivers(push.Intersection(rus).Union(base))
            scale, with_push = dc.fit_scale(make_push, dc.area_km2(base) + FIG_BERDIN)
            out.append((BERDIN_DATE, dc.rounded(with_push, rus), FIG_JAN, FIGURE, ["000"], scale, None))
    return out


SOURCES = [
    {
        "id": "000",
        "title": "unknown",
        "publisher": "unknown",
        "author": "unknown",
        "url": "unknown",
        "published": "2025-01-10",
        "date_precision": "approximate",
        "language": "en",
        "notes": "News article, English, about Ukraine holding roughly 300 square miles of Kursk "
                 "as a bargaining chip before President-elect Trump's inauguration, and a new limited "
                 "push towards Berdin and Bolshoye Soldatskoye. The collected text has no headline, "
                 "byline or URL; its first six lines are a website's placeholder address block "
                 "(\"Physical Address, 304 North Cardinal St., Dorchester Center, MA 02124\"), not part "
                 "of the article and not a publisher. Date inferred from the text, approximate: "
                 "\"less than two weeks before\" the inauguration on 20 January (2025); Zelensky "
                 "\"wrote on Thursday\" and Russian military bloggers \"claimed Thursday\" (9 January), "
                 "a press conference \"on Wednesday in Paris\" (8 January), \"As of this Monday\" five "
                 "months after the August incursion (6 January); so 9 or 10 January 2025. It cites a "
                 "report of the Institute for the Study of War. The English is a machine-like "
                 "translation with garbled passages (e.g. \"Secretary of State Antony said They blink.\").",
        "file": "000_36ab8e49c9fb4b2a.txt",
    },
    {
        "id": "001",
        "title": "unknown",
        "publisher": "unknown",
        "author": "unknown",
        "url": "unknown",
        "published": "2025-03-08",
        "date_precision": "approximate",
        "language": "en",
        "notes": "Opinion or analysis piece, English, arguing that Ukraine should withdraw from Kursk; "
                 "Russia \"has regained as much as 64 percent of the territory it lost\". No headline, "
                 "byline, publisher or URL in the collected text, and no direct quotes. Date inferred "
                 "from the text, approximate: \"Last week, Moscow launched a significant "
                 "counteroffensive\" and Russian troops \"have cut off crucial supply lines\", while "
                 "Ukraine still has troops in Kursk and the abandonment of Sudzha (12 March 2025, "
                 "source 002) is not mentioned: early March 2025; 8 March is a guess within that window.",
        "file": "001_1f55ca4986a24ec5.txt",
    },
    {
        "id": "002",
        "title": "Ukraine withdraws from Kursk after eight months on Russian territory",
        "publisher": "unknown",
        "author": "unknown",
        "url": "unknown",
        "published": "2025-03-12",
        "date_precision": "approximate",
        "language": "en",
        "notes": "News report translated from a Spanish-language report (the English text is a "
                 "translation; its quotes are English renderings of the Spanish, not necessarily the "
                 "speakers' own words). The reporter writes from the Sumy region (\"this reporter\"); "
                 "no byline, publisher or URL in the collected text. Date inferred from the text, "
                 "approximate: \"Early Wednesday morning\" Ukrainian troops left Sudzha, and "
                 "negotiations \"started yesterday in Saudi Arabia\" (\"as stated yesterday in Jeddah\"), "
                 "i.e. the US-Ukraine talks in Jeddah on Tuesday 11 March 2025; so Wednesday 12 March 2025.",
        "file": "002_98fe664995ad9856.txt",
    },
    {
        "id": "003",
        "title": "Ukraine’s territory gains in Russia in just a week nearly match Moscow’s advances — which took 8 months",
        "publisher": "The Post",
        "author": "unknown",
        "url": "unknown",
        "published": "2024-08-14",
        "date_precision": "approximate",
        "language": "en",
        "notes": "News article, English. The publisher is inferred from the text, which calls itself "
                 "The Post (\"told The Post\", and it ends \"With Post wires\"); no byline or URL. Date inferred from the text, "
                 "approximate: 74 settlements \"as of Tuesday\" (13 August 2024) and Zelensky \"said "
                 "Wednesday\" (14 August 2024), a week after the incursion began; so 14 August 2024. It "
                 "cites calculations by the Institute for the Study of War, a Telegram analysis and CNBC.",
        "file": "003_bfa31c66f8b4234c.txt",
    },
]

# Every direct quote of the four articles: the text between the quotation
# marks, verbatim (their spelling, spacing and punctuation, trailing commas
# included), one entry per quoted passage. 001 has none. Not included:
# 003's "weakness." ("experts say", no named person or described official)
# and 001's "armed neutrality." (a term, attributed to no one).
Q000_ZELENSKY = "Volodymyr Zelensky"
Q000_ROLE_Z = "Ukrainian President"
Q000_OFFICIAL = "a senior defense official"
QUOTES = [
    # 000 (about 10 January 2025)
    {"id": "q000-01", "speaker": Q000_ZELENSKY, "role": Q000_ROLE_Z, "date": "2025-01-10",
     "text": "one of our most important victories , not just last year but throughout the war.",
     "note": "Zelensky \"called Operation Kursk\" this; the text does not say when."},
    {"id": "q000-02", "speaker": Q000_ZELENSKY, "role": Q000_ROLE_Z, "date": "2025-01-09",
     "text": "Russia had to withdraw almost 60,000 troops from the Ukrainian front to deal with it. As of this Monday, our troops have maintained a buffer zone on Russian territory for five months.",
     "note": "The text's sentence has no subject (\"… wrote on Thursday on social platform X\"); "
             "the writer is taken to be Zelensky from the sentence before. Thursday = 9 January 2025."},
    {"id": "q000-03", "speaker": "Serhiy Grabsky", "role": "a reserve colonel in the Ukrainian army", "date": "2025-01-10",
     "text": "The main idea of this in simple words: to keep Russian forces busy,"},
    {"id": "q000-04", "speaker": "Serhiy Grabsky", "role": "a reserve colonel in the Ukrainian army", "date": "2025-01-10",
     "text": "This action … shows the Western alliances that Ukraine did not lose battle capabilities, that Ukraine can resist and will resist with or without American support."},
    {"id": "q000-05", "speaker": Q000_OFFICIAL, "role": "senior defense official", "date": "2025-01-10",
     "text": "continues to withstand an extraordinary set of Russian assaults",
     "note": "A phrase inside a paraphrase: Ukraine \"continues to withstand …\" in Kursk and on "
             "Ukraine’s eastern front. The official \"told reporters this week\"."},
    {"id": "q000-06", "speaker": Q000_OFFICIAL, "role": "senior defense official", "date": "2025-01-10",
     "text": "Our calculation is that Putin is not one to give up something he doesn’t have to give up,"},
    {"id": "q000-07", "speaker": Q000_OFFICIAL, "role": "senior defense official", "date": "2025-01-10",
     "text": "And Putin will be more impressed when he is faced with a negotiation, and when he is faced with a war in which he has not yet achieved his goals and in which the costs are piling up, he will be more inclined to be reasonable."},
    {"id": "q000-08", "speaker": "Mick Ryan", "role": "a retired Australian army major general who closely follows and writes about Ukraine", "date": "2025-01-10",
     "text": "They inflicted significant casualties on the Russians and North Koreans recently and saw an opportunity to take more ground or even get out of the front line,"},
    {"id": "q000-09", "speaker": "Mick Ryan", "role": "a retired Australian army major general who closely follows and writes about Ukraine", "date": "2025-01-10",
     "text": "Russia occupies 18 percent of Ukraine, and Kursk is much, much smaller than 1 percent of Russia,"},
    {"id": "q000-10", "speaker": "Mick Ryan", "role": "a retired Australian army major general who closely follows and writes about Ukraine", "date": "2025-01-10",
     "text": "There’s a pretty big differential in held terrain. That said, it’s always better to hold some of the enemy’s territory when you go into a negotiation."},
    {"id": "q000-11", "speaker": "Rafael Loss", "role": "a political member of the European Council on Foreign Relations", "date": "2025-01-10",
     "text": "increasingly difficult",
     "note": "A phrase: Loss describes the region as \"increasingly difficult\" to defend."},
    {"id": "q000-12", "speaker": "Rafael Loss", "role": "a political member of the European Council on Foreign Relations", "date": "2025-01-10",
     "text": "If the Ukrainians can demonstrate over the next two months that they will not be cut off at Kursk and that the overall situation of the Russian armed forces inside Ukraine and across the front continues to deteriorate at an unsustainable rate, this could very well form part of the negotiations,"},
    {"id": "q000-13", "speaker": "Rafael Loss", "role": "a political member of the European Council on Foreign Relations", "date": "2025-01-10",
     "text": "But at this point, I think the Kremlin is probably looking at the trend lines that look bad for Russia, but worse for Ukraine,"},
    {"id": "q000-14", "speaker": "Antony Blinken", "role": "Secretary of State", "date": "2025-01-08",
     "text": "If he’s going to oversee this negotiation, (we want to) make sure that (Ukraine) does it from a position of strength and that President Trump can get the strongest deal possible,",
     "note": "The text garbles the name: \"Secretary of State Antony said They blink. at a press "
             "conference on Wednesday in Paris\" (Antony Blinken). Wednesday = 8 January 2025."},
    {"id": "q000-15", "speaker": "Robert Kagan", "role": "a senior fellow at the Brookings Institution", "date": "2025-01-10",
     "text": "will probably lose the war in the next 12 to 18 months",
     "note": "A phrase: Kagan said Ukraine \"will probably lose …\"."},
    {"id": "q000-16", "speaker": "Robert Kagan", "role": "a senior fellow at the Brookings Institution", "date": "2025-01-10",
     "text": "Ukraine will not lose in a nice, negotiated way, with vital territories sacrificed but an independent Ukraine kept alive, sovereign and protected by Western security guarantees.",
     "note": "Written \"in a piece for The Atlantic\"; its date is not given."},
    {"id": "q000-17", "speaker": "Robert Kagan", "role": "a senior fellow at the Brookings Institution", "date": "2025-01-10",
     "text": "Instead, he faces complete defeat, loss of sovereignty and total Russian control.",
     "note": "Written \"in a piece for The Atlantic\"; its date is not given."},
    {"id": "q000-18", "speaker": "Robert Kagan", "role": "a senior fellow at the Brookings Institution", "date": "2025-01-10",
     "text": "between accepting a humiliating strategic defeat on the global stage and immediately doubling down on American support for Ukraine while there is still time.",
     "note": "A phrase: Kagan said Trump should consider the choice \"between …\"."},
    {"id": "q000-19", "speaker": "Brock Bierman", "role": "a visiting senior researcher at the German Marshall Fund", "date": "2025-01-10",
     "text": "as the time approaches for the Trump administration to take over.",
     "note": "A phrase inside a paraphrase."},
    {"id": "q000-20", "speaker": "Brock Bierman", "role": "a visiting senior researcher at the German Marshall Fund", "date": "2025-01-10",
     "text": "Anything they can do up front, both Russia and Ukraine, they’re going to do what they can so that once the Trump administration comes in, they’re going to have a lot more results,"},
    {"id": "q000-21", "speaker": "Brock Bierman", "role": "a visiting senior researcher at the German Marshall Fund", "date": "2025-01-10",
     "text": "I see both sides trying to take advantage as much as they can because Trump is, in fact, going to end this war one way or another."},
    # 002 (12 March 2025; translated from Spanish)
    {"id": "q002-01", "speaker": "Marco Rubio", "role": "US Secretary of State", "date": "2025-03-12",
     "text": "If Russia says no, it will determine their true intentions",
     "note": "From the report's subtitle (\"Marco Rubio warns again: …\"), which compresses his words "
             "quoted in the body (q002-04, q002-05): not said in this form in the text. English "
             "translation of a Spanish-language report."},
    {"id": "q002-02", "speaker": "Dmitry Peskov", "role": "presidential spokesperson", "date": "2025-03-12",
     "text": "We assume that, as stated yesterday in Jeddah, Secretary of State Rubio and National Security Advisor (Mike) Waltz will inform us through various channels about the details of the negotiations and what was agreed upon,",
     "note": "English translation of a Spanish-language report."},
    {"id": "q002-03", "speaker": "Marco Rubio", "role": "US Secretary of State", "date": "2025-03-12",
     "text": "We all look forward to the Russian response and strongly urge them to consider ending all hostilities.",
     "note": "English translation of a Spanish-language report."},
    {"id": "q002-04", "speaker": "Marco Rubio", "role": "US Secretary of State", "date": "2025-03-12",
     "text": "If they say no,",
     "note": "The first part of a quote the text interrupts with \"he warned\"; the rest is q002-05. "
             "English translation of a Spanish-language report."},
    {"id": "q002-05", "speaker": "Marco Rubio", "role": "US Secretary of State", "date": "2025-03-12",
     "text": "we will obviously have to analyze everything and somehow determine our position in the world and what their true intentions are. I believe that if they say no, it will tell us a lot about their goals and mindset.",
     "note": "Continues q002-04 after \"he warned\". English translation of a Spanish-language report."},
    # 003 (14 August 2024)
    {"id": "q003-01", "speaker": "Volodymyr Zelensky", "role": "Ukrainian President", "date": "2024-08-14",
     "text": "We continue to advance further in the Kursk region,", "note": "Said \"Wednesday\": 14 August 2024, the Wednesday after \"Tuesday\" 13 August."},
    {"id": "q003-02", "speaker": "Volodymyr Zelensky", "role": "Ukrainian President", "date": "2024-08-14",
     "text": "from one to two kilometers in various areas since the start of the day.",
     "note": "Continues q003-01 after \"Zelensky said Wednesday\"."},
    {"id": "q003-03", "speaker": "Volodymyr Zelensky", "role": "Ukrainian President", "date": "2024-08-14",
     "text": "We have captured more than 100 Russian servicemen during this period,"},
    {"id": "q003-04", "speaker": "George Barros", "role": "the ISW’s Russia team and geospatial intelligence team lead", "date": "2024-08-14",
     "text": "Russia now has to decide whether or not to allocate a substantial amount of troops and resources to protect the 1,000-kilometer (621-mile) border,",
     "note": "Told The Post."},
    {"id": "q003-05", "speaker": "George Barros", "role": "the ISW’s Russia team and geospatial intelligence team lead", "date": "2024-08-14",
     "text": "For a majority of the war, Russia has had the luxury of keeping the border largely unmanned, and Ukraine’s operation proved its weakness,"},
    {"id": "q003-06", "speaker": "Jack Keane", "role": "retired Gen., a former US Army vice chief of staff and chairman of the Institute for the Study of War", "date": "2024-08-14",
     "text": "Despite making marginal gains, Russia has not been able to achieve victory there, and they’ve suffered staggering casualties,",
     "note": "Told The Post; \"there\" is the Donbas and Donetsk regions."},
    {"id": "q003-07", "speaker": "George Barros", "role": "the ISW’s Russia team and geospatial intelligence team lead", "date": "2024-08-14",
     "text": "The optics are already bad for Putin and great for the Ukraine,"},
    {"id": "q003-08", "speaker": "George Barros", "role": "the ISW’s Russia team and geospatial intelligence team lead", "date": "2024-08-14",
     "text": "Ukraine doesn’t even need to hold the territories it’s taken so far to force Russia to change its calculations.",
     "note": "The text opens this quotation mark and never closes it; the quote is taken to end with the paragraph."},
    {"id": "q003-09", "speaker": "a Ukrainian government official", "role": "Ukrainian government official", "date": "2024-08-14",
     "text": "Hopefully, if everything goes well, the presence of the Ukrainian troops in Russia will serve as a force to change the dynamics of the war, and it will increase our negotiating power, for example, in the context of the possible peace initiatives,",
     "note": "Told CNBC, as reported by source 003; the date it was said is not given."},
    {"id": "q003-10", "speaker": "Volodymyr Zelensky", "role": "Ukrainian President", "date": "2024-08-14",
     "text": "pressure on the aggressor",
     "note": "A phrase: the offensive's main goal was to put \"pressure on the aggressor\"."},
    {"id": "q003-11", "speaker": "Volodymyr Zelensky", "role": "Ukrainian President", "date": "2024-08-14",
     "text": "Russia brought war to others, and now it is coming home,"},
    {"id": "q003-12", "speaker": "Volodymyr Zelensky", "role": "Ukrainian President", "date": "2024-08-14",
     "text": "Russia must be forced into peace if Putin wants to continue waging war so badly,"},
]
# Quotes the article says were said on a weekday ("said Wednesday"). The
# articles carry no date of their own: their publication dates are inferred
# (../shared/seeds/README.md), so the day a weekday names is inferred too, and
# these quotes are approximate like the rest. Their notes say which weekday.
SAID_ON_WEEKDAY = {
    "q000-02": "The article says he wrote it on a Thursday; the date is counted from the "
               "article's inferred publication date.",
    "q000-14": "The article says it was said at a press conference on a Wednesday in Paris; the "
               "date is counted from the article's inferred publication date.",
    "q003-01": "The article says Zelensky said it on a Wednesday; the date is counted from the "
               "article's inferred publication date.",
    "q003-02": "Continues q003-01, said on a Wednesday; the date is counted from the article's "
               "inferred publication date.",
    "q003-03": "\"He added\" right after q003-01 and q003-02, on the same Wednesday; the date is "
               "counted from the article's inferred publication date.",
}
for q in QUOTES:
    q["source"] = q["id"][1:4]
    q["date_precision"] = "approximate"
    if q["id"] in SAID_ON_WEEKDAY:
        q["note"] = (q["note"] + " The weekday is counted from the article's inferred date, so the "
                     "day is approximate." if q.get("note") else SAID_ON_WEEKDAY[q["id"]])

STOPS = [
    {"title": "A week in: 74 settlements",
     "date": "2024-08-14",
     "caption": "A week into the incursion, Zelensky says his troops had seized 74 settlements in "
                "Kursk oblast as of Tuesday 13 August; the article itself says Kyiv's forces occupy "
                "about 400 square miles of Russian territory (source 003). The area shown is an "
                "approximation drawn to that figure.",
     "view": {"center": [35.22, 51.25], "zoom": 10},
     "quotes": ["q003-01", "q003-05"],
     "compare": "2024-08-06"},
    {"title": "The largest extent (approximation)",
     "date": "2024-08-27",
     "caption": "No article gives the peak. Source 000 says that by early January Ukraine had lost "
                "about 40 percent of the land it once held and still held roughly 300 square miles, "
                "which puts the peak at about 500 square miles (about 1,295 km²); it is drawn here "
                "in late August 2024.",
     "view": {"center": [35.23, 51.24], "zoom": 10},
     "quotes": ["q003-11"],
     "compare": "2024-08-14"},
    {"title": "January: 300 square miles and a push north",
     "date": "2025-01-07",
     "caption": "Russia has been reclaiming territory since the autumn; after weeks of Russian and "
                "North Korean advances, Ukraine holds roughly 300 square miles, having lost about 40 "
                "percent of the land it once held. On Sunday (5 January, counting back from the article's date of "
                "about 9–10 January) it launched a limited push towards Berdin and Bolshoye "
                "Soldatskoye, north of Sudzha, securing about three Russian villages and about nine "
                "square miles. Russian military bloggers claimed on Thursday that Berdin had been "
                "cleared and that Russian forces were advancing northwest and southeast of Sudzha "
                "(source 000, citing the Institute for the Study of War).",
     "view": {"center": [35.28, 51.22], "zoom": 10},
     "quotes": ["q000-03", "q000-02"],
     "compare": "2024-08-27"},
    {"title": "The Russian counter-offensive",
     "date": "2025-03-07",
     "caption": "\"Last week\" (early March; the article's date is inferred) Moscow launched a "
                "significant counter-offensive; Russian troops have cut off crucial supply lines, and "
                "Russia has regained as much as 64 percent of the territory it lost (source 001, which "
                "has no direct quotes). The area shown is an approximation drawn to 36 percent of the peak.",
     "view": {"center": [35.28, 51.16], "zoom": 10},
     "compare": "2025-01-07"},
    {"title": "Sudzha abandoned",
     "date": "2025-03-12",
     "caption": "Early on Wednesday 12 March Ukrainian troops withdrew from Sudzha, the largest town "
                "in the area, towards the Sumy region; a video shows Russian troops in the town centre "
                "(source 002). The day before, in Jeddah, Saudi Arabia, Ukraine had agreed with the "
                "United States on a ceasefire that now awaited Russia's answer: \"So far, the Kremlin "
                "has not responded\" (source 002).",
     "view": {"center": [35.30, 51.13], "zoom": 11},
     "quotes": ["q002-03"],
     "compare": "2025-03-07"},
    {"title": "The withdrawal",
     "date": "2025-03-20",
     "caption": "Source 002 says it is unknown whether Ukraine means to stay in a small fraction of "
                "land or whether the withdrawal is total. The small remnant shown near the border is "
                "an approximation with no figure behind it; no article says when the last positions "
                "were given up.",
     "view": {"center": [35.36, 51.06], "zoom": 11},
     "compare": "2024-08-27"},
]


def note_for(date, kind, target_km2, sources, why=None):
    """The note of a Ukrainian-held area: which figure it follows and how it
    was drawn."""
    sq = target_km2 / dc.SQ_MI_KM2
    src = ", ".join(sources)
    tail = ("The boundary follows the state border (Natural Earth 10m, as in Frontline's basemap) "
            "on the Ukrainian side; the rest of the line is drawn by hand. Not a survey.")
    if kind == FIGURE and date == "2024-08-14":
        head = ("Approximation drawn to match the figure of about 400 square miles reported by source "
                "003 (as of 13 August 2024, with 74 settlements).")
    elif kind == FIGURE and date == BERDIN_DATE:
        head = ("Approximation drawn to match the figure of roughly 300 square miles reported by source "
                "000, including the push towards Berdin and Bolshoye Soldatskoye that began on Sunday "
                "5 January (about nine square miles, drawn as the tongue north-east of Sudzha; Berdin's "
                "exact position is not known to this dataset).")
    elif kind == DERIVED and date == "2024-08-27":
        head = ("Approximation of the largest extent, drawn to about 500 square miles: source 000's "
                "roughly 300 square miles in January are what is left after losing about 40 percent "
                "(300 / 0.6 = 500). No article gives the peak or its date; late August is a choice.")
    elif kind == DERIVED and date == "2025-01-01":
        head = ("Approximation drawn to about 291 square miles: source 000's roughly 300 square miles "
                "less the about nine square miles of the push that began on Sunday 5 January.")
    elif kind == DERIVED and date == "2025-03-07":
        head = ("Approximation drawn to about 36 percent of the largest extent (about 180 square miles): "
                "source 001 says Russia has regained as much as 64 percent of the territory it lost.")
    else:
        which = "source " + src if len(sources) == 1 else "sources " + src
        head = (f"Approximation with no figure of its own, drawn to about {sq:.0f} square miles "
                f"({target_km2:.0f} km²), a plausible value chosen in keeping with the figures and "
                f"events of {which}.")
    return " ".join(x for x in (head, why, tail) if x)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seeds", help="folder of the articles, to check the quotes verbatim")
    args = ap.parse_args()

    rus = dc.country("RUS", BOX)
    rows = dc.gazetteer()
    kursk_oblast = dc.admin1("Kursk", "RUS")
    areas = build_areas(rus)

    # Checks: the areas lie in Russia (cut with its polygon) and in Kursk
    # oblast, keep clear of the towns they never held, and Sudzha is lost on
    # 12 March.
    never_held = [("Bol’shoye Soldatskoye", "RU"), ("Korenëvo", "RU"), ("Glushkovo", "RU"),
                  ("Ryl’sk", "RU"), ("L’govskiy", "RU")]
    for date, geom, target, kind, sources, scale, why in areas:
        for name, cc in never_held:
            r = dc.gazetteer_place(rows, name, cc, BOX)
            assert not dc.contains(geom, r["lon"], r["lat"]), (date, name)
        inside = dc.contains(geom, *SUDZHA)
        if date >= "2025-03-12":
            assert not inside, date
        if "2024-08-08" <= date <= "2025-03-10":
            assert inside, date
        # The oblast outline (admin1-10m) is generalised differently from
        # the border (countries-10m): allow about 1 km of difference.
        outside = dc.area_km2(geom.Difference(kursk_oblast.Buffer(0.01)))
        assert outside < 0.5, (date, outside)
        assert rus.Contains(geom), date

    features = []
    table = []
    for date, geom, target, kind, sources, scale, why in areas:
        a = dc.area_km2(geom)
        table.append((date, a, target, kind, scale))
        features.append({
            "type": "Feature",
            "id": f"ua-{date}",
            "properties": {
                "date": date,
                "faction": "ua",
                "status": "controlled",
                "source": sources[0] if len(sources) == 1 else sources,
                "approximate": True,
                "note": note_for(date, kind, target, sources, why),
            },
            "geometry": dc.to_geojson(geom),
        })
        if date == BERDIN_DATE:
            push_only = dc.without_slivers(geom.Difference(areas[[d for d, *_ in areas].index("2025-01-01")][1]))
            push_only = dc.rounded(push_only, rus)
            berdin_push_km2 = dc.area_km2(push_only)

    # The Russian claim that Berdin was cleared: the tongue of the push.
    features.append({
        "type": "Feature",
        "id": f"ru-claimed-{BERDIN_CLAIM_DATE}",
        "properties": {
            "date": BERDIN_CLAIM_DATE,
            "faction": "ru",
            "status": "claimed",
            "valid_until": BERDIN_CLAIM_UNTIL,
            "source": "000",
            "approximate": True,
            "note": "Russian military bloggers claimed on Thursday 9 January that Ukraine had been "
                    "cleared of Berdin (source 000, citing the Institute for the Study of War). The "
                    "claim is shown on the whole tongue of the January push, whose position is itself "
                    "approximate; the article does not confirm it. Shown until the next data date "
                    "(1 February), from which the push is no longer drawn as Ukrainian-held.",
        },
        "geometry": dc.to_geojson(push_only),
    })

    # Places the articles name in Kursk oblast, and Korenevo (see its note).
    sudzha = dc.gazetteer_place(rows, "Sudzha", "RU", BOX)
    bs = dc.gazetteer_place(rows, "Bol’shoye Soldatskoye", "RU", BOX)
    korenevo = dc.gazetteer_place(rows, "Korenëvo", "RU", BOX)
    assert (sudzha["lon"], sudzha["lat"]) == SUDZHA
    features += [
        dc.place_feature("place-sudzha", sudzha, "Sudzha", "Суджа",
                         named_in=["000", "002"]),
        dc.place_feature("place-bolshoye-soldatskoye", bs, "Bolshoye Soldatskoye",
                         named_in=["000"]),
        dc.place_feature("place-korenevo", korenevo, "Korenevo", "Коренево",
                         named_in=[],
                         note="Not named in the sources; shown as a landmark for the "
                              "western flank that Russia retook in the autumn."),
    ]

    # Gazetteer places inside the 2024-08-14 area (003: 74 settlements).
    aug14 = next(g for d, g, *_ in areas if d == "2024-08-14")
    inside_aug14 = sorted(r["name"] for r in rows
                          if 50.8 < r["lat"] < 51.8 and 34.5 < r["lon"] < 36.0
                          and dc.contains(aug14, r["lon"], r["lat"]))

    meta = {
        "version": 1,
        "title": "Kursk incursion, August 2024 – March 2025",
        "description": (
            "Ground held by Ukraine in Russia's Kursk oblast around Sudzha, from the incursion of "
            "6 August 2024 to the withdrawal in March 2025. The polygons are APPROXIMATIONS built from "
            "the figures of four news articles, not surveys or front-line maps: for each date a rough "
            "front line was drawn by hand and scaled until its area matched the articles' figures "
            "(about 400 square miles on 13–14 August 2024; a largest extent of about 500 square miles "
            "derived from 'roughly 300 square miles' and 'lost about 40 percent' in January 2025; "
            "about nine square miles gained towards Berdin in January; 36 percent of the peak after "
            "Russia 'regained as much as 64 percent' in early March 2025; Sudzha abandoned on 12 March "
            "2025), or an interpolated value between them. The state border (Natural Earth 10m) bounds "
            "every area on the Ukrainian side. Dates without a figure, the shapes of the lines and the "
            "peak's date are the dataset makers' choices; each area's note says which figure it "
            "follows. Made with build-aux/datasets/make-kursk.py."),
        "attribution": ("Areas, stops and notes: the Frontline developers, from the cited articles. "
                        "State border: Made with Natural Earth. Place coordinates: GeoNames, CC BY 4.0. "
                        "Quotes are short excerpts of the cited articles, which remain their authors' "
                        "and publishers'."),
        "license": "CC0-1.0",
        "license_notes": ("CC0-1.0 applies to the data made for this dataset (areas, stops, notes, "
                          "source descriptions). The place coordinates come from GeoNames (CC BY 4.0, "
                          "attribution above); the border from Natural Earth (public domain); the quotes "
                          "are excerpts of the articles, quoted for reference."),
        "factions": [
            {"id": "ua", "name": "Ukraine", "color": "#0057b7"},
            {"id": "ru", "name": "Russia", "color": "#d52b1e"},
        ],
        "sources": [{k: v for k, v in s.items()} for s in SOURCES],
        "quotes": QUOTES,
        "stops": STOPS,
        "default_view": {"center": [35.23, 51.24], "zoom": 10},
    }

    if args.seeds:
        dc.check_quotes(QUOTES, SOURCES, args.seeds)

    dc.write_dataset(OUT, meta, features)

    print("date,area_km2,area_sq_mi,target_km2,kind,scale")
    for date, a, target, kind, scale in table:
        print(f"{date},{a:.1f},{a / dc.SQ_MI_KM2:.1f},{target:.1f},{kind},{scale:.3f}")
    print(f"berdin push only: {berdin_push_km2:.1f} km² = {berdin_push_km2 / dc.SQ_MI_KM2:.1f} sq mi")
    print(f"gazetteer places inside the 2024-08-14 area: {len(inside_aug14)}: {', '.join(inside_aug14)}")


if __name__ == "__main__":
    main()

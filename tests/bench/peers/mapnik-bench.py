#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mapnik on Frontline's benchmark workloads: the peer of bench-load,
bench-frame and bench-export, measured the same way (see run-peers.py, which
runs both side by side and prints the ratios).

    mapnik-bench.py load   WORKLOAD.geojson [REPEATS]
    mapnik-bench.py frame  WORKLOAD.geojson
    mapnik-bench.py export WORKLOAD.geojson [--zoom Z] [OUTPUT.png]

Needs Mapnik's Python module: on Debian `apt install python3-mapnik`, which
installs it for /usr/bin/python3 only.

load    Mapnik's GeoJSON datasource with its features cached (it parses the
        whole file and builds every geometry), then the envelope and one full
        pass over the features, so nothing is left lazy. Per repeat: wall and
        CPU time (time.process_time); the process's peak RSS at the end.
frame   One date's features (a filter on the `date` property, one style per
        faction with fill and outline) rendered at 1920x1080 in Web Mercator,
        centred on the front (36.5 E, 49.5 N, as bench-frame) at zooms 5, 8
        and 11 (256-pixel tiles). As bench-frame: 24 dates per zoom, each
        rendered twice; the second (warm) render's time, filter switch
        included, median. The first date's render is sampled (every 16th
        pixel each way) for faction colours: none is an error.
export  The last date's features at 3840x2160, scale factor 2, fitted to the
        data's extent, or with --zoom at Frontline's view (the data's centre
        at zoom Z for 1920x1080, twice as sharp; run-peers.py passes the
        zoom bench-export printed):
        render and PNG encode timed apart (png32: true colour, as Frontline's
        libpng writer; Mapnik's default `png`, paletted, too), 5 runs,
        medians. The PNG is then read back and counted (every 4th pixel
        each way): pixels of each faction's colour, none being an error, so
        the figure never compares against an empty render.

Output: one figure a line, `KEY: VALUE UNIT`, what run-peers.py parses.
"""

import math
import os
import resource
import statistics
import sys
import tempfile
import time

try:
    import mapnik
except ImportError:
    print("mapnik-bench: no mapnik module for %s: apt install python3-mapnik"
          % sys.executable, file=sys.stderr)
    sys.exit(77)

# As generate-workload.py: the factions and their colours.
FACTIONS = (("ua", "#0057b7"), ("ru", "#d52b1e"))
FILL_OPACITY = 0.6
MERCATOR = "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs +over"
HALF_WORLD = math.pi * 6378137.0


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def load_datasource(path):
    ds = mapnik.Datasource(type="geojson", file=path, cache_features=True)
    ds.envelope()
    n = 0
    for feature in ds.all_features():
        n += 1
    return ds, n


def dates_of(ds):
    dates = set()
    for feature in ds.all_features():
        dates.add(feature["date"])
    return sorted(dates)


def make_map(ds, width, height):
    m = mapnik.Map(width, height, MERCATOR)
    m.background = mapnik.Color(255, 255, 255, 0)
    for faction, colour in FACTIONS:
        style = mapnik.Style()
        rule = mapnik.Rule()
        rule.filter = mapnik.Expression("[faction] = '%s'" % faction)
        fill = mapnik.PolygonSymbolizer()
        fill.fill = mapnik.Color(colour)
        fill.fill_opacity = FILL_OPACITY
        line = mapnik.LineSymbolizer()
        line.stroke = mapnik.Color(colour)
        line.stroke_width = 1.5
        rule.symbols.append(fill)
        rule.symbols.append(line)
        style.rules.append(rule)
        m.append_style("faction-" + faction, style)
    layer = mapnik.Layer("areas", "epsg:4326")
    layer.datasource = ds
    for faction, colour in FACTIONS:
        layer.styles.append("faction-" + faction)
    m.layers.append(layer)
    return m


def set_date(m, date):
    """The date switch: each faction's rule filters on the date."""
    for faction, colour in FACTIONS:
        style = m.find_style("faction-" + faction)
        rule = style.rules[0]
        rule.filter = mapnik.Expression("[faction] = '%s' and [date] = '%s'" % (faction, date))
        # find_style returns a copy: put it back.
        m.remove_style("faction-" + faction)
        m.append_style("faction-" + faction, style)


def mercator(lon, lat):
    x = math.radians(lon) * 6378137.0
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * 6378137.0
    return x, y


def centre_on(m, lon, lat, zoom):
    x, y = mercator(lon, lat)
    res = 2 * HALF_WORLD / (256 * 2 ** zoom)
    w = m.width * res / 2
    h = m.height * res / 2
    m.zoom_to_box(mapnik.Box2d(x - w, y - h, x + w, y + h))


def count_colours(image, step=4):
    """Pixels (every step-th in each direction) whose colour is closest to
    each faction's: blue dominant for ua, red for ru."""
    counts = {"ua": 0, "ru": 0}
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = image.get_pixel(x, y, True)
            if c.a < 64:
                continue
            if c.b > c.r + 60:
                counts["ua"] += 1
            elif c.r > c.b + 60:
                counts["ru"] += 1
    return counts


def bench_load(path, repeats):
    # Python and Mapnik's libraries alone, before any data.
    print("memory before loading: %.0f MiB" % peak_rss_mib())
    walls, cpus = [], []
    n = 0
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        ds, n = load_datasource(path)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
        del ds
    size = os.path.getsize(path) / (1024.0 * 1024.0)
    print("file: %.1f MiB" % size)
    print("features: %d" % n)
    print("runs: %d" % repeats)
    print("load wall: %.3f s" % statistics.median(walls))
    print("load cpu: %.3f s" % statistics.median(cpus))
    print("peak memory: %.0f MiB" % peak_rss_mib())


def bench_frame(path):
    ds, n = load_datasource(path)
    dates = dates_of(ds)
    m = make_map(ds, 1920, 1080)
    image = mapnik.Image(1920, 1080)
    for z, zoom in enumerate((5, 8, 11)):
        centre_on(m, 36.5, 49.5, zoom)
        cold, warm = [], []
        painted = 0
        for i in range(24):
            date = dates[(i * 15 + z * 5) % len(dates)]
            for rep in range(2):
                start = time.perf_counter()
                set_date(m, date)
                image.clear()
                mapnik.render(m, image)
                ms = (time.perf_counter() - start) * 1000.0
                (cold if rep == 0 else warm).append(ms)
            if i == 0:
                counts = count_colours(image, 16)
                painted = counts["ua"] + counts["ru"]
                if painted == 0:
                    print("mapnik-bench: zoom %d: the render of %s is empty" % (zoom, date),
                          file=sys.stderr)
                    sys.exit(1)
        print("zoom %d warm: %.2f ms" % (zoom, statistics.median(warm)))
        print("zoom %d cold: %.2f ms" % (zoom, statistics.median(cold)))
        print("zoom %d painted samples: %d px" % (zoom, painted))
    print("peak memory: %.0f MiB" % peak_rss_mib())


def bench_export(path, output, zoom=None):
    ds, n = load_datasource(path)
    dates = dates_of(ds)
    m = make_map(ds, 3840, 2160)
    set_date(m, dates[-1])
    e = ds.envelope()
    x0, y0 = mercator(e.minx, e.miny)
    x1, y1 = mercator(e.maxx, e.maxy)
    if zoom is None:
        m.zoom_to_box(mapnik.Box2d(x0, y0, x1, y1))
    else:
        # Frontline's view: the data's centre, at ZOOM for 1920x1080 and
        # twice as many pixels each way.
        res = 2 * HALF_WORLD / (256 * 2 ** zoom) / 2
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        w, h = 3840 * res / 2, 2160 * res / 2
        m.zoom_to_box(mapnik.Box2d(cx - w, cy - h, cx + w, cy + h))
    print("zoom: %.2f (for 1920x1080)" % math.log2(2 * HALF_WORLD / 256 / (m.scale() * 2)))
    renders, encodes, encodes8 = [], [], []
    for _ in range(5):
        image = mapnik.Image(3840, 2160)
        start = time.perf_counter()
        mapnik.render(m, image, 2.0)
        renders.append((time.perf_counter() - start) * 1000.0)
        start = time.perf_counter()
        image.save(output, "png32")
        encodes.append((time.perf_counter() - start) * 1000.0)
        start = time.perf_counter()
        image.tostring("png")
        encodes8.append((time.perf_counter() - start) * 1000.0)
    size = os.path.getsize(output) / (1024.0 * 1024.0)
    counts = count_colours(mapnik.Image.open(output))
    print("date: %s" % dates[-1])
    print("render: %.0f ms" % statistics.median(renders))
    print("encode png32: %.0f ms" % statistics.median(encodes))
    print("encode png8: %.0f ms" % statistics.median(encodes8))
    print("export: %.0f ms" % (statistics.median(renders) + statistics.median(encodes)))
    print("png32 file: %.1f MiB" % size)
    print("ua pixels: %d px" % counts["ua"])
    print("ru pixels: %d px" % counts["ru"])
    print("peak memory: %.0f MiB" % peak_rss_mib())
    if counts["ua"] == 0 or counts["ru"] == 0:
        print("mapnik-bench: %s lacks a faction's colour: ua %d, ru %d sampled pixels"
              % (output, counts["ua"], counts["ru"]), file=sys.stderr)
        sys.exit(1)


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("load", "frame", "export"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "load":
        bench_load(path, int(sys.argv[3]) if len(sys.argv) > 3 else 3)
    elif mode == "frame":
        bench_frame(path)
    else:
        rest = sys.argv[3:]
        zoom = None
        if "--zoom" in rest:
            i = rest.index("--zoom")
            zoom = float(rest[i + 1])
            del rest[i:i + 2]
        if rest:
            bench_export(path, rest[0], zoom)
        else:
            with tempfile.TemporaryDirectory(prefix="frontline-mapnik-") as folder:
                bench_export(path, os.path.join(folder, "export.png"), zoom)


if __name__ == "__main__":
    main()

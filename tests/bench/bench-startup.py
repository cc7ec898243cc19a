#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Startup of the window: time from exec to the window mapped and to its first
frames, and the memory once idle.

Starts FRONTLINE (default: _build/src/frontline) on DATASET (default: Kursk)
under the current DISPLAY, with fresh memory settings and a scratch XDG home,
RUNS times for each renderer (the default, then GSK_RENDERER=cairo), and prints
medians: exec -> mapped, exec -> first frame, exec -> the dataset's first frame,
load end -> the chart's series, and VmRSS and Pss after IDLE seconds idle.
The app logs its marks with G_MESSAGES_DEBUG=frontline-startup (monotonic
microseconds, src/frontline-window.c). Needs a session bus: run it under
dbus-run-session (it re-runs itself under one when there is none).

  tests/bench/bench-startup.py [--runs N] [--idle S] [--renderer NAME ...] [FRONTLINE [DATASET]]

With a big DATASET it also tells the window's load, start to end, in wall
and CPU time (the process's, from the app's marks): compare with
`/usr/bin/time FRONTLINE --check DATASET`.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

MARK = re.compile(r"frontline-startup-DEBUG: [0-9:.]+: (\S+) (\d+)(?: cpu (\d+))?")
WANTED = ("mapped", "first-frame", "dataset-frame")


def read_kib(path, key):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def run_once(frontline, dataset, renderer, idle, srcdir):
    env = dict(os.environ)
    home = tempfile.mkdtemp(prefix="bench-startup-")
    env.update({
        "GSETTINGS_BACKEND": "memory",
        "GSETTINGS_SCHEMA_DIR": os.path.join(os.path.dirname(os.path.dirname(frontline)), "data"),
        "G_MESSAGES_DEBUG": "frontline-startup",
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
        "XDG_STATE_HOME": os.path.join(home, "state"),
    })
    env.pop("GSK_RENDERER", None)
    if renderer != "default":
        env["GSK_RENDERER"] = renderer
    log = open(os.path.join(home, "stderr"), "w+")
    start = time.clock_gettime(time.CLOCK_MONOTONIC)
    proc = subprocess.Popen([frontline, dataset], env=env, stdout=log, stderr=subprocess.STDOUT)
    marks = {}
    cpus = {}
    deadline = start + 120
    try:
        while time.clock_gettime(time.CLOCK_MONOTONIC) < deadline:
            time.sleep(0.02)
            log.seek(0)
            for m in MARK.finditer(log.read()):
                marks.setdefault(m.group(1), int(m.group(2)) / 1e6 - start)
                cpus.setdefault(m.group(1), int(m.group(3) or 0) / 1e6)
            if all(w in marks for w in WANTED) and ("chart-series" in marks or
                                                    marks["dataset-frame"] + 30 < time.clock_gettime(time.CLOCK_MONOTONIC) - start):
                break
            if proc.poll() is not None:
                break
        time.sleep(idle)
        status = "/proc/%d/status" % proc.pid
        rss = read_kib(status, "VmRSS")
        pss = read_kib("/proc/%d/smaps_rollup" % proc.pid, "Pss")
        cpu = None
        try:
            with open("/proc/%d/stat" % proc.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
                cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            pass
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.seek(0)
        errors = [l for l in log.read().splitlines() if "WARNING" in l or "CRITICAL" in l]
        log.close()
        shutil.rmtree(home, ignore_errors=True)
    for e in errors:
        print("  app:", e, file=sys.stderr)
    return marks, rss, pss, cpu, cpus


def fmt(values, scale=1.0, unit=""):
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    return "%.0f%s (%s)" % (statistics.median(values) * scale, unit,
                            " ".join("%.0f" % (v * scale) for v in values))


def main():
    srcdir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("frontline", nargs="?", default=os.path.join(srcdir, "_build/src/frontline"))
    parser.add_argument("dataset", nargs="?",
                        default=os.path.join(srcdir, "data/datasets/kursk-2024-2025.geojson"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=3.0)
    parser.add_argument("--renderer", action="append", help="default, cairo, gl, ngl... (repeat)")
    args = parser.parse_args()

    if "DBUS_SESSION_BUS_ADDRESS" not in os.environ:
        os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable] + sys.argv)
    if "DISPLAY" not in os.environ and "WAYLAND_DISPLAY" not in os.environ:
        sys.exit("bench-startup: no DISPLAY")

    print("bench-startup: %s on %s, %d runs, idle %.1f s, DISPLAY=%s, load average %s" % (
        args.frontline, os.path.basename(args.dataset), args.runs, args.idle,
        os.environ.get("DISPLAY"), os.getloadavg()[0]))
    for renderer in args.renderer or ["default", "cairo"]:
        results = [run_once(os.path.abspath(args.frontline), os.path.abspath(args.dataset),
                            renderer, args.idle, srcdir) for _ in range(args.runs)]
        marks = [r[0] for r in results]
        print("renderer %s:" % renderer)
        for name in ("mapped", "first-frame", "dataset-frame"):
            print("  exec -> %-14s %s" % (name, fmt([m.get(name) for m in marks], 1000, " ms")))
        print("  load end -> chart series  %s" % fmt(
            [m["chart-series"] - m["load-end"] if "chart-series" in m and "load-end" in m else None
             for m in marks], 1000, " ms"))
        print("  load start -> end: wall %s, CPU %s" % (
            fmt([m["load-end"] - m["load-start"] if "load-end" in m and "load-start" in m else None
                 for m in marks], 1000, " ms"),
            fmt([r[4]["load-end"] - r[4]["load-start"] if "load-end" in r[4] and "load-start" in r[4]
                 else None for r in results], 1000, " ms")))
        print("  idle VmRSS  %s" % fmt([r[1] for r in results], 1 / 1024, " MiB"))
        print("  idle Pss    %s" % fmt([r[2] for r in results], 1 / 1024, " MiB"))
        print("  CPU to idle %s" % fmt([r[3] for r in results], 1000, " ms"))


if __name__ == "__main__":
    main()

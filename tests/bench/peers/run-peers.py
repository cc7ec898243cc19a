#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Frontline beside Mapnik on one workload, in one run: prints a table of
medians and ratios (Frontline / Mapnik: below 1, Frontline is faster) and the
machine, so anyone can repeat the comparison.

    run-peers.py [--bench-dir DIR] [--mapnik-python PYTHON] [--repeats N]
                 {load,frame,export} WORKLOAD.geojson
    run-peers.py --self-test      (the output parser, on sample lines)

load    bench-load WORKLOAD N      beside  mapnik-bench.py load WORKLOAD N
frame   bench-frame WORKLOAD       beside  mapnik-bench.py frame WORKLOAD
export  bench-export WORKLOAD      beside  mapnik-bench.py export WORKLOAD

--bench-dir is where Frontline's bench-* programs are (the build's
tests/bench; by default _build/tests/bench of this checkout). Mapnik runs
under the first Python that has its module: --mapnik-python,
$FRONTLINE_MAPNIK_PYTHON, /usr/bin/python3 (Debian's python3-mapnik), this
Python. Without one, exits 77 (meson's skip) and says how to install it.

What is read from Frontline's programs (the contract with tests/bench/*.c):
each figure is a line of standard output `KEY: ... VALUE UNIT ...`, KEY
before the first colon, UNIT one of s, ms, MiB, px. When the text after the colon
has `median VALUE UNIT`, that is the figure, else the first `VALUE UNIT`.
The keys read (case and spaces ignored):
  load        `load` (wall, per load), `load cpu` (CPU per load) if printed;
  frame       `zoom N` or `zoom N warm` (the warm date switch at zoom N);
              lines whose key has `cold` are skipped;
  export      `export` (the whole 4K PNG export), `render` and `encode` or
              `png encode` (the drawing and the PNG encoding alone) if
              printed; `(zoom Z` anywhere, the view's zoom at 1920x1080,
              which Mapnik then draws too (else it fits the data's extent).
Lines that match no key are shown as they are, under the table. Peak memory
and, when the program prints no CPU figure, CPU time are measured here, from
the child's own rusage (os.wait4): for load, the CPU per load is the
process's CPU divided by the loads it made, its runs plus one asynchronous
load (as bench-load does them), so a `load cpu:` line is preferred.
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MAPNIK_SCRIPT = os.path.join(HERE, "mapnik-bench.py")
SKIP = 77

TABLE_ROW = re.compile(r"^\s*([^:]+?)\s{2,}(-?[0-9]+(?:\.[0-9]+)?) ms wall\s+(-?[0-9]+(?:\.[0-9]+)?) ms CPU\s*$")
FIGURE = re.compile(r"(?:median\s+)?(-?[0-9]+(?:\.[0-9]+)?)\s*(ms|s|MiB|px)\b")


def parse_figures(text):
    """{key: (value, unit)} for every `KEY: ... VALUE UNIT` line, the value in
    ms for times; keys lowercased with single spaces."""
    figures = {}
    rest = []
    for line in text.splitlines():
        # bench-export's table: "NAME   258 ms wall   467 ms CPU".
        row = TABLE_ROW.match(line)
        if row is not None:
            key = " ".join(row.group(1).lower().split())
            figures[key] = (float(row.group(2)), "ms")
            figures[key + " cpu"] = (float(row.group(3)), "ms")
            continue
        if ":" not in line:
            rest.append(line)
            continue
        key, _, tail = line.partition(":")
        key = " ".join(key.lower().split())
        match = re.search(r"median\s+(-?[0-9]+(?:\.[0-9]+)?)\s*(ms|s|MiB|px)\b", tail)
        if match is None:
            match = FIGURE.search(tail)
        if match is None or os.sep in key:
            rest.append(line)
            continue
        value, unit = float(match.group(1)), match.group(2)
        if unit == "s":
            value, unit = value * 1000.0, "ms"
        figures[key] = (value, unit)
    return figures, rest


def self_test():
    """Checks the parser on the bench programs' outputs, old and new forms."""
    figures, rest = parse_figures(
        "/tmp/w-S.geojson: 1.7 MiB, 40 areas\n"
        "  load: median 0.057 s (min 0.041, max 0.069, 9 runs)\n"
        "  peak memory: 21 MiB (12.31x the file)\n"
        "zoom  5: date switch (state + 1920x1080 frame) median 2.10 ms warm, 40.1 ms cold\n"
        "zoom 8 warm: 6.8 ms\n"
        "zoom 8 cold: 60 ms\n"
        "  export: median 1300 ms (min 1200, max 1400, 5 runs)\n"
        "  encode: 0.41 s\n"
        "load cpu: 19.6 s\n"
        "ua pixels: 12 px\n"
        "  export to a file (total)         258 ms wall     467 ms CPU\n"
        "  CPU time (user + system, all threads): median 4.334 s (min 3.817, max 6.389)\n")
    expected = {"load": 57.0, "peak memory": 21.0, "zoom 5": 2.10, "zoom 8 warm": 6.8,
                "zoom 8 cold": 60.0, "export": 1300.0, "encode": 410.0, "load cpu": 19600.0,
                "ua pixels": 12.0, "export to a file (total)": 258.0,
                "export to a file (total) cpu": 467.0,
                "cpu time (user + system, all threads)": 4334.0}
    for key, value in expected.items():
        got = figures.get(key, (None,))[0]
        if got is None or abs(got - value) > 1e-6:
            fail("self-test: %r read as %r, expected %r" % (key, got, value))
    if len(rest) != 1 or "40 areas" not in rest[0]:
        fail("self-test: the file's line should stay unparsed: %r" % rest)
    print("run-peers: self-test passed")
    return 0


def run(argv, env=None):
    """Runs argv; (stdout, exit status, wall s, CPU s, peak RSS MiB) of the
    child alone."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, env=env, text=True)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return out, child.returncode, wall, cpu, usage.ru_maxrss / 1024.0


def find_mapnik_python(requested):
    candidates = [requested, os.environ.get("FRONTLINE_MAPNIK_PYTHON"), "/usr/bin/python3",
                  sys.executable]
    for python in candidates:
        if not python or shutil.which(python) is None:
            continue
        probe = subprocess.run([python, "-c", "import mapnik; print(mapnik.mapnik_version())"],
                               capture_output=True, text=True)
        if probe.returncode == 0:
            v = int(probe.stdout.strip() or 0)
            return python, "%d.%d.%d" % (v // 100000, v // 100 % 1000, v % 100)
    return None, None


def machine():
    model = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return model


def busy_processes(seconds=1.0, limit=4):
    """The other processes that used the most CPU over a short sample, so a
    figure says what else ran: ["NAME 95%", ...]."""
    def sample():
        ticks = {}
        for pid in os.listdir("/proc"):
            if not pid.isdigit() or int(pid) == os.getpid():
                continue
            try:
                with open("/proc/%s/stat" % pid) as f:
                    stat = f.read()
            except OSError:
                continue
            name = stat[stat.find("(") + 1:stat.rfind(")")]
            fields = stat[stat.rfind(")") + 2:].split()
            ticks[pid] = (name, int(fields[11]) + int(fields[12]))
        return ticks

    try:
        before = sample()
        time.sleep(seconds)
        after = sample()
    except (OSError, ValueError, IndexError):
        return []
    hz = os.sysconf("SC_CLK_TCK")
    used = []
    for pid, (name, t) in after.items():
        if pid in before:
            share = (t - before[pid][1]) / hz / seconds * 100.0
            if share >= 5:
                used.append((share, name))
    used.sort(reverse=True)
    return ["%s %.0f%%" % (name, share) for share, name in used[:limit]]


def source_revision():
    """The commit of the Frontline source this runs from, "+" when modified."""
    try:
        head = subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "-C", HERE, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    if head.returncode != 0:
        return "unknown"
    return head.stdout.strip() + ("+" if dirty.stdout.strip() else "")


def fmt(value, unit):
    if value is None:
        return "-"
    if unit == "ms":
        return "%.3f s" % (value / 1000.0) if value >= 1000 else "%.1f ms" % value
    return "%.0f %s" % (value, unit)


def row(rows, what, frontline, mapnik, unit):
    ratio = "%.2f" % (frontline / mapnik) if frontline is not None and mapnik else "-"
    rows.append((what, fmt(frontline, unit), fmt(mapnik, unit), ratio))


def first(figures, *keys):
    for key in keys:
        if key in figures:
            return figures[key][0]
    return None


def fail(message):
    print("run-peers: " + message, file=sys.stderr)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench-dir", default=None,
                        help="the folder of bench-load, bench-frame and bench-export")
    parser.add_argument("--mapnik-python", default=None)
    parser.add_argument("--repeats", type=int, default=3, help="loads per side (load)")
    parser.add_argument("what", choices=("load", "frame", "export"))
    parser.add_argument("workload")
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    args = parser.parse_args()

    python, mapnik_version = find_mapnik_python(args.mapnik_python)
    if python is None:
        print("run-peers: skipped: no Python with Mapnik's module (tried /usr/bin/python3 and "
              "%s). Install it: `apt install python3-mapnik` (Debian), or "
              "`build-aux/install-deps --benchmarks`." % sys.executable)
        return SKIP

    # By hand, from a checkout built in _build.
    bench_dir = args.bench_dir or os.path.normpath(
        os.path.join(HERE, "..", "..", "..", "_build", "tests", "bench"))
    program = os.path.join(bench_dir, "bench-" + args.what)
    if not os.access(program, os.X_OK):
        fail("no %s: build with -Dbenchmarks=true, or give --bench-dir" % program)
    if not os.path.isfile(args.workload):
        fail("no workload %s" % args.workload)

    load_at_start = os.getloadavg()
    size = os.path.getsize(args.workload) / (1024.0 * 1024.0)
    print("Frontline %s beside Mapnik %s: %s on %s (%.1f MiB)"
          % (source_revision(), mapnik_version, args.what, os.path.basename(args.workload), size))
    print("machine: %s, %d CPUs (%d usable), %s; load average at start %.2f %.2f %.2f"
          % (machine(), os.cpu_count(), len(os.sched_getaffinity(0)), platform.platform(),
             *load_at_start))
    print("started %s; busiest other processes: %s"
          % (time.strftime("%Y-%m-%d %H:%M:%S %Z"), ", ".join(busy_processes()) or "none"))
    sys.stdout.flush()

    if args.what == "load":
        f_argv = [program, args.workload, str(args.repeats)]
        m_argv = [python, MAPNIK_SCRIPT, "load", args.workload, str(args.repeats)]
    else:
        f_argv = [program, args.workload]
        m_argv = [python, MAPNIK_SCRIPT, args.what, args.workload]

    f_out, f_status, f_wall, f_cpu, f_rss = run(f_argv)
    if f_status != 0:
        sys.stdout.write(f_out)
        fail("%s exited with %d" % (" ".join(f_argv), f_status))
    if args.what == "export":
        # The same view as Frontline's, when its output names the zoom.
        zoom = re.search(r"\(zoom ([0-9]+(?:\.[0-9]+)?)", f_out)
        if zoom:
            m_argv += ["--zoom", zoom.group(1)]
    m_out, m_status, m_wall, m_cpu, m_rss = run(m_argv)
    if m_status != 0:
        sys.stdout.write(m_out)
        fail("%s exited with %d" % (" ".join(m_argv), m_status))

    ff, f_rest = parse_figures(f_out)
    mf, _ = parse_figures(m_out)
    rows = []

    if args.what == "load":
        f_load = first(ff, "load wall", "load")
        if f_load is None:
            fail("no `load:` figure in the output of %s:\n%s" % (program, f_out))
        f_load_cpu = first(ff, "load cpu", "cpu", "cpu time (user + system, all threads)")
        if f_load_cpu is None:
            runs = re.search(r"([0-9]+) runs", f_out)
            loads = (int(runs.group(1)) if runs else args.repeats) + 1
            f_load_cpu = f_cpu * 1000.0 / loads
        row(rows, "load, wall (median)", f_load, first(mf, "load wall"), "ms")
        row(rows, "load, CPU (median)", f_load_cpu, first(mf, "load cpu"), "ms")
        row(rows, "peak memory (process)", f_rss, m_rss, "MiB")
        rows.append(("peak memory / file", "%.2fx" % (f_rss / size), "%.2fx" % (m_rss / size),
                     "%.2f" % (f_rss / m_rss)))
    elif args.what == "frame":
        for zoom in (5, 8, 11):
            f_ms = None
            for key, (value, unit) in ff.items():
                if re.fullmatch(r"zoom %d( warm)?( .*)?" % zoom, key) and "cold" not in key:
                    f_ms = value
                    break
            if f_ms is None:
                fail("no `zoom %d:` figure in the output of %s:\n%s" % (zoom, program, f_out))
            row(rows, "date switch 1920x1080 z%d, warm (median)" % zoom, f_ms,
                first(mf, "zoom %d warm" % zoom), "ms")
            if not first(mf, "zoom %d painted samples" % zoom):
                fail("Mapnik drew nothing at zoom %d" % zoom)
        row(rows, "peak memory (process)", f_rss, m_rss, "MiB")
    else:
        ua, ru = first(mf, "ua pixels"), first(mf, "ru pixels")
        if not ua or not ru:
            fail("Mapnik's 4K PNG lacks a faction's colour (ua %s, ru %s px): "
                 "the comparison would be against an empty render" % (ua, ru))
        f_export = first(ff, "export", "export to a file (total)")
        if f_export is None:
            fail("no `export:` figure in the output of %s:\n%s" % (program, f_out))
        row(rows, "3840x2160 PNG export (median; Frontline with basemap and labels)",
            f_export, first(mf, "export"), "ms")
        row(rows, "  render (Mapnik: areas only)", first(ff, "render", "draw", "areas"),
            first(mf, "render"), "ms")
        row(rows, "  PNG encode, true colour", first(ff, "encode", "png encode", "png encode, writer"),
            first(mf, "encode png32"), "ms")
        row(rows, "peak memory (process)", f_rss, m_rss, "MiB")

    rows.append(("whole process, wall", fmt(f_wall * 1000, "ms"), fmt(m_wall * 1000, "ms"),
                 "%.2f" % (f_wall / m_wall)))
    rows.append(("whole process, CPU", fmt(f_cpu * 1000, "ms"), fmt(m_cpu * 1000, "ms"),
                 "%.2f" % (f_cpu / m_cpu) if m_cpu else "-"))

    widths = [max(len(r[i]) for r in rows + [("what", "Frontline", "Mapnik", "ratio")])
              for i in range(4)]
    print()
    for i, r in enumerate([("what", "Frontline", "Mapnik", "ratio")] + rows):
        print("| %s | %s | %s | %s |" % (r[0].ljust(widths[0]), r[1].rjust(widths[1]),
                                         r[2].rjust(widths[2]), r[3].rjust(widths[3])))
        if i == 0:
            print("|%s|%s:|%s:|%s:|" % ("-" * (widths[0] + 2), "-" * (widths[1] + 1),
                                         "-" * (widths[2] + 1), "-" * (widths[3] + 1)))
    print()
    print("ratio: Frontline / Mapnik, below 1 is Frontline faster or smaller. "
          "Load average at the end %.2f %.2f %.2f" % os.getloadavg())
    print("whole process: each program as run, start to exit (%s)" % {
        "load": "Frontline's loads its runs and one asynchronous load, Mapnik's its runs",
        "frame": "each loads the workload, then 3 zooms x 24 dates x 2 renders",
        "export": "each loads the workload, then 5 exports; Frontline's also reads the basemap",
    }[args.what])
    print()
    print("Frontline (%s):" % " ".join(f_argv))
    sys.stdout.write(f_out)
    print("Mapnik (%s):" % " ".join(m_argv))
    sys.stdout.write(m_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

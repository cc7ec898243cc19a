#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desktop file offers Frontline for the formats it reads.

Usage: check-desktop-mime.py DESKTOP_FILE OGR_READER_C [GLOBS2]

Every suffix the GDAL reader takes (read_suffixes in frontline-ogr-reader.c)
that shared-mime-info gives a type of its own must have that type in
MimeType; so must the formats' registered types that shared-mime-info on
Debian 12 does not know yet (GeoPackage, Shapefile). Generic containers
(zip, csv) are not claimed. TAP output.
"""

import re
import sys

# Types Frontline claims whatever shared-mime-info knows.
REQUIRED = [
    "application/geo+json",
    "application/geopackage+sqlite3",
    "application/vnd.google-earth.kml+xml",
    "application/vnd.google-earth.kmz",
    "application/x-shapefile",
]
# Suffixes whose type says nothing about geography.
GENERIC = {"zip", "csv"}


def main():
    desktop, reader = sys.argv[1], sys.argv[2]
    globs2 = sys.argv[3] if len(sys.argv) > 3 else "/usr/share/mime/globs2"

    with open(desktop, encoding="utf-8") as f:
        lines = [line.strip() for line in f]
    mime = next((line.split("=", 1)[1] for line in lines if line.startswith("MimeType=")), "")
    offered = {t for t in mime.split(";") if t}

    with open(reader, encoding="utf-8") as f:
        source = f.read()
    match = re.search(r"read_suffixes\[\]\s*=\s*\{(.*?)\}", source, re.S)
    suffixes = re.findall(r'"([a-z0-9]+)"', match.group(1)) if match else []

    known = {}
    try:
        with open(globs2, encoding="utf-8") as f:
            for line in f:
                parts = line.strip().split(":")
                if len(parts) >= 3 and parts[2].startswith("*."):
                    known.setdefault(parts[2][2:], parts[1])
    except FileNotFoundError:
        pass

    failures = []
    if not suffixes:
        failures.append(f"no read_suffixes found in {reader}")
    for t in REQUIRED:
        if t not in offered:
            failures.append(f"MimeType lacks {t}")
    for suffix in suffixes:
        t = known.get(suffix)
        if t is not None and suffix not in GENERIC and t not in offered:
            failures.append(f"MimeType lacks {t} (shared-mime-info's type of .{suffix})")

    print("1..1")
    if failures:
        for failure in failures:
            print(f"# {desktop}: {failure}")
        print("not ok 1 - the desktop file offers the formats Frontline reads")
        return 1
    print("ok 1 - the desktop file offers the formats Frontline reads")
    return 0


if __name__ == "__main__":
    sys.exit(main())

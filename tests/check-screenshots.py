#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-screenshots.py METAINFO SCREENSHOTS_DIR
#
# Every screenshot the metainfo lists is a PNG in data/screenshots/ (its URL
# is where that file is published), at least 624 pixels wide as AppStream
# asks, of the size the metainfo says; there are at least two, and the
# first is the default.

import struct
import sys
import xml.etree.ElementTree as ET

PREFIX = 'https://raw.githubusercontent.com/frontline/frontline/main/data/screenshots/'


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n' or head[12:16] != b'IHDR':
        raise ValueError(f'{path}: not a PNG file')
    return struct.unpack('>II', head[16:24])


def main():
    metainfo, folder = sys.argv[1], sys.argv[2]
    failures = []
    shots = ET.parse(metainfo).getroot().findall('./screenshots/screenshot')

    if len(shots) < 2:
        failures.append(f'{metainfo}: {len(shots)} screenshot(s), at least 2 wanted')
    if shots and shots[0].get('type') != 'default':
        failures.append(f'{metainfo}: the first screenshot is not type="default"')
    for shot in shots:
        image = shot.find('image')
        url = image.text.strip() if image is not None and image.text else ''
        if not url.startswith(PREFIX):
            failures.append(f'{metainfo}: screenshot “{url}” is not under {PREFIX}')
            continue
        path = f'{folder}/{url[len(PREFIX):]}'
        try:
            width, height = png_size(path)
        except (OSError, ValueError) as e:
            failures.append(f'{metainfo}: screenshot “{url}”: {e}')
            continue
        if width < 624:
            failures.append(f'{path}: {width} pixels wide, AppStream wants 624 or more')
        if image.get('width') != str(width) or image.get('height') != str(height):
            said = f'{image.get("width")}×{image.get("height")}'
            failures.append(f'{metainfo}: “{url}” says {said}, the file is {width}×{height}')
        if shot.find('caption') is None:
            failures.append(f'{metainfo}: “{url}” has no caption')

    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a file with translatable strings is missing from po/POTFILES.in,
when POTFILES.in names a file that does not exist or has no translatable
strings, or when it is not sorted. Prints TAP."""

import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')

MARKERS = {
    '.c': re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\('),
    '.ui': re.compile(r'translatable="yes"'),
    '.xml': re.compile(r'<(?:summary|description)>'),
    '.in': re.compile(r'^(?:Name|GenericName|Comment|Keywords)=|<summary>|<p>', re.M),
}


def marker_for(path):
    for ext, rx in MARKERS.items():
        if path.endswith(ext):
            return rx
    return None


def translatable_files():
    found = []
    for top in ('src', 'resources', 'data'):
        for dirpath, _dirs, files in os.walk(os.path.join(root, top)):
            for name in files:
                path = os.path.relpath(os.path.join(dirpath, name), root)
                rx = marker_for(path)
                if rx is None or path.endswith('.gresource.xml.in'):
                    continue
                with open(os.path.join(root, path), encoding='utf-8') as f:
                    if rx.search(f.read()):
                        found.append(path)
    return sorted(found)


def listed_files():
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return [line.strip() for line in f
                if line.strip() and not line.startswith('#')]


listed = listed_files()
wanted = translatable_files()
checks = [
    ('POTFILES.in is sorted', listed == sorted(listed), ''),
    ('every file with translatable strings is listed',
     not set(wanted) - set(listed),
     ', '.join(sorted(set(wanted) - set(listed)))),
    ('every listed file exists and has translatable strings',
     not set(listed) - set(wanted),
     ', '.join(sorted(set(listed) - set(wanted)))),
]

print('1..%d' % len(checks))
failed = 0
for i, (name, ok, detail) in enumerate(checks, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok:
        failed += 1
        print('# %s' % detail)
sys.exit(1 if failed else 0)

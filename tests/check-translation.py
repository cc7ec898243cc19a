#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a translation in po/LINGUAS lacks a message of the sources:
extracts the messages of po/POTFILES.in as meson's glib preset does, merges
each .po with them (without fuzzy matching) and counts what is untranslated
or fuzzy. Writes nothing in the source tree. Prints TAP."""

import os
import subprocess
import sys
import tempfile

root = sys.argv[1]
po = os.path.join(root, 'po')

KEYWORDS = ['--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
            '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3']

with open(os.path.join(po, 'LINGUAS'), encoding='utf-8') as f:
    languages = [l.strip() for l in f if l.strip() and not l.startswith('#')]

print(f'1..{len(languages)}')
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'messages.pot')
    subprocess.run(['xgettext', '--package-name=frontline', '--from-code=UTF-8', '--add-comments',
                    *KEYWORDS, '-D', root, '-f', os.path.join(po, 'POTFILES.in'), '-o', pot],
                   check=True)
    for n, lang in enumerate(languages, 1):
        merged = os.path.join(tmp, lang + '.po')
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', os.path.join(po, lang + '.po'),
                        pot, '-o', merged], check=True)
        stats = subprocess.run(['msgfmt', '--statistics', '-o', os.devnull, merged],
                               check=True, capture_output=True, text=True).stderr.strip()
        if 'untranslated' in stats or 'fuzzy' in stats:
            print(f'not ok {n} - {lang}: {stats}')
            listing = subprocess.run(['msgattrib', '--untranslated', '--only-fuzzy', '--no-obsolete',
                                      merged], capture_output=True, text=True).stdout
            listing += subprocess.run(['msgattrib', '--untranslated', '--no-obsolete', merged],
                                      capture_output=True, text=True).stdout
            for line in listing.splitlines():
                if line.startswith('#:'):
                    print('# ' + line)
        else:
            print(f'ok {n} - {lang}: every message translated')

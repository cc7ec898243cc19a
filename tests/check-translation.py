#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a translation in po/LINGUAS lacks a message of the sources:
extracts the messages of po/POTFILES.in as meson's glib preset does, merges
each .po with them (without fuzzy matching) and counts what is untranslated
or fuzzy. Also fails when xgettext warns about the sources (a message used
both with and without a plural, say) and when msgfmt --check finds a
translation whose plural forms or format directives do not match its
message. Writes nothing in the source tree. Prints TAP."""

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

print(f'1..{1 + 2 * len(languages)}')
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'messages.pot')
    extract = subprocess.run(['xgettext', '--package-name=frontline', '--from-code=UTF-8', '--add-comments',
                              *KEYWORDS, '-D', root, '-f', os.path.join(po, 'POTFILES.in'), '-o', pot],
                             check=True, capture_output=True, text=True)
    warnings = [line for line in extract.stderr.splitlines() if line.strip()]
    if warnings:
        print('not ok 1 - xgettext extracts the messages without a warning')
        for line in warnings:
            print('# ' + line)
    else:
        print('ok 1 - xgettext extracts the messages without a warning')
    for n, lang in enumerate(languages):
        merged = os.path.join(tmp, lang + '.po')
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', os.path.join(po, lang + '.po'),
                        pot, '-o', merged], check=True)
        stats = subprocess.run(['msgfmt', '--statistics', '-o', os.devnull, merged],
                               check=True, capture_output=True, text=True).stderr.strip()
        if 'untranslated' in stats or 'fuzzy' in stats:
            print(f'not ok {2 + 2 * n} - {lang}: {stats}')
            listing = subprocess.run(['msgattrib', '--untranslated', '--only-fuzzy', '--no-obsolete',
                                      merged], capture_output=True, text=True).stdout
            listing += subprocess.run(['msgattrib', '--untranslated', '--no-obsolete', merged],
                                      capture_output=True, text=True).stdout
            for line in listing.splitlines():
                if line.startswith('#:'):
                    print('# ' + line)
        else:
            print(f'ok {2 + 2 * n} - {lang}: every message translated')
        # Plural forms as many as the header's nplurals, and the same format
        # directives (%s, %d, %1$s…) in every translation as in its message.
        check = subprocess.run(['msgfmt', '--check', '-o', os.devnull, merged],
                               capture_output=True, text=True)
        if check.returncode != 0:
            print(f'not ok {3 + 2 * n} - {lang}: msgfmt --check')
            for line in check.stderr.splitlines():
                print('# ' + line.replace(merged, f'po/{lang}.po (merged)'))
        else:
            print(f'ok {3 + 2 * n} - {lang}: plural forms and format directives match')

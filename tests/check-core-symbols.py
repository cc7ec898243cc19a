#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# libfrontline-core is display-free: it may not call GTK, libadwaita or
# libshumate. Lists the undefined symbols of the static library with nm and
# fails on any of theirs. TAP output.
#
#   check-core-symbols.py NM LIBRARY

import subprocess
import sys

nm, library = sys.argv[1], sys.argv[2]
forbidden = ('gtk_', 'gdk_', 'adw_', 'shumate_')
# gdk-pixbuf is not GDK: the core decodes tiles with it.
allowed = ('gdk_pixbuf_',)

output = subprocess.run([nm, '-u', library], check=True, capture_output=True, text=True).stdout
symbols = sorted({line.split()[-1] for line in output.splitlines()
                  if line.strip() and not line.endswith(':')})
found = [s for s in symbols if s.startswith(forbidden) and not s.startswith(allowed)]

print('1..2')
print('ok 1 - nm -u lists %d undefined symbols' % len(symbols) if symbols
      else 'not ok 1 - nm -u lists no symbols at all')
if found:
    print('not ok 2 - the core calls the UI toolkit: ' + ', '.join(found[:20]))
else:
    print('ok 2 - no gtk_, gdk_, adw_ or shumate_ symbol')
sys.exit(1 if found or not symbols else 0)

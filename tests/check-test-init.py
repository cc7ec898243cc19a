#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a test's main() does not start with frontline_test_init() or
frontline_gtk_test_init(), whose log writer makes any WARNING or CRITICAL
fail the test. Prints TAP."""

import os
import re
import sys

here = sys.argv[1]
tests = sorted(f for f in os.listdir(here) if f.startswith('test-') and f.endswith('.c'))
print(f'1..{len(tests)}')
for n, name in enumerate(tests, 1):
    with open(os.path.join(here, name), encoding='utf-8') as f:
        text = f.read()
    main = text[text.find('\nmain ('):]
    if re.search(r'\bfrontline_(gtk_)?test_init \(', main):
        print(f'ok {n} - {name}')
    else:
        print(f'not ok {n} - {name}: main() must call frontline_test_init() or frontline_gtk_test_init()')

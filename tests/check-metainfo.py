#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-metainfo.py METAINFO APP_ID VERSION
#
# What software centres read beyond what appstreamcli validates: the
# component is the app id, launched by its desktop entry; the newest release
# is this version, with a date and notes; the content rating, the developer,
# the licences and the links are there; and the merged file carries the
# Ukrainian name, summary and description. Prints TAP.

import sys
import xml.etree.ElementTree as ET

LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def main():
    metainfo, app_id, version = sys.argv[1:4]
    root = ET.parse(metainfo).getroot()
    checks = []

    def check(name, ok, detail=''):
        checks.append((name, bool(ok), detail))

    check('a desktop application', root.get('type') == 'desktop-application')
    check('the id is the app id', root.findtext('id') == app_id, root.findtext('id'))
    launchable = root.find('launchable')
    check('launched by the desktop entry',
          launchable is not None and launchable.get('type') == 'desktop-id'
          and launchable.text == app_id + '.desktop')
    check('provides the frontline binary', root.findtext('provides/binary') == 'frontline')

    releases = root.findall('releases/release')
    newest = releases[0] if releases else None
    check('the newest release is the project version',
          newest is not None and newest.get('version') == version,
          f'newest release {newest.get("version") if newest is not None else None}, project {version}')
    check('every release has a date and notes',
          releases and all(r.get('date') and r.find('description') is not None for r in releases))
    dates = [r.get('date') or '' for r in releases]
    check('releases newest first', dates == sorted(dates, reverse=True), ', '.join(dates))

    rating = root.find('content_rating')
    check('an OARS content rating', rating is not None and rating.get('type', '').startswith('oars-'))
    check('the developer is named', (root.findtext('developer_name') or '').strip())
    check('licences', root.findtext('metadata_license') == 'CC0-1.0'
          and root.findtext('project_license') == 'GPL-3.0-or-later')
    urls = {u.get('type') for u in root.findall('url')}
    check('homepage, bug tracker and source links', {'homepage', 'bugtracker', 'vcs-browser'} <= urls,
          ', '.join(sorted(urls)))
    check('keyboard and pointer control', {c.text for c in root.findall('supports/control')}
          >= {'keyboard', 'pointing'})

    for tag in ('name', 'summary'):
        check(f'the {tag} in Ukrainian', any(e.get(LANG) == 'uk' and (e.text or '').strip()
                                             for e in root.findall(tag)))
    check('the description in Ukrainian',
          any(p.get(LANG) == 'uk' for p in root.findall('description/p')))
    check('the release notes in Ukrainian',
          newest is not None and any(p.get(LANG) == 'uk' for p in newest.iter('p')))

    print(f'1..{len(checks)}')
    failed = 0
    for n, (name, ok, detail) in enumerate(checks, 1):
        print(f'{"ok" if ok else "not ok"} {n} - {name}')
        if not ok:
            failed += 1
            if detail:
                print(f'# {detail}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpus of the fuzz targets into tests/fuzz/corpus/.

The seeds are checked in; run this again only to change them:
    tests/fuzz/make-seeds.py
JPEG seeds need ImageMagick's `convert`. Small and diverse on purpose: every
member of the Frontline format, plain GeoJSON, errors the loader must name,
small MBTiles files and recipes (see fuzz-mbtiles.c), small PNG and JPEG tiles.
"""

import json
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, 'corpus')


def write(target, name, data):
    if (target, name) in IN_REGRESSIONS:
        return
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data)


# Datasets ---------------------------------------------------------------

def ring(w, s, e, n):
    return [[w, s], [e, s], [e, n], [w, n], [w, s]]


def area(date, faction, coords, kind='Polygon', **props):
    p = {'date': date, 'faction': faction}
    p.update(props)
    return {'type': 'Feature', 'properties': p, 'geometry': {'type': kind, 'coordinates': coords}}


def collection(features, frontline=None, **extra):
    doc = {'type': 'FeatureCollection'}
    if frontline is not None:
        doc['frontline'] = frontline
    doc.update(extra)
    doc['features'] = features
    return doc


FACTIONS = [{'id': 'blue', 'name': 'Blue', 'color': '#0072b2'},
            {'id': 'orange', 'name': 'Orange', 'color': '#d55e00', 'hatch': 'diagonal'}]
SOURCES = [{'id': 's1', 'title': 'A report', 'publisher': 'Example News', 'author': 'unknown',
            'url': 'https://example.org/1', 'published': '2024-08-08',
            'date_precision': 'approximate', 'language': 'en', 'notes': 'Inferred.'},
           {'id': 's2', 'title': 'Another', 'publisher': 'unknown', 'author': 'A. Writer',
            'url': 'http://example.org/2', 'published': '2024-08', 'date_precision': 'month'}]


def datasets():
    seeds = {}
    seeds['example.geojson'] = open(os.path.join(HERE, '..', '..', 'docs', 'examples',
                                                 'example.geojson'), encoding='utf-8').read()
    seeds['minimal.geojson'] = collection(
        [area('2024-08-06', 'blue', [ring(35, 51, 35.5, 52)])],
        {'version': 1, 'factions': FACTIONS[:1]})
    seeds['statuses.geojson'] = collection([
        area('2024-08-06', 'blue', [ring(35, 51, 35.5, 52)], status='controlled'),
        area('2024-08-07', 'orange', [ring(35.5, 51, 36, 52)], status='claimed',
             valid_until='2024-08-09'),
        area('2024-08-08', 'orange', [ring(35.4, 51, 35.6, 52)], status='contested',
             approximate=True, note='Drawn by hand.'),
        area('2024-08-09', 'green', [ring(36, 51, 36.5, 52)], status='held'),
    ], {'version': 1, 'title': 'Statuses', 'factions': FACTIONS})
    seeds['holes-multipolygon.geojson'] = collection([
        area('2024-08-06', 'blue', [ring(35, 51, 36, 52), ring(35.2, 51.2, 35.4, 51.4),
                                    ring(35.6, 51.6, 35.8, 51.8)]),
        area('2024-08-07', 'blue', [[ring(35, 51, 35.5, 51.5)],
                                    [ring(35.6, 51.6, 36, 52), ring(35.7, 51.7, 35.8, 51.8)]],
             kind='MultiPolygon'),
        area('2024-08-08', 'blue', [[ring(35, 51, 35.5, 51.5)]], kind='MultiPolygon'),
    ], {'version': 1, 'factions': FACTIONS[:1]})
    seeds['quotes-stops.geojson'] = collection(
        [area('2024-08-06', 'blue', [ring(35, 51, 35.5, 52)], source=['s1', 's2']),
         area('2024-08-08', 'blue', [ring(35, 51, 35.8, 52)], source='s1'),
         {'type': 'Feature', 'properties': {'kind': 'place', 'name': 'Riverton',
                                            'name_local': 'Рівертон'},
          'geometry': {'type': 'Point', 'coordinates': [35.55, 51.45]}}],
        {'version': 1, 'title': 'Quotes', 'description': 'Stops and quotes.',
         'attribution': 'Frontline', 'license': 'CC0-1.0', 'factions': FACTIONS,
         'sources': SOURCES,
         'quotes': [{'id': 'q1', 'text': 'Across.', 'speaker': 'A', 'role': 'r',
                     'date': '2024-08-07', 'source': 's1', 'location': [35.55, 51.45]},
                    {'id': 'q2', 'text': 'Held.', 'speaker': 'B', 'source': 's2',
                     'location': 'Riverton'}],
         'stops': [{'title': 'One', 'date': '2024-08-06', 'caption': 'c',
                    'view': {'center': [35.5, 51.5], 'zoom': 8}},
                   {'title': 'Two', 'date': '2024-08-08', 'view': {'bbox': [35, 51, 36.2, 52]},
                    'quotes': ['q1', 'q2'], 'compare': '2024-08-06'}],
         'default_view': {'bbox': [35, 51, 36, 52]}})
    seeds['plain.geojson'] = collection([
        area('2024-08-06', 'Blue', [ring(35, 51, 35.5, 52)], fill='#0000ff'),
        area('2024-08-07', 'Red', [ring(35.5, 51, 36, 52)], fill='#ff0000', stroke='#000'),
    ])
    seeds['not-ground.geojson'] = collection([
        area('2024-08-06', 'blue', [ring(35, 51, 35.5, 52)]),
        {'type': 'Feature', 'properties': {}, 'geometry': None},
        {'type': 'Feature', 'properties': {'name': 'x'},
         'geometry': {'type': 'LineString', 'coordinates': [[35, 51], [36, 52]]}},
        {'type': 'Feature', 'properties': {},
         'geometry': {'type': 'Point', 'coordinates': [35, 51]}},
        {'type': 'Feature', 'properties': {},
         'geometry': {'type': 'GeometryCollection', 'geometries': []}},
    ], {'version': 1, 'factions': FACTIONS[:1]})
    seeds['repairs.geojson'] = collection([
        area('2024-08-06', 'blue', [[[35, 51], [36, 51], [36, 52], [35, 52]]]),
        area('2024-08-07', 'blue', [[[35, 51], [36, 52], [36, 51], [35, 52], [35, 51]]]),
        area('2024-08-08', 'blue', [ring(35, 51, 35.5, 52)[::-1]]),
    ], {'version': 1, 'factions': FACTIONS[:1]})
    seeds['keep.geojson'] = (
        '{"type":"FeatureCollection","name":"kept","crs":{"type":"name","properties":'
        '{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"frontline":{"version":1,"x-tool":{"a":[1,2]},'
        '"factions":[{"id":"blue","name":"Blue","color":"#0072b2","extra":null}],'
        '"default_view":{"center":[35.5,51.5],"zoom":8.25}},"features":[{"type":"Feature",'
        '"id":18446744073709551616,"bbox":[35,51,35.5,52],"properties":{"date":"2024-08-06",'
        '"faction":"blue","custom":{"deep":[true,false,null,-0.0,1e-7,12345678901234567890]}},'
        '"geometry":{"type":"Polygon","bbox":[35,51,35.5,52],"crs":null,"coordinates":'
        '[[[35,51,100],[35.5,51,101.5],[35.5,52,0],[35,52,-3],[35,51,100]]]}},'
        '{"type":"Feature","id":7,"properties":{"date":"2024-08-07","faction":"blue",'
        '"note":"a\\u0000b \\"q\\" \\ud83d\\ude00 \\u00e9"},"geometry":{"type":"Polygon",'
        '"coordinates":[[[35.000000000000001,51],[35.123456789012345,51],'
        '[35.1,52.0000],[35,52],[35.000000000000001,51]]]}}]}\n')
    seeds['duplicate-keys.geojson'] = (
        '{"type":"FeatureCollection","frontline":{"version":1,"title":"a","title":"b"},'
        '"features":[{"type":"Feature","properties":{"date":"2024-08-06","faction":"x",'
        '"faction":"y"},"geometry":{"type":"Polygon","coordinates":[[[35,51],[36,51],[36,52],'
        '[35,51]]],"coordinates":[[[35,51],[35.5,51],[35.5,52],[35,51]]]}}]}')
    seeds['version-2.geojson'] = collection(
        [area('2024-08-06', 'blue', [ring(35, 51, 35.5, 52)])],
        {'version': 2, 'factions': FACTIONS[:1], 'future': True})
    seeds['bad-date.geojson'] = collection([area('2024-02-30', 'blue', [ring(35, 51, 35.5, 52)])])
    seeds['bad-latitude.geojson'] = collection([area('2024-08-06', 'blue', [ring(35, 51, 35.5, 92)])])
    seeds['short-ring.geojson'] = collection([area('2024-08-06', 'blue', [[[35, 51], [36, 51], [35, 51]]])])
    seeds['no-faction.geojson'] = collection([{'type': 'Feature', 'properties': {'date': '2024-08-06'},
                                               'geometry': {'type': 'Polygon',
                                                            'coordinates': [ring(35, 51, 36, 52)]}}])
    # Quotes' date precision and sources' "unknown" fields (issue 14).
    seeds['quote-precision.geojson'] = collection(
        [area('2024-08-06', 'blue', [ring(35, 51, 35.5, 52)], source='s1')],
        {'version': 1, 'factions': FACTIONS,
         'sources': [{'id': 's1', 'title': 'unknown', 'publisher': 'unknown', 'author': 'unknown',
                      'url': 'unknown', 'published': 'unknown', 'date_precision': 'approximate',
                      'language': 'en'}],
         'quotes': [{'id': 'q1', 'text': 'A', 'speaker': 'A', 'date': '2024-08-07',
                     'date_precision': 'day', 'source': 's1'},
                    {'id': 'q2', 'text': 'B', 'speaker': 'B', 'date': '2024-08-01',
                     'date_precision': 'month', 'source': 's1', 'note': 'From a subtitle.'},
                    {'id': 'q3', 'text': 'C', 'date': '2024-01-01', 'date_precision': 'year',
                     'source': 's1'},
                    {'id': 'q4', 'text': 'D', 'date': '2024-08-09',
                     'date_precision': 'approximate', 'source': 's1'}],
         'stops': [{'title': 'One', 'date': '2024-08-06', 'caption': 'As source s1 says.',
                    'quotes': ['q1', 'q4']}]})
    seeds['bad-precision.geojson'] = collection(
        [area('2024-08-06', 'blue', [ring(35, 51, 35.5, 52)])],
        {'version': 1, 'sources': [{'id': 's1'}],
         'quotes': [{'id': 'q', 'text': 't', 'source': 's1', 'date_precision': 'exact'}]})
    seeds['bad-quote.geojson'] = collection(
        [area('2024-08-06', 'blue', [ring(35, 51, 35.5, 52)])],
        {'version': 1, 'quotes': [{'id': 'q', 'text': 't', 'source': 'nowhere'}]})
    seeds['empty.geojson'] = collection([])
    seeds['feature.geojson'] = area('2024-08-06', 'blue', [ring(35, 51, 35.5, 52)])
    seeds['syntax.geojson'] = '{"type": "FeatureCollection", "features": [,]}'
    seeds['trailing.geojson'] = '{"type":"FeatureCollection","features":[]} x'
    seeds['trailing-comma.geojson'] = ('{"type":"FeatureCollection","features":[{"type":"Feature",'
                                       '"properties":{"date":"2024-08-06","faction":"a"},"geometry":'
                                       '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},]}')
    seeds['numbers.geojson'] = (
        '{"type":"FeatureCollection","frontline":{"version":1,"default_view":{"center":[1e-300,'
        '-0],"zoom":1e300}},"features":[{"type":"Feature","properties":{"date":"2024-08-06",'
        '"faction":"a"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1E0,0.0],[1,1e0],'
        '[0,0]]]}}]}')
    seeds['whitespace.geojson'] = '\ufeff \n'
    return seeds


# Tiles --------------------------------------------------------------------

def png(width, height, color_type=2, depth=8, interlace=0, palette=None, pixel=None):
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    bpp = max(1, channels * depth // 8)
    row = bytes(pixel or [(i * 37) & 0xff for i in range(bpp)]) * width
    raw = b''.join(b'\x00' + row[:(width * channels * depth + 7) // 8] for _ in range(height))

    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data
                + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))

    out = b'\x89PNG\r\n\x1a\n'
    out += chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, depth, color_type, 0, 0, interlace))
    if palette is not None:
        out += chunk(b'PLTE', palette)
    out += chunk(b'IDAT', zlib.compress(raw))
    out += chunk(b'IEND', b'')
    return out


def jpeg(size, *options):
    if shutil.which('convert') is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'tile.jpg')
        subprocess.run(['convert', '-size', size, 'gradient:blue-orange', *options,
                        '-strip', out], check=True)
        with open(out, 'rb') as f:
            return f.read()


def tiles():
    seeds = {
        'rgb-1x1.png': png(1, 1),
        'rgba-4x4.png': png(4, 4, color_type=6),
        'gray-8x2.png': png(8, 2, color_type=0),
        'gray-alpha-2x2.png': png(2, 2, color_type=4),
        'palette-4x4.png': png(4, 4, color_type=3, palette=b'\x00\x00\x00\xff\x00\x00'),
        'rgb16-2x2.png': png(2, 2, depth=16),
        'interlaced-8x8.png': png(8, 8, interlace=1),
        'gray1-16x1.png': png(16, 1, color_type=0, depth=1),
        'wide-header-16384x1.png': png(16384, 1, color_type=0, depth=1),
        'not-an-image.html': b'<html><body>Rate limited</body></html>',
        'gif-1x1.gif': bytes.fromhex('47494638396101000100800000000000ffffff21f90401000000002c'
                                     '00000000010001000002024401003b'),
    }
    for name, size, options in [('baseline-8x8.jpg', '8x8', []),
                                ('gray-8x8.jpg', '8x8', ['-colorspace', 'Gray']),
                                ('progressive-16x16.jpg', '16x16', ['-interlace', 'JPEG']),
                                ('subsampled-17x9.jpg', '17x9', ['-sampling-factor', '2x2'])]:
        data = jpeg(size, *options)
        if data is not None:
            seeds[name] = data
    return seeds


# MBTiles ----------------------------------------------------------------

def raw_mbtiles(metadata, tile_rows, tiles_sql=None):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'seed.mbtiles')
        db = sqlite3.connect(path)
        db.execute('PRAGMA page_size = 512')
        db.execute('CREATE TABLE metadata (name TEXT, value TEXT)')
        db.execute(tiles_sql or 'CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, '
                                'tile_row INTEGER, tile_data BLOB)')
        db.executemany('INSERT INTO metadata VALUES (?, ?)', metadata)
        if tiles_sql is None:
            db.executemany('INSERT INTO tiles VALUES (?, ?, ?, ?)', tile_rows)
        db.commit()
        db.execute('VACUUM')
        db.close()
        with open(path, 'rb') as f:
            return b'\x00' + f.read()


def string(data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    return struct.pack('<H', len(data)) + data


def recipe(flags, records):
    out = bytes([1, flags])
    for record in records:
        kind = record[0]
        if kind == 'meta':
            out += b'\x00' + string(record[1]) + string(record[2])
        elif kind == 'tile':
            _, z, x, y, data = record
            out += b'\x01' + bytes([z]) + struct.pack('<HH', x, y) + string(data)
        elif kind == 'sql':
            out += b'\x02' + string(record[1])
    return out


def mbtiles(tile_seeds):
    red = tile_seeds['rgb-1x1.png']
    big = png(512, 1, color_type=0, depth=1)
    jpg = tile_seeds.get('baseline-8x8.jpg', red)
    meta = [('name', 'Seed'), ('format', 'png'), ('minzoom', '0'), ('maxzoom', '2'),
            ('bounds', '-180,-85,180,85'), ('attribution', '<a href="x">&copy; Seed</a>')]
    seeds = {
        'raw-basic.mbtiles': raw_mbtiles(meta, [(0, 0, 0, red), (1, 1, 0, red), (2, 3, 3, red)]),
        'raw-jpg-no-zoom.mbtiles': raw_mbtiles([('format', 'jpg')], [(3, 2, 5, jpg)]),
        'raw-pbf.mbtiles': raw_mbtiles([('format', 'pbf')], [(0, 0, 0, b'\x1a\x00')]),
        'raw-empty.mbtiles': raw_mbtiles(meta[:2], []),
        'raw-view.mbtiles': raw_mbtiles(meta, [], 'CREATE VIEW tiles AS SELECT 0 AS zoom_level, '
                                        '0 AS tile_column, 0 AS tile_row, x\'89504e47\' AS tile_data'),
        'recipe-basic': recipe(0, [('meta', *m) for m in meta]
                               + [('tile', 0, 0, 0, red), ('tile', 1, 0, 1, red),
                                  ('tile', 2, 1, 2, big)]),
        'recipe-view-jpeg': recipe(4, [('meta', 'format', 'jpeg'), ('meta', 'minzoom', '5'),
                                       ('meta', 'maxzoom', '3'), ('tile', 4, 1, 1, jpg),
                                       ('tile', 4, 1, 2, jpg)]),
        'recipe-blob-metadata': recipe(8, [('meta', 'attribution', b'\xff\xfe<b>\x00x</b>'),
                                           ('meta', 'name', b'\xc3'), ('meta', 'bounds', '1,2,3'),
                                           ('tile', 0, 0, 0, red)]),
        'recipe-text-keys': recipe(16 | 32, [('meta', 'MinZoom', ' 1 '), ('meta', 'bounds',
                                   '190,-95,nan,inf'), ('tile', 1, 1, 1, red),
                                   ('tile', 30, 65535, 65535, red)]),
        'recipe-no-metadata': recipe(1, [('tile', 0, 0, 0, red)]),
        'recipe-no-tiles': recipe(2, [('meta', 'format', 'png')]),
        'recipe-name-only': recipe(64 | 128, [('meta', 'format', ''), ('tile', 0, 0, 0, red)]),
        'recipe-not-image': recipe(0, [('meta', 'format', 'webp'), ('tile', 0, 0, 0, b'RIFF')]),
        'recipe-html-tile': recipe(0, [('meta', 'minzoom', '0'), ('meta', 'maxzoom', '0'),
                                       ('tile', 0, 0, 0, b'<html>error</html>')]),
        'recipe-own-view': recipe(1 << 1, [
            ('sql', 'CREATE TABLE t (z, x, y, d)'),
            ('sql', 'CREATE VIEW tiles AS SELECT z AS zoom_level, x AS tile_column, '
                    'y AS tile_row, d AS tile_data FROM t'),
            ('sql', "INSERT INTO t VALUES (0, 0, 0, x'89504e470d0a1a0a')"),
            ('meta', 'format', 'png')]),
    }
    return seeds


# Seeds that crash the code they were written against live in regressions/
# under a name that says why (a corpus that crashes stops every fuzzing run at
# once); the suite replays them there.
IN_REGRESSIONS = {
    ('dataset', 'syntax.geojson'), ('dataset', 'whitespace.geojson'),
    ('roundtrip', 'syntax.geojson'), ('roundtrip', 'whitespace.geojson'),
    ('roundtrip', 'numbers.geojson'), ('mbtiles', 'recipe-blob-metadata'),
    ('tile', 'wide-header-16384x1.png'),
}


def main():
    if os.path.isdir(CORPUS):
        shutil.rmtree(CORPUS)
    for name, doc in datasets().items():
        text = doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False, indent=1)
        write('dataset', name, text)
        write('roundtrip', name, text)
    tile_seeds = tiles()
    for name, data in tile_seeds.items():
        write('tile', name, data)
    for name, data in mbtiles(tile_seeds).items():
        write('mbtiles', name, data)


if __name__ == '__main__':
    sys.exit(main())

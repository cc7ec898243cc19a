/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* A briefing of two stops over a small front, for the briefing's exports
 * (pictures, handouts, videos, the command line): Blue holds 35-36 E,
 * 51-52 N, Orange claims 36.2-37 E on 6 August and holds 35.6-36.2 E,
 * 51.1-51.6 N from 10 August.
 * Stop 1 ("blue", "Blue holds") at 36 E, 51.5 N, zoom 8, with notes and a
 * red line 8 px wide along 51.8 N from 35.6 to 36.4 E; stop 2 ("orange",
 * "Orange claims") at 36.6 E, 51.4 N, zoom 9 on 10 August, compared with
 * 6 August, reached in 2 s, with no drawings. */
#define FRONTLINE_TEST_STOPS_JSON \
  "{\"type\":\"FeatureCollection\",\"frontline\":{\"title\":\"Test briefing\"," \
  "\"attribution\":\"Test data\",\"factions\":[" \
  "{\"id\":\"blue\",\"name\":\"Blue\",\"color\":\"#0072b2\"}," \
  "{\"id\":\"orange\",\"name\":\"Orange\",\"color\":\"#d55e00\"}]," \
  "\"stops\":[" \
  "{\"id\":\"blue\",\"title\":\"Blue holds\",\"date\":\"2024-08-06\"," \
  "\"view\":{\"center\":[36,51.5],\"zoom\":8},\"notes\":\"Point at the river first.\"," \
  "\"annotations\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\"," \
  "\"coordinates\":[[35.6,51.8],[36.4,51.8]]},\"properties\":{\"kind\":\"line\",\"color\":\"#ff0000\",\"width\":8}}]}," \
  "{\"id\":\"orange\",\"title\":\"Orange claims\",\"date\":\"2024-08-10\",\"compare\":\"2024-08-06\"," \
  "\"duration\":2,\"view\":{\"center\":[36.6,51.4],\"zoom\":9}}]}," \
  "\"features\":[" \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"blue\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35,51],[36,51],[36,52],[35,52],[35,51]]]}}," \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-10\",\"faction\":\"orange\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35.6,51.1],[36.2,51.1],[36.2,51.6],[35.6,51.6],[35.6,51.1]]]}}," \
  "{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-08-06\",\"faction\":\"orange\",\"status\":\"claimed\"}," \
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[36.2,51],[37,51],[37,52],[36.2,52],[36.2,51]]]}}" \
  "]}"

/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The loader's number reader, frontline_number_read() (src/util/frontline-number.h), against
 * frontline_json_check_number() for what it takes and g_ascii_strtod() for the value: any
 * difference aborts. The input is read as a number from its start, with its whole length. */

#include <math.h>

#include "fuzz-common.h"
#include "frontline-json-scan.h"
#include "frontline-number.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *) data;
  gsize expected_length = 0;
  gboolean expected_ok;
  double value = 0;
  gsize n;

  fuzz_init ();
  expected_ok = frontline_json_check_number (text, &expected_length, size);
  n = frontline_number_read (text, size, &value);
  if (!expected_ok)
    {
      if (n != 0)
        abort ();
      return 0;
    }
  if (n != expected_length)
    abort ();
  else
    {
      g_autofree char *number = g_strndup (text, n);
      double expected = g_ascii_strtod (number, NULL);

      if (memcmp (&value, &expected, sizeof value) != 0)
        abort ();
    }
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */

/* frontline_number_read(): the loader's reader of coordinates. Every value must be
 * bit-identical to g_ascii_strtod()'s, and it must take exactly the texts that
 * frontline_json_check_number() takes (RFC 8259 numbers). */

#include "config.h"

#include <math.h>
#include <string.h>

#include "frontline-json-scan.h"
#include "frontline-number.h"
#include "frontline-test-init.h"

static guint64
bits_of (double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  return bits;
}

/* Reads text (NUL-terminated, though the reader is not told so) both ways. */
static void
check_same (const char *text)
{
  gsize length = strlen (text);
  gsize expected_length = 0;
  gboolean expected_ok = frontline_json_check_number (text, &expected_length, length);
  double value = 12345.0;
  gsize n = frontline_number_read (text, length, &value);

  if (!expected_ok)
    {
      if (n != 0)
        g_error ("“%s” is not a JSON number, yet it read as %zu bytes", text, n);
      return;
    }
  if (n != expected_length)
    g_error ("“%s”: read %zu bytes, the checker %zu", text, n, expected_length);
  else
    {
      g_autofree char *number = g_strndup (text, n);
      double expected = g_ascii_strtod (number, NULL);

      if (bits_of (value) != bits_of (expected))
        g_error ("“%s”: read %.17g (%016" G_GINT64_MODIFIER "x), g_ascii_strtod %.17g (%016"
                 G_GINT64_MODIFIER "x)", text, value, bits_of (value), expected,
                 bits_of (expected));
    }
}

static void
test_edge_cases (void)
{
  const char *texts[] = {
    "0", "-0", "0.0", "-0.0", "0e0", "-0e-0", "0E+5", "0.000000000000000000000000000000",
    "1", "-1", "9", "10", "100", "0.1", "0.2", "0.3", "-0.3", "1.1", "2.2", "3.3",
    "0.30000000000000004", "0.1000000000000000055511151231257827",
    "35.000000", "52.000000", "34.987805", "-179.999999", "89.999999", "180", "-90",
    "37.123456789012345", "47.12345678901234567", "1.7976931348623157e308",
    "1.7976931348623158e308", "1.7976931348623159e308", "2e308", "1e400", "-1e400",
    "4.9406564584124654e-324", "5e-324", "2.4703282292062327e-324",
    "2.4703282292062328e-324", "2.2250738585072011e-308", "2.2250738585072014e-308",
    "1e-400", "-1e-400", "1e22", "1e23", "1e-22", "1e-23", "9007199254740992",
    "9007199254740993", "9007199254740994", "9007199254740995", "18014398509481985",
    "9223372036854775807", "9223372036854775808", "18446744073709551615",
    "18446744073709551616", "123456789012345678901234567890", "1234567890123456789e-10",
    "12345678901234567890e-10", "0.00000000000000000000001", "100000000000000000000000",
    "1e99999999999999999999", "1e-99999999999999999999", "0e99999999999999999999",
    "7.038531e-26", "9.214E+12", "3.14159265358979323846264338327950288",
    "0.0000000000000000000000000000000000000000000001e46", "4503599627370496.5",
    "4503599627370497.5", "8.98846567431158e307", "1.0e-5", "1E5", "1e+05",
    /* Not JSON: refused, as the checker refuses them. */
    "", "-", "+1", "01", "-01", "00", "1.", ".5", "-.5", "1.e5", "1e", "1e+", "1e-",
    "0x10", "0X1", "inf", "-inf", "infinity", "nan", "NaN", "Infinity", "1.5.2", "1x",
    "1e5.5", "1-2", "1+2", "--1", "- 1", "1E5e5", "1,5", "e5", "1_000",
    /* What follows a number and ends it. */
    "1]", "1,", "1}", "1 ", "-0.5]", "35.000000,52.000000]", "1e5\n", "2\"",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    check_same (texts[i]);
}

static void
append_digits (GString *s,
               GRand   *rand,
               guint    n,
               gboolean first_nonzero)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (s, (char) ('0' + (i == 0 && first_nonzero ? g_rand_int_range (rand, 1, 10)
                                                                   : g_rand_int_range (rand, 0, 10))));
}

static void
test_random_numbers (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < 400000; i++)
    {
      guint int_digits = g_rand_int_range (rand, 1, i % 3 == 0 ? 25 : 8);

      g_string_truncate (s, 0);
      if (g_rand_boolean (rand))
        g_string_append_c (s, '-');
      if (g_rand_int_range (rand, 0, 5) == 0)
        g_string_append_c (s, '0');
      else
        append_digits (s, rand, int_digits, TRUE);
      if (g_rand_int_range (rand, 0, 4) != 0)
        {
          g_string_append_c (s, '.');
          /* Sometimes a run of zeros, as in 0.000001. */
          if (g_rand_int_range (rand, 0, 4) == 0)
            for (guint z = g_rand_int_range (rand, 1, 30); z > 0; z--)
              g_string_append_c (s, '0');
          append_digits (s, rand, g_rand_int_range (rand, 1, i % 2 == 0 ? 20 : 8), FALSE);
        }
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          g_string_append_c (s, g_rand_boolean (rand) ? 'e' : 'E');
          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0: g_string_append_c (s, '-'); break;
            case 1: g_string_append_c (s, '+'); break;
            default: break;
            }
          g_string_append_printf (s, "%d", g_rand_int_range (rand, 0, i % 5 == 0 ? 400 : 30));
        }
      check_same (s->str);
    }
}

/* Any doubles, printed with 6 (the workloads' coordinates), 15 and 17 significant digits
 * (the round-trip form). */
static void
test_random_doubles (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8259);

  for (guint i = 0; i < 200000; i++)
    {
      char text[64];
      double value;
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);

      memcpy (&value, &bits, sizeof value);
      if (!isfinite (value))
        continue;
      g_ascii_formatd (text, sizeof text, "%.17g", value);
      check_same (text);
      g_ascii_formatd (text, sizeof text, "%.15g", value);
      check_same (text);

      value = g_rand_double_range (rand, -180, 180);
      g_ascii_formatd (text, sizeof text, "%.6f", value);
      check_same (text);
      g_ascii_formatd (text, sizeof text, "%.17g", value);
      check_same (text);
      g_ascii_formatd (text, sizeof text, "%.10f", value);
      check_same (text);
    }
}

/* Strings of number characters in any order: taken exactly when the checker takes them. */
static void
test_random_texts (void)
{
  static const char alphabet[] = "0123456789012345678901234567890.-+eE ,]x:/?;\x7f\xb9";
  g_autoptr(GRand) rand = g_rand_new_with_seed (766);

  for (guint i = 0; i < 300000; i++)
    {
      char text[16];
      guint n = g_rand_int_range (rand, 1, sizeof text);

      for (guint j = 0; j < n; j++)
        text[j] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      text[n] = '\0';
      check_same (text);
    }
}

/* The reader never reads past the length it is given. */
static void
test_length_bound (void)
{
  double value = 0;

  g_assert_cmpuint (frontline_number_read ("12345", 3, &value), ==, 3);
  g_assert_cmpfloat (value, ==, 123);
  g_assert_cmpuint (frontline_number_read ("1.5", 2, &value), ==, 0);
  g_assert_cmpuint (frontline_number_read ("1e5", 2, &value), ==, 0);
  g_assert_cmpuint (frontline_number_read ("-", 1, &value), ==, 0);
  g_assert_cmpuint (frontline_number_read ("0.1234567890123456789012345", 25, &value), ==, 25);
  g_assert_cmpfloat (value, ==, g_ascii_strtod ("0.12345678901234567890123", NULL));
  g_assert_cmpuint (frontline_number_read ("1e400", 5, &value), ==, 5);
  g_assert_true (isinf (value));
  g_assert_cmpuint (frontline_number_read ("-0", 2, &value), ==, 2);
  g_assert_true (value == 0 && signbit (value));
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number/edge-cases", test_edge_cases);
  g_test_add_func ("/number/random-numbers", test_random_numbers);
  g_test_add_func ("/number/random-doubles", test_random_doubles);
  g_test_add_func ("/number/random-texts", test_random_texts);
  g_test_add_func ("/number/length-bound", test_length_bound);

  return g_test_run ();
}

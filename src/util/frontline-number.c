/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "frontline-number.h"

/* A JSON number read without the locale and, for the usual coordinate, without
 * strtod: Clinger's fast path. A decimal mantissa of at most 19 significant
 * digits whose value is at most 2^53 is an exact double, and so is 10^k for
 * k <= 22; one IEEE multiplication or division of exact operands is correctly
 * rounded, as strtod is. Anything else goes to g_ascii_strtod(), so every
 * value is bit-identical to it. */

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static const guint64 integer_powers_of_ten[] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
};

/* Adds the digits at p to *mantissa (wrapping past 19 digits: the caller counts them) and
 * returns where they end. Eight bytes a step where eight can be read: which are digits, and
 * their value, by arithmetic on the 64-bit word. */
static inline const char *
take_digits (const char *p,
             const char *end,
             guint64    *mantissa)
{
  guint64 m = *mantissa;

  while (end - p >= 8)
    {
      guint64 word;
      guint64 low;
      guint64 not_digits;
      guint k;

      memcpy (&word, p, sizeof word);
      word = GUINT64_FROM_LE (word);
      word ^= G_GUINT64_CONSTANT (0x3030303030303030);
      low = word & G_GUINT64_CONSTANT (0x0f0f0f0f0f0f0f0f);
      /* A byte is a digit when its high half was 3 and its low half is at most 9. */
      not_digits = (word | (low + G_GUINT64_CONSTANT (0x0606060606060606))) &
                   G_GUINT64_CONSTANT (0xf0f0f0f0f0f0f0f0);
      k = not_digits == 0 ? 8 : (guint) __builtin_ctzll (not_digits) / 8;
      if (k == 0)
        break;
      /* The k digits at the top of the word, zeros below: one 8-digit conversion. */
      low = k == 8 ? low : low << (8 * (8 - k));
      low = (low * 10) + (low >> 8);
      low = (((low & G_GUINT64_CONSTANT (0x000000ff000000ff)) *
              (100 + (G_GUINT64_CONSTANT (1000000) << 32))) +
             (((low >> 16) & G_GUINT64_CONSTANT (0x000000ff000000ff)) *
              (1 + (G_GUINT64_CONSTANT (10000) << 32)))) >> 32;
      m = m * integer_powers_of_ten[k] + low;
      p += k;
      if (k < 8)
        {
          *mantissa = m;
          return p;
        }
    }
  for (; p < end && is_digit (*p); p++)
    m = m * 10 + (guint64) (*p - '0');
  *mantissa = m;

  return p;
}

static double
read_slow (const char *text,
           gsize       length)
{
  char buffer[128];
  g_autofree char *copy = NULL;
  const char *number = buffer;

  /* The text need not end after the number, nor be terminated at all. */
  if (length < sizeof buffer)
    {
      memcpy (buffer, text, length);
      buffer[length] = '\0';
    }
  else
    number = copy = g_strndup (text, length);

  return g_ascii_strtod (number, NULL);
}

/**
 * frontline_number_read:
 * @text: where a JSON number starts (need not be NUL-terminated)
 * @length: how many bytes may be read from @text
 * @value: (out): the number's value, as g_ascii_strtod() reads it
 *
 * Reads one RFC 8259 number, -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?,
 * which must be followed by the end of @length or by a character that
 * cannot continue it (not a digit, letter, '.', '+' or '-'). A value too
 * large for a double reads as an infinity, as strtod reads it.
 *
 * Returns: the length of the number, or 0 if @text does not start with one
 */
gsize
frontline_number_read (const char *text,
                       gsize       length,
                       double     *value)
{
  const char *p = text;
  const char *end = text + length;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  gsize n_digits;       /* digits in mantissa, leading zeros too */
  int decimals = 0;     /* digits after the point in mantissa */
  int exponent = 0;
  gboolean exponent_big = FALSE;
  const char *digits_start;
  gsize n;

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p >= end || !is_digit (*p))
    return 0;
  digits_start = p;
  if (*p == '0')
    p++;
  else
    p = take_digits (p, end, &mantissa);
  if (p < end && *p == '.')
    {
      const char *fraction = ++p;

      if (p >= end || !is_digit (*p))
        return 0;
      p = take_digits (p, end, &mantissa);
      decimals = (int) (p - fraction);
      n_digits = (gsize) (p - digits_start) - 1;
    }
  else
    n_digits = (gsize) (p - digits_start);
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean exponent_negative = FALSE;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        exponent_negative = *p++ == '-';
      if (p >= end || !is_digit (*p))
        return 0;
      for (; p < end && is_digit (*p); p++)
        {
          if (exponent < 100000)
            exponent = exponent * 10 + (*p - '0');
          else
            exponent_big = TRUE;
        }
      if (exponent_negative)
        exponent = -exponent;
    }
  /* "01", "1.5.2", "1x": what follows a number must end it. */
  if (p < end && (is_digit (*p) || g_ascii_isalpha (*p) || *p == '.' || *p == '+' || *p == '-'))
    return 0;

  n = (gsize) (p - text);
  exponent -= decimals;

  /* Up to 19 digits, the mantissa is exact (a longer one may have wrapped). */
  if (n_digits <= 19 && mantissa == 0)
    *value = negative ? -0.0 : 0.0;
  else if (n_digits <= 19 && !exponent_big && mantissa <= (G_GUINT64_CONSTANT (1) << 53) &&
           exponent >= -22 && exponent <= 22)
    {
      double m = (double) mantissa;

      m = exponent < 0 ? m / powers_of_ten[-exponent] : m * powers_of_ten[exponent];
      *value = negative ? -m : m;
    }
  else
    *value = read_slow (text, n);

  return n;
}

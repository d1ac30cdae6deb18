/* kiosk-opening-hours.c: opening hours in the OpenStreetMap opening_hours syntax
 *
 * The subset places publish: weekday ranges and lists (Mo-Fr, Mo,We, Sa-Mo),
 * several time ranges (08:00-12:00,13:00-18:00), ranges past midnight
 * (22:00-02:00, 18:00-26:00, 24:00), off/closed, open, 24/7, rules separated
 * by ";" (a later rule for a day replaces the earlier one) or by "," (adds
 * to them), and PH/SH selectors, which are read and not applied.
 *
 * A week is seven rows of minutes; a row is two days long, so that a range
 * that goes past midnight stays with the day it starts on: "Mo 22:00-02:00;
 * Tu off" is still open on Monday night. Evaluation turns the rows into
 * spans of real time on the wall clock of a zone. Where a wall-clock time
 * does not exist (the hour skipped in spring) or exists twice (the hour
 * repeated in autumn), it means the first moment the clock shows that time
 * or a later one. */

#define G_LOG_DOMAIN "kiosk-opening-hours"

#include "config.h"

#include <string.h>

#include "kiosk-event.h"
#include "kiosk-opening-hours.h"

#define MINUTES_PER_DAY  (24 * 60)
#define ROW_MINUTES      (2 * MINUTES_PER_DAY)
#define ROW_BYTES        (ROW_MINUTES / 8)
#define ALL_DAYS         0x7f
/* next_change looks this far ahead (a closing calendar may close for weeks). */
#define HORIZON_DAYS     370

struct _KioskOpeningHours
{
  char   *spec;
  guint8  rows[7][ROW_BYTES];   /* Monday first; bit per minute from its midnight */
};

typedef struct
{
  const char *spec;
  const char *p;
  GPtrArray  *warnings;
  guint      *column;
  GError    **error;
} Parser;

static const char * const weekdays[] = { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su" };

G_DEFINE_QUARK (kiosk-opening-hours-error-quark, kiosk_opening_hours_error)

static void
set_minutes (guint8   *row,
             guint     from,
             guint     to,
             gboolean  value)
{
  g_assert (to <= ROW_MINUTES);

  for (guint m = from; m < to; m++)
    {
      if (value)
        row[m / 8] |= 1u << (m % 8);
      else
        row[m / 8] &= ~(1u << (m % 8));
    }
}

static gboolean
get_minute (const guint8 *row,
            guint         m)
{
  return (row[m / 8] >> (m % 8)) & 1;
}

static guint
column_of (Parser     *parser,
           const char *at)
{
  return (guint) g_utf8_pointer_to_offset (parser->spec, at) + 1;
}

/* "column 9: expected …, found “x”": what staff need to fix the setting. */
static gboolean
syntax_error (Parser     *parser,
              const char *at,
              const char *expected)
{
  guint column = column_of (parser, at);

  if (parser->column != NULL)
    *parser->column = column;

  if (*at == '\0')
    {
      g_set_error (parser->error, KIOSK_OPENING_HOURS_ERROR, KIOSK_OPENING_HOURS_ERROR_SYNTAX,
                   "column %u: expected %s, found the end", column, expected);
    }
  else
    {
      const char *end = at;

      /* Show the word that is wrong, not the rest of the line. */
      while (*end != '\0' && *end != ' ' && *end != ';' && end - at < 12)
        end = g_utf8_next_char (end);
      if (end == at)
        end = g_utf8_next_char (at);
      g_set_error (parser->error, KIOSK_OPENING_HOURS_ERROR, KIOSK_OPENING_HOURS_ERROR_SYNTAX,
                   "column %u: expected %s, found “%.*s”", column, expected,
                   (int) (end - at), at);
    }

  return FALSE;
}

static void
skip_spaces (Parser *parser)
{
  while (*parser->p == ' ' || *parser->p == '\t')
    parser->p++;
}

static gboolean
is_word_end (char c)
{
  return !g_ascii_isalnum (c) && c != '/';
}

/* Consumes @word (any case) when it stands alone at the position. */
static gboolean
accept_word (Parser     *parser,
             const char *word)
{
  gsize len = strlen (word);

  if (g_ascii_strncasecmp (parser->p, word, len) != 0 || !is_word_end (parser->p[len]))
    return FALSE;

  parser->p += len;
  return TRUE;
}

static int
peek_weekday (Parser *parser)
{
  for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
    {
      if (g_ascii_strncasecmp (parser->p, weekdays[i], 2) == 0 && is_word_end (parser->p[2]))
        return (int) i;
    }

  return -1;
}

static gboolean
at_holiday (Parser *parser)
{
  return (g_ascii_strncasecmp (parser->p, "PH", 2) == 0 ||
          g_ascii_strncasecmp (parser->p, "SH", 2) == 0) && is_word_end (parser->p[2]);
}

#define EXPECTED_WEEKDAY "a weekday (Mo, Tu, We, Th, Fr, Sa, Su)"

/* Mo | Mo-Fr | Sa-Mo (wraps); several with ",". PH and SH are read and
 * left to the caller's warning. */
static gboolean
parse_selector (Parser   *parser,
                guint    *mask,
                gboolean *holiday)
{
  for (;;)
    {
      int first, last;

      skip_spaces (parser);
      if (at_holiday (parser))
        {
          *holiday = TRUE;
          parser->p += 2;
        }
      else
        {
          first = peek_weekday (parser);
          if (first < 0)
            return syntax_error (parser, parser->p, EXPECTED_WEEKDAY);
          parser->p += 2;
          last = first;
          if (*parser->p == '[')
            return syntax_error (parser, parser->p, "“-”, “,” or a time (the nth weekday of a "
                                                    "month is not supported)");
          if (*parser->p == '-')
            {
              parser->p++;
              last = peek_weekday (parser);
              if (last < 0)
                return syntax_error (parser, parser->p, EXPECTED_WEEKDAY);
              parser->p += 2;
            }
          for (int d = first;; d = (d + 1) % 7)
            {
              *mask |= 1u << d;
              if (d == last)
                break;
            }
        }

      /* "Mo,We": a list goes on only with another day after the comma. */
      if (*parser->p == ',')
        {
          const char *comma = parser->p;

          parser->p++;
          skip_spaces (parser);
          if (peek_weekday (parser) < 0 && !at_holiday (parser))
            return syntax_error (parser, comma + 1, EXPECTED_WEEKDAY);
          continue;
        }

      return TRUE;
    }
}

/* HH:MM, hours up to @max_hour (24:00 and 26:00 are allowed as ends). */
static gboolean
parse_time (Parser *parser,
            guint   max_hour,
            guint  *minutes)
{
  const char *start = parser->p;
  guint hours = 0, mins;
  guint digits = 0;

  while (g_ascii_isdigit (*parser->p) && digits < 2)
    {
      hours = hours * 10 + (guint) (*parser->p - '0');
      parser->p++;
      digits++;
    }
  if (digits == 0)
    return syntax_error (parser, start, "a time such as 08:00");
  if (*parser->p != ':')
    return syntax_error (parser, parser->p, "“:” and the minutes (08:00)");
  parser->p++;
  if (!g_ascii_isdigit (parser->p[0]) || !g_ascii_isdigit (parser->p[1]) ||
      g_ascii_isdigit (parser->p[2]))
    return syntax_error (parser, parser->p, "two digits of minutes (00 to 59)");
  mins = (guint) (parser->p[0] - '0') * 10 + (guint) (parser->p[1] - '0');
  if (mins > 59)
    return syntax_error (parser, parser->p, "minutes from 00 to 59");
  if (hours > max_hour || (hours == max_hour && mins > 0))
    {
      g_autofree char *expected = g_strdup_printf ("a time no later than %02u:00", max_hour);

      return syntax_error (parser, start, expected);
    }
  parser->p += 2;

  *minutes = hours * 60 + mins;
  return TRUE;
}

/* 08:00-12:00,13:00-18:00 into @row (one day and the night after). */
static gboolean
parse_times (Parser *parser,
             guint8 *row)
{
  for (;;)
    {
      guint from, to;

      if (!parse_time (parser, 23, &from))
        return FALSE;
      if (*parser->p == '+')
        return syntax_error (parser, parser->p, "“-” and a closing time (open end is not supported)");
      if (*parser->p != '-')
        return syntax_error (parser, parser->p, "“-” and a closing time (08:00-18:00)");
      parser->p++;
      if (!parse_time (parser, 48, &to))
        return FALSE;
      /* An end not after the start is on the next day: 22:00-02:00. */
      if (to <= from)
        to += MINUTES_PER_DAY;
      if (to > ROW_MINUTES)
        return syntax_error (parser, parser->p - 5, "a closing time within a day of the opening");
      set_minutes (row, from, to, TRUE);

      /* More ranges only with a time after the comma; a weekday there
       * starts a rule of its own. */
      if (*parser->p == ',')
        {
          const char *after = parser->p + 1;

          while (*after == ' ')
            after++;
          if (g_ascii_isdigit (*after))
            {
              parser->p = after;
              continue;
            }
        }

      return TRUE;
    }
}

#define EXPECTED_RULE "a weekday (Mo-Fr), a time (08:00-18:00), “off” or “24/7”"

static gboolean
parse_rule (Parser            *parser,
            KioskOpeningHours *self,
            gboolean           additive)
{
  const char *start;
  guint8 times[ROW_BYTES] = { 0 };
  gboolean has_times = FALSE;
  gboolean holiday = FALSE;
  gboolean off = FALSE;
  gboolean said_open = FALSE;
  guint mask = 0;

  skip_spaces (parser);
  start = parser->p;
  if (accept_word (parser, "24/7"))
    {
      for (guint d = 0; d < 7; d++)
        {
          if (!additive)
            set_minutes (self->rows[d], 0, ROW_MINUTES, FALSE);
          set_minutes (self->rows[d], 0, MINUTES_PER_DAY, TRUE);
        }
      return TRUE;
    }

  if (peek_weekday (parser) >= 0 || at_holiday (parser))
    {
      if (!parse_selector (parser, &mask, &holiday))
        return FALSE;
      skip_spaces (parser);
    }

  if (g_ascii_isdigit (*parser->p))
    {
      if (!parse_times (parser, times))
        return FALSE;
      has_times = TRUE;
      skip_spaces (parser);
    }

  if (accept_word (parser, "off") || accept_word (parser, "closed"))
    off = TRUE;
  else if (accept_word (parser, "open"))
    said_open = TRUE;

  /* Months, weeks, dates and years are beyond what the kiosk reads. */
  if (mask == 0 && !holiday && !has_times && !off && !said_open)
    return syntax_error (parser, parser->p, EXPECTED_RULE);

  if (holiday && parser->warnings != NULL)
    g_ptr_array_add (parser->warnings,
                     g_strdup_printf ("column %u: public and school holidays (PH, SH) are not "
                                      "known to the kiosk; that part of the rule is ignored "
                                      "(use a closures calendar for them)",
                                      column_of (parser, start)));
  /* "PH off" alone says nothing about any weekday. */
  if (holiday && mask == 0)
    return TRUE;
  if (mask == 0)
    mask = ALL_DAYS;
  if (!has_times)
    set_minutes (times, 0, MINUTES_PER_DAY, TRUE);

  for (guint d = 0; d < 7; d++)
    {
      if ((mask & (1u << d)) == 0)
        continue;

      if (off && has_times)
        {
          /* "We 12:00-14:00 off": a gap in what earlier rules opened. */
          for (guint b = 0; b < ROW_BYTES; b++)
            self->rows[d][b] &= ~times[b];
        }
      else if (off)
        {
          set_minutes (self->rows[d], 0, ROW_MINUTES, FALSE);
        }
      else
        {
          if (!additive)
            set_minutes (self->rows[d], 0, ROW_MINUTES, FALSE);
          for (guint b = 0; b < ROW_BYTES; b++)
            self->rows[d][b] |= times[b];
        }
    }

  return TRUE;
}

KioskOpeningHours *
kiosk_opening_hours_parse (const char  *spec,
                           GPtrArray   *warnings,
                           guint       *column,
                           GError     **error)
{
  g_autoptr(KioskOpeningHours) self = NULL;
  Parser parser = { spec, spec, warnings, column, error };
  const char *invalid = NULL;
  gboolean additive = FALSE;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (column != NULL)
    *column = 0;
  if (!g_utf8_validate (spec, -1, &invalid))
    {
      parser.spec = "";
      parser.p = "";
      if (column != NULL)
        *column = (guint) (invalid - spec) + 1;
      g_set_error (error, KIOSK_OPENING_HOURS_ERROR, KIOSK_OPENING_HOURS_ERROR_SYNTAX,
                   "byte %u: not UTF-8 text", (guint) (invalid - spec) + 1);
      return NULL;
    }

  self = g_new0 (KioskOpeningHours, 1);
  self->spec = g_strdup (spec);

  skip_spaces (&parser);
  if (*parser.p == '\0')
    {
      syntax_error (&parser, parser.p, EXPECTED_RULE);
      return NULL;
    }

  for (;;)
    {
      if (!parse_rule (&parser, self, additive))
        return NULL;
      skip_spaces (&parser);
      if (*parser.p == '\0')
        break;
      if (*parser.p == ';')
        additive = FALSE;
      else if (*parser.p == ',')
        additive = TRUE;
      else
        {
          syntax_error (&parser, parser.p, parser.p[0] == '|' && parser.p[1] == '|'
                                           ? "“;” (fallback rules “||” are not supported)"
                                           : "“;” and the next rule");
          return NULL;
        }
      parser.p++;
      skip_spaces (&parser);
      /* "Mo-Fr 08:00-18:00;" ends with nothing after the separator. */
      if (*parser.p == '\0' && !additive)
        break;
    }

  return g_steal_pointer (&self);
}

void
kiosk_opening_hours_free (KioskOpeningHours *self)
{
  if (self == NULL)
    return;

  g_free (self->spec);
  g_free (self);
}

const char *
kiosk_opening_hours_get_spec (KioskOpeningHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->spec;
}

/* Evaluation */

static gint32
offset_at (GTimeZone *tz,
           gint64     unix_time)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, unix_time);

  return g_time_zone_get_offset (tz, interval);
}

/* The first moment the wall clock of @tz shows @wall (seconds as if it
 * were UTC) or a later time. */
static gint64
wall_to_unix (GTimeZone *tz,
              gint64     wall)
{
  /* Zone changes are months apart: a day before and after see both sides. */
  gint32 before = offset_at (tz, wall - 86400);
  gint32 after = offset_at (tz, wall + 86400);
  gint64 lo, hi;
  gint32 lo_offset;
  gboolean found = FALSE;
  gint64 best = 0;
  gint32 candidates[] = { before, after };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      gint64 u = wall - candidates[i];

      if (offset_at (tz, u) == candidates[i] && (!found || u < best))
        {
          best = u;
          found = TRUE;
        }
    }
  if (found)
    return best;

  /* In the skipped hour: the moment the clock jumped. */
  lo = wall - MAX (before, after);
  hi = wall - MIN (before, after);
  lo_offset = offset_at (tz, lo);
  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (offset_at (tz, mid) == lo_offset)
        lo = mid;
      else
        hi = mid;
    }

  return hi;
}

static guint32
julian_of (GDateTime *local)
{
  g_autoptr(GDate) date = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (local),
                                          (GDateMonth) g_date_time_get_month (local),
                                          (GDateYear) g_date_time_get_year (local));

  return g_date_get_julian (date);
}

static gint64
day_wall (guint32 julian)
{
  /* 1970-01-01 is Julian day 719163 in GDate's count. */
  return ((gint64) julian - 719163) * 86400;
}

static guint
weekday_index (guint32 julian)
{
  g_autoptr(GDate) date = g_date_new_julian (julian);

  return (guint) g_date_get_weekday (date) - 1;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const KioskClosure *x = a, *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

/* Removes @closure from the sorted, disjoint @spans. */
static void
subtract (GArray             *spans,
          const KioskClosure *closure)
{
  for (guint i = 0; i < spans->len; i++)
    {
      KioskClosure *span = &g_array_index (spans, KioskClosure, i);

      if (closure->end <= span->start || closure->start >= span->end)
        continue;

      if (closure->start > span->start && closure->end < span->end)
        {
          KioskClosure tail = { closure->end, span->end };

          span->end = closure->start;
          g_array_insert_val (spans, i + 1, tail);
          i++;
        }
      else if (closure->start > span->start)
        {
          span->end = closure->start;
        }
      else if (closure->end < span->end)
        {
          span->start = closure->end;
        }
      else
        {
          g_array_remove_index (spans, i);
          i--;
        }
    }
}

/* Open spans of real time starting on the days @first .. @first + @n_days - 1. */
static GArray *
open_spans (KioskOpeningHours *self,
            GTimeZone         *tz,
            const GArray      *closures,
            guint32            first,
            guint              n_days)
{
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (KioskClosure));
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (KioskClosure));

  for (guint32 day = first; day < first + n_days; day++)
    {
      const guint8 *row = self->rows[weekday_index (day)];
      gint64 midnight = day_wall (day);
      guint m = 0;

      while (m < ROW_MINUTES)
        {
          guint run_start;
          KioskClosure span;

          if (!get_minute (row, m))
            {
              m++;
              continue;
            }
          run_start = m;
          while (m < ROW_MINUTES && get_minute (row, m))
            m++;
          span.start = wall_to_unix (tz, midnight + (gint64) run_start * 60);
          span.end = wall_to_unix (tz, midnight + (gint64) m * 60);
          /* A range inside the skipped hour does not happen. */
          if (span.end > span.start)
            g_array_append_val (raw, span);
        }
    }

  g_array_sort (raw, compare_spans);
  for (guint i = 0; i < raw->len; i++)
    {
      KioskClosure *span = &g_array_index (raw, KioskClosure, i);
      KioskClosure *last = spans->len > 0 ? &g_array_index (spans, KioskClosure, spans->len - 1)
                                          : NULL;

      /* Touching spans are one: 24/7 does not change at midnight. */
      if (last != NULL && span->start <= last->end)
        last->end = MAX (last->end, span->end);
      else
        g_array_append_val (spans, *span);
    }

  for (guint i = 0; closures != NULL && i < closures->len; i++)
    subtract (spans, &g_array_index (closures, KioskClosure, i));

  return spans;
}

/* Two days before @at's day on the zone's clock: the night before may
 * reach into it. GDate's days begin with 1 (1 January of the year 1). */
static guint32
first_day (GTimeZone *tz,
           GDateTime *at)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (at, tz);
  guint32 julian = julian_of (local);

  return julian > 2 ? julian - 2 : 1;
}

gboolean
kiosk_opening_hours_is_open (KioskOpeningHours *self,
                             GTimeZone         *tz,
                             const GArray      *closures,
                             GDateTime         *at)
{
  g_autoptr(GArray) spans = NULL;
  gint64 t;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  t = g_date_time_to_unix (at);
  spans = open_spans (self, tz, closures, first_day (tz, at), 4);
  for (guint i = 0; i < spans->len; i++)
    {
      const KioskClosure *span = &g_array_index (spans, KioskClosure, i);

      if (span->start <= t && t < span->end)
        return TRUE;
    }

  return FALSE;
}

/* NULL after the year 9999, which GDateTime cannot hold. */
static GDateTime *
unix_in_zone (gint64     t,
              GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

  return utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
}

GDateTime *
kiosk_opening_hours_next_change (KioskOpeningHours *self,
                                 GTimeZone         *tz,
                                 const GArray      *closures,
                                 GDateTime         *at)
{
  g_autoptr(GArray) spans = NULL;
  guint32 first;
  gint64 t, horizon;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (at != NULL, NULL);

  t = g_date_time_to_unix (at);
  first = first_day (tz, at);
  spans = open_spans (self, tz, closures, first, HORIZON_DAYS);
  /* What reaches the last day may go on beyond it: no change known. */
  horizon = wall_to_unix (tz, day_wall (first + HORIZON_DAYS - 1));

  for (guint i = 0; i < spans->len; i++)
    {
      const KioskClosure *span = &g_array_index (spans, KioskClosure, i);

      if (span->start <= t && t < span->end)
        return span->end < horizon ? unix_in_zone (span->end, tz) : NULL;
      if (span->start > t)
        return unix_in_zone (span->start, tz);
    }

  return NULL;
}

GArray *
kiosk_opening_hours_closures_from_events (GListModel *events)
{
  GArray *closures = g_array_new (FALSE, FALSE, sizeof (KioskClosure));
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (events), closures);

  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (events, i);
      KioskEvent *event;
      KioskClosure closure;

      if (!KIOSK_IS_EVENT (item))
        continue;
      event = KIOSK_EVENT (item);
      if (g_strcmp0 (kiosk_event_get_status (event), KIOSK_EVENT_STATUS_CANCELLED) == 0 ||
          kiosk_event_get_start (event) == NULL)
        continue;

      /* All-day events end at the midnight after their last day. */
      closure.start = g_date_time_to_unix (kiosk_event_get_start (event));
      closure.end = g_date_time_to_unix (kiosk_event_get_end (event));
      if (closure.end > closure.start)
        g_array_append_val (closures, closure);
    }

  return closures;
}

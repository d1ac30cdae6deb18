/* test-opening-hours.c: the opening_hours rules, closing days, `ankerort check opening-hours` */

#include "config.h"

#include <json-glib/json-glib.h>

#include "kiosk-format.h"
#include "kiosk-opening-hours.h"

typedef struct
{
  const char *spec;
  const char *at;
  const char *tz;            /* NULL: Europe/Berlin */
  gboolean    open;
  const char *next_change;   /* NULL: none */
} Case;

/* 2026-11-30 is a Monday; Berlin changes to summer time on 2026-03-29
 * (02:00 CET -> 03:00 CEST) and back on 2026-10-25 (03:00 CEST -> 02:00 CET). */
static const Case cases[] = {
  /* weekday ranges, several time ranges */
  { "Mo-Fr 08:00-18:00", "2026-11-30T10:00:00+01:00", NULL, TRUE, "2026-11-30T18:00:00+01:00" },
  { "Mo-Fr 08:00-18:00", "2026-11-30T07:59:00+01:00", NULL, FALSE, "2026-11-30T08:00:00+01:00" },
  { "Mo-Fr 08:00-18:00", "2026-11-30T08:00:00+01:00", NULL, TRUE, "2026-11-30T18:00:00+01:00" },
  { "Mo-Fr 08:00-18:00", "2026-12-04T18:00:00+01:00", NULL, FALSE, "2026-12-07T08:00:00+01:00" },
  { "Mo-Fr 08:00-18:00", "2026-11-30T10:00:00Z", NULL, TRUE, "2026-11-30T18:00:00+01:00" },
  { "mo-fr 08:00-18:00", "2026-12-05T10:00:00+01:00", NULL, FALSE, "2026-12-07T08:00:00+01:00" },
  { "Mo-Fr 08:00-12:00,13:00-18:00", "2026-11-30T12:30:00+01:00", NULL, FALSE,
    "2026-11-30T13:00:00+01:00" },
  { "Mo-Fr 08:00-12:00, 13:00-18:00", "2026-11-30T11:00:00+01:00", NULL, TRUE,
    "2026-11-30T12:00:00+01:00" },
  /* lists, a range that wraps over the week's end */
  { "Mo,We 09:00-17:00", "2026-12-01T10:00:00+01:00", NULL, FALSE, "2026-12-02T09:00:00+01:00" },
  { "Mo,We 09:00-17:00", "2026-12-02T16:59:00+01:00", NULL, TRUE, "2026-12-02T17:00:00+01:00" },
  { "Sa-Mo 10:00-14:00", "2026-12-02T10:00:00+01:00", NULL, FALSE, "2026-12-05T10:00:00+01:00" },
  { "Sa-Mo 10:00-14:00", "2026-11-30T11:00:00+01:00", NULL, TRUE, "2026-11-30T14:00:00+01:00" },
  { "Sa-Mo 10:00-14:00", "2026-12-06T15:00:00+01:00", NULL, FALSE, "2026-12-07T10:00:00+01:00" },
  /* past midnight: the night belongs to the day it starts on */
  { "Fr-Sa 22:00-02:00", "2026-12-05T01:00:00+01:00", NULL, TRUE, "2026-12-05T02:00:00+01:00" },
  { "Fr-Sa 22:00-02:00", "2026-12-06T01:00:00+01:00", NULL, TRUE, "2026-12-06T02:00:00+01:00" },
  { "Fr-Sa 22:00-02:00", "2026-12-06T03:00:00+01:00", NULL, FALSE, "2026-12-11T22:00:00+01:00" },
  { "Fr-Sa 22:00-02:00", "2026-12-04T21:00:00+01:00", NULL, FALSE, "2026-12-04T22:00:00+01:00" },
  { "Mo-Fr 18:00-26:00", "2026-12-05T01:00:00+01:00", NULL, TRUE, "2026-12-05T02:00:00+01:00" },
  { "Mo 22:00-02:00; Tu off", "2026-12-01T01:00:00+01:00", NULL, TRUE, "2026-12-01T02:00:00+01:00" },
  { "Mo-Su 08:00-24:00", "2026-11-30T23:00:00+01:00", NULL, TRUE, "2026-12-01T00:00:00+01:00" },
  { "Mo-Su 00:00-24:00", "2026-12-01T12:00:00+01:00", NULL, TRUE, NULL },
  { "Mo-Su 08:00-08:00", "2026-12-01T12:00:00+01:00", NULL, TRUE, NULL },
  /* a later rule for a day replaces the earlier one; "," adds */
  { "Mo-Fr 08:00-18:00; We 10:00-12:00", "2026-12-02T09:00:00+01:00", NULL, FALSE,
    "2026-12-02T10:00:00+01:00" },
  { "Mo-Fr 08:00-18:00; We 10:00-12:00", "2026-12-02T12:00:00+01:00", NULL, FALSE,
    "2026-12-03T08:00:00+01:00" },
  { "Mo-Fr 08:00-18:00; We off", "2026-12-02T12:00:00+01:00", NULL, FALSE,
    "2026-12-03T08:00:00+01:00" },
  { "Mo-Fr 08:00-18:00; We closed", "2026-12-01T17:00:00+01:00", NULL, TRUE,
    "2026-12-01T18:00:00+01:00" },
  { "Mo-Fr 08:00-18:00; We 12:00-14:00 off", "2026-12-02T13:00:00+01:00", NULL, FALSE,
    "2026-12-02T14:00:00+01:00" },
  { "Mo-Fr 08:00-18:00; We 12:00-14:00 off", "2026-12-02T11:00:00+01:00", NULL, TRUE,
    "2026-12-02T12:00:00+01:00" },
  { "Mo 10:00-12:00, We 14:00-16:00", "2026-12-02T15:00:00+01:00", NULL, TRUE,
    "2026-12-02T16:00:00+01:00" },
  { "Mo 10:00-12:00, We 14:00-16:00", "2026-11-30T11:00:00+01:00", NULL, TRUE,
    "2026-11-30T12:00:00+01:00" },
  { "08:00-12:00; Su off", "2026-12-06T09:00:00+01:00", NULL, FALSE, "2026-12-07T08:00:00+01:00" },
  { "Mo-Fr 08:00-18:00;", "2026-11-30T10:00:00+01:00", NULL, TRUE, "2026-11-30T18:00:00+01:00" },
  { "Sa", "2026-12-05T23:00:00+01:00", NULL, TRUE, "2026-12-06T00:00:00+01:00" },
  /* always, never, holidays not applied */
  { "24/7", "2026-12-24T03:00:00+01:00", NULL, TRUE, NULL },
  { "24/7; Su off", "2026-12-05T12:00:00+01:00", NULL, TRUE, "2026-12-06T00:00:00+01:00" },
  { "off", "2026-12-24T03:00:00+01:00", NULL, FALSE, NULL },
  { "Mo-Fr 08:00-18:00; PH off", "2026-11-30T10:00:00+01:00", NULL, TRUE,
    "2026-11-30T18:00:00+01:00" },
  { "Mo-Fr 08:00-18:00; Su,PH off", "2026-11-30T10:00:00+01:00", NULL, TRUE,
    "2026-11-30T18:00:00+01:00" },
  /* next change in a later week */
  { "Th 10:00-11:00", "2026-12-03T11:00:00+01:00", NULL, FALSE, "2026-12-10T10:00:00+01:00" },
  { "Sa 08:00-12:00", "2026-12-06T10:00:00+01:00", NULL, FALSE, "2026-12-12T08:00:00+01:00" },
  /* other zones */
  { "Mo-Fr 09:00-17:00", "2026-11-30T14:00:00Z", "America/New_York", TRUE,
    "2026-11-30T17:00:00-05:00" },
  { "Mo-Fr 09:00-17:00", "2026-11-30T13:59:00Z", "America/New_York", FALSE,
    "2026-11-30T09:00:00-05:00" },
  /* spring: 02:00-03:00 does not exist on 2026-03-29 */
  { "Su 01:00-04:00", "2026-03-29T01:30:00+01:00", NULL, TRUE, "2026-03-29T04:00:00+02:00" },
  { "Su 01:00-04:00", "2026-03-29T03:30:00+02:00", NULL, TRUE, "2026-03-29T04:00:00+02:00" },
  { "Mo-Su 22:00-02:30", "2026-03-29T01:45:00+01:00", NULL, TRUE, "2026-03-29T03:00:00+02:00" },
  { "Su 02:30-05:00", "2026-03-29T00:00:00+01:00", NULL, FALSE, "2026-03-29T03:00:00+02:00" },
  { "Su 02:00-03:00", "2026-03-29T00:00:00+01:00", NULL, FALSE, "2026-04-05T02:00:00+02:00" },
  { "Mo-Su 08:00-18:00", "2026-03-28T20:00:00+01:00", NULL, FALSE, "2026-03-29T08:00:00+02:00" },
  { "Mo-Su 08:00-18:00", "2026-03-29T09:00:00+02:00", NULL, TRUE, "2026-03-29T18:00:00+02:00" },
  { "24/7", "2026-03-29T02:30:00+01:00", NULL, TRUE, NULL },
  /* autumn: 02:00-03:00 comes twice on 2026-10-25; a time means its first */
  { "Su 02:30-05:00", "2026-10-25T00:00:00+02:00", NULL, FALSE, "2026-10-25T02:30:00+02:00" },
  { "Su 02:30-05:00", "2026-10-25T02:45:00+02:00", NULL, TRUE, "2026-10-25T05:00:00+01:00" },
  { "Su 02:30-05:00", "2026-10-25T02:15:00+01:00", NULL, TRUE, "2026-10-25T05:00:00+01:00" },
  { "Sa 22:00-02:00", "2026-10-25T01:30:00+02:00", NULL, TRUE, "2026-10-25T02:00:00+02:00" },
  { "Sa 22:00-02:00", "2026-10-25T02:30:00+01:00", NULL, FALSE, "2026-10-31T22:00:00+01:00" },
  { "Mo-Su 00:00-24:00", "2026-10-25T02:30:00+01:00", NULL, TRUE, NULL },
  { "Su 08:00-20:00", "2026-10-24T20:00:00+02:00", NULL, FALSE, "2026-10-25T08:00:00+01:00" },
  { "Mo-Fr 08:00-18:00", "2026-10-23T18:00:00+02:00", NULL, FALSE, "2026-10-26T08:00:00+01:00" },
  /* the ends of the calendar GDateTime holds (%Y writes the year 1 as "1") */
  { "Mo 10:00-12:00", "9999-12-30T12:00:00Z", NULL, FALSE, NULL },
  { "Mo 10:00-12:00", "0001-01-01T10:30:00Z", "UTC", TRUE, "1-01-01T12:00:00+00:00" },
};

static char *
format_time (GDateTime *time)
{
  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
}

static GTimeZone *
zone (const char *id)
{
  GTimeZone *tz = g_time_zone_new_identifier (id != NULL ? id : "Europe/Berlin");

  g_assert_nonnull (tz);
  return tz;
}

static void
test_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GTimeZone) tz = zone (c->tz);
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskOpeningHours) hours = kiosk_opening_hours_parse (c->spec, NULL, NULL, &error);
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (c->at, NULL);
      g_autoptr(GDateTime) next = NULL;
      g_autofree char *next_text = NULL;

      g_test_message ("case %u: %s at %s", i, c->spec, c->at);
      g_assert_no_error (error);
      g_assert_nonnull (at);
      g_assert_cmpint (kiosk_opening_hours_is_open (hours, tz, NULL, at), ==, c->open);
      next = kiosk_opening_hours_next_change (hours, tz, NULL, at);
      next_text = format_time (next);
      g_assert_cmpstr (next_text, ==, c->next_change);
      g_assert_cmpstr (kiosk_opening_hours_get_spec (hours), ==, c->spec);

      /* Just before the change the state is still the same, at it the other. */
      if (next != NULL)
        {
          g_autoptr(GDateTime) before = g_date_time_add_seconds (next, -1);

          g_assert_cmpint (kiosk_opening_hours_is_open (hours, tz, NULL, before), ==, c->open);
          g_assert_cmpint (kiosk_opening_hours_is_open (hours, tz, NULL, next), !=, c->open);
        }
    }
}

typedef struct
{
  const char *spec;
  guint       column;
  const char *expected;   /* part of the message */
} SyntaxCase;

static const SyntaxCase syntax_cases[] = {
  { "", 1, "expected a weekday (Mo-Fr), a time (08:00-18:00)" },
  { "   ", 4, "found the end" },
  { "Mo-Fr 08:00-18:00; Sa 10:0-14:00", 26, "two digits of minutes" },
  { "Mo-Xy 08:00-18:00", 4, "expected a weekday (Mo, Tu, We, Th, Fr, Sa, Su), found “Xy”" },
  { "Mo-Fr 08:00-49:00", 13, "no later than 48:00" },
  { "Mo-Fr 08:00 18:00", 12, "expected “-” and a closing time" },
  { "Mo-Fr 08:00-18:00 foo", 19, "expected “;” and the next rule, found “foo”" },
  { "Mo-Fr 24:00-02:00", 7, "no later than 23:00" },
  { "Dec 25 off", 1, "found “Dec”" },
  { "Mo-Fr 08:60-18:00", 10, "minutes from 00 to 59" },
  { "Mo-Fr 08:00–18:00", 12, "found “–18:00”" },
  { "Mo-Fr 08:00-18:00 || Sa off", 19, "fallback rules" },
  { "Mo-Fr 08:00+", 12, "open end" },
  { "Mo, 08:00-18:00", 4, "expected a weekday" },
  { "Mo[1] 10:00-12:00", 3, "nth weekday" },
  { "Mo-Fr 8-18", 8, "“:” and the minutes" },
  { "Mo-Fr 08:00-18:00; ; Sa off", 20, "expected a weekday (Mo-Fr)" },
};

static void
test_syntax_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (syntax_cases); i++)
    {
      const SyntaxCase *c = &syntax_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskOpeningHours) hours = NULL;
      g_autofree char *prefix = g_strdup_printf ("column %u: ", c->column);
      guint column = 0;

      hours = kiosk_opening_hours_parse (c->spec, NULL, &column, &error);
      g_test_message ("“%s”: %s", c->spec, error != NULL ? error->message : "(parsed)");
      g_assert_null (hours);
      g_assert_error (error, KIOSK_OPENING_HOURS_ERROR, KIOSK_OPENING_HOURS_ERROR_SYNTAX);
      g_assert_cmpuint (column, ==, c->column);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message, c->expected));
    }
}

static void
test_holiday_warning (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskOpeningHours) hours =
    kiosk_opening_hours_parse ("Mo-Fr 08:00-18:00; PH off", warnings, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hours);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (warnings, 0), "column 20: "));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "PH"));
}

/* Values put together from pieces of the syntax and stray bytes: each
 * parses or is refused with a column inside it, never crashes, and what
 * parses evaluates with a change consistent with is_open. */
static void
test_random_values (void)
{
  static const char * const pieces[] = {
    "Mo", "Tu", "We", "Su", "PH", "SH", "-", ",", ";", " ", ":", "08", "8", "00", "24", "26",
    "48", "59", "60", "08:00", "18:00", "24:00", "00:00", "off", "closed", "open", "24/7",
    "||", "+", "[1]", "–", "ö", "\"", "Dec", "\t", "99:99", "0",
  };
  g_autoptr(GTimeZone) tz = zone (NULL);
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 ("2026-10-25T02:30:00+01:00", NULL);
  guint parsed = 0;

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) spec = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskOpeningHours) hours = NULL;
      guint n = (guint) g_test_rand_int_range (1, 12);
      guint column = 0;

      for (guint j = 0; j < n; j++)
        g_string_append (spec, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);

      hours = kiosk_opening_hours_parse (spec->str, NULL, &column, &error);
      if (hours == NULL)
        {
          g_autofree char *prefix = g_strdup_printf ("column %u: expected ", column);

          g_assert_error (error, KIOSK_OPENING_HOURS_ERROR, KIOSK_OPENING_HOURS_ERROR_SYNTAX);
          g_assert_cmpuint (column, >=, 1);
          g_assert_cmpuint (column, <=, g_utf8_strlen (spec->str, -1) + 1);
          g_assert_true (g_str_has_prefix (error->message, prefix));
        }
      else
        {
          g_autoptr(GDateTime) next = kiosk_opening_hours_next_change (hours, tz, NULL, at);
          gboolean open = kiosk_opening_hours_is_open (hours, tz, NULL, at);

          parsed++;
          if (next != NULL)
            {
              g_assert_cmpint (g_date_time_compare (next, at), >, 0);
              g_assert_cmpint (kiosk_opening_hours_is_open (hours, tz, NULL, next), !=, open);
            }
        }
    }

  g_test_message ("%u of 20000 parsed", parsed);
  g_assert_cmpuint (parsed, >, 100);
}

static GArray *
closures_from_file (const char *name,
                    GTimeZone  *tz,
                    const char *now)
{
  const KioskFormat *ical = kiosk_format_lookup ("ical");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "opening", name, NULL);
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_auto(KioskParseResult) result;
  g_autoptr(GListStore) store = NULL;

  file = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (file);
  g_clear_pointer (&ctx->now, g_date_time_unref);
  ctx->now = g_date_time_new_from_iso8601 (now, NULL);
  kiosk_parse_result_init (&result);
  g_assert_true (ical->parse (bytes, ctx, &result, &error));
  g_assert_no_error (error);

  store = g_list_store_new (G_TYPE_OBJECT);
  for (guint i = 0; i < result.items->len; i++)
    g_list_store_append (store, g_ptr_array_index (result.items, i));

  return kiosk_opening_hours_closures_from_events (G_LIST_MODEL (store));
}

static void
assert_state (KioskOpeningHours *hours,
              GTimeZone         *tz,
              GArray            *closures,
              const char        *at_text,
              gboolean           open,
              const char        *next_change)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (at_text, NULL);
  g_autoptr(GDateTime) next = kiosk_opening_hours_next_change (hours, tz, closures, at);
  g_autofree char *next_text = format_time (next);

  g_test_message ("%s at %s", kiosk_opening_hours_get_spec (hours), at_text);
  g_assert_cmpint (kiosk_opening_hours_is_open (hours, tz, closures, at), ==, open);
  g_assert_cmpstr (next_text, ==, next_change);
}

/* Closing days from a real calendar: Christmas (all day, three days), a
 * staff meeting (a timed span), a cancelled stock-taking (closes nothing). */
static void
test_closures_ics (void)
{
  g_autoptr(GTimeZone) tz = zone (NULL);
  g_autoptr(GArray) closures = closures_from_file ("closures.ics", tz, "2026-11-30T10:00:00+01:00");
  g_autoptr(KioskOpeningHours) weekdays = kiosk_opening_hours_parse ("Mo-Fr 08:00-18:00", NULL, NULL, NULL);
  g_autoptr(KioskOpeningHours) always = kiosk_opening_hours_parse ("24/7", NULL, NULL, NULL);

  g_assert_cmpuint (closures->len, ==, 2);

  /* the timed span on Wednesday */
  assert_state (weekdays, tz, closures, "2026-12-02T11:00:00+01:00", TRUE, "2026-12-02T12:00:00+01:00");
  assert_state (weekdays, tz, closures, "2026-12-02T12:00:00+01:00", FALSE, "2026-12-02T15:00:00+01:00");
  assert_state (weekdays, tz, closures, "2026-12-02T15:00:00+01:00", TRUE, "2026-12-02T18:00:00+01:00");
  /* the cancelled day is open */
  assert_state (weekdays, tz, closures, "2026-12-03T09:00:00+01:00", TRUE, "2026-12-03T18:00:00+01:00");
  /* Christmas: Thursday and Friday closed, open again on Monday */
  assert_state (weekdays, tz, closures, "2026-12-23T17:00:00+01:00", TRUE, "2026-12-23T18:00:00+01:00");
  assert_state (weekdays, tz, closures, "2026-12-23T18:00:00+01:00", FALSE, "2026-12-28T08:00:00+01:00");
  assert_state (weekdays, tz, closures, "2026-12-24T10:00:00+01:00", FALSE, "2026-12-28T08:00:00+01:00");
  /* around the clock: the closing days are the only changes */
  assert_state (always, tz, closures, "2026-12-23T12:00:00+01:00", TRUE, "2026-12-24T00:00:00+01:00");
  assert_state (always, tz, closures, "2026-12-25T12:00:00+01:00", FALSE, "2026-12-27T00:00:00+01:00");
  assert_state (always, tz, closures, "2026-12-27T00:00:00+01:00", TRUE, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/opening-hours/rules", test_rules);
  g_test_add_func ("/opening-hours/syntax-errors", test_syntax_errors);
  g_test_add_func ("/opening-hours/holiday-warning", test_holiday_warning);
  g_test_add_func ("/opening-hours/random-values", test_random_values);
  g_test_add_func ("/opening-hours/closures-ics", test_closures_ics);

  return g_test_run ();
}

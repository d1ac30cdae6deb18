/* kiosk-ical-format.c: the `ical` kind: iCalendar (RFC 5545) feeds via libical
 *
 * Recurrences are expanded in the wall-clock time of the event's zone (so a
 * weekly 10:00 stays at 10:00 across DST) and converted to instants only per
 * occurrence (zones: kiosk-ical-zones.c). Occurrences of one event share
 * its texts and data; the libical tree is freed once they are built.
 * Expansion is bounded by the window,
 * by a per-event occurrence cap and by a step cap, and recurrences that
 * began long ago are jumped forward instead of being walked. */

#define G_LOG_DOMAIN "kiosk-ical-format"

#include "config.h"

#include <libical/ical.h>
#include <string.h>

#include "kiosk-event-common.h"
#include "kiosk-formats.h"
#include "kiosk-ical-format.h"
#include "kiosk-ical-zones.h"

#define MAX_DOCUMENT_SIZE (32 * 1024 * 1024)
#define MAX_CATEGORIES 12
/* GDate's Julian day number of 1970-01-01 */
#define EPOCH_DAY 719163

typedef struct
{
  const KioskParseContext *ctx;
  KioskParseResult        *result;
  KioskEventWindow         window;
  gint64                   from;    /* window, unix seconds */
  gint64                   to;
  KioskIcalZones          *zones;
  GHashTable              *overrides;  /* uid -> GPtrArray<icalcomponent*> */
  GHashTable              *masters;    /* uid -> icalcomponent* */
} Parser;

typedef struct
{
  gint64         key;       /* timed: unix start; all-day: day number * 86400 */
  gint64         end_key;   /* same scale; -1: use the event's duration */
} Occurrence;

static gint64
day_key (int year,
         int month,
         int day)
{
  GDate date;

  if (!g_date_valid_dmy (day, month, year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  return (gint64) g_date_get_julian (&date) * 86400;
}

static GDateTime *
day_to_datetime (Parser *parser,
                 gint64  key)
{
  GDate date;

  /* Keys outside GDate's range come from absurd years; they have no day. */
  if (key < 86400 || key / 86400 > 3652059 /* 9999-12-31 */)
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (key / 86400));

  return g_date_time_new (parser->ctx->tz, g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), 0, 0, 0);
}

static char *
describe_event (icalcomponent *comp,
                guint          index)
{
  const char *uid = icalcomponent_get_uid (comp);
  const char *summary = icalcomponent_get_summary (comp);

  return g_strdup_printf ("VEVENT #%u (UID %s%s%s%s)", index,
                          uid != NULL ? uid : "none",
                          summary != NULL ? ", “" : "",
                          summary != NULL ? summary : "",
                          summary != NULL ? "”" : "");
}

static char *
collect_errors (icalcomponent *comp)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (icalproperty *p = icalcomponent_get_first_property (comp, ICAL_XLICERROR_PROPERTY);
       p != NULL;
       p = icalcomponent_get_next_property (comp, ICAL_XLICERROR_PROPERTY))
    {
      const char *message = icalproperty_get_xlicerror (p);

      if (message == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, message);
      if (text->len > 300)
        break;
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_ascii_strncasecmp (url, "https://", 8) == 0 ||
                         g_ascii_strncasecmp (url, "http://", 7) == 0);
}

static gboolean
looks_like_image (const char *url)
{
  static const char *suffixes[] = { ".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg" };
  g_autofree char *lower = g_ascii_strdown (url, -1);
  char *query = strpbrk (lower, "?#");

  if (query != NULL)
    *query = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      if (g_str_has_suffix (lower, suffixes[i]))
        return TRUE;
    }

  return FALSE;
}

static const char *
language_of (icalproperty *prop)
{
  icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_LANGUAGE_PARAMETER);

  return param != NULL ? icalparameter_get_language (param) : NULL;
}

/* The texts and links of a VEVENT into @event; what @comp lacks stays. */
static void
read_fields (icalcomponent *comp,
             KioskEvent    *event)
{
  g_autoptr(GPtrArray) categories = NULL;
  icalproperty *prop;
  gboolean have_title = FALSE, have_description = FALSE;
  const char *image = NULL;

  /* Texts of its own replace the series' in every language. */
  kiosk_event_drop_translations (event,
                                 icalcomponent_get_first_property (comp, ICAL_SUMMARY_PROPERTY) != NULL,
                                 icalcomponent_get_first_property (comp, ICAL_DESCRIPTION_PROPERTY) != NULL);

  for (prop = icalcomponent_get_first_property (comp, ICAL_SUMMARY_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (comp, ICAL_SUMMARY_PROPERTY))
    {
      g_autofree char *text = kiosk_event_text_from_html (icalproperty_get_summary (prop));
      const char *language = language_of (prop);

      if (text == NULL)
        continue;
      if (language != NULL)
        kiosk_event_add_translation (event, language, text, NULL);
      if (!have_title)
        kiosk_event_set_title (event, text);
      have_title = TRUE;
    }

  for (prop = icalcomponent_get_first_property (comp, ICAL_DESCRIPTION_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (comp, ICAL_DESCRIPTION_PROPERTY))
    {
      g_autofree char *text = kiosk_event_text_from_html (icalproperty_get_description (prop));
      const char *language = language_of (prop);

      if (text == NULL)
        continue;
      if (language != NULL)
        kiosk_event_add_translation (event, language, NULL, text);
      if (!have_description)
        kiosk_event_set_description (event, text);
      have_description = TRUE;
    }

  if ((prop = icalcomponent_get_first_property (comp, ICAL_LOCATION_PROPERTY)) != NULL)
    {
      g_autofree char *text = kiosk_event_text_from_html (icalproperty_get_location (prop));

      if (text != NULL)
        kiosk_event_set_location (event, text);
    }

  if ((prop = icalcomponent_get_first_property (comp, ICAL_GEO_PROPERTY)) != NULL)
    {
      struct icalgeotype geo = icalproperty_get_geo (prop);

      kiosk_event_set_coordinates (event, geo.lat, geo.lon);
    }

  if ((prop = icalcomponent_get_first_property (comp, ICAL_URL_PROPERTY)) != NULL &&
      is_web_url (icalproperty_get_url (prop)))
    kiosk_event_set_url (event, icalproperty_get_url (prop));

  for (prop = icalcomponent_get_first_property (comp, ICAL_CATEGORIES_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (comp, ICAL_CATEGORIES_PROPERTY))
    {
      g_autofree char *text = kiosk_event_text_from_html (icalproperty_get_categories (prop));
      gboolean seen = FALSE;

      if (text == NULL)
        continue;
      g_strstrip (text);
      if (categories == NULL)
        categories = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < categories->len; i++)
        seen |= g_str_equal (g_ptr_array_index (categories, i), text);
      if (!seen && categories->len < MAX_CATEGORIES && *text != '\0')
        g_ptr_array_add (categories, g_steal_pointer (&text));
    }
  if (categories != NULL)
    {
      g_ptr_array_add (categories, NULL);
      kiosk_event_set_categories (event, (const char * const *) categories->pdata);
    }

  /* RFC 7986 IMAGE first, then an ATTACH that is an image. */
  for (prop = icalcomponent_get_first_property (comp, ICAL_IMAGE_PROPERTY);
       prop != NULL && image == NULL;
       prop = icalcomponent_get_next_property (comp, ICAL_IMAGE_PROPERTY))
    {
      const char *value = icalproperty_get_value_as_string (prop);

      if (is_web_url (value))
        image = value;
    }
  for (prop = icalcomponent_get_first_property (comp, ICAL_ATTACH_PROPERTY);
       prop != NULL && image == NULL;
       prop = icalcomponent_get_next_property (comp, ICAL_ATTACH_PROPERTY))
    {
      icalparameter *fmt = icalproperty_get_first_parameter (prop, ICAL_FMTTYPE_PARAMETER);
      icalattach *attach = icalproperty_get_attach (prop);
      const char *url = attach != NULL && icalattach_get_is_url (attach) ? icalattach_get_url (attach) : NULL;

      if (url == NULL)
        url = icalproperty_get_value_as_string (prop);
      if (!is_web_url (url))
        continue;
      if ((fmt != NULL && g_str_has_prefix (icalparameter_get_fmttype (fmt), "image/")) ||
          (fmt == NULL && looks_like_image (url)))
        image = url;
    }
  if (image != NULL)
    kiosk_event_set_image (event, image);

  if ((prop = icalcomponent_get_first_property (comp, ICAL_STATUS_PROPERTY)) != NULL)
    kiosk_event_set_status (event, icalproperty_get_status (prop) == ICAL_STATUS_CANCELLED
                                   ? KIOSK_EVENT_STATUS_CANCELLED
                                   : KIOSK_EVENT_STATUS_CONFIRMED);
}

/* The instant a DATE-TIME value of @prop is; a floating one is in @fallback. */
static gint64
value_to_unix (Parser              *parser,
               icalproperty        *prop,
               struct icaltimetype  t,
               const KioskIcalZone *fallback)
{
  return kiosk_ical_zone_to_unix (kiosk_ical_zones_for_value (parser->zones, prop, t, fallback), t);
}

/* Start, zone and length of a VEVENT. */
typedef struct
{
  struct icaltimetype  start;
  const KioskIcalZone *zone;
  gboolean             all_day;
  gint64               length;   /* seconds; for all-day events whole days * 86400 */
  gint64               key;
} Timing;

static gboolean
read_timing (Parser        *parser,
             icalcomponent *comp,
             const char    *what,
             Timing        *timing)
{
  icalproperty *prop = icalcomponent_get_first_property (comp, ICAL_DTSTART_PROPERTY);

  if (prop == NULL)
    return FALSE;

  timing->start = icalproperty_get_dtstart (prop);
  if (icaltime_is_null_time (timing->start) || !icaltime_is_valid_time (timing->start))
    return FALSE;
  timing->all_day = timing->start.is_date;
  timing->zone = kiosk_ical_zones_for_value (parser->zones, prop, timing->start,
                                             kiosk_ical_zones_get_floating (parser->zones));
  timing->key = timing->all_day
                ? day_key (timing->start.year, timing->start.month, timing->start.day)
                : kiosk_ical_zone_to_unix (timing->zone, timing->start);
  if (timing->key == 0 && timing->all_day)
    return FALSE;

  if ((prop = icalcomponent_get_first_property (comp, ICAL_DTEND_PROPERTY)) != NULL)
    {
      struct icaltimetype end = icalproperty_get_dtend (prop);

      if (icaltime_is_null_time (end))
        timing->length = -1;
      else if (timing->all_day)
        timing->length = day_key (end.year, end.month, end.day) - timing->key;
      else
        timing->length = value_to_unix (parser, prop, end, timing->zone) - timing->key;
    }
  else if ((prop = icalcomponent_get_first_property (comp, ICAL_DURATION_PROPERTY)) != NULL)
    {
      struct icaldurationtype duration = icalproperty_get_duration (prop);

      timing->length = duration.is_neg ? -1 : icaldurationtype_as_int (duration);
      if (timing->all_day)
        timing->length -= timing->length % 86400;
    }
  else
    {
      timing->length = timing->all_day ? 86400 : 0;
    }

  if (timing->length < 0 || (timing->all_day && timing->length == 0))
    {
      kiosk_parse_result_warn (parser->result, "%s: DTEND before DTSTART; taken as %s",
                               what, timing->all_day ? "one day" : "no duration");
      timing->length = timing->all_day ? 86400 : 0;
    }

  return TRUE;
}

/* Start and end instants of an occurrence, for the window. */
static void
occurrence_span (Parser       *parser,
                 const Timing *timing,
                 gint64        key,
                 gint64        length,
                 gint64       *start,
                 gint64       *end)
{
  if (timing->all_day)
    {
      g_autoptr(GDateTime) s = day_to_datetime (parser, key);
      g_autoptr(GDateTime) e = day_to_datetime (parser, key + length);

      *start = s != NULL ? g_date_time_to_unix (s) : 0;
      *end = e != NULL ? g_date_time_to_unix (e) : *start;
      return;
    }

  *start = key;
  *end = key + length;
}

static gboolean
in_window (Parser       *parser,
           const Timing *timing,
           gint64        key,
           gint64        length)
{
  gint64 start, end;

  occurrence_span (parser, timing, key, length, &start, &end);
  return kiosk_event_window_contains (&parser->window, start, end);
}

/* An occurrence shares the strings and data of its template (the series or
 * the override) and owns only its times. */
static KioskEvent *
make_occurrence (Parser       *parser,
                 KioskEvent   *template,
                 const Timing *timing,
                 gint64        key,
                 gint64        length)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (timing->all_day)
    {
      start = day_to_datetime (parser, key);
      end = day_to_datetime (parser, key + length);
    }
  else
    {
      g_autoptr(GDateTime) s = g_date_time_new_from_unix_utc (key);
      g_autoptr(GDateTime) e = length > 0 ? g_date_time_new_from_unix_utc (key + length) : NULL;

      start = s != NULL ? g_date_time_to_timezone (s, parser->ctx->tz) : NULL;
      end = e != NULL ? g_date_time_to_timezone (e, parser->ctx->tz) : NULL;
    }

  if (start == NULL)
    return NULL;

  return kiosk_event_new_occurrence (template, start, end != NULL ? end : start, timing->all_day);
}

/* An instant (or day) key for a RECURRENCE-ID, EXDATE or RDATE value. */
static gint64
value_key (Parser             *parser,
           icalproperty       *prop,
           struct icaltimetype t,
           const Timing       *timing)
{
  if (timing->all_day)
    {
      if (!t.is_date)
        {
          /* A date-time against a date event: its day in the event's frame. */
          const KioskIcalZone *frame = kiosk_ical_zones_get_floating (parser->zones);
          gint64 local = kiosk_ical_zone_to_floating (frame, value_to_unix (parser, prop, t, timing->zone));

          return (local / 86400 + EPOCH_DAY) * 86400;
        }
      return day_key (t.year, t.month, t.day);
    }

  return value_to_unix (parser, prop, t, timing->zone);
}

static gboolean
excluded (Parser        *parser,
          icalcomponent *comp,
          const Timing  *timing,
          gint64         key)
{
  for (icalproperty *p = icalcomponent_get_first_property (comp, ICAL_EXDATE_PROPERTY);
       p != NULL;
       p = icalcomponent_get_next_property (comp, ICAL_EXDATE_PROPERTY))
    {
      struct icaltimetype t = icalproperty_get_exdate (p);

      if (icaltime_is_null_time (t))
        continue;
      if (t.is_date && !timing->all_day)
        {
          /* A date excludes every occurrence on that day (in the event's zone). */
          gint64 local = kiosk_ical_zone_to_floating (timing->zone, key);

          if (local / 86400 + EPOCH_DAY == day_key (t.year, t.month, t.day) / 86400)
            return TRUE;
          continue;
        }
      if (value_key (parser, p, t, timing) == key)
        return TRUE;
    }

  return FALSE;
}

static void
add_key (GArray *keys,
         gint64  key,
         gint64  end_key)
{
  Occurrence occurrence = { key, end_key };

  for (guint i = 0; i < keys->len; i++)
    {
      if (g_array_index (keys, Occurrence, i).key == key)
        return;
    }
  g_array_append_val (keys, occurrence);
}

static gboolean
rule_is_safe (struct icalrecurrencetype *rule,
              const char               **why)
{
  switch (rule->freq)
    {
    case ICAL_SECONDLY_RECURRENCE:
    case ICAL_MINUTELY_RECURRENCE:
      *why = "FREQ=SECONDLY and FREQ=MINUTELY are not supported for events";
      return FALSE;

    case ICAL_HOURLY_RECURRENCE:
      if (rule->by_month[0] != ICAL_RECURRENCE_ARRAY_MAX ||
          rule->by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
          rule->by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
          rule->by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX ||
          rule->by_day[0] != ICAL_RECURRENCE_ARRAY_MAX)
        {
          *why = "FREQ=HOURLY is supported without day and month filters only";
          return FALSE;
        }
      return TRUE;

    case ICAL_DAILY_RECURRENCE:
    case ICAL_WEEKLY_RECURRENCE:
    case ICAL_MONTHLY_RECURRENCE:
    case ICAL_YEARLY_RECURRENCE:
      if (!kiosk_ical_rule_can_match (rule))
        {
          *why = "BYMONTH and BYMONTHDAY never match";
          return FALSE;
        }
      return TRUE;

    case ICAL_NO_RECURRENCE:
    default:
      *why = "no valid FREQ";
      return FALSE;
    }
}

static void
expand_rrule (Parser                   *parser,
              const char               *what,
              struct icalrecurrencetype rule,
              const Timing             *timing,
              GArray                   *keys)
{
  struct icaltimetype local = timing->start;
  icalrecur_iterator *iter;
  gint64 until = G_MAXINT64;
  guint steps = 0, found = 0;
  const char *why = NULL;

  local.zone = NULL;

  if (rule.interval < 1 || !rule_is_safe (&rule, &why))
    {
      kiosk_parse_result_warn (parser->result, "%s: RRULE ignored (%s); shown once, at DTSTART",
                               what, why != NULL ? why : "INTERVAL below 1");
      if (in_window (parser, timing, timing->key, timing->length))
        add_key (keys, timing->key, -1);
      return;
    }

  /* UNTIL is compared here, as instants: libical cannot compare a UTC
   * UNTIL with floating wall-clock times. */
  if (!icaltime_is_null_time (rule.until))
    {
      struct icaltimetype u = rule.until;

      if (timing->all_day)
        until = value_key (parser, NULL, u, timing);
      else if (u.is_date)
        {
          u.is_date = 0;
          u.hour = 23;
          u.minute = 59;
          u.second = 59;
          until = kiosk_ical_zone_to_unix (timing->zone, u);
        }
      else if (icaltime_is_utc (u))
        until = kiosk_ical_floating_seconds (u);
      else
        until = kiosk_ical_zone_to_unix (timing->zone, u);
      rule.until = icaltime_null_time ();
    }

  /* Jump over the years before the window when the rule's period is a
   * fixed number of seconds and nothing counts occurrences. */
  if (rule.count == 0 && rule.freq >= ICAL_SECONDLY_RECURRENCE &&
      rule.freq <= ICAL_WEEKLY_RECURRENCE)
    {
      static const gint64 seconds[] = { 1, 60, 3600, 86400, 7 * 86400 };
      gint64 period = seconds[rule.freq - ICAL_SECONDLY_RECURRENCE] * rule.interval;
      gint64 start = kiosk_ical_floating_seconds (local);
      gint64 target = kiosk_ical_zone_to_floating (timing->zone, parser->from) - timing->length -
                      2 * period - 3 * 86400;

      if (target > start)
        {
          gint64 shifted = start + ((target - start) / period) * period;

          local = icaltime_from_timet_with_zone ((time_t) shifted, timing->all_day, NULL);
        }
    }

  iter = icalrecur_iterator_new (rule, local);
  if (iter == NULL)
    {
      kiosk_parse_result_warn (parser->result, "%s: RRULE cannot be expanded; shown once, at DTSTART", what);
      if (in_window (parser, timing, timing->key, timing->length))
        add_key (keys, timing->key, -1);
      return;
    }

  for (;;)
    {
      struct icaltimetype next = icalrecur_iterator_next (iter);
      gint64 key, start, end;

      if (icaltime_is_null_time (next))
        break;
      if (++steps > KIOSK_EVENTS_MAX_STEPS)
        {
          kiosk_parse_result_warn (parser->result, "%s: RRULE stopped after %u steps",
                                   what, KIOSK_EVENTS_MAX_STEPS);
          break;
        }

      key = timing->all_day ? day_key (next.year, next.month, next.day)
                            : kiosk_ical_zone_to_unix (timing->zone, next);
      if (key > until)
        break;
      occurrence_span (parser, timing, key, timing->length, &start, &end);
      if (start >= parser->to)
        break;
      if (!kiosk_event_window_contains (&parser->window, start, end))
        continue;
      if (++found > KIOSK_EVENTS_MAX_PER_EVENT)
        {
          kiosk_parse_result_warn (parser->result, "%s: more than %u occurrences in the window; "
                                   "the rest are left out", what, KIOSK_EVENTS_MAX_PER_EVENT);
          break;
        }
      add_key (keys, key, -1);
    }

  icalrecur_iterator_free (iter);
}

static void
collect_keys (Parser        *parser,
              icalcomponent *comp,
              const char    *what,
              const Timing  *timing,
              GArray        *keys)
{
  icalproperty *prop;
  gboolean has_rule = FALSE;

  for (prop = icalcomponent_get_first_property (comp, ICAL_RRULE_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (comp, ICAL_RRULE_PROPERTY))
    {
      has_rule = TRUE;
      expand_rrule (parser, what, icalproperty_get_rrule (prop), timing, keys);
    }

  for (prop = icalcomponent_get_first_property (comp, ICAL_RDATE_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (comp, ICAL_RDATE_PROPERTY))
    {
      struct icaldatetimeperiodtype value = icalproperty_get_rdate (prop);
      gint64 key, end_key = -1;

      if (!icaltime_is_null_time (value.time))
        {
          key = value_key (parser, prop, value.time, timing);
        }
      else if (!icaltime_is_null_time (value.period.start))
        {
          key = value_key (parser, prop, value.period.start, timing);
          if (!icaltime_is_null_time (value.period.end))
            end_key = value_key (parser, prop, value.period.end, timing);
          else if (!icaldurationtype_is_null_duration (value.period.duration))
            end_key = key + icaldurationtype_as_int (value.period.duration);
        }
      else
        continue;

      if (keys->len < KIOSK_EVENTS_MAX_PER_EVENT &&
          in_window (parser, timing, key, end_key >= key ? end_key - key : timing->length))
        add_key (keys, key, end_key);
    }

  /* DTSTART is an instance of its own next to RDATEs; with an RRULE it is
   * the first instance when it matches the rule (libical leaves out a
   * DTSTART that does not, as dateutil does). */
  if (!has_rule && in_window (parser, timing, timing->key, timing->length))
    add_key (keys, timing->key, -1);
}

static gint64
recurrence_key (Parser        *parser,
                icalcomponent *comp,
                const Timing  *master)
{
  icalproperty *prop = icalcomponent_get_first_property (comp, ICAL_RECURRENCEID_PROPERTY);
  struct icaltimetype t;

  if (prop == NULL)
    return G_MININT64;
  t = icalproperty_get_recurrenceid (prop);
  if (icaltime_is_null_time (t))
    return G_MININT64;

  return value_key (parser, prop, t, master);
}

static void
emit (Parser     *parser,
      KioskEvent *event)
{
  if (event != NULL)
    g_ptr_array_add (parser->result->items, event);
}

/* One occurrence from an override VEVENT (RECURRENCE-ID). */
static void
emit_override (Parser        *parser,
               icalcomponent *comp,
               KioskEvent    *master_template,
               guint          index)
{
  g_autofree char *what = describe_event (comp, index);
  g_autoptr(KioskEvent) template = NULL;
  Timing timing = { 0, };

  if (!read_timing (parser, comp, what, &timing))
    {
      kiosk_parse_result_warn (parser->result, "%s: override without a valid DTSTART skipped", what);
      return;
    }
  template = master_template != NULL ? kiosk_event_copy (master_template)
                                     : kiosk_event_new (icalcomponent_get_uid (comp), NULL, NULL);
  read_fields (comp, template);
  if (in_window (parser, &timing, timing.key, timing.length))
    emit (parser, make_occurrence (parser, template, &timing, timing.key, timing.length));
}

static void
expand_master (Parser        *parser,
               icalcomponent *comp,
               const char    *uid,
               guint          index)
{
  g_autofree char *what = describe_event (comp, index);
  g_autoptr(KioskEvent) template = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GHashTable) used = NULL;
  GPtrArray *overrides = g_hash_table_lookup (parser->overrides, uid);
  Timing timing = { 0, };

  if (!read_timing (parser, comp, what, &timing))
    {
      g_autofree char *errors = collect_errors (comp);

      kiosk_parse_result_warn (parser->result, "%s skipped: no valid DTSTART%s%s%s", what,
                               errors != NULL ? " (" : "", errors != NULL ? errors : "",
                               errors != NULL ? ")" : "");
      return;
    }

  {
    g_autofree char *errors = collect_errors (comp);

    /* libical drops what it cannot read and leaves an X-LIC-ERROR. */
    if (errors != NULL)
      kiosk_parse_result_warn (parser->result, "%s: left out what cannot be read: %s", what, errors);
  }

  template = kiosk_event_new (uid, NULL, NULL);
  read_fields (comp, template);
  if (kiosk_event_get_title (template) == NULL)
    kiosk_parse_result_warn (parser->result, "%s has no SUMMARY", what);

  keys = g_array_new (FALSE, FALSE, sizeof (Occurrence));
  collect_keys (parser, comp, what, &timing, keys);
  used = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < keys->len; i++)
    {
      Occurrence *occurrence = &g_array_index (keys, Occurrence, i);
      icalcomponent *override = NULL;

      if (excluded (parser, comp, &timing, occurrence->key))
        continue;

      for (guint j = 0; overrides != NULL && j < overrides->len && override == NULL; j++)
        {
          icalcomponent *candidate = g_ptr_array_index (overrides, j);

          if (recurrence_key (parser, candidate, &timing) == occurrence->key)
            {
              override = candidate;
              g_hash_table_add (used, candidate);
            }
        }

      if (override != NULL)
        emit_override (parser, override, template, index);
      else
        emit (parser, make_occurrence (parser, template, &timing, occurrence->key,
                                       occurrence->end_key >= occurrence->key
                                       ? occurrence->end_key - occurrence->key
                                       : timing.length));
    }

  /* Overrides that moved an occurrence from outside the window into it. */
  for (guint j = 0; overrides != NULL && j < overrides->len; j++)
    {
      icalcomponent *candidate = g_ptr_array_index (overrides, j);
      gint64 key = recurrence_key (parser, candidate, &timing);

      if (!g_hash_table_contains (used, candidate) && !excluded (parser, comp, &timing, key))
        emit_override (parser, candidate, template, index);
    }
}

static void
parse_calendar (Parser        *parser,
                icalcomponent *calendar)
{
  g_autoptr(GPtrArray) masters = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  guint index = 0;

  kiosk_ical_zones_set_calendar (parser->zones, calendar);

  /* First pass: masters and overrides by UID. */
  for (icalcomponent *comp = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       comp != NULL;
       comp = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      const char *uid = icalcomponent_get_uid (comp);

      index++;
      if (icalcomponent_get_first_property (comp, ICAL_RECURRENCEID_PROPERTY) != NULL && uid != NULL)
        {
          GPtrArray *list = g_hash_table_lookup (parser->overrides, uid);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (parser->overrides, g_strdup (uid), list);
            }
          g_ptr_array_add (list, comp);
          continue;
        }
      g_ptr_array_add (masters, comp);
      g_ptr_array_add (masters, GUINT_TO_POINTER (index));
      if (uid != NULL)
        g_hash_table_insert (parser->masters, g_strdup (uid), comp);
    }

  for (guint i = 0; i < masters->len; i += 2)
    {
      icalcomponent *comp = g_ptr_array_index (masters, i);
      guint n = GPOINTER_TO_UINT (g_ptr_array_index (masters, i + 1));
      const char *uid = icalcomponent_get_uid (comp);
      g_autofree char *fallback_uid = NULL;

      if (uid == NULL)
        uid = fallback_uid = g_strdup_printf ("vevent-%u", n);
      expand_master (parser, comp, uid, n);
    }

  /* Overrides whose master is missing are events of their own. */
  g_hash_table_iter_init (&iter, parser->overrides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *list = value;

      if (g_hash_table_contains (parser->masters, key))
        continue;
      for (guint j = 0; j < list->len; j++)
        emit_override (parser, g_ptr_array_index (list, j), NULL, 0);
    }

  g_hash_table_remove_all (parser->overrides);
  g_hash_table_remove_all (parser->masters);
}

static gpointer
init_libical (gpointer data)
{
  /* libical's default may abort() on a parse error. */
  icalerror_set_errors_are_fatal (0);
  return NULL;
}

static gboolean
starts_like_icalendar (const char *text,
                       gsize       len)
{
  gsize i = 0;

  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < len && g_ascii_isspace (text[i]))
    i++;

  return len - i >= 15 && g_ascii_strncasecmp (text + i, "BEGIN:VCALENDAR", 15) == 0;
}

gboolean
kiosk_ical_parse (GBytes                  *bytes,
                  const KioskParseContext *ctx,
                  KioskParseResult        *result,
                  GError                 **error)
{
  static GOnce once = G_ONCE_INIT;
  g_autofree char *text = NULL;
  icalcomponent *root;
  Parser parser = { 0, };
  gsize len;
  const char *data;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  g_once (&once, init_libical, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len > MAX_DOCUMENT_SIZE)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE,
                   "iCalendar document of %" G_GSIZE_FORMAT " bytes is over the limit of %d MB",
                   len, MAX_DOCUMENT_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (data == NULL || !starts_like_icalendar (data, len))
    {
      g_set_error_literal (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                           "not an iCalendar document: it does not begin with BEGIN:VCALENDAR");
      return FALSE;
    }

  /* libical wants a NUL-terminated string; the copy goes as soon as the
   * tree is built, and the tree as soon as the occurrences are. */
  text = g_strndup (data, len);
  root = icalparser_parse_string (text);
  g_clear_pointer (&text, g_free);
  if (root == NULL)
    {
      g_set_error_literal (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                           "iCalendar document could not be parsed (no VCALENDAR found)");
      return FALSE;
    }

  parser.ctx = ctx;
  parser.result = result;
  kiosk_event_window_init (&parser.window, ctx);
  parser.from = g_date_time_to_unix (parser.window.from);
  parser.to = g_date_time_to_unix (parser.window.to);
  parser.zones = kiosk_ical_zones_new (ctx->tz, result);
  parser.overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);
  parser.masters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT)
    {
      parse_calendar (&parser, root);
    }
  else
    {
      /* Several calendars in one file come wrapped in an XROOT. */
      for (icalcomponent *cal = icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
           cal != NULL;
           cal = icalcomponent_get_next_component (root, ICAL_VCALENDAR_COMPONENT))
        parse_calendar (&parser, cal);
    }

  /* Zones borrow the calendar's VTIMEZONEs: they go with the tree. */
  kiosk_ical_zones_free (parser.zones);
  g_hash_table_unref (parser.overrides);
  g_hash_table_unref (parser.masters);
  icalcomponent_free (root);
  kiosk_event_window_clear (&parser.window);

  kiosk_event_finish_items (result);

  return TRUE;
}

const KioskFormat kiosk_format_ical = {
  .kind = "ical",
  .area = KIOSK_AREA_EVENTS,
  .get_item_type = kiosk_event_get_type,
  .parse = kiosk_ical_parse,
  .to_json = kiosk_event_to_json,
  .to_text = kiosk_event_to_text,
};

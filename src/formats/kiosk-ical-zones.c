/* kiosk-ical-zones.c: the time zones of an iCalendar feed: TZIDs to zones, wall clock to instants
 *
 * Zone names the system knows (Europe/Berlin, also Outlook's Windows names
 * and libical's "/freeassociation…/Europe/Berlin") use the system's tz
 * database, as mature implementations do; other TZIDs use the calendar's
 * VTIMEZONE through libical, once it is found sane; an unknown TZID is
 * read in the kiosk's zone with a warning. */

#define G_LOG_DOMAIN "kiosk-ical-format"

#include "config.h"

#include <string.h>

#include "kiosk-ical-zones.h"

struct _KioskIcalZone
{
  GTimeZone    *gtz;    /* owned; a system zone, or the kiosk's for floating times */
  icaltimezone *ical;   /* borrowed from the calendar's VTIMEZONE */
  gboolean      utc;
};

struct _KioskIcalZones
{
  /* borrowed */
  KioskParseResult *result;
  icalcomponent    *calendar;

  /* owned */
  GHashTable       *by_tzid;    /* tzid -> KioskIcalZone* */
  KioskIcalZone     floating;   /* the kiosk's zone */
  KioskIcalZone     utc;
};

static void
zone_free (gpointer data)
{
  KioskIcalZone *zone = data;

  g_clear_pointer (&zone->gtz, g_time_zone_unref);
  g_free (zone);
}

/* Windows names seen in Outlook/Exchange exports of German cities. */
static const struct { const char *windows; const char *olson; } windows_zones[] = {
  { "W. Europe Standard Time", "Europe/Berlin" },
  { "Central Europe Standard Time", "Europe/Budapest" },
  { "Central European Standard Time", "Europe/Warsaw" },
  { "Romance Standard Time", "Europe/Paris" },
  { "GMT Standard Time", "Europe/London" },
  { "Greenwich Standard Time", "Atlantic/Reykjavik" },
  { "E. Europe Standard Time", "Europe/Chisinau" },
  { "FLE Standard Time", "Europe/Kiev" },
  { "Eastern Standard Time", "America/New_York" },
  { "Pacific Standard Time", "America/Los_Angeles" },
  { "Coordinated Universal Time", "UTC" },
};

static GTimeZone *
system_zone (const char *tzid)
{
  const char *name = tzid;
  GTimeZone *tz;

  for (guint i = 0; i < G_N_ELEMENTS (windows_zones); i++)
    {
      if (g_ascii_strcasecmp (tzid, windows_zones[i].windows) == 0)
        name = windows_zones[i].olson;
    }

  /* A TZID must look like a zone name; never a path to read. */
  if (*name == '\0' || strstr (name, "..") != NULL || strlen (name) > 64)
    return NULL;
  if ((tz = g_time_zone_new_identifier (name)) != NULL)
    return tz;

  /* "/freeassociation.sourceforge.net/Europe/Berlin", "/citadel.org/.../Europe/Berlin" */
  if (strchr (name, '/') != NULL)
    {
      const char *last = strrchr (name, '/');
      const char *p = last;

      while (p > name && p[-1] != '/')
        p--;
      if (p > name && p != last && (tz = g_time_zone_new_identifier (p)) != NULL)
        return tz;
    }

  return NULL;
}

/* libical expands a VTIMEZONE's observances itself, with no bound but the
 * year 2037: a fuzzed "FREQ=HOURLY;BYDAY=-1SU" there spins for minutes.
 * Real zones change at most a few times a year. */
static gboolean
vtimezone_is_sane (icalcomponent *vtimezone)
{
  guint observances = 0;

  for (icalcomponent *sub = icalcomponent_get_first_component (vtimezone, ICAL_ANY_COMPONENT);
       sub != NULL;
       sub = icalcomponent_get_next_component (vtimezone, ICAL_ANY_COMPONENT))
    {
      if (++observances > 64 ||
          icalcomponent_count_properties (sub, ICAL_RDATE_PROPERTY) > 400)
        return FALSE;

      for (icalproperty *p = icalcomponent_get_first_property (sub, ICAL_RRULE_PROPERTY);
           p != NULL;
           p = icalcomponent_get_next_property (sub, ICAL_RRULE_PROPERTY))
        {
          struct icalrecurrencetype rule = icalproperty_get_rrule (p);

          if (rule.freq != ICAL_YEARLY_RECURRENCE || rule.interval < 1 ||
              !kiosk_ical_rule_can_match (&rule))
            return FALSE;
        }
    }

  return TRUE;
}

static const KioskIcalZone *
resolve_tzid (KioskIcalZones *self,
              const char     *tzid)
{
  KioskIcalZone *zone = g_hash_table_lookup (self->by_tzid, tzid);

  if (zone != NULL)
    return zone;

  zone = g_new0 (KioskIcalZone, 1);
  if ((zone->gtz = system_zone (tzid)) == NULL)
    {
      zone->ical = icalcomponent_get_timezone (self->calendar, tzid);
      if (zone->ical != NULL && !vtimezone_is_sane (icaltimezone_get_component (zone->ical)))
        {
          kiosk_parse_result_warn (self->result,
                                   "VTIMEZONE “%s” has rules no real zone has; its times are "
                                   "read in the kiosk's zone", tzid);
          zone->ical = NULL;
          zone->gtz = g_time_zone_ref (self->floating.gtz);
        }
      else if (zone->ical == NULL)
        {
          kiosk_parse_result_warn (self->result,
                                   "unknown time zone “%s” without VTIMEZONE; its times "
                                   "are read in the kiosk's zone", tzid);
          zone->gtz = g_time_zone_ref (self->floating.gtz);
        }
    }
  g_hash_table_insert (self->by_tzid, g_strdup (tzid), zone);

  return zone;
}

KioskIcalZones *
kiosk_ical_zones_new (GTimeZone        *floating,
                      KioskParseResult *result)
{
  KioskIcalZones *self;

  g_return_val_if_fail (floating != NULL, NULL);

  self = g_new0 (KioskIcalZones, 1);
  self->result = result;
  self->by_tzid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, zone_free);
  self->floating.gtz = g_time_zone_ref (floating);
  self->utc.utc = TRUE;

  return self;
}

void
kiosk_ical_zones_free (KioskIcalZones *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->by_tzid);
  g_time_zone_unref (self->floating.gtz);
  g_free (self);
}

void
kiosk_ical_zones_set_calendar (KioskIcalZones *self,
                               icalcomponent  *calendar)
{
  g_return_if_fail (self != NULL);

  self->calendar = calendar;
  g_hash_table_remove_all (self->by_tzid);
}

const KioskIcalZone *
kiosk_ical_zones_get_floating (KioskIcalZones *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->floating;
}

const KioskIcalZone *
kiosk_ical_zones_for_value (KioskIcalZones      *self,
                            icalproperty        *prop,
                            struct icaltimetype  t,
                            const KioskIcalZone *fallback)
{
  icalparameter *param;

  g_return_val_if_fail (self != NULL, NULL);

  param = prop != NULL ? icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER) : NULL;

  if (icaltime_is_utc (t))
    return &self->utc;
  if (param != NULL && icalparameter_get_tzid (param) != NULL)
    return resolve_tzid (self, icalparameter_get_tzid (param));

  return fallback;
}

gint64
kiosk_ical_floating_seconds (struct icaltimetype t)
{
  t.zone = NULL;
  return (gint64) icaltime_as_timet (t);
}

gint64
kiosk_ical_zone_to_unix (const KioskIcalZone *zone,
                         struct icaltimetype  t)
{
  if (t.is_date)
    {
      t.hour = t.minute = t.second = 0;
      t.is_date = 0;
    }
  if (zone->utc || icaltime_is_utc (t))
    return kiosk_ical_floating_seconds (t);
  if (zone->ical != NULL)
    {
      t.zone = NULL;
      return (gint64) icaltime_as_timet_with_zone (t, zone->ical);
    }
  else
    {
      /* RFC 5545 3.3.5: a wall-clock time that occurs twice is the first
       * one; one in the spring gap is read with the offset from before the
       * gap (02:30 becomes 03:30 summer time). GLib's own choice differs, so
       * the zone's intervals are asked directly (no allocation: this runs
       * for every occurrence). */
      gint64 local = kiosk_ical_floating_seconds (t);
      gint64 best = G_MAXINT64;
      const GTimeType types[] = { G_TIME_TYPE_STANDARD, G_TIME_TYPE_DAYLIGHT };

      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        {
          int interval = g_time_zone_find_interval (zone->gtz, types[i], local);

          if (interval >= 0)
            best = MIN (best, local - g_time_zone_get_offset (zone->gtz, interval));
        }
      if (best == G_MAXINT64)
        {
          /* In the gap: the offset in force twelve hours earlier. */
          int before = g_time_zone_find_interval (zone->gtz, G_TIME_TYPE_UNIVERSAL, local - 12 * 3600);

          best = local - (before >= 0 ? g_time_zone_get_offset (zone->gtz, before) : 0);
        }

      return best;
    }
}

gint64
kiosk_ical_zone_to_floating (const KioskIcalZone *zone,
                             gint64               instant)
{
  if (zone->utc)
    return instant;
  if (zone->ical != NULL)
    return kiosk_ical_floating_seconds (icaltime_from_timet_with_zone ((time_t) instant, 0, zone->ical));
  else
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, zone->gtz) : NULL;

      if (local == NULL)
        return instant;
      return instant + g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND;
    }
}

/* libical walks an impossible rule (the 30th of February, hourly) second by
 * second inside one call, for centuries: such rules never reach it. */
gboolean
kiosk_ical_rule_can_match (struct icalrecurrencetype *rule)
{
  static const int days_in_month[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean any_month = rule->by_month[0] == ICAL_RECURRENCE_ARRAY_MAX;

  if (rule->by_month_day[0] == ICAL_RECURRENCE_ARRAY_MAX)
    return TRUE;

  for (int m = 0; m < ICAL_BY_MONTH_SIZE && (any_month ? m < 12 : rule->by_month[m] != ICAL_RECURRENCE_ARRAY_MAX); m++)
    {
      int month = any_month ? m + 1 : rule->by_month[m];

      if (month < 1 || month > 12)
        continue;
      for (int d = 0; d < ICAL_BY_MONTHDAY_SIZE && rule->by_month_day[d] != ICAL_RECURRENCE_ARRAY_MAX; d++)
        {
          int day = ABS (rule->by_month_day[d]);

          if (day >= 1 && day <= days_in_month[month - 1])
            return TRUE;
        }
    }

  return FALSE;
}

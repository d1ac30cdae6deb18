/* opening-test-util.h: opening hours that make the kiosk closed now, whatever the day */
#pragma once

#include <glib.h>

/* Open only tomorrow, in the kiosk's zone (Europe/Berlin): closed now,
 * opening tomorrow at 08:00. */
static G_GNUC_UNUSED char *
opening_test_tomorrow_only (void)
{
  static const char * const days[] = { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su" };
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  return g_strdup_printf ("%s 08:00-18:00", days[g_date_time_get_day_of_week (tomorrow) - 1]);
}

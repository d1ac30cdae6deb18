/* kiosk-i18n.c: the UI language, switched at run time, and dates in it */

#define G_LOG_DOMAIN "kiosk-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kiosk-i18n.h"

/* The UI language has one owner: gettext's own LANGUAGE variable, which
 * is what every _() reads. The module keeps no copy of it, so what
 * kiosk_i18n_get_language () says and what the texts are in cannot
 * disagree. It is written only here; the window switches it (a visitor's
 * choice, the idle reset) and the application sets the configured one at
 * start. The set of languages is fixed by the product. */
#define DEFAULT_LANGUAGE "de"

static gboolean
is_known (const char *lang)
{
  return g_strcmp0 (lang, "de") == 0 || g_strcmp0 (lang, "en") == 0;
}

static void
select_language (const char *lang)
{
  g_setenv ("LANGUAGE", lang, TRUE);
  /* glibc forgets its cached translations whenever the text domain is
   * set, even to the same one: lookups from now on follow the new
   * LANGUAGE. */
  textdomain (GETTEXT_PACKAGE);
}

static const char *
locale_dir (void)
{
  /* A build tree run uses the catalogs compiled next to it. */
  if (g_file_test (BUILD_LOCALEDIR "/de/LC_MESSAGES/" GETTEXT_PACKAGE ".mo", G_FILE_TEST_EXISTS) &&
      !g_file_test (LOCALEDIR "/de/LC_MESSAGES/" GETTEXT_PACKAGE ".mo", G_FILE_TEST_EXISTS))
    return BUILD_LOCALEDIR;

  return LOCALEDIR;
}

void
kiosk_i18n_init (void)
{
  const char *current;

  /* LANGUAGE is ignored in the plain "C" locale; C.UTF-8 exists everywhere. */
  current = setlocale (LC_ALL, "");
  if (current == NULL || g_str_equal (current, "C") || g_str_equal (current, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");

  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

gboolean
kiosk_i18n_set_language (const char *lang)
{
  g_return_val_if_fail (lang != NULL, FALSE);

  if (!is_known (lang))
    {
      g_warning ("Unknown language “%s”, using German", lang);
      lang = DEFAULT_LANGUAGE;
    }

  if (g_strcmp0 (g_getenv ("LANGUAGE"), lang) == 0)
    return FALSE;

  /* English is the source language: "en" needs no catalog but must not
   * fall back to a German system locale. */
  select_language (lang);

  return TRUE;
}

const char *
kiosk_i18n_get_language (void)
{
  const char *selected = g_getenv ("LANGUAGE");

  /* Before the first switch gettext follows the locale ("C.UTF-8": the
   * English source texts); German catalogs serve any "de..." name. */
  if (selected == NULL || *selected == '\0')
    selected = setlocale (LC_MESSAGES, NULL);

  return selected != NULL && g_str_has_prefix (selected, "de") ? "de" : "en";
}

const char *
kiosk_i18n_get_language_name (const char *lang)
{
  /* Each language in its own name: not translated on purpose. */
  if (g_strcmp0 (lang, "en") == 0)
    return "English";

  return "Deutsch";
}

const char *
kiosk_i18n_weekday_name (GDateTime *dt)
{
  static const char *names[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday"),
  };

  g_return_val_if_fail (dt != NULL, NULL);

  return _(names[g_date_time_get_day_of_week (dt) - 1]);
}

const char *
kiosk_i18n_month_name (GDateTime *dt)
{
  static const char *names[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };

  g_return_val_if_fail (dt != NULL, NULL);

  return _(names[g_date_time_get_month (dt) - 1]);
}

char *
kiosk_i18n_format_date_long (GDateTime *dt)
{
  g_return_val_if_fail (dt != NULL, NULL);

  /* Translators: weekday, day of month, month name: "Sunday, 22 November".
   * German: "%1$s, %2$d. %3$s" */
  return g_strdup_printf (_("%1$s, %2$d %3$s"),
                          kiosk_i18n_weekday_name (dt),
                          g_date_time_get_day_of_month (dt),
                          kiosk_i18n_month_name (dt));
}

char *
kiosk_i18n_format_date_short (GDateTime *dt)
{
  static const char *abbrev[] = {
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
  };

  g_return_val_if_fail (dt != NULL, NULL);

  /* Translators: abbreviated weekday, day, month: "Sun 22/11"; German "%1$s, %2$d.%3$d." */
  return g_strdup_printf (_("%1$s %2$d/%3$d"),
                          _(abbrev[g_date_time_get_day_of_week (dt) - 1]),
                          g_date_time_get_day_of_month (dt),
                          g_date_time_get_month (dt));
}

char *
kiosk_i18n_format_time (GDateTime *dt)
{
  g_return_val_if_fail (dt != NULL, NULL);

  return g_date_time_format (dt, "%H:%M");
}

char *
kiosk_i18n_format_day_heading (GDateTime *dt,
                               GDateTime *now)
{
  GDate day, today;
  int diff;

  g_return_val_if_fail (dt != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  g_date_clear (&day, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  diff = g_date_days_between (&today, &day);

  if (diff == 0)
    return g_strdup (_("Today"));
  if (diff == 1)
    return g_strdup (_("Tomorrow"));

  return kiosk_i18n_format_date_long (dt);
}

char *
kiosk_i18n_format_age (GDateTime *then,
                       GDateTime *now)
{
  GTimeSpan span;
  gint64 minutes, hours, days;

  g_return_val_if_fail (then != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  span = g_date_time_difference (now, then);
  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("just now"));

  minutes = span / G_TIME_SPAN_MINUTE;
  if (minutes < 60)
    /* Translators: how old a value is, "vor 5 Min." */
    return g_strdup_printf (_("%d min ago"), (int) minutes);

  hours = span / G_TIME_SPAN_HOUR;
  if (hours < 48)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", (gulong) hours), (int) hours);

  days = span / G_TIME_SPAN_DAY;
  return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) days), (int) days);
}

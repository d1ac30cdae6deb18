/* kiosk-i18n.h: the UI language, switched at run time, and dates in it */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Binds the catalogs and selects German; call before any thread starts. */
void        kiosk_i18n_init                (void);
/* "de" or "en"; returns TRUE when it changed. The language is gettext's
 * process-wide selection (LANGUAGE), not a copy: the window is the one
 * that switches it at run time, the application sets the configured one
 * at start. */
gboolean    kiosk_i18n_set_language        (const char *language);
const char *kiosk_i18n_get_language        (void);
/* The other language's own name, for the switch: "English" / "Deutsch". */
const char *kiosk_i18n_get_language_name   (const char *language);

const char *kiosk_i18n_weekday_name        (GDateTime *dt);
const char *kiosk_i18n_month_name          (GDateTime *dt);
/* "Sonntag, 22. November" / "Sunday, 22 November" */
char       *kiosk_i18n_format_date_long    (GDateTime *dt);
/* "So., 22.11." / "Sun 22/11" */
char       *kiosk_i18n_format_date_short   (GDateTime *dt);
/* "14:30" (24-hour in both languages, as on German public signage) */
char       *kiosk_i18n_format_time         (GDateTime *dt);
/* "Heute", "Morgen", or the long date, relative to @now. */
char       *kiosk_i18n_format_day_heading  (GDateTime *dt,
                                            GDateTime *now);
/* "gerade eben", "vor 5 Min.", "vor 2 Std.", "vor 3 Tagen" */
char       *kiosk_i18n_format_age          (GDateTime *then,
                                            GDateTime *now);

G_END_DECLS

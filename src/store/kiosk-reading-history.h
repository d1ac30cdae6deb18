/* kiosk-reading-history.h: the kiosk's own record of the readings it saw (SQLite) */
#pragma once

#include <gio/gio.h>

#include "kiosk-reading.h"

G_BEGIN_DECLS

#define KIOSK_READING_HISTORY_ERROR (kiosk_reading_history_error_quark ())

typedef enum
{
  KIOSK_READING_HISTORY_ERROR_FAILED,
  KIOSK_READING_HISTORY_ERROR_DATABASE,
} KioskReadingHistoryError;

#define KIOSK_TYPE_READING_HISTORY (kiosk_reading_history_get_type ())

G_DECLARE_FINAL_TYPE (KioskReadingHistory, kiosk_reading_history, KIOSK, READING_HISTORY, GObject)

#define KIOSK_READING_HISTORY_DEFAULT_CAP       600   /* points per reading */
#define KIOSK_READING_HISTORY_DEFAULT_RETENTION (48 * 3600)

GQuark               kiosk_reading_history_error_quark (void);
/* @path NULL: $XDG_CACHE_HOME/ankerort/readings.sqlite. Opened on first use,
 * in a worker thread. */
KioskReadingHistory *kiosk_reading_history_new         (const char           *path);
const char          *kiosk_reading_history_get_path    (KioskReadingHistory  *self);
void                 kiosk_reading_history_set_limits  (KioskReadingHistory  *self,
                                                        guint                 max_points,
                                                        guint                 retention_seconds);

/* Records each reading's current value (at its time, or @now when the
 * service does not say) for @source_id, drops what is over the limits, and
 * returns what was recorded for each reading since @now minus @hours. All
 * database work runs in a worker thread. */
void                 kiosk_reading_history_update_async  (KioskReadingHistory *self,
                                                          const char          *source_id,
                                                          GPtrArray           *readings,
                                                          GDateTime           *now,
                                                          guint                hours,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* reading id (char*) → GArray of KioskReadingPoint, oldest first. */
GHashTable          *kiosk_reading_history_update_finish (KioskReadingHistory *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Gives readings whose service keeps no history (fewer than two points of
 * their own) what the kiosk recorded, merged with their own point. */
void                 kiosk_reading_history_apply         (GHashTable          *histories,
                                                          GPtrArray           *readings);

G_END_DECLS

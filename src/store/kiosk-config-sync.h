/* kiosk-config-sync.h: keeps the kiosk's settings in line with the fleet's config URL */
#pragma once

#include <gio/gio.h>

#include "kiosk-config.h"
#include "kiosk-fetcher.h"

G_BEGIN_DECLS

typedef enum
{
  KIOSK_CONFIG_SYNC_NONE,        /* no config URL, or not tried yet */
  KIOSK_CONFIG_SYNC_APPLIED,     /* a new file was applied */
  KIOSK_CONFIG_SYNC_UNCHANGED,   /* the server answered 304 */
  KIOSK_CONFIG_SYNC_REFUSED,     /* invalid or wrongly signed: nothing applied */
  KIOSK_CONFIG_SYNC_FAILED,      /* not fetched (network, HTTP error): the last good file stays */
} KioskConfigSyncResult;

#define KIOSK_TYPE_CONFIG_SYNC (kiosk_config_sync_get_type ())

G_DECLARE_FINAL_TYPE (KioskConfigSync, kiosk_config_sync, KIOSK, CONFIG_SYNC, GObject)

/* @state_dir keeps the last good file (NULL: $XDG_STATE_HOME/ankerort). */
KioskConfigSync      *kiosk_config_sync_new              (KioskConfig     *config,
                                                          KioskFetcher    *fetcher,
                                                          const char      *state_dir);
/* Applies the last good file kept on disk (the kiosk may start offline),
 * then fetches config-url now and every config-refresh minutes, and
 * again whenever config-url or config-public-key change. */
void                  kiosk_config_sync_start            (KioskConfigSync *self);
void                  kiosk_config_sync_stop             (KioskConfigSync *self);
/* Fetches now (unless a fetch runs). */
void                  kiosk_config_sync_refresh          (KioskConfigSync *self);

/* For the status document: how the last attempt ended and why. */
KioskConfigSyncResult kiosk_config_sync_get_result       (KioskConfigSync *self);
const char           *kiosk_config_sync_get_error        (KioskConfigSync *self);
GDateTime            *kiosk_config_sync_get_last_attempt (KioskConfigSync *self);
GDateTime            *kiosk_config_sync_get_last_applied (KioskConfigSync *self);
guint                 kiosk_config_sync_get_fetches      (KioskConfigSync *self);

G_END_DECLS

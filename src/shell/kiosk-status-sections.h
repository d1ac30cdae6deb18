/* kiosk-status-sections.h: the status document's parts: the day, media, warnings, config URL */
#pragma once

#include "kiosk-alerts.h"
#include "kiosk-config-sync.h"
#include "kiosk-media-playlist.h"
#include "kiosk-opening-state.h"
#include "kiosk-status.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_STATUS_SECTIONS (kiosk_status_sections_get_type ())

G_DECLARE_FINAL_TYPE (KioskStatusSections, kiosk_status_sections, KIOSK, STATUS_SECTIONS, GObject)

/* Keeps sections of @status in line with the objects it is told to watch,
 * each from the moment it is watched and on every change; an object may
 * go before this does (data/docs/fleet-health.md lists the members). */
KioskStatusSections *kiosk_status_sections_new               (KioskStatus         *status);
/* "opening": open, next_change, display_on, display_held. */
void                 kiosk_status_sections_watch_opening     (KioskStatusSections *self,
                                                              KioskOpeningState   *opening);
/* "media": items, loading, problems (the files left out and why). */
void                 kiosk_status_sections_watch_media       (KioskStatusSections *self,
                                                              KioskMediaPlaylist  *media);
/* "alerts": takeover, active[], changes[] (the latest first). */
void                 kiosk_status_sections_watch_alerts      (KioskStatusSections *self,
                                                              KioskAlerts         *alerts);
/* "config_url": result, error, last_attempt, last_applied, fetches. */
void                 kiosk_status_sections_watch_config_sync (KioskStatusSections *self,
                                                              KioskConfigSync     *sync);

G_END_DECLS

/* kiosk-sync.h: when each source refreshes: intervals, jitter, backoff, network */
#pragma once

#include <gio/gio.h>

#include "kiosk-source-list.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SYNC (kiosk_sync_get_type ())

G_DECLARE_FINAL_TYPE (KioskSync, kiosk_sync, KIOSK, SYNC, GObject)

/* Monotonic microseconds; tests pass their own. */
typedef gint64 (*KioskSyncClock) (gpointer user_data);

#define KIOSK_SYNC_DEFAULT_BACKOFF_BASE 30     /* seconds after the first failure */
#define KIOSK_SYNC_DEFAULT_BACKOFF_CAP  1800   /* never wait longer than this */
#define KIOSK_SYNC_JITTER               0.1    /* ± this fraction of each backoff wait;
                                                  an interval grows by up to twice it */
#define KIOSK_SYNC_DEFAULT_START_SPREAD 900    /* the first refresh of a source with
                                                  cached data, within this (seconds) */

/* @monitor NULL: the default network monitor. */
KioskSync *kiosk_sync_new              (KioskSourceList *sources,
                                        GNetworkMonitor *monitor);
void       kiosk_sync_set_clock        (KioskSync       *self,
                                        KioskSyncClock   clock,
                                        gpointer         user_data);
void       kiosk_sync_set_random_seed  (KioskSync       *self,
                                        guint32          seed);
void       kiosk_sync_set_backoff      (KioskSync       *self,
                                        guint            base_seconds,
                                        guint            cap_seconds);
/* A source with cached data first refreshes at a random moment within
 * MIN (its interval, @seconds) after the start; 0: at once. */
void       kiosk_sync_set_start_spread (KioskSync       *self,
                                        guint            seconds);
/* Shows every source's cached data, then refreshes each (spread over the
 * start spread when it has cached data), then keeps them fresh: every
 * refresh_interval seconds, up to a fifth more (0: only at start and when
 * the network comes back). Sources added to the list later are picked up. */
void       kiosk_sync_start            (KioskSync       *self);
void       kiosk_sync_stop             (KioskSync       *self);
/* Starts the refreshes that are due now (the timer calls this each second). */
void       kiosk_sync_tick             (KioskSync       *self);
/* Everything refreshes within a few seconds (the network came back). */
void       kiosk_sync_refresh_soon     (KioskSync       *self);
/* In the clock's microseconds; -1 while a refresh runs or the source is unknown. */
gint64     kiosk_sync_get_next_due     (KioskSync       *self,
                                        KioskSource     *source);
guint      kiosk_sync_get_failures     (KioskSync       *self,
                                        KioskSource     *source);

/* The wait before the next try after @failures failures in a row, without
 * jitter: base · 2^(failures-1), at most @cap (seconds). */
guint      kiosk_sync_backoff_delay    (guint            failures,
                                        guint            base,
                                        guint            cap);

G_END_DECLS

/* kiosk-outbox-sender.h: sends the outbox's answers, exactly once, in order */
#pragma once

#include <gio/gio.h>

#include "kiosk-fetcher.h"
#include "kiosk-outbox.h"

G_BEGIN_DECLS

/* Microseconds on some monotonic-enough scale; the tests inject their own. */
typedef gint64 (*KioskClockFunc) (gpointer user_data);

#define KIOSK_TYPE_OUTBOX_SENDER (kiosk_outbox_sender_get_type ())

G_DECLARE_FINAL_TYPE (KioskOutboxSender, kiosk_outbox_sender, KIOSK, OUTBOX_SENDER, GObject)

/* The answers go out through @fetcher's session. */
KioskOutboxSender *kiosk_outbox_sender_new         (KioskOutbox       *outbox,
                                                    KioskFetcher      *fetcher);
/* Before start: the clock the backoff is measured on (default: wall
 * clock, g_get_real_time, so that a restart keeps the schedule). */
void               kiosk_outbox_sender_set_clock   (KioskOutboxSender *self,
                                                    KioskClockFunc     clock,
                                                    gpointer           user_data);
/* First retry after @initial_ms, doubling up to @max_ms. */
void               kiosk_outbox_sender_set_backoff (KioskOutboxSender *self,
                                                    guint              initial_ms,
                                                    guint              max_ms);
/* Seconds one POST may take, its answer included. */
void               kiosk_outbox_sender_set_timeout (KioskOutboxSender *self,
                                                    guint              seconds);
/* The delay before attempt number @attempts + 1 (no jitter), in µs. */
gint64             kiosk_outbox_sender_get_backoff (KioskOutboxSender *self,
                                                    guint              attempts);
/* Sends from its own thread until stopped. */
void               kiosk_outbox_sender_start       (KioskOutboxSender *self);
/* Stops and waits for the thread; a POST in flight is abandoned (its
 * answer stays in the outbox and is sent again, under the same key). */
void               kiosk_outbox_sender_stop        (KioskOutboxSender *self);
/* Look again now: an answer was added, the clock moved, the network came back. */
void               kiosk_outbox_sender_wake        (KioskOutboxSender *self);
/* Answers delivered (2xx) since start; thread-safe. */
guint              kiosk_outbox_sender_get_n_sent  (KioskOutboxSender *self);

G_END_DECLS

/* kiosk-media-probe.h: finds out whether each file of the attract loop can play */
#pragma once

#include <gio/gio.h>

#include "kiosk-media-item.h"

G_BEGIN_DECLS

/* How long one file may take to probe. */
#define KIOSK_MEDIA_PROBE_TIMEOUT_S 10

/* Fills in each item's type, size and duration, or its problem; adds a
 * warning naming the file for each that cannot play. Pictures are decoded
 * as the player decodes them, everything else goes to GstDiscoverer.
 * Blocking: for worker threads. */
void       kiosk_media_probe_items        (GPtrArray           *items,
                                           GPtrArray           *warnings,
                                           GCancellable        *cancellable);
/* The same in a worker thread; returns the warnings (char*). */
void       kiosk_media_probe_items_async  (GPtrArray           *items,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray *kiosk_media_probe_items_finish (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS

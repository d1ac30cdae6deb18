/* kiosk-source.h: one city data source: fetch, cache, parse, a list model */
#pragma once

#include <gio/gio.h>

#include "kiosk-format.h"
#include "kiosk-source-config.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SOURCE (kiosk_source_get_type ())

G_DECLARE_FINAL_TYPE (KioskSource, kiosk_source, KIOSK, SOURCE, GObject)

KioskSource             *kiosk_source_new                (const KioskSourceConfig *config);
const KioskSourceConfig *kiosk_source_get_config         (KioskSource  *self);
const char              *kiosk_source_get_id             (KioskSource  *self);
const char              *kiosk_source_get_kind           (KioskSource  *self);
KioskArea                kiosk_source_get_area           (KioskSource  *self);
/* The parsed items (the format's item type); stable object, spliced on refresh. */
GListModel              *kiosk_source_get_model          (KioskSource  *self);
guint                    kiosk_source_get_n_items        (KioskSource  *self);
/* Status: NULL until the first success / error. */
GDateTime               *kiosk_source_get_last_success   (KioskSource  *self);
GDateTime               *kiosk_source_get_last_attempt  (KioskSource  *self);
const char              *kiosk_source_get_last_error     (KioskSource  *self);
gboolean                 kiosk_source_get_stale          (KioskSource  *self);
GPtrArray               *kiosk_source_get_warnings      (KioskSource  *self);
/* Replace the items at once (main thread). Used by refreshes and tests. */
void                     kiosk_source_set_items          (KioskSource  *self,
                                                          GPtrArray    *items);
void                     kiosk_source_set_error          (KioskSource  *self,
                                                          const GError *error);

G_END_DECLS

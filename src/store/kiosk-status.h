/* kiosk-status.h: the kiosk's health in one JSON document, kept on disk */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kiosk-outbox.h"
#include "kiosk-source-list.h"

G_BEGIN_DECLS

#define KIOSK_STATUS_ERROR (kiosk_status_error_quark ())

typedef enum
{
  KIOSK_STATUS_ERROR_FAILED,
  KIOSK_STATUS_ERROR_WRITE,   /* the file could not be written: the message says where */
} KioskStatusError;

#define KIOSK_TYPE_STATUS (kiosk_status_get_type ())

G_DECLARE_FINAL_TYPE (KioskStatus, kiosk_status, KIOSK, STATUS, GObject)

GQuark       kiosk_status_error_quark      (void);
/* $XDG_STATE_HOME/ankerort/status.json */
char        *kiosk_status_get_default_path (void);
/* A document written to @path after every change (NULL: never written,
 * only built and reported). */
KioskStatus *kiosk_status_new              (const char      *path);
const char  *kiosk_status_get_path         (KioskStatus     *self);
void         kiosk_status_set_kiosk_id     (KioskStatus     *self,
                                            const char      *kiosk_id);
/* Follows every source of @sources (added, removed, refreshed, failed). */
void         kiosk_status_watch_sources    (KioskStatus     *self,
                                            KioskSourceList *sources);
/* Follows the outbox's counts of answers waiting and set aside. */
void         kiosk_status_watch_outbox     (KioskStatus     *self,
                                            KioskOutbox     *outbox);
/* A subsystem's own part of the document, a top-level member @name
 * (e.g. "opening", "media", "alerts"); NULL removes it. @node is copied.
 * It must hold no personal data. The members the status itself writes
 * (version, kiosk_id, …) cannot be replaced. */
void         kiosk_status_set_section      (KioskStatus     *self,
                                            const char      *name,
                                            JsonNode        *node);
/* The document now. */
JsonNode    *kiosk_status_build            (KioskStatus     *self);
char        *kiosk_status_to_string        (KioskStatus     *self,
                                            gboolean         pretty);
/* Something changed: the document is written within a second, and
 * "changed" is emitted then. Coalesced: at most one write a second. */
void         kiosk_status_queue_update     (KioskStatus     *self);
/* Writes the document now, atomically (a reader sees the old file or
 * the new one, never half of one). */
gboolean     kiosk_status_write            (KioskStatus     *self,
                                            GError         **error);

G_END_DECLS

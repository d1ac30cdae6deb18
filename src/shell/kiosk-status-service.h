/* kiosk-status-service.h: the status document on the session bus, and `ankerort status` */
#pragma once

#include <gio/gio.h>

#include "kiosk-status.h"

G_BEGIN_DECLS

#define KIOSK_STATUS_INTERFACE "io.github.ankerort.Ankerort.Status"

#define KIOSK_TYPE_STATUS_SERVICE (kiosk_status_service_get_type ())

G_DECLARE_FINAL_TYPE (KioskStatusService, kiosk_status_service, KIOSK, STATUS_SERVICE, GObject)

KioskStatusService *kiosk_status_service_new        (KioskStatus        *status);
/* Exports KIOSK_STATUS_INTERFACE at @object_path: GetStatus () returns the
 * document (a JSON string), Changed () is emitted when it changed. */
gboolean            kiosk_status_service_export     (KioskStatusService *self,
                                                     GDBusConnection    *connection,
                                                     const char         *object_path,
                                                     GError            **error);
void                kiosk_status_service_unexport   (KioskStatusService *self);

/* The object path GApplication gives @application_id. */
char               *kiosk_status_service_object_path (const char        *application_id);

/* `ankerort status [--file]`: argv[1] is "status". Prints the running
 * kiosk's document, or the last one written to the file when no kiosk
 * answers (and says which, and how old). 0 when a document was printed. */
int                 kiosk_status_main               (int                 argc,
                                                     char              **argv);

G_END_DECLS

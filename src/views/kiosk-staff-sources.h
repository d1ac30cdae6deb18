/* kiosk-staff-sources.h: the staff panel's data sources: list, edit, test, save */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-config.h"
#include "kiosk-services.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_STAFF_SOURCES (kiosk_staff_sources_get_type ())

G_DECLARE_FINAL_TYPE (KioskStaffSources, kiosk_staff_sources, KIOSK, STAFF_SOURCES, GtkWidget)

GtkWidget  *kiosk_staff_sources_new          (KioskConfig       *config,
                                              KioskServices     *services);
/* Reads the sources and their status again. */
void        kiosk_staff_sources_refresh      (KioskStaffSources *self);
/* Opens the editor on a new source (NULL) or the source @id. */
void        kiosk_staff_sources_edit         (KioskStaffSources *self,
                                              const char        *id);
/* For tests: the editor's fields and buttons by name ("name", "kind",
 * "url", "refresh", "header-1", "options", "test", "save", "cancel",
 * "add", "result"). */
GtkWidget  *kiosk_staff_sources_get_widget   (KioskStaffSources *self,
                                              const char        *name);
/* TRUE while a test runs. */
gboolean    kiosk_staff_sources_get_testing  (KioskStaffSources *self);
/* TRUE while the editor is open. */
gboolean    kiosk_staff_sources_get_editing  (KioskStaffSources *self);

G_END_DECLS

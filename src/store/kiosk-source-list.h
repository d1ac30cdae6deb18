/* kiosk-source-list.h: every configured source, grouped by area */
#pragma once

#include <gio/gio.h>

#include "kiosk-source.h"
#include "kiosk-types.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SOURCE_LIST (kiosk_source_list_get_type ())

G_DECLARE_FINAL_TYPE (KioskSourceList, kiosk_source_list, KIOSK, SOURCE_LIST, GObject)

KioskSourceList *kiosk_source_list_new                (void);
void             kiosk_source_list_add                (KioskSourceList *self,
                                                       KioskSource     *source);
/* Its items leave the area's list at once; the other sources' stay. */
void             kiosk_source_list_remove             (KioskSourceList *self,
                                                       KioskSource     *source);
/* @new_source takes @old_source's place (a changed configuration). */
void             kiosk_source_list_replace            (KioskSourceList *self,
                                                       KioskSource     *old_source,
                                                       KioskSource     *new_source);
void             kiosk_source_list_remove_all         (KioskSourceList *self);
/* All sources (KioskSource). */
GListModel      *kiosk_source_list_get_sources        (KioskSourceList *self);
KioskSource     *kiosk_source_list_lookup             (KioskSourceList *self,
                                                       const char      *id);
/* The items of every source of one area, concatenated; stays valid and
 * follows sources being added and refreshed. */
GListModel      *kiosk_source_list_get_items          (KioskSourceList *self,
                                                       KioskArea        area);
gboolean         kiosk_source_list_has_area           (KioskSourceList *self,
                                                       KioskArea        area);
/* One line for the header: "Stand 10:42", "Offline — gespeicherte Daten von 10:42". */
const char      *kiosk_source_list_get_status_text    (KioskSourceList *self);
gboolean         kiosk_source_list_get_offline        (KioskSourceList *self);
/* The zone the status line's times are shown in (the kiosk's); default local. */
void             kiosk_source_list_set_time_zone      (KioskSourceList *self,
                                                       GTimeZone       *tz);

/* Sensor sources added from now on have their readings recorded in
 * @history as they update, and readings without a history of their own
 * get what was recorded (see kiosk_reading_history_apply). */
void             kiosk_source_list_set_history        (KioskSourceList     *self,
                                                       KioskReadingHistory *history);
KioskReadingHistory *kiosk_source_list_get_history    (KioskSourceList     *self);

G_END_DECLS

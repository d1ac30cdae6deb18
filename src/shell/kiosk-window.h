/* kiosk-window.h: the one fullscreen window: attract mode, header, views */
#pragma once

#include <adwaita.h>

#include "kiosk-config.h"
#include "kiosk-idle-monitor.h"
#include "kiosk-opening-state.h"
#include "kiosk-services.h"
#include "kiosk-source-list.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_WINDOW (kiosk_window_get_type ())

G_DECLARE_FINAL_TYPE (KioskWindow, kiosk_window, KIOSK, WINDOW, AdwApplicationWindow)

KioskWindow      *kiosk_window_new               (AdwApplication  *application,
                                                  KioskConfig     *config,
                                                  KioskServices   *services,
                                                  gboolean         windowed);
/* "attract", "closed" (outside the opening hours), "home", "events", "map", "sensors", "surveys", or a pushed page. */
const char       *kiosk_window_get_current       (KioskWindow     *self);
GtkWidget        *kiosk_window_get_area_view     (KioskWindow     *self,
                                                  const char      *area);
void              kiosk_window_show_area         (KioskWindow     *self,
                                                  const char      *area);
void              kiosk_window_show_attract      (KioskWindow     *self);
/* A detail page on top of the current view; Back returns. */
void              kiosk_window_push_page         (KioskWindow     *self,
                                                  GtkWidget       *page,
                                                  const char      *title);
void              kiosk_window_go_back           (KioskWindow     *self);
/* Idle reset now: every view reset, language reset, attract mode. */
void              kiosk_window_reset             (KioskWindow     *self);
void              kiosk_window_set_language      (KioskWindow     *self,
                                                  const char      *language);
KioskIdleMonitor *kiosk_window_get_idle_monitor  (KioskWindow     *self);
/* The kiosk's day (kiosk_opening_state_hold_display keeps it awake). */
KioskOpeningState *kiosk_window_get_opening_state (KioskWindow    *self);
gboolean          kiosk_window_get_portrait      (KioskWindow     *self);
/* The staff panel's PIN pad, when a staff PIN is set (else nothing). */
void              kiosk_window_show_staff        (KioskWindow     *self);
GtkWidget        *kiosk_window_get_staff_panel   (KioskWindow     *self);
/* Maintenance: a normal window, keys and window controls work; back in
 * kiosk mode on request or after KIOSK_WINDOW_MAINTENANCE_S. */
#define KIOSK_WINDOW_MAINTENANCE_S (30 * 60)
void              kiosk_window_set_maintenance   (KioskWindow     *self,
                                                  gboolean         maintenance);
gboolean          kiosk_window_get_maintenance   (KioskWindow     *self);

void              kiosk_window_set_large_text    (KioskWindow     *self,
                                                  gboolean         large_text);
void              kiosk_window_set_high_contrast (KioskWindow     *self,
                                                  gboolean         high_contrast);
void              kiosk_window_set_reach_mode    (KioskWindow     *self,
                                                  gboolean         reach_mode);

G_END_DECLS

/* kiosk-window-actions.c: the window's actions, what buttons anywhere in it activate
 *
 * Everything here goes through the window's public functions: the
 * actions are the way views and pages ask the window for something
 * without knowing it. */

#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-accessibility-page.h"
#include "kiosk-window-private.h"

static void
show_area_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  kiosk_window_show_area (KIOSK_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
go_home_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  kiosk_window_show_area (KIOSK_WINDOW (widget), "home");
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  kiosk_window_go_back (KIOSK_WINDOW (widget));
}

static void
switch_language_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  kiosk_window_set_language (KIOSK_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_accessibility_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  kiosk_window_push_page (self, kiosk_accessibility_page_new (G_OBJECT (self)), _("Accessibility"));
}

static void
show_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  KioskWindow *self = KIOSK_WINDOW (widget);
  GtkWidget *events = kiosk_window_get_area_view (self, "events");

  /* Back from the event's page leads to the list of events. */
  kiosk_window_show_area (self, "events");
  if (events != NULL)
    gtk_widget_activate_action_variant (events, "events.show-event", param);
}

static void
show_on_map_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  KioskWindow *self = KIOSK_WINDOW (widget);
  GtkWidget *map = kiosk_window_get_area_view (self, "map");

  kiosk_window_show_area (self, "map");
  /* The map view centres itself and opens the card. */
  if (map != NULL)
    gtk_widget_activate_action_variant (map, "map.show-location", param);
}

static void
show_staff_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  kiosk_window_show_staff (KIOSK_WINDOW (widget));
}

static void
maintenance_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  kiosk_window_set_maintenance (KIOSK_WINDOW (widget), g_variant_get_boolean (param));
}

void
kiosk_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-area", "s", show_area_action);
  gtk_widget_class_install_action (widget_class, "win.go-home", NULL, go_home_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.switch-language", "s", switch_language_action);
  gtk_widget_class_install_action (widget_class, "win.show-accessibility", NULL, show_accessibility_action);
  gtk_widget_class_install_action (widget_class, "win.show-event", "s", show_event_action);
  /* (id, latitude, longitude): what to centre on and whose card to open. */
  gtk_widget_class_install_action (widget_class, "win.show-on-map", "(sdd)", show_on_map_action);
  /* The staff panel: its PIN pad, and leaving kiosk mode for maintenance. */
  gtk_widget_class_install_action (widget_class, "win.show-staff", NULL, show_staff_action);
  gtk_widget_class_install_action (widget_class, "win.maintenance", "b", maintenance_action);
}

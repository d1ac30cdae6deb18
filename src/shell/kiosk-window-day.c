/* kiosk-window-day.c: the window's day: the closed screen, the screen saver inhibit */

#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-alerts.h"
#include "kiosk-closed-view.h"
#include "kiosk-window-private.h"

/* A person at the closed kiosk may still use it (see data/docs/signage.md). */
static void
closed_activated_cb (KioskClosedView *closed,
                     KioskWindow     *self)
{
  kiosk_window_show_area (self, "home");
}

/* Opening, closing and a warning that holds the display on change the idle
 * screen at once (kiosk_window_show_attract presents the warning over the
 * closed screen); a person using the kiosk keeps it until the idle reset. */
static void
opening_changed_cb (KioskWindow *self)
{
  const char *current = kiosk_window_get_current (self);

  kiosk_window_apply_closed_screen (self);
  kiosk_window_update_inhibit (self);
  if (g_str_equal (current, "attract") || g_str_equal (current, "closed"))
    kiosk_window_show_attract (self);
}

/* A warning that takes over must be seen while the kiosk is closed too:
 * the display stays on (display-on-command) until it ends. */
static void
takeover_changed_cb (KioskAlerts       *alerts,
                     GParamSpec        *pspec,
                     KioskOpeningState *opening)
{
  kiosk_opening_state_hold_display (opening, kiosk_alerts_get_takeover_active (alerts));
}

void
kiosk_window_create_day (KioskWindow *self)
{
  KioskAlerts *alerts = KIOSK_ALERTS (kiosk_services_get_alerts (self->services));

  self->opening = kiosk_opening_state_new (self->config, self->services);
  kiosk_opening_state_hold_display (self->opening, kiosk_alerts_get_takeover_active (alerts));
  g_signal_connect_object (alerts, "notify::takeover-active", G_CALLBACK (takeover_changed_cb),
                           self->opening, 0);
  self->closed = kiosk_closed_view_new ();
  g_signal_connect (self->closed, "activated", G_CALLBACK (closed_activated_cb), self);
  gtk_stack_add_named (self->main_stack, self->closed, "closed");
  kiosk_window_apply_closed_screen (self);
  g_signal_connect_swapped (self->opening, "notify::open", G_CALLBACK (opening_changed_cb), self);
  g_signal_connect_swapped (self->opening, "notify::awake", G_CALLBACK (opening_changed_cb), self);
  g_signal_connect_swapped (self->opening, "notify::next-change",
                            G_CALLBACK (kiosk_window_apply_closed_screen), self);
}

void
kiosk_window_apply_closed_screen (KioskWindow *self)
{
  g_autofree char *mode = g_settings_get_string (kiosk_config_get_settings (self->config),
                                                 "closed-screen");

  kiosk_closed_view_set_black (KIOSK_CLOSED_VIEW (self->closed), g_str_equal (mode, "black"));
  kiosk_closed_view_set_next_opening (KIOSK_CLOSED_VIEW (self->closed),
                                      kiosk_opening_state_get_next_change (self->opening));
}

/* While open (or held awake) the display must never blank; while closed
 * the screen saver and the display's power saving may have it. */
void
kiosk_window_update_inhibit (KioskWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  gboolean want = kiosk_opening_state_get_awake (self->opening);

  if (self->windowed || app == NULL)
    return;

  if (want && self->inhibit_cookie == 0)
    {
      self->inhibit_cookie = gtk_application_inhibit (app, GTK_WINDOW (self),
                                                      GTK_APPLICATION_INHIBIT_IDLE,
                                                      _("Public information display"));
      if (self->inhibit_cookie == 0)
        g_message ("Could not inhibit the screen saver (no session manager)");
    }
  else if (!want && self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (app, self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

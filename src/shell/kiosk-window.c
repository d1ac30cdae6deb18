/* kiosk-window.c: the one fullscreen window: attract mode, idle reset, settings, layout */

#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "kiosk-alert-view.h"
#include "kiosk-alerts.h"
#include "kiosk-accessibility-page.h"
#include "kiosk-attract-view.h"
#include "kiosk-closed-view.h"
#include "kiosk-events-view.h"
#include "kiosk-header.h"
#include "kiosk-home-view.h"
#include "kiosk-i18n.h"
#include "kiosk-map-view.h"
#include "kiosk-navigation.h"
#include "kiosk-outbox.h"
#include "kiosk-services.h"
#include "kiosk-staff-panel.h"
#include "kiosk-survey-session.h"
#include "kiosk-surveys-view.h"
#include "kiosk-window-private.h"

enum {
  PROP_0,
  PROP_CONFIG,
  PROP_SERVICES,
  PROP_WINDOWED,
  PROP_LARGE_TEXT,
  PROP_HIGH_CONTRAST,
  PROP_REACH_MODE,
  PROP_PORTRAIT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (KioskWindow, kiosk_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

static void apply_layout (KioskWindow *self);

/* Text sizes in style.css are in rem, so the font size here scales all. */
#define NORMAL_FONT_PT 12
#define LARGE_FONT_PT 18

static void
apply_accessibility_defaults (KioskWindow *self)
{
  GSettings *settings = kiosk_config_get_settings (self->config);

  kiosk_window_set_large_text (self, g_settings_get_boolean (settings, "large-text"));
  kiosk_window_set_high_contrast (self, g_settings_get_boolean (settings, "high-contrast"));
  kiosk_window_set_reach_mode (self, g_settings_get_boolean (settings, "reach-mode"));
}

static void
update_status_cb (KioskWindow *self)
{
  guint waiting = self->outbox != NULL ? kiosk_outbox_get_n_pending (self->outbox) : 0;
  const char *status = kiosk_source_list_get_status_text (self->sources);
  g_autofree char *text = NULL;
  guint n_alerts = g_list_model_get_n_items (kiosk_services_get_alerts (self->services));

  /* Survey answers not yet with the city are worth a word on the status line. */
  if (waiting > 0)
    {
      g_autofree char *answers = g_strdup_printf (ngettext ("%u answer waiting to be sent",
                                                            "%u answers waiting to be sent",
                                                            waiting), waiting);

      text = status != NULL && *status != '\0' ? g_strjoin (" · ", status, answers, NULL)
                                               : g_steal_pointer (&answers);
    }

  /* So are the public warnings on screen (each change is in the log). */
  if (n_alerts > 0)
    {
      g_autofree char *alerts = g_strdup_printf (ngettext ("%u warning in force",
                                                           "%u warnings in force",
                                                           n_alerts), n_alerts);
      const char *before = text != NULL ? text : status;
      char *joined = before != NULL && *before != '\0' ? g_strjoin (" · ", before, alerts, NULL)
                                                       : g_steal_pointer (&alerts);

      g_free (text);
      text = joined;
    }

  kiosk_header_set_status (self->header,
                           text != NULL ? text : status,
                           kiosk_source_list_get_offline (self->sources));
}

static void
remaining_cb (KioskIdleMonitor *idle,
              GParamSpec       *pspec,
              KioskWindow      *self)
{
  guint remaining = kiosk_idle_monitor_get_remaining (idle);
  gboolean show = remaining <= KIOSK_IDLE_COUNTDOWN && remaining > 0;

  if (show)
    {
      g_autofree char *text = g_strdup_printf ("%u", remaining);

      gtk_label_set_label (self->countdown_label, text);
    }
  gtk_revealer_set_reveal_child (self->countdown_revealer, show);
}

static void
idle_cb (KioskIdleMonitor *idle,
         KioskWindow      *self)
{
  kiosk_window_reset (self);
}

static void
retranslate_countdown (KioskWindow *self)
{
  const char *label = _("Continue");

  gtk_label_set_label (self->countdown_hint,
                       _("Nobody there? The screen starts over in"));
  gtk_label_set_label (self->countdown_button_label, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->countdown_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
attract_activated_cb (KioskAttractView *attract,
                      KioskWindow      *self)
{
  kiosk_window_show_area (self, "home");
}

/* The attract screen's texts are template strings too. */
static void
replace_attract (KioskWindow *self)
{
  GtkWidget *old = self->attract;
  gboolean visible = gtk_stack_get_visible_child (self->main_stack) == old;
  GtkWidget *fresh = kiosk_attract_view_new ();

  g_signal_connect (fresh, "activated", G_CALLBACK (attract_activated_cb), self);
  kiosk_attract_view_set_place_name (KIOSK_ATTRACT_VIEW (fresh),
                                     kiosk_config_get_place_name (self->config));
  kiosk_attract_view_continue_from (KIOSK_ATTRACT_VIEW (fresh), KIOSK_ATTRACT_VIEW (old));
  kiosk_attract_view_set_media (KIOSK_ATTRACT_VIEW (fresh), self->config, self->services);
  gtk_stack_add_named (self->main_stack, fresh, NULL);
  if (visible)
    gtk_stack_set_visible_child (self->main_stack, fresh);
  gtk_stack_remove (self->main_stack, old);
  gtk_stack_page_set_name (gtk_stack_get_page (self->main_stack, fresh), "attract");
  self->attract = fresh;
}

/* Nobody is using the kiosk: the attract or the closed screen shows. */
static gboolean
in_attract_mode (KioskWindow *self)
{
  const char *current = kiosk_window_get_current (self);

  return g_str_equal (current, "attract") || g_str_equal (current, "closed");
}

/* Builds the views again (a new language, time zone or set of areas) and
 * comes back to the same area. Pages pushed on top (details) belong to the
 * old views and are closed. */
static void
rebuild_views (KioskWindow *self)
{
  g_autofree char *current = NULL;
  g_autoptr(GVariant) place = NULL;
  GtkWidget *view;
  gboolean accessibility_open;

  current = g_strdup (self->history->len > 1 ? g_ptr_array_index (self->history, 1) : "home");
  /* The person stays where they are: the area's filters, zoom and open
   * page, and the accessibility page on top. */
  view = gtk_stack_get_child_by_name (self->pages, current);
  if (view != NULL && KIOSK_IS_NAVIGATION (view) && !in_attract_mode (self))
    place = kiosk_navigation_save_place (KIOSK_NAVIGATION (view));
  accessibility_open = !in_attract_mode (self) &&
                       KIOSK_IS_ACCESSIBILITY_PAGE (gtk_stack_get_visible_child (self->pages));

  gtk_stack_set_transition_type (self->pages, GTK_STACK_TRANSITION_TYPE_NONE);
  kiosk_window_destroy_pages (self);
  kiosk_window_create_pages (self);
  apply_layout (self);
  kiosk_header_retranslate (self->header);
  retranslate_countdown (self);
  update_status_cb (self);

  if (in_attract_mode (self))
    {
      g_ptr_array_add (self->history, g_strdup ("home"));
      kiosk_window_show_page (self, "home");
    }
  else
    {
      kiosk_window_show_area (self, current);
      view = gtk_stack_get_child_by_name (self->pages, current);
      if (place != NULL && view != NULL && KIOSK_IS_NAVIGATION (view))
        kiosk_navigation_restore_place (KIOSK_NAVIGATION (view), place);
      if (accessibility_open)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-accessibility", NULL);
    }
  gtk_stack_set_transition_type (self->pages, GTK_STACK_TRANSITION_TYPE_CROSSFADE);

  replace_attract (self);
  kiosk_window_apply_closed_screen (self);
  kiosk_alerts_set_language (KIOSK_ALERTS (kiosk_services_get_alerts (self->services)),
                             kiosk_i18n_get_language ());
  kiosk_alert_view_retranslate (KIOSK_ALERT_VIEW (self->alert_view));
  kiosk_alert_view_retranslate (KIOSK_ALERT_VIEW (self->alert_banner));
}

/* What would take a screen from under a citizen waits for the next reset;
 * in attract mode nobody is using the kiosk and it happens at once. */
static void
rebuild_views_when_free (KioskWindow *self)
{
  if (in_attract_mode (self))
    rebuild_views (self);
  else
    self->rebuild_pending = TRUE;
}

static void
apply_place_name (KioskWindow *self)
{
  g_autofree char *place_name = g_strdup (kiosk_config_get_place_name (self->config));

  kiosk_header_set_place_name (self->header, place_name);
  gtk_label_set_label (self->reach_place_label, place_name);
  kiosk_attract_view_set_place_name (KIOSK_ATTRACT_VIEW (self->attract), place_name);
  kiosk_closed_view_set_place_name (KIOSK_CLOSED_VIEW (self->closed), place_name);
}

/* Every key the window reads is applied while it runs. */
static void
config_changed_cb (KioskConfig *config,
                   const char  *key,
                   KioskWindow *self)
{
  if (g_str_equal (key, "place-name"))
    {
      apply_place_name (self);
    }
  else if (g_str_equal (key, "time-zone"))
    {
      g_autoptr(GTimeZone) tz = kiosk_config_get_time_zone (config);

      kiosk_header_set_time_zone (self->header, tz);
      kiosk_alert_view_set_time_zone (KIOSK_ALERT_VIEW (self->alert_view), tz);
      /* The views keep the zone they were built with. */
      rebuild_views_when_free (self);
    }
  else if (g_str_equal (key, "idle-timeout"))
    {
      /* From the next interaction on; a countdown running keeps its end. */
      kiosk_idle_monitor_set_timeout (self->idle, kiosk_config_get_idle_timeout (config));
    }
  else if (g_str_equal (key, "default-language"))
    {
      /* Never switched under a citizen: the next reset applies it. */
      if (in_attract_mode (self))
        kiosk_window_set_language (self, kiosk_config_get_default_language (config));
    }
  else if (g_str_equal (key, "large-text") || g_str_equal (key, "high-contrast") ||
           g_str_equal (key, "reach-mode"))
    {
      /* A citizen's own choice stays until the next reset. */
      if (in_attract_mode (self))
        apply_accessibility_defaults (self);
    }
  else if (g_str_equal (key, "closed-screen"))
    {
      kiosk_window_apply_closed_screen (self);
    }
}

/* A source added or removed may make an area appear or go empty. Sources
 * change in bursts (one settings change removes and adds several): look
 * once they are done. */
static gboolean
sources_settled_cb (gpointer user_data)
{
  KioskWindow *self = user_data;

  self->sources_idle = 0;
  if (kiosk_window_areas_with_sources (self) != self->areas_with_sources)
    rebuild_views_when_free (self);

  return G_SOURCE_REMOVE;
}

static void
sources_changed_cb (GListModel  *sources,
                    guint        position,
                    guint        removed,
                    guint        added,
                    KioskWindow *self)
{
  if (self->sources_idle == 0)
    self->sources_idle = g_idle_add (sources_settled_cb, self);
}

static void
continue_clicked_cb (GtkButton   *button,
                     KioskWindow *self)
{
  kiosk_idle_monitor_poke (self->idle);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KioskWindow           *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if (self->windowed)
    return GDK_EVENT_PROPAGATE;

  /* Nothing on a keyboard someone plugged in may leave the kiosk. */
  if (keyval == GDK_KEY_Escape || keyval == GDK_KEY_F11 || keyval == GDK_KEY_F10 ||
      keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F4 && (mods & GDK_ALT_MASK)) ||
      ((mods & GDK_CONTROL_MASK) && (keyval == GDK_KEY_q || keyval == GDK_KEY_Q ||
                                     keyval == GDK_KEY_w || keyval == GDK_KEY_W ||
                                     keyval == GDK_KEY_d || keyval == GDK_KEY_D ||
                                     keyval == GDK_KEY_i || keyval == GDK_KEY_I)) ||
      (keyval == GDK_KEY_F10 && (mods & GDK_SHIFT_MASK)))
    return GDK_EVENT_STOP;

  return GDK_EVENT_PROPAGATE;
}

/* Whatever took fullscreen away (a window manager key, a misbehaving
 * client), a kiosk goes back to it. */
static void
fullscreened_cb (KioskWindow *self,
                 GParamSpec  *pspec,
                 gpointer     user_data)
{
  if (!self->windowed && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_window_fullscreen (GTK_WINDOW (self));
}

/* No context menus for citizens: the secondary button and its touch
 * equivalent never reach a widget in kiosk mode. */
static gboolean
legacy_event_cb (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 KioskWindow              *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (self->windowed)
    return GDK_EVENT_PROPAGATE;

  if ((type == GDK_BUTTON_PRESS || type == GDK_BUTTON_RELEASE) &&
      gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
    return GDK_EVENT_STOP;

  return GDK_EVENT_PROPAGATE;
}

static gboolean
kiosk_window_close_request (GtkWindow *window)
{
  KioskWindow *self = KIOSK_WINDOW (window);

  if (!self->windowed)
    {
      g_debug ("Close request refused in kiosk mode");
      return TRUE;
    }

  return GTK_WINDOW_CLASS (kiosk_window_parent_class)->close_request (window);
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
apply_font_size (KioskWindow *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  g_autofree char *font_name = NULL;
  g_autoptr(PangoFontDescription) desc = NULL;
  g_autofree char *new_name = NULL;

  g_object_get (settings, "gtk-font-name", &font_name, NULL);
  desc = pango_font_description_from_string (font_name ? font_name : "Sans");
  pango_font_description_set_size (desc, (self->large_text ? LARGE_FONT_PT : NORMAL_FONT_PT) * PANGO_SCALE);
  new_name = pango_font_description_to_string (desc);
  if (g_strcmp0 (new_name, font_name) != 0)
    g_object_set (settings, "gtk-font-name", new_name, NULL);
}

/* Reach mode on a portrait stele: the top third shows only the place and
 * time, the header with Home and Back goes to the bottom, every control
 * is within reach from a wheelchair. */
static void
apply_layout (KioskWindow *self)
{
  gboolean reach = self->reach_mode && self->portrait;
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  GtkWidget *events, *map, *surveys;

  kiosk_header_set_portrait (self->header, self->portrait);
  gtk_widget_set_visible (self->reach_spacer, reach);
  gtk_widget_set_size_request (self->reach_spacer, -1, reach ? height / 3 : -1);
  if (reach)
    gtk_box_reorder_child_after (self->kiosk_box, GTK_WIDGET (self->header),
                                 GTK_WIDGET (self->pages_scroller));
  else
    gtk_box_reorder_child_after (self->kiosk_box, GTK_WIDGET (self->header), self->reach_spacer);
  set_css_class (GTK_WIDGET (self), "reach-mode", reach);
  kiosk_attract_view_set_reach_mode (KIOSK_ATTRACT_VIEW (self->attract), reach);

  events = gtk_stack_get_child_by_name (self->pages, "events");
  if (events != NULL && KIOSK_IS_EVENTS_VIEW (events))
    kiosk_events_view_set_controls_below (KIOSK_EVENTS_VIEW (events), reach);
  map = gtk_stack_get_child_by_name (self->pages, "map");
  if (map != NULL && KIOSK_IS_MAP_VIEW (map))
    kiosk_map_view_set_controls_below (KIOSK_MAP_VIEW (map), reach);
  surveys = gtk_stack_get_child_by_name (self->pages, "surveys");
  if (surveys != NULL && KIOSK_IS_SURVEYS_VIEW (surveys))
    kiosk_surveys_view_set_controls_below (KIOSK_SURVEYS_VIEW (surveys), reach);
}

static gboolean
apply_orientation_cb (gpointer user_data)
{
  KioskWindow *self = user_data;

  if (self->header != NULL)
    apply_layout (self);

  return G_SOURCE_REMOVE;
}

static void
kiosk_window_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  KioskWindow *self = KIOSK_WINDOW (widget);
  gboolean portrait = height > width;

  GTK_WIDGET_CLASS (kiosk_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* Larger than the output means cut off: the log tells staff (and the
   * compositor test) what the window took. */
  if (width != self->allocated_width || height != self->allocated_height)
    {
      self->allocated_width = width;
      self->allocated_height = height;
      g_debug ("Window allocated %d×%d", width, height);
    }

  if (portrait != self->portrait)
    {
      GtkWidget *home = gtk_stack_get_child_by_name (self->pages, "home");

      self->portrait = portrait;
      if (portrait)
        gtk_widget_add_css_class (widget, "portrait");
      else
        gtk_widget_remove_css_class (widget, "portrait");
      if (home != NULL)
        kiosk_home_view_set_portrait (KIOSK_HOME_VIEW (home), portrait);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTRAIT]);
      /* Not while allocating: the header's rows change. */
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_orientation_cb,
                       g_object_ref (self), g_object_unref);
    }
}

/* The application is set after construction. */
static void
application_cb (KioskWindow *self,
                GParamSpec  *pspec,
                gpointer     user_data)
{
  kiosk_window_update_inhibit (self);
}

static void
apply_alert_time_zone (KioskWindow *self)
{
  g_autoptr(GTimeZone) tz = kiosk_config_get_time_zone (self->config);

  kiosk_alert_view_set_time_zone (KIOSK_ALERT_VIEW (self->alert_view), tz);
}

/* Closed in attract mode: the visitor who closed it uses the kiosk now,
 * and the banner keeps the warning in sight. */
static void
alert_closed_cb (KioskAlertView *view,
                 KioskWindow    *self)
{
  if (in_attract_mode (self))
    kiosk_window_show_area (self, "home");
}

static void
alert_open_requested_cb (KioskAlertView *banner,
                         KioskWindow    *self)
{
  kiosk_alert_view_open (KIOSK_ALERT_VIEW (self->alert_view));
}

/* The warnings go above everything: an overlay in the window covers the
 * attract loop, an open survey (which keeps its answers) and any screen
 * added later, without navigating away. */
static void
add_alert_views (KioskWindow *self)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (self->main_stack));
  KioskAlerts *alerts = KIOSK_ALERTS (kiosk_services_get_alerts (self->services));

  kiosk_alerts_set_config (alerts, self->config);
  kiosk_alerts_set_language (alerts, kiosk_i18n_get_language ());
  self->alert_banner = kiosk_alert_view_new (self->services, TRUE);
  g_signal_connect (self->alert_banner, "open-requested",
                    G_CALLBACK (alert_open_requested_cb), self);
  gtk_box_insert_child_after (self->kiosk_box, self->alert_banner, GTK_WIDGET (self->header));
  self->alert_view = kiosk_alert_view_new (self->services, FALSE);
  g_signal_connect (self->alert_view, "closed", G_CALLBACK (alert_closed_cb), self);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->alert_view);
  apply_alert_time_zone (self);
}

static void
kiosk_window_constructed (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);
  g_autoptr(GTimeZone) tz = NULL;

  G_OBJECT_CLASS (kiosk_window_parent_class)->constructed (object);

  g_assert (KIOSK_IS_CONFIG (self->config));
  g_assert (KIOSK_IS_SOURCE_LIST (self->sources));

  kiosk_window_create_day (self);

  tz = kiosk_config_get_time_zone (self->config);
  kiosk_header_set_time_zone (self->header, tz);
  apply_place_name (self);
  apply_accessibility_defaults (self);
  apply_font_size (self);
  add_alert_views (self);
  g_signal_connect_object (kiosk_services_get_alerts (self->services), "items-changed",
                           G_CALLBACK (update_status_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->sources, "notify::status-text", G_CALLBACK (update_status_cb), self);
  g_signal_connect_swapped (self->sources, "notify::offline", G_CALLBACK (update_status_cb), self);
  if (self->outbox != NULL)
    g_signal_connect_object (self->outbox, "notify::n-pending", G_CALLBACK (update_status_cb), self,
                             G_CONNECT_SWAPPED);
  update_status_cb (self);

  self->idle = kiosk_idle_monitor_new (kiosk_config_get_idle_timeout (self->config));
  kiosk_idle_monitor_watch (self->idle, GTK_WIDGET (self));
  g_signal_connect (self->idle, "notify::remaining", G_CALLBACK (remaining_cb), self);
  g_signal_connect (self->idle, "idle", G_CALLBACK (idle_cb), self);

  kiosk_window_create_pages (self);
  kiosk_attract_view_set_media (KIOSK_ATTRACT_VIEW (self->attract), self->config, self->services);
  g_signal_connect_object (self->config, "changed", G_CALLBACK (config_changed_cb), self, 0);

  /* The staff side, reached only by the hidden long press. */
  kiosk_header_add_staff_gesture (GTK_WIDGET (self->reach_place_label));
  if (kiosk_services_get_staff_auth (self->services) != NULL)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();

      /* The PIN pad and the panel scroll on a small output rather than
       * making the window larger than it. */
      self->staff = kiosk_staff_panel_new (self->config, self->services);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->staff);
      gtk_stack_add_named (self->main_stack, scroller, "staff");
    }
  g_signal_connect_object (kiosk_source_list_get_sources (self->sources), "items-changed",
                           G_CALLBACK (sources_changed_cb), self, 0);

  if (self->windowed)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);
    }
  else
    {
      gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
      gtk_window_set_deletable (GTK_WINDOW (self), FALSE);
      gtk_window_fullscreen (GTK_WINDOW (self));
      g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreened_cb), NULL);
      g_signal_connect (self, "notify::application", G_CALLBACK (application_cb), NULL);
    }

  kiosk_window_show_attract (self);
}

static void
kiosk_window_dispose (GObject *object)
{
  KioskWindow *self = (KioskWindow *)object;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->inhibit_cookie != 0 && app != NULL)
    gtk_application_uninhibit (app, self->inhibit_cookie);
  self->inhibit_cookie = 0;
  g_clear_handle_id (&self->sources_idle, g_source_remove);
  g_clear_handle_id (&self->maintenance_id, g_source_remove);

  if (self->idle != NULL)
    g_signal_handlers_disconnect_by_data (self->idle, self);
  if (self->sources != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sources, self);
      g_signal_handlers_disconnect_by_data (kiosk_source_list_get_sources (self->sources), self);
    }
  if (self->config != NULL)
    g_signal_handlers_disconnect_by_data (self->config, self);
  if (self->opening != NULL)
    g_signal_handlers_disconnect_by_data (self->opening, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_WINDOW);

  g_clear_object (&self->idle);
  g_clear_object (&self->opening);
  g_clear_object (&self->sources);
  g_clear_object (&self->outbox);
  g_clear_object (&self->services);
  g_clear_object (&self->survey_session);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kiosk_window_parent_class)->dispose (object);
}

static void
kiosk_window_finalize (GObject *object)
{
  KioskWindow *self = (KioskWindow *)object;

  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->page_titles, g_hash_table_unref);

  G_OBJECT_CLASS (kiosk_window_parent_class)->finalize (object);
}

static void
kiosk_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;

    case PROP_SERVICES:
      g_value_set_object (value, self->services);
      break;

    case PROP_WINDOWED:
      g_value_set_boolean (value, self->windowed);
      break;

    case PROP_LARGE_TEXT:
      g_value_set_boolean (value, self->large_text);
      break;

    case PROP_HIGH_CONTRAST:
      g_value_set_boolean (value, self->high_contrast);
      break;

    case PROP_REACH_MODE:
      g_value_set_boolean (value, self->reach_mode);
      break;

    case PROP_PORTRAIT:
      g_value_set_boolean (value, self->portrait);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;

    case PROP_SERVICES:
      self->services = g_value_dup_object (value);
      if (self->services != NULL)
        {
          KioskOutbox *outbox = kiosk_services_get_outbox (self->services);

          self->sources = g_object_ref (kiosk_services_get_sources (self->services));
          self->outbox = outbox != NULL ? g_object_ref (outbox) : NULL;
        }
      break;

    case PROP_WINDOWED:
      self->windowed = g_value_get_boolean (value);
      break;

    case PROP_LARGE_TEXT:
      kiosk_window_set_large_text (self, g_value_get_boolean (value));
      break;

    case PROP_HIGH_CONTRAST:
      kiosk_window_set_high_contrast (self, g_value_get_boolean (value));
      break;

    case PROP_REACH_MODE:
      kiosk_window_set_reach_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_window_class_init (KioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kiosk_window_constructed;
  object_class->dispose = kiosk_window_dispose;
  object_class->finalize = kiosk_window_finalize;
  object_class->get_property = kiosk_window_get_property;
  object_class->set_property = kiosk_window_set_property;
  widget_class->size_allocate = kiosk_window_size_allocate;
  window_class->close_request = kiosk_window_close_request;

  properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL, KIOSK_TYPE_CONFIG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The sources, the outbox (NULL: the surveys say answers cannot be
   * stored) and everything else the views ask for. */
  properties[PROP_SERVICES] =
    g_param_spec_object ("services", NULL, NULL, KIOSK_TYPE_SERVICES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A normal window for development instead of the locked fullscreen kiosk. */
  properties[PROP_WINDOWED] =
    g_param_spec_boolean ("windowed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE_TEXT] =
    g_param_spec_boolean ("large-text", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGH_CONTRAST] =
    g_param_spec_boolean ("high-contrast", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REACH_MODE] =
    g_param_spec_boolean ("reach-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Taller than wide: set by the size the window gets. */
  properties[PROP_PORTRAIT] =
    g_param_spec_boolean ("portrait", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KIOSK_TYPE_HEADER);
  g_type_ensure (KIOSK_TYPE_ATTRACT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, pages_scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, header);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, kiosk_box);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, reach_spacer);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, reach_place_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, reach_title_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, attract);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, countdown_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, countdown_hint);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, countdown_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, countdown_button_label);
  gtk_widget_class_bind_template_callback (widget_class, attract_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, legacy_event_cb);

  kiosk_window_class_install_actions (widget_class);
}

static void
kiosk_window_init (KioskWindow *self)
{
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->page_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->survey_session = kiosk_survey_session_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  retranslate_countdown (self);
}

KioskWindow *
kiosk_window_new (AdwApplication  *application,
                  KioskConfig     *config,
                  KioskServices   *services,
                  gboolean         windowed)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);

  return g_object_new (KIOSK_TYPE_WINDOW,
                       "application", application,
                       "title", "Ankerort",
                       "config", config,
                       "services", services,
                       "windowed", windowed,
                       NULL);
}

void
kiosk_window_show_attract (KioskWindow *self)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  kiosk_idle_monitor_set_active (self->idle, FALSE);
  gtk_revealer_set_reveal_child (self->countdown_revealer, FALSE);
  kiosk_window_drop_pushed_pages (self, 0);
  g_ptr_array_add (self->history, g_strdup ("home"));
  kiosk_window_show_page (self, "home");
  /* Outside the opening hours the idle screen is the closed one, also
   * while a warning holds the display on: the warning covers it and no
   * media plays beneath. */
  if (kiosk_opening_state_get_open (self->opening))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "attract");
      gtk_widget_grab_focus (self->attract);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "closed");
      gtk_widget_grab_focus (self->closed);
    }
  /* Nobody is using the kiosk: a warning that takes over covers the loop
   * and the closed screen. */
  kiosk_alert_view_present (KIOSK_ALERT_VIEW (self->alert_view));
}

/* After a visitor, glibc keeps the heap the areas' pages grew to (some
 * 40 MB for the events list) although it is free: give it back while
 * the kiosk waits for the next one (tests/bench-kiosk prints the figures). */
static gboolean
trim_heap_cb (gpointer user_data)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

void
kiosk_window_reset (KioskWindow *self)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  kiosk_window_reset_views (self);
  apply_accessibility_defaults (self);
  kiosk_window_set_language (self, kiosk_config_get_default_language (self->config));
  /* Settings that rebuild the views waited for this (a language switch
   * just now has done it). */
  if (self->rebuild_pending)
    rebuild_views (self);
  kiosk_window_show_attract (self);
  g_idle_add_full (G_PRIORITY_LOW, trim_heap_cb, NULL, NULL);
}

void
kiosk_window_set_language (KioskWindow *self,
                           const char  *language)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));
  g_return_if_fail (language != NULL);

  if (!kiosk_i18n_set_language (language))
    return;

  /* Templates translate when they are built. */
  rebuild_views (self);
}

KioskIdleMonitor *
kiosk_window_get_idle_monitor (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->idle;
}

KioskOpeningState *
kiosk_window_get_opening_state (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->opening;
}

gboolean
kiosk_window_get_portrait (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), FALSE);

  return self->portrait;
}

void
kiosk_window_set_large_text (KioskWindow *self,
                             gboolean     large_text)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  large_text = !!large_text;
  if (self->large_text == large_text)
    return;

  self->large_text = large_text;
  set_css_class (GTK_WIDGET (self), "large-text", large_text);
  apply_font_size (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE_TEXT]);
}

void
kiosk_window_set_high_contrast (KioskWindow *self,
                                gboolean     high_contrast)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  high_contrast = !!high_contrast;
  if (self->high_contrast == high_contrast)
    return;

  self->high_contrast = high_contrast;
  set_css_class (GTK_WIDGET (self), "high-contrast", high_contrast);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGH_CONTRAST]);
}

void
kiosk_window_set_reach_mode (KioskWindow *self,
                             gboolean     reach_mode)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  reach_mode = !!reach_mode;
  if (self->reach_mode == reach_mode)
    return;

  self->reach_mode = reach_mode;
  apply_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACH_MODE]);
}

void
kiosk_window_show_staff (KioskWindow *self)
{
  g_autofree char *hash = NULL;

  g_return_if_fail (KIOSK_IS_WINDOW (self));

  /* Without a PIN there is no staff entry at all. */
  hash = g_settings_get_string (kiosk_config_get_settings (self->config), "staff-pin-hash");
  if (self->staff == NULL || *hash == '\0')
    {
      g_debug ("No staff PIN set: no staff panel");
      return;
    }

  kiosk_staff_panel_lock (KIOSK_STAFF_PANEL (self->staff));
  gtk_stack_set_visible_child_name (self->main_stack, "staff");
  /* The idle timeout locks the panel too: the reset leaves for attract. */
  kiosk_idle_monitor_set_active (self->idle, TRUE);
  kiosk_idle_monitor_poke (self->idle);
}

GtkWidget *
kiosk_window_get_staff_panel (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->staff;
}

static gboolean
maintenance_over_cb (gpointer user_data)
{
  KioskWindow *self = user_data;

  self->maintenance_id = 0;
  kiosk_window_set_maintenance (self, FALSE);

  return G_SOURCE_REMOVE;
}

void
kiosk_window_set_maintenance (KioskWindow *self,
                              gboolean     maintenance)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  maintenance = !!maintenance;
  if (self->maintenance == maintenance)
    return;

  /* A window started windowed has nothing to leave. */
  if (maintenance && self->windowed)
    return;

  self->maintenance = maintenance;
  g_clear_handle_id (&self->maintenance_id, g_source_remove);
  self->windowed = maintenance;
  gtk_window_set_decorated (GTK_WINDOW (self), maintenance);
  gtk_window_set_deletable (GTK_WINDOW (self), FALSE);
  if (maintenance)
    {
      g_message ("Maintenance: kiosk mode left for %d minutes", KIOSK_WINDOW_MAINTENANCE_S / 60);
      gtk_window_unfullscreen (GTK_WINDOW (self));
      self->maintenance_id = g_timeout_add_seconds (KIOSK_WINDOW_MAINTENANCE_S,
                                                    maintenance_over_cb, self);
    }
  else
    {
      g_message ("Maintenance over: back in kiosk mode");
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
}

gboolean
kiosk_window_get_maintenance (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), FALSE);

  return self->maintenance;
}

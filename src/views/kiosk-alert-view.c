/* kiosk-alert-view.c: public warnings on screen: the full-screen takeover and the banner
 *
 * Both follow the services' alerts model and only show it. The full
 * warning covers whatever is below it without navigating: an open survey
 * keeps its answers, the attract loop keeps running underneath. */

#define G_LOG_DOMAIN "kiosk-alert-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-alert.h"
#include "kiosk-alert-view.h"
#include "kiosk-i18n.h"
#include "kiosk-services.h"

struct _KioskAlertView
{
  GtkWidget      parent_instance;

  /* owned */
  KioskServices *services;
  GListModel    *alerts;
  GTimeZone     *tz;         /* the kiosk's, for "valid until" */
  GtkWidget     *box;        /* the content, built again on each change */
  gboolean       banner;
  gboolean       open;       /* the full warning is showing */
  gboolean       all;        /* opened from the banner: minor alerts too */
};

enum {
  OPEN_REQUESTED,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KioskAlertView, kiosk_alert_view, GTK_TYPE_WIDGET)

static void rebuild (KioskAlertView *self);

static gboolean
takes_over (KioskAlertView *self,
            KioskAlert     *alert)
{
  return kiosk_services_alert_takes_over (self->services, alert);
}

static guint
count_shown (KioskAlertView *self)
{
  guint n = g_list_model_get_n_items (self->alerts);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskAlert) alert = g_list_model_get_item (self->alerts, i);

      if (self->banner || self->all || takes_over (self, alert))
        count++;
    }

  return count;
}

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);

  return label;
}

static char *
format_until (GDateTime *expires,
              GTimeZone *tz)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (expires == NULL)
    return g_strdup (_("Until further notice"));
  local = tz != NULL ? g_date_time_to_timezone (expires, tz) : g_date_time_to_local (expires);
  date = kiosk_i18n_format_date_long (local);
  time = kiosk_i18n_format_time (local);
  /* TRANSLATORS: "Valid until Sunday, 22 November, 14:30" */
  return g_strdup_printf (_("Valid until %s, %s"), date, time);
}

static const char *
severity_text (KioskAlert *alert)
{
  switch (kiosk_alert_severity_rank (kiosk_alert_get_severity (alert)))
    {
    case 4:
      return _("Extreme danger");
    case 3:
      return _("Severe danger");
    case 2:
      return _("Warning");
    default:
      return _("Notice");
    }
}

static const char *
headline_of (KioskAlert *alert)
{
  if (kiosk_alert_get_headline (alert) != NULL)
    return kiosk_alert_get_headline (alert);
  if (kiosk_alert_get_event (alert) != NULL)
    return kiosk_alert_get_event (alert);
  return _("Official warning");
}

static GtkWidget *
make_card (KioskAlertView *self,
           KioskAlert     *alert)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  const char *instruction = kiosk_alert_get_instruction (alert);
  const char *issuer = kiosk_alert_get_sender_name (alert) != NULL
                       ? kiosk_alert_get_sender_name (alert) : kiosk_alert_get_sender (alert);
  g_autofree char *until = format_until (kiosk_alert_get_expires (alert), self->tz);
  g_autofree char *issued = g_strdup_printf (_("Issued by %s"), issuer);
  g_autofree char *area = kiosk_alert_dup_area_desc (alert);

  gtk_widget_add_css_class (card, "alert-card");
  if (kiosk_alert_severity_rank (kiosk_alert_get_severity (alert)) >= 4)
    gtk_widget_add_css_class (card, "extreme");
  add_label (GTK_BOX (card), severity_text (alert), "alert-severity");
  add_label (GTK_BOX (card), headline_of (alert), "alert-headline");
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  headline_of (alert), -1);
  if (instruction != NULL)
    {
      add_label (GTK_BOX (card), _("What to do"), "alert-section");
      add_label (GTK_BOX (card), instruction, "alert-instruction");
    }
  else if (kiosk_alert_get_description (alert) != NULL)
    add_label (GTK_BOX (card), kiosk_alert_get_description (alert), "alert-instruction");
  if (area != NULL)
    add_label (GTK_BOX (card), area, "alert-meta");
  add_label (GTK_BOX (card), until, "alert-meta");
  add_label (GTK_BOX (card), issued, "alert-meta");

  return card;
}

static void
close_clicked_cb (GtkButton      *button,
                  KioskAlertView *self)
{
  self->open = FALSE;
  self->all = FALSE;
  rebuild (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
open_clicked_cb (GtkButton      *button,
                 KioskAlertView *self)
{
  g_signal_emit (self, signals[OPEN_REQUESTED], 0);
}

static void
build_full (KioskAlertView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 32);
  GtkWidget *button;
  guint n = g_list_model_get_n_items (self->alerts);

  gtk_widget_add_css_class (self->box, "alert-takeover");
  gtk_label_set_xalign (GTK_LABEL (add_label (GTK_BOX (self->box), _("Official warning"),
                                              "alert-title")), 0.5);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_valign (list, GTK_ALIGN_CENTER);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskAlert) alert = g_list_model_get_item (self->alerts, i);

      if (self->all || takes_over (self, alert))
        gtk_box_append (GTK_BOX (list), make_card (self, alert));
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (self->box), scroller);

  /* Closing goes back to the banner, which stays while the alert is valid. */
  button = gtk_button_new_with_label (_("Close warning"));
  gtk_widget_add_css_class (button, "alert-close");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (close_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), button);
}

static void
build_banner (KioskAlertView *self)
{
  g_autoptr(KioskAlert) first = g_list_model_get_item (self->alerts, 0);
  guint n = g_list_model_get_n_items (self->alerts);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *button;
  g_autofree char *title = g_strdup_printf ("%s: %s", severity_text (first), headline_of (first));

  gtk_widget_add_css_class (self->box, "alert-banner");
  if (takes_over (self, first))
    gtk_widget_add_css_class (self->box, "takeover");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  add_label (GTK_BOX (texts), title, "alert-banner-title");
  if (n > 1)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more warning",
                                                         "and %u more warnings", n - 1), n - 1);

      add_label (GTK_BOX (texts), more, "alert-meta");
    }
  gtk_box_append (GTK_BOX (self->box), texts);

  button = gtk_button_new_with_label (_("Show warning"));
  gtk_widget_add_css_class (button, "alert-open");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (open_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), button);
}

static void
rebuild (KioskAlertView *self)
{
  gboolean show;

  if (self->box != NULL)
    gtk_widget_unparent (self->box);
  self->box = gtk_box_new (self->banner ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL,
                           24);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  show = self->banner ? g_list_model_get_n_items (self->alerts) > 0
                      : self->open && count_shown (self) > 0;
  if (show && self->banner)
    build_banner (self);
  else if (show)
    build_full (self);
  if (!show && !self->banner)
    self->open = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self), show);
}

static void
items_changed_cb (GListModel     *alerts,
                  guint           position,
                  guint           removed,
                  guint           added,
                  KioskAlertView *self)
{
  rebuild (self);
}

static void
state_changed_cb (GObject        *alerts,
                  KioskAlert     *alert,
                  const char     *state,
                  KioskAlertView *self)
{
  /* A new or changed warning that takes over opens it again. */
  if (!self->banner && (g_str_equal (state, "raised") || g_str_equal (state, "updated")))
    kiosk_alert_view_present (self);
}

static void
kiosk_alert_view_dispose (GObject *object)
{
  KioskAlertView *self = (KioskAlertView *)object;

  if (self->alerts != NULL)
    g_signal_handlers_disconnect_by_data (self->alerts, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->alerts);
  g_clear_object (&self->services);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (kiosk_alert_view_parent_class)->dispose (object);
}

static void
kiosk_alert_view_class_init (KioskAlertViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_alert_view_dispose;

  signals[OPEN_REQUESTED] =
    g_signal_new ("open-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kiosk-alert-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
kiosk_alert_view_init (KioskAlertView *self)
{
}

GtkWidget *
kiosk_alert_view_new (KioskServices *services,
                      gboolean       banner)
{
  KioskAlertView *self;

  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);

  self = g_object_new (KIOSK_TYPE_ALERT_VIEW, NULL);
  self->services = g_object_ref (services);
  self->alerts = g_object_ref (kiosk_services_get_alerts (services));
  self->banner = banner;
  if (banner)
    gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_START);
  g_signal_connect (self->alerts, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect (self->alerts, "state-changed", G_CALLBACK (state_changed_cb), self);
  /* Alerts raised before the window was there take over as well. */
  self->open = !banner && count_shown (self) > 0;
  rebuild (self);

  return GTK_WIDGET (self);
}

void
kiosk_alert_view_present (KioskAlertView *self)
{
  g_return_if_fail (KIOSK_IS_ALERT_VIEW (self));

  if (self->banner || count_shown (self) == 0)
    return;
  self->open = TRUE;
  rebuild (self);
}

void
kiosk_alert_view_open (KioskAlertView *self)
{
  g_return_if_fail (KIOSK_IS_ALERT_VIEW (self));

  if (self->banner)
    return;
  self->all = TRUE;
  self->open = TRUE;
  rebuild (self);
}

gboolean
kiosk_alert_view_get_open (KioskAlertView *self)
{
  g_return_val_if_fail (KIOSK_IS_ALERT_VIEW (self), FALSE);

  return self->open && gtk_widget_get_visible (GTK_WIDGET (self));
}

void
kiosk_alert_view_retranslate (KioskAlertView *self)
{
  g_return_if_fail (KIOSK_IS_ALERT_VIEW (self));

  rebuild (self);
}

void
kiosk_alert_view_set_time_zone (KioskAlertView *self,
                                GTimeZone      *tz)
{
  g_return_if_fail (KIOSK_IS_ALERT_VIEW (self));

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : NULL;
  rebuild (self);
}

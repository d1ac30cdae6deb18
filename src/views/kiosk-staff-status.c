/* kiosk-staff-status.c: the staff panel's status at a glance, and maintenance
 *
 * Each source's last success, last error and the age and size of what it
 * shows; survey answers waiting and those the city refused, with retry and
 * discard; version, uptime, disk used by the caches, the kiosk's id. Below
 * them what staff do on a bad day: clear the caches, export the
 * configuration, leave kiosk mode for maintenance. */

#define G_LOG_DOMAIN "kiosk-staff-status"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "kiosk-i18n.h"
#include "kiosk-staff-settings.h"
#include "kiosk-staff-status.h"

struct _KioskStaffStatus
{
  GtkWidget      parent_instance;

  /* children */
  GtkWidget     *scroller;
  GtkBox        *sources;
  GtkBox        *answers;
  GtkLabel      *facts;
  GtkLabel      *message;
  GtkWidget     *clear_button;

  /* owned */
  KioskConfig   *config;
  KioskServices *services;
  GCancellable  *cancellable;
  guint64        cache_bytes;
  gboolean       cache_measured;
  guint          refresh_id;
};

G_DEFINE_FINAL_TYPE (KioskStaffStatus, kiosk_staff_status, GTK_TYPE_WIDGET)

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static char *
format_span (GTimeSpan span)
{
  gint64 minutes = span / G_TIME_SPAN_MINUTE;

  if (minutes < 60)
    return g_strdup_printf (ngettext ("%u minute", "%u minutes", (guint) minutes), (guint) minutes);
  if (minutes < 48 * 60)
    return g_strdup_printf (ngettext ("%u hour", "%u hours", (guint) (minutes / 60)),
                            (guint) (minutes / 60));

  return g_strdup_printf (ngettext ("%u day", "%u days", (guint) (minutes / 60 / 24)),
                          (guint) (minutes / 60 / 24));
}

static void
add_source_row (KioskStaffStatus        *self,
                const KioskSourceStatus *status)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *title = g_strdup_printf ("%s (%s)", status->id, status->kind);
  g_autofree char *success = NULL;
  g_autofree char *cache = NULL;

  gtk_box_append (GTK_BOX (row), text_label (title, "title-3"));
  if (status->last_success != NULL)
    {
      g_autoptr(GTimeZone) tz = kiosk_config_get_time_zone (self->config);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (status->last_success, tz);
      g_autofree char *date = kiosk_i18n_format_date_short (local);
      g_autofree char *time = kiosk_i18n_format_time (local);

      success = g_strdup_printf (_("Last success: %s, %s"), date, time);
    }
  else
    {
      success = g_strdup (_("Last success: never"));
    }
  gtk_box_append (GTK_BOX (row), text_label (success, NULL));

  if (status->age >= 0)
    {
      g_autofree char *age = format_span (status->age);

      cache = g_strdup_printf (ngettext ("Shows %u item, %s old", "Shows %u items, %s old",
                                         status->n_items), status->n_items, age);
    }
  else
    {
      cache = g_strdup (_("Nothing to show yet"));
    }
  gtk_box_append (GTK_BOX (row), text_label (cache, NULL));

  if (status->last_error != NULL)
    {
      g_autofree char *error = g_strdup_printf (_("Last error: %s"), status->last_error);

      gtk_box_append (GTK_BOX (row), text_label (error, "error"));
    }

  /* The card's text keeps off its edges. */
  gtk_widget_set_margin_start (row, 16);
  gtk_widget_set_margin_end (row, 16);
  gtk_widget_set_margin_top (row, 12);
  gtk_widget_set_margin_bottom (row, 12);
  {
    GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_widget_add_css_class (card, "card");
    gtk_box_append (GTK_BOX (card), row);
    gtk_box_append (self->sources, card);
  }
}

static void
answer_action (KioskStaffStatus *self,
               GtkButton        *button,
               gboolean          retry)
{
  const char *key = gtk_widget_get_name (GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;
  gboolean ok = retry ? kiosk_services_retry_answer (self->services, key, &error)
                      : kiosk_services_discard_answer (self->services, key, &error);

  if (!ok)
    kiosk_staff_set_message (self->message, error->message, TRUE);
  else
    kiosk_staff_set_message (self->message, retry ? _("The answer will be sent again.") : _("The answer was discarded."),
                 FALSE);
  kiosk_staff_status_refresh (self);
}

static void
retry_clicked_cb (GtkButton        *button,
                  KioskStaffStatus *self)
{
  answer_action (self, button, TRUE);
}

static void
discard_clicked_cb (GtkButton        *button,
                    KioskStaffStatus *self)
{
  /* A discarded answer is gone for good: the button asks once more. */
  if (!gtk_widget_has_css_class (GTK_WIDGET (button), "destructive-action"))
    {
      gtk_widget_add_css_class (GTK_WIDGET (button), "destructive-action");
      gtk_button_set_label (button, _("Really discard"));
      kiosk_staff_name (GTK_WIDGET (button), _("Really discard"));
      return;
    }
  answer_action (self, button, FALSE);
}

static void
fill_answers (KioskStaffStatus *self)
{
  guint waiting = kiosk_services_get_n_answers_waiting (self->services);
  guint aside = kiosk_services_get_n_answers_set_aside (self->services);
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;

  clear_box (self->answers);
  if (!kiosk_services_can_store_answers (self->services))
    {
      gtk_box_append (self->answers, text_label (_("Survey answers cannot be stored on this "
                                                   "kiosk (see the log)."), "error"));
      return;
    }

  summary = g_strdup_printf (_("Survey answers waiting to be sent: %u. Refused by the city "
                               "and set aside: %u."), waiting, aside);
  gtk_box_append (self->answers, text_label (summary, NULL));
  if (aside == 0)
    return;

  pairs = kiosk_services_list_answers_set_aside (self->services, &error);
  if (pairs == NULL)
    {
      gtk_box_append (self->answers, text_label (error->message, "error"));
      return;
    }
  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
      GtkWidget *reason = text_label (g_ptr_array_index (pairs, i + 1), NULL);
      GtkWidget *retry = kiosk_staff_big_button (_("Send again"));
      GtkWidget *discard = kiosk_staff_big_button (_("Discard"));

      gtk_widget_set_hexpand (reason, TRUE);
      gtk_box_append (GTK_BOX (row), reason);
      gtk_widget_set_name (retry, g_ptr_array_index (pairs, i));
      g_signal_connect (retry, "clicked", G_CALLBACK (retry_clicked_cb), self);
      gtk_box_append (GTK_BOX (row), retry);
      gtk_widget_set_name (discard, g_ptr_array_index (pairs, i));
      g_signal_connect (discard, "clicked", G_CALLBACK (discard_clicked_cb), self);
      gtk_box_append (GTK_BOX (row), discard);
      gtk_box_append (self->answers, row);
    }
}

static void
fill_facts (KioskStaffStatus *self)
{
  g_autofree char *uptime = format_span (kiosk_services_get_uptime (self->services));
  g_autofree char *disk = self->cache_measured ? g_format_size (self->cache_bytes)
                                               : g_strdup (_("counting…"));
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Ankerort %s · running for %s · caches on disk: %s\nKiosk id: %s"),
                          PACKAGE_VERSION, uptime, disk,
                          kiosk_config_get_kiosk_id (self->config));
  gtk_label_set_label (self->facts, text);
}

static void
measured_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint64 bytes = kiosk_services_measure_caches_finish (KIOSK_SERVICES (object), result, &error);
  KioskStaffStatus *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = KIOSK_STAFF_STATUS (user_data);
  self->cache_bytes = bytes;
  self->cache_measured = TRUE;
  fill_facts (self);
}

static void
clear_clicked_cb (GtkButton        *button,
                  KioskStaffStatus *self)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_widget_has_css_class (GTK_WIDGET (button), "destructive-action"))
    {
      gtk_widget_add_css_class (GTK_WIDGET (button), "destructive-action");
      gtk_button_set_label (button, _("Really clear the caches"));
      kiosk_staff_name (GTK_WIDGET (button), _("Really clear the caches"));
      kiosk_staff_set_message (self->message, _("The screens keep what they show; the sources fetch everything "
                           "again at their next refresh. Survey answers are kept."), FALSE);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (button), "destructive-action");
  gtk_button_set_label (button, _("Clear caches"));
  kiosk_staff_name (GTK_WIDGET (button), _("Clear caches"));
  if (!kiosk_services_clear_caches (self->services, &error))
    kiosk_staff_set_message (self->message, error->message, TRUE);
  else
    kiosk_staff_set_message (self->message, _("The caches are cleared."), FALSE);
  kiosk_staff_status_refresh (self);
}

static void
export_clicked_cb (GtkButton        *button,
                   KioskStaffStatus *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("ankerort-%s.conf", stamp);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "ankerort", "exported", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *data = kiosk_config_export_keyfile (self->config, &error);

  if (data == NULL || g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The configuration could not be written to %s: %s"),
                                               path, error != NULL ? error->message
                                                                   : g_strerror (errno));

      kiosk_staff_set_message (self->message, text, TRUE);
      return;
    }

  {
    g_autofree char *text = g_strdup_printf (_("The configuration is in %s (read it with "
                                               "ankerort --config)."), path);

    kiosk_staff_set_message (self->message, text, FALSE);
  }
}

static gboolean
refresh_cb (gpointer user_data)
{
  kiosk_staff_status_refresh (user_data);

  return G_SOURCE_CONTINUE;
}

static void
kiosk_staff_status_map (GtkWidget *widget)
{
  KioskStaffStatus *self = KIOSK_STAFF_STATUS (widget);

  GTK_WIDGET_CLASS (kiosk_staff_status_parent_class)->map (widget);

  kiosk_staff_status_refresh (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (10, refresh_cb, self);
}

static void
kiosk_staff_status_unmap (GtkWidget *widget)
{
  KioskStaffStatus *self = KIOSK_STAFF_STATUS (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  GTK_WIDGET_CLASS (kiosk_staff_status_parent_class)->unmap (widget);
}

static GtkWidget *
section (GtkWidget  *content,
         const char *title)
{
  GtkWidget *heading = text_label (title, "title-3");

  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (GTK_BOX (content), heading);

  return heading;
}

static void
build (KioskStaffStatus *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_flow_box_new ();
  GtkWidget *button;

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), content);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->facts = GTK_LABEL (text_label (NULL, "title-3"));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->facts));

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 16);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 16);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 4);
  self->clear_button = kiosk_staff_big_button (_("Clear caches"));
  g_signal_connect (self->clear_button, "clicked", G_CALLBACK (clear_clicked_cb), self);
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), self->clear_button);
  button = kiosk_staff_big_button (_("Export configuration"));
  g_signal_connect (button, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), button);
  button = kiosk_staff_big_button (_("Leave kiosk mode"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.maintenance");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "b", TRUE);
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), button);
  button = kiosk_staff_big_button (_("Back to kiosk mode"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.maintenance");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "b", FALSE);
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), button);
  gtk_box_append (GTK_BOX (content), buttons);

  self->message = GTK_LABEL (text_label (NULL, NULL));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->message));

  section (content, _("Survey answers"));
  self->answers = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->answers));

  section (content, _("Sources"));
  self->sources = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->sources));
}

static void
kiosk_staff_status_dispose (GObject *object)
{
  KioskStaffStatus *self = (KioskStaffStatus *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->services);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kiosk_staff_status_parent_class)->dispose (object);
}

static void
kiosk_staff_status_finalize (GObject *object)
{
  KioskStaffStatus *self = (KioskStaffStatus *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kiosk_staff_status_parent_class)->finalize (object);
}

static void
kiosk_staff_status_class_init (KioskStaffStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_staff_status_dispose;
  object_class->finalize = kiosk_staff_status_finalize;
  widget_class->map = kiosk_staff_status_map;
  widget_class->unmap = kiosk_staff_status_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskstaffstatus");
}

static void
kiosk_staff_status_init (KioskStaffStatus *self)
{
  self->cancellable = g_cancellable_new ();
  build (self);
}

GtkWidget *
kiosk_staff_status_new (KioskConfig   *config,
                        KioskServices *services)
{
  KioskStaffStatus *self;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);

  self = g_object_new (KIOSK_TYPE_STAFF_STATUS, NULL);
  self->config = g_object_ref (config);
  self->services = g_object_ref (services);

  return GTK_WIDGET (self);
}

void
kiosk_staff_status_refresh (KioskStaffStatus *self)
{
  g_autoptr(GPtrArray) statuses = NULL;

  g_return_if_fail (KIOSK_IS_STAFF_STATUS (self));

  clear_box (self->sources);
  statuses = kiosk_services_list_source_status (self->services);
  for (guint i = 0; i < statuses->len; i++)
    add_source_row (self, g_ptr_array_index (statuses, i));
  if (statuses->len == 0)
    gtk_box_append (self->sources, text_label (_("No sources are set up."), NULL));

  fill_answers (self);
  fill_facts (self);
  kiosk_services_measure_caches_async (self->services, self->cancellable, measured_cb, self);
}

const char *
kiosk_staff_status_get_message (KioskStaffStatus *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_STATUS (self), NULL);

  return gtk_label_get_label (self->message);
}

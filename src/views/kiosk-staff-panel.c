/* kiosk-staff-panel.c: the staff side of the kiosk: PIN pad, then the panel's pages
 *
 * Nothing of it exists for citizens: the window adds it only when a PIN
 * hash is set, and shows it only after the hidden long press on the place
 * name. The pages are made when the right PIN is entered and thrown away
 * when the panel locks, so nothing typed survives a lock. */

#define G_LOG_DOMAIN "kiosk-staff-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-staff-panel.h"
#include "kiosk-staff-pin-pad.h"
#include "kiosk-staff-settings.h"
#include "kiosk-staff-sources.h"
#include "kiosk-staff-status.h"

struct _KioskStaffPanel
{
  GtkWidget      parent_instance;

  /* children */
  GtkStack      *stack;       /* "pin" or "panel" */
  GtkWidget     *pin_pad;
  GtkWidget     *panel;       /* NULL while locked */
  GtkStack      *pages;
  GtkWidget     *nav;
  GHashTable    *nav_buttons; /* page name -> GtkButton* */

  /* the PIN change page */
  GtkWidget     *old_pin;
  GtkWidget     *new_pin;
  GtkWidget     *new_pin_again;
  GtkLabel      *pin_message;
  GtkWidget     *pin_save;

  /* owned */
  KioskConfig   *config;
  KioskServices *services;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskStaffPanel, kiosk_staff_panel, GTK_TYPE_WIDGET)

typedef struct
{
  const char *name;
  const char *title;   /* N_() */
} PageInfo;

static const PageInfo page_infos[] = {
  { "sources", N_("Sources") },
  { "place", N_("Place") },
  { "display", N_("Media and hours") },
  { "general", N_("Languages and access") },
  { "pin", N_("PIN") },
  { "status", N_("Status") },
};

static const char * const place_keys[] = {
  "place-name", "latitude", "longitude", "time-zone", "map-zoom", "map-bounds", NULL
};

static const char * const display_keys[] = {
  "attract-fit", "attract-transition", "attract-transition-ms", "attract-image-seconds",
  "attract-volume", "attract-data-slides", "opening-hours", "closures-source", "closed-screen",
  "display-off-command", "display-on-command", NULL
};

static const char * const general_keys[] = {
  "idle-timeout", "default-language", "languages", "large-text", "high-contrast", "reach-mode",
  NULL
};

/* PIN change */

static void
clear_pin_entries (KioskStaffPanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->old_pin), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_pin), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_pin_again), "");
}

static void
new_hash_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = kiosk_staff_auth_hash_finish (KIOSK_STAFF_AUTH (object), result, &error);
  KioskStaffPanel *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = KIOSK_STAFF_PANEL (user_data);
  gtk_widget_set_sensitive (self->pin_save, TRUE);
  if (hash == NULL)
    {
      kiosk_staff_set_message (self->pin_message, error->message, TRUE);
      return;
    }
  g_settings_set_string (kiosk_config_get_settings (self->config), "staff-pin-hash", hash);
  clear_pin_entries (self);
  kiosk_staff_set_message (self->pin_message, _("The new PIN is set."), FALSE);
}

static void
old_pin_checked_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  KioskStaffAuth *auth = KIOSK_STAFF_AUTH (object);
  g_autoptr(GError) error = NULL;
  KioskStaffPanel *self;

  if (!kiosk_staff_auth_verify_finish (auth, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = KIOSK_STAFF_PANEL (user_data);
  if (error != NULL)
    {
      gtk_widget_set_sensitive (self->pin_save, TRUE);
      kiosk_staff_set_message (self->pin_message, _("The old PIN is wrong. Nothing changed."), TRUE);
      return;
    }

  kiosk_staff_auth_hash_async (auth, gtk_editable_get_text (GTK_EDITABLE (self->new_pin)),
                               self->cancellable, new_hash_cb, self);
}

static void
pin_save_clicked_cb (GtkButton       *button,
                     KioskStaffPanel *self)
{
  KioskStaffAuth *auth = kiosk_services_get_staff_auth (self->services);
  const char *new_pin = gtk_editable_get_text (GTK_EDITABLE (self->new_pin));
  g_autofree char *hash = NULL;

  if (!kiosk_staff_auth_pin_is_valid (new_pin))
    {
      g_autofree char *text = g_strdup_printf (_("A PIN has %d to %d digits."),
                                               KIOSK_STAFF_PIN_MIN_DIGITS,
                                               KIOSK_STAFF_PIN_MAX_DIGITS);

      kiosk_staff_set_message (self->pin_message, text, TRUE);
      return;
    }
  if (!g_str_equal (new_pin, gtk_editable_get_text (GTK_EDITABLE (self->new_pin_again))))
    {
      kiosk_staff_set_message (self->pin_message, _("The new PIN and its repetition differ."), TRUE);
      return;
    }

  hash = g_settings_get_string (kiosk_config_get_settings (self->config), "staff-pin-hash");
  gtk_widget_set_sensitive (self->pin_save, FALSE);
  kiosk_staff_set_message (self->pin_message, _("Checking…"), FALSE);
  kiosk_staff_auth_verify_async (auth, hash, gtk_editable_get_text (GTK_EDITABLE (self->old_pin)),
                                 self->cancellable, old_pin_checked_cb, self);
}

static GtkWidget *
pin_entry (GtkWidget  *grid,
           int         row,
           const char *label)
{
  GtkWidget *caption = gtk_label_new (label);
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_set_size_request (entry, 320, 64);
  kiosk_staff_name (entry, label);
  gtk_grid_attach (GTK_GRID (grid), caption, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), entry, 1, row, 1, 1);

  return entry;
}

static GtkWidget *
build_pin_page (KioskStaffPanel *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  self->old_pin = pin_entry (grid, 0, _("Current PIN"));
  self->new_pin = pin_entry (grid, 1, _("New PIN"));
  self->new_pin_again = pin_entry (grid, 2, _("New PIN again"));
  gtk_box_append (GTK_BOX (content), grid);

  self->pin_message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->pin_message, TRUE);
  gtk_label_set_xalign (self->pin_message, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->pin_message), TRUE);

  self->pin_save = kiosk_staff_big_button (_("Change PIN"));
  gtk_widget_add_css_class (self->pin_save, "suggested-action");
  g_signal_connect (self->pin_save, "clicked", G_CALLBACK (pin_save_clicked_cb), self);
  gtk_box_append (GTK_BOX (actions), self->pin_save);
  gtk_box_append (GTK_BOX (actions), GTK_WIDGET (self->pin_message));

  return kiosk_staff_osk_wrap (content, actions);
}

/* Pages and navigation */

static void
update_nav (KioskStaffPanel *self)
{
  const char *current = gtk_stack_get_visible_child_name (self->pages);
  GHashTableIter iter;
  gpointer name, button;

  g_hash_table_iter_init (&iter, self->nav_buttons);
  while (g_hash_table_iter_next (&iter, &name, &button))
    {
      gboolean on = g_strcmp0 (name, current) == 0;

      if (on)
        gtk_widget_add_css_class (button, "suggested-action");
      else
        gtk_widget_remove_css_class (button, "suggested-action");
      gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_SELECTED, on, -1);
    }
}

static void
nav_clicked_cb (GtkButton       *button,
                KioskStaffPanel *self)
{
  kiosk_staff_panel_show_page (self, gtk_widget_get_name (GTK_WIDGET (button)));
}

static void
lock_clicked_cb (GtkButton       *button,
                 KioskStaffPanel *self)
{
  kiosk_staff_panel_lock (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.go-home", NULL);
}

static void
build_panel (KioskStaffPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  GtkWidget *lock;

  self->nav = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->nav), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->nav), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->nav), 12);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->nav), 7);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->nav), TRUE);
  gtk_box_append (GTK_BOX (box), self->nav);

  self->pages = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->pages), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->pages));

  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    {
      GtkWidget *button = kiosk_staff_big_button (_(page_infos[i].title));
      GtkWidget *page;

      gtk_widget_set_name (button, page_infos[i].name);
      g_signal_connect (button, "clicked", G_CALLBACK (nav_clicked_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (self->nav), button);
      g_hash_table_insert (self->nav_buttons, (gpointer) page_infos[i].name, button);

      if (g_str_equal (page_infos[i].name, "sources"))
        page = kiosk_staff_sources_new (self->config, self->services);
      else if (g_str_equal (page_infos[i].name, "place"))
        page = kiosk_staff_settings_new (self->config, place_keys);
      else if (g_str_equal (page_infos[i].name, "display"))
        page = kiosk_staff_settings_new (self->config, display_keys);
      else if (g_str_equal (page_infos[i].name, "general"))
        page = kiosk_staff_settings_new (self->config, general_keys);
      else if (g_str_equal (page_infos[i].name, "pin"))
        page = build_pin_page (self);
      else
        page = kiosk_staff_status_new (self->config, self->services);
      gtk_stack_add_named (self->pages, page, page_infos[i].name);
    }

  lock = kiosk_staff_big_button (_("Lock"));
  gtk_widget_add_css_class (lock, "destructive-action");
  g_signal_connect (lock, "clicked", G_CALLBACK (lock_clicked_cb), self);
  gtk_flow_box_append (GTK_FLOW_BOX (self->nav), lock);

  self->panel = box;
  gtk_stack_add_named (self->stack, box, "panel");
  kiosk_staff_panel_show_page (self, "sources");
}

static void
unlocked_cb (KioskStaffPinPad *pad,
             KioskStaffPanel  *self)
{
  if (self->panel == NULL)
    build_panel (self);
  gtk_stack_set_visible_child_name (self->stack, "panel");
}

static gboolean
lock_cb (gpointer user_data)
{
  KioskStaffPanel *self = user_data;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    kiosk_staff_panel_lock (self);

  return G_SOURCE_REMOVE;
}

static void
kiosk_staff_panel_unmap (GtkWidget *widget)
{
  KioskStaffPanel *self = KIOSK_STAFF_PANEL (widget);

  /* Whatever took it off the screen (Lock, Close, the idle reset), it is
   * locked when it comes back: the pages go at once from sight, and from
   * memory once the unmapping is over. */
  if (self->panel != NULL)
    gtk_stack_set_visible_child_name (self->stack, "pin");
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, lock_cb, g_object_ref (self), g_object_unref);

  GTK_WIDGET_CLASS (kiosk_staff_panel_parent_class)->unmap (widget);
}

static void
kiosk_staff_panel_dispose (GObject *object)
{
  KioskStaffPanel *self = (KioskStaffPanel *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->stack != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->stack));
      self->stack = NULL;
    }
  g_clear_object (&self->services);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kiosk_staff_panel_parent_class)->dispose (object);
}

static void
kiosk_staff_panel_finalize (GObject *object)
{
  KioskStaffPanel *self = (KioskStaffPanel *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->nav_buttons, g_hash_table_unref);

  G_OBJECT_CLASS (kiosk_staff_panel_parent_class)->finalize (object);
}

static void
kiosk_staff_panel_class_init (KioskStaffPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_staff_panel_dispose;
  object_class->finalize = kiosk_staff_panel_finalize;
  widget_class->unmap = kiosk_staff_panel_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskstaffpanel");
}

static void
kiosk_staff_panel_init (KioskStaffPanel *self)
{
  self->cancellable = g_cancellable_new ();
  self->nav_buttons = g_hash_table_new (g_str_hash, g_str_equal);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  gtk_widget_set_margin_start (GTK_WIDGET (self->stack), 32);
  gtk_widget_set_margin_end (GTK_WIDGET (self->stack), 32);
  gtk_widget_set_margin_top (GTK_WIDGET (self->stack), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->stack), 24);
}

GtkWidget *
kiosk_staff_panel_new (KioskConfig   *config,
                       KioskServices *services)
{
  KioskStaffPanel *self;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);

  self = g_object_new (KIOSK_TYPE_STAFF_PANEL, NULL);
  self->config = g_object_ref (config);
  self->services = g_object_ref (services);
  kiosk_staff_panel_lock (self);

  return GTK_WIDGET (self);
}

void
kiosk_staff_panel_lock (KioskStaffPanel *self)
{
  g_return_if_fail (KIOSK_IS_STAFF_PANEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* A new pad: in the language of now, with no digit of the last one. */
  if (self->pin_pad != NULL)
    gtk_stack_remove (self->stack, self->pin_pad);
  self->pin_pad = kiosk_staff_pin_pad_new (self->config, self->services);
  g_signal_connect (self->pin_pad, "unlocked", G_CALLBACK (unlocked_cb), self);
  gtk_stack_add_named (self->stack, self->pin_pad, "pin");
  gtk_stack_set_visible_child_name (self->stack, "pin");
  if (self->panel != NULL)
    {
      g_hash_table_remove_all (self->nav_buttons);
      gtk_stack_remove (self->stack, self->panel);
      self->panel = NULL;
      self->pages = NULL;
      self->nav = NULL;
    }
}

gboolean
kiosk_staff_panel_get_locked (KioskStaffPanel *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_PANEL (self), TRUE);

  return self->panel == NULL ||
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "pin") == 0;
}

void
kiosk_staff_panel_show_page (KioskStaffPanel *self,
                             const char      *name)
{
  g_return_if_fail (KIOSK_IS_STAFF_PANEL (self));

  if (self->pages == NULL || gtk_stack_get_child_by_name (self->pages, name) == NULL)
    return;

  gtk_stack_set_visible_child_name (self->pages, name);
  update_nav (self);
}

GtkWidget *
kiosk_staff_panel_get_page (KioskStaffPanel *self,
                            const char      *name)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_PANEL (self), NULL);

  return self->pages != NULL ? gtk_stack_get_child_by_name (self->pages, name) : NULL;
}

GtkWidget *
kiosk_staff_panel_get_pin_pad (KioskStaffPanel *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_PANEL (self), NULL);

  return self->pin_pad;
}

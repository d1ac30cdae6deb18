/* kiosk-staff-pin-pad.c: the PIN pad in front of the staff panel
 *
 * Large keys, the digits shown as dots, the check in a worker thread
 * (Argon2id is slow on purpose) and the wait after a wrong PIN counted
 * down on the pad. */

#define G_LOG_DOMAIN "kiosk-staff-pin-pad"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-staff-pin-pad.h"

struct _KioskStaffPinPad
{
  GtkWidget      parent_instance;

  /* children */
  GtkWidget     *box;
  GtkLabel      *dots;
  GtkLabel      *message;
  GtkLabel      *hint;
  GtkWidget     *grid;
  GtkWidget     *ok_key;
  GPtrArray     *keys;        /* GtkWidget*: every key */

  /* owned */
  KioskConfig   *config;
  KioskServices *services;
  GString       *digits;
  GCancellable  *cancellable;
  guint          tick_id;
  gboolean       checking;
};

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KioskStaffPinPad, kiosk_staff_pin_pad, GTK_TYPE_WIDGET)

static KioskStaffAuth *
get_auth (KioskStaffPinPad *self)
{
  return kiosk_services_get_staff_auth (self->services);
}

static void
forget_digits (KioskStaffPinPad *self)
{
  memset (self->digits->str, 0, self->digits->len);
  g_string_truncate (self->digits, 0);
}

static void
update (KioskStaffPinPad *self)
{
  g_autoptr(GString) dots = g_string_new (NULL);
  KioskStaffAuth *auth = get_auth (self);
  gint64 wait = auth != NULL ? kiosk_staff_auth_get_wait (auth) : 0;
  gboolean can_type = !self->checking && wait == 0;

  for (gsize i = 0; i < self->digits->len; i++)
    g_string_append (dots, "●");
  gtk_label_set_label (self->dots, self->digits->len > 0 ? dots->str : " ");
  {
    /* A screen reader hears how many digits, never which. */
    g_autofree char *spoken = g_strdup_printf (ngettext ("%u digit entered", "%u digits entered",
                                                         (guint) self->digits->len),
                                               (guint) self->digits->len);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->dots),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }

  if (self->checking)
    {
      gtk_label_set_label (self->message, _("Checking…"));
    }
  else if (wait > 0 && kiosk_staff_auth_get_locked (auth))
    {
      g_autofree char *text = NULL;
      guint minutes = (guint) ((wait + 59) / 60);

      text = g_strdup_printf (ngettext ("Too many wrong PINs. Locked for %u more minute.",
                                        "Too many wrong PINs. Locked for %u more minutes.",
                                        minutes), minutes);
      gtk_label_set_label (self->message, text);
    }
  else if (wait > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (ngettext ("Wrong PIN. Try again in %u second.",
                                        "Wrong PIN. Try again in %u seconds.",
                                        (guint) wait), (guint) wait);
      gtk_label_set_label (self->message, text);
    }

  for (guint i = 0; i < self->keys->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->keys, i), can_type);
  gtk_widget_set_sensitive (self->ok_key,
                            can_type && self->digits->len >= KIOSK_STAFF_PIN_MIN_DIGITS);
}

static gboolean
tick_cb (gpointer user_data)
{
  KioskStaffPinPad *self = user_data;
  KioskStaffAuth *auth = get_auth (self);

  if (auth == NULL || kiosk_staff_auth_get_wait (auth) == 0)
    {
      self->tick_id = 0;
      gtk_label_set_label (self->message, _("Enter the staff PIN"));
      update (self);
      return G_SOURCE_REMOVE;
    }
  update (self);

  return G_SOURCE_CONTINUE;
}

static void
start_tick (KioskStaffPinPad *self)
{
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  update (self);
}

static void
verified_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KioskStaffAuth *auth = KIOSK_STAFF_AUTH (object);
  g_autoptr(KioskStaffPinPad) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kiosk_staff_auth_verify_finish (auth, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->checking = FALSE;
  if (error == NULL)
    {
      gtk_label_set_label (self->message, _("Enter the staff PIN"));
      update (self);
      g_signal_emit (self, signals[UNLOCKED], 0);
      return;
    }

  g_message ("%s", error->message);
  if (g_error_matches (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_NO_PIN))
    gtk_label_set_label (self->message, _("No staff PIN is set on this kiosk."));
  else if (!g_error_matches (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WRONG_PIN) &&
           !g_error_matches (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_WAIT) &&
           !g_error_matches (error, KIOSK_STAFF_AUTH_ERROR, KIOSK_STAFF_AUTH_ERROR_LOCKED))
    gtk_label_set_label (self->message, error->message);
  start_tick (self);
}

static void
submit (KioskStaffPinPad *self)
{
  KioskStaffAuth *auth = get_auth (self);
  g_autofree char *hash = NULL;
  g_autofree char *pin = NULL;

  if (auth == NULL || self->checking || self->digits->len < KIOSK_STAFF_PIN_MIN_DIGITS)
    return;

  hash = g_settings_get_string (kiosk_config_get_settings (self->config), "staff-pin-hash");
  pin = g_strndup (self->digits->str, self->digits->len);
  forget_digits (self);
  self->checking = TRUE;
  update (self);
  kiosk_staff_auth_verify_async (auth, hash, pin, self->cancellable, verified_cb,
                                 g_object_ref (self));
  memset (pin, 0, strlen (pin));
}

static void
digit_clicked_cb (GtkButton        *key,
                  KioskStaffPinPad *self)
{
  if (self->digits->len >= KIOSK_STAFF_PIN_MAX_DIGITS)
    return;

  g_string_append (self->digits, gtk_button_get_label (key));
  update (self);
}

static void
delete_clicked_cb (GtkButton        *key,
                   KioskStaffPinPad *self)
{
  if (self->digits->len > 0)
    {
      self->digits->str[self->digits->len - 1] = '\0';
      g_string_truncate (self->digits, self->digits->len - 1);
    }
  update (self);
}

static void
ok_clicked_cb (GtkButton        *key,
               KioskStaffPinPad *self)
{
  submit (self);
}

static GtkWidget *
new_key (KioskStaffPinPad *self,
         const char       *label,
         GCallback         callback)
{
  GtkWidget *key = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (key, "staff-pin-key");
  gtk_widget_set_size_request (key, 128, 96);
  gtk_widget_set_focus_on_click (key, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect (key, "clicked", callback, self);

  return key;
}

static void
build (KioskStaffPinPad *self)
{
  static const char * const order[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };
  GtkWidget *title = gtk_label_new (_("Staff"));
  GtkWidget *key;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_halign (self->box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->box, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_add_css_class (title, "title-1");
  gtk_box_append (GTK_BOX (self->box), title);

  self->message = GTK_LABEL (gtk_label_new (_("Enter the staff PIN")));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_max_width_chars (self->message, 30);
  gtk_label_set_justify (self->message, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "title-3");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Message"), -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->message));

  self->dots = GTK_LABEL (gtk_label_new (" "));
  gtk_widget_add_css_class (GTK_WIDGET (self->dots), "title-1");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->dots));

  self->grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 16);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 16);
  gtk_widget_set_halign (self->grid, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      key = new_key (self, order[i], G_CALLBACK (digit_clicked_cb));
      g_ptr_array_add (self->keys, key);
      gtk_grid_attach (GTK_GRID (self->grid), key, i % 3, i / 3, 1, 1);
    }
  key = new_key (self, C_("keyboard", "Delete"), G_CALLBACK (delete_clicked_cb));
  g_ptr_array_add (self->keys, key);
  gtk_grid_attach (GTK_GRID (self->grid), key, 0, 3, 1, 1);
  key = new_key (self, "0", G_CALLBACK (digit_clicked_cb));
  g_ptr_array_add (self->keys, key);
  gtk_grid_attach (GTK_GRID (self->grid), key, 1, 3, 1, 1);
  self->ok_key = new_key (self, C_("PIN pad", "OK"), G_CALLBACK (ok_clicked_cb));
  gtk_widget_add_css_class (self->ok_key, "suggested-action");
  gtk_grid_attach (GTK_GRID (self->grid), self->ok_key, 2, 3, 1, 1);
  gtk_box_append (GTK_BOX (self->box), self->grid);

  self->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->hint, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->hint), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->hint));

  key = gtk_button_new_with_label (_("Cancel"));
  gtk_widget_set_size_request (key, -1, 72);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (key), "win.go-home");
  gtk_accessible_update_property (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cancel"), -1);
  gtk_box_append (GTK_BOX (self->box), key);
}

static void
kiosk_staff_pin_pad_dispose (GObject *object)
{
  KioskStaffPinPad *self = (KioskStaffPinPad *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->services);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kiosk_staff_pin_pad_parent_class)->dispose (object);
}

static void
kiosk_staff_pin_pad_finalize (GObject *object)
{
  KioskStaffPinPad *self = (KioskStaffPinPad *)object;

  forget_digits (self);
  g_string_free (self->digits, TRUE);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kiosk_staff_pin_pad_parent_class)->finalize (object);
}

static void
kiosk_staff_pin_pad_class_init (KioskStaffPinPadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_staff_pin_pad_dispose;
  object_class->finalize = kiosk_staff_pin_pad_finalize;

  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskstaffpinpad");
}

static void
kiosk_staff_pin_pad_init (KioskStaffPinPad *self)
{
  self->digits = g_string_new (NULL);
  self->keys = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  build (self);
}

GtkWidget *
kiosk_staff_pin_pad_new (KioskConfig   *config,
                         KioskServices *services)
{
  KioskStaffPinPad *self;
  KioskStaffAuth *auth;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);

  self = g_object_new (KIOSK_TYPE_STAFF_PIN_PAD, NULL);
  self->config = g_object_ref (config);
  self->services = g_object_ref (services);

  auth = get_auth (self);
  if (auth != NULL && kiosk_staff_auth_get_hint_pin (auth) != NULL)
    {
      g_autofree char *hint = g_strdup_printf (_("Demo: the PIN is %s"),
                                               kiosk_staff_auth_get_hint_pin (auth));

      gtk_label_set_label (self->hint, hint);
      gtk_widget_set_visible (GTK_WIDGET (self->hint), TRUE);
    }
  kiosk_staff_pin_pad_clear (self);

  return GTK_WIDGET (self);
}

void
kiosk_staff_pin_pad_clear (KioskStaffPinPad *self)
{
  KioskStaffAuth *auth;

  g_return_if_fail (KIOSK_IS_STAFF_PIN_PAD (self));

  forget_digits (self);
  gtk_label_set_label (self->message, _("Enter the staff PIN"));
  auth = get_auth (self);
  if (auth != NULL && kiosk_staff_auth_get_wait (auth) > 0)
    start_tick (self);
  else
    update (self);
}

GtkWidget *
kiosk_staff_pin_pad_get_key (KioskStaffPinPad *self,
                             const char       *label)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_PIN_PAD (self), NULL);

  if (g_strcmp0 (label, gtk_button_get_label (GTK_BUTTON (self->ok_key))) == 0)
    return self->ok_key;
  for (guint i = 0; i < self->keys->len; i++)
    {
      GtkWidget *key = g_ptr_array_index (self->keys, i);

      if (g_strcmp0 (label, gtk_button_get_label (GTK_BUTTON (key))) == 0)
        return key;
    }

  return NULL;
}

const char *
kiosk_staff_pin_pad_get_message (KioskStaffPinPad *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_PIN_PAD (self), NULL);

  return gtk_label_get_label (self->message);
}

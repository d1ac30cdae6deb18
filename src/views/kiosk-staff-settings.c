/* kiosk-staff-settings.c: a staff panel page that edits a list of settings keys
 *
 * The page is made from the schema: a switch for a yes/no key, a list of
 * choices for a key with choices, a number field with the schema's range
 * for numbers, a text field for the rest. Nothing is written until every
 * value is valid; then all are written at once and the kiosk applies them
 * live (each part listens to the keys it reads). */

#define G_LOG_DOMAIN "kiosk-staff-settings"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kiosk-staff-settings.h"

struct _KioskStaffSettings
{
  GtkWidget    parent_instance;

  /* children */
  GtkWidget   *box;
  GtkLabel    *message;

  /* owned */
  KioskConfig *config;
  GHashTable  *controls;      /* key -> GtkWidget* (borrowed from the page) */
  GPtrArray   *keys;          /* char*, in order */
};

G_DEFINE_FINAL_TYPE (KioskStaffSettings, kiosk_staff_settings, GTK_TYPE_WIDGET)

typedef struct
{
  const char *key;
  const char *label;   /* N_() */
} KeyLabel;

static const KeyLabel key_labels[] = {
  { "place-name", N_("Name of the place") },
  { "latitude", N_("Latitude (north, degrees)") },
  { "longitude", N_("Longitude (east, degrees)") },
  { "time-zone", N_("Time zone (e.g. Europe/Berlin)") },
  { "map-zoom", N_("Map zoom (1 to 19)") },
  { "map-bounds", N_("Map bounds: west; south; east; north") },
  { "idle-timeout", N_("Start over after (seconds without a touch)") },
  { "default-language", N_("Default language") },
  { "languages", N_("Languages offered (de, en)") },
  { "large-text", N_("Large text by default") },
  { "high-contrast", N_("High contrast by default") },
  { "reach-mode", N_("Reach mode by default") },
  { "attract-fit", N_("Pictures and videos: fit or fill the screen") },
  { "attract-transition", N_("Transition between media") },
  { "attract-transition-ms", N_("Transition length (milliseconds)") },
  { "attract-image-seconds", N_("Seconds per picture") },
  { "attract-volume", N_("Video volume (0 to 1)") },
  { "attract-data-slides", N_("Show today’s events between the media") },
  { "opening-hours", N_("Opening hours (e.g. Mo-Fr 09:00-18:00)") },
  { "closures-source", N_("Closing days (iCalendar URL)") },
  { "closed-screen", N_("When closed: a message or a black screen") },
  { "display-off-command", N_("Command at closing time") },
  { "display-on-command", N_("Command at opening time") },
};

const char *
kiosk_staff_settings_key_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_labels); i++)
    {
      if (g_str_equal (key_labels[i].key, key))
        return _(key_labels[i].label);
    }

  return key;
}

void
kiosk_staff_name (GtkWidget  *widget,
                  const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

GtkWidget *
kiosk_staff_big_button (const char *label)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_size_request (button, 200, 72);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  kiosk_staff_name (button, label);

  return button;
}

void
kiosk_staff_set_message (GtkLabel   *label,
                         const char *text,
                         gboolean    error)
{
  gtk_label_set_label (label, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

void
kiosk_staff_osk_type (GtkWidget  *target,
                      const char *text)
{
  int position;

  if (!GTK_IS_EDITABLE (target) || !gtk_editable_get_editable (GTK_EDITABLE (target)))
    return;

  gtk_editable_delete_selection (GTK_EDITABLE (target));
  position = gtk_editable_get_position (GTK_EDITABLE (target));
  gtk_editable_insert_text (GTK_EDITABLE (target), text, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (target), position);
}

void
kiosk_staff_osk_backspace (GtkWidget *target)
{
  int position, start, end;

  if (!GTK_IS_EDITABLE (target) || !gtk_editable_get_editable (GTK_EDITABLE (target)))
    return;

  if (gtk_editable_get_selection_bounds (GTK_EDITABLE (target), &start, &end))
    {
      gtk_editable_delete_selection (GTK_EDITABLE (target));
      return;
    }
  position = gtk_editable_get_position (GTK_EDITABLE (target));
  if (position > 0)
    gtk_editable_delete_text (GTK_EDITABLE (target), position - 1, position);
}

/* The editable that has the focus inside @content, if any. */
static GtkWidget *
focused_editable (GtkWidget *content)
{
  GtkRoot *root = gtk_widget_get_root (content);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* The focus sits on the entry's inner text widget. */
  while (focus != NULL && !GTK_IS_EDITABLE (focus))
    focus = gtk_widget_get_parent (focus);
  while (focus != NULL && GTK_IS_EDITABLE (gtk_widget_get_parent (focus)))
    focus = gtk_widget_get_parent (focus);
  if (focus == NULL || !gtk_widget_is_ancestor (focus, content))
    return NULL;

  return focus;
}

static void
osk_text_cb (KioskOsk   *osk,
             const char *text,
             GtkWidget  *content)
{
  kiosk_staff_osk_type (focused_editable (content), text);
}

static void
osk_backspace_cb (KioskOsk  *osk,
                  GtkWidget *content)
{
  kiosk_staff_osk_backspace (focused_editable (content));
}

GtkWidget *
kiosk_staff_osk_wrap (GtkWidget *content,
                      GtkWidget *actions)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *osk = kiosk_osk_new ();

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  if (actions != NULL)
    gtk_box_append (GTK_BOX (box), actions);
  gtk_box_append (GTK_BOX (box), osk);
  g_signal_connect_object (osk, "text", G_CALLBACK (osk_text_cb), content, 0);
  g_signal_connect_object (osk, "backspace", G_CALLBACK (osk_backspace_cb), content, 0);

  return box;
}

static GSettingsSchemaKey *
schema_key (KioskStaffSettings *self,
            const char         *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (kiosk_config_get_settings (self->config), "settings-schema", &schema, NULL);

  return g_settings_schema_get_key (schema, key);
}

static GtkWidget *
make_control (KioskStaffSettings *self,
              const char         *key)
{
  GSettings *settings = kiosk_config_get_settings (self->config);
  g_autoptr(GSettingsSchemaKey) skey = schema_key (self, key);
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (skey);
  g_autoptr(GVariant) detail = NULL;
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);
  const GVariantType *type = g_settings_schema_key_get_value_type (skey);
  const char *range_type;
  GtkWidget *control;

  g_variant_get (range, "(&sv)", &range_type, &detail);

  if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    {
      control = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (control), g_variant_get_boolean (value));
    }
  else if (g_str_equal (range_type, "enum"))
    {
      g_autofree const char **choices = g_variant_get_strv (detail, NULL);
      const char *current = g_variant_get_string (value, NULL);

      control = gtk_drop_down_new_from_strings (choices);
      for (guint i = 0; choices[i] != NULL; i++)
        {
          if (g_str_equal (choices[i], current))
            gtk_drop_down_set_selected (GTK_DROP_DOWN (control), i);
        }
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32) ||
           g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    {
      gboolean is_double = g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE);
      double min = is_double ? -1e9 : 0, max = is_double ? 1e9 : G_MAXUINT32;

      if (g_str_equal (range_type, "range"))
        {
          g_autoptr(GVariant) lo = g_variant_get_child_value (detail, 0);
          g_autoptr(GVariant) hi = g_variant_get_child_value (detail, 1);

          min = is_double ? g_variant_get_double (lo) : g_variant_get_uint32 (lo);
          max = is_double ? g_variant_get_double (hi) : g_variant_get_uint32 (hi);
        }
      control = gtk_spin_button_new_with_range (min, max, is_double ? 0.0001 : 1);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (control), is_double ? 4 : 0);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (control),
                                 is_double ? g_variant_get_double (value)
                                           : g_variant_get_uint32 (value));
    }
  else
    {
      g_autofree char *text = NULL;

      if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
        text = g_variant_dup_string (value, NULL);
      else if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING_ARRAY))
        {
          g_autofree const char **items = g_variant_get_strv (value, NULL);

          text = g_strjoinv (", ", (char **) items);
        }
      else if (g_variant_type_equal (type, G_VARIANT_TYPE ("(dddd)")))
        {
          double w, s, e, n;
          char buf[4][G_ASCII_DTOSTR_BUF_SIZE];

          g_variant_get (value, "(dddd)", &w, &s, &e, &n);
          text = g_strdup_printf ("%s; %s; %s; %s", g_ascii_dtostr (buf[0], sizeof buf[0], w),
                                  g_ascii_dtostr (buf[1], sizeof buf[1], s),
                                  g_ascii_dtostr (buf[2], sizeof buf[2], e),
                                  g_ascii_dtostr (buf[3], sizeof buf[3], n));
        }
      control = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (control), text != NULL ? text : "");
      gtk_widget_set_hexpand (control, TRUE);
    }

  /* A target a finger finds: a switch as wide as two. */
  gtk_widget_set_size_request (control, GTK_IS_SWITCH (control) ? 128 : -1, 64);
  kiosk_staff_name (control, kiosk_staff_settings_key_label (key));

  return control;
}

/* The value the control holds (a full reference), or NULL with @problem set. */
static GVariant *
control_value (KioskStaffSettings  *self,
               const char          *key,
               char               **problem)
{
  GtkWidget *control = g_hash_table_lookup (self->controls, key);
  g_autoptr(GSettingsSchemaKey) skey = schema_key (self, key);
  const GVariantType *type = g_settings_schema_key_get_value_type (skey);
  GVariant *value = NULL;

  if (GTK_IS_SWITCH (control))
    return g_variant_ref_sink (g_variant_new_boolean (gtk_switch_get_active (GTK_SWITCH (control))));

  if (GTK_IS_DROP_DOWN (control))
    {
      GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (control));

      return g_variant_ref_sink (g_variant_new_string (item != NULL ? gtk_string_object_get_string (item)
                                                                     : ""));
    }

  if (GTK_IS_SPIN_BUTTON (control))
    {
      double v;

      gtk_spin_button_update (GTK_SPIN_BUTTON (control));
      v = gtk_spin_button_get_value (GTK_SPIN_BUTTON (control));
      if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
        return g_variant_ref_sink (g_variant_new_double (v));
      return g_variant_ref_sink (g_variant_new_uint32 ((guint32) CLAMP (round (v), 0, G_MAXUINT32)));
    }

  {
    g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (control))));

    if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
      {
        if (g_str_equal (key, "time-zone"))
          {
            g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (text);

            if (tz == NULL)
              {
                *problem = g_strdup_printf (_("“%s” is not a time zone such as Europe/Berlin"),
                                            text);
                return NULL;
              }
          }
        value = g_variant_new_string (text);
      }
    else if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING_ARRAY))
      {
        g_auto(GStrv) parts = g_strsplit_set (text, ",; ", -1);
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) items = NULL;

        for (guint i = 0; parts[i] != NULL; i++)
          {
            if (*parts[i] != '\0')
              g_strv_builder_add (builder, parts[i]);
          }
        items = g_strv_builder_end (builder);
        value = g_variant_new_strv ((const char * const *) items, -1);
      }
    else if (g_variant_type_equal (type, G_VARIANT_TYPE ("(dddd)")))
      {
        g_auto(GStrv) parts = g_strsplit (text, ";", -1);
        double v[4] = { 0, };
        gboolean ok = g_strv_length (parts) == 4;

        for (guint i = 0; ok && i < 4; i++)
          {
            char *end = NULL;

            g_strstrip (parts[i]);
            v[i] = g_ascii_strtod (parts[i], &end);
            ok = *parts[i] != '\0' && *end == '\0' && isfinite (v[i]);
          }
        /* All zero: no bounds. */
        if (!ok || ((v[0] != 0 || v[1] != 0 || v[2] != 0 || v[3] != 0) &&
                    (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 ||
                     v[0] >= v[2] || v[1] >= v[3])))
          {
            *problem = g_strdup (_("four numbers are needed: west; south; east; north, "
                                   "west less than east and south less than north"));
            return NULL;
          }
        value = g_variant_new ("(dddd)", v[0], v[1], v[2], v[3]);
      }
  }

  if (value != NULL)
    {
      g_variant_ref_sink (value);
      if (!g_settings_schema_key_range_check (skey, value))
        {
          g_clear_pointer (&value, g_variant_unref);
          *problem = g_strdup (_("the value is out of range"));
        }
    }

  return value;
}

static void
save_clicked_cb (GtkButton          *button,
                 KioskStaffSettings *self)
{
  kiosk_staff_settings_save (self);
}

static void
kiosk_staff_settings_dispose (GObject *object)
{
  KioskStaffSettings *self = (KioskStaffSettings *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kiosk_staff_settings_parent_class)->dispose (object);
}

static void
kiosk_staff_settings_finalize (GObject *object)
{
  KioskStaffSettings *self = (KioskStaffSettings *)object;

  g_clear_pointer (&self->controls, g_hash_table_unref);
  g_clear_pointer (&self->keys, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_staff_settings_parent_class)->finalize (object);
}

static void
kiosk_staff_settings_class_init (KioskStaffSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_staff_settings_dispose;
  object_class->finalize = kiosk_staff_settings_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskstaffsettings");
}

static void
kiosk_staff_settings_init (KioskStaffSettings *self)
{
  self->controls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->keys = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
kiosk_staff_settings_new (KioskConfig        *config,
                          const char * const *keys)
{
  KioskStaffSettings *self;
  GtkWidget *grid, *save, *content, *actions;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (keys != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_STAFF_SETTINGS, NULL);
  self->config = g_object_ref (config);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (kiosk_staff_settings_key_label (keys[i]));
      GtkWidget *control = make_control (self, keys[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), control, 1, i, 1, 1);
      if (!GTK_IS_SWITCH (control))
        gtk_widget_set_hexpand (control, TRUE);
      else
        gtk_widget_set_halign (control, GTK_ALIGN_START);
      g_hash_table_insert (self->controls, g_strdup (keys[i]), control);
      g_ptr_array_add (self->keys, g_strdup (keys[i]));
    }
  gtk_box_append (GTK_BOX (content), grid);

  actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->message), TRUE);

  save = gtk_button_new_with_label (_("Save"));
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_size_request (save, 240, 72);
  gtk_widget_set_halign (save, GTK_ALIGN_START);
  kiosk_staff_name (save, _("Save"));
  g_signal_connect (save, "clicked", G_CALLBACK (save_clicked_cb), self);
  gtk_box_append (GTK_BOX (actions), save);
  gtk_box_append (GTK_BOX (actions), GTK_WIDGET (self->message));

  self->box = kiosk_staff_osk_wrap (content, actions);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  return GTK_WIDGET (self);
}

GtkWidget *
kiosk_staff_settings_get_control (KioskStaffSettings *self,
                                  const char         *key)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_SETTINGS (self), NULL);

  return g_hash_table_lookup (self->controls, key);
}

gboolean
kiosk_staff_settings_save (KioskStaffSettings *self)
{
  GSettings *settings;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  g_return_val_if_fail (KIOSK_IS_STAFF_SETTINGS (self), FALSE);

  for (guint i = 0; i < self->keys->len; i++)
    {
      const char *key = g_ptr_array_index (self->keys, i);
      g_autofree char *problem = NULL;
      GVariant *value = control_value (self, key, &problem);

      if (value == NULL)
        {
          g_autofree char *text = g_strdup_printf ("%s: %s", kiosk_staff_settings_key_label (key),
                                                   problem);

          kiosk_staff_set_message (self->message, text, TRUE);
          return FALSE;
        }
      g_ptr_array_add (values, value);
    }

  /* Only values that changed: each write makes its part of the kiosk
   * apply it again. */
  settings = kiosk_config_get_settings (self->config);
  for (guint i = 0; i < self->keys->len; i++)
    {
      const char *key = g_ptr_array_index (self->keys, i);
      g_autoptr(GVariant) old = g_settings_get_value (settings, key);

      if (!g_variant_equal (old, g_ptr_array_index (values, i)))
        g_settings_set_value (settings, key, g_ptr_array_index (values, i));
    }

  kiosk_staff_set_message (self->message, _("Saved. The kiosk uses the new settings now."), FALSE);

  return TRUE;
}

const char *
kiosk_staff_settings_get_message (KioskStaffSettings *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_SETTINGS (self), NULL);

  return gtk_label_get_label (self->message);
}

/* kiosk-osk.c: the built-in on-screen keyboard (German or English layout, and symbols)
 *
 * A kiosk has no physical keyboard and must not depend on a system one:
 * QWERTZ with ä ö ü ß in German, QWERTY in English, a row of digits, shift
 * (once), space and delete, and a layer of symbols for URLs, e-mail
 * addresses and HTTP headers.
 * Every key is a real button at least 64 px square whose accessible name
 * is its visible label. */

#define G_LOG_DOMAIN "kiosk-osk"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-i18n.h"
#include "kiosk-osk.h"

struct _KioskOsk
{
  GtkWidget  parent_instance;

  /* template widgets */
  GtkBox    *rows;

  /* owned */
  GPtrArray *letter_keys;   /* GtkButton*: keys whose label follows shift */
  GPtrArray *letter_chars;  /* char*: each of letter_keys' unshifted character */
  GtkWidget *shift_key;
  GtkWidget *space_key;
  GtkWidget *delete_key;
  GtkWidget *layer_key;
  gboolean   shift;
  gboolean   symbols;
};

enum {
  PROP_0,
  PROP_SHIFT,
  N_PROPS
};

enum {
  TEXT,
  BACKSPACE,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KioskOsk, kiosk_osk, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Four rows each; the shift key goes before the last row. */
static const char * const german[] = {
  "1 2 3 4 5 6 7 8 9 0 ß",
  "q w e r t z u i o p ü",
  "a s d f g h j k l ö ä",
  "y x c v b n m , . - ?",
};

static const char * const english[] = {
  "1 2 3 4 5 6 7 8 9 0",
  "q w e r t y u i o p",
  "a s d f g h j k l '",
  "z x c v b n m , . - ?",
};

static const char * const symbol_rows[] = {
  "1 2 3 4 5 6 7 8 9 0",
  ": / . - _ ? = & @ #",
  "% ! ( ) € \" ' + * ;",
  ", $ ~ < > [ ] { } |",
};

static void
set_key_label (GtkWidget  *key,
               const char *label)
{
  gtk_button_set_label (GTK_BUTTON (key), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (key),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
update_labels (KioskOsk *self)
{
  for (guint i = 0; i < self->letter_keys->len; i++)
    {
      GtkWidget *key = g_ptr_array_index (self->letter_keys, i);
      const char *base = g_ptr_array_index (self->letter_chars, i);
      /* "ß" has no capital anyone types on a kiosk; it stays. */
      g_autofree char *text = self->shift && !g_str_equal (base, "ß")
                              ? g_utf8_strup (base, -1) : g_strdup (base);

      set_key_label (key, text);
    }

  if (self->shift)
    gtk_widget_add_css_class (self->shift_key, "osk-shift-on");
  else
    gtk_widget_remove_css_class (self->shift_key, "osk-shift-on");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->shift_key),
                               GTK_ACCESSIBLE_STATE_PRESSED,
                               self->shift ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static void
char_clicked_cb (GtkButton *key,
                 KioskOsk  *self)
{
  g_autofree char *text = g_strdup (gtk_button_get_label (key));

  g_signal_emit (self, signals[TEXT], 0, text);
  /* Shift holds for one character, as on a phone. */
  if (self->shift)
    kiosk_osk_set_shift (self, FALSE);
}

static void
space_clicked_cb (GtkButton *key,
                  KioskOsk  *self)
{
  g_signal_emit (self, signals[TEXT], 0, " ");
}

static void
delete_clicked_cb (GtkButton *key,
                   KioskOsk  *self)
{
  g_signal_emit (self, signals[BACKSPACE], 0);
}

static void
shift_clicked_cb (GtkButton *key,
                  KioskOsk  *self)
{
  kiosk_osk_set_shift (self, !self->shift);
}

static GtkWidget *
new_key (const char *label,
         const char *css_class)
{
  GtkWidget *key = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (key, "osk-key");
  if (css_class != NULL)
    gtk_widget_add_css_class (key, css_class);
  gtk_widget_set_focus_on_click (key, FALSE);
  set_key_label (key, label);

  return key;
}

static void build_keys (KioskOsk *self);

static void
layer_clicked_cb (GtkButton *key,
                  KioskOsk  *self)
{
  kiosk_osk_set_symbols (self, !self->symbols);
}

static const char * const *
current_layout (KioskOsk *self)
{
  if (self->symbols)
    return symbol_rows;

  return g_str_equal (kiosk_i18n_get_language (), "de") ? german : english;
}

static void
build_keys (KioskOsk *self)
{
  const char * const *layout = current_layout (self);
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->rows))) != NULL)
    gtk_box_remove (self->rows, row);
  g_ptr_array_set_size (self->letter_keys, 0);
  g_ptr_array_set_size (self->letter_chars, 0);

  for (guint r = 0; r < 4; r++)
    {
      g_auto(GStrv) chars = g_strsplit (layout[r], " ", -1);

      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      gtk_widget_set_halign (row, GTK_ALIGN_CENTER);

      if (r == 3)
        {
          self->shift_key = new_key (C_("keyboard", "Shift"), "osk-wide");
          g_signal_connect (self->shift_key, "clicked", G_CALLBACK (shift_clicked_cb), self);
          gtk_box_append (GTK_BOX (row), self->shift_key);
        }

      for (guint i = 0; chars[i] != NULL; i++)
        {
          GtkWidget *key = new_key (chars[i], NULL);

          g_signal_connect (key, "clicked", G_CALLBACK (char_clicked_cb), self);
          g_ptr_array_add (self->letter_keys, key);
          g_ptr_array_add (self->letter_chars, g_strdup (chars[i]));
          gtk_box_append (GTK_BOX (row), key);
        }

      if (r == 0)
        {
          self->delete_key = new_key (C_("keyboard", "Delete"), "osk-wide");
          g_signal_connect (self->delete_key, "clicked", G_CALLBACK (delete_clicked_cb), self);
          gtk_box_append (GTK_BOX (row), self->delete_key);
        }

      gtk_box_append (self->rows, row);
    }

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_halign (row, GTK_ALIGN_CENTER);
  self->layer_key = new_key (self->symbols ? C_("keyboard", "Letters") : C_("keyboard", "Symbols"),
                             "osk-wide");
  g_signal_connect (self->layer_key, "clicked", G_CALLBACK (layer_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), self->layer_key);
  self->space_key = new_key (C_("keyboard", "Space"), "osk-space");
  g_signal_connect (self->space_key, "clicked", G_CALLBACK (space_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), self->space_key);
  gtk_box_append (self->rows, row);

  update_labels (self);
}

static void
kiosk_osk_dispose (GObject *object)
{
  KioskOsk *self = (KioskOsk *)object;

  g_clear_pointer (&self->letter_keys, g_ptr_array_unref);
  g_clear_pointer (&self->letter_chars, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_OSK);

  G_OBJECT_CLASS (kiosk_osk_parent_class)->dispose (object);
}

static void
kiosk_osk_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KioskOsk *self = KIOSK_OSK (object);

  switch (prop_id)
    {
    case PROP_SHIFT:
      g_value_set_boolean (value, self->shift);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_osk_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KioskOsk *self = KIOSK_OSK (object);

  switch (prop_id)
    {
    case PROP_SHIFT:
      kiosk_osk_set_shift (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_osk_class_init (KioskOskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_osk_dispose;
  object_class->get_property = kiosk_osk_get_property;
  object_class->set_property = kiosk_osk_set_property;

  properties[PROP_SHIFT] =
    g_param_spec_boolean ("shift", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TEXT] = g_signal_new ("text", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[BACKSPACE] = g_signal_new ("backspace", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-osk.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskOsk, rows);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskosk");
}

static void
kiosk_osk_init (KioskOsk *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->letter_keys = g_ptr_array_new ();
  self->letter_chars = g_ptr_array_new_with_free_func (g_free);
  build_keys (self);
}

GtkWidget *
kiosk_osk_new (void)
{
  return g_object_new (KIOSK_TYPE_OSK, NULL);
}

gboolean
kiosk_osk_get_shift (KioskOsk *self)
{
  g_return_val_if_fail (KIOSK_IS_OSK (self), FALSE);

  return self->shift;
}

void
kiosk_osk_set_shift (KioskOsk *self,
                     gboolean  shift)
{
  g_return_if_fail (KIOSK_IS_OSK (self));

  shift = !!shift;
  if (self->shift == shift)
    return;

  self->shift = shift;
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHIFT]);
}

GtkWidget *
kiosk_osk_get_key (KioskOsk   *self,
                   const char *label)
{
  GtkWidget *special[4];

  g_return_val_if_fail (KIOSK_IS_OSK (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  for (guint i = 0; i < self->letter_keys->len; i++)
    {
      GtkWidget *key = g_ptr_array_index (self->letter_keys, i);

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (key)), label) == 0)
        return key;
    }

  special[0] = self->shift_key;
  special[1] = self->space_key;
  special[2] = self->delete_key;
  special[3] = self->layer_key;
  for (guint i = 0; i < G_N_ELEMENTS (special); i++)
    {
      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (special[i])), label) == 0)
        return special[i];
    }

  return NULL;
}

gboolean
kiosk_osk_get_symbols (KioskOsk *self)
{
  g_return_val_if_fail (KIOSK_IS_OSK (self), FALSE);

  return self->symbols;
}

void
kiosk_osk_set_symbols (KioskOsk *self,
                       gboolean  symbols)
{
  g_return_if_fail (KIOSK_IS_OSK (self));

  symbols = !!symbols;
  if (self->symbols == symbols)
    return;

  self->symbols = symbols;
  build_keys (self);
}

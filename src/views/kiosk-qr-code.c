/* kiosk-qr-code.c: a QR code drawn crisp and large, with its quiet zone
 *
 * Modules are whole pixels so phone cameras see sharp edges; the code grows
 * to fill its allocation, would like 10 px per module (a URL-sized code
 * scannable from 50 cm) and makes do with 5 px on a narrow screen. Text
 * that is not plain ASCII is declared UTF-8 (ECI 26), so that phones do not
 * guess another encoding and show "für" as "f羹r". Colours are fixed black on white
 * whatever the theme: inverted codes do not scan everywhere. */

#define G_LOG_DOMAIN "kiosk-qr-code"

#include "config.h"

#include <qrencode.h>
#include <string.h>

#include "kiosk-qr-code.h"

#define QUIET_ZONE 4          /* modules of white around the code (ISO 18004) */
#define MIN_MODULE_PX 5
#define NATURAL_MODULE_PX 10
#define ECI_UTF8 26

struct _KioskQrCode
{
  GtkWidget  parent_instance;

  /* owned */
  char      *text;
  guint8    *modules;    /* width * width, 1 = dark */
  guint      width;
};

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (KioskQrCode, kiosk_qr_code, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        return FALSE;
    }

  return TRUE;
}

/* Byte mode, with the UTF-8 ECI designator in front when the text needs it. */
static QRcode *
encode_at (const char *text,
           QRecLevel   level)
{
  QRinput *input = QRinput_new2 (0, level);
  QRcode *code = NULL;

  if (input == NULL)
    return NULL;
  if ((is_ascii (text) || QRinput_appendECIheader (input, ECI_UTF8) == 0) &&
      QRinput_append (input, QR_MODE_8, (int) strlen (text), (const unsigned char *) text) == 0)
    code = QRcode_encodeInput (input);
  QRinput_free (input);

  return code;
}

static void
encode (KioskQrCode *self)
{
  QRcode *code = NULL;

  g_clear_pointer (&self->modules, g_free);
  self->width = 0;

  if (self->text == NULL || *self->text == '\0')
    return;

  /* M survives a scratched screen; long texts (an .ics) take L, which
   * keeps the modules large enough: a screen does not get torn. */
  code = encode_at (self->text, strlen (self->text) > 200 ? QR_ECLEVEL_L : QR_ECLEVEL_M);
  if (code == NULL)
    code = encode_at (self->text, QR_ECLEVEL_L);
  if (code == NULL)
    {
      g_warning ("Text of %zu bytes is too long for a QR code", strlen (self->text));
      return;
    }

  self->width = (guint) code->width;
  self->modules = g_malloc ((gsize) self->width * self->width);
  for (guint i = 0; i < self->width * self->width; i++)
    self->modules[i] = code->data[i] & 1;
  QRcode_free (code);
}

static void
kiosk_qr_code_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  KioskQrCode *self = KIOSK_QR_CODE (widget);
  int total = self->width > 0 ? (int) (self->width + 2 * QUIET_ZONE) : 0;

  *minimum = total * MIN_MODULE_PX;
  *natural = total * NATURAL_MODULE_PX;
}

static void
kiosk_qr_code_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  KioskQrCode *self = KIOSK_QR_CODE (widget);
  GdkRGBA white = { 1, 1, 1, 1 };
  GdkRGBA black = { 0, 0, 0, 1 };
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint total = self->width + 2 * QUIET_ZONE;
  int module, side, x0, y0;

  if (self->width == 0)
    return;

  module = MAX (1, MIN (width, height) / (int) total);
  side = module * (int) total;
  x0 = (width - side) / 2;
  y0 = (height - side) / 2;

  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (x0, y0, side, side));

  for (guint y = 0; y < self->width; y++)
    {
      guint x = 0;

      /* One rectangle per horizontal run keeps the render node list short. */
      while (x < self->width)
        {
          guint run;

          if (!self->modules[y * self->width + x])
            {
              x++;
              continue;
            }
          for (run = 1; x + run < self->width && self->modules[y * self->width + x + run]; run++)
            ;
          gtk_snapshot_append_color (snapshot, &black,
                                     &GRAPHENE_RECT_INIT (x0 + (x + QUIET_ZONE) * module,
                                                          y0 + (y + QUIET_ZONE) * module,
                                                          run * module, module));
          x += run;
        }
    }
}

static void
kiosk_qr_code_finalize (GObject *object)
{
  KioskQrCode *self = (KioskQrCode *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->modules, g_free);

  G_OBJECT_CLASS (kiosk_qr_code_parent_class)->finalize (object);
}

static void
kiosk_qr_code_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KioskQrCode *self = KIOSK_QR_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_qr_code_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KioskQrCode *self = KIOSK_QR_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      kiosk_qr_code_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_qr_code_class_init (KioskQrCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kiosk_qr_code_finalize;
  object_class->get_property = kiosk_qr_code_get_property;
  object_class->set_property = kiosk_qr_code_set_property;
  widget_class->measure = kiosk_qr_code_measure;
  widget_class->snapshot = kiosk_qr_code_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "kioskqrcode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kiosk_qr_code_init (KioskQrCode *self)
{
}

GtkWidget *
kiosk_qr_code_new (const char *text)
{
  return g_object_new (KIOSK_TYPE_QR_CODE, "text", text, NULL);
}

const char *
kiosk_qr_code_get_text (KioskQrCode *self)
{
  g_return_val_if_fail (KIOSK_IS_QR_CODE (self), NULL);

  return self->text;
}

void
kiosk_qr_code_set_text (KioskQrCode *self,
                        const char  *text)
{
  g_return_if_fail (KIOSK_IS_QR_CODE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  encode (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

guint
kiosk_qr_code_get_modules (KioskQrCode *self)
{
  g_return_val_if_fail (KIOSK_IS_QR_CODE (self), 0);

  return self->width;
}

gboolean
kiosk_qr_code_is_dark (KioskQrCode *self,
                       guint        x,
                       guint        y)
{
  g_return_val_if_fail (KIOSK_IS_QR_CODE (self), FALSE);

  if (x >= self->width || y >= self->width)
    return FALSE;

  return self->modules[y * self->width + x] != 0;
}

/* kiosk-place.c: a place on the map (library, stop, toilet, ...) */

#define G_LOG_DOMAIN "kiosk-place"

#include "config.h"

#include <math.h>

#include "kiosk-place.h"

struct _KioskPlace
{
  GObject  parent_instance;

  /* owned */
  char    *id;
  char    *name;
  char    *category;
  char    *description;
  double   latitude;
  double   longitude;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CATEGORY,
  PROP_DESCRIPTION,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (KioskPlace, kiosk_place, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
kiosk_place_finalize (GObject *object)
{
  KioskPlace *self = (KioskPlace *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (kiosk_place_parent_class)->finalize (object);
}

static void
kiosk_place_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KioskPlace *self = KIOSK_PLACE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_LATITUDE:
      g_value_set_double (value, self->latitude);
      break;

    case PROP_LONGITUDE:
      g_value_set_double (value, self->longitude);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_place_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KioskPlace *self = KIOSK_PLACE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_CATEGORY:
      kiosk_place_set_category (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      kiosk_place_set_description (self, g_value_get_string (value));
      break;

    case PROP_LATITUDE:
      self->latitude = g_value_get_double (value);
      break;

    case PROP_LONGITUDE:
      self->longitude = g_value_get_double (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_place_class_init (KioskPlaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_place_finalize;
  object_class->get_property = kiosk_place_get_property;
  object_class->set_property = kiosk_place_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LATITUDE] =
    g_param_spec_double ("latitude", NULL, NULL, -90.0, 90.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LONGITUDE] =
    g_param_spec_double ("longitude", NULL, NULL, -180.0, 180.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_place_init (KioskPlace *self)
{
}

KioskPlace *
kiosk_place_new (const char *id,
                 const char *name,
                 double      latitude,
                 double      longitude)
{
  g_return_val_if_fail (isfinite (latitude) && isfinite (longitude), NULL);

  return g_object_new (KIOSK_TYPE_PLACE,
                       "id", id,
                       "name", name,
                       "latitude", latitude,
                       "longitude", longitude,
                       NULL);
}

const char *
kiosk_place_get_id (KioskPlace *self)
{
  g_return_val_if_fail (KIOSK_IS_PLACE (self), NULL);

  return self->id;
}

const char *
kiosk_place_get_name (KioskPlace *self)
{
  g_return_val_if_fail (KIOSK_IS_PLACE (self), NULL);

  return self->name;
}

const char *
kiosk_place_get_category (KioskPlace *self)
{
  g_return_val_if_fail (KIOSK_IS_PLACE (self), NULL);

  return self->category;
}

void
kiosk_place_set_category (KioskPlace *self,
                          const char *category)
{
  g_return_if_fail (KIOSK_IS_PLACE (self));

  if (set_string (&self->category, category))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

const char *
kiosk_place_get_description (KioskPlace *self)
{
  g_return_val_if_fail (KIOSK_IS_PLACE (self), NULL);

  return self->description;
}

void
kiosk_place_set_description (KioskPlace *self,
                             const char *description)
{
  g_return_if_fail (KIOSK_IS_PLACE (self));

  if (set_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

double
kiosk_place_get_latitude (KioskPlace *self)
{
  g_return_val_if_fail (KIOSK_IS_PLACE (self), 0.0);

  return self->latitude;
}

double
kiosk_place_get_longitude (KioskPlace *self)
{
  g_return_val_if_fail (KIOSK_IS_PLACE (self), 0.0);

  return self->longitude;
}

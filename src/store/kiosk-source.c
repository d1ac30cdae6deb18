/* kiosk-source.c: one city data source: fetch, cache, parse, a list model */

#define G_LOG_DOMAIN "kiosk-source"

#include "config.h"

#include "kiosk-source.h"

struct _KioskSource
{
  GObject            parent_instance;

  /* owned */
  KioskSourceConfig *config;
  GListStore        *items;
  GDateTime         *last_success;
  GDateTime         *last_attempt;
  char              *last_error;
  GPtrArray         *warnings;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_N_ITEMS,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_STALE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (KioskSource, kiosk_source, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
kiosk_source_finalize (GObject *object)
{
  KioskSource *self = (KioskSource *)object;

  g_clear_pointer (&self->config, kiosk_source_config_free);
  g_clear_object (&self->items);
  g_clear_pointer (&self->last_success, g_date_time_unref);
  g_clear_pointer (&self->last_attempt, g_date_time_unref);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_source_parent_class)->finalize (object);
}

static void
kiosk_source_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KioskSource *self = KIOSK_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->config->id);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->config->kind);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, kiosk_source_get_n_items (self));
      break;

    case PROP_LAST_SUCCESS:
      g_value_set_boxed (value, self->last_success);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_STALE:
      g_value_set_boolean (value, kiosk_source_get_stale (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_source_class_init (KioskSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_source_finalize;
  object_class->get_property = kiosk_source_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_boxed ("last-success", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_source_init (KioskSource *self)
{
  self->warnings = g_ptr_array_new_with_free_func (g_free);
}

KioskSource *
kiosk_source_new (const KioskSourceConfig *config)
{
  const KioskFormat *format;
  KioskSource *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_SOURCE, NULL);
  self->config = kiosk_source_config_copy (config);
  format = kiosk_format_lookup (config->kind);
  self->items = g_list_store_new (format != NULL && format->get_item_type != NULL
                                  ? format->get_item_type ()
                                  : G_TYPE_OBJECT);

  return self;
}

const KioskSourceConfig *
kiosk_source_get_config (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->config;
}

const char *
kiosk_source_get_id (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->config->id;
}

const char *
kiosk_source_get_kind (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->config->kind;
}

KioskArea
kiosk_source_get_area (KioskSource *self)
{
  const KioskFormat *format;

  g_return_val_if_fail (KIOSK_IS_SOURCE (self), KIOSK_AREA_NONE);

  format = kiosk_format_lookup (self->config->kind);
  return format != NULL ? format->area : KIOSK_AREA_NONE;
}

GListModel *
kiosk_source_get_model (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return G_LIST_MODEL (self->items);
}

guint
kiosk_source_get_n_items (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

GDateTime *
kiosk_source_get_last_success (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->last_success;
}

GDateTime *
kiosk_source_get_last_attempt (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->last_attempt;
}

const char *
kiosk_source_get_last_error (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->last_error;
}

gboolean
kiosk_source_get_stale (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), FALSE);

  return self->last_error != NULL;
}

GPtrArray *
kiosk_source_get_warnings (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->warnings;
}

void
kiosk_source_set_items (KioskSource *self,
                        GPtrArray   *items)
{
  g_autoptr(GDateTime) now = NULL;
  guint old_n;

  g_return_if_fail (KIOSK_IS_SOURCE (self));
  g_return_if_fail (items != NULL);

  old_n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_list_store_splice (self->items, 0, old_n, items->pdata, items->len);

  now = g_date_time_new_now_utc ();
  g_clear_pointer (&self->last_success, g_date_time_unref);
  self->last_success = g_date_time_ref (now);
  g_clear_pointer (&self->last_attempt, g_date_time_unref);
  self->last_attempt = g_steal_pointer (&now);
  g_clear_pointer (&self->last_error, g_free);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

void
kiosk_source_set_error (KioskSource  *self,
                        const GError *error)
{
  g_return_if_fail (KIOSK_IS_SOURCE (self));
  g_return_if_fail (error != NULL);

  g_clear_pointer (&self->last_attempt, g_date_time_unref);
  self->last_attempt = g_date_time_new_now_utc ();
  g_free (self->last_error);
  self->last_error = g_strdup (error->message);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

/* kiosk-localized.c: a text in several languages, resolved when it is shown */

#define G_LOG_DOMAIN "kiosk-localized"

#include "config.h"

#include "kiosk-i18n.h"
#include "kiosk-localized.h"

struct _KioskLocalized
{
  gatomicrefcount  ref_count;
  GHashTable      *texts;   /* language ("default", "de", ...) -> text */
};

G_DEFINE_BOXED_TYPE (KioskLocalized, kiosk_localized, kiosk_localized_ref, kiosk_localized_unref)

static KioskLocalized *
localized_alloc (void)
{
  KioskLocalized *self = g_new0 (KioskLocalized, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

KioskLocalized *
kiosk_localized_new (const char *text)
{
  KioskLocalized *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = localized_alloc ();
  g_hash_table_insert (self->texts, g_strdup ("default"), g_strdup (text));

  return self;
}

KioskLocalized *
kiosk_localized_new_from_json (JsonNode *node)
{
  g_autoptr(KioskLocalized) self = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      return text != NULL && *text != '\0' ? kiosk_localized_new (text) : NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  self = localized_alloc ();
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &member, &value))
    {
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        continue;
      text = json_node_get_string (value);
      if (text == NULL || *text == '\0')
        continue;
      g_hash_table_replace (self->texts, g_strdup (member), g_strdup (text));
    }

  if (g_hash_table_size (self->texts) == 0)
    return NULL;

  return g_steal_pointer (&self);
}

KioskLocalized *
kiosk_localized_ref (KioskLocalized *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
kiosk_localized_unref (KioskLocalized *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_hash_table_unref (self->texts);
      g_free (self);
    }
}

const char *
kiosk_localized_get_for (const KioskLocalized *self,
                         const char           *language)
{
  static const char * const fallbacks[] = { "default", "en", "de" };
  const char *text = NULL;
  const char *best_key = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (self == NULL)
    return NULL;

  if (language != NULL)
    text = g_hash_table_lookup (self->texts, language);

  for (guint i = 0; text == NULL && i < G_N_ELEMENTS (fallbacks); i++)
    text = g_hash_table_lookup (self->texts, fallbacks[i]);

  if (text != NULL)
    return text;

  /* Some language nobody asked for still beats an empty screen; take the
   * smallest key so the choice does not depend on hash order. */
  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (text == NULL || g_strcmp0 (key, best_key) < 0)
        {
          best_key = key;
          text = value;
        }
    }

  return text;
}

const char *
kiosk_localized_get (const KioskLocalized *self)
{
  return kiosk_localized_get_for (self, kiosk_i18n_get_language ());
}

/* kiosk-source-config.c: one configured data source (kind, URL, headers) */

#define G_LOG_DOMAIN "kiosk-source-config"

#include "config.h"

#include "kiosk-source-config.h"

G_DEFINE_BOXED_TYPE (KioskSourceConfig, kiosk_source_config,
                     kiosk_source_config_copy, kiosk_source_config_free)

KioskSourceConfig *
kiosk_source_config_new (const char *id,
                         const char *kind,
                         const char *url)
{
  KioskSourceConfig *config = g_new0 (KioskSourceConfig, 1);

  config->id = g_strdup (id);
  config->kind = g_strdup (kind);
  config->url = g_strdup (url);
  config->refresh_interval = KIOSK_SOURCE_DEFAULT_REFRESH;
  config->headers = g_new0 (char *, 1);
  config->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return config;
}

KioskSourceConfig *
kiosk_source_config_copy (const KioskSourceConfig *config)
{
  KioskSourceConfig *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (config != NULL, NULL);

  copy = kiosk_source_config_new (config->id, config->kind, config->url);
  copy->refresh_interval = config->refresh_interval;
  g_strfreev (copy->headers);
  copy->headers = g_strdupv (config->headers);
  g_hash_table_iter_init (&iter, config->options);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->options, g_strdup (key), g_strdup (value));

  return copy;
}

void
kiosk_source_config_free (KioskSourceConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->id);
  g_free (config->kind);
  g_free (config->url);
  g_strfreev (config->headers);
  g_clear_pointer (&config->options, g_hash_table_unref);
  g_free (config);
}

/* Whether two configurations describe the same source, option order aside. */
gboolean
kiosk_source_config_equal (const KioskSourceConfig *a,
                           const KioskSourceConfig *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->kind, b->kind) != 0 ||
      g_strcmp0 (a->url, b->url) != 0 || a->refresh_interval != b->refresh_interval ||
      !g_strv_equal ((const char * const *) a->headers, (const char * const *) b->headers) ||
      g_hash_table_size (a->options) != g_hash_table_size (b->options))
    return FALSE;

  g_hash_table_iter_init (&iter, a->options);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_strcmp0 (value, g_hash_table_lookup (b->options, key)) != 0)
        return FALSE;
    }

  return TRUE;
}

GVariant *
kiosk_source_config_to_variant (const KioskSourceConfig *config)
{
  GVariantBuilder options;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (config != NULL, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, config->options);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_variant_builder_add (&options, "{ss}", key, value);

  return g_variant_new ("(sssu^asa{ss})",
                        config->id,
                        config->kind,
                        config->url,
                        config->refresh_interval,
                        config->headers,
                        &options);
}

KioskSourceConfig *
kiosk_source_config_new_from_variant (GVariant *variant)
{
  KioskSourceConfig *config;
  const char *id, *kind, *url;
  g_autoptr(GVariantIter) options = NULL;
  g_auto(GStrv) headers = NULL;
  const char *key, *value;
  guint refresh;

  g_return_val_if_fail (variant != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (variant,
                                              G_VARIANT_TYPE (KIOSK_SOURCE_CONFIG_VARIANT_TYPE)),
                        NULL);

  g_variant_get (variant, "(&s&s&su^asa{ss})", &id, &kind, &url, &refresh, &headers, &options);
  config = kiosk_source_config_new (id, kind, url);
  config->refresh_interval = refresh;
  g_strfreev (config->headers);
  config->headers = g_steal_pointer (&headers);
  while (g_variant_iter_next (options, "{&s&s}", &key, &value))
    g_hash_table_insert (config->options, g_strdup (key), g_strdup (value));

  return config;
}

/* kiosk-source-config.h: one configured data source (kind, URL, headers) */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_SOURCE_CONFIG (kiosk_source_config_get_type ())

typedef struct
{
  char       *id;
  char       *kind;
  char       *url;
  guint       refresh_interval;  /* seconds */
  char      **headers;           /* "Name: value", NULL-terminated */
  GHashTable *options;           /* char* -> char* */
} KioskSourceConfig;

GType              kiosk_source_config_get_type  (void) G_GNUC_CONST;
KioskSourceConfig *kiosk_source_config_new       (const char              *id,
                                                  const char              *kind,
                                                  const char              *url);
KioskSourceConfig *kiosk_source_config_copy      (const KioskSourceConfig *config);
void               kiosk_source_config_free      (KioskSourceConfig       *config);
gboolean           kiosk_source_config_equal     (const KioskSourceConfig *a,
                                                  const KioskSourceConfig *b);
GVariant          *kiosk_source_config_to_variant   (const KioskSourceConfig *config);
KioskSourceConfig *kiosk_source_config_new_from_variant (GVariant         *variant);

#define KIOSK_SOURCE_CONFIG_VARIANT_TYPE "(sssuasa{ss})"
#define KIOSK_SOURCE_DEFAULT_REFRESH 900

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskSourceConfig, kiosk_source_config_free)

G_END_DECLS

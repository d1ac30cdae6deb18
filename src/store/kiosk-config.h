/* kiosk-config.h: the kiosk's settings (GSettings) and the keyfile import */
#pragma once

#include <gio/gio.h>

#include "kiosk-source-config.h"

G_BEGIN_DECLS

#define KIOSK_CONFIG_ERROR (kiosk_config_error_quark ())

typedef enum
{
  KIOSK_CONFIG_ERROR_FAILED,
  KIOSK_CONFIG_ERROR_INVALID_VALUE,
} KioskConfigError;

#define KIOSK_TYPE_CONFIG (kiosk_config_get_type ())

G_DECLARE_FINAL_TYPE (KioskConfig, kiosk_config, KIOSK, CONFIG, GObject)

GQuark       kiosk_config_error_quark        (void);
KioskConfig *kiosk_config_new                (GSettings   *settings);
KioskConfig *kiosk_config_new_default        (void);
GSettings   *kiosk_config_get_settings       (KioskConfig *self);

const char  *kiosk_config_get_place_name     (KioskConfig *self);
double       kiosk_config_get_latitude       (KioskConfig *self);
double       kiosk_config_get_longitude      (KioskConfig *self);
double       kiosk_config_get_map_zoom       (KioskConfig *self);
gboolean     kiosk_config_get_map_bounds     (KioskConfig *self,
                                              double      *west,
                                              double      *south,
                                              double      *east,
                                              double      *north);
GTimeZone   *kiosk_config_get_time_zone      (KioskConfig *self);
guint        kiosk_config_get_idle_timeout   (KioskConfig *self);
const char  *kiosk_config_get_default_language (KioskConfig *self);
const char  *kiosk_config_get_kiosk_id       (KioskConfig *self);
/* KioskSourceConfig*, in configured order. */
GPtrArray   *kiosk_config_get_sources        (KioskConfig *self);
void         kiosk_config_set_sources        (KioskConfig *self,
                                              GPtrArray   *sources);

/* Reads a keyfile into the settings. Invalid values are reported in
 * @messages (one line each, naming the key) and the key keeps its default.
 * Returns FALSE only when the file cannot be read at all. */
gboolean     kiosk_config_import_keyfile     (KioskConfig *self,
                                              const char  *path,
                                              GPtrArray   *messages,
                                              GError     **error);

/* The configuration as the keyfile kiosk_config_import_keyfile () reads:
 * every [Kiosk] key that differs from its default (but the kiosk's id and
 * the PIN's hash) and a [Source ID] group per source, headers included
 * (write it where only staff can read it). */
char        *kiosk_config_export_keyfile     (KioskConfig *self,
                                              GError     **error);

G_END_DECLS

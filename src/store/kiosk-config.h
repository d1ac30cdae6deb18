/* kiosk-config.h: the kiosk's settings (GSettings) and the keyfile import */
#pragma once

#include <gio/gio.h>

#include "kiosk-config-file.h"
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
/* The kiosk-id setting, or (empty) an anonymous hash of the machine id. */
const char  *kiosk_config_get_kiosk_id       (KioskConfig *self);
char        *kiosk_config_kiosk_id_from_machine_id (const char *machine_id);
/* KioskSourceConfig*, in configured order. */
GPtrArray   *kiosk_config_get_sources        (KioskConfig *self);
void         kiosk_config_set_sources        (KioskConfig *self,
                                              GPtrArray   *sources);

/* TRUE when no @public_key is set or @signature (a .minisig file's text;
 * NULL: none) signs @data with it; else why not, starting with @name. */
gboolean     kiosk_config_check_signature    (const char  *public_key,
                                              GBytes      *data,
                                              GBytes      *signature,
                                              const char  *name,
                                              GError     **error);
/* Checks the signature against config-public-key and reads the file for
 * this kiosk. NULL when the signature or the file's syntax is refused. */
KioskConfigFile *kiosk_config_read_file      (KioskConfig *self,
                                              GBytes      *data,
                                              GBytes      *signature,
                                              const char  *name,
                                              GError     **error);
/* All of a valid file at once, or nothing (KIOSK_CONFIG_ERROR_INVALID_VALUE
 * naming the first problem). */
gboolean     kiosk_config_apply_file         (KioskConfig     *self,
                                              KioskConfigFile *file,
                                              GError         **error);
/* Reads PATH (and PATH.minisig), and applies it when it is valid. Every
 * problem is reported in @messages (one line each, naming the group and
 * key) and nothing is applied then. */
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

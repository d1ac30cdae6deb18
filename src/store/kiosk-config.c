/* kiosk-config.c: the kiosk's settings (GSettings) and the keyfile import */

#define G_LOG_DOMAIN "kiosk-config"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-config.h"
#include "kiosk-config-file.h"
#include "kiosk-minisign.h"

struct _KioskConfig
{
  GObject    parent_instance;

  /* owned */
  GSettings *settings;
  char      *place_name;
  char      *kiosk_id;
  char      *language;
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KioskConfig, kiosk_config, G_TYPE_OBJECT)
G_DEFINE_QUARK (kiosk-config-error-quark, kiosk_config_error)

static guint signals[N_SIGNALS];

static void
kiosk_config_finalize (GObject *object)
{
  KioskConfig *self = (KioskConfig *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->place_name, g_free);
  g_clear_pointer (&self->kiosk_id, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (kiosk_config_parent_class)->finalize (object);
}

static void
kiosk_config_class_init (KioskConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_config_finalize;

  /* "changed::KEY" with the key, forwarded from GSettings: every
   * service that reads a key listens and applies a new value live. */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kiosk_config_init (KioskConfig *self)
{
}

static void
settings_changed_cb (GSettings   *settings,
                     const char  *key,
                     KioskConfig *self)
{
  /* The identifier is kept once read (a new one is written when empty):
   * a changed one is read again. */
  if (g_str_equal (key, "kiosk-id"))
    g_clear_pointer (&self->kiosk_id, g_free);

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (key), key);
}

KioskConfig *
kiosk_config_new (GSettings *settings)
{
  KioskConfig *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (KIOSK_TYPE_CONFIG, NULL);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self, 0);

  return self;
}

/* Installed builds find the schema in the system; a build tree run finds
 * the one compiled next to it, so `_build/src/ankerort` just works. */
KioskConfig *
kiosk_config_new_default (void)
{
  GSettingsSchemaSource *system = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (system != NULL)
    schema = g_settings_schema_source_lookup (system, BASE_APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) build = NULL;
      g_autoptr(GError) error = NULL;

      build = g_settings_schema_source_new_from_directory (BUILD_SCHEMADIR, system, FALSE, &error);
      if (build == NULL)
        g_error ("The settings schema %s is not installed and %s has none: %s",
                 BASE_APPLICATION_ID, BUILD_SCHEMADIR, error->message);
      schema = g_settings_schema_source_lookup (build, BASE_APPLICATION_ID, FALSE);
      if (schema == NULL)
        g_error ("The settings schema %s is not installed", BASE_APPLICATION_ID);
    }

  settings = g_settings_new_full (schema, NULL, NULL);

  return kiosk_config_new (settings);
}

GSettings *
kiosk_config_get_settings (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  return self->settings;
}

const char *
kiosk_config_get_place_name (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  g_free (self->place_name);
  self->place_name = g_settings_get_string (self->settings, "place-name");
  if (self->place_name[0] == '\0')
    {
      g_free (self->place_name);
      self->place_name = g_strdup ("Ankerort");
    }

  return self->place_name;
}

double
kiosk_config_get_latitude (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), 0);

  return g_settings_get_double (self->settings, "latitude");
}

double
kiosk_config_get_longitude (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), 0);

  return g_settings_get_double (self->settings, "longitude");
}

double
kiosk_config_get_map_zoom (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), 15);

  return g_settings_get_double (self->settings, "map-zoom");
}

gboolean
kiosk_config_get_map_bounds (KioskConfig *self,
                             double      *west,
                             double      *south,
                             double      *east,
                             double      *north)
{
  double w, s, e, n;

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), FALSE);

  g_settings_get (self->settings, "map-bounds", "(dddd)", &w, &s, &e, &n);
  if (west)
    *west = w;
  if (south)
    *south = s;
  if (east)
    *east = e;
  if (north)
    *north = n;

  return w < e && s < n;
}

GTimeZone *
kiosk_config_get_time_zone (KioskConfig *self)
{
  g_autofree char *id = NULL;
  GTimeZone *tz;

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  id = g_settings_get_string (self->settings, "time-zone");
  tz = g_time_zone_new_identifier (id);
  if (tz == NULL)
    {
      g_warning ("Setting time-zone: unknown zone “%s”, using Europe/Berlin", id);
      tz = g_time_zone_new_identifier ("Europe/Berlin");
    }
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  return tz;
}

guint
kiosk_config_get_idle_timeout (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), 90);

  return g_settings_get_uint (self->settings, "idle-timeout");
}

const char *
kiosk_config_get_default_language (KioskConfig *self)
{
  g_return_val_if_fail (KIOSK_IS_CONFIG (self), "de");

  g_free (self->language);
  self->language = g_settings_get_string (self->settings, "default-language");

  return self->language;
}

char *
kiosk_config_kiosk_id_from_machine_id (const char *machine_id)
{
  g_autofree char *digest = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (machine_id != NULL, NULL);

  stripped = g_strstrip (g_strdup (machine_id));
  if (*stripped == '\0')
    return NULL;

  /* Keyed with the application's id, as machine-id(5) asks: the id names
   * the display to its city and cannot be traced back to the machine. */
  digest = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) BASE_APPLICATION_ID,
                                      strlen (BASE_APPLICATION_ID), stripped, -1);

  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s",
                          digest, digest + 8, digest + 12, digest + 16, digest + 20);
}

static char *
machine_kiosk_id (void)
{
  static const char * const paths[] = { "/etc/machine-id", "/var/lib/dbus/machine-id" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *contents = NULL;

      if (g_file_get_contents (paths[i], &contents, NULL, NULL))
        {
          char *id = kiosk_config_kiosk_id_from_machine_id (contents);

          if (id != NULL)
            return id;
        }
    }

  return NULL;
}

const char *
kiosk_config_get_kiosk_id (KioskConfig *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  if (self->kiosk_id != NULL)
    return self->kiosk_id;

  /* Empty: derived from the machine, the same after every reinstall;
   * a machine without an id gets a random one, kept in the setting. */
  id = g_settings_get_string (self->settings, "kiosk-id");
  if (id[0] == '\0')
    {
      g_free (id);
      id = machine_kiosk_id ();
    }
  if (id == NULL)
    {
      id = g_uuid_string_random ();
      g_settings_set_string (self->settings, "kiosk-id", id);
    }

  /* A handler of the write's "changed" may have read it already. */
  if (self->kiosk_id == NULL)
    self->kiosk_id = g_steal_pointer (&id);

  return self->kiosk_id;
}

GPtrArray *
kiosk_config_get_sources (KioskConfig *self)
{
  g_autoptr(GVariant) value = NULL;
  GPtrArray *sources;
  GVariantIter iter;
  GVariant *child;

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  value = g_settings_get_value (self->settings, "sources");
  g_variant_iter_init (&iter, value);
  while ((child = g_variant_iter_next_value (&iter)))
    {
      g_ptr_array_add (sources, kiosk_source_config_new_from_variant (child));
      g_variant_unref (child);
    }

  return sources;
}

static GVariant *
sources_to_variant (GPtrArray *sources)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a" KIOSK_SOURCE_CONFIG_VARIANT_TYPE));
  for (guint i = 0; i < sources->len; i++)
    g_variant_builder_add_value (&builder, kiosk_source_config_to_variant (sources->pdata[i]));

  return g_variant_builder_end (&builder);
}

void
kiosk_config_set_sources (KioskConfig *self,
                          GPtrArray   *sources)
{
  g_return_if_fail (KIOSK_IS_CONFIG (self));
  g_return_if_fail (sources != NULL);

  g_settings_set_value (self->settings, "sources", sources_to_variant (sources));
}

/* Keyfile import */

gboolean
kiosk_config_check_signature (const char  *public_key,
                              GBytes      *data,
                              GBytes      *signature,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(KioskMinisignKey) key = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (public_key == NULL || *public_key == '\0')
    return TRUE;

  key = kiosk_minisign_key_new (public_key, &local_error);
  if (key == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("%s: config-public-key: %s"), name, local_error->message);
      return FALSE;
    }
  if (signature == NULL)
    {
      g_set_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_UNSIGNED,
                   _("%s: refused: no signature (%s.minisig), and the kiosk only takes files signed with the key %s"),
                   name, name, kiosk_minisign_key_get_id (key));
      return FALSE;
    }
  if (!kiosk_minisign_verify (key, data, signature, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("%s: refused: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

KioskConfigFile *
kiosk_config_read_file (KioskConfig  *self,
                        GBytes       *data,
                        GBytes       *signature,
                        const char   *name,
                        GError      **error)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *public_key = NULL;
  gconstpointer bytes;
  gsize length;

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  public_key = g_settings_get_string (self->settings, "config-public-key");
  if (!kiosk_config_check_signature (public_key, data, signature, name, error))
    return NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  bytes = g_bytes_get_data (data, &length);

  return kiosk_config_file_parse (bytes != NULL ? bytes : "", length, name, schema,
                                  kiosk_config_get_kiosk_id (self), error);
}

/* The same file fetched again changes nothing: no key is announced as
 * changed, no source is read again. */
static void
set_if_changed (GSettings  *settings,
                const char *key,
                GVariant   *value)
{
  g_autoptr(GVariant) current = g_settings_get_value (settings, key);
  g_autoptr(GVariant) sunk = g_variant_ref_sink (value);

  if (!g_variant_equal (current, sunk))
    g_settings_set_value (settings, key, sunk);
}

gboolean
kiosk_config_apply_file (KioskConfig      *self,
                         KioskConfigFile  *file,
                         GError          **error)
{
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) writer = NULL;
  g_autofree char *path = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  if (!kiosk_config_file_is_valid (file))
    {
      g_autofree char *first = kiosk_config_problem_to_string (file->problems->pdata[0], NULL);

      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: refused, nothing applied: %s",
                                "%s: refused, nothing applied: %s (and %u more problems)",
                                file->problems->len),
                   file->name, first, file->problems->len - 1);
      return FALSE;
    }

  /* All keys in one change, written through a second GSettings: a
   * delayed GSettings announces each key to its own listeners as it is
   * set, so nobody would see half a file only if nobody listened. */
  g_object_get (self->settings,
                "backend", &backend,
                "path", &path,
                "settings-schema", &schema,
                NULL);
  writer = g_settings_new_full (schema, backend, path);
  g_settings_delay (writer);
  g_hash_table_iter_init (&iter, file->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    set_if_changed (writer, key, value);
  /* A file without sources configures the place only and keeps the sources. */
  if (file->sources != NULL)
    set_if_changed (writer, "sources", sources_to_variant (file->sources));
  g_settings_apply (writer);

  return TRUE;
}

gboolean
kiosk_config_import_keyfile (KioskConfig *self,
                             const char  *path,
                             GPtrArray   *messages,
                             GError     **error)
{
  g_autoptr(KioskConfigFile) file = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sig_path = NULL;
  g_autofree char *sig_contents = NULL;
  gsize length, sig_length;

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_FAILED,
                   _("%s: cannot read the configuration: %s"), path, local_error->message);
      return FALSE;
    }
  data = g_bytes_new_take (g_steal_pointer (&contents), length);

  sig_path = g_strconcat (path, ".minisig", NULL);
  if (g_file_get_contents (sig_path, &sig_contents, &sig_length, NULL))
    signature = g_bytes_new_take (g_steal_pointer (&sig_contents), sig_length);

  file = kiosk_config_read_file (self, data, signature, path, &local_error);
  if (file == NULL)
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_FAILED,
                   "%s", local_error->message);
      return FALSE;
    }

  for (guint i = 0; i < file->problems->len; i++)
    {
      char *line = kiosk_config_problem_to_string (file->problems->pdata[i], path);

      g_warning ("%s", line);
      if (messages != NULL)
        g_ptr_array_add (messages, line);
      else
        g_free (line);
    }

  return kiosk_config_apply_file (self, file, error);
}

/* Keyfile export */

/* The text parse_value () reads back as @value; NULL for what a keyfile
 * line cannot carry. */
static char *
format_value (GVariant *value)
{
  char buf[4][G_ASCII_DTOSTR_BUF_SIZE];

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      const char *text = g_variant_get_string (value, NULL);

      /* The import reads the raw line and strips it. */
      if (strpbrk (text, "\n\r") != NULL || g_ascii_isspace (text[0]) ||
          (text[0] != '\0' && g_ascii_isspace (text[strlen (text) - 1])))
        return NULL;
      return g_strdup (text);
    }
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return g_strdup (g_ascii_dtostr (buf[0], sizeof buf[0], g_variant_get_double (value)));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return g_strdup_printf ("%u", g_variant_get_uint32 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "true" : "false");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **items = g_variant_get_strv (value, NULL);

      for (guint i = 0; items[i] != NULL; i++)
        {
          if (strpbrk (items[i], ";\n\r") != NULL)
            return NULL;
        }
      return g_strjoinv (";", (char **) items);
    }
  if (g_variant_is_of_type (value, G_VARIANT_TYPE ("(dddd)")))
    {
      double v[4];

      g_variant_get (value, "(dddd)", &v[0], &v[1], &v[2], &v[3]);
      return g_strdup_printf ("%s;%s;%s;%s",
                              g_ascii_dtostr (buf[0], sizeof buf[0], v[0]),
                              g_ascii_dtostr (buf[1], sizeof buf[1], v[1]),
                              g_ascii_dtostr (buf[2], sizeof buf[2], v[2]),
                              g_ascii_dtostr (buf[3], sizeof buf[3], v[3]));
    }

  return NULL;
}

char *
kiosk_config_export_keyfile (KioskConfig  *self,
                             GError      **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_auto(GStrv) keys = NULL;

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  g_key_file_set_comment (keyfile, NULL, NULL,
                          " Ankerort configuration, exported from the kiosk's settings.\n"
                          " Read it with: ankerort --config FILE", NULL);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
      g_autoptr(GVariant) value = g_settings_get_value (self->settings, keys[i]);
      g_autoptr(GVariant) def = g_settings_schema_key_get_default_value (key);
      g_autofree char *text = NULL;

      /* One kiosk's identity and its PIN's hash (a short PIN's hash is
       * quickly guessed offline) never travel in a file meant for many. */
      if (g_str_equal (keys[i], "sources") || g_str_equal (keys[i], "kiosk-id") ||
          g_str_equal (keys[i], "staff-pin-hash") || g_variant_equal (value, def))
        continue;

      text = format_value (value);
      if (text == NULL)
        {
          g_warning ("Setting %s cannot be written as a keyfile line; not exported", keys[i]);
          continue;
        }
      g_key_file_set_value (keyfile, KIOSK_GROUP, keys[i], text);
    }

  sources = kiosk_config_get_sources (self);
  for (guint i = 0; i < sources->len; i++)
    {
      const KioskSourceConfig *config = g_ptr_array_index (sources, i);
      g_autofree char *group = g_strconcat (SOURCE_GROUP_PREFIX, config->id, NULL);
      GHashTableIter iter;
      gpointer name, value;

      if (strpbrk (config->id, "[]\n\r") != NULL)
        {
          g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE,
                       _("Source “%s”: its name cannot be a keyfile group"), config->id);
          return NULL;
        }
      g_key_file_set_string (keyfile, group, "kind", config->kind);
      g_key_file_set_string (keyfile, group, "url", config->url);
      g_key_file_set_integer (keyfile, group, "refresh", (int) config->refresh_interval);
      if (config->headers != NULL && config->headers[0] != NULL)
        g_key_file_set_string_list (keyfile, group, "headers",
                                    (const char * const *) config->headers,
                                    g_strv_length (config->headers));
      g_hash_table_iter_init (&iter, config->options);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          g_autofree char *option = g_strconcat (OPTION_PREFIX, name, NULL);

          g_key_file_set_string (keyfile, group, option, value);
        }
    }

  return g_key_file_to_data (keyfile, NULL, error);
}

/* kiosk-config.c: the kiosk's settings (GSettings) and the keyfile import */

#define G_LOG_DOMAIN "kiosk-config"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kiosk-config.h"
#include "kiosk-format.h"
#include "kiosk-redact.h"

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

#define KIOSK_GROUP "Kiosk"
#define SOURCE_GROUP_PREFIX "Source "
#define OPTION_PREFIX "option-"

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

const char *
kiosk_config_get_kiosk_id (KioskConfig *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), NULL);

  if (self->kiosk_id != NULL)
    return self->kiosk_id;

  id = g_settings_get_string (self->settings, "kiosk-id");
  if (id[0] == '\0')
    {
      g_free (id);
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

void
kiosk_config_set_sources (KioskConfig *self,
                          GPtrArray   *sources)
{
  GVariantBuilder builder;

  g_return_if_fail (KIOSK_IS_CONFIG (self));
  g_return_if_fail (sources != NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a" KIOSK_SOURCE_CONFIG_VARIANT_TYPE));
  for (guint i = 0; i < sources->len; i++)
    g_variant_builder_add_value (&builder, kiosk_source_config_to_variant (sources->pdata[i]));

  g_settings_set_value (self->settings, "sources", g_variant_builder_end (&builder));
}

/* Keyfile import */

static void
add_message (GPtrArray  *messages,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_message (GPtrArray  *messages,
             const char *format,
             ...)
{
  va_list args;
  char *line;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  g_warning ("%s", line);
  if (messages != NULL)
    g_ptr_array_add (messages, line);
  else
    g_free (line);
}

static char *
describe_range (GSettingsSchemaKey *key)
{
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autoptr(GVariant) detail = NULL;
  const char *type;

  g_variant_get (range, "(&sv)", &type, &detail);
  if (g_strcmp0 (type, "range") == 0)
    {
      g_autoptr(GVariant) min = g_variant_get_child_value (detail, 0);
      g_autoptr(GVariant) max = g_variant_get_child_value (detail, 1);
      g_autofree char *min_s = g_variant_print (min, FALSE);
      g_autofree char *max_s = g_variant_print (max, FALSE);

      return g_strdup_printf ("a number from %s to %s", min_s, max_s);
    }
  if (g_strcmp0 (type, "enum") == 0)
    {
      g_autofree char *choices = g_variant_print (detail, FALSE);

      return g_strdup_printf ("one of %s", choices);
    }

  return g_strdup (g_variant_type_peek_string (g_settings_schema_key_get_value_type (key)));
}

static GVariant *
parse_value (GSettingsSchemaKey *key,
             const char         *text)
{
  const GVariantType *type = g_settings_schema_key_get_value_type (key);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    return g_variant_new_string (stripped);

  if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    {
      double d = g_ascii_strtod (stripped, &end);

      if (*stripped == '\0' || *end != '\0' || !isfinite (d))
        return NULL;
      return g_variant_new_double (d);
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32))
    {
      guint64 u;

      if (!g_ascii_string_to_unsigned (stripped, 10, 0, G_MAXUINT32, &u, NULL))
        return NULL;
      return g_variant_new_uint32 ((guint32) u);
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    {
      if (g_ascii_strcasecmp (stripped, "true") == 0 || g_str_equal (stripped, "1"))
        return g_variant_new_boolean (TRUE);
      if (g_ascii_strcasecmp (stripped, "false") == 0 || g_str_equal (stripped, "0"))
        return g_variant_new_boolean (FALSE);
      return NULL;
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_auto(GStrv) parts = g_strsplit (stripped, ";", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) items = NULL;

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (*g_strstrip (parts[i]) != '\0')
            g_strv_builder_add (builder, parts[i]);
        }
      items = g_strv_builder_end (builder);
      return g_variant_new_strv ((const char * const *) items, -1);
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE ("(dddd)")))
    {
      g_auto(GStrv) parts = g_strsplit (stripped, ";", -1);
      double v[4];

      if (g_strv_length (parts) != 4)
        return NULL;
      for (guint i = 0; i < 4; i++)
        {
          g_strstrip (parts[i]);
          v[i] = g_ascii_strtod (parts[i], &end);
          if (*parts[i] == '\0' || *end != '\0' || !isfinite (v[i]))
            return NULL;
        }
      if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] >= v[2] || v[1] >= v[3])
        return NULL;
      return g_variant_new ("(dddd)", v[0], v[1], v[2], v[3]);
    }

  return NULL;
}

static void
import_kiosk_group (KioskConfig *self,
                    GKeyFile    *keyfile,
                    const char  *path,
                    GPtrArray   *messages)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  keys = g_key_file_get_keys (keyfile, KIOSK_GROUP, NULL, NULL);
  if (keys == NULL)
    return;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = NULL;
      g_autoptr(GVariant) value = NULL;
      g_autofree char *text = NULL;

      if (g_strcmp0 (keys[i], "sources") == 0 || !g_settings_schema_has_key (schema, keys[i]))
        {
          add_message (messages, _("%s: [%s] %s: unknown key, ignored"),
                       path, KIOSK_GROUP, keys[i]);
          continue;
        }

      key = g_settings_schema_get_key (schema, keys[i]);
      text = g_key_file_get_value (keyfile, KIOSK_GROUP, keys[i], NULL);
      value = parse_value (key, text);
      if (value != NULL)
        g_variant_ref_sink (value);

      if (value != NULL && g_strcmp0 (keys[i], "time-zone") == 0)
        {
          g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (g_variant_get_string (value, NULL));

          if (tz == NULL)
            g_clear_pointer (&value, g_variant_unref);
        }

      if (value == NULL || !g_settings_schema_key_range_check (key, value))
        {
          g_autofree char *expected = NULL;
          g_autoptr(GVariant) def = g_settings_schema_key_get_default_value (key);
          g_autofree char *def_s = g_variant_print (def, FALSE);

          if (g_strcmp0 (keys[i], "time-zone") == 0)
            expected = g_strdup (_("a time zone such as Europe/Berlin"));
          else
            expected = describe_range (key);

          add_message (messages, _("%s: [%s] %s: “%s” is not %s; using the default %s"),
                       path, KIOSK_GROUP, keys[i], text, expected, def_s);
          g_settings_reset (self->settings, keys[i]);
          continue;
        }

      g_settings_set_value (self->settings, keys[i], value);
    }
}

static gboolean
url_is_acceptable (const char *url)
{
  const char *scheme;

  if (url == NULL || *url == '\0')
    return FALSE;
  if (g_path_is_absolute (url))
    return TRUE;

  scheme = g_uri_peek_scheme (url);
  if (scheme == NULL)
    return FALSE;

  return g_str_equal (scheme, "http") || g_str_equal (scheme, "https") ||
         g_str_equal (scheme, "file") || g_str_equal (scheme, "resource") ||
         g_str_equal (scheme, "demo");
}

static KioskSourceConfig *
import_source_group (GKeyFile   *keyfile,
                     const char *group,
                     const char *path,
                     GPtrArray  *messages)
{
  g_autoptr(KioskSourceConfig) config = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) keys = NULL;
  const char *id = group + strlen (SOURCE_GROUP_PREFIX);

  if (*id == '\0')
    {
      add_message (messages, _("%s: [%s]: a source needs a name after “Source”; skipped"),
                   path, group);
      return NULL;
    }

  kind = g_key_file_get_string (keyfile, group, "kind", NULL);
  url = g_key_file_get_string (keyfile, group, "url", NULL);
  if (kind == NULL || kiosk_format_lookup (g_strstrip (kind)) == NULL)
    {
      add_message (messages, _("%s: [%s] kind: “%s” is not a known kind; source skipped"),
                   path, group, kind ? kind : "");
      return NULL;
    }
  if (url == NULL || !url_is_acceptable (g_strstrip (url)))
    {
      g_autofree char *shown = kiosk_redact_uri (url ? url : "");

      add_message (messages,
                   _("%s: [%s] url: “%s” is not an http, https, file or resource URL; source skipped"),
                   path, group, shown);
      return NULL;
    }

  config = kiosk_source_config_new (id, kind, url);

  keys = g_key_file_get_keys (keyfile, group, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_string (keyfile, group, keys[i], NULL);

      if (g_str_equal (keys[i], "kind") || g_str_equal (keys[i], "url"))
        continue;

      if (g_str_equal (keys[i], "refresh"))
        {
          guint64 seconds;

          if (value != NULL &&
              g_ascii_string_to_unsigned (g_strstrip (value), 10, 10, 7 * 24 * 3600, &seconds, NULL))
            config->refresh_interval = (guint) seconds;
          else
            add_message (messages,
                         _("%s: [%s] refresh: “%s” is not a number of seconds from 10 to 604800; using the default %u"),
                         path, group, value ? value : "", KIOSK_SOURCE_DEFAULT_REFRESH);
        }
      else if (g_str_equal (keys[i], "headers"))
        {
          g_auto(GStrv) headers = g_key_file_get_string_list (keyfile, group, keys[i], NULL, NULL);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint j = 0; headers != NULL && headers[j] != NULL; j++)
            {
              const char *colon = strchr (headers[j], ':');

              /* Without a colon there is no name to show: it may be the key. */
              if (colon == NULL || colon == headers[j])
                {
                  add_message (messages,
                               _("%s: [%s] headers: “%s” is not “Name: value”; header skipped"),
                               path, group, "…");
                  continue;
                }
              g_strv_builder_add (builder, g_strstrip (headers[j]));
            }
          g_strfreev (config->headers);
          config->headers = g_strv_builder_end (builder);
        }
      else if (g_str_has_prefix (keys[i], OPTION_PREFIX) && keys[i][strlen (OPTION_PREFIX)] != '\0')
        {
          g_hash_table_insert (config->options,
                               g_strdup (keys[i] + strlen (OPTION_PREFIX)),
                               g_strdup (value ? value : ""));
        }
      else
        {
          add_message (messages, _("%s: [%s] %s: unknown key, ignored"), path, group, keys[i]);
        }
    }

  return g_steal_pointer (&config);
}

gboolean
kiosk_config_import_keyfile (KioskConfig *self,
                             const char  *path,
                             GPtrArray   *messages,
                             GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  gboolean has_sources = FALSE;

  g_return_val_if_fail (KIOSK_IS_CONFIG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_FAILED,
                   _("%s: cannot read the configuration: %s"), path, local_error->message);
      return FALSE;
    }

  g_settings_delay (self->settings);

  import_kiosk_group (self, keyfile, path, messages);

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (g_str_equal (groups[i], KIOSK_GROUP))
        continue;

      if (g_str_has_prefix (groups[i], SOURCE_GROUP_PREFIX))
        {
          KioskSourceConfig *config = import_source_group (keyfile, groups[i], path, messages);

          has_sources = TRUE;
          if (config != NULL)
            g_ptr_array_add (sources, config);
        }
      else
        {
          add_message (messages, _("%s: [%s]: unknown group, ignored"), path, groups[i]);
        }
    }

  /* A file without sources configures the place only and keeps the sources. */
  if (has_sources)
    kiosk_config_set_sources (self, sources);

  g_settings_apply (self->settings);

  return TRUE;
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

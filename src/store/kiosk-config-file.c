/* kiosk-config-file.c: a configuration keyfile read and checked for one kiosk */

#define G_LOG_DOMAIN "kiosk-config"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kiosk-config-file.h"
#include "kiosk-format.h"
#include "kiosk-minisign.h"
#include "kiosk-redact.h"

#define KIOSK_GROUP_PREFIX "Kiosk "
#define KIOSK_SEPARATOR '@'

/* Problems are collected once each, however many kiosks' views of the
 * file show them. */
typedef struct
{
  GKeyFile        *keyfile;
  GSettingsSchema *schema;
  GPtrArray       *problems;
  GHashTable      *seen;
} Checker;

void
kiosk_config_problem_free (KioskConfigProblem *problem)
{
  g_free (problem->group);
  g_free (problem->key);
  g_free (problem->message);
  g_free (problem);
}

char *
kiosk_config_problem_to_string (const KioskConfigProblem *problem,
                                const char               *name)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_return_val_if_fail (problem != NULL, NULL);

  if (name != NULL)
    g_string_append_printf (line, "%s: ", name);
  if (problem->group != NULL)
    g_string_append_printf (line, "[%s]", problem->group);
  if (problem->key != NULL)
    g_string_append_printf (line, "%s%s", problem->group != NULL ? " " : "", problem->key);
  if (problem->group != NULL || problem->key != NULL)
    g_string_append (line, ": ");
  g_string_append (line, problem->message);

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
add_problem (Checker    *checker,
             const char *group,
             const char *key,
             const char *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (Checker    *checker,
             const char *group,
             const char *key,
             const char *format,
             ...)
{
  KioskConfigProblem *problem;
  g_autofree char *message = NULL;
  char *id;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  id = g_strjoin ("\n", group ? group : "", key ? key : "", message, NULL);
  if (!g_hash_table_add (checker->seen, id))
    return;

  problem = g_new0 (KioskConfigProblem, 1);
  problem->group = g_strdup (group);
  problem->key = g_strdup (key);
  problem->message = g_steal_pointer (&message);
  g_ptr_array_add (checker->problems, problem);
}

static char *
describe_range (GSettingsSchemaKey *key)
{
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autoptr(GVariant) detail = NULL;
  const GVariantType *type = g_settings_schema_key_get_value_type (key);
  const char *kind;

  g_variant_get (range, "(&sv)", &kind, &detail);
  if (g_strcmp0 (kind, "range") == 0)
    {
      g_autoptr(GVariant) min = g_variant_get_child_value (detail, 0);
      g_autoptr(GVariant) max = g_variant_get_child_value (detail, 1);
      g_autofree char *min_s = g_variant_print (min, FALSE);
      g_autofree char *max_s = g_variant_print (max, FALSE);

      return g_strdup_printf (_("a number from %s to %s"), min_s, max_s);
    }
  if (g_strcmp0 (kind, "enum") == 0)
    {
      g_autofree char *choices = g_variant_print (detail, FALSE);

      return g_strdup_printf (_("one of %s"), choices);
    }
  if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (_("true or false"));
  if (g_variant_type_equal (type, G_VARIANT_TYPE ("(dddd)")))
    return g_strdup (_("west;south;east;north in degrees"));
  if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32) ||
      g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    return g_strdup (_("a number"));

  return g_strdup (g_variant_type_peek_string (type));
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;

  *out = g_ascii_strtod (text, &end);

  return *text != '\0' && *end == '\0' && isfinite (*out);
}

static GVariant *
parse_value (GKeyFile           *keyfile,
             const char         *group,
             const char         *name,
             GSettingsSchemaKey *key,
             const char         *text)
{
  const GVariantType *type = g_settings_schema_key_get_value_type (key);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    {
      g_autofree char *value = g_key_file_get_string (keyfile, group, name, NULL);

      return value != NULL ? g_variant_new_string (g_strstrip (value)) : NULL;
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    {
      double d;

      return parse_double (stripped, &d) ? g_variant_new_double (d) : NULL;
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
      if (g_ascii_strcasecmp (stripped, "true") == 0)
        return g_variant_new_boolean (TRUE);
      if (g_ascii_strcasecmp (stripped, "false") == 0)
        return g_variant_new_boolean (FALSE);
      return NULL;
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_auto(GStrv) list = g_key_file_get_string_list (keyfile, group, name, NULL, NULL);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) items = NULL;

      for (guint i = 0; list != NULL && list[i] != NULL; i++)
        {
          if (*g_strstrip (list[i]) != '\0')
            g_strv_builder_add (builder, list[i]);
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
          if (!parse_double (g_strstrip (parts[i]), &v[i]))
            return NULL;
        }
      if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] >= v[2] || v[1] >= v[3])
        return NULL;
      return g_variant_new ("(dddd)", v[0], v[1], v[2], v[3]);
    }

  return NULL;
}

static gboolean
url_is_acceptable (const char *url,
                   gboolean    any_scheme)
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
         g_str_equal (scheme, "file") ||
         (any_scheme && (g_str_equal (scheme, "resource") || g_str_equal (scheme, "demo")));
}

/* What the schema cannot say about a value. NULL when it is fine. */
static char *
check_meaning (const char *name,
               GVariant   *value)
{
  if (g_str_equal (name, "time-zone"))
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (g_variant_get_string (value, NULL));

      if (tz == NULL)
        return g_strdup (_("a time zone such as Europe/Berlin"));
    }
  else if (g_str_equal (name, "config-url"))
    {
      const char *url = g_variant_get_string (value, NULL);

      if (*url != '\0' && !url_is_acceptable (url, FALSE))
        return g_strdup (_("an http, https or file URL"));
    }
  else if (g_str_equal (name, "config-public-key"))
    {
      const char *key = g_variant_get_string (value, NULL);
      g_autoptr(KioskMinisignKey) parsed = NULL;
      g_autoptr(GError) error = NULL;

      if (*key != '\0' && (parsed = kiosk_minisign_key_new (key, &error)) == NULL)
        return g_strdup (error->message);
    }

  return NULL;
}

static void
read_kiosk_group (Checker    *checker,
                  const char *group,
                  gboolean    shared,
                  GHashTable *values)
{
  g_auto(GStrv) keys = g_key_file_get_keys (checker->keyfile, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      const char *name = keys[i];
      g_autoptr(GSettingsSchemaKey) key = NULL;
      g_autoptr(GVariant) value = NULL;
      g_autofree char *text = NULL;
      g_autofree char *meaning = NULL;

      if (g_str_equal (name, "sources") || !g_settings_schema_has_key (checker->schema, name))
        {
          add_problem (checker, group, name, _("unknown key"));
          continue;
        }
      /* One id for every kiosk would merge them all into one. */
      if (!shared && g_str_equal (name, "kiosk-id"))
        {
          add_problem (checker, group, name,
                       _("a kiosk’s id is its group’s name; set it in [Kiosk] of that kiosk’s own file"));
          continue;
        }

      key = g_settings_schema_get_key (checker->schema, name);
      text = g_key_file_get_value (checker->keyfile, group, name, NULL);
      value = parse_value (checker->keyfile, group, name, key, text);
      if (value != NULL)
        g_variant_ref_sink (value);

      if (value != NULL && !g_settings_schema_key_range_check (key, value))
        g_clear_pointer (&value, g_variant_unref);
      if (value != NULL)
        meaning = check_meaning (name, value);

      if (value == NULL || meaning != NULL)
        {
          g_autofree char *expected = meaning ? g_steal_pointer (&meaning) : describe_range (key);

          add_problem (checker, group, name, _("“%s” is not %s"), text, expected);
          continue;
        }

      g_hash_table_insert (values, g_strdup (name), g_steal_pointer (&value));
    }
}

/* "Source NAME@ID" -> NAME and ID; "Source NAME" -> NAME and NULL. */
static char *
split_source_group (const char  *group,
                    char       **kiosk_id)
{
  const char *name = group + strlen (SOURCE_GROUP_PREFIX);
  const char *at = strrchr (name, KIOSK_SEPARATOR);

  *kiosk_id = NULL;
  if (at == NULL)
    return g_strdup (name);

  *kiosk_id = g_strdup (at + 1);
  return g_strndup (name, at - name);
}

static KioskSourceConfig *
build_source (Checker    *checker,
              const char *name,
              const char *shared_group,
              const char *own_group)
{
  g_autoptr(KioskSourceConfig) config = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  const char *groups[] = { shared_group, own_group };
  const char *group_of_kind, *group_of_url;
  g_autofree char *kind = NULL;
  g_autofree char *url = NULL;
  GHashTableIter iter;
  gpointer key, group;
  gboolean usable = TRUE;

  /* The kiosk's own group wins key by key. */
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_auto(GStrv) names = NULL;

      if (groups[g] == NULL)
        continue;
      names = g_key_file_get_keys (checker->keyfile, groups[g], NULL, NULL);
      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        {
          const char *interned = g_intern_string (names[i]);

          g_hash_table_insert (keys, (gpointer) interned, (gpointer) groups[g]);
        }
    }

  group_of_kind = g_hash_table_lookup (keys, "kind");
  group_of_url = g_hash_table_lookup (keys, "url");
  if (group_of_kind != NULL)
    kind = g_key_file_get_string (checker->keyfile, group_of_kind, "kind", NULL);
  if (group_of_url != NULL)
    url = g_key_file_get_string (checker->keyfile, group_of_url, "url", NULL);

  if (*name == '\0')
    {
      add_problem (checker, own_group ? own_group : shared_group, NULL,
                   _("a source needs a name after “Source”"));
      usable = FALSE;
    }
  if (kind == NULL || kiosk_format_lookup (g_strstrip (kind)) == NULL)
    {
      add_problem (checker, group_of_kind ? group_of_kind : shared_group ? shared_group : own_group,
                   "kind", _("“%s” is not a known kind"), kind ? kind : "");
      usable = FALSE;
    }
  if (url == NULL || !url_is_acceptable (g_strstrip (url), TRUE))
    {
      g_autofree char *shown = kiosk_redact_uri (url ? url : "");

      add_problem (checker, group_of_url ? group_of_url : shared_group ? shared_group : own_group,
                   "url", _("“%s” is not an http, https, file or resource URL"), shown);
      usable = FALSE;
    }

  /* A plain path is allowed in the file; the fetcher takes file:// URLs. */
  if (url != NULL && g_path_is_absolute (url))
    {
      g_autofree char *uri = g_filename_to_uri (url, NULL, NULL);

      if (uri != NULL)
        {
          g_free (url);
          url = g_steal_pointer (&uri);
        }
    }
  config = kiosk_source_config_new (name, kind ? kind : "", url ? url : "");

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, &group))
    {
      const char *k = key;
      g_autofree char *value = g_key_file_get_string (checker->keyfile, group, k, NULL);

      if (g_str_equal (k, "kind") || g_str_equal (k, "url"))
        continue;

      if (g_str_equal (k, "refresh"))
        {
          guint64 seconds;

          if (value != NULL &&
              g_ascii_string_to_unsigned (g_strstrip (value), 10, 10, 7 * 24 * 3600, &seconds, NULL))
            config->refresh_interval = (guint) seconds;
          else
            add_problem (checker, group, k, _("“%s” is not a number of seconds from 10 to 604800"),
                         value ? value : "");
        }
      else if (g_str_equal (k, "headers"))
        {
          g_auto(GStrv) headers = g_key_file_get_string_list (checker->keyfile, group, k, NULL, NULL);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint j = 0; headers != NULL && headers[j] != NULL; j++)
            {
              const char *colon = strchr (headers[j], ':');

              /* Without a colon there is no name to show: it may be the key. */
              if (colon == NULL || colon == headers[j])
                {
                  add_problem (checker, group, k, _("“%s” is not “Name: value”"), "…");
                  continue;
                }
              g_strv_builder_add (builder, g_strstrip (headers[j]));
            }
          g_strfreev (config->headers);
          config->headers = g_strv_builder_end (builder);
        }
      else if (g_str_has_prefix (k, OPTION_PREFIX) && k[strlen (OPTION_PREFIX)] != '\0')
        {
          g_hash_table_insert (config->options, g_strdup (k + strlen (OPTION_PREFIX)),
                               g_strdup (value ? value : ""));
        }
      else
        {
          add_problem (checker, group, k, _("unknown key"));
        }
    }

  return usable ? g_steal_pointer (&config) : NULL;
}

/* Everything one kiosk takes from the file; problems go to @checker. */
static void
read_for_kiosk (Checker    *checker,
                const char *kiosk_id,
                GHashTable *values,
                GPtrArray  *sources,
                gboolean   *has_sources)
{
  g_auto(GStrv) groups = g_key_file_get_groups (checker->keyfile, NULL);
  g_autofree char *own_kiosk = kiosk_id ? g_strconcat (KIOSK_GROUP_PREFIX, kiosk_id, NULL) : NULL;
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_key_file_has_group (checker->keyfile, KIOSK_GROUP))
    read_kiosk_group (checker, KIOSK_GROUP, TRUE, values);
  if (own_kiosk != NULL && g_key_file_has_group (checker->keyfile, own_kiosk))
    read_kiosk_group (checker, own_kiosk, FALSE, values);

  *has_sources = FALSE;
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *for_kiosk = NULL;
      g_autofree char *shared = NULL;
      g_autofree char *own = NULL;
      KioskSourceConfig *config;

      if (!g_str_has_prefix (groups[i], SOURCE_GROUP_PREFIX))
        continue;

      *has_sources = TRUE;
      name = split_source_group (groups[i], &for_kiosk);
      /* Another kiosk's source, or one already read with its shared group. */
      if ((for_kiosk != NULL && g_strcmp0 (for_kiosk, kiosk_id) != 0) ||
          g_hash_table_contains (done, name))
        continue;

      shared = g_strconcat (SOURCE_GROUP_PREFIX, name, NULL);
      if (kiosk_id != NULL)
        own = g_strdup_printf ("%s%s%c%s", SOURCE_GROUP_PREFIX, name, KIOSK_SEPARATOR, kiosk_id);
      config = build_source (checker, name,
                             g_key_file_has_group (checker->keyfile, shared) ? shared : NULL,
                             own && g_key_file_has_group (checker->keyfile, own) ? own : NULL);
      g_hash_table_add (done, g_steal_pointer (&name));
      if (config != NULL)
        g_ptr_array_add (sources, config);
    }
}

static void
value_unref (gpointer data)
{
  g_variant_unref (data);
}

static GHashTable *
new_values (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, value_unref);
}

KioskConfigFile *
kiosk_config_file_parse (const char      *data,
                         gsize            length,
                         const char      *name,
                         GSettingsSchema *schema,
                         const char      *kiosk_id,
                         GError         **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(KioskConfigFile) self = NULL;
  g_autoptr(GHashTable) kiosks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *own_id = NULL;
  g_auto(GStrv) groups = NULL;
  gboolean has_sources = FALSE;
  Checker checker;
  GHashTableIter iter;
  gpointer other;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (schema != NULL, NULL);

  if (!g_key_file_load_from_data (keyfile, data, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, G_KEY_FILE_ERROR, local_error->code,
                   _("%s: not a configuration file: %s"), name, local_error->message);
      return NULL;
    }

  self = g_new0 (KioskConfigFile, 1);
  self->name = g_strdup (name);
  self->values = new_values ();
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_config_problem_free);

  checker.keyfile = keyfile;
  checker.schema = schema;
  checker.problems = self->problems;
  checker.seen = seen;

  /* The file's own kiosk-id (a single kiosk's file) picks its group. */
  own_id = g_key_file_get_string (keyfile, KIOSK_GROUP, "kiosk-id", NULL);
  if (own_id != NULL && *g_strstrip (own_id) != '\0')
    self->kiosk_id = g_steal_pointer (&own_id);
  else
    self->kiosk_id = g_strdup (kiosk_id);

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *for_kiosk = NULL;

      if (g_str_equal (groups[i], KIOSK_GROUP))
        continue;
      if (g_str_has_prefix (groups[i], KIOSK_GROUP_PREFIX) && groups[i][strlen (KIOSK_GROUP_PREFIX)] != '\0')
        g_hash_table_add (kiosks, g_strdup (groups[i] + strlen (KIOSK_GROUP_PREFIX)));
      else if (g_str_has_prefix (groups[i], SOURCE_GROUP_PREFIX))
        {
          g_free (split_source_group (groups[i], &for_kiosk));
          if (for_kiosk != NULL && *for_kiosk != '\0')
            g_hash_table_add (kiosks, g_steal_pointer (&for_kiosk));
          else if (for_kiosk != NULL)
            add_problem (&checker, groups[i], NULL, _("no kiosk id after “%c”"), KIOSK_SEPARATOR);
        }
      else
        add_problem (&checker, groups[i], NULL, _("unknown group"));
    }

  read_for_kiosk (&checker, self->kiosk_id, self->values, self->sources, &has_sources);
  if (!has_sources)
    g_clear_pointer (&self->sources, g_ptr_array_unref);

  /* The other kiosks' groups: checked, not taken. */
  g_hash_table_iter_init (&iter, kiosks);
  while (g_hash_table_iter_next (&iter, &other, NULL))
    {
      g_autoptr(GHashTable) values = NULL;
      g_autoptr(GPtrArray) sources = NULL;
      gboolean any;

      if (g_strcmp0 (other, self->kiosk_id) == 0)
        continue;
      values = new_values ();
      sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
      read_for_kiosk (&checker, other, values, sources, &any);
    }

  return g_steal_pointer (&self);
}

gboolean
kiosk_config_file_is_valid (const KioskConfigFile *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->problems->len == 0;
}

void
kiosk_config_file_free (KioskConfigFile *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->kiosk_id);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self);
}

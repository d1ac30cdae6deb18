/* kiosk-check-config.c: `ankerort check config`: a whole configuration file and its sources */

#define G_LOG_DOMAIN "kiosk-check"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "kiosk-check.h"
#include "kiosk-check-private.h"
#include "kiosk-check-config.h"
#include "kiosk-config.h"
#include "kiosk-redact.h"
#include "kiosk-source-job.h"


typedef struct
{
  char     *kiosk_id;
  char     *public_key;
  int       timeout;
  gboolean  offline;
  gboolean  json;
  char    **rest;
} Options;

/* What `check config` found about one source. */
typedef struct
{
  const KioskSourceConfig *config;
  gboolean                 ok;
  guint                    items;
  char                    *error;
} SourceResult;

static void
options_clear (Options *options)
{
  g_free (options->kiosk_id);
  g_free (options->public_key);
  g_strfreev (options->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static void
source_result_free (SourceResult *result)
{
  g_free (result->error);
  g_free (result);
}

#define USAGE "Usage: ankerort check config FILE|URL [--kiosk-id ID] [--public-key KEY] " \
              "[--offline] [--timeout SECONDS] [--json]\n"

static gboolean
is_url (const char *source)
{
  const char *scheme = g_uri_peek_scheme (source);

  return scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https") ||
                            g_str_equal (scheme, "file"));
}

/* The file and its signature (NULL when there is none), as the kiosk
 * would get them. */
static GBytes *
read_source (KioskFetcher  *fetcher,
             const char    *source,
             gboolean       want_signature,
             GBytes       **signature,
             GError       **error)
{
  g_autofree char *sig_source = g_strconcat (source, ".minisig", NULL);
  char *contents = NULL;
  gsize length;

  *signature = NULL;
  if (is_url (source))
    {
      g_autoptr(GBytes) bytes = kiosk_fetcher_fetch_bytes (fetcher, source, 0, NULL, error);

      if (bytes != NULL && want_signature)
        *signature = kiosk_fetcher_fetch_bytes (fetcher, sig_source, 0, NULL, NULL);
      return g_steal_pointer (&bytes);
    }

  if (!g_file_get_contents (source, &contents, &length, error))
    return NULL;
  if (want_signature)
    {
      char *sig = NULL;
      gsize sig_length;

      if (g_file_get_contents (sig_source, &sig, &sig_length, NULL))
        *signature = g_bytes_new_take (sig, sig_length);
    }

  return g_bytes_new_take (contents, length);
}

static void
add_problem (GPtrArray  *problems,
             const char *message)
{
  KioskConfigProblem *problem = g_new0 (KioskConfigProblem, 1);

  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

static GTimeZone *
file_time_zone (const KioskConfigFile *file)
{
  GVariant *value = file != NULL ? g_hash_table_lookup (file->values, "time-zone") : NULL;
  GTimeZone *tz = NULL;

  if (value != NULL)
    tz = g_time_zone_new_identifier (g_variant_get_string (value, NULL));

  return tz != NULL ? tz : g_time_zone_new_identifier ("Europe/Berlin");
}

static SourceResult *
test_source (KioskFetcher            *fetcher,
             const KioskSourceConfig *config,
             GTimeZone               *tz)
{
  SourceResult *result = g_new0 (SourceResult, 1);
  const KioskFormat *format = kiosk_format_lookup (config->kind);
  g_autoptr(KioskParseContext) ctx = kiosk_source_make_context (config, format, tz);
  g_autoptr(GPtrArray) json_items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) fetched_at = NULL;
  g_autoptr(GError) error = NULL;

  result->config = config;
  result->ok = kiosk_check_source (fetcher, format, config, ctx, json_items, lines, warnings,
                                   &fetched_at, &error);
  result->items = json_items->len;
  if (!result->ok)
    result->error = g_strdup (error->message);

  return result;
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (gboolean   valid,
            GPtrArray *problems,
            GPtrArray *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, valid);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      const KioskConfigProblem *problem = problems->pdata[i];

      json_builder_begin_object (builder);
      add_nullable_string (builder, "group", problem->group);
      add_nullable_string (builder, "key", problem->key);
      add_nullable_string (builder, "message", problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      const SourceResult *result = results->pdata[i];

      json_builder_begin_object (builder);
      add_nullable_string (builder, "name", result->config->id);
      add_nullable_string (builder, "kind", result->config->kind);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, result->ok);
      json_builder_set_member_name (builder, "items");
      json_builder_add_int_value (builder, result->items);
      add_nullable_string (builder, "error", result->error);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  kiosk_check_write_json (root);
}

static void
print_text (const char *shown,
            gboolean    valid,
            GPtrArray  *problems,
            GPtrArray  *results)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const KioskConfigProblem *problem = problems->pdata[i];
      /* A problem of the whole file names the file itself. */
      gboolean whole = problem->group == NULL && problem->key == NULL;
      g_autofree char *line = kiosk_config_problem_to_string (problem, whole ? NULL : shown);

      printf ("%s\n", line);
    }
  for (guint i = 0; i < results->len; i++)
    {
      const SourceResult *result = results->pdata[i];

      if (result->ok)
        printf ("source %s (%s): %u item%s\n", result->config->id, result->config->kind,
                result->items, result->items == 1 ? "" : "s");
      else
        printf ("source %s (%s): %s\n", result->config->id, result->config->kind, result->error);
    }
  printf ("%s: %s\n", shown, valid ? "valid" : "invalid");
  fflush (stdout);
}

int
kiosk_check_config_main (int    argc,
                         char **argv)
{
  g_auto(Options) options = { 0 };
  const GOptionEntry entries[] = {
    { "kiosk-id", 0, 0, G_OPTION_ARG_STRING, &options.kiosk_id,
      "Check the file as this kiosk reads it (default: this machine's id)", "ID" },
    { "public-key", 0, 0, G_OPTION_ARG_STRING, &options.public_key,
      "The file must be signed with this minisign public key (FILE.minisig)", "KEY" },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &options.offline,
      "Do not test the sources", NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options.timeout,
      "Give up on a source after this many seconds without an answer (default 30)", "SECONDS" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      "Print the result as JSON", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.rest, NULL, "FILE|URL" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskConfig) config = NULL;
  g_autoptr(KioskFetcher) fetcher = NULL;
  g_autoptr(KioskConfigFile) file = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) source_result_free);
  g_autofree char *shown = NULL;
  g_auto(GStrv) args = NULL;
  const char *source, *kiosk_id;
  gboolean valid, sources_ok = TRUE;

  /* Parse "config ARGS..." so "config" reads as the program's name. */
  args = g_new0 (char *, argc);
  for (int i = 2; i < argc; i++)
    args[i - 2] = g_strdup (argv[i]);

  context = g_option_context_new ("FILE|URL");
  g_option_context_set_summary (context,
                                "Check a whole configuration file as the kiosk reads it: unknown "
                                "keys, bad values,\nthe signature, and (unless --offline) every "
                                "source it names.");
  g_option_context_set_description (context, "Exit status: 0 valid and every source answered, "
                                             "1 invalid or a source failed, 2 usage error.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &args, &error))
    return kiosk_check_usage_error (USAGE, "%s", error->message);
  if (options.rest == NULL || g_strv_length (options.rest) != 1)
    return kiosk_check_usage_error (USAGE, "check config needs one FILE or URL");
  if (options.timeout < 0)
    return kiosk_check_usage_error (USAGE, "--timeout must be a number of seconds");

  source = options.rest[0];
  shown = kiosk_redact_uri (source);
  config = kiosk_config_new_default ();
  g_object_get (kiosk_config_get_settings (config), "settings-schema", &schema, NULL);
  kiosk_id = options.kiosk_id != NULL ? options.kiosk_id : kiosk_config_get_kiosk_id (config);
  fetcher = kiosk_fetcher_new ();
  if (options.timeout > 0)
    kiosk_fetcher_set_timeout (fetcher, options.timeout);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_config_problem_free);
  data = read_source (fetcher, source, options.public_key != NULL, &signature, &error);
  if (data == NULL)
    add_problem (problems, error->message);
  else if (!kiosk_config_check_signature (options.public_key, data, signature, shown, &error))
    add_problem (problems, error->message);
  else
    {
      gconstpointer bytes;
      gsize length;

      bytes = g_bytes_get_data (data, &length);
      file = kiosk_config_file_parse (bytes != NULL ? bytes : "", length, shown, schema, kiosk_id,
                                      &error);
      if (file == NULL)
        add_problem (problems, error->message);
      else
        g_ptr_array_extend_and_steal (problems, g_steal_pointer (&file->problems));
    }
  valid = problems->len == 0;

  /* Every source this kiosk would show, through the kiosk's own path. */
  if (file != NULL && file->sources != NULL && !options.offline)
    {
      g_autoptr(GTimeZone) tz = file_time_zone (file);

      for (guint i = 0; i < file->sources->len; i++)
        {
          SourceResult *result = test_source (fetcher, file->sources->pdata[i], tz);

          sources_ok = sources_ok && result->ok;
          g_ptr_array_add (results, result);
        }
    }

  if (options.json)
    print_json (valid, problems, results);
  else
    print_text (shown, valid, problems, results);

  return valid && sources_ok ? EXIT_SUCCESS : KIOSK_CHECK_EXIT_FAILED;
}

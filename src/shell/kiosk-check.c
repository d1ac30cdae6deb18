/* kiosk-check.c: `ankerort check`: the kiosk's fetch-and-parse path without a window */

#define G_LOG_DOMAIN "kiosk-check"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "kiosk-check.h"
#include "kiosk-check-hours.h"
#include "kiosk-check-media.h"
#include "kiosk-check-config.h"
#include "kiosk-check-private.h"
#include "kiosk-fetcher.h"
#include "kiosk-format.h"
#include "kiosk-redact.h"
#include "kiosk-source.h"


typedef struct
{
  char     **headers;
  char      *from;
  char      *to;
  char      *tz;
  int        timeout;
  gboolean   json;
  char     **rest;
} Options;

static void
options_clear (Options *options)
{
  g_strfreev (options->headers);
  g_free (options->from);
  g_free (options->to);
  g_free (options->tz);
  g_strfreev (options->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static char *
known_kinds (void)
{
  g_autoptr(GString) kinds = g_string_new (NULL);
  const KioskFormat * const *formats = kiosk_format_get_all (NULL);

  for (guint i = 0; formats[i] != NULL; i++)
    g_string_append_printf (kinds, "%s%s", i > 0 ? ", " : "", formats[i]->kind);

  return g_string_free (g_steal_pointer (&kinds), FALSE);
}

#define USAGE "Usage: ankerort check KIND SOURCE [--header 'Name: value']... [--from ISO8601] " \
              "[--to ISO8601] [--tz ZONE] [--timeout SECONDS] [--json]\n" \
              "       ankerort check opening-hours 'SPEC' [--at ISO8601] [--tz ZONE] " \
              "[--closures FILE.ics] [--json]\n"

int
kiosk_check_usage_error (const char *usage,
                         const char *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "ankerort: %s\n", message);
  fputs (usage, stderr);
  return KIOSK_CHECK_EXIT_USAGE;
}

/* A path or a URL; paths become file:// URLs. */
char *
kiosk_check_source_to_url (const char *source)
{
  g_autofree char *scheme = g_uri_parse_scheme (source);
  g_autoptr(GFile) file = NULL;

  if (scheme != NULL && strlen (scheme) > 1)
    return g_strdup (source);

  file = g_file_new_for_commandline_arg (source);
  return g_file_get_uri (file);
}

static GDateTime *
parse_time (const char *text,
            GTimeZone  *tz)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return NULL;

  time = g_date_time_new_from_iso8601 (text, tz);
  if (time == NULL)
    {
      /* A plain date means its midnight. */
      g_autofree char *midnight = g_strconcat (text, "T00:00:00", NULL);

      time = g_date_time_new_from_iso8601 (midnight, tz);
    }

  return g_steal_pointer (&time);
}

void
kiosk_check_write_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

int
kiosk_check_report_error (gboolean      json,
                          const char   *source,
                          const GError *error)
{
  fprintf (stderr, "ankerort: %s: %s\n", source, error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "domain");
      json_builder_add_string_value (builder, g_quark_to_string (error->domain));
      json_builder_set_member_name (builder, "code");
      json_builder_add_int_value (builder, error->code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      kiosk_check_write_json (root);
    }

  return KIOSK_CHECK_EXIT_FAILED;
}

static JsonNode *
item_to_json (const KioskFormat       *format,
              gpointer                 item,
              const KioskParseContext *ctx)
{
  if (format->to_json != NULL)
    return format->to_json (item, ctx);

  return json_gobject_serialize (G_OBJECT (item));
}

static int
report_items (const Options     *options,
              const KioskFormat *format,
              const char        *source,
              GDateTime         *fetched_at,
              GPtrArray         *json_items,
              GPtrArray         *lines,
              GPtrArray         *warnings)
{
  g_autofree char *fetched = g_date_time_format_iso8601 (fetched_at);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, format->kind);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, source);
      json_builder_set_member_name (builder, "fetched_at");
      json_builder_add_string_value (builder, fetched);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < json_items->len; i++)
        json_builder_add_value (builder, json_node_ref (g_ptr_array_index (json_items, i)));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "warnings");
      json_builder_begin_array (builder);
      for (guint i = 0; warnings != NULL && i < warnings->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (warnings, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      kiosk_check_write_json (root);
    }
  else
    {
      printf ("%s: %u item%s from %s (fetched %s)\n", format->kind, json_items->len,
              json_items->len == 1 ? "" : "s", source, fetched);
      for (guint i = 0; i < lines->len; i++)
        printf ("  %s\n", (const char *) g_ptr_array_index (lines, i));
      for (guint i = 0; warnings != NULL && i < warnings->len; i++)
        printf ("warning: %s\n", (const char *) g_ptr_array_index (warnings, i));
      fflush (stdout);
    }

  return EXIT_SUCCESS;
}

gboolean
kiosk_check_source (KioskFetcher            *fetcher,
                    const KioskFormat       *format,
                    const KioskSourceConfig *config,
                    KioskParseContext       *ctx,
                    GPtrArray               *json_items,
                    GPtrArray               *lines,
                    GPtrArray               *warnings,
                    GDateTime              **fetched_at,
                    GError                 **error)
{
  g_autoptr(KioskSourceUpdate) update = NULL;

  if (format->check != NULL)
    {
      if (!format->check (config->url, ctx, json_items, warnings, error))
        return FALSE;
      *fetched_at = g_date_time_new_now_utc ();
      for (guint i = 0; i < json_items->len; i++)
        g_ptr_array_add (lines, json_to_string (g_ptr_array_index (json_items, i), FALSE));
      return TRUE;
    }

  update = kiosk_source_fetch_and_parse (fetcher, format, config, ctx, NULL, NULL, error);
  if (update == NULL)
    return FALSE;

  *fetched_at = g_date_time_ref (update->fetched_at);
  for (guint i = 0; i < update->items->len; i++)
    {
      gpointer item = g_ptr_array_index (update->items, i);
      JsonNode *node = item_to_json (format, item, ctx);

      g_ptr_array_add (json_items, node);
      g_ptr_array_add (lines, format->to_text != NULL ? format->to_text (item, ctx)
                                                      : json_to_string (node, FALSE));
    }
  g_ptr_array_extend_and_steal (warnings, g_steal_pointer (&update->warnings));

  return TRUE;
}

int
kiosk_check_main (int    argc,
                  char **argv)
{
  g_auto(Options) options = { 0 };
  const GOptionEntry entries[] = {
    { "header", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.headers,
      "Send this header (repeatable)", "'Name: value'" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options.from,
      "Start of the time window (events)", "ISO8601" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options.to,
      "End of the time window (events)", "ISO8601" },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &options.tz,
      "The kiosk's time zone (default: this machine's)", "ZONE" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options.timeout,
      "Give up after this many seconds without an answer (default 30)", "SECONDS" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      "Print the items as JSON", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.rest, NULL, "KIND SOURCE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(KioskSourceConfig) config = NULL;
  g_autoptr(KioskParseContext) ctx = NULL;
  g_autoptr(KioskFetcher) fetcher = NULL;
  g_autoptr(GPtrArray) json_items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) fetched_at = NULL;
  g_autofree char *url = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *shown = NULL;
  const KioskFormat *format;
  const char *kind, *source;
  g_auto(GStrv) args = NULL;

  g_return_val_if_fail (argc >= 2, KIOSK_CHECK_EXIT_USAGE);

  /* Not a source: a setting evaluated at a time. */
  if (argc > 2 && g_str_equal (argv[2], "opening-hours"))
    return kiosk_check_hours_main (argc, argv);

  /* A folder of files to probe, not a source to fetch and parse. */
  if (argc > 2 && g_str_equal (argv[2], "media"))
    return kiosk_check_media_main (argc, argv);

  /* `ankerort check config FILE|URL`: the whole configuration. */
  if (argc >= 3 && strcmp (argv[2], "config") == 0)
    return kiosk_check_config_main (argc, argv);

  /* CAP has options of its own (the kiosk's position and geocodes). */
  if (argc >= 3 && g_str_equal (argv[2], "cap"))
    return kiosk_check_cap_main (argc, argv);

  /* Parse "check ARGS..." so "check" reads as the program's name. */
  args = g_new0 (char *, argc);
  for (int i = 1; i < argc; i++)
    args[i - 1] = g_strdup (argv[i]);

  context = g_option_context_new ("KIND SOURCE");
  g_option_context_set_summary (context,
                                "Fetch and parse one source exactly as the kiosk does, without a "
                                "window or cache,\nand print what it would show.");
  kinds = known_kinds ();
  {
    g_autofree char *description = g_strdup_printf ("Kinds: %s\n\nExit status: 0 success, "
                                                    "1 fetch or parse failed, 2 usage error.",
                                                    kinds);

    g_option_context_set_description (context, description);
  }
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &args, &error))
    return kiosk_check_usage_error (USAGE, "%s", error->message);

  if (options.rest == NULL || g_strv_length (options.rest) != 2)
    return kiosk_check_usage_error (USAGE, "check needs a KIND and a SOURCE (a file or a URL)");
  kind = options.rest[0];
  source = options.rest[1];
  /* What is printed of SOURCE: never its password or keys. */
  shown = kiosk_redact_uri (source);

  format = kiosk_format_lookup (kind);
  if (format == NULL)
    return kiosk_check_usage_error (USAGE, "unknown kind “%s”; known kinds: %s", kind, kinds);
  if (format->parse == NULL && format->check == NULL)
    return kiosk_check_usage_error (USAGE, "kind “%s” cannot be checked", kind);

  if (options.tz != NULL)
    {
      tz = g_time_zone_new_identifier (options.tz);
      if (tz == NULL)
        return kiosk_check_usage_error (USAGE, "unknown time zone “%s”", options.tz);
    }
  else
    tz = g_time_zone_new_local ();

  for (guint i = 0; options.headers != NULL && options.headers[i] != NULL; i++)
    {
      const char *colon = strchr (options.headers[i], ':');

      if (colon == NULL || colon == options.headers[i])
        {
          g_autofree char *header = kiosk_redact_header (options.headers[i]);

          return kiosk_check_usage_error (USAGE, "--header %u (%s) is not “Name: value”", i + 1, header);
        }
    }
  if (options.timeout < 0)
    return kiosk_check_usage_error (USAGE, "--timeout must be a number of seconds");

  url = kiosk_check_source_to_url (source);
  config = kiosk_source_config_new ("check", kind, url);
  if (options.headers != NULL)
    {
      g_strfreev (config->headers);
      config->headers = g_strdupv (options.headers);
    }

  ctx = kiosk_source_make_context (config, format, tz);
  if (options.from != NULL)
    {
      g_clear_pointer (&ctx->from, g_date_time_unref);
      ctx->from = parse_time (options.from, tz);
      if (ctx->from == NULL)
        return kiosk_check_usage_error (USAGE, "--from “%s” is not an ISO 8601 date or time", options.from);
    }
  if (options.to != NULL)
    {
      g_clear_pointer (&ctx->to, g_date_time_unref);
      ctx->to = parse_time (options.to, tz);
      if (ctx->to == NULL)
        return kiosk_check_usage_error (USAGE, "--to “%s” is not an ISO 8601 date or time", options.to);
    }
  if (ctx->from != NULL && ctx->to != NULL && g_date_time_compare (ctx->from, ctx->to) > 0)
    return kiosk_check_usage_error (USAGE, "--from is after --to");

  fetcher = kiosk_fetcher_new ();
  if (options.timeout > 0)
    kiosk_fetcher_set_timeout (fetcher, options.timeout);
  if (!kiosk_check_source (fetcher, format, config, ctx, json_items, lines, warnings,
                           &fetched_at, &error))
    return kiosk_check_report_error (options.json, shown, error);

  return report_items (&options, format, shown, fetched_at, json_items, lines, warnings);
}

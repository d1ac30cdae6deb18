/* kiosk-check-cap.c: `ankerort check cap`: the warnings of a CAP source and whether they apply here */

#define G_LOG_DOMAIN "kiosk-check"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kiosk-alert.h"
#include "kiosk-check.h"
#include "kiosk-check-private.h"
#include "kiosk-fetcher.h"
#include "kiosk-format.h"
#include "kiosk-redact.h"
#include "kiosk-source-job.h"

typedef struct
{
  char     **headers;
  char     **geocodes;
  char      *lat;
  char      *lon;
  int        timeout;
  gboolean   json;
  char     **rest;
} Options;

static void
options_clear (Options *options)
{
  g_strfreev (options->headers);
  g_strfreev (options->geocodes);
  g_free (options->lat);
  g_free (options->lon);
  g_strfreev (options->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

#define USAGE "Usage: ankerort check cap SOURCE [--lat DEGREES --lon DEGREES] " \
              "[--geocode NAME=VALUE]... [--header 'Name: value']... [--timeout SECONDS] " \
              "[--json]\n"

static gboolean
parse_degrees (const char *text,
               double      limit,
               double     *value)
{
  char *end;

  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && *value >= -limit && *value <= limit;
}

int
kiosk_check_cap_main (int    argc,
                      char **argv)
{
  g_auto(Options) options = { 0 };
  const GOptionEntry entries[] = {
    { "lat", 0, 0, G_OPTION_ARG_STRING, &options.lat,
      "The kiosk's latitude (WGS 84)", "DEGREES" },
    { "lon", 0, 0, G_OPTION_ARG_STRING, &options.lon,
      "The kiosk's longitude (WGS 84)", "DEGREES" },
    { "geocode", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.geocodes,
      "A geocode of the kiosk (repeatable)", "NAME=VALUE" },
    { "header", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.headers,
      "Send this header (repeatable)", "'Name: value'" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options.timeout,
      "Give up after this many seconds without an answer (default 30)", "SECONDS" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      "Print the info blocks as JSON", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.rest, NULL, "cap SOURCE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("cap SOURCE");
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskSourceConfig) config = NULL;
  g_autoptr(KioskParseContext) ctx = NULL;
  g_autoptr(KioskFetcher) fetcher = NULL;
  g_autoptr(KioskSourceUpdate) update = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *fetched = NULL;
  g_auto(GStrv) args = g_new0 (char *, argc);
  const KioskFormat *format = kiosk_format_lookup ("cap");
  gboolean has_position = FALSE;
  double latitude = 0, longitude = 0;

  for (int i = 1; i < argc; i++)
    args[i - 1] = g_strdup (argv[i]);

  g_option_context_set_summary (context,
                                "Fetch and parse a CAP document or feed exactly as the kiosk "
                                "does and print each info block,\nwith whether it applies to "
                                "a kiosk at that position or with those geocodes.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &args, &error))
    return kiosk_check_usage_error (USAGE, "%s", error->message);
  if (options.rest == NULL || g_strv_length (options.rest) != 2)
    return kiosk_check_usage_error (USAGE, "check cap needs a SOURCE (a file or a URL)");

  if ((options.lat == NULL) != (options.lon == NULL))
    return kiosk_check_usage_error (USAGE, "--lat and --lon go together");
  if (options.lat != NULL)
    {
      if (!parse_degrees (options.lat, 90, &latitude))
        return kiosk_check_usage_error (USAGE, "--lat “%s” is not a latitude from -90 to 90", options.lat);
      if (!parse_degrees (options.lon, 180, &longitude))
        return kiosk_check_usage_error (USAGE, "--lon “%s” is not a longitude from -180 to 180", options.lon);
      has_position = TRUE;
    }
  for (guint i = 0; options.geocodes != NULL && options.geocodes[i] != NULL; i++)
    {
      const char *eq = strchr (options.geocodes[i], '=');

      if (eq == NULL || eq == options.geocodes[i] || eq[1] == '\0')
        return kiosk_check_usage_error (USAGE, "--geocode “%s” is not NAME=VALUE", options.geocodes[i]);
    }
  if (options.timeout < 0)
    return kiosk_check_usage_error (USAGE, "--timeout must be a number of seconds");

  shown = kiosk_redact_uri (options.rest[1]);
  url = kiosk_check_source_to_url (options.rest[1]);
  config = kiosk_source_config_new ("check", "cap", url);
  if (options.headers != NULL)
    {
      g_strfreev (config->headers);
      config->headers = g_strdupv (options.headers);
    }
  ctx = kiosk_source_make_context (config, format, NULL);
  fetcher = kiosk_fetcher_new ();
  if (options.timeout > 0)
    kiosk_fetcher_set_timeout (fetcher, options.timeout);

  update = kiosk_source_fetch_and_parse (fetcher, format, config, ctx, NULL, NULL, &error);
  if (update == NULL)
    return kiosk_check_report_error (options.json, shown, error);
  fetched = g_date_time_format_iso8601 (update->fetched_at);

  if (!options.json)
    printf ("cap: %u info block%s from %s (fetched %s)\n", update->items->len,
            update->items->len == 1 ? "" : "s", shown, fetched);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "cap");
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, shown);
  json_builder_set_member_name (builder, "fetched_at");
  json_builder_add_string_value (builder, fetched);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < update->items->len; i++)
    {
      KioskAlert *alert = g_ptr_array_index (update->items, i);
      g_autoptr(JsonNode) node = format->to_json (alert, ctx);
      gboolean decided = has_position || options.geocodes != NULL;
      gboolean applies = decided &&
                         kiosk_alert_applies_to (alert, has_position, latitude, longitude,
                                                 (const char * const *) options.geocodes);

      if (decided)
        json_object_set_boolean_member (json_node_get_object (node), "applies", applies);
      else
        json_object_set_null_member (json_node_get_object (node), "applies");
      json_builder_add_value (builder, json_node_ref (node));
      if (!options.json)
        {
          g_autofree char *line = format->to_text (alert, ctx);

          printf ("  %s%s\n", line, !decided ? "" : applies ? " (applies)" : " (does not apply)");
        }
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < update->warnings->len; i++)
    {
      json_builder_add_string_value (builder, g_ptr_array_index (update->warnings, i));
      if (!options.json)
        printf ("warning: %s\n", (const char *) g_ptr_array_index (update->warnings, i));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (options.json)
    {
      root = json_builder_get_root (builder);
      kiosk_check_write_json (root);
    }
  fflush (stdout);

  return EXIT_SUCCESS;
}

/* kiosk-check-hours.c: `ankerort check opening-hours`: whether the kiosk would be open at a time */

#define G_LOG_DOMAIN "kiosk-check"

#include "config.h"

#include <stdio.h>
#include <json-glib/json-glib.h>

#include "kiosk-check.h"
#include "kiosk-check-private.h"
#include "kiosk-check-hours.h"
#include "kiosk-format.h"
#include "kiosk-opening-hours.h"


/* Closing days are looked for this far from --at. */
#define CLOSURES_DAYS "400"

typedef struct
{
  char     *at;
  char     *tz;
  char     *closures;
  gboolean  json;
  char    **rest;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->at);
  g_free (options->tz);
  g_free (options->closures);
  g_strfreev (options->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

#define USAGE "Usage: ankerort check opening-hours 'SPEC' [--at ISO8601] [--tz ZONE] " \
              "[--closures FILE.ics] [--json]\n"

/* The closing days of an iCalendar file, read as the kiosk reads its
 * closures source, with the window starting on the day of @at. */
static GArray *
load_closures (const char  *path,
               GTimeZone   *tz,
               GDateTime   *at,
               GError     **error)
{
  const KioskFormat *ical = kiosk_format_lookup ("ical");
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_auto(KioskParseResult) result;
  g_autoptr(GListStore) events = g_list_store_new (G_TYPE_OBJECT);

  kiosk_parse_result_init (&result);
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return NULL;

  g_clear_pointer (&ctx->now, g_date_time_unref);
  ctx->now = g_date_time_ref (at);
  g_hash_table_insert (ctx->options, g_strdup ("days"), g_strdup (CLOSURES_DAYS));
  if (!ical->parse (bytes, ctx, &result, error))
    return NULL;
  for (guint i = 0; i < result.warnings->len; i++)
    fprintf (stderr, "ankerort: %s: warning: %s\n", path,
             (const char *) g_ptr_array_index (result.warnings, i));

  for (guint i = 0; i < result.items->len; i++)
    g_list_store_append (events, g_ptr_array_index (result.items, i));

  return kiosk_opening_hours_closures_from_events (G_LIST_MODEL (events));
}

static void
print_result (gboolean   json,
              gboolean   open,
              GDateTime *next_change)
{
  g_autofree char *next = next_change != NULL
                          ? g_date_time_format (next_change, "%Y-%m-%dT%H:%M:%S%:z") : NULL;

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "open");
      json_builder_add_boolean_value (builder, open);
      json_builder_set_member_name (builder, "next_change");
      if (next != NULL)
        json_builder_add_string_value (builder, next);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      kiosk_check_write_json (root);
    }
  else if (next != NULL)
    {
      printf ("%s until %s\n", open ? "open" : "closed", next);
    }
  else
    {
      printf ("%s, no change within a year\n", open ? "open" : "closed");
    }
  fflush (stdout);
}

int
kiosk_check_hours_main (int    argc,
                        char **argv)
{
  g_auto(Options) options = { 0 };
  const GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &options.at,
      "The time to evaluate (default: now)", "ISO8601" },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &options.tz,
      "The kiosk's time zone (default: this machine's)", "ZONE" },
    { "closures", 0, 0, G_OPTION_ARG_FILENAME, &options.closures,
      "Closing days from an iCalendar file", "FILE.ics" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      "Print {\"open\": …, \"next_change\": …}", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.rest, NULL, "SPEC" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) next_change = NULL;
  g_autoptr(GArray) closures = NULL;
  g_autoptr(KioskOpeningHours) hours = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) args = NULL;

  g_return_val_if_fail (argc >= 3, KIOSK_CHECK_EXIT_USAGE);

  /* "opening-hours" reads as the program's name. */
  args = g_new0 (char *, argc - 1);
  for (int i = 2; i < argc; i++)
    args[i - 2] = g_strdup (argv[i]);

  context = g_option_context_new ("'SPEC'");
  g_option_context_set_summary (context,
                                "Evaluate opening hours in the OpenStreetMap opening_hours syntax "
                                "as the kiosk does,\ne.g. 'Mo-Fr 08:00-18:00; Sa 10:00-14:00'.");
  g_option_context_set_description (context, "Exit status: 0 evaluated, 1 closures file "
                                             "unreadable, 2 usage or syntax error.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &args, &error))
    return kiosk_check_usage_error (USAGE, "%s", error->message);
  if (options.rest == NULL || g_strv_length (options.rest) != 1)
    return kiosk_check_usage_error (USAGE, "check opening-hours needs one SPEC (quote it)");

  if (options.tz != NULL)
    {
      tz = g_time_zone_new_identifier (options.tz);
      if (tz == NULL)
        return kiosk_check_usage_error (USAGE, "unknown time zone “%s”", options.tz);
    }
  else
    tz = g_time_zone_new_local ();

  if (options.at != NULL)
    {
      /* A time without an offset is on the kiosk's clock. */
      at = g_date_time_new_from_iso8601 (options.at, tz);
      if (at == NULL)
        return kiosk_check_usage_error (USAGE, "--at “%s” is not an ISO 8601 date and time", options.at);
    }
  else
    at = g_date_time_new_now (tz);

  hours = kiosk_opening_hours_parse (options.rest[0], warnings, NULL, &error);
  if (hours == NULL)
    {
      fprintf (stderr, "ankerort: opening hours “%s”: %s\n", options.rest[0], error->message);
      return KIOSK_CHECK_EXIT_USAGE;
    }
  for (guint i = 0; i < warnings->len; i++)
    fprintf (stderr, "ankerort: opening hours: warning: %s\n",
             (const char *) g_ptr_array_index (warnings, i));

  if (options.closures != NULL)
    {
      closures = load_closures (options.closures, tz, at, &error);
      if (closures == NULL)
        {
          fprintf (stderr, "ankerort: %s: %s\n", options.closures, error->message);
          return KIOSK_CHECK_EXIT_FAILED;
        }
    }

  next_change = kiosk_opening_hours_next_change (hours, tz, closures, at);
  print_result (options.json, kiosk_opening_hours_is_open (hours, tz, closures, at), next_change);

  return EXIT_SUCCESS;
}

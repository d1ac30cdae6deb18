/* events-dump.c: prints the occurrences an event parser finds, one JSON object a line
 *
 * Usage: events-dump KIND FILE FROM TO ZONE
 * The reference comparison (compare-ical.py) runs it next to another
 * iCalendar implementation; it is also handy before `ankerort check`. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "kiosk-format.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(KioskParseContext) ctx = NULL;
  g_auto(KioskParseResult) result = { 0, };
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const KioskFormat *format;
  gsize len;

  if (argc != 6)
    {
      fprintf (stderr, "usage: %s KIND FILE FROM TO ZONE\n", argv[0]);
      return 2;
    }

  format = kiosk_format_lookup (argv[1]);
  tz = g_time_zone_new_identifier (argv[5]);
  if (format == NULL || tz == NULL)
    {
      fprintf (stderr, "unknown kind or zone\n");
      return 2;
    }
  if (!g_file_get_contents (argv[2], &contents, &len, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);

  ctx = kiosk_parse_context_new (tz);
  ctx->from = g_date_time_new_from_iso8601 (argv[3], tz);
  ctx->to = g_date_time_new_from_iso8601 (argv[4], tz);
  kiosk_parse_result_init (&result);

  if (!format->parse (bytes, ctx, &result, &error))
    {
      fprintf (stderr, "error: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < result.warnings->len; i++)
    fprintf (stderr, "warning: %s\n", (char *) g_ptr_array_index (result.warnings, i));

  for (guint i = 0; i < result.items->len; i++)
    {
      g_autoptr(JsonNode) node = format->to_json (g_ptr_array_index (result.items, i), ctx);
      g_autofree char *text = json_to_string (node, FALSE);

      printf ("%s\n", text);
    }

  return 0;
}

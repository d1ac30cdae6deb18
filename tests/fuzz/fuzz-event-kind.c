/* fuzz-event-kind.c: libFuzzer harness for one event parser, FUZZ_KIND
 *
 * fuzz-ical.c and fuzz-schema-event.c name the kind and include this.
 * Any bytes must give items or a GError, never a crash, a hang or a leak.
 * Built with -fsanitize=fuzzer under clang (-Dfuzzing=enabled); in every
 * build fuzz-replay.c runs it over the fixture feeds. */

#include "config.h"

#include <json-glib/json-glib.h>

#include "kiosk-format.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static GTimeZone *tz;
  const KioskFormat *format = kiosk_format_lookup (FUZZ_KIND);
  g_autoptr(KioskParseContext) ctx = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_auto(KioskParseResult) result = { 0, };

  if (tz == NULL)
    tz = g_time_zone_new_identifier ("Europe/Berlin");

  ctx = kiosk_parse_context_new (tz);
  /* A fixed "now" and window keep runs reproducible. */
  g_clear_pointer (&ctx->now, g_date_time_unref);
  ctx->now = g_date_time_new (tz, 2026, 3, 20, 12, 0, 0);
  ctx->from = g_date_time_new (tz, 2026, 3, 1, 0, 0, 0);
  ctx->to = g_date_time_new (tz, 2026, 6, 1, 0, 0, 0);
  kiosk_parse_result_init (&result);

  if (format->parse (bytes, ctx, &result, &error))
    {
      for (guint i = 0; i < result.items->len; i++)
        {
          g_autoptr(JsonNode) node = format->to_json (g_ptr_array_index (result.items, i), ctx);
          g_autofree char *text = json_to_string (node, FALSE);
          g_autofree char *line = format->to_text (g_ptr_array_index (result.items, i), ctx);

          g_assert (text != NULL && line != NULL);
        }
    }
  else
    {
      g_assert (error != NULL && error->domain == KIOSK_FORMAT_ERROR);
    }

  return 0;
}

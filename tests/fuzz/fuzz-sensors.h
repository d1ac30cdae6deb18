/* fuzz-sensors.h: the body both sensor parser harnesses share */
#pragma once

#include "kiosk-formats.h"
#include "kiosk-reading.h"

/* Any bytes must give items (each printable) or a KIOSK_FORMAT_ERROR. */
static inline int
fuzz_sensors_one (const KioskFormat *format,
                  const char        *url,
                  const guint8      *data,
                  size_t             size)
{
  static KioskParseContext *ctx;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  if (ctx == NULL)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");

      /* A later page of a paged answer, with overrides: every path counts. */
      ctx = kiosk_parse_context_new (tz);
      ctx->url = url;
      ctx->page = 1;
      ctx->response_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (ctx->response_headers, g_strdup ("fiware-total-count"), g_strdup ("1000"));
      g_hash_table_insert (ctx->options, g_strdup ("thresholds-pm10"), g_strdup ("10,20,30,40"));
    }

  kiosk_parse_result_init (&result);
  if (format->parse (bytes, ctx, &result, &error))
    {
      g_assert_null (error);
      for (guint i = 0; i < result.items->len; i++)
        {
          g_autoptr(JsonNode) node = format->to_json (g_ptr_array_index (result.items, i), ctx);
          g_autofree char *text = format->to_text (g_ptr_array_index (result.items, i), ctx);

          g_assert_nonnull (node);
          g_assert_nonnull (text);
        }
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == KIOSK_FORMAT_ERROR);
    }

  return 0;
}

/* fuzz-format.c: a libFuzzer harness for one parser, chosen with -DFUZZ_KIND="kind" */

#include "config.h"

#include <stdint.h>

#include "kiosk-format.h"

#ifndef FUZZ_KIND
#error "Build with -DFUZZ_KIND=\"<kind>\""
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const KioskFormat *format;
static KioskParseContext *ctx;

/* The same moment and zone every run, so crashes reproduce. */
static void
set_up (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");

  format = kiosk_format_lookup (FUZZ_KIND);
  g_assert (format != NULL && format->parse != NULL);

  ctx = kiosk_parse_context_new (tz);
  g_clear_pointer (&ctx->now, g_date_time_unref);
  ctx->now = g_date_time_new (ctx->tz, 2026, 11, 22, 10, 30, 0);
  ctx->from = g_date_time_add_days (ctx->now, -1);
  ctx->to = g_date_time_add_days (ctx->now, 60);
  ctx->url = "https://example.org/data";
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (format == NULL)
    set_up ();

  bytes = g_bytes_new_static (data, size);
  kiosk_parse_result_init (&result);
  ok = format->parse (bytes, ctx, &result, &error);

  /* A parser either succeeds or says why, never both, never neither. */
  g_assert (ok == (error == NULL));
  if (!ok)
    g_assert (error->message != NULL && *error->message != '\0');

  for (guint i = 0; ok && i < result.items->len; i++)
    {
      gpointer item = g_ptr_array_index (result.items, i);

      if (format->get_item_type != NULL)
        g_assert (G_TYPE_CHECK_INSTANCE_TYPE (item, format->get_item_type ()));
      if (format->to_json != NULL)
        json_node_unref (format->to_json (item, ctx));
      if (format->to_text != NULL)
        g_free (format->to_text (item, ctx));
    }

  return 0;
}

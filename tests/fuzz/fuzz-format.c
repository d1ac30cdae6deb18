/* fuzz-format.c: a libFuzzer harness for one parser, chosen with -DFUZZ_KIND="kind" */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <libical/ical.h>

#include "kiosk-format.h"

#ifndef FUZZ_KIND
#error "Build with -DFUZZ_KIND=\"<kind>\""
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const KioskFormat *format;
static KioskParseContext *ctx;

/* A critical is a value read as the wrong type, or worse: a finding. It
 * aborts, so libFuzzer (and the replay) saves the input; a fatal GLib log
 * would trap instead, and nothing would be saved. FUZZ_ALLOW_CRITICALS=1
 * lets a run look past known ones. */
static GLogWriterOutput
abort_on_critical (GLogLevelFlags   log_level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (log_level, fields, n_fields, user_data);

  if ((log_level & G_LOG_LEVEL_ERROR) ||
      ((log_level & G_LOG_LEVEL_CRITICAL) && g_strcmp0 (g_getenv ("FUZZ_ALLOW_CRITICALS"), "1") != 0))
    abort ();

  return output;
}

/* The same moment and zone every run, so crashes reproduce. The window is
 * two weeks rather than the kiosk's three months: an hourly rule then makes
 * a few hundred occurrences instead of thousands, and runs stay fast enough
 * to try many inputs (the caps per event and per parse are the same). */
static void
set_up (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");

  g_log_set_writer_func (abort_on_critical, NULL, NULL);

  format = kiosk_format_lookup (FUZZ_KIND);
  g_assert (format != NULL && format->parse != NULL);

  ctx = kiosk_parse_context_new (tz);
  g_clear_pointer (&ctx->now, g_date_time_unref);
  ctx->now = g_date_time_new (ctx->tz, 2026, 11, 22, 10, 30, 0);
  ctx->from = g_date_time_add_days (ctx->now, -1);
  ctx->to = g_date_time_add_days (ctx->now, 14);
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

  /* libical keeps temporary strings in a ring it frees only when it wraps.
   * Left there, every input looks like a leak to libFuzzer, which then
   * runs it again and scans the whole heap: most of the time spent. */
  icalmemory_free_ring ();

  return 0;
}

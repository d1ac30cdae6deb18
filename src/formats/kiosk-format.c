/* kiosk-format.c: the table from a source kind to its pure parser */

#define G_LOG_DOMAIN "kiosk-format"

#include "config.h"

#include "kiosk-format.h"
#include "kiosk-formats.h"

G_DEFINE_QUARK (kiosk-format-error-quark, kiosk_format_error)

/* Adding a kind is one line here plus its parser: no view changes. */
static const KioskFormat *formats[] = {
  /* places */
  &kiosk_format_geojson,

  /* events */
  &kiosk_format_ical,
  &kiosk_format_schema_event,

  /* sensors */
  &kiosk_format_sensorthings,
  &kiosk_format_ngsi_v2,

  /* surveys */
  &kiosk_format_survey,

  /* tiles */
  &kiosk_format_tiles,

  /* media: the attract loop */
  &kiosk_format_media,

  /* public warnings */
  &kiosk_format_cap,

  NULL,
};

const KioskFormat * const *
kiosk_format_get_all (guint *n_formats)
{
  if (n_formats != NULL)
    *n_formats = G_N_ELEMENTS (formats) - 1;

  return formats;
}

const KioskFormat *
kiosk_format_lookup (const char *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  for (guint i = 0; formats[i] != NULL; i++)
    {
      if (g_strcmp0 (formats[i]->kind, kind) == 0)
        return formats[i];
    }

  return NULL;
}

const char *
kiosk_area_to_string (KioskArea area)
{
  switch (area)
    {
    case KIOSK_AREA_EVENTS:
      return "events";
    case KIOSK_AREA_PLACES:
      return "places";
    case KIOSK_AREA_SENSORS:
      return "sensors";
    case KIOSK_AREA_SURVEYS:
      return "surveys";
    case KIOSK_AREA_TILES:
      return "tiles";
    case KIOSK_AREA_MEDIA:
      return "media";
    case KIOSK_AREA_ALERTS:
      return "alerts";
    case KIOSK_AREA_NONE:
    case KIOSK_N_AREAS:
    default:
      return "none";
    }
}

void
kiosk_parse_result_init (KioskParseResult *result)
{
  g_return_if_fail (result != NULL);

  result->items = g_ptr_array_new_with_free_func (g_object_unref);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  result->next_url = NULL;
  result->linked_urls = g_ptr_array_new_with_free_func (g_free);
}

void
kiosk_parse_result_clear (KioskParseResult *result)
{
  g_clear_pointer (&result->items, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_clear_pointer (&result->next_url, g_free);
  g_clear_pointer (&result->linked_urls, g_ptr_array_unref);
}

void
kiosk_parse_result_warn (KioskParseResult *result,
                         const char       *format,
                         ...)
{
  va_list args;

  g_return_if_fail (result != NULL);

  /* A hostile document could warn a million times; the first ones say enough. */
  if (result->warnings->len >= 1000)
    return;

  va_start (args, format);
  g_ptr_array_add (result->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

KioskParseContext *
kiosk_parse_context_new (GTimeZone *tz)
{
  KioskParseContext *ctx = g_new0 (KioskParseContext, 1);

  ctx->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  ctx->now = g_date_time_new_now (ctx->tz);
  ctx->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return ctx;
}

static GHashTable *
copy_table (GHashTable *table)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer key, value;

  if (table == NULL)
    return NULL;

  copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));

  return copy;
}

KioskParseContext *
kiosk_parse_context_copy (const KioskParseContext *ctx)
{
  KioskParseContext *copy;

  g_return_val_if_fail (ctx != NULL, NULL);

  copy = g_new0 (KioskParseContext, 1);
  copy->tz = g_time_zone_ref (ctx->tz);
  copy->now = ctx->now ? g_date_time_ref (ctx->now) : NULL;
  copy->from = ctx->from ? g_date_time_ref (ctx->from) : NULL;
  copy->to = ctx->to ? g_date_time_ref (ctx->to) : NULL;
  copy->url = g_intern_string (ctx->url);
  copy->options = copy_table (ctx->options);
  copy->response_headers = copy_table (ctx->response_headers);
  copy->page = ctx->page;

  return copy;
}

void
kiosk_parse_context_free (KioskParseContext *ctx)
{
  if (ctx == NULL)
    return;

  g_clear_pointer (&ctx->tz, g_time_zone_unref);
  g_clear_pointer (&ctx->now, g_date_time_unref);
  g_clear_pointer (&ctx->from, g_date_time_unref);
  g_clear_pointer (&ctx->to, g_date_time_unref);
  g_clear_pointer (&ctx->options, g_hash_table_unref);
  g_clear_pointer (&ctx->response_headers, g_hash_table_unref);
  g_free (ctx);
}

const char *
kiosk_parse_context_option (const KioskParseContext *ctx,
                            const char              *name,
                            const char              *fallback)
{
  const char *value = NULL;

  g_return_val_if_fail (ctx != NULL, fallback);

  if (ctx->options != NULL)
    value = g_hash_table_lookup (ctx->options, name);

  return value != NULL && *value != '\0' ? value : fallback;
}

/* kiosk-format.c: the table from a source kind to its pure parser */

#define G_LOG_DOMAIN "kiosk-format"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kiosk-format.h"
#include "kiosk-formats.h"

G_DEFINE_QUARK (kiosk-format-error-quark, kiosk_format_error)

/* Adding a kind is one line here plus its parser: no view changes. */
static const KioskFormat *formats[] = {
  /* places */
  &kiosk_format_geojson,

  /* events */

  /* sensors */
  &kiosk_format_sensorthings,
  &kiosk_format_ngsi_v2,

  /* surveys */
  &kiosk_format_survey,

  /* tiles */

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
}

void
kiosk_parse_result_clear (KioskParseResult *result)
{
  g_clear_pointer (&result->items, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_clear_pointer (&result->next_url, g_free);
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

static gboolean
check_depth (const char  *data,
             gsize        size,
             guint        max_depth,
             GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint line = 1;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE,
                           "line %u: nested deeper than %u levels", line, max_depth);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

JsonNode *
kiosk_format_parse_json (GBytes  *bytes,
                         guint    max_depth,
                         GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size;
  JsonNode *root;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size == 0 || data == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_EMPTY, "the document is empty");
      return NULL;
    }
  if (!check_depth (data, size, max_depth, error))
    return NULL;
  if (!g_utf8_validate_len (data, size, NULL))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "not UTF-8 text (not JSON)");
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      const char *message = local_error->message;
      guint line = 0, column = 0;
      int consumed = 0;

      /* json-glib says "<data>:LINE:COLUMN: Parse error: ..." */
      if (g_str_has_prefix (message, "<data>:") &&
          sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
        g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                     "line %u, column %u: %s", line, column, message + consumed);
      else
        g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID, "%s", message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_EMPTY, "the document is empty");
      return NULL;
    }

  return json_node_ref (root);
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

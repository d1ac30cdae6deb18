/* kiosk-tiles-check.c: what `ankerort check tiles SOURCE` finds: an MBTiles file's
 * metadata (after checking its pages and decoding sample tiles), or the tile at the kiosk's position from a URL template */

#define G_LOG_DOMAIN "kiosk-tiles-check"

#include "config.h"

#include <math.h>

#include "kiosk-config.h"
#include "kiosk-fetcher.h"
#include "kiosk-mbtiles-source.h"
#include "kiosk-redact.h"
#include "kiosk-tile-image.h"
#include "kiosk-tiles-check.h"

static gboolean
check_mbtiles (const char  *path,
               GPtrArray   *items,
               GError     **error)
{
  g_autoptr(KioskMbtilesSource) source = kiosk_mbtiles_source_new (path, error);
  g_autoptr(JsonBuilder) builder = NULL;
  g_auto(GStrv) samples = NULL;
  double west, south, east, north;
  gint64 count;

  if (source == NULL)
    return FALSE;

  count = kiosk_mbtiles_source_count_tiles (source, error);
  if (count < 0)
    return FALSE;
  if (count == 0)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_EMPTY,
                   "%s has a tiles table, but no tiles in it", path);
      return FALSE;
    }

  /* A file that opens can still be damaged further in, or hold tiles
   * that are no pictures: the map would show grey squares. */
  samples = kiosk_mbtiles_source_verify (source, error);
  if (samples == NULL)
    return FALSE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, kiosk_mbtiles_source_get_name (source));
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, kiosk_mbtiles_source_get_format (source));
  json_builder_set_member_name (builder, "minzoom");
  json_builder_add_int_value (builder, kiosk_mbtiles_source_get_min_zoom (source));
  json_builder_set_member_name (builder, "maxzoom");
  json_builder_add_int_value (builder, kiosk_mbtiles_source_get_max_zoom (source));
  json_builder_set_member_name (builder, "bounds");
  if (kiosk_mbtiles_source_get_bounds (source, &west, &south, &east, &north))
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, west);
      json_builder_add_double_value (builder, south);
      json_builder_add_double_value (builder, east);
      json_builder_add_double_value (builder, north);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "tile_count");
  json_builder_add_int_value (builder, count);
  json_builder_set_member_name (builder, "sample_tiles");
  json_builder_begin_array (builder);
  for (guint i = 0; samples[i] != NULL; i++)
    json_builder_add_string_value (builder, samples[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  g_ptr_array_add (items, json_builder_get_root (builder));

  return TRUE;
}

static double
option_double (const KioskParseContext *ctx,
               const char              *name,
               double                   fallback)
{
  const char *text = kiosk_parse_context_option (ctx, name, NULL);
  char *end = NULL;
  double value;

  if (text == NULL)
    return fallback;
  value = g_ascii_strtod (text, &end);

  return end != text && isfinite (value) ? value : fallback;
}

static gboolean
check_url (const char              *url_template,
           const KioskParseContext *ctx,
           GPtrArray               *items,
           GError                 **error)
{
  g_autoptr(KioskConfig) config = kiosk_config_new_default ();
  g_autoptr(KioskFetcher) fetcher = NULL;
  g_autoptr(KioskFetchResponse) response = NULL;
  g_autoptr(GString) url = g_string_new (url_template);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *number = NULL;
  g_autofree char *shown = NULL;
  double latitude, longitude;
  const char *format;
  int zoom, x, y;

  /* The kiosk's own position, unless the check is told another. */
  latitude = option_double (ctx, "latitude", kiosk_config_get_latitude (config));
  longitude = option_double (ctx, "longitude", kiosk_config_get_longitude (config));
  zoom = (int) CLAMP (option_double (ctx, "zoom", kiosk_config_get_map_zoom (config)), 0, 22);
  kiosk_tiles_point_to_xyz (latitude, longitude, zoom, &x, &y);

  number = g_strdup_printf ("%d", zoom);
  g_string_replace (url, "{z}", number, 0);
  g_free (number);
  number = g_strdup_printf ("%d", x);
  g_string_replace (url, "{x}", number, 0);
  g_free (number);
  number = g_strdup_printf ("%d", y);
  g_string_replace (url, "{y}", number, 0);
  shown = kiosk_redact_uri (url->str);

  /* The check runs without a kiosk, so it has a fetcher of its own: the
   * same redirect policy, limits and deadline as the map's tiles. */
  fetcher = kiosk_fetcher_new ();
  response = kiosk_fetcher_fetch (fetcher, url->str, NULL, NULL, NULL, NULL, error);
  if (response == NULL)
    {
      g_prefix_error (error, "%s: ", shown);
      return FALSE;
    }

  format = kiosk_tile_format_sniff (response->bytes);
  if (format == NULL || g_str_equal (format, "pbf"))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "%s: the answer is not a raster tile (PNG, JPEG or WebP)%s", shown,
                   format != NULL ? " but a vector tile" : "");
      return FALSE;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, shown);
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_int_value (builder, zoom);
  json_builder_set_member_name (builder, "x");
  json_builder_add_int_value (builder, x);
  json_builder_set_member_name (builder, "y");
  json_builder_add_int_value (builder, y);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, format);
  json_builder_set_member_name (builder, "content_type");
  json_builder_add_string_value (builder, response->content_type);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, g_bytes_get_size (response->bytes));
  json_builder_end_object (builder);

  g_ptr_array_add (items, json_builder_get_root (builder));

  return TRUE;
}

gboolean
kiosk_tiles_check (const char              *source,
                   const char              *path,
                   KioskTilesKind           kind,
                   const KioskParseContext *ctx,
                   GPtrArray               *items,
                   GError                 **error)
{
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  if (kind == KIOSK_TILES_MBTILES && path != NULL)
    return check_mbtiles (path, items, error);
  if (kind == KIOSK_TILES_URL_TEMPLATE)
    return check_url (source, ctx, items, error);

  g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
               "“%s” is neither an MBTiles file nor an http(s) URL template with {z}, {x} and {y}",
               source);
  return FALSE;
}

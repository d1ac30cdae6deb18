/* kiosk-tiles-format.c: the `tiles` kind: an MBTiles file or an XYZ URL template
 *
 * Tiles are not fetched and parsed like the other kinds: the map reads them
 * itself. What this kind adds to the table is `ankerort check tiles SOURCE`,
 * which opens the MBTiles file, or fetches the tile at the kiosk's position
 * from the URL template, and says what it found. */

#define G_LOG_DOMAIN "kiosk-tiles-format"

#include "config.h"

#include <math.h>
#include <string.h>
#include <libsoup/soup.h>

#include "kiosk-config.h"
#include "kiosk-formats.h"
#include "kiosk-mbtiles-source.h"
#include "kiosk-tile-image.h"
#include "kiosk-tiles-format.h"

KioskTilesKind
kiosk_tiles_classify (const char  *url,
                      char       **path)
{
  const char *scheme;

  if (path != NULL)
    *path = NULL;
  if (url == NULL || *url == '\0')
    return KIOSK_TILES_INVALID;

  if (g_path_is_absolute (url))
    {
      if (path != NULL)
        *path = g_strdup (url);
      return KIOSK_TILES_MBTILES;
    }

  scheme = g_uri_peek_scheme (url);
  if (g_strcmp0 (scheme, "file") == 0)
    {
      char *file = g_filename_from_uri (url, NULL, NULL);

      if (file == NULL)
        return KIOSK_TILES_INVALID;
      if (path != NULL)
        *path = file;
      else
        g_free (file);
      return KIOSK_TILES_MBTILES;
    }

  if ((g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0) &&
      strstr (url, "{z}") != NULL && strstr (url, "{x}") != NULL && strstr (url, "{y}") != NULL)
    return KIOSK_TILES_URL_TEMPLATE;

  return KIOSK_TILES_INVALID;
}

void
kiosk_tiles_point_to_xyz (double  latitude,
                          double  longitude,
                          int     zoom,
                          int    *x,
                          int    *y)
{
  double n = (double) (1 << zoom);
  double phi = CLAMP (latitude, -85.0511, 85.0511) * G_PI / 180.0;

  *x = CLAMP ((int) floor ((longitude + 180.0) / 360.0 * n), 0, (1 << zoom) - 1);
  *y = CLAMP ((int) floor ((1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * n),
              0, (1 << zoom) - 1);
}

/* The map reads tiles itself; a tiles source has no items. When the source
 * is refreshed like the others, what it fetches is a health check: the
 * file itself, or the one tile of zoom 0 from the server (see request_url),
 * so the status page says whether the tiles are there. */
static gboolean
tiles_parse (GBytes                  *bytes,
             const KioskParseContext *ctx,
             KioskParseResult        *result,
             GError                 **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *format;

  if (size >= 16 && memcmp (data, "SQLite format 3", 16) == 0)
    return TRUE;

  format = kiosk_tile_format_sniff (bytes);
  if (format != NULL && !g_str_equal (format, "pbf"))
    return TRUE;

  g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
               "%s is neither an MBTiles file nor a raster tile (PNG, JPEG, WebP)",
               ctx->url ? ctx->url : "the tiles source");
  return FALSE;
}

static char *
tiles_request_url (const char              *configured_url,
                   const KioskParseContext *ctx)
{
  g_autoptr(GString) url = NULL;

  if (kiosk_tiles_classify (configured_url, NULL) != KIOSK_TILES_URL_TEMPLATE)
    return NULL;

  /* One small tile that every server has, revalidated with its ETag. */
  url = g_string_new (configured_url);
  g_string_replace (url, "{z}", "0", 0);
  g_string_replace (url, "{x}", "0", 0);
  g_string_replace (url, "{y}", "0", 0);

  return g_string_free (g_steal_pointer (&url), FALSE);
}

static JsonNode *
tiles_to_json (gpointer                 item,
               const KioskParseContext *ctx)
{
  return json_node_init_object (json_node_alloc (), json_object_new ());
}

static gboolean
check_mbtiles (const char  *path,
               GPtrArray   *items,
               GError     **error)
{
  g_autoptr(KioskMbtilesSource) source = kiosk_mbtiles_source_new (path, error);
  g_autoptr(JsonBuilder) builder = NULL;
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
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GString) url = g_string_new (url_template);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *number = NULL;
  double latitude, longitude;
  const char *format, *content_type;
  int zoom, x, y;
  guint status;

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

  message = soup_message_new (SOUP_METHOD_GET, url->str);
  if (message == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "“%s” is not a valid URL", url->str);
      return FALSE;
    }

  session = g_object_new (SOUP_TYPE_SESSION,
                          "user-agent", "Ankerort/" PACKAGE_VERSION " (city information kiosk)",
                          "timeout", 20,
                          NULL);
  body = soup_session_send_and_read (session, message, NULL, error);
  if (body == NULL)
    {
      g_prefix_error (error, "%s: ", url->str);
      return FALSE;
    }

  status = soup_message_get_status (message);
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "%s: HTTP %u %s", url->str, status, soup_message_get_reason_phrase (message));
      return FALSE;
    }

  format = kiosk_tile_format_sniff (body);
  if (format == NULL || g_str_equal (format, "pbf"))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "%s: the answer is not a raster tile (PNG, JPEG or WebP)%s", url->str,
                   format != NULL ? " but a vector tile" : "");
      return FALSE;
    }

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url->str);
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_int_value (builder, zoom);
  json_builder_set_member_name (builder, "x");
  json_builder_add_int_value (builder, x);
  json_builder_set_member_name (builder, "y");
  json_builder_add_int_value (builder, y);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, format);
  json_builder_set_member_name (builder, "content_type");
  json_builder_add_string_value (builder, content_type);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, g_bytes_get_size (body));
  json_builder_end_object (builder);

  g_ptr_array_add (items, json_builder_get_root (builder));

  return TRUE;
}

static gboolean
tiles_check (const char              *source,
             const KioskParseContext *ctx,
             GPtrArray               *items,
             GPtrArray               *warnings,
             GError                 **error)
{
  g_autofree char *path = NULL;

  switch (kiosk_tiles_classify (source, &path))
    {
    case KIOSK_TILES_MBTILES:
      return check_mbtiles (path, items, error);

    case KIOSK_TILES_URL_TEMPLATE:
      return check_url (source, ctx, items, error);

    case KIOSK_TILES_INVALID:
    default:
      {
        g_autoptr(GFile) file = NULL;

        /* A relative path on the command line is a file too. */
        if (source != NULL && g_uri_peek_scheme (source) == NULL)
          {
            file = g_file_new_for_commandline_arg (source);
            path = g_file_get_path (file);
            if (path != NULL)
              return check_mbtiles (path, items, error);
          }
      }
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "“%s” is neither an MBTiles file nor an http(s) URL template with {z}, {x} and {y}",
                   source ? source : "");
      return FALSE;
    }
}

const KioskFormat kiosk_format_tiles = {
  .kind = "tiles",
  .area = KIOSK_AREA_TILES,
  .get_item_type = NULL,
  .parse = tiles_parse,
  .request_url = tiles_request_url,
  .to_json = tiles_to_json,
  .check = tiles_check,
};

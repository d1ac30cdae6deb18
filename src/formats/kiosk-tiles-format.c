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

#include "kiosk-formats.h"
#include "kiosk-tiles-format.h"

/* Opening files and fetching tiles is I/O, so it lives with the tile
 * sources (src/media/kiosk-tiles-check.c). The parsers are also built
 * alone (fuzzing), without it: then the symbol is NULL. */
gboolean kiosk_tiles_check (const char              *source,
                            const char              *path,
                            KioskTilesKind           kind,
                            const KioskParseContext *ctx,
                            GPtrArray               *items,
                            GError                 **error) __attribute__ ((weak));

/* The same as kiosk_tile_format_sniff(), which formats/ cannot link. */
static gboolean
is_raster_tile (const guint8 *data,
                gsize         size)
{
  return (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0) ||
         (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff) ||
         (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0);
}

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
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (size >= 16 && memcmp (data, "SQLite format 3", 16) == 0)
    return TRUE;
  if (is_raster_tile (data, size))
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
tiles_check (const char              *source,
             const KioskParseContext *ctx,
             GPtrArray               *items,
             GPtrArray               *warnings,
             GError                 **error)
{
  g_autofree char *path = NULL;
  KioskTilesKind kind = kiosk_tiles_classify (source, &path);

  if (kiosk_tiles_check == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_FAILED,
                   "checking tiles is not built in");
      return FALSE;
    }

  switch (kind)
    {
    case KIOSK_TILES_MBTILES:
    case KIOSK_TILES_URL_TEMPLATE:
      return kiosk_tiles_check (source, path, kind, ctx, items, error);

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
              return kiosk_tiles_check (source, path, KIOSK_TILES_MBTILES, ctx, items, error);
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

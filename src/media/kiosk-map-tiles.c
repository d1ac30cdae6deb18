/* kiosk-map-tiles.c: the map's tile source, built from the tiles source's settings
 *
 * The map shows; building what it shows is media's work: choosing between
 * an MBTiles file and a URL template, opening their SQLite files in a
 * worker thread, and downloading through the kiosk's one fetcher. */

#define G_LOG_DOMAIN "kiosk-map-tiles"

#include "config.h"

#include <string.h>

#include "kiosk-fetcher.h"
#include "kiosk-map-tiles.h"
#include "kiosk-mbtiles-source.h"
#include "kiosk-redact.h"
#include "kiosk-tile-cache-source.h"
#include "kiosk-tiles-format.h"

struct _KioskMapTiles
{
  GObject            parent_instance;

  /* owned */
  ShumateDataSource *source;
  char              *id;
  char              *name;
  char              *license;
  char              *server;
  guint              min_zoom;
  guint              max_zoom;
  double             bounds[4];
  gboolean           has_bounds;
};

G_DEFINE_FINAL_TYPE (KioskMapTiles, kiosk_map_tiles, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-map-tiles-error-quark, kiosk_map_tiles_error)

typedef struct
{
  char         *id;
  char         *url;
  char         *path;     /* the cache file, or the MBTiles file */
  GHashTable   *options;
  KioskFetcher *fetcher;
} Request;

static void
request_free (Request *request)
{
  g_free (request->id);
  g_free (request->url);
  g_free (request->path);
  g_clear_pointer (&request->options, g_hash_table_unref);
  g_clear_object (&request->fetcher);
  g_free (request);
}

static guint
option_uint (GHashTable *options,
             const char *name,
             guint       fallback,
             guint       max)
{
  const char *text = options != NULL ? g_hash_table_lookup (options, name) : NULL;
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return fallback;

  return (guint) value;
}

static KioskMapTiles *
tiles_new (ShumateDataSource *source,
           const char        *id,
           const char        *name,
           const char        *license,
           guint              min_zoom,
           guint              max_zoom)
{
  KioskMapTiles *self = g_object_new (KIOSK_TYPE_MAP_TILES, NULL);

  self->source = g_object_ref (source);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->license = license != NULL && *license != '\0' ? g_strdup (license) : NULL;
  self->min_zoom = min_zoom;
  self->max_zoom = MAX (max_zoom, min_zoom);

  return self;
}

static void
url_tiles_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(KioskTileCacheSource) source = NULL;
  g_autoptr(GUri) uri = NULL;
  GError *error = NULL;
  const char *attribution;
  KioskMapTiles *self;

  source = kiosk_tile_cache_source_new (request->url, request->path, request->fetcher, &error);
  if (source == NULL)
    {
      g_task_return_new_error (task, KIOSK_MAP_TILES_ERROR, KIOSK_MAP_TILES_ERROR_FAILED,
                               "%s", error->message);
      g_error_free (error);
      return;
    }

  kiosk_tile_cache_source_set_max_size (source,
                                        (guint64) option_uint (request->options, "cache-size",
                                                               256, 100000) << 20);
  kiosk_tile_cache_source_set_max_age (source,
                                       option_uint (request->options, "max-age",
                                                    KIOSK_TILE_CACHE_DEFAULT_MAX_AGE, G_MAXINT));
  kiosk_tile_cache_source_set_expire (source,
                                      option_uint (request->options, "expire",
                                                   KIOSK_TILE_CACHE_DEFAULT_EXPIRE, G_MAXINT));

  attribution = request->options != NULL ? g_hash_table_lookup (request->options, "attribution")
                                          : NULL;
  /* Without a configured line, at least say whose tiles these are. */
  if (attribution == NULL && strstr (request->url, "openstreetmap") != NULL)
    attribution = "© OpenStreetMap contributors";

  self = tiles_new (SHUMATE_DATA_SOURCE (source), request->id, request->id, attribution,
                    option_uint (request->options, "min-zoom", 10, 22),
                    option_uint (request->options, "max-zoom", 19, 22));
  uri = g_uri_parse (request->url, G_URI_FLAGS_NONE, NULL);
  self->server = g_strdup (uri != NULL ? g_uri_get_host (uri) : NULL);
  g_task_return_pointer (task, self, g_object_unref);
}

static void
mbtiles_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(KioskMbtilesSource) source = NULL;
  g_autoptr(KioskMapTiles) self = NULL;
  GError *error = NULL;

  source = kiosk_mbtiles_source_new_finish (result, &error);
  if (source == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, error);
      else
        {
          g_task_return_new_error (task, KIOSK_MAP_TILES_ERROR, KIOSK_MAP_TILES_ERROR_OFFLINE_MAP,
                                   "%s", error->message);
          g_error_free (error);
        }
      return;
    }

  /* One level past the file's deepest, drawn from it, for a closer look. */
  self = tiles_new (SHUMATE_DATA_SOURCE (source), "mbtiles",
                    kiosk_mbtiles_source_get_name (source),
                    kiosk_mbtiles_source_get_attribution (source),
                    MAX (kiosk_mbtiles_source_get_min_zoom (source), 1),
                    MIN (kiosk_mbtiles_source_get_max_zoom (source) + 1, 20));
  self->has_bounds = kiosk_mbtiles_source_get_bounds (source, &self->bounds[0], &self->bounds[1],
                                                      &self->bounds[2], &self->bounds[3]);
  g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
}

static void
kiosk_map_tiles_finalize (GObject *object)
{
  KioskMapTiles *self = (KioskMapTiles *)object;

  g_clear_object (&self->source);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->license, g_free);
  g_clear_pointer (&self->server, g_free);

  G_OBJECT_CLASS (kiosk_map_tiles_parent_class)->finalize (object);
}

static void
kiosk_map_tiles_class_init (KioskMapTilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_map_tiles_finalize;
}

static void
kiosk_map_tiles_init (KioskMapTiles *self)
{
}

KioskMapTiles *
kiosk_map_tiles_new_blank (void)
{
  g_autoptr(KioskMbtilesSource) blank = kiosk_mbtiles_source_new_blank ();

  return tiles_new (SHUMATE_DATA_SOURCE (blank), "blank", "", NULL, 10, 19);
}

void
kiosk_map_tiles_new_async (const char          *id,
                           const char          *url,
                           GHashTable          *options,
                           KioskFetcher        *fetcher,
                           const char          *cache_dir,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  Request *request;

  g_return_if_fail (KIOSK_IS_FETCHER (fetcher));
  g_return_if_fail (cache_dir != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_map_tiles_new_async);

  if (url == NULL)
    {
      g_task_return_new_error (task, KIOSK_MAP_TILES_ERROR, KIOSK_MAP_TILES_ERROR_NOT_SET_UP,
                               "no tiles source is set up");
      return;
    }

  switch (kiosk_tiles_classify (url, &path))
    {
    case KIOSK_TILES_MBTILES:
      kiosk_mbtiles_source_new_async (path, cancellable, mbtiles_opened_cb,
                                      g_steal_pointer (&task));
      break;

    case KIOSK_TILES_URL_TEMPLATE:
      {
        g_autofree char *file = g_strdup_printf ("tiles-%s.sqlite", id);

        request = g_new0 (Request, 1);
        request->id = g_strdup (id);
        request->url = g_strdup (url);
        request->path = g_build_filename (cache_dir, file, NULL);
        request->options = options != NULL ? g_hash_table_ref (options) : NULL;
        request->fetcher = g_object_ref (fetcher);
        g_task_set_task_data (task, request, (GDestroyNotify) request_free);
        g_task_run_in_thread (task, url_tiles_thread);
      }
      break;

    case KIOSK_TILES_INVALID:
    default:
      {
        g_autofree char *shown = kiosk_redact_uri (url);

        g_task_return_new_error (task, KIOSK_MAP_TILES_ERROR, KIOSK_MAP_TILES_ERROR_INVALID,
                                 "“%s” is neither an MBTiles file nor a tile URL template",
                                 shown);
      }
      break;
    }
}

KioskMapTiles *
kiosk_map_tiles_new_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

ShumateDataSource *
kiosk_map_tiles_get_source (KioskMapTiles *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_TILES (self), NULL);

  return self->source;
}

const char *
kiosk_map_tiles_get_id (KioskMapTiles *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_TILES (self), NULL);

  return self->id;
}

const char *
kiosk_map_tiles_get_name (KioskMapTiles *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_TILES (self), NULL);

  return self->name;
}

const char *
kiosk_map_tiles_get_license (KioskMapTiles *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_TILES (self), NULL);

  return self->license;
}

const char *
kiosk_map_tiles_get_server (KioskMapTiles *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_TILES (self), NULL);

  return self->server;
}

guint
kiosk_map_tiles_get_min_zoom (KioskMapTiles *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_TILES (self), 0);

  return self->min_zoom;
}

guint
kiosk_map_tiles_get_max_zoom (KioskMapTiles *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_TILES (self), 0);

  return self->max_zoom;
}

gboolean
kiosk_map_tiles_get_bounds (KioskMapTiles *self,
                            double        *west,
                            double        *south,
                            double        *east,
                            double        *north)
{
  g_return_val_if_fail (KIOSK_IS_MAP_TILES (self), FALSE);

  if (!self->has_bounds)
    return FALSE;
  if (west != NULL)
    *west = self->bounds[0];
  if (south != NULL)
    *south = self->bounds[1];
  if (east != NULL)
    *east = self->bounds[2];
  if (north != NULL)
    *north = self->bounds[3];

  return TRUE;
}

/* kiosk-mbtiles-source.c: map tiles read from a local MBTiles 1.3 file */

#define G_LOG_DOMAIN "kiosk-mbtiles-source"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "kiosk-mbtiles-source.h"
#include "kiosk-tile-image.h"

/* How many levels a missing tile may borrow from: beyond this the scaled
 * image says nothing any more. */
#define MAX_PARENT_LEVELS 6
#define TILE_SIZE 256

struct _KioskMbtilesSource
{
  ShumateDataSource  parent_instance;

  /* owned */
  sqlite3           *db;          /* SQLITE_OPEN_FULLMUTEX: shared by workers */
  char              *path;
  char              *name;
  char              *format;
  char              *attribution;
  guint              min_zoom;
  guint              max_zoom;
  double             bounds[4];
  gboolean           has_bounds;
};

G_DEFINE_FINAL_TYPE (KioskMbtilesSource, kiosk_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

G_DEFINE_QUARK (kiosk-mbtiles-error-quark, kiosk_mbtiles_error)

typedef struct
{
  int x;
  int y;
  int zoom;
} TileRequest;

static GBytes *
select_tile (KioskMbtilesSource  *self,
             int                  x,
             int                  y,
             int                  zoom,
             GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes = NULL;
  int rc;

  g_assert (self->db != NULL);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT tile_data FROM tiles "
                           "WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_FAILED,
                   "%s: cannot read tiles: %s", self->path, sqlite3_errmsg (self->db));
      return NULL;
    }

  /* MBTiles rows count from the south (TMS); the map counts from the north. */
  sqlite3_bind_int (stmt, 1, zoom);
  sqlite3_bind_int (stmt, 2, x);
  sqlite3_bind_int (stmt, 3, (1 << zoom) - 1 - y);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const void *blob = sqlite3_column_blob (stmt, 0);
      int size = sqlite3_column_bytes (stmt, 0);

      if (blob != NULL && size > 0)
        bytes = g_bytes_new (blob, size);
    }
  else if (rc != SQLITE_DONE)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_FAILED,
                   "%s: cannot read tile %d/%d/%d: %s", self->path, zoom, x, y,
                   sqlite3_errmsg (self->db));
    }
  sqlite3_finalize (stmt);

  return bytes;
}

GBytes *
kiosk_mbtiles_source_read_tile (KioskMbtilesSource  *self,
                                int                  x,
                                int                  y,
                                int                  zoom,
                                GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KIOSK_IS_MBTILES_SOURCE (self), NULL);

  if (self->db == NULL)
    {
      g_set_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_NOT_FOUND, "No tiles");
      return NULL;
    }

  if (zoom < 0 || zoom > 30 || x < 0 || y < 0 || x >= (1 << zoom) || y >= (1 << zoom))
    {
      g_set_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_NOT_FOUND,
                   "Tile %d/%d/%d is outside the world", zoom, x, y);
      return NULL;
    }

  for (int dz = 0; dz <= MAX_PARENT_LEVELS && zoom - dz >= (int) self->min_zoom; dz++)
    {
      g_autoptr(GBytes) bytes = NULL;

      if (zoom - dz > (int) self->max_zoom)
        continue;

      bytes = select_tile (self, x >> dz, y >> dz, zoom - dz, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (bytes == NULL)
        continue;

      if (dz == 0)
        return kiosk_tile_image_to_drawable (bytes, error);

      return kiosk_tile_image_from_parent (bytes, dz,
                                           x & ((1 << dz) - 1), y & ((1 << dz) - 1),
                                           TILE_SIZE, error);
    }

  g_set_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_NOT_FOUND,
               "%s has no tile %d/%d/%d nor one above it", self->path, zoom, x, y);
  return NULL;
}

static void
read_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  KioskMbtilesSource *self = source_object;
  TileRequest *request = task_data;
  GError *error = NULL;
  GBytes *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;

  bytes = kiosk_mbtiles_source_read_tile (self, request->x, request->y, request->zoom, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
read_tile_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  KioskMbtilesSource *self = KIOSK_MBTILES_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The raster renderer draws on this signal only, on the main thread. */
  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
kiosk_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                          int                  x,
                                          int                  y,
                                          int                  zoom_level,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  KioskMbtilesSource *self = KIOSK_MBTILES_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  TileRequest *request = g_new0 (TileRequest, 1);

  request->x = x;
  request->y = y;
  request->zoom = zoom_level;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_mbtiles_source_get_tile_data_async);
  g_task_set_task_data (task, request, g_free);

  worker = g_task_new (self, cancellable, read_tile_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, g_memdup2 (request, sizeof *request), g_free);
  g_task_run_in_thread (worker, read_tile_thread);
}

static GBytes *
kiosk_mbtiles_source_get_tile_data_finish (ShumateDataSource  *source,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
kiosk_mbtiles_source_finalize (GObject *object)
{
  KioskMbtilesSource *self = (KioskMbtilesSource *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->attribution, g_free);

  G_OBJECT_CLASS (kiosk_mbtiles_source_parent_class)->finalize (object);
}

static void
kiosk_mbtiles_source_class_init (KioskMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = kiosk_mbtiles_source_finalize;
  source_class->get_tile_data_async = kiosk_mbtiles_source_get_tile_data_async;
  source_class->get_tile_data_finish = kiosk_mbtiles_source_get_tile_data_finish;
}

static void
kiosk_mbtiles_source_init (KioskMbtilesSource *self)
{
}

/* Opening */

static gboolean
query_exists (sqlite3    *db,
              const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db,
                          "SELECT 1 FROM sqlite_master WHERE name = ?1 AND type IN ('table', 'view')",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return found;
}

static GHashTable *
read_metadata (sqlite3 *db)
{
  GHashTable *metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  if (!query_exists (db, "metadata"))
    return metadata;
  if (sqlite3_prepare_v2 (db, "SELECT name, value FROM metadata", -1, &stmt, NULL) != SQLITE_OK)
    return metadata;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (name != NULL && value != NULL && g_utf8_validate (value, -1, NULL))
        g_hash_table_insert (metadata, g_ascii_strdown (name, -1), g_strdup (value));
    }
  sqlite3_finalize (stmt);

  return metadata;
}

static gboolean
parse_zoom (const char *text,
            guint      *zoom)
{
  g_autofree char *copy = text != NULL ? g_strstrip (g_strdup (text)) : NULL;
  guint64 value;

  if (copy == NULL || !g_ascii_string_to_unsigned (copy, 10, 0, 30, &value, NULL))
    return FALSE;
  *zoom = value;

  return TRUE;
}

static gboolean
parse_bounds (const char *text,
              double      bounds[4])
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;

  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;

      bounds[i] = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || !isfinite (bounds[i]))
        return FALSE;
    }

  return bounds[0] >= -180 && bounds[2] <= 180 && bounds[0] < bounds[2] &&
         bounds[1] >= -90 && bounds[3] <= 90 && bounds[1] < bounds[3];
}

/* Derives what the metadata leaves out from the tiles themselves. */
static gboolean
derive_zooms (KioskMbtilesSource *self,
              gboolean            need_min,
              gboolean            need_max)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      if (need_min)
        self->min_zoom = CLAMP (sqlite3_column_int (stmt, 0), 0, 30);
      if (need_max)
        self->max_zoom = CLAMP (sqlite3_column_int (stmt, 1), 0, 30);
      found = TRUE;
    }
  sqlite3_finalize (stmt);

  return found;
}

static double
tile_x_to_lon (double x,
               int    zoom)
{
  return x / (1 << zoom) * 360.0 - 180.0;
}

static double
tile_y_to_lat (double y,
               int    zoom)
{
  double n = G_PI - 2.0 * G_PI * y / (1 << zoom);

  return 180.0 / G_PI * atan (0.5 * (exp (n) - exp (-n)));
}

static void
derive_bounds (KioskMbtilesSource *self)
{
  sqlite3_stmt *stmt = NULL;
  int zoom = self->max_zoom;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT MIN(tile_column), MAX(tile_column), MIN(tile_row), MAX(tile_row) "
                          "FROM tiles WHERE zoom_level = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_int (stmt, 1, zoom);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      int min_x = sqlite3_column_int (stmt, 0);
      int max_x = sqlite3_column_int (stmt, 1);
      /* TMS: the smallest row is the southernmost. */
      int min_y = (1 << zoom) - 1 - sqlite3_column_int (stmt, 3);
      int max_y = (1 << zoom) - 1 - sqlite3_column_int (stmt, 2);

      self->bounds[0] = tile_x_to_lon (min_x, zoom);
      self->bounds[1] = tile_y_to_lat (max_y + 1, zoom);
      self->bounds[2] = tile_x_to_lon (max_x + 1, zoom);
      self->bounds[3] = tile_y_to_lat (min_y, zoom);
      self->has_bounds = TRUE;
    }
  sqlite3_finalize (stmt);
}

static char *
sniff_first_tile (KioskMbtilesSource *self)
{
  sqlite3_stmt *stmt = NULL;
  char *format = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT tile_data FROM tiles LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (stmt, 0),
                                             sqlite3_column_bytes (stmt, 0));

      format = g_strdup (kiosk_tile_format_sniff (bytes));
    }
  sqlite3_finalize (stmt);

  return format;
}

KioskMbtilesSource *
kiosk_mbtiles_source_new (const char  *path,
                          GError     **error)
{
  g_autoptr(KioskMbtilesSource) self = NULL;
  g_autoptr(GHashTable) metadata = NULL;
  GStatBuf st;
  const char *format;
  gboolean have_min, have_max;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_NOT_FOUND,
                   "%s: %s", path, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_NOT_MBTILES,
                   "%s is not a regular file", path);
      return NULL;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_EMPTY,
                   "%s is empty (0 bytes), not an MBTiles file", path);
      return NULL;
    }

  self = g_object_new (KIOSK_TYPE_MBTILES_SOURCE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_NOT_MBTILES,
                   "%s cannot be opened: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  /* A file that is not SQLite fails on the first query. */
  rc = sqlite3_exec (self->db, "SELECT COUNT(*) FROM sqlite_master", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_NOT_MBTILES,
                   "%s is not an MBTiles file (not an SQLite database: %s)",
                   path, sqlite3_errmsg (self->db));
      return NULL;
    }
  if (!query_exists (self->db, "tiles"))
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_NOT_MBTILES,
                   "%s is not an MBTiles file: it has no “tiles” table", path);
      return NULL;
    }

  metadata = read_metadata (self->db);
  self->name = g_strdup (g_hash_table_lookup (metadata, "name"));
  self->attribution = g_strdup (g_hash_table_lookup (metadata, "attribution"));
  if (self->name == NULL)
    self->name = g_path_get_basename (path);

  have_min = parse_zoom (g_hash_table_lookup (metadata, "minzoom"), &self->min_zoom);
  have_max = parse_zoom (g_hash_table_lookup (metadata, "maxzoom"), &self->max_zoom);
  if ((!have_min || !have_max) && !derive_zooms (self, !have_min, !have_max))
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_EMPTY,
                   "%s has no tiles", path);
      return NULL;
    }
  if (self->min_zoom > self->max_zoom)
    {
      guint swap = self->min_zoom;

      self->min_zoom = self->max_zoom;
      self->max_zoom = swap;
    }

  self->has_bounds = parse_bounds (g_hash_table_lookup (metadata, "bounds"), self->bounds);
  if (!self->has_bounds)
    derive_bounds (self);

  format = g_hash_table_lookup (metadata, "format");
  if (format != NULL)
    self->format = g_ascii_strdown (format, -1);
  else
    self->format = sniff_first_tile (self);

  if (g_strcmp0 (self->format, "jpeg") == 0)
    {
      g_free (self->format);
      self->format = g_strdup ("jpg");
    }

  if (g_strcmp0 (self->format, "pbf") == 0 || g_strcmp0 (self->format, "mvt") == 0)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_UNSUPPORTED,
                   "%s holds vector tiles (%s); the map needs raster tiles (png, jpg, webp)",
                   path, self->format);
      return NULL;
    }
  if (self->format == NULL)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_EMPTY,
                   "%s has no tiles and states no format", path);
      return NULL;
    }
  if (g_strcmp0 (self->format, "png") != 0 && g_strcmp0 (self->format, "jpg") != 0 &&
      g_strcmp0 (self->format, "webp") != 0)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_UNSUPPORTED,
                   "%s: tile format “%s” is not supported (png, jpg, webp)",
                   path, self->format);
      return NULL;
    }

  return g_steal_pointer (&self);
}

KioskMbtilesSource *
kiosk_mbtiles_source_new_blank (void)
{
  KioskMbtilesSource *self = g_object_new (KIOSK_TYPE_MBTILES_SOURCE, NULL);

  self->path = g_strdup ("");
  self->name = g_strdup ("");
  self->format = g_strdup ("png");
  self->max_zoom = 30;

  return self;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  KioskMbtilesSource *self = kiosk_mbtiles_source_new (task_data, &error);

  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

void
kiosk_mbtiles_source_new_async (const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_mbtiles_source_new_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

KioskMbtilesSource *
kiosk_mbtiles_source_new_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
kiosk_mbtiles_source_get_path (KioskMbtilesSource *self)
{
  g_return_val_if_fail (KIOSK_IS_MBTILES_SOURCE (self), NULL);

  return self->path;
}

const char *
kiosk_mbtiles_source_get_name (KioskMbtilesSource *self)
{
  g_return_val_if_fail (KIOSK_IS_MBTILES_SOURCE (self), NULL);

  return self->name;
}

const char *
kiosk_mbtiles_source_get_format (KioskMbtilesSource *self)
{
  g_return_val_if_fail (KIOSK_IS_MBTILES_SOURCE (self), NULL);

  return self->format;
}

const char *
kiosk_mbtiles_source_get_attribution (KioskMbtilesSource *self)
{
  g_return_val_if_fail (KIOSK_IS_MBTILES_SOURCE (self), NULL);

  return self->attribution;
}

guint
kiosk_mbtiles_source_get_min_zoom (KioskMbtilesSource *self)
{
  g_return_val_if_fail (KIOSK_IS_MBTILES_SOURCE (self), 0);

  return self->min_zoom;
}

guint
kiosk_mbtiles_source_get_max_zoom (KioskMbtilesSource *self)
{
  g_return_val_if_fail (KIOSK_IS_MBTILES_SOURCE (self), 0);

  return self->max_zoom;
}

gboolean
kiosk_mbtiles_source_get_bounds (KioskMbtilesSource *self,
                                 double             *west,
                                 double             *south,
                                 double             *east,
                                 double             *north)
{
  g_return_val_if_fail (KIOSK_IS_MBTILES_SOURCE (self), FALSE);

  if (west != NULL)
    *west = self->bounds[0];
  if (south != NULL)
    *south = self->bounds[1];
  if (east != NULL)
    *east = self->bounds[2];
  if (north != NULL)
    *north = self->bounds[3];

  return self->has_bounds;
}

gint64
kiosk_mbtiles_source_count_tiles (KioskMbtilesSource  *self,
                                  GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  g_return_val_if_fail (KIOSK_IS_MBTILES_SOURCE (self), -1);

  if (sqlite3_prepare_v2 (self->db, "SELECT COUNT(*) FROM tiles", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_FAILED,
                 "%s: cannot count tiles: %s", self->path, sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);

  return count;
}

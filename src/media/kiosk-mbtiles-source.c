/* kiosk-mbtiles-source.c: map tiles read from a local MBTiles 1.3 file */

#define G_LOG_DOMAIN "kiosk-mbtiles-source"

#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "kiosk-mbtiles-source.h"
#include "kiosk-mbtiles-source-private.h"
#include "kiosk-tile-image.h"

/* How many levels a missing tile may borrow from: beyond this the scaled
 * image says nothing any more. */
#define MAX_PARENT_LEVELS 6
#define TILE_SIZE 256

/* Every query runs against a deadline: an MBTiles file comes from outside,
 * and its "tiles" may be a view that never ends. Looking up one tile through
 * the index takes microseconds; opening reads metadata and may scan the
 * zoom levels; the check also counts and verifies the whole file. */
#define TILE_BUDGET_MS   2000
#define OPEN_BUDGET_MS   5000
#define CHECK_BUDGET_MS  60000

G_DEFINE_FINAL_TYPE (KioskMbtilesSource, kiosk_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

G_DEFINE_QUARK (kiosk-mbtiles-error-quark, kiosk_mbtiles_error)

typedef struct
{
  int x;
  int y;
  int zoom;
} TileRequest;

/* The deadline of the query the calling thread runs. It lives with the
 * thread, not the connection: worker threads share the connection, and the
 * progress handler runs in the thread that steps the statement. */
typedef struct
{
  gint64 deadline;    /* monotonic µs; 0: none */
  guint  budget_ms;
} Budget;

static GPrivate budget_key = G_PRIVATE_INIT (g_free);

static Budget *
get_budget (void)
{
  Budget *budget = g_private_get (&budget_key);

  if (budget == NULL)
    {
      budget = g_new0 (Budget, 1);
      g_private_set (&budget_key, budget);
    }

  return budget;
}

static void
budget_start (guint budget_ms)
{
  Budget *budget = get_budget ();

  budget->budget_ms = budget_ms;
  budget->deadline = g_get_monotonic_time () + (gint64) budget_ms * 1000;
}

static void
budget_end (void)
{
  get_budget ()->deadline = 0;
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

      bytes = kiosk_mbtiles_source_select_tile (self, x >> dz, y >> dz, zoom - dz, &local_error);
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

KioskMbtilesSource *
kiosk_mbtiles_source_new (const char  *path,
                          GError     **error)
{
  g_autoptr(KioskMbtilesSource) self = NULL;
  GStatBuf st;
  gboolean ok;

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

  if (!kiosk_mbtiles_source_open_database (self, error))
    return NULL;

  budget_start (OPEN_BUDGET_MS);
  ok = kiosk_mbtiles_source_read_file (self, error);
  budget_end ();
  if (!ok)
    return NULL;

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

  if (!kiosk_mbtiles_source_probe_missing_tile (self, error))
    return NULL;

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
  int rc;

  g_return_val_if_fail (KIOSK_IS_MBTILES_SOURCE (self), -1);

  rc = sqlite3_prepare_v2 (self->db, "SELECT COUNT(*) FROM tiles", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      budget_start (CHECK_BUDGET_MS);
      rc = sqlite3_step (stmt);
      budget_end ();
    }
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    kiosk_mbtiles_source_query_error (self, rc, "counting the tiles", error);
  sqlite3_finalize (stmt);

  return count;
}

/* PRAGMA quick_check: every page, every record, every index entry. */
static gboolean
check_pages (KioskMbtilesSource  *self,
             GError             **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  /* At most a few lines: the first say enough. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check (5)", -1, &stmt, NULL);
  budget_start (CHECK_BUDGET_MS);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", n++ > 0 ? "; " : "", line ? line : "?");
      rc = SQLITE_OK;
    }
  budget_end ();
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return kiosk_mbtiles_source_query_error (self, rc, "checking the file (quick_check)", error);
  if (n > 0)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_CORRUPT,
                   "%s is damaged: %s", self->path, problems->str);
      return FALSE;
    }

  return TRUE;
}

/* Decodes the first tile of @zoom (or of the file, when @zoom < 0). */
static gboolean
check_sample (KioskMbtilesSource  *self,
              int                  zoom,
              GPtrArray           *names,
              GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert (names != NULL);

  rc = sqlite3_prepare_v2 (self->db,
                           zoom < 0
                           ? "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1"
                           : "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles "
                             "WHERE zoom_level = ?1 LIMIT 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if (zoom >= 0)
        sqlite3_bind_int (stmt, 1, zoom);
      budget_start (OPEN_BUDGET_MS);
      rc = kiosk_mbtiles_step_one (stmt);
      budget_end ();
    }
  if (rc == SQLITE_ROW)
    {
      int z = sqlite3_column_int (stmt, 0);
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (stmt, 3),
                                             sqlite3_column_bytes (stmt, 3));

      /* The name a map would use: XYZ, rows from the north. */
      name = g_strdup_printf ("%d/%d/%d", z, sqlite3_column_int (stmt, 1),
                              z >= 0 && z <= 30 ? (1 << z) - 1 - sqlite3_column_int (stmt, 2) : 0);
      if (!kiosk_tile_image_check (bytes, &local_error))
        g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_CORRUPT,
                     "%s: tile %s (TMS row %d) is no picture the map can draw: %s",
                     self->path, name, sqlite3_column_int (stmt, 2), local_error->message);
      else if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_steal_pointer (&name));
    }
  else if (rc != SQLITE_OK)
    {
      kiosk_mbtiles_source_query_error (self, rc, "reading a sample tile", error);
    }
  sqlite3_finalize (stmt);

  return rc != SQLITE_ROW ? rc == SQLITE_OK : local_error == NULL;
}

GStrv
kiosk_mbtiles_source_verify (KioskMbtilesSource  *self,
                             GError             **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (KIOSK_IS_MBTILES_SOURCE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);

  if (!check_pages (self, error) ||
      !check_sample (self, -1, names, error) ||
      !check_sample (self, self->min_zoom, names, error) ||
      !check_sample (self, self->max_zoom, names, error))
    return NULL;

  g_ptr_array_add (names, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

int
kiosk_mbtiles_progress_cb (gpointer user_data)
{
  Budget *budget = g_private_get (&budget_key);

  /* Non-zero interrupts the statement with SQLITE_INTERRUPT. */
  return budget != NULL && budget->deadline != 0 && g_get_monotonic_time () > budget->deadline;
}

/* Says why @what failed with @rc, naming the file. Returns FALSE. */
gboolean
kiosk_mbtiles_source_query_error (KioskMbtilesSource  *self,
                                  int                  rc,
                                  const char          *what,
                                  GError             **error)
{
  switch (rc)
    {
    case SQLITE_INTERRUPT:
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_TOO_SLOW,
                   "%s: %s took longer than %u s and was stopped (a view without end, "
                   "or a table without an index?)",
                   self->path, what, (get_budget ()->budget_ms + 999) / 1000);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_CORRUPT,
                   "%s is damaged: %s: %s", self->path, what, sqlite3_errmsg (self->db));
      break;

    default:
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_FAILED,
                   "%s: %s: %s", self->path, what, sqlite3_errmsg (self->db));
    }

  return FALSE;
}

GBytes *
kiosk_mbtiles_source_select_tile (KioskMbtilesSource  *self,
                                  int                  x,
                                  int                  y,
                                  int                  zoom,
                                  GError             **error)
{
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes = NULL;
  int rc;

  g_assert (self->db != NULL);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT tile_data FROM tiles "
                           "WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      /* MBTiles rows count from the south (TMS); the map counts from the north. */
      sqlite3_bind_int (stmt, 1, zoom);
      sqlite3_bind_int (stmt, 2, x);
      sqlite3_bind_int (stmt, 3, (1 << zoom) - 1 - y);

      budget_start (TILE_BUDGET_MS);
      rc = sqlite3_step (stmt);
      budget_end ();
    }
  if (rc == SQLITE_ROW)
    {
      const void *blob = sqlite3_column_blob (stmt, 0);
      int size = sqlite3_column_bytes (stmt, 0);

      if (blob != NULL && size > 0)
        bytes = g_bytes_new (blob, size);
    }
  else if (rc != SQLITE_DONE)
    {
      what = g_strdup_printf ("reading tile %d/%d/%d", zoom, x, y);
      kiosk_mbtiles_source_query_error (self, rc, what, error);
    }
  sqlite3_finalize (stmt);

  return bytes;
}

/* kiosk-mbtiles-open.c: opening an MBTiles file: its connection, metadata and zoom levels */

#define G_LOG_DOMAIN "kiosk-mbtiles-source"

#include "config.h"

#include <math.h>
#include <sqlite3.h>

#include "kiosk-mbtiles-source-private.h"
#include "kiosk-sqlite.h"
#include "kiosk-tile-image.h"

/* How many virtual machine steps between two looks at the clock. */
#define PROGRESS_STEPS   1000
/* No tile, metadata value or row is larger than this. */
#define MAX_VALUE_BYTES  (16 * 1024 * 1024)

static gboolean
query_exists (KioskMbtilesSource  *self,
              const char          *name,
              gboolean            *found,
              GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT 1 FROM sqlite_master WHERE name = ?1 AND type IN ('table', 'view')",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      rc = kiosk_mbtiles_step_one (stmt);
    }
  *found = rc == SQLITE_ROW;
  sqlite3_finalize (stmt);

  /* A file that is not SQLite fails here, on the first read. */
  if (rc != SQLITE_OK && rc != SQLITE_ROW)
    {
      if (rc == SQLITE_NOTADB)
        {
          g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_NOT_MBTILES,
                       "%s is not an MBTiles file (not an SQLite database: %s)",
                       self->path, sqlite3_errmsg (self->db));
          return FALSE;
        }
      return kiosk_mbtiles_source_query_error (self, rc, "reading the list of tables", error);
    }

  return TRUE;
}

static gboolean
read_metadata (KioskMbtilesSource  *self,
               GHashTable          *metadata,
               GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean exists;
  int rc;

  if (!query_exists (self, "metadata", &exists, error))
    return FALSE;
  if (!exists)
    return TRUE;

  rc = sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (name != NULL && value != NULL && g_utf8_validate (value, -1, NULL))
        g_hash_table_insert (metadata, g_ascii_strdown (name, -1), g_strdup (value));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return kiosk_mbtiles_source_query_error (self, rc, "reading the metadata", error);

  return TRUE;
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
derive_zooms (KioskMbtilesSource  *self,
              gboolean             need_min,
              gboolean             need_max,
              GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = kiosk_mbtiles_step_one (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      if (need_min)
        self->min_zoom = CLAMP (sqlite3_column_int (stmt, 0), 0, 30);
      if (need_max)
        self->max_zoom = CLAMP (sqlite3_column_int (stmt, 1), 0, 30);
    }
  else if (rc == SQLITE_ROW || rc == SQLITE_OK)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_EMPTY,
                   "%s has no tiles", self->path);
      rc = SQLITE_ERROR;
    }
  else
    kiosk_mbtiles_source_query_error (self, rc, "finding the zoom levels", error);
  sqlite3_finalize (stmt);

  return rc == SQLITE_ROW;
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

static gboolean
derive_bounds (KioskMbtilesSource  *self,
               GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int zoom = self->max_zoom;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT MIN(tile_column), MAX(tile_column), MIN(tile_row), MAX(tile_row) "
                           "FROM tiles WHERE zoom_level = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, zoom);
      rc = kiosk_mbtiles_step_one (stmt);
    }
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
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

  if (rc != SQLITE_ROW && rc != SQLITE_OK)
    return kiosk_mbtiles_source_query_error (self, rc, "finding the bounds", error);

  return TRUE;
}

static gboolean
sniff_first_tile (KioskMbtilesSource  *self,
                  GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT tile_data FROM tiles LIMIT 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = kiosk_mbtiles_step_one (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (stmt, 0),
                                             sqlite3_column_bytes (stmt, 0));

      self->format = g_strdup (kiosk_tile_format_sniff (bytes));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_OK)
    return kiosk_mbtiles_source_query_error (self, rc, "reading the first tile", error);

  return TRUE;
}

/* Steps @stmt to its end under the running budget: one row, or none. */
int
kiosk_mbtiles_step_one (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Looks for a tile that cannot exist. Through the index that is one quick
 * lookup; a table without an index is scanned, and a view without end never
 * answers. Every tile the map does not find costs the same, so a file that
 * fails here would only ever stall the map. */
gboolean
kiosk_mbtiles_source_probe_missing_tile (KioskMbtilesSource  *self,
                                         GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* Zoom 30 is a few centimetres a tile: no town's map goes there. */
  bytes = kiosk_mbtiles_source_select_tile (self, 0, 0, 30, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
kiosk_mbtiles_source_open_database (KioskMbtilesSource  *self,
                                    GError             **error)
{
  static const KioskSqliteSchema schema = {
    .what = "MBTiles file",
    .flags = KIOSK_SQLITE_OPEN_READ_ONLY,
  };
  g_autoptr(GError) local_error = NULL;

  /* The file is data from outside: its views and triggers may call no
   * function with side effects (trusted_schema=OFF) and nothing may write
   * to it (query_only=ON), both set by the open; no value may be huge,
   * and no query may run for ever. */
  self->db = kiosk_sqlite_open (self->path, &schema, NULL, NULL, &local_error);
  if (self->db == NULL)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR,
                   g_error_matches (local_error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_NOT_FOUND)
                     ? KIOSK_MBTILES_ERROR_NOT_FOUND : KIOSK_MBTILES_ERROR_NOT_MBTILES,
                   "%s", local_error->message);
      return FALSE;
    }

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_limit (self->db, SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES);
  sqlite3_progress_handler (self->db, PROGRESS_STEPS, kiosk_mbtiles_progress_cb, NULL);

  return TRUE;
}

/* Everything but the probe runs under one budget. */
gboolean
kiosk_mbtiles_source_read_file (KioskMbtilesSource  *self,
                                GError             **error)
{
  g_autoptr(GHashTable) metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *format;
  gboolean have_min, have_max, exists;

  if (!query_exists (self, "tiles", &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, KIOSK_MBTILES_ERROR, KIOSK_MBTILES_ERROR_NOT_MBTILES,
                   "%s is not an MBTiles file: it has no “tiles” table", self->path);
      return FALSE;
    }

  if (!read_metadata (self, metadata, error))
    return FALSE;
  self->name = g_strdup (g_hash_table_lookup (metadata, "name"));
  self->attribution = g_strdup (g_hash_table_lookup (metadata, "attribution"));
  if (self->name == NULL)
    self->name = g_path_get_basename (self->path);

  have_min = parse_zoom (g_hash_table_lookup (metadata, "minzoom"), &self->min_zoom);
  have_max = parse_zoom (g_hash_table_lookup (metadata, "maxzoom"), &self->max_zoom);
  if ((!have_min || !have_max) && !derive_zooms (self, !have_min, !have_max, error))
    return FALSE;
  if (self->min_zoom > self->max_zoom)
    {
      guint swap = self->min_zoom;

      self->min_zoom = self->max_zoom;
      self->max_zoom = swap;
    }

  self->has_bounds = parse_bounds (g_hash_table_lookup (metadata, "bounds"), self->bounds);
  if (!self->has_bounds && !derive_bounds (self, error))
    return FALSE;

  format = g_hash_table_lookup (metadata, "format");
  if (format != NULL)
    self->format = g_ascii_strdown (format, -1);
  else if (!sniff_first_tile (self, error))
    return FALSE;

  return TRUE;
}

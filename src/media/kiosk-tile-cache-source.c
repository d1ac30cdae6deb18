/* kiosk-tile-cache-source.c: map tiles from an XYZ URL template, kept in our own disk cache
 *
 * libshumate's own downloader keeps a cache we cannot size, expire or find
 * again; a kiosk must show the town offline and must not hammer a public
 * tile server. So tiles are kept in one SQLite file whose size and age we
 * control, shown from there first, revalidated with If-None-Match /
 * If-Modified-Since once they are older than max-age, and the server is left
 * alone for a while after it fails. */

#define G_LOG_DOMAIN "kiosk-tile-cache-source"

#include "config.h"

#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "kiosk-fetcher.h"
#include "kiosk-redact.h"
#include "kiosk-sqlite.h"
#include "kiosk-tile-cache-source.h"
#include "kiosk-tile-image.h"

#define BACKOFF_MIN_SECONDS 15
#define BACKOFF_MAX_SECONDS 600
/* A tile larger than this is not a tile. */
#define MAX_TILE_BYTES (4 * 1024 * 1024)
/* "used" is written back only this often, so showing tiles is not a write. */
#define TOUCH_INTERVAL 3600

struct _KioskTileCacheSource
{
  ShumateDataSource  parent_instance;

  /* owned */
  sqlite3           *db;            /* SQLITE_OPEN_FULLMUTEX: shared by workers */
  KioskFetcher      *fetcher;       /* the kiosk's one HTTP session */
  char              *url_template;
  char              *cache_path;
  char              *last_error;
  guint64            max_size;
  guint              max_age;
  guint              expire;
  guint              n_requests;
  guint              n_not_modified;
  gint64             backoff_until; /* monotonic µs */
  guint              backoff;       /* seconds */

  GMutex             size_lock;
  guint64            size;
};

G_DEFINE_FINAL_TYPE (KioskTileCacheSource, kiosk_tile_cache_source, SHUMATE_TYPE_DATA_SOURCE)

/* Each entry brings the schema from version i to i + 1. Append, never edit. */
static const char * const migrations[] = {
  /* 0 -> 1 (IF NOT EXISTS: files from before user_version was counted) */
  "CREATE TABLE IF NOT EXISTS tiles ("
  " z INTEGER NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL,"
  " data BLOB NOT NULL, etag TEXT, last_modified TEXT,"
  " fetched INTEGER NOT NULL, used INTEGER NOT NULL, size INTEGER NOT NULL,"
  " PRIMARY KEY (z, x, y));"
  "CREATE INDEX IF NOT EXISTS tiles_used ON tiles (used);",
};

/* Tiles come again from the network: a broken or newer file makes way. */
static const KioskSqliteSchema schema = {
  .what = "tile cache",
  .flags = KIOSK_SQLITE_OPEN_DISPOSABLE,
  .migrations = migrations,
  .n_migrations = G_N_ELEMENTS (migrations),
};

typedef struct
{
  int     x;
  int     y;
  int     zoom;
  GBytes *cached;        /* drawable bytes from the cache */
  char   *etag;
  char   *last_modified;
  gint64  fetched;       /* unix seconds */
  GBytes *fresh;         /* raw bytes from the network */
  GBytes *fresh_drawable;
  SoupMessage *message;  /* the request in flight */
} TileJob;

static void
tile_job_free (TileJob *job)
{
  g_clear_pointer (&job->cached, g_bytes_unref);
  g_clear_pointer (&job->fresh, g_bytes_unref);
  g_clear_pointer (&job->fresh_drawable, g_bytes_unref);
  g_clear_pointer (&job->etag, g_free);
  g_clear_pointer (&job->last_modified, g_free);
  g_clear_object (&job->message);
  g_free (job);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Worker threads */

static void
bind_tile (sqlite3_stmt  *stmt,
           const TileJob *job)
{
  sqlite3_bind_int (stmt, 1, job->zoom);
  sqlite3_bind_int (stmt, 2, job->x);
  sqlite3_bind_int (stmt, 3, job->y);
}

static void
evict (KioskTileCacheSource *self)
{
  g_autoptr(GArray) victims = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  guint64 target = self->max_size - self->max_size / 10;
  guint64 size;

  g_mutex_lock (&self->size_lock);
  size = self->size;
  g_mutex_unlock (&self->size_lock);
  if (size <= self->max_size)
    return;

  /* Least recently shown first, until under 90 % of the limit. */
  if (sqlite3_prepare_v2 (self->db, "SELECT rowid, size FROM tiles ORDER BY used ASC, rowid ASC",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  while (size > target && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      size -= MIN (size, (guint64) sqlite3_column_int64 (stmt, 1));
      g_array_append_val (victims, rowid);
    }
  sqlite3_finalize (stmt);

  sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL);
  if (sqlite3_prepare_v2 (self->db, "DELETE FROM tiles WHERE rowid = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      for (guint i = 0; i < victims->len; i++)
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (victims, gint64, i));
          sqlite3_step (stmt);
          sqlite3_reset (stmt);
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  g_mutex_lock (&self->size_lock);
  self->size = size;
  g_mutex_unlock (&self->size_lock);
}

/* Sets the columns in @sql (with ?4) of one tile to now. */
static void
stamp_tile (KioskTileCacheSource *self,
            const TileJob        *job,
            const char           *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      bind_tile (stmt, job);
      sqlite3_bind_int64 (stmt, 4, now_seconds ());
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KioskTileCacheSource *self = source_object;
  TileJob *job = task_data;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GBytes) raw = NULL;
  gint64 used = 0;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT data, etag, last_modified, fetched, used FROM tiles "
                          "WHERE z = ?1 AND x = ?2 AND y = ?3", -1, &stmt, NULL) == SQLITE_OK)
    {
      bind_tile (stmt, job);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          raw = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
          job->etag = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          job->last_modified = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          job->fetched = sqlite3_column_int64 (stmt, 3);
          used = sqlite3_column_int64 (stmt, 4);
        }
    }
  sqlite3_finalize (stmt);

  if (raw != NULL)
    {
      job->cached = kiosk_tile_image_to_drawable (raw, NULL);
      if (job->cached == NULL)
        {
          /* A broken entry is as good as none: fetch it again. */
          g_clear_pointer (&job->etag, g_free);
          g_clear_pointer (&job->last_modified, g_free);
        }
      else if (now_seconds () - used > TOUCH_INTERVAL)
        stamp_tile (self, job, "UPDATE tiles SET used = ?4 WHERE z = ?1 AND x = ?2 AND y = ?3");
    }

  g_task_return_boolean (task, TRUE);
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  KioskTileCacheSource *self = source_object;
  TileJob *job = task_data;
  sqlite3_stmt *stmt = NULL;
  GError *error = NULL;
  gsize size = g_bytes_get_size (job->fresh);
  gboolean over;

  /* Only what draws goes into the cache: an error page stays out. */
  job->fresh_drawable = kiosk_tile_image_to_drawable (job->fresh, &error);
  if (job->fresh_drawable == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A replaced tile no longer counts. */
  if (sqlite3_prepare_v2 (self->db, "SELECT size FROM tiles WHERE z = ?1 AND x = ?2 AND y = ?3",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      bind_tile (stmt, job);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_mutex_lock (&self->size_lock);
          self->size -= MIN (self->size, (guint64) sqlite3_column_int64 (stmt, 0));
          g_mutex_unlock (&self->size_lock);
        }
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT OR REPLACE INTO tiles (z, x, y, data, etag, last_modified, fetched, used, size) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)", -1, &stmt, NULL) == SQLITE_OK)
    {
      bind_tile (stmt, job);
      sqlite3_bind_blob (stmt, 4, g_bytes_get_data (job->fresh, NULL), size, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, job->etag, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, job->last_modified, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, now_seconds ());
      sqlite3_bind_int64 (stmt, 8, size);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_warning ("Tile cache %s: cannot store tile %d/%d/%d: %s", self->cache_path,
                   job->zoom, job->x, job->y, sqlite3_errmsg (self->db));
    }
  sqlite3_finalize (stmt);

  g_mutex_lock (&self->size_lock);
  self->size += size;
  over = self->size > self->max_size;
  g_mutex_unlock (&self->size_lock);
  if (over)
    evict (self);

  g_task_return_boolean (task, TRUE);
}

static void
touch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  stamp_tile (source_object, task_data,
              "UPDATE tiles SET fetched = ?4, used = ?4 WHERE z = ?1 AND x = ?2 AND y = ?3");
  g_task_return_boolean (task, TRUE);
}

static void
purge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  KioskTileCacheSource *self = source_object;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "DELETE FROM tiles WHERE used < ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, now_seconds () - self->expire);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (self->db, "SELECT COALESCE(SUM(size), 0) FROM tiles",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_mutex_lock (&self->size_lock);
      self->size = sqlite3_column_int64 (stmt, 0);
      g_mutex_unlock (&self->size_lock);
    }
  sqlite3_finalize (stmt);

  evict (self);
  g_task_return_boolean (task, TRUE);
}

/* Main thread */

static void
return_tile (GTask  *task,
             GBytes *bytes)
{
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
emit_received (KioskTileCacheSource *self,
               TileJob              *job,
               GBytes               *bytes)
{
  /* The raster renderer draws on this signal only, on the main thread. */
  g_signal_emit_by_name (self, "received-data", job->x, job->y, job->zoom, bytes);
}

static void
network_failed (KioskTileCacheSource *self,
                GTask                *task,
                const char           *message)
{
  TileJob *job = g_task_get_task_data (task);

  self->backoff = CLAMP (self->backoff * 2, BACKOFF_MIN_SECONDS, BACKOFF_MAX_SECONDS);
  self->backoff_until = g_get_monotonic_time () + (gint64) self->backoff * G_USEC_PER_SEC;
  if (g_strcmp0 (self->last_error, message) != 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (message);
      g_debug ("Tile server unavailable (%s); trying again in %u s", message, self->backoff);
    }

  if (job->cached != NULL)
    return_tile (task, job->cached);
  else
    g_task_return_new_error (task, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_NOT_FOUND,
                             "Tile %d/%d/%d is not cached and the server is unavailable: %s",
                             job->zoom, job->x, job->y, message);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KioskTileCacheSource *self = KIOSK_TILE_CACHE_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  TileJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf ("tile %d/%d/%d: %s", job->zoom, job->x,
                                                  job->y, error->message);

      /* The server answered, but not with an image: keep showing the old one. */
      g_free (self->last_error);
      self->last_error = g_steal_pointer (&message);
      if (job->cached != NULL)
        return_tile (task, job->cached);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->cached == NULL || !g_bytes_equal (job->cached, job->fresh_drawable))
    emit_received (self, job, job->fresh_drawable);
  return_tile (task, job->fresh_drawable);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KioskTileCacheSource *self = g_task_get_source_object (task);
  TileJob *job = g_task_get_task_data (task);
  SoupMessage *message = job->message;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  body = kiosk_fetcher_send_finish (KIOSK_FETCHER (object), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        network_failed (self, task, error->message);
      return;
    }

  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_NOT_MODIFIED && job->cached != NULL)
    {
      g_autoptr(GTask) touch = g_task_new (self, NULL, NULL, NULL);

      self->backoff = 0;
      self->n_not_modified++;
      g_clear_pointer (&self->last_error, g_free);
      g_task_set_task_data (touch, g_memdup2 (job, sizeof *job), g_free);
      /* Only x, y and zoom of the copy are used. */
      g_task_run_in_thread (touch, touch_thread);
      return_tile (task, job->cached);
      return;
    }

  if (status == SOUP_STATUS_OK)
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (message);
      GTask *store;

      self->backoff = 0;
      g_clear_pointer (&self->last_error, g_free);
      g_free (job->etag);
      job->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
      g_free (job->last_modified);
      job->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
      job->fresh = g_steal_pointer (&body);

      store = g_task_new (self, NULL, stored_cb, g_steal_pointer (&task));
      g_task_set_task_data (store, job, NULL);
      g_task_run_in_thread (store, store_thread);
      g_object_unref (store);
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_NO_CONTENT)
    {
      if (job->cached != NULL)
        return_tile (task, job->cached);
      else
        g_task_return_new_error (task, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_NOT_FOUND,
                                 "The tile server has no tile %d/%d/%d (HTTP %u)",
                                 job->zoom, job->x, job->y, status);
      return;
    }

  {
    g_autofree char *text = g_strdup_printf ("HTTP %u %s", status,
                                             soup_message_get_reason_phrase (message));

    network_failed (self, task, text);
  }
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  KioskTileCacheSource *self = KIOSK_TILE_CACHE_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  TileJob *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;

  if (job->cached != NULL)
    {
      emit_received (self, job, job->cached);
      if (now_seconds () - job->fetched < (gint64) self->max_age)
        {
          return_tile (task, job->cached);
          return;
        }
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->backoff_until > g_get_monotonic_time ())
    {
      if (job->cached != NULL)
        return_tile (task, job->cached);
      else
        g_task_return_new_error (task, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_NOT_FOUND,
                                 "Tile %d/%d/%d is not cached and the server is unavailable: %s",
                                 job->zoom, job->x, job->y,
                                 self->last_error ? self->last_error : "no answer");
      return;
    }

  url = kiosk_tile_cache_source_get_tile_url (self, job->x, job->y, job->zoom);
  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      g_autofree char *shown = kiosk_redact_uri (url);

      g_task_return_new_error (task, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_FAILED,
                               "“%s” is not a valid URL", shown);
      return;
    }

  headers = soup_message_get_request_headers (message);
  if (job->cached != NULL && job->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", job->etag);
  if (job->cached != NULL && job->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", job->last_modified);

  self->n_requests++;
  g_set_object (&job->message, message);
  kiosk_fetcher_send_async (self->fetcher, message, MAX_TILE_BYTES, cancellable,
                            fetched_cb, g_steal_pointer (&task));
}

static void
kiosk_tile_cache_source_get_tile_data_async (ShumateDataSource   *source,
                                             int                  x,
                                             int                  y,
                                             int                  zoom_level,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  KioskTileCacheSource *self = KIOSK_TILE_CACHE_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) lookup = NULL;
  TileJob *job = g_new0 (TileJob, 1);

  job->x = x;
  job->y = y;
  job->zoom = zoom_level;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_tile_cache_source_get_tile_data_async);
  g_task_set_task_data (task, job, (GDestroyNotify) tile_job_free);

  lookup = g_task_new (self, NULL, looked_up_cb, g_steal_pointer (&task));
  g_task_set_task_data (lookup, job, NULL);
  g_task_run_in_thread (lookup, lookup_thread);
}

static GBytes *
kiosk_tile_cache_source_get_tile_data_finish (ShumateDataSource  *source,
                                              GAsyncResult       *result,
                                              GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
kiosk_tile_cache_source_dispose (GObject *object)
{
  KioskTileCacheSource *self = (KioskTileCacheSource *)object;

  g_clear_object (&self->fetcher);

  G_OBJECT_CLASS (kiosk_tile_cache_source_parent_class)->dispose (object);
}

static void
kiosk_tile_cache_source_finalize (GObject *object)
{
  KioskTileCacheSource *self = (KioskTileCacheSource *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->url_template, g_free);
  g_clear_pointer (&self->cache_path, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_mutex_clear (&self->size_lock);

  G_OBJECT_CLASS (kiosk_tile_cache_source_parent_class)->finalize (object);
}

static void
kiosk_tile_cache_source_class_init (KioskTileCacheSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->dispose = kiosk_tile_cache_source_dispose;
  object_class->finalize = kiosk_tile_cache_source_finalize;
  source_class->get_tile_data_async = kiosk_tile_cache_source_get_tile_data_async;
  source_class->get_tile_data_finish = kiosk_tile_cache_source_get_tile_data_finish;
}

static void
kiosk_tile_cache_source_init (KioskTileCacheSource *self)
{
  g_mutex_init (&self->size_lock);
  self->max_size = KIOSK_TILE_CACHE_DEFAULT_MAX_SIZE;
  self->max_age = KIOSK_TILE_CACHE_DEFAULT_MAX_AGE;
  self->expire = KIOSK_TILE_CACHE_DEFAULT_EXPIRE;
}

KioskTileCacheSource *
kiosk_tile_cache_source_new (const char    *url_template,
                             const char    *cache_path,
                             KioskFetcher  *fetcher,
                             GError       **error)
{
  g_autoptr(KioskTileCacheSource) self = NULL;
  g_autoptr(GTask) purge = NULL;
  const char *scheme;

  g_return_val_if_fail (url_template != NULL, NULL);
  g_return_val_if_fail (KIOSK_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (cache_path != NULL, NULL);

  scheme = g_uri_peek_scheme (url_template);
  if (scheme == NULL || (!g_str_equal (scheme, "http") && !g_str_equal (scheme, "https")) ||
      strstr (url_template, "{z}") == NULL || strstr (url_template, "{x}") == NULL ||
      strstr (url_template, "{y}") == NULL)
    {
      g_autofree char *shown = kiosk_redact_uri (url_template);

      g_set_error (error, KIOSK_TILE_ERROR, KIOSK_TILE_ERROR_FAILED,
                   "“%s” is not a tile URL template: it needs http(s) and {z}, {x} and {y}",
                   shown);
      return NULL;
    }

  self = g_object_new (KIOSK_TYPE_TILE_CACHE_SOURCE, NULL);
  self->url_template = g_strdup (url_template);
  self->cache_path = g_strdup (cache_path);

  self->db = kiosk_sqlite_open (cache_path, &schema, NULL, NULL, error);
  if (self->db == NULL)
    return NULL;

  self->fetcher = g_object_ref (fetcher);

  purge = g_task_new (self, NULL, NULL, NULL);
  g_task_run_in_thread (purge, purge_thread);

  return g_steal_pointer (&self);
}

const char *
kiosk_tile_cache_source_get_url_template (KioskTileCacheSource *self)
{
  g_return_val_if_fail (KIOSK_IS_TILE_CACHE_SOURCE (self), NULL);

  return self->url_template;
}

char *
kiosk_tile_cache_source_get_tile_url (KioskTileCacheSource *self,
                                      int                   x,
                                      int                   y,
                                      int                   zoom)
{
  g_autoptr(GString) url = NULL;
  char number[16];

  g_return_val_if_fail (KIOSK_IS_TILE_CACHE_SOURCE (self), NULL);

  url = g_string_new (self->url_template);
  g_snprintf (number, sizeof number, "%d", zoom);
  g_string_replace (url, "{z}", number, 0);
  g_snprintf (number, sizeof number, "%d", x);
  g_string_replace (url, "{x}", number, 0);
  g_snprintf (number, sizeof number, "%d", y);
  g_string_replace (url, "{y}", number, 0);

  return g_string_free (g_steal_pointer (&url), FALSE);
}

void
kiosk_tile_cache_source_set_max_size (KioskTileCacheSource *self,
                                      guint64               bytes)
{
  g_return_if_fail (KIOSK_IS_TILE_CACHE_SOURCE (self));

  self->max_size = MAX (bytes, 1024 * 1024);
}

void
kiosk_tile_cache_source_set_max_age (KioskTileCacheSource *self,
                                     guint                 seconds)
{
  g_return_if_fail (KIOSK_IS_TILE_CACHE_SOURCE (self));

  self->max_age = seconds;
}

void
kiosk_tile_cache_source_set_expire (KioskTileCacheSource *self,
                                    guint                 seconds)
{
  g_return_if_fail (KIOSK_IS_TILE_CACHE_SOURCE (self));

  self->expire = MAX (seconds, 3600);
}

guint
kiosk_tile_cache_source_get_n_requests (KioskTileCacheSource *self)
{
  g_return_val_if_fail (KIOSK_IS_TILE_CACHE_SOURCE (self), 0);

  return self->n_requests;
}

guint
kiosk_tile_cache_source_get_n_not_modified (KioskTileCacheSource *self)
{
  g_return_val_if_fail (KIOSK_IS_TILE_CACHE_SOURCE (self), 0);

  return self->n_not_modified;
}

guint64
kiosk_tile_cache_source_get_size (KioskTileCacheSource *self)
{
  guint64 size;

  g_return_val_if_fail (KIOSK_IS_TILE_CACHE_SOURCE (self), 0);

  g_mutex_lock (&self->size_lock);
  size = self->size;
  g_mutex_unlock (&self->size_lock);

  return size;
}

const char *
kiosk_tile_cache_source_get_last_error (KioskTileCacheSource *self)
{
  g_return_val_if_fail (KIOSK_IS_TILE_CACHE_SOURCE (self), NULL);

  return self->last_error;
}

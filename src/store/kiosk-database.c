/* kiosk-database.c: the offline cache: each source's last good bytes (SQLite) */

#define G_LOG_DOMAIN "kiosk-database"

#include "config.h"

#include <sqlite3.h>

#include "kiosk-database.h"
#include "kiosk-sqlite.h"

struct _KioskDatabase
{
  GObject   parent_instance;

  /* owned */
  GMutex    mutex;           /* one statement sequence at a time */
  sqlite3  *db;
  char     *path;
  char     *recovery_message;
  int       schema_version;
};

G_DEFINE_FINAL_TYPE (KioskDatabase, kiosk_database, G_TYPE_OBJECT)

/* Each entry brings the schema from version i to i + 1. Append, never edit. */
static const char * const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE sources ("
  "  id            TEXT PRIMARY KEY,"
  "  url           TEXT NOT NULL,"
  "  hash          TEXT,"
  "  etag          TEXT,"
  "  last_modified TEXT,"
  "  content_type  TEXT,"
  "  fetched_at    INTEGER,"
  "  checked_at    INTEGER"
  ");"
  "CREATE TABLE pages ("
  "  source_id     TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,"
  "  n             INTEGER NOT NULL,"
  "  url           TEXT,"
  "  headers       BLOB,"
  "  body          BLOB NOT NULL,"
  "  PRIMARY KEY (source_id, n)"
  ");",
};

/* A cache is only a cache: a broken file, or one of a newer Ankerort, is
 * kept for a post-mortem and the kiosk starts again rather than go
 * without one. */
static const KioskSqliteSchema schema = {
  .what = "cache",
  .flags = KIOSK_SQLITE_OPEN_DISPOSABLE,
  .migrations = migrations,
  .n_migrations = G_N_ELEMENTS (migrations),
};

KioskCachePage *
kiosk_cache_page_new (const char *url,
                      GHashTable *headers,
                      GBytes     *bytes)
{
  KioskCachePage *page = g_new0 (KioskCachePage, 1);

  page->url = g_strdup (url);
  page->headers = headers != NULL ? g_hash_table_ref (headers) : NULL;
  page->bytes = bytes != NULL ? g_bytes_ref (bytes) : g_bytes_new (NULL, 0);

  return page;
}

void
kiosk_cache_page_free (KioskCachePage *page)
{
  if (page == NULL)
    return;

  g_free (page->url);
  g_clear_pointer (&page->headers, g_hash_table_unref);
  g_clear_pointer (&page->bytes, g_bytes_unref);
  g_free (page);
}

KioskCacheEntry *
kiosk_cache_entry_new (const char *source_id,
                       const char *url)
{
  KioskCacheEntry *entry = g_new0 (KioskCacheEntry, 1);

  entry->source_id = g_strdup (source_id);
  entry->url = g_strdup (url);
  entry->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_cache_page_free);

  return entry;
}

void
kiosk_cache_entry_free (KioskCacheEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->source_id);
  g_free (entry->url);
  g_free (entry->hash);
  g_free (entry->etag);
  g_free (entry->last_modified);
  g_free (entry->content_type);
  g_clear_pointer (&entry->fetched_at, g_date_time_unref);
  g_clear_pointer (&entry->checked_at, g_date_time_unref);
  g_clear_pointer (&entry->pages, g_ptr_array_unref);
  g_free (entry);
}

static gint64
to_usec (GDateTime *time)
{
  if (time == NULL)
    return 0;

  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static GDateTime *
from_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = NULL;

  if (usec <= 0)
    return NULL;

  seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  return seconds != NULL ? g_date_time_add (seconds, usec % G_USEC_PER_SEC) : NULL;
}

/* The queries below report their errors in the SQLite helper's domain. */
static gboolean
set_sqlite_error (sqlite3     *db,
                  int          code,
                  const char  *what,
                  GError     **error)
{
  return kiosk_sqlite_set_error (db, code, what, error);
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  return kiosk_sqlite_exec (db, sql, error);
}

static void
kiosk_database_finalize (GObject *object)
{
  KioskDatabase *self = (KioskDatabase *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->recovery_message, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (kiosk_database_parent_class)->finalize (object);
}

static void
kiosk_database_class_init (KioskDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_database_finalize;
}

static void
kiosk_database_init (KioskDatabase *self)
{
  g_mutex_init (&self->mutex);
}

char *
kiosk_database_get_default_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "ankerort", "cache.db", NULL);
}

/* Corruption found while running: the file is kept for a post-mortem
 * and the kiosk starts again with a new one. */
static gboolean
recover (KioskDatabase  *self,
         const GError   *cause,
         GError        **error)
{
  char *message;

  g_clear_pointer (&self->db, sqlite3_close);
  message = kiosk_sqlite_set_aside (self->path, schema.what, cause->message, error);
  if (message == NULL)
    return FALSE;
  g_free (self->recovery_message);
  self->recovery_message = message;

  self->db = kiosk_sqlite_open (self->path, &schema, &self->schema_version, NULL, error);
  return self->db != NULL;
}

KioskDatabase *
kiosk_database_open (const char  *path,
                     GError     **error)
{
  g_autoptr(KioskDatabase) self = NULL;
  g_autofree char *default_path = NULL;

  if (path == NULL)
    path = default_path = kiosk_database_get_default_path ();

  self = g_object_new (KIOSK_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->db = kiosk_sqlite_open (path, &schema, &self->schema_version,
                                &self->recovery_message, error);
  if (self->db == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/* The caller still gets its error: the data it asked for is gone. */
static void
recover_if_corrupt (KioskDatabase *self,
                    const GError  *cause)
{
  g_autoptr(GError) error = NULL;

  if (!g_error_matches (cause, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_CORRUPT))
    return;
  if (!recover (self, cause, &error))
    g_message ("No cache any more: %s", error->message);
}

static gboolean
check_open (KioskDatabase  *self,
            GError        **error)
{
  if (self->db != NULL)
    return TRUE;

  g_set_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_FAILED,
               "the cache %s cannot be used", self->path);
  return FALSE;
}

const char *
kiosk_database_get_path (KioskDatabase *self)
{
  g_return_val_if_fail (KIOSK_IS_DATABASE (self), NULL);

  return self->path;
}

const char *
kiosk_database_get_recovery_message (KioskDatabase *self)
{
  g_return_val_if_fail (KIOSK_IS_DATABASE (self), NULL);

  return self->recovery_message;
}

int
kiosk_database_get_schema_version (KioskDatabase *self)
{
  g_return_val_if_fail (KIOSK_IS_DATABASE (self), 0);

  return self->schema_version;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static GBytes *
headers_to_bytes (GHashTable *headers)
{
  g_autoptr(GVariant) variant = NULL;
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer key, value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  if (headers != NULL)
    {
      g_hash_table_iter_init (&iter, headers);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_variant_builder_add (&builder, "{ss}", key, value);
    }
  variant = g_variant_ref_sink (g_variant_builder_end (&builder));

  return g_variant_get_data_as_bytes (variant);
}

static GHashTable *
headers_from_blob (const void *data,
                   int         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) variant = NULL;
  GHashTable *headers;
  GVariantIter iter;
  const char *key, *value;

  if (data == NULL || size <= 0)
    return NULL;

  bytes = g_bytes_new (data, size);
  variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("a{ss}"), bytes, FALSE));
  headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* A damaged blob reads as an empty or partial table, never out of bounds. */
  g_variant_iter_init (&iter, variant);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    g_hash_table_insert (headers, g_strdup (key), g_strdup (value));

  return headers;
}

static gboolean
load_locked (KioskDatabase    *self,
             const char       *source_id,
             KioskCacheEntry **out,
             GError          **error)
{
  g_autoptr(KioskCacheEntry) entry = NULL;
  sqlite3_stmt *stmt = NULL;
  int code;

  code = sqlite3_prepare_v2 (self->db,
                             "SELECT url, hash, etag, last_modified, content_type, "
                             "fetched_at, checked_at FROM sources WHERE id = ?",
                             -1, &stmt, NULL);
  if (code != SQLITE_OK)
    return set_sqlite_error (self->db, code, "reading the cache", error);

  bind_text (stmt, 1, source_id);
  code = sqlite3_step (stmt);
  if (code == SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      *out = NULL;
      return TRUE;
    }
  if (code != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return set_sqlite_error (self->db, code, "reading the cache", error);
    }

  entry = kiosk_cache_entry_new (source_id, (const char *) sqlite3_column_text (stmt, 0));
  entry->hash = column_text (stmt, 1);
  entry->etag = column_text (stmt, 2);
  entry->last_modified = column_text (stmt, 3);
  entry->content_type = column_text (stmt, 4);
  entry->fetched_at = from_usec (sqlite3_column_int64 (stmt, 5));
  entry->checked_at = from_usec (sqlite3_column_int64 (stmt, 6));
  sqlite3_finalize (stmt);

  code = sqlite3_prepare_v2 (self->db,
                             "SELECT url, headers, body FROM pages WHERE source_id = ? ORDER BY n",
                             -1, &stmt, NULL);
  if (code != SQLITE_OK)
    return set_sqlite_error (self->db, code, "reading the cache", error);

  bind_text (stmt, 1, source_id);
  while ((code = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GHashTable) headers = headers_from_blob (sqlite3_column_blob (stmt, 1),
                                                         sqlite3_column_bytes (stmt, 1));
      g_autoptr(GBytes) body = g_bytes_new (sqlite3_column_blob (stmt, 2),
                                            sqlite3_column_bytes (stmt, 2));

      g_ptr_array_add (entry->pages,
                       kiosk_cache_page_new ((const char *) sqlite3_column_text (stmt, 0),
                                             headers, body));
    }
  sqlite3_finalize (stmt);
  if (code != SQLITE_DONE)
    return set_sqlite_error (self->db, code, "reading the cache", error);

  *out = g_steal_pointer (&entry);
  return TRUE;
}

gboolean
kiosk_database_load (KioskDatabase    *self,
                     const char       *source_id,
                     KioskCacheEntry **entry,
                     GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ret;

  g_return_val_if_fail (KIOSK_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (source_id != NULL, FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  *entry = NULL;
  g_mutex_lock (&self->mutex);
  ret = check_open (self, &local_error) && load_locked (self, source_id, entry, &local_error);
  if (!ret)
    recover_if_corrupt (self, local_error);
  g_mutex_unlock (&self->mutex);

  if (!ret)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ret;
}

static gboolean
store_locked (KioskDatabase         *self,
              const KioskCacheEntry *entry,
              GError               **error)
{
  sqlite3_stmt *stmt = NULL;
  int code;

  if (!exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  code = sqlite3_prepare_v2 (self->db,
                             "INSERT OR REPLACE INTO sources (id, url, hash, etag, last_modified, "
                             "content_type, fetched_at, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             -1, &stmt, NULL);
  if (code == SQLITE_OK)
    {
      bind_text (stmt, 1, entry->source_id);
      bind_text (stmt, 2, entry->url != NULL ? entry->url : "");
      bind_text (stmt, 3, entry->hash);
      bind_text (stmt, 4, entry->etag);
      bind_text (stmt, 5, entry->last_modified);
      bind_text (stmt, 6, entry->content_type);
      sqlite3_bind_int64 (stmt, 7, to_usec (entry->fetched_at));
      sqlite3_bind_int64 (stmt, 8, to_usec (entry->checked_at));
      code = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (code != SQLITE_DONE)
    goto failed;

  code = sqlite3_prepare_v2 (self->db, "DELETE FROM pages WHERE source_id = ?", -1, &stmt, NULL);
  if (code == SQLITE_OK)
    {
      bind_text (stmt, 1, entry->source_id);
      code = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (code != SQLITE_DONE)
    goto failed;

  code = sqlite3_prepare_v2 (self->db,
                             "INSERT INTO pages (source_id, n, url, headers, body) "
                             "VALUES (?, ?, ?, ?, ?)",
                             -1, &stmt, NULL);
  for (guint i = 0; code == SQLITE_OK && entry->pages != NULL && i < entry->pages->len; i++)
    {
      const KioskCachePage *page = g_ptr_array_index (entry->pages, i);
      g_autoptr(GBytes) headers = headers_to_bytes (page->headers);
      gsize size;
      const void *data = g_bytes_get_data (page->bytes, &size);

      sqlite3_reset (stmt);
      bind_text (stmt, 1, entry->source_id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, page->url);
      sqlite3_bind_blob64 (stmt, 4, g_bytes_get_data (headers, NULL), g_bytes_get_size (headers),
                           SQLITE_TRANSIENT);
      /* An empty blob would read back as NULL; "" keeps NOT NULL happy. */
      sqlite3_bind_blob64 (stmt, 5, data != NULL ? data : "", size, SQLITE_TRANSIENT);
      code = sqlite3_step (stmt);
      if (code == SQLITE_DONE)
        code = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (code != SQLITE_OK)
    goto failed;

  return exec (self->db, "COMMIT", error);

failed:
  set_sqlite_error (self->db, code, "writing the cache", error);
  exec (self->db, "ROLLBACK", NULL);
  return FALSE;
}

gboolean
kiosk_database_store (KioskDatabase          *self,
                      const KioskCacheEntry  *entry,
                      GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ret;

  g_return_val_if_fail (KIOSK_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->source_id != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  ret = check_open (self, &local_error) && store_locked (self, entry, &local_error);
  if (!ret)
    recover_if_corrupt (self, local_error);
  g_mutex_unlock (&self->mutex);

  if (!ret)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ret;
}

static gboolean
run_for_source (KioskDatabase  *self,
                const char     *sql,
                const char     *source_id,
                GDateTime      *time,
                GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = NULL;
  int code = SQLITE_DONE;

  g_mutex_lock (&self->mutex);
  if (check_open (self, &local_error))
    {
      code = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
      if (code == SQLITE_OK)
        {
          int column = 1;

          if (time != NULL)
            sqlite3_bind_int64 (stmt, column++, to_usec (time));
          bind_text (stmt, column, source_id);
          code = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
      /* The message belongs to this connection's last call: read it locked. */
      if (code != SQLITE_DONE)
        {
          set_sqlite_error (self->db, code, "writing the cache", &local_error);
          recover_if_corrupt (self, local_error);
        }
    }
  g_mutex_unlock (&self->mutex);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
kiosk_database_touch (KioskDatabase  *self,
                      const char     *source_id,
                      GDateTime      *checked_at,
                      GError        **error)
{
  g_return_val_if_fail (KIOSK_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (source_id != NULL, FALSE);
  g_return_val_if_fail (checked_at != NULL, FALSE);

  return run_for_source (self, "UPDATE sources SET checked_at = ? WHERE id = ?",
                         source_id, checked_at, error);
}

gboolean
kiosk_database_remove (KioskDatabase  *self,
                       const char     *source_id,
                       GError        **error)
{
  g_return_val_if_fail (KIOSK_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (source_id != NULL, FALSE);

  return run_for_source (self, "DELETE FROM sources WHERE id = ?", source_id, NULL, error);
}

/* kiosk-reading-history.c: the kiosk's own record of the readings it saw (SQLite) */

#define G_LOG_DOMAIN "kiosk-reading-history"

#include "config.h"

#include <math.h>
#include <sqlite3.h>

#include "kiosk-reading-history.h"
#include "kiosk-sqlite.h"

struct _KioskReadingHistory
{
  GObject  parent_instance;

  /* owned */
  char    *path;
  sqlite3 *db;          /* used only with @lock held, in worker threads */
  GMutex   lock;
  guint    max_points;
  guint    retention;
};

G_DEFINE_FINAL_TYPE (KioskReadingHistory, kiosk_reading_history, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-reading-history-error-quark, kiosk_reading_history_error)

typedef struct
{
  char   *id;
  double  value;
  gint64  time;
} Snapshot;

typedef struct
{
  char   *source_id;
  GArray *snapshots;    /* Snapshot */
  gint64  from;
  gint64  now;
  guint   max_points;
  guint   retention;
} UpdateData;

static void
snapshot_clear (gpointer data)
{
  Snapshot *s = data;

  g_free (s->id);
}

static void
update_data_free (gpointer data)
{
  UpdateData *u = data;

  g_free (u->source_id);
  g_array_unref (u->snapshots);
  g_free (u);
}

static gboolean
db_error (sqlite3     *db,
          const char  *path,
          const char  *doing,
          GError     **error)
{
  g_set_error (error, KIOSK_READING_HISTORY_ERROR, KIOSK_READING_HISTORY_ERROR_DATABASE,
               "Reading history %s: %s failed: %s", path, doing,
               db != NULL ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

static gboolean
exec (KioskReadingHistory  *self,
      const char           *sql,
      GError              **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_error (self->db, self->path, sql, error);

  return TRUE;
}

/* Each entry brings the schema from version i to i + 1. Append, never edit. */
static const char * const migrations[] = {
  /* 0 -> 1 (IF NOT EXISTS: files from before user_version was counted) */
  "CREATE TABLE IF NOT EXISTS reading_points ("
  "  source TEXT NOT NULL,"
  "  reading TEXT NOT NULL,"
  "  time INTEGER NOT NULL,"
  "  value REAL NOT NULL,"
  "  PRIMARY KEY (source, reading, time)"
  ") WITHOUT ROWID",
};

/* What the kiosk saw is only a record: a broken or newer file makes way. */
static const KioskSqliteSchema schema = {
  .what = "reading history",
  .flags = KIOSK_SQLITE_OPEN_DISPOSABLE,
  .busy_timeout_ms = 2000,
  .migrations = migrations,
  .n_migrations = G_N_ELEMENTS (migrations),
};

/* Called with the lock held, in a worker thread. */
static gboolean
ensure_open (KioskReadingHistory  *self,
             GError              **error)
{
  if (self->db == NULL)
    self->db = kiosk_sqlite_open (self->path, &schema, NULL, NULL, error);

  return self->db != NULL;
}

static gboolean
prepare (KioskReadingHistory  *self,
         const char           *sql,
         sqlite3_stmt        **stmt,
         GError              **error)
{
  if (sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL) != SQLITE_OK)
    return db_error (self->db, self->path, sql, error);

  return TRUE;
}

static gboolean
run_update (KioskReadingHistory  *self,
            UpdateData           *u,
            GHashTable           *out,
            GError              **error)
{
  sqlite3_stmt *insert = NULL, *cap = NULL, *select = NULL, *expire = NULL;
  gboolean ok = FALSE;

  if (!ensure_open (self, error))
    return FALSE;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!prepare (self, "INSERT OR REPLACE INTO reading_points (source, reading, time, value) "
                      "VALUES (?1, ?2, ?3, ?4)", &insert, error) ||
      !prepare (self, "DELETE FROM reading_points WHERE source = ?1 AND reading = ?2 AND time <= "
                      "(SELECT time FROM reading_points WHERE source = ?1 AND reading = ?2 "
                      " ORDER BY time DESC LIMIT 1 OFFSET ?3)", &cap, error) ||
      !prepare (self, "SELECT time, value FROM reading_points WHERE source = ?1 AND reading = ?2 "
                      "AND time >= ?3 ORDER BY time", &select, error) ||
      !prepare (self, "DELETE FROM reading_points WHERE time < ?1", &expire, error))
    goto out;

  for (guint i = 0; i < u->snapshots->len; i++)
    {
      const Snapshot *s = &g_array_index (u->snapshots, Snapshot, i);

      if (isnan (s->value))
        continue;

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, u->source_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, s->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 3, s->time);
      sqlite3_bind_double (insert, 4, s->value);
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          db_error (self->db, self->path, "recording a reading", error);
          goto out;
        }

      sqlite3_reset (cap);
      sqlite3_bind_text (cap, 1, u->source_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (cap, 2, s->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (cap, 3, u->max_points);
      if (sqlite3_step (cap) != SQLITE_DONE)
        {
          db_error (self->db, self->path, "capping a reading's history", error);
          goto out;
        }
    }

  sqlite3_bind_int64 (expire, 1, u->now - (gint64) u->retention);
  if (sqlite3_step (expire) != SQLITE_DONE)
    {
      db_error (self->db, self->path, "dropping old readings", error);
      goto out;
    }

  for (guint i = 0; i < u->snapshots->len; i++)
    {
      const Snapshot *s = &g_array_index (u->snapshots, Snapshot, i);
      GArray *points = g_array_new (FALSE, FALSE, sizeof (KioskReadingPoint));
      int rc;

      sqlite3_reset (select);
      sqlite3_bind_text (select, 1, u->source_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (select, 2, s->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (select, 3, u->from);
      while ((rc = sqlite3_step (select)) == SQLITE_ROW)
        {
          KioskReadingPoint p = { sqlite3_column_int64 (select, 0), sqlite3_column_double (select, 1) };
          g_array_append_val (points, p);
        }
      g_hash_table_replace (out, g_strdup (s->id), points);
      if (rc != SQLITE_DONE)
        {
          db_error (self->db, self->path, "reading the history", error);
          goto out;
        }
    }

  ok = TRUE;

out:
  sqlite3_finalize (insert);
  sqlite3_finalize (cap);
  sqlite3_finalize (select);
  sqlite3_finalize (expire);
  if (ok)
    ok = exec (self, "COMMIT", error);
  else
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  return ok;
}

static void
update_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KioskReadingHistory *self = source_object;
  UpdateData *u = task_data;
  g_autoptr(GHashTable) out = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);

  g_mutex_lock (&self->lock);
  ok = run_update (self, u, out, &error);
  g_mutex_unlock (&self->lock);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&out), (GDestroyNotify) g_hash_table_unref);
}

static void
kiosk_reading_history_finalize (GObject *object)
{
  KioskReadingHistory *self = (KioskReadingHistory *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kiosk_reading_history_parent_class)->finalize (object);
}

static void
kiosk_reading_history_class_init (KioskReadingHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_reading_history_finalize;
}

static void
kiosk_reading_history_init (KioskReadingHistory *self)
{
  g_mutex_init (&self->lock);
  self->max_points = KIOSK_READING_HISTORY_DEFAULT_CAP;
  self->retention = KIOSK_READING_HISTORY_DEFAULT_RETENTION;
}

KioskReadingHistory *
kiosk_reading_history_new (const char *path)
{
  KioskReadingHistory *self = g_object_new (KIOSK_TYPE_READING_HISTORY, NULL);

  if (path != NULL)
    self->path = g_strdup (path);
  else
    self->path = g_build_filename (g_get_user_cache_dir (), "ankerort", "readings.sqlite", NULL);

  return self;
}

const char *
kiosk_reading_history_get_path (KioskReadingHistory *self)
{
  g_return_val_if_fail (KIOSK_IS_READING_HISTORY (self), NULL);

  return self->path;
}

void
kiosk_reading_history_set_limits (KioskReadingHistory *self,
                                  guint                max_points,
                                  guint                retention_seconds)
{
  g_return_if_fail (KIOSK_IS_READING_HISTORY (self));
  g_return_if_fail (max_points > 0);

  self->max_points = max_points;
  self->retention = retention_seconds;
}

void
kiosk_reading_history_update_async (KioskReadingHistory *self,
                                    const char          *source_id,
                                    GPtrArray           *readings,
                                    GDateTime           *now,
                                    guint                hours,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UpdateData *u;

  g_return_if_fail (KIOSK_IS_READING_HISTORY (self));
  g_return_if_fail (source_id != NULL);
  g_return_if_fail (readings != NULL);
  g_return_if_fail (now != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_reading_history_update_async);

  /* The worker sees plain copies, never the objects the views hold. */
  u = g_new0 (UpdateData, 1);
  u->source_id = g_strdup (source_id);
  u->now = g_date_time_to_unix (now);
  u->from = u->now - (gint64) hours * 3600;
  u->max_points = self->max_points;
  u->retention = self->retention;
  u->snapshots = g_array_sized_new (FALSE, FALSE, sizeof (Snapshot), readings->len);
  g_array_set_clear_func (u->snapshots, snapshot_clear);
  for (guint i = 0; i < readings->len; i++)
    {
      KioskReading *reading = g_ptr_array_index (readings, i);
      GDateTime *time = kiosk_reading_get_time (reading);
      Snapshot s;

      if (kiosk_reading_get_id (reading) == NULL)
        continue;
      s.id = g_strdup (kiosk_reading_get_id (reading));
      s.value = kiosk_reading_get_value (reading);
      s.time = time != NULL ? g_date_time_to_unix (time) : u->now;
      g_array_append_val (u->snapshots, s);
    }
  g_task_set_task_data (task, u, update_data_free);

  g_task_run_in_thread (task, update_thread);
}

GHashTable *
kiosk_reading_history_update_finish (KioskReadingHistory *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (KIOSK_IS_READING_HISTORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
kiosk_reading_history_apply (GHashTable *histories,
                             GPtrArray  *readings)
{
  g_return_if_fail (histories != NULL);
  g_return_if_fail (readings != NULL);

  for (guint i = 0; i < readings->len; i++)
    {
      KioskReading *reading = g_ptr_array_index (readings, i);
      GArray *own = kiosk_reading_get_history (reading);
      GArray *recorded = g_hash_table_lookup (histories, kiosk_reading_get_id (reading));
      g_autoptr(GArray) merged = NULL;

      /* A service that keeps history (SensorThings) knows better. */
      if (recorded == NULL || own->len >= 2 || recorded->len <= own->len)
        continue;

      merged = g_array_sized_new (FALSE, FALSE, sizeof (KioskReadingPoint), recorded->len + own->len);
      g_array_append_vals (merged, recorded->data, recorded->len);
      g_array_append_vals (merged, own->data, own->len);
      kiosk_reading_points_normalize (merged);
      kiosk_reading_set_history (reading, merged);
    }
}

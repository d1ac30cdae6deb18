/* kiosk-outbox.c: survey answers kept durably until the city has them
 *
 * One SQLite file in the user's data directory, WAL with synchronous=FULL:
 * when kiosk_outbox_add () returns, the answer survives a power cut. The
 * sender (kiosk-outbox-sender.c) deletes a row only after a 2xx answer.
 *
 * A delivered answer is deleted for real: secure_delete overwrites its
 * bytes in the file, and a TRUNCATE checkpoint after every delivery (and
 * at opening and closing) empties the WAL, which would otherwise keep
 * every version of the row until SQLite checkpoints by itself. */

#define G_LOG_DOMAIN "kiosk-outbox"

#include "config.h"

#include <sqlite3.h>

#include "kiosk-outbox.h"
#include "kiosk-sqlite.h"

struct _KioskOutbox
{
  GObject       parent_instance;

  /* owned */
  char         *path;
  char         *kiosk_id;
  sqlite3      *db;
  GMutex        mutex;        /* the connection and kiosk_id */
  GMainContext *main_context; /* where counts are reported */
  guint         n_pending;    /* main thread */
  guint         n_set_aside;
  guint         counted_pending;   /* under the mutex, from any thread */
  guint         counted_set_aside;
};

enum {
  PROP_0,
  PROP_N_PENDING,
  PROP_N_SET_ASIDE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KioskOutbox, kiosk_outbox, G_TYPE_OBJECT)
G_DEFINE_QUARK (kiosk-outbox-error-quark, kiosk_outbox_error)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
kiosk_outbox_entry_free (KioskOutboxEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->key);
  g_free (entry->survey_id);
  g_free (entry->url);
  g_free (entry->body);
  g_free (entry->last_error);
  g_free (entry);
}

static gboolean
db_error (KioskOutbox  *self,
          const char   *what,
          GError      **error)
{
  g_set_error (error, KIOSK_OUTBOX_ERROR, KIOSK_OUTBOX_ERROR_DATABASE,
               "%s: %s: %s", self->path, what, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (KioskOutbox  *self,
      const char   *sql,
      GError      **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_error (self, sql, error);

  return TRUE;
}

static sqlite3_stmt *
prepare (KioskOutbox  *self,
         const char   *sql,
         GError      **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (self, "prepare", error);
      return NULL;
    }

  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Copies every page from the WAL into the file and cuts the WAL to zero
 * bytes, so that no copy of a deleted answer is left there. Called with the
 * mutex held (or before anyone else has the outbox). */
static gboolean
checkpoint_locked (KioskOutbox  *self,
                   GError      **error)
{
  if (sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) != SQLITE_OK)
    return db_error (self, "emptying the write-ahead log", error);

  return TRUE;
}

static gboolean
notify_counts_cb (gpointer user_data)
{
  g_autoptr(KioskOutbox) self = user_data;
  guint pending, set_aside;

  g_mutex_lock (&self->mutex);
  pending = self->counted_pending;
  set_aside = self->counted_set_aside;
  g_mutex_unlock (&self->mutex);

  if (pending != self->n_pending)
    {
      self->n_pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
    }
  if (set_aside != self->n_set_aside)
    {
      self->n_set_aside = set_aside;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SET_ASIDE]);
    }
  g_signal_emit (self, signals[CHANGED], 0);

  return G_SOURCE_REMOVE;
}

/* Called with the mutex held, after every change. */
static void
recount_locked (KioskOutbox *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GSource) source = NULL;

  stmt = prepare (self, "SELECT COALESCE(SUM(set_aside = 0), 0), COALESCE(SUM(set_aside != 0), 0) "
                        "FROM answers WHERE kind = 0", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->counted_pending = sqlite3_column_int (stmt, 0);
      self->counted_set_aside = sqlite3_column_int (stmt, 1);
    }

  /* Always deferred, never run inline: the caller holds the mutex. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, notify_counts_cb, g_object_ref (self), NULL);
  g_source_set_static_name (source, "[kiosk-outbox] notify counts");
  g_source_attach (source, self->main_context);
}

/* Each entry brings the schema from version i to i + 1. Append, never edit. */
static const char * const migrations[] = {
  /* 0 -> 1 (IF NOT EXISTS: files from before user_version was counted) */
  "CREATE TABLE IF NOT EXISTS answers ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  key TEXT NOT NULL UNIQUE,"
  "  survey_id TEXT NOT NULL,"
  "  url TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  set_aside INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX IF NOT EXISTS answers_waiting ON answers (set_aside, survey_id, seq);",
  /* 1 -> 2: heartbeats (KioskOutboxKind) go the same way as answers */
  "ALTER TABLE answers ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;",
};

/* WAL survives a crash at any moment; FULL syncs the WAL on every commit,
 * so a committed answer survives a power cut too. A file of a newer
 * Ankerort is refused: it may hold answers this one cannot read. */
static const KioskSqliteSchema schema = {
  .what = "survey outbox",
  .flags = KIOSK_SQLITE_OPEN_SYNC_FULL | KIOSK_SQLITE_OPEN_SECURE_DELETE,
  .busy_timeout_ms = 10000,
  .migrations = migrations,
  .n_migrations = G_N_ELEMENTS (migrations),
};

static void
kiosk_outbox_finalize (GObject *object)
{
  KioskOutbox *self = (KioskOutbox *)object;
  g_autoptr(GError) error = NULL;

  if (self->db != NULL && !checkpoint_locked (self, &error))
    g_warning ("%s", error->message);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->kiosk_id, g_free);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (kiosk_outbox_parent_class)->finalize (object);
}

static void
kiosk_outbox_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KioskOutbox *self = KIOSK_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;

    case PROP_N_SET_ASIDE:
      g_value_set_uint (value, self->n_set_aside);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_outbox_class_init (KioskOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_outbox_finalize;
  object_class->get_property = kiosk_outbox_get_property;

  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SET_ASIDE] =
    g_param_spec_uint ("n-set-aside", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted on the main thread after any change (an answer added, sent,
   * deferred or set aside). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kiosk_outbox_init (KioskOutbox *self)
{
  g_mutex_init (&self->mutex);
}

char *
kiosk_outbox_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "ankerort", "outbox.sqlite", NULL);
}

KioskOutbox *
kiosk_outbox_new (const char  *path,
                  GError     **error)
{
  g_autoptr(KioskOutbox) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_OUTBOX, NULL);
  self->path = g_strdup (path);
  self->main_context = g_main_context_ref_thread_default ();

  /* A broken file must not stop the kiosk from taking answers: it is
   * kept, renamed, for staff to look at, and a fresh outbox starts. */
  self->db = kiosk_sqlite_open (path, &schema, NULL, NULL, error);
  if (self->db == NULL)
    return NULL;

  /* A run killed between a delivery and its checkpoint left the answer's
   * old pages in the WAL. */
  if (!checkpoint_locked (self, error))
    return NULL;

  g_mutex_lock (&self->mutex);
  recount_locked (self);
  self->n_pending = self->counted_pending;
  self->n_set_aside = self->counted_set_aside;
  g_mutex_unlock (&self->mutex);

  return g_steal_pointer (&self);
}

const char *
kiosk_outbox_get_path (KioskOutbox *self)
{
  g_return_val_if_fail (KIOSK_IS_OUTBOX (self), NULL);

  return self->path;
}

void
kiosk_outbox_set_kiosk_id (KioskOutbox *self,
                           const char  *kiosk_id)
{
  g_return_if_fail (KIOSK_IS_OUTBOX (self));

  g_mutex_lock (&self->mutex);
  g_free (self->kiosk_id);
  self->kiosk_id = g_strdup (kiosk_id);
  g_mutex_unlock (&self->mutex);
}

/* The exact bytes POSTed for this answer, every time it is tried. The
 * time is cut to the minute: enough for the city, less to match a person
 * against. */
static char *
build_body (const char *survey_id,
            const char *key,
            const char *kiosk_id,
            JsonNode   *answers)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) minute = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *time = NULL;

  minute = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                                g_date_time_get_minute (now), 0);
  time = g_date_time_format (minute, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "survey");
  json_builder_add_string_value (builder, survey_id);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, key);
  json_builder_set_member_name (builder, "kiosk");
  if (kiosk_id != NULL && *kiosk_id != '\0')
    json_builder_add_string_value (builder, kiosk_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "submitted");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "answers");
  json_builder_add_value (builder, json_node_copy (answers));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

char *
kiosk_outbox_add (KioskOutbox  *self,
                  const char   *survey_id,
                  const char   *url,
                  JsonNode     *answers,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *body = NULL;
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_OUTBOX (self), NULL);

  if (survey_id == NULL || *survey_id == '\0' || url == NULL || *url == '\0' ||
      answers == NULL || !JSON_NODE_HOLDS_OBJECT (answers))
    {
      g_set_error (error, KIOSK_OUTBOX_ERROR, KIOSK_OUTBOX_ERROR_INVALID,
                   "An answer needs a survey id, an answers URL and an object of answers "
                   "(survey “%s”, URL “%s”)", survey_id ? survey_id : "", url ? url : "");
      return NULL;
    }

  key = g_uuid_string_random ();

  g_mutex_lock (&self->mutex);
  body = build_body (survey_id, key, self->kiosk_id, answers);
  stmt = prepare (self, "INSERT INTO answers (key, survey_id, url, body, created) "
                        "VALUES (?, ?, ?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, survey_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, url, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, body, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
      /* One statement is one transaction: its commit syncs the WAL. */
      ok = sqlite3_step (stmt) == SQLITE_DONE || db_error (self, "insert answer", error);
    }
  if (ok)
    recount_locked (self);
  g_mutex_unlock (&self->mutex);

  return ok ? g_steal_pointer (&key) : NULL;
}

char *
kiosk_outbox_put_heartbeat (KioskOutbox  *self,
                            const char   *url,
                            const char   *body,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL;
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (url != NULL && body != NULL, NULL);

  key = g_uuid_string_random ();

  g_mutex_lock (&self->mutex);
  /* One transaction: the old heartbeat goes only if the new one is there. */
  ok = exec (self, "BEGIN IMMEDIATE", error);
  if (ok)
    ok = exec (self, "DELETE FROM answers WHERE kind = 1", error);
  if (ok)
    {
      /* survey_id "": no survey has it, so a heartbeat never waits for an answer. */
      stmt = prepare (self, "INSERT INTO answers (key, survey_id, url, body, created, kind) "
                            "VALUES (?, '', ?, ?, ?, 1)", error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, url, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
      ok = sqlite3_step (stmt) == SQLITE_DONE || db_error (self, "insert heartbeat", error);
    }
  if (ok)
    ok = exec (self, "COMMIT", error);
  else
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  if (ok)
    recount_locked (self);
  g_mutex_unlock (&self->mutex);

  return ok ? g_steal_pointer (&key) : NULL;
}

gboolean
kiosk_outbox_clear_heartbeats (KioskOutbox  *self,
                               GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_OUTBOX (self), FALSE);

  g_mutex_lock (&self->mutex);
  ok = exec (self, "DELETE FROM answers WHERE kind = 1", error);
  g_mutex_unlock (&self->mutex);

  return ok;
}

typedef struct
{
  char     *survey_id;
  char     *url;
  JsonNode *answers;
} AddData;

static void
add_data_free (AddData *data)
{
  g_free (data->survey_id);
  g_free (data->url);
  json_node_unref (data->answers);
  g_free (data);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  KioskOutbox *self = source_object;
  AddData *data = task_data;
  GError *error = NULL;
  char *key;

  key = kiosk_outbox_add (self, data->survey_id, data->url, data->answers, &error);
  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, g_free);
}

void
kiosk_outbox_add_async (KioskOutbox         *self,
                        const char          *survey_id,
                        const char          *url,
                        JsonNode            *answers,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AddData *data;

  g_return_if_fail (KIOSK_IS_OUTBOX (self));
  g_return_if_fail (answers != NULL);

  data = g_new0 (AddData, 1);
  data->survey_id = g_strdup (survey_id);
  data->url = g_strdup (url);
  data->answers = json_node_copy (answers);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_outbox_add_async);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);
  /* A person pressed "Submit": the write happens even if the view goes. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, add_thread);
}

char *
kiosk_outbox_add_finish (KioskOutbox   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static KioskOutboxEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  KioskOutboxEntry *entry = g_new0 (KioskOutboxEntry, 1);

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  entry->survey_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  entry->url = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  entry->body = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  entry->attempts = sqlite3_column_int (stmt, 5);
  entry->next_attempt = sqlite3_column_int64 (stmt, 6);
  entry->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  entry->kind = sqlite3_column_int (stmt, 8);

  return entry;
}

#define ENTRY_COLUMNS "seq, key, survey_id, url, body, attempts, next_attempt, last_error, kind"

KioskOutboxEntry *
kiosk_outbox_peek (KioskOutbox  *self,
                   gint64        now,
                   gint64       *next_due,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  KioskOutboxEntry *entry = NULL;
  gint64 earliest = G_MAXINT64;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (KIOSK_IS_OUTBOX (self), NULL);

  g_mutex_lock (&self->mutex);
  /* Only the oldest waiting answer of each survey may go: a later one
   * never overtakes an earlier one that is being retried. */
  stmt = prepare (self, "SELECT " ENTRY_COLUMNS " FROM answers AS a "
                        "WHERE set_aside = 0 AND seq = (SELECT MIN(seq) FROM answers AS b "
                        "  WHERE b.set_aside = 0 AND b.survey_id = a.survey_id) "
                        "ORDER BY seq", error);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 due = sqlite3_column_int64 (stmt, 6);

      if (due <= now)
        {
          entry = entry_from_row (stmt);
          break;
        }
      earliest = MIN (earliest, due);
    }
  if (stmt != NULL && rc != SQLITE_ROW && rc != SQLITE_DONE)
    db_error (self, "read waiting answers", error);
  g_mutex_unlock (&self->mutex);

  if (next_due != NULL)
    *next_due = entry != NULL ? now : earliest;

  return entry;
}

static gboolean
update_one (KioskOutbox  *self,
            const char   *sql,
            const char   *key,
            const char   *text,
            gint64        number,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  stmt = prepare (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        sqlite3_bind_int64 (stmt, 3, number);
      ok = sqlite3_step (stmt) == SQLITE_DONE || db_error (self, sql, error);
    }
  if (ok && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, KIOSK_OUTBOX_ERROR, KIOSK_OUTBOX_ERROR_NOT_FOUND,
                   "No answer with key %s in the outbox", key);
      ok = FALSE;
    }
  if (ok)
    recount_locked (self);
  g_mutex_unlock (&self->mutex);

  return ok;
}

gboolean
kiosk_outbox_remove (KioskOutbox  *self,
                     const char   *key,
                     GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean emptied;

  if (!update_one (self, "DELETE FROM answers WHERE key = ?1", key, NULL, 0, error))
    return FALSE;

  /* The row is gone (the answer is delivered); a failed checkpoint only
   * means the WAL keeps it until the next one. */
  g_mutex_lock (&self->mutex);
  emptied = checkpoint_locked (self, &local_error);
  g_mutex_unlock (&self->mutex);
  if (!emptied)
    g_warning ("Answer %s is delivered and deleted, but its copy in the write-ahead log "
               "stays until the next checkpoint: %s", key, local_error->message);

  return TRUE;
}

gboolean
kiosk_outbox_defer (KioskOutbox  *self,
                    const char   *key,
                    gint64        next_attempt,
                    const char   *reason,
                    GError      **error)
{
  return update_one (self, "UPDATE answers SET attempts = attempts + 1, last_error = ?2, "
                           "next_attempt = ?3 WHERE key = ?1",
                     key, reason, next_attempt, error);
}

gboolean
kiosk_outbox_set_aside (KioskOutbox  *self,
                        const char   *key,
                        const char   *reason,
                        GError      **error)
{
  return update_one (self, "UPDATE answers SET attempts = attempts + 1, last_error = ?2, "
                           "set_aside = 1 WHERE key = ?1",
                     key, reason, 0, error);
}

gboolean
kiosk_outbox_retry (KioskOutbox  *self,
                    const char   *key,
                    GError      **error)
{
  return update_one (self, "UPDATE answers SET set_aside = 0, last_error = ?2, next_attempt = ?3 "
                           "WHERE key = ?1 AND set_aside != 0",
                     key, "sent again on staff's request", 0, error);
}

gboolean
kiosk_outbox_make_due (KioskOutbox  *self,
                       GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_OUTBOX (self), FALSE);

  g_mutex_lock (&self->mutex);
  ok = exec (self, "UPDATE answers SET next_attempt = 0 WHERE set_aside = 0 AND next_attempt != 0",
             error);
  g_mutex_unlock (&self->mutex);

  return ok;
}

GPtrArray *
kiosk_outbox_list_set_aside (KioskOutbox  *self,
                             GError      **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (KIOSK_IS_OUTBOX (self), NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_outbox_entry_free);
  g_mutex_lock (&self->mutex);
  stmt = prepare (self, "SELECT " ENTRY_COLUMNS " FROM answers WHERE set_aside != 0 AND kind = 0 "
                        "ORDER BY seq", error);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  if (stmt != NULL && rc != SQLITE_DONE)
    {
      db_error (self, "read set-aside answers", error);
      g_clear_pointer (&entries, g_ptr_array_unref);
    }
  g_mutex_unlock (&self->mutex);

  return stmt != NULL ? g_steal_pointer (&entries) : NULL;
}

guint
kiosk_outbox_get_n_pending (KioskOutbox *self)
{
  g_return_val_if_fail (KIOSK_IS_OUTBOX (self), 0);

  return self->n_pending;
}

guint
kiosk_outbox_get_n_set_aside (KioskOutbox *self)
{
  g_return_val_if_fail (KIOSK_IS_OUTBOX (self), 0);

  return self->n_set_aside;
}

/* kiosk-sqlite.c: how every SQLite file of Ankerort is opened, set up and migrated */

#define G_LOG_DOMAIN "kiosk-sqlite"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "kiosk-sqlite.h"

#define DEFAULT_BUSY_TIMEOUT_MS 5000

G_DEFINE_QUARK (kiosk-sqlite-error-quark, kiosk_sqlite_error)

static gboolean
is_corruption (int code)
{
  code &= 0xff;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_FORMAT;
}

gboolean
kiosk_sqlite_set_error (sqlite3     *db,
                        int          code,
                        const char  *what,
                        GError     **error)
{
  g_set_error (error, KIOSK_SQLITE_ERROR,
               is_corruption (code) ? KIOSK_SQLITE_ERROR_CORRUPT : KIOSK_SQLITE_ERROR_FAILED,
               "%s: %s", what, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (code));
  return FALSE;
}

gboolean
kiosk_sqlite_exec (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  char *message = NULL;
  int code = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (code != SQLITE_OK)
    {
      g_set_error (error, KIOSK_SQLITE_ERROR,
                   is_corruption (code) ? KIOSK_SQLITE_ERROR_CORRUPT : KIOSK_SQLITE_ERROR_FAILED,
                   "%s", message != NULL ? message : sqlite3_errstr (code));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

/* Runs @sql, which answers one row, and hands back its first column. */
static char *
query_text (sqlite3     *db,
            const char  *path,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  int code = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (code == SQLITE_OK)
    code = sqlite3_step (stmt);
  if (code == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    {
      g_autofree char *what = g_strdup_printf ("%s: %s", path, sql);

      kiosk_sqlite_set_error (db, code, what, error);
    }
  /* A statement left open would keep a checkpoint from finishing. */
  sqlite3_finalize (stmt);

  return value;
}

static gboolean
check_integrity (sqlite3     *db,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *result = query_text (db, path, "PRAGMA quick_check", error);

  if (result == NULL)
    return FALSE;
  if (!g_str_equal (result, "ok"))
    {
      g_set_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_CORRUPT,
                   "%s: the integrity check failed: %s", path, result);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (sqlite3                  *db,
         const char               *path,
         const KioskSqliteSchema  *schema,
         int                      *version,
         GError                  **error)
{
  g_autofree char *text = query_text (db, path, "PRAGMA user_version", error);
  int current;

  if (text == NULL)
    return FALSE;
  current = (int) g_ascii_strtoll (text, NULL, 10);

  if (current < 0 || (guint) current > schema->n_migrations)
    {
      g_set_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_TOO_NEW,
                   "%s was written by a newer Ankerort: schema version %d, this one knows "
                   "up to %u", path, current, schema->n_migrations);
      return FALSE;
    }

  for (; (guint) current < schema->n_migrations; current++)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE;%s;PRAGMA user_version = %d;COMMIT;",
                                              schema->migrations[current], current + 1);

      if (!kiosk_sqlite_exec (db, sql, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, "%s: migrating the %s to schema version %d: ",
                          path, schema->what, current + 1);
          return FALSE;
        }
    }

  if (version != NULL)
    *version = current;

  return TRUE;
}

static sqlite3 *
open_connection (const char  *path,
                 int          flags,
                 int          busy_timeout_ms,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int code = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_FULLMUTEX, NULL);

  if (code != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf ("opening %s", path);

      kiosk_sqlite_set_error (db, code, what, error);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, busy_timeout_ms > 0 ? busy_timeout_ms : DEFAULT_BUSY_TIMEOUT_MS);
  /* Views and triggers of the file may call no function with side effects. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);

  return db;
}

static sqlite3 *
open_read_only (const char               *path,
                const KioskSqliteSchema  *schema,
                GError                  **error)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_NOT_FOUND,
                   "The %s %s does not exist", schema->what, path);
      return NULL;
    }

  db = open_connection (path, SQLITE_OPEN_READONLY, schema->busy_timeout_ms, error);
  if (db == NULL)
    return NULL;

  if (!kiosk_sqlite_exec (db, "PRAGMA query_only = ON; PRAGMA trusted_schema = OFF;",
                          &local_error))
    {
      g_set_error (error, KIOSK_SQLITE_ERROR, local_error->code,
                   "%s: making the connection read-only: %s", path, local_error->message);
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

/* Leaves the file and its WAL as they are, for staff to look at: no
 * checkpoint into a file that failed its check, no WAL deleted. */
static void
close_broken (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_file_control (db, "main", SQLITE_FCNTL_PERSIST_WAL, &(int) { 1 });
  sqlite3_close (db);
}

/* One attempt at a read-write open: connection, pragmas, check, schema. */
static sqlite3 *
try_open (const char               *path,
          const KioskSqliteSchema  *schema,
          int                      *version,
          GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *pragmas = NULL;
  sqlite3 *db;

  db = open_connection (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        schema->busy_timeout_ms, error);
  if (db == NULL)
    return NULL;

  pragmas = g_strdup_printf ("PRAGMA journal_mode = WAL; PRAGMA synchronous = %s; "
                             "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF; "
                             "PRAGMA secure_delete = %s;",
                             schema->flags & KIOSK_SQLITE_OPEN_SYNC_FULL ? "FULL" : "NORMAL",
                             schema->flags & KIOSK_SQLITE_OPEN_SECURE_DELETE ? "ON" : "OFF");
  if (!kiosk_sqlite_exec (db, pragmas, &local_error))
    {
      g_set_error (error, KIOSK_SQLITE_ERROR, local_error->code, "%s: %s",
                   path, local_error->message);
      close_broken (db);
      return NULL;
    }

  if (!check_integrity (db, path, error) ||
      !migrate (db, path, schema, version, error))
    {
      close_broken (db);
      return NULL;
    }

  return db;
}

static gboolean
make_parent (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_FAILED,
                   "%s cannot be opened: cannot create %s: %s",
                   path, dir, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

sqlite3 *
kiosk_sqlite_open (const char               *path,
                   const KioskSqliteSchema  *schema,
                   int                      *version,
                   char                    **recovered,
                   GError                  **error)
{
  g_autoptr(GError) open_error = NULL;
  g_autofree char *message = NULL;
  gboolean disposable;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (schema != NULL && schema->what != NULL, NULL);
  g_return_val_if_fail (schema->n_migrations == 0 || schema->migrations != NULL, NULL);

  if (recovered != NULL)
    *recovered = NULL;

  if (schema->flags & KIOSK_SQLITE_OPEN_READ_ONLY)
    return open_read_only (path, schema, error);

  if (!make_parent (path, error))
    return NULL;

  db = try_open (path, schema, version, &open_error);
  if (db != NULL)
    return db;

  /* A broken file must not stop the kiosk: it is kept, renamed, for
   * staff to look at, and a new one starts. Anything else (a full disk,
   * no permission, a lock) is the caller's to report. */
  disposable = (schema->flags & KIOSK_SQLITE_OPEN_DISPOSABLE) != 0;
  if (!g_error_matches (open_error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_CORRUPT) &&
      !(disposable && g_error_matches (open_error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_TOO_NEW)))
    {
      g_propagate_error (error, g_steal_pointer (&open_error));
      return NULL;
    }

  message = kiosk_sqlite_set_aside (path, schema->what, open_error->message, error);
  if (message == NULL)
    return NULL;
  if (recovered != NULL)
    *recovered = g_steal_pointer (&message);

  return try_open (path, schema, version, error);
}

char *
kiosk_sqlite_set_aside (const char  *path,
                        const char  *what,
                        const char  *cause,
                        GError     **error)
{
  g_autofree char *moved_to = NULL;
  char *message;

  g_return_val_if_fail (path != NULL && what != NULL && cause != NULL, NULL);

  if (!kiosk_sqlite_move_aside (path, &moved_to, error))
    {
      g_prefix_error (error, "The %s %s could not be used (%s), and ", what, path, cause);
      return NULL;
    }

  message = g_strdup_printf ("The %s %s could not be used (%s); it was moved to %s "
                             "and a new one started", what, path, cause, moved_to);
  g_warning ("%s", message);

  return message;
}

gboolean
kiosk_sqlite_move_aside (const char  *path,
                         char       **moved_to,
                         GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *target = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  target = g_strdup_printf ("%s.broken-%s", path, stamp);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_FAILED,
                       "cannot move %s aside: %s", from, g_strerror (saved_errno));
          return FALSE;
        }
    }

  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&target);

  return TRUE;
}

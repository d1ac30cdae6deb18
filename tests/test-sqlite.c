/* test-sqlite.c: how Ankerort opens its SQLite files, on real files in a temp dir */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-sqlite.h"

static const char * const migrations[] = {
  "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)",
  "ALTER TABLE notes ADD COLUMN author TEXT",
};

static const KioskSqliteSchema schema = {
  .what = "test store",
  .flags = KIOSK_SQLITE_OPEN_SECURE_DELETE,
  .migrations = migrations,
  .n_migrations = G_N_ELEMENTS (migrations),
};

static char *
temp_path (const char *name)
{
  return g_build_filename (g_get_user_cache_dir (), "sqlite-test", name, NULL);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

static void
assert_pragma (sqlite3    *db,
               const char *sql,
               const char *expected)
{
  g_autofree char *value = query_text (db, sql);

  g_assert_cmpstr (value, ==, expected);
}

/* The files whose names start with "@path.broken-". */
static guint
count_broken (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".broken-", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    n += g_str_has_prefix (name, prefix);

  return n;
}

static void
test_create (void)
{
  g_autofree char *path = temp_path ("fresh/store.sqlite");
  g_autofree char *recovered = NULL;
  g_autoptr(GError) error = NULL;
  int version = -1;
  sqlite3 *db;

  db = kiosk_sqlite_open (path, &schema, &version, &recovered, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_null (recovered);
  g_assert_cmpint (version, ==, 2);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Both steps ran, and the pragmas are as asked. */
  g_assert_true (kiosk_sqlite_exec (db, "INSERT INTO notes (text, author) VALUES ('hi', 'x')",
                                    &error));
  g_assert_no_error (error);
  assert_pragma (db, "PRAGMA user_version", "2");
  assert_pragma (db, "PRAGMA journal_mode", "wal");
  assert_pragma (db, "PRAGMA synchronous", "1");
  assert_pragma (db, "PRAGMA foreign_keys", "1");
  assert_pragma (db, "PRAGMA secure_delete", "1");
  assert_pragma (db, "PRAGMA trusted_schema", "0");
  sqlite3_close (db);
}

static void
test_reopen (void)
{
  g_autofree char *path = temp_path ("reopen.sqlite");
  g_autoptr(GError) error = NULL;
  KioskSqliteSchema first = schema;
  int version = -1;
  sqlite3 *db;

  /* An older Ankerort knew only the first step. */
  first.n_migrations = 1;
  first.flags = KIOSK_SQLITE_OPEN_SYNC_FULL;
  db = kiosk_sqlite_open (path, &first, &version, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 1);
  assert_pragma (db, "PRAGMA synchronous", "2");
  assert_pragma (db, "PRAGMA secure_delete", "0");
  g_assert_true (kiosk_sqlite_exec (db, "INSERT INTO notes (text) VALUES ('kept')", &error));
  sqlite3_close (db);

  /* This one migrates the rest and keeps the rows. */
  db = kiosk_sqlite_open (path, &schema, &version, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  {
    g_autofree char *text = query_text (db, "SELECT text || '/' || IFNULL (author, '-') FROM notes");

    g_assert_cmpstr (text, ==, "kept/-");
  }
  sqlite3_close (db);

  /* And opening at the current version changes nothing. */
  db = kiosk_sqlite_open (path, &schema, &version, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  assert_pragma (db, "SELECT count(*) FROM notes", "1");
  sqlite3_close (db);
  g_assert_cmpuint (count_broken (path), ==, 0);
}

/* A step that fails leaves the file at the version before it. */
static void
test_failed_step (void)
{
  static const char * const bad[] = {
    "CREATE TABLE notes (id INTEGER PRIMARY KEY)",
    "CREATE TABLE extra (id INTEGER); CREATE TABLE notes (id INTEGER)",
  };
  KioskSqliteSchema bad_schema = schema;
  g_autofree char *path = temp_path ("failed-step.sqlite");
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  bad_schema.migrations = bad;
  bad_schema.n_migrations = G_N_ELEMENTS (bad);
  db = kiosk_sqlite_open (path, &bad_schema, NULL, NULL, &error);
  g_assert_null (db);
  g_assert_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "version 2"));
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  assert_pragma (db, "PRAGMA user_version", "1");
  assert_pragma (db, "SELECT count(*) FROM sqlite_master WHERE name = 'extra'", "0");
  sqlite3_close (db);
}

static void
test_garbage (void)
{
  g_autofree char *path = temp_path ("garbage.sqlite");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autofree char *recovered = NULL;
  g_autoptr(GError) error = NULL;
  int version = -1;
  sqlite3 *db;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  g_assert_true (g_file_set_contents (wal, "not a log either", -1, NULL));

  g_test_expect_message ("kiosk-sqlite", G_LOG_LEVEL_WARNING, "The test store *garbage.sqlite*");
  db = kiosk_sqlite_open (path, &schema, &version, &recovered, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpint (version, ==, 2);
  g_test_message ("%s", recovered);
  g_assert_nonnull (strstr (recovered, path));
  g_assert_nonnull (strstr (recovered, ".broken-"));

  /* The file and its WAL are kept aside, together; the new one works. */
  g_assert_cmpuint (count_broken (path), >=, 2);
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;
    gboolean wal_kept = FALSE;

    while ((name = g_dir_read_name (listing)) != NULL)
      if (g_str_has_prefix (name, "garbage.sqlite.broken-") && g_str_has_suffix (name, "-wal"))
        {
          g_autofree char *kept = g_build_filename (dir, name, NULL);
          g_autofree char *contents = NULL;

          g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
          wal_kept = g_str_equal (contents, "not a log either");
        }
    g_assert_true (wal_kept);
  }
  g_assert_true (kiosk_sqlite_exec (db, "INSERT INTO notes (text) VALUES ('new')", &error));
  g_assert_no_error (error);
  sqlite3_close (db);
}

/* A file whose pages no longer agree fails quick_check at open. */
static void
test_damaged (void)
{
  g_autofree char *path = temp_path ("damaged.sqlite");
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size;
  sqlite3 *db;

  db = kiosk_sqlite_open (path, &schema, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_sqlite_exec (db, "PRAGMA journal_mode = DELETE;"
                                        "CREATE INDEX notes_text ON notes (text);"
                                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                        "FROM n WHERE i < 500) "
                                        "INSERT INTO notes (text) SELECT printf ('%08d', i) FROM n",
                                        &error));
  g_assert_no_error (error);
  sqlite3_close (db);

  /* Scribble over the header of page 2, the table's root: a header that
   * is still a database, with a b-tree it cannot read. */
  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  g_assert_cmpuint (size, >=, 4096 * 4);
  memset (data + 4096, 0xFF, 12);
  g_assert_true (g_file_set_contents (path, data, size, NULL));
  g_free (data);

  g_test_expect_message ("kiosk-sqlite", G_LOG_LEVEL_WARNING, "The test store *moved to*");
  db = kiosk_sqlite_open (path, &schema, NULL, NULL, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  assert_pragma (db, "SELECT count(*) FROM notes", "0");
  sqlite3_close (db);
  g_assert_cmpuint (count_broken (path), >=, 1);
}

static void
test_too_new (void)
{
  g_autofree char *path = temp_path ("too-new.sqlite");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  KioskSqliteSchema cache = schema;
  int version = -1;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 9", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  db = kiosk_sqlite_open (path, &schema, &version, NULL, &error);
  g_assert_null (db);
  g_assert_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_TOO_NEW);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "newer"));
  g_clear_error (&error);
  /* Refused and left alone. */
  g_assert_cmpuint (count_broken (path), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  assert_pragma (db, "PRAGMA user_version", "9");
  sqlite3_close (db);

  /* A cache makes way instead. */
  cache.flags |= KIOSK_SQLITE_OPEN_DISPOSABLE;
  g_test_expect_message ("kiosk-sqlite", G_LOG_LEVEL_WARNING, "The test store *newer*moved to*");
  db = kiosk_sqlite_open (path, &cache, &version, NULL, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  sqlite3_close (db);
  g_assert_cmpuint (count_broken (path), >=, 1);
}

static void
test_read_only (void)
{
  static const KioskSqliteSchema read_only = {
    .what = "test file",
    .flags = KIOSK_SQLITE_OPEN_READ_ONLY,
  };
  g_autofree char *missing = temp_path ("missing.sqlite");
  g_autofree char *path = temp_path ("read-only.sqlite");
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  db = kiosk_sqlite_open (missing, &read_only, NULL, NULL, &error);
  g_assert_null (db);
  g_assert_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  /* Nothing made where nothing was. */
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  db = kiosk_sqlite_open (path, &schema, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_sqlite_exec (db, "INSERT INTO notes (text) VALUES ('x')", &error));
  sqlite3_close (db);

  db = kiosk_sqlite_open (path, &read_only, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_pragma (db, "SELECT count(*) FROM notes", "1");
  assert_pragma (db, "PRAGMA trusted_schema", "0");
  g_assert_false (kiosk_sqlite_exec (db, "DELETE FROM notes", &error));
  g_assert_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_FAILED);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sqlite/create", test_create);
  g_test_add_func ("/sqlite/reopen", test_reopen);
  g_test_add_func ("/sqlite/failed-step", test_failed_step);
  g_test_add_func ("/sqlite/garbage", test_garbage);
  g_test_add_func ("/sqlite/damaged", test_damaged);
  g_test_add_func ("/sqlite/too-new", test_too_new);
  g_test_add_func ("/sqlite/read-only", test_read_only);

  return g_test_run ();
}

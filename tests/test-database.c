/* test-database.c: KioskDatabase on real SQLite files */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kiosk-database.h"
#include "kiosk-sqlite.h"

#define EXPECT_SET_ASIDE() \
  g_test_expect_message ("kiosk-sqlite", G_LOG_LEVEL_WARNING, "The cache *moved to*")

static char *
temp_path (const char *name)
{
  return g_build_filename (g_get_user_cache_dir (), "db-test", name, NULL);
}

static KioskCacheEntry *
make_entry (const char *id,
            guint       n_pages)
{
  KioskCacheEntry *entry = kiosk_cache_entry_new (id, "http://example.org/data");
  g_autoptr(GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (headers, g_strdup ("content-type"), g_strdup ("application/json"));
  entry->hash = g_strdup ("abc");
  entry->etag = g_strdup ("\"e1\"");
  entry->last_modified = g_strdup ("Sun, 22 Nov 2026 01:00:00 GMT");
  entry->content_type = g_strdup ("application/json");
  entry->fetched_at = g_date_time_new_utc (2026, 11, 22, 1, 0, 0.25);
  entry->checked_at = g_date_time_new_utc (2026, 11, 22, 1, 5, 0);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("page %u", i);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autofree char *url = g_strdup_printf ("http://example.org/data?page=%u", i);

      g_ptr_array_add (entry->pages, kiosk_cache_page_new (url, i == 0 ? headers : NULL, bytes));
    }

  return entry;
}

static void
test_round_trip (void)
{
  g_autofree char *path = temp_path ("round-trip.db");
  g_autoptr(KioskDatabase) db = NULL;
  g_autoptr(KioskCacheEntry) entry = make_entry ("events", 3);
  g_autoptr(KioskCacheEntry) loaded = NULL;
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 11, 22, 2, 0, 0);
  g_autoptr(GError) error = NULL;

  db = kiosk_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (kiosk_database_get_recovery_message (db));
  g_assert_cmpint (kiosk_database_get_schema_version (db), ==, 1);

  g_assert_true (kiosk_database_load (db, "events", &loaded, &error));
  g_assert_no_error (error);
  g_assert_null (loaded);

  g_assert_true (kiosk_database_store (db, entry, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  /* Reopened: everything is there. */
  db = kiosk_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_database_load (db, "events", &loaded, &error));
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (loaded->url, ==, entry->url);
  g_assert_cmpstr (loaded->hash, ==, "abc");
  g_assert_cmpstr (loaded->etag, ==, "\"e1\"");
  g_assert_cmpstr (loaded->last_modified, ==, entry->last_modified);
  g_assert_cmpstr (loaded->content_type, ==, "application/json");
  g_assert_true (g_date_time_equal (loaded->fetched_at, entry->fetched_at));
  g_assert_true (g_date_time_equal (loaded->checked_at, entry->checked_at));
  g_assert_cmpuint (loaded->pages->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      KioskCachePage *page = g_ptr_array_index (loaded->pages, i);
      g_autofree char *text = g_strdup_printf ("page %u", i);

      g_assert_cmpmem (g_bytes_get_data (page->bytes, NULL), g_bytes_get_size (page->bytes),
                       text, strlen (text));
    }
  g_assert_cmpstr (g_hash_table_lookup (((KioskCachePage *) loaded->pages->pdata[0])->headers,
                                        "content-type"), ==, "application/json");
  g_clear_pointer (&loaded, kiosk_cache_entry_free);

  /* Touch moves only the check time; store replaces the pages. */
  g_assert_true (kiosk_database_touch (db, "events", later, &error));
  g_ptr_array_remove_range (entry->pages, 1, 2);
  g_assert_true (kiosk_database_store (db, entry, &error));
  g_assert_true (kiosk_database_touch (db, "events", later, &error));
  g_assert_true (kiosk_database_load (db, "events", &loaded, &error));
  g_assert_true (g_date_time_equal (loaded->checked_at, later));
  g_assert_cmpuint (loaded->pages->len, ==, 1);
  g_clear_pointer (&loaded, kiosk_cache_entry_free);

  g_assert_true (kiosk_database_remove (db, "events", &error));
  g_assert_true (kiosk_database_load (db, "events", &loaded, &error));
  g_assert_null (loaded);
}

static void
test_wal (void)
{
  g_autofree char *path = temp_path ("wal.db");
  g_autoptr(KioskDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  db = kiosk_database_open (path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
}

static guint
count_broken (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".broken-", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix) && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      n++;

  return n;
}

static void
test_corrupt (void)
{
  g_autofree char *path = temp_path ("corrupt.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(KioskDatabase) db = NULL;
  g_autoptr(KioskCacheEntry) entry = make_entry ("places", 1);
  g_autoptr(KioskCacheEntry) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "this is not a database, it is a note\n"
                                            "written over the cache by mistake\n", -1, NULL));

  EXPECT_SET_ASIDE ();
  db = kiosk_database_open (path, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_nonnull (kiosk_database_get_recovery_message (db));
  g_test_message ("%s", kiosk_database_get_recovery_message (db));
  g_assert_nonnull (strstr (kiosk_database_get_recovery_message (db), "moved to"));
  g_assert_cmpuint (count_broken (path), ==, 1);

  /* The new one works. */
  g_assert_true (kiosk_database_store (db, entry, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_database_load (db, "places", &loaded, &error));
  g_assert_nonnull (loaded);
}

static void
test_damaged_pages (void)
{
  g_autofree char *path = temp_path ("damaged.db");
  g_autoptr(KioskDatabase) db = NULL;
  g_autoptr(KioskCacheEntry) entry = make_entry ("sensors", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  char *data;
  gsize size;

  db = kiosk_database_open (path, &error);
  g_assert_true (kiosk_database_store (db, entry, &error));
  g_clear_object (&db);

  /* Scribble over the middle of the file, past the header page. */
  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  g_assert_cmpuint (size, >=, 4096 * 2);
  memset (data + 4096, 0xA5, size - 4096);
  g_assert_true (g_file_set_contents (path, data, size, NULL));
  g_free (data);

  EXPECT_SET_ASIDE ();
  db = kiosk_database_open (path, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (kiosk_database_get_recovery_message (db));
}

static void
test_corrupt_while_running (void)
{
  g_autofree char *path = temp_path ("running.db");
  g_autoptr(KioskDatabase) db = NULL;
  g_autoptr(KioskCacheEntry) entry = make_entry ("places", 1);
  g_autoptr(KioskCacheEntry) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  db = kiosk_database_open (path, &error);
  g_assert_true (kiosk_database_store (db, entry, &error));

  /* Someone breaks the schema under the running kiosk. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA schema_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sql = g_strdup_printf ("PRAGMA writable_schema = ON;"
                         "UPDATE sqlite_master SET sql = 'CREATE TABLE pages (' WHERE name = 'pages';"
                         "PRAGMA schema_version = %d;", version + 1);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  EXPECT_SET_ASIDE ();
  g_assert_false (kiosk_database_load (db, "places", &loaded, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_nonnull (kiosk_database_get_recovery_message (db));
  g_assert_cmpuint (count_broken (path), ==, 1);

  /* It goes on with a new, empty cache. */
  g_assert_true (kiosk_database_load (db, "places", &loaded, &error));
  g_assert_null (loaded);
  g_assert_true (kiosk_database_store (db, entry, &error));
  g_assert_true (kiosk_database_load (db, "places", &loaded, &error));
  g_assert_nonnull (loaded);
}

static void
test_too_new (void)
{
  g_autofree char *path = temp_path ("too-new.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(KioskDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  /* Only a cache: it makes way (the survey outbox would refuse). */
  EXPECT_SET_ASIDE ();
  db = kiosk_database_open (path, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (strstr (kiosk_database_get_recovery_message (db), "newer"));
  g_assert_cmpint (kiosk_database_get_schema_version (db), ==, 1);
}

static void
test_unwritable (void)
{
  g_autoptr(KioskDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = kiosk_database_open ("/proc/version/cache.db", &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
}

static gpointer
writer_thread (gpointer data)
{
  KioskDatabase *db = data;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *id = g_strdup_printf ("source-%u", i % 5);
      g_autoptr(KioskCacheEntry) entry = make_entry (id, 2);
      g_autoptr(KioskCacheEntry) loaded = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (kiosk_database_store (db, entry, &error));
      g_assert_no_error (error);
      g_assert_true (kiosk_database_load (db, id, &loaded, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (loaded->pages->len, ==, 2);
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autofree char *path = temp_path ("threads.db");
  g_autoptr(KioskDatabase) db = NULL;
  GThread *threads[4];

  db = kiosk_database_open (path, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("writer", writer_thread, db);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/database/round-trip", test_round_trip);
  g_test_add_func ("/database/wal", test_wal);
  g_test_add_func ("/database/corrupt", test_corrupt);
  g_test_add_func ("/database/damaged-pages", test_damaged_pages);
  g_test_add_func ("/database/too-new", test_too_new);
  g_test_add_func ("/database/corrupt-while-running", test_corrupt_while_running);
  g_test_add_func ("/database/unwritable", test_unwritable);
  g_test_add_func ("/database/threads", test_threads);

  return g_test_run ();
}

/* test-reading-history.c: the kiosk's own record of readings, in a real SQLite file */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <math.h>
#include <sqlite3.h>

#include "kiosk-reading-history.h"
#include "kiosk-sqlite.h"
#include "kiosk-source-list.h"

typedef struct
{
  GHashTable *histories;
  GError     *error;
  gboolean    done;
} Wait;

/* A fresh folder for one test's files. */
static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("reading-history-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
updated_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *w = user_data;

  w->histories = kiosk_reading_history_update_finish (KIOSK_READING_HISTORY (object), result, &w->error);
  w->done = TRUE;
}

static GHashTable *
update (KioskReadingHistory  *history,
        const char           *source,
        GPtrArray            *readings,
        gint64                now_unix,
        GCancellable         *cancellable,
        GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (now_unix);
  Wait w = { 0 };

  kiosk_reading_history_update_async (history, source, readings, now, 24, cancellable, updated_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);

  if (w.error != NULL)
    g_propagate_error (error, w.error);

  return w.histories;
}

static KioskReading *
reading (const char *id,
         double      value,
         gint64      time_unix)
{
  KioskReading *r = kiosk_reading_new ("station", "Station", id, id);
  g_autoptr(GDateTime) time = time_unix > 0 ? g_date_time_new_from_unix_utc (time_unix) : NULL;
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (KioskReadingPoint));

  kiosk_reading_set_value (r, value, time);
  if (time != NULL && !isnan (value))
    {
      KioskReadingPoint p = { time_unix, value };
      g_array_append_val (own, p);
    }
  kiosk_reading_set_history (r, own);

  return r;
}

#define T0 1795300000

static void
test_record_and_fill (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "readings.sqlite", NULL);
  g_autoptr(KioskReadingHistory) history = kiosk_reading_history_new (path);
  g_autoptr(GError) error = NULL;

  /* Three refreshes of an NGSI source, 10 minutes apart. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) readings = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GHashTable) out = NULL;

      g_ptr_array_add (readings, reading ("e1/temperature", 10 + i, T0 + i * 600));
      g_ptr_array_add (readings, reading ("e1/no2", NAN, T0 + i * 600));
      out = update (history, "ngsi", readings, T0 + i * 600 + 5, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (((GArray *) g_hash_table_lookup (out, "e1/temperature"))->len, ==, i + 1);
      /* No value: nothing recorded. */
      g_assert_cmpuint (((GArray *) g_hash_table_lookup (out, "e1/no2"))->len, ==, 0);

      kiosk_reading_history_apply (out, readings);
      if (i == 2)
        {
          GArray *h = kiosk_reading_get_history (g_ptr_array_index (readings, 0));

          g_assert_cmpuint (h->len, ==, 3);
          g_assert_cmpfloat (g_array_index (h, KioskReadingPoint, 0).value, ==, 10);
          g_assert_cmpint (g_array_index (h, KioskReadingPoint, 0).time, ==, T0);
          g_assert_cmpfloat (g_array_index (h, KioskReadingPoint, 2).value, ==, 12);
        }
    }

  /* Survives a restart; another source keeps its own. */
  g_clear_object (&history);
  history = kiosk_reading_history_new (path);
  {
    g_autoptr(GPtrArray) readings = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GHashTable) out = NULL;

    g_ptr_array_add (readings, reading ("e1/temperature", 13, T0 + 1800));
    out = update (history, "ngsi", readings, T0 + 1805, NULL, &error);
    g_assert_cmpuint (((GArray *) g_hash_table_lookup (out, "e1/temperature"))->len, ==, 4);
    g_hash_table_unref (g_steal_pointer (&out));
    out = update (history, "other", readings, T0 + 1805, NULL, &error);
    g_assert_cmpuint (((GArray *) g_hash_table_lookup (out, "e1/temperature"))->len, ==, 1);
  }

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_caps (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "readings.sqlite", NULL);
  g_autoptr(KioskReadingHistory) history = kiosk_reading_history_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) out = NULL;

  kiosk_reading_history_set_limits (history, 5, 48 * 3600);
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(GPtrArray) readings = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (readings, reading ("r", i, T0 + i * 60));
      g_clear_pointer (&out, g_hash_table_unref);
      out = update (history, "s", readings, T0 + i * 60, NULL, &error);
      g_assert_no_error (error);
    }
  /* Capped per reading: the newest five. */
  {
    GArray *h = g_hash_table_lookup (out, "r");

    g_assert_cmpuint (h->len, ==, 5);
    g_assert_cmpfloat (g_array_index (h, KioskReadingPoint, 0).value, ==, 7);
    g_assert_cmpfloat (g_array_index (h, KioskReadingPoint, 4).value, ==, 11);
  }

  /* Retention: two days later everything old is gone; a reading without a
   * time is recorded at "now". */
  {
    g_autoptr(GPtrArray) readings = g_ptr_array_new_with_free_func (g_object_unref);
    GArray *h;

    g_ptr_array_add (readings, reading ("r", 99, 0));
    g_clear_pointer (&out, g_hash_table_unref);
    out = update (history, "s", readings, T0 + 3 * 86400, NULL, &error);
    g_assert_no_error (error);
    h = g_hash_table_lookup (out, "r");
    g_assert_cmpuint (h->len, ==, 1);
    g_assert_cmpint (g_array_index (h, KioskReadingPoint, 0).time, ==, T0 + 3 * 86400);
  }
}

static void
test_service_history_wins (void)
{
  g_autoptr(GHashTable) histories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) readings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) api = g_array_new (FALSE, FALSE, sizeof (KioskReadingPoint));
  g_autoptr(GArray) recorded = g_array_new (FALSE, FALSE, sizeof (KioskReadingPoint));
  KioskReading *r = reading ("ds", 5, T0);

  for (guint i = 0; i < 3; i++)
    {
      KioskReadingPoint p = { T0 - i * 3600, i };
      g_array_append_val (api, p);
      g_array_append_val (recorded, p);
      g_array_append_val (recorded, p);
    }
  kiosk_reading_set_history (r, api);
  g_ptr_array_add (readings, r);
  g_hash_table_insert (histories, g_strdup ("ds"), g_array_ref (recorded));
  kiosk_reading_history_apply (histories, readings);
  g_assert_true (kiosk_reading_get_history (r) == api);
}

/* Points recorded in the file so far, read as another process would. */
static int
count_points (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM reading_points", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static void
test_broken_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "readings.sqlite", NULL);
  g_autoptr(KioskReadingHistory) history = NULL;
  g_autoptr(GPtrArray) readings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) out = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_assert_true (g_file_set_contents (path, "this is not a database, but it is long enough "
                                      "to be read as one by sqlite, which will then say so",
                                      -1, NULL));
  history = kiosk_reading_history_new (path);
  g_ptr_array_add (readings, reading ("r", 1, T0));
  /* Only a record: the broken file is kept aside and a new one started. */
  g_test_expect_message ("kiosk-sqlite", G_LOG_LEVEL_WARNING, "The reading history *moved to*");
  out = update (history, "s", readings, T0, NULL, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_clear_pointer (&out, g_hash_table_unref);
  g_assert_cmpint (count_points (path), ==, 1);
  g_clear_object (&history);

  /* No file can be made where a folder is: an error that names it. */
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  history = kiosk_reading_history_new (path);
  out = update (history, "s", readings, T0, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, KIOSK_SQLITE_ERROR, KIOSK_SQLITE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Cancelled: a quiet G_IO_ERROR_CANCELLED. */
  g_cancellable_cancel (cancellable);
  out = update (history, "s", readings, T0, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
history_has (KioskReading *r,
             guint         n)
{
  return kiosk_reading_get_history (r)->len >= n;
}

static void
iterate_until_gone (gpointer *weak,
                    guint     n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gboolean all_gone = FALSE;

  /* Recordings still in flight hold their readings until they finish. */
  while (!all_gone && g_get_monotonic_time () < deadline)
    {
      all_gone = TRUE;
      for (guint i = 0; i < n; i++)
        all_gone &= weak[i] == NULL;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* The store records the readings of a sensor source as it updates (no view
 * needed), gives a reading without history of its own what it saw, and
 * lets the source and its items go once the source list drops them. */
static void
test_recorded_by_the_store (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "readings.sqlite", NULL);
  g_autoptr(KioskReadingHistory) history = kiosk_reading_history_new (path);
  g_autoptr(KioskSourceList) list = kiosk_source_list_new ();
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("air", "ngsi-v2",
                                                                 "http://127.0.0.1:9/v2/entities");
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  KioskSource *source;
  KioskReading *latest;
  gpointer weak[4];
  gint64 deadline;

  kiosk_source_list_set_history (list, history);
  source = kiosk_source_new (config);
  kiosk_source_list_add (list, source);

  g_ptr_array_add (first, reading ("no2", 20, now - 1200));
  kiosk_source_set_items (source, first);
  g_ptr_array_add (second, reading ("no2", 30, now - 600));
  latest = g_ptr_array_index (second, 0);
  /* The first value is in the file before the second one arrives. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline && count_points (path) < 1)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_cmpint (count_points (path), ==, 1);
  kiosk_source_set_items (source, second);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline && !history_has (latest, 2))
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_cmpuint (kiosk_reading_get_history (latest)->len, ==, 2);
  g_assert_cmpfloat (g_array_index (kiosk_reading_get_history (latest), KioskReadingPoint, 0).value,
                     ==, 20);

  /* Dropped by the list (a settings change), the source and its items go. */
  weak[0] = source;
  weak[1] = kiosk_source_get_model (source);
  weak[2] = g_ptr_array_index (first, 0);
  weak[3] = latest;
  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    g_object_add_weak_pointer (weak[i], &weak[i]);
  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);
  g_object_unref (source);
  kiosk_source_list_remove_all (list);
  iterate_until_gone (weak, G_N_ELEMENTS (weak));
  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    g_assert_null (weak[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/reading-history/record-and-fill", test_record_and_fill);
  g_test_add_func ("/reading-history/caps", test_caps);
  g_test_add_func ("/reading-history/service-history-wins", test_service_history_wins);
  g_test_add_func ("/reading-history/broken-file", test_broken_file);
  g_test_add_func ("/reading-history/recorded-by-the-store", test_recorded_by_the_store);

  return g_test_run ();
}

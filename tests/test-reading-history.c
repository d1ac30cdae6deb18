/* test-reading-history.c: the kiosk's own record of readings, in a real SQLite file */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <math.h>

#include "kiosk-reading-history.h"

typedef struct
{
  GHashTable *histories;
  GError     *error;
  gboolean    done;
} Wait;

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
  g_autofree char *dir = g_dir_make_tmp ("reading-history-XXXXXX", NULL);
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
  g_autofree char *dir = g_dir_make_tmp ("reading-history-XXXXXX", NULL);
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

static void
test_broken_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("reading-history-XXXXXX", NULL);
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
  out = update (history, "s", readings, T0, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, KIOSK_READING_HISTORY_ERROR, KIOSK_READING_HISTORY_ERROR_DATABASE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Cancelled: a quiet G_IO_ERROR_CANCELLED. */
  g_cancellable_cancel (cancellable);
  out = update (history, "s", readings, T0, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
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

  return g_test_run ();
}

/* test-reading-kind.c: shipped reading kinds, matching, bands, overrides, units */

#include "config.h"

#include <math.h>

#include "kiosk-i18n.h"
#include "kiosk-reading-kind.h"
#include "kiosk-reading.h"

static const char *
match (const char *name,
       const char *definition)
{
  g_autoptr(KioskReadingKind) kind = kiosk_reading_kind_match (name, definition);
  return kind != NULL ? g_intern_string (kiosk_reading_kind_get_id (kind)) : NULL;
}

static void
test_match (void)
{
  g_assert_cmpstr (match ("PM10", NULL), ==, "pm10");
  g_assert_cmpstr (match ("pm10", NULL), ==, "pm10");
  g_assert_cmpstr (match ("PM2.5", NULL), ==, "pm25");
  g_assert_cmpstr (match ("PM2_5", NULL), ==, "pm25");
  g_assert_cmpstr (match ("NO2", NULL), ==, "no2");
  g_assert_cmpstr (match ("Stickstoffdioxid", NULL), ==, "no2");
  g_assert_cmpstr (match ("O3", NULL), ==, "o3");
  g_assert_cmpstr (match ("temperature", NULL), ==, "temperature");
  g_assert_cmpstr (match ("airTemperature", NULL), ==, "temperature");
  g_assert_cmpstr (match ("Lufttemperatur", NULL), ==, "temperature");
  g_assert_cmpstr (match ("relativeHumidity", NULL), ==, "humidity");
  g_assert_cmpstr (match ("Lärm", NULL), ==, "noise");
  g_assert_cmpstr (match ("LAeq", NULL), ==, "noise");
  g_assert_cmpstr (match ("availableSpotNumber", NULL), ==, "parking");
  g_assert_cmpstr (match ("Wasserstand", NULL), ==, "water-level");
  g_assert_cmpstr (match ("waterLevel", NULL), ==, "water-level");
  /* Definitions: EIONET pollutant codes, vocabularies' last segment. */
  g_assert_cmpstr (match ("Schadstoff 1", "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/6001"), ==, "pm25");
  g_assert_cmpstr (match ("x", "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/5"), ==, "pm10");
  g_assert_cmpstr (match ("x", "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/15"), ==, NULL);
  g_assert_cmpstr (match ("x", "http://vocab.nerc.ac.uk/standard_name/air_temperature/"), ==, NULL);
  g_assert_cmpstr (match ("x", "https://example.org/def#relativeHumidity"), ==, "humidity");
  /* A longer name holding an alias. */
  g_assert_cmpstr (match ("air_temperature_2m", NULL), ==, "temperature");
  g_assert_cmpstr (match ("door open", NULL), ==, NULL);
  g_assert_cmpstr (match ("", NULL), ==, NULL);
  g_assert_cmpstr (match (NULL, NULL), ==, NULL);
  g_assert_cmpstr (match ("\xff\xfe", NULL), ==, NULL);
}

static void
test_bands (void)
{
  const char * const *ids = kiosk_reading_kind_list_ids ();
  g_autoptr(KioskReadingKind) pm10 = kiosk_reading_kind_lookup ("pm10");
  g_autoptr(KioskReadingKind) no2 = kiosk_reading_kind_lookup ("no2");
  const char *word, *style;
  double upper;

  /* Every shipped kind: a name, rising bands each with words and a style,
   * a maximum age. */
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 9);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(KioskReadingKind) kind = kiosk_reading_kind_lookup (ids[i]);
      double last = -INFINITY;

      g_assert_nonnull (kind);
      g_assert_cmpstr (kiosk_reading_kind_get_name (kind), !=, "");
      g_assert_cmpuint (kiosk_reading_kind_get_max_age (kind), >=, 600);
      g_assert_cmpuint (kiosk_reading_kind_get_n_bands (kind), >=, 3);
      for (guint b = 0; b < kiosk_reading_kind_get_n_bands (kind); b++)
        {
          kiosk_reading_kind_get_band (kind, b, &upper, &word, &style);
          g_assert_cmpfloat (upper, >, last);
          g_assert_true (word != NULL && *word != '\0');
          g_assert_true (g_str_has_prefix (style, "band-"));
          last = upper;
        }
      g_assert_true (isinf (last));
    }

  /* UBA: PM10 0–20 sehr gut, 21–35 gut, 36–50 mäßig, 51–100 schlecht, >100 sehr schlecht */
  g_assert_cmpint (kiosk_reading_kind_band_for_value (pm10, 0), ==, 0);
  g_assert_cmpint (kiosk_reading_kind_band_for_value (pm10, 20), ==, 0);
  g_assert_cmpint (kiosk_reading_kind_band_for_value (pm10, 20.5), ==, 1);
  g_assert_cmpint (kiosk_reading_kind_band_for_value (pm10, 50), ==, 2);
  g_assert_cmpint (kiosk_reading_kind_band_for_value (pm10, 100), ==, 3);
  g_assert_cmpint (kiosk_reading_kind_band_for_value (pm10, 101), ==, 4);
  g_assert_cmpint (kiosk_reading_kind_band_for_value (pm10, NAN), ==, -1);
  g_assert_cmpint (kiosk_reading_kind_band_for_value (no2, 201), ==, 4);
  kiosk_reading_kind_get_band (pm10, 4, NULL, &word, NULL);
  g_assert_cmpstr (word, ==, "very poor");
  g_assert_nonnull (kiosk_reading_kind_get_scale (pm10));
}

static void
test_overrides (void)
{
  g_autoptr(KioskReadingKind) temp = kiosk_reading_kind_lookup ("temperature");
  g_autoptr(KioskReadingKind) copy = NULL;
  g_autoptr(KioskReadingKind) bad = NULL;
  g_autoptr(GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  g_hash_table_insert (options, (char *) "thresholds-temperature", (char *) "-5, 5,15,25");
  g_hash_table_insert (options, (char *) "max-age-temperature", (char *) "3600");
  g_hash_table_insert (options, (char *) "decimals-temperature", (char *) "2");
  copy = kiosk_reading_kind_apply_options (temp, options, warnings);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpint (kiosk_reading_kind_band_for_value (copy, 0), ==, 1);
  g_assert_cmpint (kiosk_reading_kind_band_for_value (temp, 0), ==, 0);
  g_assert_cmpuint (kiosk_reading_kind_get_max_age (copy), ==, 3600);
  g_assert_cmpuint (kiosk_reading_kind_get_decimals (copy), ==, 2);

  /* Wrong count, not rising, not numbers: defaults stay, a warning says why. */
  g_hash_table_insert (options, (char *) "thresholds-temperature", (char *) "5,1,2,3");
  g_hash_table_insert (options, (char *) "max-age-temperature", (char *) "-1");
  g_hash_table_insert (options, (char *) "decimals-temperature", (char *) "NaN");
  bad = kiosk_reading_kind_apply_options (temp, options, warnings);
  g_assert_cmpuint (warnings->len, ==, 3);
  g_assert_cmpint (kiosk_reading_kind_band_for_value (bad, 0), ==, 0);
  g_assert_cmpuint (kiosk_reading_kind_get_max_age (bad), ==, kiosk_reading_kind_get_max_age (temp));
  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (warnings, i));
}

static void
test_units_and_format (void)
{
  g_autoptr(KioskReadingKind) temp = kiosk_reading_kind_lookup ("temperature");
  g_autoptr(KioskReadingKind) other = kiosk_reading_kind_new_other ("Luftdruck");
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  g_assert_cmpstr (kiosk_unit_from_cefact ("CEL"), ==, "°C");
  g_assert_cmpstr (kiosk_unit_from_cefact ("GQ"), ==, "µg/m³");
  g_assert_cmpstr (kiosk_unit_from_cefact ("P1"), ==, "%");
  g_assert_cmpstr (kiosk_unit_from_cefact ("2N"), ==, "dB");
  g_assert_cmpstr (kiosk_unit_from_cefact ("CMT"), ==, "cm");
  g_assert_null (kiosk_unit_from_cefact ("XYZ"));

  kiosk_i18n_set_language ("de");
  a = kiosk_reading_kind_format_value (temp, 12.34);
  g_assert_cmpstr (a, ==, "12,3");
  b = kiosk_reading_kind_format_value (temp, -0.04);
  g_assert_cmpstr (b, ==, "0,0");
  c = kiosk_reading_kind_format_value (temp, NAN);
  g_assert_cmpstr (c, ==, "–");
  kiosk_i18n_set_language ("en");
  d = kiosk_reading_kind_format_value (temp, -3.25);
  g_assert_cmpstr (d, ==, "−3.2");
  g_assert_cmpstr (kiosk_reading_kind_get_name (other), ==, "Luftdruck");
  g_assert_cmpint (kiosk_reading_kind_band_for_value (other, 1000), ==, -1);
}

static void
test_stale (void)
{
  g_autoptr(KioskReading) r = kiosk_reading_new ("s", "Station", "r", "PM10");
  g_autoptr(KioskReadingKind) pm10 = kiosk_reading_kind_lookup ("pm10");
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 22, 12, 0, 0);
  g_autoptr(GDateTime) fresh = g_date_time_add_minutes (now, -20);
  g_autoptr(GDateTime) old = g_date_time_add_hours (now, -5);
  g_autoptr(GDateTime) future = g_date_time_add_hours (now, 2);
  g_autoptr(GDateTime) ahead = g_date_time_add_minutes (now, 5);
  g_autofree char *none = NULL, *no_time = NULL, *ok = NULL, *too_old = NULL;
  g_autofree char *in_future = NULL, *slightly_ahead = NULL;

  kiosk_i18n_set_language ("en");
  kiosk_reading_set_kind (r, pm10);
  none = kiosk_reading_dup_stale_reason (r, now);
  g_assert_cmpstr (none, ==, "The station has sent no value");

  kiosk_reading_set_value (r, 12, NULL);
  no_time = kiosk_reading_dup_stale_reason (r, now);
  g_assert_cmpstr (no_time, ==, "The station does not say when it measured");

  kiosk_reading_set_value (r, 12, fresh);
  ok = kiosk_reading_dup_stale_reason (r, now);
  g_assert_null (ok);
  g_assert_cmpint (kiosk_reading_get_band (r), ==, 0);

  kiosk_reading_set_value (r, 12, old);
  too_old = kiosk_reading_dup_stale_reason (r, now);
  g_assert_cmpstr (too_old, ==, "No new measurement for 5 hours");

  kiosk_reading_set_value (r, 12, future);
  in_future = kiosk_reading_dup_stale_reason (r, now);
  g_assert_cmpstr (in_future, ==, "The measuring time lies in the future");

  /* A clock a few minutes ahead is no reason to distrust a value. */
  kiosk_reading_set_value (r, 12, ahead);
  slightly_ahead = kiosk_reading_dup_stale_reason (r, now);
  g_assert_null (slightly_ahead);

  /* Non-finite values are no value; positions out of range no position. */
  kiosk_reading_set_value (r, INFINITY, fresh);
  g_assert_true (isnan (kiosk_reading_get_value (r)));
  kiosk_reading_set_position (r, 91, 12);
  g_assert_true (isnan (kiosk_reading_get_latitude (r)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  kiosk_i18n_init ();

  g_test_add_func ("/reading-kind/match", test_match);
  g_test_add_func ("/reading-kind/bands", test_bands);
  g_test_add_func ("/reading-kind/overrides", test_overrides);
  g_test_add_func ("/reading-kind/units-and-format", test_units_and_format);
  g_test_add_func ("/reading-kind/stale", test_stale);

  return g_test_run ();
}

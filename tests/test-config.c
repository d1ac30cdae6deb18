/* test-config.c: settings defaults and the keyfile import */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-config.h"

static char *
write_keyfile (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("ankerort-config-XXXXXX.conf", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static KioskConfig *
new_config (void)
{
  KioskConfig *config = kiosk_config_new_default ();

  /* The memory backend keeps values between tests in one process. */
  g_settings_reset (kiosk_config_get_settings (config), "place-name");
  g_settings_reset (kiosk_config_get_settings (config), "idle-timeout");
  g_settings_reset (kiosk_config_get_settings (config), "latitude");
  g_settings_reset (kiosk_config_get_settings (config), "time-zone");
  g_settings_reset (kiosk_config_get_settings (config), "default-language");
  g_settings_reset (kiosk_config_get_settings (config), "map-bounds");
  g_settings_reset (kiosk_config_get_settings (config), "sources");

  return config;
}

static gboolean
messages_contain (GPtrArray  *messages,
                  const char *needle)
{
  for (guint i = 0; i < messages->len; i++)
    {
      if (strstr (g_ptr_array_index (messages, i), needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_defaults (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  g_autoptr(GTimeZone) tz = kiosk_config_get_time_zone (config);
  g_autoptr(GPtrArray) sources = kiosk_config_get_sources (config);
  const char *id;

  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Ankerort");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 90);
  g_assert_cmpstr (kiosk_config_get_default_language (config), ==, "de");
  g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, "Europe/Berlin");
  g_assert_false (kiosk_config_get_map_bounds (config, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (sources->len, ==, 0);

  /* The anonymous kiosk id is made once and then kept. */
  id = kiosk_config_get_kiosk_id (config);
  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_cmpstr (kiosk_config_get_kiosk_id (config), ==, id);
}

static void
test_import_valid (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *path = NULL;
  double w, s, e, n;

  path = write_keyfile ("[Kiosk]\n"
                        "place-name=Stadtteilzentrum Nord\n"
                        "latitude=53.55\n"
                        "longitude=9.99\n"
                        "map-bounds=9.9;53.5;10.1;53.6\n"
                        "time-zone=Europe/London\n"
                        "idle-timeout=120\n"
                        "default-language=en\n");
  g_assert_true (kiosk_config_import_keyfile (config, path, messages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 0);

  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Stadtteilzentrum Nord");
  g_assert_cmpfloat_with_epsilon (kiosk_config_get_latitude (config), 53.55, 1e-9);
  g_assert_cmpfloat_with_epsilon (kiosk_config_get_longitude (config), 9.99, 1e-9);
  g_assert_true (kiosk_config_get_map_bounds (config, &w, &s, &e, &n));
  g_assert_cmpfloat_with_epsilon (w, 9.9, 1e-9);
  g_assert_cmpfloat_with_epsilon (n, 53.6, 1e-9);
  tz = kiosk_config_get_time_zone (config);
  g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, "Europe/London");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 120);
  g_assert_cmpstr (kiosk_config_get_default_language (config), ==, "en");

  g_unlink (path);
}

static void
test_import_invalid (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *path = NULL;

  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*idle-timeout*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*latitude*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*time-zone*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*default-language*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*map-bounds*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*colour*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*Source weather*kind*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*Screensaver*");

  path = write_keyfile ("[Kiosk]\n"
                        "place-name=Bücherei\n"
                        "idle-timeout=soon\n"
                        "latitude=123\n"
                        "time-zone=Mars/Olympus\n"
                        "default-language=fr\n"
                        "map-bounds=1;2;3\n"
                        "colour=blue\n"
                        "[Source weather]\n"
                        "kind=carrier-pigeon\n"
                        "url=https://example.org/\n"
                        "[Screensaver]\n"
                        "enabled=true\n");
  g_assert_true (kiosk_config_import_keyfile (config, path, messages, &error));
  g_assert_no_error (error);
  g_test_assert_expected_messages ();

  /* Each message names the file, the group and the key. */
  g_assert_true (messages_contain (messages, "[Kiosk] idle-timeout: “soon”"));
  g_assert_true (messages_contain (messages, "[Kiosk] latitude: “123”"));
  g_assert_true (messages_contain (messages, "[Kiosk] time-zone: “Mars/Olympus”"));
  g_assert_true (messages_contain (messages, "[Kiosk] default-language: “fr”"));
  g_assert_true (messages_contain (messages, "[Kiosk] map-bounds"));
  g_assert_true (messages_contain (messages, "[Kiosk] colour: unknown key"));
  g_assert_true (messages_contain (messages, "[Source weather] kind: “carrier-pigeon”"));
  g_assert_true (messages_contain (messages, "[Screensaver]: unknown group"));
  g_assert_true (messages_contain (messages, path));

  /* Valid keys are taken, invalid ones keep their defaults. */
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Bücherei");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 90);
  g_assert_cmpfloat_with_epsilon (kiosk_config_get_latitude (config), 51.0, 1e-9);
  tz = kiosk_config_get_time_zone (config);
  g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, "Europe/Berlin");
  g_assert_cmpstr (kiosk_config_get_default_language (config), ==, "de");
  sources = kiosk_config_get_sources (config);
  g_assert_cmpuint (sources->len, ==, 0);

  g_unlink (path);
}

/* Keys and passwords in a source's URL or headers stay out of messages. */
static void
test_import_secrets (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*Source a*url*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*Source b*headers*");
  path = write_keyfile ("[Source a]\n"
                        "kind=geojson\n"
                        "url=ftp://user:secret@data.example/places?apikey=secret\n"
                        "[Source b]\n"
                        "kind=geojson\n"
                        "url=https://data.example/places\n"
                        "headers=Authorization Bearer secret;\n");
  g_assert_true (kiosk_config_import_keyfile (config, path, messages, &error));
  g_assert_no_error (error);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_true (messages_contain (messages, "“ftp://user:***@data.example/places?apikey=***”"));
  g_assert_true (messages_contain (messages, "[Source b] headers: “…”"));
  g_assert_false (messages_contain (messages, "secret"));

  g_unlink (path);
}

static void
test_import_unreadable (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_keyfile ("this is [not a keyfile\n=\n");

  g_assert_false (kiosk_config_import_keyfile (config, path, NULL, &error));
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_false (kiosk_config_import_keyfile (config, "/nonexistent/ankerort.conf", NULL, &error));
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "/nonexistent/ankerort.conf"));

  g_unlink (path);
}

static void
test_source_variant_roundtrip (void)
{
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("ev", "ical", "https://x.example/e.ics");
  g_autoptr(KioskSourceConfig) copy = NULL;
  g_autoptr(GVariant) variant = NULL;
  const char *headers[] = { "Fiware-Service: musterdorf", NULL };

  config->refresh_interval = 600;
  g_strfreev (config->headers);
  config->headers = g_strdupv ((char **) headers);
  g_hash_table_insert (config->options, g_strdup ("name-property"), g_strdup ("title"));

  variant = g_variant_ref_sink (kiosk_source_config_to_variant (config));
  copy = kiosk_source_config_new_from_variant (variant);
  g_assert_cmpstr (copy->id, ==, "ev");
  g_assert_cmpstr (copy->kind, ==, "ical");
  g_assert_cmpstr (copy->url, ==, "https://x.example/e.ics");
  g_assert_cmpuint (copy->refresh_interval, ==, 600);
  g_assert_cmpstrv (copy->headers, headers);
  g_assert_cmpstr (g_hash_table_lookup (copy->options, "name-property"), ==, "title");
}

static void
count_cb (KioskConfig *config,
          const char  *key,
          guint       *count)
{
  (*count)++;
}

/* "changed::KEY" reaches only those listening for that key, and a new
 * kiosk id is read again, not the one kept from before. */
static void
test_changed_live (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  GSettings *settings = kiosk_config_get_settings (config);
  g_autofree char *first = NULL;
  guint id_changes = 0, place_changes = 0;

  g_settings_set_string (settings, "kiosk-id", "");
  first = g_strdup (kiosk_config_get_kiosk_id (config));
  g_assert_cmpuint (strlen (first), ==, 36);

  g_signal_connect (config, "changed::kiosk-id", G_CALLBACK (count_cb), &id_changes);
  g_signal_connect (config, "changed::place-name", G_CALLBACK (count_cb), &place_changes);
  g_settings_set_string (settings, "kiosk-id", "rathaus-foyer-2");
  while (id_changes == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (kiosk_config_get_kiosk_id (config), ==, "rathaus-foyer-2");
  g_assert_cmpuint (place_changes, ==, 0);
}

/* What decides whether a running source is replaced. */
static void
test_source_equal (void)
{
  g_autoptr(KioskSourceConfig) a = kiosk_source_config_new ("events", "ical", "https://example.org/a.ics");
  g_autoptr(KioskSourceConfig) b = NULL;

  g_hash_table_insert (a->options, g_strdup ("language"), g_strdup ("de"));
  g_hash_table_insert (a->options, g_strdup ("name-property"), g_strdup ("title"));
  b = kiosk_source_config_copy (a);
  g_assert_true (kiosk_source_config_equal (a, b));

  /* The order options were given in does not matter. */
  g_hash_table_remove (b->options, "language");
  g_hash_table_insert (b->options, g_strdup ("language"), g_strdup ("de"));
  g_assert_true (kiosk_source_config_equal (a, b));

  g_hash_table_insert (b->options, g_strdup ("language"), g_strdup ("en"));
  g_assert_false (kiosk_source_config_equal (a, b));
  g_hash_table_insert (b->options, g_strdup ("language"), g_strdup ("de"));

  b->refresh_interval = 60;
  g_assert_false (kiosk_source_config_equal (a, b));
  b->refresh_interval = a->refresh_interval;

  g_strfreev (b->headers);
  b->headers = g_strsplit ("Authorization: Bearer 1", ";", -1);
  g_assert_false (kiosk_source_config_equal (a, b));
  g_strfreev (b->headers);
  b->headers = g_strdupv (a->headers);

  g_free (b->url);
  b->url = g_strdup ("https://example.org/b.ics");
  g_assert_false (kiosk_source_config_equal (a, b));
}

/* What the staff panel exports, --config reads back to the same settings. */
static void
test_export_round_trip (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  GSettings *settings = kiosk_config_get_settings (config);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  g_autoptr(GPtrArray) read_back = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KioskSourceConfig) events = kiosk_source_config_new ("termine", "ical",
                                                                 "https://example.org/a b;c.ics");
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  const char * const languages[] = { "en", "de", NULL };
  g_auto(GStrv) languages_back = NULL;
  static const char * const keys[] = {
    "place-name", "latitude", "longitude", "map-bounds", "idle-timeout", "large-text",
    "languages", "attract-fit", "attract-volume", "opening-hours",
  };
  GVariant *before[G_N_ELEMENTS (keys)];

  g_settings_set_string (settings, "place-name", "Bürgerhaus „Am Anker“; Eingang B");
  g_settings_set_double (settings, "latitude", 51.3397123);
  g_settings_set_double (settings, "longitude", 12.3731);
  g_settings_set_value (settings, "map-bounds", g_variant_new ("(dddd)", 12.3, 51.3, 12.45, 51.38));
  g_settings_set_uint (settings, "idle-timeout", 120);
  g_settings_set_boolean (settings, "large-text", TRUE);
  g_settings_set_strv (settings, "languages", languages);
  g_settings_set_string (settings, "attract-fit", "fill");
  g_settings_set_double (settings, "attract-volume", 0.25);
  g_settings_set_string (settings, "opening-hours", "Mo-Fr 09:00-18:00; Sa 10:00-14:00");
  g_settings_set_string (settings, "staff-pin-hash", "$argon2id$v=19$secret");
  g_settings_set_string (settings, "kiosk-id", "one-kiosk-only");

  events->refresh_interval = 600;
  g_strfreev (events->headers);
  events->headers = g_new0 (char *, 3);
  events->headers[0] = g_strdup ("X-Api-Key: ab;cd");
  events->headers[1] = g_strdup ("Fiware-Service: stadt");
  g_hash_table_insert (events->options, g_strdup ("past-days"), g_strdup ("2"));
  g_ptr_array_add (sources, kiosk_source_config_copy (events));
  g_ptr_array_add (sources, kiosk_source_config_new ("orte", "geojson", "file:///srv/orte.geojson"));
  kiosk_config_set_sources (config, sources);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    before[i] = g_settings_get_value (settings, keys[i]);

  data = kiosk_config_export_keyfile (config, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (data, "argon2id"));
  g_assert_null (strstr (data, "one-kiosk-only"));
  path = write_keyfile (data);

  /* A kiosk with the defaults reads it. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  g_settings_reset (settings, "sources");
  g_assert_true (kiosk_config_import_keyfile (config, path, messages, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < messages->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (messages, i));
  g_assert_cmpuint (messages->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GVariant) after = g_settings_get_value (settings, keys[i]);
      g_autofree char *want = g_variant_print (before[i], TRUE);
      g_autofree char *got = g_variant_print (after, TRUE);

      g_assert_cmpstr (got, ==, want);
      g_variant_unref (before[i]);
    }
  languages_back = g_settings_get_strv (settings, "languages");
  g_assert_cmpstr (languages_back[0], ==, "en");

  read_back = kiosk_config_get_sources (config);
  g_assert_cmpuint (read_back->len, ==, 2);
  g_assert_true (kiosk_source_config_equal (g_ptr_array_index (read_back, 0), events));
  g_assert_true (kiosk_source_config_equal (g_ptr_array_index (read_back, 1),
                                            g_ptr_array_index (sources, 1)));

  g_settings_reset (settings, "staff-pin-hash");
  g_settings_reset (settings, "kiosk-id");
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/config/defaults", test_defaults);
  g_test_add_func ("/config/import/valid", test_import_valid);
  g_test_add_func ("/config/import/invalid", test_import_invalid);
  g_test_add_func ("/config/import/secrets", test_import_secrets);
  g_test_add_func ("/config/import/unreadable", test_import_unreadable);
  g_test_add_func ("/config/source/variant", test_source_variant_roundtrip);
  g_test_add_func ("/config/source/equal", test_source_equal);
  g_test_add_func ("/config/changed-live", test_changed_live);

  g_test_add_func ("/config/export-round-trip", test_export_round_trip);

  return g_test_run ();
}

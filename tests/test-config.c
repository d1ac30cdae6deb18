/* test-config.c: settings defaults and the keyfile import */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-config.h"
#include "kiosk-minisign.h"
#include "kiosk-test-minisign.h"

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

  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*Screensaver*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*idle-timeout*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*latitude*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*time-zone*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*default-language*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*map-bounds*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*colour*");
  g_test_expect_message ("kiosk-config", G_LOG_LEVEL_WARNING, "*Source weather*kind*");

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
  g_assert_false (kiosk_config_import_keyfile (config, path, messages, &error));
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "nothing applied"));
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

  /* Nothing of a file with a mistake is taken, not even its valid keys. */
  g_assert_cmpuint (messages->len, ==, 8);
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Ankerort");
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
  g_assert_false (kiosk_config_import_keyfile (config, path, messages, &error));
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE);
  g_assert_null (strstr (error->message, "secret"));
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

/* One file for many kiosks: [Kiosk ID] and [Source NAME@ID] win over the
 * shared groups for that kiosk only. */
static void
test_fleet_groups (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  GSettings *settings = kiosk_config_get_settings (config);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const KioskSourceConfig *events;

  path = write_keyfile ("[Kiosk]\n"
                        "place-name=Stadt Musterdorf\n"
                        "idle-timeout=60\n"
                        "[Kiosk rathaus]\n"
                        "place-name=Rathaus Foyer\n"
                        "[Kiosk bibliothek]\n"
                        "place-name=Stadtbibliothek\n"
                        "idle-timeout=180\n"
                        "[Source events]\n"
                        "kind=ical\n"
                        "url=https://stadt.example/events.ics\n"
                        "refresh=600\n"
                        "[Source events@rathaus]\n"
                        "url=https://stadt.example/rathaus.ics\n"
                        "[Source air@bibliothek]\n"
                        "kind=geojson\n"
                        "url=https://stadt.example/air.geojson\n");

  g_settings_set_string (settings, "kiosk-id", "rathaus");
  g_assert_true (kiosk_config_import_keyfile (config, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Rathaus Foyer");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 60);
  sources = kiosk_config_get_sources (config);
  g_assert_cmpuint (sources->len, ==, 1);
  events = g_ptr_array_index (sources, 0);
  g_assert_cmpstr (events->id, ==, "events");
  g_assert_cmpstr (events->kind, ==, "ical");
  g_assert_cmpstr (events->url, ==, "https://stadt.example/rathaus.ics");
  g_assert_cmpuint (events->refresh_interval, ==, 600);
  g_clear_pointer (&sources, g_ptr_array_unref);

  g_settings_set_string (settings, "kiosk-id", "bibliothek");
  g_assert_true (kiosk_config_import_keyfile (config, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Stadtbibliothek");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 180);
  sources = kiosk_config_get_sources (config);
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_cmpstr (((KioskSourceConfig *) sources->pdata[0])->url, ==, "https://stadt.example/events.ics");
  g_assert_cmpstr (((KioskSourceConfig *) sources->pdata[1])->id, ==, "air");
  g_clear_pointer (&sources, g_ptr_array_unref);

  /* A kiosk the file does not name takes the shared groups. */
  g_settings_set_string (settings, "kiosk-id", "schule");
  g_assert_true (kiosk_config_import_keyfile (config, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Stadt Musterdorf");
  sources = kiosk_config_get_sources (config);
  g_assert_cmpuint (sources->len, ==, 1);

  g_settings_reset (settings, "kiosk-id");
  g_unlink (path);
}

/* A mistake in another kiosk's group makes the file wrong for every
 * kiosk: the city learns of it from the first one, not the last. */
static void
test_fleet_other_kiosk_checked (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  GSettings *settings = kiosk_config_get_settings (config);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(KioskConfigFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "[Kiosk]\n"
                     "place-name=Stadt\n"
                     "[Kiosk schule]\n"
                     "idle-timeout=2\n"
                     "kiosk-id=x\n"
                     "[Source events@schule]\n"
                     "refresh=often\n"
                     "[Source events]\n"
                     "kind=ical\n"
                     "url=https://stadt.example/events.ics\n";
  const KioskConfigProblem *problem;

  g_object_get (settings, "settings-schema", &schema, NULL);
  file = kiosk_config_file_parse (text, strlen (text), "fleet.conf", schema, "rathaus", &error);
  g_assert_no_error (error);
  g_assert_false (kiosk_config_file_is_valid (file));
  g_assert_cmpuint (file->problems->len, ==, 3);

  problem = file->problems->pdata[0];
  g_assert_cmpstr (problem->group, ==, "Kiosk schule");
  g_assert_cmpstr (problem->key, ==, "idle-timeout");
  g_assert_cmpstr (problem->message, ==, "“2” is not a number from 3 to 3600");
  problem = file->problems->pdata[1];
  g_assert_cmpstr (problem->key, ==, "kiosk-id");
  problem = file->problems->pdata[2];
  g_assert_cmpstr (problem->group, ==, "Source events@schule");
  g_assert_cmpstr (problem->key, ==, "refresh");

  /* What this kiosk would take is still read. */
  g_assert_cmpstr (file->kiosk_id, ==, "rathaus");
  g_assert_nonnull (g_hash_table_lookup (file->values, "place-name"));
  g_assert_cmpuint (file->sources->len, ==, 1);

  g_assert_false (kiosk_config_apply_file (config, file, &error));
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_INVALID_VALUE);
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Ankerort");
}

/* Booleans, lists and the keys the schema alone cannot check. */
static void
test_fleet_value_types (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  GSettings *settings = kiosk_config_get_settings (config);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(KioskConfigFile) good = NULL;
  g_autoptr(KioskConfigFile) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) languages = NULL;
  const char *good_text = "[Kiosk]\n"
                          "large-text=true\n"
                          "reach-mode=False\n"
                          "languages=de;en;\n"
                          "config-url=https://stadt.example/kiosk.conf\n";
  const char *bad_text = "[Kiosk]\n"
                         "large-text=yes\n"
                         "config-url=ftp://stadt.example/kiosk.conf\n"
                         "config-public-key=RWQnotakey\n";

  g_object_get (settings, "settings-schema", &schema, NULL);
  good = kiosk_config_file_parse (good_text, strlen (good_text), "a.conf", schema, "k", &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_config_file_is_valid (good));
  g_assert_null (good->sources);
  g_assert_true (kiosk_config_apply_file (config, good, &error));
  g_assert_no_error (error);
  g_assert_true (g_settings_get_boolean (settings, "large-text"));
  g_assert_false (g_settings_get_boolean (settings, "reach-mode"));
  languages = g_settings_get_strv (settings, "languages");
  g_assert_cmpuint (g_strv_length (languages), ==, 2);
  g_assert_cmpstr (languages[1], ==, "en");

  bad = kiosk_config_file_parse (bad_text, strlen (bad_text), "b.conf", schema, "k", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bad->problems->len, ==, 3);
  g_assert_cmpstr (((KioskConfigProblem *) bad->problems->pdata[0])->message, ==,
                   "“yes” is not true or false");
  g_assert_nonnull (strstr (((KioskConfigProblem *) bad->problems->pdata[1])->message, "http"));
  g_assert_nonnull (strstr (((KioskConfigProblem *) bad->problems->pdata[2])->message, "minisign"));

  g_settings_reset (settings, "large-text");
  g_settings_reset (settings, "languages");
  g_settings_reset (settings, "config-url");
}

static void
check_applied_cb (KioskConfig *config,
                  const char  *key,
                  guint       *seen)
{
  /* Whichever key is announced first, the others are already there. */
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Rathaus");
  g_assert_cmpuint (kiosk_config_get_idle_timeout (config), ==, 45);
  g_assert_cmpstr (kiosk_config_get_default_language (config), ==, "en");
  (*seen)++;
}

static void
test_import_atomic (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint seen = 0;
  gulong handler;

  path = write_keyfile ("[Kiosk]\n"
                        "place-name=Rathaus\n"
                        "idle-timeout=45\n"
                        "default-language=en\n");
  handler = g_signal_connect (config, "changed", G_CALLBACK (check_applied_cb), &seen);
  g_assert_true (kiosk_config_import_keyfile (config, path, NULL, &error));
  g_assert_no_error (error);
  while (seen < 3)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (config, handler);

  g_unlink (path);
}

static void
count_any_cb (KioskConfig *config,
              const char  *key,
              guint       *count)
{
  (*count)++;
}

/* The same file again (the fleet's file fetched after a restart) changes
 * no key: nothing is announced, no source is read again. */
static void
test_import_unchanged (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint changes = 0;
  gulong handler;

  path = write_keyfile ("[Kiosk]\n"
                        "place-name=Rathaus\n"
                        "time-zone=Europe/Berlin\n"
                        "[Source events]\n"
                        "kind=ical\n"
                        "url=https://stadt.example/events.ics\n");
  g_assert_true (kiosk_config_import_keyfile (config, path, NULL, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  handler = g_signal_connect (config, "changed", G_CALLBACK (count_any_cb), &changes);
  g_assert_true (kiosk_config_import_keyfile (config, path, NULL, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes, ==, 0);
  g_signal_handler_disconnect (config, handler);

  g_unlink (path);
}

/* With config-public-key set, only a file signed with that key is taken. */
static void
test_import_signed (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  GSettings *settings = kiosk_config_get_settings (config);
  g_autoptr(KioskTestMinisign) city = kiosk_test_minisign_new ("city");
  g_autoptr(KioskTestMinisign) stranger = kiosk_test_minisign_new ("stranger");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sig_path = NULL;

  g_settings_set_string (settings, "config-public-key", city->public_key);
  path = write_keyfile ("[Kiosk]\nplace-name=Signiert\n");
  sig_path = g_strconcat (path, ".minisig", NULL);

  g_assert_false (kiosk_config_import_keyfile (config, path, NULL, &error));
  g_assert_error (error, KIOSK_CONFIG_ERROR, KIOSK_CONFIG_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no signature"));
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Ankerort");
  g_clear_error (&error);

  kiosk_test_minisign_sign_file (stranger, path, FALSE, "not the city");
  g_assert_false (kiosk_config_import_keyfile (config, path, NULL, &error));
  g_assert_nonnull (strstr (error->message, "configured key"));
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Ankerort");
  g_clear_error (&error);

  kiosk_test_minisign_sign_file (city, path, FALSE, "fleet");
  g_assert_true (kiosk_config_import_keyfile (config, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Signiert");

  /* Changed after signing. */
  g_file_set_contents (path, "[Kiosk]\nplace-name=Gefälscht\n", -1, &error);
  g_assert_no_error (error);
  g_assert_false (kiosk_config_import_keyfile (config, path, NULL, &error));
  g_assert_nonnull (strstr (error->message, "changed after signing"));
  g_assert_cmpstr (kiosk_config_get_place_name (config), ==, "Signiert");

  g_settings_reset (settings, "config-public-key");
  g_unlink (sig_path);
  g_unlink (path);
}

/* The default id: a keyed hash of the machine id, never the id itself. */
static void
test_kiosk_id_machine (void)
{
  g_autoptr(KioskConfig) config = new_config ();
  g_autofree char *a = kiosk_config_kiosk_id_from_machine_id ("0123456789abcdef0123456789abcdef\n");
  g_autofree char *b = kiosk_config_kiosk_id_from_machine_id ("0123456789abcdef0123456789abcdee");
  g_autofree char *again = kiosk_config_kiosk_id_from_machine_id ("0123456789abcdef0123456789abcdef");
  g_autofree char *machine = NULL;
  g_autofree char *stored = NULL;

  g_assert_true (g_uuid_string_is_valid (a));
  g_assert_cmpstr (a, ==, again);
  g_assert_cmpstr (a, !=, b);
  g_assert_null (strstr (a, "0123456789abcdef"));
  g_assert_null (kiosk_config_kiosk_id_from_machine_id (" \n"));

  g_settings_reset (kiosk_config_get_settings (config), "kiosk-id");
  if (g_file_get_contents ("/etc/machine-id", &machine, NULL, NULL) && *g_strstrip (machine) != '\0')
    {
      g_autofree char *expected = kiosk_config_kiosk_id_from_machine_id (machine);

      g_assert_cmpstr (kiosk_config_get_kiosk_id (config), ==, expected);
      /* Derived each time, not written: a cloned disk gets its own. */
      stored = g_settings_get_string (kiosk_config_get_settings (config), "kiosk-id");
      g_assert_cmpstr (stored, ==, "");
    }
  else
    g_test_message ("no /etc/machine-id here: the random id is used");
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
  g_test_add_func ("/config/import/atomic", test_import_atomic);
  g_test_add_func ("/config/import/unchanged", test_import_unchanged);
  g_test_add_func ("/config/import/signed", test_import_signed);
  g_test_add_func ("/config/fleet/groups", test_fleet_groups);
  g_test_add_func ("/config/fleet/other-kiosk-checked", test_fleet_other_kiosk_checked);
  g_test_add_func ("/config/fleet/value-types", test_fleet_value_types);
  g_test_add_func ("/config/kiosk-id/machine", test_kiosk_id_machine);

  g_test_add_func ("/config/export-round-trip", test_export_round_trip);

  return g_test_run ();
}

/* test-cap.c: CAP documents and feeds, whether they apply, and the alerts on screen */

#include "config.h"

#include <string.h>

#include "kiosk-alert.h"
#include "kiosk-alerts.h"
#include "kiosk-cap-format.h"
#include "kiosk-config.h"
#include "kiosk-demo.h"
#include "kiosk-demo-server.h"
#include "kiosk-fetcher.h"
#include "kiosk-formats.h"
#include "kiosk-source-job.h"

/* Musterdorf's town hall */
#define HERE_LAT 51.34
#define HERE_LON 12.37

static GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cap", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize size;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, size);
}

/* The items of @bytes; NULL with @error when the parse fails. */
static GPtrArray *
parse_bytes (GBytes     *bytes,
             GPtrArray **warnings,
             GError    **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (tz);
  g_auto(KioskParseResult) result = { 0 };

  kiosk_parse_result_init (&result);
  if (!kiosk_cap_parse (bytes, &ctx[0], &result, error))
    return NULL;
  for (guint i = 0; i < result.warnings->len; i++)
    g_test_message ("warning: %s", (char *) result.warnings->pdata[i]);
  if (warnings != NULL)
    *warnings = g_ptr_array_ref (result.warnings);
  return g_ptr_array_ref (result.items);
}

static GPtrArray *
parse_fixture (const char *name)
{
  g_autoptr(GBytes) bytes = fixture_bytes (name);
  g_autoptr(GError) error = NULL;
  GPtrArray *items = parse_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return items;
}

static void
test_polygon_multilingual (void)
{
  g_autoptr(GPtrArray) items = parse_fixture ("flood-polygon.xml");
  g_autoptr(GDateTime) expires = NULL;
  KioskAlert *de, *en;
  const KioskAlertArea *area;
  g_autofree char *area_desc = NULL;

  g_assert_cmpuint (items->len, ==, 2);
  de = items->pdata[0];
  en = items->pdata[1];
  g_assert_cmpstr (kiosk_alert_get_identifier (de), ==, "MD-2026-0042");
  g_assert_cmpstr (kiosk_alert_get_sender (en), ==, "leitstelle@musterdorf.example");
  g_assert_cmpstr (kiosk_alert_get_status (de), ==, "Actual");
  g_assert_cmpstr (kiosk_alert_get_msg_type (de), ==, "Alert");
  g_assert_cmpstr (kiosk_alert_get_scope (de), ==, "Public");
  g_assert_cmpstr (kiosk_alert_get_language (de), ==, "de-DE");
  g_assert_cmpstr (kiosk_alert_get_language (en), ==, "en-US");
  g_assert_cmpstr (kiosk_alert_get_event (de), ==, "Hochwasser");
  g_assert_cmpstr (kiosk_alert_get_headline (en), ==, "River flood on the Parthe");
  g_assert_cmpstr (kiosk_alert_get_urgency (en), ==, "Immediate");
  g_assert_cmpstr (kiosk_alert_get_severity (en), ==, "Severe");
  g_assert_cmpstr (kiosk_alert_get_certainty (en), ==, "Observed");
  g_assert_cmpstr (kiosk_alert_get_sender_name (de), ==, "Leitstelle Musterdorf");
  g_assert_nonnull (strstr (kiosk_alert_get_instruction (de), "Uferwege"));
  g_assert_nonnull (strstr (kiosk_alert_get_description (en), "rising fast"));
  g_assert_cmpuint (kiosk_alert_get_info_index (en), ==, 1);
  g_assert_cmpstr (kiosk_alert_get_key (de), ==,
                   "leitstelle@musterdorf.example,MD-2026-0042,2026-11-30T08:00:00+01:00");
  expires = g_date_time_new_from_iso8601 ("2099-12-01T19:00:00Z", NULL);
  g_assert_true (g_date_time_equal (kiosk_alert_get_expires (de), expires));
  g_assert_nonnull (kiosk_alert_get_onset (de));
  g_assert_nonnull (kiosk_alert_get_effective (de));

  g_assert_cmpuint (kiosk_alert_get_areas (de)->len, ==, 1);
  area = g_ptr_array_index (kiosk_alert_get_areas (de), 0);
  g_assert_cmpstr (area->description, ==, "Musterdorf Innenstadt");
  g_assert_cmpuint (area->polygons->len, ==, 1);
  g_assert_cmpuint (((GArray *) area->polygons->pdata[0])->len, ==, 5);
  area_desc = kiosk_alert_dup_area_desc (en);
  g_assert_cmpstr (area_desc, ==, "Musterdorf town centre");

  g_assert_cmpuint (kiosk_alert_language_match (de, "de"), ==, 2);
  g_assert_cmpuint (kiosk_alert_language_match (de, "de-DE"), ==, 3);
  g_assert_cmpuint (kiosk_alert_language_match (de, "en"), ==, 0);
}

static gboolean
applies_at (KioskAlert *alert,
            double      latitude,
            double      longitude)
{
  return kiosk_alert_applies_to (alert, TRUE, latitude, longitude, NULL);
}

static void
test_applies (void)
{
  g_autoptr(GPtrArray) flood = parse_fixture ("flood-polygon.xml");
  g_autoptr(GPtrArray) smoke = parse_fixture ("smoke-circle.xml");
  g_autoptr(GPtrArray) boil = parse_fixture ("boil-geocode.xml");
  g_autoptr(GPtrArray) far = parse_fixture ("far-away.xml");
  const char * const ags[] = { "AGS=14713000", NULL };
  const char * const cell[] = { "warncellid=814713000", NULL };
  const char * const other[] = { "AGS=14713001", "WARNCELLID=14713000", NULL };
  const KioskAlertArea *circle_area;

  /* polygon: inside, outside to the north, and just east of the edge */
  g_assert_true (applies_at (flood->pdata[0], HERE_LAT, HERE_LON));
  g_assert_false (applies_at (flood->pdata[0], 51.39, HERE_LON));
  g_assert_false (applies_at (flood->pdata[0], HERE_LAT, 12.451));
  g_assert_false (kiosk_alert_applies_to (flood->pdata[0], FALSE, HERE_LAT, HERE_LON, ags));

  /* circle of 5 km around 51.35, 12.40: 2.3 km away applies, 9 km does not */
  circle_area = g_ptr_array_index (kiosk_alert_get_areas (smoke->pdata[0]), 0);
  g_assert_cmpuint (circle_area->circles->len, ==, 1);
  g_assert_cmpfloat (((KioskAlertCircle *) circle_area->circles->data)->radius_km, ==, 5.0);
  g_assert_true (applies_at (smoke->pdata[0], HERE_LAT, HERE_LON));
  g_assert_false (applies_at (smoke->pdata[0], 51.40, 12.50));

  /* geocodes: by value, names without case, never by position */
  g_assert_false (applies_at (boil->pdata[0], HERE_LAT, HERE_LON));
  g_assert_true (kiosk_alert_applies_to (boil->pdata[0], FALSE, 0, 0, ags));
  g_assert_true (kiosk_alert_applies_to (boil->pdata[0], FALSE, 0, 0, cell));
  g_assert_false (kiosk_alert_applies_to (boil->pdata[0], FALSE, 0, 0, other));

  /* prefixed CAP elements parse alike; another town applies nowhere here */
  g_assert_cmpuint (far->len, ==, 1);
  g_assert_cmpstr (kiosk_alert_get_headline (far->pdata[0]), ==, "Sturmböen in Anderdorf");
  g_assert_false (kiosk_alert_applies_to (far->pdata[0], TRUE, HERE_LAT, HERE_LON, ags));
  g_assert_true (applies_at (far->pdata[0], 52.05, 13.1));
}

static void
test_haversine (void)
{
  /* Paris (48.8566, 2.3522) to London (51.5074, -0.1278): 343.5 km */
  g_assert_cmpfloat_with_epsilon (kiosk_alert_distance_km (48.8566, 2.3522, 51.5074, -0.1278),
                                  343.5, 0.5);
  g_assert_cmpfloat_with_epsilon (kiosk_alert_distance_km (10, 20, 10, 20), 0, 1e-9);
  /* a degree of latitude: 111.2 km */
  g_assert_cmpfloat_with_epsilon (kiosk_alert_distance_km (50, 12, 51, 12), 111.2, 0.1);
}

static void
assert_refused (GBytes     *bytes,
                int         code,
                const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = parse_bytes (bytes, NULL, &error);

  g_assert_null (items);
  g_assert_error (error, KIOSK_FORMAT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, part));
}

static void
test_malformed (void)
{
  g_autoptr(GBytes) broken = fixture_bytes ("malformed.xml");
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) other = g_bytes_new_static ("<html><body>Login</body></html>", 31);
  static const char no_identifier[] =
    "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><sender>a</sender></alert>";
  g_autoptr(GBytes) anonymous = g_bytes_new_static (no_identifier, sizeof no_identifier - 1);

  assert_refused (broken, KIOSK_FORMAT_ERROR_INVALID, "not well-formed XML at line 9");
  assert_refused (empty, KIOSK_FORMAT_ERROR_EMPTY, "empty");
  assert_refused (other, KIOSK_FORMAT_ERROR_INVALID, "the root element is <html>");
  assert_refused (anonymous, KIOSK_FORMAT_ERROR_INVALID, "no <identifier>");
}

static void
test_entities_refused (void)
{
  g_autoptr(GBytes) laughs = fixture_bytes ("billion-laughs.xml");
  g_autoptr(GBytes) xxe = fixture_bytes ("external-entity.xml");
  g_autoptr(GBytes) utf16 = NULL;
  g_autofree char *converted = NULL;
  gint64 start = g_get_monotonic_time ();
  gsize size;

  assert_refused (laughs, KIOSK_FORMAT_ERROR_INVALID, "document type declaration");
  assert_refused (xxe, KIOSK_FORMAT_ERROR_INVALID, "document type declaration");

  /* The same attack in UTF-16, which a scan of UTF-8 bytes would not see. */
  converted = g_convert (g_bytes_get_data (laughs, NULL), g_bytes_get_size (laughs),
                         "UTF-16", "UTF-8", NULL, &size, NULL);
  g_assert_nonnull (converted);
  utf16 = g_bytes_new (converted, size);
  assert_refused (utf16, KIOSK_FORMAT_ERROR_INVALID, "not UTF-8");

  /* Refused, not survived: no time spent expanding anything. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

/* A DOCTYPE hidden from the prolog scan by libxml2's own view of the
 * document still does not pass: a DOCTYPE after the root is not XML, and
 * a document with internal subset is refused after the parse. */
static void
test_doctype_after_comment (void)
{
  static const char doc[] =
    "<?xml version=\"1.0\"?><!-- a -- comment? -->\n<!-- two -->"
    "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (doc, sizeof doc - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = parse_bytes (bytes, NULL, &error);

  g_assert_null (items);
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "root:"));
}

static void
test_huge (void)
{
  gsize size = 50 * 1024 * 1024;
  char *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  gint64 start = g_get_monotonic_time ();
  const char head[] = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>";

  /* 50 MB: an alert whose identifier never ends. */
  memcpy (data, head, sizeof head - 1);
  memset (data + sizeof head - 1, 'x', size - (sizeof head - 1));
  bytes = g_bytes_new_take (data, size);
  assert_refused (bytes, KIOSK_FORMAT_ERROR_TOO_LARGE, "more than the 8 MB allowed");
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_deep (void)
{
  g_autoptr(GString) doc = g_string_new ("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"
                                         "<identifier>1</identifier><sender>s</sender>"
                                         "<sent>2026-11-30T08:00:00+01:00</sent>");
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append (doc, "<note>");
  for (guint i = 0; i < 100; i++)
    g_string_append (doc, "</note>");
  g_string_append (doc, "</alert>");
  bytes = g_string_free_to_bytes (g_steal_pointer (&doc));
  assert_refused (bytes, KIOSK_FORMAT_ERROR_TOO_LARGE, "nested deeper than 64 levels");
}

static void
test_bad_geometry_warns (void)
{
  static const char doc[] =
    "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>G</identifier>"
    "<sender>s</sender><sent>2026-11-30T08:00:00+01:00</sent><status>Actual</status>"
    "<msgType>Alert</msgType><scope>Public</scope><info><severity>Severe</severity><area>"
    "<areaDesc>x</areaDesc><polygon>51,12 52,12 52,13 51,12.5</polygon>"
    "<polygon>91,12 52,12 52,13 91,12</polygon><circle>51.3,12.3 -4</circle>"
    "<circle>51.3,12.3 nan</circle><geocode><value>1</value></geocode>"
    "<circle>51.34,12.37 1</circle></area></info></alert>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (doc, sizeof doc - 1);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = parse_bytes (bytes, &warnings, &error);
  const KioskAlertArea *area;

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  area = g_ptr_array_index (kiosk_alert_get_areas (items->pdata[0]), 0);
  g_assert_cmpuint (area->polygons->len, ==, 0);
  g_assert_cmpuint (area->circles->len, ==, 1);
  g_assert_cmpuint (area->geocodes->len, ==, 0);
  g_assert_cmpuint (warnings->len, ==, 5);
  g_assert_nonnull (strstr (warnings->pdata[0], "the last point is not the first again"));
  g_assert_true (applies_at (items->pdata[0], HERE_LAT, HERE_LON));
}

/* The alerts model over a list of parsed items, as the services build it. */
typedef struct
{
  GListStore  *items;
  KioskAlerts *alerts;
  GPtrArray   *states;   /* "state identifier" */
} Store;

static void
state_changed_cb (KioskAlerts *alerts,
                  KioskAlert  *alert,
                  const char  *state,
                  Store       *store)
{
  g_ptr_array_add (store->states, g_strdup_printf ("%s %s", state,
                                                   kiosk_alert_get_identifier (alert)));
}

static void
store_set_up (Store         *store,
              gconstpointer  data)
{
  store->items = g_list_store_new (KIOSK_TYPE_ALERT);
  store->alerts = kiosk_alerts_new (G_LIST_MODEL (store->items));
  store->states = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (store->alerts, "state-changed", G_CALLBACK (state_changed_cb), store);
  kiosk_alerts_set_position (store->alerts, TRUE, HERE_LAT, HERE_LON);
}

static void
store_tear_down (Store         *store,
                 gconstpointer  data)
{
  g_clear_object (&store->alerts);
  g_clear_object (&store->items);
  g_clear_pointer (&store->states, g_ptr_array_unref);
}

static void
store_add (Store      *store,
           const char *fixture)
{
  g_autoptr(GPtrArray) items = parse_fixture (fixture);

  g_list_store_splice (store->items, g_list_model_get_n_items (G_LIST_MODEL (store->items)), 0,
                       items->pdata, items->len);
}

static void
store_add_bytes (Store      *store,
                 const char *document)
{
  g_autoptr(GBytes) bytes = g_bytes_new (document, strlen (document));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = parse_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_list_store_splice (store->items, g_list_model_get_n_items (G_LIST_MODEL (store->items)), 0,
                       items->pdata, items->len);
}

static KioskAlert *
shown (Store *store,
       guint  position)
{
  g_autoptr(KioskAlert) alert = g_list_model_get_item (G_LIST_MODEL (store->alerts), position);

  return alert;  /* the model keeps it */
}

static void
assert_states (Store       *store,
               const char  *expected)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (store->states, NULL);
  joined = g_strjoinv ("; ", (char **) store->states->pdata);
  g_ptr_array_set_size (store->states, 0);
  g_test_message ("states: %s", joined);
  g_assert_cmpstr (joined, ==, expected);
}

static void
test_update_cancel_chain (Store         *store,
                          gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (store->alerts);

  store_add (store, "flood-polygon.xml");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  assert_states (store, "raised MD-2026-0042");
  g_assert_true (kiosk_alerts_get_takeover_active (store->alerts));

  /* The update's reference writes the sent time in UTC: the same moment. */
  store_add (store, "flood-update.xml");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (kiosk_alert_get_identifier (shown (store, 0)), ==, "MD-2026-0044");
  g_assert_cmpstr (kiosk_alert_get_severity (shown (store, 0)), ==, "Extreme");
  assert_states (store, "updated MD-2026-0042");

  store_add (store, "flood-cancel.xml");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  assert_states (store, "cancelled MD-2026-0044");
  g_assert_false (kiosk_alerts_get_takeover_active (store->alerts));
}

static void
test_language_and_order (Store         *store,
                         gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (store->alerts);

  store_add (store, "boil-geocode.xml");
  store_add (store, "flood-polygon.xml");
  store_add (store, "smoke-circle.xml");
  store_add (store, "far-away.xml");
  store_add (store, "expired.xml");

  /* No geocode set: the boil notice does not apply; the rest by severity. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (kiosk_alert_get_identifier (shown (store, 0)), ==, "MD-2026-0043");
  g_assert_cmpstr (kiosk_alert_get_identifier (shown (store, 1)), ==, "MD-2026-0042");
  g_assert_cmpstr (kiosk_alert_get_language (shown (store, 1)), ==, "de-DE");
  /* The smoke warning has English only: shown in German kiosks too. */
  g_assert_cmpstr (kiosk_alert_get_language (shown (store, 0)), ==, "en");

  kiosk_alerts_set_language (store->alerts, "en");
  g_assert_cmpstr (kiosk_alert_get_language (shown (store, 1)), ==, "en-US");
  kiosk_alerts_set_language (store->alerts, "fr");
  g_assert_cmpstr (kiosk_alert_get_language (shown (store, 1)), ==, "en-US");

  {
    const char * const geocodes[] = { "AGS=14713000", NULL };

    kiosk_alerts_set_geocodes (store->alerts, geocodes);
  }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (kiosk_alert_get_identifier (shown (store, 2)), ==, "WV-2026-7");
  /* Moderate: a banner, not a takeover. */
  g_assert_false (kiosk_alerts_takes_over (store->alerts, shown (store, 2)));
  g_assert_true (kiosk_alerts_takes_over (store->alerts, shown (store, 1)));
  kiosk_alerts_set_minimum (store->alerts, "Moderate", "Expected");
  g_assert_true (kiosk_alerts_takes_over (store->alerts, shown (store, 2)));
  kiosk_alerts_set_minimum (store->alerts, "Extreme", "Immediate");
  g_assert_false (kiosk_alerts_takes_over (store->alerts, shown (store, 1)));
  g_assert_true (kiosk_alerts_get_takeover_active (store->alerts));

  /* Moving the kiosk away leaves the geocoded notice only. */
  kiosk_alerts_set_position (store->alerts, TRUE, 48.0, 11.0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_false (kiosk_alerts_get_takeover_active (store->alerts));
}

static const char exercise[] =
  "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>EX</identifier>"
  "<sender>s</sender><sent>2026-11-30T08:00:00+01:00</sent><status>Exercise</status>"
  "<msgType>Alert</msgType><scope>Public</scope><info><severity>Extreme</severity>"
  "<urgency>Immediate</urgency><area><circle>51.34,12.37 1</circle></area></info></alert>";

static void
test_not_actual (Store         *store,
                 gconstpointer  data)
{
  store_add_bytes (store, exercise);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store->alerts)), ==, 0);
  g_assert_false (kiosk_alerts_get_takeover_active (store->alerts));
}

/* The settings from a keyfile reach the alerts, and changes follow. */
static void
test_config (Store         *store,
             gconstpointer  data)
{
  g_autoptr(KioskConfig) config = kiosk_config_new_default ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "alerts.conf", NULL);
  g_autoptr(GError) error = NULL;
  GSettings *settings = kiosk_config_get_settings (config);

  g_assert_true (g_file_set_contents (path, "[Kiosk]\nlatitude=48.0\nlongitude=11.0\n"
                                      "alert-geocodes= AGS=14713000 ; WARNCELLID=1 ;\n"
                                      "alert-min-severity=Moderate\n", -1, NULL));
  g_assert_true (kiosk_config_import_keyfile (config, path, messages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 0);

  store_add (store, "boil-geocode.xml");
  store_add (store, "flood-polygon.xml");
  kiosk_alerts_set_config (store->alerts, config);
  /* Far from the flood, in the boil notice's municipality, which is enough. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store->alerts)), ==, 1);
  g_assert_cmpstr (kiosk_alert_get_identifier (shown (store, 0)), ==, "WV-2026-7");
  g_assert_true (kiosk_alerts_get_takeover_active (store->alerts));

  g_settings_set_double (settings, "latitude", HERE_LAT);
  g_settings_set_double (settings, "longitude", HERE_LON);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store->alerts)), ==, 2);
  g_settings_set_string (settings, "alert-min-severity", "Severe");
  g_assert_false (kiosk_alerts_takes_over (store->alerts, shown (store, 1)));
  g_settings_reset (settings, "alert-geocodes");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store->alerts)), ==, 1);
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
test_expiry (Store         *store,
             gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 1.5);
  g_autofree char *expires = g_date_time_format_iso8601 (soon);
  g_autofree char *doc = g_strdup_printf (
    "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>SOON</identifier>"
    "<sender>s</sender><sent>2026-11-30T08:00:00+01:00</sent><status>Actual</status>"
    "<msgType>Alert</msgType><scope>Public</scope><info><severity>Severe</severity>"
    "<urgency>Immediate</urgency><expires>%s</expires><area><circle>51.34,12.37 1</circle>"
    "</area></info></alert>", expires);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  store_add_bytes (store, doc);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store->alerts)), ==, 1);
  assert_states (store, "raised SOON");

  /* Nothing changes in the items: the store's own timer takes it away. */
  g_timeout_add_seconds (4, quit_cb, loop);
  g_signal_connect_swapped (store->alerts, "items-changed", G_CALLBACK (g_main_loop_quit), loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store->alerts)), ==, 0);
  assert_states (store, "expired SOON");
}

/* A feed on loopback: one alert embedded, two linked (one relative), one
 * link missing, one to a local file that must not be read. */
static void
test_atom_feed (void)
{
  g_autoptr(KioskDemoServer) server = kiosk_demo_server_new ();
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(KioskSourceConfig) config = NULL;
  g_autoptr(KioskParseContext) ctx = NULL;
  g_autoptr(KioskSourceUpdate) update = NULL;
  g_autoptr(KioskSourceUpdate) again = NULL;
  g_autoptr(GBytes) flood = fixture_bytes ("flood-polygon.xml");
  g_autoptr(GBytes) smoke = fixture_bytes ("smoke-circle.xml");
  g_autoptr(GBytes) boil = fixture_bytes ("boil-geocode.xml");
  g_autoptr(GBytes) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *smoke_url = NULL;
  g_autofree char *boil_doc = g_strndup (g_bytes_get_data (boil, NULL), g_bytes_get_size (boil));
  g_autofree char *feed_text = NULL;
  const char *embedded = strstr (boil_doc, "<alert");
  g_autoptr(GString) warnings = g_string_new (NULL);

  kiosk_demo_server_set_body (server, "/cap/flood.xml", flood, "application/cap+xml");
  kiosk_demo_server_set_body (server, "/other/smoke.xml", smoke, "application/cap+xml");
  g_assert_true (kiosk_demo_server_start (server, &error));
  g_assert_no_error (error);
  smoke_url = kiosk_demo_server_get_url (server, "/other/smoke.xml");
  feed_text = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Warnungen</title>"
    "<entry><title>Abkochgebot</title><content type=\"text/xml\">%s</content></entry>"
    "<entry><title>Hochwasser</title><link rel=\"alternate\" type=\"text/html\" "
    "href=\"/page.html\"/><link type=\"application/cap+xml\" href=\"flood.xml\"/></entry>"
    "<entry><title>Rauch</title><link href=\"%s\"/></entry>"
    "<entry><title>Weg</title><link type=\"application/cap+xml\" href=\"gone.xml\"/></entry>"
    "<entry><title>Datei</title><link type=\"application/cap+xml\" "
    "href=\"file:///etc/passwd\"/></entry>"
    "<entry><title>Doppelt</title><link type=\"application/cap+xml\" href=\"flood.xml\"/>"
    "</entry></feed>", embedded, smoke_url);
  feed = g_bytes_new (feed_text, strlen (feed_text));
  kiosk_demo_server_set_body (server, "/cap/feed.atom", feed, "application/atom+xml");

  url = kiosk_demo_server_get_url (server, "/cap/feed.atom");
  config = kiosk_source_config_new ("warnings", "cap", url);
  ctx = kiosk_source_make_context (config, &kiosk_format_cap, NULL);
  update = kiosk_source_fetch_and_parse (fetcher, &kiosk_format_cap, config, ctx, NULL, NULL,
                                         &error);
  g_assert_no_error (error);
  for (guint i = 0; i < update->warnings->len; i++)
    g_string_append_printf (warnings, "%s\n", (char *) update->warnings->pdata[i]);
  g_test_message ("%s", warnings->str);

  /* boil (embedded) 1 + flood 2 + smoke 1 */
  g_assert_cmpuint (update->items->len, ==, 4);
  g_assert_cmpstr (kiosk_alert_get_identifier (update->items->pdata[0]), ==, "WV-2026-7");
  g_assert_cmpstr (kiosk_alert_get_identifier (update->items->pdata[1]), ==, "MD-2026-0042");
  g_assert_cmpstr (kiosk_alert_get_identifier (update->items->pdata[3]), ==, "MD-2026-0043");
  g_assert_nonnull (strstr (warnings->str, "gone.xml: "));
  g_assert_nonnull (strstr (warnings->str, "entry 5: link “file:///etc/passwd” is not an "
                                           "http(s) URL; not fetched"));
  g_assert_cmpuint (kiosk_demo_server_get_request_count (server, "/cap/flood.xml"), ==, 1);
  g_assert_cmpuint (kiosk_demo_server_get_request_count (server, "/other/smoke.xml"), ==, 1);
  g_assert_cmpuint (update->entry->pages->len, ==, 3);

  /* Again with the cache: every page unchanged, nothing parsed. */
  again = kiosk_source_fetch_and_parse (fetcher, &kiosk_format_cap, config, ctx, update->entry,
                                        NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again->not_modified || again->unchanged);
  g_assert_cmpuint (kiosk_demo_server_get_request_count (server, "/cap/flood.xml"), ==, 2);
}

static void
test_rss_feed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cap", NULL);
  g_autofree char *base = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *doc = g_strdup_printf (
    "<rss version=\"2.0\"><channel><title>Warnungen</title>"
    "<item><title>Rauch</title><enclosure type=\"application/cap+xml\" "
    "url=\"%s/smoke-circle.xml\" length=\"1\"/></item>"
    "<item><title>Kaputt</title><link>%s/malformed.xml</link></item>"
    "</channel></rss>", base, base);
  g_autofree char *feed_path = g_build_filename (g_get_tmp_dir (), "warnings.rss", NULL);
  g_autofree char *feed_url = g_filename_to_uri (feed_path, NULL, NULL);
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("rss", "cap", feed_url);
  g_autoptr(KioskParseContext) ctx = kiosk_source_make_context (config, &kiosk_format_cap, NULL);
  g_autoptr(KioskSourceUpdate) update = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (feed_path, doc, -1, NULL));
  update = kiosk_source_fetch_and_parse (fetcher, &kiosk_format_cap, config, ctx, NULL, NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (update->items->len, ==, 1);
  g_assert_cmpstr (kiosk_alert_get_identifier (update->items->pdata[0]), ==, "MD-2026-0043");
  /* The broken linked document costs its own alert and says so. */
  g_assert_cmpuint (update->warnings->len, ==, 1);
  g_assert_nonnull (strstr (update->warnings->pdata[0], "malformed.xml: not well-formed XML"));
}

static GPtrArray *
fetch_demo_feed (KioskFetcher    *fetcher,
                 KioskDemoServer *server)
{
  g_autofree char *url = kiosk_demo_server_get_url (server, "/api/warnings/feed.atom");
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new ("w", "cap", url);
  g_autoptr(KioskParseContext) ctx = kiosk_source_make_context (config, &kiosk_format_cap, NULL);
  g_autoptr(KioskSourceUpdate) update = NULL;
  g_autoptr(GError) error = NULL;

  update = kiosk_source_fetch_and_parse (fetcher, &kiosk_format_cap, config, ctx, NULL, NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (update->warnings->len, ==, 0);
  return g_steal_pointer (&update->items);
}

static void
flip_switch (KioskFetcher    *fetcher,
             KioskDemoServer *server,
             const char      *state)
{
  g_autofree char *path = g_strdup_printf ("/api/warnings/switch?state=%s", state);
  g_autofree char *url = kiosk_demo_server_get_url (server, path);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = kiosk_fetcher_fetch_bytes (fetcher, url, 0, NULL, &error);
  g_assert_no_error (error);
}

/* The demo town's switch: nothing, a storm warning, its Cancel. */
static void
test_demo_switch (Store         *store,
                  gconstpointer  data)
{
  g_autoptr(KioskDemoServer) server = kiosk_demo_server_new ();
  g_autoptr(KioskFetcher) fetcher = kiosk_fetcher_new ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_source_config_free);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kiosk_demo_server_start (server, &error));
  kiosk_demo_alerts_install (server, sources);
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (((KioskSourceConfig *) sources->pdata[0])->kind, ==, "cap");

  items = fetch_demo_feed (fetcher, server);
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  flip_switch (fetcher, server, "raise");
  items = fetch_demo_feed (fetcher, server);
  g_assert_cmpuint (items->len, ==, 2);
  g_list_store_splice (store->items, 0, 0, items->pdata, items->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store->alerts)), ==, 1);
  g_assert_true (kiosk_alerts_get_takeover_active (store->alerts));
  assert_states (store, "raised MD-DEMO-1");
  g_clear_pointer (&items, g_ptr_array_unref);

  flip_switch (fetcher, server, "cancel");
  items = fetch_demo_feed (fetcher, server);
  g_assert_cmpuint (items->len, ==, 3);
  g_list_store_splice (store->items, 0, g_list_model_get_n_items (G_LIST_MODEL (store->items)),
                       items->pdata, items->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store->alerts)), ==, 0);
  assert_states (store, "cancelled MD-DEMO-1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cap/parse/polygon-multilingual", test_polygon_multilingual);
  g_test_add_func ("/cap/parse/applies", test_applies);
  g_test_add_func ("/cap/parse/haversine", test_haversine);
  g_test_add_func ("/cap/parse/malformed", test_malformed);
  g_test_add_func ("/cap/parse/entities-refused", test_entities_refused);
  g_test_add_func ("/cap/parse/doctype-after-comments", test_doctype_after_comment);
  g_test_add_func ("/cap/parse/huge", test_huge);
  g_test_add_func ("/cap/parse/deep", test_deep);
  g_test_add_func ("/cap/parse/bad-geometry-warns", test_bad_geometry_warns);
  g_test_add ("/cap/alerts/update-cancel-chain", Store, NULL, store_set_up,
              test_update_cancel_chain, store_tear_down);
  g_test_add ("/cap/alerts/language-and-order", Store, NULL, store_set_up,
              test_language_and_order, store_tear_down);
  g_test_add ("/cap/alerts/not-actual", Store, NULL, store_set_up, test_not_actual,
              store_tear_down);
  g_test_add ("/cap/alerts/config", Store, NULL, store_set_up, test_config, store_tear_down);
  g_test_add ("/cap/alerts/expiry", Store, NULL, store_set_up, test_expiry, store_tear_down);
  g_test_add_func ("/cap/feed/atom", test_atom_feed);
  g_test_add_func ("/cap/feed/rss", test_rss_feed);
  g_test_add ("/cap/demo/switch", Store, NULL, store_set_up, test_demo_switch, store_tear_down);

  return g_test_run ();
}

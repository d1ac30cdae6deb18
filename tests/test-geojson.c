/* test-geojson.c: the geojson parser: places, skipped features, errors that say where */

#include "config.h"

#include <math.h>

#include "kiosk-formats.h"
#include "kiosk-geojson-format.h"
#include "json-type-swap.h"
#include "kiosk-place.h"

static gboolean
parse (const char        *json,
       GHashTable        *options,
       KioskParseResult  *result,
       GError           **error)
{
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  if (options != NULL)
    {
      g_clear_pointer (&ctx->options, g_hash_table_unref);
      ctx->options = g_hash_table_ref (options);
    }
  kiosk_parse_result_init (result);

  return kiosk_format_geojson.parse (bytes, ctx, result, error);
}

#define FEATURE(id, coords, props) \
  "{\"type\": \"Feature\", " id "\"geometry\": {\"type\": \"Point\", \"coordinates\": " coords \
  "}, \"properties\": " props "}"

static void
test_places (void)
{
  const char *json =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    FEATURE ("\"id\": \"lib\", ", "[12.3731, 51.3397]",
             "{\"name\": \"Stadtbibliothek\", \"category\": \"library\", \"description\": \"Bücher\"}") ","
    FEATURE ("\"id\": 42, ", "[12.3748, 51.3406, 112.5]", "{\"name\": \"Rathaus\"}") ","
    FEATURE ("", "[-0.1, -33]", "{\"name\": \"Süd\", \"category\": null, \"extra\": [1, 2]}")
    "]}";
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *name = NULL, *category = NULL, *description = NULL;
  double latitude, longitude;

  g_assert_true (parse (json, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.items->len, ==, 3);
  g_assert_cmpuint (result.warnings->len, ==, 0);
  g_assert_null (result.next_url);

  g_object_get (result.items->pdata[0], "id", &id, "name", &name, "category", &category,
                "description", &description, "latitude", &latitude, "longitude", &longitude,
                NULL);
  g_assert_cmpstr (id, ==, "lib");
  g_assert_cmpstr (name, ==, "Stadtbibliothek");
  g_assert_cmpstr (category, ==, "library");
  g_assert_cmpstr (description, ==, "Bücher");
  g_assert_cmpfloat (latitude, ==, 51.3397);
  g_assert_cmpfloat (longitude, ==, 12.3731);

  g_assert_cmpstr (kiosk_place_get_id (result.items->pdata[1]), ==, "42");
  g_assert_cmpfloat (kiosk_place_get_latitude (result.items->pdata[1]), ==, 51.3406);
  g_assert_cmpstr (kiosk_place_get_id (result.items->pdata[2]), ==, "feature-2");
  g_assert_null (kiosk_place_get_category (result.items->pdata[2]));
  g_assert_cmpfloat (kiosk_place_get_latitude (result.items->pdata[2]), ==, -33.0);
  g_assert_cmpfloat (kiosk_place_get_longitude (result.items->pdata[2]), ==, -0.1);
}

static void
test_property_names (void)
{
  const char *json =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    FEATURE ("\"id\": \"x\", ", "[12, 51]",
             "{\"bezeichnung\": \"Freibad\", \"art\": \"Bad\", \"info\": \"Mai–Sept.\", \"nr\": 17}")
    "]}";
  g_autoptr(GHashTable) options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (options, g_strdup (KIOSK_GEOJSON_OPTION_NAME), g_strdup ("bezeichnung"));
  g_hash_table_insert (options, g_strdup (KIOSK_GEOJSON_OPTION_CATEGORY), g_strdup ("art"));
  g_hash_table_insert (options, g_strdup (KIOSK_GEOJSON_OPTION_DESCRIPTION), g_strdup ("info"));
  g_hash_table_insert (options, g_strdup (KIOSK_GEOJSON_OPTION_ID), g_strdup ("nr"));

  g_assert_true (parse (json, options, &result, &error));
  g_assert_cmpuint (result.items->len, ==, 1);
  g_assert_cmpstr (kiosk_place_get_name (result.items->pdata[0]), ==, "Freibad");
  g_assert_cmpstr (kiosk_place_get_category (result.items->pdata[0]), ==, "Bad");
  g_assert_cmpstr (kiosk_place_get_description (result.items->pdata[0]), ==, "Mai–Sept.");
  g_assert_cmpstr (kiosk_place_get_id (result.items->pdata[0]), ==, "17");
}

static void
test_skipped (void)
{
  struct {
    const char *feature;
    const char *warning;
  } cases[] = {
    { "42", "$.features[1]: a number, not a Feature" },
    { "{\"type\": \"Point\", \"coordinates\": [1, 2]}", "$.features[1].type: “Point”" },
    { "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"name\": \"a\"}}",
      "$.features[1].geometry: null" },
    { "{\"type\": \"Feature\", \"properties\": {\"name\": \"a\"}}", "$.features[1].geometry: null" },
    { "{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": "
      "[[1, 2], [3, 4]]}, \"properties\": {\"name\": \"a\"}}", "“LineString”; only Point" },
    { "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": []}, "
      "\"properties\": {}}", "“Polygon”" },
    { "{\"type\": \"Feature\", \"geometry\": {\"type\": \"MultiPoint\", \"coordinates\": "
      "[[1, 2]]}, \"properties\": {\"name\": \"a\"}}", "“MultiPoint”" },
    { FEATURE ("", "[]", "{\"name\": \"a\"}"), "coordinates: a position needs 2 or 3 numbers" },
    { FEATURE ("", "[12.1]", "{\"name\": \"a\"}"), "2 or 3 numbers" },
    { FEATURE ("", "[1, 2, 3, 4]", "{\"name\": \"a\"}"), "2 or 3 numbers" },
    { FEATURE ("", "[\"12\", 51]", "{\"name\": \"a\"}"), "must be numbers" },
    { FEATURE ("", "[12, null]", "{\"name\": \"a\"}"), "must be numbers" },
    { FEATURE ("", "[12, 51, \"high\"]", "{\"name\": \"a\"}"), "altitude" },
    { FEATURE ("", "[51.3, 200]", "{\"name\": \"a\"}"), "out of range (longitude comes first" },
    { FEATURE ("", "[181, 51]", "{\"name\": \"a\"}"), "out of range" },
    { FEATURE ("", "null", "{\"name\": \"a\"}"), "missing or not an array" },
    { FEATURE ("", "[12, 51]", "{\"category\": \"x\"}"), "properties.name: no name" },
    { FEATURE ("", "[12, 51]", "null"), "no name" },
    { FEATURE ("", "[12, 51]", "{\"name\": 5}"), "no name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json =
        g_strdup_printf ("{\"type\": \"FeatureCollection\", \"features\": [%s, %s]}",
                         FEATURE ("", "[12.37, 51.34]", "{\"name\": \"ok\"}"), cases[i].feature);
      g_auto(KioskParseResult) result = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_true (parse (json, NULL, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result.items->len, ==, 1);
      g_assert_cmpuint (result.warnings->len, ==, 1);
      g_test_message ("%s", (char *) result.warnings->pdata[0]);
      g_assert_nonnull (strstr (result.warnings->pdata[0], cases[i].warning));
    }
}

static void
test_errors (void)
{
  g_autofree char *deep = NULL;
  struct {
    const char *json;
    int         code;
    const char *message;
  } cases[] = {
    { "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {}}",
      KIOSK_FORMAT_ERROR_INVALID, "$.type: “Feature”, expected “FeatureCollection”" },
    { "{\"features\": []}", KIOSK_FORMAT_ERROR_INVALID, "$.type: “missing”" },
    { "{\"type\": 7, \"features\": []}", KIOSK_FORMAT_ERROR_INVALID,
      "$.type: a number, expected “FeatureCollection”" },
    { "[]", KIOSK_FORMAT_ERROR_INVALID, "$: an array, not a GeoJSON FeatureCollection" },
    { "\"FeatureCollection\"", KIOSK_FORMAT_ERROR_INVALID, "$: a string" },
    { "{\"type\": \"FeatureCollection\", \"features\": {}}", KIOSK_FORMAT_ERROR_INVALID,
      "$.features: an object, expected an array" },
    { "{\"type\": \"FeatureCollection\"}", KIOSK_FORMAT_ERROR_INVALID, "$.features: missing" },
    { "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\",, }]}",
      KIOSK_FORMAT_ERROR_INVALID, "line 3" },
    { "", KIOSK_FORMAT_ERROR_EMPTY, "empty" },
    { "{\"type\": \"Feature\xff\"}", KIOSK_FORMAT_ERROR_INVALID, "UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(KioskParseResult) result = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (parse (cases[i].json, NULL, &result, &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, KIOSK_FORMAT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  /* Deep nesting is refused before json-glib recurses into it. */
  {
    g_auto(KioskParseResult) result = { 0 };
    g_autoptr(GError) error = NULL;
    g_autofree char *open = g_strnfill (100000, '[');

    deep = g_strconcat ("{\"type\": \"FeatureCollection\", \"features\": ", open, NULL);
    g_assert_false (parse (deep, NULL, &result, &error));
    g_assert_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "nested deeper than"));
  }
}

static void
test_to_json (void)
{
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (NULL);
  g_autoptr(KioskPlace) place = kiosk_place_new ("p1", "Löwen-Apotheke", 51.3391, 12.376);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  kiosk_place_set_category (place, "pharmacy");
  node = kiosk_format_geojson.to_json (place, ctx);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "p1");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Löwen-Apotheke");
  g_assert_cmpstr (json_object_get_string_member (object, "category"), ==, "pharmacy");
  g_assert_cmpfloat (json_object_get_double_member (object, "lat"), ==, 51.3391);
  g_assert_cmpfloat (json_object_get_double_member (object, "lon"), ==, 12.376);
  g_assert_true (json_object_get_null_member (object, "description"));

  text = kiosk_format_geojson.to_text (place, ctx);
  g_assert_cmpstr (text, ==, "Löwen-Apotheke (pharmacy)  51.33910, 12.37600");
}

static void
test_table (void)
{
  g_assert_true (kiosk_format_lookup ("geojson") == &kiosk_format_geojson);
  g_assert_cmpint (kiosk_format_geojson.area, ==, KIOSK_AREA_PLACES);
  g_assert_true (kiosk_format_geojson.get_item_type () == KIOSK_TYPE_PLACE);
  g_assert_null (kiosk_format_lookup ("no-such-kind"));
}

static void
test_type_swap (void)
{
  const char *json =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    FEATURE ("\"id\": \"lib\", ", "[12.3731, 51.3397, 110]",
             "{\"name\": \"Stadtbibliothek\", \"category\": \"library\", \"description\": \"Bücher\", "
             "\"ref\": 7}") ","
    FEATURE ("\"id\": 2, ", "[12.37, 51.34]", "{\"name\": \"Rathaus\"}") "]}";
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (NULL);

  g_hash_table_insert (ctx->options, g_strdup (KIOSK_GEOJSON_OPTION_ID), g_strdup ("ref"));
  g_assert_cmpuint (json_type_swap_check_format (&kiosk_format_geojson, ctx, bytes), >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geojson/places", test_places);
  g_test_add_func ("/geojson/property-names", test_property_names);
  g_test_add_func ("/geojson/skipped", test_skipped);
  g_test_add_func ("/geojson/errors", test_errors);
  g_test_add_func ("/geojson/to-json", test_to_json);
  g_test_add_func ("/geojson/table", test_table);
  g_test_add_func ("/geojson/type-swap", test_type_swap);

  return g_test_run ();
}

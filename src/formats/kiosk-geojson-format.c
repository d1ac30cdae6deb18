/* kiosk-geojson-format.c: places from a GeoJSON FeatureCollection (RFC 7946) */

#define G_LOG_DOMAIN "kiosk-geojson-format"

#include "config.h"

#include <math.h>

#include "kiosk-geojson-format.h"
#include "kiosk-json.h"
#include "kiosk-place.h"

/* An identifier as text: strings as they are, integers printed. */
static char *
id_of (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return *json_node_get_string (node) != '\0' ? g_strdup (json_node_get_string (node)) : NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return g_strdup_printf ("%.17g", json_node_get_double (node));

  return NULL;
}

/* What an object's "type" is, for warnings: “Name”, “missing” or the JSON
 * type it has instead of a string. */
static char *
describe_type (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "type");
  const char *type = kiosk_json_node_string (node);

  if (type != NULL || node == NULL)
    return g_strdup_printf ("“%s”", type != NULL ? type : "missing");

  return g_strdup (kiosk_json_describe (node));
}

/* Reads a Point's coordinates; on failure says why in @why. */
static gboolean
read_point (JsonObject  *geometry,
            double      *latitude,
            double      *longitude,
            const char **why)
{
  JsonNode *node = json_object_get_member (geometry, "coordinates");
  JsonArray *coordinates;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      *why = "missing or not an array";
      return FALSE;
    }
  coordinates = json_node_get_array (node);
  n = json_array_get_length (coordinates);
  if (n < 2 || n > 3)
    {
      *why = "a position needs 2 or 3 numbers";
      return FALSE;
    }
  for (guint i = 2; i < n; i++)
    {
      double ignored;

      if (!kiosk_json_node_number (json_array_get_element (coordinates, i), &ignored))
        {
          *why = "the altitude is not a number";
          return FALSE;
        }
    }
  if (!kiosk_json_node_number (json_array_get_element (coordinates, 0), longitude) ||
      !kiosk_json_node_number (json_array_get_element (coordinates, 1), latitude))
    {
      *why = "longitude and latitude must be numbers";
      return FALSE;
    }
  if (*longitude < -180.0 || *longitude > 180.0 || *latitude < -90.0 || *latitude > 90.0)
    {
      *why = "out of range (longitude comes first: [lon, lat])";
      return FALSE;
    }

  return TRUE;
}

static KioskPlace *
read_feature (JsonNode                *node,
              guint                    index,
              const KioskParseContext *ctx,
              KioskParseResult        *result)
{
  const char *id_property = kiosk_parse_context_option (ctx, KIOSK_GEOJSON_OPTION_ID, NULL);
  const char *name_property = kiosk_parse_context_option (ctx, KIOSK_GEOJSON_OPTION_NAME, "name");
  const char *category_property =
    kiosk_parse_context_option (ctx, KIOSK_GEOJSON_OPTION_CATEGORY, "category");
  const char *description_property =
    kiosk_parse_context_option (ctx, KIOSK_GEOJSON_OPTION_DESCRIPTION, "description");
  JsonObject *feature, *geometry, *props = NULL;
  JsonNode *geometry_node;
  const char *type, *name, *why = NULL;
  g_autofree char *id = NULL;
  KioskPlace *place;
  double latitude, longitude;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      kiosk_parse_result_warn (result, "$.features[%u]: %s, not a Feature; skipped",
                               index, kiosk_json_describe (node));
      return NULL;
    }
  feature = json_node_get_object (node);
  type = kiosk_json_get_string (feature, "type", NULL);
  if (g_strcmp0 (type, "Feature") != 0)
    {
      g_autofree char *what = describe_type (feature);

      kiosk_parse_result_warn (result, "$.features[%u].type: %s, not “Feature”; skipped",
                               index, what);
      return NULL;
    }

  geometry_node = json_object_get_member (feature, "geometry");
  if (geometry_node == NULL || JSON_NODE_HOLDS_NULL (geometry_node))
    {
      kiosk_parse_result_warn (result, "$.features[%u].geometry: null, the place has no "
                               "position; skipped", index);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (geometry_node))
    {
      kiosk_parse_result_warn (result, "$.features[%u].geometry: %s, not a geometry; skipped",
                               index, kiosk_json_describe (geometry_node));
      return NULL;
    }
  geometry = json_node_get_object (geometry_node);
  type = kiosk_json_get_string (geometry, "type", NULL);
  if (g_strcmp0 (type, "Point") != 0)
    {
      g_autofree char *what = describe_type (geometry);

      kiosk_parse_result_warn (result, "$.features[%u].geometry.type: %s; only Point is "
                               "shown; skipped", index, what);
      return NULL;
    }
  if (!read_point (geometry, &latitude, &longitude, &why))
    {
      kiosk_parse_result_warn (result, "$.features[%u].geometry.coordinates: %s; skipped",
                               index, why);
      return NULL;
    }

  props = kiosk_json_get_object (feature, "properties", NULL);

  name = kiosk_json_get_string (props, name_property, NULL);
  if (name == NULL || *name == '\0')
    {
      kiosk_parse_result_warn (result, "$.features[%u].properties.%s: no name; skipped",
                               index, name_property);
      return NULL;
    }

  if (id_property != NULL && props != NULL)
    id = id_of (json_object_get_member (props, id_property));
  if (id == NULL)
    id = id_of (json_object_get_member (feature, "id"));
  if (id == NULL)
    id = g_strdup_printf ("feature-%u", index);

  place = kiosk_place_new (id, name, latitude, longitude);
  kiosk_place_set_category (place, kiosk_json_get_string (props, category_property, NULL));
  kiosk_place_set_description (place, kiosk_json_get_string (props, description_property, NULL));

  return place;
}

gboolean
kiosk_geojson_parse (GBytes                  *bytes,
                     const KioskParseContext *ctx,
                     KioskParseResult        *result,
                     GError                 **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *collection;
  JsonNode *features_node;
  JsonArray *features;
  const char *type;
  guint n;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  root = kiosk_json_load (bytes, 0, KIOSK_FORMAT_JSON_MAX_DEPTH, error);
  if (root == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "$: %s, not a GeoJSON FeatureCollection", kiosk_json_describe (root));
      return FALSE;
    }
  collection = json_node_get_object (root);
  type = kiosk_json_get_string (collection, "type", NULL);
  if (g_strcmp0 (type, "FeatureCollection") != 0)
    {
      g_autofree char *what = describe_type (collection);

      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "$.type: %s, expected “FeatureCollection”", what);
      return FALSE;
    }
  features_node = json_object_get_member (collection, "features");
  if (features_node == NULL || !JSON_NODE_HOLDS_ARRAY (features_node))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "$.features: %s, expected an array of features",
                   features_node ? kiosk_json_describe (features_node) : "missing");
      return FALSE;
    }

  features = json_node_get_array (features_node);
  n = json_array_get_length (features);
  for (guint i = 0; i < n; i++)
    {
      KioskPlace *place;

      if (result->items->len >= KIOSK_GEOJSON_MAX_PLACES)
        {
          kiosk_parse_result_warn (result, "$.features: only the first %u places are shown",
                                   KIOSK_GEOJSON_MAX_PLACES);
          break;
        }
      place = read_feature (json_array_get_element (features, i), i, ctx, result);
      if (place != NULL)
        g_ptr_array_add (result->items, place);
    }

  return TRUE;
}

static JsonNode *
place_to_json (gpointer                 item,
               const KioskParseContext *ctx)
{
  KioskPlace *place = item;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, kiosk_place_get_id (place));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, kiosk_place_get_name (place));
  json_builder_set_member_name (builder, "category");
  if (kiosk_place_get_category (place) != NULL)
    json_builder_add_string_value (builder, kiosk_place_get_category (place));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "lat");
  json_builder_add_double_value (builder, kiosk_place_get_latitude (place));
  json_builder_set_member_name (builder, "lon");
  json_builder_add_double_value (builder, kiosk_place_get_longitude (place));
  json_builder_set_member_name (builder, "description");
  if (kiosk_place_get_description (place) != NULL)
    json_builder_add_string_value (builder, kiosk_place_get_description (place));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
place_to_text (gpointer                 item,
               const KioskParseContext *ctx)
{
  KioskPlace *place = item;
  const char *category = kiosk_place_get_category (place);

  return g_strdup_printf ("%s%s%s%s  %.5f, %.5f",
                          kiosk_place_get_name (place),
                          category ? " (" : "", category ? category : "", category ? ")" : "",
                          kiosk_place_get_latitude (place), kiosk_place_get_longitude (place));
}

const KioskFormat kiosk_format_geojson = {
  .kind = "geojson",
  .area = KIOSK_AREA_PLACES,
  .get_item_type = kiosk_place_get_type,
  .parse = kiosk_geojson_parse,
  .to_json = place_to_json,
  .to_text = place_to_text,
};

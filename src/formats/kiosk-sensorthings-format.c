/* kiosk-sensorthings-format.c: OGC SensorThings API 1.0/1.1 Things → KioskReading */

#define G_LOG_DOMAIN "kiosk-sensorthings"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kiosk-formats.h"
#include "kiosk-json.h"
#include "kiosk-reading.h"
#include "kiosk-sensors-json.h"
#include "kiosk-sensorthings-format.h"

#define MAX_PAGES 20
#define DEFAULT_OBSERVATIONS 500
#define PAGE_SIZE 100

typedef struct
{
  const KioskParseContext *ctx;
  KioskParseResult        *result;
  KioskSensorsKinds       *kinds;
  gint64                   history_from;   /* Unix seconds */
  guint                    n_unplaced;
  char                    *first_unplaced;
} Parse;

static char *
iot_id (JsonObject *object)
{
  return kiosk_sensors_json_dup_string (object, "@iot.id");
}

/* A list or object member; one of another type is warned about and left out. */
static JsonArray *
get_array (Parse      *p,
           JsonObject *object,
           const char *name,
           const char *where)
{
  g_autoptr(GError) error = NULL;
  JsonArray *array = kiosk_json_get_array (object, name, &error);

  if (error != NULL)
    kiosk_parse_result_warn (p->result, "%s: %s; left out", where, error->message);

  return array;
}

static JsonObject *
get_object (Parse      *p,
            JsonObject *object,
            const char *name,
            const char *where)
{
  g_autoptr(GError) error = NULL;
  JsonObject *member = kiosk_json_get_object (object, name, &error);

  if (error != NULL)
    kiosk_parse_result_warn (p->result, "%s: %s; left out", where, error->message);

  return member;
}

static gboolean
thing_position (Parse      *p,
                JsonObject *thing,
                const char *where,
                double     *latitude,
                double     *longitude)
{
  JsonArray *locations = get_array (p, thing, "Locations", where);
  guint n = locations != NULL ? json_array_get_length (locations) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *location = kiosk_json_array_object (locations, i);
      g_autoptr(GError) error = NULL;
      const char *encoding;

      if (location == NULL)
        {
          kiosk_parse_result_warn (p->result, "%s: Location %u is not an object; skipped",
                                   where, i);
          continue;
        }
      encoding = kiosk_json_get_string (location, "encodingType", &error);
      if (error != NULL)
        {
          kiosk_parse_result_warn (p->result, "%s: Location %u: %s; skipped",
                                   where, i, error->message);
          continue;
        }
      if (encoding == NULL)
        encoding = "application/geo+json";
      /* 1.0 servers say application/vnd.geo+json, 1.1 application/geo+json. */
      if (!g_str_equal (encoding, "application/geo+json") &&
          !g_str_equal (encoding, "application/vnd.geo+json") &&
          !g_str_equal (encoding, "application/json"))
        {
          kiosk_parse_result_warn (p->result, "%s: Location %u has encodingType “%s”, "
                                   "not GeoJSON; skipped", where, i, encoding);
          continue;
        }

      if (kiosk_sensors_geojson_point (json_object_get_member (location, "location"),
                                       latitude, longitude))
        return TRUE;

      kiosk_parse_result_warn (p->result, "%s: Location %u is not a GeoJSON Point "
                               "with valid coordinates", where, i);
    }

  return FALSE;
}

static gboolean
observation_point (Parse             *p,
                   JsonObject        *obs,
                   const char        *where,
                   guint              index,
                   KioskReadingPoint *point)
{
  g_autofree char *time_text = kiosk_sensors_json_dup_string (obs, "phenomenonTime");
  g_autoptr(GDateTime) time = NULL;
  JsonNode *result;

  if (time_text == NULL)
    time_text = kiosk_sensors_json_dup_string (obs, "resultTime");

  time = kiosk_sensors_parse_time (time_text, p->ctx->tz);
  if (time == NULL)
    {
      kiosk_parse_result_warn (p->result, "%s, observation %u: phenomenonTime “%s” is not "
                               "an ISO 8601 time or interval; skipped",
                               where, index, time_text != NULL ? time_text : "");
      return FALSE;
    }

  result = json_object_get_member (obs, "result");
  if (!kiosk_sensors_json_number (result, &point->value))
    {
      kiosk_parse_result_warn (p->result, "%s, observation %u: result is not a number; skipped",
                               where, index);
      return FALSE;
    }

  point->time = g_date_time_to_unix (time);

  return TRUE;
}

static void
parse_datastream (Parse      *p,
                  JsonObject *ds,
                  const char *station_id,
                  const char *station,
                  double      latitude,
                  double      longitude,
                  const char *thing_where)
{
  g_autofree char *id = iot_id (ds);
  g_autofree char *ds_name = kiosk_sensors_json_dup_string (ds, "name");
  g_autofree char *where = NULL;
  g_autofree char *prop_name = NULL;
  g_autofree char *definition = NULL;
  g_autofree char *symbol = NULL;
  g_autofree char *unit_name = NULL;
  g_autoptr(KioskReading) reading = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GArray) history = NULL;
  g_autoptr(GDateTime) time = NULL;
  JsonObject *property;
  JsonObject *unit;
  JsonArray *observations;
  KioskReadingKind *kind;
  const char *unit_text;
  guint n_obs;
  gboolean have_latest = FALSE;
  KioskReadingPoint latest = { 0, NAN };

  where = g_strdup_printf ("%s, Datastream %s", thing_where, id != NULL ? id : ds_name ? ds_name : "?");
  if (id == NULL)
    {
      kiosk_parse_result_warn (p->result, "%s has no @iot.id; skipped", where);
      return;
    }

  property = get_object (p, ds, "ObservedProperty", where);
  unit = get_object (p, ds, "unitOfMeasurement", where);
  observations = get_array (p, ds, "Observations", where);
  prop_name = kiosk_sensors_json_dup_string (property, "name");
  definition = kiosk_sensors_json_dup_string (property, "definition");
  symbol = kiosk_sensors_json_dup_string (unit, "symbol");
  unit_name = kiosk_sensors_json_dup_string (unit, "name");

  kind = kiosk_sensors_kinds_match (p->kinds, prop_name, definition, ds_name);

  reading = kiosk_reading_new (station_id, station, id,
                               prop_name != NULL ? prop_name : ds_name != NULL ? ds_name : id);
  kiosk_reading_set_kind (reading, kind);
  kiosk_reading_set_position (reading, latitude, longitude);

  unit_text = symbol != NULL && *symbol != '\0' ? symbol : NULL;
  if (unit_text == NULL && *kiosk_reading_kind_get_unit (kind) == '\0')
    unit_text = unit_name;
  if (unit_text != NULL)
    kiosk_reading_set_unit (reading, kiosk_sensors_normalize_unit (unit_text));

  n_obs = observations != NULL ? json_array_get_length (observations) : 0;
  if (n_obs > KIOSK_SENSORS_MAX_POINTS)
    {
      kiosk_parse_result_warn (p->result, "%s has %u observations; only the first %d are read",
                               where, n_obs, KIOSK_SENSORS_MAX_POINTS);
      n_obs = KIOSK_SENSORS_MAX_POINTS;
    }

  points = g_array_sized_new (FALSE, FALSE, sizeof (KioskReadingPoint), n_obs);
  for (guint i = 0; i < n_obs; i++)
    {
      JsonObject *observation = kiosk_json_array_object (observations, i);
      KioskReadingPoint point;

      if (observation == NULL)
        {
          kiosk_parse_result_warn (p->result, "%s, observation %u is not an object; skipped",
                                   where, i);
          continue;
        }

      if (!observation_point (p, observation, where, i, &point))
        continue;

      /* Servers are asked for newest first, but not all obey: the newest
       * with a value counts, wherever it stands. */
      if (!isnan (point.value) && (!have_latest || point.time >= latest.time))
        {
          latest = point;
          have_latest = TRUE;
        }
      if (!isnan (point.value))
        g_array_append_val (points, point);
    }

  if (have_latest)
    {
      time = g_date_time_new_from_unix_utc (latest.time);
      kiosk_reading_set_value (reading, latest.value, time);
    }

  kiosk_reading_points_normalize (points);
  history = g_array_new (FALSE, FALSE, sizeof (KioskReadingPoint));
  for (guint i = 0; i < points->len; i++)
    {
      KioskReadingPoint *pt = &g_array_index (points, KioskReadingPoint, i);

      if (pt->time >= p->history_from)
        g_array_append_val (history, *pt);
    }
  kiosk_reading_set_history (reading, history);

  g_ptr_array_add (p->result->items, g_steal_pointer (&reading));
}

static void
parse_thing (Parse      *p,
             JsonObject *thing,
             guint       index)
{
  g_autofree char *id = iot_id (thing);
  g_autofree char *name = kiosk_sensors_json_dup_string (thing, "name");
  g_autofree char *where = NULL;
  JsonArray *datastreams;
  double latitude = NAN, longitude = NAN;
  guint n;

  where = g_strdup_printf ("page %u, Thing %s", p->ctx->page + 1,
                           id != NULL ? id : name != NULL ? name : "?");
  if (id == NULL)
    {
      /* Without an id the station cannot be told apart from the next page's. */
      kiosk_parse_result_warn (p->result, "page %u, Thing %u has no @iot.id; skipped",
                               p->ctx->page + 1, index);
      return;
    }

  /* Counted, not warned one by one: a big service can have thousands. */
  if (!thing_position (p, thing, where, &latitude, &longitude) && p->n_unplaced++ == 0)
    p->first_unplaced = g_strdup_printf ("%s (%s)", where, name != NULL ? name : id);

  datastreams = get_array (p, thing, "Datastreams", where);
  n = datastreams != NULL ? json_array_get_length (datastreams) : 0;
  if (n == 0)
    kiosk_parse_result_warn (p->result, "%s has no Datastreams (was $expand=Datastreams asked for?)",
                             where);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *datastream = kiosk_json_array_object (datastreams, i);

      if (p->result->items->len >= KIOSK_SENSORS_MAX_READINGS)
        {
          kiosk_parse_result_warn (p->result, "%s: more than %d readings on one page; "
                                   "the rest is left out", where, KIOSK_SENSORS_MAX_READINGS);
          return;
        }

      if (datastream == NULL)
        {
          kiosk_parse_result_warn (p->result, "%s, Datastream %u is not an object; skipped",
                                   where, i);
          continue;
        }

      parse_datastream (p, datastream, id,
                        name != NULL ? name : id, latitude, longitude, where);
    }
}

static gboolean
sensorthings_parse (GBytes                  *bytes,
                    const KioskParseContext *ctx,
                    KioskParseResult        *result,
                    GError                 **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KioskSensorsKinds) kinds = NULL;
  g_autoptr(GPtrArray) single = NULL;
  g_autoptr(GError) type_error = NULL;
  JsonObject *object;
  JsonArray *things;
  const char *next;
  Parse p;
  guint n;

  root = kiosk_sensors_json_load (bytes, "SensorThings response", error);
  if (root == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "SensorThings response: expected an object with a “value” list of Things, "
                   "found %s", kiosk_json_describe (root));
      return FALSE;
    }

  object = json_node_get_object (root);
  things = kiosk_json_get_array (object, "value", &type_error);
  if (type_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&type_error), "SensorThings response: ");
      return FALSE;
    }
  if (things == NULL)
    {
      const char *message = kiosk_json_get_string (object, "message", NULL);

      if (message != NULL)
        {
          g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                       "SensorThings service answered with an error: %s", message);
          return FALSE;
        }

      if (!json_object_has_member (object, "Datastreams"))
        {
          g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                       "SensorThings response: no “value” list of Things "
                       "(is the URL the service root or its /Things?)");
          return FALSE;
        }

      /* One Thing asked for by id: /Things(7)?$expand=... */
      things = json_array_new ();
      json_array_add_element (things, json_node_copy (root));
      single = g_ptr_array_new_with_free_func ((GDestroyNotify) json_array_unref);
      g_ptr_array_add (single, things);
    }

  kinds = kiosk_sensors_kinds_new (ctx, result);
  p.ctx = ctx;
  p.result = result;
  p.kinds = kinds;
  p.n_unplaced = 0;
  p.first_unplaced = NULL;
  p.history_from = (ctx->now != NULL ? g_date_time_to_unix (ctx->now) : g_get_real_time () / G_USEC_PER_SEC)
                   - (gint64) kiosk_sensors_history_hours (ctx) * 3600;

  n = json_array_get_length (things);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *thing = kiosk_json_array_object (things, i);

      if (thing == NULL)
        {
          kiosk_parse_result_warn (result, "page %u, Thing %u is not an object; skipped",
                                   ctx->page + 1, i);
          continue;
        }
      if (result->items->len >= KIOSK_SENSORS_MAX_READINGS)
        {
          kiosk_parse_result_warn (result, "page %u: more than %d readings; Thing %u and "
                                   "the rest are left out", ctx->page + 1,
                                   KIOSK_SENSORS_MAX_READINGS, i);
          break;
        }
      parse_thing (&p, thing, i);
    }

  if (p.n_unplaced > 0)
    kiosk_parse_result_warn (result, "%s has no location; it is shown without a map position%s",
                             p.first_unplaced,
                             p.n_unplaced > 1 ? " (and more Things on this page)" : "");
  g_clear_pointer (&p.first_unplaced, g_free);

  if (n == 0 && ctx->page == 0)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_EMPTY,
                   "SensorThings response lists no Things");
      return FALSE;
    }

  next = kiosk_json_get_string (object, "@iot.nextLink", &type_error);
  if (type_error != NULL)
    kiosk_parse_result_warn (result, "page %u: %s; no further pages", ctx->page + 1,
                             type_error->message);
  else if (kiosk_sensors_check_next_url (ctx, result, MAX_PAGES, next))
    result->next_url = g_strdup (next);

  return TRUE;
}

char *
kiosk_sensorthings_request_url (const char              *configured_url,
                                const KioskParseContext *ctx)
{
  g_autofree char *base = NULL;
  g_autofree char *expand = NULL;
  g_autofree char *with_expand = NULL;
  g_autofree char *with_top = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) from_utc = NULL;
  g_autofree char *from_text = NULL;
  const char *obs_text;
  guint64 observations = DEFAULT_OBSERVATIONS;

  g_return_val_if_fail (configured_url != NULL, NULL);

  /* A full query, a file or a resource is used as it is. */
  if (strchr (configured_url, '?') != NULL ||
      !(g_str_has_prefix (configured_url, "http://") || g_str_has_prefix (configured_url, "https://")))
    return NULL;

  if (kiosk_sensors_url_path_ends_with (configured_url, "/Things"))
    base = kiosk_sensors_url_append_path (configured_url, "");
  else if (kiosk_sensors_url_path_ends_with (configured_url, "/v1.0") ||
           kiosk_sensors_url_path_ends_with (configured_url, "/v1.1"))
    base = kiosk_sensors_url_append_path (configured_url, "/Things");
  else
    return NULL;

  obs_text = ctx != NULL ? kiosk_parse_context_option (ctx, "observations", NULL) : NULL;
  if (obs_text != NULL && !g_ascii_string_to_unsigned (obs_text, 10, 1, KIOSK_SENSORS_MAX_POINTS,
                                                       &observations, NULL))
    observations = DEFAULT_OBSERVATIONS;

  now = ctx != NULL && ctx->now != NULL ? g_date_time_ref (ctx->now) : g_date_time_new_now_utc ();
  from = g_date_time_add_hours (now, -(int) (ctx != NULL ? kiosk_sensors_history_hours (ctx) : 24));
  from_utc = g_date_time_to_utc (from);
  /* To the hour: the URL (and the server's next links) stay the same for an
   * hour, so every page can be asked for with its validators and answer
   * 304. The history starts at most an hour earlier; $top still caps it. */
  from_text = g_date_time_format (from_utc, "%Y-%m-%dT%H:00:00Z");

  expand = g_strdup_printf ("Locations,Datastreams($expand=ObservedProperty,"
                            "Observations($filter=phenomenonTime ge %s;"
                            "$orderby=phenomenonTime desc;$top=%" G_GUINT64_FORMAT "))",
                            from_text, observations);
  with_expand = kiosk_sensors_url_set_param (base, "$expand", expand);
  with_top = kiosk_sensors_url_set_param (with_expand, "$top", G_STRINGIFY (PAGE_SIZE));

  return g_steal_pointer (&with_top);
}

const KioskFormat kiosk_format_sensorthings = {
  .kind = "sensorthings",
  .area = KIOSK_AREA_SENSORS,
  .get_item_type = kiosk_sensors_item_type,
  .parse = sensorthings_parse,
  .request_url = kiosk_sensorthings_request_url,
  .to_json = kiosk_sensors_item_to_json,
  .to_text = kiosk_sensors_item_to_text,
  .max_pages = MAX_PAGES,
};

/* kiosk-sensors-json.c: what the SensorThings and NGSI parsers share */

#define G_LOG_DOMAIN "kiosk-sensors-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kiosk-json.h"
#include "kiosk-redact.h"
#include "kiosk-sensors-json.h"

struct _KioskSensorsKinds
{
  GHashTable       *options;
  KioskParseResult *result;
  GHashTable       *by_id;   /* id → KioskReadingKind with overrides */
  GHashTable       *others;  /* property name → KioskReadingKind */
};

JsonNode *
kiosk_sensors_json_load (GBytes      *bytes,
                         const char  *what,
                         GError     **error)
{
  JsonNode *root;

  g_return_val_if_fail (bytes != NULL, NULL);

  root = kiosk_json_load (bytes, KIOSK_SENSORS_MAX_BYTES, KIOSK_SENSORS_MAX_DEPTH, error);
  if (root == NULL)
    g_prefix_error (error, "%s: ", what);

  return root;
}

gboolean
kiosk_sensors_json_number (JsonNode *node,
                           double   *value)
{
  g_autofree char *copy = NULL;
  char *end = NULL;

  *value = NAN;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (kiosk_json_node_number (node, value))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *value = json_node_get_boolean (node) ? 1 : 0;
      return TRUE;
    }
  if (kiosk_json_node_string (node) == NULL)
    return FALSE;

  /* A comma decimal separator is common in German data. */
  copy = g_strstrip (g_strdup (kiosk_json_node_string (node)));
  g_strdelimit (copy, ",", '.');
  *value = g_ascii_strtod (copy, &end);
  if (*copy == '\0' || end == copy || *end != '\0' || !isfinite (*value))
    {
      *value = NAN;
      return FALSE;
    }

  return TRUE;
}

char *
kiosk_sensors_json_dup_string (JsonObject *object,
                               const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_utf8_make_valid (json_node_get_string (node), -1);
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

GDateTime *
kiosk_sensors_parse_time (const char *text,
                          GTimeZone  *tz)
{
  const char *slash;

  if (text == NULL || *text == '\0' || strlen (text) > 80)
    return NULL;

  /* An interval counts from when it ended. */
  slash = strchr (text, '/');
  if (slash != NULL)
    text = slash + 1;

  return g_date_time_new_from_iso8601 (text, tz);
}

static gboolean
coordinates_point (JsonNode *coords,
                   double   *latitude,
                   double   *longitude)
{
  JsonArray *array;
  double lon, lat;

  if (coords == NULL || !JSON_NODE_HOLDS_ARRAY (coords))
    return FALSE;

  array = json_node_get_array (coords);
  if (json_array_get_length (array) < 2)
    return FALSE;

  /* GeoJSON is longitude first. */
  if (!kiosk_sensors_json_number (json_array_get_element (array, 0), &lon) ||
      !kiosk_sensors_json_number (json_array_get_element (array, 1), &lat) ||
      isnan (lon) || isnan (lat))
    return FALSE;

  if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
    return FALSE;

  *latitude = lat;
  *longitude = lon;

  return TRUE;
}

gboolean
kiosk_sensors_geojson_point (JsonNode *node,
                             double   *latitude,
                             double   *longitude)
{
  JsonObject *object;
  const char *type;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  type = kiosk_json_get_string (object, "type", NULL);

  if (g_strcmp0 (type, "Feature") == 0)
    return kiosk_sensors_geojson_point (json_object_get_member (object, "geometry"),
                                        latitude, longitude);

  if (g_strcmp0 (type, "Point") == 0)
    return coordinates_point (json_object_get_member (object, "coordinates"),
                              latitude, longitude);

  return FALSE;
}

typedef struct
{
  const char *ascii;
  const char *symbol;
} UnitSpelling;

static const UnitSpelling spellings[] = {
  { "ug/m3", "µg/m³" }, { "µg/m3", "µg/m³" }, { "ug/m^3", "µg/m³" }, { "μg/m³", "µg/m³" },
  { "μg/m3", "µg/m³" }, { "mg/m3", "mg/m³" }, { "Cel", "°C" }, { "degC", "°C" },
  { "C", "°C" }, { "deg C", "°C" }, { "dBA", "dB(A)" }, { "dB(A)", "dB(A)" },
  { "percent", "%" }, { "%RH", "%" }, { "m3/s", "m³/s" },
};

const char *
kiosk_sensors_normalize_unit (const char *unit)
{
  if (unit == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      if (g_str_equal (spellings[i].ascii, unit))
        return spellings[i].symbol;
    }

  return unit;
}

/* @url's parts as they are written (nothing decoded), or NULL. */
static GUri *
parse_url (const char *url)
{
  return g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
}

char *
kiosk_sensors_url_get_param (const char *url,
                             const char *name)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *query;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  uri = parse_url (url);
  query = uri != NULL ? g_uri_get_query (uri) : NULL;
  if (query == NULL)
    return NULL;

  /* Not G_URI_PARAMS_WWW_FORM: a "+" in an OData filter is a plus. */
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return NULL;

  return g_strdup (g_hash_table_lookup (params, name));
}

/* OData needs "$(),;=" as they are; everything else is escaped. */
#define PARAM_RESERVED "$(),;=/:'"

char *
kiosk_sensors_url_set_param (const char *url,
                             const char *name,
                             const char *value)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *escaped_name = NULL;
  g_autofree char *escaped_value = NULL;
  const char *old_query;
  gboolean replaced = FALSE;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (name != NULL && value != NULL, NULL);

  uri = parse_url (url);
  if (uri == NULL)
    return g_strdup (url);

  escaped_name = g_uri_escape_string (name, "$", FALSE);
  escaped_value = g_uri_escape_string (value, PARAM_RESERVED, FALSE);
  old_query = g_uri_get_query (uri);

  if (old_query != NULL)
    {
      GUriParamsIter iter;
      char *key, *old_value;

      /* Each parameter is decoded and written again; one that cannot be
       * decoded ends the list. */
      g_uri_params_iter_init (&iter, old_query, -1, "&", G_URI_PARAMS_NONE);
      while (g_uri_params_iter_next (&iter, &key, &old_value, NULL))
        {
          g_autofree char *k = key;
          g_autofree char *v = old_value;

          if (*k == '\0' && (v == NULL || *v == '\0'))
            continue;
          if (query->len > 0)
            g_string_append_c (query, '&');
          if (g_str_equal (k, name))
            {
              if (replaced)
                {
                  g_string_truncate (query, query->len - 1);
                  continue;
                }
              g_string_append_printf (query, "%s=%s", escaped_name, escaped_value);
              replaced = TRUE;
            }
          else
            {
              g_autofree char *ek = g_uri_escape_string (k, "$", FALSE);
              g_autofree char *ev = g_uri_escape_string (v, PARAM_RESERVED, FALSE);

              g_string_append_printf (query, "%s=%s", ek, ev);
            }
        }
    }

  if (!replaced)
    g_string_append_printf (query, "%s%s=%s", query->len > 0 ? "&" : "", escaped_name, escaped_value);

  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                     g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                     query->str, g_uri_get_fragment (uri));
}

/* @uri's path without trailing slashes. */
static char *
trimmed_path (GUri *uri)
{
  const char *path = g_uri_get_path (uri);
  gsize len = strlen (path);

  while (len > 0 && path[len - 1] == '/')
    len--;

  return g_strndup (path, len);
}

char *
kiosk_sensors_url_append_path (const char *url,
                               const char *path)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *base = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (url != NULL && path != NULL, NULL);

  uri = parse_url (url);
  if (uri == NULL)
    return NULL;

  base = trimmed_path (uri);
  joined = g_strconcat (base, path, NULL);

  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                     g_uri_get_host (uri), g_uri_get_port (uri), joined, NULL, NULL);
}

gboolean
kiosk_sensors_url_path_ends_with (const char *url,
                                  const char *suffix)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  gsize len, slen = strlen (suffix);

  uri = parse_url (url);
  if (uri == NULL)
    return FALSE;

  path = trimmed_path (uri);
  len = strlen (path);

  return len >= slen && g_ascii_strncasecmp (path + len - slen, suffix, slen) == 0;
}

KioskSensorsKinds *
kiosk_sensors_kinds_new (const KioskParseContext *ctx,
                         KioskParseResult        *result)
{
  KioskSensorsKinds *kinds = g_new0 (KioskSensorsKinds, 1);

  kinds->options = ctx->options;
  kinds->result = result;
  kinds->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) kiosk_reading_kind_unref);
  kinds->others = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) kiosk_reading_kind_unref);

  return kinds;
}

void
kiosk_sensors_kinds_free (KioskSensorsKinds *kinds)
{
  if (kinds == NULL)
    return;

  g_hash_table_unref (kinds->by_id);
  g_hash_table_unref (kinds->others);
  g_free (kinds);
}

KioskReadingKind *
kiosk_sensors_kinds_match (KioskSensorsKinds *kinds,
                           const char        *name,
                           const char        *definition,
                           const char        *fallback_name)
{
  g_autoptr(KioskReadingKind) shipped = NULL;
  KioskReadingKind *kind;
  const char *label = name != NULL ? name : fallback_name != NULL ? fallback_name : "";

  shipped = kiosk_reading_kind_match (name, definition);
  if (shipped == NULL && fallback_name != NULL)
    shipped = kiosk_reading_kind_match (fallback_name, NULL);

  if (shipped != NULL)
    {
      const char *id = kiosk_reading_kind_get_id (shipped);

      kind = g_hash_table_lookup (kinds->by_id, id);
      if (kind == NULL)
        {
          kind = kiosk_reading_kind_apply_options (shipped, kinds->options, kinds->result->warnings);
          g_hash_table_insert (kinds->by_id, g_strdup (id), kind);
        }
      return kind;
    }

  kind = g_hash_table_lookup (kinds->others, label);
  if (kind == NULL)
    {
      kind = kiosk_reading_kind_new_other (label);
      g_hash_table_insert (kinds->others, g_strdup (label), kind);
    }

  return kind;
}

static gboolean
same_origin (const char *a,
             const char *b)
{
  g_autoptr(GUri) ua = g_uri_parse (a, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) ub = g_uri_parse (b, G_URI_FLAGS_NONE, NULL);

  if (ua == NULL || ub == NULL)
    return FALSE;

  return g_ascii_strcasecmp (g_uri_get_scheme (ua), g_uri_get_scheme (ub)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (ua) ? g_uri_get_host (ua) : "",
                             g_uri_get_host (ub) ? g_uri_get_host (ub) : "") == 0 &&
         g_uri_get_port (ua) == g_uri_get_port (ub);
}

gboolean
kiosk_sensors_check_next_url (const KioskParseContext *ctx,
                              KioskParseResult        *result,
                              guint                    default_max_pages,
                              const char              *next_url)
{
  const char *cap_text = kiosk_parse_context_option (ctx, "max-pages", NULL);
  guint64 max_pages = default_max_pages;

  if (next_url == NULL || *next_url == '\0')
    return FALSE;

  if (cap_text != NULL && !g_ascii_string_to_unsigned (cap_text, 10, 1, 10000, &max_pages, NULL))
    {
      kiosk_parse_result_warn (result, "option max-pages: “%s” is not a number from 1 to 10000; "
                               "using %u", cap_text, default_max_pages);
      max_pages = default_max_pages;
    }

  if (ctx->page + 1 >= max_pages)
    {
      kiosk_parse_result_warn (result, "page %u: stopped after %u pages (max-pages); "
                               "the service has more", ctx->page + 1, (guint) max_pages);
      return FALSE;
    }

  if (ctx->url == NULL || !(g_str_has_prefix (ctx->url, "http://") ||
                            g_str_has_prefix (ctx->url, "https://")))
    {
      g_autofree char *shown = kiosk_redact_uri (next_url);

      kiosk_parse_result_warn (result, "page %u: next page %s not followed: these bytes did "
                               "not come from the service", ctx->page + 1, shown);
      return FALSE;
    }

  if (g_str_equal (ctx->url, next_url))
    {
      kiosk_parse_result_warn (result, "page %u: the next-page link points to the same page "
                               "again; stopped", ctx->page + 1);
      return FALSE;
    }

  if (!same_origin (ctx->url, next_url))
    {
      g_autofree char *shown_next = kiosk_redact_uri (next_url);
      g_autofree char *shown_url = kiosk_redact_uri (ctx->url);

      kiosk_parse_result_warn (result, "page %u: the next-page link %s points to another host "
                               "than %s (is the server's root URL set right?); not followed",
                               ctx->page + 1, shown_next, shown_url);
      return FALSE;
    }

  return TRUE;
}

guint
kiosk_sensors_history_hours (const KioskParseContext *ctx)
{
  const char *text = kiosk_parse_context_option (ctx, "history-hours", NULL);
  guint64 hours = 24;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, 24 * 14, &hours, NULL))
    hours = 24;

  return (guint) hours;
}

GType
kiosk_sensors_item_type (void)
{
  return KIOSK_TYPE_READING;
}

JsonNode *
kiosk_sensors_item_to_json (gpointer                 item,
                            const KioskParseContext *ctx)
{
  return kiosk_reading_to_json (KIOSK_READING (item));
}

char *
kiosk_sensors_item_to_text (gpointer                 item,
                            const KioskParseContext *ctx)
{
  KioskReading *reading = KIOSK_READING (item);
  g_autofree char *value = kiosk_reading_format_value (reading);
  GDateTime *time = kiosk_reading_get_time (reading);
  g_autofree char *when = time != NULL ? g_date_time_format_iso8601 (time) : g_strdup ("no time");

  return g_strdup_printf ("%s — %s: %s %s (%s, %u points of history)",
                          kiosk_reading_get_station (reading),
                          kiosk_reading_get_property_name (reading),
                          value, kiosk_reading_get_unit (reading), when,
                          kiosk_reading_get_history (reading)->len);
}

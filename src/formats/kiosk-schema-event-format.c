/* kiosk-schema-event-format.c: the `schema-event` kind: schema.org Events in JSON(-LD)
 *
 * Accepts what tourism data hubs publish: one Event, an array, a JSON-LD
 * @graph, an ItemList of ListItems, or a plain wrapper object with an
 * "events"/"items" array. Texts may be JSON-LD value objects with
 * @language ("name": [{"@value": "Markt", "@language": "de"}, ...]): the first
 * is the default, each language is kept for the UI's language switch. */

#define G_LOG_DOMAIN "kiosk-schema-event-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kiosk-event-common.h"
#include "kiosk-formats.h"
#include "kiosk-json.h"
#include "kiosk-schema-event-format.h"

#define MAX_DOCUMENT_SIZE (32 * 1024 * 1024)
#define MAX_NESTING 64
#define MAX_WALK_DEPTH 8
#define MAX_CATEGORIES 12

typedef struct
{
  const KioskParseContext *ctx;
  KioskParseResult        *result;
  KioskEventWindow         window;
  guint                    n_events;
  guint                    n_other;
} Parser;

static void walk (Parser   *parser,
                  JsonNode *node,
                  guint     depth);

static const char *
strip_vocabulary (const char *type)
{
  static const char *prefixes[] = { "https://schema.org/", "http://schema.org/", "schema:" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      if (g_str_has_prefix (type, prefixes[i]))
        return type + strlen (prefixes[i]);
    }

  return type;
}

static gboolean
type_is_event (const char *type)
{
  type = strip_vocabulary (type);

  /* Event and its subtypes: MusicEvent, TheaterEvent, ..., Festival, Hackathon. */
  return g_str_has_suffix (type, "Event") || g_str_equal (type, "Festival") ||
         g_str_equal (type, "Hackathon") || g_str_equal (type, "CourseInstance") ||
         g_str_equal (type, "EventSeries");
}

static gboolean
object_has_type (JsonObject *object,
                 gboolean  (*match) (const char *type),
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, "@type");

  if (node == NULL)
    return FALSE;

  if (kiosk_json_node_string (node) != NULL)
    {
      const char *type = kiosk_json_node_string (node);

      return match != NULL ? match (type) : g_str_equal (strip_vocabulary (type), name);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *type = kiosk_json_node_string (json_array_get_element (array, i));

          if (type != NULL && (match != NULL ? match (type)
                                             : g_str_equal (strip_vocabulary (type), name)))
            return TRUE;
        }
    }

  return FALSE;
}

/* schema.org allows a list wherever one value goes: its first element. */
static JsonNode *
first_value (JsonNode *node)
{
  JsonArray *array = kiosk_json_node_array (node);

  return array != NULL && json_array_get_length (array) > 0 ? json_array_get_element (array, 0)
                                                            : node;
}

/* A plain string member, or the first string of an array, or a value object. */
static const char *
node_string (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (kiosk_json_node_string (node) != NULL)
    return kiosk_json_node_string (node);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return kiosk_json_get_string (json_node_get_object (node), "@value", NULL);
  if (first_value (node) != node)
    return node_string (first_value (node));

  return NULL;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return node_string (json_object_get_member (object, name));
}

static double
node_number (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* "12,50" is how German sites write prices. */
      g_autofree char *text = g_strdup (json_node_get_string (node));
      char *comma = strchr (text, ',');
      char *end = NULL;
      double value;

      if (comma != NULL && strchr (text, '.') == NULL)
        *comma = '.';
      g_strstrip (text);
      value = g_ascii_strtod (text, &end);
      return end != text && *end == '\0' ? value : NAN;
    }
  else
    {
      double result = NAN;

      return kiosk_json_node_number (node, &result) ? result : NAN;
    }
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonArray *array = kiosk_json_get_array (object, name, NULL);

  if (array != NULL)
    return kiosk_json_array_object (array, 0);

  return kiosk_json_get_object (object, name, NULL);
}

/* Texts with languages: each value object's @language into @event. */
static char *
read_texts (KioskEvent *event,
            JsonObject *object,
            const char *name,
            gboolean    is_title)
{
  JsonNode *node = json_object_get_member (object, name);
  char *first = NULL;
  guint n = 1;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    n = json_array_get_length (json_node_get_array (node));

  for (guint i = 0; i < n && i < 8; i++)
    {
      JsonNode *element = JSON_NODE_HOLDS_ARRAY (node)
                          ? json_array_get_element (json_node_get_array (node), i) : node;
      g_autofree char *text = kiosk_event_text_from_html (node_string (element));
      const char *language = NULL;

      if (text == NULL)
        continue;
      language = kiosk_json_get_string (kiosk_json_node_object (element), "@language", NULL);
      if (language != NULL)
        kiosk_event_add_translation (event, language, is_title ? text : NULL, is_title ? NULL : text);
      if (first == NULL)
        first = g_steal_pointer (&text);
    }

  return first;
}

/* "2026-11-22" (a day) or an ISO 8601 date-time, floating times in @tz. */
static GDateTime *
parse_date (const char *text,
            GTimeZone  *tz,
            gboolean   *is_date)
{
  GDateTime *day = kiosk_json_parse_day (text, tz);

  *is_date = day != NULL;
  if (text == NULL || day != NULL)
    return day;

  /* "2026-06-11T20:00" and "2026-06-11 20:00" are common; GLib wants seconds and a T. */
  if (strlen (text) >= 16 && (text[10] == 'T' || text[10] == ' ') && text[13] == ':' &&
      text[16] != ':')
    {
      g_autofree char *fixed = g_strdup_printf ("%.10sT%.5s:00%s", text, text + 11, text + 16);

      return g_date_time_new_from_iso8601 (fixed, tz);
    }

  return g_date_time_new_from_iso8601 (text, tz);
}

static char *
join_address (JsonObject *address)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *street = member_string (address, "streetAddress");
  const char *code = member_string (address, "postalCode");
  const char *city = member_string (address, "addressLocality");

  if (street != NULL)
    g_string_append (text, street);
  if (code != NULL || city != NULL)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      if (code != NULL)
        g_string_append (text, code);
      if (code != NULL && city != NULL)
        g_string_append_c (text, ' ');
      if (city != NULL)
        g_string_append (text, city);
    }

  return text->len > 0 ? kiosk_event_text_from_html (text->str) : NULL;
}

static void
read_location (KioskEvent *event,
               JsonObject *object,
               GString    *accessibility)
{
  JsonNode *node = json_object_get_member (object, "location");
  JsonObject *place, *geo, *address_object;
  const char *address_text;

  node = first_value (node);
  if (node == NULL)
    return;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *text = kiosk_event_text_from_html (node_string (node));

      kiosk_event_set_location (event, text);
      return;
    }

  place = json_node_get_object (node);
  if (object_has_type (place, NULL, "VirtualLocation"))
    {
      kiosk_event_set_location (event, member_string (place, "name") ? member_string (place, "name")
                                                                      : "Online");
      return;
    }

  {
    g_autofree char *name = kiosk_event_text_from_html (member_string (place, "name"));

    kiosk_event_set_location (event, name);
  }

  if ((address_object = member_object (place, "address")) != NULL)
    {
      g_autofree char *address = join_address (address_object);

      kiosk_event_set_address (event, address);
      if (kiosk_event_get_location (event) == NULL)
        kiosk_event_set_location (event, address);
    }
  else if ((address_text = member_string (place, "address")) != NULL)
    {
      g_autofree char *address = kiosk_event_text_from_html (address_text);

      kiosk_event_set_address (event, address);
      if (kiosk_event_get_location (event) == NULL)
        kiosk_event_set_location (event, address);
    }

  if ((geo = member_object (place, "geo")) != NULL)
    kiosk_event_set_coordinates (event,
                                 node_number (json_object_get_member (geo, "latitude")),
                                 node_number (json_object_get_member (geo, "longitude")));
  else if (json_object_has_member (place, "latitude"))
    kiosk_event_set_coordinates (event,
                                 node_number (json_object_get_member (place, "latitude")),
                                 node_number (json_object_get_member (place, "longitude")));

  /* Place.amenityFeature: [{"name": "Rollstuhlgerecht", "value": true}] */
  {
    JsonNode *features = json_object_get_member (place, "amenityFeature");

    if (features != NULL && JSON_NODE_HOLDS_ARRAY (features))
      {
        JsonArray *array = json_node_get_array (features);

        for (guint i = 0; i < json_array_get_length (array) && i < 12; i++)
          {
            JsonNode *feature = json_array_get_element (array, i);
            JsonObject *f;
            gboolean available = TRUE;
            g_autofree char *name = NULL;

            if (!JSON_NODE_HOLDS_OBJECT (feature))
              continue;
            f = json_node_get_object (feature);
            if (kiosk_json_get_boolean (f, "value", &available, NULL) && !available)
              continue;
            name = kiosk_event_text_from_html (member_string (f, "name"));
            if (name == NULL)
              continue;
            if (accessibility->len > 0)
              g_string_append (accessibility, ", ");
            g_string_append (accessibility, name);
          }
      }
  }
}

static void
read_offers (KioskEvent *event,
             JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "offers");
  gboolean is_free = FALSE;
  const char *free_text;
  double lowest = NAN;
  const char *currency = NULL;
  guint n = 1;

  free_text = kiosk_json_get_string (object, "isAccessibleForFree", NULL);
  if (kiosk_json_get_boolean (object, "isAccessibleForFree", &is_free, NULL))
    kiosk_event_set_free (event, is_free);
  else if (free_text != NULL)
    kiosk_event_set_free (event, g_ascii_strcasecmp (free_text, "true") == 0);

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    n = json_array_get_length (json_node_get_array (node));

  for (guint i = 0; i < n && i < 16; i++)
    {
      JsonNode *element = JSON_NODE_HOLDS_ARRAY (node)
                          ? json_array_get_element (json_node_get_array (node), i) : node;
      JsonObject *offer;
      double price;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      offer = json_node_get_object (element);
      price = node_number (json_object_get_member (offer, "price"));
      if (isnan (price))
        price = node_number (json_object_get_member (offer, "lowPrice"));
      if (!isnan (price) && price >= 0 && (isnan (lowest) || price < lowest))
        {
          lowest = price;
          currency = member_string (offer, "priceCurrency");
        }
    }

  if (!isnan (lowest) && lowest == 0)
    kiosk_event_set_free (event, TRUE);
  else if (!isnan (lowest))
    kiosk_event_set_price (event, lowest, currency != NULL ? currency : "EUR");
}

static void
read_categories (KioskEvent *event,
                 JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "keywords");
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && list->len < MAX_CATEGORIES; i++)
        {
          char *text = kiosk_event_text_from_html (node_string (json_array_get_element (array, i)));

          if (text != NULL)
            g_ptr_array_add (list, text);
        }
    }
  else if (node_string (node) != NULL)
    {
      parts = g_strsplit (node_string (node), ",", MAX_CATEGORIES + 1);
      for (guint i = 0; parts[i] != NULL && list->len < MAX_CATEGORIES; i++)
        {
          char *text = kiosk_event_text_from_html (parts[i]);

          if (text != NULL)
            g_ptr_array_add (list, g_strstrip (text));
        }
    }

  if (list->len == 0)
    return;
  g_ptr_array_add (list, NULL);
  kiosk_event_set_categories (event, (const char * const *) list->pdata);
}

static void
read_accessibility (JsonObject *object,
                    GString    *text)
{
  JsonNode *features = json_object_get_member (object, "accessibilityFeature");
  const char *summary = member_string (object, "accessibilitySummary");

  if (summary != NULL)
    {
      g_autofree char *clean = kiosk_event_text_from_html (summary);

      if (clean != NULL)
        {
          if (text->len > 0)
            g_string_append (text, ". ");
          g_string_append (text, clean);
        }
    }
  if (features != NULL && JSON_NODE_HOLDS_ARRAY (features))
    {
      JsonArray *array = json_node_get_array (features);

      for (guint i = 0; i < json_array_get_length (array) && i < 12; i++)
        {
          g_autofree char *clean = kiosk_event_text_from_html (node_string (json_array_get_element (array, i)));

          if (clean == NULL)
            continue;
          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append (text, clean);
        }
    }
}

static const char *
read_status (JsonObject *object)
{
  const char *status = member_string (object, "eventStatus");

  if (status == NULL)
    return KIOSK_EVENT_STATUS_CONFIRMED;
  status = strip_vocabulary (status);
  if (g_str_equal (status, "EventCancelled"))
    return KIOSK_EVENT_STATUS_CANCELLED;
  if (g_str_equal (status, "EventPostponed"))
    return KIOSK_EVENT_STATUS_POSTPONED;

  /* EventScheduled, EventRescheduled (the new dates are given), EventMovedOnline */
  return KIOSK_EVENT_STATUS_CONFIRMED;
}

static const char *
read_image (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "image");
  const char *url;

  node = first_value (node);
  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *image = json_node_get_object (node);

      url = member_string (image, "contentUrl");
      if (url == NULL)
        url = member_string (image, "url");
    }
  else
    {
      url = node_string (node);
    }

  return url;
}

static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_ascii_strncasecmp (url, "https://", 8) == 0 ||
                         g_ascii_strncasecmp (url, "http://", 7) == 0);
}

static void
parse_event (Parser     *parser,
             JsonObject *object,
             guint       depth)
{
  g_autoptr(KioskEvent) event = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GString) accessibility = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  const char *uid, *url, *image;
  gboolean start_is_date = FALSE, end_is_date = FALSE;
  JsonNode *sub;
  guint n = ++parser->n_events;

  event = kiosk_event_new (NULL, NULL, NULL);
  title = read_texts (event, object, "name", TRUE);
  description = read_texts (event, object, "description", FALSE);
  kiosk_event_set_title (event, title);
  kiosk_event_set_description (event, description);

  start = parse_date (member_string (object, "startDate"), parser->ctx->tz, &start_is_date);
  if (start == NULL)
    {
      const char *raw = member_string (object, "startDate");

      kiosk_parse_result_warn (parser->result, "Event #%u (“%s”) skipped: %s%s%s", n,
                               title != NULL ? title : "untitled",
                               raw != NULL ? "startDate “" : "no startDate",
                               raw != NULL ? raw : "",
                               raw != NULL ? "” is not an ISO 8601 date" : "");
      goto sub_events;
    }
  end = parse_date (member_string (object, "endDate"), parser->ctx->tz, &end_is_date);
  if (member_string (object, "endDate") != NULL && end == NULL)
    kiosk_parse_result_warn (parser->result, "Event #%u (“%s”): endDate “%s” is not an ISO 8601 date",
                             n, title != NULL ? title : "untitled", member_string (object, "endDate"));

  if (start_is_date && (end == NULL || end_is_date))
    {
      /* schema.org end days are inclusive; ours are exclusive like DTEND. */
      GDateTime *exclusive = g_date_time_add_days (end != NULL ? end : start, 1);

      g_clear_pointer (&end, g_date_time_unref);
      end = exclusive;
      kiosk_event_set_all_day (event, TRUE);
    }
  else if (end != NULL && end_is_date)
    {
      GDateTime *exclusive = g_date_time_add_days (end, 1);

      g_clear_pointer (&end, g_date_time_unref);
      end = exclusive;
    }
  if (end != NULL && g_date_time_compare (end, start) < 0)
    {
      kiosk_parse_result_warn (parser->result, "Event #%u (“%s”): endDate before startDate ignored",
                               n, title != NULL ? title : "untitled");
      g_clear_pointer (&end, g_date_time_unref);
    }

  {
    g_autoptr(GDateTime) local_start = g_date_time_to_timezone (start, parser->ctx->tz);
    g_autoptr(GDateTime) local_end = end != NULL ? g_date_time_to_timezone (end, parser->ctx->tz) : NULL;

    /* 9999-12-31T23:59Z is a valid date that no local time zone east of
     * UTC can show: GDateTime ends with year 9999. */
    if (local_start == NULL)
      {
        kiosk_parse_result_warn (parser->result, "Event #%u (“%s”): startDate out of range, skipped",
                                 n, title != NULL ? title : "untitled");
        goto sub_events;
      }
    kiosk_event_set_start (event, local_start);
    kiosk_event_set_end (event, local_end != NULL ? local_end : local_start);
  }

  uid = member_string (object, "@id");
  if (uid == NULL)
    uid = member_string (object, "identifier");
  url = member_string (object, "url");
  if (uid == NULL)
    uid = url;
  if (uid != NULL)
    kiosk_event_set_uid (event, uid);
  else
    {
      g_autofree char *fallback = g_strdup_printf ("event-%u", n);

      kiosk_event_set_uid (event, fallback);
    }
  if (is_web_url (url))
    kiosk_event_set_url (event, url);
  image = read_image (object);
  if (is_web_url (image))
    kiosk_event_set_image (event, image);

  read_location (event, object, accessibility);
  read_offers (event, object);
  read_categories (event, object);
  read_accessibility (object, accessibility);
  if (accessibility->len > 0)
    kiosk_event_set_accessibility (event, accessibility->str);
  kiosk_event_set_status (event, read_status (object));

  if (title == NULL)
    kiosk_parse_result_warn (parser->result, "Event #%u has no name", n);

  if (kiosk_event_window_contains (&parser->window,
                                   g_date_time_to_unix (kiosk_event_get_start (event)),
                                   g_date_time_to_unix (kiosk_event_get_end (event))))
    g_ptr_array_add (parser->result->items, g_steal_pointer (&event));

sub_events:
  /* A festival lists its concerts as subEvent. */
  if ((sub = json_object_get_member (object, "subEvent")) != NULL)
    walk (parser, sub, depth + 1);
}

static void
walk (Parser   *parser,
      JsonNode *node,
      guint     depth)
{
  static const char *wrappers[] = { "@graph", "itemListElement", "events", "items", "data", "results" };
  JsonObject *object;

  if (node == NULL || depth > MAX_WALK_DEPTH)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        walk (parser, json_array_get_element (array, i), depth + 1);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  if (object_has_type (object, type_is_event, NULL))
    {
      parse_event (parser, object, depth);
      return;
    }
  if (object_has_type (object, NULL, "ListItem"))
    {
      walk (parser, json_object_get_member (object, "item"), depth + 1);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (wrappers); i++)
    {
      JsonNode *member = json_object_get_member (object, wrappers[i]);

      if (member != NULL && (JSON_NODE_HOLDS_ARRAY (member) || JSON_NODE_HOLDS_OBJECT (member)))
        {
          walk (parser, member, depth + 1);
          return;
        }
    }

  parser->n_other++;
}

gboolean
kiosk_schema_event_parse (GBytes                  *bytes,
                          const KioskParseContext *ctx,
                          KioskParseResult        *result,
                          GError                 **error)
{
  g_autoptr(JsonNode) root = NULL;
  Parser parser = { 0, };

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  root = kiosk_json_load (bytes, MAX_DOCUMENT_SIZE, MAX_NESTING, error);
  if (root == NULL)
    {
      g_prefix_error (error, "schema.org Events: ");
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root) && !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                           "JSON document is neither an object nor an array of schema.org Events");
      return FALSE;
    }

  parser.ctx = ctx;
  parser.result = result;
  kiosk_event_window_init (&parser.window, ctx);
  walk (&parser, root, 0);
  kiosk_event_window_clear (&parser.window);

  if (parser.n_events == 0)
    kiosk_parse_result_warn (result, "no schema.org Event found (%u other object%s ignored)",
                             parser.n_other, parser.n_other == 1 ? "" : "s");

  kiosk_event_finish_items (result);

  return TRUE;
}

const KioskFormat kiosk_format_schema_event = {
  .kind = "schema-event",
  .area = KIOSK_AREA_EVENTS,
  .get_item_type = kiosk_event_get_type,
  .parse = kiosk_schema_event_parse,
  .to_json = kiosk_event_to_json,
  .to_text = kiosk_event_to_text,
};

/* kiosk-json.c: loading JSON safely and reading its members by type
 *
 * json-glib's *_member_with_default () give NULL or 0 when a member has
 * another type than asked for, and a string read that way crashes the
 * kiosk on a number. Every format reads members through here instead. */

#define G_LOG_DOMAIN "kiosk-json"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kiosk-format.h"
#include "kiosk-json.h"

static gboolean
check_depth (const char  *data,
             gsize        size,
             guint        max_depth,
             GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint line = 1;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE,
                           "line %u: nested deeper than %u levels", line, max_depth);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

JsonNode *
kiosk_json_load (GBytes  *bytes,
                 gsize    max_bytes,
                 guint    max_depth,
                 GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size;
  JsonNode *root;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size == 0 || data == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_EMPTY, "the document is empty");
      return NULL;
    }
  if (max_bytes > 0 && size > max_bytes)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE,
                   "the document has %" G_GSIZE_FORMAT " bytes, more than the %" G_GSIZE_FORMAT
                   " MB allowed", size, max_bytes / (1024 * 1024));
      return NULL;
    }
  if (!check_depth (data, size, max_depth, error))
    return NULL;
  if (!g_utf8_validate_len (data, size, NULL))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "not UTF-8 text (not JSON)");
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      const char *message = local_error->message;
      guint line = 0, column = 0;
      int consumed = 0;

      /* json-glib says "<data>:LINE:COLUMN: Parse error: ..." */
      if (g_str_has_prefix (message, "<data>:") &&
          sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
        g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                     "not valid JSON at line %u, column %u: %s", line, column, message + consumed);
      else
        g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                     "not valid JSON: %s", message);
      return NULL;
    }

  /* Only white space: valid for json-glib, but nothing to read. */
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_EMPTY, "the document is empty");
      return NULL;
    }

  return json_node_ref (root);
}

const char *
kiosk_json_describe (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    default:
      return "a number";
    }
}

const char *
kiosk_json_node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
kiosk_json_node_number (JsonNode *node,
                        double   *value)
{
  double v;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      v = (double) json_node_get_int (node);
      break;
    case G_TYPE_DOUBLE:
      v = json_node_get_double (node);
      break;
    default:
      return FALSE;
    }

  if (!isfinite (v))
    return FALSE;

  *value = v;
  return TRUE;
}

JsonObject *
kiosk_json_node_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
kiosk_json_node_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The member, or NULL when it is absent or null. */
static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static void
set_type_error (GError    **error,
                const char *member,
                JsonNode   *node,
                const char *expected)
{
  g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
               "“%s” is %s, not %s", member, kiosk_json_describe (node), expected);
}

const char *
kiosk_json_get_string (JsonObject  *object,
                       const char  *member,
                       GError     **error)
{
  JsonNode *node = get_member (object, member);
  const char *text = kiosk_json_node_string (node);

  if (node != NULL && text == NULL)
    set_type_error (error, member, node, "a string");

  return text;
}

gboolean
kiosk_json_get_number (JsonObject  *object,
                       const char  *member,
                       double      *value,
                       GError     **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return FALSE;
  if (kiosk_json_node_number (node, value))
    return TRUE;

  set_type_error (error, member, node, "a finite number");
  return FALSE;
}

gboolean
kiosk_json_get_boolean (JsonObject  *object,
                        const char  *member,
                        gboolean    *value,
                        GError     **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *value = json_node_get_boolean (node);
      return TRUE;
    }

  set_type_error (error, member, node, "true or false");
  return FALSE;
}

JsonObject *
kiosk_json_get_object (JsonObject  *object,
                       const char  *member,
                       GError     **error)
{
  JsonNode *node = get_member (object, member);
  JsonObject *result = kiosk_json_node_object (node);

  if (node != NULL && result == NULL)
    set_type_error (error, member, node, "an object");

  return result;
}

JsonArray *
kiosk_json_get_array (JsonObject  *object,
                      const char  *member,
                      GError     **error)
{
  JsonNode *node = get_member (object, member);
  JsonArray *result = kiosk_json_node_array (node);

  if (node != NULL && result == NULL)
    set_type_error (error, member, node, "an array");

  return result;
}

JsonObject *
kiosk_json_array_object (JsonArray *array,
                         guint      index)
{
  if (array == NULL || index >= json_array_get_length (array))
    return NULL;

  return kiosk_json_node_object (json_array_get_element (array, index));
}

GDateTime *
kiosk_json_parse_day (const char *text,
                      GTimeZone  *tz)
{
  int y, m, d;
  char rest;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3 ||
      text[4] != '-' || text[7] != '-' || !g_ascii_isdigit (text[0]) ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[8]) ||
      !g_date_valid_dmy (d, m, y))
    return NULL;

  return g_date_time_new (tz, y, m, d, 0, 0, 0);
}

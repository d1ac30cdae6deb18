/* json-type-swap.h: every member of a JSON document swapped for every other
 * JSON type, each variant parsed: no format may crash on valid JSON of the
 * wrong shape (header-only, shared by the format tests) */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kiosk-format.h"

/* Parses one variant; returns whether it parsed, sets @error when not. */
typedef gboolean (*JsonTypeSwapParse) (GBytes   *bytes,
                                       gpointer  user_data,
                                       GError  **error);

/* Only the first elements of a list are swapped: they have the same
 * members as the rest, and big documents stay quick. */
#define JSON_TYPE_SWAP_ELEMENTS 2

/* A place in the document: member names and "[INDEX]"s from the root. */
static inline void
json_type_swap_collect (JsonNode  *node,
                        GPtrArray *path,
                        GPtrArray *paths)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < path->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (path, i)));
  g_ptr_array_add (paths, copy);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_ptr_array_add (path, g_strconcat (".", name, NULL));
          json_type_swap_collect (member, path, paths);
          g_ptr_array_remove_index (path, path->len - 1);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && i < JSON_TYPE_SWAP_ELEMENTS; i++)
        {
          g_ptr_array_add (path, g_strdup_printf ("[%u]", i));
          json_type_swap_collect (json_array_get_element (array, i), path, paths);
          g_ptr_array_remove_index (path, path->len - 1);
        }
    }
}

/* Each kind of JSON value a member can be swapped for. */
static inline JsonNode *
json_type_swap_value (guint kind)
{
  switch (kind)
    {
    case 0:
      return json_node_init_int (json_node_alloc (), 7);
    case 1:
      return json_node_init_double (json_node_alloc (), -0.5);
    case 2:
      return json_node_init_string (json_node_alloc (), "x");
    case 3:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        json_object_set_string_member (object, "type", "Point");
        return json_node_init_object (json_node_alloc (), object);
      }
    case 4:
      {
        g_autoptr(JsonArray) array = json_array_new ();

        json_array_add_int_element (array, 1);
        return json_node_init_array (json_node_alloc (), array);
      }
    case 5:
      return json_node_init_null (json_node_alloc ());
    default:
      return json_node_init_boolean (json_node_alloc (), TRUE);
    }
}

/* @root with the node at @path replaced by @value (taken). json-glib
 * 1.6 cannot re-initialize a value node in place, so the parent gets the
 * new node: an object as a member, an array as a new list. */
static inline JsonNode *
json_type_swap_replace (JsonNode  *root,
                        GPtrArray *path,
                        JsonNode  *value)
{
  JsonNode *parent = root;
  const char *last;

  if (path->len == 0)
    return value;

  for (guint i = 0; i + 1 < path->len; i++)
    {
      const char *step = g_ptr_array_index (path, i);

      if (step[0] == '.')
        parent = json_object_get_member (json_node_get_object (parent), step + 1);
      else
        parent = json_array_get_element (json_node_get_array (parent),
                                         (guint) g_ascii_strtoull (step + 1, NULL, 10));
    }

  last = g_ptr_array_index (path, path->len - 1);
  if (last[0] == '.')
    json_object_set_member (json_node_get_object (parent), last + 1, value);
  else
    {
      JsonArray *old = json_node_get_array (parent);
      g_autoptr(JsonArray) array = json_array_new ();
      guint index = (guint) g_ascii_strtoull (last + 1, NULL, 10);

      for (guint i = 0; i < json_array_get_length (old); i++)
        json_array_add_element (array, i == index ? value
                                                  : json_node_ref (json_array_get_element (old, i)));
      json_node_set_array (parent, array);
    }

  return json_node_ref (root);
}
#define JSON_TYPE_SWAP_KINDS 7

/* Swaps every place of @document for every kind and parses each variant.
 * A variant must parse, or fail with a KIOSK_FORMAT_ERROR that has a
 * message. Returns how many variants were parsed. */
static inline guint
json_type_swap_check (GBytes            *document,
                      JsonTypeSwapParse  parse,
                      gpointer           user_data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *text = g_bytes_get_data (document, &len);
  guint n = 0;

  g_assert_true (json_parser_load_from_data (parser, text, (gssize) len, &error));
  g_assert_no_error (error);
  json_type_swap_collect (json_parser_get_root (parser), path, paths);

  for (guint p = 0; p < paths->len; p++)
    {
      for (guint kind = 0; kind < JSON_TYPE_SWAP_KINDS; kind++)
        {
          g_autoptr(JsonParser) copy = json_parser_new ();
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autoptr(GError) parse_error = NULL;
          g_autoptr(GBytes) variant = NULL;
          JsonNode *root;
          char *variant_text;
          gsize variant_len = 0;
          gboolean ok;

          g_assert_true (json_parser_load_from_data (copy, text, (gssize) len, NULL));
          root = json_type_swap_replace (json_parser_get_root (copy), g_ptr_array_index (paths, p),
                                         json_type_swap_value (kind));
          json_generator_set_root (generator, root);
          json_node_unref (root);
          variant_text = json_generator_to_data (generator, &variant_len);
          variant = g_bytes_new_take (variant_text, variant_len);

          ok = parse (variant, user_data, &parse_error);
          if (ok)
            g_assert_no_error (parse_error);
          else
            {
              g_assert_nonnull (parse_error);
              g_assert_true (parse_error->domain == KIOSK_FORMAT_ERROR);
              g_assert_cmpstr (parse_error->message, !=, "");
            }
          n++;
        }
    }

  g_test_message ("%u places, %u variants parsed", paths->len, n);

  return n;
}

/* The usual JsonTypeSwapParse: a format's parser and its output for
 * `ankerort check`, with @user_data the KioskParseContext. */
typedef struct
{
  const KioskFormat       *format;
  const KioskParseContext *ctx;
} JsonTypeSwapFormat;

static inline gboolean
json_type_swap_parse_format (GBytes   *bytes,
                             gpointer  user_data,
                             GError  **error)
{
  const JsonTypeSwapFormat *data = user_data;
  g_auto(KioskParseResult) result = { 0 };

  kiosk_parse_result_init (&result);
  if (!data->format->parse (bytes, data->ctx, &result, error))
    return FALSE;

  for (guint i = 0; i < result.items->len; i++)
    {
      gpointer item = g_ptr_array_index (result.items, i);
      g_autoptr(JsonNode) json = data->format->to_json (item, data->ctx);
      g_autofree char *line = data->format->to_text != NULL
                              ? data->format->to_text (item, data->ctx) : NULL;

      g_assert_nonnull (json);
    }
  for (guint i = 0; i < result.warnings->len; i++)
    g_assert_true (g_utf8_validate (g_ptr_array_index (result.warnings, i), -1, NULL));

  return TRUE;
}

static inline guint
json_type_swap_check_format (const KioskFormat       *format,
                             const KioskParseContext *ctx,
                             GBytes                  *document)
{
  JsonTypeSwapFormat data = { format, ctx };

  return json_type_swap_check (document, json_type_swap_parse_format, &data);
}

/* json_type_swap_check_format () on tests/fixtures/@dir/@names; each must
 * give more than @min_variants variants. */
static inline void
json_type_swap_check_fixtures (const KioskFormat       *format,
                               const KioskParseContext *ctx,
                               const char              *dir,
                               const char * const      *names,
                               guint                    min_variants)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", dir, names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      char *data = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (path, &data, &len, &error));
      g_assert_no_error (error);
      bytes = g_bytes_new_take (data, len);
      g_test_message ("%s", names[i]);
      g_assert_cmpuint (json_type_swap_check_format (format, ctx, bytes), >, min_variants);
    }
}

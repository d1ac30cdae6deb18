/* json-mutator.c: structure-aware mutations of JSON documents for the fuzz harnesses
 *
 * A flipped byte almost always breaks a JSON document's syntax, so a
 * parser's type checks behind the syntax check are never reached. These
 * mutations keep the document well formed and change what a parser might
 * trust: the type of a value, whether a member is there, how deep a value
 * sits, and the range of numbers and strings. Everything depends on the
 * seed alone, so a run can be repeated. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "json-mutator.h"

/* json-glib parses recursively: deeper documents are left to the byte
 * mutator, and no mutation nests a value deeper than this. */
#define MAX_DEPTH 128

/* A string value that starts with this is written without quotes: how
 * tokens that have no JSON value of their own (1e999, -0, "\u0000") get in. */
#define RAW "\001raw:"

typedef struct
{
  JsonNode *node;
  JsonNode *parent;   /* NULL for the root */
  char     *name;     /* the member's name when the parent is an object */
  guint     index;    /* the element's index when the parent is an array */
  guint     depth;
} Place;

typedef struct
{
  GRand            *rand;
  JsonNode         *root;
  GArray           *places;   /* Place, in document order */
  GPtrArray        *names;    /* char*: every member name in the document */
  GPtrArray        *strings;  /* char*: every string value in the document */
  FuzzBytesMutator  bytes_mutate;
} Tree;

typedef enum
{
  OP_TYPE,
  OP_DROP,
  OP_DUPLICATE,
  OP_ADD_MEMBER,
  OP_RENAME,
  OP_WRAP,
  OP_UNWRAP,
  OP_NUMBER,
  OP_STRING,
  OP_COPY,
  N_OPS
} Op;

static const gint64 special_ints[] = {
  0, -1, 1, 2, 7, 24, 59, 60, 100, 255, 256, 1000, 3600, 86400, 65536,
  G_MAXINT32, (gint64) G_MAXINT32 + 1, G_MININT32, G_MAXUINT32, (gint64) 1 << 53,
  G_MAXINT64, G_MININT64,
};

static const double special_doubles[] = {
  0.5, -0.5, 1e-9, 5e-324, 1e308, -1e308, 1e19, -1e19, 90.0000001, -90.0000001,
  180.0000001, -180.5, 52.52, 13.405, 99.99, 1e15 + 0.3,
};

static const char * const raw_numbers[] = {
  RAW "1e999", RAW "-1e999", RAW "-0", RAW "1e-400", RAW "0.1e1", RAW "1E+2",
  RAW "123456789012345678901234567890", RAW "9223372036854775808",
  RAW "-9223372036854775809",
};

static const char * const raw_strings[] = {
  RAW "\"\\u0000\"", RAW "\"a\\u0000b\"", RAW "\"\\ud800\"", RAW "\"\\udc00\\ud800\"",
};

/* What new_value () makes. */
typedef enum
{
  KIND_STRING,
  KIND_NUMBER,
  KIND_BOOLEAN,
  KIND_NULL,
  KIND_OBJECT,
  KIND_ARRAY,
  N_KINDS
} Kind;

static const char * const special_strings[] = {
  /* empty, blank and look-alikes of other types */
  "", " ", "\t\r\n", "0", "-1", "1.5", "1,5", "1e999", "NaN", "-Infinity", "true", "null",
  "[]", "{}",
  /* text */
  "Stra\303\237e", "e\314\201\314\201\314\201", "\342\200\256txet", "\360\237\230\200",
  "\357\277\277", "\364\217\277\277", "<b>x</b>&amp;&#0;&#x110000;&bogus;<script>", "%s%n%x%",
  "\\", "\"", "line\nbreak",
  /* URLs and paths */
  "https://example.org/", "http://example.org:99999/", "http://[::1]:0/a", "https://",
  "https://user:secret@example.org/a?b=c&d#e", "javascript:alert(1)", "file:///etc/passwd",
  "//example.org/x", "/relative/path", "../../../etc/passwd", "?query=only", "#fragment",
  "data:text/plain,x", "mailto:", "http://exa mple.org/", "https://example.org/%zz",
  /* dates, times, durations, intervals */
  "2026-11-22T10:30:00Z", "2026-11-22T10:30:00+01:00", "2026-11-22T10:30:00.123456789-14:00",
  "2026-11-22", "2026-11-22T10:30", "20261122T103000Z", "2026-02-30T00:00:00Z",
  "2026-11-22T24:00:00Z", "2026-13-45T99:99:99Z", "0000-00-00T00:00:00Z",
  "9999-12-31T23:59:59Z", "-2026-11-22T00:00:00Z", "1970-01-01T00:00:00Z",
  "1969-12-31T23:59:59Z", "2026-11-22T10:00:00Z/2026-11-22T11:00:00Z",
  "2026-11-22T11:00:00Z/2026-11-22T10:00:00Z", "/", "2026-11-22T10:00:00Z/", "P1D", "PT0S",
  "P99999999Y", "10:30", "25:61",
};

static guint
pick (Tree  *tree,
      guint  n)
{
  g_assert (n > 0);

  return g_rand_int_range (tree->rand, 0, (gint32) n);
}

static gboolean
chance (Tree  *tree,
        guint  one_in)
{
  return pick (tree, one_in) == 0;
}

static void
place_clear (gpointer data)
{
  Place *place = data;

  g_free (place->name);
}

static void
collect (Tree       *tree,
         JsonNode   *node,
         JsonNode   *parent,
         const char *name,
         guint       index,
         guint       depth)
{
  Place place = { node, parent, g_strdup (name), index, depth };

  g_array_append_val (tree->places, place);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_ptr_array_add (tree->names, g_strdup (l->data));
          collect (tree, json_object_get_member (object, l->data), node, l->data, 0, depth + 1);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect (tree, json_array_get_element (array, i), node, NULL, i, depth + 1);
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_ptr_array_add (tree->strings, g_strdup (json_node_get_string (node)));
    }
}

/* After every change: the places and names of the tree as it is now. */
static void
recollect (Tree *tree)
{
  g_array_set_size (tree->places, 0);
  g_ptr_array_set_size (tree->names, 0);
  g_ptr_array_set_size (tree->strings, 0);
  collect (tree, tree->root, NULL, NULL, 0, 0);
}

static gboolean
shallow_enough (const guint8 *data,
                gsize         size)
{
  guint depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      switch (data[i])
        {
        case '"':
          /* Skip the string, escapes included. */
          for (i++; i < size && data[i] != '"'; i++)
            i += data[i] == '\\';
          break;
        case '[':
        case '{':
          if (++depth > MAX_DEPTH)
            return FALSE;
          break;
        case ']':
        case '}':
          depth -= depth > 0;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

/* json-glib 1.6 leaks the string it reads when a high surrogate escape
 * (\ud800 to \udbff) is followed by anything but a low one. Documents with
 * one are left to the byte mutator, so that the mutator never leaks. */
static gboolean
has_high_surrogate (const guint8 *data,
                    gsize         size)
{
  for (gsize i = 0; i + 3 < size; i++)
    {
      if (data[i] == '\\' && data[i + 1] == 'u' && g_ascii_tolower (data[i + 2]) == 'd' &&
          g_ascii_xdigit_value (data[i + 3]) >= 8 && g_ascii_xdigit_value (data[i + 3]) <= 11)
        return TRUE;
    }

  return FALSE;
}

static JsonNode *
parse (const guint8 *data,
       gsize         size)
{
  g_autoptr(JsonParser) parser = NULL;

  if (size == 0 || !shallow_enough (data, size) || has_high_surrogate (data, size) ||
      !g_utf8_validate_len ((const char *) data, size, NULL))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL))
    return NULL;

  return json_parser_steal_root (parser);
}

static gboolean
tree_init (Tree         *tree,
           const guint8 *data,
           gsize         size,
           guint         seed)
{
  memset (tree, 0, sizeof *tree);
  tree->root = parse (data, size);
  if (tree->root == NULL)
    return FALSE;

  tree->rand = g_rand_new_with_seed (seed);
  tree->places = g_array_new (FALSE, FALSE, sizeof (Place));
  g_array_set_clear_func (tree->places, place_clear);
  tree->names = g_ptr_array_new_with_free_func (g_free);
  tree->strings = g_ptr_array_new_with_free_func (g_free);
  recollect (tree);

  return TRUE;
}

static void
tree_clear (Tree *tree)
{
  g_clear_pointer (&tree->rand, g_rand_free);
  g_clear_pointer (&tree->root, json_node_unref);
  g_clear_pointer (&tree->places, g_array_unref);
  g_clear_pointer (&tree->names, g_ptr_array_unref);
  g_clear_pointer (&tree->strings, g_ptr_array_unref);
}

/* json_node_copy () shares objects and arrays; a subtree put somewhere
 * else must not be changed along with its original. */
static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, json_object_new ());
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (json_node_get_object (copy), l->data,
                                deep_copy (json_object_get_member (object, l->data)));
      return copy;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, json_array_new ());
      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (json_node_get_array (copy), deep_copy (json_array_get_element (array, i)));
      return copy;
    }

  return json_node_copy (node);
}

/* Puts @value (taken) where @place is. Not in place with json_node_init_*():
 * in json-glib 1.6 that reads freed memory when the node held a value. */
static void
replace (Tree     *tree,
         Place    *place,
         JsonNode *value)
{
  JsonArray *old;
  g_autoptr(JsonArray) array = NULL;

  if (place->parent == NULL)
    {
      json_node_unref (tree->root);
      tree->root = value;
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (place->parent))
    {
      json_object_set_member (json_node_get_object (place->parent), place->name, value);
      return;
    }

  old = json_node_get_array (place->parent);
  array = json_array_sized_new (json_array_get_length (old));
  for (guint i = 0; i < json_array_get_length (old); i++)
    json_array_add_element (array, i == place->index ? value : json_node_ref (json_array_get_element (old, i)));
  json_node_set_array (place->parent, array);
}

static const char *
any_name (Tree *tree)
{
  if (tree->names->len == 0 || chance (tree, 16))
    return chance (tree, 2) ? "value" : "type";

  return g_ptr_array_index (tree->names, pick (tree, tree->names->len));
}

static Place *
any_place (Tree *tree)
{
  return &g_array_index (tree->places, Place, pick (tree, tree->places->len));
}

static JsonNode *
new_string (Tree       *tree,
            const char *old)
{
  g_autofree char *text = NULL;

  switch (pick (tree, 8))
    {
    case 0:
    case 1:
      text = g_strdup (special_strings[pick (tree, G_N_ELEMENTS (special_strings))]);
      break;
    case 2:
      text = g_strdup (raw_strings[pick (tree, G_N_ELEMENTS (raw_strings))]);
      break;
    case 3:
      text = g_strnfill (chance (tree, 4) ? 65536 : 1 + pick (tree, 2048), 'x');
      break;
    case 4:
      if (tree->strings->len > 0)
        text = g_strdup (g_ptr_array_index (tree->strings, pick (tree, tree->strings->len)));
      break;
    case 5:
      if (old != NULL)
        text = g_strjoin (chance (tree, 2) ? "" : " ", old, old, old, old, NULL);
      break;
    case 6:
      if (old != NULL)
        text = g_utf8_substring (old, 0, pick (tree, g_utf8_strlen (old, -1) + 1));
      break;
    default:
      if (old != NULL && tree->bytes_mutate != NULL)
        {
          gsize size = strlen (old);
          gsize max_size = size * 2 + 16;
          g_autofree guint8 *bytes = g_malloc (max_size);

          memcpy (bytes, old, size);
          size = tree->bytes_mutate (bytes, size, max_size);
          text = g_utf8_make_valid ((const char *) bytes, (gssize) size);
        }
      break;
    }

  if (text == NULL)
    text = g_strdup (special_strings[pick (tree, G_N_ELEMENTS (special_strings))]);

  return json_node_init_string (json_node_alloc (), text);
}

static JsonNode *
new_number (Tree     *tree,
            JsonNode *old)
{
  double value = 0;
  gboolean has_value = JSON_NODE_HOLDS_VALUE (old) &&
                       (json_node_get_value_type (old) == G_TYPE_INT64 ||
                        json_node_get_value_type (old) == G_TYPE_DOUBLE);

  if (has_value)
    value = json_node_get_double (old);

  switch (pick (tree, has_value ? 5 : 3))
    {
    case 0:
      return json_node_init_int (json_node_alloc (), special_ints[pick (tree, G_N_ELEMENTS (special_ints))]);
    case 1:
      return json_node_init_double (json_node_alloc (),
                                    special_doubles[pick (tree, G_N_ELEMENTS (special_doubles))]);
    case 2:
      return json_node_init_string (json_node_alloc (), raw_numbers[pick (tree, G_N_ELEMENTS (raw_numbers))]);
    case 3:
      {
        static const double deltas[] = { 1, -1, 0.5, -0.5, 1e-7 };

        return json_node_init_double (json_node_alloc (), value + deltas[pick (tree, G_N_ELEMENTS (deltas))]);
      }
    default:
      {
        static const double factors[] = { -1, 1000, 0.001, 1e6, 1e-6 };

        return json_node_init_double (json_node_alloc (), value * factors[pick (tree, G_N_ELEMENTS (factors))]);
      }
    }
}

static Kind
value_kind (JsonNode *node)
{
  GType type;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return KIND_OBJECT;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return KIND_ARRAY;
  if (JSON_NODE_HOLDS_NULL (node))
    return KIND_NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return KIND_STRING;
  if (type == G_TYPE_BOOLEAN)
    return KIND_BOOLEAN;
  return KIND_NUMBER;
}

/* A value of @kind; a new object or array may hold a copy of @old. */
static JsonNode *
new_value (Tree     *tree,
           JsonNode *old,
           Kind      kind)
{
  JsonNode *node;

  switch (kind)
    {
    case KIND_STRING:
      return new_string (tree, NULL);
    case KIND_NUMBER:
      return new_number (tree, old);
    case KIND_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), chance (tree, 2));
    case KIND_NULL:
      return json_node_init_null (json_node_alloc ());
    case KIND_OBJECT:
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
      if (chance (tree, 2))
        json_object_set_member (json_node_get_object (node), any_name (tree), deep_copy (old));
      return node;
    case KIND_ARRAY:
    case N_KINDS:
    default:
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, json_array_new ());
      if (chance (tree, 2))
        json_array_add_element (json_node_get_array (node), deep_copy (old));
      return node;
    }
}

/* Applies @op at @place; FALSE when it does not apply there. */
static gboolean
apply (Tree  *tree,
       Op     op,
       Place *place)
{
  JsonNode *node = place->node;
  JsonObject *parent_object = NULL;
  JsonArray *parent_array = NULL;

  if (place->parent != NULL && JSON_NODE_HOLDS_OBJECT (place->parent))
    parent_object = json_node_get_object (place->parent);
  else if (place->parent != NULL)
    parent_array = json_node_get_array (place->parent);

  switch (op)
    {
    case OP_TYPE:
      {
        Kind kind = value_kind (node);
        Kind other = pick (tree, N_KINDS - 1);

        replace (tree, place, new_value (tree, node, other >= kind ? other + 1 : other));
        return TRUE;
      }

    case OP_DROP:
      if (parent_object != NULL)
        json_object_remove_member (parent_object, place->name);
      else if (parent_array != NULL)
        json_array_remove_element (parent_array, place->index);
      return place->parent != NULL;

    case OP_DUPLICATE:
      if (parent_object != NULL)
        {
          g_autofree char *name = g_strdup (any_name (tree));

          json_object_set_member (parent_object, name, deep_copy (node));
        }
      else if (parent_array != NULL)
        {
          json_array_add_element (parent_array, deep_copy (node));
        }
      return place->parent != NULL;

    case OP_ADD_MEMBER:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      {
        g_autofree char *name = g_strdup (any_name (tree));
        JsonNode *value = chance (tree, 2) ? deep_copy (any_place (tree)->node)
                                           : new_value (tree, node, pick (tree, N_KINDS));

        json_object_set_member (json_node_get_object (node), name, value);
      }
      return TRUE;

    case OP_RENAME:
      if (parent_object == NULL)
        return FALSE;
      {
        g_autofree char *name = g_strdup (any_name (tree));
        JsonNode *value = deep_copy (node);

        json_object_remove_member (parent_object, place->name);
        json_object_set_member (parent_object, name, value);
      }
      return TRUE;

    case OP_WRAP:
      if (place->depth + 4 > MAX_DEPTH)
        return FALSE;
      replace (tree, place, new_value (tree, node, chance (tree, 2) ? KIND_OBJECT : KIND_ARRAY));
      return TRUE;

    case OP_UNWRAP:
      if (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) > 0)
        {
          JsonObject *object = json_node_get_object (node);
          g_autoptr(GList) members = json_object_get_members (object);
          const char *name = g_list_nth_data (members, pick (tree, g_list_length (members)));

          replace (tree, place, deep_copy (json_object_get_member (object, name)));
          return TRUE;
        }
      if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
        {
          JsonArray *array = json_node_get_array (node);

          replace (tree, place, deep_copy (json_array_get_element (array, pick (tree, json_array_get_length (array)))));
          return TRUE;
        }
      return FALSE;

    case OP_NUMBER:
      replace (tree, place, new_number (tree, node));
      return TRUE;

    case OP_STRING:
      {
        g_autofree char *old = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                               ? g_strdup (json_node_get_string (node)) : NULL;

        replace (tree, place, new_string (tree, old));
      }
      return TRUE;

    case OP_COPY:
    case N_OPS:
    default:
      {
        Place *other = any_place (tree);

        if (other->node == node || place->depth + 4 > MAX_DEPTH)
          return FALSE;
        replace (tree, place, deep_copy (other->node));
      }
      return TRUE;
    }
}

static void
write_string (GString    *out,
              const char *text)
{
  if (g_str_has_prefix (text, RAW))
    {
      g_string_append (out, text + strlen (RAW));
      return;
    }

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

/* Written by hand rather than with JsonGenerator: raw tokens, and doubles
 * that stay doubles (1.0, not 1) and extremes that stay extremes. */
static void
write_node (GString  *out,
            JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      g_string_append_c (out, '{');
      for (GList *l = members; l != NULL; l = l->next)
        {
          if (l != members)
            g_string_append_c (out, ',');
          write_string (out, l->data);
          g_string_append_c (out, ':');
          write_node (out, json_object_get_member (object, l->data));
        }
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          write_node (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else if (JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "null");
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      write_string (out, json_node_get_string (node));
    }
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
    }
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  else
    {
      double value = json_node_get_double (node);
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      if (!isfinite (value))
        {
          g_string_append (out, value < 0 ? "-1e999" : "1e999");
          return;
        }
      g_ascii_dtostr (text, sizeof text, value);
      g_string_append (out, text);
      if (strpbrk (text, ".eE") == NULL)
        g_string_append (out, ".0");
    }
}

static gsize
tree_write (Tree   *tree,
            guint8 *out,
            gsize   max_size)
{
  g_autoptr(GString) text = g_string_new (NULL);

  write_node (text, tree->root);
  if (text->len > max_size)
    return 0;

  memcpy (out, text->str, text->len);
  return text->len;
}

gsize
fuzz_json_mutate (guint8           *data,
                  gsize             size,
                  gsize             max_size,
                  guint             seed,
                  FuzzBytesMutator  bytes_mutate)
{
  Tree tree;
  guint wanted, done = 0;
  gsize written;

  if (!tree_init (&tree, data, size, seed))
    return 0;
  tree.bytes_mutate = bytes_mutate;

  /* Mostly one change, so the harness sees which one matters; sometimes
   * several, for what needs two (a member dropped and another retyped). */
  wanted = chance (&tree, 4) ? 2 + pick (&tree, 4) : 1;
  for (guint attempt = 0; done < wanted && attempt < wanted * 8; attempt++)
    {
      Place *place = any_place (&tree);

      if (apply (&tree, pick (&tree, N_OPS), place))
        {
          done++;
          recollect (&tree);
        }
    }

  written = tree_write (&tree, data, max_size);
  tree_clear (&tree);

  return written;
}

gsize
fuzz_json_cross_over (const guint8 *data1,
                      gsize         size1,
                      const guint8 *data2,
                      gsize         size2,
                      guint8       *out,
                      gsize         max_out_size,
                      guint         seed)
{
  Tree tree, donor;
  gsize written = 0;

  if (!tree_init (&tree, data1, size1, seed))
    return 0;

  if (tree_init (&donor, data2, size2, seed ^ 0x9e3779b9))
    {
      Place *from = any_place (&donor);
      Place *to = any_place (&tree);

      /* A member keeps its name when it moves into an object. */
      if (from->name != NULL && JSON_NODE_HOLDS_OBJECT (to->node) && chance (&tree, 2))
        json_object_set_member (json_node_get_object (to->node), from->name, deep_copy (from->node));
      else if (to->depth + from->depth < MAX_DEPTH)
        replace (&tree, to, deep_copy (from->node));

      written = tree_write (&tree, out, max_out_size);
      tree_clear (&donor);
    }

  tree_clear (&tree);

  return written;
}

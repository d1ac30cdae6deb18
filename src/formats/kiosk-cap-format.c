/* kiosk-cap-format.c: public warnings from OASIS CAP 1.2 documents and the Atom and RSS feeds that carry them
 *
 * XML from the network is parsed by libxml2 with the network off, no DTD
 * loaded and entities left unexpanded; a document type declaration is
 * refused before libxml2 sees it, so neither "billion laughs" nor an
 * external entity (file:///etc/passwd) gets a chance. One item per info
 * block; an alert without info blocks (a bare Cancel) is one item without
 * info so that it can still cancel what it references. */

#define G_LOG_DOMAIN "kiosk-cap-format"

#include "config.h"

#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "kiosk-alert.h"
#include "kiosk-cap-format.h"
#include "kiosk-formats.h"

#define CAP_NS_PREFIX "urn:oasis:names:tc:emergency:cap:"
#define ATOM_NS       "http://www.w3.org/2005/Atom"
#define CAP_MIME      "application/cap+xml"

typedef struct
{
  const KioskParseContext *ctx;
  KioskParseResult        *result;
  guint                    n_alerts;
} Parse;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_strcmp0 ((const char *) node->name, name) == 0;
}

static gboolean
is_cap (xmlNode    *node,
        const char *name)
{
  return is_element (node, name) && node->ns != NULL && node->ns->href != NULL &&
         g_str_has_prefix ((const char *) node->ns->href, CAP_NS_PREFIX);
}

/* The trimmed text of @node, NULL when there is none. */
static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text;

  if (content == NULL)
    return NULL;
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static xmlNode *
cap_child (xmlNode    *parent,
           const char *name)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (is_cap (child, name))
        return child;
    }

  return NULL;
}

static char *
cap_child_text (xmlNode    *parent,
                const char *name)
{
  xmlNode *child = cap_child (parent, name);

  return child != NULL ? node_text (child) : NULL;
}

/* A document type declaration before the root element: CAP has none, and
 * entity declarations are how XML documents attack their parsers. Only the
 * prolog is scanned (comments, processing instructions, white space). */
static gboolean
has_doctype (const char *data,
             gsize       size)
{
  gsize i = 0;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < size)
    {
      const char *close;
      const char *end;

      if (g_ascii_isspace (data[i]))
        {
          i++;
          continue;
        }
      if (size - i >= 2 && memcmp (data + i, "<?", 2) == 0)
        close = "?>";
      else if (size - i >= 4 && memcmp (data + i, "<!--", 4) == 0)
        close = "-->";
      else
        return size - i >= 9 && g_ascii_strncasecmp (data + i, "<!DOCTYPE", 9) == 0;
      end = g_strstr_len (data + i + 2, size - i - 2, close);
      if (end == NULL)
        return FALSE;
      i = (gsize) (end - data) + strlen (close);
    }

  return FALSE;
}

/* The deepest nesting of elements, walked without recursion. */
static gboolean
check_depth (xmlNode  *root,
             guint     max_depth,
             GError  **error)
{
  xmlNode *node = root;
  guint depth = 1;

  while (node != NULL)
    {
      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        {
          node = node->children;
          if (++depth > max_depth)
            {
              g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE,
                           "line %ld: elements nested deeper than %u levels",
                           xmlGetLineNo (node), max_depth);
              return FALSE;
            }
          continue;
        }
      while (node != NULL && node != root && node->next == NULL)
        {
          node = node->parent;
          depth--;
        }
      if (node == NULL || node == root)
        break;
      node = node->next;
    }

  return TRUE;
}

static void
init_libxml (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

/* Parses XML safely: size cap, no DOCTYPE, no network, no entity
 * expansion, depth cap. Errors name line and column. */
static xmlDoc *
load_xml (GBytes                  *bytes,
          const KioskParseContext *ctx,
          GError                 **error)
{
  g_autoptr(xmlParserCtxt) parser = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  const char *data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL || size == 0)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_EMPTY, "the document is empty");
      return NULL;
    }
  if (size > KIOSK_CAP_MAX_BYTES)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE,
                   "the document has %" G_GSIZE_FORMAT " bytes, more than the %d MB allowed",
                   size, KIOSK_CAP_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  /* The prolog scan reads bytes as UTF-8: other encodings would hide a
   * DOCTYPE from it. CAP is UTF-8 in practice. */
  if (memchr (data, '\0', MIN (size, 4)) != NULL ||
      (size >= 2 && ((guchar) data[0] == 0xfe || (guchar) data[0] == 0xff)))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "the document is not UTF-8 (UTF-16 or UTF-32 is not read)");
      return NULL;
    }
  if (has_doctype (data, size))
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "the document has a document type declaration (<!DOCTYPE>); CAP documents "
                   "have none, and its entities are not read");
      return NULL;
    }

  init_libxml ();
  parser = xmlNewParserCtxt ();
  if (parser == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_FAILED, "out of memory for XML");
      return NULL;
    }
  /* Never XML_PARSE_NOENT (expands entities), XML_PARSE_DTDLOAD or
   * XML_PARSE_HUGE (lifts libxml2's own limits). */
  doc = xmlCtxtReadMemory (parser, data, (int) size, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA);
  if (doc == NULL || !parser->wellFormed)
    {
      const xmlError *xml_error = xmlCtxtGetLastError (parser);

      if (xml_error != NULL && xml_error->message != NULL)
        {
          g_autofree char *message = g_strstrip (g_strdup (xml_error->message));

          g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                       "not well-formed XML at line %d, column %d: %s",
                       xml_error->line, xml_error->int2, message);
        }
      else
        g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID, "not well-formed XML");
      return NULL;
    }
  /* Belt and braces: whatever got past the prolog scan. */
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "the document has a document type declaration; its entities are not read");
      return NULL;
    }
  if (xmlDocGetRootElement (doc) == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_EMPTY, "the document is empty");
      return NULL;
    }
  if (!check_depth (xmlDocGetRootElement (doc), KIOSK_CAP_MAX_DEPTH, error))
    return NULL;

  return g_steal_pointer (&doc);
}

static GDateTime *
parse_time (Parse      *parse,
            xmlNode    *parent,
            const char *name,
            const char *where)
{
  g_autofree char *text = cap_child_text (parent, name);
  GDateTime *time;

  if (text == NULL)
    return NULL;
  time = g_date_time_new_from_iso8601 (text, parse->ctx->tz);
  if (time == NULL)
    kiosk_parse_result_warn (parse->result, "%s: <%s> “%s” is not a date and time; ignored",
                             where, name, text);

  return time;
}

static gboolean
parse_point (const char      *text,
             KioskAlertPoint *point)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  char *end;

  if (g_strv_length (parts) != 2)
    return FALSE;
  point->latitude = g_ascii_strtod (parts[0], &end);
  if (end == parts[0] || *end != '\0' || !(point->latitude >= -90 && point->latitude <= 90))
    return FALSE;
  point->longitude = g_ascii_strtod (parts[1], &end);
  if (end == parts[1] || *end != '\0' ||
      !(point->longitude >= -180 && point->longitude <= 180))
    return FALSE;

  return TRUE;
}

/* "lat,lon lat,lon ...": at least four pairs, the first again at the end. */
static GArray *
parse_polygon (const char  *text,
               const char **why)
{
  g_auto(GStrv) pairs = g_strsplit_set (text, " \t\r\n", -1);
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (KioskAlertPoint));
  const KioskAlertPoint *first, *last;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      KioskAlertPoint point;

      if (*pairs[i] == '\0')
        continue;
      if (ring->len >= KIOSK_CAP_MAX_POINTS)
        {
          *why = "more points than allowed";
          return NULL;
        }
      if (!parse_point (pairs[i], &point))
        {
          *why = "a point is not “latitude,longitude” in degrees";
          return NULL;
        }
      g_array_append_val (ring, point);
    }
  if (ring->len < 4)
    {
      *why = "a polygon needs at least four points";
      return NULL;
    }
  first = &g_array_index (ring, KioskAlertPoint, 0);
  last = &g_array_index (ring, KioskAlertPoint, ring->len - 1);
  if (first->latitude != last->latitude || first->longitude != last->longitude)
    {
      *why = "the last point is not the first again";
      return NULL;
    }

  return g_steal_pointer (&ring);
}

/* "lat,lon radius", the radius in km. */
static gboolean
parse_circle (const char       *text,
              KioskAlertCircle *circle)
{
  g_auto(GStrv) parts = g_strsplit_set (text, " \t\r\n", -1);
  const char *centre = NULL, *radius = NULL;
  char *end;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (centre == NULL)
        centre = parts[i];
      else if (radius == NULL)
        radius = parts[i];
      else
        return FALSE;
    }
  if (radius == NULL || !parse_point (centre, &circle->centre))
    return FALSE;
  circle->radius_km = g_ascii_strtod (radius, &end);

  return end != radius && *end == '\0' && circle->radius_km >= 0 && circle->radius_km <= 20100;
}

static KioskAlertArea *
parse_area (Parse      *parse,
            xmlNode    *node,
            const char *where)
{
  KioskAlertArea *area = kiosk_alert_area_new ();

  area->description = cap_child_text (node, "areaDesc");
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *text = NULL;

      if (is_cap (child, "polygon"))
        {
          const char *why = NULL;
          GArray *ring;

          if ((text = node_text (child)) == NULL)
            continue;
          ring = parse_polygon (text, &why);
          if (ring != NULL)
            g_ptr_array_add (area->polygons, ring);
          else
            kiosk_parse_result_warn (parse->result, "%s, line %ld: polygon ignored: %s", where,
                                     xmlGetLineNo (child), why);
        }
      else if (is_cap (child, "circle"))
        {
          KioskAlertCircle circle;

          if ((text = node_text (child)) == NULL)
            continue;
          if (parse_circle (text, &circle))
            g_array_append_val (area->circles, circle);
          else
            kiosk_parse_result_warn (parse->result, "%s, line %ld: circle “%s” ignored: not "
                                     "“latitude,longitude radius-km”", where,
                                     xmlGetLineNo (child), text);
        }
      else if (is_cap (child, "geocode"))
        {
          g_autofree char *name = cap_child_text (child, "valueName");
          g_autofree char *value = cap_child_text (child, "value");

          if (name != NULL && value != NULL)
            g_ptr_array_add (area->geocodes, g_strdup_printf ("%s=%s", name, value));
          else
            kiosk_parse_result_warn (parse->result, "%s, line %ld: geocode without valueName "
                                     "or value ignored", where, xmlGetLineNo (child));
        }
    }

  return area;
}

/* The alert's header, copied into each of its info blocks. */
static void
copy_header (const KioskAlertData *header,
             KioskAlertData       *data)
{
  data->identifier = g_strdup (header->identifier);
  data->sender = g_strdup (header->sender);
  data->sent_text = g_strdup (header->sent_text);
  data->sent = header->sent != NULL ? g_date_time_ref (header->sent) : NULL;
  data->status = g_strdup (header->status);
  data->msg_type = g_strdup (header->msg_type);
  data->scope = g_strdup (header->scope);
  data->references = g_strdupv (header->references);
}

static void
parse_info (Parse                *parse,
            const KioskAlertData *header,
            xmlNode              *node,
            guint                 index,
            const char           *where)
{
  g_auto(KioskAlertData) data = { 0 };
  g_autofree char *info_where = g_strdup_printf ("%s, info %u", where, index + 1);
  guint n_areas = 0;

  copy_header (header, &data);
  data.info_index = index;
  data.language = cap_child_text (node, "language");
  data.event = cap_child_text (node, "event");
  data.urgency = cap_child_text (node, "urgency");
  data.severity = cap_child_text (node, "severity");
  data.certainty = cap_child_text (node, "certainty");
  data.headline = cap_child_text (node, "headline");
  data.description = cap_child_text (node, "description");
  data.instruction = cap_child_text (node, "instruction");
  data.sender_name = cap_child_text (node, "senderName");
  data.web = cap_child_text (node, "web");
  data.effective = parse_time (parse, node, "effective", info_where);
  data.onset = parse_time (parse, node, "onset", info_where);
  data.expires = parse_time (parse, node, "expires", info_where);
  if (data.severity == NULL || kiosk_alert_severity_rank (data.severity) == 0)
    kiosk_parse_result_warn (parse->result, "%s: severity “%s” is not one of Extreme, Severe, "
                             "Moderate, Minor; shown as the least", info_where,
                             data.severity != NULL ? data.severity : "missing");

  data.areas = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_alert_area_free);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (!is_cap (child, "area"))
        continue;
      if (++n_areas > KIOSK_CAP_MAX_AREAS)
        {
          kiosk_parse_result_warn (parse->result, "%s: more than %d areas; the rest ignored",
                                   info_where, KIOSK_CAP_MAX_AREAS);
          break;
        }
      g_ptr_array_add (data.areas, parse_area (parse, child, info_where));
    }

  g_ptr_array_add (parse->result->items, kiosk_alert_new (&data));
}

/* One <alert>; FALSE with @error when it lacks what identifies it. */
static gboolean
parse_alert (Parse    *parse,
             xmlNode  *node,
             GError  **error)
{
  g_auto(KioskAlertData) header = { 0 };
  g_autofree char *where = NULL;
  g_autofree char *references = NULL;
  guint n_infos = 0;

  if (++parse->n_alerts > KIOSK_CAP_MAX_ALERTS)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_TOO_LARGE,
                   "more than %d alerts", KIOSK_CAP_MAX_ALERTS);
      return FALSE;
    }

  header.identifier = cap_child_text (node, "identifier");
  header.sender = cap_child_text (node, "sender");
  header.sent_text = cap_child_text (node, "sent");
  header.status = cap_child_text (node, "status");
  header.msg_type = cap_child_text (node, "msgType");
  header.scope = cap_child_text (node, "scope");
  if (header.identifier == NULL || header.sender == NULL || header.sent_text == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "line %ld: the alert has no %s", xmlGetLineNo (node),
                   header.identifier == NULL ? "<identifier>" :
                   header.sender == NULL ? "<sender>" : "<sent>");
      return FALSE;
    }
  where = g_strdup_printf ("alert “%s”", header.identifier);
  header.sent = g_date_time_new_from_iso8601 (header.sent_text, parse->ctx->tz);
  if (header.sent == NULL)
    kiosk_parse_result_warn (parse->result, "%s: <sent> “%s” is not a date and time",
                             where, header.sent_text);
  if (header.status == NULL)
    kiosk_parse_result_warn (parse->result, "%s: no <status>; not shown as an actual alert",
                             where);
  if (header.msg_type == NULL)
    header.msg_type = g_strdup ("Alert");
  references = cap_child_text (node, "references");
  if (references != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = g_strsplit_set (references, " \t\r\n", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (*parts[i] != '\0')
            g_strv_builder_add (builder, parts[i]);
        }
      header.references = g_strv_builder_end (builder);
    }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (!is_cap (child, "info"))
        continue;
      if (n_infos >= KIOSK_CAP_MAX_INFOS)
        {
          kiosk_parse_result_warn (parse->result, "%s: more than %d info blocks; the rest "
                                   "ignored", where, KIOSK_CAP_MAX_INFOS);
          break;
        }
      parse_info (parse, &header, child, n_infos++, where);
    }
  if (n_infos == 0)
    {
      g_auto(KioskAlertData) data = { 0 };

      copy_header (&header, &data);
      g_ptr_array_add (parse->result->items, kiosk_alert_new (&data));
    }

  return TRUE;
}

/* The first <alert> in or under @node (a feed entry's content). */
static xmlNode *
find_alert (xmlNode *node,
            guint    depth)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (is_cap (child, "alert"))
        return child;
      if (child->type == XML_ELEMENT_NODE && depth < 4 && (found = find_alert (child, depth + 1)))
        return found;
    }

  return NULL;
}

/* A link of a feed, resolved against the feed's URL. A feed from the
 * network may only link to the network, never to the kiosk's files. */
static void
add_link (Parse      *parse,
          const char *href,
          const char *where)
{
  g_autofree char *url = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *base_scheme = NULL;

  if (href == NULL || *href == '\0')
    return;
  if (parse->result->linked_urls->len >= KIOSK_CAP_MAX_LINKED)
    {
      if (parse->result->linked_urls->len == KIOSK_CAP_MAX_LINKED)
        kiosk_parse_result_warn (parse->result, "more than %d linked CAP documents; the rest "
                                 "are not fetched", KIOSK_CAP_MAX_LINKED);
      return;
    }
  url = parse->ctx->url != NULL ? g_uri_resolve_relative (parse->ctx->url, href,
                                                          G_URI_FLAGS_NONE, NULL)
                                : g_strdup (href);
  scheme = url != NULL ? g_uri_parse_scheme (url) : NULL;
  base_scheme = parse->ctx->url != NULL ? g_uri_parse_scheme (parse->ctx->url) : NULL;
  if (scheme == NULL ||
      !(g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0 ||
        (g_ascii_strcasecmp (scheme, "file") == 0 && g_strcmp0 (base_scheme, "file") == 0)))
    {
      kiosk_parse_result_warn (parse->result, "%s: link “%s” is not an http(s) URL; not fetched",
                               where, href);
      return;
    }
  for (guint i = 0; i < parse->result->linked_urls->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (parse->result->linked_urls, i), url))
        return;
    }
  g_ptr_array_add (parse->result->linked_urls, g_steal_pointer (&url));
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *text = value != NULL ? g_strstrip (g_strdup ((const char *) value)) : NULL;

  xmlFree (value);
  return text;
}

static gboolean
is_cap_type (const char *type)
{
  return type != NULL && g_ascii_strncasecmp (type, CAP_MIME, strlen (CAP_MIME)) == 0;
}

/* An Atom entry or an RSS item: an embedded alert, else its CAP link. */
static gboolean
parse_entry (Parse    *parse,
             xmlNode  *entry,
             gboolean  atom,
             guint     index,
             GError  **error)
{
  g_autofree char *where = g_strdup_printf ("%s %u", atom ? "entry" : "item", index + 1);
  xmlNode *alert = find_alert (entry, 0);
  g_autofree char *fallback = NULL;

  if (alert != NULL)
    return parse_alert (parse, alert, error);

  for (xmlNode *child = entry->children; child != NULL; child = child->next)
    {
      if (atom && is_element (child, "link"))
        {
          g_autofree char *type = get_attribute (child, "type");
          g_autofree char *rel = get_attribute (child, "rel");
          g_autofree char *href = get_attribute (child, "href");

          if (is_cap_type (type))
            {
              add_link (parse, href, where);
              return TRUE;
            }
          if (fallback == NULL && type == NULL && (rel == NULL || g_str_equal (rel, "alternate")))
            fallback = g_steal_pointer (&href);
        }
      else if (!atom && is_element (child, "enclosure"))
        {
          g_autofree char *type = get_attribute (child, "type");
          g_autofree char *url = get_attribute (child, "url");

          if (is_cap_type (type))
            {
              add_link (parse, url, where);
              return TRUE;
            }
        }
      else if (!atom && is_element (child, "link") && fallback == NULL)
        fallback = node_text (child);
    }

  /* Feeds of CAP often link the document without saying its type. */
  if (fallback != NULL)
    add_link (parse, fallback, where);
  else
    kiosk_parse_result_warn (parse->result, "%s: neither a CAP alert nor a link to one", where);

  return TRUE;
}

static gboolean
parse_feed (Parse    *parse,
            xmlNode  *root,
            gboolean  atom,
            GError  **error)
{
  xmlNode *parent = root;
  guint index = 0;

  if (!atom)
    {
      parent = NULL;
      for (xmlNode *child = root->children; child != NULL; child = child->next)
        {
          if (is_element (child, "channel"))
            parent = child;
        }
      if (parent == NULL)
        {
          g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                       "an RSS document without a <channel>");
          return FALSE;
        }
    }

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (!is_element (child, atom ? "entry" : "item"))
        continue;
      if (!parse_entry (parse, child, atom, index++, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
kiosk_cap_parse (GBytes                  *bytes,
                 const KioskParseContext *ctx,
                 KioskParseResult        *result,
                 GError                 **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  Parse parse = { ctx, result, 0 };
  xmlNode *root;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (ctx != NULL && result != NULL, FALSE);

  doc = load_xml (bytes, ctx, &local_error);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    ok = FALSE;
  else if (is_cap (root, "alert"))
    ok = parse_alert (&parse, root, &local_error);
  else if (ctx->page == 0 && is_element (root, "feed") && root->ns != NULL &&
           g_strcmp0 ((const char *) root->ns->href, ATOM_NS) == 0)
    ok = parse_feed (&parse, root, TRUE, &local_error);
  else if (ctx->page == 0 && is_element (root, "rss"))
    ok = parse_feed (&parse, root, FALSE, &local_error);
  else
    {
      g_set_error (&local_error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_INVALID,
                   "the root element is <%s>, not a CAP <alert>%s", root->name,
                   ctx->page == 0 ? ", an Atom <feed> or an RSS <rss>" : "");
      ok = FALSE;
    }

  if (ok)
    return TRUE;

  /* A broken linked document costs its own alert, not the feed's. */
  if (ctx->page > 0)
    {
      kiosk_parse_result_warn (result, "linked document %s: %s",
                               ctx->url != NULL ? ctx->url : "", local_error->message);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *value)
{
  /* As CAP writes times: seconds and the offset with its colon. */
  g_autofree char *text = value != NULL ? g_date_time_format (value, "%Y-%m-%dT%H:%M:%S%:z")
                                        : NULL;

  add_string (builder, name, text);
}

static JsonNode *
alert_to_json (gpointer                 item,
               const KioskParseContext *ctx)
{
  KioskAlert *alert = item;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *area_desc = kiosk_alert_dup_area_desc (alert);

  json_builder_begin_object (builder);
  add_string (builder, "identifier", kiosk_alert_get_identifier (alert));
  add_string (builder, "sent", kiosk_alert_get_sent_text (alert));
  add_string (builder, "msg_type", kiosk_alert_get_msg_type (alert));
  add_string (builder, "status", kiosk_alert_get_status (alert));
  add_string (builder, "language", kiosk_alert_get_language (alert));
  add_string (builder, "event", kiosk_alert_get_event (alert));
  add_string (builder, "urgency", kiosk_alert_get_urgency (alert));
  add_string (builder, "severity", kiosk_alert_get_severity (alert));
  add_string (builder, "certainty", kiosk_alert_get_certainty (alert));
  add_string (builder, "headline", kiosk_alert_get_headline (alert));
  add_string (builder, "description", kiosk_alert_get_description (alert));
  add_string (builder, "instruction", kiosk_alert_get_instruction (alert));
  add_time (builder, "onset", kiosk_alert_get_onset (alert));
  add_time (builder, "expires", kiosk_alert_get_expires (alert));
  add_string (builder, "area_desc", area_desc);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
alert_to_text (gpointer                 item,
               const KioskParseContext *ctx)
{
  KioskAlert *alert = item;
  const char *headline = kiosk_alert_get_headline (alert);

  return g_strdup_printf ("%s %s [%s/%s] %s: %s", kiosk_alert_get_msg_type (alert),
                          kiosk_alert_get_identifier (alert),
                          kiosk_alert_get_severity (alert) ? kiosk_alert_get_severity (alert) : "-",
                          kiosk_alert_get_urgency (alert) ? kiosk_alert_get_urgency (alert) : "-",
                          kiosk_alert_get_language (alert) ? kiosk_alert_get_language (alert) : "-",
                          headline != NULL ? headline : kiosk_alert_get_event (alert) != NULL
                                                        ? kiosk_alert_get_event (alert) : "");
}

const KioskFormat kiosk_format_cap = {
  .kind = "cap",
  .area = KIOSK_AREA_ALERTS,
  .get_item_type = kiosk_alert_get_type,
  .parse = kiosk_cap_parse,
  .to_json = alert_to_json,
  .to_text = alert_to_text,
  .max_pages = 1 + KIOSK_CAP_MAX_LINKED,
};

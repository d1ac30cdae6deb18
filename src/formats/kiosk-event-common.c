/* kiosk-event-common.c: what the two event formats share: texts, windows, JSON */

#define G_LOG_DOMAIN "kiosk-event-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kiosk-event-common.h"

static const struct
{
  const char *name;
  gunichar    c;
} entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0xa0 }, { "auml", 0xe4 }, { "ouml", 0xf6 }, { "uuml", 0xfc },
  { "Auml", 0xc4 }, { "Ouml", 0xd6 }, { "Uuml", 0xdc }, { "szlig", 0xdf },
  { "eacute", 0xe9 }, { "egrave", 0xe8 }, { "euro", 0x20ac }, { "ndash", 0x2013 },
  { "mdash", 0x2014 }, { "hellip", 0x2026 }, { "bdquo", 0x201e }, { "ldquo", 0x201c },
  { "rdquo", 0x201d }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201a },
  { "copy", 0xa9 }, { "middot", 0xb7 }, { "bull", 0x2022 },
};

/* Decodes the entity at @p (after '&'); returns the bytes consumed or 0. */
static gsize
decode_entity (const char *p,
               gunichar   *out)
{
  const char *semi = strchr (p, ';');
  gsize len;

  if (semi == NULL || semi - p > 10 || semi == p)
    return 0;
  len = semi - p;

  if (p[0] == '#')
    {
      guint64 code;
      char *end = NULL;

      if (p[1] == 'x' || p[1] == 'X')
        code = g_ascii_strtoull (p + 2, &end, 16);
      else
        code = g_ascii_strtoull (p + 1, &end, 10);
      if (end != semi || code == 0 || code > 0x10ffff || !g_unichar_validate ((gunichar) code))
        return 0;
      *out = (gunichar) code;
      return len + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      if (strlen (entities[i].name) == len && strncmp (entities[i].name, p, len) == 0)
        {
          *out = entities[i].c;
          return len + 1;
        }
    }

  return 0;
}

static gboolean
tag_is (const char *tag,
        gsize       len,
        const char *name)
{
  gsize n = strlen (name);

  return len == n && g_ascii_strncasecmp (tag, name, n) == 0;
}

/* Appends @c, folding runs of white space into one space and keeping at
 * most two line breaks in a row. */
static void
append_char (GString  *out,
             gunichar  c)
{
  if (c == '\n')
    {
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      if (out->len == 0 || (out->len >= 2 && out->str[out->len - 1] == '\n' &&
                            out->str[out->len - 2] == '\n'))
        return;
      g_string_append_c (out, '\n');
      return;
    }
  if (c == ' ' || c == '\t' || c == '\r' || c == 0xa0)
    {
      if (out->len == 0 || out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\n')
        return;
      g_string_append_c (out, ' ');
      return;
    }
  /* Control characters and BiDi overrides have no business on a sign. */
  if (g_unichar_iscntrl (c) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
    return;
  g_string_append_unichar (out, c);
}

char *
kiosk_event_text_from_html (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  const char *p;
  const char *skip_until = NULL;   /* closing tag of <script>/<style> */
  gboolean html;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  /* Plain text keeps its own line breaks; HTML gets them from its tags. */
  html = strchr (valid, '<') != NULL || strchr (valid, '&') != NULL;
  out = g_string_sized_new (strlen (valid));

  for (p = valid; *p != '\0'; )
    {
      if (html && *p == '<')
        {
          const char *end = strchr (p, '>');
          const char *name = p + 1;
          gsize name_len = 0;
          gboolean closing = FALSE;

          if (end == NULL)
            break;   /* an unfinished tag: drop the rest */
          if (*name == '/')
            {
              closing = TRUE;
              name++;
            }
          while (g_ascii_isalnum (name[name_len]))
            name_len++;

          if (skip_until != NULL)
            {
              if (closing && tag_is (name, name_len, skip_until))
                skip_until = NULL;
              p = end + 1;
              continue;
            }

          if (!closing && (tag_is (name, name_len, "script") || tag_is (name, name_len, "style")))
            skip_until = tag_is (name, name_len, "script") ? "script" : "style";
          else if (tag_is (name, name_len, "br"))
            append_char (out, '\n');
          else if (tag_is (name, name_len, "p") || tag_is (name, name_len, "div") ||
                   tag_is (name, name_len, "ul") || tag_is (name, name_len, "ol") ||
                   tag_is (name, name_len, "tr") || tag_is (name, name_len, "table") ||
                   (name_len == 2 && (name[0] == 'h' || name[0] == 'H') && g_ascii_isdigit (name[1])))
            {
              append_char (out, '\n');
              append_char (out, '\n');
            }
          else if (tag_is (name, name_len, "li") && !closing)
            {
              append_char (out, '\n');
              g_string_append (out, "• ");
            }
          else if (tag_is (name, name_len, "td") || tag_is (name, name_len, "th"))
            append_char (out, ' ');

          p = end + 1;
          continue;
        }

      if (skip_until != NULL)
        {
          p = g_utf8_next_char (p);
          continue;
        }

      if (html && *p == '&')
        {
          gunichar c = 0;
          gsize used = decode_entity (p + 1, &c);

          if (used > 0)
            {
              append_char (out, c);
              p += used + 1;
              continue;
            }
        }

      if (!html && *p == '\n')
        append_char (out, '\n');
      else
        append_char (out, g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }

  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
kiosk_event_window_init (KioskEventWindow        *window,
                         const KioskParseContext *ctx)
{
  memset (window, 0, sizeof *window);

  if (ctx->from != NULL && ctx->to != NULL)
    {
      window->from = g_date_time_ref (ctx->from);
      window->to = g_date_time_ref (ctx->to);
      window->by_start = TRUE;
      window->running_at = G_MAXINT64;
      if (ctx->now != NULL &&
          g_strcmp0 (kiosk_parse_context_option (ctx, KIOSK_EVENTS_OPTION_KEEP_RUNNING, "false"), "true") == 0)
        window->running_at = g_date_time_to_unix (ctx->now);
    }
  else
    {
      g_autoptr(GDateTime) now = ctx->now != NULL ? g_date_time_to_timezone (ctx->now, ctx->tz)
                                                  : g_date_time_new_now (ctx->tz);
      gint64 days = g_ascii_strtoll (kiosk_parse_context_option (ctx, "days", "0"), NULL, 10);

      if (days <= 0 || days > 3660)
        days = KIOSK_EVENTS_DEFAULT_DAYS;
      window->from = g_date_time_new (ctx->tz, g_date_time_get_year (now),
                                      g_date_time_get_month (now),
                                      g_date_time_get_day_of_month (now), 0, 0, 0);
      window->to = g_date_time_add_days (window->from, (int) days);
      window->by_start = FALSE;
    }
}

void
kiosk_event_window_clear (KioskEventWindow *window)
{
  g_clear_pointer (&window->from, g_date_time_unref);
  g_clear_pointer (&window->to, g_date_time_unref);
}

gboolean
kiosk_event_window_contains (const KioskEventWindow *window,
                             gint64                  start_unix,
                             gint64                  end_unix)
{
  gint64 from = g_date_time_to_unix (window->from);
  gint64 to = g_date_time_to_unix (window->to);

  if (window->by_start)
    return (start_unix >= from && start_unix < to) ||
           (start_unix < from && end_unix > window->running_at);

  /* Zero-length events that start at "from" still overlap. */
  return start_unix < to && (end_unix > from || start_unix >= from);
}

static int
compare_event_pointers (gconstpointer a,
                        gconstpointer b)
{
  return kiosk_event_compare (*(gpointer const *) a, *(gpointer const *) b);
}

void
kiosk_event_finish_items (KioskParseResult *result)
{
  g_ptr_array_sort (result->items, compare_event_pointers);

  if (result->items->len > KIOSK_EVENTS_MAX_OCCURRENCES)
    {
      kiosk_parse_result_warn (result, "%u occurrences; only the first %u are shown",
                               result->items->len, KIOSK_EVENTS_MAX_OCCURRENCES);
      g_ptr_array_set_size (result->items, KIOSK_EVENTS_MAX_OCCURRENCES);
    }
}

static char *
format_time (KioskEvent              *event,
             GDateTime               *dt,
             const KioskParseContext *ctx)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, ctx->tz);

  if (kiosk_event_get_all_day (event))
    return g_date_time_format (local, "%Y-%m-%d");

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
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
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

JsonNode *
kiosk_event_to_json (gpointer                 item,
                     const KioskParseContext *ctx)
{
  KioskEvent *event = item;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  const char * const *categories;

  g_return_val_if_fail (KIOSK_IS_EVENT (event), NULL);

  start = format_time (event, kiosk_event_get_start (event), ctx);
  end = format_time (event, kiosk_event_get_end (event), ctx);
  categories = kiosk_event_get_categories (event);

  json_builder_begin_object (builder);
  add_string (builder, "uid", kiosk_event_get_uid (event));
  add_string (builder, "title", kiosk_event_get_title (event));
  add_string (builder, "start", start);
  add_string (builder, "end", end);
  json_builder_set_member_name (builder, "all_day");
  json_builder_add_boolean_value (builder, kiosk_event_get_all_day (event));
  add_string (builder, "location", kiosk_event_get_location (event));
  add_double (builder, "lat", kiosk_event_get_latitude (event));
  add_double (builder, "lon", kiosk_event_get_longitude (event));
  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    json_builder_add_string_value (builder, categories[i]);
  json_builder_end_array (builder);
  add_string (builder, "url", kiosk_event_get_url (event));
  add_string (builder, "image", kiosk_event_get_image (event));
  add_string (builder, "status", kiosk_event_get_status (event));
  add_string (builder, "description", kiosk_event_get_description (event));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
kiosk_event_to_text (gpointer                 item,
                     const KioskParseContext *ctx)
{
  KioskEvent *event = item;
  g_autofree char *start = NULL;
  const char *location;

  g_return_val_if_fail (KIOSK_IS_EVENT (event), NULL);

  start = format_time (event, kiosk_event_get_start (event), ctx);
  location = kiosk_event_get_location (event);

  return g_strdup_printf ("%s  %s%s%s%s", start,
                          kiosk_event_get_title (event) ? kiosk_event_get_title (event) : "(untitled)",
                          location ? " @ " : "", location ? location : "",
                          kiosk_event_is_cancelled (event) ? "  [cancelled]"
                          : kiosk_event_is_postponed (event) ? "  [postponed]" : "");
}

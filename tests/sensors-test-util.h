/* sensors-test-util.h: shared helpers of the sensor tests (header-only) */
#pragma once

#include <glib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "kiosk-format.h"
#include "kiosk-formats.h"
#include "kiosk-reading.h"

/* 2026-11-22 01:30 UTC: the moment the fixtures were "fetched". */
static inline GDateTime *
sensors_test_now (void)
{
  return g_date_time_new_utc (2026, 11, 22, 1, 30, 0);
}

static inline KioskParseContext *
sensors_test_context (const char *url)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  KioskParseContext *ctx = kiosk_parse_context_new (tz);

  g_date_time_unref (ctx->now);
  ctx->now = sensors_test_now ();
  ctx->url = url != NULL ? g_intern_string (url) : NULL;

  return ctx;
}

static inline GBytes *
sensors_test_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "sensors", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (data, len);
}

static inline KioskReading *
sensors_test_find (GPtrArray  *items,
                   const char *id)
{
  for (guint i = 0; i < items->len; i++)
    {
      KioskReading *reading = g_ptr_array_index (items, i);

      if (g_strcmp0 (kiosk_reading_get_id (reading), id) == 0)
        return reading;
    }

  g_error ("no reading %s among %u", id, items->len);
  return NULL;
}

static inline gboolean
sensors_test_has_warning (KioskParseResult *result,
                          const char       *needle)
{
  for (guint i = 0; i < result->warnings->len; i++)
    {
      if (strstr (g_ptr_array_index (result->warnings, i), needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static inline void
sensors_test_dump_warnings (KioskParseResult *result)
{
  for (guint i = 0; i < result->warnings->len; i++)
    g_test_message ("warning: %s", (char *) g_ptr_array_index (result->warnings, i));
}

static inline GBytes *
sensors_test_nested (guint depth)
{
  GString *s = g_string_new ("{\"value\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');

  return g_string_free_to_bytes (s);
}

/* The time in UTC, ISO 8601, for comparisons. */
static inline char *
sensors_test_iso (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = dt != NULL ? g_date_time_to_utc (dt) : NULL;
  return utc != NULL ? g_date_time_format_iso8601 (utc) : NULL;
}

typedef struct
{
  GBytes     *body;
  GHashTable *headers;
  GError     *error;
  gboolean    done;
} SensorsTestFetch;

static inline void
sensors_test_fetched_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  SensorsTestFetch *f = user_data;

  f->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &f->error);
  f->done = TRUE;
}

static inline void
sensors_test_collect_header (const char *name,
                             const char *value,
                             gpointer    user_data)
{
  g_hash_table_insert (user_data, g_ascii_strdown (name, -1), g_strdup (value));
}

/* The fetch → parse → next page loop, as the kiosk runs it. */
static inline GPtrArray *
sensors_test_fetch_all (const char  *kind,
                        const char  *configured,
                        const char **headers,
                        guint       *n_pages)
{
  const KioskFormat *format = kiosk_format_lookup (kind);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KioskParseContext) ctx = kiosk_parse_context_new (NULL);
  g_autofree char *url = format->request_url (configured, ctx);

  g_assert_nonnull (url);
  for (guint page = 0; url != NULL; page++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_auto(KioskParseResult) result = { 0 };
      g_autoptr(GError) error = NULL;
      SensorsTestFetch f = { 0 };

      g_assert_cmpuint (page, <, format->max_pages);
      for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
        soup_message_headers_append (soup_message_get_request_headers (msg), headers[i], headers[i + 1]);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sensors_test_fetched_cb, &f);
      while (!f.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (f.error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);

      f.headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      soup_message_headers_foreach (soup_message_get_response_headers (msg), sensors_test_collect_header, f.headers);
      g_clear_pointer (&ctx->response_headers, g_hash_table_unref);
      ctx->response_headers = f.headers;
      ctx->url = g_intern_string (url);
      ctx->page = page;

      kiosk_parse_result_init (&result);
      g_assert_true (format->parse (f.body, ctx, &result, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < result.warnings->len; i++)
        g_test_message ("%s: %s", kind, (char *) g_ptr_array_index (result.warnings, i));
      g_bytes_unref (f.body);
      g_ptr_array_extend_and_steal (items, g_steal_pointer (&result.items));
      result.items = g_ptr_array_new ();

      g_free (url);
      url = g_steal_pointer (&result.next_url);
      if (n_pages != NULL)
        *n_pages = page + 1;
    }

  return g_steal_pointer (&items);
}

/* @text must fail to parse with @code, and the message must say @needle. */
static inline void
sensors_test_expect_error (const KioskFormat *format,
                           const char        *url,
                           const char        *text,
                           int                code,
                           const char        *needle)
{
  g_autoptr(KioskParseContext) ctx = sensors_test_context (url);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  kiosk_parse_result_init (&result);
  g_assert_false (format->parse (bytes, ctx, &result, &error));
  g_assert_error (error, KIOSK_FORMAT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, needle));
}

/* sensors-test-util.h: shared helpers of the sensor tests (header-only) */
#pragma once

#include <glib.h>
#include <math.h>

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

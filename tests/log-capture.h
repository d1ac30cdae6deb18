/* log-capture.h: the structured log lines a test program wrote */
#pragma once

#include <glib.h>

#include "kiosk-log.h"

/* Every structured line logged, as "MESSAGE_ID ANKERORT_SOURCE MESSAGE";
 * any thread may log (the outbox sender does). */
static GPtrArray *logged;
static GMutex logged_lock;

static GLogWriterOutput
record_writer (GLogLevelFlags   level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  const char *id = "-", *source = "-", *message = "";

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE_ID"))
        id = fields[i].value;
      else if (g_str_equal (fields[i].key, "ANKERORT_SOURCE"))
        source = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }
  g_mutex_lock (&logged_lock);
  g_ptr_array_add (logged, g_strdup_printf ("%s %s %s", id, source, message));
  g_mutex_unlock (&logged_lock);

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static G_GNUC_UNUSED gboolean
was_logged (KioskLogEvent  event,
            const char    *line)
{
  g_autofree char *wanted = g_strdup_printf ("%s %s", kiosk_log_event_get_message_id (event), line);
  gboolean found = FALSE;

  g_mutex_lock (&logged_lock);
  for (guint i = 0; i < logged->len && !found; i++)
    found = g_pattern_match_simple (wanted, g_ptr_array_index (logged, i));
  g_mutex_unlock (&logged_lock);

  return found;
}

/* Before the first line: GLib takes one writer per process. */
static void
log_capture_start (void)
{
  logged = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (record_writer, NULL, NULL);
}

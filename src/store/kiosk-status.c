/* kiosk-status.c: the kiosk's health in one JSON document, kept on disk
 *
 * What staff and a fleet's monitoring need to tell a healthy kiosk from an
 * unwell one: the version, the kiosk's id, how long it runs, each source's
 * last success and last error, the survey answers waiting. Other parts of
 * the kiosk add their own member with kiosk_status_set_section (). The
 * document never holds personal data: no answers, no URLs (they may carry
 * tokens), only counts, times and error messages, which name sources.
 *
 * Every change is written to the file within a second, atomically, and at
 * most once a second however busy the sources are. */

#define G_LOG_DOMAIN "kiosk-status"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "kiosk-status.h"

#define MIN_WRITE_INTERVAL_US G_USEC_PER_SEC

struct _KioskStatus
{
  GObject          parent_instance;

  /* borrowed (weak: they may go first) */
  KioskSourceList *sources;
  KioskOutbox     *outbox;

  /* owned */
  char            *path;
  char            *kiosk_id;
  GDateTime       *started;
  gint64           started_monotonic;
  GHashTable      *sections;     /* name -> JsonNode */
  GPtrArray       *watched;      /* KioskSource, with our handlers */
  gint64           last_write;   /* monotonic µs; 0: never */
  guint            update_id;
  char            *last_write_error;
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KioskStatus, kiosk_status, G_TYPE_OBJECT)
G_DEFINE_QUARK (kiosk-status-error-quark, kiosk_status_error)

static guint signals[N_SIGNALS];

/* Written by the status itself; a section cannot take their place. */
static const char * const own_members[] = {
  "version", "kiosk_id", "updated", "started", "uptime", "sources", "outbox",
};

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  g_autofree char *text = format_time (time);

  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_source (JsonBuilder *builder,
            KioskSource *source)
{
  const char *error = kiosk_source_get_last_error (source);
  GTimeSpan age = kiosk_source_get_age (source);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, kiosk_source_get_id (source));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kiosk_source_get_kind (source));
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, error == NULL && age >= 0);
  json_builder_set_member_name (builder, "items");
  json_builder_add_int_value (builder, kiosk_source_get_n_items (source));
  add_time_member (builder, "last_success", kiosk_source_get_last_success (source));
  add_time_member (builder, "last_attempt", kiosk_source_get_last_attempt (source));
  json_builder_set_member_name (builder, "last_error");
  if (error != NULL)
    json_builder_add_string_value (builder, error);
  else
    json_builder_add_null_value (builder);
  /* Seconds since the data was last confirmed: what the screen shows is this old. */
  json_builder_set_member_name (builder, "cache_age");
  if (age >= 0)
    json_builder_add_int_value (builder, age / G_TIME_SPAN_SECOND);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "stale");
  json_builder_add_boolean_value (builder, kiosk_source_get_stale (source));
  json_builder_end_object (builder);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
update_cb (gpointer user_data)
{
  KioskStatus *self = user_data;
  g_autoptr(GError) error = NULL;

  self->update_id = 0;

  /* A full disk is said once, not every second. */
  if (!kiosk_status_write (self, &error) && error != NULL &&
      g_strcmp0 (error->message, self->last_write_error) != 0)
    {
      g_warning ("%s", error->message);
      g_free (self->last_write_error);
      self->last_write_error = g_strdup (error->message);
    }
  g_signal_emit (self, signals[CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
source_notify_cb (KioskSource *source,
                  GParamSpec  *pspec,
                  KioskStatus *self)
{
  /* A refresh starting is no news; its end is. */
  if (g_str_equal (pspec->name, "refreshing"))
    return;

  kiosk_status_queue_update (self);
}

static void
unwatch_sources (KioskStatus *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
sources_changed_cb (GListModel  *model,
                    guint        position,
                    guint        removed,
                    guint        added,
                    KioskStatus *self)
{
  unwatch_sources (self);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      KioskSource *source = g_list_model_get_item (model, i);

      g_signal_connect (source, "notify", G_CALLBACK (source_notify_cb), self);
      g_ptr_array_add (self->watched, source);
    }

  kiosk_status_queue_update (self);
}

static void
outbox_notify_cb (KioskOutbox *outbox,
                  GParamSpec  *pspec,
                  KioskStatus *self)
{
  kiosk_status_queue_update (self);
}

static void
kiosk_status_dispose (GObject *object)
{
  KioskStatus *self = (KioskStatus *)object;

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->watched != NULL)
    unwatch_sources (self);
  if (self->sources != NULL)
    {
      g_signal_handlers_disconnect_by_data (kiosk_source_list_get_sources (self->sources), self);
      g_clear_weak_pointer (&self->sources);
    }
  if (self->outbox != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->outbox, self);
      g_clear_weak_pointer (&self->outbox);
    }

  G_OBJECT_CLASS (kiosk_status_parent_class)->dispose (object);
}

static void
kiosk_status_finalize (GObject *object)
{
  KioskStatus *self = (KioskStatus *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->kiosk_id, g_free);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->last_write_error, g_free);

  G_OBJECT_CLASS (kiosk_status_parent_class)->finalize (object);
}

static void
kiosk_status_class_init (KioskStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_status_dispose;
  object_class->finalize = kiosk_status_finalize;

  /* After the document changed (and was written, when it has a path). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kiosk_status_init (KioskStatus *self)
{
  self->started = g_date_time_new_now_utc ();
  self->started_monotonic = g_get_monotonic_time ();
  self->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) json_node_unref);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
}

char *
kiosk_status_get_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "ankerort", "status.json", NULL);
}

KioskStatus *
kiosk_status_new (const char *path)
{
  KioskStatus *self = g_object_new (KIOSK_TYPE_STATUS, NULL);

  self->path = g_strdup (path);

  return self;
}

const char *
kiosk_status_get_path (KioskStatus *self)
{
  g_return_val_if_fail (KIOSK_IS_STATUS (self), NULL);

  return self->path;
}

void
kiosk_status_set_kiosk_id (KioskStatus *self,
                           const char  *kiosk_id)
{
  g_return_if_fail (KIOSK_IS_STATUS (self));

  if (g_strcmp0 (self->kiosk_id, kiosk_id) == 0)
    return;

  g_free (self->kiosk_id);
  self->kiosk_id = g_strdup (kiosk_id);
  kiosk_status_queue_update (self);
}

void
kiosk_status_watch_sources (KioskStatus     *self,
                            KioskSourceList *sources)
{
  GListModel *model;

  g_return_if_fail (KIOSK_IS_STATUS (self));
  g_return_if_fail (KIOSK_IS_SOURCE_LIST (sources));
  g_return_if_fail (self->sources == NULL);

  g_set_weak_pointer (&self->sources, sources);
  model = kiosk_source_list_get_sources (sources);
  g_signal_connect (model, "items-changed", G_CALLBACK (sources_changed_cb), self);
  sources_changed_cb (model, 0, 0, 0, self);
}

void
kiosk_status_watch_outbox (KioskStatus *self,
                           KioskOutbox *outbox)
{
  g_return_if_fail (KIOSK_IS_STATUS (self));
  g_return_if_fail (KIOSK_IS_OUTBOX (outbox));
  g_return_if_fail (self->outbox == NULL);

  g_set_weak_pointer (&self->outbox, outbox);
  g_signal_connect (outbox, "notify::n-pending", G_CALLBACK (outbox_notify_cb), self);
  g_signal_connect (outbox, "notify::n-set-aside", G_CALLBACK (outbox_notify_cb), self);
  kiosk_status_queue_update (self);
}

void
kiosk_status_set_section (KioskStatus *self,
                          const char  *name,
                          JsonNode    *node)
{
  g_return_if_fail (KIOSK_IS_STATUS (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (!g_strv_contains (own_members, name));

  if (node == NULL)
    {
      if (!g_hash_table_remove (self->sections, name))
        return;
    }
  else
    {
      JsonNode *old = g_hash_table_lookup (self->sections, name);

      if (old != NULL && json_node_equal (old, node))
        return;
      g_hash_table_replace (self->sections, g_strdup (name), json_node_copy (node));
    }

  kiosk_status_queue_update (self);
}

JsonNode *
kiosk_status_build (KioskStatus *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree const char **names = NULL;
  guint n_names;

  g_return_val_if_fail (KIOSK_IS_STATUS (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "kiosk_id");
  if (self->kiosk_id != NULL)
    json_builder_add_string_value (builder, self->kiosk_id);
  else
    json_builder_add_null_value (builder);
  add_time_member (builder, "updated", now);
  add_time_member (builder, "started", self->started);
  json_builder_set_member_name (builder, "uptime");
  json_builder_add_int_value (builder,
                              (g_get_monotonic_time () - self->started_monotonic) / G_USEC_PER_SEC);

  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  if (self->sources != NULL)
    {
      GListModel *model = kiosk_source_list_get_sources (self->sources);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(KioskSource) source = g_list_model_get_item (model, i);

          add_source (builder, source);
        }
    }
  json_builder_end_array (builder);

  /* Counts only: an answer's content never leaves the outbox. */
  json_builder_set_member_name (builder, "outbox");
  if (self->outbox != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "waiting");
      json_builder_add_int_value (builder, kiosk_outbox_get_n_pending (self->outbox));
      json_builder_set_member_name (builder, "set_aside");
      json_builder_add_int_value (builder, kiosk_outbox_get_n_set_aside (self->outbox));
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }

  names = (const char **) g_hash_table_get_keys_as_array (self->sections, &n_names);
  qsort (names, n_names, sizeof (char *), compare_strings);
  for (guint i = 0; i < n_names; i++)
    {
      json_builder_set_member_name (builder, names[i]);
      json_builder_add_value (builder, json_node_copy (g_hash_table_lookup (self->sections,
                                                                            names[i])));
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
kiosk_status_to_string (KioskStatus *self,
                        gboolean     pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (KIOSK_IS_STATUS (self), NULL);

  root = kiosk_status_build (self);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);

  return json_generator_to_data (generator, NULL);
}

void
kiosk_status_queue_update (KioskStatus *self)
{
  gint64 wait;

  g_return_if_fail (KIOSK_IS_STATUS (self));

  if (self->update_id != 0)
    return;

  wait = self->last_write == 0 ? 0
         : self->last_write + MIN_WRITE_INTERVAL_US - g_get_monotonic_time ();
  self->update_id = g_timeout_add (CLAMP (wait, 0, MIN_WRITE_INTERVAL_US) / 1000, update_cb, self);
}

gboolean
kiosk_status_write (KioskStatus  *self,
                    GError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KIOSK_IS_STATUS (self), FALSE);

  self->last_write = g_get_monotonic_time ();
  if (self->path == NULL)
    return TRUE;

  text = kiosk_status_to_string (self, TRUE);
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KIOSK_STATUS_ERROR, KIOSK_STATUS_ERROR_WRITE,
                   "Cannot create the folder of the status file %s: %s",
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* A temporary file renamed over the old one: a reader (`ankerort
   * status`, a monitoring agent) never sees half a document. */
  if (!g_file_set_contents_full (self->path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, KIOSK_STATUS_ERROR, KIOSK_STATUS_ERROR_WRITE,
                   "Cannot write the status file: %s", local_error->message);
      return FALSE;
    }

  g_clear_pointer (&self->last_write_error, g_free);
  return TRUE;
}

/* kiosk-media-playlist.c: the attract loop's files: a watched folder or playlist, probed
 *
 * The model holds only what plays. Reading and probing happen in a worker
 * thread; a file probed before keeps its result while its size and
 * modification time stay the same, so adding one video to a folder of
 * fifty probes one file. */

#define G_LOG_DOMAIN "kiosk-media-playlist"

#include "config.h"

#include <string.h>

#include "kiosk-format.h"
#include "kiosk-media-format.h"
#include "kiosk-media-image.h"
#include "kiosk-media-playlist.h"
#include "kiosk-media-probe.h"

/* A playlist file larger than this is not a playlist. */
#define MAX_PLAYLIST_SIZE (1024 * 1024)
/* Copying a folder of videos sends many events: read once it is quiet. */
#define RELOAD_DELAY_MS 1000

struct _KioskMediaPlaylist
{
  GObject       parent_instance;

  /* owned */
  char         *location;
  GListStore   *items;          /* KioskMediaItem that play */
  GPtrArray    *warnings;       /* char* */
  GHashTable   *probed;         /* "uri size mtime" -> KioskMediaItem */
  GFileMonitor *monitor;
  GCancellable *cancellable;
  guint         reload_id;
  gboolean      loading;
  gboolean      again;          /* something changed while reading */
};

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskMediaPlaylist, kiosk_media_playlist, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void start_reading (KioskMediaPlaylist *self);

GFile *
kiosk_media_location_to_file (const char  *location,
                              gboolean     command_line,
                              GError     **error)
{
  g_autofree char *scheme = NULL;

  if (location == NULL || *location == '\0')
    {
      g_set_error (error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_NOT_FOUND,
                   "no folder or playlist given");
      return NULL;
    }

  scheme = g_uri_parse_scheme (location);
  if (g_path_is_absolute (location))
    return g_file_new_for_path (location);
  if (g_strcmp0 (scheme, "file") == 0)
    return g_file_new_for_uri (location);
  if (command_line && scheme == NULL)
    return g_file_new_for_commandline_arg (location);

  g_set_error (error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_UNSUPPORTED,
               "“%s” is not a local folder or playlist (an absolute path or a file:// URL)",
               location);
  return NULL;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  char * const *pa = *(char ** const *) a;
  char * const *pb = *(char ** const *) b;

  return strcmp (pa[0], pb[0]);
}

static GPtrArray *
read_folder (GFile         *folder,
             GPtrArray     *warnings,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN ","
                                        G_FILE_ATTRIBUTE_STANDARD_IS_BACKUP,
                                        G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (children == NULL)
    return NULL;

  while ((info = g_file_enumerator_next_file (children, cancellable, error)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      /* Hidden and backup files are the editor's and the copy tool's. */
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          !g_file_info_get_is_hidden (info) && !g_file_info_get_is_backup (info) &&
          !kiosk_media_is_playlist_name (name))
        {
          g_autofree char *display = g_filename_display_name (name);
          char **entry = g_new0 (char *, 3);

          entry[0] = g_utf8_collate_key_for_filename (display, -1);
          entry[1] = g_strdup (name);
          g_ptr_array_add (entries, entry);
        }
      g_object_unref (info);
    }
  if (error != NULL && *error != NULL)
    return NULL;

  g_ptr_array_sort (entries, compare_keys);
  for (guint i = 0; i < entries->len; i++)
    {
      char **entry = g_ptr_array_index (entries, i);
      g_autoptr(GFile) child = g_file_get_child (folder, entry[1]);
      g_autofree char *uri = g_file_get_uri (child);

      if (items->len >= KIOSK_MEDIA_MAX_ITEMS)
        {
          g_ptr_array_add (warnings, g_strdup_printf ("more than %d files; the rest is left out",
                                                      KIOSK_MEDIA_MAX_ITEMS));
          break;
        }
      g_ptr_array_add (items, kiosk_media_item_new (uri));
    }

  return g_steal_pointer (&items);
}

static GPtrArray *
read_playlist (GFile         *playlist,
               GPtrArray     *warnings,
               GCancellable  *cancellable,
               GError       **error)
{
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *uri = g_file_get_uri (playlist);
  g_autofree char *data = NULL;
  gsize size = 0;

  if (!g_file_load_contents (playlist, cancellable, &data, &size, NULL, error))
    return NULL;
  if (size > MAX_PLAYLIST_SIZE)
    {
      g_set_error (error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_UNSUPPORTED,
                   "the playlist is larger than %d KB", MAX_PLAYLIST_SIZE / 1024);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  kiosk_parse_result_init (&result);
  if (!kiosk_media_m3u_parse (bytes, uri, &result, error))
    return NULL;
  for (guint i = 0; i < result.warnings->len; i++)
    g_ptr_array_add (warnings, g_strdup (g_ptr_array_index (result.warnings, i)));

  return g_steal_pointer (&result.items);
}

GPtrArray *
kiosk_media_playlist_read (GFile         *location,
                           GPtrArray     *warnings,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  GPtrArray *items;

  g_return_val_if_fail (G_IS_FILE (location), NULL);
  g_return_val_if_fail (warnings != NULL, NULL);

  path = g_file_get_parse_name (location);
  info = g_file_query_info (location, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, KIOSK_MEDIA_ERROR, KIOSK_MEDIA_ERROR_NOT_FOUND,
                   "%s: %s", path, local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    items = read_folder (location, warnings, cancellable, &local_error);
  else
    items = read_playlist (location, warnings, cancellable, &local_error);

  if (items == NULL)
    {
      KioskMediaError code = KIOSK_MEDIA_ERROR_FAILED;

      if (local_error->domain == KIOSK_MEDIA_ERROR)
        code = local_error->code;
      else if (local_error->domain == KIOSK_FORMAT_ERROR)
        code = KIOSK_MEDIA_ERROR_UNSUPPORTED;
      g_set_error (error, KIOSK_MEDIA_ERROR, code, "%s: %s", path, local_error->message);
      return NULL;
    }

  return items;
}

/* Reading and probing, in the worker */

typedef struct
{
  GFile      *location;
  GHashTable *probed;      /* a copy: the worker reads it, the main thread keeps its own */
  GPtrArray  *items;       /* out: every item, probed */
  GPtrArray  *warnings;    /* out */
  GHashTable *new_probed;  /* out */
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_clear_object (&job->location);
  g_clear_pointer (&job->probed, g_hash_table_unref);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_clear_pointer (&job->new_probed, g_hash_table_unref);
  g_free (job);
}

static char *
probe_key (KioskMediaItem *item)
{
  g_autoptr(GFile) file = g_file_new_for_uri (kiosk_media_item_get_uri (item));
  g_autoptr(GFileInfo) info = g_file_query_info (file,
                                                 G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL)
    return NULL;

  return g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT ".%u",
                          kiosk_media_item_get_uri (item), g_file_info_get_size (info),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
                          g_file_info_get_attribute_uint32 (info,
                                                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC));
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  g_autoptr(GPtrArray) to_probe = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  job->warnings = g_ptr_array_new_with_free_func (g_free);
  job->items = kiosk_media_playlist_read (job->location, job->warnings, cancellable, &error);
  if (job->items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Known files keep their result; the playlist's #EXTINF may still change. */
  job->new_probed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < job->items->len; i++)
    {
      KioskMediaItem *item = g_ptr_array_index (job->items, i);
      char *key = probe_key (item);
      KioskMediaItem *known = key != NULL ? g_hash_table_lookup (job->probed, key) : NULL;

      g_ptr_array_add (keys, key);
      if (known != NULL &&
          (kiosk_media_item_get_media_type (known) != KIOSK_MEDIA_IMAGE ||
           kiosk_media_item_get_duration (known) == kiosk_media_item_get_duration (item)))
        {
          g_ptr_array_index (job->items, i) = g_object_ref (known);
          g_object_unref (item);
        }
      else
        {
          g_ptr_array_add (to_probe, item);
        }
    }

  kiosk_media_probe_items (to_probe, job->warnings, cancellable);

  for (guint i = 0; i < job->items->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      if (key != NULL && kiosk_media_item_get_ok (g_ptr_array_index (job->items, i)))
        g_hash_table_replace (job->new_probed, g_strdup (key),
                              g_object_ref (g_ptr_array_index (job->items, i)));
    }

  g_task_return_boolean (task, !g_cancellable_is_cancelled (cancellable));
}

static gboolean
same_items (GListModel *model,
            GPtrArray  *items)
{
  guint n = g_list_model_get_n_items (model);

  if (n != items->len)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskMediaItem) item = g_list_model_get_item (model, i);

      if (item != g_ptr_array_index (items, i))
        return FALSE;
    }

  return TRUE;
}

static void
set_loading (KioskMediaPlaylist *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(KioskMediaPlaylist) self = user_data;
  ReadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) playable = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error == NULL)
        return;
      g_warning ("The attract loop cannot read %s", error->message);
      g_ptr_array_set_size (self->warnings, 0);
      g_ptr_array_add (self->warnings, g_strdup (error->message));
      g_list_store_remove_all (self->items);
    }
  else
    {
      /* Skipping a broken file is the loop doing its job, not a fault of
       * the kiosk: a message in the log names it for staff (and `ankerort
       * check media` says the same). */
      for (guint i = 0; i < job->warnings->len; i++)
        g_message ("Attract loop: %s", (const char *) g_ptr_array_index (job->warnings, i));
      g_ptr_array_set_size (self->warnings, 0);
      for (guint i = 0; i < job->warnings->len; i++)
        g_ptr_array_add (self->warnings, g_strdup (g_ptr_array_index (job->warnings, i)));
      g_clear_pointer (&self->probed, g_hash_table_unref);
      self->probed = g_hash_table_ref (job->new_probed);

      for (guint i = 0; i < job->items->len; i++)
        {
          KioskMediaItem *item = g_ptr_array_index (job->items, i);

          if (kiosk_media_item_get_ok (item))
            g_ptr_array_add (playable, item);
        }
      if (!same_items (G_LIST_MODEL (self->items), playable))
        g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                             playable->pdata, playable->len);
    }

  g_clear_object (&self->cancellable);
  if (self->again)
    start_reading (self);
  else
    set_loading (self, FALSE);
}

static GHashTable *
copy_probed (GHashTable *probed)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, probed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_object_ref (value));

  return copy;
}

static void
start_reading (KioskMediaPlaylist *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ReadJob *job;

  self->again = FALSE;
  if (self->cancellable != NULL)
    {
      /* One read at a time; the one running reads again when it is done. */
      self->again = TRUE;
      return;
    }

  job = g_new0 (ReadJob, 1);
  job->location = kiosk_media_location_to_file (self->location, FALSE, &error);
  if (job->location == NULL)
    {
      read_job_free (job);
      g_warning ("The attract loop has no files: %s", error->message);
      g_ptr_array_set_size (self->warnings, 0);
      g_ptr_array_add (self->warnings, g_strdup (error->message));
      g_list_store_remove_all (self->items);
      set_loading (self, FALSE);
      return;
    }
  job->probed = copy_probed (self->probed);

  set_loading (self, TRUE);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, read_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_reading);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_thread);
}

static gboolean
reload_cb (gpointer user_data)
{
  KioskMediaPlaylist *self = user_data;

  self->reload_id = 0;
  start_reading (self);

  return G_SOURCE_REMOVE;
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    KioskMediaPlaylist *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_CHANGED:
      g_clear_handle_id (&self->reload_id, g_source_remove);
      self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
      break;

    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
watch (KioskMediaPlaylist *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  file = kiosk_media_location_to_file (self->location, FALSE, NULL);
  if (file == NULL)
    return;

  /* A playlist is watched as a file, so that editing it counts. */
  if (kiosk_media_is_playlist_name (self->location))
    self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  else
    self->monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_warning ("The attract loop does not see changes of %s: %s", self->location,
                 error->message);
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
}

static GType
get_item_type (GListModel *model)
{
  return KIOSK_TYPE_MEDIA_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (KIOSK_MEDIA_PLAYLIST (model)->items));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (KIOSK_MEDIA_PLAYLIST (model)->items), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
items_changed_cb (GListModel         *items,
                  guint               position,
                  guint               removed,
                  guint               added,
                  KioskMediaPlaylist *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
kiosk_media_playlist_dispose (GObject *object)
{
  KioskMediaPlaylist *self = (KioskMediaPlaylist *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  G_OBJECT_CLASS (kiosk_media_playlist_parent_class)->dispose (object);
}

static void
kiosk_media_playlist_finalize (GObject *object)
{
  KioskMediaPlaylist *self = (KioskMediaPlaylist *) object;

  g_signal_handlers_disconnect_by_data (self->items, self);
  g_clear_object (&self->items);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->probed, g_hash_table_unref);

  G_OBJECT_CLASS (kiosk_media_playlist_parent_class)->finalize (object);
}

static void
kiosk_media_playlist_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KioskMediaPlaylist *self = KIOSK_MEDIA_PLAYLIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_media_playlist_class_init (KioskMediaPlaylistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_media_playlist_dispose;
  object_class->finalize = kiosk_media_playlist_finalize;
  object_class->get_property = kiosk_media_playlist_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_media_playlist_init (KioskMediaPlaylist *self)
{
  self->items = g_list_store_new (KIOSK_TYPE_MEDIA_ITEM);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->probed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_signal_connect (self->items, "items-changed", G_CALLBACK (items_changed_cb), self);
}

KioskMediaPlaylist *
kiosk_media_playlist_new (const char *location)
{
  KioskMediaPlaylist *self = g_object_new (KIOSK_TYPE_MEDIA_PLAYLIST, NULL);

  kiosk_media_playlist_set_location (self, location);

  return self;
}

const char *
kiosk_media_playlist_get_location (KioskMediaPlaylist *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_PLAYLIST (self), NULL);

  return self->location;
}

void
kiosk_media_playlist_set_location (KioskMediaPlaylist *self,
                                   const char         *location)
{
  g_return_if_fail (KIOSK_IS_MEDIA_PLAYLIST (self));

  if (location != NULL && *location == '\0')
    location = NULL;
  if (g_strcmp0 (self->location, location) == 0)
    return;

  g_free (self->location);
  self->location = g_strdup (location);

  /* What the old location was reading is of no use any more. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_ptr_array_set_size (self->warnings, 0);

  watch (self);
  if (self->location == NULL)
    {
      g_list_store_remove_all (self->items);
      set_loading (self, FALSE);
      return;
    }
  start_reading (self);
}

gboolean
kiosk_media_playlist_get_loading (KioskMediaPlaylist *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_PLAYLIST (self), FALSE);

  return self->loading;
}

GPtrArray *
kiosk_media_playlist_get_warnings (KioskMediaPlaylist *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_PLAYLIST (self), NULL);

  return self->warnings;
}

void
kiosk_media_playlist_reload (KioskMediaPlaylist *self)
{
  g_return_if_fail (KIOSK_IS_MEDIA_PLAYLIST (self));

  if (self->location == NULL)
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  start_reading (self);
}

/* kiosk-source.c: one city data source: fetch, cache, parse, a list model */

#define G_LOG_DOMAIN "kiosk-source"

#include "config.h"

#include <string.h>

#include "kiosk-event-common.h"
#include "kiosk-log.h"
#include "kiosk-source.h"

struct _KioskSource
{
  GObject            parent_instance;

  /* owned */
  KioskSourceConfig *config;
  KioskFetcher      *fetcher;
  KioskDatabase     *database;
  GTimeZone         *tz;
  GListStore        *items;
  GDateTime         *last_success;
  GDateTime         *last_attempt;
  GError            *error;
  char              *last_error;
  GPtrArray         *warnings;
  /* validators of what is shown, for sources without a database */
  KioskCacheEntry   *validators;
  gboolean           has_data;
  gboolean           refreshing;
  gboolean           stale;        /* as last notified */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_N_ITEMS,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_STALE,
  PROP_REFRESHING,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (KioskSource, kiosk_source, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];


static void
set_last_success (KioskSource *self,
                  GDateTime   *time)
{
  if (time == NULL ||
      (self->last_success != NULL && g_date_time_equal (self->last_success, time)))
    return;

  g_clear_pointer (&self->last_success, g_date_time_unref);
  self->last_success = g_date_time_ref (time);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
}

static void
clear_error (KioskSource *self)
{
  if (self->last_error == NULL)
    return;

  g_clear_error (&self->error);
  g_clear_pointer (&self->last_error, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
splice_items (KioskSource *self,
              GPtrArray   *items)
{
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  g_list_store_splice (self->items, 0, old_n, items->pdata, items->len);
  self->has_data = TRUE;
  if (old_n != items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
set_warnings (KioskSource *self,
              GPtrArray   *warnings)
{
  g_ptr_array_set_size (self->warnings, 0);
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    g_ptr_array_add (self->warnings, g_strdup (g_ptr_array_index (warnings, i)));
}

static void
set_refreshing (KioskSource *self,
                gboolean     refreshing)
{
  if (self->refreshing == refreshing)
    return;

  self->refreshing = refreshing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

/* Pages share their (immutable) bytes and headers, so threads can hold copies. */
static KioskCacheEntry *
copy_entry (const KioskCacheEntry *entry)
{
  KioskCacheEntry *copy = kiosk_cache_entry_new (entry->source_id, entry->url);

  copy->hash = g_strdup (entry->hash);
  copy->etag = g_strdup (entry->etag);
  copy->last_modified = g_strdup (entry->last_modified);
  copy->content_type = g_strdup (entry->content_type);
  copy->fetched_at = entry->fetched_at ? g_date_time_ref (entry->fetched_at) : NULL;
  copy->checked_at = entry->checked_at ? g_date_time_ref (entry->checked_at) : NULL;
  for (guint i = 0; entry->pages != NULL && i < entry->pages->len; i++)
    {
      const KioskCachePage *page = g_ptr_array_index (entry->pages, i);

      g_ptr_array_add (copy->pages, kiosk_cache_page_new (page->url, page->headers, page->bytes));
    }

  return copy;
}

/* Without a database the pages are kept here too, for a refresh that finds
 * them unchanged before anything was shown. */
static void
set_validators (KioskSource           *self,
                const KioskCacheEntry *entry)
{
  g_clear_pointer (&self->validators, kiosk_cache_entry_free);
  if (entry != NULL)
    self->validators = copy_entry (entry);
}

/* Work handed to a thread: everything it reads is its own. */
typedef struct
{
  const KioskFormat *format;
  KioskSourceConfig *config;
  KioskParseContext *ctx;
  KioskFetcher      *fetcher;
  KioskDatabase     *database;
  KioskCacheEntry   *cached;        /* for sources without a database */
  gboolean           need_items;    /* nothing shown yet: parse even if unchanged */
} Job;

typedef struct
{
  KioskSourceUpdate *update;
  GDateTime         *checked_at;
  KioskCacheEntry   *validators;
  char              *cache_message;   /* the cache failed: worth a log line, not an error */
} JobResult;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->config, kiosk_source_config_free);
  g_clear_pointer (&job->ctx, kiosk_parse_context_free);
  g_clear_object (&job->fetcher);
  g_clear_object (&job->database);
  g_clear_pointer (&job->cached, kiosk_cache_entry_free);
  g_free (job);
}

static void
job_result_free (gpointer data)
{
  JobResult *result = data;

  g_clear_pointer (&result->update, kiosk_source_update_free);
  g_clear_pointer (&result->checked_at, g_date_time_unref);
  g_clear_pointer (&result->validators, kiosk_cache_entry_free);
  g_free (result->cache_message);
  g_free (result);
}

static Job *
job_new (KioskSource *self)
{
  Job *job = g_new0 (Job, 1);

  job->format = kiosk_format_lookup (self->config->kind);
  job->config = kiosk_source_config_copy (self->config);
  if (job->format != NULL)
    job->ctx = kiosk_source_make_context (self->config, job->format, self->tz);
  /* On the screen a festival that began three days ago and runs until
   * tomorrow is on now; `ankerort check` keeps the strict window. */
  if (job->ctx != NULL && job->format->area == KIOSK_AREA_EVENTS &&
      !g_hash_table_contains (job->ctx->options, KIOSK_EVENTS_OPTION_KEEP_RUNNING))
    g_hash_table_insert (job->ctx->options,
                         g_strdup (KIOSK_EVENTS_OPTION_KEEP_RUNNING), g_strdup ("true"));
  job->fetcher = self->fetcher ? g_object_ref (self->fetcher) : NULL;
  job->database = self->database ? g_object_ref (self->database) : NULL;
  job->need_items = !self->has_data;
  if (self->validators != NULL && self->database == NULL)
    job->cached = copy_entry (self->validators);

  return job;
}

static gboolean
check_format (Job     *job,
              GError **error)
{
  if (job->format == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_UNKNOWN_KIND,
                   "unknown kind “%s”", job->config->kind);
      return FALSE;
    }
  if (job->format->parse == NULL)
    {
      g_set_error (error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_UNKNOWN_KIND,
                   "kind “%s” is not fetched as a source", job->config->kind);
      return FALSE;
    }

  return TRUE;
}

/* Parses @cached's pages into a fresh update. */
static KioskSourceUpdate *
update_from_cache (Job                   *job,
                   const KioskCacheEntry *cached,
                   GError               **error)
{
  g_autoptr(KioskSourceUpdate) update = g_new0 (KioskSourceUpdate, 1);

  update->items = g_ptr_array_new_with_free_func (g_object_unref);
  update->warnings = g_ptr_array_new_with_free_func (g_free);
  if (!kiosk_source_parse_pages (job->format, job->ctx, cached->pages,
                                 update->items, update->warnings, error))
    return NULL;

  return g_steal_pointer (&update);
}

static gboolean
usable_cache (Job                   *job,
              const KioskCacheEntry *cached)
{
  return cached != NULL && g_strcmp0 (cached->url, job->config->url) == 0 &&
         cached->pages != NULL && cached->pages->len > 0;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(KioskCacheEntry) cached = NULL;
  g_autoptr(GError) error = NULL;
  JobResult *result = g_new0 (JobResult, 1);

  if (job->database != NULL && check_format (job, NULL) &&
      kiosk_database_load (job->database, job->config->id, &cached, &error) &&
      usable_cache (job, cached))
    {
      result->update = update_from_cache (job, cached, &error);
      if (result->update != NULL)
        {
          result->checked_at = cached->checked_at ? g_date_time_ref (cached->checked_at) : NULL;
          result->validators = g_steal_pointer (&cached);
        }
    }

  /* A cache that cannot be read or parsed is as good as none. */
  if (error != NULL)
    result->cache_message = g_strdup_printf ("cached data of “%s” not used: %s",
                                             job->config->id, error->message);

  g_task_return_pointer (task, result, job_result_free);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(KioskCacheEntry) stored = NULL;
  const KioskCacheEntry *cached = job->cached;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) cache_error = NULL;
  JobResult *result;

  if (!check_format (job, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->fetcher == NULL)
    {
      g_task_return_new_error (task, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_FAILED,
                               "this source has no fetcher");
      return;
    }

  if (job->database != NULL)
    {
      if (kiosk_database_load (job->database, job->config->id, &stored, &cache_error))
        cached = stored;
      g_clear_error (&cache_error);
    }

  result = g_new0 (JobResult, 1);
  result->update = kiosk_source_fetch_and_parse (job->fetcher, job->format, job->config,
                                                 job->ctx, cached, cancellable, &error);
  if (result->update == NULL)
    {
      job_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result->checked_at = g_date_time_ref (result->update->fetched_at);
  if (result->update->entry != NULL)
    {
      if (job->database != NULL &&
          !kiosk_database_store (job->database, result->update->entry, &cache_error))
        result->cache_message = g_strdup_printf ("cannot cache “%s”: %s",
                                                 job->config->id, cache_error->message);
      result->validators = g_steal_pointer (&result->update->entry);
    }
  else if (usable_cache (job, cached))
    {
      if (job->database != NULL &&
          !kiosk_database_touch (job->database, job->config->id, result->checked_at, &cache_error))
        result->cache_message = g_strdup_printf ("cannot update the cache of “%s”: %s",
                                                 job->config->id, cache_error->message);
      if (job->need_items)
        {
          KioskSourceUpdate *parsed = update_from_cache (job, cached, &error);

          if (parsed == NULL)
            {
              job_result_free (result);
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          kiosk_source_update_free (result->update);
          result->update = parsed;
        }
      if (stored != NULL)
        result->validators = g_steal_pointer (&stored);
    }

  g_task_return_pointer (task, result, job_result_free);
}

static void
apply_result (KioskSource *self,
              JobResult   *result)
{
  if (result->cache_message != NULL)
    g_message ("%s", result->cache_message);

  if (result->validators != NULL && self->database == NULL)
    set_validators (self, result->validators);

  if (result->update != NULL && result->update->items != NULL)
    {
      splice_items (self, result->update->items);
      set_warnings (self, result->update->warnings);
    }
}

static void
kiosk_source_dispose (GObject *object)
{
  KioskSource *self = (KioskSource *)object;

  g_clear_object (&self->fetcher);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (kiosk_source_parent_class)->dispose (object);
}

static void
kiosk_source_finalize (GObject *object)
{
  KioskSource *self = (KioskSource *)object;

  g_clear_pointer (&self->config, kiosk_source_config_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_object (&self->items);
  g_clear_pointer (&self->last_success, g_date_time_unref);
  g_clear_pointer (&self->last_attempt, g_date_time_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->validators, kiosk_cache_entry_free);

  G_OBJECT_CLASS (kiosk_source_parent_class)->finalize (object);
}

static void
kiosk_source_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KioskSource *self = KIOSK_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->config->id);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->config->kind);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, kiosk_source_get_n_items (self));
      break;

    case PROP_LAST_SUCCESS:
      g_value_set_boxed (value, self->last_success);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_STALE:
      g_value_set_boolean (value, kiosk_source_get_stale (self));
      break;

    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refreshing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_source_class_init (KioskSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_source_dispose;
  object_class->finalize = kiosk_source_finalize;
  object_class->get_property = kiosk_source_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_boxed ("last-success", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_source_init (KioskSource *self)
{
  self->warnings = g_ptr_array_new_with_free_func (g_free);
}

KioskSource *
kiosk_source_new (const KioskSourceConfig *config)
{
  return kiosk_source_new_full (config, NULL, NULL, NULL);
}

KioskSource *
kiosk_source_new_full (const KioskSourceConfig *config,
                       KioskFetcher            *fetcher,
                       KioskDatabase           *database,
                       GTimeZone               *tz)
{
  const KioskFormat *format;
  KioskSource *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (fetcher == NULL || KIOSK_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (database == NULL || KIOSK_IS_DATABASE (database), NULL);

  self = g_object_new (KIOSK_TYPE_SOURCE, NULL);
  self->config = kiosk_source_config_copy (config);
  self->fetcher = fetcher != NULL ? g_object_ref (fetcher) : NULL;
  self->database = database != NULL ? g_object_ref (database) : NULL;
  self->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  format = kiosk_format_lookup (config->kind);
  self->items = g_list_store_new (format != NULL && format->get_item_type != NULL
                                  ? format->get_item_type ()
                                  : G_TYPE_OBJECT);

  return self;
}

const KioskSourceConfig *
kiosk_source_get_config (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->config;
}

const char *
kiosk_source_get_id (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->config->id;
}

const char *
kiosk_source_get_kind (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->config->kind;
}

KioskArea
kiosk_source_get_area (KioskSource *self)
{
  const KioskFormat *format;

  g_return_val_if_fail (KIOSK_IS_SOURCE (self), KIOSK_AREA_NONE);

  format = kiosk_format_lookup (self->config->kind);
  return format != NULL ? format->area : KIOSK_AREA_NONE;
}

GListModel *
kiosk_source_get_model (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return G_LIST_MODEL (self->items);
}

guint
kiosk_source_get_n_items (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

GDateTime *
kiosk_source_get_last_success (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->last_success;
}

GDateTime *
kiosk_source_get_last_attempt (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->last_attempt;
}

const char *
kiosk_source_get_last_error (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->last_error;
}

const GError *
kiosk_source_get_error (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->error;
}

GTimeSpan
kiosk_source_get_age (KioskSource *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (KIOSK_IS_SOURCE (self), -1);

  if (self->last_success == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  return MAX (g_date_time_difference (now, self->last_success), 0);
}

gboolean
kiosk_source_get_stale (KioskSource *self)
{
  GTimeSpan age;

  g_return_val_if_fail (KIOSK_IS_SOURCE (self), FALSE);

  if (self->last_error != NULL)
    return TRUE;

  age = kiosk_source_get_age (self);
  return age >= 0 && self->config->refresh_interval > 0 &&
         age > 2 * (GTimeSpan) self->config->refresh_interval * G_TIME_SPAN_SECOND;
}

void
kiosk_source_check_stale (KioskSource *self)
{
  gboolean stale;

  g_return_if_fail (KIOSK_IS_SOURCE (self));

  stale = kiosk_source_get_stale (self);
  if (stale == self->stale)
    return;

  self->stale = stale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

GPtrArray *
kiosk_source_get_warnings (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), NULL);

  return self->warnings;
}

gboolean
kiosk_source_get_refreshing (KioskSource *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), FALSE);

  return self->refreshing;
}

void
kiosk_source_set_items (KioskSource *self,
                        GPtrArray   *items)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (KIOSK_IS_SOURCE (self));
  g_return_if_fail (items != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  splice_items (self, items);
  now = g_date_time_new_now_utc ();
  g_clear_pointer (&self->last_attempt, g_date_time_unref);
  self->last_attempt = g_date_time_ref (now);
  set_last_success (self, now);
  clear_error (self);
  kiosk_source_check_stale (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
kiosk_source_set_error (KioskSource  *self,
                        const GError *error)
{
  g_return_if_fail (KIOSK_IS_SOURCE (self));
  g_return_if_fail (error != NULL);

  g_clear_pointer (&self->last_attempt, g_date_time_unref);
  self->last_attempt = g_date_time_new_now_utc ();
  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  g_free (self->last_error);
  self->last_error = g_strdup (error->message);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  kiosk_source_check_stale (self);
}

static void
load_cached_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  KioskSource *self = KIOSK_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  JobResult *job_result;

  job_result = g_task_propagate_pointer (G_TASK (result), &error);
  if (job_result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A refresh may have won the race; its data is newer. */
  if (!self->has_data)
    {
      if (job_result->update != NULL)
        g_debug ("“%s”: %u cached items shown", self->config->id,
                 job_result->update->items->len);
      g_object_freeze_notify (G_OBJECT (self));
      apply_result (self, job_result);
      if (job_result->update != NULL && self->last_success == NULL)
        set_last_success (self, job_result->checked_at);
      kiosk_source_check_stale (self);
      g_object_thaw_notify (G_OBJECT (self));
    }
  job_result_free (job_result);

  g_task_return_boolean (task, TRUE);
}

void
kiosk_source_load_cached_async (KioskSource         *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (KIOSK_IS_SOURCE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_source_load_cached_async);

  /* The thread's result is applied on this thread before @task completes. */
  inner = g_task_new (self, cancellable, load_cached_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (inner, job_new (self), job_free);
  g_task_run_in_thread (inner, load_thread);
}

gboolean
kiosk_source_load_cached_finish (KioskSource   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KioskSource *self = KIOSK_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  JobResult *job_result;

  set_refreshing (self, FALSE);

  job_result = g_task_propagate_pointer (G_TASK (result), &error);
  if (job_result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          kiosk_log_event (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, KIOSK_LOG_SOURCE_FAILED,
                           self->config->id, "Refreshing “%s” failed: %s",
                           self->config->id, error->message);
          kiosk_source_set_error (self, error);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  apply_result (self, job_result);
  g_clear_pointer (&self->last_attempt, g_date_time_unref);
  self->last_attempt = g_date_time_ref (job_result->checked_at);
  set_last_success (self, job_result->checked_at);
  clear_error (self);
  kiosk_source_check_stale (self);
  g_object_thaw_notify (G_OBJECT (self));
  job_result_free (job_result);
  kiosk_log_event (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, KIOSK_LOG_SOURCE_REFRESHED, self->config->id,
                   "Refreshed “%s”: %u items", self->config->id, kiosk_source_get_n_items (self));

  g_task_return_boolean (task, TRUE);
}

void
kiosk_source_refresh_async (KioskSource         *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (KIOSK_IS_SOURCE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_source_refresh_async);

  if (self->refreshing)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "“%s” is already being refreshed", self->config->id);
      return;
    }

  set_refreshing (self, TRUE);
  inner = g_task_new (self, cancellable, refresh_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (inner, job_new (self), job_free);
  g_task_run_in_thread (inner, refresh_thread);
}

gboolean
kiosk_source_refresh_finish (KioskSource   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

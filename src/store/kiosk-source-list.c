/* kiosk-source-list.c: every configured source, grouped by area */

#define G_LOG_DOMAIN "kiosk-source-list"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "kiosk-reading-history.h"
#include "kiosk-reading.h"
#include "kiosk-source-list.h"

/* Hours of recorded history given to each reading. */
#define HISTORY_HOURS 24

struct _KioskSourceList
{
  GObject     parent_instance;

  /* owned */
  GListStore *sources;
  GListStore *area_models[KIOSK_N_AREAS];   /* GListModel of each source's items */
  GListModel *area_items[KIOSK_N_AREAS];    /* flattened */
  char       *status_text;     /* the last one formatted */
  GDateTime  *status_time;
  GTimeZone  *tz;
  gboolean    offline;
  KioskReadingHistory *history;   /* may be NULL: nothing is recorded */
  GCancellable *cancellable;
};

enum {
  PROP_0,
  PROP_STATUS_TEXT,
  PROP_OFFLINE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (KioskSourceList, kiosk_source_list, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The line is formatted when read, so a language switch shows at once. */
static char *
format_status (KioskSourceList *self)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *hhmm = NULL;

  if (self->status_time == NULL)
    return g_strdup (self->offline ? _("Offline — no data yet") : "");

  local = g_date_time_to_timezone (self->status_time, self->tz);
  hhmm = g_date_time_format (local, "%H:%M");
  if (self->offline)
    /* Translators: %s is a time like 10:42 */
    return g_strdup_printf (_("Offline — saved data from %s"), hhmm);

  /* Translators: "as of", %s is a time like 10:42 */
  return g_strdup_printf (_("Updated %s"), hhmm);
}

/* "Updated" gives the newest confirmation; when a source fails, the line
 * says offline and gives the oldest data still on screen. */
static void
update_status (KioskSourceList *self)
{
  g_autoptr(GDateTime) newest = NULL;
  g_autoptr(GDateTime) oldest_failed = NULL;
  GDateTime *time;
  gboolean any_error = FALSE;
  gboolean time_changed, offline_changed;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);
      GDateTime *success = kiosk_source_get_last_success (source);
      gboolean failed = kiosk_source_get_last_error (source) != NULL;

      any_error |= failed;
      if (success == NULL)
        continue;
      if (newest == NULL || g_date_time_compare (success, newest) > 0)
        {
          g_clear_pointer (&newest, g_date_time_unref);
          newest = g_date_time_ref (success);
        }
      if (failed && (oldest_failed == NULL || g_date_time_compare (success, oldest_failed) < 0))
        {
          g_clear_pointer (&oldest_failed, g_date_time_unref);
          oldest_failed = g_date_time_ref (success);
        }
    }

  time = any_error && oldest_failed != NULL ? oldest_failed : newest;
  time_changed = (time == NULL) != (self->status_time == NULL) ||
                 (time != NULL && !g_date_time_equal (time, self->status_time));
  offline_changed = self->offline != any_error;

  /* Both fields first: a handler of either notification reads both. */
  if (time_changed)
    {
      g_clear_pointer (&self->status_time, g_date_time_unref);
      self->status_time = time != NULL ? g_date_time_ref (time) : NULL;
    }
  self->offline = any_error;

  if (time_changed || offline_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
  if (offline_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

static void
source_status_cb (KioskSource     *source,
                  GParamSpec      *pspec,
                  KioskSourceList *self)
{
  update_status (self);
}

/* Recording readings */

typedef struct
{
  GPtrArray *readings;
} HistoryUpdate;

static void
history_updated_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  HistoryUpdate *update = user_data;
  g_autoptr(GHashTable) histories = NULL;
  g_autoptr(GError) error = NULL;

  histories = kiosk_reading_history_update_finish (KIOSK_READING_HISTORY (object), result, &error);
  if (histories != NULL)
    kiosk_reading_history_apply (histories, update->readings);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Reading history: %s", error->message);

  g_ptr_array_unref (update->readings);
  g_free (update);
}

/* Records what @source shows now, and gives readings from services
 * without history of their own (NGSI) what the kiosk saw before. */
static void
record_source (KioskSourceList *self,
               KioskSource     *source)
{
  GListModel *model = kiosk_source_get_model (source);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GDateTime) now = NULL;
  HistoryUpdate *update;

  if (self->history == NULL || n == 0)
    return;

  update = g_new0 (HistoryUpdate, 1);
  update->readings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (KIOSK_IS_READING (item))
        g_ptr_array_add (update->readings, g_steal_pointer (&item));
    }

  now = g_date_time_new_now (self->tz);
  kiosk_reading_history_update_async (self->history, kiosk_source_get_id (source),
                                      update->readings, now, HISTORY_HOURS, self->cancellable,
                                      history_updated_cb, update);
}

/* The handler sits on the source's model, which the source owns: it holds
 * neither the source nor its items, so dropping a source frees it. */
static void
source_items_changed_cb (GListModel      *model,
                         guint            position,
                         guint            removed,
                         guint            added,
                         KioskSourceList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (kiosk_source_get_model (source) == model)
        {
          record_source (self, source);
          return;
        }
    }
}

/* Takes @source out of its area's models; returns where it was there. */
static guint
detach (KioskSourceList *self,
        KioskSource     *source)
{
  GListStore *area = self->area_models[kiosk_source_get_area (source)];
  guint position = G_MAXUINT;

  g_signal_handlers_disconnect_by_data (source, self);
  g_signal_handlers_disconnect_by_data (kiosk_source_get_model (source), self);
  if (g_list_store_find (area, kiosk_source_get_model (source), &position))
    g_list_store_remove (area, position);

  return position;
}

static void
watch (KioskSourceList *self,
       KioskSource     *source)
{
  g_signal_connect_object (source, "notify::last-success",
                           G_CALLBACK (source_status_cb), self, 0);
  g_signal_connect_object (source, "notify::last-error",
                           G_CALLBACK (source_status_cb), self, 0);
  if (kiosk_source_get_area (source) == KIOSK_AREA_SENSORS)
    {
      g_signal_connect_object (kiosk_source_get_model (source), "items-changed",
                               G_CALLBACK (source_items_changed_cb), self, 0);
      record_source (self, source);
    }
}

static void
kiosk_source_list_dispose (GObject *object)
{
  KioskSourceList *self = (KioskSourceList *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->sources != NULL)
    kiosk_source_list_remove_all (self);

  for (guint i = 0; i < KIOSK_N_AREAS; i++)
    {
      g_clear_object (&self->area_items[i]);
      g_clear_object (&self->area_models[i]);
    }
  g_clear_object (&self->sources);

  G_OBJECT_CLASS (kiosk_source_list_parent_class)->dispose (object);
}

static void
kiosk_source_list_finalize (GObject *object)
{
  KioskSourceList *self = (KioskSourceList *)object;

  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->status_time, g_date_time_unref);
  g_clear_object (&self->history);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kiosk_source_list_parent_class)->finalize (object);
}

static void
kiosk_source_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KioskSourceList *self = KIOSK_SOURCE_LIST (object);

  switch (prop_id)
    {
    case PROP_STATUS_TEXT:
      g_value_set_string (value, kiosk_source_list_get_status_text (self));
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_source_list_class_init (KioskSourceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_source_list_dispose;
  object_class->finalize = kiosk_source_list_finalize;
  object_class->get_property = kiosk_source_list_get_property;

  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_source_list_init (KioskSourceList *self)
{
  self->sources = g_list_store_new (KIOSK_TYPE_SOURCE);
  self->status_text = g_strdup ("");
  self->tz = g_time_zone_new_local ();
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < KIOSK_N_AREAS; i++)
    {
      self->area_models[i] = g_list_store_new (G_TYPE_LIST_MODEL);
      self->area_items[i] =
        G_LIST_MODEL (gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->area_models[i]))));
    }
}

KioskSourceList *
kiosk_source_list_new (void)
{
  return g_object_new (KIOSK_TYPE_SOURCE_LIST, NULL);
}

void
kiosk_source_list_add (KioskSourceList *self,
                       KioskSource     *source)
{
  KioskArea area;

  g_return_if_fail (KIOSK_IS_SOURCE_LIST (self));
  g_return_if_fail (KIOSK_IS_SOURCE (source));

  g_list_store_append (self->sources, source);
  area = kiosk_source_get_area (source);
  g_list_store_append (self->area_models[area], kiosk_source_get_model (source));

  watch (self, source);
  update_status (self);
}

void
kiosk_source_list_remove (KioskSourceList *self,
                          KioskSource     *source)
{
  guint position;

  g_return_if_fail (KIOSK_IS_SOURCE_LIST (self));
  g_return_if_fail (KIOSK_IS_SOURCE (source));

  if (!g_list_store_find (self->sources, source, &position))
    return;

  /* Keep it alive until both lists have let go. */
  g_object_ref (source);
  detach (self, source);
  g_list_store_remove (self->sources, position);
  g_object_unref (source);

  update_status (self);
}

void
kiosk_source_list_replace (KioskSourceList *self,
                           KioskSource     *old_source,
                           KioskSource     *new_source)
{
  g_autoptr(KioskSource) old_ref = NULL;
  GListStore *area;
  guint position, area_position;

  g_return_if_fail (KIOSK_IS_SOURCE_LIST (self));
  g_return_if_fail (KIOSK_IS_SOURCE (old_source));
  g_return_if_fail (KIOSK_IS_SOURCE (new_source));

  if (!g_list_store_find (self->sources, old_source, &position))
    {
      kiosk_source_list_add (self, new_source);
      return;
    }

  /* Same places in both lists, so the other sources' items stay put. */
  old_ref = g_object_ref (old_source);
  area_position = detach (self, old_source);
  area = self->area_models[kiosk_source_get_area (new_source)];
  if (kiosk_source_get_area (new_source) == kiosk_source_get_area (old_source) &&
      area_position != G_MAXUINT)
    g_list_store_insert (area, area_position, kiosk_source_get_model (new_source));
  else
    g_list_store_append (area, kiosk_source_get_model (new_source));
  g_list_store_splice (self->sources, position, 1, (gpointer *) &new_source, 1);
  watch (self, new_source);

  update_status (self);
}

void
kiosk_source_list_remove_all (KioskSourceList *self)
{
  guint n;

  g_return_if_fail (KIOSK_IS_SOURCE_LIST (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      g_signal_handlers_disconnect_by_data (source, self);
      g_signal_handlers_disconnect_by_data (kiosk_source_get_model (source), self);
    }

  g_list_store_remove_all (self->sources);
  for (guint i = 0; i < KIOSK_N_AREAS; i++)
    g_list_store_remove_all (self->area_models[i]);

  update_status (self);
}

GListModel *
kiosk_source_list_get_sources (KioskSourceList *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE_LIST (self), NULL);

  return G_LIST_MODEL (self->sources);
}

KioskSource *
kiosk_source_list_lookup (KioskSourceList *self,
                          const char      *id)
{
  guint n;

  g_return_val_if_fail (KIOSK_IS_SOURCE_LIST (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (g_strcmp0 (kiosk_source_get_id (source), id) == 0)
        return source;
    }

  return NULL;
}

GListModel *
kiosk_source_list_get_items (KioskSourceList *self,
                             KioskArea        area)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE_LIST (self), NULL);
  g_return_val_if_fail (area < KIOSK_N_AREAS, NULL);

  return self->area_items[area];
}

gboolean
kiosk_source_list_has_area (KioskSourceList *self,
                            KioskArea        area)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE_LIST (self), FALSE);
  g_return_val_if_fail (area < KIOSK_N_AREAS, FALSE);

  return g_list_model_get_n_items (G_LIST_MODEL (self->area_models[area])) > 0;
}

const char *
kiosk_source_list_get_status_text (KioskSourceList *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE_LIST (self), NULL);

  {
    /* The old pointer stays valid unless the text really changed. */
    g_autofree char *text = format_status (self);

    if (g_strcmp0 (text, self->status_text) != 0)
      {
        g_free (self->status_text);
        self->status_text = g_steal_pointer (&text);
      }
  }

  return self->status_text;
}

gboolean
kiosk_source_list_get_offline (KioskSourceList *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE_LIST (self), FALSE);

  return self->offline;
}

void
kiosk_source_list_set_time_zone (KioskSourceList *self,
                                 GTimeZone       *tz)
{
  g_return_if_fail (KIOSK_IS_SOURCE_LIST (self));
  g_return_if_fail (tz != NULL);

  g_time_zone_unref (self->tz);
  self->tz = g_time_zone_ref (tz);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
}

void
kiosk_source_list_set_history (KioskSourceList     *self,
                               KioskReadingHistory *history)
{
  g_return_if_fail (KIOSK_IS_SOURCE_LIST (self));
  g_return_if_fail (history == NULL || KIOSK_IS_READING_HISTORY (history));

  g_set_object (&self->history, history);
}

KioskReadingHistory *
kiosk_source_list_get_history (KioskSourceList *self)
{
  g_return_val_if_fail (KIOSK_IS_SOURCE_LIST (self), NULL);

  return self->history;
}

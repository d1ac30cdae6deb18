/* kiosk-sync.c: when each source refreshes: intervals, jitter, backoff, network */

#define G_LOG_DOMAIN "kiosk-sync"

#include "config.h"

#include "kiosk-sync.h"

typedef struct
{
  KioskSource  *source;
  GCancellable *cancellable;
  gint64        next_due;
  guint         failures;
  gboolean      busy;
  gboolean      loaded;
} Entry;

struct _KioskSync
{
  GObject          parent_instance;

  /* owned */
  KioskSourceList *sources;
  GNetworkMonitor *monitor;
  GPtrArray       *entries;        /* Entry* */
  GRand           *rand;
  KioskSyncClock   clock;
  gpointer         clock_data;
  guint            backoff_base;
  guint            backoff_cap;
  guint            start_spread;
  guint            timer_id;
  gboolean         started;
  gboolean         network_available;
};

enum {
  REFRESHED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KioskSync, kiosk_sync, G_TYPE_OBJECT)

static guint signals[N_SIGNALS];

static void refresh_entry (KioskSync *self,
                           Entry     *entry);

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_cancellable_cancel (entry->cancellable);
  g_clear_object (&entry->cancellable);
  g_clear_object (&entry->source);
  g_free (entry);
}

static gint64
now (KioskSync *self)
{
  return self->clock (self->clock_data);
}

static gint64
default_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static Entry *
find_entry (KioskSync   *self,
            KioskSource *source)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->source == source)
        return entry;
    }

  return NULL;
}

/* ± KIOSK_SYNC_JITTER, so kiosks and sources do not all ask at once. */
static gint64
jittered (KioskSync *self,
          guint      seconds)
{
  double factor = 1.0 + g_rand_double_range (self->rand, -KIOSK_SYNC_JITTER, KIOSK_SYNC_JITTER);

  return (gint64) (seconds * factor * G_USEC_PER_SEC);
}

/* The interval and up to 2 · KIOSK_SYNC_JITTER of it more, never less: a
 * source costs at most one request per interval, and kiosks that started
 * together drift apart. */
static gint64
lengthened (KioskSync *self,
            guint      seconds)
{
  double factor = 1.0 + g_rand_double_range (self->rand, 0, 2 * KIOSK_SYNC_JITTER);

  return (gint64) (seconds * factor * G_USEC_PER_SEC);
}

/* When a source with data on screen first asks the network: somewhere in
 * its first interval (at most start_spread seconds), so that a fleet
 * switched on at the same minute spreads its requests over the interval.
 * Without data, at once. */
static gint64
first_due (KioskSync   *self,
           KioskSource *source)
{
  guint interval = kiosk_source_get_config (source)->refresh_interval;
  guint spread = MIN (interval, self->start_spread);

  if (kiosk_source_get_age (source) < 0 || spread == 0)
    return now (self);

  return now (self) + (gint64) g_rand_double_range (self->rand, 0, spread * (double) G_USEC_PER_SEC);
}

guint
kiosk_sync_backoff_delay (guint failures,
                          guint base,
                          guint cap)
{
  guint64 delay = base;

  if (failures == 0)
    return 0;

  for (guint i = 1; i < failures && delay < cap; i++)
    delay *= 2;

  return (guint) MIN (delay, (guint64) cap);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KioskSource *source = KIOSK_SOURCE (object);
  g_autoptr(KioskSync) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  Entry *entry;

  ok = kiosk_source_refresh_finish (source, result, &error);
  entry = find_entry (self, source);
  if (entry == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  entry->busy = FALSE;
  /* Someone else is refreshing it (a cancelled run still finishing). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      entry->next_due = now (self) + G_USEC_PER_SEC;
      return;
    }
  if (ok)
    {
      guint interval = kiosk_source_get_config (source)->refresh_interval;

      /* An interval of 0: only at start and when the network comes back. */
      entry->failures = 0;
      entry->next_due = interval > 0 ? now (self) + lengthened (self, interval) : G_MAXINT64;
    }
  else
    {
      guint delay;

      entry->failures++;
      delay = kiosk_sync_backoff_delay (entry->failures, self->backoff_base, self->backoff_cap);
      entry->next_due = now (self) + jittered (self, delay);
      g_debug ("“%s” failed %u time(s) in a row, next try in about %u s",
               kiosk_source_get_id (source), entry->failures, delay);
    }

  g_signal_emit (self, signals[REFRESHED], 0, source, ok);
}

static void
refresh_entry (KioskSync *self,
               Entry     *entry)
{
  entry->busy = TRUE;
  kiosk_source_refresh_async (entry->source, entry->cancellable, refresh_cb, g_object_ref (self));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KioskSource *source = KIOSK_SOURCE (object);
  g_autoptr(KioskSync) self = user_data;
  g_autoptr(GError) error = NULL;
  Entry *entry;

  kiosk_source_load_cached_finish (source, result, &error);
  entry = find_entry (self, source);
  if (entry == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Cached data is on screen: now ask the network. */
  entry->busy = FALSE;
  entry->loaded = TRUE;
  entry->next_due = first_due (self, source);
  if (self->started && entry->next_due <= now (self))
    refresh_entry (self, entry);
}

static void
add_entry (KioskSync   *self,
           KioskSource *source)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->source = g_object_ref (source);
  entry->cancellable = g_cancellable_new ();
  entry->next_due = G_MAXINT64;
  g_ptr_array_add (self->entries, entry);

  if (self->started)
    {
      entry->busy = TRUE;
      kiosk_source_load_cached_async (source, entry->cancellable, load_cb, g_object_ref (self));
    }
}

/* Media sources are local folders the attract loop reads and watches
 * itself: nothing to fetch (kiosk-media-format.c). */
static gboolean
is_fetched (KioskSource *source)
{
  const KioskFormat *format = kiosk_format_lookup (kiosk_source_get_kind (source));

  return format == NULL || format->parse != NULL;
}

/* Follows the list: new sources get an entry, removed ones lose theirs. */
static void
reconcile (KioskSync *self)
{
  GListModel *sources = kiosk_source_list_get_sources (self->sources);
  guint n = g_list_model_get_n_items (sources);

  for (guint i = self->entries->len; i > 0; i--)
    {
      Entry *entry = g_ptr_array_index (self->entries, i - 1);
      gboolean present = FALSE;

      for (guint j = 0; j < n && !present; j++)
        {
          g_autoptr(KioskSource) source = g_list_model_get_item (sources, j);

          present = source == entry->source;
        }
      if (!present)
        g_ptr_array_remove_index (self->entries, i - 1);
    }

  for (guint j = 0; j < n; j++)
    {
      g_autoptr(KioskSource) source = g_list_model_get_item (sources, j);

      if (find_entry (self, source) == NULL && is_fetched (source))
        add_entry (self, source);
    }
}

static void
sources_changed_cb (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    KioskSync  *self)
{
  reconcile (self);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    GParamSpec      *pspec,
                    KioskSync       *self)
{
  gboolean available = g_network_monitor_get_network_available (monitor);

  if (available && !self->network_available)
    {
      g_debug ("The network is back: refreshing soon");
      kiosk_sync_refresh_soon (self);
    }
  self->network_available = available;
}

static gboolean
timer_cb (gpointer user_data)
{
  kiosk_sync_tick (user_data);

  return G_SOURCE_CONTINUE;
}

static void
kiosk_sync_dispose (GObject *object)
{
  KioskSync *self = (KioskSync *)object;

  kiosk_sync_stop (self);
  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (kiosk_source_list_get_sources (self->sources), self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->sources);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (kiosk_sync_parent_class)->dispose (object);
}

static void
kiosk_sync_finalize (GObject *object)
{
  KioskSync *self = (KioskSync *)object;

  g_clear_pointer (&self->rand, g_rand_free);

  G_OBJECT_CLASS (kiosk_sync_parent_class)->finalize (object);
}

static void
kiosk_sync_class_init (KioskSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_sync_dispose;
  object_class->finalize = kiosk_sync_finalize;

  /* After each refresh that was not cancelled; @ok is FALSE on failure. */
  signals[REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, KIOSK_TYPE_SOURCE, G_TYPE_BOOLEAN);
}

static void
kiosk_sync_init (KioskSync *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->rand = g_rand_new ();
  self->clock = default_clock;
  self->backoff_base = KIOSK_SYNC_DEFAULT_BACKOFF_BASE;
  self->backoff_cap = KIOSK_SYNC_DEFAULT_BACKOFF_CAP;
  self->start_spread = KIOSK_SYNC_DEFAULT_START_SPREAD;
}

KioskSync *
kiosk_sync_new (KioskSourceList *sources,
                GNetworkMonitor *monitor)
{
  KioskSync *self;

  g_return_val_if_fail (KIOSK_IS_SOURCE_LIST (sources), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  self = g_object_new (KIOSK_TYPE_SYNC, NULL);
  self->sources = g_object_ref (sources);
  self->monitor = g_object_ref (monitor != NULL ? monitor : g_network_monitor_get_default ());
  self->network_available = g_network_monitor_get_network_available (self->monitor);

  g_signal_connect_object (kiosk_source_list_get_sources (sources), "items-changed",
                           G_CALLBACK (sources_changed_cb), self, 0);
  g_signal_connect_object (self->monitor, "notify::network-available",
                           G_CALLBACK (network_changed_cb), self, 0);
  reconcile (self);

  return self;
}

void
kiosk_sync_set_clock (KioskSync      *self,
                      KioskSyncClock  clock,
                      gpointer        user_data)
{
  g_return_if_fail (KIOSK_IS_SYNC (self));

  self->clock = clock != NULL ? clock : default_clock;
  self->clock_data = user_data;
}

void
kiosk_sync_set_random_seed (KioskSync *self,
                            guint32    seed)
{
  g_return_if_fail (KIOSK_IS_SYNC (self));

  g_rand_set_seed (self->rand, seed);
}

void
kiosk_sync_set_backoff (KioskSync *self,
                        guint      base_seconds,
                        guint      cap_seconds)
{
  g_return_if_fail (KIOSK_IS_SYNC (self));
  g_return_if_fail (base_seconds > 0 && cap_seconds >= base_seconds);

  self->backoff_base = base_seconds;
  self->backoff_cap = cap_seconds;
}

void
kiosk_sync_set_start_spread (KioskSync *self,
                             guint      seconds)
{
  g_return_if_fail (KIOSK_IS_SYNC (self));

  self->start_spread = seconds;
}

void
kiosk_sync_start (KioskSync *self)
{
  g_return_if_fail (KIOSK_IS_SYNC (self));

  if (self->started)
    return;

  self->started = TRUE;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->busy)
        continue;
      entry->busy = TRUE;
      kiosk_source_load_cached_async (entry->source, entry->cancellable, load_cb,
                                      g_object_ref (self));
    }
  self->timer_id = g_timeout_add_seconds (1, timer_cb, self);
}

void
kiosk_sync_stop (KioskSync *self)
{
  g_return_if_fail (KIOSK_IS_SYNC (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      g_cancellable_cancel (entry->cancellable);
      g_clear_object (&entry->cancellable);
      entry->cancellable = g_cancellable_new ();
      entry->busy = FALSE;
    }
}

void
kiosk_sync_tick (KioskSync *self)
{
  gint64 t;

  g_return_if_fail (KIOSK_IS_SYNC (self));

  if (!self->started)
    return;

  t = now (self);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      kiosk_source_check_stale (entry->source);
      if (!entry->busy && entry->loaded && t >= entry->next_due)
        refresh_entry (self, entry);
    }
}

void
kiosk_sync_refresh_soon (KioskSync *self)
{
  gint64 t;

  g_return_if_fail (KIOSK_IS_SYNC (self));

  t = now (self);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      /* Within a few seconds, not all in the same one. */
      entry->next_due = MIN (entry->next_due,
                             t + g_rand_int_range (self->rand, 0, 3 * G_USEC_PER_SEC));
    }
}

gint64
kiosk_sync_get_next_due (KioskSync   *self,
                         KioskSource *source)
{
  Entry *entry;

  g_return_val_if_fail (KIOSK_IS_SYNC (self), -1);

  entry = find_entry (self, source);
  if (entry == NULL || entry->busy)
    return -1;

  return entry->next_due;
}

guint
kiosk_sync_get_failures (KioskSync   *self,
                         KioskSource *source)
{
  Entry *entry;

  g_return_val_if_fail (KIOSK_IS_SYNC (self), 0);

  entry = find_entry (self, source);
  return entry != NULL ? entry->failures : 0;
}

/* kiosk-outbox-sender.c: sends the outbox's answers, exactly once, in order
 *
 * One thread POSTs the outbox's rows one at a time with their
 * Idempotency-Key. A row goes only after a 2xx; a 4xx (but 408, 425, 429)
 * sets it aside for staff; anything else is retried with exponential
 * backoff. A POST whose answer is lost is repeated with the same key and
 * the same bytes, so the city counts it once.
 *
 * Heartbeats (the kiosk's status for the city's monitoring) go the same
 * way, but a refused one is dropped rather than set aside: the next one
 * replaces it anyway. */

#define G_LOG_DOMAIN "kiosk-outbox-sender"

#include "config.h"

#include <libsoup/soup.h>

#include "kiosk-fetcher.h"
#include "kiosk-log.h"
#include "kiosk-outbox-sender.h"
#include "kiosk-redact.h"

#define DEFAULT_INITIAL_MS   2000
#define DEFAULT_MAX_MS       (5 * 60 * 1000)
#define DEFAULT_TIMEOUT_S    30
#define IDLE_POLL_US         (60 * G_USEC_PER_SEC)
#define MAX_REASON           200

struct _KioskOutboxSender
{
  GObject         parent_instance;

  /* owned */
  KioskOutbox    *outbox;
  KioskFetcher   *fetcher;
  GThread        *thread;
  GCancellable   *cancellable;
  GNetworkMonitor *monitor;
  gulong          monitor_id;

  /* set before start */
  KioskClockFunc  clock;
  gpointer        clock_data;
  gboolean        jitter;
  guint           initial_ms;
  guint           max_ms;
  guint           timeout;

  /* shared with the thread, under lock */
  GMutex          lock;
  GCond           cond;
  gboolean        stopping;
  gboolean        woken;
  gboolean        network_back;
  guint           n_sent;
};

G_DEFINE_FINAL_TYPE (KioskOutboxSender, kiosk_outbox_sender, G_TYPE_OBJECT)

static gint64
real_clock (gpointer user_data)
{
  return g_get_real_time ();
}

static gint64
now (KioskOutboxSender *self)
{
  return self->clock (self->clock_data);
}

gint64
kiosk_outbox_sender_get_backoff (KioskOutboxSender *self,
                                 guint              attempts)
{
  gint64 delay;

  g_return_val_if_fail (KIOSK_IS_OUTBOX_SENDER (self), 0);

  delay = (gint64) self->initial_ms * 1000;
  for (guint i = 0; i < attempts && delay < (gint64) self->max_ms * 1000; i++)
    delay *= 2;

  return MIN (delay, (gint64) self->max_ms * 1000);
}

static char *
excerpt (GBytes *body)
{
  gsize len = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  g_autofree char *text = NULL;

  if (len == 0)
    return g_strdup ("");

  text = g_strndup (data, MIN (len, MAX_REASON));
  return g_utf8_make_valid (text, -1);
}

/* The city said no to these bytes: sending them again would not help. */
static gboolean
is_refusal (guint status)
{
  return SOUP_STATUS_IS_CLIENT_ERROR (status) && status != SOUP_STATUS_REQUEST_TIMEOUT &&
         status != 425 && status != 429;
}

/* One POST of @entry, and what follows from its answer. */
static void
send_one (KioskOutboxSender *self,
          KioskOutboxEntry  *entry)
{
  g_autofree char *shown_url = kiosk_redact_uri (entry->url);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) db_error = NULL;
  g_autofree char *reason = NULL;
  gint64 delay;
  guint status;

  msg = soup_message_new ("POST", entry->url);
  if (msg == NULL)
    {
      reason = g_strdup_printf ("The answers URL “%s” is not a valid http(s) URL", shown_url);
      if (!kiosk_outbox_set_aside (self->outbox, entry->key, reason, &db_error))
        g_warning ("%s", db_error->message);
      return;
    }

  request = g_bytes_new (entry->body, strlen (entry->body));
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Idempotency-Key", entry->key);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Accept", "application/json");

  /* Only the status matters, and a hostile endpoint must not fill the
   * kiosk's memory: the start of the reply is read, the rest dropped. */
  response = kiosk_fetcher_send (self->fetcher, msg, MAX_REASON, self->timeout, NULL,
                                 self->cancellable, &error);
  status = soup_message_get_status (msg);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* stopping: the row stays and goes next time, same key */

  /* A heartbeat delivered or refused is done; a newer one may already
   * have taken its place (then it is gone already). */
  if (entry->kind == KIOSK_OUTBOX_KIND_HEARTBEAT && error == NULL &&
      (SOUP_STATUS_IS_SUCCESSFUL (status) || is_refusal (status)))
    {
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        kiosk_log_event (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, KIOSK_LOG_HEARTBEAT_DELIVERED, NULL,
                         "Heartbeat %s delivered to %s (HTTP %u)", entry->key, shown_url, status);
      else
        kiosk_log_event (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, KIOSK_LOG_HEARTBEAT_FAILED, NULL,
                         "Heartbeat refused by %s (HTTP %u %s), dropped", shown_url, status,
                         soup_message_get_reason_phrase (msg));
      if (!kiosk_outbox_remove (self->outbox, entry->key, &db_error) &&
          !g_error_matches (db_error, KIOSK_OUTBOX_ERROR, KIOSK_OUTBOX_ERROR_NOT_FOUND))
        g_warning ("%s", db_error->message);
      return;
    }

  if (error == NULL && SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      kiosk_log_event (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, KIOSK_LOG_ANSWER_DELIVERED, entry->survey_id,
                       "Answer %s for survey %s delivered (HTTP %u)",
                       entry->key, entry->survey_id, status);
      /* Counted before the row goes, so whoever sees the outbox empty
       * also sees the count. */
      g_mutex_lock (&self->lock);
      self->n_sent++;
      g_mutex_unlock (&self->lock);
      if (!kiosk_outbox_remove (self->outbox, entry->key, &db_error))
        g_warning ("Delivered answer stays in the outbox and will be sent again "
                   "(the server deduplicates it): %s", db_error->message);
      return;
    }

  if (error == NULL && is_refusal (status))
    {
      g_autofree char *text = excerpt (response);

      /* Sending the same bytes again would be refused again: staff must look. */
      reason = g_strdup_printf ("HTTP %u %s%s%s", status, soup_message_get_reason_phrase (msg),
                                *text != '\0' ? ": " : "", text);
      kiosk_log_event (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, KIOSK_LOG_ANSWER_SET_ASIDE,
                       entry->survey_id, "Answer %s for survey %s refused by %s, set aside for staff: %s",
                       entry->key, entry->survey_id, shown_url, reason);
      if (!kiosk_outbox_set_aside (self->outbox, entry->key, reason, &db_error))
        g_warning ("%s", db_error->message);
      return;
    }

  delay = kiosk_outbox_sender_get_backoff (self, entry->attempts);
  if (error == NULL)
    {
      const char *retry_after = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                              "Retry-After");
      guint64 seconds;

      if (retry_after != NULL && g_ascii_string_to_unsigned (retry_after, 10, 0, 24 * 3600,
                                                              &seconds, NULL))
        delay = MAX (delay, MIN ((gint64) seconds * G_USEC_PER_SEC, (gint64) self->max_ms * 1000));
      reason = g_strdup_printf ("HTTP %u %s", status, soup_message_get_reason_phrase (msg));
    }
  else
    {
      reason = g_strdup (error->message);
    }
  if (self->jitter)
    delay += g_random_int_range (0, (gint32) MIN (delay / 4 + 1, G_MAXINT32));

  g_debug ("%s %s for survey %s not delivered (%s); next try in %" G_GINT64_FORMAT " ms",
           entry->kind == KIOSK_OUTBOX_KIND_HEARTBEAT ? "Heartbeat" : "Answer",
           entry->key, entry->survey_id, reason, delay / 1000);
  if (!kiosk_outbox_defer (self->outbox, entry->key, now (self) + delay, reason, &db_error) &&
      !(entry->kind == KIOSK_OUTBOX_KIND_HEARTBEAT &&
        g_error_matches (db_error, KIOSK_OUTBOX_ERROR, KIOSK_OUTBOX_ERROR_NOT_FOUND)))
    g_warning ("%s", db_error->message);
}

/* Sleeps until @next_due on the sender's clock, a wake-up, or stop. */
static void
wait_until (KioskOutboxSender *self,
            gint64             next_due)
{
  gint64 end;

  g_mutex_lock (&self->lock);
  if (next_due == G_MAXINT64)
    end = g_get_monotonic_time () + IDLE_POLL_US;
  else
    end = g_get_monotonic_time () + CLAMP (next_due - now (self), 0, IDLE_POLL_US);

  while (!self->stopping && !self->woken)
    {
      if (!g_cond_wait_until (&self->cond, &self->lock, end))
        break;
    }
  self->woken = FALSE;
  g_mutex_unlock (&self->lock);
}

static gpointer
sender_thread (gpointer data)
{
  KioskOutboxSender *self = data;

  /* The POSTs go through the kiosk's one session, blocking in this thread:
   * kiosk_fetcher_send () says why libsoup allows that. */
  for (;;)
    {
      g_autoptr(KioskOutboxEntry) entry = NULL;
      g_autoptr(GError) error = NULL;
      gboolean network_back;
      gint64 next_due = G_MAXINT64;

      g_mutex_lock (&self->lock);
      if (self->stopping)
        {
          g_mutex_unlock (&self->lock);
          break;
        }
      network_back = self->network_back;
      self->network_back = FALSE;
      g_mutex_unlock (&self->lock);

      if (network_back && !kiosk_outbox_make_due (self->outbox, &error))
        {
          g_warning ("%s", error->message);
          g_clear_error (&error);
        }

      entry = kiosk_outbox_peek (self->outbox, now (self), &next_due, &error);
      if (error != NULL)
        {
          g_warning ("Cannot read the outbox, trying again later: %s", error->message);
          next_due = now (self) + (gint64) self->max_ms * 1000;
        }

      if (entry == NULL)
        {
          wait_until (self, next_due);
          continue;
        }

      send_one (self, entry);
    }

  return NULL;
}

static void
network_changed_cb (GNetworkMonitor   *monitor,
                    gboolean           available,
                    KioskOutboxSender *self)
{
  if (!available)
    return;

  /* Waiting out a long backoff after the cable is back helps nobody. */
  g_mutex_lock (&self->lock);
  self->network_back = TRUE;
  self->woken = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
kiosk_outbox_sender_dispose (GObject *object)
{
  KioskOutboxSender *self = (KioskOutboxSender *)object;

  kiosk_outbox_sender_stop (self);

  G_OBJECT_CLASS (kiosk_outbox_sender_parent_class)->dispose (object);
}

static void
kiosk_outbox_sender_finalize (GObject *object)
{
  KioskOutboxSender *self = (KioskOutboxSender *)object;

  g_clear_object (&self->outbox);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->cancellable);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (kiosk_outbox_sender_parent_class)->finalize (object);
}

static void
kiosk_outbox_sender_class_init (KioskOutboxSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_outbox_sender_dispose;
  object_class->finalize = kiosk_outbox_sender_finalize;
}

static void
kiosk_outbox_sender_init (KioskOutboxSender *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->clock = real_clock;
  self->jitter = TRUE;
  self->initial_ms = DEFAULT_INITIAL_MS;
  self->max_ms = DEFAULT_MAX_MS;
  self->timeout = DEFAULT_TIMEOUT_S;
}

KioskOutboxSender *
kiosk_outbox_sender_new (KioskOutbox  *outbox,
                         KioskFetcher *fetcher)
{
  KioskOutboxSender *self;

  g_return_val_if_fail (KIOSK_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (KIOSK_IS_FETCHER (fetcher), NULL);

  self = g_object_new (KIOSK_TYPE_OUTBOX_SENDER, NULL);
  self->outbox = g_object_ref (outbox);
  self->fetcher = g_object_ref (fetcher);

  return self;
}

void
kiosk_outbox_sender_set_clock (KioskOutboxSender *self,
                               KioskClockFunc     clock,
                               gpointer           user_data)
{
  g_return_if_fail (KIOSK_IS_OUTBOX_SENDER (self));
  g_return_if_fail (self->thread == NULL);

  self->clock = clock != NULL ? clock : real_clock;
  self->clock_data = user_data;
  /* An injected clock wants exact, repeatable delays. */
  self->jitter = clock == NULL;
}

void
kiosk_outbox_sender_set_backoff (KioskOutboxSender *self,
                                 guint              initial_ms,
                                 guint              max_ms)
{
  g_return_if_fail (KIOSK_IS_OUTBOX_SENDER (self));
  g_return_if_fail (self->thread == NULL);
  g_return_if_fail (initial_ms > 0 && max_ms >= initial_ms);

  self->initial_ms = initial_ms;
  self->max_ms = max_ms;
}

void
kiosk_outbox_sender_set_timeout (KioskOutboxSender *self,
                                 guint              seconds)
{
  g_return_if_fail (KIOSK_IS_OUTBOX_SENDER (self));
  g_return_if_fail (self->thread == NULL);

  self->timeout = seconds;
}

void
kiosk_outbox_sender_start (KioskOutboxSender *self)
{
  g_return_if_fail (KIOSK_IS_OUTBOX_SENDER (self));

  if (self->thread != NULL)
    return;

  self->stopping = FALSE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* Before the thread: GLib 2.74 can deadlock when this thread registers
   * GIO's socket address types (the network monitor) while the sender's
   * thread registers them too (its first request). */
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->monitor_id = g_signal_connect (self->monitor, "network-changed",
                                       G_CALLBACK (network_changed_cb), self);

  self->thread = g_thread_new ("kiosk-outbox-sender", sender_thread, self);
}

void
kiosk_outbox_sender_stop (KioskOutboxSender *self)
{
  g_return_if_fail (KIOSK_IS_OUTBOX_SENDER (self));

  if (self->thread == NULL)
    return;

  g_clear_signal_handler (&self->monitor_id, self->monitor);
  g_clear_object (&self->monitor);

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_cancellable_cancel (self->cancellable);

  g_thread_join (g_steal_pointer (&self->thread));
}

void
kiosk_outbox_sender_wake (KioskOutboxSender *self)
{
  g_return_if_fail (KIOSK_IS_OUTBOX_SENDER (self));

  g_mutex_lock (&self->lock);
  self->woken = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

guint
kiosk_outbox_sender_get_n_sent (KioskOutboxSender *self)
{
  guint n;

  g_return_val_if_fail (KIOSK_IS_OUTBOX_SENDER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->n_sent;
  g_mutex_unlock (&self->lock);

  return n;
}

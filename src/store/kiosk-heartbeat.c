/* kiosk-heartbeat.c: the kiosk's status posted to the city every few minutes
 *
 * A fleet's monitoring learns that a kiosk is alive, and how it is, without
 * reaching into the city's network: every heartbeat-interval minutes the
 * status document (no personal data, see kiosk-status.c) goes into the
 * outbox and the outbox's sender POSTs it like a survey answer, with an
 * Idempotency-Key and retries. A heartbeat that could not go yet is
 * replaced by the next one, so that they never pile up offline. */

#define G_LOG_DOMAIN "kiosk-heartbeat"

#include "config.h"

#include "kiosk-heartbeat.h"
#include "kiosk-redact.h"

/* The first heartbeat after start or a new URL: soon, but after the
 * sources had a moment to load. */
#define FIRST_DELAY_S 30

struct _KioskHeartbeat
{
  GObject      parent_instance;

  /* owned */
  KioskStatus *status;
  KioskOutbox *outbox;
  char        *url;
  guint        interval;   /* minutes */
  guint        timer_id;
};

G_DEFINE_FINAL_TYPE (KioskHeartbeat, kiosk_heartbeat, G_TYPE_OBJECT)
G_DEFINE_QUARK (kiosk-heartbeat-error-quark, kiosk_heartbeat_error)

static void schedule (KioskHeartbeat *self,
                      guint           seconds);

static gboolean
beat_cb (gpointer user_data)
{
  KioskHeartbeat *self = user_data;
  g_autoptr(GError) error = NULL;

  self->timer_id = 0;
  if (!kiosk_heartbeat_beat (self, &error))
    g_warning ("%s", error->message);
  schedule (self, self->interval * 60);

  return G_SOURCE_REMOVE;
}

static void
schedule (KioskHeartbeat *self,
          guint           seconds)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->url != NULL)
    self->timer_id = g_timeout_add_seconds (seconds, beat_cb, self);
}

static void
kiosk_heartbeat_dispose (GObject *object)
{
  KioskHeartbeat *self = (KioskHeartbeat *)object;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_object (&self->status);
  g_clear_object (&self->outbox);

  G_OBJECT_CLASS (kiosk_heartbeat_parent_class)->dispose (object);
}

static void
kiosk_heartbeat_finalize (GObject *object)
{
  KioskHeartbeat *self = (KioskHeartbeat *)object;

  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (kiosk_heartbeat_parent_class)->finalize (object);
}

static void
kiosk_heartbeat_class_init (KioskHeartbeatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_heartbeat_dispose;
  object_class->finalize = kiosk_heartbeat_finalize;
}

static void
kiosk_heartbeat_init (KioskHeartbeat *self)
{
  self->interval = 15;
}

KioskHeartbeat *
kiosk_heartbeat_new (KioskStatus *status,
                     KioskOutbox *outbox)
{
  KioskHeartbeat *self;

  g_return_val_if_fail (KIOSK_IS_STATUS (status), NULL);
  g_return_val_if_fail (KIOSK_IS_OUTBOX (outbox), NULL);

  self = g_object_new (KIOSK_TYPE_HEARTBEAT, NULL);
  self->status = g_object_ref (status);
  self->outbox = g_object_ref (outbox);

  return self;
}

gboolean
kiosk_heartbeat_set_url (KioskHeartbeat  *self,
                         const char      *url,
                         GError         **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean valid = TRUE;

  g_return_val_if_fail (KIOSK_IS_HEARTBEAT (self), FALSE);

  if (url != NULL && *url == '\0')
    url = NULL;
  if (g_strcmp0 (url, self->url) == 0)
    return TRUE;

  if (url != NULL)
    {
      uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
      if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                          g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
        {
          g_autofree char *shown = kiosk_redact_uri (url);

          g_set_error (error, KIOSK_HEARTBEAT_ERROR, KIOSK_HEARTBEAT_ERROR_INVALID_URL,
                       "Setting heartbeat-url: “%s” is not an http(s) URL; no heartbeat is sent",
                       shown);
          url = NULL;
          valid = FALSE;
        }
    }

  g_free (self->url);
  self->url = g_strdup (url);
  if (self->url == NULL && !kiosk_outbox_clear_heartbeats (self->outbox, &local_error))
    g_warning ("%s", local_error->message);
  schedule (self, MIN (FIRST_DELAY_S, self->interval * 60));

  return valid;
}

const char *
kiosk_heartbeat_get_url (KioskHeartbeat *self)
{
  g_return_val_if_fail (KIOSK_IS_HEARTBEAT (self), NULL);

  return self->url;
}

void
kiosk_heartbeat_set_interval (KioskHeartbeat *self,
                              guint           minutes)
{
  g_return_if_fail (KIOSK_IS_HEARTBEAT (self));

  minutes = MAX (minutes, 1);
  if (minutes == self->interval)
    return;

  self->interval = minutes;
  if (self->timer_id != 0)
    schedule (self, self->interval * 60);
}

gboolean
kiosk_heartbeat_beat (KioskHeartbeat  *self,
                      GError         **error)
{
  g_autofree char *body = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (KIOSK_IS_HEARTBEAT (self), FALSE);

  if (self->url == NULL)
    return TRUE;

  body = kiosk_status_to_string (self->status, FALSE);
  key = kiosk_outbox_put_heartbeat (self->outbox, self->url, body, error);

  return key != NULL;
}

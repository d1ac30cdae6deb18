/* kiosk-outbox.h: survey answers kept durably until the city has them */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KIOSK_OUTBOX_ERROR (kiosk_outbox_error_quark ())

typedef enum
{
  KIOSK_OUTBOX_ERROR_FAILED,
  KIOSK_OUTBOX_ERROR_DATABASE,   /* SQLite said no: the message says what */
  KIOSK_OUTBOX_ERROR_INVALID,    /* an answer without survey, URL or answers */
  KIOSK_OUTBOX_ERROR_NOT_FOUND,
} KioskOutboxError;

/* What a row of the outbox holds. */
typedef enum
{
  KIOSK_OUTBOX_KIND_ANSWER,
  KIOSK_OUTBOX_KIND_HEARTBEAT,   /* the kiosk's status, for the city's monitoring */
} KioskOutboxKind;

/* One answer (or heartbeat) waiting to be sent. */
typedef struct
{
  gint64  seq;           /* order of submission */
  KioskOutboxKind kind;
  char   *key;           /* the Idempotency-Key: a random UUID */
  char   *survey_id;
  char   *url;           /* where it is POSTed */
  char   *body;          /* the exact JSON that is sent, every time */
  guint   attempts;
  gint64  next_attempt;  /* µs on the sender's clock; 0: now */
  char   *last_error;    /* NULL, or why it was deferred or set aside */
} KioskOutboxEntry;

void kiosk_outbox_entry_free (KioskOutboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskOutboxEntry, kiosk_outbox_entry_free)

#define KIOSK_TYPE_OUTBOX (kiosk_outbox_get_type ())

G_DECLARE_FINAL_TYPE (KioskOutbox, kiosk_outbox, KIOSK, OUTBOX, GObject)

GQuark            kiosk_outbox_error_quark    (void);
/* $XDG_DATA_HOME/ankerort/outbox.sqlite: data, never cache, so that
 * clearing caches cannot lose an answer. */
char             *kiosk_outbox_get_default_path (void);
/* Opens (or creates) the database at @path. Call on the main thread: the
 * outbox reports its counts there. */
KioskOutbox      *kiosk_outbox_new            (const char           *path,
                                               GError              **error);
const char       *kiosk_outbox_get_path       (KioskOutbox          *self);
/* Sent with every answer; names the kiosk, never a person. */
void              kiosk_outbox_set_kiosk_id   (KioskOutbox          *self,
                                               const char           *kiosk_id);

/* Writes the answer and waits until it is on disk (WAL, synchronous=FULL).
 * Returns its idempotency key. Thread-safe; blocks: call it from a thread. */
char             *kiosk_outbox_add            (KioskOutbox          *self,
                                               const char           *survey_id,
                                               const char           *url,
                                               JsonNode             *answers,
                                               GError              **error);
/* The same in a worker thread; @callback runs once the answer is durable.
 * Cancelling does not take back an answer already being written. */
void              kiosk_outbox_add_async      (KioskOutbox          *self,
                                               const char           *survey_id,
                                               const char           *url,
                                               JsonNode             *answers,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
char             *kiosk_outbox_add_finish     (KioskOutbox          *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Queues @body (JSON) to be POSTed to @url like an answer, in place of
 * any heartbeat still waiting or set aside: an old status is worth nothing
 * once a newer one is there. Heartbeats are not counted as answers.
 * Returns its idempotency key. Thread-safe, blocking. */
char             *kiosk_outbox_put_heartbeat  (KioskOutbox          *self,
                                               const char           *url,
                                               const char           *body,
                                               GError              **error);
/* Takes every heartbeat out (the heartbeat was switched off). */
gboolean          kiosk_outbox_clear_heartbeats (KioskOutbox        *self,
                                               GError              **error);

/* For the sender (thread-safe, blocking). The next answer to send at @now:
 * the oldest waiting one of its survey, so each survey keeps its order.
 * NULL when none is due; then *@next_due says when one will be
 * (G_MAXINT64: none waiting). */
KioskOutboxEntry *kiosk_outbox_peek           (KioskOutbox          *self,
                                               gint64                now,
                                               gint64               *next_due,
                                               GError              **error);
/* After delivery: deletes the answer from the file and from its WAL (the
 * bytes are overwritten, the WAL is checkpointed and cut to zero). */
gboolean          kiosk_outbox_remove         (KioskOutbox          *self,
                                               const char           *key,
                                               GError              **error);
gboolean          kiosk_outbox_defer          (KioskOutbox          *self,
                                               const char           *key,
                                               gint64                next_attempt,
                                               const char           *reason,
                                               GError              **error);
gboolean          kiosk_outbox_set_aside      (KioskOutbox          *self,
                                               const char           *key,
                                               const char           *reason,
                                               GError              **error);
/* An answer set aside goes back into the queue, due now (staff's retry). */
gboolean          kiosk_outbox_retry          (KioskOutbox          *self,
                                               const char           *key,
                                               GError              **error);
/* Every waiting answer is due now (the network came back). */
gboolean          kiosk_outbox_make_due       (KioskOutbox          *self,
                                               GError              **error);
/* Answers the city refused (4xx), for staff: KioskOutboxEntry*. */
GPtrArray        *kiosk_outbox_list_set_aside (KioskOutbox          *self,
                                               GError              **error);

/* Counts, updated on the main thread ("notify::n-pending"). */
guint             kiosk_outbox_get_n_pending  (KioskOutbox          *self);
guint             kiosk_outbox_get_n_set_aside (KioskOutbox         *self);

G_END_DECLS

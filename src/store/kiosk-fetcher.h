/* kiosk-fetcher.h: gets a source's bytes over HTTP(S), from a file or a resource */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define KIOSK_FETCH_ERROR (kiosk_fetch_error_quark ())

typedef enum
{
  KIOSK_FETCH_ERROR_FAILED,
  KIOSK_FETCH_ERROR_INVALID_URL,     /* not a URL we can fetch, or a bad header */
  KIOSK_FETCH_ERROR_NETWORK,         /* no connection, reset, DNS */
  KIOSK_FETCH_ERROR_TIMED_OUT,
  KIOSK_FETCH_ERROR_TLS,             /* the certificate did not verify */
  KIOSK_FETCH_ERROR_HTTP,            /* a status other than 2xx and 304 */
  KIOSK_FETCH_ERROR_TOO_LARGE,       /* over the size cap */
  KIOSK_FETCH_ERROR_TRUNCATED,       /* the answer ended early */
  KIOSK_FETCH_ERROR_TOO_MANY_REDIRECTS,
  KIOSK_FETCH_ERROR_NOT_FOUND,       /* file or resource missing */
} KioskFetchError;

#define KIOSK_FETCH_DEFAULT_TIMEOUT       30                 /* seconds */
#define KIOSK_FETCH_DEFAULT_MAX_SIZE      (20 * 1024 * 1024)
#define KIOSK_FETCH_DEFAULT_MAX_REDIRECTS 5
#define KIOSK_FETCH_DEFAULT_DEADLINE      120                /* seconds for a whole fetch */

/* What one fetch brought back. */
typedef struct
{
  char       *url;            /* after redirects */
  guint       status;         /* HTTP status; 0 for file:// and resource:// */
  gboolean    not_modified;   /* the validators matched: @bytes is NULL */
  GBytes     *bytes;
  char       *etag;
  char       *last_modified;
  char       *content_type;
  GHashTable *headers;        /* lower-case name -> value */
  GDateTime  *fetched_at;     /* UTC */
} KioskFetchResponse;

#define KIOSK_TYPE_FETCH_RESPONSE (kiosk_fetch_response_get_type ())
GType               kiosk_fetch_response_get_type (void) G_GNUC_CONST;
KioskFetchResponse *kiosk_fetch_response_copy     (const KioskFetchResponse *response);
void                kiosk_fetch_response_free     (KioskFetchResponse       *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskFetchResponse, kiosk_fetch_response_free)

#define KIOSK_TYPE_FETCHER (kiosk_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (KioskFetcher, kiosk_fetcher, KIOSK, FETCHER, GObject)

GQuark              kiosk_fetch_error_quark       (void);

/* Set the limits before the first fetch. The timeout applies to
 * connecting and to every read (a stalled answer times out); the deadline
 * to a whole fetch, redirects included (a trickling answer times out). */
KioskFetcher       *kiosk_fetcher_new             (void);
void                kiosk_fetcher_set_timeout     (KioskFetcher  *self,
                                                   guint          seconds);
guint               kiosk_fetcher_get_timeout     (KioskFetcher  *self);
void                kiosk_fetcher_set_max_size    (KioskFetcher  *self,
                                                   gsize          max_size);
gsize               kiosk_fetcher_get_max_size    (KioskFetcher  *self);
void                kiosk_fetcher_set_max_redirects (KioskFetcher *self,
                                                   guint          max_redirects);
void                kiosk_fetcher_set_deadline    (KioskFetcher  *self,
                                                   guint          seconds);
guint               kiosk_fetcher_get_deadline    (KioskFetcher  *self);
const char         *kiosk_fetcher_get_user_agent  (KioskFetcher  *self);

/* Blocking: for worker threads and the command line. @headers are
 * "Name: value" lines, sent only as long as redirects stay on the URL's
 * origin; @etag and @last_modified make the request conditional. Safe to
 * call from several threads at once. */
KioskFetchResponse *kiosk_fetcher_fetch           (KioskFetcher       *self,
                                                   const char         *url,
                                                   const char * const *headers,
                                                   const char         *etag,
                                                   const char         *last_modified,
                                                   GCancellable       *cancellable,
                                                   GError            **error);
/* The same with its own deadline in seconds and size cap in bytes (0:
 * the fetcher's). */
KioskFetchResponse *kiosk_fetcher_fetch_full      (KioskFetcher       *self,
                                                   const char         *url,
                                                   const char * const *headers,
                                                   const char         *etag,
                                                   const char         *last_modified,
                                                   guint               deadline,
                                                   gsize               max_size,
                                                   GCancellable       *cancellable,
                                                   GError            **error);
void                kiosk_fetcher_fetch_async     (KioskFetcher       *self,
                                                   const char         *url,
                                                   const char * const *headers,
                                                   const char         *etag,
                                                   const char         *last_modified,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
KioskFetchResponse *kiosk_fetcher_fetch_finish    (KioskFetcher       *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

/* A plain GET of a picture or a document to show: the same policy,
 * timeout and deadline, at most @max_size bytes (0: the fetcher's cap);
 * errors start with the URL, redacted. Blocking, safe from any thread. */
GBytes             *kiosk_fetcher_fetch_bytes     (KioskFetcher       *self,
                                                   const char         *url,
                                                   gsize               max_size,
                                                   GCancellable       *cancellable,
                                                   GError            **error);
void                kiosk_fetcher_fetch_bytes_async (KioskFetcher     *self,
                                                   const char         *url,
                                                   gsize               max_size,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
GBytes             *kiosk_fetcher_fetch_bytes_finish (KioskFetcher    *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

/* Sends @msg as it is (a redirect is not followed: its status is the
 * answer) on the kiosk's one session and reads at most @max_read bytes
 * of the answer; *@truncated tells whether there was more, which is
 * dropped unread. The status is then in @msg. @deadline in seconds covers
 * sending and reading (0: the fetcher's). Errors start with the URL,
 * redacted. Blocking, safe from any thread (see the .c file). */
GBytes             *kiosk_fetcher_send            (KioskFetcher       *self,
                                                   SoupMessage        *msg,
                                                   gsize               max_read,
                                                   guint               deadline,
                                                   gboolean           *truncated,
                                                   GCancellable       *cancellable,
                                                   GError            **error);
/* The same in a worker thread; an answer over @max_read is
 * KIOSK_FETCH_ERROR_TOO_LARGE. */
void                kiosk_fetcher_send_async      (KioskFetcher       *self,
                                                   SoupMessage        *msg,
                                                   gsize               max_read,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
GBytes             *kiosk_fetcher_send_finish     (KioskFetcher       *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

/* Where a redirect from @from to @to may go, and what goes with it. */
typedef enum
{
  KIOSK_REDIRECT_SAME_ORIGIN,    /* same scheme, host and port: headers go along */
  KIOSK_REDIRECT_OTHER_ORIGIN,   /* followed without the configured headers */
  KIOSK_REDIRECT_REFUSED,        /* https to http, or not http(s) at all */
} KioskRedirectPolicy;

KioskRedirectPolicy kiosk_fetcher_check_redirect  (GUri               *from,
                                                   GUri               *to);

G_END_DECLS

/* kiosk-fetcher.c: gets a source's bytes over HTTP(S), from a file or a resource */

#define G_LOG_DOMAIN "kiosk-fetcher"

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "kiosk-fetcher.h"
#include "kiosk-redact.h"

struct _KioskFetcher
{
  GObject      parent_instance;

  /* owned */
  SoupSession *session;
  char        *user_agent;
  guint        timeout;
  guint        deadline;
  gsize        max_size;
  guint        max_redirects;
  /* a thread of its own runs the deadlines, so blocking fetches need no loop */
  GMainLoop   *timer_loop;
  GThread     *timer_thread;
};

G_DEFINE_FINAL_TYPE (KioskFetcher, kiosk_fetcher, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-fetch-error-quark, kiosk_fetch_error)

G_DEFINE_BOXED_TYPE (KioskFetchResponse, kiosk_fetch_response,
                     kiosk_fetch_response_copy, kiosk_fetch_response_free)

static KioskFetchResponse *
response_new (const char *url)
{
  KioskFetchResponse *response = g_new0 (KioskFetchResponse, 1);

  response->url = g_strdup (url);
  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  response->fetched_at = g_date_time_new_now_utc ();

  return response;
}

KioskFetchResponse *
kiosk_fetch_response_copy (const KioskFetchResponse *response)
{
  KioskFetchResponse *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (response != NULL, NULL);

  copy = response_new (response->url);
  copy->status = response->status;
  copy->not_modified = response->not_modified;
  copy->bytes = response->bytes ? g_bytes_ref (response->bytes) : NULL;
  copy->etag = g_strdup (response->etag);
  copy->last_modified = g_strdup (response->last_modified);
  copy->content_type = g_strdup (response->content_type);
  g_hash_table_iter_init (&iter, response->headers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->headers, g_strdup (key), g_strdup (value));
  g_date_time_unref (copy->fetched_at);
  copy->fetched_at = g_date_time_ref (response->fetched_at);

  return copy;
}

void
kiosk_fetch_response_free (KioskFetchResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->url);
  g_clear_pointer (&response->bytes, g_bytes_unref);
  g_free (response->etag);
  g_free (response->last_modified);
  g_free (response->content_type);
  g_clear_pointer (&response->headers, g_hash_table_unref);
  g_clear_pointer (&response->fetched_at, g_date_time_unref);
  g_free (response);
}

static char *
format_size (gsize size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
}

static int
port_of (GUri *uri)
{
  if (g_uri_get_port (uri) != -1)
    return g_uri_get_port (uri);

  return g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static gboolean
scheme_is (GUri       *uri,
           const char *scheme)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), scheme) == 0;
}

/* Turns GIO, TLS and libsoup errors into KIOSK_FETCH_ERROR with messages
 * that say what went wrong. Cancellation stays G_IO_ERROR_CANCELLED so
 * callers can ignore it quietly. */
static void
propagate_io_error (KioskFetcher  *self,
                    gboolean       in_body,
                    GError       **error,
                    GError        *io_error)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, io_error);
      return;
    }

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TIMED_OUT,
                 "no answer within %u s", self->timeout);
  else if (io_error->domain == G_TLS_ERROR)
    g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TLS,
                 "the server’s certificate is not trusted: %s", io_error->message);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) && !in_body)
    g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NETWORK,
                 "the connection closed before an answer: %s", io_error->message);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TRUNCATED,
                 "the answer ended early: %s", io_error->message);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NOT_FOUND,
                 "%s", io_error->message);
  else
    g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NETWORK,
                 "%s", io_error->message);

  g_error_free (io_error);
}

/* Reads a whole stream, stopping as soon as it goes over the cap. */
static GBytes *
read_capped (KioskFetcher  *self,
             GInputStream  *stream,
             gsize          max_size,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[64 * 1024];

  for (;;)
    {
      GError *local_error = NULL;
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, &local_error);

      if (n < 0)
        {
          propagate_io_error (self, TRUE, error, local_error);
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > max_size)
        {
          g_autofree char *cap = format_size (max_size);

          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE,
                       "the answer is larger than the limit of %s", cap);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Headers carry keys and tokens: messages name them by number and name. */
static gboolean
add_headers (SoupMessageHeaders  *request_headers,
             const char * const  *headers,
             GError             **error)
{
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    {
      const char *colon = strchr (headers[i], ':');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      g_autofree char *shown = kiosk_redact_header (headers[i]);

      if (colon == NULL || colon == headers[i])
        {
          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL,
                       "header %u (%s) is not “Name: value”", i + 1, shown);
          return FALSE;
        }
      name = g_strstrip (g_strndup (headers[i], colon - headers[i]));
      value = g_strstrip (g_strdup (colon + 1));
      if (*name == '\0' || strpbrk (name, " \t\r\n") != NULL || strpbrk (value, "\r\n") != NULL)
        {
          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL,
                       "header %u (%s) is not “Name: value” on one line", i + 1, shown);
          return FALSE;
        }
      soup_message_headers_replace (request_headers, name, value);
    }

  return TRUE;
}

/* Closes an answer without reading the rest of it: the connection goes. */
static void
close_unread (GInputStream *stream)
{
  g_autoptr(GCancellable) now = g_cancellable_new ();

  g_cancellable_cancel (now);
  g_input_stream_close (stream, now, NULL);
}

static void
collect_header_cb (const char *name,
                   const char *value,
                   gpointer    user_data)
{
  GHashTable *headers = user_data;
  g_autofree char *key = g_ascii_strdown (name, -1);
  const char *old = g_hash_table_lookup (headers, key);

  if (old != NULL)
    g_hash_table_insert (headers, g_steal_pointer (&key), g_strdup_printf ("%s, %s", old, value));
  else
    g_hash_table_insert (headers, g_steal_pointer (&key), g_strdup (value));
}

static KioskFetchResponse *
fetch_http (KioskFetcher       *self,
            const char         *url,
            const char * const *headers,
            const char         *etag,
            const char         *last_modified,
            gsize               max_size,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean send_headers = TRUE;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL)
    {
      g_autofree char *shown = kiosk_redact_uri (url);

      g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL,
                   "“%s” is not a valid URL: %s", shown, local_error->message);
      return NULL;
    }

  for (guint redirects = 0; ; redirects++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(KioskFetchResponse) response = NULL;
      g_autofree char *current = g_uri_to_string (uri);
      SoupMessageHeaders *request_headers;
      SoupMessageHeaders *response_headers;
      GError *send_error = NULL;
      goffset length;
      guint status;

      /* Redirects are followed here, so they can be counted and checked. */
      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      request_headers = soup_message_get_request_headers (msg);
      if (send_headers && !add_headers (request_headers, headers, error))
        return NULL;
      if (etag != NULL && *etag != '\0')
        soup_message_headers_replace (request_headers, "If-None-Match", etag);
      if (last_modified != NULL && *last_modified != '\0')
        soup_message_headers_replace (request_headers, "If-Modified-Since", last_modified);

      stream = soup_session_send (self->session, msg, cancellable, &send_error);
      if (stream == NULL)
        {
          propagate_io_error (self, FALSE, error, send_error);
          return NULL;
        }

      status = soup_message_get_status (msg);
      response_headers = soup_message_get_response_headers (msg);

      if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
        {
          const char *location = soup_message_headers_get_one (response_headers, "Location");
          g_autofree char *shown = NULL;
          GUri *next;

          close_unread (stream);
          if (location == NULL)
            {
              g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_HTTP,
                           "HTTP %u redirect without a Location", status);
              return NULL;
            }
          if (redirects >= self->max_redirects)
            {
              g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_MANY_REDIRECTS,
                           "more than %u redirects", self->max_redirects);
              return NULL;
            }
          next = g_uri_parse_relative (uri, location, SOUP_HTTP_URI_FLAGS, NULL);
          shown = kiosk_redact_uri (location);
          if (next == NULL || (!scheme_is (next, "http") && !scheme_is (next, "https")))
            {
              g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL,
                           "redirected to “%s”, which is not an http(s) URL", shown);
              g_clear_pointer (&next, g_uri_unref);
              return NULL;
            }
          switch (kiosk_fetcher_check_redirect (uri, next))
            {
            case KIOSK_REDIRECT_SAME_ORIGIN:
              break;
            case KIOSK_REDIRECT_OTHER_ORIGIN:
              /* Keys and tokens are for the server they were configured
               * for, as curl and browsers do it. Once dropped, for good. */
              if (send_headers && headers != NULL && headers[0] != NULL)
                g_debug ("Redirected to another server (%s): the configured headers "
                         "are not sent there", g_uri_get_host (next));
              send_headers = FALSE;
              break;
            case KIOSK_REDIRECT_REFUSED:
            default:
              g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL,
                           "redirected from https to “%s”, which is not encrypted; refused",
                           shown);
              g_uri_unref (next);
              return NULL;
            }
          g_uri_unref (uri);
          uri = next;
          continue;
        }

      response = response_new (current);
      response->status = status;
      soup_message_headers_foreach (response_headers, collect_header_cb, response->headers);
      response->etag = g_strdup (soup_message_headers_get_one (response_headers, "ETag"));
      response->last_modified =
        g_strdup (soup_message_headers_get_one (response_headers, "Last-Modified"));
      response->content_type =
        g_strdup (soup_message_headers_get_content_type (response_headers, NULL));

      if (status == SOUP_STATUS_NOT_MODIFIED)
        {
          g_input_stream_close (stream, NULL, NULL);
          response->not_modified = TRUE;
          return g_steal_pointer (&response);
        }

      if (!SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          const char *phrase = soup_message_get_reason_phrase (msg);

          close_unread (stream);
          if (phrase == NULL || *phrase == '\0')
            phrase = soup_status_get_phrase (status);
          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_HTTP,
                       "HTTP %u %s", status, phrase != NULL ? phrase : "");
          return NULL;
        }

      length = soup_message_headers_get_content_length (response_headers);
      if (soup_message_headers_get_encoding (response_headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          length > 0 && (guint64) length > max_size)
        {
          g_autofree char *cap = format_size (max_size);
          g_autofree char *size = format_size (length);

          close_unread (stream);
          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE,
                       "the answer (%s) is larger than the limit of %s", size, cap);
          return NULL;
        }

      response->bytes = read_capped (self, stream, max_size, cancellable, error);
      if (response->bytes == NULL)
        {
          close_unread (stream);
          return NULL;
        }
      g_input_stream_close (stream, cancellable, NULL);

      /* libsoup takes a connection closed early as the end of the body. */
      if (soup_message_headers_get_encoding (response_headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          length >= 0 && g_bytes_get_size (response->bytes) < (gsize) length)
        {
          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TRUNCATED,
                       "the answer ended early: %" G_GSIZE_FORMAT " of %" G_GINT64_FORMAT
                       " bytes arrived", g_bytes_get_size (response->bytes), (gint64) length);
          return NULL;
        }

      return g_steal_pointer (&response);
    }
}

static KioskFetchResponse *
fetch_local (KioskFetcher  *self,
             const char    *url,
             const char    *last_modified,
             gsize          max_size,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(KioskFetchResponse) response = response_new (url);
  g_autoptr(GInputStream) stream = NULL;
  GError *local_error = NULL;

  if (g_str_has_prefix (url, "resource://"))
    {
      g_autofree char *path = g_uri_unescape_string (url + strlen ("resource://"), NULL);
      gsize size = 0;

      if (path == NULL ||
          !g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &size, NULL, NULL))
        {
          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NOT_FOUND,
                       "no such resource");
          return NULL;
        }
      stream = g_resources_open_stream (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_uri (url);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GDateTime) mtime = NULL;
      g_autofree char *path = g_file_get_path (file);

      if (path == NULL)
        {
          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL,
                       "not a local file");
          return NULL;
        }
      info = g_file_query_info (file,
                                G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
      if (info == NULL)
        {
          propagate_io_error (self, FALSE, error, local_error);
          return NULL;
        }
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        {
          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_NOT_FOUND,
                       "not a regular file");
          return NULL;
        }

      /* A file's validator is its modification time. */
      mtime = g_file_info_get_modification_date_time (info);
      if (mtime != NULL)
        response->last_modified = soup_date_time_to_string (mtime, SOUP_DATE_HTTP);
      if (last_modified != NULL && g_strcmp0 (last_modified, response->last_modified) == 0)
        {
          response->not_modified = TRUE;
          return g_steal_pointer (&response);
        }

      stream = G_INPUT_STREAM (g_file_read (file, cancellable, &local_error));
    }

  if (stream == NULL)
    {
      propagate_io_error (self, FALSE, error, local_error);
      return NULL;
    }

  response->bytes = read_capped (self, stream, max_size, cancellable, error);
  if (response->bytes == NULL)
    return NULL;

  return g_steal_pointer (&response);
}

static gpointer
timer_thread (gpointer data)
{
  GMainLoop *loop = data;
  GMainContext *context = g_main_loop_get_context (loop);

  g_main_context_push_thread_default (context);
  g_main_loop_run (loop);
  g_main_context_pop_thread_default (context);
  g_main_loop_unref (loop);

  return NULL;
}

static gboolean
quit_timer_cb (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

static gboolean
deadline_reached_cb (gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));

  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
kiosk_fetcher_finalize (GObject *object)
{
  KioskFetcher *self = (KioskFetcher *)object;

  /* Quit from inside the loop: a quit before it runs would be lost. */
  if (self->timer_thread != NULL)
    {
      g_autoptr(GSource) quit = g_idle_source_new ();

      g_source_set_callback (quit, quit_timer_cb, g_main_loop_ref (self->timer_loop),
                             (GDestroyNotify) g_main_loop_unref);
      g_source_attach (quit, g_main_loop_get_context (self->timer_loop));
      g_thread_join (g_steal_pointer (&self->timer_thread));
    }
  g_clear_pointer (&self->timer_loop, g_main_loop_unref);
  g_clear_object (&self->session);
  g_clear_pointer (&self->user_agent, g_free);

  G_OBJECT_CLASS (kiosk_fetcher_parent_class)->finalize (object);
}

static void
kiosk_fetcher_class_init (KioskFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_fetcher_finalize;
}

static void
kiosk_fetcher_init (KioskFetcher *self)
{
  g_autoptr(GMainContext) timer_context = g_main_context_new ();

  self->timeout = KIOSK_FETCH_DEFAULT_TIMEOUT;
  self->deadline = KIOSK_FETCH_DEFAULT_DEADLINE;
  self->max_size = KIOSK_FETCH_DEFAULT_MAX_SIZE;
  self->max_redirects = KIOSK_FETCH_DEFAULT_MAX_REDIRECTS;
  self->user_agent = g_strdup_printf ("Ankerort/%s (city information kiosk)", PACKAGE_VERSION);
  /* TLS is verified against the system's trust store; there is no
   * accept-certificate handler, so a bad certificate always fails. */
  self->session = soup_session_new_with_options ("user-agent", self->user_agent,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", 4,
                                                 NULL);
  self->timer_loop = g_main_loop_new (timer_context, FALSE);
  self->timer_thread = g_thread_new ("kiosk-fetch-deadline", timer_thread,
                                     g_main_loop_ref (self->timer_loop));
}

KioskFetcher *
kiosk_fetcher_new (void)
{
  return g_object_new (KIOSK_TYPE_FETCHER, NULL);
}

void
kiosk_fetcher_set_timeout (KioskFetcher *self,
                           guint         seconds)
{
  g_return_if_fail (KIOSK_IS_FETCHER (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
}

guint
kiosk_fetcher_get_timeout (KioskFetcher *self)
{
  g_return_val_if_fail (KIOSK_IS_FETCHER (self), 0);

  return self->timeout;
}

void
kiosk_fetcher_set_max_size (KioskFetcher *self,
                            gsize         max_size)
{
  g_return_if_fail (KIOSK_IS_FETCHER (self));

  self->max_size = max_size;
}

gsize
kiosk_fetcher_get_max_size (KioskFetcher *self)
{
  g_return_val_if_fail (KIOSK_IS_FETCHER (self), 0);

  return self->max_size;
}

void
kiosk_fetcher_set_max_redirects (KioskFetcher *self,
                                 guint         max_redirects)
{
  g_return_if_fail (KIOSK_IS_FETCHER (self));

  self->max_redirects = max_redirects;
}

void
kiosk_fetcher_set_deadline (KioskFetcher *self,
                            guint         seconds)
{
  g_return_if_fail (KIOSK_IS_FETCHER (self));
  g_return_if_fail (seconds > 0 && seconds <= G_MAXUINT / 1000);

  self->deadline = seconds;
}

guint
kiosk_fetcher_get_deadline (KioskFetcher *self)
{
  g_return_val_if_fail (KIOSK_IS_FETCHER (self), 0);

  return self->deadline;
}

const char *
kiosk_fetcher_get_user_agent (KioskFetcher *self)
{
  g_return_val_if_fail (KIOSK_IS_FETCHER (self), NULL);

  return self->user_agent;
}

/* A whole fetch is cancelled at its deadline by the timer thread; the
 * caller's own cancellable still works. */
typedef struct
{
  GCancellable *cancellable;   /* what the fetch runs with */
  GCancellable *caller;
  GSource      *timer;
  gulong        handler;
  guint         seconds;
} Deadline;

static void
deadline_start (KioskFetcher *self,
                Deadline     *deadline,
                guint         seconds,
                GCancellable *caller)
{
  if (seconds == 0 || seconds > G_MAXUINT / 1000)
    seconds = self->deadline;
  deadline->seconds = seconds;
  deadline->cancellable = g_cancellable_new ();
  deadline->caller = caller != NULL ? g_object_ref (caller) : NULL;
  deadline->timer = g_timeout_source_new (seconds * 1000);
  g_source_set_callback (deadline->timer, deadline_reached_cb,
                         g_object_ref (deadline->cancellable), g_object_unref);
  g_source_attach (deadline->timer, g_main_loop_get_context (self->timer_loop));
  if (caller != NULL)
    deadline->handler = g_cancellable_connect (caller, G_CALLBACK (caller_cancelled_cb),
                                               deadline->cancellable, NULL);
}

/* Ends the deadline and hands on @local_error, a cancellation by the
 * deadline as KIOSK_FETCH_ERROR_TIMED_OUT. */
static void
deadline_stop (Deadline  *deadline,
               GError   **error,
               GError    *local_error)
{
  g_source_destroy (deadline->timer);
  g_clear_pointer (&deadline->timer, g_source_unref);
  if (deadline->caller != NULL)
    g_cancellable_disconnect (deadline->caller, deadline->handler);

  if (local_error != NULL &&
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (deadline->caller))
    {
      g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TIMED_OUT,
                   "the download did not finish within %u s (deadline)", deadline->seconds);
      g_error_free (local_error);
    }
  else if (local_error != NULL)
    g_propagate_error (error, local_error);

  g_clear_object (&deadline->caller);
  g_clear_object (&deadline->cancellable);
}

static KioskFetchResponse *
fetch_any (KioskFetcher       *self,
           const char         *url,
           const char * const *headers,
           const char         *etag,
           const char         *last_modified,
           guint               seconds,
           gsize               max_size,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);
  KioskFetchResponse *response;
  GError *local_error = NULL;
  Deadline deadline = { 0, };

  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0 &&
       g_ascii_strcasecmp (scheme, "file") != 0 && g_ascii_strcasecmp (scheme, "resource") != 0))
    {
      g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL,
                   "not an http://, https://, file:// or resource:// URL");
      return NULL;
    }

  /* The timeout catches a server that stops; a server that sends a byte
   * now and then is caught by cancelling the whole fetch at its deadline. */
  deadline_start (self, &deadline, seconds, cancellable);
  if (g_ascii_strncasecmp (scheme, "http", 4) == 0)
    response = fetch_http (self, url, headers, etag, last_modified, max_size,
                           deadline.cancellable, &local_error);
  else
    response = fetch_local (self, url, last_modified, max_size, deadline.cancellable,
                            &local_error);
  deadline_stop (&deadline, error, local_error);

  return response;
}

KioskFetchResponse *
kiosk_fetcher_fetch (KioskFetcher       *self,
                     const char         *url,
                     const char * const *headers,
                     const char         *etag,
                     const char         *last_modified,
                     GCancellable       *cancellable,
                     GError            **error)
{
  return kiosk_fetcher_fetch_full (self, url, headers, etag, last_modified, 0,
                                   0, cancellable, error);
}

KioskFetchResponse *
kiosk_fetcher_fetch_full (KioskFetcher       *self,
                          const char         *url,
                          const char * const *headers,
                          const char         *etag,
                          const char         *last_modified,
                          guint               deadline,
                          gsize               max_size,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_return_val_if_fail (KIOSK_IS_FETCHER (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return fetch_any (self, url, headers, etag, last_modified, deadline,
                    max_size > 0 ? max_size : self->max_size,
                    cancellable, error);
}

typedef struct
{
  char        *url;
  char       **headers;
  char        *etag;
  char        *last_modified;
  gsize        max_size;
  SoupMessage *msg;
  gsize        max_read;
  guint        deadline;
} FetchData;

static void
fetch_data_free (gpointer data)
{
  FetchData *fetch = data;

  g_free (fetch->url);
  g_strfreev (fetch->headers);
  g_free (fetch->etag);
  g_free (fetch->last_modified);
  g_clear_object (&fetch->msg);
  g_free (fetch);
}

/* Runs @thread_func on @fetch in a worker, for the _async calls. */
static void
run_task (KioskFetcher        *self,
          FetchData           *fetch,
          gpointer             source_tag,
          GTaskThreadFunc      thread_func,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, fetch, fetch_data_free);
  g_task_run_in_thread (task, thread_func);
}

static gpointer
finish_task (KioskFetcher  *self,
             GAsyncResult  *result,
             GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *fetch = task_data;
  GError *error = NULL;
  KioskFetchResponse *response;

  response = kiosk_fetcher_fetch (source_object, fetch->url,
                                  (const char * const *) fetch->headers,
                                  fetch->etag, fetch->last_modified, cancellable, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, response, (GDestroyNotify) kiosk_fetch_response_free);
}

void
kiosk_fetcher_fetch_async (KioskFetcher        *self,
                           const char          *url,
                           const char * const  *headers,
                           const char          *etag,
                           const char          *last_modified,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  FetchData *fetch;

  g_return_if_fail (KIOSK_IS_FETCHER (self));
  g_return_if_fail (url != NULL);

  fetch = g_new0 (FetchData, 1);
  fetch->url = g_strdup (url);
  fetch->headers = g_strdupv ((char **) headers);
  fetch->etag = g_strdup (etag);
  fetch->last_modified = g_strdup (last_modified);
  run_task (self, fetch, kiosk_fetcher_fetch_async, fetch_thread, cancellable, callback, user_data);
}

KioskFetchResponse *
kiosk_fetcher_fetch_finish (KioskFetcher  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return finish_task (self, result, error);
}

GBytes *
kiosk_fetcher_fetch_bytes (KioskFetcher  *self,
                           const char    *url,
                           gsize          max_size,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(KioskFetchResponse) response = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (KIOSK_IS_FETCHER (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  response = fetch_any (self, url, NULL, NULL, NULL, 0,
                        max_size > 0 ? max_size : self->max_size, cancellable, &local_error);
  if (response == NULL)
    {
      g_autofree char *shown = kiosk_redact_uri (url);

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&local_error, "%s: ", shown);
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&response->bytes);
}

static void
fetch_bytes_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  FetchData *fetch = task_data;
  GError *error = NULL;
  GBytes *bytes;

  bytes = kiosk_fetcher_fetch_bytes (source_object, fetch->url, fetch->max_size,
                                     cancellable, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
kiosk_fetcher_fetch_bytes_async (KioskFetcher        *self,
                                 const char          *url,
                                 gsize                max_size,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  FetchData *fetch;

  g_return_if_fail (KIOSK_IS_FETCHER (self));
  g_return_if_fail (url != NULL);

  fetch = g_new0 (FetchData, 1);
  fetch->url = g_strdup (url);
  fetch->max_size = max_size;
  run_task (self, fetch, kiosk_fetcher_fetch_bytes_async, fetch_bytes_thread, cancellable,
            callback, user_data);
}

GBytes *
kiosk_fetcher_fetch_bytes_finish (KioskFetcher  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_task (self, result, error);
}

/* libsoup 3.2 lets any thread send on one session as long as the session
 * is configured, in the thread that made it, before the first request
 * (its "client thread safety" notes): the fetcher makes it in its
 * constructor on the main thread and only sends afterwards, and each
 * blocking send does its I/O in the calling thread. That is what lets the
 * outbox sender's thread and the workers share the kiosk's one session. */
GBytes *
kiosk_fetcher_send (KioskFetcher  *self,
                    SoupMessage   *msg,
                    gsize          max_read,
                    guint          deadline,
                    gboolean      *truncated,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *url = NULL;
  g_autofree char *shown = NULL;
  GError *local_error = NULL;
  GError *final_error = NULL;
  Deadline timer = { 0, };

  g_return_val_if_fail (KIOSK_IS_FETCHER (self), NULL);
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), NULL);

  if (truncated != NULL)
    *truncated = FALSE;
  url = g_uri_to_string (soup_message_get_uri (msg));
  shown = kiosk_redact_uri (url);

  /* A redirect after a POST would repeat it elsewhere, as a GET. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  deadline_start (self, &timer, deadline, cancellable);
  stream = soup_session_send (self->session, msg, timer.cancellable, &local_error);
  if (stream != NULL)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      guint8 buffer[16 * 1024];

      /* One byte more than wanted tells a cut answer from a whole one. */
      while (local_error == NULL && data->len <= max_read)
        {
          gssize n = g_input_stream_read (stream, buffer,
                                          MIN (sizeof buffer, max_read + 1 - data->len),
                                          timer.cancellable, &local_error);
          if (n <= 0)
            break;
          g_byte_array_append (data, buffer, n);
        }
      if (data->len > max_read)
        {
          g_byte_array_set_size (data, max_read);
          if (truncated != NULL)
            *truncated = TRUE;
          close_unread (stream);
        }
      else
        g_input_stream_close (stream, NULL, NULL);
      if (local_error == NULL)
        bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
    }

  if (local_error != NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GError *io_error = g_steal_pointer (&local_error);

      propagate_io_error (self, stream != NULL, &local_error, io_error);
    }
  deadline_stop (&timer, &final_error, g_steal_pointer (&local_error));
  if (final_error != NULL)
    {
      if (!g_error_matches (final_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&final_error, "%s: ", shown);
      g_propagate_error (error, final_error);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FetchData *fetch = task_data;
  GError *error = NULL;
  GBytes *bytes;
  gboolean truncated = FALSE;

  bytes = kiosk_fetcher_send (source_object, fetch->msg, fetch->max_read, fetch->deadline,
                              &truncated, cancellable, &error);
  if (bytes != NULL && truncated)
    {
      g_autofree char *url = g_uri_to_string (soup_message_get_uri (fetch->msg));
      g_autofree char *shown = kiosk_redact_uri (url);
      g_autofree char *cap = format_size (fetch->max_read);

      g_bytes_unref (bytes);
      g_task_return_new_error (task, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE,
                               "%s: the answer is larger than the limit of %s", shown, cap);
    }
  else if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
kiosk_fetcher_send_async (KioskFetcher        *self,
                          SoupMessage         *msg,
                          gsize                max_read,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  FetchData *fetch;

  g_return_if_fail (KIOSK_IS_FETCHER (self));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  fetch = g_new0 (FetchData, 1);
  fetch->msg = g_object_ref (msg);
  fetch->max_read = max_read;
  run_task (self, fetch, kiosk_fetcher_send_async, send_thread, cancellable, callback, user_data);
}

GBytes *
kiosk_fetcher_send_finish (KioskFetcher  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return finish_task (self, result, error);
}

KioskRedirectPolicy
kiosk_fetcher_check_redirect (GUri *from,
                              GUri *to)
{
  g_return_val_if_fail (from != NULL, KIOSK_REDIRECT_REFUSED);
  g_return_val_if_fail (to != NULL, KIOSK_REDIRECT_REFUSED);

  if (!scheme_is (to, "https") && !scheme_is (to, "http"))
    return KIOSK_REDIRECT_REFUSED;
  if (scheme_is (from, "https") && !scheme_is (to, "https"))
    return KIOSK_REDIRECT_REFUSED;

  if (scheme_is (from, g_uri_get_scheme (to)) &&
      g_ascii_strcasecmp (g_uri_get_host (from) ? g_uri_get_host (from) : "",
                          g_uri_get_host (to) ? g_uri_get_host (to) : "") == 0 &&
      port_of (from) == port_of (to))
    return KIOSK_REDIRECT_SAME_ORIGIN;

  return KIOSK_REDIRECT_OTHER_ORIGIN;
}

/* kiosk-fetcher.c: gets a source's bytes over HTTP(S), from a file or a resource */

#define G_LOG_DOMAIN "kiosk-fetcher"

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "kiosk-fetcher.h"

struct _KioskFetcher
{
  GObject      parent_instance;

  /* owned */
  SoupSession *session;
  char        *user_agent;
  guint        timeout;
  gsize        max_size;
  guint        max_redirects;
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
      if (data->len + (gsize) n > self->max_size)
        {
          g_autofree char *cap = format_size (self->max_size);

          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE,
                       "the answer is larger than the limit of %s", cap);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

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

      if (colon == NULL || colon == headers[i])
        {
          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL,
                       "header “%s” is not “Name: value”", headers[i]);
          return FALSE;
        }
      name = g_strstrip (g_strndup (headers[i], colon - headers[i]));
      value = g_strstrip (g_strdup (colon + 1));
      if (*name == '\0' || strpbrk (name, " \t\r\n") != NULL || strpbrk (value, "\r\n") != NULL)
        {
          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL,
                       "header “%s” is not “Name: value”", headers[i]);
          return FALSE;
        }
      soup_message_headers_replace (request_headers, name, value);
    }

  return TRUE;
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
            GCancellable       *cancellable,
            GError            **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL,
                   "not a valid URL: %s", local_error->message);
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
      if (!add_headers (request_headers, headers, error))
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
          GUri *next;

          g_input_stream_close (stream, NULL, NULL);
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
          if (next == NULL ||
              (g_strcmp0 (g_uri_get_scheme (next), "http") != 0 &&
               g_strcmp0 (g_uri_get_scheme (next), "https") != 0))
            {
              g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL,
                           "redirected to “%s”, which is not an http(s) URL", location);
              g_clear_pointer (&next, g_uri_unref);
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

          g_input_stream_close (stream, NULL, NULL);
          if (phrase == NULL || *phrase == '\0')
            phrase = soup_status_get_phrase (status);
          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_HTTP,
                       "HTTP %u %s", status, phrase != NULL ? phrase : "");
          return NULL;
        }

      length = soup_message_headers_get_content_length (response_headers);
      if (soup_message_headers_get_encoding (response_headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          length > 0 && (guint64) length > self->max_size)
        {
          g_autofree char *cap = format_size (self->max_size);
          g_autofree char *size = format_size (length);

          g_input_stream_close (stream, NULL, NULL);
          g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE,
                       "the answer (%s) is larger than the limit of %s", size, cap);
          return NULL;
        }

      response->bytes = read_capped (self, stream, cancellable, error);
      g_input_stream_close (stream, NULL, NULL);
      if (response->bytes == NULL)
        return NULL;

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

  response->bytes = read_capped (self, stream, cancellable, error);
  if (response->bytes == NULL)
    return NULL;

  return g_steal_pointer (&response);
}

static void
kiosk_fetcher_finalize (GObject *object)
{
  KioskFetcher *self = (KioskFetcher *)object;

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
  self->timeout = KIOSK_FETCH_DEFAULT_TIMEOUT;
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

const char *
kiosk_fetcher_get_user_agent (KioskFetcher *self)
{
  g_return_val_if_fail (KIOSK_IS_FETCHER (self), NULL);

  return self->user_agent;
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
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (KIOSK_IS_FETCHER (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  scheme = g_uri_parse_scheme (url);
  if (scheme != NULL)
    {
      char *lower = g_ascii_strdown (scheme, -1);

      g_free (scheme);
      scheme = lower;
    }

  if (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0)
    return fetch_http (self, url, headers, etag, last_modified, cancellable, error);
  if (g_strcmp0 (scheme, "file") == 0 || g_strcmp0 (scheme, "resource") == 0)
    return fetch_local (self, url, last_modified, cancellable, error);

  g_set_error (error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_INVALID_URL,
               "not an http://, https://, file:// or resource:// URL");
  return NULL;
}

typedef struct
{
  char  *url;
  char **headers;
  char  *etag;
  char  *last_modified;
} FetchData;

static void
fetch_data_free (gpointer data)
{
  FetchData *fetch = data;

  g_free (fetch->url);
  g_strfreev (fetch->headers);
  g_free (fetch->etag);
  g_free (fetch->last_modified);
  g_free (fetch);
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
  g_autoptr(GTask) task = NULL;
  FetchData *fetch;

  g_return_if_fail (KIOSK_IS_FETCHER (self));
  g_return_if_fail (url != NULL);

  fetch = g_new0 (FetchData, 1);
  fetch->url = g_strdup (url);
  fetch->headers = g_strdupv ((char **) headers);
  fetch->etag = g_strdup (etag);
  fetch->last_modified = g_strdup (last_modified);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_fetcher_fetch_async);
  g_task_set_task_data (task, fetch, fetch_data_free);
  g_task_run_in_thread (task, fetch_thread);
}

KioskFetchResponse *
kiosk_fetcher_fetch_finish (KioskFetcher  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

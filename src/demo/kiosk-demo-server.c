/* kiosk-demo-server.c: Musterdorf's open-data API on loopback, with fault switches */

#define G_LOG_DOMAIN "kiosk-demo-server"

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "kiosk-demo-server.h"

/* One path's answer. Routes are immutable once published in the table and
 * reference-counted, so the server thread can use one while the test thread
 * replaces it. Only the server thread touches the Last-Modified state. */
typedef struct
{
  KioskDemoGenerator  generator;
  gpointer            user_data;
  GDestroyNotify      destroy;
  SoupServerCallback  callback;     /* set for add_handler routes */
  GBytes             *body;         /* set for set_body routes */
  char               *content_type;

  /* server thread only */
  char               *last_hash;
  GDateTime          *last_modified;
} Route;

typedef struct
{
  KioskDemoFault fault;
  guint          param;
} Fault;

struct _KioskDemoServer
{
  GObject       parent_instance;

  /* guarded by mutex */
  GMutex        mutex;
  GHashTable   *routes;        /* path -> Route (rc box) */
  GHashTable   *faults;        /* path -> Fault */
  GHashTable   *counts;        /* path -> GUINT_TO_POINTER */
  Fault         all_fault;
  guint         etag_serial;

  /* the serving thread */
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  guint         port;
  GMutex        start_mutex;
  GCond         start_cond;
  gboolean      start_done;
  GError       *start_error;
  GTlsCertificate *certificate;
};

G_DEFINE_FINAL_TYPE (KioskDemoServer, kiosk_demo_server, G_TYPE_OBJECT)

static void
route_clear (gpointer data)
{
  Route *route = data;

  if (route->destroy != NULL)
    route->destroy (route->user_data);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_clear_pointer (&route->content_type, g_free);
  g_clear_pointer (&route->last_hash, g_free);
  g_clear_pointer (&route->last_modified, g_date_time_unref);
}

static Route *
route_ref (Route *route)
{
  return g_atomic_rc_box_acquire (route);
}

static void
route_unref (gpointer route)
{
  g_atomic_rc_box_release_full (route, route_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Route, route_unref)

static void
publish_route (KioskDemoServer *self,
               const char      *path,
               Route           *route)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->routes, g_strdup (path), route);
  g_mutex_unlock (&self->mutex);
}

static char *
hash_bytes (GBytes *bytes)
{
  g_autofree char *full = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  return g_strndup (full, 16);
}

/* Does an If-None-Match value name @etag? Handles lists, "*" and W/ tags. */
static gboolean
etag_matches (const char *header,
              const char *etag)
{
  g_auto(GStrv) tags = NULL;

  if (header == NULL)
    return FALSE;

  tags = g_strsplit (header, ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (g_str_equal (tag, "*") || g_str_equal (tag, etag))
        return TRUE;
    }

  return FALSE;
}

static GBytes *
make_garbage (gsize size)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) size);
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);

  return g_bytes_new_take (data, size);
}

/* Closes the connection without an answer; SO_LINGER 0 makes it a reset. */
static void
reset_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (G_IS_SOCKET_CONNECTION (stream))
    {
      GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream));
      struct linger linger = { 1, 0 };

      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

/* Answers with a Content-Length that promises the whole body, sends half of
 * it and closes the connection. */
static void
send_truncated (SoupServerMessage *msg,
                GBytes            *body,
                const char        *content_type)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autofree char *head = NULL;
  GOutputStream *out;
  gsize size = g_bytes_get_size (body);

  if (stream == NULL)
    return;

  head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                          "Content-Type: %s\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n"
                          "\r\n",
                          content_type, size + 1024);
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, g_bytes_get_data (body, NULL), size / 2, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
answer_huge (SoupServerMessage *msg,
             const char        *content_type,
             gsize              size)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) block = NULL;
  const gsize block_size = 64 * 1024;
  char *data = g_malloc (block_size);

  /* One block appended many times: big on the wire, small in memory. */
  memset (data, ' ', block_size);
  block = g_bytes_new_take (data, block_size);
  for (gsize sent = 0; sent < size; sent += block_size)
    {
      if (size - sent >= block_size)
        soup_message_body_append_bytes (body, block);
      else
        soup_message_body_append (body, SOUP_MEMORY_COPY, data, size - sent);
    }
  soup_message_body_complete (body);
  /* Chunked, so a client cannot refuse it by its Content-Length alone. */
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         content_type, NULL);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static void
answer (KioskDemoServer   *self,
        SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        Route             *route,
        Fault              fault)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GBytes) body = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  const char *if_none_match;
  const char *if_modified_since;

  switch (fault.fault)
    {
    case KIOSK_DEMO_FAULT_STATUS:
      soup_server_message_set_status (msg, fault.param, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                        "fault injected\n", strlen ("fault injected\n"));
      return;

    case KIOSK_DEMO_FAULT_RESET:
      reset_connection (msg);
      return;

    case KIOSK_DEMO_FAULT_NONE:
    case KIOSK_DEMO_FAULT_DELAY:
    case KIOSK_DEMO_FAULT_TRUNCATE:
    case KIOSK_DEMO_FAULT_GARBAGE:
    case KIOSK_DEMO_FAULT_HUGE:
    case KIOSK_DEMO_FAULT_WRONG_TYPE:
    case KIOSK_DEMO_FAULT_CHANGING_ETAG:
    default:
      break;
    }

  if (route->callback != NULL)
    {
      route->callback (server, msg, path, query, route->user_data);
      return;
    }

  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      soup_message_headers_replace (response_headers, "Allow", "GET, HEAD");
      return;
    }

  if (route->body != NULL)
    {
      body = g_bytes_ref (route->body);
      content_type = g_strdup (route->content_type);
    }
  else
    {
      body = route->generator (now, route->user_data, &content_type);
      if (body == NULL)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
          return;
        }
    }
  if (content_type == NULL)
    content_type = g_strdup ("application/octet-stream");

  switch (fault.fault)
    {
    case KIOSK_DEMO_FAULT_HUGE:
      answer_huge (msg, content_type, fault.param);
      return;

    case KIOSK_DEMO_FAULT_TRUNCATE:
      send_truncated (msg, body, content_type);
      return;

    case KIOSK_DEMO_FAULT_GARBAGE:
      {
        gsize size = MAX (g_bytes_get_size (body), 256);

        g_bytes_unref (body);
        body = make_garbage (size);
      }
      break;

    case KIOSK_DEMO_FAULT_WRONG_TYPE:
      {
        static const char page[] =
          "<!DOCTYPE html>\n<html><head><title>Anmeldung</title></head>"
          "<body><h1>Bitte melden Sie sich im WLAN an</h1></body></html>\n";

        g_bytes_unref (body);
        body = g_bytes_new_static (page, sizeof page - 1);
        g_free (content_type);
        content_type = g_strdup ("text/html; charset=utf-8");
      }
      break;

    case KIOSK_DEMO_FAULT_NONE:
    case KIOSK_DEMO_FAULT_DELAY:
    case KIOSK_DEMO_FAULT_STATUS:
    case KIOSK_DEMO_FAULT_RESET:
    case KIOSK_DEMO_FAULT_CHANGING_ETAG:
    default:
      break;
    }

  /* Last-Modified is when the bytes last changed, as a real server would say. */
  hash = hash_bytes (body);
  if (g_strcmp0 (hash, route->last_hash) != 0)
    {
      g_free (route->last_hash);
      route->last_hash = g_strdup (hash);
      g_clear_pointer (&route->last_modified, g_date_time_unref);
      route->last_modified = g_date_time_new_from_unix_utc (g_date_time_to_unix (now));
    }
  last_modified = soup_date_time_to_string (route->last_modified, SOUP_DATE_HTTP);

  if (fault.fault == KIOSK_DEMO_FAULT_CHANGING_ETAG)
    {
      guint serial;

      g_mutex_lock (&self->mutex);
      serial = ++self->etag_serial;
      g_mutex_unlock (&self->mutex);
      etag = g_strdup_printf ("\"%s-%u\"", hash, serial);
    }
  else
    etag = g_strdup_printf ("\"%s\"", hash);

  soup_message_headers_replace (response_headers, "ETag", etag);
  soup_message_headers_replace (response_headers, "Last-Modified", last_modified);
  soup_message_headers_replace (response_headers, "Cache-Control", "no-cache");

  if_none_match = soup_message_headers_get_one (request_headers, "If-None-Match");
  if_modified_since = soup_message_headers_get_one (request_headers, "If-Modified-Since");
  if (if_none_match != NULL)
    {
      if (etag_matches (if_none_match, etag))
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }
  else if (if_modified_since != NULL && fault.fault != KIOSK_DEMO_FAULT_CHANGING_ETAG)
    {
      g_autoptr(GDateTime) since = soup_date_time_new_from_http_string (if_modified_since);

      if (since != NULL && g_date_time_compare (route->last_modified, since) <= 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (response_headers, content_type, NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
  soup_message_body_complete (soup_server_message_get_response_body (msg));
}

typedef struct
{
  KioskDemoServer   *self;
  SoupServer        *server;
  SoupServerMessage *msg;
  char              *path;
  GHashTable        *query;
  Route             *route;
  Fault              fault;
} Delayed;

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_object_unref (delayed->msg);
  g_object_unref (delayed->server);
  g_free (delayed->path);
  g_clear_pointer (&delayed->query, g_hash_table_unref);
  route_unref (delayed->route);
  g_free (delayed);
}

static gboolean
delayed_answer_cb (gpointer data)
{
  Delayed *delayed = data;

  answer (delayed->self, delayed->server, delayed->msg, delayed->path,
          delayed->query, delayed->route, delayed->fault);
  soup_server_message_unpause (delayed->msg);

  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  KioskDemoServer *self = user_data;
  g_autoptr(Route) route = NULL;
  Fault fault = { KIOSK_DEMO_FAULT_NONE, 0 };
  Fault *route_fault;
  guint count;

  g_mutex_lock (&self->mutex);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, path));
  g_hash_table_replace (self->counts, g_strdup (path), GUINT_TO_POINTER (count + 1));
  route = g_hash_table_lookup (self->routes, path);
  if (route != NULL)
    route_ref (route);
  route_fault = g_hash_table_lookup (self->faults, path);
  if (route_fault != NULL)
    fault = *route_fault;
  else
    fault = self->all_fault;
  g_mutex_unlock (&self->mutex);

  if (route == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                        "not found\n", strlen ("not found\n"));
      return;
    }

  if (fault.fault == KIOSK_DEMO_FAULT_DELAY)
    {
      Delayed *delayed = g_new0 (Delayed, 1);
      g_autoptr(GSource) source = g_timeout_source_new (fault.param);

      delayed->self = self;
      delayed->server = g_object_ref (server);
      delayed->msg = g_object_ref (msg);
      delayed->path = g_strdup (path);
      delayed->query = query != NULL ? g_hash_table_ref (query) : NULL;
      delayed->route = g_steal_pointer (&route);
      delayed->fault.fault = KIOSK_DEMO_FAULT_NONE;

      soup_server_message_pause (msg);
      g_source_set_callback (source, delayed_answer_cb, delayed, delayed_free);
      g_source_attach (source, self->context);
      return;
    }

  answer (self, server, msg, path, query, route, fault);
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

static gpointer
serve_thread (gpointer data)
{
  KioskDemoServer *self = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  server = soup_server_new ("server-header", "Musterdorf-Open-Data/1.0 ",
                            "tls-certificate", self->certificate,
                            NULL);
  soup_server_add_handler (server, NULL, server_cb, self, NULL);
  if (soup_server_listen_local (server, self->port,
                                SOUP_SERVER_LISTEN_IPV4_ONLY |
                                (self->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                                &error))
    {
      uris = soup_server_get_uris (server);
      if (uris != NULL)
        self->port = g_uri_get_port (uris->data);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&self->start_mutex);
  self->start_error = g_steal_pointer (&error);
  self->start_done = TRUE;
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_mutex);

  if (self->start_error == NULL)
    g_main_loop_run (self->loop);

  /* Delayed answers still pending go with the context, in stop(). */
  soup_server_disconnect (server);
  g_clear_object (&server);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static void
kiosk_demo_server_dispose (GObject *object)
{
  KioskDemoServer *self = (KioskDemoServer *)object;

  kiosk_demo_server_stop (self);

  G_OBJECT_CLASS (kiosk_demo_server_parent_class)->dispose (object);
}

static void
kiosk_demo_server_finalize (GObject *object)
{
  KioskDemoServer *self = (KioskDemoServer *)object;

  g_clear_pointer (&self->routes, g_hash_table_unref);
  g_clear_pointer (&self->faults, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_object (&self->certificate);
  g_mutex_clear (&self->mutex);
  g_mutex_clear (&self->start_mutex);
  g_cond_clear (&self->start_cond);

  G_OBJECT_CLASS (kiosk_demo_server_parent_class)->finalize (object);
}

static void
kiosk_demo_server_class_init (KioskDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_demo_server_dispose;
  object_class->finalize = kiosk_demo_server_finalize;
}

static void
kiosk_demo_server_init (KioskDemoServer *self)
{
  g_mutex_init (&self->mutex);
  g_mutex_init (&self->start_mutex);
  g_cond_init (&self->start_cond);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, route_unref);
  self->faults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

KioskDemoServer *
kiosk_demo_server_new (void)
{
  return g_object_new (KIOSK_TYPE_DEMO_SERVER, NULL);
}

/* A server started again after kiosk_demo_server_stop() listens on the same
 * port, so URLs handed out before stay valid ("the network is back"). */
gboolean
kiosk_demo_server_start (KioskDemoServer  *self,
                         GError          **error)
{
  g_return_val_if_fail (KIOSK_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->start_done = FALSE;
  self->thread = g_thread_new ("kiosk-demo-server", serve_thread, self);

  g_mutex_lock (&self->start_mutex);
  while (!self->start_done)
    g_cond_wait (&self->start_cond, &self->start_mutex);
  g_mutex_unlock (&self->start_mutex);

  if (self->start_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&self->start_error),
                                  "Demo server cannot listen on 127.0.0.1: ");
      kiosk_demo_server_stop (self);
      return FALSE;
    }

  g_debug ("Demo server listening on http://127.0.0.1:%u", self->port);

  return TRUE;
}

void
kiosk_demo_server_stop (KioskDemoServer *self)
{
  g_return_if_fail (KIOSK_IS_DEMO_SERVER (self));

  if (self->thread == NULL)
    return;

  {
    /* Quit from inside the loop: a quit before g_main_loop_run() would be lost. */
    g_autoptr(GSource) idle = g_idle_source_new ();

    g_source_set_callback (idle, quit_loop_cb, g_main_loop_ref (self->loop),
                           (GDestroyNotify) g_main_loop_unref);
    g_source_attach (idle, self->context);
  }
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
}

void
kiosk_demo_server_set_port (KioskDemoServer *self,
                            guint            port)
{
  g_return_if_fail (KIOSK_IS_DEMO_SERVER (self));
  g_return_if_fail (self->thread == NULL);
  g_return_if_fail (port <= G_MAXUINT16);

  self->port = port;
}

void
kiosk_demo_server_set_tls_certificate (KioskDemoServer *self,
                                       GTlsCertificate *certificate)
{
  g_return_if_fail (KIOSK_IS_DEMO_SERVER (self));
  g_return_if_fail (self->thread == NULL);

  g_set_object (&self->certificate, certificate);
}

gboolean
kiosk_demo_server_get_running (KioskDemoServer *self)
{
  g_return_val_if_fail (KIOSK_IS_DEMO_SERVER (self), FALSE);

  return self->thread != NULL;
}

char *
kiosk_demo_server_get_url (KioskDemoServer *self,
                           const char      *path)
{
  g_return_val_if_fail (KIOSK_IS_DEMO_SERVER (self), NULL);

  return g_strdup_printf ("%s://127.0.0.1:%u%s", self->certificate != NULL ? "https" : "http",
                          self->port, path != NULL ? path : "");
}

void
kiosk_demo_server_add_route (KioskDemoServer    *self,
                             const char         *path,
                             KioskDemoGenerator  generator,
                             gpointer            user_data,
                             GDestroyNotify      destroy)
{
  Route *route;

  g_return_if_fail (KIOSK_IS_DEMO_SERVER (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (generator != NULL);

  route = g_atomic_rc_box_new0 (Route);
  route->generator = generator;
  route->user_data = user_data;
  route->destroy = destroy;
  publish_route (self, path, route);
}

void
kiosk_demo_server_set_body (KioskDemoServer *self,
                            const char      *path,
                            GBytes          *body,
                            const char      *content_type)
{
  Route *route;

  g_return_if_fail (KIOSK_IS_DEMO_SERVER (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (body != NULL);

  route = g_atomic_rc_box_new0 (Route);
  route->body = g_bytes_ref (body);
  route->content_type = g_strdup (content_type);
  publish_route (self, path, route);
}

void
kiosk_demo_server_add_handler (KioskDemoServer    *self,
                               const char         *path,
                               SoupServerCallback  callback,
                               gpointer            user_data,
                               GDestroyNotify      destroy)
{
  Route *route;

  g_return_if_fail (KIOSK_IS_DEMO_SERVER (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (callback != NULL);

  route = g_atomic_rc_box_new0 (Route);
  route->callback = callback;
  route->user_data = user_data;
  route->destroy = destroy;
  publish_route (self, path, route);
}

/* A fault on @path wins over the one for every route. @path NULL with
 * KIOSK_DEMO_FAULT_NONE clears every fault: the server is healthy again. */
void
kiosk_demo_server_set_fault (KioskDemoServer *self,
                             const char      *path,
                             KioskDemoFault   fault,
                             guint            param)
{
  g_return_if_fail (KIOSK_IS_DEMO_SERVER (self));

  g_mutex_lock (&self->mutex);
  if (path == NULL)
    {
      self->all_fault.fault = fault;
      self->all_fault.param = param;
      if (fault == KIOSK_DEMO_FAULT_NONE)
        g_hash_table_remove_all (self->faults);
    }
  else if (fault == KIOSK_DEMO_FAULT_NONE)
    {
      g_hash_table_remove (self->faults, path);
    }
  else
    {
      Fault *entry = g_new (Fault, 1);

      entry->fault = fault;
      entry->param = param;
      g_hash_table_replace (self->faults, g_strdup (path), entry);
    }
  g_mutex_unlock (&self->mutex);
}

/* @path NULL: requests to every path together. */
guint
kiosk_demo_server_get_request_count (KioskDemoServer *self,
                                     const char      *path)
{
  guint count = 0;

  g_return_val_if_fail (KIOSK_IS_DEMO_SERVER (self), 0);

  g_mutex_lock (&self->mutex);
  if (path != NULL)
    {
      count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, path));
    }
  else
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->counts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        count += GPOINTER_TO_UINT (value);
    }
  g_mutex_unlock (&self->mutex);

  return count;
}

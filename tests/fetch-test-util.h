/* fetch-test-util.h: a loopback route that trickles its answer (header-only) */
#pragma once

#include <libsoup/soup.h>

#include "kiosk-demo-server.h"

/* One byte every FETCH_TEST_DRIP_MS: never silent for long enough to trip
 * a read timeout, done only after FETCH_TEST_DRIP_BYTES * FETCH_TEST_DRIP_MS. */
#define FETCH_TEST_DRIP_MS    200
#define FETCH_TEST_DRIP_BYTES 50

typedef struct
{
  SoupServerMessage *msg;
  guint              left;
} FetchTestDrip;

static inline void
fetch_test_drip_free (gpointer data)
{
  FetchTestDrip *drip = data;

  g_object_unref (drip->msg);
  g_free (drip);
}

static inline gboolean
fetch_test_drip_cb (gpointer data)
{
  FetchTestDrip *drip = data;
  SoupMessageBody *body = soup_server_message_get_response_body (drip->msg);

  soup_message_body_append (body, SOUP_MEMORY_STATIC, " ", 1);
  if (--drip->left == 0)
    soup_message_body_complete (body);
  soup_server_message_unpause (drip->msg);

  return drip->left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static inline void
fetch_test_drip_finished_cb (SoupServerMessage *msg,
                             gpointer           user_data)
{
  g_source_destroy (user_data);
}

static inline void
fetch_test_drip_source_unref (gpointer  data,
                              GClosure *closure)
{
  g_source_unref (data);
}

/* A SoupServerCallback: headers at once, then the body a byte at a time. */
static inline void
fetch_test_drip_handler (SoupServer        *server,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  FetchTestDrip *drip = g_new0 (FetchTestDrip, 1);
  GSource *source = g_timeout_source_new (FETCH_TEST_DRIP_MS);

  drip->msg = g_object_ref (msg);
  drip->left = FETCH_TEST_DRIP_BYTES;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  g_source_set_callback (source, fetch_test_drip_cb, drip, fetch_test_drip_free);
  g_source_attach (source, g_main_context_get_thread_default ());
  /* The client gave up: stop writing to it. */
  g_signal_connect_data (msg, "finished", G_CALLBACK (fetch_test_drip_finished_cb),
                         source, fetch_test_drip_source_unref, 0);
}

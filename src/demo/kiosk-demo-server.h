/* kiosk-demo-server.h: Musterdorf's open-data API on loopback, with fault switches */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_DEMO_SERVER (kiosk_demo_server_get_type ())

G_DECLARE_FINAL_TYPE (KioskDemoServer, kiosk_demo_server, KIOSK, DEMO_SERVER, GObject)

/* Faults a route can be switched to (tests and the demo both use them). */
typedef enum
{
  KIOSK_DEMO_FAULT_NONE,
  KIOSK_DEMO_FAULT_DELAY,          /* param: milliseconds before answering */
  KIOSK_DEMO_FAULT_STATUS,         /* param: HTTP status to answer with */
  KIOSK_DEMO_FAULT_TRUNCATE,       /* Content-Length promises more than is sent */
  KIOSK_DEMO_FAULT_GARBAGE,        /* random bytes with the route's type */
  KIOSK_DEMO_FAULT_HUGE,           /* param: size in bytes, streamed */
  KIOSK_DEMO_FAULT_RESET,          /* the connection is closed before an answer */
  KIOSK_DEMO_FAULT_WRONG_TYPE,     /* text/html instead of the route's type */
  KIOSK_DEMO_FAULT_CHANGING_ETAG,  /* same body, a new ETag every time */
} KioskDemoFault;

/* Builds a route's body for the moment @now (timestamps relative to now).
 * Called in the server's thread: must not touch GTK or shared state. */
typedef GBytes *(*KioskDemoGenerator) (GDateTime  *now,
                                       gpointer    user_data,
                                       char      **content_type);

KioskDemoServer *kiosk_demo_server_new               (void);
/* Listens on 127.0.0.1 on a free port, serving from its own thread. */
gboolean         kiosk_demo_server_start             (KioskDemoServer    *self,
                                                      GError            **error);
void             kiosk_demo_server_stop              (KioskDemoServer    *self);
gboolean         kiosk_demo_server_get_running       (KioskDemoServer    *self);
/* Before the first start: the port to listen on (0, the default: any free one). */
void             kiosk_demo_server_set_port          (KioskDemoServer    *self,
                                                      guint               port);
/* Before start: serve https:// with this certificate (tests of TLS checks). */
void             kiosk_demo_server_set_tls_certificate (KioskDemoServer  *self,
                                                      GTlsCertificate    *certificate);
/* "http://127.0.0.1:PORT" + @path */
char            *kiosk_demo_server_get_url           (KioskDemoServer    *self,
                                                      const char         *path);
/* GET @path answers the generator's bytes with an ETag (of the bytes),
 * Last-Modified, and 304 for a matching If-None-Match. */
void             kiosk_demo_server_add_route         (KioskDemoServer    *self,
                                                      const char         *path,
                                                      KioskDemoGenerator  generator,
                                                      gpointer            user_data,
                                                      GDestroyNotify      destroy);
/* A fixed body (for tests); replaces what @path served before. */
void             kiosk_demo_server_set_body          (KioskDemoServer    *self,
                                                      const char         *path,
                                                      GBytes             *body,
                                                      const char         *content_type);
/* Any method, handled in the server's thread (e.g. POSTed survey answers). */
void             kiosk_demo_server_add_handler       (KioskDemoServer    *self,
                                                      const char         *path,
                                                      SoupServerCallback  callback,
                                                      gpointer            user_data,
                                                      GDestroyNotify      destroy);
/* @path NULL: every route. */
void             kiosk_demo_server_set_fault         (KioskDemoServer    *self,
                                                      const char         *path,
                                                      KioskDemoFault      fault,
                                                      guint               param);
guint            kiosk_demo_server_get_request_count (KioskDemoServer    *self,
                                                      const char         *path);

G_END_DECLS

/* kiosk-demo-alerts.c: Musterdorf's public warnings in the demo town: a CAP Atom feed and its switch
 *
 * The feed is empty until the switch raises a warning:
 *   GET /api/warnings/switch?state=raise    a new storm warning (MD-DEMO-N)
 *   GET /api/warnings/switch?state=cancel   a Cancel message for it
 * or ANKERORT_DEMO_ALERT=1 in the environment raises one at start. The
 * feed links each CAP document, as civil protection feeds do, so the demo
 * shows the linked-document path too. The kiosk refreshes it every minute. */

#define G_LOG_DOMAIN "kiosk-demo-alerts"

#include "config.h"

#include <string.h>

#include "kiosk-demo.h"
#include "kiosk-source-config.h"

#define FEED_PATH   "/api/warnings/feed.atom"
#define ALERT_PATH  "/api/warnings/alert.xml"
#define CANCEL_PATH "/api/warnings/cancel.xml"
#define SWITCH_PATH "/api/warnings/switch"
#define SENDER      "leitstelle@musterdorf.example"

/* Shared by the routes, read and written in the server's thread only. */
typedef struct
{
  guint  number;     /* 0: never raised */
  gint64 raised_at;  /* µs since the epoch */
  gboolean cancelled;
} DemoAlerts;

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S%:z");
}

static GBytes *
feed_generator (GDateTime  *now,
                gpointer    user_data,
                char      **content_type)
{
  DemoAlerts *alerts = user_data;
  g_autoptr(GString) feed = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
                                          "  <title>Warnungen für Musterdorf</title>\n"
                                          "  <id>urn:musterdorf:warnings</id>\n");

  if (alerts->number > 0)
    {
      g_autofree char *sent = format_time (alerts->raised_at);

      g_string_append_printf (feed,
                              "  <entry><title>Sturmwarnung</title><id>MD-DEMO-%u</id>"
                              "<updated>%s</updated><link type=\"application/cap+xml\" "
                              "href=\"alert.xml?n=%u\"/></entry>\n",
                              alerts->number, sent, alerts->number);
      if (alerts->cancelled)
        g_string_append_printf (feed,
                                "  <entry><title>Entwarnung</title><id>MD-DEMO-%u-C</id>"
                                "<updated>%s</updated><link type=\"application/cap+xml\" "
                                "href=\"cancel.xml?n=%u\"/></entry>\n",
                                alerts->number, sent, alerts->number);
    }
  g_string_append (feed, "</feed>\n");

  if (content_type != NULL)
    *content_type = g_strdup ("application/atom+xml");
  return g_string_free_to_bytes (g_steal_pointer (&feed));
}

static GBytes *
alert_generator (GDateTime  *now,
                 gpointer    user_data,
                 char      **content_type)
{
  DemoAlerts *alerts = user_data;
  g_autofree char *sent = format_time (alerts->raised_at);
  g_autofree char *expires = format_time (alerts->raised_at + 6 * G_TIME_SPAN_HOUR);
  static const struct { const char *language, *event, *headline, *instruction, *sender, *area; }
  infos[] = {
    { "de-DE", "Orkanböen", "Orkanböen bis 120 km/h in Musterdorf",
      "Bleiben Sie in Gebäuden. Halten Sie Abstand zu Bäumen, Gerüsten und Leitungen. "
      "Der Stadtpark ist gesperrt.", "Leitstelle Musterdorf", "Stadt Musterdorf" },
    { "en-GB", "Hurricane-force gusts", "Hurricane-force gusts up to 120 km/h in Musterdorf",
      "Stay indoors. Keep away from trees, scaffolding and power lines. The town park is "
      "closed.", "Musterdorf control centre", "Town of Musterdorf" },
  };
  g_autoptr(GString) doc = g_string_new (NULL);

  g_string_append_printf (doc,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n"
                          "  <identifier>MD-DEMO-%u</identifier>\n"
                          "  <sender>" SENDER "</sender>\n"
                          "  <sent>%s</sent>\n"
                          "  <status>Actual</status>\n  <msgType>Alert</msgType>\n"
                          "  <scope>Public</scope>\n", alerts->number, sent);
  for (guint i = 0; i < G_N_ELEMENTS (infos); i++)
    g_string_append_printf (doc,
                            "  <info>\n    <language>%s</language>\n    <category>Met</category>\n"
                            "    <event>%s</event>\n    <urgency>Immediate</urgency>\n"
                            "    <severity>Severe</severity>\n    <certainty>Observed</certainty>\n"
                            "    <expires>%s</expires>\n    <senderName>%s</senderName>\n"
                            "    <headline>%s</headline>\n    <instruction>%s</instruction>\n"
                            "    <area>\n      <areaDesc>%s</areaDesc>\n"
                            "      <polygon>51.30,12.30 51.38,12.30 51.38,12.45 51.30,12.45 "
                            "51.30,12.30</polygon>\n"
                            "      <geocode><valueName>AGS</valueName><value>14713000</value>"
                            "</geocode>\n    </area>\n  </info>\n",
                            infos[i].language, infos[i].event, expires, infos[i].sender,
                            infos[i].headline, infos[i].instruction, infos[i].area);
  g_string_append (doc, "</alert>\n");

  if (content_type != NULL)
    *content_type = g_strdup ("application/cap+xml");
  return g_string_free_to_bytes (g_steal_pointer (&doc));
}

static GBytes *
cancel_generator (GDateTime  *now,
                  gpointer    user_data,
                  char      **content_type)
{
  DemoAlerts *alerts = user_data;
  g_autofree char *sent = format_time (alerts->raised_at);
  g_autofree char *cancelled = format_time (g_get_real_time ());
  char *doc = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n"
                               "  <identifier>MD-DEMO-%u-C</identifier>\n"
                               "  <sender>" SENDER "</sender>\n  <sent>%s</sent>\n"
                               "  <status>Actual</status>\n  <msgType>Cancel</msgType>\n"
                               "  <scope>Public</scope>\n"
                               "  <references>" SENDER ",MD-DEMO-%u,%s</references>\n"
                               "</alert>\n", alerts->number, cancelled, alerts->number, sent);

  if (content_type != NULL)
    *content_type = g_strdup ("application/cap+xml");
  return g_bytes_new_take (doc, strlen (doc));
}

static void
raise_alert (DemoAlerts *alerts)
{
  alerts->number++;
  alerts->raised_at = g_get_real_time ();
  alerts->cancelled = FALSE;
  g_message ("Demo: warning MD-DEMO-%u raised", alerts->number);
}

static void
switch_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  DemoAlerts *alerts = user_data;
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *answer;

  if (g_strcmp0 (state, "raise") == 0)
    {
      raise_alert (alerts);
      answer = "raised\n";
    }
  else if (g_strcmp0 (state, "cancel") == 0 && alerts->number > 0)
    {
      alerts->cancelled = TRUE;
      g_message ("Demo: warning MD-DEMO-%u cancelled", alerts->number);
      answer = "cancelled\n";
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                        "state=raise or state=cancel (after a raise)\n", 44);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, answer,
                                    strlen (answer));
}

void
kiosk_demo_alerts_install (KioskDemoServer *server,
                           GPtrArray       *sources)
{
  g_autofree char *url = kiosk_demo_server_get_url (server, FEED_PATH);
  KioskSourceConfig *config = kiosk_source_config_new ("musterdorf-warnings", "cap", url);
  DemoAlerts *alerts = g_atomic_rc_box_new0 (DemoAlerts);

  if (g_strcmp0 (g_getenv ("ANKERORT_DEMO_ALERT"), "1") == 0)
    raise_alert (alerts);

  /* Each route holds the state; the last one gone frees it. */
  kiosk_demo_server_add_route (server, FEED_PATH, feed_generator, g_atomic_rc_box_acquire (alerts),
                               (GDestroyNotify) g_atomic_rc_box_release);
  kiosk_demo_server_add_route (server, ALERT_PATH, alert_generator,
                               g_atomic_rc_box_acquire (alerts),
                               (GDestroyNotify) g_atomic_rc_box_release);
  kiosk_demo_server_add_route (server, CANCEL_PATH, cancel_generator,
                               g_atomic_rc_box_acquire (alerts),
                               (GDestroyNotify) g_atomic_rc_box_release);
  kiosk_demo_server_add_handler (server, SWITCH_PATH, switch_handler, alerts,
                                 (GDestroyNotify) g_atomic_rc_box_release);

  config->refresh_interval = 60;
  g_ptr_array_add (sources, config);
}

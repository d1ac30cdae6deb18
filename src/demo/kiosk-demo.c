/* kiosk-demo.c: the demo town Musterdorf: its server and its sources */

#define G_LOG_DOMAIN "kiosk-demo"

#include "config.h"

#include "kiosk-demo.h"
#include "kiosk-source-config.h"

/* A fixed port keeps the demo's cached URLs valid from one start to the
 * next, so a demo kiosk also starts warm. */
#define DEMO_PORT 47380

static const struct
{
  const char     *name;
  KioskDemoFault  fault;
  guint           param;
} faults[] = {
  { "delay", KIOSK_DEMO_FAULT_DELAY, 10000 },
  { "status", KIOSK_DEMO_FAULT_STATUS, 503 },
  { "truncate", KIOSK_DEMO_FAULT_TRUNCATE, 0 },
  { "garbage", KIOSK_DEMO_FAULT_GARBAGE, 0 },
  { "huge", KIOSK_DEMO_FAULT_HUGE, 64 * 1024 * 1024 },
  { "reset", KIOSK_DEMO_FAULT_RESET, 0 },
  { "wrong-type", KIOSK_DEMO_FAULT_WRONG_TYPE, 0 },
  { "changing-etag", KIOSK_DEMO_FAULT_CHANGING_ETAG, 0 },
};

/* ANKERORT_DEMO_FAULT=NAME[:PARAM] puts every route of the demo town into
 * one fault, to see how the kiosk copes (names as in kiosk-demo-server.h). */
static void
apply_fault_from_environment (KioskDemoServer *server)
{
  const char *value = g_getenv ("ANKERORT_DEMO_FAULT");
  g_auto(GStrv) parts = NULL;

  if (value == NULL || *value == '\0')
    return;

  parts = g_strsplit (value, ":", 2);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      guint64 param = faults[i].param;

      if (g_strcmp0 (parts[0], faults[i].name) != 0)
        continue;
      if (parts[1] != NULL)
        g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT, &param, NULL);
      kiosk_demo_server_set_fault (server, NULL, faults[i].fault, (guint) param);
      g_message ("Demo: every route answers with the fault “%s” (%u)", parts[0], (guint) param);
      return;
    }

  g_warning ("ANKERORT_DEMO_FAULT: unknown fault “%s”", parts[0]);
}

KioskDemoServer *
kiosk_demo_start (GPtrArray  *sources,
                  GError    **error)
{
  g_autoptr(KioskDemoServer) server = kiosk_demo_server_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (sources != NULL, NULL);

  kiosk_demo_server_set_port (server, DEMO_PORT);
  if (!kiosk_demo_server_start (server, &local_error))
    {
      /* Taken, probably by another demo kiosk: any port will do. */
      g_debug ("%s", local_error->message);
      g_clear_object (&server);
      server = kiosk_demo_server_new ();
      if (!kiosk_demo_server_start (server, error))
        return NULL;
    }

  kiosk_demo_places_install (server, sources);
  kiosk_demo_events_install (server, sources);
  kiosk_demo_sensors_install (server, sources);
  kiosk_demo_surveys_install (server, sources);
  kiosk_demo_tiles_install (server, sources);
  kiosk_demo_media_install (server, sources);
  kiosk_demo_alerts_install (server, sources);
  apply_fault_from_environment (server);

  return g_steal_pointer (&server);
}

/* kiosk-status-service.c: the status document on the session bus, and `ankerort status`
 *
 * The kiosk answers io.github.ankerort.Ankerort.Status.GetStatus on its
 * GApplication object path, so that staff (and a monitoring agent) can ask
 * a running kiosk how it is. `ankerort status` asks it, and when no kiosk
 * answers (none runs, or it hangs) prints what was last written to
 * $XDG_STATE_HOME/ankerort/status.json, saying so and how old it is. */

#define G_LOG_DOMAIN "kiosk-status-service"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "kiosk-status-service.h"

/* A kiosk that does not answer within this is taken for hung. */
#define CALL_TIMEOUT_MS 5000

static const char introspection_xml[] =
  "<node>"
  "  <interface name='" KIOSK_STATUS_INTERFACE "'>"
  "    <method name='GetStatus'>"
  "      <arg type='s' name='document' direction='out'/>"
  "    </method>"
  "    <signal name='Changed'/>"
  "  </interface>"
  "</node>";

struct _KioskStatusService
{
  GObject          parent_instance;

  /* owned */
  KioskStatus     *status;
  GDBusConnection *connection;
  char            *object_path;
  guint            registration_id;
  gulong           changed_id;
};

G_DEFINE_FINAL_TYPE (KioskStatusService, kiosk_status_service, G_TYPE_OBJECT)

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  KioskStatusService *self = user_data;
  g_autofree char *document = NULL;

  /* Only GetStatus is declared: GDBus refuses anything else before us. */
  g_assert (g_str_equal (method_name, "GetStatus"));

  document = kiosk_status_to_string (self->status, FALSE);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(s)", document));
}

static const GDBusInterfaceVTable vtable = {
  .method_call = method_call_cb,
};

static void
status_changed_cb (KioskStatus        *status,
                   KioskStatusService *self)
{
  g_autoptr(GError) error = NULL;

  if (self->registration_id == 0)
    return;

  if (!g_dbus_connection_emit_signal (self->connection, NULL, self->object_path,
                                      KIOSK_STATUS_INTERFACE, "Changed", NULL, &error))
    g_debug ("Status: cannot emit Changed: %s", error->message);
}

static void
kiosk_status_service_dispose (GObject *object)
{
  KioskStatusService *self = (KioskStatusService *)object;

  kiosk_status_service_unexport (self);
  if (self->status != NULL)
    g_clear_signal_handler (&self->changed_id, self->status);
  g_clear_object (&self->status);

  G_OBJECT_CLASS (kiosk_status_service_parent_class)->dispose (object);
}

static void
kiosk_status_service_class_init (KioskStatusServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_status_service_dispose;
}

static void
kiosk_status_service_init (KioskStatusService *self)
{
}

KioskStatusService *
kiosk_status_service_new (KioskStatus *status)
{
  KioskStatusService *self;

  g_return_val_if_fail (KIOSK_IS_STATUS (status), NULL);

  self = g_object_new (KIOSK_TYPE_STATUS_SERVICE, NULL);
  self->status = g_object_ref (status);
  self->changed_id = g_signal_connect (status, "changed", G_CALLBACK (status_changed_cb), self);

  return self;
}

gboolean
kiosk_status_service_export (KioskStatusService  *self,
                             GDBusConnection     *connection,
                             const char          *object_path,
                             GError             **error)
{
  g_autoptr(GDBusNodeInfo) info = NULL;

  g_return_val_if_fail (KIOSK_IS_STATUS_SERVICE (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (object_path != NULL, FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  info = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  g_assert (info != NULL);
  self->registration_id = g_dbus_connection_register_object (connection, object_path,
                                                             info->interfaces[0], &vtable,
                                                             self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;

  self->connection = g_object_ref (connection);
  self->object_path = g_strdup (object_path);

  return TRUE;
}

void
kiosk_status_service_unexport (KioskStatusService *self)
{
  g_return_if_fail (KIOSK_IS_STATUS_SERVICE (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
  g_clear_pointer (&self->object_path, g_free);
}

char *
kiosk_status_service_object_path (const char *application_id)
{
  g_autofree char *path = g_strconcat ("/", application_id, NULL);

  g_return_val_if_fail (g_application_id_is_valid (application_id), NULL);

  g_strdelimit (path, ".", '/');
  g_strdelimit (path, "-", '_');

  return g_steal_pointer (&path);
}

/* `ankerort status` */

static char *
ask_running_kiosk (GError **error)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *object_path = kiosk_status_service_object_path (APPLICATION_ID);
  char *document = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  if (bus == NULL)
    return NULL;

  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, object_path,
                                       KIOSK_STATUS_INTERFACE, "GetStatus", NULL,
                                       G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, CALL_TIMEOUT_MS,
                                       NULL, error);
  if (reply == NULL)
    return NULL;

  g_variant_get (reply, "(s)", &document);
  return document;
}

static gboolean
print_document (const char  *text,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *pretty = NULL;

  if (!json_parser_load_from_data (parser, text, -1, error))
    return FALSE;

  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  pretty = json_generator_to_data (generator, NULL);
  printf ("%s\n", pretty);

  return TRUE;
}

static char *
describe_age (gint64 seconds)
{
  if (seconds < 120)
    return g_strdup_printf ("%" G_GINT64_FORMAT " s", seconds);
  if (seconds < 2 * 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT " min", seconds / 60);
  if (seconds < 2 * 86400)
    return g_strdup_printf ("%" G_GINT64_FORMAT " h", seconds / 3600);

  return g_strdup_printf ("%" G_GINT64_FORMAT " days", seconds / 86400);
}

int
kiosk_status_main (int    argc,
                   char **argv)
{
  gboolean file_only = FALSE;
  const GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_NONE, &file_only,
      "Read the status file only, do not ask the running kiosk", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) bus_error = NULL;
  g_autofree char *document = NULL;
  g_autofree char *path = kiosk_status_get_default_path ();
  g_autofree char *age = NULL;
  g_auto(GStrv) args = NULL;
  GStatBuf info;

  g_return_val_if_fail (argc >= 2, 2);

  /* Parse "status ARGS..." so "status" reads as the program's name. */
  args = g_new0 (char *, argc);
  args[0] = g_strdup ("ankerort status");
  for (int i = 2; i < argc; i++)
    args[i - 1] = g_strdup (argv[i]);
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Print the kiosk's status document (JSON): from the running kiosk,\n"
                                "or else the last one it wrote to $XDG_STATE_HOME/ankerort/status.json.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &args, &error) || g_strv_length (args) > 1)
    {
      fprintf (stderr, "ankerort status: %s\n",
               error != NULL ? error->message : "no arguments expected");
      return 2;
    }

  if (!file_only)
    {
      document = ask_running_kiosk (&bus_error);
      if (document != NULL)
        {
          fprintf (stderr, "Status of the running kiosk (D-Bus, %s)\n", APPLICATION_ID);
          if (!print_document (document, &error))
            {
              fprintf (stderr, "ankerort status: the kiosk sent no valid document: %s\n",
                       error->message);
              return 1;
            }
          return 0;
        }
    }

  if (!g_file_get_contents (path, &document, NULL, &error))
    {
      if (bus_error != NULL)
        fprintf (stderr, "ankerort status: no running kiosk answered (%s)\n", bus_error->message);
      fprintf (stderr, "ankerort status: and no status file: %s\n", error->message);
      return 1;
    }

  if (g_stat (path, &info) == 0)
    age = describe_age (MAX (g_get_real_time () / G_USEC_PER_SEC - (gint64) info.st_mtime, 0));
  if (bus_error != NULL)
    fprintf (stderr, "No running kiosk answered (%s).\n", bus_error->message);
  fprintf (stderr, "Status from the file %s, written %s ago\n", path, age != NULL ? age : "?");
  if (!print_document (document, &error))
    {
      fprintf (stderr, "ankerort status: %s is not a valid document: %s\n", path, error->message);
      return 1;
    }

  return 0;
}

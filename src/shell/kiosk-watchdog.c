/* kiosk-watchdog.c: tells systemd the kiosk is ready, and that its main loop still runs
 *
 * The sd_notify protocol is one datagram of "KEY=value" lines to the
 * AF_UNIX socket named in $NOTIFY_SOCKET; no libsystemd is needed for
 * that. The pings come from a timer on the main loop, so that a frozen
 * main loop (a screen that no longer answers a touch) is caught, not only
 * a dead process.
 *
 * Where systemd cannot hear the kiosk (the Flatpak), the main loop
 * renews an "alive" file's time instead, and a timer unit on the host
 * restarts the kiosk when the file grows old.
 *
 * $WATCHDOG_PID is not checked: under a kiosk compositor (cage) the
 * service's main process is the compositor and the kiosk its child; the
 * unit says NotifyAccess=all for that. */

#define G_LOG_DOMAIN "kiosk-watchdog"

#include "config.h"

#include <glib/gstdio.h>
#include <utime.h>

#include "kiosk-watchdog.h"

struct _KioskWatchdog
{
  GObject         parent_instance;

  /* owned */
  GSocket        *socket;
  GSocketAddress *address;
  guint64         interval_us;
  guint           timer_id;
  char           *last_error;
  char           *alive_file;
  guint           alive_interval_ms;
  guint           alive_id;
  char           *last_alive_error;
};

G_DEFINE_FINAL_TYPE (KioskWatchdog, kiosk_watchdog, G_TYPE_OBJECT)
G_DEFINE_QUARK (kiosk-watchdog-error-quark, kiosk_watchdog_error)

static gboolean
ping_cb (gpointer user_data)
{
  KioskWatchdog *self = user_data;
  g_autoptr(GError) error = NULL;

  /* Said once, not at every ping. */
  if (!kiosk_watchdog_notify (self, "WATCHDOG=1", &error) &&
      g_strcmp0 (error->message, self->last_error) != 0)
    {
      g_warning ("%s", error->message);
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
touch_cb (gpointer user_data)
{
  KioskWatchdog *self = user_data;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  if (g_utime (self->alive_file, NULL) == 0)
    return G_SOURCE_CONTINUE;

  /* The first time, or someone cleaned the folder. */
  dir = g_path_get_dirname (self->alive_file);
  g_mkdir_with_parents (dir, 0700);
  if (!g_file_set_contents (self->alive_file, "", 0, &error) &&
      g_strcmp0 (error->message, self->last_alive_error) != 0)
    {
      /* Said once, not every few seconds. */
      g_warning ("Cannot renew the alive file: %s", error->message);
      g_free (self->last_alive_error);
      self->last_alive_error = g_strdup (error->message);
    }

  return G_SOURCE_CONTINUE;
}

static void
kiosk_watchdog_finalize (GObject *object)
{
  KioskWatchdog *self = (KioskWatchdog *)object;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->alive_id, g_source_remove);
  g_clear_pointer (&self->alive_file, g_free);
  g_clear_pointer (&self->last_alive_error, g_free);
  g_clear_object (&self->socket);
  g_clear_object (&self->address);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (kiosk_watchdog_parent_class)->finalize (object);
}

static void
kiosk_watchdog_class_init (KioskWatchdogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_watchdog_finalize;
}

static void
kiosk_watchdog_init (KioskWatchdog *self)
{
}

KioskWatchdog *
kiosk_watchdog_new (const char *socket_path,
                    guint64     interval_us)
{
  KioskWatchdog *self = g_object_new (KIOSK_TYPE_WATCHDOG, NULL);

  if (socket_path == NULL || socket_path[0] == '\0')
    return self;

  if (socket_path[0] == '@')
    self->address = g_unix_socket_address_new_with_type (socket_path + 1, -1,
                                                         G_UNIX_SOCKET_ADDRESS_ABSTRACT);
  else if (socket_path[0] == '/')
    self->address = g_unix_socket_address_new (socket_path);
  else
    g_warning ("NOTIFY_SOCKET “%s” is neither a path nor an abstract socket: "
               "systemd is not told when the kiosk is ready", socket_path);
  self->interval_us = self->address != NULL ? interval_us : 0;

  return self;
}

KioskWatchdog *
kiosk_watchdog_new_from_environment (void)
{
  const char *usec = g_getenv ("WATCHDOG_USEC");
  guint64 interval = 0;

  if (usec != NULL && !g_ascii_string_to_unsigned (usec, 10, 1, G_MAXUINT64, &interval, NULL))
    g_warning ("WATCHDOG_USEC “%s” is not a number of microseconds: no watchdog pings", usec);

  return kiosk_watchdog_new (g_getenv ("NOTIFY_SOCKET"), interval);
}

gboolean
kiosk_watchdog_get_enabled (KioskWatchdog *self)
{
  g_return_val_if_fail (KIOSK_IS_WATCHDOG (self), FALSE);

  return self->address != NULL;
}

gboolean
kiosk_watchdog_notify (KioskWatchdog  *self,
                       const char     *state,
                       GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *where = NULL;
  gssize sent;

  g_return_val_if_fail (KIOSK_IS_WATCHDOG (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (self->address == NULL)
    return TRUE;

  if (self->socket == NULL)
    {
      self->socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM,
                                   G_SOCKET_PROTOCOL_DEFAULT, &local_error);
      if (self->socket == NULL)
        {
          g_set_error (error, KIOSK_WATCHDOG_ERROR, KIOSK_WATCHDOG_ERROR_FAILED,
                       "Cannot make a socket to notify systemd: %s", local_error->message);
          return FALSE;
        }
      /* A full socket buffer must not block the main loop. */
      g_socket_set_blocking (self->socket, FALSE);
    }

  sent = g_socket_send_to (self->socket, self->address, state, strlen (state), NULL, &local_error);
  if (sent < 0)
    {
      where = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (self->address));
      g_set_error (error, KIOSK_WATCHDOG_ERROR, KIOSK_WATCHDOG_ERROR_FAILED,
                   "Cannot notify systemd at %s (%s): %s", where, state, local_error->message);
      return FALSE;
    }

  return TRUE;
}

void
kiosk_watchdog_start (KioskWatchdog *self)
{
  g_return_if_fail (KIOSK_IS_WATCHDOG (self));

  if (self->alive_file != NULL && self->alive_id == 0)
    {
      self->alive_id = g_timeout_add (self->alive_interval_ms, touch_cb, self);
      touch_cb (self);
    }

  if (self->interval_us == 0 || self->timer_id != 0)
    return;

  self->timer_id = g_timeout_add (MAX (self->interval_us / 2000, 1), ping_cb, self);
  ping_cb (self);
}

void
kiosk_watchdog_stop (KioskWatchdog *self)
{
  g_return_if_fail (KIOSK_IS_WATCHDOG (self));

  g_clear_handle_id (&self->timer_id, g_source_remove);
  /* A kiosk that quits is not hung: no old file for the checker. */
  if (self->alive_id != 0)
    g_unlink (self->alive_file);
  g_clear_handle_id (&self->alive_id, g_source_remove);
}

char *
kiosk_watchdog_get_default_alive_file (void)
{
  const char *flatpak_id = g_getenv ("FLATPAK_ID");

  if (flatpak_id != NULL && *flatpak_id != '\0')
    return g_build_filename (g_get_user_runtime_dir (), "app", flatpak_id, "alive", NULL);

  return g_build_filename (g_get_user_runtime_dir (), "ankerort", "alive", NULL);
}

void
kiosk_watchdog_set_alive_file (KioskWatchdog *self,
                               const char    *path,
                               guint          interval_ms)
{
  g_return_if_fail (KIOSK_IS_WATCHDOG (self));
  g_return_if_fail (self->alive_id == 0);
  g_return_if_fail (path == NULL || interval_ms > 0);

  g_free (self->alive_file);
  self->alive_file = g_strdup (path);
  self->alive_interval_ms = interval_ms;
}

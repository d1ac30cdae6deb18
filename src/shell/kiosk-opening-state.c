/* kiosk-opening-state.c: the kiosk's day: open or closed, and the display with it
 *
 * Reads the opening hours and the closing days, says whether the kiosk is
 * open ("open") and whether its display is on ("awake": open, or held on
 * for a public warning, "held"), and runs the staff's display commands when
 * "awake" changes. It wakes exactly at the next change: on Linux with a
 * timer on the wall clock that also fires after a suspend and is cancelled
 * when the clock is set, so neither is missed and nothing polls. */

#define G_LOG_DOMAIN "kiosk-opening-state"

#include "config.h"

#include <errno.h>
#include <unistd.h>
#ifdef __linux__
#include <glib-unix.h>
#include <sys/timerfd.h>
#endif

#include "kiosk-opening-hours.h"
#include "kiosk-opening-state.h"
#include "kiosk-source-list.h"

/* Without a wall-clock timer, look again at least this often. */
#define FALLBACK_CHECK_S 60
/* With nothing to change within a year, still look again daily. */
#define NO_CHANGE_CHECK_S (24 * 60 * 60)

struct _KioskOpeningState
{
  GObject            parent_instance;

  /* owned */
  KioskConfig       *config;
  KioskServices     *services;
  GListModel        *closure_events;  /* the closures source's model, or NULL */
  KioskOpeningHours *hours;           /* NULL: no hours set, always open */
  GArray            *closures;        /* KioskClosure */
  GTimeZone         *tz;
  GDateTime         *next_change;
  int                timer_fd;
  guint              timer_fd_source;
  guint              timer_source;    /* without the wall-clock timer */

  gboolean           evaluated;
  gboolean           open;
  gboolean           held;
  gboolean           awake;
};

enum {
  PROP_0,
  PROP_OPEN,
  PROP_AWAKE,
  PROP_HELD,
  PROP_NEXT_CHANGE,
  N_PROPS
};

enum {
  COMMAND_FAILED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KioskOpeningState, kiosk_opening_state, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef  state;
  char     *key;
  char     *command;
} Command;

static void
command_free (Command *command)
{
  g_weak_ref_clear (&command->state);
  g_free (command->key);
  g_free (command->command);
  g_free (command);
}

static void
command_failed (KioskOpeningState *self,
                const char        *key,
                const char        *message)
{
  g_warning ("Setting %s: %s", key, message);
  if (self != NULL)
    g_signal_emit (self, signals[COMMAND_FAILED], 0, key, message);
}

static void
command_exited_cb (GPid     pid,
                   int      wait_status,
                   gpointer user_data)
{
  Command *command = user_data;
  g_autoptr(KioskOpeningState) self = g_weak_ref_get (&command->state);
  g_autoptr(GError) error = NULL;

  if (!g_spawn_check_wait_status (wait_status, &error))
    {
      g_autofree char *message = g_strdup_printf ("“%s” failed: %s", command->command,
                                                  error->message);

      command_failed (self, command->key, message);
    }
  else
    {
      g_debug ("Setting %s: “%s” done", command->key, command->command);
    }
  g_spawn_close_pid (pid);
  command_free (command);
}

/* The staff's command for the display (wlopm, xset, cec-client): no shell,
 * not waited for; how it ended is logged. */
static void
run_command (KioskOpeningState *self,
             const char        *key)
{
  g_autofree char *text = g_settings_get_string (kiosk_config_get_settings (self->config), key);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  Command *command;
  GPid pid;

  if (text == NULL || *g_strstrip (text) == '\0')
    return;

  if (!g_shell_parse_argv (text, NULL, &argv, &error))
    {
      g_autofree char *message = g_strdup_printf ("“%s” cannot be read as a command: %s",
                                                  text, error->message);

      command_failed (self, key, message);
      return;
    }
  if (!g_spawn_async (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                      NULL, NULL, &pid, &error))
    {
      g_autofree char *message = g_strdup_printf ("“%s” could not be started: %s",
                                                  text, error->message);

      command_failed (self, key, message);
      return;
    }

  command = g_new0 (Command, 1);
  g_weak_ref_init (&command->state, self);
  command->key = g_strdup (key);
  command->command = g_steal_pointer (&text);
  g_child_watch_add (pid, command_exited_cb, command);
}

static void
update_awake (KioskOpeningState *self)
{
  gboolean awake = self->open || self->held;

  if (self->awake == awake)
    return;

  self->awake = awake;
  g_debug ("Display %s", awake ? "awake" : "closed");
  run_command (self, awake ? "display-on-command" : "display-off-command");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AWAKE]);
}

static void evaluate (KioskOpeningState *self);

#ifdef __linux__
static gboolean
timer_fd_cb (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  guint64 expirations;

  /* ECANCELED: the clock was set; either way, look again. */
  if (read (fd, &expirations, sizeof expirations) < 0 && errno != ECANCELED && errno != EAGAIN)
    g_debug ("Reading the timer: %s", g_strerror (errno));
  evaluate (user_data);

  return G_SOURCE_CONTINUE;
}
#endif

static gboolean
timer_cb (gpointer user_data)
{
  KioskOpeningState *self = user_data;

  self->timer_source = 0;
  evaluate (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (KioskOpeningState *self,
          GDateTime         *now)
{
  gint64 at = self->next_change != NULL ? g_date_time_to_unix (self->next_change)
                                        : g_date_time_to_unix (now) + NO_CHANGE_CHECK_S;

#ifdef __linux__
  if (self->timer_fd >= 0)
    {
      struct itimerspec spec = { { 0, 0 }, { (time_t) at, 0 } };

      if (timerfd_settime (self->timer_fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
                           &spec, NULL) == 0)
        return;
      g_debug ("Setting the timer: %s", g_strerror (errno));
    }
#endif

  g_clear_handle_id (&self->timer_source, g_source_remove);
  self->timer_source =
    g_timeout_add_seconds ((guint) CLAMP (at - g_date_time_to_unix (now), 1, FALLBACK_CHECK_S),
                           timer_cb, self);
}

static void
evaluate (KioskOpeningState *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->tz);
  g_autoptr(GDateTime) next = NULL;
  gboolean open = TRUE;

  if (self->hours != NULL)
    {
      open = kiosk_opening_hours_is_open (self->hours, self->tz, self->closures, now);
      next = kiosk_opening_hours_next_change (self->hours, self->tz, self->closures, now);
    }

  if (!((next == NULL && self->next_change == NULL) ||
        (next != NULL && self->next_change != NULL && g_date_time_equal (next, self->next_change))))
    {
      g_clear_pointer (&self->next_change, g_date_time_unref);
      self->next_change = g_steal_pointer (&next);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_CHANGE]);
    }

  if (!self->evaluated || self->open != open)
    {
      g_autofree char *when = self->next_change != NULL
                              ? g_date_time_format (self->next_change, "%F %T %z") : NULL;

      g_message ("%s%s%s", open ? "Open" : "Closed", when != NULL ? " until " : "",
                 when != NULL ? when : "");
      self->open = open;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
    }

  /* The first evaluation sets the display the way the day has it. */
  if (!self->evaluated)
    {
      self->evaluated = TRUE;
      self->awake = self->open || self->held;
      run_command (self, self->awake ? "display-on-command" : "display-off-command");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AWAKE]);
    }
  else
    {
      update_awake (self);
    }

  schedule (self, now);
}

static void
read_closures (KioskOpeningState *self)
{
  g_clear_pointer (&self->closures, g_array_unref);
  if (self->closure_events != NULL)
    self->closures = kiosk_opening_hours_closures_from_events (self->closure_events);
}

static void
closure_events_changed_cb (GListModel        *model,
                           guint              position,
                           guint              removed,
                           guint              added,
                           KioskOpeningState *self)
{
  read_closures (self);
  evaluate (self);
}

/* The closures source is found again whenever the sources change: a new
 * configuration of it is a new source with a new model. */
static void
watch_closures (KioskOpeningState *self,
                gboolean           report)
{
  g_autofree char *id = g_settings_get_string (kiosk_config_get_settings (self->config),
                                               "closures-source");
  g_autoptr(GError) error = NULL;
  GListModel *events = NULL;

  if (*id != '\0')
    {
      events = kiosk_services_get_calendar (self->services, id, &error);
      if (events == NULL && report)
        g_warning ("Setting closures-source: %s; no closing days apply", error->message);
    }
  if (events == self->closure_events)
    return;

  if (self->closure_events != NULL)
    g_signal_handlers_disconnect_by_data (self->closure_events, self);
  g_set_object (&self->closure_events, events);
  if (events != NULL)
    g_signal_connect (events, "items-changed", G_CALLBACK (closure_events_changed_cb), self);
  read_closures (self);
}

static void
sources_changed_cb (GListModel        *sources,
                    guint              position,
                    guint              removed,
                    guint              added,
                    KioskOpeningState *self)
{
  GListModel *before = self->closure_events;

  watch_closures (self, FALSE);
  if (self->closure_events != before)
    evaluate (self);
}

/* A value that does not parse keeps the hours in force. */
static void
read_hours (KioskOpeningState *self)
{
  g_autofree char *spec = g_settings_get_string (kiosk_config_get_settings (self->config),
                                                 "opening-hours");
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  KioskOpeningHours *hours;

  if (*g_strstrip (spec) == '\0')
    {
      g_clear_pointer (&self->hours, kiosk_opening_hours_free);
      return;
    }

  hours = kiosk_opening_hours_parse (spec, warnings, NULL, &error);
  if (hours == NULL)
    {
      g_warning ("Setting opening-hours “%s”: %s; %s", spec, error->message,
                 self->hours != NULL ? "the previous hours stay" : "the kiosk stays open");
      return;
    }
  for (guint i = 0; i < warnings->len; i++)
    g_warning ("Setting opening-hours: %s", (const char *) g_ptr_array_index (warnings, i));

  g_clear_pointer (&self->hours, kiosk_opening_hours_free);
  self->hours = hours;
}

static void
config_changed_cb (KioskConfig       *config,
                   const char        *key,
                   KioskOpeningState *self)
{
  if (g_str_equal (key, "opening-hours"))
    {
      read_hours (self);
    }
  else if (g_str_equal (key, "closures-source"))
    {
      watch_closures (self, TRUE);
    }
  else if (g_str_equal (key, "time-zone"))
    {
      g_clear_pointer (&self->tz, g_time_zone_unref);
      self->tz = kiosk_config_get_time_zone (config);
    }
  else
    {
      return;
    }

  evaluate (self);
}

static void
kiosk_opening_state_dispose (GObject *object)
{
  KioskOpeningState *self = KIOSK_OPENING_STATE (object);

  if (self->config != NULL)
    g_signal_handlers_disconnect_by_data (self->config, self);
  if (self->services != NULL)
    g_signal_handlers_disconnect_by_data (
      kiosk_source_list_get_sources (kiosk_services_get_sources (self->services)), self);
  if (self->closure_events != NULL)
    g_signal_handlers_disconnect_by_data (self->closure_events, self);
  g_clear_handle_id (&self->timer_source, g_source_remove);
  g_clear_handle_id (&self->timer_fd_source, g_source_remove);
  if (self->timer_fd >= 0)
    {
      close (self->timer_fd);
      self->timer_fd = -1;
    }
  g_clear_object (&self->closure_events);
  g_clear_object (&self->services);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kiosk_opening_state_parent_class)->dispose (object);
}

static void
kiosk_opening_state_finalize (GObject *object)
{
  KioskOpeningState *self = KIOSK_OPENING_STATE (object);

  g_clear_pointer (&self->hours, kiosk_opening_hours_free);
  g_clear_pointer (&self->closures, g_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->next_change, g_date_time_unref);

  G_OBJECT_CLASS (kiosk_opening_state_parent_class)->finalize (object);
}

static void
kiosk_opening_state_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KioskOpeningState *self = KIOSK_OPENING_STATE (object);

  switch (prop_id)
    {
    case PROP_OPEN:
      g_value_set_boolean (value, self->open);
      break;
    case PROP_AWAKE:
      g_value_set_boolean (value, self->awake);
      break;
    case PROP_HELD:
      g_value_set_boolean (value, self->held);
      break;
    case PROP_NEXT_CHANGE:
      g_value_set_boxed (value, self->next_change);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_opening_state_class_init (KioskOpeningStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_opening_state_dispose;
  object_class->finalize = kiosk_opening_state_finalize;
  object_class->get_property = kiosk_opening_state_get_property;

  properties[PROP_OPEN] =
    g_param_spec_boolean ("open", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AWAKE] =
    g_param_spec_boolean ("awake", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HELD] =
    g_param_spec_boolean ("held", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_CHANGE] =
    g_param_spec_boxed ("next-change", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A display command could not run or failed (after the warning): the
   * setting's key and what went wrong, for whoever reports to staff. */
  signals[COMMAND_FAILED] = g_signal_new ("command-failed",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
kiosk_opening_state_init (KioskOpeningState *self)
{
  self->open = TRUE;
  self->awake = TRUE;
  self->timer_fd = -1;
}

KioskOpeningState *
kiosk_opening_state_new (KioskConfig   *config,
                         KioskServices *services)
{
  KioskOpeningState *self;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);

  self = g_object_new (KIOSK_TYPE_OPENING_STATE, NULL);
  self->config = g_object_ref (config);
  self->services = g_object_ref (services);
  self->tz = kiosk_config_get_time_zone (config);

#ifdef __linux__
  self->timer_fd = timerfd_create (CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
  if (self->timer_fd >= 0)
    self->timer_fd_source = g_unix_fd_add (self->timer_fd, G_IO_IN, timer_fd_cb, self);
#endif

  g_signal_connect (config, "changed", G_CALLBACK (config_changed_cb), self);
  g_signal_connect (kiosk_source_list_get_sources (kiosk_services_get_sources (services)),
                    "items-changed", G_CALLBACK (sources_changed_cb), self);
  read_hours (self);
  watch_closures (self, TRUE);
  evaluate (self);

  return self;
}

gboolean
kiosk_opening_state_get_open (KioskOpeningState *self)
{
  g_return_val_if_fail (KIOSK_IS_OPENING_STATE (self), TRUE);

  return self->open;
}

gboolean
kiosk_opening_state_get_awake (KioskOpeningState *self)
{
  g_return_val_if_fail (KIOSK_IS_OPENING_STATE (self), TRUE);

  return self->awake;
}

gboolean
kiosk_opening_state_get_held (KioskOpeningState *self)
{
  g_return_val_if_fail (KIOSK_IS_OPENING_STATE (self), FALSE);

  return self->held;
}

GDateTime *
kiosk_opening_state_get_next_change (KioskOpeningState *self)
{
  g_return_val_if_fail (KIOSK_IS_OPENING_STATE (self), NULL);

  return self->next_change;
}

void
kiosk_opening_state_hold_display (KioskOpeningState *self,
                                  gboolean           hold)
{
  g_return_if_fail (KIOSK_IS_OPENING_STATE (self));

  hold = !!hold;
  if (self->held == hold)
    return;

  self->held = hold;
  update_awake (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELD]);
}

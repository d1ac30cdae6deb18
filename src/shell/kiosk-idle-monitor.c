/* kiosk-idle-monitor.c: counts down from the last touch to the idle reset */

#define G_LOG_DOMAIN "kiosk-idle-monitor"

#include "config.h"

#include "kiosk-idle-monitor.h"

struct _KioskIdleMonitor
{
  GObject  parent_instance;

  gint64   last_input;    /* monotonic, µs */
  guint    timeout;       /* seconds, as configured */
  guint    counting;      /* seconds, in effect since the last input */
  guint    tick_id;
  guint    remaining;
  gboolean active;
};

enum {
  PROP_0,
  PROP_REMAINING,
  PROP_ACTIVE,
  PROP_TIMEOUT,
  N_PROPS
};

enum {
  IDLE,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KioskIdleMonitor, kiosk_idle_monitor, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_remaining (KioskIdleMonitor *self,
               guint             remaining)
{
  if (self->remaining == remaining)
    return;

  self->remaining = remaining;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
}

static guint
compute_remaining (KioskIdleMonitor *self)
{
  gint64 elapsed = (g_get_monotonic_time () - self->last_input) / G_USEC_PER_SEC;

  if (elapsed >= self->counting)
    return 0;

  return self->counting - (guint) elapsed;
}

static gboolean
tick_cb (gpointer user_data)
{
  KioskIdleMonitor *self = user_data;
  guint remaining = compute_remaining (self);

  set_remaining (self, remaining);
  if (remaining == 0)
    {
      self->tick_id = 0;
      kiosk_idle_monitor_set_active (self, FALSE);
      g_signal_emit (self, signals[IDLE], 0);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
event_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          KioskIdleMonitor         *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_KEY_PRESS:
    case GDK_SCROLL:
    case GDK_MOTION_NOTIFY:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      kiosk_idle_monitor_poke (self);
      break;

    default:
      break;
    }

  /* Only watching: the event goes on to its target. */
  return GDK_EVENT_PROPAGATE;
}

static void
kiosk_idle_monitor_dispose (GObject *object)
{
  KioskIdleMonitor *self = (KioskIdleMonitor *)object;

  g_clear_handle_id (&self->tick_id, g_source_remove);

  G_OBJECT_CLASS (kiosk_idle_monitor_parent_class)->dispose (object);
}

static void
kiosk_idle_monitor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KioskIdleMonitor *self = KIOSK_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_REMAINING:
      g_value_set_uint (value, kiosk_idle_monitor_get_remaining (self));
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_idle_monitor_class_init (KioskIdleMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_idle_monitor_dispose;
  object_class->get_property = kiosk_idle_monitor_get_property;

  properties[PROP_REMAINING] =
    g_param_spec_uint ("remaining", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 24 * 3600, 90,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IDLE] = g_signal_new ("idle",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
}

static void
kiosk_idle_monitor_init (KioskIdleMonitor *self)
{
  self->timeout = 90;
  self->counting = 90;
  self->remaining = G_MAXUINT;
  self->last_input = g_get_monotonic_time ();
}

KioskIdleMonitor *
kiosk_idle_monitor_new (guint timeout_seconds)
{
  KioskIdleMonitor *self = g_object_new (KIOSK_TYPE_IDLE_MONITOR, NULL);

  kiosk_idle_monitor_set_timeout (self, timeout_seconds);

  return self;
}

void
kiosk_idle_monitor_watch (KioskIdleMonitor *self,
                          GtkWidget        *widget)
{
  GtkEventController *controller;

  g_return_if_fail (KIOSK_IS_IDLE_MONITOR (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "kiosk-idle-monitor");
  g_signal_connect_object (controller, "event", G_CALLBACK (event_cb), self, 0);
  gtk_widget_add_controller (widget, controller);
}

void
kiosk_idle_monitor_set_timeout (KioskIdleMonitor *self,
                                guint             timeout_seconds)
{
  g_return_if_fail (KIOSK_IS_IDLE_MONITOR (self));

  timeout_seconds = MAX (timeout_seconds, 1);
  if (self->timeout == timeout_seconds)
    return;

  /* A countdown running keeps its end: the next input starts the new one. */
  self->timeout = timeout_seconds;
  if (!self->active)
    self->counting = timeout_seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
kiosk_idle_monitor_get_timeout (KioskIdleMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_MONITOR (self), 0);

  return self->timeout;
}

void
kiosk_idle_monitor_set_active (KioskIdleMonitor *self,
                               gboolean          active)
{
  g_return_if_fail (KIOSK_IS_IDLE_MONITOR (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;
  if (active)
    {
      self->last_input = g_get_monotonic_time ();
      self->counting = self->timeout;
      set_remaining (self, self->counting);
      if (self->tick_id == 0)
        self->tick_id = g_timeout_add (250, tick_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      set_remaining (self, G_MAXUINT);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

gboolean
kiosk_idle_monitor_get_active (KioskIdleMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_MONITOR (self), FALSE);

  return self->active;
}

guint
kiosk_idle_monitor_get_remaining (KioskIdleMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_IDLE_MONITOR (self), G_MAXUINT);

  return self->active ? self->remaining : G_MAXUINT;
}

void
kiosk_idle_monitor_poke (KioskIdleMonitor *self)
{
  g_return_if_fail (KIOSK_IS_IDLE_MONITOR (self));

  self->last_input = g_get_monotonic_time ();
  self->counting = self->timeout;
  if (self->active)
    set_remaining (self, self->counting);
}

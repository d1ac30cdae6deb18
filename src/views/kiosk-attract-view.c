/* kiosk-attract-view.c: the idle screen that invites people to touch */

#define G_LOG_DOMAIN "kiosk-attract-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-attract-view.h"

struct _KioskAttractView
{
  GtkWidget  parent_instance;

  /* template widgets */
  GtkWidget *content;
  GtkLabel  *place_label;
  GtkLabel  *touch_label;
  GtkLabel  *touch_label_en;
};

enum {
  ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KioskAttractView, kiosk_attract_view, GTK_TYPE_WIDGET)

static guint signals[N_SIGNALS];

static void
pressed_cb (GtkGestureClick  *gesture,
            int               n_press,
            double            x,
            double            y,
            KioskAttractView *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[ACTIVATED], 0);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KioskAttractView      *self)
{
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space)
    {
      g_signal_emit (self, signals[ACTIVATED], 0);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
kiosk_attract_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_ATTRACT_VIEW);

  G_OBJECT_CLASS (kiosk_attract_view_parent_class)->dispose (object);
}

static void
kiosk_attract_view_class_init (KioskAttractViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_attract_view_dispose;

  /* The whole screen is one big button: "touch to start". */
  signals[ACTIVATED] = g_signal_new ("activated",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-attract-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskAttractView, content);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractView, place_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractView, touch_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractView, touch_label_en);
  gtk_widget_class_bind_template_callback (widget_class, pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "attract");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
kiosk_attract_view_init (KioskAttractView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->touch_label),
                                  -1);
}

GtkWidget *
kiosk_attract_view_new (void)
{
  return g_object_new (KIOSK_TYPE_ATTRACT_VIEW, NULL);
}

void
kiosk_attract_view_set_place_name (KioskAttractView *self,
                                   const char       *place_name)
{
  g_return_if_fail (KIOSK_IS_ATTRACT_VIEW (self));

  gtk_label_set_label (self->place_label, place_name);
}

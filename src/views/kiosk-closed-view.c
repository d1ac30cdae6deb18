/* kiosk-closed-view.c: what the display shows outside the opening hours
 *
 * The place, "Geschlossen / Closed" in both languages and when the kiosk
 * opens again, large enough to read from across a foyer. The screen is
 * still a way in: a touch opens the home screen (the data is there at
 * night too), and the next idle reset brings this screen back. */

#define G_LOG_DOMAIN "kiosk-closed-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-closed-view.h"
#include "kiosk-i18n.h"

struct _KioskClosedView
{
  GtkWidget  parent_instance;

  /* template widgets */
  GtkWidget *content;
  GtkLabel  *place_label;
  GtkLabel  *title_label;
  GtkLabel  *title_other_label;
  GtkLabel  *next_label;
  GtkLabel  *hint_label;

  /* owned */
  GDateTime *next_opening;
  guint      midnight_id;   /* "tomorrow" becomes "today" */
};

enum {
  ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KioskClosedView, kiosk_closed_view, GTK_TYPE_WIDGET)

static guint signals[N_SIGNALS];

/* "Öffnet wieder / morgen um 08:00 Uhr", "Opens again / tomorrow at 08:00" */
static char *
format_next_opening (GDateTime *next)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (g_date_time_get_timezone (next));
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *time = kiosk_i18n_format_time (next);
  int days = g_date_time_get_day_of_year (next);
  GTimeSpan ahead = g_date_time_difference (next, now);

  if (g_date_time_get_year (next) == g_date_time_get_year (now) &&
      days == g_date_time_get_day_of_year (now))
    return g_strdup_printf (_("Opens again\ntoday at %s"), time);
  if (g_date_time_get_year (next) == g_date_time_get_year (tomorrow) &&
      days == g_date_time_get_day_of_year (tomorrow))
    return g_strdup_printf (_("Opens again\ntomorrow at %s"), time);
  /* Within the week the weekday says it; later the date. */
  if (ahead < 6 * G_TIME_SPAN_DAY)
    /* Translators: "Opens again / on Thursday at 08:00" */
    return g_strdup_printf (_("Opens again\non %s at %s"), kiosk_i18n_weekday_name (next), time);
  {
    g_autofree char *date = kiosk_i18n_format_date_long (next);

    /* Translators: "Opens again / on Monday, 28 December at 08:00" */
    return g_strdup_printf (_("Opens again\non %s at %s"), date, time);
  }
}

static void update_texts (KioskClosedView *self);

static gboolean
midnight_cb (gpointer user_data)
{
  KioskClosedView *self = user_data;

  self->midnight_id = 0;
  update_texts (self);

  return G_SOURCE_REMOVE;
}

/* The words for the day are relative to today: written again at midnight. */
static void
schedule_midnight (KioskClosedView *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) midnight = NULL;

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  if (self->next_opening == NULL)
    return;

  now = g_date_time_new_now (g_date_time_get_timezone (self->next_opening));
  tomorrow = g_date_time_add_days (now, 1);
  midnight = g_date_time_new (g_date_time_get_timezone (self->next_opening),
                              g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                              g_date_time_get_day_of_month (tomorrow), 0, 0, 0);
  self->midnight_id =
    g_timeout_add_seconds ((guint) (g_date_time_difference (midnight, now) / G_USEC_PER_SEC) + 1,
                           midnight_cb, self);
}

static void
update_texts (KioskClosedView *self)
{
  g_autofree char *next = self->next_opening != NULL ? format_next_opening (self->next_opening)
                                                     : NULL;
  const char *title = _("Closed");

  gtk_label_set_label (self->title_label, title);
  /* Translators: the closed screen's second line, in the other language:
   * the German translation is the English word. */
  gtk_label_set_label (self->title_other_label, _("Geschlossen"));
  gtk_label_set_label (self->next_label, next);
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), next != NULL);
  gtk_label_set_label (self->hint_label,
                       _("You can still look at the information:\ntouch the screen."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, next != NULL ? next : "",
                                  -1);
  schedule_midnight (self);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            KioskClosedView *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[ACTIVATED], 0);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KioskClosedView       *self)
{
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space)
    {
      g_signal_emit (self, signals[ACTIVATED], 0);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

/* Shown again after a night (maybe suspended): the day's words are current. */
static void
kiosk_closed_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kiosk_closed_view_parent_class)->map (widget);

  update_texts (KIOSK_CLOSED_VIEW (widget));
}

static void
kiosk_closed_view_dispose (GObject *object)
{
  KioskClosedView *self = KIOSK_CLOSED_VIEW (object);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_CLOSED_VIEW);

  G_OBJECT_CLASS (kiosk_closed_view_parent_class)->dispose (object);
}

static void
kiosk_closed_view_finalize (GObject *object)
{
  KioskClosedView *self = KIOSK_CLOSED_VIEW (object);

  g_clear_pointer (&self->next_opening, g_date_time_unref);

  G_OBJECT_CLASS (kiosk_closed_view_parent_class)->finalize (object);
}

static void
kiosk_closed_view_class_init (KioskClosedViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_closed_view_dispose;
  object_class->finalize = kiosk_closed_view_finalize;
  widget_class->map = kiosk_closed_view_map;

  /* A touch: someone wants the kiosk although it is closed. */
  signals[ACTIVATED] = g_signal_new ("activated",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-closed-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskClosedView, content);
  gtk_widget_class_bind_template_child (widget_class, KioskClosedView, place_label);
  gtk_widget_class_bind_template_child (widget_class, KioskClosedView, title_label);
  gtk_widget_class_bind_template_child (widget_class, KioskClosedView, title_other_label);
  gtk_widget_class_bind_template_child (widget_class, KioskClosedView, next_label);
  gtk_widget_class_bind_template_child (widget_class, KioskClosedView, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "closed");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
kiosk_closed_view_init (KioskClosedView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  update_texts (self);
}

GtkWidget *
kiosk_closed_view_new (void)
{
  return g_object_new (KIOSK_TYPE_CLOSED_VIEW, NULL);
}

void
kiosk_closed_view_set_place_name (KioskClosedView *self,
                                  const char      *place_name)
{
  g_return_if_fail (KIOSK_IS_CLOSED_VIEW (self));

  gtk_label_set_label (self->place_label, place_name);
  gtk_widget_set_visible (GTK_WIDGET (self->place_label), place_name != NULL && *place_name != '\0');
}

void
kiosk_closed_view_set_next_opening (KioskClosedView *self,
                                    GDateTime       *next_opening)
{
  g_return_if_fail (KIOSK_IS_CLOSED_VIEW (self));

  g_clear_pointer (&self->next_opening, g_date_time_unref);
  if (next_opening != NULL)
    self->next_opening = g_date_time_ref (next_opening);
  update_texts (self);
}

void
kiosk_closed_view_set_black (KioskClosedView *self,
                             gboolean         black)
{
  g_return_if_fail (KIOSK_IS_CLOSED_VIEW (self));

  gtk_widget_set_visible (self->content, !black);
  if (black)
    gtk_widget_add_css_class (GTK_WIDGET (self), "black");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "black");
}

/* kiosk-header.c: place, clock, language, status, and Home and Back */

#define G_LOG_DOMAIN "kiosk-header"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-header.h"
#include "kiosk-i18n.h"

typedef enum
{
  FORM_ONE_ROW,
  FORM_TWO_ROWS,
  FORM_COMPACT,
} Form;

struct _KioskHeader
{
  GtkWidget  parent_instance;

  /* template widgets */
  GtkWidget *content;
  GtkBox    *top_row;
  GtkBox    *second_row;
  GtkWidget *title_box;
  GtkWidget *clock_box;
  GtkWidget *home_button;
  GtkLabel  *home_label;
  GtkWidget *back_button;
  GtkLabel  *back_label;
  GtkLabel  *place_label;
  GtkLabel  *title_label;
  GtkLabel  *status_label;
  GtkLabel  *time_label;
  GtkLabel  *date_label;
  GtkButton *language_button;
  GtkLabel  *language_label;
  GtkWidget *accessibility_button;
  GtkLabel  *accessibility_label;

  gboolean   portrait;
  Form       form;
  int        width;          /* the content's, at the last arrangement */
  guint      arrange_idle;

  /* owned */
  GTimeZone *tz;
  guint      clock_id;
};

G_DEFINE_FINAL_TYPE (KioskHeader, kiosk_header, GTK_TYPE_WIDGET)

static void
set_button_label (GtkWidget  *button,
                  GtkLabel   *label,
                  const char *text)
{
  gtk_label_set_label (label, text);
  /* The accessible name is exactly the visible label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
update_clock (KioskHeader *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->tz);
  g_autofree char *time = kiosk_i18n_format_time (now);
  g_autofree char *date = kiosk_i18n_format_date_long (now);

  gtk_label_set_label (self->time_label, time);
  gtk_label_set_label (self->date_label, date);
}

static gboolean
clock_cb (gpointer user_data)
{
  KioskHeader *self = user_data;

  update_clock (self);

  return G_SOURCE_CONTINUE;
}

/* The hidden long press. GtkGestureLongPress stops at twice the
 * desktop's long-press time, so the press is timed here: held for
 * KIOSK_HEADER_STAFF_PRESS_MS without moving away, it opens the PIN pad. */
typedef struct
{
  GtkWidget *widget;    /* unowned: the gesture's widget */
  guint      timer_id;
} StaffPress;

#define STAFF_PRESS_SLOP_PX 24

static void
staff_press_free (gpointer data,
                  GClosure *closure)
{
  StaffPress *press = data;

  g_clear_handle_id (&press->timer_id, g_source_remove);
  g_free (press);
}

static gboolean
staff_press_done_cb (gpointer user_data)
{
  StaffPress *press = user_data;

  press->timer_id = 0;
  gtk_widget_activate_action (press->widget, "win.show-staff", NULL);

  return G_SOURCE_REMOVE;
}

/* A button's icon is its box's first child; the compact form keeps only
 * the words. */
static void
show_icon (GtkWidget *button,
           gboolean   show)
{
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (button));

  gtk_widget_set_visible (gtk_widget_get_first_child (box), show);
}

/* One row on a wide screen; two on a narrow one (Home, Back, the clock and
 * the language on top, the place and the title with the accessibility
 * button below); narrower still, the clock joins the second row. */
static void
arrange (KioskHeader *self,
         Form         form)
{
  if (self->form == form)
    return;

  self->form = form;
  g_object_ref (self->title_box);
  g_object_ref (self->clock_box);
  g_object_ref (self->accessibility_button);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (self->title_box)), self->title_box);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (self->clock_box)), self->clock_box);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (self->accessibility_button)),
                  self->accessibility_button);
  switch (form)
    {
    case FORM_ONE_ROW:
      gtk_box_insert_child_after (self->top_row, self->title_box, self->back_button);
      gtk_box_insert_child_after (self->top_row, self->clock_box, self->title_box);
      gtk_box_append (self->top_row, self->accessibility_button);
      break;

    case FORM_TWO_ROWS:
      gtk_box_insert_child_after (self->top_row, self->clock_box, self->back_button);
      gtk_box_append (self->second_row, self->title_box);
      gtk_box_append (self->second_row, self->accessibility_button);
      break;

    case FORM_COMPACT:
    default:
      gtk_box_append (self->second_row, self->title_box);
      gtk_box_append (self->second_row, self->clock_box);
      gtk_box_append (self->second_row, self->accessibility_button);
      break;
    }
  g_object_unref (self->accessibility_button);
  g_object_unref (self->clock_box);
  g_object_unref (self->title_box);
  /* On the top row the clock takes its free middle. */
  gtk_widget_set_hexpand (self->clock_box, form == FORM_TWO_ROWS);
  gtk_widget_set_visible (GTK_WIDGET (self->second_row), form != FORM_ONE_ROW);
  show_icon (self->home_button, form != FORM_COMPACT);
  show_icon (self->back_button, form != FORM_COMPACT);
  show_icon (GTK_WIDGET (self->language_button), form != FORM_COMPACT);
  show_icon (self->accessibility_button, form != FORM_COMPACT);
}

/* What the icons of the visible @buttons take, with their spacing, shown
 * or not. */
static int
icons_width (GtkWidget **buttons,
             guint       n_buttons)
{
  int width = 0;

  for (guint i = 0; i < n_buttons; i++)
    {
      GtkWidget *box = gtk_button_get_child (GTK_BUTTON (buttons[i]));
      GtkWidget *icon = gtk_widget_get_first_child (box);

      if (gtk_widget_get_visible (buttons[i]))
        width += gtk_image_get_pixel_size (GTK_IMAGE (icon)) + gtk_box_get_spacing (GTK_BOX (box));
    }

  return width;
}

/* The width a row of @widgets needs: their minimums and the spacing
 * between the visible ones. */
static int
row_width (GtkWidget **widgets,
           guint       n_widgets,
           int         spacing)
{
  int width = 0;
  guint visible = 0;

  for (guint i = 0; i < n_widgets; i++)
    {
      int min = 0;

      if (!gtk_widget_get_visible (widgets[i]))
        continue;
      gtk_widget_measure (widgets[i], GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      width += min;
      visible++;
    }

  return width + (visible > 1 ? (int) (visible - 1) * spacing : 0);
}

static int
form_width (KioskHeader *self,
            Form         form)
{
  GtkWidget *one_row[] = { self->home_button, self->back_button, self->title_box, self->clock_box,
                           GTK_WIDGET (self->language_button), self->accessibility_button };
  GtkWidget *two_top[] = { self->home_button, self->back_button, self->clock_box,
                           GTK_WIDGET (self->language_button) };
  GtkWidget *two_second[] = { self->title_box, self->accessibility_button };
  GtkWidget *compact_top[] = { self->home_button, self->back_button,
                               GTK_WIDGET (self->language_button) };
  GtkWidget *compact_second[] = { self->title_box, self->clock_box, self->accessibility_button };
  int spacing = gtk_box_get_spacing (self->top_row);
  /* The compact form shows the buttons' words without their icons. */
  int icons = icons_width (compact_top, G_N_ELEMENTS (compact_top));
  int icon = icons_width (&self->accessibility_button, 1);
  int with_icons = self->form == FORM_COMPACT ? icons : 0;
  int with_icon = self->form == FORM_COMPACT ? icon : 0;

  switch (form)
    {
    case FORM_ONE_ROW:
      return row_width (one_row, G_N_ELEMENTS (one_row), spacing) + with_icons + with_icon;

    case FORM_TWO_ROWS:
      return MAX (row_width (two_top, G_N_ELEMENTS (two_top), spacing) + with_icons,
                  row_width (two_second, G_N_ELEMENTS (two_second), spacing) + with_icon);

    case FORM_COMPACT:
    default:
      return MAX (row_width (compact_top, G_N_ELEMENTS (compact_top), spacing) - icons + with_icons,
                  row_width (compact_second, G_N_ELEMENTS (compact_second), spacing) - icon + with_icon);
    }
}

/* The widest form that fits @width; a portrait screen never takes one row. */
static Form
form_for (KioskHeader *self,
          int          width)
{
  if (!self->portrait && width >= form_width (self, FORM_ONE_ROW))
    return FORM_ONE_ROW;
  if (width >= form_width (self, FORM_TWO_ROWS))
    return FORM_TWO_ROWS;
  return FORM_COMPACT;
}

static gboolean
arrange_cb (gpointer user_data)
{
  KioskHeader *self = user_data;

  self->arrange_idle = 0;
  self->width = gtk_widget_get_width (GTK_WIDGET (self));
  arrange (self, form_for (self, self->width));
  gtk_widget_queue_resize (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

static void
staff_drag_begin_cb (GtkGestureDrag *gesture,
                     double          x,
                     double          y,
                     StaffPress     *press)
{
  press->widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  g_clear_handle_id (&press->timer_id, g_source_remove);
  press->timer_id = g_timeout_add (KIOSK_HEADER_STAFF_PRESS_MS, staff_press_done_cb, press);
}

static void
staff_drag_update_cb (GtkGestureDrag *gesture,
                      double          dx,
                      double          dy,
                      StaffPress     *press)
{
  /* A swipe or a scroll is not a long press. */
  if (dx * dx + dy * dy > STAFF_PRESS_SLOP_PX * STAFF_PRESS_SLOP_PX)
    g_clear_handle_id (&press->timer_id, g_source_remove);
}

static void
staff_drag_end_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   StaffPress     *press)
{
  g_clear_handle_id (&press->timer_id, g_source_remove);
}

static void
staff_drag_cancel_cb (GtkGesture       *gesture,
                      GdkEventSequence *sequence,
                      StaffPress       *press)
{
  g_clear_handle_id (&press->timer_id, g_source_remove);
}

void
kiosk_header_add_staff_gesture (GtkWidget *widget)
{
  GtkGesture *gesture;
  StaffPress *press;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  press = g_new0 (StaffPress, 1);
  gesture = gtk_gesture_drag_new ();
  g_signal_connect_data (gesture, "drag-begin", G_CALLBACK (staff_drag_begin_cb), press,
                         staff_press_free, 0);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (staff_drag_update_cb), press);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (staff_drag_end_cb), press);
  g_signal_connect (gesture, "cancel", G_CALLBACK (staff_drag_cancel_cb), press);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
}

/* The header never asks for more than its compact form needs: on a narrow
 * output it rearranges instead of pushing the window past the edge. */
static void
kiosk_header_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  KioskHeader *self = KIOSK_HEADER (widget);

  /* The height is for the width the header has (wrapped lines); a new
   * width asks again (see size_allocate). */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size < 0 && self->width > 0)
    for_size = self->width;
  gtk_widget_measure (self->content, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = MIN (*minimum, form_width (self, FORM_COMPACT));
}

static void
kiosk_header_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  KioskHeader *self = KIOSK_HEADER (widget);

  gtk_widget_allocate (self->content, width, height, baseline, NULL);

  /* Never rearrange or ask for a new height during an allocation: from an idle. */
  if ((width != self->width || form_for (self, width) != self->form) && self->arrange_idle == 0)
    self->arrange_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, arrange_cb, self, NULL);
}

static void
kiosk_header_dispose (GObject *object)
{
  KioskHeader *self = (KioskHeader *)object;

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->arrange_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_HEADER);

  G_OBJECT_CLASS (kiosk_header_parent_class)->dispose (object);
}

static void
kiosk_header_finalize (GObject *object)
{
  KioskHeader *self = (KioskHeader *)object;

  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (kiosk_header_parent_class)->finalize (object);
}

static void
kiosk_header_class_init (KioskHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_header_dispose;
  object_class->finalize = kiosk_header_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-header.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, content);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, top_row);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, second_row);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, title_box);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, clock_box);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, home_button);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, home_label);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, back_button);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, back_label);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, place_label);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, title_label);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, time_label);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, date_label);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, language_button);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, language_label);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, accessibility_button);
  gtk_widget_class_bind_template_child (widget_class, KioskHeader, accessibility_label);

  widget_class->measure = kiosk_header_measure;
  widget_class->size_allocate = kiosk_header_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "kioskheader");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BANNER);
}

static void
kiosk_header_init (KioskHeader *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The staff's way in: hold the place name for three seconds. */
  kiosk_header_add_staff_gesture (GTK_WIDGET (self->place_label));

  self->tz = g_time_zone_new_local ();
  /* Once a second is cheap and keeps the minute change exact. */
  self->clock_id = g_timeout_add_seconds (1, clock_cb, self);
  kiosk_header_retranslate (self);
}

GtkWidget *
kiosk_header_new (void)
{
  return g_object_new (KIOSK_TYPE_HEADER, NULL);
}

void
kiosk_header_set_place_name (KioskHeader *self,
                             const char  *place_name)
{
  g_return_if_fail (KIOSK_IS_HEADER (self));

  gtk_label_set_label (self->place_label, place_name);
}

void
kiosk_header_set_title (KioskHeader *self,
                        const char  *title)
{
  g_return_if_fail (KIOSK_IS_HEADER (self));

  gtk_label_set_label (self->title_label, title ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), title != NULL && *title != '\0');
}

void
kiosk_header_set_status (KioskHeader *self,
                         const char  *status,
                         gboolean     offline)
{
  g_return_if_fail (KIOSK_IS_HEADER (self));

  gtk_label_set_label (self->status_label, status ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL && *status != '\0');
  if (offline)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "offline");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "offline");
}

void
kiosk_header_set_time_zone (KioskHeader *self,
                            GTimeZone   *tz)
{
  g_return_if_fail (KIOSK_IS_HEADER (self));
  g_return_if_fail (tz != NULL);

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = g_time_zone_ref (tz);
  update_clock (self);
}

void
kiosk_header_set_navigation (KioskHeader *self,
                             gboolean     show_home,
                             gboolean     show_back)
{
  g_return_if_fail (KIOSK_IS_HEADER (self));

  gtk_widget_set_visible (self->home_button, show_home);
  gtk_widget_set_visible (self->back_button, show_back);
}

void
kiosk_header_set_portrait (KioskHeader *self,
                           gboolean     portrait)
{
  g_return_if_fail (KIOSK_IS_HEADER (self));

  portrait = !!portrait;
  if (self->portrait == portrait)
    return;

  self->portrait = portrait;
  arrange (self, form_for (self, gtk_widget_get_width (GTK_WIDGET (self))));
}

void
kiosk_header_retranslate (KioskHeader *self)
{
  const char *other;

  g_return_if_fail (KIOSK_IS_HEADER (self));

  set_button_label (self->home_button, self->home_label, _("Home"));
  set_button_label (self->back_button, self->back_label, _("Back"));
  set_button_label (self->accessibility_button, self->accessibility_label, _("Accessibility"));

  /* The switch names the language it switches to, in that language. */
  other = g_str_equal (kiosk_i18n_get_language (), "de") ? "en" : "de";
  set_button_label (GTK_WIDGET (self->language_button), self->language_label,
                    kiosk_i18n_get_language_name (other));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->language_button), "s", other);

  update_clock (self);
}

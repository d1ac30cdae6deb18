/* kiosk-event-page.c: one event's detail page, with a QR code to take it home
 *
 * A kiosk opens no browser: the event's link (or, without one, the event
 * itself as an .ics) becomes a large QR code that a phone scans from 50 cm. */

#define G_LOG_DOMAIN "kiosk-event-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kiosk-event-page.h"
#include "kiosk-i18n.h"
#include "kiosk-qr-code.h"
#include "kiosk-vocabulary.h"

/* Below this width the QR code goes under the text instead of beside it. */
#define NARROW_WIDTH 1300
#define PICTURE_MAX_SIDE 1600

struct _KioskEventPage
{
  GtkWidget         parent_instance;

  /* template widgets */
  GtkScrolledWindow *scroller;
  GtkGrid           *columns;
  GtkWidget         *details;
  GtkWidget         *more;
  GtkLabel          *status_label;
  GtkLabel          *title_label;
  GtkLabel          *categories_label;
  GtkLabel          *when_label;
  GtkWidget         *place_box;
  GtkLabel          *place_label;
  GtkWidget         *price_box;
  GtkLabel          *price_label;
  GtkWidget         *accessibility_box;
  GtkLabel          *accessibility_label;
  GtkButton         *map_button;
  GtkLabel          *map_button_label;
  GtkPicture        *picture;
  GtkLabel          *description_label;
  GtkWidget         *qr_card;
  KioskQrCode       *qr_code;
  GtkLabel          *qr_caption;

  /* owned */
  KioskEvent        *event;
  GTimeZone         *tz;
  KioskImageLoader  *images;
  GCancellable      *cancellable;
  guint              orientation_idle;
  gboolean           narrow;
};

G_DEFINE_FINAL_TYPE (KioskEventPage, kiosk_event_page, GTK_TYPE_WIDGET)

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

char *
kiosk_event_page_format_when (KioskEvent *event,
                              GTimeZone  *tz)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (KIOSK_IS_EVENT (event), NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  start = g_date_time_to_timezone (kiosk_event_get_start (event), tz);
  end = g_date_time_to_timezone (kiosk_event_get_end (event), tz);

  if (kiosk_event_get_all_day (event))
    {
      /* All-day ends are exclusive: the last day is the one before. */
      g_autoptr(GDateTime) last = g_date_time_add_days (end, -1);
      g_autofree char *first_text = NULL;
      g_autofree char *last_text = NULL;

      if (g_date_time_compare (last, start) <= 0 || same_day (last, start))
        {
          first_text = kiosk_i18n_format_date_long (start);
          /* Translators: a date and "the whole day": "Sonntag, 22. November, ganztägig" */
          return g_strdup_printf (_("%s, all day"), first_text);
        }
      first_text = kiosk_i18n_format_date_short (start);
      last_text = kiosk_i18n_format_date_short (last);
      /* Translators: first and last day of a multi-day event */
      return g_strdup_printf (_("%1$s – %2$s"), first_text, last_text);
    }
  else
    {
      g_autofree char *start_time = kiosk_i18n_format_time (start);
      g_autofree char *end_time = kiosk_i18n_format_time (end);

      if (g_date_time_equal (start, end))
        {
          g_autofree char *day = kiosk_i18n_format_date_long (start);

          /* Translators: date and start time; German "%1$s, %2$s Uhr" */
          return g_strdup_printf (_("%1$s, %2$s"), day, start_time);
        }
      if (same_day (start, end) ||
          (g_date_time_difference (end, start) < 12 * G_TIME_SPAN_HOUR &&
           g_date_time_get_hour (end) < 6))
        {
          g_autofree char *day = kiosk_i18n_format_date_long (start);

          /* Translators: date, start and end time; German "%1$s, %2$s – %3$s Uhr" */
          return g_strdup_printf (_("%1$s, %2$s – %3$s"), day, start_time, end_time);
        }
      else
        {
          g_autofree char *first = kiosk_i18n_format_date_short (start);
          g_autofree char *last = kiosk_i18n_format_date_short (end);

          /* Translators: start day and time to end day and time */
          return g_strdup_printf (_("%1$s %2$s – %3$s %4$s"), first, start_time, last, end_time);
        }
    }
}

static char *
format_price (KioskEvent *event)
{
  double price = kiosk_event_get_price (event);
  const char *currency = kiosk_event_get_currency (event);
  g_autofree char *amount = NULL;
  gboolean german = g_str_equal (kiosk_i18n_get_language (), "de");

  if (kiosk_event_get_free (event))
    return g_strdup (_("Free admission"));
  if (isnan (price))
    return NULL;

  amount = g_strdup_printf ("%.2f", price);
  if (german)
    g_strdelimit (amount, ".", ',');
  if (currency == NULL || g_str_equal (currency, "EUR"))
    {
      g_autofree char *money = german ? g_strdup_printf ("%s €", amount) : g_strdup_printf ("€%s", amount);

      /* Translators: the entry price, "Eintritt: 12,00 €" */
      return g_strdup_printf (_("Admission: %s"), money);
    }
  else
    {
      g_autofree char *money = g_strdup_printf ("%s %s", amount, currency);

      return g_strdup_printf (_("Admission: %s"), money);
    }
}

static void
set_fact (GtkWidget  *box,
          GtkLabel   *label,
          const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (box, text != NULL && *text != '\0');
}

static void
picture_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  KioskEventPage *self;

  texture = kiosk_image_loader_load_finish (KIOSK_IMAGE_LOADER (object), result, &error);
  if (texture == NULL)
    {
      /* The page is complete without its picture. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Event picture not shown: %s", error->message);
      return;
    }

  self = KIOSK_EVENT_PAGE (user_data);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->picture), TRUE);
}

static void
load_picture (KioskEventPage *self)
{
  const char *uri = kiosk_event_get_image (self->event);
  GdkTexture *cached;

  if (uri == NULL || self->images == NULL)
    return;

  if ((cached = kiosk_image_loader_lookup (self->images, uri)) != NULL)
    {
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (cached));
      gtk_widget_set_visible (GTK_WIDGET (self->picture), TRUE);
      return;
    }

  /* The callback runs only while the page lives: cancelled in dispose. */
  kiosk_image_loader_load_async (self->images, uri, PICTURE_MAX_SIDE, self->cancellable,
                                 picture_loaded_cb, self);
}

static void
fill (KioskEventPage *self)
{
  KioskEvent *event = self->event;
  const char *language = kiosk_i18n_get_language ();
  const char * const *categories = kiosk_event_get_categories (event);
  const char *location = kiosk_event_get_location (event);
  const char *address = kiosk_event_get_address (event);
  const char *description = kiosk_event_get_description_for (event, language);
  const char *url = kiosk_event_get_url (event);
  g_autofree char *when = kiosk_event_page_format_when (event, self->tz);
  g_autofree char *price = format_price (event);
  g_autofree char *place = NULL;
  g_autofree char *access = NULL;
  const char *title = kiosk_event_get_title_for (event, language);

  gtk_label_set_label (self->title_label, title != NULL ? title : _("Event"));

  if (kiosk_event_is_cancelled (event) || kiosk_event_is_postponed (event))
    {
      gtk_label_set_label (self->status_label,
                           kiosk_event_is_cancelled (event)
                           ? _("Cancelled: this event does not take place.")
                           : _("Postponed: the new date is not known yet."));
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self), kiosk_event_is_cancelled (event) ? "cancelled" : "postponed");
    }

  if (categories != NULL)
    {
      g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
      g_auto(GStrv) shown = NULL;
      g_autofree char *joined = NULL;

      for (guint i = 0; categories[i] != NULL; i++)
        g_strv_builder_add (labels, kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY,
                                                            categories[i]));
      shown = g_strv_builder_end (labels);
      joined = g_strjoinv (" · ", shown);

      gtk_label_set_label (self->categories_label, joined);
      gtk_widget_set_visible (GTK_WIDGET (self->categories_label), TRUE);
    }

  gtk_label_set_label (self->when_label, when);

  if (location != NULL && address != NULL && g_strcmp0 (location, address) != 0)
    place = g_strdup_printf ("%s\n%s", location, address);
  else
    place = g_strdup (location != NULL ? location : address);
  set_fact (self->place_box, self->place_label, place);
  set_fact (self->price_box, self->price_label, price);

  if (kiosk_event_get_accessibility (event) != NULL)
    {
      g_autofree char *notes = kiosk_vocabulary_translate_list (KIOSK_VOCABULARY_ACCESSIBILITY,
                                                                kiosk_event_get_accessibility (event));

      /* Translators: followed by the accessibility notes of the event's place */
      access = g_strdup_printf (_("Accessibility: %s"), notes);
    }
  set_fact (self->accessibility_box, self->accessibility_label, access);

  if (description != NULL)
    gtk_label_set_label (self->description_label, description);
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL);

  if (kiosk_event_has_coordinates (event))
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->map_button), "(sdd)",
                                        kiosk_event_get_uid (event) ? kiosk_event_get_uid (event) : "",
                                        kiosk_event_get_latitude (event),
                                        kiosk_event_get_longitude (event));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->map_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_label (self->map_button_label),
                                      -1);
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->map_button), NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->map_button), FALSE);
    }

  if (url != NULL)
    {
      kiosk_qr_code_set_text (self->qr_code, url);
      gtk_label_set_label (self->qr_caption, _("Scan with your phone to open this event’s web page"));
    }
  else
    {
      g_autofree char *ics = kiosk_event_to_ics (event);

      kiosk_qr_code_set_text (self->qr_code, ics);
      gtk_label_set_label (self->qr_caption, _("Scan with your phone to save this event in your calendar"));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->qr_code),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("QR code"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gtk_label_get_label (self->qr_caption),
                                  -1);

  load_picture (self);
}

static void
place (KioskEventPage *self,
       GtkWidget      *child,
       int             column,
       int             row,
       int             row_span)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self->columns));
  GtkGridLayoutChild *cell = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, child));

  gtk_grid_layout_child_set_column (cell, column);
  gtk_grid_layout_child_set_row (cell, row);
  gtk_grid_layout_child_set_row_span (cell, row_span);
}

static int
min_width (GtkWidget *widget)
{
  int min = 0;

  if (gtk_widget_get_visible (widget))
    gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* The minimum widths of the page's columns side by side and one above the
 * other, with the page's padding. */
static void
layout_widths (KioskEventPage *self,
               int            *side_by_side,
               int            *stacked)
{
  int details = min_width (self->details);
  int more = min_width (self->more);
  int qr = min_width (self->qr_card);
  int wide = MAX (details, more) + gtk_grid_get_column_spacing (self->columns) + qr;
  int narrow = MAX (MAX (details, more), qr);
  int padding = min_width (GTK_WIDGET (self->columns)) - (self->narrow ? narrow : wide);

  *side_by_side = wide + padding;
  *stacked = narrow + padding;
}

static gboolean
wants_narrow (KioskEventPage *self,
              int             width)
{
  int side_by_side, stacked;

  layout_widths (self, &side_by_side, &stacked);
  return width < NARROW_WIDTH || width < side_by_side;
}

static gboolean
update_orientation_cb (gpointer user_data)
{
  KioskEventPage *self = user_data;

  self->orientation_idle = 0;
  self->narrow = wants_narrow (self, gtk_widget_get_width (GTK_WIDGET (self)));

  /* Wide: facts and text on the left, the QR card beside them. Narrow
   * (portrait stele): the QR card right under the facts, before the long
   * text, so nobody has to scroll to take the event home. */
  if (self->narrow)
    {
      place (self, self->details, 0, 0, 1);
      place (self, self->qr_card, 0, 1, 1);
      place (self, self->more, 0, 2, 1);
    }
  else
    {
      place (self, self->details, 0, 0, 1);
      place (self, self->qr_card, 1, 0, 2);
      place (self, self->more, 0, 1, 1);
    }

  return G_SOURCE_REMOVE;
}

static void
kiosk_event_page_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  KioskEventPage *self = KIOSK_EVENT_PAGE (widget);

  gtk_widget_measure (GTK_WIDGET (self->scroller), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);

  /* Side by side only where it fits: never wider than one column needs. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL && !self->narrow)
    {
      int side_by_side, stacked;

      layout_widths (self, &side_by_side, &stacked);
      *minimum = MIN (*minimum, stacked);
    }
}

static void
kiosk_event_page_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  KioskEventPage *self = KIOSK_EVENT_PAGE (widget);
  gboolean narrow = wants_narrow (self, width);

  gtk_widget_allocate (GTK_WIDGET (self->scroller), width, height, baseline, NULL);

  /* Never relayout during an allocation: move the cells from an idle. */
  if (narrow != self->narrow && self->orientation_idle == 0)
    self->orientation_idle = g_idle_add (update_orientation_cb, self);
}

static void
kiosk_event_page_dispose (GObject *object)
{
  KioskEventPage *self = (KioskEventPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->orientation_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_EVENT_PAGE);

  g_clear_object (&self->event);
  g_clear_object (&self->images);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (kiosk_event_page_parent_class)->dispose (object);
}

static void
kiosk_event_page_class_init (KioskEventPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_event_page_dispose;
  widget_class->measure = kiosk_event_page_measure;
  widget_class->size_allocate = kiosk_event_page_size_allocate;

  g_type_ensure (KIOSK_TYPE_QR_CODE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-event-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, columns);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, details);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, more);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, categories_label);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, when_label);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, place_box);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, place_label);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, price_box);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, price_label);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, accessibility_box);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, accessibility_label);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, map_button);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, map_button_label);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, picture);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, qr_card);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, qr_code);
  gtk_widget_class_bind_template_child (widget_class, KioskEventPage, qr_caption);

  gtk_widget_class_set_css_name (widget_class, "kiosk-event-page");
}

static void
kiosk_event_page_init (KioskEventPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
kiosk_event_page_new (KioskEvent       *event,
                      GTimeZone        *tz,
                      KioskImageLoader *images)
{
  KioskEventPage *self;

  g_return_val_if_fail (KIOSK_IS_EVENT (event), NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_EVENT_PAGE, NULL);
  self->event = g_object_ref (event);
  self->tz = g_time_zone_ref (tz);
  self->images = images != NULL ? g_object_ref (images) : NULL;
  fill (self);

  return GTK_WIDGET (self);
}

KioskEvent *
kiosk_event_page_get_event (KioskEventPage *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT_PAGE (self), NULL);

  return self->event;
}

GtkWidget *
kiosk_event_page_get_qr_code (KioskEventPage *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT_PAGE (self), NULL);

  return GTK_WIDGET (self->qr_code);
}

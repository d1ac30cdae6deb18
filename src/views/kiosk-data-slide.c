/* kiosk-data-slide.c: a full-screen slide of the attract loop made from the kiosk's own data
 *
 * Large type for a passer-by three metres away: a heading, then a few
 * lines. The data comes from the services' area models when the slide is
 * made; a slide is never made from data that is empty or stale. */

#define G_LOG_DOMAIN "kiosk-data-slide"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-data-slide.h"
#include "kiosk-event.h"
#include "kiosk-i18n.h"
#include "kiosk-reading.h"
#include "kiosk-survey.h"

struct _KioskDataSlide
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  KioskDataSlideKind  kind;
};

G_DEFINE_FINAL_TYPE (KioskDataSlide, kiosk_data_slide, GTK_TYPE_WIDGET)

/* TRUE when some source of @area has data no older than @max_age. */
static gboolean
area_fresh (KioskServices *services,
            KioskArea      area,
            GTimeSpan      max_age)
{
  g_autoptr(GPtrArray) statuses = kiosk_services_list_source_status (services);

  for (guint i = 0; i < statuses->len; i++)
    {
      KioskSourceStatus *status = g_ptr_array_index (statuses, i);

      if (status->area == area && status->age >= 0 && status->age <= max_age)
        return TRUE;
    }

  return FALSE;
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  KioskEvent *ea = *(KioskEvent **) a;
  KioskEvent *eb = *(KioskEvent **) b;

  return g_date_time_compare (kiosk_event_get_start (ea), kiosk_event_get_start (eb));
}

/* Today (in @now's time zone, the kiosk's) timed events that have not
 * ended, by start, at most
 * KIOSK_DATA_SLIDE_MAX_EVENTS (KioskEvent*). */
static GPtrArray *
collect_events (KioskServices *services,
                GDateTime     *now)
{
  GListModel *items = kiosk_services_get_items (services, KIOSK_AREA_EVENTS);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (items);

  if (!area_fresh (services, KIOSK_AREA_EVENTS, KIOSK_DATA_SLIDE_MAX_AGE))
    return g_steal_pointer (&events);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      KioskEvent *event;
      g_autoptr(GDateTime) start = NULL;

      if (!KIOSK_IS_EVENT (item))
        continue;
      event = KIOSK_EVENT (item);
      if (kiosk_event_get_all_day (event) || kiosk_event_is_cancelled (event) ||
          kiosk_event_get_start (event) == NULL ||
          g_date_time_compare (kiosk_event_get_end (event), now) <= 0)
        continue;
      start = g_date_time_to_timezone (kiosk_event_get_start (event),
                                       g_date_time_get_timezone (now));
      if (g_date_time_get_year (start) != g_date_time_get_year (now) ||
          g_date_time_get_day_of_year (start) != g_date_time_get_day_of_year (now))
        continue;
      g_ptr_array_add (events, g_object_ref (event));
    }

  g_ptr_array_sort (events, compare_start);
  if (events->len > KIOSK_DATA_SLIDE_MAX_EVENTS)
    g_ptr_array_set_size (events, KIOSK_DATA_SLIDE_MAX_EVENTS);

  return g_steal_pointer (&events);
}

/* The fresh air-quality reading in the worst band (the one that matters
 * to someone with asthma), or NULL. Nothing while the sensors' source
 * fails: "now" must be now. */
static KioskReading *
find_air_reading (KioskServices *services,
                  GDateTime     *now)
{
  GListModel *items = kiosk_services_get_items (services, KIOSK_AREA_SENSORS);
  guint n = g_list_model_get_n_items (items);
  KioskReading *worst = NULL;

  if (kiosk_services_get_area_failed (services, KIOSK_AREA_SENSORS))
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      g_autofree char *stale = NULL;
      const char *word, *style;

      if (!KIOSK_IS_READING (item))
        continue;
      if (!kiosk_reading_get_band_info (KIOSK_READING (item), &word, &style) ||
          style == NULL || !g_str_has_prefix (style, "band-aq-"))
        continue;
      stale = kiosk_reading_dup_stale_reason (KIOSK_READING (item), now);
      if (stale != NULL)
        continue;
      if (worst == NULL ||
          kiosk_reading_get_band (KIOSK_READING (item)) > kiosk_reading_get_band (worst))
        g_set_object (&worst, KIOSK_READING (item));
    }

  return worst;
}

static KioskSurvey *
find_open_survey (KioskServices *services,
                  GDateTime     *now)
{
  GListModel *items = kiosk_services_get_items (services, KIOSK_AREA_SURVEYS);
  guint n = g_list_model_get_n_items (items);

  if (!area_fresh (services, KIOSK_AREA_SURVEYS, KIOSK_DATA_SLIDE_MAX_AGE))
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (KIOSK_IS_SURVEY (item) && kiosk_survey_is_open (KIOSK_SURVEY (item), now))
        return KIOSK_SURVEY (g_steal_pointer (&item));
    }

  return NULL;
}

/* A title from a feed can be a paragraph: two lines' worth, then "…"
 * (a label's own ellipsizing measures wrongly when it also wraps). */
#define TITLE_CHARS 48

static char *
shorten (const char *text,
         glong       max_chars)
{
  g_autofree char *head = NULL;
  const char *space;

  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);

  head = g_utf8_substring (text, 0, max_chars - 1);
  space = strrchr (head, ' ');
  if (space != NULL && space - head > max_chars / 2)
    head[space - head] = '\0';

  return g_strconcat (head, "…", NULL);
}

static GtkWidget *
add_label (KioskDataSlide *self,
           GtkWidget      *parent,
           const char     *text,
           const char     *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (parent != NULL ? parent : self->box), label);

  return label;
}

static void
build_events (KioskDataSlide *self,
              GPtrArray      *events,
              GDateTime      *now)
{
  const char *language = kiosk_i18n_get_language ();
  g_autofree char *date = kiosk_i18n_format_date_long (now);
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 28);

  add_label (self, NULL, _("Today"), "data-slide-heading");
  add_label (self, NULL, date, "data-slide-subheading");

  gtk_widget_set_halign (list, GTK_ALIGN_CENTER);
  for (guint i = 0; i < MIN (events->len, KIOSK_DATA_SLIDE_MAX_EVENTS); i++)
    {
      KioskEvent *event = g_ptr_array_index (events, i);
      g_autoptr(GDateTime) start = g_date_time_to_timezone (kiosk_event_get_start (event),
                                                            g_date_time_get_timezone (now));
      g_autofree char *time = kiosk_i18n_format_time (start);
      g_autofree char *title = shorten (kiosk_event_get_title_for (event, language), TITLE_CHARS);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 48);
      GtkWidget *time_label = add_label (self, row, time, "data-slide-time");
      GtkWidget *title_label = add_label (self, row, title, "data-slide-title");

      gtk_label_set_wrap (GTK_LABEL (time_label), FALSE);
      gtk_widget_set_valign (time_label, GTK_ALIGN_START);
      gtk_label_set_xalign (GTK_LABEL (title_label), 0);
      gtk_label_set_justify (GTK_LABEL (title_label), GTK_JUSTIFY_LEFT);
      gtk_label_set_max_width_chars (GTK_LABEL (title_label), 24);
      gtk_widget_set_hexpand (title_label, TRUE);
      gtk_box_append (GTK_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (self->box), list);
}

static void
build_air (KioskDataSlide *self,
           KioskReading   *reading,
           GDateTime      *now)
{
  g_autofree char *value = kiosk_reading_format_value (reading);
  GDateTime *time = kiosk_reading_get_time (reading);
  g_autofree char *age = time != NULL ? kiosk_i18n_format_age (time, now) : NULL;
  GtkWidget *value_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *band, *unit;
  const char *word, *style;

  kiosk_reading_get_band_info (reading, &word, &style);
  add_label (self, NULL, _("Air quality now"), "data-slide-heading");
  add_label (self, NULL, kiosk_reading_get_display_name (reading), "data-slide-subheading");

  gtk_widget_set_halign (value_box, GTK_ALIGN_CENTER);
  add_label (self, value_box, value, "data-slide-value");
  unit = add_label (self, value_box, kiosk_reading_get_unit (reading), "data-slide-unit");
  gtk_label_set_wrap (GTK_LABEL (unit), FALSE);
  gtk_widget_set_valign (unit, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (unit, 36);
  gtk_box_append (GTK_BOX (self->box), value_box);

  /* The band in words and in the colour the environment area gives it. */
  band = add_label (self, NULL, word, "data-slide-band");
  gtk_widget_add_css_class (band, style);
  gtk_widget_set_halign (band, GTK_ALIGN_CENTER);

  if (*kiosk_reading_get_station (reading) != '\0')
    add_label (self, NULL, kiosk_reading_get_station (reading), "data-slide-note");
  if (age != NULL)
    {
      /* Translators: %s is "5 min ago" / "vor 5 Min." */
      g_autofree char *measured = g_strdup_printf (_("Measured %s"), age);

      add_label (self, NULL, measured, "data-slide-note");
    }
}

static void
build_survey (KioskDataSlide *self,
              KioskSurvey    *survey)
{
  GtkWidget *touch;
  g_autofree char *title = shorten (kiosk_survey_get_title (survey), 2 * TITLE_CHARS);

  add_label (self, NULL, _("Have your say"), "data-slide-heading");
  gtk_label_set_max_width_chars (GTK_LABEL (add_label (self, NULL, title, "data-slide-survey")),
                                 22);
  touch = add_label (self, NULL, _("Touch to take part"), "data-slide-touch");
  gtk_widget_set_halign (touch, GTK_ALIGN_CENTER);
  /* The other language as a second line, as on the attract screen. */
  add_label (self, NULL, _("Tippen zum Mitmachen"), "data-slide-touch-other");
}

/* A slide takes the screen it is given, like the pictures of the loop:
 * it asks for no minimum size (so that it never pushes the invitation off
 * the screen), and its content is centred and clipped should it not fit. */
static void
kiosk_data_slide_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  KioskDataSlide *self = KIOSK_DATA_SLIDE (widget);

  gtk_widget_measure (self->box, orientation, for_size, NULL, natural, NULL, NULL);
  *minimum = 0;
  *minimum_baseline = *natural_baseline = -1;
}

static void
kiosk_data_slide_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  KioskDataSlide *self = KIOSK_DATA_SLIDE (widget);
  int min_width, min_height;

  gtk_widget_measure (self->box, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  min_width = MAX (width, min_width);
  gtk_widget_measure (self->box, GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
  min_height = MAX (height, min_height);
  gtk_widget_allocate (self->box, min_width, min_height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((width - min_width) / 2,
                                                                            (height - min_height) / 2)));
}

static void
kiosk_data_slide_dispose (GObject *object)
{
  KioskDataSlide *self = KIOSK_DATA_SLIDE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (kiosk_data_slide_parent_class)->dispose (object);
}

static void
kiosk_data_slide_class_init (KioskDataSlideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_data_slide_dispose;
  widget_class->measure = kiosk_data_slide_measure;
  widget_class->size_allocate = kiosk_data_slide_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "dataslide");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_data_slide_init (KioskDataSlide *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 32);
  gtk_widget_set_valign (self->box, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (self->box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->box, "data-slide-content");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
kiosk_data_slide_new (KioskServices      *services,
                      KioskDataSlideKind  kind,
                      GDateTime          *now)
{
  KioskDataSlide *self;

  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);
  g_return_val_if_fail (kind < KIOSK_DATA_SLIDE_N_KINDS, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  switch (kind)
    {
    case KIOSK_DATA_SLIDE_EVENTS:
      {
        g_autoptr(GPtrArray) events = collect_events (services, now);

        if (events->len == 0)
          return NULL;
        self = g_object_new (KIOSK_TYPE_DATA_SLIDE, NULL);
        build_events (self, events, now);
      }
      break;

    case KIOSK_DATA_SLIDE_AIR:
      {
        g_autoptr(KioskReading) reading = find_air_reading (services, now);

        if (reading == NULL)
          return NULL;
        self = g_object_new (KIOSK_TYPE_DATA_SLIDE, NULL);
        build_air (self, reading, now);
      }
      break;

    case KIOSK_DATA_SLIDE_SURVEY:
    case KIOSK_DATA_SLIDE_N_KINDS:
    default:
      {
        g_autoptr(KioskSurvey) survey = find_open_survey (services, now);

        if (survey == NULL)
          return NULL;
        self = g_object_new (KIOSK_TYPE_DATA_SLIDE, NULL);
        build_survey (self, survey);
      }
      break;
    }

  self->kind = kind;
  gtk_widget_add_css_class (GTK_WIDGET (self), kiosk_data_slide_kind_to_string (kind));

  return GTK_WIDGET (self);
}

gboolean
kiosk_data_slide_available (KioskServices      *services,
                            KioskDataSlideKind  kind,
                            GDateTime          *now)
{
  g_return_val_if_fail (KIOSK_IS_SERVICES (services), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  switch (kind)
    {
    case KIOSK_DATA_SLIDE_EVENTS:
      {
        g_autoptr(GPtrArray) events = collect_events (services, now);

        return events->len > 0;
      }

    case KIOSK_DATA_SLIDE_AIR:
      {
        g_autoptr(KioskReading) reading = find_air_reading (services, now);

        return reading != NULL;
      }

    case KIOSK_DATA_SLIDE_SURVEY:
      {
        g_autoptr(KioskSurvey) survey = find_open_survey (services, now);

        return survey != NULL;
      }

    case KIOSK_DATA_SLIDE_N_KINDS:
    default:
      return FALSE;
    }
}

KioskDataSlideKind
kiosk_data_slide_get_kind (KioskDataSlide *self)
{
  g_return_val_if_fail (KIOSK_IS_DATA_SLIDE (self), KIOSK_DATA_SLIDE_EVENTS);

  return self->kind;
}

const char *
kiosk_data_slide_kind_to_string (KioskDataSlideKind kind)
{
  static const char * const names[] = { "events", "air", "survey" };

  g_return_val_if_fail (kind < KIOSK_DATA_SLIDE_N_KINDS, NULL);

  return names[kind];
}

/* kiosk-sensor-page.c: one reading in detail: chart with axes, min and max, bands, map link */

#define G_LOG_DOMAIN "kiosk-sensor-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kiosk-i18n.h"
#include "kiosk-sensor-page.h"
#include "kiosk-sparkline.h"

struct _KioskSensorPage
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkLabel       *name_label;
  GtkLabel       *station_label;
  GtkLabel       *value_label;
  GtkLabel       *unit_label;
  GtkLabel       *band_label;
  GtkLabel       *scale_label;
  GtkLabel       *age_label;
  GtkLabel       *stale_label;
  KioskSparkline *chart;
  GtkLabel       *extremes_label;
  GtkBox         *legend_box;
  GtkButton      *map_button;
  GtkLabel       *map_hint;

  /* owned */
  KioskReading   *reading;
  GDateTime      *now;
};

G_DEFINE_FINAL_TYPE (KioskSensorPage, kiosk_sensor_page, GTK_TYPE_WIDGET)

static char *
format_with_unit (KioskReading *reading,
                  double        value)
{
  g_autofree char *number = kiosk_reading_kind_format_value (kiosk_reading_get_kind (reading), value);
  const char *unit = kiosk_reading_get_unit (reading);

  return *unit != '\0' ? g_strdup_printf ("%s %s", number, unit) : g_steal_pointer (&number);
}

static char *
format_point (KioskReading            *reading,
              GDateTime               *now,
              const KioskReadingPoint *p)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (p->time);
  g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, g_date_time_get_timezone (now));
  g_autofree char *time = kiosk_i18n_format_time (dt);
  g_autofree char *value = format_with_unit (reading, p->value);

  /* Translators: "3,2 °C at 04:10" */
  return g_strdup_printf (_("%s at %s"), value, time);
}

/* A band's bound as people write it: "20", "0", "−5", "2,5". */
static char *
format_bound (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *decimal = C_("decimal separator", ".");

  g_ascii_formatd (buf, sizeof buf, "%g", value);
  if (decimal[0] != '\0' && decimal[1] == '\0')
    g_strdelimit (buf, ".", decimal[0]);
  if (buf[0] == '-')
    return g_strconcat ("−", buf + 1, NULL);

  return g_strdup (buf);
}

static void
add_legend (KioskSensorPage *self)
{
  KioskReadingKind *kind = kiosk_reading_get_kind (self->reading);
  guint n = kind != NULL ? kiosk_reading_kind_get_n_bands (kind) : 0;
  int current = kiosk_reading_get_band (self->reading);
  double lower = NAN;

  gtk_widget_set_visible (GTK_WIDGET (self->legend_box), n > 0);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row, *swatch, *label;
      const char *word, *style;
      double upper;
      g_autofree char *range = NULL;
      g_autofree char *text = NULL;
      g_autofree char *lo = NULL;
      g_autofree char *hi = NULL;

      kiosk_reading_kind_get_band (kind, i, &upper, &word, &style);
      lo = format_bound (lower);
      hi = format_bound (upper);
      if (i == 0)
        /* Translators: a band's range, "up to 20" */
        range = g_strdup_printf (_("up to %s"), hi);
      else if (isinf (upper))
        /* Translators: the last band's range, "above 100" */
        range = g_strdup_printf (_("above %s"), lo);
      else
        /* Translators: a band's range, "20 to 35" */
        range = g_strdup_printf (_("%s to %s"), lo, hi);
      text = g_strdup_printf ("%s: %s", word, range);

      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_add_css_class (row, "legend-row");
      swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_set_size_request (swatch, 32, 32);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (swatch, "legend-swatch");
      gtk_widget_add_css_class (swatch, style);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      if ((int) i == current)
        {
          /* The current band is marked in words too, not by colour alone. */
          g_autofree char *marked = g_strdup_printf (_("%s ← now"), text);
          gtk_label_set_label (GTK_LABEL (label), marked);
          gtk_widget_add_css_class (row, "current");
        }
      gtk_box_append (GTK_BOX (row), swatch);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (self->legend_box, row);
      lower = upper;
    }
}

static void
update (KioskSensorPage *self)
{
  KioskReading *reading = self->reading;
  g_autofree char *value = kiosk_reading_format_value (reading);
  g_autofree char *reason = kiosk_reading_dup_stale_reason (reading, self->now);
  const char *word = NULL, *style = NULL;
  const char *scale;
  GDateTime *time = kiosk_reading_get_time (reading);
  GArray *history = kiosk_reading_get_history (reading);
  guint min_i, max_i;
  gboolean has_band, has_position;

  gtk_label_set_label (self->name_label, kiosk_reading_get_display_name (reading));
  gtk_label_set_label (self->station_label, kiosk_reading_get_station (reading));
  gtk_label_set_label (self->value_label, value);
  gtk_label_set_label (self->unit_label, kiosk_reading_get_unit (reading));

  has_band = kiosk_reading_get_band_info (reading, &word, &style);
  gtk_widget_set_visible (GTK_WIDGET (self->band_label), has_band);
  if (has_band)
    {
      gtk_label_set_label (self->band_label, word);
      gtk_widget_add_css_class (GTK_WIDGET (self->band_label), style);
    }

  scale = kiosk_reading_get_kind (reading) != NULL
          ? kiosk_reading_kind_get_scale (kiosk_reading_get_kind (reading)) : NULL;
  gtk_label_set_label (self->scale_label, scale != NULL ? scale : "");
  gtk_widget_set_visible (GTK_WIDGET (self->scale_label), scale != NULL);

  if (time != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (time, g_date_time_get_timezone (self->now));
      g_autofree char *age = kiosk_i18n_format_age (time, self->now);
      g_autofree char *clock = kiosk_i18n_format_time (local);
      g_autofree char *date = kiosk_i18n_format_date_short (local);
      /* Translators: "Measured 5 min ago (Sun 22/11, 14:30)" */
      g_autofree char *line = g_strdup_printf (_("Measured %s (%s, %s)"), age, date, clock);

      gtk_label_set_label (self->age_label, line);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->age_label), time != NULL);

  if (reason != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Out of date: %s"), reason);

      gtk_label_set_label (self->stale_label, line);
      gtk_widget_add_css_class (GTK_WIDGET (self), "stale");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), reason != NULL);

  kiosk_sparkline_set_points (self->chart, history, kiosk_reading_get_kind (reading));
  kiosk_sparkline_set_time_zone (self->chart, g_date_time_get_timezone (self->now));
  kiosk_sparkline_set_range (self->chart,
                             g_date_time_to_unix (self->now) - 24 * 3600,
                             g_date_time_to_unix (self->now));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("History of the last 24 hours"),
                                  -1);

  if (kiosk_sparkline_get_extremes (self->chart, &min_i, &max_i))
    {
      g_autofree char *lo = format_point (reading, self->now, &g_array_index (history, KioskReadingPoint, min_i));
      g_autofree char *hi = format_point (reading, self->now, &g_array_index (history, KioskReadingPoint, max_i));
      /* Translators: "Lowest: 3,2 °C at 04:10 · Highest: 7,8 °C at 14:00" */
      g_autofree char *line = g_strdup_printf (_("Lowest: %s · Highest: %s"), lo, hi);

      gtk_label_set_label (self->extremes_label, line);
    }
  else
    gtk_label_set_label (self->extremes_label, _("This station has no history of the last 24 hours yet."));

  has_position = !isnan (kiosk_reading_get_latitude (reading)) &&
                 !isnan (kiosk_reading_get_longitude (reading));
  gtk_widget_set_sensitive (GTK_WIDGET (self->map_button), has_position);
  gtk_widget_set_visible (GTK_WIDGET (self->map_hint), !has_position);

  add_legend (self);
}

static void
map_clicked_cb (KioskSensorPage *self)
{
  KioskReading *reading = self->reading;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-on-map", "(sdd)",
                              kiosk_reading_get_station_id (reading),
                              kiosk_reading_get_latitude (reading),
                              kiosk_reading_get_longitude (reading));
}

static void
kiosk_sensor_page_dispose (GObject *object)
{
  KioskSensorPage *self = (KioskSensorPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SENSOR_PAGE);
  /* The scrolled window at the top is not a bound child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->reading);

  G_OBJECT_CLASS (kiosk_sensor_page_parent_class)->dispose (object);
}

static void
kiosk_sensor_page_finalize (GObject *object)
{
  KioskSensorPage *self = (KioskSensorPage *)object;

  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (kiosk_sensor_page_parent_class)->finalize (object);
}

static void
kiosk_sensor_page_class_init (KioskSensorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_sensor_page_dispose;
  object_class->finalize = kiosk_sensor_page_finalize;

  g_type_ensure (KIOSK_TYPE_SPARKLINE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-sensor-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, station_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, value_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, unit_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, band_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, scale_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, age_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, stale_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, chart);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, extremes_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, legend_box);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, map_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorPage, map_hint);
  gtk_widget_class_bind_template_callback (widget_class, map_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sensorpage");
}

static void
kiosk_sensor_page_init (KioskSensorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kiosk_sensor_page_new (KioskReading *reading,
                       GDateTime    *now)
{
  KioskSensorPage *self;

  g_return_val_if_fail (KIOSK_IS_READING (reading), NULL);

  self = g_object_new (KIOSK_TYPE_SENSOR_PAGE, NULL);
  self->reading = g_object_ref (reading);
  self->now = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
  update (self);

  return GTK_WIDGET (self);
}

KioskReading *
kiosk_sensor_page_get_reading (KioskSensorPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SENSOR_PAGE (self), NULL);

  return self->reading;
}

GtkWidget *
kiosk_sensor_page_get_map_button (KioskSensorPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SENSOR_PAGE (self), NULL);

  return GTK_WIDGET (self->map_button);
}

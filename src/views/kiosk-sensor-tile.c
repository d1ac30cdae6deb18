/* kiosk-sensor-tile.c: one reading as a large tile: value, band in words, sparkline, age */

#define G_LOG_DOMAIN "kiosk-sensor-tile"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-i18n.h"
#include "kiosk-sensor-tile.h"
#include "kiosk-sparkline.h"

struct _KioskSensorTile
{
  GtkButton       parent_instance;

  /* template widgets */
  GtkWidget      *band_bar;
  GtkLabel       *name_label;
  GtkLabel       *station_label;
  GtkLabel       *value_label;
  GtkLabel       *unit_label;
  GtkLabel       *band_label;
  KioskSparkline *sparkline;
  GtkLabel       *collecting_label;
  GtkLabel       *age_label;
  GtkLabel       *stale_label;

  /* owned */
  KioskReading   *reading;
  GDateTime      *now;
  char           *band_style;
  char           *summary;
  gboolean        stale;
};

G_DEFINE_FINAL_TYPE (KioskSensorTile, kiosk_sensor_tile, GTK_TYPE_BUTTON)

static void
set_band_style (KioskSensorTile *self,
                const char      *style)
{
  if (g_strcmp0 (self->band_style, style) == 0)
    return;

  if (self->band_style != NULL)
    {
      gtk_widget_remove_css_class (self->band_bar, self->band_style);
      gtk_widget_remove_css_class (GTK_WIDGET (self->band_label), self->band_style);
    }
  g_free (self->band_style);
  self->band_style = g_strdup (style);
  if (style != NULL)
    {
      gtk_widget_add_css_class (self->band_bar, style);
      gtk_widget_add_css_class (GTK_WIDGET (self->band_label), style);
    }
}

static void
update (KioskSensorTile *self)
{
  KioskReading *reading = self->reading;
  g_autofree char *value = kiosk_reading_format_value (reading);
  g_autofree char *reason = NULL;
  g_autofree char *age = NULL;
  g_autofree char *age_line = NULL;
  g_autofree char *stale_line = NULL;
  GDateTime *time = kiosk_reading_get_time (reading);
  const char *word = NULL, *style = NULL;
  gboolean has_band, has_line;
  GString *summary;

  gtk_label_set_label (self->name_label, kiosk_reading_get_display_name (reading));
  gtk_label_set_label (self->station_label, kiosk_reading_get_station (reading));
  gtk_label_set_label (self->value_label, value);
  gtk_label_set_label (self->unit_label, kiosk_reading_get_unit (reading));
  gtk_widget_set_visible (GTK_WIDGET (self->unit_label), *kiosk_reading_get_unit (reading) != '\0');

  has_band = kiosk_reading_get_band_info (reading, &word, &style);
  set_band_style (self, style);
  gtk_label_set_label (self->band_label, has_band ? word : "");
  gtk_widget_set_visible (GTK_WIDGET (self->band_label), has_band);

  reason = kiosk_reading_dup_stale_reason (reading, self->now);
  self->stale = reason != NULL;
  if (self->stale)
    gtk_widget_add_css_class (GTK_WIDGET (self), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "stale");

  if (time != NULL)
    {
      age = kiosk_i18n_format_age (time, self->now);
      /* Translators: %s is "5 min ago" / "vor 5 Min." */
      age_line = g_strdup_printf (_("Measured %s"), age);
    }
  gtk_label_set_label (self->age_label, age_line != NULL ? age_line : "");
  gtk_widget_set_visible (GTK_WIDGET (self->age_label), age_line != NULL);

  if (reason != NULL)
    /* Translators: %s says why, e.g. "No new measurement for 3 hours" */
    stale_line = g_strdup_printf (_("Out of date: %s"), reason);
  gtk_label_set_label (self->stale_label, stale_line != NULL ? stale_line : "");
  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), stale_line != NULL);

  kiosk_sparkline_set_points (self->sparkline, kiosk_reading_get_history (reading),
                              kiosk_reading_get_kind (reading));
  kiosk_sparkline_set_range (self->sparkline,
                             g_date_time_to_unix (self->now) - 24 * 3600,
                             g_date_time_to_unix (self->now));
  /* One point is no line yet: say that the kiosk is collecting the
   * history (services without history, NGSI); two make one. */
  has_line = kiosk_sparkline_get_n_visible (self->sparkline) >= 2 &&
             kiosk_sparkline_get_span (self->sparkline) > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->sparkline), has_line);
  gtk_widget_set_visible (GTK_WIDGET (self->collecting_label), !has_line);

  /* The accessible name is the visible text, label by label in reading
   * order, so that a screen reader says what a sighted person reads. */
  summary = g_string_new (kiosk_reading_get_display_name (reading));
  if (gtk_widget_get_visible (GTK_WIDGET (self->station_label)))
    g_string_append_printf (summary, " %s", kiosk_reading_get_station (reading));
  g_string_append_printf (summary, " %s", value);
  if (*kiosk_reading_get_unit (reading) != '\0')
    g_string_append_printf (summary, " %s", kiosk_reading_get_unit (reading));
  if (has_band)
    g_string_append_printf (summary, " %s", word);
  if (!has_line)
    g_string_append_printf (summary, " %s", gtk_label_get_label (self->collecting_label));
  if (age_line != NULL)
    g_string_append_printf (summary, " %s", age_line);
  if (stale_line != NULL)
    g_string_append_printf (summary, " %s", stale_line);
  g_free (self->summary);
  self->summary = g_string_free (summary, FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sparkline),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("History of the last 24 hours"),
                                  -1);
}

/* Every tile asks for the same width, whatever its words, so that columns
 * line up across the station groups; long words wrap instead. */
#define TILE_WIDTH 420

static void
kiosk_sensor_tile_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  GTK_WIDGET_CLASS (kiosk_sensor_tile_parent_class)->measure (widget, orientation, for_size,
                                                              minimum, natural,
                                                              minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, TILE_WIDTH);
}

static void
reading_notify_cb (KioskSensorTile *self)
{
  update (self);
}

static void
kiosk_sensor_tile_dispose (GObject *object)
{
  KioskSensorTile *self = (KioskSensorTile *)object;

  if (self->reading != NULL)
    g_signal_handlers_disconnect_by_data (self->reading, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SENSOR_TILE);
  g_clear_object (&self->reading);

  G_OBJECT_CLASS (kiosk_sensor_tile_parent_class)->dispose (object);
}

static void
kiosk_sensor_tile_finalize (GObject *object)
{
  KioskSensorTile *self = (KioskSensorTile *)object;

  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->band_style, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (kiosk_sensor_tile_parent_class)->finalize (object);
}

static void
kiosk_sensor_tile_class_init (KioskSensorTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_sensor_tile_dispose;
  object_class->finalize = kiosk_sensor_tile_finalize;
  widget_class->measure = kiosk_sensor_tile_measure;

  g_type_ensure (KIOSK_TYPE_SPARKLINE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-sensor-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSensorTile, band_bar);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorTile, name_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorTile, station_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorTile, value_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorTile, unit_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorTile, band_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorTile, sparkline);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorTile, collecting_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorTile, age_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSensorTile, stale_label);
}

static void
kiosk_sensor_tile_init (KioskSensorTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->now = g_date_time_new_now_local ();
}

GtkWidget *
kiosk_sensor_tile_new (KioskReading *reading,
                       gboolean      show_station)
{
  KioskSensorTile *self;

  g_return_val_if_fail (KIOSK_IS_READING (reading), NULL);

  self = g_object_new (KIOSK_TYPE_SENSOR_TILE, NULL);
  self->reading = g_object_ref (reading);
  gtk_widget_set_visible (GTK_WIDGET (self->station_label), show_station);
  g_signal_connect_swapped (reading, "notify", G_CALLBACK (reading_notify_cb), self);
  update (self);

  return GTK_WIDGET (self);
}

KioskReading *
kiosk_sensor_tile_get_reading (KioskSensorTile *self)
{
  g_return_val_if_fail (KIOSK_IS_SENSOR_TILE (self), NULL);

  return self->reading;
}

void
kiosk_sensor_tile_set_now (KioskSensorTile *self,
                           GDateTime       *now)
{
  g_return_if_fail (KIOSK_IS_SENSOR_TILE (self));
  g_return_if_fail (now != NULL);

  g_date_time_unref (self->now);
  self->now = g_date_time_ref (now);
  update (self);
}

gboolean
kiosk_sensor_tile_get_stale (KioskSensorTile *self)
{
  g_return_val_if_fail (KIOSK_IS_SENSOR_TILE (self), FALSE);

  return self->stale;
}

const char *
kiosk_sensor_tile_get_summary (KioskSensorTile *self)
{
  g_return_val_if_fail (KIOSK_IS_SENSOR_TILE (self), NULL);

  return self->summary;
}

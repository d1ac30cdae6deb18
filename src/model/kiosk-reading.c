/* kiosk-reading.c: one measured property at one station, with its recent history */

#define G_LOG_DOMAIN "kiosk-reading"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kiosk-reading.h"

struct _KioskReading
{
  GObject           parent_instance;

  /* owned; all but the id are interned GRefStrings: the readings of a
   * station share its name, those of a property its name and unit */
  char             *station_id;
  char             *station;
  char             *id;
  char             *property;
  char             *unit;
  GDateTime        *time;
  KioskReadingKind *kind;
  GArray           *history;
  double            latitude;
  double            longitude;
  double            value;
};

enum {
  PROP_0,
  PROP_STATION_ID,
  PROP_STATION,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  PROP_ID,
  PROP_PROPERTY,
  PROP_VALUE,
  PROP_UNIT,
  PROP_TIME,
  PROP_KIND,
  PROP_HISTORY,
  PROP_BAND,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (KioskReading, kiosk_reading, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static GArray *
new_points (void)
{
  return g_array_new (FALSE, FALSE, sizeof (KioskReadingPoint));
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const KioskReadingPoint *pa = a, *pb = b;

  return (pa->time > pb->time) - (pa->time < pb->time);
}

void
kiosk_reading_points_normalize (GArray *points)
{
  guint out = 0;

  g_return_if_fail (points != NULL);

  /* Stable, so that of equal times the one listed last wins. */
  g_array_sort (points, compare_points);
  for (guint i = 0; i < points->len; i++)
    {
      KioskReadingPoint *p = &g_array_index (points, KioskReadingPoint, i);

      if (out > 0 && g_array_index (points, KioskReadingPoint, out - 1).time == p->time)
        g_array_index (points, KioskReadingPoint, out - 1) = *p;
      else
        g_array_index (points, KioskReadingPoint, out++) = *p;
    }
  g_array_set_size (points, out);
}

/* Replaces *@field by an interned reference to @text. */
static void
set_shared (char       **field,
            const char  *text)
{
  g_clear_pointer (field, g_ref_string_release);
  *field = text != NULL ? g_ref_string_new_intern (text) : NULL;
}

static void
kiosk_reading_finalize (GObject *object)
{
  KioskReading *self = (KioskReading *)object;

  g_clear_pointer (&self->station_id, g_ref_string_release);
  g_clear_pointer (&self->station, g_ref_string_release);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->property, g_ref_string_release);
  g_clear_pointer (&self->unit, g_ref_string_release);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_clear_pointer (&self->kind, kiosk_reading_kind_unref);
  g_clear_pointer (&self->history, g_array_unref);

  G_OBJECT_CLASS (kiosk_reading_parent_class)->finalize (object);
}

static void
kiosk_reading_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KioskReading *self = KIOSK_READING (object);

  switch (prop_id)
    {
    case PROP_STATION_ID:
      g_value_set_string (value, self->station_id);
      break;

    case PROP_STATION:
      g_value_set_string (value, self->station);
      break;

    case PROP_LATITUDE:
      g_value_set_double (value, self->latitude);
      break;

    case PROP_LONGITUDE:
      g_value_set_double (value, self->longitude);
      break;

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_PROPERTY:
      g_value_set_string (value, self->property);
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    case PROP_UNIT:
      g_value_set_string (value, kiosk_reading_get_unit (self));
      break;

    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;

    case PROP_KIND:
      g_value_set_boxed (value, self->kind);
      break;

    case PROP_HISTORY:
      g_value_set_boxed (value, self->history);
      break;

    case PROP_BAND:
      g_value_set_int (value, kiosk_reading_get_band (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_reading_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KioskReading *self = KIOSK_READING (object);

  switch (prop_id)
    {
    case PROP_STATION_ID:
      set_shared (&self->station_id, g_value_get_string (value));
      break;

    case PROP_STATION:
      set_shared (&self->station, g_value_get_string (value));
      break;

    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;

    case PROP_PROPERTY:
      set_shared (&self->property, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_reading_class_init (KioskReadingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kiosk_reading_finalize;
  object_class->get_property = kiosk_reading_get_property;
  object_class->set_property = kiosk_reading_set_property;

  properties[PROP_STATION_ID] = g_param_spec_string ("station-id", NULL, NULL, NULL, co);
  properties[PROP_STATION] = g_param_spec_string ("station", NULL, NULL, NULL, co);
  /* NAN when unknown; a GParamSpec cannot default to NAN. */
  properties[PROP_LATITUDE] = g_param_spec_double ("latitude", NULL, NULL,
                                                   -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_LONGITUDE] = g_param_spec_double ("longitude", NULL, NULL,
                                                    -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, co);
  properties[PROP_PROPERTY] = g_param_spec_string ("property", NULL, NULL, NULL, co);
  properties[PROP_VALUE] = g_param_spec_double ("value", NULL, NULL,
                                                -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, ro);
  properties[PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_KIND] = g_param_spec_boxed ("kind", NULL, NULL, KIOSK_TYPE_READING_KIND, ro);
  properties[PROP_HISTORY] = g_param_spec_boxed ("history", NULL, NULL, G_TYPE_ARRAY, ro);
  properties[PROP_BAND] = g_param_spec_int ("band", NULL, NULL, -1, G_MAXINT, -1, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_reading_init (KioskReading *self)
{
  self->latitude = NAN;
  self->longitude = NAN;
  self->value = NAN;
  self->history = new_points ();
}

KioskReading *
kiosk_reading_new (const char *station_id,
                   const char *station,
                   const char *id,
                   const char *property)
{
  return g_object_new (KIOSK_TYPE_READING,
                       "station-id", station_id,
                       "station", station,
                       "id", id,
                       "property", property,
                       NULL);
}

const char *
kiosk_reading_get_station_id (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NULL);
  return self->station_id;
}

const char *
kiosk_reading_get_station (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NULL);
  return self->station != NULL ? self->station : self->station_id;
}

double
kiosk_reading_get_latitude (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NAN);
  return self->latitude;
}

double
kiosk_reading_get_longitude (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NAN);
  return self->longitude;
}

void
kiosk_reading_set_position (KioskReading *self,
                            double        latitude,
                            double        longitude)
{
  g_return_if_fail (KIOSK_IS_READING (self));

  /* Out of range means unknown, never a point somewhere else. */
  if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180))
    latitude = longitude = NAN;

  self->latitude = latitude;
  self->longitude = longitude;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATITUDE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LONGITUDE]);
}

const char *
kiosk_reading_get_id (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NULL);
  return self->id;
}

const char *
kiosk_reading_get_property_name (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NULL);
  return self->property;
}

double
kiosk_reading_get_value (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NAN);
  return self->value;
}

GDateTime *
kiosk_reading_get_time (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NULL);
  return self->time;
}

void
kiosk_reading_set_value (KioskReading *self,
                         double        value,
                         GDateTime    *time)
{
  g_return_if_fail (KIOSK_IS_READING (self));

  self->value = isfinite (value) ? value : NAN;
  if (self->time != time)
    {
      g_clear_pointer (&self->time, g_date_time_unref);
      self->time = time != NULL ? g_date_time_ref (time) : NULL;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BAND]);
}

const char *
kiosk_reading_get_unit (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NULL);

  if (self->unit != NULL)
    return self->unit;

  return self->kind != NULL ? kiosk_reading_kind_get_unit (self->kind) : "";
}

void
kiosk_reading_set_unit (KioskReading *self,
                        const char   *unit)
{
  g_return_if_fail (KIOSK_IS_READING (self));

  if (g_strcmp0 (self->unit, unit) == 0)
    return;

  set_shared (&self->unit, unit);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

KioskReadingKind *
kiosk_reading_get_kind (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NULL);
  return self->kind;
}

void
kiosk_reading_set_kind (KioskReading     *self,
                        KioskReadingKind *kind)
{
  g_return_if_fail (KIOSK_IS_READING (self));

  if (self->kind == kind)
    return;

  g_clear_pointer (&self->kind, kiosk_reading_kind_unref);
  self->kind = kind != NULL ? kiosk_reading_kind_ref (kind) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BAND]);
}

GArray *
kiosk_reading_get_history (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NULL);
  return self->history;
}

void
kiosk_reading_set_history (KioskReading *self,
                           GArray       *points)
{
  g_return_if_fail (KIOSK_IS_READING (self));

  if (self->history == points)
    return;

  g_clear_pointer (&self->history, g_array_unref);
  self->history = points != NULL ? g_array_ref (points) : new_points ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

int
kiosk_reading_get_band (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), -1);

  if (self->kind == NULL)
    return -1;

  return kiosk_reading_kind_band_for_value (self->kind, self->value);
}

gboolean
kiosk_reading_get_band_info (KioskReading *self,
                             const char  **word,
                             const char  **style)
{
  int band;

  g_return_val_if_fail (KIOSK_IS_READING (self), FALSE);

  band = kiosk_reading_get_band (self);
  if (band < 0)
    return FALSE;

  kiosk_reading_kind_get_band (self->kind, (guint) band, NULL, word, style);

  return TRUE;
}

const char *
kiosk_reading_get_display_name (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NULL);

  if (self->kind != NULL &&
      !g_str_equal (kiosk_reading_kind_get_id (self->kind), KIOSK_READING_KIND_OTHER))
    return kiosk_reading_kind_get_name (self->kind);

  return self->property != NULL ? self->property : "";
}

char *
kiosk_reading_format_value (KioskReading *self)
{
  g_return_val_if_fail (KIOSK_IS_READING (self), NULL);

  return kiosk_reading_kind_format_value (self->kind, self->value);
}

char *
kiosk_reading_dup_stale_reason (KioskReading *self,
                                GDateTime    *now)
{
  GTimeSpan age;
  guint max_age;

  g_return_val_if_fail (KIOSK_IS_READING (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (isnan (self->value))
    return g_strdup (_("The station has sent no value"));

  if (self->time == NULL)
    return g_strdup (_("The station does not say when it measured"));

  age = g_date_time_difference (now, self->time);
  /* A clock a few minutes ahead is normal; a day ahead is not. */
  if (age < -15 * G_TIME_SPAN_MINUTE)
    return g_strdup (_("The measuring time lies in the future"));

  max_age = self->kind != NULL ? kiosk_reading_kind_get_max_age (self->kind) : 3 * 3600;
  if (age > (GTimeSpan) max_age * G_TIME_SPAN_SECOND)
    {
      gint64 hours = age / G_TIME_SPAN_HOUR;
      gint64 minutes = age / G_TIME_SPAN_MINUTE;

      if (hours >= 48)
        return g_strdup_printf (ngettext ("No new measurement for %d day",
                                          "No new measurement for %d days",
                                          (gulong) (hours / 24)), (int) (hours / 24));
      if (hours >= 2)
        return g_strdup_printf (ngettext ("No new measurement for %d hour",
                                          "No new measurement for %d hours",
                                          (gulong) hours), (int) hours);
      return g_strdup_printf (ngettext ("No new measurement for %d minute",
                                        "No new measurement for %d minutes",
                                        (gulong) minutes), (int) minutes);
    }

  return NULL;
}

static void
add_time (JsonBuilder *builder,
          gint64       unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);
  g_autofree char *text = dt != NULL ? g_date_time_format_iso8601 (dt) : NULL;

  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_double (JsonBuilder *builder,
            double       value)
{
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
kiosk_reading_to_json (KioskReading *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (KIOSK_IS_READING (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "station_id");
  json_builder_add_string_value (builder, self->station_id);
  json_builder_set_member_name (builder, "station");
  json_builder_add_string_value (builder, kiosk_reading_get_station (self));
  json_builder_set_member_name (builder, "lat");
  add_double (builder, self->latitude);
  json_builder_set_member_name (builder, "lon");
  add_double (builder, self->longitude);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "property");
  json_builder_add_string_value (builder, self->property);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, self->kind != NULL ? kiosk_reading_kind_get_id (self->kind)
                                                             : KIOSK_READING_KIND_OTHER);
  json_builder_set_member_name (builder, "value");
  add_double (builder, self->value);
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, kiosk_reading_get_unit (self));
  json_builder_set_member_name (builder, "time");
  if (self->time != NULL)
    add_time (builder, g_date_time_to_unix (self->time));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->history->len; i++)
    {
      const KioskReadingPoint *p = &g_array_index (self->history, KioskReadingPoint, i);

      json_builder_begin_array (builder);
      add_time (builder, p->time);
      add_double (builder, p->value);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

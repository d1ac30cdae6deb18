/* kiosk-test-items.h: items with the property names other areas rely on
 * (brief: KioskPlace, KioskEvent, KioskReading), for map tests. The map
 * reads items by property name only, so one class with all of them stands
 * in for any of the three. Header-only: include it in one test file. */
#pragma once

#include <gio/gio.h>

typedef struct
{
  GObject  parent_instance;
  GValue  *values;
} TestItem;

typedef struct
{
  GObjectClass parent_class;
} TestItemClass;

static GType test_item_get_type (void);
G_DEFINE_TYPE (TestItem, test_item, G_TYPE_OBJECT)

enum {
  TI_0, TI_ID, TI_NAME, TI_CATEGORY, TI_DESCRIPTION, TI_LATITUDE, TI_LONGITUDE,
  TI_UID, TI_TITLE, TI_START, TI_END, TI_ALL_DAY, TI_LOCATION, TI_URL,
  TI_STATION_ID, TI_STATION, TI_PROPERTY, TI_VALUE, TI_UNIT, TI_TIME, TI_N
};

static void
test_item_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  g_value_copy (&((TestItem *) object)->values[id], value);
}

static void
test_item_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  g_value_copy (value, &((TestItem *) object)->values[id]);
}

static void
test_item_finalize (GObject *object)
{
  TestItem *self = (TestItem *) object;

  for (guint i = 1; i < TI_N; i++)
    g_value_unset (&self->values[i]);
  g_free (self->values);
  G_OBJECT_CLASS (test_item_parent_class)->finalize (object);
}

static void
test_item_class_init (TestItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = test_item_get_property;
  object_class->set_property = test_item_set_property;
  object_class->finalize = test_item_finalize;

#define S(id, name) g_object_class_install_property (object_class, id, g_param_spec_string (name, NULL, NULL, NULL, flags))
#define D(id, name) g_object_class_install_property (object_class, id, g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags))
#define T(id, name) g_object_class_install_property (object_class, id, g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME, flags))
  S (TI_ID, "id"); S (TI_NAME, "name"); S (TI_CATEGORY, "category"); S (TI_DESCRIPTION, "description");
  D (TI_LATITUDE, "latitude"); D (TI_LONGITUDE, "longitude");
  S (TI_UID, "uid"); S (TI_TITLE, "title"); T (TI_START, "start"); T (TI_END, "end");
  g_object_class_install_property (object_class, TI_ALL_DAY,
                                   g_param_spec_boolean ("all-day", NULL, NULL, FALSE, flags));
  S (TI_LOCATION, "location"); S (TI_URL, "url");
  S (TI_STATION_ID, "station-id"); S (TI_STATION, "station"); S (TI_PROPERTY, "property");
  D (TI_VALUE, "value"); S (TI_UNIT, "unit"); T (TI_TIME, "time");
#undef S
#undef D
#undef T
}

static void
test_item_init (TestItem *self)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (self);

  self->values = g_new0 (GValue, TI_N);
  for (guint i = 1; i < TI_N; i++)
    {
      GParamSpec *pspec = NULL;
      guint n = 0;
      GParamSpec **all = g_object_class_list_properties (klass, &n);

      for (guint j = 0; j < n; j++)
        if (all[j]->param_id == i)
          pspec = all[j];
      g_value_init (&self->values[i], pspec->value_type);
      g_param_value_set_default (pspec, &self->values[i]);
      g_free (all);
    }
}

/* NAN ("unknown") does not pass a double property's validation: stored directly. */
static GObject *
test_item_at (GObject *item,
              double   latitude,
              double   longitude)
{
  g_value_set_double (&((TestItem *) item)->values[TI_LATITUDE], latitude);
  g_value_set_double (&((TestItem *) item)->values[TI_LONGITUDE], longitude);
  return item;
}

static GObject *
test_place_new (const char *id,
                const char *name,
                const char *category,
                double      latitude,
                double      longitude)
{
  return test_item_at (g_object_new (test_item_get_type (), "id", id, "name", name, "category", category,
                                     "description", "A place in the test town.", NULL),
                       latitude, longitude);
}

static GObject *
test_event_new (const char *uid,
                const char *title,
                GDateTime  *start,
                GDateTime  *end,
                double      latitude,
                double      longitude)
{
  return test_item_at (g_object_new (test_item_get_type (), "uid", uid, "title", title, "start", start,
                                     "end", end, "location", "Marktplatz",
                                     "description", "Music on the market square.", NULL),
                       latitude, longitude);
}

static GObject *
test_reading_new (const char *station_id,
                  const char *station,
                  const char *property,
                  double      value,
                  const char *unit,
                  GDateTime  *time,
                  double      latitude,
                  double      longitude)
{
  return test_item_at (g_object_new (test_item_get_type (), "station-id", station_id, "station", station,
                                     "property", property, "value", value, "unit", unit, "time", time,
                                     NULL),
                       latitude, longitude);
}

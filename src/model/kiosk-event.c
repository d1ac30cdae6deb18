/* kiosk-event.c: one occurrence of a city event, as the events area shows it */

#define G_LOG_DOMAIN "kiosk-event"

#include "config.h"

#include <libical/ical.h>
#include <math.h>

#include "kiosk-event.h"
#include "kiosk-event-data.h"

struct _KioskEvent
{
  GObject     parent_instance;

  /* owned */
  KioskEventData  *data;
  GDateTime  *start;
  GDateTime  *end;
  gboolean    all_day;
};

enum {
  PROP_0,
  PROP_UID,
  PROP_TITLE,
  PROP_START,
  PROP_END,
  PROP_ALL_DAY,
  PROP_LOCATION,
  PROP_ADDRESS,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  PROP_CATEGORIES,
  PROP_URL,
  PROP_IMAGE,
  PROP_STATUS,
  PROP_DESCRIPTION,
  PROP_PRICE,
  PROP_CURRENCY,
  PROP_FREE,
  PROP_ACCESSIBILITY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (KioskEvent, kiosk_event, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The record to change: @self's own, copied first when it is shared. */
static KioskEventData *
writable_data (KioskEvent *self)
{
  if (!g_atomic_ref_count_compare (&self->data->ref_count, 1))
    {
      KioskEventData *copy = kiosk_event_data_copy (self->data);

      kiosk_event_data_unref (self->data);
      self->data = copy;
    }

  return self->data;
}

/* @field is the offset of a string in KioskEventData. */
static void
set_string (KioskEvent *self,
            gsize       field,
            const char *value,
            guint       prop)
{
  char **slot;

  /* Empty strings mean "not given": views test for NULL only. */
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (G_STRUCT_MEMBER (char *, self->data, field), value) == 0)
    return;

  slot = G_STRUCT_MEMBER_P (writable_data (self), field);
  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
kiosk_event_finalize (GObject *object)
{
  KioskEvent *self = (KioskEvent *)object;

  g_clear_pointer (&self->data, kiosk_event_data_unref);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);

  G_OBJECT_CLASS (kiosk_event_parent_class)->finalize (object);
}

static void
kiosk_event_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KioskEvent *self = KIOSK_EVENT (object);

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->data->uid);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->data->title);
      break;
    case PROP_START:
      g_value_set_boxed (value, self->start);
      break;
    case PROP_END:
      g_value_set_boxed (value, kiosk_event_get_end (self));
      break;
    case PROP_ALL_DAY:
      g_value_set_boolean (value, self->all_day);
      break;
    case PROP_LOCATION:
      g_value_set_string (value, self->data->location);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->data->address);
      break;
    case PROP_LATITUDE:
      g_value_set_double (value, self->data->latitude);
      break;
    case PROP_LONGITUDE:
      g_value_set_double (value, self->data->longitude);
      break;
    case PROP_CATEGORIES:
      g_value_set_boxed (value, self->data->categories);
      break;
    case PROP_URL:
      g_value_set_string (value, self->data->url);
      break;
    case PROP_IMAGE:
      g_value_set_string (value, self->data->image);
      break;
    case PROP_STATUS:
      g_value_set_string (value, kiosk_event_get_status (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->data->description);
      break;
    case PROP_PRICE:
      g_value_set_double (value, self->data->price);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->data->currency);
      break;
    case PROP_FREE:
      g_value_set_boolean (value, self->data->free);
      break;
    case PROP_ACCESSIBILITY:
      g_value_set_string (value, self->data->accessibility);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_event_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KioskEvent *self = KIOSK_EVENT (object);

  switch (prop_id)
    {
    case PROP_UID:
      kiosk_event_set_uid (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      kiosk_event_set_title (self, g_value_get_string (value));
      break;
    case PROP_START:
      kiosk_event_set_start (self, g_value_get_boxed (value));
      break;
    case PROP_END:
      kiosk_event_set_end (self, g_value_get_boxed (value));
      break;
    case PROP_ALL_DAY:
      kiosk_event_set_all_day (self, g_value_get_boolean (value));
      break;
    case PROP_LOCATION:
      kiosk_event_set_location (self, g_value_get_string (value));
      break;
    case PROP_ADDRESS:
      kiosk_event_set_address (self, g_value_get_string (value));
      break;
    case PROP_LATITUDE:
      kiosk_event_set_coordinates (self, g_value_get_double (value), self->data->longitude);
      break;
    case PROP_LONGITUDE:
      kiosk_event_set_coordinates (self, self->data->latitude, g_value_get_double (value));
      break;
    case PROP_CATEGORIES:
      kiosk_event_set_categories (self, g_value_get_boxed (value));
      break;
    case PROP_URL:
      kiosk_event_set_url (self, g_value_get_string (value));
      break;
    case PROP_IMAGE:
      kiosk_event_set_image (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      kiosk_event_set_status (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      kiosk_event_set_description (self, g_value_get_string (value));
      break;
    case PROP_PRICE:
      kiosk_event_set_price (self, g_value_get_double (value), self->data->currency);
      break;
    case PROP_CURRENCY:
      kiosk_event_set_price (self, self->data->price, g_value_get_string (value));
      break;
    case PROP_FREE:
      kiosk_event_set_free (self, g_value_get_boolean (value));
      break;
    case PROP_ACCESSIBILITY:
      kiosk_event_set_accessibility (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define STRING_PROP(id, name) \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL, \
                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | \
                                        G_PARAM_STATIC_STRINGS)
/* NAN (unknown) is the initial value, but GParamSpec defaults must be finite. */
#define DOUBLE_PROP(id, name) \
  properties[id] = g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, \
                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | \
                                        G_PARAM_STATIC_STRINGS)

static void
kiosk_event_class_init (KioskEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_event_finalize;
  object_class->get_property = kiosk_event_get_property;
  object_class->set_property = kiosk_event_set_property;

  STRING_PROP (PROP_UID, "uid");
  STRING_PROP (PROP_TITLE, "title");
  STRING_PROP (PROP_LOCATION, "location");
  STRING_PROP (PROP_ADDRESS, "address");
  STRING_PROP (PROP_URL, "url");
  STRING_PROP (PROP_IMAGE, "image");
  STRING_PROP (PROP_STATUS, "status");
  STRING_PROP (PROP_DESCRIPTION, "description");
  STRING_PROP (PROP_CURRENCY, "currency");
  STRING_PROP (PROP_ACCESSIBILITY, "accessibility");
  DOUBLE_PROP (PROP_LATITUDE, "latitude");
  DOUBLE_PROP (PROP_LONGITUDE, "longitude");
  DOUBLE_PROP (PROP_PRICE, "price");
  properties[PROP_START] =
    g_param_spec_boxed ("start", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END] =
    g_param_spec_boxed ("end", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORIES] =
    g_param_spec_boxed ("categories", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALL_DAY] =
    g_param_spec_boolean ("all-day", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FREE] =
    g_param_spec_boolean ("free", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_event_init (KioskEvent *self)
{
  self->data = kiosk_event_data_new ();
}

KioskEvent *
kiosk_event_new (const char *uid,
                 const char *title,
                 GDateTime  *start)
{
  KioskEvent *self = g_object_new (KIOSK_TYPE_EVENT, NULL);

  self->data->uid = g_strdup (uid);
  self->data->title = g_strdup (title);
  self->start = start != NULL ? g_date_time_ref (start) : NULL;

  return self;
}

static KioskEvent *
share (KioskEvent *self,
       GDateTime  *start,
       GDateTime  *end,
       gboolean    all_day)
{
  KioskEvent *other = g_object_new (KIOSK_TYPE_EVENT, NULL);

  g_clear_pointer (&other->data, kiosk_event_data_unref);
  other->data = kiosk_event_data_ref (self->data);
  other->start = start != NULL ? g_date_time_ref (start) : NULL;
  other->end = end != NULL ? g_date_time_ref (end) : NULL;
  other->all_day = !!all_day;

  return other;
}

KioskEvent *
kiosk_event_new_occurrence (KioskEvent *self,
                            GDateTime  *start,
                            GDateTime  *end,
                            gboolean    all_day)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  g_return_val_if_fail (start != NULL, NULL);

  return share (self, start, end, all_day);
}

KioskEvent *
kiosk_event_copy (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);

  return share (self, self->start, self->end, self->all_day);
}

const char *
kiosk_event_get_uid (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  return self->data->uid;
}

void
kiosk_event_set_uid (KioskEvent *self,
                     const char *uid)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));
  set_string (self, G_STRUCT_OFFSET (KioskEventData, uid), uid, PROP_UID);
}

const char *
kiosk_event_get_title (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  return self->data->title;
}

void
kiosk_event_set_title (KioskEvent *self,
                       const char *title)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));
  set_string (self, G_STRUCT_OFFSET (KioskEventData, title), title, PROP_TITLE);
}

void
kiosk_event_add_translation (KioskEvent *self,
                             const char *language,
                             const char *title,
                             const char *description)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));
  g_return_if_fail (language != NULL);

  if ((title == NULL || *title == '\0') && (description == NULL || *description == '\0'))
    return;

  kiosk_event_data_add_translation (writable_data (self), language, title, description);
}

void
kiosk_event_drop_translations (KioskEvent *self,
                               gboolean    titles,
                               gboolean    descriptions)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));

  if (self->data->n_translations == 0 || (!titles && !descriptions))
    return;

  kiosk_event_data_drop_translations (writable_data (self), titles, descriptions);
}


const char *
kiosk_event_get_title_for (KioskEvent *self,
                           const char *language)
{
  const KioskEventTranslation *translation;

  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);

  translation = kiosk_event_data_lookup_translation (self->data, language);
  return translation != NULL && translation->title != NULL ? translation->title : self->data->title;
}

const char *
kiosk_event_get_description_for (KioskEvent *self,
                                 const char *language)
{
  const KioskEventTranslation *translation;

  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);

  translation = kiosk_event_data_lookup_translation (self->data, language);
  return translation != NULL && translation->description != NULL ? translation->description
                                                                  : self->data->description;
}

GDateTime *
kiosk_event_get_start (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  return self->start;
}

void
kiosk_event_set_start (KioskEvent *self,
                       GDateTime  *start)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));

  if (self->start == start || (self->start && start && g_date_time_equal (self->start, start)))
    return;
  g_clear_pointer (&self->start, g_date_time_unref);
  self->start = start != NULL ? g_date_time_ref (start) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
}

GDateTime *
kiosk_event_get_end (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);

  if (self->end == NULL && self->start != NULL)
    self->end = self->all_day ? g_date_time_add_days (self->start, 1) : g_date_time_ref (self->start);

  return self->end;
}

void
kiosk_event_set_end (KioskEvent *self,
                     GDateTime  *end)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));

  g_clear_pointer (&self->end, g_date_time_unref);
  self->end = end != NULL ? g_date_time_ref (end) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
}

gboolean
kiosk_event_get_all_day (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), FALSE);
  return self->all_day;
}

void
kiosk_event_set_all_day (KioskEvent *self,
                         gboolean    all_day)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));

  all_day = !!all_day;
  if (self->all_day == all_day)
    return;
  self->all_day = all_day;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL_DAY]);
}

const char *
kiosk_event_get_location (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  return self->data->location;
}

void
kiosk_event_set_location (KioskEvent *self,
                          const char *location)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));
  set_string (self, G_STRUCT_OFFSET (KioskEventData, location), location, PROP_LOCATION);
}

const char *
kiosk_event_get_address (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  return self->data->address;
}

void
kiosk_event_set_address (KioskEvent *self,
                         const char *address)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));
  set_string (self, G_STRUCT_OFFSET (KioskEventData, address), address, PROP_ADDRESS);
}

double
kiosk_event_get_latitude (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NAN);
  return self->data->latitude;
}

double
kiosk_event_get_longitude (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NAN);
  return self->data->longitude;
}

gboolean
kiosk_event_has_coordinates (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), FALSE);
  return !isnan (self->data->latitude) && !isnan (self->data->longitude);
}

void
kiosk_event_set_coordinates (KioskEvent *self,
                             double      latitude,
                             double      longitude)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));

  /* Out-of-range coordinates are as good as none. */
  if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180))
    latitude = longitude = NAN;

  if (self->data->latitude != latitude && !(isnan (self->data->latitude) && isnan (latitude)))
    {
      writable_data (self)->latitude = latitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATITUDE]);
    }
  if (self->data->longitude != longitude && !(isnan (self->data->longitude) && isnan (longitude)))
    {
      writable_data (self)->longitude = longitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LONGITUDE]);
    }
}

const char * const *
kiosk_event_get_categories (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  return (const char * const *) self->data->categories;
}

void
kiosk_event_set_categories (KioskEvent         *self,
                            const char * const *categories)
{
  KioskEventData *data;

  g_return_if_fail (KIOSK_IS_EVENT (self));

  if (categories != NULL && categories[0] == NULL)
    categories = NULL;
  if (categories == NULL ? self->data->categories == NULL
                         : self->data->categories != NULL &&
                           g_strv_equal (categories, (const char * const *) self->data->categories))
    return;

  data = writable_data (self);
  g_clear_pointer (&data->categories, g_strfreev);
  data->categories = g_strdupv ((char **) categories);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORIES]);
}

const char *
kiosk_event_get_url (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  return self->data->url;
}

void
kiosk_event_set_url (KioskEvent *self,
                     const char *url)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));
  set_string (self, G_STRUCT_OFFSET (KioskEventData, url), url, PROP_URL);
}

const char *
kiosk_event_get_image (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  return self->data->image;
}

void
kiosk_event_set_image (KioskEvent *self,
                       const char *image)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));
  set_string (self, G_STRUCT_OFFSET (KioskEventData, image), image, PROP_IMAGE);
}

const char *
kiosk_event_get_status (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  return self->data->status != NULL ? self->data->status : KIOSK_EVENT_STATUS_CONFIRMED;
}

void
kiosk_event_set_status (KioskEvent *self,
                        const char *status)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));
  set_string (self, G_STRUCT_OFFSET (KioskEventData, status), status, PROP_STATUS);
}

gboolean
kiosk_event_is_cancelled (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), FALSE);
  return g_strcmp0 (self->data->status, KIOSK_EVENT_STATUS_CANCELLED) == 0;
}

gboolean
kiosk_event_is_postponed (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), FALSE);
  return g_strcmp0 (self->data->status, KIOSK_EVENT_STATUS_POSTPONED) == 0;
}

const char *
kiosk_event_get_description (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  return self->data->description;
}

void
kiosk_event_set_description (KioskEvent *self,
                             const char *description)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));
  set_string (self, G_STRUCT_OFFSET (KioskEventData, description), description, PROP_DESCRIPTION);
}

double
kiosk_event_get_price (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NAN);
  return self->data->price;
}

const char *
kiosk_event_get_currency (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  return self->data->currency;
}

void
kiosk_event_set_price (KioskEvent *self,
                       double      price,
                       const char *currency)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));

  if (!(price >= 0))
    price = NAN;
  if (self->data->price != price && !(isnan (self->data->price) && isnan (price)))
    {
      writable_data (self)->price = price;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRICE]);
    }
  set_string (self, G_STRUCT_OFFSET (KioskEventData, currency), currency, PROP_CURRENCY);
}

gboolean
kiosk_event_get_free (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), FALSE);
  return self->data->free;
}

void
kiosk_event_set_free (KioskEvent *self,
                      gboolean    free)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));

  free = !!free;
  if (self->data->free == free)
    return;
  writable_data (self)->free = free;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FREE]);
}

const char *
kiosk_event_get_accessibility (KioskEvent *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  return self->data->accessibility;
}

void
kiosk_event_set_accessibility (KioskEvent *self,
                               const char *accessibility)
{
  g_return_if_fail (KIOSK_IS_EVENT (self));
  set_string (self, G_STRUCT_OFFSET (KioskEventData, accessibility), accessibility, PROP_ACCESSIBILITY);
}

int
kiosk_event_compare (gconstpointer a,
                     gconstpointer b)
{
  KioskEvent *ea = (KioskEvent *) a;
  KioskEvent *eb = (KioskEvent *) b;
  int cmp;

  if (ea->start == NULL || eb->start == NULL)
    return (ea->start == NULL) - (eb->start == NULL);

  cmp = g_date_time_compare (ea->start, eb->start);
  if (cmp == 0)
    cmp = g_strcmp0 (ea->data->title, eb->data->title);
  if (cmp == 0)
    cmp = g_strcmp0 (ea->data->uid, eb->data->uid);

  return cmp;
}

static struct icaltimetype
to_ical_time (GDateTime *dt,
              gboolean   all_day)
{
  struct icaltimetype t;

  if (all_day)
    {
      t = icaltime_null_date ();
      t.year = g_date_time_get_year (dt);
      t.month = g_date_time_get_month (dt);
      t.day = g_date_time_get_day_of_month (dt);
      return t;
    }

  return icaltime_from_timet_with_zone (g_date_time_to_unix (dt), 0, icaltimezone_get_utc_timezone ());
}

char *
kiosk_event_to_ics (KioskEvent *self)
{
  icalcomponent *cal, *event;
  g_autoptr(GString) uid = NULL;
  char *text, *result;

  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);
  g_return_val_if_fail (self->start != NULL, NULL);

  cal = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                             icalproperty_new_version ("2.0"),
                             icalproperty_new_prodid ("-//Ankerort//Kiosk//DE"),
                             (void *) 0);
  event = icalcomponent_new (ICAL_VEVENT_COMPONENT);

  /* A recurring event's occurrences need UIDs of their own on a phone. */
  uid = g_string_new (self->data->uid != NULL ? self->data->uid : "event");
  g_string_append_printf (uid, "-%" G_GINT64_FORMAT, g_date_time_to_unix (self->start));
  icalcomponent_add_property (event, icalproperty_new_uid (uid->str));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (to_ical_time (self->start, FALSE)));
  icalcomponent_add_property (event, icalproperty_new_dtstart (to_ical_time (self->start, self->all_day)));
  icalcomponent_add_property (event, icalproperty_new_dtend (to_ical_time (kiosk_event_get_end (self),
                                                                            self->all_day)));
  if (self->data->title != NULL)
    icalcomponent_add_property (event, icalproperty_new_summary (self->data->title));
  if (self->data->location != NULL || self->data->address != NULL)
    {
      g_autofree char *where = NULL;

      if (self->data->location != NULL && self->data->address != NULL)
        where = g_strdup_printf ("%s, %s", self->data->location, self->data->address);
      else
        where = g_strdup (self->data->location != NULL ? self->data->location : self->data->address);
      icalcomponent_add_property (event, icalproperty_new_location (where));
    }
  if (kiosk_event_has_coordinates (self))
    {
      struct icalgeotype geo = { self->data->latitude, self->data->longitude };

      icalcomponent_add_property (event, icalproperty_new_geo (geo));
    }
  if (kiosk_event_is_cancelled (self))
    icalcomponent_add_property (event, icalproperty_new_status (ICAL_STATUS_CANCELLED));
  icalcomponent_add_component (cal, event);

  text = icalcomponent_as_ical_string_r (cal);
  result = g_strdup (text);
  free (text);
  icalcomponent_free (cal);

  return result;
}

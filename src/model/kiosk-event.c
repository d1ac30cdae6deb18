/* kiosk-event.c: one occurrence of a city event, as the events area shows it */

#define G_LOG_DOMAIN "kiosk-event"

#include "config.h"

#include <libical/ical.h>
#include <math.h>

#include "kiosk-event.h"

/* A text in one language ("de"); either text may be NULL. */
typedef struct
{
  char *language;
  char *title;
  char *description;
} Translation;

/* What the occurrences of one event have in common. A recurring event's
 * occurrences share one record; a setter on a shared record copies it first
 * (copy on write), so an override changes only its own occurrence. */
typedef struct
{
  gatomicrefcount  ref_count;
  char            *uid;
  char            *title;
  char            *description;
  char            *location;
  char            *address;
  char           **categories;
  char            *url;
  char            *image;
  char            *status;
  char            *currency;
  char            *accessibility;
  Translation     *translations;     /* NULL when none */
  guint            n_translations;
  double           latitude;
  double           longitude;
  double           price;
  gboolean         free;
} EventData;

struct _KioskEvent
{
  GObject     parent_instance;

  /* owned */
  EventData  *data;
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

static EventData *
event_data_new (void)
{
  EventData *data = g_new0 (EventData, 1);

  g_atomic_ref_count_init (&data->ref_count);
  data->latitude = NAN;
  data->longitude = NAN;
  data->price = NAN;

  return data;
}

static EventData *
event_data_ref (EventData *data)
{
  g_atomic_ref_count_inc (&data->ref_count);
  return data;
}

static void
event_data_unref (EventData *data)
{
  if (!g_atomic_ref_count_dec (&data->ref_count))
    return;

  g_free (data->uid);
  g_free (data->title);
  g_free (data->description);
  g_free (data->location);
  g_free (data->address);
  g_strfreev (data->categories);
  g_free (data->url);
  g_free (data->image);
  g_free (data->status);
  g_free (data->currency);
  g_free (data->accessibility);
  for (guint i = 0; i < data->n_translations; i++)
    {
      g_free (data->translations[i].language);
      g_free (data->translations[i].title);
      g_free (data->translations[i].description);
    }
  g_free (data->translations);
  g_free (data);
}

static EventData *
event_data_copy (const EventData *data)
{
  EventData *copy = event_data_new ();

  copy->uid = g_strdup (data->uid);
  copy->title = g_strdup (data->title);
  copy->description = g_strdup (data->description);
  copy->location = g_strdup (data->location);
  copy->address = g_strdup (data->address);
  copy->categories = g_strdupv (data->categories);
  copy->url = g_strdup (data->url);
  copy->image = g_strdup (data->image);
  copy->status = g_strdup (data->status);
  copy->currency = g_strdup (data->currency);
  copy->accessibility = g_strdup (data->accessibility);
  if (data->n_translations > 0)
    copy->translations = g_new0 (Translation, data->n_translations);
  copy->n_translations = data->n_translations;
  for (guint i = 0; i < data->n_translations; i++)
    {
      copy->translations[i].language = g_strdup (data->translations[i].language);
      copy->translations[i].title = g_strdup (data->translations[i].title);
      copy->translations[i].description = g_strdup (data->translations[i].description);
    }
  copy->latitude = data->latitude;
  copy->longitude = data->longitude;
  copy->price = data->price;
  copy->free = data->free;

  return copy;
}

/* The record to change: @self's own, copied first when it is shared. */
static EventData *
writable_data (KioskEvent *self)
{
  if (!g_atomic_ref_count_compare (&self->data->ref_count, 1))
    {
      EventData *copy = event_data_copy (self->data);

      event_data_unref (self->data);
      self->data = copy;
    }

  return self->data;
}

/* @field is the offset of a string in EventData. */
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

  g_clear_pointer (&self->data, event_data_unref);
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
  self->data = event_data_new ();
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

  g_clear_pointer (&other->data, event_data_unref);
  other->data = event_data_ref (self->data);
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
  set_string (self, G_STRUCT_OFFSET (EventData, uid), uid, PROP_UID);
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
  set_string (self, G_STRUCT_OFFSET (EventData, title), title, PROP_TITLE);
}

/* Keeps one text a language: a later one replaces an earlier one. */
static void
add_text (char       **slot,
          const char  *text)
{
  if (text == NULL || *text == '\0')
    return;
  g_free (*slot);
  *slot = g_strdup (text);
}

void
kiosk_event_add_translation (KioskEvent *self,
                             const char *language,
                             const char *title,
                             const char *description)
{
  g_autofree char *primary = NULL;
  Translation *translation = NULL;
  EventData *data;
  char *dash;

  g_return_if_fail (KIOSK_IS_EVENT (self));
  g_return_if_fail (language != NULL);

  if ((title == NULL || *title == '\0') && (description == NULL || *description == '\0'))
    return;

  /* "de-DE" and "de" are the same language for a kiosk. */
  primary = g_ascii_strdown (language, -1);
  if ((dash = strpbrk (primary, "-_")) != NULL)
    *dash = '\0';

  data = writable_data (self);
  for (guint i = 0; i < data->n_translations && translation == NULL; i++)
    {
      if (g_str_equal (data->translations[i].language, primary))
        translation = &data->translations[i];
    }
  if (translation == NULL)
    {
      data->translations = g_renew (Translation, data->translations, data->n_translations + 1);
      translation = &data->translations[data->n_translations++];
      translation->language = g_steal_pointer (&primary);
      translation->title = NULL;
      translation->description = NULL;
    }
  add_text (&translation->title, title);
  add_text (&translation->description, description);
}

void
kiosk_event_drop_translations (KioskEvent *self,
                               gboolean    titles,
                               gboolean    descriptions)
{
  EventData *data;
  guint kept = 0;

  g_return_if_fail (KIOSK_IS_EVENT (self));

  if (self->data->n_translations == 0 || (!titles && !descriptions))
    return;

  data = writable_data (self);
  for (guint i = 0; i < data->n_translations; i++)
    {
      Translation *translation = &data->translations[i];

      if (titles)
        g_clear_pointer (&translation->title, g_free);
      if (descriptions)
        g_clear_pointer (&translation->description, g_free);
      if (translation->title == NULL && translation->description == NULL)
        g_free (translation->language);
      else
        data->translations[kept++] = *translation;
    }
  data->n_translations = kept;
  if (kept == 0)
    g_clear_pointer (&data->translations, g_free);
}

static const Translation *
lookup_translation (EventData  *data,
                    const char *language)
{
  for (guint i = 0; language != NULL && i < data->n_translations; i++)
    {
      if (g_str_equal (data->translations[i].language, language))
        return &data->translations[i];
    }

  return NULL;
}

const char *
kiosk_event_get_title_for (KioskEvent *self,
                           const char *language)
{
  const Translation *translation;

  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);

  translation = lookup_translation (self->data, language);
  return translation != NULL && translation->title != NULL ? translation->title : self->data->title;
}

const char *
kiosk_event_get_description_for (KioskEvent *self,
                                 const char *language)
{
  const Translation *translation;

  g_return_val_if_fail (KIOSK_IS_EVENT (self), NULL);

  translation = lookup_translation (self->data, language);
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
  set_string (self, G_STRUCT_OFFSET (EventData, location), location, PROP_LOCATION);
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
  set_string (self, G_STRUCT_OFFSET (EventData, address), address, PROP_ADDRESS);
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
  EventData *data;

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
  set_string (self, G_STRUCT_OFFSET (EventData, url), url, PROP_URL);
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
  set_string (self, G_STRUCT_OFFSET (EventData, image), image, PROP_IMAGE);
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
  set_string (self, G_STRUCT_OFFSET (EventData, status), status, PROP_STATUS);
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
  set_string (self, G_STRUCT_OFFSET (EventData, description), description, PROP_DESCRIPTION);
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
  set_string (self, G_STRUCT_OFFSET (EventData, currency), currency, PROP_CURRENCY);
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
  set_string (self, G_STRUCT_OFFSET (EventData, accessibility), accessibility, PROP_ACCESSIBILITY);
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

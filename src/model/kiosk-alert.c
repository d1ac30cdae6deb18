/* kiosk-alert.c: one public warning: a CAP 1.2 alert's info block with its alert's header
 *
 * An alert with info blocks in three languages is three KioskAlerts that
 * share the alert's header (identifier, sender, sent); the store picks the
 * one in the kiosk's language. Geometry is here so that the store and
 * `ankerort check cap` decide alike whether an alert applies. */

#define G_LOG_DOMAIN "kiosk-alert"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kiosk-alert.h"

struct _KioskAlert
{
  GObject         parent_instance;

  KioskAlertData  data;
  char           *key;
};

G_DEFINE_FINAL_TYPE (KioskAlert, kiosk_alert, G_TYPE_OBJECT)

/* The mean earth radius of WGS 84 (IUGG), km. */
#define EARTH_RADIUS_KM 6371.0088

KioskAlertArea *
kiosk_alert_area_new (void)
{
  KioskAlertArea *area = g_new0 (KioskAlertArea, 1);

  area->polygons = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  area->circles = g_array_new (FALSE, FALSE, sizeof (KioskAlertCircle));
  area->geocodes = g_ptr_array_new_with_free_func (g_free);

  return area;
}

void
kiosk_alert_area_free (KioskAlertArea *area)
{
  if (area == NULL)
    return;

  g_free (area->description);
  g_clear_pointer (&area->polygons, g_ptr_array_unref);
  g_clear_pointer (&area->circles, g_array_unref);
  g_clear_pointer (&area->geocodes, g_ptr_array_unref);
  g_free (area);
}

double
kiosk_alert_distance_km (double lat1,
                         double lon1,
                         double lat2,
                         double lon2)
{
  double phi1 = lat1 * G_PI / 180.0;
  double phi2 = lat2 * G_PI / 180.0;
  double dphi = (lat2 - lat1) * G_PI / 180.0;
  double dlambda = (lon2 - lon1) * G_PI / 180.0;
  double a = sin (dphi / 2) * sin (dphi / 2) +
             cos (phi1) * cos (phi2) * sin (dlambda / 2) * sin (dlambda / 2);

  return 2 * EARTH_RADIUS_KM * atan2 (sqrt (a), sqrt (MAX (0.0, 1 - a)));
}

/* Even-odd rule with latitude and longitude as plane coordinates, as CAP
 * means them; a polygon over the antimeridian is not supported. */
static gboolean
polygon_contains (GArray *ring,
                  double  latitude,
                  double  longitude)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = ring->len - 1; i < ring->len; j = i++)
    {
      const KioskAlertPoint *a = &g_array_index (ring, KioskAlertPoint, i);
      const KioskAlertPoint *b = &g_array_index (ring, KioskAlertPoint, j);

      if ((a->latitude > latitude) != (b->latitude > latitude) &&
          longitude < (b->longitude - a->longitude) * (latitude - a->latitude) /
                      (b->latitude - a->latitude) + a->longitude)
        inside = !inside;
    }

  return inside;
}

gboolean
kiosk_alert_area_contains (const KioskAlertArea *area,
                           double                latitude,
                           double                longitude)
{
  g_return_val_if_fail (area != NULL, FALSE);

  for (guint i = 0; i < area->polygons->len; i++)
    {
      GArray *ring = g_ptr_array_index (area->polygons, i);

      if (ring->len >= 3 && polygon_contains (ring, latitude, longitude))
        return TRUE;
    }
  for (guint i = 0; i < area->circles->len; i++)
    {
      const KioskAlertCircle *circle = &g_array_index (area->circles, KioskAlertCircle, i);

      if (kiosk_alert_distance_km (circle->centre.latitude, circle->centre.longitude,
                                   latitude, longitude) <= circle->radius_km)
        return TRUE;
    }

  return FALSE;
}

static guint
rank_of (const char         *value,
         const char * const *names)
{
  guint n = g_strv_length ((char **) names);

  for (guint i = 0; value != NULL && i < n; i++)
    {
      if (g_ascii_strcasecmp (value, names[i]) == 0)
        return n - i;
    }

  return 0;
}

guint
kiosk_alert_severity_rank (const char *severity)
{
  static const char * const names[] = { "Extreme", "Severe", "Moderate", "Minor", NULL };

  return rank_of (severity, names);
}

guint
kiosk_alert_urgency_rank (const char *urgency)
{
  static const char * const names[] = { "Immediate", "Expected", "Future", "Past", NULL };

  return rank_of (urgency, names);
}

guint
kiosk_alert_certainty_rank (const char *certainty)
{
  /* "Very Likely" is CAP 1.0's name for Likely. */
  static const char * const names[] = { "Observed", "Likely", "Possible", "Unlikely", NULL };

  if (certainty != NULL && g_ascii_strcasecmp (certainty, "Very Likely") == 0)
    return 3;
  return rank_of (certainty, names);
}

void
kiosk_alert_data_clear (KioskAlertData *data)
{
  g_clear_pointer (&data->identifier, g_free);
  g_clear_pointer (&data->sender, g_free);
  g_clear_pointer (&data->sent_text, g_free);
  g_clear_pointer (&data->sent, g_date_time_unref);
  g_clear_pointer (&data->status, g_free);
  g_clear_pointer (&data->msg_type, g_free);
  g_clear_pointer (&data->scope, g_free);
  g_clear_pointer (&data->references, g_strfreev);
  g_clear_pointer (&data->language, g_free);
  g_clear_pointer (&data->event, g_free);
  g_clear_pointer (&data->urgency, g_free);
  g_clear_pointer (&data->severity, g_free);
  g_clear_pointer (&data->certainty, g_free);
  g_clear_pointer (&data->headline, g_free);
  g_clear_pointer (&data->description, g_free);
  g_clear_pointer (&data->instruction, g_free);
  g_clear_pointer (&data->sender_name, g_free);
  g_clear_pointer (&data->web, g_free);
  g_clear_pointer (&data->effective, g_date_time_unref);
  g_clear_pointer (&data->onset, g_date_time_unref);
  g_clear_pointer (&data->expires, g_date_time_unref);
  g_clear_pointer (&data->areas, g_ptr_array_unref);
  data->info_index = 0;
}

static void
kiosk_alert_finalize (GObject *object)
{
  KioskAlert *self = (KioskAlert *)object;

  kiosk_alert_data_clear (&self->data);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (kiosk_alert_parent_class)->finalize (object);
}

static void
kiosk_alert_class_init (KioskAlertClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_alert_finalize;
}

static void
kiosk_alert_init (KioskAlert *self)
{
}

KioskAlert *
kiosk_alert_new (KioskAlertData *data)
{
  KioskAlert *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_ALERT, NULL);
  self->data = *data;
  memset (data, 0, sizeof *data);
  if (self->data.areas == NULL)
    self->data.areas = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_alert_area_free);
  self->key = g_strdup_printf ("%s,%s,%s",
                               self->data.sender != NULL ? self->data.sender : "",
                               self->data.identifier != NULL ? self->data.identifier : "",
                               self->data.sent_text != NULL ? self->data.sent_text : "");

  return self;
}

#define GETTER(type, name, member) \
  type \
  kiosk_alert_get_##name (KioskAlert *self) \
  { \
    g_return_val_if_fail (KIOSK_IS_ALERT (self), 0); \
    return self->data.member; \
  }

GETTER (const char *, identifier, identifier)
GETTER (const char *, sender, sender)
GETTER (const char *, sent_text, sent_text)
GETTER (GDateTime *, sent, sent)
GETTER (const char *, status, status)
GETTER (const char *, msg_type, msg_type)
GETTER (const char *, scope, scope)
GETTER (guint, info_index, info_index)
GETTER (const char *, language, language)
GETTER (const char *, event, event)
GETTER (const char *, urgency, urgency)
GETTER (const char *, severity, severity)
GETTER (const char *, certainty, certainty)
GETTER (const char *, headline, headline)
GETTER (const char *, description, description)
GETTER (const char *, instruction, instruction)
GETTER (const char *, sender_name, sender_name)
GETTER (const char *, web, web)
GETTER (GDateTime *, effective, effective)
GETTER (GDateTime *, onset, onset)
GETTER (GDateTime *, expires, expires)
GETTER (GPtrArray *, areas, areas)

#undef GETTER

const char * const *
kiosk_alert_get_references (KioskAlert *self)
{
  g_return_val_if_fail (KIOSK_IS_ALERT (self), NULL);

  return (const char * const *) self->data.references;
}

const char *
kiosk_alert_get_key (KioskAlert *self)
{
  g_return_val_if_fail (KIOSK_IS_ALERT (self), NULL);

  return self->key;
}

char *
kiosk_alert_dup_area_desc (KioskAlert *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (KIOSK_IS_ALERT (self), NULL);

  for (guint i = 0; i < self->data.areas->len; i++)
    {
      const KioskAlertArea *area = g_ptr_array_index (self->data.areas, i);

      if (area->description == NULL || *area->description == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, area->description);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

gboolean
kiosk_alert_matches_reference (KioskAlert *self,
                               const char *reference)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (KIOSK_IS_ALERT (self), FALSE);

  if (reference == NULL)
    return FALSE;
  parts = g_strsplit (reference, ",", 3);
  if (g_strv_length (parts) != 3 ||
      g_strcmp0 (parts[0], self->data.sender) != 0 ||
      g_strcmp0 (parts[1], self->data.identifier) != 0)
    return FALSE;

  /* The same moment may be written as +00:00 or Z: compare times. */
  if (self->data.sent != NULL)
    {
      g_autoptr(GDateTime) sent = g_date_time_new_from_iso8601 (parts[2], NULL);

      if (sent != NULL)
        return g_date_time_equal (sent, self->data.sent);
    }

  return g_strcmp0 (parts[2], self->data.sent_text) == 0;
}

gboolean
kiosk_alert_is_expired (KioskAlert *self,
                        GDateTime  *now)
{
  g_return_val_if_fail (KIOSK_IS_ALERT (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return self->data.expires != NULL && g_date_time_compare (self->data.expires, now) <= 0;
}

static gboolean
geocode_configured (const char         *geocode,
                    const char * const *geocodes)
{
  const char *eq = strchr (geocode, '=');

  for (guint i = 0; geocodes != NULL && geocodes[i] != NULL; i++)
    {
      const char *want = geocodes[i];
      const char *want_eq = strchr (want, '=');

      /* Names compare without case ("WARNCELLID", "warncellid"), values exactly. */
      if (eq == NULL || want_eq == NULL || eq - geocode != want_eq - want)
        continue;
      if (g_ascii_strncasecmp (geocode, want, eq - geocode) == 0 &&
          g_str_equal (eq + 1, want_eq + 1))
        return TRUE;
    }

  return FALSE;
}

gboolean
kiosk_alert_applies_to (KioskAlert         *self,
                        gboolean            has_position,
                        double              latitude,
                        double              longitude,
                        const char * const *geocodes)
{
  g_return_val_if_fail (KIOSK_IS_ALERT (self), FALSE);

  for (guint i = 0; i < self->data.areas->len; i++)
    {
      const KioskAlertArea *area = g_ptr_array_index (self->data.areas, i);

      if (has_position && kiosk_alert_area_contains (area, latitude, longitude))
        return TRUE;
      for (guint j = 0; j < area->geocodes->len; j++)
        {
          if (geocode_configured (g_ptr_array_index (area->geocodes, j), geocodes))
            return TRUE;
        }
    }

  return FALSE;
}

int
kiosk_alert_compare (KioskAlert *a,
                     KioskAlert *b)
{
  int diff;

  diff = (int) kiosk_alert_severity_rank (b->data.severity) -
         (int) kiosk_alert_severity_rank (a->data.severity);
  if (diff != 0)
    return diff;
  diff = (int) kiosk_alert_urgency_rank (b->data.urgency) -
         (int) kiosk_alert_urgency_rank (a->data.urgency);
  if (diff != 0)
    return diff;
  diff = (int) kiosk_alert_certainty_rank (b->data.certainty) -
         (int) kiosk_alert_certainty_rank (a->data.certainty);
  if (diff != 0)
    return diff;
  if (a->data.sent != NULL && b->data.sent != NULL)
    {
      diff = g_date_time_compare (b->data.sent, a->data.sent);
      if (diff != 0)
        return diff;
    }

  return g_strcmp0 (a->key, b->key);
}

guint
kiosk_alert_language_match (KioskAlert *self,
                            const char *language)
{
  /* CAP's default when <language> is missing. */
  const char *mine = self->data.language != NULL && *self->data.language != '\0'
                     ? self->data.language : "en-US";
  gsize mine_len = strcspn (mine, "-_");
  gsize want_len;

  g_return_val_if_fail (KIOSK_IS_ALERT (self), 0);

  if (language == NULL || *language == '\0')
    return 0;
  if (g_ascii_strcasecmp (mine, language) == 0)
    return 3;
  want_len = strcspn (language, "-_");
  if (mine_len == want_len && g_ascii_strncasecmp (mine, language, mine_len) == 0)
    return 2;

  return 0;
}

/* kiosk-alerts.c: the public warnings that apply to this kiosk now, most severe first
 *
 * Every CAP source's items (info blocks) come in through one model; here
 * they become what the screen shows: Update and Cancel messages take the
 * alerts they reference away, expired blocks go (a timer re-evaluates at
 * the next expiry), and of an alert's info blocks the one in the kiosk's
 * language stays. Views only show this model. */

#define G_LOG_DOMAIN "kiosk-alerts"

#include "config.h"

#include "kiosk-alerts.h"
#include "kiosk-config.h"

struct _KioskAlerts
{
  GObject      parent_instance;

  /* owned */
  GListModel  *items;
  GPtrArray   *shown;        /* KioskAlert*, the model's contents */
  KioskConfig *config;
  char       **geocodes;
  char        *language;
  char        *min_severity;
  char        *min_urgency;
  double       latitude;
  double       longitude;
  gboolean     has_position;
  gboolean     takeover_active;
  guint        expiry_id;
};

enum {
  PROP_0,
  PROP_TAKEOVER_ACTIVE,
  N_PROPS
};

enum {
  STATE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void kiosk_alerts_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskAlerts, kiosk_alerts, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      kiosk_alerts_list_model_init))

static void evaluate (KioskAlerts *self);

static gboolean
is_type (KioskAlert *alert,
         const char *msg_type)
{
  return g_strcmp0 (kiosk_alert_get_msg_type (alert), msg_type) == 0;
}

/* The Update or Cancel among @all that references @alert, or NULL. */
static KioskAlert *
superseded_by (KioskAlert *alert,
               GPtrArray  *all)
{
  for (guint i = 0; i < all->len; i++)
    {
      KioskAlert *other = g_ptr_array_index (all, i);
      const char * const *references = kiosk_alert_get_references (other);

      if (other == alert || references == NULL ||
          !(is_type (other, "Update") || is_type (other, "Cancel")) ||
          g_strcmp0 (kiosk_alert_get_status (other), kiosk_alert_get_status (alert)) != 0)
        continue;
      for (guint j = 0; references[j] != NULL; j++)
        {
          if (kiosk_alert_matches_reference (alert, references[j]))
            return other;
        }
    }

  return NULL;
}

static guint
language_score (KioskAlert *alert,
                const char *language)
{
  guint score = kiosk_alert_language_match (alert, language) * 10;

  if (score == 0)
    score = kiosk_alert_language_match (alert, "en");
  return score;
}

static int
compare_cb (gconstpointer a,
            gconstpointer b)
{
  return kiosk_alert_compare (*(KioskAlert **) a, *(KioskAlert **) b);
}

static KioskAlert *
find_key (GPtrArray  *alerts,
          const char *key)
{
  for (guint i = 0; i < alerts->len; i++)
    {
      if (g_str_equal (kiosk_alert_get_key (g_ptr_array_index (alerts, i)), key))
        return g_ptr_array_index (alerts, i);
    }

  return NULL;
}

static void
report (KioskAlerts *self,
        KioskAlert  *alert,
        const char  *state,
        KioskAlert  *by)
{
  const char *headline = kiosk_alert_get_headline (alert);

  if (by != NULL)
    g_message ("alert %s: %s (%s) by %s", state, kiosk_alert_get_identifier (alert),
               kiosk_alert_get_sender (alert), kiosk_alert_get_identifier (by));
  else
    g_message ("alert %s: %s (%s, %s): %s", state, kiosk_alert_get_identifier (alert),
               kiosk_alert_get_sender (alert),
               kiosk_alert_get_severity (alert) != NULL ? kiosk_alert_get_severity (alert) : "?",
               headline != NULL ? headline : "");
  g_signal_emit (self, signals[STATE_CHANGED], 0, alert, state);
}

/* An Update of an alert that was on screen: logged as "updated" already. */
static gboolean
replaces_shown (GPtrArray  *previous,
                KioskAlert *alert,
                GPtrArray  *all)
{
  if (!is_type (alert, "Update"))
    return FALSE;
  for (guint i = 0; i < previous->len; i++)
    {
      if (superseded_by (g_ptr_array_index (previous, i), all) == alert)
        return TRUE;
    }

  return FALSE;
}

static gboolean
expiry_cb (gpointer user_data)
{
  KioskAlerts *self = user_data;

  self->expiry_id = 0;
  evaluate (self);

  return G_SOURCE_REMOVE;
}

static void
evaluate (KioskAlerts *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) previous = NULL;
  GDateTime *next_expiry = NULL;
  guint n = self->items != NULL ? g_list_model_get_n_items (self->items) : 0;
  gboolean takeover = FALSE;
  gboolean same;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, g_list_model_get_item (self->items, i));

  for (guint i = 0; i < all->len; i++)
    {
      KioskAlert *alert = g_ptr_array_index (all, i);
      KioskAlert *have;

      if (g_strcmp0 (kiosk_alert_get_status (alert), "Actual") != 0 ||
          !(is_type (alert, "Alert") || is_type (alert, "Update")) ||
          superseded_by (alert, all) != NULL)
        continue;
      if (kiosk_alert_is_expired (alert, now))
        continue;
      if (!kiosk_alert_applies_to (alert, self->has_position, self->latitude, self->longitude,
                                   (const char * const *) self->geocodes))
        continue;
      if (kiosk_alert_get_expires (alert) != NULL &&
          (next_expiry == NULL || g_date_time_compare (kiosk_alert_get_expires (alert),
                                                       next_expiry) < 0))
        next_expiry = kiosk_alert_get_expires (alert);

      /* One block per alert: the best language, else the first block. */
      have = find_key (chosen, kiosk_alert_get_key (alert));
      if (have == NULL)
        g_ptr_array_add (chosen, g_object_ref (alert));
      else if (language_score (alert, self->language) > language_score (have, self->language))
        {
          g_ptr_array_remove (chosen, have);
          g_ptr_array_add (chosen, g_object_ref (alert));
        }
    }
  g_ptr_array_sort (chosen, compare_cb);

  for (guint i = 0; i < chosen->len; i++)
    {
      if (kiosk_alerts_takes_over (self, g_ptr_array_index (chosen, i)))
        takeover = TRUE;
    }

  same = chosen->len == self->shown->len;
  for (guint i = 0; same && i < chosen->len; i++)
    same = g_ptr_array_index (chosen, i) == g_ptr_array_index (self->shown, i);
  previous = g_ptr_array_ref (self->shown);
  if (!same)
    {
      guint removed = self->shown->len;

      g_ptr_array_unref (self->shown);
      self->shown = g_steal_pointer (&chosen);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->shown->len);
    }
  if (takeover != self->takeover_active)
    {
      self->takeover_active = takeover;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAKEOVER_ACTIVE]);
    }
  /* What changed, for the log and the status: told once the model shows it. */
  for (guint i = 0; i < previous->len; i++)
    {
      KioskAlert *was = g_ptr_array_index (previous, i);
      KioskAlert *by;

      if (find_key (self->shown, kiosk_alert_get_key (was)) != NULL)
        continue;
      by = superseded_by (was, all);
      if (by != NULL)
        report (self, was, is_type (by, "Cancel") ? "cancelled" : "updated", by);
      else if (kiosk_alert_is_expired (was, now))
        report (self, was, "expired", NULL);
      else
        report (self, was, "withdrawn", NULL);
    }
  for (guint i = 0; i < self->shown->len; i++)
    {
      KioskAlert *alert = g_ptr_array_index (self->shown, i);

      if (find_key (previous, kiosk_alert_get_key (alert)) == NULL &&
          !replaces_shown (previous, alert, all))
        report (self, alert, "raised", NULL);
    }

  g_clear_handle_id (&self->expiry_id, g_source_remove);
  if (next_expiry != NULL)
    {
      GTimeSpan wait = g_date_time_difference (next_expiry, now);
      guint seconds = (guint) MIN (wait / G_TIME_SPAN_SECOND + 1, 3600);

      self->expiry_id = g_timeout_add_seconds (seconds, expiry_cb, self);
    }
}

static void
items_changed_cb (GListModel  *items,
                  guint        position,
                  guint        removed,
                  guint        added,
                  KioskAlerts *self)
{
  evaluate (self);
}

static void
read_config (KioskAlerts *self)
{
  GSettings *settings = kiosk_config_get_settings (self->config);
  g_autofree char *severity = g_settings_get_string (settings, "alert-min-severity");
  g_autofree char *urgency = g_settings_get_string (settings, "alert-min-urgency");
  g_auto(GStrv) geocodes = g_settings_get_strv (settings, "alert-geocodes");

  g_strfreev (self->geocodes);
  self->geocodes = g_steal_pointer (&geocodes);
  g_free (self->min_severity);
  self->min_severity = g_steal_pointer (&severity);
  g_free (self->min_urgency);
  self->min_urgency = g_steal_pointer (&urgency);
  self->has_position = TRUE;
  self->latitude = kiosk_config_get_latitude (self->config);
  self->longitude = kiosk_config_get_longitude (self->config);
}

static void
config_changed_cb (KioskConfig *config,
                   const char  *key,
                   KioskAlerts *self)
{
  if (g_str_has_prefix (key, "alert-") || g_str_equal (key, "latitude") ||
      g_str_equal (key, "longitude"))
    {
      read_config (self);
      evaluate (self);
    }
}

static GType
kiosk_alerts_get_item_type (GListModel *model)
{
  return KIOSK_TYPE_ALERT;
}

static guint
kiosk_alerts_get_n_items (GListModel *model)
{
  return KIOSK_ALERTS (model)->shown->len;
}

static gpointer
kiosk_alerts_get_item (GListModel *model,
                       guint       position)
{
  KioskAlerts *self = KIOSK_ALERTS (model);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
kiosk_alerts_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kiosk_alerts_get_item_type;
  iface->get_n_items = kiosk_alerts_get_n_items;
  iface->get_item = kiosk_alerts_get_item;
}

static void
kiosk_alerts_dispose (GObject *object)
{
  KioskAlerts *self = (KioskAlerts *)object;

  g_clear_handle_id (&self->expiry_id, g_source_remove);
  if (self->items != NULL)
    g_signal_handlers_disconnect_by_data (self->items, self);
  if (self->config != NULL)
    g_signal_handlers_disconnect_by_data (self->config, self);
  g_clear_object (&self->items);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kiosk_alerts_parent_class)->dispose (object);
}

static void
kiosk_alerts_finalize (GObject *object)
{
  KioskAlerts *self = (KioskAlerts *)object;

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->geocodes, g_strfreev);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->min_severity, g_free);
  g_clear_pointer (&self->min_urgency, g_free);

  G_OBJECT_CLASS (kiosk_alerts_parent_class)->finalize (object);
}

static void
kiosk_alerts_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KioskAlerts *self = KIOSK_ALERTS (object);

  switch (prop_id)
    {
    case PROP_TAKEOVER_ACTIVE:
      g_value_set_boolean (value, self->takeover_active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_alerts_class_init (KioskAlertsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_alerts_dispose;
  object_class->finalize = kiosk_alerts_finalize;
  object_class->get_property = kiosk_alerts_get_property;

  /* The closed screen runs the display-on command while this is set. */
  properties[PROP_TAKEOVER_ACTIVE] =
    g_param_spec_boolean ("takeover-active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STATE_CHANGED] =
    g_signal_new ("state-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, KIOSK_TYPE_ALERT, G_TYPE_STRING);
}

static void
kiosk_alerts_init (KioskAlerts *self)
{
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->min_severity = g_strdup ("Severe");
  self->min_urgency = g_strdup ("Expected");
  self->language = g_strdup ("de");
}

KioskAlerts *
kiosk_alerts_new (GListModel *items)
{
  KioskAlerts *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  self = g_object_new (KIOSK_TYPE_ALERTS, NULL);
  self->items = g_object_ref (items);
  g_signal_connect (items, "items-changed", G_CALLBACK (items_changed_cb), self);
  evaluate (self);

  return self;
}

void
kiosk_alerts_set_position (KioskAlerts *self,
                           gboolean     has_position,
                           double       latitude,
                           double       longitude)
{
  g_return_if_fail (KIOSK_IS_ALERTS (self));

  self->has_position = has_position;
  self->latitude = latitude;
  self->longitude = longitude;
  evaluate (self);
}

void
kiosk_alerts_set_geocodes (KioskAlerts        *self,
                           const char * const *geocodes)
{
  g_return_if_fail (KIOSK_IS_ALERTS (self));

  g_strfreev (self->geocodes);
  self->geocodes = g_strdupv ((char **) geocodes);
  evaluate (self);
}

void
kiosk_alerts_set_minimum (KioskAlerts *self,
                          const char  *severity,
                          const char  *urgency)
{
  g_return_if_fail (KIOSK_IS_ALERTS (self));

  g_free (self->min_severity);
  self->min_severity = g_strdup (severity);
  g_free (self->min_urgency);
  self->min_urgency = g_strdup (urgency);
  evaluate (self);
}

void
kiosk_alerts_set_language (KioskAlerts *self,
                           const char  *language)
{
  g_return_if_fail (KIOSK_IS_ALERTS (self));

  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  evaluate (self);
}

void
kiosk_alerts_set_config (KioskAlerts *self,
                         KioskConfig *config)
{
  g_return_if_fail (KIOSK_IS_ALERTS (self));
  g_return_if_fail (KIOSK_IS_CONFIG (config));

  if (self->config != NULL)
    g_signal_handlers_disconnect_by_data (self->config, self);
  g_set_object (&self->config, config);
  g_signal_connect (config, "changed", G_CALLBACK (config_changed_cb), self);
  read_config (self);
  evaluate (self);
}

gboolean
kiosk_alerts_takes_over (KioskAlerts *self,
                         KioskAlert  *alert)
{
  g_return_val_if_fail (KIOSK_IS_ALERTS (self), FALSE);
  g_return_val_if_fail (KIOSK_IS_ALERT (alert), FALSE);

  return g_strcmp0 (kiosk_alert_get_status (alert), "Actual") == 0 &&
         kiosk_alert_severity_rank (kiosk_alert_get_severity (alert)) >=
         MAX (1, kiosk_alert_severity_rank (self->min_severity)) &&
         kiosk_alert_urgency_rank (kiosk_alert_get_urgency (alert)) >=
         MAX (1, kiosk_alert_urgency_rank (self->min_urgency));
}

gboolean
kiosk_alerts_get_takeover_active (KioskAlerts *self)
{
  g_return_val_if_fail (KIOSK_IS_ALERTS (self), FALSE);

  return self->takeover_active;
}

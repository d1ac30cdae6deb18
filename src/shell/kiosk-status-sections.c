/* kiosk-status-sections.c: the status document's parts: the day, media, warnings, config URL
 *
 * The objects these parts describe live in different places (the window's
 * day, the services' playlist and warnings, the application's config
 * URL); here each becomes a section of the one status document, rebuilt
 * from the object's own getters whenever it says it changed. Nothing
 * personal goes in: warnings are public, media problems name the files
 * staff put there, and the config URL's error names it without secrets. */

#define G_LOG_DOMAIN "kiosk-status-sections"

#include "config.h"

#include "kiosk-enums.h"
#include "kiosk-status-sections.h"

/* Changes of alert state kept for the document, the latest first. */
#define MAX_ALERT_CHANGES 10

struct _KioskStatusSections
{
  GObject      parent_instance;

  /* owned */
  KioskStatus *status;
  GPtrArray   *alert_changes;   /* JsonObject*, the latest first */
};

G_DEFINE_FINAL_TYPE (KioskStatusSections, kiosk_status_sections, G_TYPE_OBJECT)

/* Times in UTC, as the rest of the document has them; NULL: null. */
static void
set_time (JsonObject *object,
          const char *name,
          GDateTime  *time)
{
  g_autoptr(GDateTime) utc = time != NULL ? g_date_time_to_utc (time) : NULL;
  g_autofree char *text = utc != NULL ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  json_object_set_string_member (object, name, text);
}

/* Takes @object. */
static void
set_section (KioskStatusSections *self,
             const char          *name,
             JsonObject          *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  kiosk_status_set_section (self->status, name, node);
}

static void
opening_changed_cb (KioskOpeningState   *opening,
                    GParamSpec          *pspec,
                    KioskStatusSections *self)
{
  JsonObject *object = json_object_new ();

  json_object_set_boolean_member (object, "open", kiosk_opening_state_get_open (opening));
  set_time (object, "next_change", kiosk_opening_state_get_next_change (opening));
  json_object_set_boolean_member (object, "display_on", kiosk_opening_state_get_awake (opening));
  json_object_set_boolean_member (object, "display_held", kiosk_opening_state_get_held (opening));
  set_section (self, "opening", object);
}

static void
media_changed_cb (KioskMediaPlaylist  *media,
                  KioskStatusSections *self)
{
  JsonObject *object = json_object_new ();
  JsonArray *problems = json_array_new ();
  GPtrArray *warnings = kiosk_media_playlist_get_warnings (media);

  for (guint i = 0; i < warnings->len; i++)
    json_array_add_string_element (problems, g_ptr_array_index (warnings, i));
  json_object_set_int_member (object, "items", g_list_model_get_n_items (G_LIST_MODEL (media)));
  json_object_set_boolean_member (object, "loading", kiosk_media_playlist_get_loading (media));
  json_object_set_array_member (object, "problems", problems);
  set_section (self, "media", object);
}

static void
media_notify_cb (KioskMediaPlaylist  *media,
                 GParamSpec          *pspec,
                 KioskStatusSections *self)
{
  media_changed_cb (media, self);
}

static void
media_items_changed_cb (GListModel          *media,
                        guint                position,
                        guint                removed,
                        guint                added,
                        KioskStatusSections *self)
{
  media_changed_cb (KIOSK_MEDIA_PLAYLIST (media), self);
}

/* What every alert in the document says of itself. */
static JsonObject *
describe_alert (KioskAlert *alert)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "identifier", kiosk_alert_get_identifier (alert));
  json_object_set_string_member (object, "sender", kiosk_alert_get_sender (alert));
  json_object_set_string_member (object, "event", kiosk_alert_get_event (alert));
  json_object_set_string_member (object, "severity", kiosk_alert_get_severity (alert));
  json_object_set_string_member (object, "urgency", kiosk_alert_get_urgency (alert));
  set_time (object, "expires", kiosk_alert_get_expires (alert));

  return object;
}

static void
alerts_changed_cb (KioskAlerts         *alerts,
                   KioskStatusSections *self)
{
  JsonObject *object = json_object_new ();
  JsonArray *active = json_array_new ();
  JsonArray *changes = json_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (alerts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskAlert) alert = g_list_model_get_item (G_LIST_MODEL (alerts), i);
      JsonObject *item = describe_alert (alert);

      json_object_set_boolean_member (item, "takes_over", kiosk_alerts_takes_over (alerts, alert));
      json_array_add_object_element (active, item);
    }
  for (guint i = 0; i < self->alert_changes->len; i++)
    json_array_add_object_element (changes,
                                   json_object_ref (g_ptr_array_index (self->alert_changes, i)));
  json_object_set_boolean_member (object, "takeover", kiosk_alerts_get_takeover_active (alerts));
  json_object_set_array_member (object, "active", active);
  json_object_set_array_member (object, "changes", changes);
  set_section (self, "alerts", object);
}

static void
alerts_items_changed_cb (GListModel          *alerts,
                         guint                position,
                         guint                removed,
                         guint                added,
                         KioskStatusSections *self)
{
  alerts_changed_cb (KIOSK_ALERTS (alerts), self);
}

static void
alerts_notify_cb (KioskAlerts         *alerts,
                  GParamSpec          *pspec,
                  KioskStatusSections *self)
{
  alerts_changed_cb (alerts, self);
}

/* Told once the model shows it (see kiosk-alerts.c): a cancelled alert
 * is gone from "active" and stays in "changes". */
static void
alert_state_changed_cb (KioskAlerts         *alerts,
                        KioskAlert          *alert,
                        const char          *state,
                        KioskStatusSections *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  JsonObject *change = describe_alert (alert);

  json_object_set_string_member (change, "state", state);
  set_time (change, "at", now);
  g_ptr_array_insert (self->alert_changes, 0, change);
  if (self->alert_changes->len > MAX_ALERT_CHANGES)
    g_ptr_array_set_size (self->alert_changes, MAX_ALERT_CHANGES);
  alerts_changed_cb (alerts, self);
}

static void
config_sync_changed_cb (KioskConfigSync     *sync,
                        GParamSpec          *pspec,
                        KioskStatusSections *self)
{
  JsonObject *object = json_object_new ();
  GEnumClass *results = g_type_class_ref (KIOSK_TYPE_CONFIG_SYNC_RESULT);
  GEnumValue *result = g_enum_get_value (results, kiosk_config_sync_get_result (sync));

  json_object_set_string_member (object, "result", result != NULL ? result->value_nick : NULL);
  json_object_set_string_member (object, "error", kiosk_config_sync_get_error (sync));
  set_time (object, "last_attempt", kiosk_config_sync_get_last_attempt (sync));
  set_time (object, "last_applied", kiosk_config_sync_get_last_applied (sync));
  json_object_set_int_member (object, "fetches", kiosk_config_sync_get_fetches (sync));
  g_type_class_unref (results);
  set_section (self, "config_url", object);
}

static void
kiosk_status_sections_finalize (GObject *object)
{
  KioskStatusSections *self = KIOSK_STATUS_SECTIONS (object);

  g_clear_object (&self->status);
  g_clear_pointer (&self->alert_changes, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_status_sections_parent_class)->finalize (object);
}

static void
kiosk_status_sections_class_init (KioskStatusSectionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_status_sections_finalize;
}

static void
kiosk_status_sections_init (KioskStatusSections *self)
{
  self->alert_changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
}

KioskStatusSections *
kiosk_status_sections_new (KioskStatus *status)
{
  KioskStatusSections *self;

  g_return_val_if_fail (KIOSK_IS_STATUS (status), NULL);

  self = g_object_new (KIOSK_TYPE_STATUS_SECTIONS, NULL);
  self->status = g_object_ref (status);

  return self;
}

/* The handlers go with whichever of the two goes first. */

void
kiosk_status_sections_watch_opening (KioskStatusSections *self,
                                     KioskOpeningState   *opening)
{
  static const char * const signals[] = {
    "notify::open", "notify::next-change", "notify::awake", "notify::held",
  };

  g_return_if_fail (KIOSK_IS_STATUS_SECTIONS (self));
  g_return_if_fail (KIOSK_IS_OPENING_STATE (opening));

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (opening, signals[i], G_CALLBACK (opening_changed_cb), self, 0);
  opening_changed_cb (opening, NULL, self);
}

void
kiosk_status_sections_watch_media (KioskStatusSections *self,
                                   KioskMediaPlaylist  *media)
{
  g_return_if_fail (KIOSK_IS_STATUS_SECTIONS (self));
  g_return_if_fail (KIOSK_IS_MEDIA_PLAYLIST (media));

  /* "loading" goes back to FALSE after every read, the problems with it. */
  g_signal_connect_object (media, "notify::loading", G_CALLBACK (media_notify_cb), self, 0);
  g_signal_connect_object (media, "items-changed", G_CALLBACK (media_items_changed_cb), self, 0);
  media_changed_cb (media, self);
}

void
kiosk_status_sections_watch_alerts (KioskStatusSections *self,
                                    KioskAlerts         *alerts)
{
  g_return_if_fail (KIOSK_IS_STATUS_SECTIONS (self));
  g_return_if_fail (KIOSK_IS_ALERTS (alerts));

  g_signal_connect_object (alerts, "items-changed", G_CALLBACK (alerts_items_changed_cb), self, 0);
  g_signal_connect_object (alerts, "notify::takeover-active", G_CALLBACK (alerts_notify_cb),
                           self, 0);
  g_signal_connect_object (alerts, "state-changed", G_CALLBACK (alert_state_changed_cb), self, 0);
  alerts_changed_cb (alerts, self);
}

void
kiosk_status_sections_watch_config_sync (KioskStatusSections *self,
                                         KioskConfigSync     *sync)
{
  g_return_if_fail (KIOSK_IS_STATUS_SECTIONS (self));
  g_return_if_fail (KIOSK_IS_CONFIG_SYNC (sync));

  g_signal_connect_object (sync, "notify::result", G_CALLBACK (config_sync_changed_cb), self, 0);
  config_sync_changed_cb (sync, NULL, self);
}

/* kiosk-attract-view.c: the idle screen that invites people to touch
 *
 * With a media source it plays the attract loop full screen, and the
 * invitation sits in a dark band at the bottom, readable over any picture
 * and within reach from a wheelchair. The loop plays while this screen is
 * on (mapped) and stops, freeing its decoders, the moment someone touches
 * it or another screen takes its place.
 *
 * With the setting attract-data-slides, slides made from the kiosk's own
 * data (kiosk-data-slide.c) are mixed into the loop: one after every
 * KIOSK_ATTRACT_MEDIA_PER_SLIDE media items, taking turns, fewer media
 * items between them when the folder is short, and the slides alone when
 * there is no media at all. The loop is rebuilt when the media or the
 * areas' data change, and checked every few seconds for data that went
 * stale or a source that failed. */

#define G_LOG_DOMAIN "kiosk-attract-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-attract-view.h"
#include "kiosk-config.h"
#include "kiosk-data-slide.h"
#include "kiosk-media-player.h"
#include "kiosk-services.h"

struct _KioskAttractView
{
  GtkWidget         parent_instance;

  /* template widgets */
  GtkWidget        *overlay;
  KioskMediaPlayer *player;
  GtkWidget        *content;
  GtkWidget        *logo;
  GtkLabel         *place_label;
  GtkLabel         *touch_label;
  GtkLabel         *touch_label_en;

  /* owned */
  KioskConfig      *config;
  KioskServices    *services;
  GListStore       *loop;          /* media items and slide items */
  GObject          *slide_items[KIOSK_DATA_SLIDE_N_KINDS];
  guint             check_id;

  gboolean          reach_mode;
};

enum {
  ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KioskAttractView, kiosk_attract_view, GTK_TYPE_WIDGET)

/* Data that goes stale (a failed source, an old reading, an event that
 * ended) leaves the loop within this time. */
#define CHECK_SECONDS 5

static const KioskArea slide_areas[] = {
  KIOSK_AREA_EVENTS, KIOSK_AREA_SENSORS, KIOSK_AREA_SURVEYS
};

static guint signals[N_SIGNALS];

/* Over media the invitation is a band across the bottom; without, the
 * logo and the invitation stand in the middle (low in reach mode). */
static void
update_layout (KioskAttractView *self)
{
  gboolean over_media = kiosk_media_player_get_showing (self->player);

  gtk_widget_set_visible (GTK_WIDGET (self->player), over_media);
  /* The posters are the city's: the band covers as little of them as it can. */
  gtk_widget_set_visible (self->logo, !over_media);
  gtk_widget_set_visible (GTK_WIDGET (self->place_label), !over_media);
  gtk_box_set_spacing (GTK_BOX (self->content), over_media ? 12 : 48);
  gtk_widget_set_halign (self->content, over_media ? GTK_ALIGN_FILL : GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->content, over_media || self->reach_mode ? GTK_ALIGN_END
                                                                       : GTK_ALIGN_CENTER);
  if (over_media)
    gtk_widget_add_css_class (self->content, "attract-band");
  else
    gtk_widget_remove_css_class (self->content, "attract-band");
  if (self->reach_mode)
    gtk_widget_add_css_class (GTK_WIDGET (self), "reach");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "reach");
}

static void
showing_cb (KioskMediaPlayer *player,
            GParamSpec       *pspec,
            KioskAttractView *self)
{
  update_layout (self);
}

static KioskDataSlideKind
slide_kind (KioskAttractView *self,
            GObject          *item)
{
  for (guint i = 0; i < KIOSK_DATA_SLIDE_N_KINDS; i++)
    {
      if (self->slide_items[i] == item)
        return i;
    }

  return KIOSK_DATA_SLIDE_N_KINDS;
}

/* Now in the kiosk's time zone: "today" is the day where it stands. */
static GDateTime *
now_here (KioskAttractView *self)
{
  g_autoptr(GTimeZone) tz = kiosk_config_get_time_zone (self->config);

  return g_date_time_new_now (tz);
}

static GtkWidget *
make_slide_cb (GObject  *item,
               gpointer  user_data)
{
  KioskAttractView *self = user_data;
  KioskDataSlideKind kind = slide_kind (self, item);
  g_autoptr(GDateTime) now = NULL;

  if (self->services == NULL || kind == KIOSK_DATA_SLIDE_N_KINDS)
    return NULL;
  now = now_here (self);

  return kiosk_data_slide_new (self->services, kind, now);
}

/* The media items with the slides whose data is there and fresh. */
static void
update_loop (KioskAttractView *self)
{
  GSettings *settings = kiosk_config_get_settings (self->config);
  GListModel *media = kiosk_services_get_media (self->services);
  guint n_media = g_list_model_get_n_items (media);
  g_autoptr(GPtrArray) slides = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = now_here (self);
  guint n_loop = g_list_model_get_n_items (G_LIST_MODEL (self->loop));
  gboolean same;
  guint gap, next_slide = 0;

  if (g_settings_get_boolean (settings, "attract-data-slides"))
    {
      for (guint i = 0; i < KIOSK_DATA_SLIDE_N_KINDS; i++)
        {
          if (kiosk_data_slide_available (self->services, i, now))
            g_ptr_array_add (slides, self->slide_items[i]);
        }
    }

  gap = slides->len > 0 ? CLAMP (n_media / slides->len, 1, KIOSK_ATTRACT_MEDIA_PER_SLIDE) : 0;
  for (guint i = 0; i < n_media; i++)
    {
      g_ptr_array_add (items, g_list_model_get_item (media, i));
      if (gap > 0 && (i + 1) % gap == 0 && next_slide < slides->len)
        g_ptr_array_add (items, g_object_ref (g_ptr_array_index (slides, next_slide++)));
    }
  for (; next_slide < slides->len; next_slide++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (slides, next_slide)));

  same = n_loop == items->len;
  for (guint i = 0; same && i < n_loop; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->loop), i);

      same = item == g_ptr_array_index (items, i);
    }
  if (same)
    return;

  g_list_store_splice (self->loop, 0, n_loop, items->pdata, items->len);
}

static void
data_changed_cb (GListModel       *model,
                 guint             position,
                 guint             removed,
                 guint             added,
                 KioskAttractView *self)
{
  update_loop (self);
}

static gboolean
check_cb (gpointer user_data)
{
  update_loop (user_data);

  return G_SOURCE_CONTINUE;
}

static void
disconnect_data (KioskAttractView *self)
{
  if (self->services == NULL)
    return;

  g_signal_handlers_disconnect_by_data (kiosk_services_get_media (self->services), self);
  for (guint i = 0; i < G_N_ELEMENTS (slide_areas); i++)
    g_signal_handlers_disconnect_by_data (kiosk_services_get_items (self->services,
                                                                    slide_areas[i]),
                                          self);
}

static void
apply_settings (KioskAttractView *self)
{
  GSettings *settings = kiosk_config_get_settings (self->config);
  g_autofree char *fit = g_settings_get_string (settings, "attract-fit");
  g_autofree char *transition = g_settings_get_string (settings, "attract-transition");

  kiosk_media_player_set_fill (self->player, g_str_equal (fit, "fill"));
  kiosk_media_player_set_transition (self->player,
                                     g_str_equal (transition, "fade")
                                     ? g_settings_get_uint (settings, "attract-transition-ms") : 0);
  kiosk_media_player_set_image_seconds (self->player,
                                        g_settings_get_uint (settings, "attract-image-seconds"));
  kiosk_media_player_set_volume (self->player, g_settings_get_double (settings, "attract-volume"));
}

static void
config_changed_cb (KioskConfig      *config,
                   const char       *key,
                   KioskAttractView *self)
{
  if (g_str_has_prefix (key, "attract-"))
    apply_settings (self);
  if (g_str_equal (key, "attract-data-slides") && self->services != NULL)
    update_loop (self);
}

static void
activate (KioskAttractView *self)
{
  /* The visitor's screen comes now: no decoder keeps running behind it. */
  kiosk_media_player_stop (self->player);
  g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
pressed_cb (GtkGestureClick  *gesture,
            int               n_press,
            double            x,
            double            y,
            KioskAttractView *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  activate (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KioskAttractView      *self)
{
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space)
    {
      activate (self);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
kiosk_attract_view_map (GtkWidget *widget)
{
  KioskAttractView *self = KIOSK_ATTRACT_VIEW (widget);

  GTK_WIDGET_CLASS (kiosk_attract_view_parent_class)->map (widget);

  if (self->config != NULL)
    {
      update_loop (self);
      kiosk_media_player_play (self->player);
      if (self->check_id == 0)
        self->check_id = g_timeout_add_seconds (CHECK_SECONDS, check_cb, self);
    }
}

static void
kiosk_attract_view_unmap (GtkWidget *widget)
{
  KioskAttractView *self = KIOSK_ATTRACT_VIEW (widget);

  kiosk_media_player_stop (self->player);
  g_clear_handle_id (&self->check_id, g_source_remove);

  GTK_WIDGET_CLASS (kiosk_attract_view_parent_class)->unmap (widget);
}

static void
kiosk_attract_view_dispose (GObject *object)
{
  KioskAttractView *self = KIOSK_ATTRACT_VIEW (object);

  if (self->config != NULL)
    g_signal_handlers_disconnect_by_data (self->config, self);
  g_clear_object (&self->config);
  g_clear_handle_id (&self->check_id, g_source_remove);
  disconnect_data (self);
  g_clear_object (&self->services);
  if (self->player != NULL)
    kiosk_media_player_set_slide_func (self->player, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_ATTRACT_VIEW);
  g_clear_object (&self->loop);
  for (guint i = 0; i < KIOSK_DATA_SLIDE_N_KINDS; i++)
    g_clear_object (&self->slide_items[i]);

  G_OBJECT_CLASS (kiosk_attract_view_parent_class)->dispose (object);
}

static void
kiosk_attract_view_class_init (KioskAttractViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_attract_view_dispose;
  widget_class->map = kiosk_attract_view_map;
  widget_class->unmap = kiosk_attract_view_unmap;

  /* The whole screen is one big button: "touch to start". */
  signals[ACTIVATED] = g_signal_new ("activated",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-attract-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskAttractView, overlay);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractView, player);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractView, content);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractView, logo);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractView, place_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractView, touch_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAttractView, touch_label_en);
  gtk_widget_class_bind_template_callback (widget_class, pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, showing_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "attract");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
kiosk_attract_view_init (KioskAttractView *self)
{
  g_type_ensure (KIOSK_TYPE_MEDIA_PLAYER);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->loop = g_list_store_new (G_TYPE_OBJECT);
  for (guint i = 0; i < KIOSK_DATA_SLIDE_N_KINDS; i++)
    self->slide_items[i] = G_OBJECT (gtk_string_object_new (kiosk_data_slide_kind_to_string (i)));
  kiosk_media_player_set_slide_func (self->player, make_slide_cb, self, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->touch_label),
                                  -1);
}

GtkWidget *
kiosk_attract_view_new (void)
{
  return g_object_new (KIOSK_TYPE_ATTRACT_VIEW, NULL);
}

void
kiosk_attract_view_set_place_name (KioskAttractView *self,
                                   const char       *place_name)
{
  g_return_if_fail (KIOSK_IS_ATTRACT_VIEW (self));

  gtk_label_set_label (self->place_label, place_name);
}

/* The loop from the services' media model, shaped by the attract-*
 * settings. Without this call the screen shows only the invitation. */
void
kiosk_attract_view_set_media (KioskAttractView *self,
                              KioskConfig      *config,
                              KioskServices    *services)
{
  g_return_if_fail (KIOSK_IS_ATTRACT_VIEW (self));
  g_return_if_fail (KIOSK_IS_CONFIG (config));
  g_return_if_fail (KIOSK_IS_SERVICES (services));

  if (self->config != NULL)
    g_signal_handlers_disconnect_by_data (self->config, self);
  g_set_object (&self->config, config);
  g_signal_connect (config, "changed", G_CALLBACK (config_changed_cb), self);
  apply_settings (self);

  disconnect_data (self);
  g_set_object (&self->services, services);
  g_signal_connect (kiosk_services_get_media (services), "items-changed",
                    G_CALLBACK (data_changed_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (slide_areas); i++)
    g_signal_connect (kiosk_services_get_items (services, slide_areas[i]), "items-changed",
                      G_CALLBACK (data_changed_cb), self);
  update_loop (self);
  kiosk_media_player_set_model (self->player, G_LIST_MODEL (self->loop));
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      kiosk_media_player_play (self->player);
      if (self->check_id == 0)
        self->check_id = g_timeout_add_seconds (CHECK_SECONDS, check_cb, self);
    }
}

/* A new attract view (another language) goes on where @old was. */
void
kiosk_attract_view_continue_from (KioskAttractView *self,
                                  KioskAttractView *old)
{
  g_return_if_fail (KIOSK_IS_ATTRACT_VIEW (self));
  g_return_if_fail (KIOSK_IS_ATTRACT_VIEW (old));

  kiosk_media_player_set_position (self->player, kiosk_media_player_get_position (old->player));
  kiosk_attract_view_set_reach_mode (self, old->reach_mode);
}

void
kiosk_attract_view_set_reach_mode (KioskAttractView *self,
                                   gboolean          reach_mode)
{
  g_return_if_fail (KIOSK_IS_ATTRACT_VIEW (self));

  self->reach_mode = !!reach_mode;
  update_layout (self);
}

KioskMediaPlayer *
kiosk_attract_view_get_player (KioskAttractView *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTRACT_VIEW (self), NULL);

  return self->player;
}

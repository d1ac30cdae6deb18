/* kiosk-media-player.c: the attract loop on screen: pictures and videos, crossfaded
 *
 * Two slots in a crossfading stack: one on screen, the other holding the
 * next item, decoded (a picture) or prerolled to its first frame (a
 * video) while the current one plays. An item goes on screen only when it
 * has a frame, and the one before stays until then, so there is never a
 * black gap between items. A video that ends plays the next; one that
 * errs or stops moving (the watchdog) is skipped. An item of the loop
 * that is not a KioskMediaItem is a slide: the slide function makes its
 * widget, which stays for the pictures' time. */

#define G_LOG_DOMAIN "kiosk-media-player"

#include "config.h"

#include <string.h>

#include "kiosk-media-image.h"
#include "kiosk-media-player.h"

/* How often the watchdog looks at a playing video. */
#define WATCHDOG_MS 500
/* A next item that is not ready by then is skipped. */
#define PREPARE_TIMEOUT_MS 8000

typedef struct
{
  GtkWidget      *box;           /* the stack's child: the picture or a slide */
  GtkPicture     *picture;
  GtkWidget      *slide;
  GObject        *item;
  GtkMediaStream *stream;        /* videos */
  GCancellable   *cancellable;   /* pictures being decoded */
  guint           position;
  gboolean        ready;         /* has a frame to show */
  gboolean        failed;
} Slot;

struct _KioskMediaPlayer
{
  GtkWidget   parent_instance;

  GtkStack   *stack;
  Slot        slots[2];
  guint       current;           /* the slot on screen, when showing */

  /* borrowed */
  GListModel *items;

  KioskMediaPlayerSlideFunc slide_func;
  gpointer    slide_data;
  GDestroyNotify slide_destroy;

  guint       position;          /* the item on screen (or to start with) */
  guint       transition_ms;
  guint       image_seconds;
  double      volume;
  gboolean    fill;
  gboolean    playing;
  gboolean    showing;
  gboolean    current_done;      /* its time is up: show the next when ready */
  gboolean    old_pending;       /* the item before is still in the other slot */
  guint       failures;          /* in a row: all broken means stop */

  gint64      shown_at;
  gint64      last_timestamp;
  gint64      last_moved_at;
  guint       timer_id;          /* the picture's time, or the minimum time */
  guint       watchdog_id;
  guint       prepare_timeout_id;
  guint       failed_id;
  guint       slide_id;
};

enum {
  PROP_0,
  PROP_SHOWING,
  N_PROPS
};

enum {
  ITEM_SHOWN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KioskMediaPlayer, kiosk_media_player, GTK_TYPE_WIDGET)

static void     prepare_next    (KioskMediaPlayer *self);
static void     show_next       (KioskMediaPlayer *self);
static gboolean current_done_cb (gpointer          user_data);

static Slot *
other_slot (KioskMediaPlayer *self)
{
  return &self->slots[1 - self->current];
}

static void
set_showing (KioskMediaPlayer *self,
             gboolean          showing)
{
  if (self->showing == showing)
    return;

  self->showing = showing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING]);
}

static void
slot_clear (KioskMediaPlayer *self,
            Slot             *slot)
{
  g_cancellable_cancel (slot->cancellable);
  g_clear_object (&slot->cancellable);
  if (slot->stream != NULL)
    {
      g_signal_handlers_disconnect_by_data (slot->stream, self);
      gtk_media_stream_pause (slot->stream);
      g_clear_object (&slot->stream);
    }
  gtk_picture_set_paintable (slot->picture, NULL);
  if (slot->slide != NULL)
    {
      gtk_box_remove (GTK_BOX (slot->box), slot->slide);
      slot->slide = NULL;
      gtk_widget_set_visible (GTK_WIDGET (slot->picture), TRUE);
    }
  g_clear_object (&slot->item);
  slot->ready = FALSE;
  slot->failed = FALSE;
}

static void
stop_timers (KioskMediaPlayer *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  g_clear_handle_id (&self->prepare_timeout_id, g_source_remove);
  g_clear_handle_id (&self->failed_id, g_source_remove);
  g_clear_handle_id (&self->slide_id, g_source_remove);
}

static void
log_skip (Slot       *slot,
          const char *why)
{
  /* GStreamer's messages go on with a line of debugging detail. */
  g_autofree char *line = g_strndup (why, strcspn (why, "\n"));
  g_autofree char *path = NULL;
  const char *uri;

  if (!KIOSK_IS_MEDIA_ITEM (slot->item))
    {
      g_message ("Attract loop: a slide (%s): %s; skipped", G_OBJECT_TYPE_NAME (slot->item), line);
      return;
    }

  uri = kiosk_media_item_get_uri (KIOSK_MEDIA_ITEM (slot->item));
  path = g_filename_from_uri (uri, NULL, NULL);
  g_message ("Attract loop: %s: %s; skipped", path != NULL ? path : uri, line);
}

/* The current item's time is up. */
static void
current_done (KioskMediaPlayer *self)
{
  gint64 shown_for = (g_get_monotonic_time () - self->shown_at) / 1000;

  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  if (shown_for < KIOSK_MEDIA_PLAYER_MIN_SHOW_MS + self->transition_ms)
    {
      /* Wait out the minimum time, then come back here. */
      g_clear_handle_id (&self->timer_id, g_source_remove);
      self->timer_id = g_timeout_add (KIOSK_MEDIA_PLAYER_MIN_SHOW_MS + self->transition_ms
                                      - shown_for, current_done_cb, self);
      return;
    }

  self->timer_id = 0;
  self->current_done = TRUE;
  if (other_slot (self)->ready || other_slot (self)->item == NULL)
    show_next (self);
}

static gboolean
current_done_cb (gpointer user_data)
{
  KioskMediaPlayer *self = user_data;

  self->timer_id = 0;
  current_done (self);

  return G_SOURCE_REMOVE;
}

static gboolean
watchdog_cb (gpointer user_data)
{
  KioskMediaPlayer *self = user_data;
  Slot *slot = &self->slots[self->current];
  gint64 now = g_get_monotonic_time ();
  gint64 timestamp;

  if (slot->stream == NULL)
    {
      self->watchdog_id = 0;
      return G_SOURCE_REMOVE;
    }

  timestamp = gtk_media_stream_get_timestamp (slot->stream);
  if (timestamp != self->last_timestamp)
    {
      self->last_timestamp = timestamp;
      self->last_moved_at = now;
      return G_SOURCE_CONTINUE;
    }

  if ((now - self->last_moved_at) / 1000 >= KIOSK_MEDIA_PLAYER_STALL_MS)
    {
      g_autofree char *why = g_strdup_printf ("the video stopped at %.1f s",
                                              (double) timestamp / G_USEC_PER_SEC);

      log_skip (slot, why);
      self->watchdog_id = 0;
      gtk_media_stream_pause (slot->stream);
      current_done (self);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
stream_ended_cb (GtkMediaStream   *stream,
                 GParamSpec       *pspec,
                 KioskMediaPlayer *self)
{
  Slot *slot = &self->slots[self->current];

  if (stream != slot->stream || !gtk_media_stream_get_ended (stream))
    return;

  current_done (self);
}

/* A stream failed: a current video is skipped, a next one is replaced by
 * the one after it. Done from an idle: the stream is freed in the
 * process, which it should not be while it is still telling us. */
static gboolean
stream_failed_cb (gpointer user_data)
{
  KioskMediaPlayer *self = user_data;

  self->failed_id = 0;
  for (guint i = 0; i < 2; i++)
    {
      Slot *slot = &self->slots[i];
      const GError *error;

      if (slot->stream == NULL || (error = gtk_media_stream_get_error (slot->stream)) == NULL)
        continue;
      log_skip (slot, error->message);
      if (i == self->current && self->showing)
        {
          gtk_media_stream_pause (slot->stream);
          current_done (self);
        }
      else
        {
          slot->failed = TRUE;
          prepare_next (self);
          break;
        }
    }

  return G_SOURCE_REMOVE;
}

static void
stream_error_cb (GtkMediaStream   *stream,
                 GParamSpec       *pspec,
                 KioskMediaPlayer *self)
{
  if (gtk_media_stream_get_error (stream) != NULL && self->failed_id == 0)
    self->failed_id = g_idle_add (stream_failed_cb, self);
}

static void
slot_ready (KioskMediaPlayer *self,
            Slot             *slot)
{
  slot->ready = TRUE;
  self->failures = 0;
  g_clear_handle_id (&self->prepare_timeout_id, g_source_remove);
  if (!self->showing || self->current_done)
    show_next (self);
}

/* A prerolled video has a frame once the paintable knows its size. */
static void
stream_frame_cb (GdkPaintable     *paintable,
                 KioskMediaPlayer *self)
{
  Slot *slot = other_slot (self);

  if (GTK_MEDIA_STREAM (paintable) != slot->stream || slot->ready ||
      gdk_paintable_get_intrinsic_width (paintable) <= 0 ||
      !gtk_media_stream_is_prepared (slot->stream))
    return;

  slot_ready (self, slot);
}

static void
stream_prepared_cb (GtkMediaStream   *stream,
                    GParamSpec       *pspec,
                    KioskMediaPlayer *self)
{
  stream_frame_cb (GDK_PAINTABLE (stream), self);
}

static void
image_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KioskMediaPlayer *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = kiosk_media_image_load_finish (result, &error);
  Slot *slot;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  slot = other_slot (self);
  g_clear_object (&slot->cancellable);
  if (texture == NULL)
    {
      log_skip (slot, error->message);
      slot->failed = TRUE;
      prepare_next (self);
      return;
    }

  gtk_picture_set_paintable (slot->picture, GDK_PAINTABLE (texture));
  slot_ready (self, slot);
}

static gboolean
prepare_timeout_cb (gpointer user_data)
{
  KioskMediaPlayer *self = user_data;
  Slot *slot = other_slot (self);

  self->prepare_timeout_id = 0;
  log_skip (slot, "it did not show a first frame in time");
  slot->failed = TRUE;
  prepare_next (self);

  return G_SOURCE_REMOVE;
}

/* A slide is ready as soon as it is made; from an idle, so that the
 * loop's steps do not nest. */
static gboolean
slide_ready_cb (gpointer user_data)
{
  KioskMediaPlayer *self = user_data;
  Slot *slot = other_slot (self);

  self->slide_id = 0;
  if (slot->slide == NULL)
    {
      log_skip (slot, "it has nothing to show now");
      slot->failed = TRUE;
      prepare_next (self);
      return G_SOURCE_REMOVE;
    }

  slot_ready (self, slot);

  return G_SOURCE_REMOVE;
}

static void
slot_load (KioskMediaPlayer *self,
           Slot             *slot,
           GObject          *item,
           guint             position)
{
  g_autoptr(GFile) file = NULL;

  slot_clear (self, slot);
  slot->item = g_object_ref (item);
  slot->position = position;
  gtk_picture_set_content_fit (slot->picture, self->fill ? GTK_CONTENT_FIT_COVER
                                                         : GTK_CONTENT_FIT_CONTAIN);

  g_clear_handle_id (&self->prepare_timeout_id, g_source_remove);
  self->prepare_timeout_id = g_timeout_add (PREPARE_TIMEOUT_MS, prepare_timeout_cb, self);

  if (!KIOSK_IS_MEDIA_ITEM (item))
    {
      slot->slide = self->slide_func != NULL ? self->slide_func (item, self->slide_data) : NULL;
      if (slot->slide != NULL)
        {
          gtk_widget_set_visible (GTK_WIDGET (slot->picture), FALSE);
          gtk_box_append (GTK_BOX (slot->box), slot->slide);
        }
      g_clear_handle_id (&self->slide_id, g_source_remove);
      self->slide_id = g_idle_add (slide_ready_cb, self);
      return;
    }

  file = g_file_new_for_uri (kiosk_media_item_get_uri (KIOSK_MEDIA_ITEM (item)));

  if (kiosk_media_item_get_media_type (KIOSK_MEDIA_ITEM (item)) == KIOSK_MEDIA_IMAGE)
    {
      g_autofree char *path = g_file_get_path (file);

      slot->cancellable = g_cancellable_new ();
      kiosk_media_image_load_async (path, slot->cancellable, image_loaded_cb, self);
      return;
    }

  /* A new stream prerolls paused: its first frame is there before it plays. */
  slot->stream = gtk_media_file_new_for_file (file);
  gtk_media_stream_set_loop (slot->stream, FALSE);
  gtk_media_stream_set_muted (slot->stream, self->volume <= 0);
  gtk_media_stream_set_volume (slot->stream, self->volume);
  g_signal_connect (slot->stream, "notify::prepared", G_CALLBACK (stream_prepared_cb), self);
  g_signal_connect (slot->stream, "invalidate-size", G_CALLBACK (stream_frame_cb), self);
  g_signal_connect (slot->stream, "invalidate-contents", G_CALLBACK (stream_frame_cb), self);
  g_signal_connect (slot->stream, "notify::error", G_CALLBACK (stream_error_cb), self);
  g_signal_connect (slot->stream, "notify::ended", G_CALLBACK (stream_ended_cb), self);
  gtk_picture_set_paintable (slot->picture, GDK_PAINTABLE (slot->stream));
}

/* Nothing to show for now (no items, or none plays): the attract screen
 * shows its own picture, and the player starts again when items come. */
static void
rest (KioskMediaPlayer *self)
{
  kiosk_media_player_stop (self);
  self->playing = TRUE;
}

/* Loads the item after the current one (or after the one that failed)
 * into the hidden slot. */
static void
prepare_next (KioskMediaPlayer *self)
{
  Slot *slot = other_slot (self);
  guint n = self->items != NULL ? g_list_model_get_n_items (self->items) : 0;
  g_autoptr(GObject) item = NULL;
  guint position;

  if (!self->playing)
    return;

  if (n == 0)
    {
      rest (self);
      return;
    }

  if (slot->failed)
    {
      /* Everything failed once in a row: nothing in the loop plays. */
      if (++self->failures >= n)
        {
          g_message ("Attract loop: nothing in it plays; showing the start screen");
          rest (self);
          return;
        }
      position = (slot->position + 1) % n;
    }
  else if (!self->showing)
    {
      position = self->position % n;
    }
  else
    {
      position = (self->position + 1) % n;
    }

  item = g_list_model_get_item (self->items, position);
  slot_load (self, slot, item, position);
}

static void
transition_done (KioskMediaPlayer *self)
{
  Slot *old = other_slot (self);

  if (gtk_stack_get_transition_running (self->stack) || !self->playing || !self->old_pending)
    return;

  /* The old item left the screen: its decoder goes, the next item comes. */
  self->old_pending = FALSE;
  slot_clear (self, old);
  prepare_next (self);
}

static void
transition_running_cb (GtkStack         *stack,
                       GParamSpec       *pspec,
                       KioskMediaPlayer *self)
{
  transition_done (self);
}

static void
show_next (KioskMediaPlayer *self)
{
  Slot *slot = other_slot (self);
  double seconds;

  if (!slot->ready)
    return;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  if (self->slots[self->current].stream != NULL)
    gtk_media_stream_pause (self->slots[self->current].stream);

  self->current = 1 - self->current;
  self->position = slot->position;
  self->current_done = FALSE;
  self->old_pending = TRUE;
  self->shown_at = g_get_monotonic_time ();
  gtk_stack_set_transition_type (self->stack, self->showing && self->transition_ms > 0
                                              ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                              : GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_stack_set_visible_child (self->stack, slot->box);
  set_showing (self, TRUE);

  if (slot->stream != NULL)
    {
      self->last_timestamp = -1;
      self->last_moved_at = self->shown_at;
      gtk_media_stream_play (slot->stream);
      self->watchdog_id = g_timeout_add (WATCHDOG_MS, watchdog_cb, self);
    }
  else
    {
      seconds = KIOSK_IS_MEDIA_ITEM (slot->item)
                ? kiosk_media_item_get_duration (KIOSK_MEDIA_ITEM (slot->item)) : -1;
      if (seconds <= 0)
        seconds = self->image_seconds;
      self->timer_id = g_timeout_add ((guint) (seconds * 1000), current_done_cb, self);
    }

  g_signal_emit (self, signals[ITEM_SHOWN], 0, slot->item);
  transition_done (self);
}

static void
items_changed_cb (GListModel       *items,
                  guint             position,
                  guint             removed,
                  guint             added,
                  KioskMediaPlayer *self)
{
  Slot *current = &self->slots[self->current];
  Slot *next = other_slot (self);
  guint n = g_list_model_get_n_items (items);

  if (n == 0)
    {
      if (self->playing)
        rest (self);
      self->position = 0;
      return;
    }

  /* Go on after the item on screen, wherever it is now. */
  if (current->item != NULL && self->showing)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < n && !found; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (items, i);

          if (item == current->item)
            {
              self->position = i;
              found = TRUE;
            }
        }
      /* Gone: the next is whatever took its place. */
      if (!found)
        self->position = MIN (position, n) == 0 ? n - 1 : MIN (position, n) - 1;
    }
  else
    {
      self->position = MIN (self->position, n - 1);
    }

  if (!self->playing)
    return;

  if (!self->showing && next->item == NULL)
    {
      self->failures = 0;
      prepare_next (self);
    }
  else if (self->showing && !self->old_pending)
    {
      slot_clear (self, next);
      prepare_next (self);
    }
}

static void
kiosk_media_player_dispose (GObject *object)
{
  KioskMediaPlayer *self = (KioskMediaPlayer *) object;

  kiosk_media_player_stop (self);
  if (self->items != NULL)
    g_signal_handlers_disconnect_by_data (self->items, self);
  g_clear_object (&self->items);
  if (self->slide_destroy != NULL)
    g_clear_pointer (&self->slide_data, self->slide_destroy);
  self->slide_func = NULL;
  g_clear_pointer ((GtkWidget **) &self->stack, gtk_widget_unparent);

  G_OBJECT_CLASS (kiosk_media_player_parent_class)->dispose (object);
}

static void
kiosk_media_player_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KioskMediaPlayer *self = KIOSK_MEDIA_PLAYER (object);

  switch (prop_id)
    {
    case PROP_SHOWING:
      g_value_set_boolean (value, self->showing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_media_player_class_init (KioskMediaPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_media_player_dispose;
  object_class->get_property = kiosk_media_player_get_property;

  properties[PROP_SHOWING] =
    g_param_spec_boolean ("showing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An item came on screen (tests count the loop's steps with it): a
   * KioskMediaItem, or the item of a slide. */
  signals[ITEM_SHOWN] = g_signal_new ("item-shown",
                                      G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mediaplayer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
kiosk_media_player_init (KioskMediaPlayer *self)
{
  self->image_seconds = 10;
  self->transition_ms = 800;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_duration (self->stack, self->transition_ms);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  g_signal_connect (self->stack, "notify::transition-running",
                    G_CALLBACK (transition_running_cb), self);

  for (guint i = 0; i < 2; i++)
    {
      self->slots[i].box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      self->slots[i].picture = GTK_PICTURE (gtk_picture_new ());
      gtk_picture_set_can_shrink (self->slots[i].picture, TRUE);
      gtk_widget_set_vexpand (GTK_WIDGET (self->slots[i].picture), TRUE);
      gtk_box_append (GTK_BOX (self->slots[i].box), GTK_WIDGET (self->slots[i].picture));
      gtk_stack_add_child (self->stack, self->slots[i].box);
    }
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
kiosk_media_player_new (void)
{
  return g_object_new (KIOSK_TYPE_MEDIA_PLAYER, NULL);
}

void
kiosk_media_player_set_model (KioskMediaPlayer *self,
                              GListModel       *items)
{
  g_return_if_fail (KIOSK_IS_MEDIA_PLAYER (self));
  g_return_if_fail (items == NULL || G_IS_LIST_MODEL (items));

  if (self->items == items)
    return;

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_data (self->items, self);
  g_set_object (&self->items, items);
  if (items != NULL)
    g_signal_connect (items, "items-changed", G_CALLBACK (items_changed_cb), self);

  if (self->playing)
    {
      kiosk_media_player_stop (self);
      kiosk_media_player_play (self);
    }
}

GListModel *
kiosk_media_player_get_model (KioskMediaPlayer *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_PLAYER (self), NULL);

  return self->items;
}

void
kiosk_media_player_set_slide_func (KioskMediaPlayer          *self,
                                   KioskMediaPlayerSlideFunc  func,
                                   gpointer                   user_data,
                                   GDestroyNotify             destroy)
{
  g_return_if_fail (KIOSK_IS_MEDIA_PLAYER (self));

  if (self->slide_destroy != NULL)
    g_clear_pointer (&self->slide_data, self->slide_destroy);
  self->slide_func = func;
  self->slide_data = user_data;
  self->slide_destroy = destroy;
}

void
kiosk_media_player_set_fill (KioskMediaPlayer *self,
                             gboolean          fill)
{
  g_return_if_fail (KIOSK_IS_MEDIA_PLAYER (self));

  self->fill = !!fill;
  for (guint i = 0; i < 2; i++)
    gtk_picture_set_content_fit (self->slots[i].picture, self->fill ? GTK_CONTENT_FIT_COVER
                                                                    : GTK_CONTENT_FIT_CONTAIN);
}

void
kiosk_media_player_set_transition (KioskMediaPlayer *self,
                                   guint             ms)
{
  g_return_if_fail (KIOSK_IS_MEDIA_PLAYER (self));

  self->transition_ms = ms;
  gtk_stack_set_transition_duration (self->stack, ms);
}

void
kiosk_media_player_set_image_seconds (KioskMediaPlayer *self,
                                      guint             seconds)
{
  g_return_if_fail (KIOSK_IS_MEDIA_PLAYER (self));

  self->image_seconds = MAX (seconds, 1);
}

void
kiosk_media_player_set_volume (KioskMediaPlayer *self,
                               double            volume)
{
  g_return_if_fail (KIOSK_IS_MEDIA_PLAYER (self));

  self->volume = CLAMP (volume, 0.0, 1.0);
  for (guint i = 0; i < 2; i++)
    {
      if (self->slots[i].stream == NULL)
        continue;
      gtk_media_stream_set_muted (self->slots[i].stream, self->volume <= 0);
      gtk_media_stream_set_volume (self->slots[i].stream, self->volume);
    }
}

void
kiosk_media_player_play (KioskMediaPlayer *self)
{
  g_return_if_fail (KIOSK_IS_MEDIA_PLAYER (self));

  if (self->playing)
    return;

  self->playing = TRUE;
  self->failures = 0;
  prepare_next (self);
}

void
kiosk_media_player_stop (KioskMediaPlayer *self)
{
  g_return_if_fail (KIOSK_IS_MEDIA_PLAYER (self));

  self->playing = FALSE;
  self->current_done = FALSE;
  self->old_pending = FALSE;
  stop_timers (self);
  for (guint i = 0; i < 2; i++)
    slot_clear (self, &self->slots[i]);
  set_showing (self, FALSE);
}

gboolean
kiosk_media_player_get_playing (KioskMediaPlayer *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_PLAYER (self), FALSE);

  return self->playing;
}

gboolean
kiosk_media_player_get_showing (KioskMediaPlayer *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_PLAYER (self), FALSE);

  return self->showing;
}

guint
kiosk_media_player_get_position (KioskMediaPlayer *self)
{
  g_return_val_if_fail (KIOSK_IS_MEDIA_PLAYER (self), 0);

  return self->position;
}

void
kiosk_media_player_set_position (KioskMediaPlayer *self,
                                 guint             position)
{
  g_return_if_fail (KIOSK_IS_MEDIA_PLAYER (self));

  self->position = position;
}

/* kiosk-test-ui.c: helpers for UI tests: wait for conditions, click, screenshot */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-test-ui.h"

gint64
kiosk_test_ui_deadline (void)
{
  return g_get_monotonic_time () + KIOSK_TEST_UI_TIMEOUT_S * G_USEC_PER_SEC;
}

static gboolean
wake_cb (gpointer user_data)
{
  *(guint *) user_data = 0;
  return G_SOURCE_REMOVE;
}

gboolean
kiosk_test_ui_iterate (gint64      deadline,
                       const char *what,
                       const char *file,
                       int         line,
                       const char *func)
{
  guint wake_id;

  if (g_get_monotonic_time () > deadline)
    {
      g_autofree char *message = g_strdup_printf ("gave up after %d s waiting for %s",
                                                  KIOSK_TEST_UI_TIMEOUT_S, what);

      g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
      return FALSE;
    }

  wake_id = g_timeout_add (20, wake_cb, &wake_id);
  g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&wake_id, g_source_remove);

  return TRUE;
}

void
kiosk_test_ui_wait_for_page (KioskWindow *window,
                             const char  *name)
{
  g_autofree char *what = g_strdup_printf ("the window to show “%s”", name);

  kiosk_test_ui_wait_until_full (g_str_has_prefix (kiosk_window_get_current (window), name), what);
  kiosk_test_ui_settle (GTK_WIDGET (window));
}

void
kiosk_test_ui_run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint wake_id;

  while (g_get_monotonic_time () < end)
    {
      wake_id = g_timeout_add (MIN (ms, 20), wake_cb, &wake_id);
      g_main_context_iteration (NULL, TRUE);
      g_clear_handle_id (&wake_id, g_source_remove);
    }
}

static gboolean
in_transition (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  if (GTK_IS_REVEALER (widget) &&
      gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) !=
      gtk_revealer_get_child_revealed (GTK_REVEALER (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (in_transition (child))
        return TRUE;
    }

  return FALSE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs what is ready to run (idle rebuilds) until nothing is. */
static void
drain (void)
{
  gint64 deadline = kiosk_test_ui_deadline ();

  while (g_main_context_pending (NULL))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_test_message ("the main loop kept having something ready to run");
          break;
        }
      g_main_context_iteration (NULL, FALSE);
    }
}

void
kiosk_test_ui_settle (GtkWidget *widget)
{
  g_autoptr(GtkWidget) root = g_object_ref (GTK_WIDGET (gtk_widget_get_root (widget)));
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  kiosk_test_ui_wait_until_full (gtk_widget_get_mapped (root) && !in_transition (root),
                                 "the window to be shown with no transition running");
  drain ();

  clock = gtk_widget_get_frame_clock (root);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (root);
  kiosk_test_ui_wait_until_full (painted, "the window to be painted");
  g_signal_handler_disconnect (clock, handler);
  drain ();
}

static gboolean
run_xdotool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  int status = 0;

  if (xdotool == NULL || g_getenv ("DISPLAY") == NULL)
    return FALSE;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    return FALSE;

  return g_spawn_check_wait_status (status, NULL);
}

typedef struct
{
  GdkEventType type;
  guint        keyval;   /* 0 for any */
  gboolean     seen;
} EventWait;

static gboolean
event_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          EventWait                *wait)
{
  if (gdk_event_get_event_type (event) == wait->type &&
      (wait->keyval == 0 || gdk_key_event_get_keyval (event) == wait->keyval))
    wait->seen = TRUE;

  return GDK_EVENT_PROPAGATE;
}

static gboolean
xdotool_until (GtkWidget          *widget,
               GdkEventType        until,
               guint               keyval,
               const char * const *argv)
{
  g_autoptr(GtkWidget) native = g_object_ref (GTK_WIDGET (gtk_widget_get_native (widget)));
  g_autoptr(GtkEventController) controller = gtk_event_controller_legacy_new ();
  g_autofree char *what = NULL;
  g_autofree char *command = NULL;
  EventWait wait = { until, keyval, FALSE };
  gboolean ok;

  /* Seen on its way in, before any widget can stop it. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (event_cb), &wait);
  gtk_widget_add_controller (native, g_object_ref (controller));

  ok = run_xdotool (argv);
  if (ok)
    {
      command = g_strjoinv (" ", (char **) argv);
      what = g_strdup_printf ("“%s” to reach the window (event type %d)", command, until);
      kiosk_test_ui_wait_until_full (wait.seen, what);
    }

  if (gtk_event_controller_get_widget (controller) == native)
    gtk_widget_remove_controller (native, controller);

  return ok;
}

gboolean
kiosk_test_ui_xdotool (GtkWidget          *widget,
                       GdkEventType        until,
                       const char * const *argv)
{
  return xdotool_until (widget, until, 0, argv);
}

/* Where the centre of @widget is on the X screen, as xdotool arguments. */
static void
centre_on_screen (GtkWidget  *widget,
                  char      **x,
                  char      **y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t in_widget, in_native;
  double nx = 0, ny = 0;

  g_assert_nonnull (native);
  gtk_native_get_surface_transform (native, &nx, &ny);
  graphene_point_init (&in_widget,
                       gtk_widget_get_width (widget) / 2.0,
                       gtk_widget_get_height (widget) / 2.0);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in_widget, &in_native));

  /* Fullscreen under the window manager: the surface is at 0,0. */
  *x = g_strdup_printf ("%d", (int) (in_native.x + nx));
  *y = g_strdup_printf ("%d", (int) (in_native.y + ny));
}

void
kiosk_test_ui_click (GtkWidget *widget)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  centre_on_screen (widget, &x, &y);
  {
    const char *argv[] = { "xdotool", "mousemove", "--sync", x, y, "click", "1", NULL };

    if (!kiosk_test_ui_xdotool (widget, GDK_BUTTON_RELEASE, argv))
      {
        g_test_message ("xdotool unavailable: emitting clicked instead");
        g_assert_true (GTK_IS_BUTTON (widget));
        g_signal_emit_by_name (widget, "clicked");
      }
  }
}

gboolean
kiosk_test_ui_long_press (GtkWidget *widget,
                          guint      ms)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  centre_on_screen (widget, &x, &y);
  {
    const char *down[] = { "xdotool", "mousemove", "--sync", x, y, "mousedown", "1", NULL };
    const char *up[] = { "xdotool", "mouseup", "1", NULL };

    if (!kiosk_test_ui_xdotool (widget, GDK_BUTTON_PRESS, down))
      return FALSE;
    /* The main loop runs while the button is held: the gesture's timer. */
    kiosk_test_ui_run_for (ms);
    return kiosk_test_ui_xdotool (widget, GDK_BUTTON_RELEASE, up);
  }
}

gboolean
kiosk_test_ui_key (GtkWidget  *window,
                   const char *keys)
{
  const char *argv[] = { "xdotool", "key", keys, "key", "Shift_L", NULL };

  /* A window manager may keep a shortcut (Alt+F4) to itself: a Shift
   * press after it marks when all of it has been delivered. */
  return xdotool_until (window, GDK_KEY_RELEASE, GDK_KEY_Shift_L, argv);
}

const char *
kiosk_test_ui_orientation (GtkWidget *window)
{
  return gtk_widget_get_height (window) > gtk_widget_get_width (window) ? "portrait" : "landscape";
}

/* What @widget last drew; NULL while a redraw is pending (GTK drops the
 * old drawing when one is queued). */
static GskRenderNode *
drawing_of (GtkWidget *widget,
            int        width,
            int        height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

GdkTexture *
kiosk_test_ui_render (GtkWidget *widget)
{
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  kiosk_test_ui_wait_until_full ((node = drawing_of (widget, width, height)) != NULL,
                                 "a finished drawing of the window to save");
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

char *
kiosk_test_ui_screenshot (GtkWidget  *widget,
                          const char *name)
{
  g_autoptr(GdkTexture) texture = kiosk_test_ui_render (widget);
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  char *path;

  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                          "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  return path;
}

static gboolean
widget_has_label (GtkWidget  *widget,
                  const char *label)
{
  if (GTK_IS_LABEL (widget))
    return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), label) == 0;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (widget_has_label (child, label))
        return TRUE;
    }

  return FALSE;
}

GtkWidget *
kiosk_test_ui_find (GtkWidget  *root,
                    GType       type,
                    const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      gtk_widget_get_mapped (root) &&
      (label == NULL || widget_has_label (root, label)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kiosk_test_ui_find (child, type, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

KioskWindow *
kiosk_test_ui_start_app (KioskApplication *app,
                         GCallback         activate_cb,
                         gboolean          fullscreen)
{
  g_autoptr(GError) error = NULL;
  KioskWindow *window;

  g_signal_connect (app, "activate", activate_cb, NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = kiosk_application_get_window (app);
  g_assert_nonnull (window);
  if (fullscreen)
    kiosk_test_ui_wait_until (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  else
    kiosk_test_ui_wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)));
  kiosk_test_ui_settle (GTK_WIDGET (window));

  return window;
}

void
kiosk_test_ui_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        kiosk_test_ui_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

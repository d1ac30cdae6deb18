/* kiosk-test-ui.c: helpers for UI tests: spin the loop, click, screenshot */

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-test-ui.h"

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
kiosk_test_ui_wait (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
kiosk_test_ui_wait_for (gboolean *flag,
                        guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, set_flag_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return *flag;
}

static gboolean
run_xdotool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (g_find_program_in_path ("xdotool") == NULL || g_getenv ("DISPLAY") == NULL)
    return FALSE;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    return FALSE;

  return g_spawn_check_wait_status (status, NULL);
}

void
kiosk_test_ui_click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t in_widget, in_native;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  double nx = 0, ny = 0;

  g_assert_nonnull (native);
  gtk_native_get_surface_transform (native, &nx, &ny);
  graphene_point_init (&in_widget,
                       gtk_widget_get_width (widget) / 2.0,
                       gtk_widget_get_height (widget) / 2.0);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in_widget, &in_native));

  /* Fullscreen under the window manager: the surface is at 0,0. */
  x = g_strdup_printf ("%d", (int) (in_native.x + nx));
  y = g_strdup_printf ("%d", (int) (in_native.y + ny));

  {
    const char *argv[] = { "xdotool", "mousemove", "--sync", x, y, "click", "1", NULL };

    if (!run_xdotool (argv))
      {
        g_test_message ("xdotool unavailable: emitting clicked instead");
        g_assert_true (GTK_IS_BUTTON (widget));
        g_signal_emit_by_name (widget, "clicked");
      }
  }

  kiosk_test_ui_wait (150);
}

gboolean
kiosk_test_ui_key (const char *keys)
{
  const char *argv[] = { "xdotool", "key", keys, NULL };
  gboolean ok = run_xdotool (argv);

  kiosk_test_ui_wait (150);
  return ok;
}

const char *
kiosk_test_ui_orientation (GtkWidget *window)
{
  return gtk_widget_get_height (window) > gtk_widget_get_width (window) ? "portrait" : "landscape";
}

char *
kiosk_test_ui_screenshot (GtkWidget  *widget,
                          const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  char *path;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

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

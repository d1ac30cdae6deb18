/* kiosk-test-ui.h: helpers for UI tests: spin the loop, click, screenshot */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop for @ms milliseconds (animations, transitions). */
void      kiosk_test_ui_wait             (guint       ms);
/* Runs the main loop until @flag is TRUE or @timeout_ms passed. */
gboolean  kiosk_test_ui_wait_for         (gboolean   *flag,
                                          guint       timeout_ms);
/* A real pointer click at the centre of @widget through the X server
 * (xdotool); falls back to emitting "clicked" on buttons without X. */
void      kiosk_test_ui_click            (GtkWidget  *widget);
/* A real key press through the X server, e.g. "ctrl+q". */
gboolean  kiosk_test_ui_key              (const char *keys);
/* "landscape" or "portrait", from the screen the test runs on. */
const char *kiosk_test_ui_orientation    (GtkWidget  *window);
/* Saves @widget as PNG into $G_TEST_BUILDDIR/screenshots/NAME.png and
 * returns the path. */
char     *kiosk_test_ui_screenshot       (GtkWidget  *widget,
                                          const char *name);
/* First descendant of @root whose type is @type and, when @label is set,
 * whose GtkLabel text (or the button's label child) equals @label. */
GtkWidget *kiosk_test_ui_find            (GtkWidget  *root,
                                          GType       type,
                                          const char *label);

G_END_DECLS

/* kiosk-test-ui.h: helpers for UI tests: wait for conditions, click, screenshot */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-application.h"
#include "kiosk-window.h"

G_BEGIN_DECLS

/* How long a UI test waits for anything before it fails. */
#define KIOSK_TEST_UI_TIMEOUT_S 30

/* Runs the main loop until @expr holds; fails the test naming @expr when
 * it does not within KIOSK_TEST_UI_TIMEOUT_S seconds. */
#define kiosk_test_ui_wait_until(expr) \
  kiosk_test_ui_wait_until_full (expr, #expr)

/* The same, with @what (a string) naming what is awaited. */
#define kiosk_test_ui_wait_until_full(expr, what)                                 \
  G_STMT_START {                                                                  \
    gint64 kiosk_test_ui_deadline_ = kiosk_test_ui_deadline ();                   \
    while (!(expr) &&                                                             \
           kiosk_test_ui_iterate (kiosk_test_ui_deadline_, (what),                \
                                  __FILE__, __LINE__, G_STRFUNC))                 \
      ;                                                                           \
  } G_STMT_END

/* The monotonic time at which a wait starting now gives up. */
gint64    kiosk_test_ui_deadline         (void);
/* One turn of the main loop (woken at least every few milliseconds, as not
 * every condition comes with an event). After @deadline it fails the test
 * with "gave up waiting for @what" and returns FALSE. */
gboolean  kiosk_test_ui_iterate          (gint64      deadline,
                                          const char *what,
                                          const char *file,
                                          int         line,
                                          const char *func);
/* Waits until no stack or revealer in @widget's window is in a transition,
 * then until the window has been painted once more. */
void      kiosk_test_ui_settle           (GtkWidget  *widget);
/* Waits until @window shows the area or page @name ("page-" for any
 * pushed page), then settles. */
void      kiosk_test_ui_wait_for_page    (KioskWindow *window,
                                          const char  *name);
/* Runs the main loop for @ms milliseconds. Only for tests where time
 * passing is the point (an idle timeout); never to wait for a result. */
void      kiosk_test_ui_run_for          (guint       ms);
/* Runs xdotool with @argv and waits until an event of type @until has
 * reached @widget's window. FALSE when xdotool or X is not there. */
gboolean  kiosk_test_ui_xdotool          (GtkWidget          *widget,
                                          GdkEventType        until,
                                          const char * const *argv);
/* A real pointer click at the centre of @widget through the X server
 * (xdotool), waiting until the window has received it; falls back to
 * emitting "clicked" on buttons without X. */
void      kiosk_test_ui_click            (GtkWidget  *widget);
/* A real press held @ms milliseconds at the centre of @widget (xdotool);
 * FALSE when xdotool or X is not there. */
gboolean  kiosk_test_ui_long_press       (GtkWidget  *widget,
                                          guint       ms);
/* A real key press through the X server, e.g. "ctrl+q", then a Shift
 * press, waiting until @window has received the Shift's release. */
gboolean  kiosk_test_ui_key              (GtkWidget  *window,
                                          const char *keys);
/* "landscape" or "portrait", from the screen the test runs on. */
const char *kiosk_test_ui_orientation    (GtkWidget  *window);
/* @widget as drawn now (waiting for a finished drawing). */
GdkTexture *kiosk_test_ui_render         (GtkWidget  *widget);
/* Saves @widget as PNG into $G_TEST_BUILDDIR/screenshots/NAME.png and
 * returns the path. */
char     *kiosk_test_ui_screenshot       (GtkWidget  *widget,
                                          const char *name);
/* First mapped descendant of @root whose type is @type and, when @label is
 * set, whose GtkLabel text (or the button's label child) equals @label. */
GtkWidget *kiosk_test_ui_find            (GtkWidget  *root,
                                          GType       type,
                                          const char *label);
/* Registers and activates @app (its "activate" handler @activate_cb sets
 * the kiosk up first), waits until the window is shown (fullscreen when
 * @fullscreen) and has settled, and returns it. */
KioskWindow *kiosk_test_ui_start_app     (KioskApplication *app,
                                          GCallback         activate_cb,
                                          gboolean          fullscreen);
/* Removes @path and everything below it (a test's private home). */
void      kiosk_test_ui_remove_tree      (const char *path);

G_END_DECLS

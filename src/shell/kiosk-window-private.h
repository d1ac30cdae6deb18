/* kiosk-window-private.h: what the window's own files share */
#pragma once

#include "kiosk-window.h"

G_BEGIN_DECLS

/* kiosk-window-actions.c: the win.* actions, installed on the class. */
void kiosk_window_class_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS

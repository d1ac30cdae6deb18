/* kiosk-window-private.h: what the window's own files share */
#pragma once

#include "kiosk-header.h"
#include "kiosk-opening-state.h"
#include "kiosk-outbox.h"
#include "kiosk-survey-session.h"
#include "kiosk-window.h"

G_BEGIN_DECLS

struct _KioskWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  GtkStack             *main_stack;
  GtkStack             *pages;
  GtkScrolledWindow    *pages_scroller;
  GtkBox               *kiosk_box;
  GtkWidget            *reach_spacer;
  GtkLabel             *reach_place_label;
  GtkLabel             *reach_title_label;
  KioskHeader          *header;
  GtkRevealer          *countdown_revealer;
  GtkLabel             *countdown_label;
  GtkLabel             *countdown_hint;
  GtkButton            *countdown_button;
  GtkLabel             *countdown_button_label;

  /* borrowed */
  GtkWidget            *attract;
  GtkWidget            *closed;      /* outside the opening hours */
  GtkWidget            *alert_view;   /* public warnings above everything */
  GtkWidget            *alert_banner; /* under the header while one applies */
  GtkWidget            *staff;       /* NULL: no staff entry (no PIN auth) */

  /* owned */
  KioskConfig          *config;
  KioskServices        *services;    /* what the views get */
  KioskSourceList      *sources;     /* the services', for the status line */
  KioskOutbox          *outbox;      /* the services'; NULL when answers cannot be stored */
  KioskSurveySession   *survey_session; /* outlives the views a language switch rebuilds */
  KioskIdleMonitor     *idle;
  KioskOpeningState    *opening;     /* the day: open, closed, held awake */
  GPtrArray            *history;     /* char*: page names, current last */
  GHashTable           *page_titles; /* pushed page's name -> its title */
  guint                 pushed_serial;
  gboolean              windowed;
  gboolean              portrait;
  int                   allocated_width;
  int                   allocated_height;
  gboolean              large_text;
  gboolean              high_contrast;
  gboolean              reach_mode;
  gboolean              rebuild_pending; /* the views wait for the next reset */
  guint                 areas_with_sources; /* bit per KioskArea, at the last build */
  guint                 sources_idle;
  guint                 inhibit_cookie;
  guint                 maintenance_id; /* back to kiosk mode after this */
  gboolean              maintenance;
};

/* kiosk-window-pages.c: the area table, the page stack, the history. */
void  kiosk_window_show_page            (KioskWindow    *self,
                                         const char     *name);
/* Drops the history down to @keep entries, and the pushed pages with it. */
void  kiosk_window_drop_pushed_pages    (KioskWindow    *self,
                                         guint           keep);
/* A bit per KioskArea that has a source now. */
guint kiosk_window_areas_with_sources   (KioskWindow    *self);
void  kiosk_window_create_pages         (KioskWindow    *self);
void  kiosk_window_destroy_pages        (KioskWindow    *self);
void  kiosk_window_reset_views          (KioskWindow    *self);

/* kiosk-window-day.c: the closed screen and the inhibit follow the day. */
void  kiosk_window_create_day           (KioskWindow    *self);
void  kiosk_window_apply_closed_screen  (KioskWindow    *self);
void  kiosk_window_update_inhibit       (KioskWindow    *self);

/* kiosk-window-actions.c: the win.* actions, installed on the class. */
void  kiosk_window_class_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS

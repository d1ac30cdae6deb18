/* kiosk-window-pages.c: the window's area table, page stack and navigation history */

#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-attract-view.h"
#include "kiosk-empty-view.h"
#include "kiosk-events-view.h"
#include "kiosk-home-view.h"
#include "kiosk-map-view.h"
#include "kiosk-navigation.h"
#include "kiosk-resettable.h"
#include "kiosk-sensors-view.h"
#include "kiosk-surveys-view.h"
#include "kiosk-window-private.h"

typedef GtkWidget *(*ViewFactory) (KioskWindow *self);

typedef struct
{
  const char  *name;
  const char  *title;          /* N_() */
  const char  *icon_name;
  KioskArea    area;
  ViewFactory  create;         /* NULL: the designed empty state */
} AreaInfo;

static GtkWidget *
create_events (KioskWindow *self)
{
  return kiosk_events_view_new (self->config, self->services);
}

static GtkWidget *
create_map (KioskWindow *self)
{
  return kiosk_map_view_new (self->config, self->services);
}

static GtkWidget *
create_sensors (KioskWindow *self)
{
  return kiosk_sensors_view_new (self->config, self->services);
}

static GtkWidget *
create_surveys (KioskWindow *self)
{
  return kiosk_surveys_view_new (self->config, self->services, self->survey_session);
}

/* Each area's view is created here; an area whose view is not built yet
 * shows an honest empty state. */
static const AreaInfo areas[] = {
  { "events", N_("Events"), "kiosk-events-symbolic", KIOSK_AREA_EVENTS, create_events },
  { "map", N_("City map"), "kiosk-map-symbolic", KIOSK_AREA_PLACES, create_map },
  { "sensors", N_("Environment"), "kiosk-sensors-symbolic", KIOSK_AREA_SENSORS, create_sensors },
  { "surveys", N_("Take part"), "kiosk-surveys-symbolic", KIOSK_AREA_SURVEYS, create_surveys },
};

static const AreaInfo *
find_area (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      if (g_strcmp0 (areas[i].name, name) == 0)
        return &areas[i];
    }

  return NULL;
}

static const char *
current_page (KioskWindow *self)
{
  if (self->history->len == 0)
    return "home";

  return g_ptr_array_index (self->history, self->history->len - 1);
}

static void
update_header (KioskWindow *self)
{
  const char *name = current_page (self);
  const AreaInfo *area = find_area (name);
  GtkWidget *child = gtk_stack_get_child_by_name (self->pages, name);
  const char *title = NULL;

  if (area != NULL)
    title = _(area->title);
  else if (child != NULL)
    title = g_hash_table_lookup (self->page_titles, name);

  kiosk_header_set_title (self->header, title);
  gtk_label_set_label (self->reach_title_label, title != NULL ? title : "");
  kiosk_header_set_navigation (self->header,
                               !g_str_equal (name, "home"),
                               self->history->len > 1);
}

static void
view_push_page_cb (KioskNavigation *view,
                   GtkWidget       *page,
                   const char      *title,
                   KioskWindow     *self)
{
  kiosk_window_push_page (self, page, title);
}

void
kiosk_window_show_page (KioskWindow *self,
                        const char  *name)
{
  gtk_stack_set_visible_child_name (self->pages, name);
  /* A page too large for a small output scrolls; the next starts at its top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->pages_scroller), 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->pages_scroller), 0);
  update_header (self);
}

/* Pushed pages are dropped when they leave the history. */
void
kiosk_window_drop_pushed_pages (KioskWindow *self,
                                guint        keep)
{
  while (self->history->len > keep)
    {
      g_autofree char *name = g_ptr_array_steal_index (self->history, self->history->len - 1);

      if (find_area (name) == NULL && !g_str_equal (name, "home"))
        {
          GtkWidget *child = gtk_stack_get_child_by_name (self->pages, name);

          if (child != NULL)
            gtk_stack_remove (self->pages, child);
          g_hash_table_remove (self->page_titles, name);
        }
    }
}

/* Which areas have a source decides which views exist (or show the
 * empty state). */
guint
kiosk_window_areas_with_sources (KioskWindow *self)
{
  guint mask = 0;

  for (guint area = 0; area < KIOSK_N_AREAS; area++)
    {
      if (kiosk_source_list_has_area (self->sources, area))
        mask |= 1u << area;
    }

  return mask;
}

void
kiosk_window_create_pages (KioskWindow *self)
{
  GtkWidget *home = kiosk_home_view_new ();

  kiosk_home_view_set_portrait (KIOSK_HOME_VIEW (home), self->portrait);
  gtk_stack_add_named (self->pages, home, "home");

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      GtkWidget *view = NULL;

      if (areas[i].create != NULL)
        view = areas[i].create (self);
      if (view == NULL)
        view = kiosk_empty_view_new (areas[i].icon_name,
                                     _("No source set up yet"),
                                     _("Staff can add this area’s data source in the settings. "
                                       "Until then there is nothing to show here."));
      /* Detail pages a view opens go on top of it, with Back. */
      if (KIOSK_IS_NAVIGATION (view))
        g_signal_connect_object (view, "push-page", G_CALLBACK (view_push_page_cb), self, 0);
      gtk_widget_set_name (view, areas[i].name);
      gtk_stack_add_named (self->pages, view, areas[i].name);
    }

  kiosk_attract_view_set_place_name (KIOSK_ATTRACT_VIEW (self->attract),
                                     kiosk_config_get_place_name (self->config));
  self->areas_with_sources = kiosk_window_areas_with_sources (self);
  self->rebuild_pending = FALSE;
}

void
kiosk_window_destroy_pages (KioskWindow *self)
{
  GtkWidget *child;

  kiosk_window_drop_pushed_pages (self, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages))) != NULL)
    gtk_stack_remove (self->pages, child);
}

void
kiosk_window_reset_views (KioskWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pages));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (KIOSK_IS_RESETTABLE (child))
        kiosk_resettable_reset (KIOSK_RESETTABLE (child));
    }
}

const char *
kiosk_window_get_current (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "attract") == 0)
    return "attract";
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "closed") == 0)
    return "closed";
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "staff") == 0)
    return "staff";

  return current_page (self);
}

GtkWidget *
kiosk_window_get_area_view (KioskWindow *self,
                            const char  *area)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  g_return_val_if_fail (area != NULL, NULL);

  return gtk_stack_get_child_by_name (self->pages, area);
}

void
kiosk_window_show_area (KioskWindow *self,
                        const char  *area)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));
  g_return_if_fail (area != NULL);

  if (!g_str_equal (area, "home") && find_area (area) == NULL)
    {
      g_warning ("No such area “%s”", area);
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "kiosk");
  kiosk_idle_monitor_set_active (self->idle, TRUE);

  /* Areas are siblings: Home, then at most one area, then its pages. */
  kiosk_window_drop_pushed_pages (self, 0);
  g_ptr_array_add (self->history, g_strdup ("home"));
  if (!g_str_equal (area, "home"))
    g_ptr_array_add (self->history, g_strdup (area));

  kiosk_window_show_page (self, area);
}

void
kiosk_window_push_page (KioskWindow *self,
                        GtkWidget   *page,
                        const char  *title)
{
  g_autofree char *name = NULL;

  g_return_if_fail (KIOSK_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (page));

  name = g_strdup_printf ("page-%u", ++self->pushed_serial);
  g_hash_table_replace (self->page_titles, g_strdup (name), g_strdup (title));
  gtk_stack_add_named (self->pages, page, name);
  g_ptr_array_add (self->history, g_strdup (name));
  kiosk_window_show_page (self, name);
}

void
kiosk_window_go_back (KioskWindow *self)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  if (self->history->len <= 1)
    return;

  /* Switch first, then drop the page, so the transition has both. */
  kiosk_window_show_page (self, g_ptr_array_index (self->history, self->history->len - 2));
  kiosk_window_drop_pushed_pages (self, self->history->len - 1);
  update_header (self);
}

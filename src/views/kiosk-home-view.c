/* kiosk-home-view.c: the four large tiles that open the kiosk's areas */

#define G_LOG_DOMAIN "kiosk-home-view"

#include "config.h"

#include "kiosk-home-view.h"
#include "kiosk-resettable.h"

struct _KioskHomeView
{
  GtkWidget  parent_instance;

  /* template widgets */
  GtkGrid   *grid;
  GtkWidget *events_tile;
  GtkWidget *map_tile;
  GtkWidget *sensors_tile;
  GtkWidget *surveys_tile;

  gboolean   portrait;
};

static void resettable_iface_init (KioskResettableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskHomeView, kiosk_home_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (KIOSK_TYPE_RESETTABLE, resettable_iface_init))

static void
place_tiles (KioskHomeView *self)
{
  GtkWidget *tiles[] = { self->events_tile, self->map_tile, self->sensors_tile, self->surveys_tile };

  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      g_object_ref (tiles[i]);
      if (gtk_widget_get_parent (tiles[i]) != NULL)
        gtk_grid_remove (self->grid, tiles[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      /* Portrait: a 2×2 block in the lower part would be out of reach for
       * nobody, and 2×2 keeps each tile square-ish in both orientations. */
      gtk_grid_attach (self->grid, tiles[i], i % 2, i / 2, 1, 1);
      g_object_unref (tiles[i]);
    }
}

static void
reset (KioskResettable *resettable)
{
}

static void
resettable_iface_init (KioskResettableInterface *iface)
{
  iface->reset = reset;
}

static void
kiosk_home_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_HOME_VIEW);

  G_OBJECT_CLASS (kiosk_home_view_parent_class)->dispose (object);
}

static void
kiosk_home_view_class_init (KioskHomeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_home_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-home-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, grid);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, events_tile);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, map_tile);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, sensors_tile);
  gtk_widget_class_bind_template_child (widget_class, KioskHomeView, surveys_tile);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "home");
}

static void
kiosk_home_view_init (KioskHomeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  place_tiles (self);
}

GtkWidget *
kiosk_home_view_new (void)
{
  return g_object_new (KIOSK_TYPE_HOME_VIEW, NULL);
}

void
kiosk_home_view_set_portrait (KioskHomeView *self,
                              gboolean       portrait)
{
  g_return_if_fail (KIOSK_IS_HOME_VIEW (self));

  self->portrait = !!portrait;
  if (portrait)
    gtk_widget_add_css_class (GTK_WIDGET (self), "portrait");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "portrait");
}

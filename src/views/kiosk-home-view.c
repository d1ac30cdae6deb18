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
  guint      columns;
  guint      place_idle;
};

static void resettable_iface_init (KioskResettableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskHomeView, kiosk_home_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (KIOSK_TYPE_RESETTABLE, resettable_iface_init))

static void
place_tiles (KioskHomeView *self,
             guint          columns)
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
      /* 2×2 keeps each tile square-ish in both orientations; a screen too
       * narrow for two tiles side by side gets one column. */
      gtk_grid_attach (self->grid, tiles[i], i % columns, i / columns, 1, 1);
      g_object_unref (tiles[i]);
    }
  self->columns = columns;
}

/* The widest tile's minimum: one column's width. */
static int
tile_width (KioskHomeView *self)
{
  GtkWidget *tiles[] = { self->events_tile, self->map_tile, self->sensors_tile, self->surveys_tile };
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      int min = 0;

      gtk_widget_measure (tiles[i], GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      width = MAX (width, min);
    }

  return width;
}

/* What the grid needs around and between the tiles for @columns columns. */
static int
grid_width (KioskHomeView *self,
            guint          columns)
{
  int min = 0;
  int tiles = (int) self->columns * tile_width (self) +
              ((int) self->columns - 1) * (int) gtk_grid_get_column_spacing (self->grid);

  gtk_widget_measure (GTK_WIDGET (self->grid), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min - tiles + (int) columns * tile_width (self) +
         ((int) columns - 1) * (int) gtk_grid_get_column_spacing (self->grid);
}

static guint
columns_for (KioskHomeView *self,
             int            width)
{
  return width >= grid_width (self, 2) ? 2 : 1;
}

static gboolean
place_cb (gpointer user_data)
{
  KioskHomeView *self = user_data;

  self->place_idle = 0;
  place_tiles (self, columns_for (self, gtk_widget_get_width (GTK_WIDGET (self))));

  return G_SOURCE_REMOVE;
}

static GtkSizeRequestMode
kiosk_home_view_get_request_mode (GtkWidget *widget)
{
  KioskHomeView *self = KIOSK_HOME_VIEW (widget);

  /* Wrapped text: the height depends on the width. */
  return gtk_widget_get_request_mode (GTK_WIDGET (self->grid));
}

static void
kiosk_home_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  KioskHomeView *self = KIOSK_HOME_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->grid), orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = MIN (*minimum, grid_width (self, 1));
}

static void
kiosk_home_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  KioskHomeView *self = KIOSK_HOME_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->grid), width, height, baseline, NULL);

  /* Never move the tiles during an allocation: from an idle. */
  if (columns_for (self, width) != self->columns && self->place_idle == 0)
    self->place_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, place_cb, self, NULL);
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
  KioskHomeView *self = KIOSK_HOME_VIEW (object);

  g_clear_handle_id (&self->place_idle, g_source_remove);
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

  widget_class->get_request_mode = kiosk_home_view_get_request_mode;
  widget_class->measure = kiosk_home_view_measure;
  widget_class->size_allocate = kiosk_home_view_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "home");
}

static void
kiosk_home_view_init (KioskHomeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  place_tiles (self, 2);
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

/* kiosk-map-marker.c: a touchable marker for one point or a group of points */

#define G_LOG_DOMAIN "kiosk-map-marker"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-map-marker.h"

struct _KioskMapMarker
{
  ShumateMarker  parent_instance;

  /* borrowed */
  GtkWidget     *button;

  /* owned */
  GPtrArray     *points;
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KioskMapMarker, kiosk_map_marker, SHUMATE_TYPE_MARKER)

static const char *
kind_class (KioskMapPoint *point)
{
  switch (kiosk_map_point_get_kind (point))
    {
    case KIOSK_MAP_POINT_EVENT:
      return "event";
    case KIOSK_MAP_POINT_STATION:
      return "station";
    case KIOSK_MAP_POINT_PLACE:
    default:
      return "place";
    }
}

static void
clicked_cb (GtkButton      *button,
            KioskMapMarker *self)
{
  g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
kiosk_map_marker_finalize (GObject *object)
{
  KioskMapMarker *self = (KioskMapMarker *)object;

  g_clear_pointer (&self->points, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_map_marker_parent_class)->finalize (object);
}

static void
kiosk_map_marker_class_init (KioskMapMarkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_map_marker_finalize;

  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kiosk_map_marker_init (KioskMapMarker *self)
{
}

KioskMapMarker *
kiosk_map_marker_new (GPtrArray *points,
                      double     latitude,
                      double     longitude)
{
  KioskMapMarker *self;
  KioskMapPoint *first;
  GtkWidget *content;
  g_autofree char *name = NULL;

  g_return_val_if_fail (points != NULL && points->len > 0, NULL);

  self = g_object_new (KIOSK_TYPE_MAP_MARKER, NULL);
  self->points = g_ptr_array_ref (points);
  shumate_location_set_location (SHUMATE_LOCATION (self), latitude, longitude);

  first = g_ptr_array_index (points, 0);
  self->button = gtk_button_new ();
  gtk_widget_add_css_class (self->button, "map-marker");
  gtk_widget_add_css_class (self->button, kind_class (first));
  if (points->len == 1)
    {
      /* A colour per family, with its icon. */
      g_autofree char *family = kiosk_map_point_dup_family_class (first);

      gtk_widget_add_css_class (self->button, family);
    }

  if (points->len == 1)
    {
      content = gtk_image_new_from_icon_name (kiosk_map_point_get_icon_name (first));
      gtk_image_set_pixel_size (GTK_IMAGE (content), 32);
      name = g_strdup (kiosk_map_point_get_title (first));
    }
  else
    {
      GtkWidget *count = NULL, *word = NULL;
      g_autofree char *number = g_strdup_printf ("%u", points->len);

      /* A group says what it is: "23" over "Orte", narrow enough for its
       * grid cell; its name reads "23 Orte". */
      content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      count = gtk_label_new (number);
      gtk_widget_add_css_class (count, "map-cluster-count");
      /* TRANSLATORS: under the number on a map marker standing for several places */
      word = gtk_label_new (ngettext ("place", "places", points->len));
      gtk_widget_add_css_class (word, "map-cluster-word");
      gtk_box_append (GTK_BOX (content), count);
      gtk_box_append (GTK_BOX (content), word);
      gtk_widget_set_valign (content, GTK_ALIGN_CENTER);
      /* TRANSLATORS: a map marker standing for several places close together */
      name = g_strdup_printf (ngettext ("%u place", "%u places", points->len), points->len);
      gtk_widget_add_css_class (self->button, "cluster");
    }
  gtk_button_set_child (GTK_BUTTON (self->button), content);
  if (points->len == 1)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  else
    /* A screen reader says what the group is ("23 Orte", as shown), and
     * what a tap does. */
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("Tap to come closer and see them one by one"),
                                    -1);
  g_signal_connect (self->button, "clicked", G_CALLBACK (clicked_cb), self);
  shumate_marker_set_child (SHUMATE_MARKER (self), self->button);

  return self;
}

KioskMapMarker *
kiosk_map_marker_new_here (double latitude,
                           double longitude)
{
  KioskMapMarker *self = g_object_new (KIOSK_TYPE_MAP_MARKER, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bubble = gtk_label_new (_("You are here"));
  GtkWidget *dot = gtk_image_new_from_icon_name ("kiosk-map-here-symbolic");

  shumate_location_set_location (SHUMATE_LOCATION (self), latitude, longitude);
  gtk_widget_add_css_class (box, "map-here");
  gtk_widget_add_css_class (bubble, "map-here-label");
  gtk_widget_add_css_class (dot, "map-here-dot");
  gtk_image_set_pixel_size (GTK_IMAGE (dot), 28);
  gtk_widget_set_halign (dot, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), bubble);
  gtk_box_append (GTK_BOX (box), dot);
  /* The dot sits on the spot: the label above is balanced by space below. */
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_BOX, "height-request", 44, NULL));
  gtk_widget_set_can_target (box, FALSE);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  shumate_marker_set_child (SHUMATE_MARKER (self), box);

  return self;
}

void
kiosk_map_marker_get_extent (KioskMapMarker *self,
                             double         *half_width,
                             double         *above,
                             double         *below)
{
  GtkWidget *child;
  int width = 0, height = 0, spacer = 0;

  g_return_if_fail (KIOSK_IS_MAP_MARKER (self));

  child = shumate_marker_get_child (SHUMATE_MARKER (self));
  if (child != NULL)
    {
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
    }
  /* "You are here" balances its label with empty space below the dot. */
  if (self->button == NULL && child != NULL && gtk_widget_get_last_child (child) != NULL)
    gtk_widget_measure (gtk_widget_get_last_child (child), GTK_ORIENTATION_VERTICAL, -1,
                        NULL, &spacer, NULL, NULL);

  *half_width = width / 2.0;
  *above = height / 2.0;
  *below = height / 2.0 - spacer;
}

GPtrArray *
kiosk_map_marker_get_points (KioskMapMarker *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_MARKER (self), NULL);

  return self->points;
}

GtkWidget *
kiosk_map_marker_get_button (KioskMapMarker *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_MARKER (self), NULL);

  return self->button;
}

void
kiosk_map_marker_set_selected (KioskMapMarker *self,
                               gboolean        selected)
{
  g_return_if_fail (KIOSK_IS_MAP_MARKER (self));

  if (self->button == NULL)
    return;
  if (selected)
    gtk_widget_add_css_class (self->button, "selected");
  else
    gtk_widget_remove_css_class (self->button, "selected");
}

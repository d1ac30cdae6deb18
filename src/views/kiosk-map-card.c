/* kiosk-map-card.c: what a tapped marker says: a place, an event, a station or a group */

#define G_LOG_DOMAIN "kiosk-map-card"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-i18n.h"
#include "kiosk-map-card.h"
#include "kiosk-reading.h"

struct _KioskMapCard
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkWidget     *box;
  GtkImage      *icon;
  GtkLabel      *title;
  GtkLabel      *category;
  GtkButton     *close_button;
  GtkLabel      *close_label;
  GtkScrolledWindow *scroller;
  GtkLabel      *when;
  GtkLabel      *summary;
  GtkLabel      *description;
  GtkButton     *expand_button;
  GtkLabel      *expand_label;
  GtkBox        *rows;
  GtkButton     *more_button;
  GtkLabel      *more_label;

  /* owned */
  KioskMapPoint *point;
  char          *full_description; /* while only its beginning is shown */
  char          *icon_class;       /* the marker's colour class on the icon */
  GHashTable    *choices;   /* a button in rows -> its KioskMapPoint */
};

enum {
  CLOSE_REQUESTED,
  POINT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KioskMapCard, kiosk_map_card, GTK_TYPE_WIDGET)

static void
set_button_label (GtkButton  *button,
                  GtkLabel   *label,
                  const char *text)
{
  gtk_label_set_label (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
clear_rows (KioskMapCard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows))) != NULL)
    gtk_box_remove (self->rows, child);
  g_hash_table_remove_all (self->choices);
}

static void
set_optional (GtkLabel   *label,
              const char *text)
{
  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* About four lines on the card; more is one tap away. */
#define SHORT_DESCRIPTION_CHARS 180

/* A description up to about four lines stands above the scrolled part,
 * so the card is always tall enough for all of it; a longer one shows its
 * beginning there, cut after a whole word with "…", and "Read more" puts
 * the whole text in the scrolled part. Never a line cut through. */
static void
set_description (KioskMapCard *self,
                 const char   *text)
{
  g_clear_pointer (&self->full_description, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->expand_button), FALSE);
  set_optional (self->description, NULL);

  if (text != NULL && g_utf8_strlen (text, -1) > SHORT_DESCRIPTION_CHARS + 20)
    {
      const char *cut = g_utf8_offset_to_pointer (text, SHORT_DESCRIPTION_CHARS);
      const char *end = cut;
      g_autofree char *start = NULL;
      g_autofree char *shown = NULL;

      while (end > text && !g_unichar_isspace (g_utf8_get_char (end)))
        end = g_utf8_prev_char (end);
      if (end == text)
        end = cut;
      start = g_strndup (text, end - text);
      g_strchomp (start);
      /* A word ending in a comma or full stop reads better without it. */
      while (*start != '\0' && strchr (",;:.", start[strlen (start) - 1]) != NULL)
        start[strlen (start) - 1] = '\0';
      shown = g_strconcat (start, "…", NULL);
      set_optional (self->summary, shown);
      self->full_description = g_strdup (text);
      set_button_label (self->expand_button, self->expand_label, _("Read more"));
      gtk_widget_set_visible (GTK_WIDGET (self->expand_button), TRUE);
      return;
    }

  set_optional (self->summary, text);
}

static void
expand_clicked_cb (GtkButton    *button,
                   KioskMapCard *self)
{
  g_autofree char *text = g_steal_pointer (&self->full_description);

  set_optional (self->summary, NULL);
  set_optional (self->description, text);
  gtk_widget_set_visible (GTK_WIDGET (self->expand_button), FALSE);
}

/* The card's icon in its marker's colour: one look links the two. */
static void
set_icon (KioskMapCard *self,
          const char   *icon_name,
          const char   *css_class)
{
  gtk_image_set_from_icon_name (self->icon, icon_name);
  if (self->icon_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), self->icon_class);
  g_free (self->icon_class);
  self->icon_class = g_strdup (css_class);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), css_class);
}

static char *
format_when (GObject   *event,
             GDateTime *now)
{
  g_autoptr(GDateTime) start = NULL, end = NULL;
  g_autofree char *day = NULL, *from = NULL, *to = NULL;
  gboolean all_day = FALSE;

  g_object_get (event, "start", &start, "end", &end, NULL);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (event), "all-day") != NULL)
    g_object_get (event, "all-day", &all_day, NULL);
  if (start == NULL)
    return NULL;

  day = kiosk_i18n_format_day_heading (start, now);
  if (all_day)
    /* TRANSLATORS: "Heute, ganztägig" */
    return g_strdup_printf (_("%s, all day"), day);

  from = kiosk_i18n_format_time (start);
  if (end == NULL)
    return g_strdup_printf ("%s, %s", day, from);

  to = kiosk_i18n_format_time (end);
  /* TRANSLATORS: day, start and end time: "Heute, 14:00–16:00" */
  return g_strdup_printf (_("%s, %s–%s"), day, from, to);
}

static GtkWidget *
reading_row (GObject   *reading,
             GDateTime *now)
{
  g_autofree char *property = NULL, *unit = NULL, *text = NULL, *age = NULL;
  g_autoptr(GDateTime) time = NULL;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *name, *value, *when;
  double number = NAN;

  g_object_get (reading, "property", &property, "value", &number, "unit", &unit, "time", &time, NULL);
  /* The environment area's own words and number format where it has them. */
  if (KIOSK_IS_READING (reading))
    {
      g_autofree char *number_text = kiosk_reading_format_value (KIOSK_READING (reading));

      g_free (property);
      property = g_strdup (kiosk_reading_get_display_name (KIOSK_READING (reading)));
      text = unit != NULL && *unit != '\0'
             ? g_strdup_printf ("%s %s", number_text, unit) : g_steal_pointer (&number_text);
    }
  else if (isnan (number))
    text = g_strdup ("–");
  else
    text = g_strdup_printf ("%.1f %s", number, unit ? unit : "");

  name = gtk_label_new (property ? property : "");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_set_hexpand (name, TRUE);
  value = gtk_label_new (text);
  gtk_widget_add_css_class (value, "map-card-value");
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), value);
  if (time != NULL)
    {
      age = kiosk_i18n_format_age (time, now);
      when = gtk_label_new (age);
      gtk_widget_add_css_class (when, "dim-label");
      gtk_box_append (GTK_BOX (row), when);
    }
  gtk_widget_add_css_class (row, "map-card-reading");

  /* An old value says so here as on its tile, with the reason. */
  if (KIOSK_IS_READING (reading))
    {
      g_autofree char *reason = kiosk_reading_dup_stale_reason (KIOSK_READING (reading), now);

      if (reason != NULL)
        {
          GtkWidget *both = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          g_autofree char *line = g_strdup_printf (_("Out of date: %s"), reason);
          GtkWidget *stale = gtk_label_new (line);

          gtk_label_set_xalign (GTK_LABEL (stale), 0);
          gtk_label_set_wrap (GTK_LABEL (stale), TRUE);
          gtk_widget_add_css_class (stale, "map-card-stale");
          gtk_widget_add_css_class (row, "stale");
          gtk_box_append (GTK_BOX (both), row);
          gtk_box_append (GTK_BOX (both), stale);
          return both;
        }
    }

  return row;
}

static void
list_clicked_cb (GtkButton    *button,
                 KioskMapCard *self)
{
  KioskMapPoint *point = g_hash_table_lookup (self->choices, button);

  g_signal_emit (self, signals[POINT_ACTIVATED], 0, point);
}

static void
close_clicked_cb (GtkButton    *button,
                  KioskMapCard *self)
{
  g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
}

static void
more_clicked_cb (GtkButton    *button,
                 KioskMapCard *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *id;

  if (self->point == NULL)
    return;

  id = kiosk_map_point_get_id (self->point);
  switch (kiosk_map_point_get_kind (self->point))
    {
    case KIOSK_MAP_POINT_EVENT:
      /* The event's own page when the events view offers it, else the list. */
      if (!gtk_widget_activate_action (widget, "win.show-event", "s", id))
        gtk_widget_activate_action (widget, "win.show-area", "s", "events");
      break;

    case KIOSK_MAP_POINT_STATION:
      if (!gtk_widget_activate_action (widget, "win.show-station", "s", id))
        gtk_widget_activate_action (widget, "win.show-area", "s", "sensors");
      break;

    case KIOSK_MAP_POINT_PLACE:
    default:
      break;
    }
}

static void
kiosk_map_card_dispose (GObject *object)
{
  KioskMapCard *self = (KioskMapCard *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_MAP_CARD);
  g_clear_object (&self->point);
  g_clear_pointer (&self->choices, g_hash_table_unref);
  g_clear_pointer (&self->full_description, g_free);
  g_clear_pointer (&self->icon_class, g_free);

  G_OBJECT_CLASS (kiosk_map_card_parent_class)->dispose (object);
}

static void
kiosk_map_card_class_init (KioskMapCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_map_card_dispose;

  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[POINT_ACTIVATED] =
    g_signal_new ("point-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KIOSK_TYPE_MAP_POINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-map-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, box);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, icon);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, title);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, category);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, close_button);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, close_label);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, when);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, summary);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, description);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, expand_button);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, expand_label);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, rows);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, more_button);
  gtk_widget_class_bind_template_child (widget_class, KioskMapCard, more_label);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, expand_clicked_cb);
  gtk_widget_class_set_css_name (widget_class, "kioskmapcard");
}

static void
kiosk_map_card_init (KioskMapCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->choices = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  set_button_label (self->close_button, self->close_label, _("Close"));
}

GtkWidget *
kiosk_map_card_new (void)
{
  return g_object_new (KIOSK_TYPE_MAP_CARD, NULL);
}

void
kiosk_map_card_show_point (KioskMapCard  *self,
                           KioskMapPoint *point,
                           GDateTime     *now)
{
  GObject *item;

  g_return_if_fail (KIOSK_IS_MAP_CARD (self));
  g_return_if_fail (KIOSK_IS_MAP_POINT (point));

  g_set_object (&self->point, point);
  item = kiosk_map_point_get_item (point);
  clear_rows (self);
  gtk_label_set_label (self->title, kiosk_map_point_get_title (point));
  {
    g_autofree char *family = kiosk_map_point_dup_family_class (point);

    set_icon (self, kiosk_map_point_get_icon_name (point), family);
  }
  set_optional (self->when, NULL);
  set_description (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), FALSE);

  switch (kiosk_map_point_get_kind (point))
    {
    case KIOSK_MAP_POINT_EVENT:
      {
        g_autofree char *when = format_when (item, now);
        g_autofree char *location = NULL, *description = NULL;
        g_autofree char *both = NULL;

        g_object_get (item, "location", &location, "description", &description, NULL);
        both = location != NULL && *location != '\0' && when != NULL
               ? g_strdup_printf ("%s\n%s", when, location) : g_strdup (when ? when : location);
        set_optional (self->category, _("Event"));
        set_optional (self->when, both);
        set_description (self, description);
        set_button_label (self->more_button, self->more_label, _("Open event"));
        gtk_widget_set_visible (GTK_WIDGET (self->more_button), TRUE);
      }
      break;

    case KIOSK_MAP_POINT_STATION:
      {
        GPtrArray *readings = kiosk_map_point_get_readings (point);

        set_optional (self->category, _("Sensor station"));
        for (guint i = 0; i < readings->len; i++)
          gtk_box_append (self->rows, reading_row (g_ptr_array_index (readings, i), now));
        set_button_label (self->more_button, self->more_label, _("All readings"));
        gtk_widget_set_visible (GTK_WIDGET (self->more_button), TRUE);
      }
      break;

    case KIOSK_MAP_POINT_PLACE:
    default:
      {
        g_autofree char *description = NULL;

        if (item != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (item), "description"))
          g_object_get (item, "description", &description, NULL);
        set_optional (self->category, kiosk_map_category_label (kiosk_map_point_get_category (point)));
        set_description (self, description);
      }
      break;
    }
}

void
kiosk_map_card_show_points (KioskMapCard *self,
                            GPtrArray    *points)
{
  g_autofree char *title = NULL;

  g_return_if_fail (KIOSK_IS_MAP_CARD (self));
  g_return_if_fail (points != NULL);

  g_clear_object (&self->point);
  clear_rows (self);
  title = g_strdup_printf (ngettext ("%u place here", "%u places here", points->len), points->len);
  gtk_label_set_label (self->title, title);
  set_icon (self, "kiosk-map-place-symbolic", "cluster");
  set_optional (self->category, NULL);
  set_optional (self->when, NULL);
  set_description (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), FALSE);

  for (guint i = 0; i < points->len; i++)
    {
      KioskMapPoint *point = g_ptr_array_index (points, i);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (kiosk_map_point_get_title (point));

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (kiosk_map_point_get_icon_name (point)));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      kiosk_map_point_get_title (point), -1);
      gtk_widget_add_css_class (button, "map-card-choice");
      g_hash_table_insert (self->choices, button, g_object_ref (point));
      g_signal_connect (button, "clicked", G_CALLBACK (list_clicked_cb), self);
      gtk_box_append (self->rows, button);
    }
}

KioskMapPoint *
kiosk_map_card_get_point (KioskMapCard *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_CARD (self), NULL);

  return self->point;
}

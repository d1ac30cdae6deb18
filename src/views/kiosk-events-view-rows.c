/* kiosk-events-view-rows.c: the events list's rows: day headings and events */

#define G_LOG_DOMAIN "kiosk-events-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-event.h"
#include "kiosk-events-view-private.h"
#include "kiosk-i18n.h"
#include "kiosk-vocabulary.h"

typedef struct
{
  GtkWidget *heading;
  GtkWidget *event_box;
  GtkLabel  *time;
  GtkLabel  *until;
  GtkLabel  *title;
  GtkLabel  *meta;
  GtkLabel  *badge;
} RowWidgets;

static GtkWidget *
label_with_class (const char *css_class,
                  float       xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              KioskEventsView          *self)
{
  RowWidgets *w = g_new0 (RowWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *when = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *chevron = gtk_image_new_from_icon_name ("go-next-symbolic");

  w->heading = label_with_class ("events-day-heading", 0);
  gtk_label_set_wrap (GTK_LABEL (w->heading), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (w->heading), PANGO_WRAP_WORD_CHAR);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  w->event_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_widget_add_css_class (w->event_box, "event-row");

  w->time = GTK_LABEL (label_with_class ("event-row-time", 0));
  w->until = GTK_LABEL (label_with_class ("event-row-until", 0));
  /* A date range or "all day" in large text wraps rather than widen the row. */
  gtk_label_set_wrap (w->time, TRUE);
  gtk_label_set_wrap (w->until, TRUE);
  gtk_label_set_max_width_chars (w->time, 10);
  gtk_label_set_max_width_chars (w->until, 12);
  gtk_widget_set_size_request (when, 170, -1);
  gtk_widget_set_valign (when, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (when), GTK_WIDGET (w->time));
  gtk_box_append (GTK_BOX (when), GTK_WIDGET (w->until));

  w->title = GTK_LABEL (label_with_class ("event-row-title", 0));
  gtk_label_set_wrap (w->title, TRUE);
  gtk_label_set_wrap_mode (w->title, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (w->title, 2);
  gtk_label_set_ellipsize (w->title, PANGO_ELLIPSIZE_END);
  w->meta = GTK_LABEL (label_with_class ("event-row-meta", 0));
  gtk_label_set_ellipsize (w->meta, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->title));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->meta));

  w->badge = GTK_LABEL (label_with_class ("event-badge", 0.5));
  gtk_widget_set_valign (GTK_WIDGET (w->badge), GTK_ALIGN_CENTER);

  gtk_image_set_pixel_size (GTK_IMAGE (chevron), 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chevron), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_add_css_class (chevron, "dim-label");

  gtk_box_append (GTK_BOX (w->event_box), when);
  gtk_box_append (GTK_BOX (w->event_box), text);
  gtk_box_append (GTK_BOX (w->event_box), GTK_WIDGET (w->badge));
  gtk_box_append (GTK_BOX (w->event_box), chevron);
  gtk_box_append (GTK_BOX (box), w->heading);
  gtk_box_append (GTK_BOX (box), w->event_box);

  g_hash_table_insert (kiosk_events_view_get_row_widgets (self), box, w);
  gtk_list_item_set_child (item, box);
}

static void
teardown_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 KioskEventsView          *self)
{
  g_hash_table_remove (kiosk_events_view_get_row_widgets (self),
                       gtk_list_item_get_child (item));
}

static void
bind_event (KioskEventsView *self,
            RowWidgets      *w,
            KioskEvent      *event)
{
  GTimeZone *tz = kiosk_events_view_get_time_zone (self);
  const char *language = kiosk_i18n_get_language ();
  const char * const *categories = kiosk_event_get_categories (event);
  const char *location = kiosk_event_get_location (event);
  g_autoptr(GDateTime) start = g_date_time_to_timezone (kiosk_event_get_start (event), tz);
  g_autoptr(GDateTime) end = g_date_time_to_timezone (kiosk_event_get_end (event), tz);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) today = kiosk_events_view_day_start (now);
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *time_text = NULL;
  g_autofree char *until_text = NULL;
  const char *title = kiosk_event_get_title_for (event, language);

  if (kiosk_event_get_all_day (event))
    {
      g_autoptr(GDateTime) last = g_date_time_add_days (end, -1);

      time_text = g_strdup (_("All day"));
      if (g_date_time_get_day_of_year (last) != g_date_time_get_day_of_year (start) &&
          g_date_time_compare (last, start) > 0)
        {
          g_autofree char *date = kiosk_i18n_format_date_short (last);

          /* Translators: last day of a multi-day event, "bis So., 22.11." */
          until_text = g_strdup_printf (_("until %s"), date);
        }
    }
  else if (g_date_time_compare (start, today) < 0)
    {
      /* Began before today and still running. */
      g_autofree char *date = kiosk_i18n_format_date_short (end);
      g_autofree char *end_time = kiosk_i18n_format_time (end);

      time_text = g_strdup (_("Ongoing"));
      until_text = g_strdup_printf (_("until %s"), date);
      /* Ends today: the time says more than the date. */
      if (g_date_time_get_day_of_year (end) == g_date_time_get_day_of_year (now) &&
          g_date_time_get_year (end) == g_date_time_get_year (now))
        {
          g_free (until_text);
          until_text = g_strdup_printf (_("until %s"), end_time);
        }
    }
  else
    {
      time_text = kiosk_i18n_format_time (start);
      if (!g_date_time_equal (start, end))
        {
          g_autofree char *end_time = kiosk_i18n_format_time (end);

          until_text = g_strdup_printf ("– %s", end_time);
        }
    }

  gtk_label_set_label (w->time, time_text);
  /* Words ("Ganztägig") are longer than times: a smaller size keeps the column. */
  if (kiosk_event_get_all_day (event) || g_date_time_compare (start, today) < 0)
    gtk_widget_add_css_class (GTK_WIDGET (w->time), "wordy");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (w->time), "wordy");
  gtk_label_set_label (w->until, until_text != NULL ? until_text : "");
  gtk_widget_set_visible (GTK_WIDGET (w->until), until_text != NULL);
  gtk_label_set_label (w->title, title != NULL ? title : _("Event"));

  if (location != NULL)
    g_string_append (meta, location);
  if (categories != NULL)
    {
      if (meta->len > 0)
        g_string_append (meta, "  ·  ");
      g_string_append (meta, kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, categories[0]));
    }
  gtk_label_set_label (w->meta, meta->str);
  gtk_widget_set_visible (GTK_WIDGET (w->meta), meta->len > 0);

  gtk_widget_remove_css_class (w->event_box, "cancelled");
  gtk_widget_remove_css_class (w->event_box, "postponed");
  if (kiosk_event_is_cancelled (event))
    {
      gtk_label_set_label (w->badge, _("Cancelled"));
      gtk_widget_add_css_class (w->event_box, "cancelled");
    }
  else if (kiosk_event_is_postponed (event))
    {
      gtk_label_set_label (w->badge, _("Postponed"));
      gtk_widget_add_css_class (w->event_box, "postponed");
    }
  gtk_widget_set_visible (GTK_WIDGET (w->badge),
                          kiosk_event_is_cancelled (event) || kiosk_event_is_postponed (event));

  /* A screen reader reads the row as one sentence, state first. */
  {
    g_autofree char *spoken = g_strdup_printf ("%s%s%s, %s%s%s",
                                               gtk_widget_get_visible (GTK_WIDGET (w->badge))
                                               ? gtk_label_get_label (w->badge) : "",
                                               gtk_widget_get_visible (GTK_WIDGET (w->badge)) ? ": " : "",
                                               gtk_label_get_label (w->title),
                                               time_text,
                                               meta->len > 0 ? ", " : "", meta->str);

    gtk_accessible_update_property (GTK_ACCESSIBLE (w->event_box),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             KioskEventsView          *self)
{
  GObject *object = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  RowWidgets *w = g_hash_table_lookup (kiosk_events_view_get_row_widgets (self), box);
  gboolean is_event = KIOSK_IS_EVENT (object);

  gtk_widget_set_visible (w->heading, !is_event);
  gtk_widget_set_visible (w->event_box, is_event);
  gtk_list_item_set_activatable (item, is_event);
  gtk_list_item_set_selectable (item, FALSE);

  if (is_event)
    bind_event (self, w, KIOSK_EVENT (object));
  else
    gtk_label_set_label (GTK_LABEL (w->heading), gtk_string_object_get_string (GTK_STRING_OBJECT (object)));
}

GDateTime *
kiosk_events_view_day_start (GDateTime *dt)
{
  return g_date_time_new (g_date_time_get_timezone (dt), g_date_time_get_year (dt),
                          g_date_time_get_month (dt), g_date_time_get_day_of_month (dt), 0, 0, 0);
}

void
kiosk_events_view_connect_rows (KioskEventsView          *self,
                                GtkSignalListItemFactory *factory)
{
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row_cb), self);
}

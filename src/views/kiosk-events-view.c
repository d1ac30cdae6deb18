/* kiosk-events-view.c: the events area: what is on, day by day
 *
 * GTK 4.8 has no section headers in list views, so the rows model is flat:
 * a GtkStringObject heading per day, then that day's KioskEvent
 * occurrences. It is rebuilt (one splice) when sources change, a filter
 * changes, an event ends or the day turns; GtkListView recycles its row
 * widgets, so 10,000 occurrences cost 10,000 pointers, not widgets. */

#define G_LOG_DOMAIN "kiosk-events-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kiosk-empty-view.h"
#include "kiosk-event-page.h"
#include "kiosk-event.h"
#include "kiosk-events-view.h"
#include "kiosk-events-view-private.h"
#include "kiosk-i18n.h"
#include "kiosk-image-loader.h"
#include "kiosk-navigation.h"
#include "kiosk-resettable.h"
#include "kiosk-vocabulary.h"

#define TICK_SECONDS 30

typedef enum
{
  TIME_FILTER_ALL,
  TIME_FILTER_TODAY,
  TIME_FILTER_WEEK,
} TimeFilter;

struct _KioskEventsView
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *content;
  GtkWidget         *chips_scroller;
  GtkFlowBox        *chips_box;
  GtkToggleButton   *today_chip;
  GtkToggleButton   *week_chip;
  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkListView       *list_view;
  AdwStatusPage     *empty_page;
  GtkWidget         *show_all_button;

  /* borrowed */
  KioskServices     *services;

  /* owned */
  GListModel        *items;        /* every source's KioskEvent items */
  GListStore        *rows;
  GTimeZone         *tz;
  KioskImageLoader  *images;
  GPtrArray         *category_chips; /* GtkToggleButton, labelled with the category in the UI language */
  GHashTable        *row_widgets;    /* a row's box -> its RowWidgets */
  char              *categories_key;   /* the chips' categories, joined */
  char              *category;         /* the selected category's label, or NULL */
  char              *category_term;    /* a source's word for it, which outlives the language */
  GHashTable        *category_terms;   /* a chip's label -> a source's word for it */
  GDateTime         *next_change;      /* when the next shown event ends */
  GtkWidget         *open_page;        /* weak: the event page it pushed last */
  int                shown_day;        /* day of year the headings were made on */
  TimeFilter         time_filter;
  guint              rebuild_idle;
  guint              tick;
  gboolean           updating_chips;
};

static void resettable_iface_init (KioskResettableInterface *iface);
static void navigation_iface_init (KioskNavigationInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskEventsView, kiosk_events_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (KIOSK_TYPE_RESETTABLE, resettable_iface_init)
                               G_IMPLEMENT_INTERFACE (KIOSK_TYPE_NAVIGATION, navigation_iface_init))

static void rebuild (KioskEventsView *self);

/* An event with no duration is "over" an hour after it began. */
static GDateTime *
effective_end (KioskEvent *event)
{
  GDateTime *start = kiosk_event_get_start (event);
  GDateTime *end = kiosk_event_get_end (event);

  if (g_date_time_compare (end, start) <= 0)
    return g_date_time_add_hours (start, 1);

  return g_date_time_ref (end);
}

static gboolean
has_category (KioskEvent *event,
              const char *category)
{
  const char * const *categories = kiosk_event_get_categories (event);

  /* @category is a label: "Kultur" and "culture" are one category. */
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      if (g_str_equal (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, categories[i]),
                       category))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  KioskEvent *event;
  GDateTime  *day;     /* the heading it goes under, in the kiosk's zone */
} Row;

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *ra = a;
  const Row *rb = b;
  int cmp = g_date_time_compare (ra->day, rb->day);

  return cmp != 0 ? cmp : kiosk_event_compare (ra->event, rb->event);
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->event);
  g_clear_pointer (&row->day, g_date_time_unref);
}

static void
category_chip_toggled_cb (GtkToggleButton *chip,
                          KioskEventsView *self)
{
  const char *category = gtk_button_get_label (GTK_BUTTON (chip));

  if (self->updating_chips)
    return;

  self->updating_chips = TRUE;
  for (guint i = 0; i < self->category_chips->len; i++)
    {
      GtkToggleButton *other = g_ptr_array_index (self->category_chips, i);

      if (other != chip)
        gtk_toggle_button_set_active (other, FALSE);
    }
  self->updating_chips = FALSE;

  g_free (self->category);
  self->category = gtk_toggle_button_get_active (chip) ? g_strdup (category) : NULL;
  g_free (self->category_term);
  self->category_term = g_strdup (g_hash_table_lookup (self->category_terms, category));
  rebuild (self);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* @terms: label -> a source's word for it. */
static void
update_category_chips (KioskEventsView *self,
                       GPtrArray       *categories,
                       GHashTable      *terms)
{
  GHashTableIter iter;
  gpointer label, term;
  g_autofree char *key = NULL;

  g_hash_table_remove_all (self->category_terms);
  g_hash_table_iter_init (&iter, terms);
  while (g_hash_table_iter_next (&iter, &label, &term))
    g_hash_table_insert (self->category_terms, g_strdup (label), g_strdup (term));

  g_ptr_array_sort (categories, compare_strings);
  g_ptr_array_add (categories, NULL);
  key = g_strjoinv ("\n", (char **) categories->pdata);
  g_ptr_array_remove_index (categories, categories->len - 1);

  if (g_strcmp0 (key, self->categories_key) == 0)
    return;
  g_free (self->categories_key);
  self->categories_key = g_steal_pointer (&key);

  for (guint i = 0; i < self->category_chips->len; i++)
    gtk_flow_box_remove (self->chips_box,
                         gtk_widget_get_parent (g_ptr_array_index (self->category_chips, i)));
  g_ptr_array_set_size (self->category_chips, 0);

  self->updating_chips = TRUE;
  for (guint i = 0; i < categories->len; i++)
    {
      const char *category = g_ptr_array_index (categories, i);
      GtkWidget *chip = gtk_toggle_button_new_with_label (category);

      gtk_widget_add_css_class (chip, "chip");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), g_strcmp0 (self->category, category) == 0);
      g_signal_connect (chip, "toggled", G_CALLBACK (category_chip_toggled_cb), self);
      gtk_flow_box_append (self->chips_box, chip);
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
      g_ptr_array_add (self->category_chips, chip);
    }
  self->updating_chips = FALSE;

  /* A category that disappeared filters nothing any more. */
  if (self->category != NULL && !g_ptr_array_find_with_equal_func (categories, self->category, g_str_equal, NULL))
    g_clear_pointer (&self->category, g_free);
}

static void
update_empty_state (KioskEventsView *self,
                    guint            n_shown,
                    guint            n_upcoming)
{
  gboolean filtered = self->time_filter != TIME_FILTER_ALL || self->category != NULL;

  /* Filters over nothing would only confuse. */
  gtk_widget_set_visible (GTK_WIDGET (self->chips_scroller), n_upcoming > 0);

  if (n_shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (n_upcoming == 0 && kiosk_services_get_area_loading (self->services, KIOSK_AREA_EVENTS))
    {
      adw_status_page_set_title (self->empty_page, _("Loading events…"));
      adw_status_page_set_description (self->empty_page, _("The city’s calendar is on its way."));
    }
  else if (n_upcoming == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No events coming up"));
      adw_status_page_set_description (self->empty_page,
                                       _("Nothing is announced right now. Please look again another day."));
    }
  else if (self->time_filter == TIME_FILTER_TODAY && self->category == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Nothing more on today"));
      adw_status_page_set_description (self->empty_page,
                                       _("There are events on the next days, though."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No events for this choice"));
      adw_status_page_set_description (self->empty_page, _("Try another filter, or show them all."));
    }
  gtk_widget_set_visible (self->show_all_button, filtered && n_upcoming > 0);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
rebuild (KioskEventsView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->tz);
  g_autoptr(GDateTime) today = kiosk_events_view_day_start (now);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  g_autoptr(GDateTime) week_end = g_date_time_add_days (today, 8 - g_date_time_get_day_of_week (today));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen_categories = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) out = NULL;
  GDateTime *next_change = NULL;
  GDateTime *current_day = NULL;
  guint n = g_list_model_get_n_items (self->items);
  guint n_upcoming = 0;

  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  g_array_set_clear_func (rows, row_clear);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskEvent) event = g_list_model_get_item (self->items, i);
      g_autoptr(GDateTime) end = NULL;
      g_autoptr(GDateTime) start = NULL;
      const char * const *event_categories;
      Row row;

      if (!KIOSK_IS_EVENT (event) || kiosk_event_get_start (event) == NULL)
        continue;
      end = effective_end (event);
      if (g_date_time_compare (end, now) <= 0)
        continue;

      n_upcoming++;
      if (next_change == NULL || g_date_time_compare (end, next_change) < 0)
        {
          g_clear_pointer (&next_change, g_date_time_unref);
          next_change = g_date_time_ref (end);
        }

      event_categories = kiosk_event_get_categories (event);
      for (guint c = 0; event_categories != NULL && event_categories[c] != NULL; c++)
        {
          const char *label = kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY,
                                                      event_categories[c]);

          if (!g_hash_table_contains (seen_categories, label))
            {
              char *copy = g_strdup (label);

              g_ptr_array_add (categories, copy);
              g_hash_table_insert (seen_categories, copy, g_strdup (event_categories[c]));
            }
        }

      start = g_date_time_to_timezone (kiosk_event_get_start (event), self->tz);
      if (self->time_filter == TIME_FILTER_TODAY && g_date_time_compare (start, tomorrow) >= 0)
        continue;
      if (self->time_filter == TIME_FILTER_WEEK && g_date_time_compare (start, week_end) >= 0)
        continue;
      if (self->category != NULL && !has_category (event, self->category))
        continue;

      /* What is running already is listed under today. */
      row.event = g_steal_pointer (&event);
      row.day = g_date_time_compare (start, today) < 0 ? g_date_time_ref (today) : kiosk_events_view_day_start (start);
      g_array_append_val (rows, row);
    }

  {
    gboolean had_category = self->category != NULL;

    update_category_chips (self, categories, seen_categories);
    /* The chosen category is gone from the feed: list everything instead. */
    if (had_category && self->category == NULL)
      {
        g_clear_pointer (&next_change, g_date_time_unref);
        rebuild (self);
        return;
      }
  }
  g_array_sort (rows, compare_rows);

  out = g_ptr_array_new_full (rows->len + 64, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);

      if (current_day == NULL || !g_date_time_equal (current_day, row->day))
        {
          g_autofree char *heading = kiosk_i18n_format_day_heading (row->day, now);

          current_day = row->day;
          g_ptr_array_add (out, gtk_string_object_new (heading));
        }
      g_ptr_array_add (out, g_object_ref (row->event));
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       out->pdata, out->len);

  g_clear_pointer (&self->next_change, g_date_time_unref);
  self->next_change = next_change;
  self->shown_day = g_date_time_get_day_of_year (now);

  update_empty_state (self, out->len, n_upcoming);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  KioskEventsView *self = user_data;

  self->rebuild_idle = 0;
  rebuild (self);

  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (KioskEventsView *self)
{
  if (self->rebuild_idle == 0)
    self->rebuild_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rebuild_idle_cb, self, NULL);
}

static void
items_changed_cb (GListModel      *model,
                  guint            position,
                  guint            removed,
                  guint            added,
                  KioskEventsView *self)
{
  queue_rebuild (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  KioskEventsView *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now (self->tz);

  /* Ended events drop out; "Morgen" becomes "Heute" at midnight. */
  if ((self->next_change != NULL && g_date_time_compare (now, self->next_change) >= 0) ||
      g_date_time_get_day_of_year (now) != self->shown_day)
    queue_rebuild (self);

  return G_SOURCE_CONTINUE;
}

static void
time_chip_toggled_cb (GtkToggleButton *chip,
                      KioskEventsView *self)
{
  if (self->updating_chips)
    return;

  self->updating_chips = TRUE;
  if (chip == self->today_chip && gtk_toggle_button_get_active (chip))
    gtk_toggle_button_set_active (self->week_chip, FALSE);
  else if (chip == self->week_chip && gtk_toggle_button_get_active (chip))
    gtk_toggle_button_set_active (self->today_chip, FALSE);
  self->updating_chips = FALSE;

  if (gtk_toggle_button_get_active (self->today_chip))
    self->time_filter = TIME_FILTER_TODAY;
  else if (gtk_toggle_button_get_active (self->week_chip))
    self->time_filter = TIME_FILTER_WEEK;
  else
    self->time_filter = TIME_FILTER_ALL;

  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
clear_filters (KioskEventsView *self)
{
  self->updating_chips = TRUE;
  gtk_toggle_button_set_active (self->today_chip, FALSE);
  gtk_toggle_button_set_active (self->week_chip, FALSE);
  for (guint i = 0; i < self->category_chips->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->category_chips, i), FALSE);
  self->updating_chips = FALSE;

  self->time_filter = TIME_FILTER_ALL;
  g_clear_pointer (&self->category, g_free);
  rebuild (self);
}

static void
show_all_clicked_cb (GtkButton       *button,
                     KioskEventsView *self)
{
  clear_filters (self);
}

static void
row_activated_cb (GtkListView     *list_view,
                  guint            position,
                  KioskEventsView *self)
{
  kiosk_events_view_open_row (self, position);
}

/* KioskResettable */

static void
reset (KioskResettable *resettable)
{
  KioskEventsView *self = KIOSK_EVENTS_VIEW (resettable);

  /* Up first, while the rows the list is scrolled over are still there:
   * after the rebuild GtkListView cannot find where it was. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  clear_filters (self);
}

static void
resettable_iface_init (KioskResettableInterface *iface)
{
  iface->reset = reset;
}

static void
kiosk_events_view_dispose (GObject *object)
{
  KioskEventsView *self = (KioskEventsView *)object;

  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  g_clear_handle_id (&self->tick, g_source_remove);
  if (self->items != NULL)
    g_signal_handlers_disconnect_by_data (self->items, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_EVENTS_VIEW);

  g_clear_object (&self->items);
  g_clear_object (&self->rows);
  g_clear_object (&self->images);
  g_clear_object (&self->services);
  g_clear_pointer (&self->category_chips, g_ptr_array_unref);
  g_clear_weak_pointer (&self->open_page);

  G_OBJECT_CLASS (kiosk_events_view_parent_class)->dispose (object);
}

static void
kiosk_events_view_finalize (GObject *object)
{
  KioskEventsView *self = (KioskEventsView *)object;

  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->row_widgets, g_hash_table_unref);
  g_clear_pointer (&self->categories_key, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->category_term, g_free);
  g_clear_pointer (&self->category_terms, g_hash_table_unref);
  g_clear_pointer (&self->next_change, g_date_time_unref);

  G_OBJECT_CLASS (kiosk_events_view_parent_class)->finalize (object);
}

static GtkWidget *
push_event_page (KioskEventsView *self,
                 KioskEvent      *event)
{
  GtkWidget *page = kiosk_event_page_new (event, self->tz, self->images);

  if (!kiosk_navigation_push_page (KIOSK_NAVIGATION (self), page,
                                   kiosk_event_get_title_for (event, kiosk_i18n_get_language ())))
    return NULL;
  g_set_weak_pointer (&self->open_page, page);

  return page;
}

/* KioskNavigation: the filters, the scroll position and the open event
 * (uid and start, one occurrence of a series). A category is kept as a
 * source's word, since its label changes with the language. */
static GVariant *
save_place (KioskNavigation *navigation)
{
  KioskEventsView *self = KIOSK_EVENTS_VIEW (navigation);
  const char *term = "";
  const char *uid = "";
  gint64 start = 0;

  if (self->category != NULL && self->category_term != NULL)
    term = self->category_term;

  /* Back from the page leaves it out of the window. */
  if (self->open_page != NULL && gtk_widget_get_parent (self->open_page) != NULL)
    {
      KioskEvent *event = kiosk_event_page_get_event (KIOSK_EVENT_PAGE (self->open_page));

      uid = kiosk_event_get_uid (event) != NULL ? kiosk_event_get_uid (event) : "";
      start = g_date_time_to_unix (kiosk_event_get_start (event));
    }

  return g_variant_new ("(usdsx)", (guint32) self->time_filter, term,
                        gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller)),
                        uid, start);
}

static void
restore_place (KioskNavigation *navigation,
               GVariant        *place)
{
  KioskEventsView *self = KIOSK_EVENTS_VIEW (navigation);
  guint32 time_filter;
  const char *term, *uid;
  double scroll;
  gint64 start;
  guint n;

  if (!g_variant_is_of_type (place, G_VARIANT_TYPE ("(usdsx)")))
    return;
  g_variant_get (place, "(u&sd&sx)", &time_filter, &term, &scroll, &uid, &start);

  g_free (self->category);
  self->category = *term != '\0' ? g_strdup (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY,
                                                                      term))
                                  : NULL;
  g_free (self->category_term);
  self->category_term = *term != '\0' ? g_strdup (term) : NULL;
  /* The chips' toggles rebuild the list with the category set. */
  if (time_filter == TIME_FILTER_TODAY)
    gtk_toggle_button_set_active (self->today_chip, TRUE);
  else if (time_filter == TIME_FILTER_WEEK)
    gtk_toggle_button_set_active (self->week_chip, TRUE);
  else
    rebuild (self);
  /* Chips built before the category was known show it now. */
  self->updating_chips = TRUE;
  for (guint i = 0; i < self->category_chips->len; i++)
    {
      GtkToggleButton *chip = g_ptr_array_index (self->category_chips, i);

      gtk_toggle_button_set_active (chip, g_strcmp0 (gtk_button_get_label (GTK_BUTTON (chip)),
                                                     self->category) == 0);
    }
  self->updating_chips = FALSE;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), scroll);

  if (*uid == '\0')
    return;
  n = g_list_model_get_n_items (self->items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskEvent) event = g_list_model_get_item (self->items, i);

      if (g_strcmp0 (kiosk_event_get_uid (event), uid) == 0 &&
          g_date_time_to_unix (kiosk_event_get_start (event)) == start)
        {
          push_event_page (self, event);
          return;
        }
    }
}

static void
navigation_iface_init (KioskNavigationInterface *iface)
{
  iface->save_place = save_place;
  iface->restore_place = restore_place;
}

/* The next occurrence of @uid that has not ended, as the map's card means
 * it: its page opens on top of the list. */
static void
show_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  KioskEventsView *self = KIOSK_EVENTS_VIEW (widget);
  const char *uid = g_variant_get_string (param, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now (self->tz);
  g_autoptr(KioskEvent) best = NULL;
  guint n;

  n = g_list_model_get_n_items (self->items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KioskEvent) event = g_list_model_get_item (self->items, i);
      GDateTime *end = kiosk_event_get_end (event);

      if (g_strcmp0 (kiosk_event_get_uid (event), uid) != 0)
        continue;
      if (end != NULL && g_date_time_compare (end, now) <= 0)
        continue;
      if (best == NULL ||
          g_date_time_compare (kiosk_event_get_start (event), kiosk_event_get_start (best)) < 0)
        g_set_object (&best, event);
    }

  if (best == NULL)
    {
      g_debug ("No upcoming occurrence of %s", uid);
      return;
    }

  push_event_page (self, best);
}

static void
kiosk_events_view_class_init (KioskEventsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_events_view_dispose;
  object_class->finalize = kiosk_events_view_finalize;

  g_type_ensure (ADW_TYPE_STATUS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-events-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskEventsView, content);
  gtk_widget_class_bind_template_child (widget_class, KioskEventsView, chips_scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskEventsView, chips_box);
  gtk_widget_class_bind_template_child (widget_class, KioskEventsView, today_chip);
  gtk_widget_class_bind_template_child (widget_class, KioskEventsView, week_chip);
  gtk_widget_class_bind_template_child (widget_class, KioskEventsView, stack);
  gtk_widget_class_bind_template_child (widget_class, KioskEventsView, scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskEventsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, KioskEventsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KioskEventsView, show_all_button);
  gtk_widget_class_bind_template_callback (widget_class, time_chip_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  /* (uid): the event's next occurrence, for cross-links from the map. */
  gtk_widget_class_install_action (widget_class, "events.show-event", "s", show_event_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kiosk-events-view");
}

static void
kiosk_events_view_init (KioskEventsView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (G_TYPE_OBJECT);
  self->category_chips = g_ptr_array_new ();
  self->category_terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->row_widgets = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  factory = gtk_signal_list_item_factory_new ();
  kiosk_events_view_connect_rows (self, GTK_SIGNAL_LIST_ITEM_FACTORY (factory));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  /* The chips are buttons; their flow box children need no focus of their own. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

GtkWidget *
kiosk_events_view_new (KioskConfig   *config,
                       KioskServices *services)
{
  KioskEventsView *self;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);

  if (!kiosk_services_has_area (services, KIOSK_AREA_EVENTS))
    return kiosk_empty_view_new ("kiosk-events-symbolic",
                                 _("No event calendar set up yet"),
                                 _("Staff can add the city’s event calendar (iCalendar or "
                                   "schema.org) in the settings. Until then there is nothing "
                                   "to show here."));

  self = g_object_new (KIOSK_TYPE_EVENTS_VIEW, NULL);
  self->services = g_object_ref (services);
  self->images = kiosk_image_loader_new (services);
  self->tz = kiosk_config_get_time_zone (config);
  self->items = g_object_ref (kiosk_services_get_items (services, KIOSK_AREA_EVENTS));
  g_signal_connect (self->items, "items-changed", G_CALLBACK (items_changed_cb), self);
  self->tick = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
  rebuild (self);

  return GTK_WIDGET (self);
}

GListModel *
kiosk_events_view_get_rows (KioskEventsView *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENTS_VIEW (self), NULL);

  return G_LIST_MODEL (self->rows);
}

GtkListView *
kiosk_events_view_get_list_view (KioskEventsView *self)
{
  g_return_val_if_fail (KIOSK_IS_EVENTS_VIEW (self), NULL);

  return self->list_view;
}

GtkWidget *
kiosk_events_view_open_row (KioskEventsView *self,
                            guint            position)
{
  g_autoptr(GObject) item = NULL;

  g_return_val_if_fail (KIOSK_IS_EVENTS_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  if (!KIOSK_IS_EVENT (item))
    return NULL;

  return push_event_page (self, KIOSK_EVENT (item));
}

void
kiosk_events_view_refresh (KioskEventsView *self)
{
  g_return_if_fail (KIOSK_IS_EVENTS_VIEW (self));

  rebuild (self);
}

GTimeZone *
kiosk_events_view_get_time_zone (KioskEventsView *self)
{
  return self->tz;
}

GHashTable *
kiosk_events_view_get_row_widgets (KioskEventsView *self)
{
  return self->row_widgets;
}

void
kiosk_events_view_set_controls_below (KioskEventsView *self,
                                      gboolean         below)
{
  g_return_if_fail (KIOSK_IS_EVENTS_VIEW (self));

  /* Reach mode: the filter chips under the list, within reach. */
  if (below)
    gtk_box_reorder_child_after (GTK_BOX (self->content), self->chips_scroller,
                                 GTK_WIDGET (self->stack));
  else
    gtk_box_reorder_child_after (GTK_BOX (self->content), self->chips_scroller, NULL);
}

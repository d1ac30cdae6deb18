/* kiosk-surveys-view.c: the surveys area: open surveys, the flow, thanks, results
 *
 * The view keeps nothing that must outlive it: answers go to the outbox
 * (through the services it is given) before "Thank you" shows, and which surveys were answered
 * (and a survey half answered when the view is rebuilt) lives in the
 * KioskSurveySession it is given, until the idle reset. */

#define G_LOG_DOMAIN "kiosk-surveys-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kiosk-empty-view.h"
#include "kiosk-i18n.h"
#include "kiosk-resettable.h"
#include "kiosk-survey-flow.h"
#include "kiosk-survey-results.h"
#include "kiosk-survey-results-view.h"
#include "kiosk-survey-session.h"
#include "kiosk-surveys-view.h"
#define MAX_RESULTS_BYTES (1024 * 1024)

struct _KioskSurveysView
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkStack          *stack;
  GtkScrolledWindow *list_scroller;
  GtkWidget         *list_page;
  GtkWidget         *thanks_page;
  GtkWidget         *error_page;
  GtkWidget         *list_empty;
  GtkBox            *list;
  GtkBox            *flow_box;
  GtkWidget         *results_button;
  GtkScrolledWindow *results_scroller;
  GtkBox            *results_box;
  GtkLabel          *error_label;

  /* borrowed */
  GtkWidget         *flow;

  /* owned */
  KioskConfig       *config;
  KioskServices     *services;
  GListModel        *items;
  GCancellable      *cancellable;      /* the view's life */
  GCancellable      *results_cancellable;
  KioskSurvey       *last_survey;      /* for "Show results" and "Try again" */
  JsonNode          *failed_answers;   /* kept only to retry a failed write */
  KioskSurveySession *visitor;         /* shared with the views before and after */
};

static void resettable_iface_init (KioskResettableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskSurveysView, kiosk_surveys_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (KIOSK_TYPE_RESETTABLE, resettable_iface_init))

static void show_results (KioskSurveysView *self, KioskSurvey *survey);

static void
set_label (GtkWidget  *button,
           const char *label)
{
  gtk_button_set_label (GTK_BUTTON (button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
drop_flow (KioskSurveysView *self)
{
  /* The flow holds every tap and typed character: it goes entirely. */
  if (self->flow != NULL)
    {
      gtk_box_remove (self->flow_box, self->flow);
      self->flow = NULL;
    }
  g_clear_pointer (&self->failed_answers, json_node_unref);
}

static void rebuild_list (KioskSurveysView *self);

static void
show_list (KioskSurveysView *self)
{
  drop_flow (self);
  g_cancellable_cancel (self->results_cancellable);
  rebuild_list (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->list_scroller), 0);
}

static void
flow_cancelled_cb (KioskSurveyFlow  *flow,
                   KioskSurveysView *self)
{
  show_list (self);
}

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(KioskSurveysView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  KioskSurvey *survey;

  key = kiosk_services_store_answers_finish (KIOSK_SERVICES (object), result, &error);
  /* The view went away (reset, language): the answer is stored or not,
   * nothing is left to show. */
  if (g_cancellable_is_cancelled (self->cancellable) || self->flow == NULL)
    return;

  survey = kiosk_survey_flow_get_survey (KIOSK_SURVEY_FLOW (self->flow));
  if (key == NULL)
    {
      g_autofree char *text = NULL;

      g_warning ("Answer for survey %s not saved: %s", kiosk_survey_get_id (survey), error->message);
      text = g_strdup_printf (_("Please try again, or tell the staff. (%s)"), error->message);
      gtk_label_set_label (self->error_label, text);
      kiosk_survey_flow_set_busy (KIOSK_SURVEY_FLOW (self->flow), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  /* Durable now: only now may "Thank you" appear. */
  kiosk_survey_session_add_answered (self->visitor, kiosk_survey_get_id (survey));
  g_set_object (&self->last_survey, survey);
  /* Its slot in the row of buttons goes with it. */
  gtk_widget_set_visible (gtk_widget_get_parent (self->results_button),
                          kiosk_survey_get_results_url (survey) != NULL);
  drop_flow (self);
  gtk_stack_set_visible_child_name (self->stack, "thanks");
}

static void
submit (KioskSurveysView *self,
        JsonNode         *answers)
{
  KioskSurvey *survey = kiosk_survey_flow_get_survey (KIOSK_SURVEY_FLOW (self->flow));

  /* Kept until stored, so that "Try again" needs no second go. */
  if (self->failed_answers != answers)
    {
      g_clear_pointer (&self->failed_answers, json_node_unref);
      self->failed_answers = json_node_ref (answers);
    }

  if (!kiosk_services_can_store_answers (self->services))
    {
      gtk_label_set_label (self->error_label,
                           _("This kiosk cannot store answers at the moment. Please tell the staff."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  kiosk_survey_flow_set_busy (KIOSK_SURVEY_FLOW (self->flow), TRUE);
  kiosk_services_store_answers_async (self->services,
                                      kiosk_survey_get_id (survey),
                                      kiosk_survey_get_answers_url (survey),
                                      answers,
                                      self->cancellable,
                                      add_cb,
                                      g_object_ref (self));
}

static void
flow_submit_cb (KioskSurveyFlow  *flow,
                JsonNode         *answers,
                KioskSurveysView *self)
{
  submit (self, answers);
}

static void
retry_clicked_cb (KioskSurveysView *self)
{
  g_autoptr(JsonNode) answers = NULL;

  if (self->flow == NULL || self->failed_answers == NULL)
    {
      show_list (self);
      return;
    }

  answers = json_node_ref (self->failed_answers);
  gtk_stack_set_visible_child_name (self->stack, "flow");
  submit (self, answers);
}

static void
back_to_list_cb (KioskSurveysView *self)
{
  show_list (self);
}

static void
thanks_results_clicked_cb (KioskSurveysView *self)
{
  if (self->last_survey != NULL)
    show_results (self, self->last_survey);
}

static void
start_survey (KioskSurveysView *self,
              KioskSurvey      *survey)
{
  drop_flow (self);
  self->flow = kiosk_survey_flow_new (survey);
  gtk_widget_set_vexpand (self->flow, TRUE);
  g_signal_connect (self->flow, "cancelled", G_CALLBACK (flow_cancelled_cb), self);
  g_signal_connect (self->flow, "submit", G_CALLBACK (flow_submit_cb), self);
  gtk_box_append (self->flow_box, self->flow);
  gtk_stack_set_visible_child_name (self->stack, "flow");
}

/* The cards name their survey by id (their action's target): a refresh
 * may have replaced the survey object since the card was made. */
static KioskSurvey *
find_survey (KioskSurveysView *self,
             const char       *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->items); i++)
    {
      g_autoptr(KioskSurvey) survey = g_list_model_get_item (self->items, i);

      if (KIOSK_IS_SURVEY (survey) && g_strcmp0 (kiosk_survey_get_id (survey), id) == 0)
        return g_steal_pointer (&survey);
    }

  return NULL;
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  KioskSurveysView *self = KIOSK_SURVEYS_VIEW (widget);
  g_autoptr(KioskSurvey) survey = find_survey (self, g_variant_get_string (param, NULL));

  if (survey != NULL)
    start_survey (self, survey);
}

static void
results_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  KioskSurveysView *self = KIOSK_SURVEYS_VIEW (widget);
  g_autoptr(KioskSurvey) survey = find_survey (self, g_variant_get_string (param, NULL));

  if (survey != NULL)
    show_results (self, survey);
}

/* Results */

static void
results_message (KioskSurveysView *self,
                 const char       *text)
{
  GtkWidget *child;
  GtkWidget *label;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_box))) != NULL)
    gtk_box_remove (self->results_box, child);

  if (text == NULL)
    return;

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "survey-description");
  gtk_box_append (self->results_box, label);
}

static void
parse_results_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  KioskSurveyResults *results = kiosk_survey_results_parse (task_data, &error);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) kiosk_survey_results_free);
}

static void
results_parsed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KioskSurveysView *self = KIOSK_SURVEYS_VIEW (object);
  g_autoptr(KioskSurvey) survey = user_data;
  g_autoptr(KioskSurveyResults) results = NULL;
  g_autoptr(GError) error = NULL;

  results = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (results == NULL)
    {
      g_warning ("Results of survey %s: %s", kiosk_survey_get_id (survey), error->message);
      results_message (self, _("The results cannot be shown right now. Please try again later."));
      return;
    }

  results_message (self, NULL);
  gtk_box_append (self->results_box, kiosk_survey_results_view_new (survey, results));
}

static void
got_results (KioskSurveysView *self,
             KioskSurvey      *survey,
             GCancellable     *cancellable,
             GBytes           *bytes,
             GError           *error)
{
  g_autoptr(GTask) task = NULL;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_message ("Results of survey %s: %s", kiosk_survey_get_id (survey), error->message);
          results_message (self, _("The results cannot be loaded right now (no network?). "
                                   "Please try again later."));
        }
      return;
    }

  /* Parsing is for a thread, even for a small document. */
  if (g_cancellable_is_cancelled (cancellable))
    return;
  task = g_task_new (self, cancellable, results_parsed_cb, g_object_ref (survey));
  g_task_set_source_tag (task, got_results);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, parse_results_thread);
}

typedef struct
{
  KioskSurveysView *self;
  KioskSurvey      *survey;
  GCancellable     *cancellable;   /* this fetch's: a newer one cancels it */
} ResultsFetch;

static void
results_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ResultsFetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = kiosk_services_fetch_finish (KIOSK_SERVICES (object), result, &error);
  got_results (fetch->self, fetch->survey, fetch->cancellable, bytes, error);

  g_object_unref (fetch->self);
  g_object_unref (fetch->survey);
  g_object_unref (fetch->cancellable);
  g_free (fetch);
}

static void
show_results (KioskSurveysView *self,
              KioskSurvey      *survey)
{
  const char *url = kiosk_survey_get_results_url (survey);
  ResultsFetch *fetch;

  g_cancellable_cancel (self->results_cancellable);
  g_clear_object (&self->results_cancellable);
  self->results_cancellable = g_cancellable_new ();

  results_message (self, _("Loading the results…"));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->results_scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "results");

  if (url == NULL)
    {
      results_message (self, _("This survey publishes no results."));
      return;
    }

  /* Through the kiosk's fetcher: its deadline and redirect policy, and a
   * cap, so a hostile answer cannot fill the kiosk's memory. */
  fetch = g_new0 (ResultsFetch, 1);
  fetch->self = g_object_ref (self);
  fetch->survey = g_object_ref (survey);
  fetch->cancellable = g_object_ref (self->results_cancellable);
  kiosk_services_fetch_async (self->services, url, MAX_RESULTS_BYTES, self->results_cancellable,
                              results_fetched_cb, fetch);
}

/* The list */

static GtkWidget *
new_card (KioskSurveysView *self,
          KioskSurvey      *survey,
          gboolean          answered)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = gtk_label_new (kiosk_survey_get_title (survey));
  GtkWidget *meta;
  const char *description = kiosk_survey_get_description (survey);
  GDateTime *closes = kiosk_survey_get_closes (survey);
  guint n = kiosk_survey_get_questions (survey)->len;
  g_autofree char *meta_text = NULL;
  g_autofree char *questions = g_strdup_printf (ngettext ("%u question", "%u questions", n), n);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  /* A long word in large text breaks rather than push "Results" off a
   * narrow stele. */
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_add_css_class (title, "survey-card-title");
  gtk_box_append (GTK_BOX (box), title);

  if (description != NULL)
    {
      GtkWidget *label = gtk_label_new (description);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
    }

  if (answered)
    {
      meta_text = g_strdup (_("✓ Thank you — you have answered this survey."));
    }
  else if (closes != NULL)
    {
      g_autoptr(GDateTime) last = g_date_time_add_seconds (closes, -1);
      g_autofree char *date = kiosk_i18n_format_date_long (last);

      meta_text = g_strdup_printf (_("%s · open until %s"), questions, date);
    }
  else
    {
      meta_text = g_strdup (questions);
    }
  meta = gtk_label_new (meta_text);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_label_set_xalign (GTK_LABEL (meta), 0.0f);
  gtk_widget_add_css_class (meta, "survey-card-meta");
  gtk_box_append (GTK_BOX (box), meta);

  /* The card is one big button; this says so, in the primary colour,
   * so that "Results" beside it is not taken for the only way in. */
  if (!answered)
    {
      GtkWidget *start = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *start_label = gtk_label_new (C_("survey", "Take part"));

      gtk_box_append (GTK_BOX (start), start_label);
      gtk_box_append (GTK_BOX (start), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_widget_set_halign (start, GTK_ALIGN_START);
      gtk_widget_add_css_class (start, "survey-card-start");
      gtk_box_append (GTK_BOX (box), start);
    }

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_add_css_class (button, "survey-card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kiosk_survey_get_title (survey), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  meta_text, -1);
  /* One go per survey and person: the next person gets a fresh kiosk.
   * (An action would make the button sensitive again: none when answered.) */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", kiosk_survey_get_id (survey));
  if (!answered)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "surveys.start");
  gtk_widget_set_sensitive (button, !answered);
  gtk_box_append (GTK_BOX (row), button);

  if (kiosk_survey_get_results_url (survey) != NULL)
    {
      GtkWidget *results = gtk_button_new_with_label (C_("survey", "Results"));

      set_label (results, C_("survey", "Results"));
      gtk_widget_add_css_class (results, "survey-card-results");
      gtk_widget_set_valign (results, GTK_ALIGN_FILL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (results), "surveys.results");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (results), "s", kiosk_survey_get_id (survey));
      gtk_box_append (GTK_BOX (row), results);
    }

  return row;
}

static void
rebuild_list (KioskSurveysView *self)
{
  g_autoptr(GTimeZone) tz = kiosk_config_get_time_zone (self->config);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_box_remove (self->list, child);

  for (guint i = 0; i < g_list_model_get_n_items (self->items); i++)
    {
      g_autoptr(KioskSurvey) survey = g_list_model_get_item (self->items, i);

      /* Closed, not yet open, or nowhere to send answers: not offered. */
      if (!KIOSK_IS_SURVEY (survey) || !kiosk_survey_is_open (survey, now) ||
          kiosk_survey_get_answers_url (survey) == NULL)
        continue;

      gtk_box_append (self->list,
                      new_card (self, survey,
                                kiosk_survey_session_has_answered (self->visitor,
                                                                   kiosk_survey_get_id (survey))));
      shown++;
    }

  gtk_widget_set_visible (self->list_empty, shown == 0);
}

static void
items_changed_cb (GListModel       *model,
                  guint             position,
                  guint             removed,
                  guint             added,
                  KioskSurveysView *self)
{
  /* A refresh never pulls the screen from under someone mid-survey. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    rebuild_list (self);
}

/* A survey half answered when the view leaves the window (the language
 * switch rebuilds every view): the session keeps it for the next view. */
static void
kiosk_surveys_view_unroot (GtkWidget *widget)
{
  KioskSurveysView *self = KIOSK_SURVEYS_VIEW (widget);

  if (self->flow != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "flow") == 0)
    {
      KioskSurveyFlow *flow = KIOSK_SURVEY_FLOW (self->flow);
      g_autoptr(JsonNode) answers = kiosk_survey_flow_dup_answers (flow);

      kiosk_survey_session_set_draft (self->visitor,
                                      kiosk_survey_get_id (kiosk_survey_flow_get_survey (flow)),
                                      answers,
                                      kiosk_survey_flow_get_position (flow));
    }

  GTK_WIDGET_CLASS (kiosk_surveys_view_parent_class)->unroot (widget);
}

static gboolean
resume_draft (KioskSurveysView *self)
{
  g_autofree char *survey_id = NULL;
  g_autoptr(JsonNode) answers = NULL;
  guint position = 0;

  g_autoptr(KioskSurvey) survey = NULL;

  if (!kiosk_survey_session_take_draft (self->visitor, &survey_id, &answers, &position))
    return FALSE;

  survey = find_survey (self, survey_id);
  if (survey == NULL)
    return FALSE;

  start_survey (self, survey);
  kiosk_survey_flow_restore (KIOSK_SURVEY_FLOW (self->flow), answers, position);

  return TRUE;
}

static void
kiosk_surveys_view_map (GtkWidget *widget)
{
  KioskSurveysView *self = KIOSK_SURVEYS_VIEW (widget);

  GTK_WIDGET_CLASS (kiosk_surveys_view_parent_class)->map (widget);

  if (resume_draft (self))
    return;

  /* Dates move on: whether a survey is open is decided when it is shown. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    rebuild_list (self);
}

static void
reset (KioskResettable *resettable)
{
  KioskSurveysView *self = KIOSK_SURVEYS_VIEW (resettable);

  /* The next person: no unfinished survey, no typed text, and every
   * survey open to answer again. */
  kiosk_survey_session_clear (self->visitor);
  g_clear_object (&self->last_survey);
  results_message (self, NULL);
  show_list (self);
}

static void
resettable_iface_init (KioskResettableInterface *iface)
{
  iface->reset = reset;
}

static void
kiosk_surveys_view_dispose (GObject *object)
{
  KioskSurveysView *self = (KioskSurveysView *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->results_cancellable);
  if (self->items != NULL)
    g_signal_handlers_disconnect_by_data (self->items, self);
  drop_flow (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SURVEYS_VIEW);

  g_clear_object (&self->items);
  g_clear_object (&self->config);
  g_clear_object (&self->services);
  g_clear_object (&self->last_survey);
  g_clear_object (&self->visitor);

  G_OBJECT_CLASS (kiosk_surveys_view_parent_class)->dispose (object);
}

static void
kiosk_surveys_view_finalize (GObject *object)
{
  KioskSurveysView *self = (KioskSurveysView *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->results_cancellable);

  G_OBJECT_CLASS (kiosk_surveys_view_parent_class)->finalize (object);
}

static void
kiosk_surveys_view_class_init (KioskSurveysViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_surveys_view_dispose;
  object_class->finalize = kiosk_surveys_view_finalize;
  widget_class->map = kiosk_surveys_view_map;
  widget_class->unroot = kiosk_surveys_view_unroot;

  g_type_ensure (ADW_TYPE_CLAMP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-surveys-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSurveysView, stack);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveysView, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveysView, list_empty);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveysView, list);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveysView, flow_box);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveysView, list_page);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveysView, thanks_page);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveysView, error_page);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveysView, results_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveysView, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveysView, results_box);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveysView, error_label);
  gtk_widget_class_bind_template_callback (widget_class, back_to_list_cb);
  gtk_widget_class_bind_template_callback (widget_class, thanks_results_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_install_action (widget_class, "surveys.start", "s", start_action);
  gtk_widget_class_install_action (widget_class, "surveys.results", "s", results_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "surveysview");
}

static void
kiosk_surveys_view_init (KioskSurveysView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->results_cancellable = g_cancellable_new ();
}

GtkWidget *
kiosk_surveys_view_new (KioskConfig        *config,
                        KioskServices      *services,
                        KioskSurveySession *session)
{
  KioskSurveysView *self;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);
  g_return_val_if_fail (session == NULL || KIOSK_IS_SURVEY_SESSION (session), NULL);

  if (!kiosk_services_has_area (services, KIOSK_AREA_SURVEYS))
    return kiosk_empty_view_new ("kiosk-surveys-symbolic",
                                 _("No surveys set up"),
                                 _("Staff can add a survey source in the settings. "
                                   "Until then there is nothing to answer here."));

  self = g_object_new (KIOSK_TYPE_SURVEYS_VIEW, NULL);
  self->config = g_object_ref (config);
  self->services = g_object_ref (services);
  self->items = g_object_ref (kiosk_services_get_items (services, KIOSK_AREA_SURVEYS));
  g_signal_connect (self->items, "items-changed", G_CALLBACK (items_changed_cb), self);
  self->visitor = session != NULL ? g_object_ref (session) : kiosk_survey_session_new ();

  rebuild_list (self);

  return GTK_WIDGET (self);
}

const char *
kiosk_surveys_view_get_page (KioskSurveysView *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEYS_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
kiosk_surveys_view_get_flow (KioskSurveysView *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEYS_VIEW (self), NULL);

  return self->flow;
}

GtkWidget *
kiosk_surveys_view_get_survey_button (KioskSurveysView *self,
                                      const char       *id)
{
  g_return_val_if_fail (KIOSK_IS_SURVEYS_VIEW (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *button = gtk_widget_get_first_child (row);
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

      if (target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), id) == 0)
        return button;
    }

  return NULL;
}

void
kiosk_surveys_view_set_controls_below (KioskSurveysView *self,
                                       gboolean          below)
{
  g_return_if_fail (KIOSK_IS_SURVEYS_VIEW (self));

  /* Reach mode: the cards and the buttons of the thanks and error pages
   * at the bottom, within reach from a wheelchair; the flow already keeps
   * its question low on a portrait stele. */
  gtk_widget_set_valign (self->list_page, below ? GTK_ALIGN_END : GTK_ALIGN_FILL);
  gtk_widget_set_valign (self->thanks_page, below ? GTK_ALIGN_END : GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->error_page, below ? GTK_ALIGN_END : GTK_ALIGN_CENTER);
}

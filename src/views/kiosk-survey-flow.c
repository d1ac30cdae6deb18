/* kiosk-survey-flow.c: one survey from the intro to "Submit", a question a screen */

#define G_LOG_DOMAIN "kiosk-survey-flow"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kiosk-survey-flow.h"
#include "kiosk-survey-question-view.h"

struct _KioskSurveyFlow
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *overlay;
  GtkWidget         *progress_box;
  GtkLabel          *progress_label;
  GtkProgressBar    *progress_bar;
  GtkScrolledWindow *scroller;
  GtkBox            *page_box;
  GtkWidget         *intro;
  GtkLabel          *intro_title;
  GtkLabel          *intro_description;
  GtkLabel          *intro_count;
  GtkLabel          *hint_label;
  GtkWidget         *cancel_button;
  GtkWidget         *back_button;
  GtkWidget         *next_button;
  GtkWidget         *confirm;
  GtkWidget         *cancel_yes_button;
  GtkWidget         *cancel_no_button;

  /* borrowed */
  GtkWidget         *current;    /* the page in page_box */

  /* owned */
  KioskSurvey       *survey;
  GPtrArray         *views;      /* KioskSurveyQuestionView*, one per question */
  guint              position;
  gboolean           busy;
  gboolean           tried;      /* "Next" pressed on this question while incomplete */
};

enum {
  CANCELLED,
  SUBMIT,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KioskSurveyFlow, kiosk_survey_flow, GTK_TYPE_WIDGET)

static guint signals[N_SIGNALS];

static void
set_button_label (GtkWidget  *button,
                  const char *label)
{
  gtk_button_set_label (GTK_BUTTON (button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static KioskSurveyQuestionView *
current_view (KioskSurveyFlow *self)
{
  if (self->position == 0)
    return NULL;

  return g_ptr_array_index (self->views, self->position - 1);
}

static void
update (KioskSurveyFlow *self)
{
  KioskSurveyQuestionView *view = current_view (self);
  guint n = self->views->len;
  const char *hint = view != NULL ? kiosk_survey_question_view_get_hint (view) : NULL;
  gboolean complete = view == NULL || kiosk_survey_question_view_get_complete (view);

  gtk_widget_set_visible (self->progress_box, self->position > 0);
  if (self->position > 0)
    {
      g_autofree char *progress = g_strdup_printf (_("Question %u of %u"), self->position, n);

      gtk_label_set_label (self->progress_label, progress);
      gtk_progress_bar_set_fraction (self->progress_bar, (double) self->position / n);
    }

  if (self->busy)
    set_button_label (self->next_button, C_("survey", "Saving…"));
  else if (self->position == 0)
    set_button_label (self->next_button, C_("survey", "Start"));
  else if (self->position == n)
    set_button_label (self->next_button, C_("survey", "Submit"));
  else
    set_button_label (self->next_button, C_("survey", "Next"));

  gtk_widget_set_visible (self->back_button, self->position > 0);
  gtk_widget_set_sensitive (self->back_button, !self->busy);
  gtk_widget_set_sensitive (self->cancel_button, !self->busy);
  gtk_widget_set_sensitive (self->next_button, !self->busy);

  /* Nobody is told off before they tried: what is missing is said once
   * "Next" was pressed too early; a note (the most answers allowed)
   * shows at once. */
  if (!complete && !self->tried)
    hint = NULL;
  gtk_label_set_label (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL && !self->busy);
  if (complete)
    gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "note");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "note");
}

/* On a tall stele (the window says "portrait") the question sits low,
 * next to its buttons, within reach from a wheelchair; on a wide screen it
 * starts at the top. */
static void
update_reach (KioskSurveyFlow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean portrait = root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "portrait");

  gtk_widget_set_valign (GTK_WIDGET (self->page_box), portrait ? GTK_ALIGN_END : GTK_ALIGN_START);
}

static void
show_position (KioskSurveyFlow *self,
               guint            position)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  GtkWidget *page = position == 0 ? self->intro : g_ptr_array_index (self->views, position - 1);

  /* One page in the box at a time; the others wait, answers and all. */
  self->position = position;
  self->tried = FALSE;
  if (self->current != page)
    {
      if (self->current != NULL)
        gtk_box_remove (self->page_box, self->current);
      gtk_box_append (self->page_box, page);
      self->current = page;
    }
  update_reach (self);
  gtk_adjustment_set_value (adjustment, 0);
  update (self);
}

static void
complete_cb (KioskSurveyQuestionView *view,
             GParamSpec              *pspec,
             KioskSurveyFlow         *self)
{
  if (KIOSK_SURVEY_QUESTION_VIEW (current_view (self)) == view)
    update (self);
}

static JsonNode *
collect_answers (KioskSurveyFlow *self)
{
  g_autoptr(JsonObject) object = json_object_new ();

  for (guint i = 0; i < self->views->len; i++)
    {
      KioskSurveyQuestionView *view = g_ptr_array_index (self->views, i);
      JsonNode *answer = kiosk_survey_question_view_dup_answer (view);

      if (answer != NULL)
        json_object_set_member (object,
                                kiosk_survey_question_get_id (kiosk_survey_question_view_get_question (view)),
                                answer);
    }

  return json_node_init_object (json_node_alloc (), object);
}

static void
next_clicked_cb (KioskSurveyFlow *self)
{
  KioskSurveyQuestionView *view = current_view (self);

  if (self->busy)
    return;
  if (view != NULL && !kiosk_survey_question_view_get_complete (view))
    {
      self->tried = TRUE;
      update (self);
      return;
    }

  if (self->position < self->views->len)
    {
      show_position (self, self->position + 1);
      return;
    }

  {
    g_autoptr(JsonNode) answers = collect_answers (self);

    g_signal_emit (self, signals[SUBMIT], 0, answers);
  }
}

static void
back_clicked_cb (KioskSurveyFlow *self)
{
  if (self->position > 0 && !self->busy)
    show_position (self, self->position - 1);
}

static void
show_confirm (KioskSurveyFlow *self,
              gboolean         show)
{
  GtkWidget *content = gtk_overlay_get_child (GTK_OVERLAY (self->overlay));

  gtk_widget_set_visible (self->confirm, show);
  gtk_widget_set_sensitive (content, !show);
  if (show)
    gtk_widget_grab_focus (self->cancel_no_button);
}

static void
cancel_clicked_cb (KioskSurveyFlow *self)
{
  /* Nothing to lose on the intro: no need to ask. */
  if (self->position == 0)
    {
      g_signal_emit (self, signals[CANCELLED], 0);
      return;
    }

  show_confirm (self, TRUE);
}

static void
cancel_no_clicked_cb (KioskSurveyFlow *self)
{
  show_confirm (self, FALSE);
}

static void
cancel_yes_clicked_cb (KioskSurveyFlow *self)
{
  show_confirm (self, FALSE);
  g_signal_emit (self, signals[CANCELLED], 0);
}

static void
kiosk_survey_flow_map (GtkWidget *widget)
{
  update_reach (KIOSK_SURVEY_FLOW (widget));

  GTK_WIDGET_CLASS (kiosk_survey_flow_parent_class)->map (widget);
}

static void
kiosk_survey_flow_dispose (GObject *object)
{
  KioskSurveyFlow *self = (KioskSurveyFlow *)object;
  GtkWidget *intro = self->intro;

  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SURVEY_FLOW);
  g_clear_object (&intro);
  self->current = NULL;
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_object (&self->survey);

  G_OBJECT_CLASS (kiosk_survey_flow_parent_class)->dispose (object);
}

static void
kiosk_survey_flow_class_init (KioskSurveyFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_survey_flow_dispose;
  widget_class->map = kiosk_survey_flow_map;

  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SUBMIT] = g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_NODE);

  g_type_ensure (ADW_TYPE_CLAMP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-survey-flow.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, overlay);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, page_box);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, intro);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, intro_title);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, intro_description);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, intro_count);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, back_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, next_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, confirm);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, cancel_yes_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSurveyFlow, cancel_no_button);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_no_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_yes_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "surveyflow");
}

static void
kiosk_survey_flow_init (KioskSurveyFlow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The intro leaves the box when a question shows: keep it alive. */
  g_object_ref (self->intro);
  self->current = self->intro;
  self->views = g_ptr_array_new_with_free_func (g_object_unref);
}

GtkWidget *
kiosk_survey_flow_new (KioskSurvey *survey)
{
  KioskSurveyFlow *self;
  GPtrArray *questions;
  const char *description;
  g_autofree char *count = NULL;

  g_return_val_if_fail (KIOSK_IS_SURVEY (survey), NULL);

  self = g_object_new (KIOSK_TYPE_SURVEY_FLOW, NULL);
  self->survey = g_object_ref (survey);

  gtk_label_set_label (self->intro_title, kiosk_survey_get_title (survey));
  description = kiosk_survey_get_description (survey);
  gtk_label_set_label (self->intro_description, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->intro_description), description != NULL);

  questions = kiosk_survey_get_questions (survey);
  count = g_strdup_printf (ngettext ("%u question", "%u questions", questions->len),
                           questions->len);
  gtk_label_set_label (self->intro_count, count);

  /* Every question's page exists from the start: Back finds its answer. */
  for (guint i = 0; i < questions->len; i++)
    {
      GtkWidget *view = kiosk_survey_question_view_new (g_ptr_array_index (questions, i));

      g_signal_connect (view, "notify::complete", G_CALLBACK (complete_cb), self);
      g_ptr_array_add (self->views, g_object_ref_sink (view));
    }

  show_position (self, 0);

  return GTK_WIDGET (self);
}

KioskSurvey *
kiosk_survey_flow_get_survey (KioskSurveyFlow *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_FLOW (self), NULL);

  return self->survey;
}

guint
kiosk_survey_flow_get_position (KioskSurveyFlow *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_FLOW (self), 0);

  return self->position;
}

GtkWidget *
kiosk_survey_flow_get_question_view (KioskSurveyFlow *self,
                                     guint            index)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_FLOW (self), NULL);
  g_return_val_if_fail (index < self->views->len, NULL);

  return g_ptr_array_index (self->views, index);
}

JsonNode *
kiosk_survey_flow_dup_answers (KioskSurveyFlow *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_FLOW (self), NULL);

  return collect_answers (self);
}

void
kiosk_survey_flow_restore (KioskSurveyFlow *self,
                           JsonNode        *answers,
                           guint            position)
{
  JsonObject *object;

  g_return_if_fail (KIOSK_IS_SURVEY_FLOW (self));
  g_return_if_fail (answers != NULL && JSON_NODE_HOLDS_OBJECT (answers));

  object = json_node_get_object (answers);
  for (guint i = 0; i < self->views->len; i++)
    {
      KioskSurveyQuestionView *view = g_ptr_array_index (self->views, i);
      const char *id = kiosk_survey_question_get_id (kiosk_survey_question_view_get_question (view));

      kiosk_survey_question_view_set_answer (view, json_object_get_member (object, id));
    }

  show_position (self, MIN (position, self->views->len));
}

void
kiosk_survey_flow_set_busy (KioskSurveyFlow *self,
                            gboolean         busy)
{
  g_return_if_fail (KIOSK_IS_SURVEY_FLOW (self));

  self->busy = !!busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->page_box), !busy);
  update (self);
}

GtkWidget *
kiosk_survey_flow_get_button (KioskSurveyFlow *self,
                              const char      *name)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_FLOW (self), NULL);

  if (g_strcmp0 (name, "next") == 0)
    return self->next_button;
  if (g_strcmp0 (name, "back") == 0)
    return self->back_button;
  if (g_strcmp0 (name, "cancel") == 0)
    return self->cancel_button;
  if (g_strcmp0 (name, "cancel-yes") == 0)
    return self->cancel_yes_button;
  if (g_strcmp0 (name, "cancel-no") == 0)
    return self->cancel_no_button;

  return NULL;
}

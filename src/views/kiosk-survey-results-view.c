/* kiosk-survey-results-view.c: a survey's published results as bars */

#define G_LOG_DOMAIN "kiosk-survey-results-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-survey-results-view.h"

struct _KioskSurveyResultsView
{
  GtkWidget  parent_instance;

  /* borrowed (child) */
  GtkWidget *box;
};

G_DEFINE_FINAL_TYPE (KioskSurveyResultsView, kiosk_survey_results_view, GTK_TYPE_WIDGET)

static GtkWidget *
new_label (const char *text,
           const char *css_class,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* A rating's ends carry the scale's words, as the question showed them:
 * "1 – gar nicht wichtig" ... "5 – sehr wichtig"; a bare "1" means nothing. */
static char *
choice_label (KioskSurveyQuestion *question,
              guint                index)
{
  GPtrArray *choices = kiosk_survey_question_get_choices (question);
  KioskSurveyChoice *choice = g_ptr_array_index (choices, index);
  const char *text = kiosk_localized_get (choice->text);
  const char *words = NULL;

  if (kiosk_survey_question_get_question_type (question) == KIOSK_SURVEY_QUESTION_RATING)
    {
      if (index == 0)
        words = kiosk_survey_question_get_min_label (question);
      else if (index == choices->len - 1)
        words = kiosk_survey_question_get_max_label (question);
    }

  if (words == NULL || *words == '\0')
    return g_strdup (text);

  return g_strdup_printf ("%s – %s", text, words);
}

static void
add_question (KioskSurveyResultsView *self,
              KioskSurveyQuestion    *question,
              KioskSurveyResults     *results)
{
  GPtrArray *choices = kiosk_survey_question_get_choices (question);
  const char *id = kiosk_survey_question_get_id (question);
  GtkWidget *grid = gtk_grid_new ();
  guint total = 0;

  for (guint i = 0; i < choices->len; i++)
    {
      g_autofree char *key = kiosk_survey_choice_dup_key (g_ptr_array_index (choices, i));

      total += kiosk_survey_results_get (results, id, key);
    }
  /* Multiple choice: shares of the people who answered, not of the ticks. */
  if (kiosk_survey_question_get_question_type (question) == KIOSK_SURVEY_QUESTION_MULTIPLE &&
      results->total > 0)
    total = results->total;

  gtk_box_append (GTK_BOX (self->box),
                  new_label (kiosk_survey_question_get_title (question), "survey-results-question", 0.0f));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  for (guint i = 0; i < choices->len; i++)
    {
      KioskSurveyChoice *choice = g_ptr_array_index (choices, i);
      g_autofree char *key = kiosk_survey_choice_dup_key (choice);
      guint count = kiosk_survey_results_get (results, id, key);
      double share = total > 0 ? (double) count / total : 0.0;
      g_autofree char *numbers = g_strdup_printf (ngettext ("%u vote · %.0f %%", "%u votes · %.0f %%", count),
                                                  count, share * 100.0);
      GtkWidget *bar = gtk_progress_bar_new ();
      g_autofree char *choice_text = choice_label (question, i);
      GtkWidget *text = new_label (choice_text, "survey-results-choice", 0.0f);
      GtkWidget *value = new_label (numbers, "survey-results-count", 1.0f);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), CLAMP (share, 0.0, 1.0));
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (bar, "survey-results-bar");
      gtk_widget_add_css_class (value, "numeric");
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      choice_text, -1);
      gtk_grid_attach (GTK_GRID (grid), text, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), bar, 1, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, 2, i, 1, 1);
      gtk_widget_set_size_request (text, 260, -1);
    }
  gtk_box_append (GTK_BOX (self->box), grid);
}

static void
kiosk_survey_results_view_dispose (GObject *object)
{
  KioskSurveyResultsView *self = (KioskSurveyResultsView *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (kiosk_survey_results_view_parent_class)->dispose (object);
}

static void
kiosk_survey_results_view_class_init (KioskSurveyResultsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_survey_results_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "surveyresults");
}

static void
kiosk_survey_results_view_init (KioskSurveyResultsView *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 20);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
kiosk_survey_results_view_new (KioskSurvey        *survey,
                               KioskSurveyResults *results)
{
  KioskSurveyResultsView *self;
  GPtrArray *questions;
  g_autofree char *total = NULL;

  g_return_val_if_fail (KIOSK_IS_SURVEY (survey), NULL);
  g_return_val_if_fail (results != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_SURVEY_RESULTS_VIEW, NULL);
  gtk_box_append (GTK_BOX (self->box), new_label (kiosk_survey_get_title (survey), "survey-title", 0.0f));
  total = g_strdup_printf (ngettext ("%u person has taken part so far.",
                                     "%u people have taken part so far.", results->total),
                           results->total);
  gtk_box_append (GTK_BOX (self->box), new_label (total, "survey-description", 0.0f));

  questions = kiosk_survey_get_questions (survey);
  for (guint i = 0; i < questions->len; i++)
    {
      KioskSurveyQuestion *question = g_ptr_array_index (questions, i);

      if (kiosk_survey_question_get_question_type (question) != KIOSK_SURVEY_QUESTION_TEXT)
        add_question (self, question, results);
    }

  return GTK_WIDGET (self);
}

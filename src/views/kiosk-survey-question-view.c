/* kiosk-survey-question-view.c: one question on one screen, with its answer
 *
 * Built in code from the question: large toggle buttons for the choices
 * (a mark, not colour alone, shows what is chosen), a scale for ratings,
 * and for free text a text panel above the built-in keyboard. */

#define G_LOG_DOMAIN "kiosk-survey-question-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-osk.h"
#include "kiosk-survey-question-view.h"

struct _KioskSurveyQuestionView
{
  GtkWidget            parent_instance;

  /* borrowed (children) */
  GtkWidget           *box;
  GtkLabel            *text_label;
  GtkLabel            *counter_label;
  GtkWidget           *osk;

  /* owned */
  KioskSurveyQuestion *question;
  GPtrArray           *buttons;   /* GtkToggleButton*, one per choice, in order */
  GPtrArray           *marks;     /* each button's check mark, NULL on compact ones */
  GPtrArray           *texts;     /* char*: each button's choice as shown */
  GString             *text;
  char                *hint;
  gboolean             complete;
};

enum {
  PROP_0,
  PROP_COMPLETE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (KioskSurveyQuestionView, kiosk_survey_question_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static guint
n_selected (KioskSurveyQuestionView *self)
{
  guint n = 0;

  for (guint i = 0; i < self->buttons->len; i++)
    {
      if (gtk_toggle_button_get_active (g_ptr_array_index (self->buttons, i)))
        n++;
    }

  return n;
}

static void
update_state (KioskSurveyQuestionView *self)
{
  KioskSurveyQuestionType type = kiosk_survey_question_get_question_type (self->question);
  gboolean required = kiosk_survey_question_get_required (self->question);
  int min = kiosk_survey_question_get_min (self->question);
  int max = kiosk_survey_question_get_max (self->question);
  g_autofree char *hint = NULL;
  gboolean complete;
  guint n = n_selected (self);

  if (type == KIOSK_SURVEY_QUESTION_TEXT)
    {
      glong chars = g_utf8_strlen (self->text->str, -1);
      g_autofree char *stripped = g_strstrip (g_strdup (self->text->str));
      g_autofree char *counter = g_strdup_printf (_("%ld of %d characters"), chars, max);
      g_autofree char *shown = g_strconcat (self->text->str, "▏", NULL);

      gtk_label_set_label (self->text_label, shown);
      gtk_label_set_label (self->counter_label, counter);
      complete = !required || *stripped != '\0';
      if (!complete)
        hint = g_strdup (_("Please type an answer to go on."));
    }
  else if (type == KIOSK_SURVEY_QUESTION_MULTIPLE)
    {
      /* When the limit is reached, the other choices rest until one is freed. */
      for (guint i = 0; i < self->buttons->len; i++)
        {
          GtkToggleButton *button = g_ptr_array_index (self->buttons, i);

          gtk_widget_set_sensitive (GTK_WIDGET (button),
                                    max == 0 || n < (guint) max || gtk_toggle_button_get_active (button));
        }

      if (n == 0)
        complete = !required;
      else
        complete = n >= (guint) min;

      if (!complete && min > 1)
        hint = g_strdup_printf (ngettext ("Please choose at least %d answer.",
                                          "Please choose at least %d answers.", min), min);
      else if (!complete)
        hint = g_strdup (_("Please choose an answer to go on."));
      else if (max > 0 && n >= (guint) max)
        hint = g_strdup_printf (ngettext ("You chose the most answers allowed (%d).",
                                          "You chose the most answers allowed (%d).", max), max);
    }
  else
    {
      complete = !required || n > 0;
      if (!complete)
        hint = g_strdup (_("Please choose an answer to go on."));
    }

  g_free (self->hint);
  self->hint = g_steal_pointer (&hint);

  if (complete != self->complete)
    {
      self->complete = complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
  else if (self->hint != NULL || type == KIOSK_SURVEY_QUESTION_MULTIPLE)
    {
      /* The hint may have changed even when completeness did not. */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
}

static void
toggled_cb (GtkToggleButton         *button,
            KioskSurveyQuestionView *self)
{
  GtkWidget *mark = NULL;
  guint index;

  if (g_ptr_array_find (self->buttons, button, &index))
    mark = g_ptr_array_index (self->marks, index);
  if (mark != NULL)
    gtk_widget_set_opacity (mark, gtk_toggle_button_get_active (button) ? 1.0 : 0.0);
  update_state (self);
}

static void
osk_text_cb (KioskOsk                *osk,
             const char              *text,
             KioskSurveyQuestionView *self)
{
  int max = kiosk_survey_question_get_max (self->question);

  if (max > 0 && g_utf8_strlen (self->text->str, -1) + g_utf8_strlen (text, -1) > max)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  g_string_append (self->text, text);
  update_state (self);
}

static void
osk_backspace_cb (KioskOsk                *osk,
                  KioskSurveyQuestionView *self)
{
  const char *end;

  if (self->text->len == 0)
    return;

  end = g_utf8_find_prev_char (self->text->str, self->text->str + self->text->len);
  g_string_truncate (self->text, end != NULL ? (gsize) (end - self->text->str) : 0);
  update_state (self);
}

static GtkWidget *
new_choice_button (KioskSurveyQuestionView *self,
                   const char              *text,
                   gboolean                 multiple,
                   gboolean                 compact)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (text);

  /* A round or square frame with a tick: chosen is a shape, not a colour. */
  gtk_widget_add_css_class (frame, multiple ? "survey-check" : "survey-radio");
  gtk_widget_set_valign (frame, GTK_ALIGN_CENTER);
  gtk_image_set_pixel_size (GTK_IMAGE (mark), 28);
  gtk_widget_set_opacity (mark, 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (frame), mark);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), compact ? 0.5f : 0.0f);
  gtk_widget_set_hexpand (label, TRUE);
  if (!compact)
    gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);

  gtk_widget_add_css_class (button, "survey-choice");
  if (compact)
    gtk_widget_add_css_class (button, "survey-rating");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_signal_connect (button, "toggled", G_CALLBACK (toggled_cb), self);
  g_ptr_array_add (self->buttons, button);
  g_ptr_array_add (self->marks, compact ? NULL : mark);
  g_ptr_array_add (self->texts, g_strdup (text));

  return button;
}

static void
build_choices (KioskSurveyQuestionView *self)
{
  KioskSurveyQuestionType type = kiosk_survey_question_get_question_type (self->question);
  GPtrArray *choices = kiosk_survey_question_get_choices (self->question);
  gboolean multiple = type == KIOSK_SURVEY_QUESTION_MULTIPLE;
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkToggleButton *group = NULL;

  gtk_widget_add_css_class (list, "survey-choices");
  for (guint i = 0; i < choices->len; i++)
    {
      KioskSurveyChoice *choice = g_ptr_array_index (choices, i);
      GtkWidget *button = new_choice_button (self, kiosk_localized_get (choice->text), multiple, FALSE);

      if (!multiple)
        {
          if (group != NULL)
            gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
          else
            group = GTK_TOGGLE_BUTTON (button);
        }
      gtk_box_append (GTK_BOX (list), button);
    }

  gtk_box_append (GTK_BOX (self->box), list);
}

static void
build_rating (KioskSurveyQuestionView *self)
{
  GPtrArray *choices = kiosk_survey_question_get_choices (self->question);
  const char *min_label = kiosk_survey_question_get_min_label (self->question);
  const char *max_label = kiosk_survey_question_get_max_label (self->question);
  GtkWidget *scale = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *ends = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkToggleButton *group = NULL;

  gtk_box_set_homogeneous (GTK_BOX (scale), TRUE);
  gtk_widget_add_css_class (scale, "survey-scale");
  for (guint i = 0; i < choices->len; i++)
    {
      KioskSurveyChoice *choice = g_ptr_array_index (choices, i);
      GtkWidget *button = new_choice_button (self, kiosk_localized_get (choice->text), FALSE, TRUE);

      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (scale), button);
    }
  gtk_box_append (GTK_BOX (self->box), scale);

  if (min_label != NULL || max_label != NULL)
    {
      GtkWidget *left = gtk_label_new (min_label);
      GtkWidget *right = gtk_label_new (max_label);

      gtk_label_set_xalign (GTK_LABEL (left), 0.0f);
      gtk_label_set_xalign (GTK_LABEL (right), 1.0f);
      gtk_widget_set_hexpand (left, TRUE);
      gtk_widget_set_hexpand (right, TRUE);
      gtk_widget_add_css_class (left, "survey-scale-end");
      gtk_widget_add_css_class (right, "survey-scale-end");
      gtk_box_append (GTK_BOX (ends), left);
      gtk_box_append (GTK_BOX (ends), right);
      gtk_box_append (GTK_BOX (self->box), ends);
    }
}

static void
build_text (KioskSurveyQuestionView *self)
{
  GtkWidget *panel = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *below = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *note = gtk_label_new (_("Please do not type your name, address or other personal details."));

  /* A label, not an entry: no system keyboard or input method can pop up,
   * and nothing but our keys can change the text. */
  self->text_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->text_label, TRUE);
  gtk_label_set_wrap_mode (self->text_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->text_label, 0.0f);
  gtk_label_set_yalign (self->text_label, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->text_label), "survey-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your answer"), -1);

  self->counter_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->counter_label, 1.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "survey-counter");
  gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "numeric");

  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0.0f);
  gtk_widget_set_hexpand (note, TRUE);
  gtk_widget_add_css_class (note, "survey-note");

  /* The hint and the count share a line: the keyboard needs the height. */
  gtk_box_append (GTK_BOX (below), note);
  gtk_box_append (GTK_BOX (below), GTK_WIDGET (self->counter_label));
  gtk_box_append (GTK_BOX (panel), GTK_WIDGET (self->text_label));
  gtk_box_append (GTK_BOX (panel), below);
  gtk_box_append (GTK_BOX (self->box), panel);

  self->osk = kiosk_osk_new ();
  g_signal_connect (self->osk, "text", G_CALLBACK (osk_text_cb), self);
  g_signal_connect (self->osk, "backspace", G_CALLBACK (osk_backspace_cb), self);
  gtk_box_append (GTK_BOX (self->box), self->osk);
}

static void
kiosk_survey_question_view_dispose (GObject *object)
{
  KioskSurveyQuestionView *self = (KioskSurveyQuestionView *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  g_clear_pointer (&self->texts, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_survey_question_view_parent_class)->dispose (object);
}

static void
kiosk_survey_question_view_finalize (GObject *object)
{
  KioskSurveyQuestionView *self = (KioskSurveyQuestionView *)object;

  g_clear_object (&self->question);
  /* Typed text is the one thing a person leaves behind: wipe it. */
  if (self->text != NULL)
    {
      memset (self->text->str, 0, self->text->allocated_len);
      g_string_free (self->text, TRUE);
    }
  g_clear_pointer (&self->hint, g_free);

  G_OBJECT_CLASS (kiosk_survey_question_view_parent_class)->finalize (object);
}

static void
kiosk_survey_question_view_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  KioskSurveyQuestionView *self = KIOSK_SURVEY_QUESTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_survey_question_view_class_init (KioskSurveyQuestionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_survey_question_view_dispose;
  object_class->finalize = kiosk_survey_question_view_finalize;
  object_class->get_property = kiosk_survey_question_view_get_property;

  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "surveyquestion");
}

static void
kiosk_survey_question_view_init (KioskSurveyQuestionView *self)
{
  self->buttons = g_ptr_array_new ();
  self->marks = g_ptr_array_new ();
  self->texts = g_ptr_array_new_with_free_func (g_free);
  self->text = g_string_new (NULL);
}

GtkWidget *
kiosk_survey_question_view_new (KioskSurveyQuestion *question)
{
  KioskSurveyQuestionView *self;
  GtkWidget *title;
  const char *description;

  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION (question), NULL);

  self = g_object_new (KIOSK_TYPE_SURVEY_QUESTION_VIEW, NULL);
  self->question = g_object_ref (question);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 20);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  title = gtk_label_new (kiosk_survey_question_get_title (question));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_add_css_class (title, "survey-question-title");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (self->box), title);

  description = kiosk_survey_question_get_description (question);
  if (description != NULL)
    {
      GtkWidget *label = gtk_label_new (description);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_add_css_class (label, "survey-question-description");
      gtk_box_append (GTK_BOX (self->box), label);
    }

  switch (kiosk_survey_question_get_question_type (question))
    {
    case KIOSK_SURVEY_QUESTION_SINGLE:
    case KIOSK_SURVEY_QUESTION_MULTIPLE:
    case KIOSK_SURVEY_QUESTION_BOOLEAN:
      build_choices (self);
      break;
    case KIOSK_SURVEY_QUESTION_RATING:
      build_rating (self);
      break;
    case KIOSK_SURVEY_QUESTION_TEXT:
      build_text (self);
      break;
    default:
      g_assert_not_reached ();
    }

  self->complete = TRUE;
  update_state (self);

  return GTK_WIDGET (self);
}

KioskSurveyQuestion *
kiosk_survey_question_view_get_question (KioskSurveyQuestionView *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION_VIEW (self), NULL);

  return self->question;
}

JsonNode *
kiosk_survey_question_view_dup_answer (KioskSurveyQuestionView *self)
{
  KioskSurveyQuestionType type;
  GPtrArray *choices;

  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION_VIEW (self), NULL);

  type = kiosk_survey_question_get_question_type (self->question);
  choices = kiosk_survey_question_get_choices (self->question);

  if (type == KIOSK_SURVEY_QUESTION_TEXT)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (self->text->str));

      if (*stripped == '\0')
        return NULL;
      return json_node_init_string (json_node_alloc (), stripped);
    }

  if (type == KIOSK_SURVEY_QUESTION_MULTIPLE)
    {
      g_autoptr(JsonArray) array = json_array_new ();

      /* In the survey's order, whatever order they were tapped in. */
      for (guint i = 0; i < self->buttons->len; i++)
        {
          if (gtk_toggle_button_get_active (g_ptr_array_index (self->buttons, i)))
            json_array_add_element (array, json_node_copy (((KioskSurveyChoice *) g_ptr_array_index (choices, i))->value));
        }
      if (json_array_get_length (array) == 0)
        return NULL;
      return json_node_init_array (json_node_alloc (), array);
    }

  for (guint i = 0; i < self->buttons->len; i++)
    {
      if (gtk_toggle_button_get_active (g_ptr_array_index (self->buttons, i)))
        return json_node_copy (((KioskSurveyChoice *) g_ptr_array_index (choices, i))->value);
    }

  return NULL;
}

static gboolean
answer_has (JsonNode *answer,
            JsonNode *value)
{
  if (JSON_NODE_HOLDS_ARRAY (answer))
    {
      JsonArray *array = json_node_get_array (answer);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (json_node_equal (json_array_get_element (array, i), value))
            return TRUE;
        }
      return FALSE;
    }

  return json_node_equal (answer, value);
}

void
kiosk_survey_question_view_set_answer (KioskSurveyQuestionView *self,
                                       JsonNode                *answer)
{
  GPtrArray *choices;

  g_return_if_fail (KIOSK_IS_SURVEY_QUESTION_VIEW (self));

  if (answer == NULL)
    return;

  if (kiosk_survey_question_get_question_type (self->question) == KIOSK_SURVEY_QUESTION_TEXT)
    {
      int max = kiosk_survey_question_get_max (self->question);
      const char *text = JSON_NODE_HOLDS_VALUE (answer) &&
                         json_node_get_value_type (answer) == G_TYPE_STRING
                         ? json_node_get_string (answer) : "";

      g_string_assign (self->text, text);
      if (max > 0 && g_utf8_strlen (self->text->str, -1) > max)
        g_string_truncate (self->text, g_utf8_offset_to_pointer (self->text->str, max) - self->text->str);
      update_state (self);
      return;
    }

  choices = kiosk_survey_question_get_choices (self->question);
  for (guint i = 0; i < self->buttons->len && i < choices->len; i++)
    {
      KioskSurveyChoice *choice = g_ptr_array_index (choices, i);

      if (answer_has (answer, choice->value))
        gtk_toggle_button_set_active (g_ptr_array_index (self->buttons, i), TRUE);
    }
}

gboolean
kiosk_survey_question_view_get_complete (KioskSurveyQuestionView *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION_VIEW (self), FALSE);

  return self->complete;
}

const char *
kiosk_survey_question_view_get_hint (KioskSurveyQuestionView *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION_VIEW (self), NULL);

  return self->hint;
}

const char *
kiosk_survey_question_view_get_text (KioskSurveyQuestionView *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION_VIEW (self), NULL);

  return self->text->str;
}

GtkWidget *
kiosk_survey_question_view_get_choice (KioskSurveyQuestionView *self,
                                       const char              *text)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION_VIEW (self), NULL);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->texts, i), text) == 0)
        return g_ptr_array_index (self->buttons, i);
    }

  return NULL;
}

GtkWidget *
kiosk_survey_question_view_get_keyboard (KioskSurveyQuestionView *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION_VIEW (self), NULL);

  return self->osk;
}

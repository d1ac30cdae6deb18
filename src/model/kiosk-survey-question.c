/* kiosk-survey-question.c: one question of a survey, with its choices */

#define G_LOG_DOMAIN "kiosk-survey-question"

#include "config.h"

#include "kiosk-survey-question.h"

struct _KioskSurveyQuestion
{
  GObject                  parent_instance;

  /* owned */
  char                    *id;
  KioskSurveyQuestionType  type;
  KioskLocalized          *title;
  KioskLocalized          *description;
  KioskLocalized          *min_label;
  KioskLocalized          *max_label;
  GPtrArray               *choices;
  gboolean                 required;
  int                      min;
  int                      max;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_REQUIRED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (KioskSurveyQuestion, kiosk_survey_question, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

KioskSurveyChoice *
kiosk_survey_choice_new (JsonNode       *value,
                         KioskLocalized *text)
{
  KioskSurveyChoice *choice = g_new0 (KioskSurveyChoice, 1);

  choice->value = json_node_copy (value);
  choice->text = text != NULL ? kiosk_localized_ref (text) : NULL;

  return choice;
}

void
kiosk_survey_choice_free (KioskSurveyChoice *choice)
{
  if (choice == NULL)
    return;

  g_clear_pointer (&choice->value, json_node_unref);
  g_clear_pointer (&choice->text, kiosk_localized_unref);
  g_free (choice);
}

char *
kiosk_survey_choice_dup_key (const KioskSurveyChoice *choice)
{
  GType type;

  g_return_val_if_fail (choice != NULL, NULL);

  type = json_node_get_value_type (choice->value);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (choice->value));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (choice->value) ? "true" : "false");
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (choice->value));
  if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (choice->value)));
    }

  return g_strdup ("");
}

static void
kiosk_survey_question_finalize (GObject *object)
{
  KioskSurveyQuestion *self = (KioskSurveyQuestion *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, kiosk_localized_unref);
  g_clear_pointer (&self->description, kiosk_localized_unref);
  g_clear_pointer (&self->min_label, kiosk_localized_unref);
  g_clear_pointer (&self->max_label, kiosk_localized_unref);
  g_clear_pointer (&self->choices, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_survey_question_parent_class)->finalize (object);
}

static void
kiosk_survey_question_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KioskSurveyQuestion *self = KIOSK_SURVEY_QUESTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, kiosk_survey_question_get_title (self));
      break;

    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_survey_question_class_init (KioskSurveyQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_survey_question_finalize;
  object_class->get_property = kiosk_survey_question_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_survey_question_init (KioskSurveyQuestion *self)
{
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_survey_choice_free);
}

KioskSurveyQuestion *
kiosk_survey_question_new (const char              *id,
                           KioskSurveyQuestionType  type,
                           KioskLocalized          *title)
{
  KioskSurveyQuestion *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_SURVEY_QUESTION, NULL);
  self->id = g_strdup (id);
  self->type = type;
  /* SurveyJS shows the name when a question has no title. */
  self->title = title != NULL ? kiosk_localized_ref (title) : kiosk_localized_new (id);

  return self;
}

const char *
kiosk_survey_question_get_id (KioskSurveyQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION (self), NULL);

  return self->id;
}

KioskSurveyQuestionType
kiosk_survey_question_get_question_type (KioskSurveyQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION (self), KIOSK_SURVEY_QUESTION_SINGLE);

  return self->type;
}

const char *
kiosk_survey_question_get_type_name (KioskSurveyQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION (self), NULL);

  switch (self->type)
    {
    case KIOSK_SURVEY_QUESTION_SINGLE:
      return "radiogroup";
    case KIOSK_SURVEY_QUESTION_MULTIPLE:
      return "checkbox";
    case KIOSK_SURVEY_QUESTION_RATING:
      return "rating";
    case KIOSK_SURVEY_QUESTION_BOOLEAN:
      return "boolean";
    case KIOSK_SURVEY_QUESTION_TEXT:
      return "comment";
    default:
      g_assert_not_reached ();
    }
}

const char *
kiosk_survey_question_get_title (KioskSurveyQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION (self), NULL);

  return kiosk_localized_get (self->title);
}

const char *
kiosk_survey_question_get_description (KioskSurveyQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION (self), NULL);

  return kiosk_localized_get (self->description);
}

void
kiosk_survey_question_set_description (KioskSurveyQuestion *self,
                                       KioskLocalized      *description)
{
  g_return_if_fail (KIOSK_IS_SURVEY_QUESTION (self));

  g_clear_pointer (&self->description, kiosk_localized_unref);
  self->description = description != NULL ? kiosk_localized_ref (description) : NULL;
}

gboolean
kiosk_survey_question_get_required (KioskSurveyQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION (self), FALSE);

  return self->required;
}

void
kiosk_survey_question_set_required (KioskSurveyQuestion *self,
                                    gboolean             required)
{
  g_return_if_fail (KIOSK_IS_SURVEY_QUESTION (self));

  required = !!required;
  if (self->required == required)
    return;

  self->required = required;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED]);
}

int
kiosk_survey_question_get_min (KioskSurveyQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION (self), 0);

  return self->min;
}

int
kiosk_survey_question_get_max (KioskSurveyQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION (self), 0);

  return self->max;
}

void
kiosk_survey_question_set_range (KioskSurveyQuestion *self,
                                 int                  min,
                                 int                  max)
{
  g_return_if_fail (KIOSK_IS_SURVEY_QUESTION (self));

  self->min = min;
  self->max = max;
}

const char *
kiosk_survey_question_get_min_label (KioskSurveyQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION (self), NULL);

  return kiosk_localized_get (self->min_label);
}

const char *
kiosk_survey_question_get_max_label (KioskSurveyQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION (self), NULL);

  return kiosk_localized_get (self->max_label);
}

void
kiosk_survey_question_set_range_labels (KioskSurveyQuestion *self,
                                        KioskLocalized      *min_label,
                                        KioskLocalized      *max_label)
{
  g_return_if_fail (KIOSK_IS_SURVEY_QUESTION (self));

  g_clear_pointer (&self->min_label, kiosk_localized_unref);
  g_clear_pointer (&self->max_label, kiosk_localized_unref);
  self->min_label = min_label != NULL ? kiosk_localized_ref (min_label) : NULL;
  self->max_label = max_label != NULL ? kiosk_localized_ref (max_label) : NULL;
}

GPtrArray *
kiosk_survey_question_get_choices (KioskSurveyQuestion *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_QUESTION (self), NULL);

  return self->choices;
}

void
kiosk_survey_question_add_choice (KioskSurveyQuestion *self,
                                  KioskSurveyChoice   *choice)
{
  g_return_if_fail (KIOSK_IS_SURVEY_QUESTION (self));
  g_return_if_fail (choice != NULL);

  g_ptr_array_add (self->choices, choice);
}

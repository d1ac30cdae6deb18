/* kiosk-survey.c: one open survey: its questions and where answers go */

#define G_LOG_DOMAIN "kiosk-survey"

#include "config.h"

#include "kiosk-survey.h"

struct _KioskSurvey
{
  GObject         parent_instance;

  /* owned */
  char           *id;
  KioskLocalized *title;
  KioskLocalized *description;
  GDateTime      *opens;
  GDateTime      *closes;
  char           *answers_url;
  char           *results_url;
  GPtrArray      *questions;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_OPENS,
  PROP_CLOSES,
  PROP_ANSWERS_URL,
  PROP_RESULTS_URL,
  PROP_N_QUESTIONS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (KioskSurvey, kiosk_survey, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
kiosk_survey_finalize (GObject *object)
{
  KioskSurvey *self = (KioskSurvey *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, kiosk_localized_unref);
  g_clear_pointer (&self->description, kiosk_localized_unref);
  g_clear_pointer (&self->opens, g_date_time_unref);
  g_clear_pointer (&self->closes, g_date_time_unref);
  g_clear_pointer (&self->answers_url, g_free);
  g_clear_pointer (&self->results_url, g_free);
  g_clear_pointer (&self->questions, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_survey_parent_class)->finalize (object);
}

static void
kiosk_survey_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KioskSurvey *self = KIOSK_SURVEY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, kiosk_survey_get_title (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, kiosk_survey_get_description (self));
      break;

    case PROP_OPENS:
      g_value_set_boxed (value, self->opens);
      break;

    case PROP_CLOSES:
      g_value_set_boxed (value, self->closes);
      break;

    case PROP_ANSWERS_URL:
      g_value_set_string (value, self->answers_url);
      break;

    case PROP_RESULTS_URL:
      g_value_set_string (value, self->results_url);
      break;

    case PROP_N_QUESTIONS:
      g_value_set_uint (value, self->questions->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_survey_class_init (KioskSurveyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kiosk_survey_finalize;
  object_class->get_property = kiosk_survey_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_OPENS] = g_param_spec_boxed ("opens", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_CLOSES] = g_param_spec_boxed ("closes", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ANSWERS_URL] = g_param_spec_string ("answers-url", NULL, NULL, NULL, flags);
  properties[PROP_RESULTS_URL] = g_param_spec_string ("results-url", NULL, NULL, NULL, flags);
  properties[PROP_N_QUESTIONS] = g_param_spec_uint ("n-questions", NULL, NULL,
                                                    0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_survey_init (KioskSurvey *self)
{
  self->questions = g_ptr_array_new_with_free_func (g_object_unref);
}

KioskSurvey *
kiosk_survey_new (const char     *id,
                  KioskLocalized *title)
{
  KioskSurvey *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (KIOSK_TYPE_SURVEY, NULL);
  self->id = g_strdup (id);
  self->title = title != NULL ? kiosk_localized_ref (title) : kiosk_localized_new (id);

  return self;
}

const char *
kiosk_survey_get_id (KioskSurvey *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY (self), NULL);

  return self->id;
}

const char *
kiosk_survey_get_title (KioskSurvey *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY (self), NULL);

  return kiosk_localized_get (self->title);
}

const char *
kiosk_survey_get_description (KioskSurvey *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY (self), NULL);

  return kiosk_localized_get (self->description);
}

void
kiosk_survey_set_description (KioskSurvey    *self,
                              KioskLocalized *description)
{
  g_return_if_fail (KIOSK_IS_SURVEY (self));

  g_clear_pointer (&self->description, kiosk_localized_unref);
  self->description = description != NULL ? kiosk_localized_ref (description) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

GDateTime *
kiosk_survey_get_opens (KioskSurvey *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY (self), NULL);

  return self->opens;
}

GDateTime *
kiosk_survey_get_closes (KioskSurvey *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY (self), NULL);

  return self->closes;
}

void
kiosk_survey_set_dates (KioskSurvey *self,
                        GDateTime   *opens,
                        GDateTime   *closes)
{
  g_return_if_fail (KIOSK_IS_SURVEY (self));

  g_clear_pointer (&self->opens, g_date_time_unref);
  g_clear_pointer (&self->closes, g_date_time_unref);
  self->opens = opens != NULL ? g_date_time_ref (opens) : NULL;
  self->closes = closes != NULL ? g_date_time_ref (closes) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSES]);
}

gboolean
kiosk_survey_is_open (KioskSurvey *self,
                      GDateTime   *now)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (self->opens != NULL && g_date_time_compare (now, self->opens) < 0)
    return FALSE;
  if (self->closes != NULL && g_date_time_compare (now, self->closes) >= 0)
    return FALSE;

  return TRUE;
}

const char *
kiosk_survey_get_answers_url (KioskSurvey *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY (self), NULL);

  return self->answers_url;
}

const char *
kiosk_survey_get_results_url (KioskSurvey *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY (self), NULL);

  return self->results_url;
}

void
kiosk_survey_set_urls (KioskSurvey *self,
                       const char  *answers_url,
                       const char  *results_url)
{
  g_return_if_fail (KIOSK_IS_SURVEY (self));

  g_free (self->answers_url);
  self->answers_url = g_strdup (answers_url);
  g_free (self->results_url);
  self->results_url = g_strdup (results_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWERS_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULTS_URL]);
}

GPtrArray *
kiosk_survey_get_questions (KioskSurvey *self)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY (self), NULL);

  return self->questions;
}

void
kiosk_survey_add_question (KioskSurvey         *self,
                           KioskSurveyQuestion *question)
{
  g_return_if_fail (KIOSK_IS_SURVEY (self));
  g_return_if_fail (KIOSK_IS_SURVEY_QUESTION (question));

  g_ptr_array_add (self->questions, g_object_ref (question));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUESTIONS]);
}

KioskSurveyQuestion *
kiosk_survey_lookup_question (KioskSurvey *self,
                              const char  *id)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY (self), NULL);

  for (guint i = 0; i < self->questions->len; i++)
    {
      KioskSurveyQuestion *question = g_ptr_array_index (self->questions, i);

      if (g_strcmp0 (kiosk_survey_question_get_id (question), id) == 0)
        return question;
    }

  return NULL;
}

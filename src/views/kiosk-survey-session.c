/* kiosk-survey-session.c: what one visitor did with the surveys, until the idle reset
 *
 * The surveys view is rebuilt when the language switches; this object is
 * not (the window owns it), so that the switch neither allows a second go
 * at a survey nor loses one half answered. Nothing here is ever written
 * to disk: answers themselves go to the outbox. */

#define G_LOG_DOMAIN "kiosk-survey-session"

#include "config.h"

#include "kiosk-survey-session.h"

struct _KioskSurveySession
{
  GObject     parent_instance;

  /* owned */
  GHashTable *answered;        /* survey ids */
  char       *draft_survey_id; /* NULL: no draft */
  JsonNode   *draft_answers;
  guint       draft_position;
};

G_DEFINE_FINAL_TYPE (KioskSurveySession, kiosk_survey_session, G_TYPE_OBJECT)

static void
clear_draft (KioskSurveySession *self)
{
  g_clear_pointer (&self->draft_survey_id, g_free);
  g_clear_pointer (&self->draft_answers, json_node_unref);
  self->draft_position = 0;
}

static void
kiosk_survey_session_finalize (GObject *object)
{
  KioskSurveySession *self = (KioskSurveySession *)object;

  clear_draft (self);
  g_clear_pointer (&self->answered, g_hash_table_unref);

  G_OBJECT_CLASS (kiosk_survey_session_parent_class)->finalize (object);
}

static void
kiosk_survey_session_class_init (KioskSurveySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_survey_session_finalize;
}

static void
kiosk_survey_session_init (KioskSurveySession *self)
{
  self->answered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

KioskSurveySession *
kiosk_survey_session_new (void)
{
  return g_object_new (KIOSK_TYPE_SURVEY_SESSION, NULL);
}

gboolean
kiosk_survey_session_has_answered (KioskSurveySession *self,
                                   const char         *survey_id)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_SESSION (self), FALSE);
  g_return_val_if_fail (survey_id != NULL, FALSE);

  return g_hash_table_contains (self->answered, survey_id);
}

void
kiosk_survey_session_add_answered (KioskSurveySession *self,
                                   const char         *survey_id)
{
  g_return_if_fail (KIOSK_IS_SURVEY_SESSION (self));
  g_return_if_fail (survey_id != NULL);

  g_hash_table_add (self->answered, g_strdup (survey_id));
}

void
kiosk_survey_session_set_draft (KioskSurveySession *self,
                                const char         *survey_id,
                                JsonNode           *answers,
                                guint               position)
{
  g_return_if_fail (KIOSK_IS_SURVEY_SESSION (self));
  g_return_if_fail (survey_id != NULL);
  g_return_if_fail (answers != NULL);

  clear_draft (self);
  self->draft_survey_id = g_strdup (survey_id);
  self->draft_answers = json_node_ref (answers);
  self->draft_position = position;
}

gboolean
kiosk_survey_session_take_draft (KioskSurveySession  *self,
                                 char               **survey_id,
                                 JsonNode           **answers,
                                 guint               *position)
{
  g_return_val_if_fail (KIOSK_IS_SURVEY_SESSION (self), FALSE);
  g_return_val_if_fail (survey_id != NULL && answers != NULL && position != NULL, FALSE);

  if (self->draft_survey_id == NULL)
    return FALSE;

  *survey_id = g_steal_pointer (&self->draft_survey_id);
  *answers = g_steal_pointer (&self->draft_answers);
  *position = self->draft_position;
  self->draft_position = 0;

  return TRUE;
}

void
kiosk_survey_session_clear (KioskSurveySession *self)
{
  g_return_if_fail (KIOSK_IS_SURVEY_SESSION (self));

  g_hash_table_remove_all (self->answered);
  clear_draft (self);
}

/* kiosk-event-data.c: what the occurrences of one event share, copied on write */

#define G_LOG_DOMAIN "kiosk-event"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kiosk-event-data.h"

/* Keeps one text a language: a later one replaces an earlier one. */
static void
add_text (char       **slot,
          const char  *text)
{
  if (text == NULL || *text == '\0')
    return;
  g_free (*slot);
  *slot = g_strdup (text);
}

KioskEventData *
kiosk_event_data_new (void)
{
  KioskEventData *data = g_new0 (KioskEventData, 1);

  g_atomic_ref_count_init (&data->ref_count);
  data->latitude = NAN;
  data->longitude = NAN;
  data->price = NAN;

  return data;
}

KioskEventData *
kiosk_event_data_ref (KioskEventData *data)
{
  g_atomic_ref_count_inc (&data->ref_count);
  return data;
}

void
kiosk_event_data_unref (KioskEventData *data)
{
  if (!g_atomic_ref_count_dec (&data->ref_count))
    return;

  g_free (data->uid);
  g_free (data->title);
  g_free (data->description);
  g_free (data->location);
  g_free (data->address);
  g_strfreev (data->categories);
  g_free (data->url);
  g_free (data->image);
  g_free (data->status);
  g_free (data->currency);
  g_free (data->accessibility);
  for (guint i = 0; i < data->n_translations; i++)
    {
      g_free (data->translations[i].language);
      g_free (data->translations[i].title);
      g_free (data->translations[i].description);
    }
  g_free (data->translations);
  g_free (data);
}

KioskEventData *
kiosk_event_data_copy (const KioskEventData *data)
{
  KioskEventData *copy = kiosk_event_data_new ();

  copy->uid = g_strdup (data->uid);
  copy->title = g_strdup (data->title);
  copy->description = g_strdup (data->description);
  copy->location = g_strdup (data->location);
  copy->address = g_strdup (data->address);
  copy->categories = g_strdupv (data->categories);
  copy->url = g_strdup (data->url);
  copy->image = g_strdup (data->image);
  copy->status = g_strdup (data->status);
  copy->currency = g_strdup (data->currency);
  copy->accessibility = g_strdup (data->accessibility);
  if (data->n_translations > 0)
    copy->translations = g_new0 (KioskEventTranslation, data->n_translations);
  copy->n_translations = data->n_translations;
  for (guint i = 0; i < data->n_translations; i++)
    {
      copy->translations[i].language = g_strdup (data->translations[i].language);
      copy->translations[i].title = g_strdup (data->translations[i].title);
      copy->translations[i].description = g_strdup (data->translations[i].description);
    }
  copy->latitude = data->latitude;
  copy->longitude = data->longitude;
  copy->price = data->price;
  copy->free = data->free;

  return copy;
}

void
kiosk_event_data_add_translation (KioskEventData *data,
                                  const char     *language,
                                  const char     *title,
                                  const char     *description)
{
  g_autofree char *primary = NULL;
  KioskEventTranslation *translation = NULL;
  char *dash;

  /* "de-DE" and "de" are the same language for a kiosk. */
  primary = g_ascii_strdown (language, -1);
  if ((dash = strpbrk (primary, "-_")) != NULL)
    *dash = '\0';

  for (guint i = 0; i < data->n_translations && translation == NULL; i++)
    {
      if (g_str_equal (data->translations[i].language, primary))
        translation = &data->translations[i];
    }
  if (translation == NULL)
    {
      data->translations = g_renew (KioskEventTranslation, data->translations, data->n_translations + 1);
      translation = &data->translations[data->n_translations++];
      translation->language = g_steal_pointer (&primary);
      translation->title = NULL;
      translation->description = NULL;
    }
  add_text (&translation->title, title);
  add_text (&translation->description, description);
}

void
kiosk_event_data_drop_translations (KioskEventData *data,
                                    gboolean        titles,
                                    gboolean        descriptions)
{
  guint kept = 0;

  for (guint i = 0; i < data->n_translations; i++)
    {
      KioskEventTranslation *translation = &data->translations[i];

      if (titles)
        g_clear_pointer (&translation->title, g_free);
      if (descriptions)
        g_clear_pointer (&translation->description, g_free);
      if (translation->title == NULL && translation->description == NULL)
        g_free (translation->language);
      else
        data->translations[kept++] = *translation;
    }
  data->n_translations = kept;
  if (kept == 0)
    g_clear_pointer (&data->translations, g_free);
}

const KioskEventTranslation *
kiosk_event_data_lookup_translation (KioskEventData *data,
                                     const char     *language)
{
  for (guint i = 0; language != NULL && i < data->n_translations; i++)
    {
      if (g_str_equal (data->translations[i].language, language))
        return &data->translations[i];
    }

  return NULL;
}

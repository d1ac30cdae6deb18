/* kiosk-event-data.h: what the occurrences of one event share, copied on write */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A text in one language ("de"); either text may be NULL. */
typedef struct
{
  char *language;
  char *title;
  char *description;
} KioskEventTranslation;

/* What the occurrences of one event have in common. A recurring event's
 * occurrences share one record; a setter on a shared record copies it first
 * (copy on write), so an override changes only its own occurrence. */
typedef struct
{
  gatomicrefcount  ref_count;
  char            *uid;
  char            *title;
  char            *description;
  char            *location;
  char            *address;
  char           **categories;
  char            *url;
  char            *image;
  char            *status;
  char            *currency;
  char            *accessibility;
  KioskEventTranslation     *translations;     /* NULL when none */
  guint            n_translations;
  double           latitude;
  double           longitude;
  double           price;
  gboolean         free;
} KioskEventData;

KioskEventData              *kiosk_event_data_new                (void);
KioskEventData              *kiosk_event_data_ref                (KioskEventData       *data);
void                         kiosk_event_data_unref              (KioskEventData       *data);
/* A record of its own with the same content, not shared with anyone. */
KioskEventData              *kiosk_event_data_copy               (const KioskEventData *data);

/* Keeps one text a language ("de-DE" and "de" are one); a later text
 * replaces an earlier one, an empty one is ignored. */
void                         kiosk_event_data_add_translation    (KioskEventData       *data,
                                                                  const char           *language,
                                                                  const char           *title,
                                                                  const char           *description);
void                         kiosk_event_data_drop_translations  (KioskEventData       *data,
                                                                  gboolean              titles,
                                                                  gboolean              descriptions);
/* @language's texts, or NULL when there are none in it. */
const KioskEventTranslation *kiosk_event_data_lookup_translation (KioskEventData       *data,
                                                                  const char           *language);

G_END_DECLS

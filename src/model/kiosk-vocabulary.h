/* kiosk-vocabulary.h: the city's known words (categories, accessibility, credits) in the UI language */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sources write these words in German, English or as keys
 * ("place_of_worship", "wheelchairAccessible"). A known word is shown
 * in the UI language; anything else is shown as it came. */
typedef enum
{
  KIOSK_VOCABULARY_EVENT_CATEGORY,
  KIOSK_VOCABULARY_PLACE_CATEGORY,
  KIOSK_VOCABULARY_ACCESSIBILITY,
  KIOSK_VOCABULARY_MAP_CREDIT,
} KioskVocabulary;

/* @term in the current UI language, or @term itself when it is not a
 * known word (NULL for NULL). Case, spaces, "-" and "_" do not matter. */
const char *kiosk_vocabulary_label            (KioskVocabulary  vocabulary,
                                               const char      *term);
/* A list as sources write it ("Rollstuhlgerecht, Induktionsschleife.
 * Free text"): each known item translated, separators and unknown items
 * kept as they are. */
char       *kiosk_vocabulary_translate_list   (KioskVocabulary  vocabulary,
                                               const char      *text);
/* A credit line ("Karte: Musterdorf (fiktiv)"): the known phrases in it
 * translated wherever they stand, the names around them kept. */
char       *kiosk_vocabulary_translate_phrases (KioskVocabulary  vocabulary,
                                                const char      *text);

G_END_DECLS

/* test-vocabulary.c: the city's known words in the UI language, unknown ones as they came */

#include "config.h"

#include "kiosk-i18n.h"
#include "kiosk-map-point.h"
#include "kiosk-vocabulary.h"

static void
test_categories (void)
{
  kiosk_i18n_set_language ("en");
  /* The demo's German categories read in English... */
  g_assert_cmpstr (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, "Familie"), ==, "Family");
  g_assert_cmpstr (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, "Kultur"), ==, "Culture");
  g_assert_cmpstr (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, "Senioren"), ==, "Senior citizens");
  /* ...whatever the case and spacing a source writes them in. */
  g_assert_cmpstr (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, " UMWELT "), ==, "Environment");
  g_assert_cmpstr (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, "guided_tour"), ==, "Guided tour");
  /* An unknown word is shown as it came, the very string. */
  {
    const char *odd = "Kiezgeflüster";

    g_assert_true (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, odd) == odd);
  }
  g_assert_null (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, NULL));

  kiosk_i18n_set_language ("de");
  /* An English source in a German UI, and the German word itself. */
  g_assert_cmpstr (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, "family"), ==, "Familie");
  g_assert_cmpstr (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, "Kultur"), ==, "Kultur");
  g_assert_cmpstr (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, "Festival"), ==, "Fest");
  /* Vocabularies are apart: a place's "station" is not an event's. */
  g_assert_cmpstr (kiosk_vocabulary_label (KIOSK_VOCABULARY_PLACE_CATEGORY, "station"), ==, "Bahnhof");
  g_assert_cmpstr (kiosk_vocabulary_label (KIOSK_VOCABULARY_EVENT_CATEGORY, "station"), ==, "station");
}

static void
test_place_categories (void)
{
  /* The map's categories go through the same table as before. */
  kiosk_i18n_set_language ("de");
  g_assert_cmpstr (kiosk_map_category_label ("place_of_worship"), ==, "Kirche");
  g_assert_cmpstr (kiosk_map_category_label ("Bibliothek"), ==, "Bibliothek");
  kiosk_i18n_set_language ("en");
  g_assert_cmpstr (kiosk_map_category_label ("Bibliothek"), ==, "Library");
  g_assert_cmpstr (kiosk_map_category_label ("swimming_pool"), ==, "Swimming pool");
  g_assert_cmpstr (kiosk_map_category_label ("Bolzplatz"), ==, "Bolzplatz");
  kiosk_i18n_set_language ("de");
}

static void
test_accessibility_list (void)
{
  g_autofree char *en = NULL, *de = NULL, *mixed = NULL, *empty = NULL;

  kiosk_i18n_set_language ("en");
  /* As the schema.org reader joins them: features, then the summary. */
  en = kiosk_vocabulary_translate_list (KIOSK_VOCABULARY_ACCESSIBILITY,
                                        "Rollstuhlgerecht, Induktionsschleife für Hörgeräte. "
                                        "Erdgeschoss stufenlos, Obergeschoss nur über Treppen");
  g_assert_cmpstr (en, ==, "Wheelchair accessible, Induction loop for hearing aids. "
                           "Step-free ground floor, Upper floor by stairs only");
  /* Free text stays, separators and all. */
  mixed = kiosk_vocabulary_translate_list (KIOSK_VOCABULARY_ACCESSIBILITY,
                                           "wheelchairAccessible;  Eingang über den Hof.");
  g_assert_cmpstr (mixed, ==, "Wheelchair accessible;  Eingang über den Hof.");
  empty = kiosk_vocabulary_translate_list (KIOSK_VOCABULARY_ACCESSIBILITY, "");
  g_assert_cmpstr (empty, ==, "");
  g_assert_null (kiosk_vocabulary_translate_list (KIOSK_VOCABULARY_ACCESSIBILITY, NULL));

  kiosk_i18n_set_language ("de");
  de = kiosk_vocabulary_translate_list (KIOSK_VOCABULARY_ACCESSIBILITY, "Wheelchair accessible, lift");
  g_assert_cmpstr (de, ==, "Rollstuhlgerecht, Aufzug");
}

static void
test_map_credit (void)
{
  g_autofree char *demo_en = NULL, *demo_de = NULL, *osm_de = NULL, *words = NULL;

  kiosk_i18n_set_language ("en");
  demo_en = kiosk_vocabulary_translate_phrases (KIOSK_VOCABULARY_MAP_CREDIT,
                                                "Karte: Musterdorf (fiktiv), Ankerort-Demo");
  g_assert_cmpstr (demo_en, ==, "Map: Musterdorf (fictional), Ankerort demo");
  /* A phrase counts only as whole words: "Kartenhaus" is a name. */
  words = kiosk_vocabulary_translate_phrases (KIOSK_VOCABULARY_MAP_CREDIT,
                                              "© Kartenhaus GmbH, Kartendaten 2026");
  g_assert_cmpstr (words, ==, "© Kartenhaus GmbH, Map data 2026");

  kiosk_i18n_set_language ("de");
  demo_de = kiosk_vocabulary_translate_phrases (KIOSK_VOCABULARY_MAP_CREDIT,
                                                "Karte: Musterdorf (fiktiv), Ankerort-Demo");
  g_assert_cmpstr (demo_de, ==, "Karte: Musterdorf (fiktiv), Ankerort-Demo");
  osm_de = kiosk_vocabulary_translate_phrases (KIOSK_VOCABULARY_MAP_CREDIT,
                                               "© OpenStreetMap contributors");
  g_assert_cmpstr (osm_de, ==, "© OpenStreetMap-Mitwirkende");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  kiosk_i18n_init ();

  g_test_add_func ("/vocabulary/categories", test_categories);
  g_test_add_func ("/vocabulary/place-categories", test_place_categories);
  g_test_add_func ("/vocabulary/accessibility-list", test_accessibility_list);
  g_test_add_func ("/vocabulary/map-credit", test_map_credit);

  return g_test_run ();
}

/* kiosk-vocabulary.c: the city's known words (categories, accessibility, credits) in the UI language */

#define G_LOG_DOMAIN "kiosk-vocabulary"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-vocabulary.h"

/* Each entry: the English label (the msgid; German comes from the
 * catalog) and the spellings sources use for it, already folded (lower
 * case, without spaces, "-" or "_"), separated by "|". A spelling
 * belongs to one entry of its vocabulary. */
typedef struct
{
  KioskVocabulary  vocabulary;
  const char      *label;
  const char      *terms;
} Entry;

static const Entry entries[] = {
  /* Event categories: iCalendar CATEGORIES, schema.org keywords */
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Family"), "familie|familien|family|families|kinderundfamilie|familyandkids" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Children"), "kinder|kind|children|kids" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Young people"), "jugend|jugendliche|youth|teens|youngpeople" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Senior citizens"), "senioren|seniorinnen|seniorinnenundsenioren|seniors|seniorcitizens|ältere" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Culture"), "kultur|culture" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Music"), "musik|music" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Concert"), "konzert|konzerte|concert|concerts" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Sport"), "sport|sports" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Health"), "gesundheit|health" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Market"), "markt|märkte|market|markets|wochenmarkt" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Flea market"), "flohmarkt|trödelmarkt|fleamarket" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Festival"), "fest|feste|stadtfest|festival|festivals" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Environment"), "umwelt|umweltschutz|environment" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Nature"), "natur|nature" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Politics"), "politik|kommunalpolitik|politics" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Council meeting"), "sitzung|sitzungen|ratssitzung|stadtrat|councilmeeting" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Participation"), "beteiligung|bürgerbeteiligung|mitmachen|participation" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Literature"), "literatur|literature|bücher|books" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Reading"), "lesung|lesungen|reading|readings" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Film"), "film|filme|kino|films|movies|cinema" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Theatre"), "theater|theatre" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Exhibition"), "ausstellung|ausstellungen|exhibition|exhibitions" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Guided tour"), "führung|führungen|stadtführung|guidedtour|tour|tours" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Talk"), "vortrag|vorträge|talk|talks|lecture|lectures" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Workshop"), "workshop|workshops|werkstatt" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Course"), "kurs|kurse|course|courses" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Education"), "bildung|weiterbildung|education" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Art"), "kunst|art|arts" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("History"), "geschichte|heimatgeschichte|history" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Science"), "wissenschaft|science" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Dance"), "tanz|tanzen|dance|dancing" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Games"), "spiele|spieleabend|games" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Leisure"), "freizeit|leisure" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Hiking"), "wandern|wanderung|hiking|hike" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Food and drink"), "essenundtrinken|kulinarik|food|foodanddrink" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Religion"), "religion|glaube|faith" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Social affairs"), "soziales|social|socialaffairs" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Volunteering"), "ehrenamt|volunteering" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Digital"), "digitales|digitalisierung|digital" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Economy"), "wirtschaft|economy|business" },
  { KIOSK_VOCABULARY_EVENT_CATEGORY, N_("Other"), "sonstiges|verschiedenes|other|misc" },

  /* Place categories: OpenStreetMap amenity keys and what towns write */
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Library"), "library|bibliothek|bücherei|stadtbibliothek" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Town hall"), "townhall|rathaus" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Public office"), "government|amt|behörde|verwaltung|publicoffice" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Square"), "square|platz|marktplatz" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Information"), "information|info|touristinformation" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Museum"), "museum|museen" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Church"), "placeofworship|church|kirche" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Pharmacy"), "pharmacy|apotheke" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Swimming pool"), "swimmingpool|schwimmbad|hallenbad|freibad" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Park"), "park|grünanlage" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Playground"), "playground|spielplatz" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Railway station"), "station|bahnhof|railwaystation" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Bus stop"), "busstop|bushaltestelle|haltestelle" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Toilets"), "toilets|toilette|toiletten|wc" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("School"), "school|schule" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Community centre"), "communitycentre|communitycenter|bürgerhaus|gemeindezentrum|stadtteilzentrum" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Hospital"), "hospital|krankenhaus|klinikum|klinik" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Charging station"), "chargingstation|ladestation|ladesäule" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Bicycle rental"), "bicyclerental|fahrradverleih|leihräder" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Recycling"), "recycling|wertstoffhof|wertstoffe" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Parking"), "parking|parkplatz|parkhaus" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Café"), "cafe|café" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Restaurant"), "restaurant|gaststätte" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Theatre"), "theatre|theater" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Cinema"), "cinema|kino" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Kindergarten"), "kindergarten|kita|kindertagesstätte" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Doctor"), "doctors|doctor|arzt|arztpraxis" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Police"), "police|polizei" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Fire station"), "firestation|feuerwehr" },
  { KIOSK_VOCABULARY_PLACE_CATEGORY, N_("Market"), "marketplace|markt|wochenmarkt" },

  /* Accessibility: schema.org amenityFeature names and accessibilityFeature values */
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Wheelchair accessible"), "rollstuhlgerecht|rollstuhlgeeignet|rollstuhlzugänglich|wheelchairaccessible|wheelchair" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Barrier-free"), "barrierefrei|barrierfree|fullyaccessible" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Step-free access"), "stufenlos|stufenloserzugang|ebenerdig|stepfree|stepfreeaccess" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Step-free ground floor"), "erdgeschossstufenlos|stufenloseserdgeschoss|stepfreegroundfloor" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Upper floor by stairs only"), "obergeschossnurübertreppen|upperfloorbystairsonly" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Lift"), "aufzug|fahrstuhl|lift|elevator" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Accessible toilet"), "behindertentoilette|barrierefreietoilette|rollstuhlgerechtetoilette|accessibletoilet" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Disabled parking"), "behindertenparkplatz|behindertenparkplätze|disabledparking|accessibleparking" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Induction loop for hearing aids"), "induktionsschleife|induktionsschleifefürhörgeräte|hörschleife|inductionloop|hearingloop|audioinduction|inductionloopforhearingaids" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Sign language"), "gebärdensprache|gebärdensprachdolmetschung|signlanguage|signlanguageinterpreter" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Easy language"), "leichtesprache|easylanguage|easyread" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Audio description"), "audiodeskription|audiodescription" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Captions"), "untertitel|captions|subtitles" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Large print"), "großdruck|largeprint" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Braille"), "braille|brailleschrift|blindenschrift" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Tactile guidance"), "blindenleitsystem|taktilesleitsystem|tactileguidance|tactilepaving|tactilegraphic" },
  { KIOSK_VOCABULARY_ACCESSIBILITY, N_("Assistance dogs welcome"), "assistenzhundewillkommen|assistancedogswelcome|assistancedogs" },

  /* Map credits: phrases inside a line, matched as written */
  { KIOSK_VOCABULARY_MAP_CREDIT, N_("Map data"), "Kartendaten|Map data" },
  { KIOSK_VOCABULARY_MAP_CREDIT, N_("Map tiles"), "Kartenkacheln|Map tiles" },
  { KIOSK_VOCABULARY_MAP_CREDIT, N_("Map"), "Karte|Map" },
  { KIOSK_VOCABULARY_MAP_CREDIT, N_("OpenStreetMap contributors"), "OpenStreetMap-Mitwirkende|OpenStreetMap contributors" },
  { KIOSK_VOCABULARY_MAP_CREDIT, N_("fictional"), "fiktiv|fictional" },
  { KIOSK_VOCABULARY_MAP_CREDIT, N_("Ankerort demo"), "Ankerort-Demo|Ankerort demo" },
};

#define N_VOCABULARIES (KIOSK_VOCABULARY_MAP_CREDIT + 1)

/* folded spelling -> Entry*, per vocabulary; built once, read-only after */
static GHashTable *
table_for (KioskVocabulary vocabulary)
{
  static GHashTable *tables[N_VOCABULARIES];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint v = 0; v < N_VOCABULARIES; v++)
        tables[v] = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
        {
          g_auto(GStrv) terms = g_strsplit (entries[i].terms, "|", -1);

          for (guint j = 0; terms[j] != NULL; j++)
            {
              g_assert (!g_hash_table_contains (tables[entries[i].vocabulary], terms[j]));
              g_hash_table_insert (tables[entries[i].vocabulary],
                                   (gpointer) g_intern_string (terms[j]), (gpointer) &entries[i]);
            }
        }
      g_once_init_leave (&initialized, 1);
    }

  return tables[vocabulary];
}

/* "Wheelchair-Accessible " -> "wheelchairaccessible" */
static char *
fold (const char *term)
{
  g_autofree char *lower = g_utf8_strdown (term, -1);
  GString *folded = g_string_sized_new (strlen (lower));

  for (const char *p = lower; *p != '\0'; p++)
    {
      if (*p != ' ' && *p != '-' && *p != '_' && *p != '\t' && *p != '\n')
        g_string_append_c (folded, *p);
    }
  /* A list item may end a sentence. */
  while (folded->len > 0 && folded->str[folded->len - 1] == '.')
    g_string_truncate (folded, folded->len - 1);

  return g_string_free (folded, FALSE);
}

const char *
kiosk_vocabulary_label (KioskVocabulary  vocabulary,
                        const char      *term)
{
  g_autofree char *folded = NULL;
  const Entry *entry;

  g_return_val_if_fail (vocabulary < N_VOCABULARIES, term);

  if (term == NULL)
    return NULL;

  folded = fold (term);
  entry = g_hash_table_lookup (table_for (vocabulary), folded);

  return entry != NULL ? _(entry->label) : term;
}

char *
kiosk_vocabulary_translate_list (KioskVocabulary  vocabulary,
                                 const char      *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (vocabulary < N_VOCABULARIES, NULL);

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  p = text;
  while (*p != '\0')
    {
      /* An item runs to the next ",", ";" or a "." that ends a sentence. */
      const char *end = p;
      g_autofree char *item = NULL;
      g_autofree char *trimmed = NULL;
      const char *label;

      while (*end != '\0' && *end != ',' && *end != ';' &&
             !(*end == '.' && (end[1] == ' ' || end[1] == '\0')))
        end++;

      item = g_strndup (p, end - p);
      trimmed = g_strstrip (g_strdup (item));
      label = *trimmed != '\0' ? kiosk_vocabulary_label (vocabulary, trimmed) : trimmed;
      if (label == trimmed)
        {
          g_string_append (out, item);
        }
      else
        {
          /* Keep the spaces around the item. */
          const char *start = strstr (item, trimmed);

          g_string_append_len (out, item, start - item);
          g_string_append (out, label);
          g_string_append (out, start + strlen (trimmed));
        }

      p = end;
      while (*p == ',' || *p == ';' || *p == '.' || *p == ' ')
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '-';
}

char *
kiosk_vocabulary_translate_phrases (KioskVocabulary  vocabulary,
                                    const char      *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (vocabulary < N_VOCABULARIES, NULL);

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  p = text;
  while (*p != '\0')
    {
      const Entry *found = NULL;
      gsize found_len = 0;
      gboolean at_word_start = p == text ||
        !is_word_char (g_utf8_get_char (g_utf8_find_prev_char (text, p)));

      /* The longest phrase that starts here as a whole word. */
      for (guint i = 0; at_word_start && i < G_N_ELEMENTS (entries); i++)
        {
          g_auto(GStrv) phrases = NULL;

          if (entries[i].vocabulary != vocabulary)
            continue;
          phrases = g_strsplit (entries[i].terms, "|", -1);
          for (guint j = 0; phrases[j] != NULL; j++)
            {
              gsize len = strlen (phrases[j]);

              if (len > found_len && strncmp (p, phrases[j], len) == 0 &&
                  (p[len] == '\0' || !is_word_char (g_utf8_get_char (p + len))))
                {
                  found = &entries[i];
                  found_len = len;
                }
            }
        }

      if (found != NULL)
        {
          g_string_append (out, _(found->label));
          p += found_len;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (out, p, next - p);
          p = next;
        }
    }

  return g_string_free (out, FALSE);
}

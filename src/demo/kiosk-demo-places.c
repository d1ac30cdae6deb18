/* kiosk-demo-places.c: Musterdorf's places in the demo city */

#define G_LOG_DOMAIN "kiosk-demo-places"

#include "config.h"

#include <json-glib/json-glib.h>

#include "kiosk-demo.h"
#include "kiosk-demo-town.h"
#include "kiosk-source-config.h"

#define PLACES_PATH "/api/places.geojson"

static const KioskDemoPlace places[] = {
  { "stadtbibliothek", "Stadtbibliothek Musterdorf", "library", 51.3397, 12.3731,
    "Bücher, Zeitschriften, Filme und Spiele. Di–Fr 10–19 Uhr, Sa 10–14 Uhr." },
  { "rathaus", "Rathaus", "townhall", 51.3406, 12.3748,
    "Sitz des Bürgermeisters und des Stadtrats." },
  { "buergerbuero", "Bürgerbüro", "government", 51.3409, 12.3741,
    "Ausweise, Meldewesen, Fundbüro. Termine auch ohne Anmeldung." },
  { "marktplatz", "Marktplatz", "square", 51.3402, 12.3755,
    "Wochenmarkt dienstags und freitags von 8 bis 13 Uhr." },
  { "tourist-info", "Tourist-Information", "information", 51.3403, 12.3750,
    "Stadtpläne, Führungen und Veranstaltungskarten." },
  { "museum", "Heimatmuseum Musterdorf", "museum", 51.3415, 12.3712,
    "Stadtgeschichte vom Mittelalter bis heute. Mi–So 11–17 Uhr." },
  { "nikolaikirche", "St.-Nikolai-Kirche", "place_of_worship", 51.3411, 12.3762,
    "Spätgotische Hallenkirche mit Turmbesteigung im Sommer." },
  { "loewen-apotheke", "Löwen-Apotheke", "pharmacy", 51.3391, 12.3760,
    "Mo–Fr 8–18.30 Uhr, Sa 8–13 Uhr." },
  { "bahnhof-apotheke", "Bahnhof-Apotheke", "pharmacy", 51.3352, 12.3790,
    "Mo–Sa 7–20 Uhr." },
  { "stadtbad", "Stadtbad Musterdorf", "swimming_pool", 51.3440, 12.3680,
    "Hallenbad mit 25-m-Becken, Lehrschwimmbecken und Sauna." },
  { "stadtpark", "Stadtpark", "park", 51.3430, 12.3770,
    "Große Wiese, Rosengarten und Teich." },
  { "spielplatz-stadtpark", "Spielplatz am Stadtpark", "playground", 51.3426, 12.3760,
    "Kletterturm, Schaukeln und Sandkasten, für Kinder bis 12 Jahre." },
  { "spielplatz-linden", "Spielplatz Lindenstraße", "playground", 51.3372, 12.3695,
    "Kleinkindbereich mit Wippe und Rutsche." },
  { "wasserspielplatz", "Wasserspielplatz am Mühlteich", "playground", 51.3460, 12.3790,
    "Pumpen, Rinnen und Matschbecken, Mai bis September." },
  { "bahnhof", "Bahnhof Musterdorf", "station", 51.3346, 12.3808,
    "Regionalbahn stündlich, S-Bahn alle 30 Minuten." },
  { "haltestelle-markt", "Haltestelle Markt", "bus_stop", 51.3400, 12.3742,
    "Linien 1, 4 und 7." },
  { "haltestelle-bahnhof", "Haltestelle Bahnhof", "bus_stop", 51.3349, 12.3802,
    "Linien 1, 2, 4 und Rufbus." },
  { "haltestelle-schulzentrum", "Haltestelle Schulzentrum", "bus_stop", 51.3380, 12.3660,
    "Linien 2 und 7." },
  { "haltestelle-klinikum", "Haltestelle Klinikum", "bus_stop", 51.3445, 12.3840,
    "Linie 4." },
  { "wc-markt", "Öffentliche Toilette am Markt", "toilets", 51.3404, 12.3760,
    "Barrierefrei, mit Wickeltisch. Euroschlüssel." },
  { "wc-stadtpark", "Toilette im Stadtpark", "toilets", 51.3433, 12.3775,
    "April bis Oktober geöffnet." },
  { "volkshochschule", "Volkshochschule", "school", 51.3385, 12.3676,
    "Sprachkurse, Gesundheit, Beruf und Kultur." },
  { "jugendzentrum", "Jugendzentrum Anker", "community_centre", 51.3366, 12.3722,
    "Offener Treff für 12- bis 21-Jährige, Mo–Fr ab 14 Uhr." },
  { "klinikum", "Kreisklinikum Musterdorf", "hospital", 51.3450, 12.3850,
    "Notaufnahme rund um die Uhr." },
  { "ladestation-marktgarage", "E-Ladestation Marktgarage", "charging_station", 51.3395, 12.3768,
    "Vier Ladepunkte bis 22 kW." },
  { "fahrradverleih", "Fahrradverleih am Bahnhof", "bicycle_rental", 51.3350, 12.3796,
    "Stadträder und Lastenräder, Ausleihe per App oder am Schalter." },
  { "wertstoffhof", "Wertstoffhof", "recycling", 51.3330, 12.3650,
    "Sperrmüll, Grünschnitt, Elektrogeräte. Mi und Sa." },
};

const KioskDemoPlace *
kiosk_demo_town_get_places (guint *n_places)
{
  if (n_places != NULL)
    *n_places = G_N_ELEMENTS (places);

  return places;
}

const KioskDemoPlace *
kiosk_demo_town_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      if (g_strcmp0 (places[i].id, id) == 0)
        return &places[i];
    }

  return NULL;
}

static GBytes *
places_generator (GDateTime  *now,
                  gpointer    user_data,
                  char      **content_type)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize length;
  char *data;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "FeatureCollection");
  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "Feature");
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, places[i].id);
      json_builder_set_member_name (builder, "geometry");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "Point");
      json_builder_set_member_name (builder, "coordinates");
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, places[i].longitude);
      json_builder_add_double_value (builder, places[i].latitude);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "properties");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, places[i].name);
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, places[i].category);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, places[i].description);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);

  *content_type = g_strdup ("application/geo+json");
  return g_bytes_new_take (data, length);
}

void
kiosk_demo_places_install (KioskDemoServer *server,
                           GPtrArray       *sources)
{
  g_autofree char *url = kiosk_demo_server_get_url (server, PLACES_PATH);
  KioskSourceConfig *config = kiosk_source_config_new ("musterdorf-places", "geojson", url);

  config->refresh_interval = 3600;
  kiosk_demo_server_add_route (server, PLACES_PATH, places_generator, NULL, NULL);
  g_ptr_array_add (sources, config);
}

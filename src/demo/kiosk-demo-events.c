/* kiosk-demo-events.c: Musterdorf's events in the demo city
 *
 * Two feeds, as a town really has them: the town hall's calendar as
 * iCalendar (recurring events, an all-day market, a multi-day festival, a
 * cancelled concert, an override) and the tourism hub's schema.org JSON-LD
 * (prices, pictures, accessibility, a postponed play). All dates are relative
 * to the moment of the request, so the demo never runs out of events.
 *
 * Languages: one feed carries both. iCalendar repeats SUMMARY and
 * DESCRIPTION with LANGUAGE=de / LANGUAGE=en; JSON-LD uses value objects
 * with @language. The first text is the default that one-language clients
 * show; the kiosk shows the one of its UI language. */

#define G_LOG_DOMAIN "kiosk-demo-events"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kiosk-demo.h"
#include "kiosk-demo-events.h"
#include "kiosk-demo-town.h"
#include "kiosk-event-common.h"
#include "kiosk-source-config.h"

#define IMAGE_PATH_PREFIX "/media/events/"

/* Berlin's rules as a VTIMEZONE, so that every calendar client agrees. */
static const char vtimezone[] =
  "BEGIN:VTIMEZONE\r\n"
  "TZID:Europe/Berlin\r\n"
  "BEGIN:DAYLIGHT\r\n"
  "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
  "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
  "END:DAYLIGHT\r\n"
  "BEGIN:STANDARD\r\n"
  "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
  "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
  "END:STANDARD\r\n"
  "END:VTIMEZONE\r\n";

static GDateTime *
local_day (GDateTime *now,
           int        days)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, tz);
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);

  return g_date_time_add_days (midnight, days);
}

/* "20261122T143000" for day @days from today at @hour:@minute, Berlin time. */
static char *
at (GDateTime *now,
    int        days,
    int        hour,
    int        minute)
{
  g_autoptr(GDateTime) day = local_day (now, days);
  g_autoptr(GDateTime) dt = g_date_time_add_full (day, 0, 0, 0, hour, minute, 0);

  return g_date_time_format (dt, "%Y%m%dT%H%M%S");
}

static char *
date (GDateTime *now,
      int        days)
{
  g_autoptr(GDateTime) day = local_day (now, days);

  return g_date_time_format (day, "%Y%m%d");
}

/* Days from today to the next @weekday (1 = Monday), today included. */
static int
days_until (GDateTime *now,
            int        weekday)
{
  g_autoptr(GDateTime) today = local_day (now, 0);

  return (weekday - g_date_time_get_day_of_week (today) + 7) % 7;
}

/* NAME;TZID=Europe/Berlin:... for day @days at @hour:@minute. */
static void
add_time_property (GString    *ics,
                   const char *name,
                   GDateTime  *now,
                   int         days,
                   int         hour,
                   int         minute)
{
  g_autofree char *value = at (now, days, hour, minute);

  g_string_append_printf (ics, "%s;TZID=Europe/Berlin:%s\r\n", name, value);
}

static const char * const weekdays[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

static void
add_place (GString    *ics,
           const char *place_id)
{
  const KioskDemoPlace *place = kiosk_demo_town_lookup (place_id);

  if (place == NULL)
    return;
  g_string_append_printf (ics, "LOCATION:%s\r\nGEO:%.6f;%.6f\r\n",
                          place->name, place->latitude, place->longitude);
}

static void
begin_event (GString    *ics,
             const char *uid,
             const char *summary_de,
             const char *summary_en)
{
  g_string_append_printf (ics,
                          "BEGIN:VEVENT\r\nUID:%s@musterdorf.example\r\nDTSTAMP:20260101T000000Z\r\n"
                          "SUMMARY;LANGUAGE=de:%s\r\nSUMMARY;LANGUAGE=en:%s\r\n",
                          uid, summary_de, summary_en);
}

static void
add_description (GString    *ics,
                 const char *de,
                 const char *en)
{
  g_string_append_printf (ics, "DESCRIPTION;LANGUAGE=de:%s\r\nDESCRIPTION;LANGUAGE=en:%s\r\n", de, en);
}

GBytes *
kiosk_demo_events_build_ics (GDateTime *now)
{
  g_autoptr(GString) ics = g_string_new (NULL);
  g_autofree char *s = NULL;
  g_autofree char *e = NULL;
  int d;

  g_string_append (ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                        "PRODID:-//Stadt Musterdorf//Veranstaltungskalender//DE\r\n"
                        "X-WR-CALNAME:Veranstaltungen der Stadt Musterdorf\r\n");
  g_string_append (ics, vtimezone);

  /* Wednesdays and Saturdays, all day, for years. */
  g_clear_pointer (&s, g_free);
  s = date (now, days_until (now, 3) - 28);
  begin_event (ics, "wochenmarkt", "Wochenmarkt", "Farmers’ market");
  g_string_append_printf (ics, "DTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:", s);
  g_free (s);
  s = date (now, days_until (now, 3) - 27);
  g_string_append_printf (ics, "%s\r\nRRULE:FREQ=WEEKLY;BYDAY=WE,SA\r\n", s);
  add_description (ics,
                   "Obst, Gemüse, Käse und Blumen aus der Region. Die Händler sind von 8 bis 13 Uhr da.",
                   "Fruit, vegetables, cheese and flowers from the region, 8 am to 1 pm.");
  add_place (ics, "marktplatz");
  g_string_append (ics, "CATEGORIES:Markt\r\nEND:VEVENT\r\n");

  /* An exhibition that runs for weeks: there is always something on today. */
  g_clear_pointer (&s, g_free);
  g_clear_pointer (&e, g_free);
  s = date (now, -10);
  e = date (now, 22);
  begin_event (ics, "ausstellung-fotos", "Ausstellung „Musterdorf in alten Fotos“",
               "Exhibition “Musterdorf in old photographs”");
  g_string_append_printf (ics, "DTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n", s, e);
  add_description (ics, "Hundert Jahre Stadtgeschichte in Bildern aus dem Stadtarchiv. "
                        "Zu sehen während der Öffnungszeiten der Bibliothek.",
                   "A hundred years of the town in pictures from the town archive, "
                   "open during the library’s opening hours.");
  add_place (ics, "stadtbibliothek");
  g_string_append (ics, "CATEGORIES:Kultur\r\nEND:VEVENT\r\n");

  /* The town festival: three days, starting in five. */
  g_clear_pointer (&s, g_free);
  g_clear_pointer (&e, g_free);
  s = date (now, 5);
  e = date (now, 8);
  begin_event (ics, "stadtfest", "Stadtfest Musterdorf", "Musterdorf town festival");
  g_string_append_printf (ics, "DTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n", s, e);
  add_description (ics,
                   "Drei Tage Musik auf zwei Bühnen, Kinderprogramm, Handwerkermarkt und am "
                   "Sonntagabend das Feuerwerk über dem Mühlteich.",
                   "Three days of music on two stages, a children’s programme, a craft market "
                   "and on Sunday night fireworks over the mill pond.");
  add_place (ics, "marktplatz");
  g_string_append (ics, "CATEGORIES:Fest,Familie\r\n"
                        "URL:https://musterdorf.example/stadtfest\r\nEND:VEVENT\r\n");

  /* Yoga in the park every week on tomorrow's weekday, one week left out. */
  d = 1;
  begin_event (ics, "yoga", "Yoga im Park", "Yoga in the park");
  add_time_property (ics, "DTSTART", now, d - 56, 10, 0);
  add_time_property (ics, "DTEND", now, d - 56, 11, 30);
  {
    g_autoptr(GDateTime) tomorrow = local_day (now, d);

    g_string_append_printf (ics, "RRULE:FREQ=WEEKLY;BYDAY=%s\r\n",
                            weekdays[g_date_time_get_day_of_week (tomorrow) - 1]);
  }
  add_time_property (ics, "EXDATE", now, d + 14, 10, 0);
  add_description (ics, "Sanftes Yoga für alle. Bitte eine Matte mitbringen; bei Regen in der Turnhalle.",
                   "Gentle yoga for everyone. Please bring a mat; in the gym when it rains.");
  add_place (ics, "stadtpark");
  g_string_append (ics, "CATEGORIES:Sport,Gesundheit\r\n"
                        "URL:https://musterdorf.example/veranstaltungen/yoga\r\nEND:VEVENT\r\n");

  /* Next week's yoga moves to the evening (a RECURRENCE-ID override). */
  begin_event (ics, "yoga", "Yoga im Park – ausnahmsweise am Abend", "Yoga in the park – in the evening this time");
  add_time_property (ics, "RECURRENCE-ID", now, d + 7, 10, 0);
  add_time_property (ics, "DTSTART", now, d + 7, 18, 0);
  add_time_property (ics, "DTEND", now, d + 7, 19, 30);
  g_string_append (ics, "END:VEVENT\r\n");

  /* Seniors' café: Tuesdays and Thursdays, 20 times from three weeks ago. */
  begin_event (ics, "seniorencafe", "Seniorencafé", "Café for seniors");
  add_time_property (ics, "DTSTART", now, days_until (now, 2) - 21, 14, 30);
  g_string_append (ics, "DURATION:PT2H\r\n" "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=20\r\n");
  add_description (ics, "Kaffee, Kuchen und Gespräche. Fahrdienst auf Anfrage im Bürgerbüro.",
                   "Coffee, cake and conversation. Transport on request at the citizens’ office.");
  add_place (ics, "jugendzentrum");
  g_string_append (ics, "CATEGORIES:Senioren\r\nEND:VEVENT\r\n");

  /* Story time today, later; and a talk this morning that is over. */
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
    g_autoptr(GDateTime) local = g_date_time_to_timezone (now, tz);
    int hour = MIN (g_date_time_get_hour (local) + 2, 22);

    begin_event (ics, "vorlesen", "Vorlesestunde für Kinder", "Story time for children");
    add_time_property (ics, "DTSTART", now, 0, hour, 0);
    g_string_append (ics, "DURATION:PT1H\r\n");
    add_description (ics, "Für Kinder von 4 bis 8 Jahren. Heute: Geschichten vom kleinen Drachen.",
                     "For children aged 4 to 8. Today: stories of the little dragon.");
    add_place (ics, "stadtbibliothek");
    g_string_append (ics, "CATEGORIES:Familie,Kultur\r\nEND:VEVENT\r\n");
  }
  begin_event (ics, "vortrag-gestern", "Vortrag: Musterdorf im Mittelalter", "Talk: Musterdorf in the Middle Ages");
  add_time_property (ics, "DTSTART", now, -1, 9, 0);
  g_string_append (ics, "DURATION:PT1H30M\r\n");
  add_place (ics, "museum");
  g_string_append (ics, "CATEGORIES:Kultur\r\nEND:VEVENT\r\n");

  /* The brass band's concert, cancelled. */
  begin_event (ics, "blaskapelle", "Konzert der Blaskapelle", "Brass band concert");
  add_time_property (ics, "DTSTART", now, 2, 19, 0);
  add_time_property (ics, "DTEND", now, 2, 21, 0);
  g_string_append (ics, "STATUS:CANCELLED\r\n");
  add_description (ics, "Das Konzert muss wegen Krankheit leider ausfallen. Karten werden erstattet.",
                   "Sadly the concert is cancelled due to illness. Tickets will be refunded.");
  add_place (ics, "nikolaikirche");
  g_string_append (ics, "CATEGORIES:Musik,Kultur\r\nEND:VEVENT\r\n");

  /* Repair café on the first Saturday of every month. */
  begin_event (ics, "repaircafe", "Repair-Café", "Repair café");
  add_time_property (ics, "DTSTART", now, -120, 10, 0);
  g_string_append (ics, "DURATION:PT4H\r\n" "RRULE:FREQ=MONTHLY;BYDAY=1SA\r\n");
  add_description (ics, "Kaputt? Nicht wegwerfen! Ehrenamtliche helfen beim Reparieren von Toastern, "
                        "Lampen, Fahrrädern und Kleidung.",
                   "Broken? Don’t throw it away! Volunteers help to repair toasters, lamps, "
                   "bicycles and clothes.");
  add_place (ics, "volkshochschule");
  g_string_append (ics, "CATEGORIES:Umwelt\r\nEND:VEVENT\r\n");

  /* Town council in six days, no web page: the QR code carries the .ics. */
  begin_event (ics, "gemeinderat", "Öffentliche Sitzung des Gemeinderats", "Public town council meeting");
  add_time_property (ics, "DTSTART", now, 6, 18, 0);
  add_time_property (ics, "DTEND", now, 6, 20, 30);
  add_description (ics, "Tagesordnung: Haushalt, neuer Radweg zum Bahnhof, Fragen der Einwohner.",
                   "Agenda: budget, new cycle path to the station, residents’ questions.");
  add_place (ics, "rathaus");
  g_string_append (ics, "CATEGORIES:Politik\r\nEND:VEVENT\r\n");

  /* Guided tours on three given dates. */
  begin_event (ics, "stadtfuehrung", "Historische Stadtführung", "Historic town walk");
  add_time_property (ics, "DTSTART", now, 3, 11, 0);
  g_string_append (ics, "DURATION:PT1H30M\r\n");
  g_clear_pointer (&s, g_free);
  s = at (now, 10, 11, 0);
  g_clear_pointer (&e, g_free);
  e = at (now, 17, 14, 0);
  g_string_append_printf (ics, "RDATE;TZID=Europe/Berlin:%s,%s\r\n", s, e);
  add_description (ics, "Treffpunkt an der Tourist-Information. Dauer etwa 90 Minuten.",
                   "Meet at the tourist information. About 90 minutes.");
  add_place (ics, "tourist-info");
  g_string_append (ics, "CATEGORIES:Kultur\r\nURL:https://musterdorf.example/fuehrungen\r\nEND:VEVENT\r\n");

  g_string_append (ics, "END:VCALENDAR\r\n");

  return g_string_free_to_bytes (g_steal_pointer (&ics));
}

static void
add_text (JsonBuilder *builder,
          const char  *member,
          const char  *de,
          const char  *en)
{
  const char *texts[][2] = { { de, "de" }, { en, "en" } };

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "@value");
      json_builder_add_string_value (builder, texts[i][0]);
      json_builder_set_member_name (builder, "@language");
      json_builder_add_string_value (builder, texts[i][1]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_member (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          GDateTime   *now,
          int          days,
          int          hour,
          int          minute)
{
  g_autoptr(GDateTime) day = local_day (now, days);
  g_autoptr(GDateTime) dt = g_date_time_add_full (day, 0, 0, 0, hour, minute, 0);
  g_autofree char *text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");

  add_member (builder, member, text);
}

static void
add_location (JsonBuilder *builder,
              const char  *place_id,
              const char  *street,
              gboolean     wheelchair)
{
  const KioskDemoPlace *place = kiosk_demo_town_lookup (place_id);

  g_assert (place != NULL);
  json_builder_set_member_name (builder, "location");
  json_builder_begin_object (builder);
  add_member (builder, "@type", "Place");
  add_member (builder, "name", place->name);
  json_builder_set_member_name (builder, "address");
  json_builder_begin_object (builder);
  add_member (builder, "@type", "PostalAddress");
  add_member (builder, "streetAddress", street);
  add_member (builder, "postalCode", "04109");
  add_member (builder, "addressLocality", "Musterdorf");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "geo");
  json_builder_begin_object (builder);
  add_member (builder, "@type", "GeoCoordinates");
  json_builder_set_member_name (builder, "latitude");
  json_builder_add_double_value (builder, place->latitude);
  json_builder_set_member_name (builder, "longitude");
  json_builder_add_double_value (builder, place->longitude);
  json_builder_end_object (builder);
  if (wheelchair)
    {
      json_builder_set_member_name (builder, "amenityFeature");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      add_member (builder, "@type", "LocationFeatureSpecification");
      add_member (builder, "name", "Rollstuhlgerecht");
      json_builder_set_member_name (builder, "value");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static void
add_offer (JsonBuilder *builder,
           const char  *price)
{
  json_builder_set_member_name (builder, "offers");
  json_builder_begin_object (builder);
  add_member (builder, "@type", "Offer");
  add_member (builder, "price", price);
  add_member (builder, "priceCurrency", "EUR");
  json_builder_end_object (builder);
}

static void
add_image (JsonBuilder *builder,
           const char  *base_url,
           const char  *name)
{
  g_autofree char *url = NULL;

  if (base_url == NULL)
    return;
  url = g_strconcat (base_url, IMAGE_PATH_PREFIX, name, ".svg", NULL);
  add_member (builder, "image", url);
}

GBytes *
kiosk_demo_events_build_jsonld (GDateTime  *now,
                                const char *base_url)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize length;
  char *data;

  json_builder_begin_object (builder);
  add_member (builder, "@context", "https://schema.org");
  json_builder_set_member_name (builder, "@graph");
  json_builder_begin_array (builder);

  json_builder_begin_object (builder);
  add_member (builder, "@type", "LiteraryEvent");
  add_member (builder, "@id", "https://tourismus.musterdorf.example/events/lesung-heimat");
  add_text (builder, "name", "Lesung: Heimatgeschichten aus Musterdorf",
            "Reading: local stories from Musterdorf");
  add_text (builder, "description",
            "<p>Die Autorin <b>Marie Lindner</b> liest aus ihrem neuen Buch über die Mühlen am Mühlteich.</p>"
            "<p>Mit anschließendem Gespräch.</p>",
            "<p>The author <b>Marie Lindner</b> reads from her new book about the mills by the mill pond.</p>"
            "<p>Followed by a conversation.</p>");
  add_time (builder, "startDate", now, 1, 19, 0);
  add_time (builder, "endDate", now, 1, 20, 30);
  add_location (builder, "stadtbibliothek", "Am Markt 3", TRUE);
  add_offer (builder, "5.00");
  add_image (builder, base_url, "lesung");
  add_member (builder, "url", "https://tourismus.musterdorf.example/events/lesung-heimat");
  add_member (builder, "keywords", "Kultur, Literatur");
  json_builder_end_object (builder);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "@type");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "ScreeningEvent");
  json_builder_add_string_value (builder, "Event");
  json_builder_end_array (builder);
  add_member (builder, "@id", "https://tourismus.musterdorf.example/events/kino");
  add_text (builder, "name", "Kinoabend im Rathaussaal: „Das Wunder von Bern“",
            "Cinema night at the town hall: “The Miracle of Bern”");
  add_text (builder, "description", "Ein Film über Fußball, Familie und das Jahr 1954. Mit Popcorn.",
            "A film about football, family and the year 1954. With popcorn.");
  add_time (builder, "startDate", now, 3, 20, 0);
  add_time (builder, "endDate", now, 3, 22, 15);
  add_location (builder, "rathaus", "Markt 1", TRUE);
  add_offer (builder, "6,00");
  add_member (builder, "accessibilitySummary", "Induktionsschleife für Hörgeräte");
  add_image (builder, base_url, "kino");
  add_member (builder, "url", "https://tourismus.musterdorf.example/events/kino");
  add_member (builder, "keywords", "Film, Kultur");
  json_builder_end_object (builder);

  json_builder_begin_object (builder);
  add_member (builder, "@type", "SaleEvent");
  add_text (builder, "name", "Flohmarkt am Stadtpark", "Flea market at the town park");
  add_text (builder, "description", "Trödel, Spielzeug und Bücher von privat. Standanmeldung nicht nötig.",
            "Bric-a-brac, toys and books. No need to book a stall.");
  add_time (builder, "startDate", now, days_until (now, 7) == 0 ? 7 : days_until (now, 7), 8, 0);
  add_time (builder, "endDate", now, days_until (now, 7) == 0 ? 7 : days_until (now, 7), 14, 0);
  add_location (builder, "stadtpark", "Parkstraße 10", FALSE);
  json_builder_set_member_name (builder, "isAccessibleForFree");
  json_builder_add_boolean_value (builder, TRUE);
  add_image (builder, base_url, "flohmarkt");
  add_member (builder, "keywords", "Markt");
  json_builder_end_object (builder);

  json_builder_begin_object (builder);
  add_member (builder, "@type", "TheaterEvent");
  add_member (builder, "identifier", "theater-ag-krug");
  add_text (builder, "name", "Theater-AG: „Der zerbrochne Krug“", "School theatre: “The Broken Jug”");
  add_text (builder, "description", "Die Aufführung wird verschoben. Der neue Termin folgt.",
            "The performance is postponed. A new date will follow.");
  add_time (builder, "startDate", now, 4, 18, 0);
  add_member (builder, "eventStatus", "https://schema.org/EventPostponed");
  add_location (builder, "volkshochschule", "Schulstraße 4", TRUE);
  add_member (builder, "keywords", "Theater, Kultur");
  json_builder_end_object (builder);

  json_builder_begin_object (builder);
  add_member (builder, "@type", "ExhibitionEvent");
  add_member (builder, "@id", "https://tourismus.musterdorf.example/events/museumsnacht");
  add_text (builder, "name", "Lange Nacht im Heimatmuseum", "Long night at the local museum");
  add_text (builder, "description", "Führungen bei Kerzenlicht, Mitmach-Werkstatt und Musik im Hof.",
            "Candle-lit tours, a hands-on workshop and music in the courtyard.");
  add_time (builder, "startDate", now, 8, 18, 0);
  add_time (builder, "endDate", now, 8, 23, 59);
  add_location (builder, "museum", "Kirchgasse 7", FALSE);
  add_offer (builder, "8.50");
  add_member (builder, "accessibilitySummary", "Erdgeschoss stufenlos, Obergeschoss nur über Treppen");
  add_image (builder, base_url, "museum");
  add_member (builder, "url", "https://tourismus.musterdorf.example/events/museumsnacht");
  add_member (builder, "keywords", "Kultur");
  json_builder_end_object (builder);

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

static GBytes *
ics_generator (GDateTime  *now,
               gpointer    user_data,
               char      **content_type)
{
  *content_type = g_strdup ("text/calendar; charset=utf-8");
  return kiosk_demo_events_build_ics (now);
}

static GBytes *
jsonld_generator (GDateTime  *now,
                  gpointer    user_data,
                  char      **content_type)
{
  *content_type = g_strdup ("application/ld+json");
  return kiosk_demo_events_build_jsonld (now, user_data);
}

static const struct
{
  const char *name;
  const char *colour;
  const char *symbol;   /* a simple shape: the picture of a poster */
} posters[] = {
  { "lesung", "#7b4ea3", "<rect x='250' y='150' width='300' height='200' rx='12' fill='white' opacity='0.9'/>"
                         "<line x1='400' y1='150' x2='400' y2='350' stroke='#7b4ea3' stroke-width='8'/>" },
  { "kino", "#b3261e", "<rect x='230' y='130' width='340' height='240' rx='20' fill='white' opacity='0.9'/>"
                       "<polygon points='360,190 360,310 460,250' fill='#b3261e'/>" },
  { "flohmarkt", "#2e7d32", "<circle cx='330' cy='250' r='80' fill='white' opacity='0.9'/>"
                            "<rect x='420' y='180' width='140' height='140' fill='white' opacity='0.7'/>" },
  { "museum", "#1c5d99", "<polygon points='250,200 400,120 550,200' fill='white'/>"
                         "<rect x='270' y='210' width='40' height='130' fill='white'/>"
                         "<rect x='380' y='210' width='40' height='130' fill='white'/>"
                         "<rect x='490' y='210' width='40' height='130' fill='white'/>" },
};

static GBytes *
poster_generator (GDateTime  *now,
                  gpointer    user_data,
                  char      **content_type)
{
  guint i = GPOINTER_TO_UINT (user_data);
  g_autofree char *svg = g_strdup_printf ("<svg xmlns='http://www.w3.org/2000/svg' width='800' height='500'>"
                                          "<rect width='800' height='500' fill='%s'/>%s</svg>",
                                          posters[i].colour, posters[i].symbol);

  *content_type = g_strdup ("image/svg+xml");
  return g_bytes_new (svg, strlen (svg));
}

void
kiosk_demo_events_install (KioskDemoServer *server,
                           GPtrArray       *sources)
{
  g_autofree char *ics_url = kiosk_demo_server_get_url (server, KIOSK_DEMO_EVENTS_ICS_PATH);
  g_autofree char *jsonld_url = kiosk_demo_server_get_url (server, KIOSK_DEMO_EVENTS_JSONLD_PATH);
  KioskSourceConfig *config;

  kiosk_demo_server_add_route (server, KIOSK_DEMO_EVENTS_ICS_PATH, ics_generator, NULL, NULL);
  kiosk_demo_server_add_route (server, KIOSK_DEMO_EVENTS_JSONLD_PATH, jsonld_generator,
                               kiosk_demo_server_get_url (server, ""), g_free);
  for (guint i = 0; i < G_N_ELEMENTS (posters); i++)
    {
      g_autofree char *path = g_strconcat (IMAGE_PATH_PREFIX, posters[i].name, ".svg", NULL);

      kiosk_demo_server_add_route (server, path, poster_generator, GUINT_TO_POINTER (i), NULL);
    }

  /* keep-running: the exhibition that opened ten days ago is still on. */
  config = kiosk_source_config_new ("musterdorf-events", "ical", ics_url);
  config->refresh_interval = 900;
  g_hash_table_insert (config->options, g_strdup (KIOSK_EVENTS_OPTION_KEEP_RUNNING), g_strdup ("true"));
  g_ptr_array_add (sources, config);

  config = kiosk_source_config_new ("musterdorf-tourism", "schema-event", jsonld_url);
  config->refresh_interval = 1800;
  g_hash_table_insert (config->options, g_strdup (KIOSK_EVENTS_OPTION_KEEP_RUNNING), g_strdup ("true"));
  g_ptr_array_add (sources, config);
}

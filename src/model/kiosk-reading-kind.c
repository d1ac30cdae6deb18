/* kiosk-reading-kind.c: what a measured quantity means: name, unit, bands, staleness */

#define G_LOG_DOMAIN "kiosk-reading-kind"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kiosk-reading-kind.h"

#define MAX_BANDS 6

typedef struct
{
  double      upper;
  const char *word;    /* N_() */
  const char *style;
} Band;

struct _KioskReadingKind
{
  gatomicrefcount  ref_count;
  char            *id;
  char            *name;
  gboolean         translate_name;
  char            *unit;
  guint            decimals;
  guint            max_age;
  const char      *scale;           /* N_() */
  guint            n_bands;
  Band             bands[MAX_BANDS];
};

typedef struct
{
  const char *id;
  const char *name;                 /* N_() */
  const char *unit;
  guint       decimals;
  guint       max_age;
  const char *scale;                /* N_() */
  const char *aliases;              /* normalized names, space-separated */
  const char *definitions;          /* ends of definition URIs, space-separated */
  guint       n_bands;
  Band        bands[MAX_BANDS];
} KindInfo;

/* Air quality thresholds (µg/m³) are those of the Umweltbundesamt's
 * Luftqualitätsindex: sehr gut, gut, mäßig, schlecht, sehr schlecht. */
static const KindInfo shipped[] = {
  { "temperature", N_("Temperature"), "°C", 1, 2 * 3600, NULL,
    "temperature airtemperature temperatur lufttemperatur ambienttemperature temp t2m",
    "temperature airtemperature", 5,
    { { 0, N_("frosty"), "band-temp-1" }, { 10, N_("cold"), "band-temp-2" },
      { 20, N_("mild"), "band-temp-3" }, { 28, N_("warm"), "band-temp-4" },
      { INFINITY, N_("hot"), "band-temp-5" } } },
  { "humidity", N_("Humidity"), "%", 0, 2 * 3600, NULL,
    "humidity relativehumidity luftfeuchte luftfeuchtigkeit relativeluftfeuchte relhumidity rh",
    "humidity relativehumidity", 3,
    { { 30, N_("dry"), "band-hum-1" }, { 60, N_("comfortable"), "band-hum-2" },
      { INFINITY, N_("humid"), "band-hum-3" } } },
  { "pm10", N_("Particulate matter PM10"), "µg/m³", 0, 3 * 3600, N_("Bands after the air quality index of the German Environment Agency (UBA)"),
    "pm10 feinstaubpm10 particulatematterpm10 particulatematter10 pm10concentration",
    "pollutant/5 pm10", 5,
    { { 20, N_("very good"), "band-aq-1" }, { 35, N_("good"), "band-aq-2" },
      { 50, N_("moderate"), "band-aq-3" }, { 100, N_("poor"), "band-aq-4" },
      { INFINITY, N_("very poor"), "band-aq-5" } } },
  { "pm25", N_("Particulate matter PM2.5"), "µg/m³", 0, 3 * 3600, N_("Bands after the air quality index of the German Environment Agency (UBA)"),
    "pm25 pm2p5 feinstaubpm25 particulatematterpm25 particulatematter25 pm25concentration",
    "pollutant/6001 pm25 pm2.5", 5,
    { { 10, N_("very good"), "band-aq-1" }, { 20, N_("good"), "band-aq-2" },
      { 25, N_("moderate"), "band-aq-3" }, { 50, N_("poor"), "band-aq-4" },
      { INFINITY, N_("very poor"), "band-aq-5" } } },
  { "no2", N_("Nitrogen dioxide"), "µg/m³", 0, 3 * 3600, N_("Bands after the air quality index of the German Environment Agency (UBA)"),
    "no2 nitrogendioxide stickstoffdioxid no2concentration",
    "pollutant/8 no2", 5,
    { { 20, N_("very good"), "band-aq-1" }, { 40, N_("good"), "band-aq-2" },
      { 100, N_("moderate"), "band-aq-3" }, { 200, N_("poor"), "band-aq-4" },
      { INFINITY, N_("very poor"), "band-aq-5" } } },
  { "o3", N_("Ozone"), "µg/m³", 0, 3 * 3600, N_("Bands after the air quality index of the German Environment Agency (UBA)"),
    "o3 ozone ozon o3concentration",
    "pollutant/7 o3", 5,
    { { 60, N_("very good"), "band-aq-1" }, { 120, N_("good"), "band-aq-2" },
      { 180, N_("moderate"), "band-aq-3" }, { 240, N_("poor"), "band-aq-4" },
      { INFINITY, N_("very poor"), "band-aq-5" } } },
  { "noise", N_("Noise"), "dB(A)", 0, 3600, NULL,
    "noise noiselevel laeq lamax soundlevel soundpressurelevel larm laerm schallpegel",
    "noise soundpressurelevel", 4,
    { { 45, N_("quiet"), "band-noise-1" }, { 55, N_("moderately loud"), "band-noise-2" },
      { 65, N_("loud"), "band-noise-3" }, { INFINITY, N_("very loud"), "band-noise-4" } } },
  { "parking", N_("Free parking spaces"), "", 0, 1800, NULL,
    "parking availablespotnumber freespaces freeparkingspaces freespots availablespaces "
    "freieparkplatze freieparkplaetze freieplatze parkplatzefrei",
    "availablespotnumber", 3,
    { { 0, N_("full"), "band-park-1" }, { 10, N_("few spaces"), "band-park-2" },
      { INFINITY, N_("spaces free"), "band-park-3" } } },
  { "water-level", N_("Water level"), "cm", 0, 3 * 3600, NULL,
    "waterlevel wasserstand pegel pegelstand riverlevel waterheight gaugeheight",
    "waterlevel", 4,
    { { 300, N_("normal"), "band-water-1" }, { 400, N_("raised"), "band-water-2" },
      { 500, N_("high"), "band-water-3" }, { INFINITY, N_("very high"), "band-water-4" } } },
};

static const char * const shipped_ids[] = {
  "temperature", "humidity", "pm10", "pm25", "no2", "o3", "noise", "parking", "water-level", NULL,
};

G_DEFINE_BOXED_TYPE (KioskReadingKind, kiosk_reading_kind,
                     kiosk_reading_kind_ref, kiosk_reading_kind_unref)

static KioskReadingKind *
kind_new_from_info (const KindInfo *info)
{
  KioskReadingKind *self = g_new0 (KioskReadingKind, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_strdup (info->id);
  self->name = g_strdup (info->name);
  self->translate_name = TRUE;
  self->unit = g_strdup (info->unit);
  self->decimals = info->decimals;
  self->max_age = info->max_age;
  self->scale = info->scale;
  self->n_bands = info->n_bands;
  memcpy (self->bands, info->bands, sizeof self->bands);

  return self;
}

static KioskReadingKind *
kind_copy (KioskReadingKind *other)
{
  KioskReadingKind *self = g_new0 (KioskReadingKind, 1);

  *self = *other;
  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_strdup (other->id);
  self->name = g_strdup (other->name);
  self->unit = g_strdup (other->unit);

  return self;
}

KioskReadingKind *
kiosk_reading_kind_ref (KioskReadingKind *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
kiosk_reading_kind_unref (KioskReadingKind *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->id);
      g_free (self->name);
      g_free (self->unit);
      g_free (self);
    }
}

KioskReadingKind *
kiosk_reading_kind_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (shipped); i++)
    {
      if (g_str_equal (shipped[i].id, id))
        return kind_new_from_info (&shipped[i]);
    }

  return NULL;
}

const char * const *
kiosk_reading_kind_list_ids (void)
{
  return shipped_ids;
}

/* "PM2.5" → "pm25", "Lärm" → "larm", "air_temperature" → "airtemperature" */
static char *
normalize (const char *name,
           gssize      length)
{
  g_autofree char *copy = g_strndup (name, length < 0 ? strlen (name) : (gsize) length);
  g_autofree char *ascii = NULL;
  GString *out;

  if (!g_utf8_validate (copy, -1, NULL))
    return g_strdup ("");

  ascii = g_str_to_ascii (copy, "C");
  out = g_string_new (NULL);
  for (const char *p = ascii; *p != '\0' && out->len < 64; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
    }

  return g_string_free (out, FALSE);
}

static gboolean
word_in_list (const char *word,
              const char *list,
              gboolean    allow_contains)
{
  g_auto(GStrv) words = NULL;

  if (*word == '\0')
    return FALSE;

  words = g_strsplit (list, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_equal (words[i], word))
        return TRUE;
      /* "airtemperature2m", "pm10hourly": long names contain the alias */
      if (allow_contains && strlen (words[i]) >= 4 && strstr (word, words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

static const KindInfo *
match_name (const char *name,
            gboolean    allow_contains)
{
  g_autofree char *norm = NULL;

  if (name == NULL)
    return NULL;

  norm = normalize (name, -1);
  for (guint i = 0; i < G_N_ELEMENTS (shipped); i++)
    {
      if (word_in_list (norm, shipped[i].aliases, allow_contains))
        return &shipped[i];
    }

  return NULL;
}

static const KindInfo *
match_definition (const char *definition)
{
  const char *tail;

  if (definition == NULL || *definition == '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (shipped); i++)
    {
      g_auto(GStrv) suffixes = g_strsplit (shipped[i].definitions, " ", -1);

      for (guint j = 0; suffixes[j] != NULL; j++)
        {
          gsize dlen = strlen (definition), slen = strlen (suffixes[j]);

          /* Whole path segments only: ".../pollutant/5" is not ".../pollutant/15". */
          if (dlen > slen &&
              g_ascii_strcasecmp (definition + dlen - slen, suffixes[j]) == 0 &&
              strchr ("/#:", definition[dlen - slen - 1]) != NULL)
            return &shipped[i];
        }
    }

  /* ".../AirTemperature", "...#relativeHumidity" */
  tail = strrchr (definition, '#');
  if (tail == NULL)
    tail = strrchr (definition, '/');
  if (tail != NULL && tail[1] != '\0')
    return match_name (tail + 1, FALSE);

  return NULL;
}

KioskReadingKind *
kiosk_reading_kind_match (const char *name,
                          const char *definition)
{
  const KindInfo *info;

  info = match_name (name, FALSE);
  if (info == NULL)
    info = match_definition (definition);
  if (info == NULL)
    info = match_name (name, TRUE);

  return info != NULL ? kind_new_from_info (info) : NULL;
}

KioskReadingKind *
kiosk_reading_kind_new_other (const char *name)
{
  KioskReadingKind *self = g_new0 (KioskReadingKind, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_strdup (KIOSK_READING_KIND_OTHER);
  self->name = g_strdup (name != NULL ? name : "");
  self->translate_name = FALSE;
  self->unit = g_strdup ("");
  self->decimals = 1;
  self->max_age = 3 * 3600;

  return self;
}

static gboolean
parse_uint_option (const char *text,
                   guint       max,
                   guint      *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return FALSE;
  *out = (guint) value;

  return TRUE;
}

static gboolean
parse_thresholds (KioskReadingKind *self,
                  const char       *text,
                  double           *uppers)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != self->n_bands - 1)
    return FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      double v;

      g_strstrip (parts[i]);
      v = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || *end != '\0' || !isfinite (v))
        return FALSE;
      if (i > 0 && v <= uppers[i - 1])
        return FALSE;
      uppers[i] = v;
    }

  return TRUE;
}

KioskReadingKind *
kiosk_reading_kind_apply_options (KioskReadingKind *self,
                                  GHashTable       *options,
                                  GPtrArray        *warnings)
{
  KioskReadingKind *copy;
  const char *value;
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  copy = kind_copy (self);
  if (options == NULL)
    return copy;

#define WARN(...) G_STMT_START { if (warnings != NULL) g_ptr_array_add (warnings, g_strdup_printf (__VA_ARGS__)); } G_STMT_END

  g_free (key);
  key = g_strconcat ("thresholds-", self->id, NULL);
  if ((value = g_hash_table_lookup (options, key)) != NULL && copy->n_bands > 1)
    {
      double uppers[MAX_BANDS];

      if (parse_thresholds (copy, value, uppers))
        {
          for (guint i = 0; i + 1 < copy->n_bands; i++)
            copy->bands[i].upper = uppers[i];
        }
      else
        WARN ("option %s: “%s” is not %u rising numbers separated by commas; "
              "keeping the default bands", key, value, copy->n_bands - 1);
    }

  g_free (key);
  key = g_strconcat ("max-age-", self->id, NULL);
  if ((value = g_hash_table_lookup (options, key)) != NULL &&
      !parse_uint_option (value, 365 * 24 * 3600, &copy->max_age))
    WARN ("option %s: “%s” is not a number of seconds; keeping %u", key, value, copy->max_age);

  g_free (key);
  key = g_strconcat ("decimals-", self->id, NULL);
  if ((value = g_hash_table_lookup (options, key)) != NULL &&
      !parse_uint_option (value, 6, &copy->decimals))
    WARN ("option %s: “%s” is not a number from 0 to 6; keeping %u", key, value, copy->decimals);

  g_free (key);
  key = g_strconcat ("unit-", self->id, NULL);
  if ((value = g_hash_table_lookup (options, key)) != NULL)
    {
      g_free (copy->unit);
      copy->unit = g_utf8_make_valid (value, -1);
    }

#undef WARN

  return copy;
}

const char *
kiosk_reading_kind_get_id (KioskReadingKind *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

const char *
kiosk_reading_kind_get_name (KioskReadingKind *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->translate_name ? _(self->name) : self->name;
}

const char *
kiosk_reading_kind_get_unit (KioskReadingKind *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->unit;
}

guint
kiosk_reading_kind_get_decimals (KioskReadingKind *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->decimals;
}

guint
kiosk_reading_kind_get_max_age (KioskReadingKind *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->max_age;
}

const char *
kiosk_reading_kind_get_scale (KioskReadingKind *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->scale != NULL ? _(self->scale) : NULL;
}

guint
kiosk_reading_kind_get_n_bands (KioskReadingKind *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_bands;
}

void
kiosk_reading_kind_get_band (KioskReadingKind *self,
                             guint             band,
                             double           *upper,
                             const char      **word,
                             const char      **style)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (band < self->n_bands);

  if (upper != NULL)
    *upper = self->bands[band].upper;
  if (word != NULL)
    *word = _(self->bands[band].word);
  if (style != NULL)
    *style = self->bands[band].style;
}

int
kiosk_reading_kind_band_for_value (KioskReadingKind *self,
                                   double            value)
{
  g_return_val_if_fail (self != NULL, -1);

  if (self->n_bands == 0 || isnan (value))
    return -1;

  for (guint i = 0; i + 1 < self->n_bands; i++)
    {
      if (value <= self->bands[i].upper)
        return (int) i;
    }

  return (int) self->n_bands - 1;
}

char *
kiosk_reading_kind_format_value (KioskReadingKind *self,
                                 double            value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char fmt[8];
  const char *decimal;
  guint decimals = self != NULL ? self->decimals : 1;

  if (!isfinite (value))
    return g_strdup ("–");

  /* Avoid "-0" for a value that rounds to zero. */
  if (fabs (value) < 0.5 * pow (10, -(double) decimals))
    value = 0;

  g_snprintf (fmt, sizeof fmt, "%%.%uf", MIN (decimals, 6u));
  g_ascii_formatd (buf, sizeof buf, fmt, value);
  /* Translators: the decimal separator of numbers, "," in German */
  decimal = C_("decimal separator", ".");
  if (decimal[0] != '\0' && decimal[1] == '\0' && decimal[0] != '.')
    g_strdelimit (buf, ".", decimal[0]);

  /* A typographic minus reads better on a big display. */
  if (buf[0] == '-')
    return g_strconcat ("−", buf + 1, NULL);

  return g_strdup (buf);
}

typedef struct
{
  const char *code;
  const char *symbol;
} UnitCode;

/* UN/CEFACT Recommendation 20 common codes seen in FIWARE smart data models. */
static const UnitCode cefact[] = {
  { "CEL", "°C" }, { "FAH", "°F" }, { "KEL", "K" },
  { "GQ", "µg/m³" }, { "GP", "mg/m³" }, { "M1", "mg/l" },
  { "P1", "%" }, { "2N", "dB" },
  { "MTR", "m" }, { "CMT", "cm" }, { "MMT", "mm" }, { "KTM", "km" },
  { "MTS", "m/s" }, { "KMH", "km/h" },
  { "A97", "hPa" }, { "PAL", "Pa" }, { "BAR", "bar" }, { "MBR", "mbar" },
  { "59", "ppm" }, { "61", "ppb" },
  { "MQH", "m³/h" }, { "MQS", "m³/s" }, { "LTR", "l" },
  { "WTT", "W" }, { "KWT", "kW" }, { "D54", "W/m²" }, { "LUX", "lx" },
  { "H87", "" }, { "C62", "" }, { "E07", "" },
};

const char *
kiosk_unit_from_cefact (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cefact); i++)
    {
      if (g_ascii_strcasecmp (cefact[i].code, code) == 0)
        return cefact[i].symbol;
    }

  return NULL;
}

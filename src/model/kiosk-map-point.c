/* kiosk-map-point.c: one thing on the map: a place, an event's venue or a sensor station */

#define G_LOG_DOMAIN "kiosk-map-point"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-map-point.h"
#include "kiosk-vocabulary.h"

struct _KioskMapPoint
{
  GObject            parent_instance;

  /* owned */
  KioskMapPointKind  kind;
  char              *id;
  char              *title;
  char              *category;
  double             latitude;
  double             longitude;
  GObject           *item;
  GPtrArray         *readings;
};

G_DEFINE_FINAL_TYPE (KioskMapPoint, kiosk_map_point, G_TYPE_OBJECT)

static void
kiosk_map_point_finalize (GObject *object)
{
  KioskMapPoint *self = (KioskMapPoint *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_object (&self->item);
  g_clear_pointer (&self->readings, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_map_point_parent_class)->finalize (object);
}

static void
kiosk_map_point_class_init (KioskMapPointClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kiosk_map_point_finalize;
}

static void
kiosk_map_point_init (KioskMapPoint *self)
{
  self->readings = g_ptr_array_new_with_free_func (g_object_unref);
}

static gboolean
usable (double latitude,
        double longitude)
{
  return isfinite (latitude) && isfinite (longitude) &&
         latitude >= -85 && latitude <= 85 && longitude >= -180 && longitude <= 180 &&
         !(latitude == 0 && longitude == 0);
}

static gboolean
has_property (gpointer    item,
              const char *name)
{
  return g_object_class_find_property (G_OBJECT_GET_CLASS (item), name) != NULL;
}

static KioskMapPoint *
point_new (KioskMapPointKind  kind,
           const char        *id,
           const char        *title,
           const char        *category,
           double             latitude,
           double             longitude,
           GObject           *item)
{
  KioskMapPoint *self = g_object_new (KIOSK_TYPE_MAP_POINT, NULL);

  self->kind = kind;
  self->id = g_strdup (id ? id : "");
  self->title = g_strdup (title ? title : "");
  self->category = g_strdup (category ? category : "");
  self->latitude = latitude;
  self->longitude = longitude;
  self->item = item ? g_object_ref (item) : NULL;

  return self;
}

GPtrArray *
kiosk_map_points_from_places (GListModel *places)
{
  GPtrArray *points = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = places ? g_list_model_get_n_items (places) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (places, i);
      g_autofree char *id = NULL, *name = NULL, *category = NULL;
      double latitude = NAN, longitude = NAN;

      if (!has_property (item, "latitude") || !has_property (item, "name"))
        continue;
      g_object_get (item, "id", &id, "name", &name, "category", &category,
                    "latitude", &latitude, "longitude", &longitude, NULL);
      if (!usable (latitude, longitude))
        continue;
      g_ptr_array_add (points, point_new (KIOSK_MAP_POINT_PLACE, id, name, category,
                                          latitude, longitude, item));
    }

  return points;
}

GPtrArray *
kiosk_map_points_from_events (GListModel *events,
                              GDateTime  *now)
{
  g_autoptr(GHashTable) next = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  GPtrArray *points = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = events ? g_list_model_get_n_items (events) : 0;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (now != NULL, points);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (events, i);
      g_autoptr(GDateTime) start = NULL, end = NULL;
      g_autofree char *uid = NULL;
      double latitude = NAN, longitude = NAN;
      GObject *best;

      if (!has_property (item, "uid") || !has_property (item, "start"))
        continue;
      g_object_get (item, "uid", &uid, "start", &start, "end", &end,
                    "latitude", &latitude, "longitude", &longitude, NULL);
      if (uid == NULL || start == NULL || !usable (latitude, longitude))
        continue;
      /* Over is over: an event that has ended is not on the map. */
      if (g_date_time_compare (end != NULL ? end : start, now) < 0)
        continue;

      best = g_hash_table_lookup (next, uid);
      if (best != NULL)
        {
          g_autoptr(GDateTime) best_start = NULL;

          g_object_get (best, "start", &best_start, NULL);
          if (g_date_time_compare (best_start, start) <= 0)
            continue;
        }
      g_hash_table_replace (next, g_steal_pointer (&uid), g_object_ref (item));
    }

  g_hash_table_iter_init (&iter, next);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *title = NULL;
      double latitude, longitude;

      g_object_get (value, "title", &title, "latitude", &latitude, "longitude", &longitude, NULL);
      g_ptr_array_add (points, point_new (KIOSK_MAP_POINT_EVENT, key, title, KIOSK_MAP_CATEGORY_EVENT,
                                          latitude, longitude, value));
    }

  return points;
}

static int
compare_reading_property (gconstpointer a,
                          gconstpointer b)
{
  g_autofree char *pa = NULL, *pb = NULL;

  g_object_get (*(GObject **) a, "property", &pa, NULL);
  g_object_get (*(GObject **) b, "property", &pb, NULL);

  return g_strcmp0 (pa, pb);
}

GPtrArray *
kiosk_map_points_from_readings (GListModel *readings)
{
  /* station-id -> (property -> newest reading) */
  g_autoptr(GHashTable) stations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) firsts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  GPtrArray *points = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = readings ? g_list_model_get_n_items (readings) : 0;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (readings, i);
      g_autofree char *station_id = NULL, *property = NULL;
      g_autoptr(GDateTime) time = NULL;
      double latitude = NAN, longitude = NAN;
      GHashTable *properties;
      GObject *known;

      if (!has_property (item, "station-id") || !has_property (item, "property"))
        continue;
      g_object_get (item, "station-id", &station_id, "property", &property, "time", &time,
                    "latitude", &latitude, "longitude", &longitude, NULL);
      if (station_id == NULL || !usable (latitude, longitude))
        continue;

      properties = g_hash_table_lookup (stations, station_id);
      if (properties == NULL)
        {
          properties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
          g_hash_table_insert (stations, g_strdup (station_id), properties);
          g_hash_table_insert (firsts, g_strdup (station_id), g_object_ref (item));
        }

      known = g_hash_table_lookup (properties, property ? property : "");
      if (known != NULL)
        {
          g_autoptr(GDateTime) known_time = NULL;

          g_object_get (known, "time", &known_time, NULL);
          if (time == NULL || (known_time != NULL && g_date_time_compare (known_time, time) >= 0))
            continue;
        }
      g_hash_table_replace (properties, g_strdup (property ? property : ""), g_object_ref (item));
    }

  g_hash_table_iter_init (&iter, stations);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GObject *first = g_hash_table_lookup (firsts, key);
      g_autofree char *station = NULL;
      double latitude, longitude;
      KioskMapPoint *point;
      GHashTableIter props;
      gpointer reading;

      g_object_get (first, "station", &station, "latitude", &latitude, "longitude", &longitude, NULL);
      point = point_new (KIOSK_MAP_POINT_STATION, key, station ? station : key, KIOSK_MAP_CATEGORY_STATION,
                         latitude, longitude, first);
      g_hash_table_iter_init (&props, value);
      while (g_hash_table_iter_next (&props, NULL, &reading))
        g_ptr_array_add (point->readings, g_object_ref (reading));
      g_ptr_array_sort (point->readings, compare_reading_property);
      g_ptr_array_add (points, point);
    }

  return points;
}

KioskMapPointKind
kiosk_map_point_get_kind (KioskMapPoint *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_POINT (self), KIOSK_MAP_POINT_PLACE);

  return self->kind;
}

const char *
kiosk_map_point_get_id (KioskMapPoint *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_POINT (self), NULL);

  return self->id;
}

const char *
kiosk_map_point_get_title (KioskMapPoint *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_POINT (self), NULL);

  return self->title;
}

const char *
kiosk_map_point_get_category (KioskMapPoint *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_POINT (self), NULL);

  return self->category;
}

double
kiosk_map_point_get_latitude (KioskMapPoint *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_POINT (self), NAN);

  return self->latitude;
}

double
kiosk_map_point_get_longitude (KioskMapPoint *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_POINT (self), NAN);

  return self->longitude;
}

GObject *
kiosk_map_point_get_item (KioskMapPoint *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_POINT (self), NULL);

  return self->item;
}

GPtrArray *
kiosk_map_point_get_readings (KioskMapPoint *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_POINT (self), NULL);

  return self->readings;
}

/* Categories are free text in GeoJSON (often OpenStreetMap's amenity
 * values); these words cover what towns publish. First match wins. */
static const struct
{
  const char *icon;
  const char *words;
} category_icons[] = {
  { "kiosk-map-parking-symbolic", "parkplatz|parkhaus|parking|p+r" },
  { "kiosk-map-transport-symbolic", "bahn|bus|haltestelle|station|transport|verkehr|mobil|bicycle|fahrrad|charging|lade" },
  { "kiosk-map-library-symbolic", "bibliothek|bücherei|library|buch" },
  { "kiosk-map-culture-symbolic", "museum|kultur|culture|theater|theatre|galerie|kunst|kino|arts" },
  { "kiosk-map-playground-symbolic", "spielplatz|playground" },
  { "kiosk-map-park-symbolic", "park|garten|grün|green|natur|wald|friedhof" },
  { "kiosk-map-church-symbolic", "kirche|church|religion|worship|gemeinde" },
  { "kiosk-map-school-symbolic", "schule|school|kita|kindergarten|bildung|education|college|university" },
  { "kiosk-map-sport-symbolic", "sport|bad|schwimm|swim|turn|fitness|pool" },
  { "kiosk-map-health-symbolic", "arzt|ärzt|doctor|apotheke|pharma|gesundheit|health|klinik|hospital|kranken|pflege|senior" },
  { "kiosk-map-food-symbolic", "café|cafe|restaurant|gastro|food|essen|bäcker|imbiss" },
  { "kiosk-map-shop-symbolic", "laden|shop|einkauf|handel|supermarket" },
  { "kiosk-map-townhall-symbolic", "rathaus|verwaltung|amt|bürger|town|hall|government|feuerwehr|fire|polizei|police|community|jugend" },
  { "kiosk-map-info-symbolic", "info|touris|toilet|wc|recycling|wertstoff" },
};

const char *
kiosk_map_category_icon_name (const char *category)
{
  g_autofree char *folded = NULL;

  if (category == NULL || *category == '\0')
    return "kiosk-map-place-symbolic";
  if (g_str_equal (category, KIOSK_MAP_CATEGORY_EVENT))
    return "kiosk-events-symbolic";
  if (g_str_equal (category, KIOSK_MAP_CATEGORY_STATION))
    return "kiosk-sensors-symbolic";

  folded = g_utf8_strdown (category, -1);
  for (guint i = 0; i < G_N_ELEMENTS (category_icons); i++)
    {
      g_auto(GStrv) words = g_strsplit (category_icons[i].words, "|", -1);

      for (guint j = 0; words[j] != NULL; j++)
        {
          if (strstr (folded, words[j]) != NULL)
            return category_icons[i].icon;
        }
    }

  return "kiosk-map-place-symbolic";
}

const char *
kiosk_map_category_label (const char *category)
{
  if (category == NULL || *category == '\0')
    return _("Other places");
  if (g_str_equal (category, KIOSK_MAP_CATEGORY_EVENT))
    return _("Events");
  if (g_str_equal (category, KIOSK_MAP_CATEGORY_STATION))
    return _("Sensor stations");

  /* OpenStreetMap-style keys and known words in the UI language;
   * anything else is shown as given. */
  return kiosk_vocabulary_label (KIOSK_VOCABULARY_PLACE_CATEGORY, category);
}

static const struct
{
  const char *icon;
  const char *label;
} family_labels[] = {
  { "kiosk-map-parking-symbolic", N_("Parking") },
  { "kiosk-map-transport-symbolic", N_("Getting around") },
  { "kiosk-map-library-symbolic", N_("Library") },
  { "kiosk-map-culture-symbolic", N_("Culture") },
  { "kiosk-map-playground-symbolic", N_("Playgrounds") },
  { "kiosk-map-park-symbolic", N_("Parks") },
  { "kiosk-map-church-symbolic", N_("Churches") },
  { "kiosk-map-school-symbolic", N_("Education") },
  { "kiosk-map-sport-symbolic", N_("Sport and swimming") },
  { "kiosk-map-health-symbolic", N_("Health") },
  { "kiosk-map-food-symbolic", N_("Food and drink") },
  { "kiosk-map-shop-symbolic", N_("Shopping") },
  { "kiosk-map-townhall-symbolic", N_("Town hall and meeting places") },
  { "kiosk-map-info-symbolic", N_("Information and services") },
  { "kiosk-events-symbolic", N_("Events") },
  { "kiosk-sensors-symbolic", N_("Sensor stations") },
};

const char *
kiosk_map_family_label (const char *icon_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (family_labels); i++)
    {
      if (g_strcmp0 (icon_name, family_labels[i].icon) == 0)
        return _(family_labels[i].label);
    }

  return _("Other places");
}

const char *
kiosk_map_point_get_icon_name (KioskMapPoint *self)
{
  g_return_val_if_fail (KIOSK_IS_MAP_POINT (self), NULL);

  return kiosk_map_category_icon_name (self->category);
}

char *
kiosk_map_point_dup_family_class (KioskMapPoint *self)
{
  char *family, *end;

  g_return_val_if_fail (KIOSK_IS_MAP_POINT (self), NULL);

  family = g_strdup (kiosk_map_point_get_icon_name (self));
  end = g_strrstr (family, "-symbolic");
  if (end != NULL)
    *end = '\0';

  return family;
}

/* Clustering */

static void
world_px (double  latitude,
          double  longitude,
          int     zoom,
          double *x,
          double *y)
{
  double size = 256.0 * (double) (1 << zoom);
  double phi = latitude * G_PI / 180.0;

  *x = (longitude + 180.0) / 360.0 * size;
  *y = (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * size;
}

void
kiosk_map_cluster_free (KioskMapCluster *cluster)
{
  if (cluster == NULL)
    return;

  g_clear_pointer (&cluster->points, g_ptr_array_unref);
  g_free (cluster);
}

typedef struct
{
  gint64           cx;
  gint64           cy;
  guint            index;
  double           x;
  double           y;
  KioskMapCluster *cluster;
} Cell;

static gint64
cell_key (gint64 cx,
          gint64 cy)
{
  return (cx << 32) | (cy & 0xffffffff);
}

GPtrArray *
kiosk_map_cluster (GPtrArray *points,
                   int        zoom,
                   double     cell_px)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_map_cluster_free);

  g_return_val_if_fail (points != NULL, clusters);
  g_return_val_if_fail (cell_px > 0, clusters);

  zoom = CLAMP (zoom, 0, 24);

  /* A grid anchored to the world, so panning does not regroup. */
  for (guint i = 0; i < points->len; i++)
    {
      KioskMapPoint *point = g_ptr_array_index (points, i);
      double x, y;
      gint64 key;
      Cell *cell;

      world_px (point->latitude, point->longitude, zoom, &x, &y);
      key = cell_key ((gint64) floor (x / cell_px), (gint64) floor (y / cell_px));
      cell = g_hash_table_lookup (cells, &key);
      if (cell == NULL)
        {
          cell = g_new0 (Cell, 1);
          cell->cx = (gint64) floor (x / cell_px);
          cell->cy = (gint64) floor (y / cell_px);
          cell->index = order->len;
          cell->cluster = g_new0 (KioskMapCluster, 1);
          cell->cluster->points = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (cells, g_memdup2 (&key, sizeof key), cell);
          g_array_append_val (order, key);
        }
      cell->x += x;
      cell->y += y;
      g_ptr_array_add (cell->cluster->points, g_object_ref (point));
    }

  for (guint i = 0; i < order->len; i++)
    {
      Cell *cell = g_hash_table_lookup (cells, &g_array_index (order, gint64, i));
      KioskMapCluster *cluster = cell->cluster;
      guint n = cluster->points->len;

      cell->x /= n;
      cell->y /= n;
    }

  /* Neighbouring cells whose groups ended up on top of each other merge;
   * only the eight around a cell can be that close. */
  for (guint i = 0; i < order->len; i++)
    {
      Cell *a = g_hash_table_lookup (cells, &g_array_index (order, gint64, i));

      if (a->cluster == NULL)
        continue;
      for (int n = 0; n < 9; n++)
        {
          gint64 near = cell_key (a->cx + n % 3 - 1, a->cy + n / 3 - 1);
          Cell *b = g_hash_table_lookup (cells, &near);
          guint na, nb;

          if (b == NULL || b == a || b->index < a->index || b->cluster == NULL ||
              fabs (a->x - b->x) >= cell_px * 0.75 || fabs (a->y - b->y) >= cell_px * 0.75)
            continue;
          na = a->cluster->points->len;
          nb = b->cluster->points->len;
          a->x = (a->x * na + b->x * nb) / (na + nb);
          a->y = (a->y * na + b->y * nb) / (na + nb);
          g_ptr_array_extend_and_steal (a->cluster->points, g_steal_pointer (&b->cluster->points));
          kiosk_map_cluster_free (g_steal_pointer (&b->cluster));
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      Cell *cell = g_hash_table_lookup (cells, &g_array_index (order, gint64, i));
      KioskMapCluster *cluster = cell->cluster;
      double size = 256.0 * (double) (1 << zoom);
      double n;

      if (cluster == NULL)
        continue;
      if (cluster->points->len == 1)
        {
          KioskMapPoint *only = g_ptr_array_index (cluster->points, 0);

          cluster->latitude = only->latitude;
          cluster->longitude = only->longitude;
        }
      else
        {
          cluster->longitude = cell->x / size * 360.0 - 180.0;
          n = G_PI - 2.0 * G_PI * cell->y / size;
          cluster->latitude = 180.0 / G_PI * atan (0.5 * (exp (n) - exp (-n)));
        }
      g_ptr_array_add (clusters, g_steal_pointer (&cell->cluster));
    }

  return clusters;
}

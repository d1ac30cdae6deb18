/* kiosk-render-tiles.c: draws the demo town Musterdorf into an MBTiles file
 *
 * Usage: kiosk-render-tiles OUTPUT.mbtiles
 *
 * The town is made up: its streets, river, park and buildings are described
 * below in metres east/north of the town centre (the Stadtbibliothek, where
 * the demo kiosk stands) and drawn with cairo into 256 px PNG tiles, zoom 12
 * to 16 over the whole area and zoom 17 over the centre. Nothing is
 * downloaded; the output is the same on every build. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>

#define CENTER_LAT 51.3397
#define CENTER_LON 12.3731
#define TILE 256
#define MIN_ZOOM 12
#define MAX_ZOOM 17
#define EXTENT 2600.0        /* metres from the centre, all zooms */
#define EXTENT_MAX_ZOOM 1500.0 /* metres from the centre at MAX_ZOOM */

typedef struct { double x, y; } Pt;

enum { ROAD_PRIMARY, ROAD_SECONDARY, ROAD_RESIDENTIAL, ROAD_PATH, ROAD_RAIL, N_ROAD };

typedef struct
{
  const char *name;
  int         cls;
  int         n;
  Pt          pts[12];
} Line;

enum { AREA_FIELD, AREA_FOREST, AREA_PARK, AREA_WATER, AREA_SQUARE, AREA_CEMETERY,
       AREA_PITCH, AREA_INDUSTRIAL, AREA_RESIDENTIAL };

typedef struct
{
  const char *name;
  int         cls;
  int         n;
  Pt          pts[12];
} Area;

typedef struct
{
  const char *name;
  Pt          center;
  double      w, h, angle;  /* metres, degrees */
  int         min_label_zoom;
} Landmark;

/* Musterdorf, as its town plan has it: the market and the library in the
 * middle, the Stadtpark to the north-east, the river Muster beyond it, the
 * railway and the station to the south-east. */

static const Line roads[] = {
  { "Hauptstraße", ROAD_PRIMARY, 7,
    { {-2700, -200}, {-1500, -90}, {-600, -50}, {0, -45}, {600, -40}, {1500, 20}, {2700, 150} } },
  { "Bahnhofstraße", ROAD_SECONDARY, 4, { {150, -45}, {300, -250}, {470, -480}, {540, -545} } },
  { "Klinikstraße", ROAD_SECONDARY, 4, { {600, -40}, {700, 250}, {760, 500}, {800, 540} } },
  { "Lindenallee", ROAD_SECONDARY, 3, { {-1300, -100}, {-1250, 500}, {-1100, 1000} } },
  { "Alte Poststraße", ROAD_SECONDARY, 2, { {-2700, 600}, {-1250, 500} } },
  { "Landstraße", ROAD_SECONDARY, 3, { {1100, 620}, {1600, 1200}, {2200, 2700} } },
  { "Südstraße", ROAD_SECONDARY, 3, { {-200, -560}, {-350, -1300}, {-500, -2700} } },
  { "Marktstraße", ROAD_RESIDENTIAL, 3, { {60, -45}, {65, 200}, {80, 540} } },
  { "Kirchstraße", ROAD_RESIDENTIAL, 2, { {255, -45}, {260, 240} } },
  { "Parkstraße", ROAD_RESIDENTIAL, 4, { {-600, 235}, {0, 238}, {440, 240}, {900, 262} } },
  { "Nordstraße", ROAD_RESIDENTIAL, 5, { {-1250, 560}, {-300, 545}, {80, 540}, {600, 560}, {1100, 620} } },
  { "Bäderweg", ROAD_RESIDENTIAL, 2, { {-355, 238}, {-355, 430} } },
  { "Museumsgasse", ROAD_RESIDENTIAL, 2, { {-132, -45}, {-136, 170} } },
  { "Lindenstraße", ROAD_RESIDENTIAL, 3, { {-1250, -240}, {-250, -235}, {150, -215} } },
  { "Schulstraße", ROAD_RESIDENTIAL, 2, { {-450, -45}, {-470, -560} } },
  { "Am Anker", ROAD_RESIDENTIAL, 3, { {-20, -45}, {-30, -300}, {-40, -560} } },
  { "Am Güterbahnhof", ROAD_RESIDENTIAL, 4, { {-900, -690}, {-560, -680}, {0, -640}, {470, -555} } },
  { "Südring", ROAD_RESIDENTIAL, 3, { {-900, -560}, {-200, -560}, {300, -250} } },
  { "Mühlenweg", ROAD_RESIDENTIAL, 3, { {440, 240}, {435, 560}, {440, 650} } },
  { "Rosenweg", ROAD_RESIDENTIAL, 2, { {-800, -50}, {-800, 545} } },
  { "Gartenstraße", ROAD_RESIDENTIAL, 3, { {900, 262}, {1200, 300}, {1400, 0} } },
  { "Birkenweg", ROAD_RESIDENTIAL, 2, { {1000, -20}, {950, -400} } },
  { "Uferweg", ROAD_PATH, 6, { {-1000, 950}, {-400, 900}, {200, 850}, {700, 830}, {1300, 920}, {1600, 920} } },
  { "Parkweg", ROAD_PATH, 4, { {160, 270}, {260, 340}, {330, 420}, {430, 470} } },
  { NULL, ROAD_RAIL, 6, { {-2700, -1150}, {-1000, -950}, {0, -800}, {535, -640}, {1500, -500}, {2700, -380} } },
};

static const Line river = {
  "Muster", ROAD_PATH, 9,
  { {-2700, 1150}, {-1800, 1000}, {-1000, 990}, {-400, 940}, {200, 890}, {700, 870},
    {1300, 960}, {2000, 910}, {2700, 1050} }
};

static const Area areas[] = {
  { NULL, AREA_FIELD, 4, { {-2700, -2700}, {2700, -2700}, {2700, 2700}, {-2700, 2700} } },
  { "Stadtwald", AREA_FOREST, 7,
    { {-2700, 1250}, {-1600, 1150}, {-700, 1200}, {-500, 1700}, {-1200, 2300}, {-2000, 2700}, {-2700, 2700} } },
  { "Auwald", AREA_FOREST, 6,
    { {900, -900}, {1900, -750}, {2700, -700}, {2700, -1800}, {1800, -2000}, {1100, -1500} } },
  { NULL, AREA_RESIDENTIAL, 10,
    { {-1400, -150}, {-1350, 650}, {-900, 780}, {900, 780}, {1300, 700}, {1500, 100},
      {1000, -450}, {600, -580}, {-700, -600}, {-1350, -400} } },
  { "Gewerbegebiet West", AREA_INDUSTRIAL, 4, { {-900, -860}, {-300, -820}, {-300, -700}, {-900, -720} } },
  { "Stadtpark", AREA_PARK, 5, { {150, 255}, {425, 255}, {425, 480}, {330, 520}, {150, 500} } },
  { "Mühlteich", AREA_WATER, 8,
    { {455, 690}, {490, 672}, {530, 680}, {548, 712}, {535, 748}, {495, 760}, {460, 745}, {448, 718} } },
  { NULL, AREA_PITCH, 4, { {180, 300}, {232, 300}, {232, 345}, {180, 345} } },
  { NULL, AREA_PITCH, 4, { {-290, -300}, {-210, -300}, {-210, -255}, {-290, -255} } },
  { NULL, AREA_PITCH, 4, { {380, 680}, {440, 680}, {440, 725}, {380, 725} } },
  { "Marktplatz", AREA_SQUARE, 4, { {145, -30}, {240, -30}, {240, 115}, {145, 115} } },
  { "Friedhof", AREA_CEMETERY, 4, { {-1180, 250}, {-900, 260}, {-905, 470}, {-1180, 460} } },
  { "Sportplatz", AREA_PITCH, 4, { {-620, 330}, {-480, 330}, {-480, 420}, {-620, 420} } },
  { NULL, AREA_WATER, 4, { {-330, 455}, {-270, 455}, {-270, 505}, {-330, 505} } },
};

/* The demo's places that are buildings, where the places source puts them
 * (src/demo/kiosk-demo-places.c), in metres from the library. */
static const Landmark landmarks[] = {
  { "Stadtbibliothek", { 0, 0 }, 56, 36, 0, 16 },
  { "Rathaus", { 112, 100 }, 48, 30, 0, 16 },
  { "Bürgerbüro", { 70, 145 }, 30, 20, 0, 17 },
  { "Tourist-Information", { 125, 60 }, 22, 18, 0, 17 },
  { "Heimatmuseum", { -132, 200 }, 40, 28, 0, 16 },
  { "St.-Nikolai-Kirche", { 216, 156 }, 24, 52, 0, 16 },
  { "Löwen-Apotheke", { 202, -72 }, 22, 16, 0, 17 },
  { "Bahnhof-Apotheke", { 405, -505 }, 20, 16, 35, 17 },
  { "Stadtbad", { -395, 475 }, 50, 34, 0, 16 },
  { "Bahnhof", { 545, -600 }, 90, 22, 15, 15 },
  { "Volkshochschule", { -390, -125 }, 60, 28, 0, 16 },
  { "Jugendzentrum Anker", { -75, -345 }, 32, 24, 0, 16 },
  { "Kreisklinikum", { 860, 610 }, 110, 50, 10, 15 },
  { "Wertstoffhof", { -563, -765 }, 60, 30, 0, 16 },
  { "Marktgarage", { 280, -5 }, 40, 30, 0, 17 },
};

/* Projection */

static double
m_to_lat (double y)
{
  return CENTER_LAT + y / 111320.0;
}

static double
m_to_lon (double x)
{
  return CENTER_LON + x / (111320.0 * cos (CENTER_LAT * G_PI / 180.0));
}

static double
lon_to_wx (double lon, int z)
{
  return (lon + 180.0) / 360.0 * TILE * (double) (1 << z);
}

static double
lat_to_wy (double lat, int z)
{
  double phi = lat * G_PI / 180.0;

  return (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * TILE * (double) (1 << z);
}

static Pt
project (Pt m, int z)
{
  Pt p = { lon_to_wx (m_to_lon (m.x), z), lat_to_wy (m_to_lat (m.y), z) };

  return p;
}

static double
metres_per_px (int z)
{
  return 156543.03392 * cos (CENTER_LAT * G_PI / 180.0) / (double) (1 << z);
}

/* Buildings, placed along the streets like a town grows */

typedef struct { Pt c[4]; Pt center; double r; } Building;

static GArray *buildings;

static guint32 seed = 20261122;

static double
rnd (void)
{
  seed = seed * 1664525u + 1013904223u;
  return (seed >> 8) / 16777216.0;
}

static double
dist_to_segment (Pt p, Pt a, Pt b)
{
  double dx = b.x - a.x, dy = b.y - a.y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

static double
dist_to_line (Pt p, const Line *line)
{
  double best = G_MAXDOUBLE;

  for (int i = 0; i + 1 < line->n; i++)
    best = MIN (best, dist_to_segment (p, line->pts[i], line->pts[i + 1]));

  return best;
}

static gboolean
inside_area (Pt p, const Area *area)
{
  gboolean inside = FALSE;

  for (int i = 0, j = area->n - 1; i < area->n; j = i++)
    {
      Pt a = area->pts[i], b = area->pts[j];

      if (((a.y > p.y) != (b.y > p.y)) &&
          (p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x))
        inside = !inside;
    }

  return inside;
}

static double
road_width_m (int cls)
{
  switch (cls)
    {
    case ROAD_PRIMARY: return 14;
    case ROAD_SECONDARY: return 11;
    case ROAD_RESIDENTIAL: return 8;
    case ROAD_PATH: return 3;
    case ROAD_RAIL: return 6;
    default: return 6;
    }
}

static gboolean
free_spot (Pt p, double r)
{
  if (dist_to_line (p, &river) < 25 + r)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (roads); i++)
    if (dist_to_line (p, &roads[i]) < road_width_m (roads[i].cls) / 2 + r + 2)
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    if (areas[i].cls != AREA_FIELD && areas[i].cls != AREA_RESIDENTIAL &&
        areas[i].cls != AREA_INDUSTRIAL && areas[i].cls != AREA_FOREST &&
        inside_area (p, &areas[i]))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (landmarks); i++)
    if (hypot (p.x - landmarks[i].center.x, p.y - landmarks[i].center.y) <
        r + MAX (landmarks[i].w, landmarks[i].h) / 2 + 6)
      return FALSE;

  for (guint i = 0; i < buildings->len; i++)
    {
      Building *b = &g_array_index (buildings, Building, i);

      if (hypot (p.x - b->center.x, p.y - b->center.y) < r + b->r)
        return FALSE;
    }

  return TRUE;
}

static void
add_box (Pt center, double w, double h, double angle, GArray *out)
{
  Building b;
  double c = cos (angle), s = sin (angle);
  const double sx[4] = { -1, 1, 1, -1 }, sy[4] = { -1, -1, 1, 1 };

  for (int k = 0; k < 4; k++)
    {
      b.c[k].x = center.x + sx[k] * w / 2 * c - sy[k] * h / 2 * s;
      b.c[k].y = center.y + sx[k] * w / 2 * s + sy[k] * h / 2 * c;
    }
  b.center = center;
  b.r = MAX (w, h) / 2 + 1;
  g_array_append_val (out, b);
}

static gboolean
in_town (Pt p)
{
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    if ((areas[i].cls == AREA_RESIDENTIAL || areas[i].cls == AREA_INDUSTRIAL) &&
        inside_area (p, &areas[i]))
      return TRUE;

  return FALSE;
}

static void
place_buildings (void)
{
  buildings = g_array_new (FALSE, FALSE, sizeof (Building));

  for (guint i = 0; i < G_N_ELEMENTS (roads); i++)
    {
      const Line *road = &roads[i];

      if (road->cls == ROAD_PATH || road->cls == ROAD_RAIL)
        continue;

      for (int k = 0; k + 1 < road->n; k++)
        {
          Pt a = road->pts[k], b = road->pts[k + 1];
          double len = hypot (b.x - a.x, b.y - a.y);
          double angle = atan2 (b.y - a.y, b.x - a.x);
          double nx = -sin (angle), ny = cos (angle);

          for (double t = 12; t < len - 12; t += 17 + rnd () * 10)
            {
              for (int side = -1; side <= 1; side += 2)
                {
                  double w = 13 + rnd () * 11, h = 10 + rnd () * 6;
                  double off = road_width_m (road->cls) / 2 + 6 + h / 2 + rnd () * 4;
                  Pt p = { a.x + (b.x - a.x) * t / len + side * nx * off,
                           a.y + (b.y - a.y) * t / len + side * ny * off };
                  double r = MAX (w, h) / 2 + 1;

                  if (!in_town (p) || !free_spot (p, r))
                    continue;
                  add_box (p, w, h, angle, buildings);

                  /* A shed or a second row behind some houses */
                  if (rnd () < 0.6)
                    {
                      double off2 = off + h / 2 + 9 + rnd () * 6;
                      Pt q = { a.x + (b.x - a.x) * t / len + side * nx * off2,
                               a.y + (b.y - a.y) * t / len + side * ny * off2 };

                      if (in_town (q) && free_spot (q, 6))
                        add_box (q, 9 + rnd () * 5, 7 + rnd () * 3, angle, buildings);
                    }
                }
            }
        }
    }
}

/* Drawing */

typedef struct
{
  double x0, y0, x1, y1;  /* world px of the tile at this zoom */
} Box;

static void
path_line (cairo_t *cr, const Pt *pts, int n, int z)
{
  for (int i = 0; i < n; i++)
    {
      Pt p = project (pts[i], z);

      if (i == 0)
        cairo_move_to (cr, p.x, p.y);
      else
        cairo_line_to (cr, p.x, p.y);
    }
}

static void
set_hex (cairo_t *cr, guint32 rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static void
draw_areas (cairo_t *cr, int z)
{
  static const guint32 fill[] = {
    [AREA_FIELD] = 0xeef0d5, [AREA_FOREST] = 0xadd19e, [AREA_PARK] = 0xc8facc,
    [AREA_WATER] = 0xaad3df, [AREA_SQUARE] = 0xe8e2da, [AREA_CEMETERY] = 0xaacbaf,
    [AREA_PITCH] = 0x88e0be, [AREA_INDUSTRIAL] = 0xebdbe8, [AREA_RESIDENTIAL] = 0xe6e1dc,
  };

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      path_line (cr, areas[i].pts, areas[i].n, z);
      cairo_close_path (cr);
      set_hex (cr, fill[areas[i].cls]);
      if (areas[i].cls == AREA_PITCH || areas[i].cls == AREA_SQUARE)
        {
          cairo_fill_preserve (cr);
          set_hex (cr, areas[i].cls == AREA_PITCH ? 0x6fc3a0 : 0xc8bfb4);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);
    }
}

static void
draw_river (cairo_t *cr, int z)
{
  double px = metres_per_px (z);

  path_line (cr, river.pts, river.n, z);
  set_hex (cr, 0xaad3df);
  cairo_set_line_width (cr, MAX (2.5, 40 / px));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

static void
draw_buildings (cairo_t *cr, int z, const Box *box)
{
  if (z < 14)
    return;

  for (guint i = 0; i < buildings->len; i++)
    {
      Building *b = &g_array_index (buildings, Building, i);
      Pt c = project (b->center, z);

      if (c.x < box->x0 - 40 || c.x > box->x1 + 40 || c.y < box->y0 - 40 || c.y > box->y1 + 40)
        continue;
      path_line (cr, b->c, 4, z);
      cairo_close_path (cr);
    }
  set_hex (cr, 0xd9d0c9);
  cairo_fill_preserve (cr);
  set_hex (cr, 0xc4b6ab);
  cairo_set_line_width (cr, z >= 16 ? 1 : 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < G_N_ELEMENTS (landmarks); i++)
    {
      const Landmark *l = &landmarks[i];
      g_autoptr(GArray) box_array = g_array_new (FALSE, FALSE, sizeof (Building));
      Building *b;

      add_box (l->center, l->w, l->h, l->angle * G_PI / 180, box_array);
      b = &g_array_index (box_array, Building, 0);
      path_line (cr, b->c, 4, z);
      cairo_close_path (cr);
      set_hex (cr, 0xc9a99f);
      cairo_fill_preserve (cr);
      set_hex (cr, 0xa8867c);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
}

static void
draw_roads (cairo_t *cr, int z)
{
  double px = metres_per_px (z);

  /* Casings first, then fills, so crossings join cleanly. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (roads); i++)
        {
          const Line *road = &roads[i];
          double w = road_width_m (road->cls) / px;
          guint32 casing = 0xbbb3a8, fill = 0xffffff;

          if (road->cls == ROAD_PATH)
            {
              if (z < 15 || pass == 0)
                continue;
              path_line (cr, road->pts, road->n, z);
              set_hex (cr, 0xb5836b);
              cairo_set_line_width (cr, 1.5);
              cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
              continue;
            }
          if (road->cls == ROAD_RAIL)
            {
              path_line (cr, road->pts, road->n, z);
              set_hex (cr, pass == 0 ? 0x8c8c8c : 0xffffff);
              cairo_set_line_width (cr, pass == 0 ? 3 : 1.5);
              if (pass == 1)
                cairo_set_dash (cr, (double[]) { 6, 6 }, 2, 0);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
              continue;
            }

          switch (road->cls)
            {
            case ROAD_PRIMARY:
              w = MAX (w, z <= 13 ? 2.5 : 4);
              casing = 0xc99e6a;
              fill = 0xfcd6a4;
              break;
            case ROAD_SECONDARY:
              w = MAX (w, z <= 13 ? 1.8 : 3.5);
              casing = 0xb8b878;
              fill = 0xf7fabf;
              break;
            default:
              if (z < 13)
                continue;
              w = MAX (w, z <= 14 ? 1.2 : 3);
              break;
            }

          path_line (cr, road->pts, road->n, z);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          if (pass == 0)
            {
              set_hex (cr, casing);
              cairo_set_line_width (cr, w + (z >= 15 ? 2 : 1));
            }
          else
            {
              set_hex (cr, fill);
              cairo_set_line_width (cr, w);
            }
          cairo_stroke (cr);
        }
    }
}

/* Labels: placed once per zoom in world pixels, so neighbouring tiles agree. */

typedef struct
{
  char   *text;
  Pt      at;         /* world px, centre */
  double  angle;      /* radians */
  double  size;       /* px */
  guint32 color;
  gboolean italic;
  gboolean bold;
  double  w, h;       /* px, unrotated */
} Label;

static PangoFontMap *font_map;
static PangoLayout *measure_layout;

static void
set_label_text (PangoLayout *layout,
                const Label *l)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("DejaVu Sans");

  pango_font_description_set_absolute_size (desc, l->size * PANGO_SCALE);
  if (l->italic)
    pango_font_description_set_style (desc, PANGO_STYLE_ITALIC);
  if (l->bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, l->text, -1);
}

static void
measure (Label *l)
{
  PangoLayout *layout = measure_layout;
  int w, h;

  set_label_text (layout, l);
  pango_layout_get_pixel_size (layout, &w, &h);
  l->w = w;
  l->h = h;
}

static gboolean
collides (GArray *placed, const Label *l)
{
  double r = MAX (l->w, l->h) / 2;

  for (guint i = 0; i < placed->len; i++)
    {
      Label *o = &g_array_index (placed, Label, i);
      double ro = MAX (o->w, o->h) / 2;
      double dx = fabs (l->at.x - o->at.x), dy = fabs (l->at.y - o->at.y);

      /* Axis-aligned boxes of the rotated labels, a little generous. */
      double hw = fabs (cos (l->angle)) * l->w / 2 + fabs (sin (l->angle)) * l->h / 2;
      double hh = fabs (sin (l->angle)) * l->w / 2 + fabs (cos (l->angle)) * l->h / 2;
      double ohw = fabs (cos (o->angle)) * o->w / 2 + fabs (sin (o->angle)) * o->h / 2;
      double ohh = fabs (sin (o->angle)) * o->w / 2 + fabs (cos (o->angle)) * o->h / 2;

      (void) r;
      (void) ro;
      if (dx < hw + ohw + 4 && dy < hh + ohh + 4)
        return TRUE;
    }

  return FALSE;
}

static void
try_place (GArray *placed, Label *l)
{
  measure (l);
  if (collides (placed, l))
    {
      g_free (l->text);
      return;
    }
  g_array_append_val (placed, *l);
}

static void
label_line (GArray *placed, const Line *line, int z, double size, guint32 color,
            gboolean italic, double spacing)
{
  for (int i = 0; i + 1 < line->n; i++)
    {
      Pt a = project (line->pts[i], z), b = project (line->pts[i + 1], z);
      double len = hypot (b.x - a.x, b.y - a.y);
      double angle = atan2 (b.y - a.y, b.x - a.x);
      Label probe = { .text = g_strdup (line->name), .size = size, .italic = italic };
      int count;

      measure (&probe);
      g_free (probe.text);
      if (len < probe.w + 24)
        continue;

      if (angle > G_PI / 2)
        angle -= G_PI;
      else if (angle < -G_PI / 2)
        angle += G_PI;

      count = MAX (1, (int) (len / spacing));
      for (int k = 0; k < count; k++)
        {
          double t = (k + 0.5) / count;
          Label l = { .text = g_strdup (line->name), .size = size, .color = color,
                      .italic = italic, .angle = angle,
                      .at = { a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t } };

          try_place (placed, &l);
        }
    }
}

static Pt
area_center (const Area *area)
{
  Pt c = { 0, 0 };

  for (int i = 0; i < area->n; i++)
    {
      c.x += area->pts[i].x / area->n;
      c.y += area->pts[i].y / area->n;
    }

  return c;
}

static GArray *
place_labels (int z)
{
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (Label));

  if (z <= 14)
    {
      Label town = { .text = g_strdup ("Musterdorf"), .size = z == 12 ? 18 : 24, .bold = TRUE,
                     .color = 0x333333, .at = project ((Pt) { -300, 380 }, z) };

      try_place (placed, &town);
    }

  /* Landmarks first: they are what people look for. */
  for (guint i = 0; i < G_N_ELEMENTS (landmarks); i++)
    {
      const Landmark *lm = &landmarks[i];
      Label l = { .text = g_strdup (lm->name), .size = 12, .bold = TRUE, .color = 0x6b4a3a };

      if (z < lm->min_label_zoom)
        {
          g_free (l.text);
          continue;
        }
      l.at = project ((Pt) { lm->center.x, lm->center.y - lm->h / 2 - 2 }, z);
      l.at.y += 9;
      try_place (placed, &l);
    }

  for (guint i = 0; i < G_N_ELEMENTS (roads); i++)
    {
      const Line *road = &roads[i];

      if (road->name == NULL)
        continue;
      if (road->cls == ROAD_RESIDENTIAL && z < 15)
        continue;
      if (road->cls == ROAD_PATH && z < 16)
        continue;
      if (z < 14)
        continue;
      label_line (placed, road, z, z >= 16 ? 13 : 11, 0x333333, FALSE, z >= 16 ? 500 : 700);
    }

  if (z >= 13)
    label_line (placed, &river, z, z >= 15 ? 14 : 12, 0x2a6f97, TRUE, 600);

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      const Area *area = &areas[i];
      Label l;

      if (area->name == NULL || (area->cls != AREA_FOREST && z < 14) ||
          (area->cls == AREA_SQUARE && z < 16) || (area->cls == AREA_PITCH && z < 16) ||
          (area->cls == AREA_WATER && z < 16))
        continue;
      l = (Label) { .text = g_strdup (area->name), .size = area->cls == AREA_FOREST ? 14 : 13,
                    .italic = area->cls != AREA_SQUARE, .at = project (area_center (area), z),
                    .color = area->cls == AREA_WATER ? 0x2a6f97 :
                             area->cls == AREA_SQUARE ? 0x555555 :
                             area->cls == AREA_INDUSTRIAL ? 0x7a5a70 : 0x2f6b2f };
      try_place (placed, &l);
    }

  return placed;
}

static void
draw_labels (cairo_t *cr, GArray *placed, const Box *box)
{
  for (guint i = 0; i < placed->len; i++)
    {
      Label *l = &g_array_index (placed, Label, i);
      double reach = MAX (l->w, l->h);
      g_autoptr(PangoLayout) layout = NULL;

      if (l->at.x + reach < box->x0 || l->at.x - reach > box->x1 ||
          l->at.y + reach < box->y0 || l->at.y - reach > box->y1)
        continue;

      layout = pango_cairo_create_layout (cr);
      set_label_text (layout, l);

      cairo_save (cr);
      cairo_translate (cr, l->at.x, l->at.y);
      cairo_rotate (cr, l->angle);
      cairo_move_to (cr, -l->w / 2, -l->h / 2);
      pango_cairo_layout_path (cr, layout);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 3);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_move_to (cr, -l->w / 2, -l->h / 2);
      set_hex (cr, l->color);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
}

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GByteArray *
render_tile (int z, int tx, int ty, GArray *labels)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, TILE, TILE);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();
  Box box = { tx * TILE, ty * TILE, (tx + 1) * TILE, (ty + 1) * TILE };

  set_hex (cr, 0xeef0d5);
  cairo_paint (cr);
  cairo_translate (cr, -box.x0, -box.y0);

  draw_areas (cr, z);
  draw_river (cr, z);
  draw_buildings (cr, z, &box);
  draw_roads (cr, z);
  draw_labels (cr, labels, &box);

  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, write_cb, png);
  cairo_surface_destroy (surface);

  return png;
}

static void
check (int rc, sqlite3 *db, const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      fprintf (stderr, "kiosk-render-tiles: %s: %s\n", what, sqlite3_errmsg (db));
      exit (1);
    }
}

int
main (int argc, char **argv)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  g_autofree char *tmp = NULL;
  double west = m_to_lon (-EXTENT), east = m_to_lon (EXTENT);
  double south = m_to_lat (-EXTENT), north = m_to_lat (EXTENT);
  char bounds[128], center[128];
  int count = 0;
  const char *metadata[][2] = {
    { "name", "Musterdorf" },
    { "format", "png" },
    { "type", "baselayer" },
    { "version", "1" },
    { "description", "The fictional demo town of Ankerort, drawn from its own town plan" },
    { "attribution", "Karte: Musterdorf (fiktiv), Ankerort-Demo" },
    { "minzoom", G_STRINGIFY (MIN_ZOOM) },
    { "maxzoom", G_STRINGIFY (MAX_ZOOM) },
    { "bounds", bounds },
    { "center", center },
  };

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s OUTPUT.mbtiles\n", argv[0]);
      return 2;
    }

  g_ascii_formatd (bounds, 32, "%.6f", west);
  strcat (bounds, ",");
  g_ascii_formatd (bounds + strlen (bounds), 32, "%.6f", south);
  strcat (bounds, ",");
  g_ascii_formatd (bounds + strlen (bounds), 32, "%.6f", east);
  strcat (bounds, ",");
  g_ascii_formatd (bounds + strlen (bounds), 32, "%.6f", north);
  g_ascii_formatd (center, 32, "%.6f", CENTER_LON);
  strcat (center, ",");
  g_ascii_formatd (center + strlen (center), 32, "%.6f", CENTER_LAT);
  strcat (center, ",15");

  font_map = pango_cairo_font_map_new ();
  {
    PangoContext *ctx = pango_font_map_create_context (font_map);

    measure_layout = pango_layout_new (ctx);
    g_object_unref (ctx);
  }
  place_buildings ();

  tmp = g_strconcat (argv[1], ".tmp", NULL);
  remove (tmp);
  check (sqlite3_open (tmp, &db), db, "open");
  check (sqlite3_exec (db,
                       "PRAGMA journal_mode = OFF;"
                       "CREATE TABLE metadata (name TEXT, value TEXT);"
                       "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                       " tile_row INTEGER, tile_data BLOB);"
                       "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
                       "BEGIN;", NULL, NULL, NULL), db, "create");

  check (sqlite3_prepare_v2 (db, "INSERT INTO metadata VALUES (?1, ?2)", -1, &stmt, NULL), db, "metadata");
  for (guint i = 0; i < G_N_ELEMENTS (metadata); i++)
    {
      sqlite3_bind_text (stmt, 1, metadata[i][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, metadata[i][1], -1, SQLITE_STATIC);
      check (sqlite3_step (stmt), db, "metadata");
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  check (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL), db, "tiles");
  for (int z = MIN_ZOOM; z <= MAX_ZOOM; z++)
    {
      double extent = z == MAX_ZOOM ? EXTENT_MAX_ZOOM : EXTENT;
      int x0 = floor (lon_to_wx (m_to_lon (-extent), z) / TILE);
      int x1 = floor (lon_to_wx (m_to_lon (extent), z) / TILE);
      int y0 = floor (lat_to_wy (m_to_lat (extent), z) / TILE);
      int y1 = floor (lat_to_wy (m_to_lat (-extent), z) / TILE);
      GArray *labels = place_labels (z);

      for (int tx = x0; tx <= x1; tx++)
        for (int ty = y0; ty <= y1; ty++)
          {
            GByteArray *png = render_tile (z, tx, ty, labels);

            sqlite3_bind_int (stmt, 1, z);
            sqlite3_bind_int (stmt, 2, tx);
            sqlite3_bind_int (stmt, 3, (1 << z) - 1 - ty);  /* TMS rows */
            sqlite3_bind_blob (stmt, 4, png->data, png->len, SQLITE_TRANSIENT);
            check (sqlite3_step (stmt), db, "tile");
            sqlite3_reset (stmt);
            g_byte_array_unref (png);
            count++;
          }

      for (guint i = 0; i < labels->len; i++)
        g_free (g_array_index (labels, Label, i).text);
      g_array_unref (labels);
    }
  sqlite3_finalize (stmt);
  check (sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL), db, "commit");
  sqlite3_close (db);

  if (rename (tmp, argv[1]) != 0)
    {
      perror ("kiosk-render-tiles: rename");
      return 1;
    }

  printf ("%s: %d tiles, %u buildings\n", argv[1], count, buildings->len);
  g_array_unref (buildings);
  g_object_unref (measure_layout);
  g_object_unref (font_map);

  return 0;
}

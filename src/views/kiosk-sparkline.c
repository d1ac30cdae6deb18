/* kiosk-sparkline.c: a reading's recent history as a line (tile) or a chart with axes (page) */

#define G_LOG_DOMAIN "kiosk-sparkline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "kiosk-i18n.h"
#include "kiosk-sparkline.h"

/* Points further apart than this are not joined: the sensor was silent. */
#define GAP_SECONDS (3 * 3600)

struct _KioskSparkline
{
  GtkWidget         parent_instance;

  /* owned */
  GArray           *points;
  KioskReadingKind *kind;
  GTimeZone        *tz;
  gint64            from;
  gint64            to;
  gboolean          detailed;
};

enum {
  PROP_0,
  PROP_DETAILED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (KioskSparkline, kiosk_sparkline, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static gboolean
visible_range (KioskSparkline *self,
               guint          *first,
               guint          *last)
{
  gboolean any = FALSE;

  for (guint i = 0; self->points != NULL && i < self->points->len; i++)
    {
      const KioskReadingPoint *p = &g_array_index (self->points, KioskReadingPoint, i);

      if (p->time < self->from || p->time > self->to || !isfinite (p->value))
        continue;
      if (!any)
        *first = i;
      *last = i;
      any = TRUE;
    }

  return any;
}

gboolean
kiosk_sparkline_get_extremes (KioskSparkline *self,
                              guint          *min_index,
                              guint          *max_index)
{
  guint first, last;
  double lo = INFINITY, hi = -INFINITY;

  g_return_val_if_fail (KIOSK_IS_SPARKLINE (self), FALSE);

  if (!visible_range (self, &first, &last))
    return FALSE;

  for (guint i = first; i <= last; i++)
    {
      const KioskReadingPoint *p = &g_array_index (self->points, KioskReadingPoint, i);

      if (p->time < self->from || p->time > self->to || !isfinite (p->value))
        continue;
      if (p->value < lo)
        {
          lo = p->value;
          *min_index = i;
        }
      if (p->value > hi)
        {
          hi = p->value;
          *max_index = i;
        }
    }

  return TRUE;
}

guint
kiosk_sparkline_get_n_visible (KioskSparkline *self)
{
  guint n = 0;

  g_return_val_if_fail (KIOSK_IS_SPARKLINE (self), 0);

  for (guint i = 0; self->points != NULL && i < self->points->len; i++)
    {
      const KioskReadingPoint *p = &g_array_index (self->points, KioskReadingPoint, i);

      if (p->time >= self->from && p->time <= self->to && isfinite (p->value))
        n++;
    }

  return n;
}

gint64
kiosk_sparkline_get_span (KioskSparkline *self)
{
  guint first, last;

  g_return_val_if_fail (KIOSK_IS_SPARKLINE (self), 0);

  if (!visible_range (self, &first, &last))
    return 0;

  return g_array_index (self->points, KioskReadingPoint, last).time -
         g_array_index (self->points, KioskReadingPoint, first).time;
}

/* Draws @text aligned at (@x, @y), moved inwards where it would stick out
 * of the @width px wide chart: the last hour's label at the right edge of
 * a portrait screen stays whole. */
static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       align_x,
           double       align_y,
           int          width)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  x = CLAMP (x - align_x * w, 0, MAX (0, width - w));
  cairo_move_to (cr, x, y - align_y * h);
  pango_cairo_show_layout (cr, layout);
}

static void
draw (KioskSparkline *self,
      cairo_t        *cr,
      int             width,
      int             height)
{
  GdkRGBA color;
  guint first = 0, last = 0, min_i = 0, max_i = 0;
  double lo, hi, left, right, top, bottom;
  g_autoptr(PangoLayout) layout = NULL;
  gboolean drawing = FALSE;
  gint64 prev_time = 0;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (style, &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  left = 4;
  right = width - 8;
  top = 8;
  bottom = height - 8;
  if (self->detailed)
    {
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      left = 190;
      right = width - 24;
      top = 48;
      bottom = height - 56;
    }
  if (right - left < 10 || bottom - top < 10 || self->to <= self->from)
    return;

  if (!visible_range (self, &first, &last) || !kiosk_sparkline_get_extremes (self, &min_i, &max_i))
    {
      if (self->detailed)
        {
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.7);
          draw_text (cr, layout, _("No history in the last 24 hours"),
                     (left + right) / 2, (top + bottom) / 2, 0.5, 0.5, width);
        }
      return;
    }

  lo = g_array_index (self->points, KioskReadingPoint, min_i).value;
  hi = g_array_index (self->points, KioskReadingPoint, max_i).value;
  if (hi - lo < 1e-9)
    {
      lo -= 1;
      hi += 1;
    }
  else
    {
      double pad = (hi - lo) * 0.08;
      lo -= pad;
      hi += pad;
    }

#define X(t) (left + (right - left) * ((double) ((t) - self->from) / (double) (self->to - self->from)))
#define Y(v) (bottom - (bottom - top) * (((v) - lo) / (hi - lo)))

  if (self->detailed)
    {
      g_autoptr(GDateTime) start_utc = g_date_time_new_from_unix_utc (self->from);
      g_autoptr(GDateTime) start = g_date_time_to_timezone (start_utc, self->tz);
      g_autofree char *lo_value = kiosk_reading_kind_format_value (self->kind, g_array_index (self->points, KioskReadingPoint, min_i).value);
      g_autofree char *hi_value = kiosk_reading_kind_format_value (self->kind, g_array_index (self->points, KioskReadingPoint, max_i).value);
      /* The axis says which line is the lowest and which the highest value. */
      g_autofree char *lo_text = g_strdup_printf ("%s %s", _("Min"), lo_value);
      g_autofree char *hi_text = g_strdup_printf ("%s %s", _("Max"), hi_value);
      gint64 tick;

      /* Axes */
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.5);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, left, top - 8);
      cairo_line_to (cr, left, bottom);
      cairo_line_to (cr, right, bottom);
      cairo_stroke (cr);

      /* Hour labels every 6 hours, on the full hour. */
      tick = self->from + (3600 - g_date_time_get_minute (start) * 60 - g_date_time_get_second (start)) % 3600;
      for (; tick <= self->to; tick += 3600)
        {
          g_autoptr(GDateTime) dt_utc = g_date_time_new_from_unix_utc (tick);
          g_autoptr(GDateTime) dt = g_date_time_to_timezone (dt_utc, self->tz);
          g_autofree char *label = NULL;

          if (g_date_time_get_hour (dt) % 6 != 0)
            continue;
          label = kiosk_i18n_format_time (dt);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.15);
          cairo_move_to (cr, X (tick), top);
          cairo_line_to (cr, X (tick), bottom);
          cairo_stroke (cr);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.8);
          draw_text (cr, layout, label, X (tick), bottom + 10, 0.5, 0, width);
        }

      /* Value labels at the lowest and highest value. */
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.15);
      cairo_move_to (cr, left, Y (g_array_index (self->points, KioskReadingPoint, max_i).value));
      cairo_line_to (cr, right, Y (g_array_index (self->points, KioskReadingPoint, max_i).value));
      cairo_move_to (cr, left, Y (g_array_index (self->points, KioskReadingPoint, min_i).value));
      cairo_line_to (cr, right, Y (g_array_index (self->points, KioskReadingPoint, min_i).value));
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.8);
      draw_text (cr, layout, hi_text, left - 12,
                 Y (g_array_index (self->points, KioskReadingPoint, max_i).value), 1, 0.5, width);
      if (max_i != min_i)
        draw_text (cr, layout, lo_text, left - 12,
                   Y (g_array_index (self->points, KioskReadingPoint, min_i).value), 1, 0.5, width);
    }

  /* The area under the line, then the line, broken where the sensor was silent. */
  cairo_new_path (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int pass = 0; pass < 2; pass++)
    {
      double seg_start_x = 0, prev_x = 0;

      drawing = FALSE;
      for (guint i = first; i <= last; i++)
        {
          const KioskReadingPoint *p = &g_array_index (self->points, KioskReadingPoint, i);
          double x, y;

          if (p->time < self->from || p->time > self->to || !isfinite (p->value))
            continue;
          x = X (p->time);
          y = Y (p->value);

          if (drawing && p->time - prev_time > GAP_SECONDS)
            {
              if (pass == 0)
                {
                  cairo_line_to (cr, prev_x, bottom);
                  cairo_line_to (cr, seg_start_x, bottom);
                  cairo_close_path (cr);
                }
              drawing = FALSE;
            }
          if (!drawing)
            {
              cairo_move_to (cr, x, y);
              seg_start_x = x;
              drawing = TRUE;
            }
          else
            cairo_line_to (cr, x, y);
          prev_x = x;
          prev_time = p->time;
        }
      if (pass == 0)
        {
          if (drawing)
            {
              cairo_line_to (cr, prev_x, bottom);
              cairo_line_to (cr, seg_start_x, bottom);
              cairo_close_path (cr);
            }
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.12);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.9);
          cairo_set_line_width (cr, self->detailed ? 4 : 3);
          cairo_stroke (cr);
        }
    }

  /* The newest point, and in the chart the lowest and highest. */
  {
    const KioskReadingPoint *p = &g_array_index (self->points, KioskReadingPoint, last);

    cairo_new_path (cr);
    cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1);
    cairo_arc (cr, X (p->time), Y (p->value), self->detailed ? 8 : 5, 0, 2 * G_PI);
    cairo_fill (cr);
  }
  if (self->detailed)
    {
      guint marks[2] = { min_i, max_i };

      for (guint m = 0; m < 2; m++)
        {
          const KioskReadingPoint *p = &g_array_index (self->points, KioskReadingPoint, marks[m]);
          double x = X (p->time), y = Y (p->value);

          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1);
          cairo_set_line_width (cr, 3);
          cairo_new_path (cr);
          cairo_arc (cr, x, y, 10, 0, 2 * G_PI);
          cairo_stroke (cr);

        }
    }

#undef X
#undef Y
}

static void
kiosk_sparkline_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KioskSparkline *self = KIOSK_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
kiosk_sparkline_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  KioskSparkline *self = KIOSK_SPARKLINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = self->detailed ? 400 : 120;
  else
    *minimum = *natural = self->detailed ? 360 : 72;
}

static void
kiosk_sparkline_finalize (GObject *object)
{
  KioskSparkline *self = (KioskSparkline *)object;

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->kind, kiosk_reading_kind_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (kiosk_sparkline_parent_class)->finalize (object);
}

static void
kiosk_sparkline_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KioskSparkline *self = KIOSK_SPARKLINE (object);

  switch (prop_id)
    {
    case PROP_DETAILED:
      g_value_set_boolean (value, self->detailed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_sparkline_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KioskSparkline *self = KIOSK_SPARKLINE (object);

  switch (prop_id)
    {
    case PROP_DETAILED:
      kiosk_sparkline_set_detailed (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_sparkline_class_init (KioskSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kiosk_sparkline_finalize;
  object_class->get_property = kiosk_sparkline_get_property;
  object_class->set_property = kiosk_sparkline_set_property;
  widget_class->snapshot = kiosk_sparkline_snapshot;
  widget_class->measure = kiosk_sparkline_measure;

  properties[PROP_DETAILED] =
    g_param_spec_boolean ("detailed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kiosk_sparkline_init (KioskSparkline *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  self->tz = g_time_zone_new_local ();
  self->to = now;
  self->from = now - 24 * 3600;
}

GtkWidget *
kiosk_sparkline_new (void)
{
  return g_object_new (KIOSK_TYPE_SPARKLINE, NULL);
}

void
kiosk_sparkline_set_points (KioskSparkline   *self,
                            GArray           *points,
                            KioskReadingKind *kind)
{
  g_return_if_fail (KIOSK_IS_SPARKLINE (self));

  if (points != self->points)
    {
      g_clear_pointer (&self->points, g_array_unref);
      self->points = points != NULL ? g_array_ref (points) : NULL;
    }
  if (kind != self->kind)
    {
      g_clear_pointer (&self->kind, kiosk_reading_kind_unref);
      self->kind = kind != NULL ? kiosk_reading_kind_ref (kind) : NULL;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kiosk_sparkline_set_time_zone (KioskSparkline *self,
                               GTimeZone      *tz)
{
  g_return_if_fail (KIOSK_IS_SPARKLINE (self));
  g_return_if_fail (tz != NULL);

  g_time_zone_unref (self->tz);
  self->tz = g_time_zone_ref (tz);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kiosk_sparkline_set_range (KioskSparkline *self,
                           gint64          from,
                           gint64          to)
{
  g_return_if_fail (KIOSK_IS_SPARKLINE (self));

  if (self->from == from && self->to == to)
    return;

  self->from = from;
  self->to = to;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kiosk_sparkline_set_detailed (KioskSparkline *self,
                              gboolean        detailed)
{
  g_return_if_fail (KIOSK_IS_SPARKLINE (self));

  detailed = !!detailed;
  if (self->detailed == detailed)
    return;

  self->detailed = detailed;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILED]);
}

gboolean
kiosk_sparkline_get_detailed (KioskSparkline *self)
{
  g_return_val_if_fail (KIOSK_IS_SPARKLINE (self), FALSE);

  return self->detailed;
}

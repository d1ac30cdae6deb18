/* kiosk-sparkline.h: a reading's recent history as a line (tile) or a chart with axes (page) */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-reading.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SPARKLINE (kiosk_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (KioskSparkline, kiosk_sparkline, KIOSK, SPARKLINE, GtkWidget)

GtkWidget *kiosk_sparkline_new          (void);
/* KioskReadingPoint, oldest first; the kind formats the axis labels. */
void       kiosk_sparkline_set_points   (KioskSparkline   *self,
                                         GArray           *points,
                                         KioskReadingKind *kind);
/* The time span drawn (Unix seconds). */
void       kiosk_sparkline_set_range    (KioskSparkline   *self,
                                         gint64            from,
                                         gint64            to);
/* The zone of the hour labels (the kiosk's). */
void       kiosk_sparkline_set_time_zone (KioskSparkline  *self,
                                          GTimeZone       *tz);
/* With axes, hour labels and the minimum and maximum marked. */
void       kiosk_sparkline_set_detailed (KioskSparkline   *self,
                                         gboolean          detailed);
gboolean   kiosk_sparkline_get_detailed (KioskSparkline   *self);
/* Index into the points of the lowest and highest value; FALSE when empty. */
gboolean   kiosk_sparkline_get_extremes (KioskSparkline   *self,
                                         guint            *min_index,
                                         guint            *max_index);
guint      kiosk_sparkline_get_n_visible (KioskSparkline  *self);
/* Seconds between the first and the last point drawn. */
gint64     kiosk_sparkline_get_span      (KioskSparkline  *self);

G_END_DECLS

/* kiosk-data-slide.h: a full-screen slide of the attract loop made from the kiosk's own data */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-services.h"

G_BEGIN_DECLS

typedef enum
{
  KIOSK_DATA_SLIDE_EVENTS,   /* today's next events */
  KIOSK_DATA_SLIDE_AIR,      /* the current air quality and its band */
  KIOSK_DATA_SLIDE_SURVEY,   /* an open survey's invitation */
  KIOSK_DATA_SLIDE_N_KINDS
} KioskDataSlideKind;

/* At most this many events on the events slide. */
#define KIOSK_DATA_SLIDE_MAX_EVENTS 3
/* Events and surveys older than this (the source could not refresh them)
 * are not put on a slide. */
#define KIOSK_DATA_SLIDE_MAX_AGE (24 * G_TIME_SPAN_HOUR)

#define KIOSK_TYPE_DATA_SLIDE (kiosk_data_slide_get_type ())

G_DECLARE_FINAL_TYPE (KioskDataSlide, kiosk_data_slide, KIOSK, DATA_SLIDE, GtkWidget)

/* A slide of @kind from what @services hold at @now (in the kiosk's time
 * zone: "today" is its day), in the current UI language; NULL when that
 * data is empty or stale. */
GtkWidget          *kiosk_data_slide_new         (KioskServices      *services,
                                                  KioskDataSlideKind  kind,
                                                  GDateTime          *now);
/* Whether kiosk_data_slide_new() would make a slide. */
gboolean            kiosk_data_slide_available   (KioskServices      *services,
                                                  KioskDataSlideKind  kind,
                                                  GDateTime          *now);
KioskDataSlideKind  kiosk_data_slide_get_kind    (KioskDataSlide     *self);
/* "events", "air", "survey" */
const char         *kiosk_data_slide_kind_to_string (KioskDataSlideKind kind);

G_END_DECLS

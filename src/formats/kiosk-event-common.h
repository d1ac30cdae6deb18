/* kiosk-event-common.h: what the two event formats share: texts, windows, JSON */
#pragma once

#include "kiosk-event.h"
#include "kiosk-format.h"

G_BEGIN_DECLS

/* Caps that keep a hostile or huge feed from eating the kiosk. */
#define KIOSK_EVENTS_MAX_OCCURRENCES    100000  /* in one parse, after expansion */
#define KIOSK_EVENTS_MAX_PER_EVENT      5000    /* occurrences of one recurring event */
#define KIOSK_EVENTS_MAX_STEPS          200000  /* recurrence iterations of one event */
#define KIOSK_EVENTS_DEFAULT_DAYS       92

/* HTML (or plain text) to safe plain text: tags dropped, block elements
 * become line breaks, entities decoded, control characters removed,
 * whitespace tidied, valid UTF-8. Returns NULL for empty results. */
char     *kiosk_event_text_from_html   (const char              *text);

/* The window events are kept for: [from, to). With ctx->from/ctx->to set,
 * an occurrence is kept when it *starts* inside (or, with the source option
 * keep-running, is still running at ctx->now); without, the default window
 * (today and the next KIOSK_EVENTS_DEFAULT_DAYS days, option "days") keeps
 * what *overlaps* it, so a festival that began yesterday is still shown. */
typedef struct
{
  GDateTime *from;
  GDateTime *to;
  gboolean   by_start;
  gint64     running_at;   /* with option "keep-running": also keep what runs then */
} KioskEventWindow;

/* Source option: "true" keeps occurrences that began before the window
 * but are still running at ctx->now (a month-long exhibition). */
#define KIOSK_EVENTS_OPTION_KEEP_RUNNING "keep-running"

void      kiosk_event_window_init      (KioskEventWindow        *window,
                                        const KioskParseContext *ctx);
void      kiosk_event_window_clear     (KioskEventWindow        *window);
gboolean  kiosk_event_window_contains  (const KioskEventWindow  *window,
                                        gint64                   start_unix,
                                        gint64                   end_unix);

/* Sorts @items by start and caps their number, warning once. */
void      kiosk_event_finish_items     (KioskParseResult        *result);

JsonNode *kiosk_event_to_json          (gpointer                 item,
                                        const KioskParseContext *ctx);
char     *kiosk_event_to_text          (gpointer                 item,
                                        const KioskParseContext *ctx);

G_END_DECLS

/* kiosk-format.h: the table from a source kind to its pure parser */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KIOSK_FORMAT_ERROR (kiosk_format_error_quark ())

typedef enum
{
  KIOSK_FORMAT_ERROR_FAILED,
  KIOSK_FORMAT_ERROR_INVALID,       /* not the expected document at all */
  KIOSK_FORMAT_ERROR_EMPTY,         /* well formed, but nothing to show */
  KIOSK_FORMAT_ERROR_TOO_LARGE,     /* over a cap (items, depth, pages) */
  KIOSK_FORMAT_ERROR_UNKNOWN_KIND,
} KioskFormatError;

/* Where the items of a kind are shown. */
typedef enum
{
  KIOSK_AREA_NONE,
  KIOSK_AREA_EVENTS,
  KIOSK_AREA_PLACES,
  KIOSK_AREA_SENSORS,
  KIOSK_AREA_SURVEYS,
  KIOSK_AREA_TILES,
  KIOSK_AREA_MEDIA,
  KIOSK_AREA_ALERTS,
  KIOSK_N_AREAS,
} KioskArea;

/* Everything a parser may know beyond the bytes. Parsers never do I/O and
 * never touch GTK, so they run in worker threads, tests and fuzzers alike. */
typedef struct
{
  GTimeZone  *tz;                /* the kiosk's zone: floating times, "today" */
  GDateTime  *now;
  GDateTime  *from;              /* window for expanding recurrences; may be NULL */
  GDateTime  *to;
  const char *url;               /* the URL these bytes came from; may be NULL */
  GHashTable *options;           /* char* -> char*: per-source settings */
  GHashTable *response_headers;  /* lower-case name -> value; may be NULL */
  guint       page;              /* 0 for the first page of a paged answer */
} KioskParseContext;

typedef struct
{
  GPtrArray *items;     /* GObject*: the format's item type */
  GPtrArray *warnings;  /* char*: one line each, naming the place */
  char      *next_url;  /* when set, the fetcher requests this page too */
  GPtrArray *linked_urls; /* char*: documents a feed links to, fetched after
                           * next_url's pages, each once (each a page) */
} KioskParseResult;

typedef gboolean  (*KioskParseFunc)      (GBytes                  *bytes,
                                          const KioskParseContext *ctx,
                                          KioskParseResult        *result,
                                          GError                 **error);
/* The URL actually requested for a configured URL (e.g. SensorThings'
 * $expand query); NULL means the configured URL as it is. */
typedef char     *(*KioskRequestUrlFunc) (const char              *configured_url,
                                          const KioskParseContext *ctx);
/* One item as the JSON object `ankerort check --json` prints. */
typedef JsonNode *(*KioskItemToJsonFunc) (gpointer                 item,
                                          const KioskParseContext *ctx);
/* One readable line for `ankerort check` without --json. */
typedef char     *(*KioskItemToTextFunc) (gpointer                 item,
                                          const KioskParseContext *ctx);
/* Items of the kinds whose check is not fetch-and-parse (tiles). Returns an
 * exit status and fills @items (JsonNode*) or @error. */
typedef gboolean  (*KioskCheckFunc)      (const char              *source,
                                          const KioskParseContext *ctx,
                                          GPtrArray               *items,
                                          GPtrArray               *warnings,
                                          GError                 **error);

typedef struct
{
  const char          *kind;
  KioskArea            area;
  GType              (*get_item_type) (void);
  KioskParseFunc       parse;
  KioskRequestUrlFunc  request_url;   /* optional */
  KioskItemToJsonFunc  to_json;
  KioskItemToTextFunc  to_text;       /* optional */
  KioskCheckFunc       check;         /* optional: replaces fetch-and-parse in check */
  guint                max_pages;     /* 0: one page only */
} KioskFormat;

GQuark              kiosk_format_error_quark   (void);
const KioskFormat  *kiosk_format_lookup        (const char *kind);
const KioskFormat * const *kiosk_format_get_all (guint *n_formats);
const char         *kiosk_area_to_string       (KioskArea   area);

void                kiosk_parse_result_init    (KioskParseResult *result);
void                kiosk_parse_result_clear   (KioskParseResult *result);
void                kiosk_parse_result_warn    (KioskParseResult *result,
                                                const char       *format,
                                                ...) G_GNUC_PRINTF (2, 3);

/* The nesting a JSON kind allows unless it says otherwise; the loader
 * is kiosk_json_load () in kiosk-json.h. */
#define KIOSK_FORMAT_JSON_MAX_DEPTH 64

KioskParseContext  *kiosk_parse_context_new    (GTimeZone  *tz);
KioskParseContext  *kiosk_parse_context_copy   (const KioskParseContext *ctx);
void                kiosk_parse_context_free   (KioskParseContext *ctx);
const char         *kiosk_parse_context_option (const KioskParseContext *ctx,
                                                const char              *name,
                                                const char              *fallback);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskParseContext, kiosk_parse_context_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KioskParseResult, kiosk_parse_result_clear)

G_END_DECLS

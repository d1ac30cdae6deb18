/* kiosk-check.h: `ankerort check`: the kiosk's fetch-and-parse path without a window */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "kiosk-fetcher.h"
#include "kiosk-format.h"
#include "kiosk-source-config.h"

G_BEGIN_DECLS

/* argv[1] is "check". Returns the exit status: 0 when the source gave
 * items (maybe none), 1 when fetching or parsing failed, 2 on a usage
 * error or an unknown kind. */
int kiosk_check_main (int    argc,
                      char **argv);

/* One source as the kiosk fetches and parses it: every item's JSON in
 * @json_items and a line of text in @lines. Shared by `check KIND` and
 * `check config`. */
gboolean kiosk_check_source (KioskFetcher            *fetcher,
                             const KioskFormat       *format,
                             const KioskSourceConfig *config,
                             KioskParseContext       *ctx,
                             GPtrArray               *json_items,
                             GPtrArray               *lines,
                             GPtrArray               *warnings,
                             GDateTime              **fetched_at,
                             GError                 **error);

/* Pretty-printed on stdout, then flushed. */
void     kiosk_check_write_json (JsonNode *root);

G_END_DECLS

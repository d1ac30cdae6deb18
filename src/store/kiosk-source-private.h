/* kiosk-source-private.h: what only tests and benchmarks look at */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many pages the format parsers have been given in this process
 * (fetched or cached); a refresh that found nothing new adds none. */
guint kiosk_source_get_parse_count (void);

G_END_DECLS

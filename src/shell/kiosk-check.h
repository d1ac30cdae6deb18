/* kiosk-check.h: `ankerort check`: the kiosk's fetch-and-parse path without a window */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* argv[1] is "check". Returns the exit status: 0 when the source gave
 * items (maybe none), 1 when fetching or parsing failed, 2 on a usage
 * error or an unknown kind. */
int kiosk_check_main (int    argc,
                      char **argv);

/* Prints @root on stdout, as every check prints its JSON. */
void kiosk_check_write_json (JsonNode *root);

G_END_DECLS

/* kiosk-redact.h: URLs and header lines without their secrets */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For messages and logs: @url without its password and without the values
 * of query parameters that look like keys or tokens (a string without a
 * scheme, a file name, as it is); @header ("Name: value") as its name only. */
char *kiosk_redact_uri    (const char *url);
char *kiosk_redact_header (const char *header);

G_END_DECLS

/* kiosk-check-hours.h: `ankerort check opening-hours`: whether the kiosk would be open at a time */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[1] is "check", argv[2] "opening-hours". Returns the exit status: 0
 * when the hours were evaluated, 1 when the closures calendar could not
 * be read, 2 on a usage or syntax error (its column on stderr). */
int kiosk_check_hours_main (int    argc,
                            char **argv);

G_END_DECLS

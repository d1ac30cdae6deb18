/* kiosk-check-config.h: `ankerort check config`: a whole configuration file and its sources */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[1] is "check", argv[2] "config". Returns the exit status: 0 when
 * the file is valid and every source gave items, 1 when not, 2 on a
 * usage error. */
int kiosk_check_config_main (int    argc,
                             char **argv);

G_END_DECLS

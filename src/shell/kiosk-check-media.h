/* kiosk-check-media.h: `ankerort check media`: what the attract loop would play */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[1] is "check", argv[2] "media". Returns 0 when something plays,
 * 1 when nothing does (or the folder cannot be read), 2 on a usage error. */
int kiosk_check_media_main (int    argc,
                            char **argv);

G_END_DECLS

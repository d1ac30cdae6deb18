/* wait-until.h: run the main context until a condition holds */
#pragma once

#include <glib.h>

#define DEADLINE_S 60

/* Polls the main context (where the server runs) until @expr holds. The
 * deadline only keeps a broken build from hanging; nothing is timed. */
#define WAIT_UNTIL(expr)                                                    \
  G_STMT_START {                                                            \
    gint64 end_ = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;   \
    while (!(expr))                                                         \
      {                                                                     \
        if (g_get_monotonic_time () > end_)                                 \
          g_error ("Gave up waiting for %s", #expr);                        \
        if (!g_main_context_iteration (NULL, FALSE))                        \
          g_usleep (500);                                                   \
      }                                                                     \
  } G_STMT_END

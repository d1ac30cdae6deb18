/* kiosk-set-pin.h: `ankerort --set-pin`: asks for the staff PIN twice and stores its hash */
#pragma once

#include "kiosk-config.h"

G_BEGIN_DECLS

/* Reads the PIN twice from @input (a terminal: echo off) with prompts on
 * @output, and writes its Argon2id hash into @config's staff-pin-hash.
 * Returns the exit status. */
int kiosk_set_pin_run (KioskConfig *config,
                       int          input,
                       FILE        *output);

G_END_DECLS

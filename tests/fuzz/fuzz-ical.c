/* fuzz-ical.c: libFuzzer harness for the `ical` parser */

#define FUZZ_KIND "ical"

#include "fuzz-event-kind.c"

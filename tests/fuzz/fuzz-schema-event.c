/* fuzz-schema-event.c: libFuzzer harness for the `schema-event` parser */

#define FUZZ_KIND "schema-event"

#include "fuzz-event-kind.c"

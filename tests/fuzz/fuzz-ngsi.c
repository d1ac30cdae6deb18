/* fuzz-ngsi.c: libFuzzer harness for the ngsi parser: any bytes must give
 * items or a GError, never a crash, a leak or a hang */

#include "config.h"

#include "fuzz-sensors.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  return fuzz_sensors_one (&kiosk_format_ngsi_v2, "https://orion.example.de/v2/entities?limit=100&offset=100&options=count", data, size);
}

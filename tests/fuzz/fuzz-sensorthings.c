/* fuzz-sensorthings.c: libFuzzer harness for the sensorthings parser: any bytes must give
 * items or a GError, never a crash, a leak or a hang */

#include "config.h"

#include "fuzz-sensors.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  return fuzz_sensors_one (&kiosk_format_sensorthings, "https://iot.example.de/FROST-Server/v1.1/Things?$skip=2", data, size);
}

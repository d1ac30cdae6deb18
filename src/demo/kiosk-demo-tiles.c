/* kiosk-demo-tiles.c: Musterdorf's offline map for the demo */

#define G_LOG_DOMAIN "kiosk-demo-tiles"

#include "config.h"
#include "kiosk-map-config.h"

#include "kiosk-demo.h"
#include "kiosk-source-config.h"

/* The town is drawn at build time (data/demo/kiosk-render-tiles.c) and
 * installed next to the program's data; a build tree uses its own copy. */
char *
kiosk_demo_tiles_get_path (void)
{
  const char *env = g_getenv ("ANKERORT_DEMO_TILES");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (KIOSK_DEMO_TILES_INSTALLED_PATH, G_FILE_TEST_IS_REGULAR))
    return g_strdup (KIOSK_DEMO_TILES_INSTALLED_PATH);

  return g_strdup (KIOSK_DEMO_TILES_BUILD_PATH);
}

void
kiosk_demo_tiles_install (KioskDemoServer *server,
                          GPtrArray       *sources)
{
  g_autofree char *path = kiosk_demo_tiles_get_path ();
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  g_return_if_fail (sources != NULL);

  /* Tiles come from the file, not the server: the demo map works offline. */
  g_ptr_array_add (sources, kiosk_source_config_new ("musterdorf-map", "tiles", uri ? uri : path));
}

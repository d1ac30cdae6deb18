/* fuzz-replay.c: runs a libFuzzer harness over files and directories
 *
 * Lets every build (gcc, no libFuzzer) exercise the harnesses on the
 * fixtures and on crash reproducers: fuzz-replay FILE-OR-DIR... */

#include "config.h"

#include <glib.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static int
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  LLVMFuzzerTestOneInput ((const guint8 *) contents, len);
  /* Every prefix too: truncated downloads are the commonest bad input. */
  for (gsize cut = 0; cut < len; cut += MAX (1, len / 64))
    LLVMFuzzerTestOneInput ((const guint8 *) contents, cut);
  printf ("ok - %s\n", path);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  int failed = 0;
  int n = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          const char *name;

          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);

              if (g_file_test (path, G_FILE_TEST_IS_DIR))
                continue;
              n++;
              failed |= run_file (path);
            }
        }
      else
        {
          n++;
          failed |= run_file (argv[i]);
        }
    }
  printf ("1..%d\n", n);

  return failed;
}

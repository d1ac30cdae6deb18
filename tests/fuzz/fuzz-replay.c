/* fuzz-replay.c: runs a fuzz harness without libFuzzer: every corpus file,
 * then deterministic mutations of each (truncations, byte flips, splices) */

#include "config.h"

#include <stdint.h>
#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static guint runs;

static void
run (const guint8 *data,
     gsize         size)
{
  /* A private copy, so reads past the end are caught by tools like ASan. */
  g_autofree guint8 *copy = g_memdup2 (data, size);

  LLVMFuzzerTestOneInput (copy, size);
  runs++;
}

static void
mutate (GRand        *rand,
        const guint8 *data,
        gsize         size)
{
  static const char * const tokens[] = {
    "null", "[]", "{}", "\"\"", "-1e309", "1e999", "0", "[[[[", "\"\\u0000\"", "\xff\xfe",
  };

  run (data, size);
  for (guint i = 1; i <= 16 && size > 0; i++)
    run (data, size * i / 17);

  for (guint i = 0; i < 64 && size > 0; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);

      copy[g_rand_int_range (rand, 0, size)] ^= 1 << g_rand_int_range (rand, 0, 8);
      copy[g_rand_int_range (rand, 0, size)] = g_rand_int_range (rand, 0, 256);
      run (copy, size);
    }

  for (guint i = 0; i < 32 && size > 0; i++)
    {
      const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
      gsize at = g_rand_int_range (rand, 0, size);
      g_autoptr(GByteArray) spliced = g_byte_array_new ();

      g_byte_array_append (spliced, data, at);
      g_byte_array_append (spliced, (const guint8 *) token, strlen (token));
      g_byte_array_append (spliced, data + at + (size - at) / 2, (size - at) - (size - at) / 2);
      run (spliced->data, spliced->len);
    }
}

static void
replay_path (GRand      *rand,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize size;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        replay_path (rand, g_ptr_array_index (names, i));
      return;
    }

  if (!g_file_get_contents (path, &contents, &size, &error))
    g_error ("%s", error->message);
  mutate (rand, (const guint8 *) contents, size);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);

  if (argc < 2)
    {
      g_printerr ("Usage: %s CORPUS-DIR-OR-FILE...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    replay_path (rand, argv[i]);

  g_print ("%u inputs, no crash\n", runs);
  return 0;
}

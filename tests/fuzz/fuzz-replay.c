/* fuzz-replay.c: runs a fuzz harness without libFuzzer: every corpus file,
 * then deterministic mutations of each (truncations, byte flips, splices,
 * and for JSON kinds changes to the document's tree) */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#ifdef FUZZ_JSON
#include "json-mutator.h"
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Structured variants of every seed; FUZZ_REPLAY_VARIANTS asks for more. */
#define DEFAULT_VARIANTS 2000

static guint runs;

/* What runs now, for the crash handler: it saves the input that crashed. */
static const char *current_seed;
static const guint8 *current_data;
static gsize current_size;
static char *crash_path;

static void
say (const char *text)
{
  gssize written = write (STDERR_FILENO, text, strlen (text));

  (void) written;
}

static void
crashed (int signum)
{
  int fd;

  say ("\nCrashed on an input made from ");
  say (current_seed != NULL ? current_seed : "(none)");
  if (current_data != NULL && (fd = open (crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) >= 0)
    {
      gssize written = write (fd, current_data, current_size);

      (void) written;
      close (fd);
      say ("; the input is saved as ");
      say (crash_path);
    }
  else
    {
      say (", while making it");
    }
  say ("\n");

  signal (signum, SIG_DFL);
  raise (signum);
}

static void
run (const guint8 *data,
     gsize         size)
{
  /* A private copy, so reads past the end are caught by tools like ASan. */
  g_autofree guint8 *copy = g_memdup2 (data, size);

  current_data = copy;
  current_size = size;
  LLVMFuzzerTestOneInput (copy, size);
  current_data = NULL;
  runs++;
}

static void
mutate_bytes (GRand        *rand,
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

#ifdef FUZZ_JSON
/* Chains of up to eight tree changes, each chain starting again from the
 * seed; now and then a subtree of another seed is grafted in. */
static void
mutate_tree (GRand        *rand,
             GPtrArray    *seeds,
             const guint8 *data,
             gsize         size)
{
  const char *variants_text = g_getenv ("FUZZ_REPLAY_VARIANTS");
  guint n_variants = variants_text != NULL ? (guint) g_ascii_strtoull (variants_text, NULL, 10)
                                           : DEFAULT_VARIANTS;
  gsize max_size = MAX (size * 2, 8192);
  g_autofree guint8 *variant = g_malloc (max_size);
  g_autofree guint8 *crossed = g_malloc (max_size);
  gsize variant_size = 0;

  for (guint i = 0; i < n_variants; i++)
    {
      guint seed = g_rand_int (rand);
      gsize next;

      if (i % 8 == 0 || variant_size == 0)
        {
          memcpy (variant, data, size);
          variant_size = size;
        }

      if (i > 0 && seeds->len > 1 && g_rand_int_range (rand, 0, 16) == 0)
        {
          GBytes *other = g_ptr_array_index (seeds, g_rand_int_range (rand, 0, seeds->len));
          gsize other_size;
          const guint8 *other_data = g_bytes_get_data (other, &other_size);

          next = fuzz_json_cross_over (variant, variant_size, other_data, other_size,
                                       crossed, max_size, seed);
          if (next == 0)
            continue;
          memcpy (variant, crossed, next);
        }
      else
        {
          next = fuzz_json_mutate (variant, variant_size, max_size, seed, NULL);
        }

      if (next == 0)
        {
          /* A seed that is not JSON has no tree to change. */
          if (i == 0)
            return;
          variant_size = 0;
          continue;
        }
      variant_size = next;
      run (variant, variant_size);
    }
}
#endif

static void
collect_paths (const char *path,
               GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (paths, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    collect_paths (g_ptr_array_index (names, i), paths);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  static const int signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL };
  g_autofree char *cwd = g_get_current_dir ();

  if (argc < 2)
    {
      g_printerr ("Usage: %s CORPUS-DIR-OR-FILE...\n", argv[0]);
      return 2;
    }

  crash_path = g_build_filename (cwd, "replay-" FUZZ_KIND "-crash", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    signal (signals[i], crashed);

  for (int i = 1; i < argc; i++)
    collect_paths (argv[i], paths);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GError) error = NULL;
      char *contents = NULL;
      gsize size;

      if (!g_file_get_contents (g_ptr_array_index (paths, i), &contents, &size, &error))
        g_error ("%s", error->message);
      g_ptr_array_add (seeds, g_bytes_new_take (contents, size));
    }

  for (guint i = 0; i < seeds->len; i++)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (seeds, i), &size);

      current_seed = g_ptr_array_index (paths, i);
      mutate_bytes (rand, data, size);
#ifdef FUZZ_JSON
      mutate_tree (rand, seeds, data, size);
#endif
    }

  g_print ("%u inputs, no crash\n", runs);
  g_free (crash_path);
  return 0;
}

/* bench-memory.h: what the memory benchmarks read from /proc: PSS and RSS
 * (smaps_rollup), the peak (VmHWM) and how to reset it */
#pragma once

#include <glib.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A "Name:   1234 kB" line of a /proc file, in KiB; -1 when missing. */
static inline gint64
bench_proc_kib (const char *path,
                const char *name)
{
  g_autofree char *text = NULL;
  g_autofree char *key = g_strconcat ("\n", name, ":", NULL);
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  if ((line = strstr (text, key)) == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen (key), NULL, 10);
}

typedef struct
{
  gint64 rss;   /* KiB */
  gint64 pss;
  gint64 used;  /* bytes malloc hands out */
} BenchMemory;

/* With @trim, after malloc_trim (): what the process keeps, not what
 * malloc caches; without, what it holds as it runs. */
static inline BenchMemory
bench_memory_now (gboolean trim)
{
  BenchMemory m;

  if (trim)
    malloc_trim (0);
  m.rss = bench_proc_kib ("/proc/self/smaps_rollup", "Rss");
  m.pss = bench_proc_kib ("/proc/self/smaps_rollup", "Pss");
  m.used = (gint64) mallinfo2 ().uordblks;

  return m;
}

/* "5" resets VmHWM to the current RSS (Linux 4.0 and later). */
static inline void
bench_reset_peak (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");

  if (file == NULL || fputs ("5", file) < 0 || fclose (file) != 0)
    fprintf (stderr, "cannot reset the peak: it is the process's so far\n");
}

/* Calls @run (i, @data) for i from 0 to @n - 1, each in a child process of
 * its own, so that none reuses what another freed. FALSE when one failed. */
static inline gboolean
bench_each_in_child (guint    n,
                     void   (*run) (guint    i,
                                    gpointer data),
                     gpointer data)
{
  fflush (stdout);
  for (guint i = 0; i < n; i++)
    {
      pid_t child = fork ();
      int status = 0;

      if (child == 0)
        {
          run (i, data);
          fflush (stdout);
          _exit (0);
        }
      if (child < 0 || waitpid (child, &status, 0) < 0 || !WIFEXITED (status) ||
          WEXITSTATUS (status) != 0)
        return FALSE;
    }

  return TRUE;
}

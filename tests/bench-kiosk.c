/* bench-kiosk.c: starts the kiosk on the demo town, visits every area and
 * prints the process's PSS and RSS after each, once with GTK's cairo
 * renderer and once with GL. A benchmark, not a test: figures vary with
 * the machine and the driver, nothing is asserted.
 *
 * Each renderer runs in a process of its own, started as ankerort starts
 * itself (G_SLICE=always-malloc on GLib before 2.76), with its own cache
 * and data folders, so that both begin with an empty cache. PSS is read
 * from /proc/self/smaps_rollup after malloc_trim (), once the area showed
 * as the process holds it (no malloc_trim () of its own), once the area
 * showed and its data and tiles had a few seconds to arrive; peak is VmHWM.
 *
 * Usage: tests/run-in-x.sh _build/tests/bench-kiosk [SECONDS-PER-AREA [CONFIG]]
 * With CONFIG, a keyfile as `ankerort --config` takes, instead of the demo
 * (bench-sensors --write makes a 7 MB SensorThings file for a source). */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-memory.h"
#include "kiosk-application.h"
#include "kiosk-i18n.h"
#include "kiosk-test-ui.h"

static const char * const areas[] = { "events", "map", "sensors", "surveys" };

typedef struct
{
  KioskApplication *app;
  guint             seconds;
  gboolean          started;
} Visit;

static void
print_memory (const char *where,
              gboolean    trim)
{
  BenchMemory m = bench_memory_now (trim);

  printf ("  %-10s PSS %6.1f MiB  RSS %6.1f MiB  peak %6.1f MiB\n", where,
          m.pss / 1024.0, m.rss / 1024.0,
          bench_proc_kib ("/proc/self/status", "VmHWM") / 1024.0);
  fflush (stdout);
}

static gboolean
visit_cb (gpointer data)
{
  Visit *visit = data;
  KioskWindow *window = kiosk_application_get_window (visit->app);

  kiosk_test_ui_wait_for_page (window, "attract");
  kiosk_test_ui_run_for (visit->seconds * 1000);
  print_memory ("start", FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-area", "s", areas[i]);
      kiosk_test_ui_wait_for_page (window, areas[i]);
      kiosk_test_ui_run_for (visit->seconds * 1000);
      print_memory (areas[i], FALSE);
    }
  /* The visitor leaves: the idle reset shows attract mode and gives the
   * heap back as the kiosk does. */
  kiosk_window_reset (window);
  kiosk_test_ui_wait_for_page (window, "attract");
  kiosk_test_ui_run_for (visit->seconds * 1000);
  print_memory ("reset", FALSE);
  /* What malloc still holds free and could give back. */
  print_memory ("trimmed", TRUE);

  g_application_quit (G_APPLICATION (visit->app));

  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             Visit        *visit)
{
  if (visit->started)
    return;
  visit->started = TRUE;
  g_idle_add (visit_cb, visit);
}

static int
run_kiosk (guint       seconds,
           const char *config)
{
  g_autoptr(KioskApplication) app = NULL;
  char *argv[] = { (char *) "ankerort", (char *) "--demo", NULL, NULL };
  Visit visit = { NULL, seconds, FALSE };

  if (config != NULL)
    {
      argv[1] = (char *) "--config";
      argv[2] = (char *) config;
    }

  kiosk_i18n_init ();
  app = kiosk_application_new ();
  visit.app = app;
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &visit);

  return g_application_run (G_APPLICATION (app), g_strv_length (argv), argv);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const renderers[] = { "cairo", "gl" };
  const char *seconds = argc > 1 ? argv[1] : "3";
  const char *config = argc > 2 && !g_str_equal (argv[2], "--run") ? argv[2] : NULL;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *build = exe != NULL ? g_path_get_dirname (exe) : g_strdup (".");
  g_autofree char *schemas = g_build_filename (build, "..", "data", NULL);

  if (argc > 2 && g_str_equal (argv[argc - 1], "--run"))
    return run_kiosk ((guint) MAX (atoi (seconds), 0), argc > 3 ? argv[2] : NULL);

  for (guint i = 0; i < G_N_ELEMENTS (renderers); i++)
    {
      g_autoptr(GError) tmp_error = NULL;
      g_autofree char *home = g_dir_make_tmp ("bench-kiosk-XXXXXX", &tmp_error);
      g_autofree char *cache = g_build_filename (home, "cache", NULL);
      g_autofree char *data = g_build_filename (home, "data", NULL);
      g_autofree char *config_home = g_build_filename (home, "config", NULL);
      g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", home);
      const char *child_argv[] = { argv[0], seconds, config != NULL ? config : "--run",
                                   config != NULL ? "--run" : NULL, NULL };
      g_auto(GStrv) env = g_get_environ ();
      g_autoptr(GError) error = NULL;
      int status = 0;

      if (home == NULL)
        {
          fprintf (stderr, "no folder for the kiosk's files: %s\n", tmp_error->message);
          return 1;
        }
      env = g_environ_setenv (g_steal_pointer (&env), "GSK_RENDERER", renderers[i], TRUE);
      env = g_environ_setenv (g_steal_pointer (&env), "XDG_CACHE_HOME", cache, TRUE);
      env = g_environ_setenv (g_steal_pointer (&env), "XDG_DATA_HOME", data, TRUE);
      env = g_environ_setenv (g_steal_pointer (&env), "XDG_CONFIG_HOME", config_home, TRUE);
      env = g_environ_setenv (g_steal_pointer (&env), "GSETTINGS_BACKEND", "memory", FALSE);
      env = g_environ_setenv (g_steal_pointer (&env), "GSETTINGS_SCHEMA_DIR", schemas, FALSE);
      if (glib_check_version (2, 76, 0) != NULL)
        env = g_environ_setenv (g_steal_pointer (&env), "G_SLICE", "always-malloc", FALSE);

      printf ("GSK_RENDERER=%s, %s, %s s per area (G_SLICE=%s)\n", renderers[i],
              config != NULL ? config : "the demo town", seconds, g_environ_getenv (env, "G_SLICE") ? g_environ_getenv (env, "G_SLICE") : "");
      fflush (stdout);
      if (!g_spawn_sync (NULL, (char **) child_argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                         NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        fprintf (stderr, "GSK_RENDERER=%s: %s\n", renderers[i], error->message);
      if (system (rm) != 0)
        fprintf (stderr, "cannot remove %s\n", home);
    }

  return 0;
}

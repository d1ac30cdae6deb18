/* kiosk-check-media.c: `ankerort check media`: what the attract loop would play
 *
 * The same reading and probing as the kiosk's loop (KioskMediaPlaylist),
 * run once: every file with what it is and whether it plays. */

#define G_LOG_DOMAIN "kiosk-check-media"

#include "config.h"

#include <stdio.h>
#include <json-glib/json-glib.h>

#include "kiosk-check-media.h"
#include "kiosk-check-private.h"
#include "kiosk-media-format.h"
#include "kiosk-media-playlist.h"
#include "kiosk-media-probe.h"


static void
print_json (const char *source,
            GPtrArray  *items,
            GPtrArray  *warnings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "media");
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, source);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; items != NULL && i < items->len; i++)
    json_builder_add_value (builder, kiosk_media_item_to_json (g_ptr_array_index (items, i)));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (warnings, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static void
print_text (const char *source,
            GPtrArray  *items,
            GPtrArray  *warnings)
{
  guint n = items != NULL ? items->len : 0;

  printf ("media: %u file%s in %s\n", n, n == 1 ? "" : "s", source);
  for (guint i = 0; i < n; i++)
    {
      KioskMediaItem *item = g_ptr_array_index (items, i);
      g_autofree char *name = kiosk_media_item_dup_name (item);

      if (!kiosk_media_item_get_ok (item))
        printf ("  %s: skipped: %s\n", name, kiosk_media_item_get_problem (item));
      else if (kiosk_media_item_get_duration (item) >= 0)
        printf ("  %s: %s %dx%d, %.1f s\n", name, kiosk_media_item_get_type_name (item),
                kiosk_media_item_get_width (item), kiosk_media_item_get_height (item),
                kiosk_media_item_get_duration (item));
      else
        printf ("  %s: %s %dx%d\n", name, kiosk_media_item_get_type_name (item),
                kiosk_media_item_get_width (item), kiosk_media_item_get_height (item));
    }
  for (guint i = 0; i < warnings->len; i++)
    printf ("warning: %s\n", (const char *) g_ptr_array_index (warnings, i));
  fflush (stdout);
}

int
kiosk_check_media_main (int    argc,
                        char **argv)
{
  gboolean json = FALSE;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the files as JSON", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, "DIR|FILE.m3u" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GFile) location = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  const char *source;
  guint n_ok = 0;

  g_return_val_if_fail (argc >= 3, KIOSK_CHECK_EXIT_USAGE);

  /* "check media ARGS..." with "check media" as the program's name. */
  args = g_new0 (char *, argc);
  args[0] = g_strdup ("check media");
  for (int i = 3; i < argc; i++)
    args[i - 2] = g_strdup (argv[i]);

  context = g_option_context_new ("DIR|FILE.m3u");
  g_option_context_set_summary (context,
                                "Read a folder or an M3U playlist of local files and probe every "
                                "file exactly as\nthe attract loop does.");
  g_option_context_set_description (context, "Exit status: 0 something plays, 1 nothing plays, "
                                             "2 usage error.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      fprintf (stderr, "ankerort: %s\n", error->message);
      return KIOSK_CHECK_EXIT_USAGE;
    }
  if (rest == NULL || g_strv_length (rest) != 1)
    {
      fprintf (stderr, "ankerort: check media needs one folder or playlist\n"
                       "Usage: ankerort check media DIR|FILE.m3u [--json]\n");
      return KIOSK_CHECK_EXIT_USAGE;
    }
  source = rest[0];

  location = kiosk_media_location_to_file (source, TRUE, &error);
  if (location != NULL)
    items = kiosk_media_playlist_read (location, warnings, NULL, &error);
  if (items == NULL)
    {
      g_ptr_array_add (warnings, g_strdup (error->message));
      if (json)
        print_json (source, NULL, warnings);
      fprintf (stderr, "ankerort: %s\n", error->message);
      return KIOSK_CHECK_EXIT_FAILED;
    }

  kiosk_media_probe_items (items, warnings, NULL);
  for (guint i = 0; i < items->len; i++)
    n_ok += kiosk_media_item_get_ok (g_ptr_array_index (items, i)) ? 1 : 0;

  if (json)
    print_json (source, items, warnings);
  else
    print_text (source, items, warnings);

  if (n_ok == 0)
    {
      fprintf (stderr, "ankerort: %s: nothing in it can play (%u file%s, all skipped)\n",
               source, items->len, items->len == 1 ? "" : "s");
      return KIOSK_CHECK_EXIT_FAILED;
    }

  return EXIT_SUCCESS;
}

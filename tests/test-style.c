/* test-style.c: the style sheet in the resources parses without an error and
 * styles every class the interface uses (in the templates and the code) */

#include "config.h"

#include <gtk/gtk.h>

/* Classes the interface sets that Ankerort's sheet leaves alone on purpose:
 * libadwaita styles them, or they are handles for code and tests. */
static const char * const unstyled[] = {
  /* libadwaita's */
  "card",
  "destructive-action",
  "dim-label",
  "error",
  "numeric",
  "title-1",
  "title-2",
  "title-3",
  /* handles */
  "language-button",
  "large-text",       /* the font size comes from GtkSettings */
  "map-controls",
  "map-here",
  "osk",
  "surveys",
  "survey-cancel",
  "survey-choices",
  "survey-next",
  "survey-scale",
  "survey-thanks",
  NULL
};

static void
parsing_error_cb (GtkCssProvider *provider,
                  GtkCssSection  *section,
                  const GError   *error,
                  guint          *n_errors)
{
  g_autofree char *where = gtk_css_section_to_string (section);

  g_test_message ("%s: %s", where, error->message);
  (*n_errors)++;
}

/* Loads @css (or, when NULL, the sheet in the resources) and counts the
 * parsing errors. */
static GtkCssProvider *
load_sheet (const char *css,
            guint      *n_errors)
{
  GtkCssProvider *provider = gtk_css_provider_new ();

  *n_errors = 0;
  g_signal_connect (provider, "parsing-error", G_CALLBACK (parsing_error_cb), n_errors);
  if (css != NULL)
    gtk_css_provider_load_from_data (provider, css, -1);
  else
    gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");

  return provider;
}

static void
add_used (GHashTable *used,
          const char *name,
          const char *where)
{
  if (!g_hash_table_contains (used, name))
    g_hash_table_insert (used, g_strdup (name), g_strdup (where));
}

/* class -> the first file that uses it: the <class> elements of every
 * template in the resources. */
static void
collect_from_templates (GHashTable *used)
{
  g_autoptr(GRegex) regex = g_regex_new ("<class name=\"([^\"]+)\"", 0, 0, NULL);
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  guint n_templates = 0;

  names = g_resources_enumerate_children (RESOURCE_PREFIX "/", 0, &error);
  g_assert_no_error (error);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/", names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *text = NULL;

      if (!g_str_has_suffix (names[i], ".ui"))
        continue;
      bytes = g_resources_lookup_data (path, 0, &error);
      g_assert_no_error (error);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      n_templates++;

      for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);

          add_used (used, name, names[i]);
        }
    }

  g_assert_cmpuint (n_templates, >, 0);
}

/* The classes the code adds by name, from the sources under src/. */
static void
collect_from_code (GHashTable *used,
                   const char *dir)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\b(?:gtk_widget_add_css_class|set_css_class)\\s*\\([^;]*?\"([^\"]+)\"",
                                         G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  const char *entry;

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);

  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *text = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          collect_from_code (used, path);
          continue;
        }
      if (!g_str_has_suffix (entry, ".c"))
        continue;

      g_assert_true (g_file_get_contents (path, &text, NULL, &error));
      g_assert_no_error (error);
      for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);

          add_used (used, name, entry);
        }
    }
}

static GHashTable *
used_classes (void)
{
  GHashTable *used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "src", NULL);

  collect_from_templates (used);
  collect_from_code (used, src);
  /* Both places are read: a few classes only the code sets. */
  g_assert_true (g_hash_table_contains (used, "high-contrast"));
  g_assert_true (g_hash_table_contains (used, "survey-card"));

  return used;
}

/* Whether a selector of the parsed @sheet names the class @name. Only
 * rules that parsed are in @sheet: a broken one is gone. */
static gboolean
sheet_has_class (const char *sheet,
                 const char *name)
{
  g_autofree char *dotted = g_strconcat (".", name, NULL);
  gsize len = strlen (dotted);

  for (const char *at = strstr (sheet, dotted); at != NULL; at = strstr (at + 1, dotted))
    {
      char next = at[len];

      if (!g_ascii_isalnum (next) && next != '-' && next != '_')
        return TRUE;
    }

  return FALSE;
}

/* Every class in @used is styled by @provider or known to need no style
 * of ours; what is missing goes into @missing, with where it is used. */
static gboolean
styles_every_class (GtkCssProvider *provider,
                    GHashTable     *used,
                    GString        *missing)
{
  g_autofree char *sheet = gtk_css_provider_to_string (provider);
  GHashTableIter iter;
  gpointer name, where;

  g_hash_table_iter_init (&iter, used);
  while (g_hash_table_iter_next (&iter, &name, &where))
    {
      if (g_strv_contains (unstyled, name) || sheet_has_class (sheet, name))
        continue;
      g_string_append_printf (missing, " .%s (%s)", (char *) name, (char *) where);
    }

  return missing->len == 0;
}

static void
test_style_parses (void)
{
  guint n_errors;
  g_autoptr(GtkCssProvider) provider = load_sheet (NULL, &n_errors);

  g_assert_cmpuint (n_errors, ==, 0);
}

static void
test_style_every_class (void)
{
  guint n_errors;
  g_autoptr(GtkCssProvider) provider = load_sheet (NULL, &n_errors);
  g_autoptr(GHashTable) used = used_classes ();
  g_autoptr(GString) missing = g_string_new (NULL);

  g_test_message ("%u classes in use", g_hash_table_size (used));
  if (!styles_every_class (provider, used, missing))
    g_error ("style.css has no rule for%s", missing->str);

  /* The list of exceptions names only what is in use and unstyled. */
  {
    g_autofree char *sheet = gtk_css_provider_to_string (provider);

    for (guint i = 0; unstyled[i] != NULL; i++)
      {
        if (!g_hash_table_contains (used, unstyled[i]))
          g_error ("the class “%s” listed as unstyled is no longer used", unstyled[i]);
        if (sheet_has_class (sheet, unstyled[i]))
          g_error ("the class “%s” listed as unstyled has a rule in style.css", unstyled[i]);
      }
  }
}

/* The checks pass for a sheet that has a rule for every class, and fail for
 * an empty sheet and for the same rule with one unknown state in its
 * selector (GTK drops the whole rule). */
static void
test_style_checks_fail (void)
{
  g_autoptr(GHashTable) used = used_classes ();
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *good = NULL;
  g_autofree char *broken = NULL;
  GHashTableIter iter;
  gpointer name;
  guint n_errors;

  g_hash_table_iter_init (&iter, used);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_string_append_printf (all, "%s.%s", all->len > 0 ? ", " : "", (char *) name);
  good = g_strdup_printf ("%s { color: red; }", all->str);
  broken = g_strdup_printf ("%s, .survey-card:no-such-state { color: red; }", all->str);

  {
    g_autoptr(GtkCssProvider) provider = load_sheet (good, &n_errors);
    g_autoptr(GString) missing = g_string_new (NULL);

    g_assert_cmpuint (n_errors, ==, 0);
    g_assert_true (styles_every_class (provider, used, missing));
  }

  {
    g_autoptr(GtkCssProvider) provider = load_sheet ("", &n_errors);
    g_autoptr(GString) missing = g_string_new (NULL);

    g_assert_cmpuint (n_errors, ==, 0);
    g_assert_false (styles_every_class (provider, used, missing));
    g_assert_nonnull (strstr (missing->str, " .survey-card ("));
  }

  {
    g_autoptr(GtkCssProvider) provider = load_sheet (broken, &n_errors);
    g_autoptr(GString) missing = g_string_new (NULL);

    g_assert_cmpuint (n_errors, >, 0);
    g_assert_false (styles_every_class (provider, used, missing));
    g_assert_nonnull (strstr (missing->str, " .high-contrast ("));
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/style/parses", test_style_parses);
  g_test_add_func ("/style/every-class", test_style_every_class);
  g_test_add_func ("/style/checks-fail", test_style_checks_fail);

  return g_test_run ();
}

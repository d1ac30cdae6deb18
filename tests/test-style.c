/* test-style.c: the style sheet in the resources parses without an error */

#include "config.h"

#include <gtk/gtk.h>

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

static void
test_style_parses (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  guint n_errors = 0;

  g_signal_connect (provider, "parsing-error", G_CALLBACK (parsing_error_cb), &n_errors);
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  g_assert_cmpuint (n_errors, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/style/parses", test_style_parses);

  return g_test_run ();
}

/* kiosk-set-pin.c: `ankerort --set-pin`: asks for the staff PIN twice and stores its hash */

#define G_LOG_DOMAIN "kiosk-set-pin"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "kiosk-set-pin.h"
#include "kiosk-staff-auth.h"

/* One line from @input, without echo when it is a terminal. */
static char *
read_secret (int         input,
             FILE       *output,
             const char *prompt)
{
  struct termios saved, quiet;
  gboolean tty = isatty (input) && tcgetattr (input, &saved) == 0;
  GString *line = g_string_new (NULL);
  char c;

  fputs (prompt, output);
  fflush (output);
  if (tty)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) (ECHO | ECHONL);
      tcsetattr (input, TCSAFLUSH, &quiet);
    }
  while (read (input, &c, 1) == 1 && c != '\n')
    {
      if (c != '\r' && line->len < 64)
        g_string_append_c (line, c);
    }
  if (tty)
    {
      tcsetattr (input, TCSAFLUSH, &saved);
      fputc ('\n', output);
    }

  return g_string_free (line, FALSE);
}

int
kiosk_set_pin_run (KioskConfig *config,
                   int          input,
                   FILE        *output)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  gboolean same;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), EXIT_FAILURE);

  first = read_secret (input, output, _("New staff PIN (4 to 12 digits): "));
  if (!kiosk_staff_auth_pin_is_valid (first))
    {
      fprintf (output, _("ankerort: a staff PIN has %d to %d digits and nothing else; "
                         "nothing changed\n"),
               KIOSK_STAFF_PIN_MIN_DIGITS, KIOSK_STAFF_PIN_MAX_DIGITS);
      return EXIT_FAILURE;
    }
  second = read_secret (input, output, _("The same PIN again: "));
  same = g_str_equal (first, second);
  memset (second, 0, strlen (second));
  if (!same)
    {
      memset (first, 0, strlen (first));
      fputs (_("ankerort: the two PINs differ; nothing changed\n"), output);
      return EXIT_FAILURE;
    }

  hash = kiosk_staff_auth_hash_pin (first, &error);
  memset (first, 0, strlen (first));
  if (hash == NULL)
    {
      fprintf (output, "ankerort: %s\n", error->message);
      return EXIT_FAILURE;
    }

  g_settings_set_string (kiosk_config_get_settings (config), "staff-pin-hash", hash);
  g_settings_sync ();
  fputs (_("The staff PIN is set. Hold the place name in the header for 3 seconds to open "
           "the staff panel.\n"), output);

  return EXIT_SUCCESS;
}

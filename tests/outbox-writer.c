/* outbox-writer.c: submits and sends survey answers until killed
 *
 * Used by test-outbox's SIGKILL test: outbox-writer DB URL FIRST COUNT adds
 * answers FIRST..FIRST+COUNT-1 (alternating between two surveys), printing
 * "added N KEY" once each is durable, while a sender POSTs them to URL.
 * Prints "done" when the outbox is empty. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "kiosk-outbox.h"
#include "kiosk-outbox-sender.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KioskOutbox) outbox = NULL;
  g_autoptr(KioskFetcher) fetcher = NULL;
  g_autoptr(KioskOutboxSender) sender = NULL;
  g_autoptr(GError) error = NULL;
  guint64 first, count;

  if (argc != 5 ||
      !g_ascii_string_to_unsigned (argv[3], 10, 0, G_MAXUINT, &first, NULL) ||
      !g_ascii_string_to_unsigned (argv[4], 10, 0, G_MAXUINT, &count, NULL))
    {
      fprintf (stderr, "Usage: outbox-writer DB URL FIRST COUNT\n");
      return 2;
    }

  outbox = kiosk_outbox_new (argv[1], &error);
  if (outbox == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  kiosk_outbox_set_kiosk_id (outbox, "test-kiosk");

  fetcher = kiosk_fetcher_new ();
  sender = kiosk_outbox_sender_new (outbox, fetcher);
  kiosk_outbox_sender_set_backoff (sender, 10, 100);
  kiosk_outbox_sender_set_timeout (sender, 5);
  kiosk_outbox_sender_start (sender);

  for (guint64 n = first; n < first + count; n++)
    {
      const char *survey = n % 2 == 0 ? "even" : "odd";
      g_autofree char *url = g_strdup_printf ("%s/participation/answers/%s", argv[2], survey);
      g_autoptr(JsonNode) answers = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *key = NULL;
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "n", (gint64) n);
      json_object_set_string_member (object, "choice", survey);
      json_node_take_object (answers, object);

      key = kiosk_outbox_add (outbox, survey, url, answers, &error);
      if (key == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      /* The thank-you screen would appear now. */
      printf ("added %" G_GUINT64_FORMAT " %s\n", n, key);
      fflush (stdout);
      kiosk_outbox_sender_wake (sender);
      g_usleep (g_random_int_range (0, 3000));
    }

  for (;;)
    {
      gint64 next_due = 0;
      g_autoptr(KioskOutboxEntry) entry = kiosk_outbox_peek (outbox, G_MAXINT64 - 1, &next_due, NULL);

      if (entry == NULL)
        break;
      g_usleep (2000);
    }

  kiosk_outbox_sender_stop (sender);
  printf ("done\n");
  fflush (stdout);

  return 0;
}

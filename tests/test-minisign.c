/* test-minisign.c: signatures made by the real minisign tool */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-minisign.h"
#include "kiosk-test-minisign.h"

static void
test_key_parse (void)
{
  g_autoptr(KioskTestMinisign) signer = kiosk_test_minisign_new ("key");
  g_autoptr(KioskMinisignKey) key = NULL;
  g_autoptr(KioskMinisignKey) from_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pub_file = NULL;

  key = kiosk_minisign_key_new (signer->public_key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  /* The id minisign prints in the public key's comment. */
  g_assert_nonnull (strstr (signer->public_key_comment, kiosk_minisign_key_get_id (key)));

  g_file_get_contents (signer->public_key_path, &pub_file, NULL, &error);
  g_assert_no_error (error);
  from_file = kiosk_minisign_key_new (pub_file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_minisign_key_get_id (from_file), ==, kiosk_minisign_key_get_id (key));

  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "", "RWQ", "not base64 at all!", "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3x" };
      g_autoptr(KioskMinisignKey) none = kiosk_minisign_key_new (bad[i], &error);

      g_assert_null (none);
      g_assert_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_BAD_KEY);
      g_clear_error (&error);
    }
}

static void
check_signed (gboolean legacy)
{
  g_autoptr(KioskTestMinisign) signer = kiosk_test_minisign_new ("city");
  g_autoptr(KioskTestMinisign) other = kiosk_test_minisign_new ("other");
  g_autoptr(KioskMinisignKey) key = kiosk_minisign_key_new (signer->public_key, NULL);
  g_autoptr(KioskMinisignKey) other_key = kiosk_minisign_key_new (other->public_key, NULL);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GBytes) tampered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *sig_text = NULL;
  g_autofree char *changed_comment = NULL;
  const char *contents = "[Kiosk]\nplace-name=Rathaus\n";

  data = g_bytes_new_static (contents, strlen (contents));
  signature = kiosk_test_minisign_sign (signer, data, legacy, "fleet v1");
  sig_text = g_strndup (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
  /* The tool wrote the form asked for: "RW" is "Ed", "RU" is "ED". */
  g_assert_nonnull (strstr (sig_text, legacy ? "\nRW" : "\nRU"));

  g_assert_true (kiosk_minisign_verify (key, data, signature, &comment, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==, "fleet v1");

  /* One changed byte in the file. */
  tampered = g_bytes_new_static ("[Kiosk]\nplace-name=Rathauz\n", strlen (contents));
  g_assert_false (kiosk_minisign_verify (key, tampered, signature, NULL, &error));
  g_assert_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_INVALID);
  g_clear_error (&error);

  /* Another key, with another id. */
  g_assert_false (kiosk_minisign_verify (other_key, data, signature, NULL, &error));
  g_assert_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_WRONG_KEY);
  g_assert_nonnull (strstr (error->message, kiosk_minisign_key_get_id (key)));
  g_assert_nonnull (strstr (error->message, kiosk_minisign_key_get_id (other_key)));
  g_clear_error (&error);

  /* The trusted comment is signed too. */
  {
    g_autoptr(GString) text = g_string_new (sig_text);
    g_autoptr(GBytes) changed = NULL;

    g_assert_cmpint (g_string_replace (text, "trusted comment: fleet v1",
                                       "trusted comment: fleet v2", 1), ==, 1);
    changed_comment = g_string_free (g_steal_pointer (&text), FALSE);
    changed = g_bytes_new_static (changed_comment, strlen (changed_comment));
    g_assert_false (kiosk_minisign_verify (key, data, changed, NULL, &error));
    g_assert_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "comment"));
    g_clear_error (&error);
  }
}

/* A comment that ends in a blank is signed with it; CRLF line ends (a
 * file saved on Windows) are not part of it. */
static void
test_comment_blanks_and_crlf (void)
{
  g_autoptr(KioskTestMinisign) signer = kiosk_test_minisign_new ("city");
  g_autoptr(KioskMinisignKey) key = kiosk_minisign_key_new (signer->public_key, NULL);
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);
  g_autoptr(GBytes) signature = kiosk_test_minisign_sign (signer, data, FALSE, "v2 ");
  g_autoptr(GBytes) crlf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (kiosk_minisign_verify (key, data, signature, &comment, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==, "v2 ");

  text = g_strndup (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
  lines = g_strsplit (text, "\n", -1);
  g_free (text);
  text = g_strjoinv ("\r\n", lines);
  crlf = g_bytes_new (text, strlen (text));
  g_assert_true (kiosk_minisign_verify (key, data, crlf, NULL, &error));
  g_assert_no_error (error);
}

static void
test_verify_prehashed (void)
{
  check_signed (FALSE);
}

static void
test_verify_legacy (void)
{
  check_signed (TRUE);
}

/* The same key, a signature whose key id was changed: refused before any
 * cryptography, naming both ids. */
static void
test_wrong_key_id (void)
{
  g_autoptr(KioskTestMinisign) signer = kiosk_test_minisign_new ("city");
  g_autoptr(KioskMinisignKey) key = kiosk_minisign_key_new (signer->public_key, NULL);
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);
  g_autoptr(GBytes) signature = kiosk_test_minisign_sign (signer, data, FALSE, "c");
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree guchar *blob = NULL;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  gsize len;

  text = g_strndup (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
  lines = g_strsplit (text, "\n", -1);
  blob = g_base64_decode (lines[1], &len);
  g_assert_cmpuint (len, ==, 74);
  blob[2] ^= 0x01;
  line = g_base64_encode (blob, len);
  g_free (lines[1]);
  lines[1] = g_steal_pointer (&line);
  g_free (text);
  text = g_strjoinv ("\n", lines);
  changed = g_bytes_new (text, strlen (text));

  g_assert_false (kiosk_minisign_verify (key, data, changed, NULL, &error));
  g_assert_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_WRONG_KEY);
}

static void
test_bad_signature_files (void)
{
  g_autoptr(KioskTestMinisign) signer = kiosk_test_minisign_new ("city");
  g_autoptr(KioskMinisignKey) key = kiosk_minisign_key_new (signer->public_key, NULL);
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);
  const char *bad[] = {
    "",
    "hello\n",
    "untrusted comment: x\nRUQ\ntrusted comment: y\nAAAA\n",
    "untrusted comment: x\n\0binary",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) signature = g_bytes_new_static (bad[i], i == 3 ? 30 : strlen (bad[i]));
      g_autoptr(GError) error = NULL;

      g_assert_false (kiosk_minisign_verify (key, data, signature, NULL, &error));
      g_assert_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_BAD_SIGNATURE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/minisign/key", test_key_parse);
  g_test_add_func ("/minisign/prehashed", test_verify_prehashed);
  g_test_add_func ("/minisign/legacy", test_verify_legacy);
  g_test_add_func ("/minisign/wrong-key-id", test_wrong_key_id);
  g_test_add_func ("/minisign/comment-blanks-crlf", test_comment_blanks_and_crlf);
  g_test_add_func ("/minisign/bad-files", test_bad_signature_files);

  return g_test_run ();
}

/* kiosk-minisign.c: checks a file against a minisign signature and public key */

#define G_LOG_DOMAIN "kiosk-minisign"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "kiosk-minisign.h"

/* The formats minisign writes: a public key is "Ed", the key id and the
 * Ed25519 key; a signature line "Ed" (the file signed as it is) or "ED"
 * (its BLAKE2b-512 hash signed), the key id and the signature; the
 * trusted comment is signed together with that signature. */
#define ALG_LEN             2
#define KEY_ID_LEN          8
#define KEY_BLOB_LEN        (ALG_LEN + KEY_ID_LEN + crypto_sign_PUBLICKEYBYTES)
#define SIGNATURE_BLOB_LEN  (ALG_LEN + KEY_ID_LEN + crypto_sign_BYTES)
#define UNTRUSTED_PREFIX    "untrusted comment: "
#define TRUSTED_PREFIX      "trusted comment: "
#define MAX_SIGNATURE_SIZE  8192

struct _KioskMinisignKey
{
  guint8 id[KEY_ID_LEN];
  guint8 key[crypto_sign_PUBLICKEYBYTES];
  char   id_text[2 * KEY_ID_LEN + 1];
};

G_DEFINE_QUARK (kiosk-minisign-error-quark, kiosk_minisign_error)

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_FAILED,
                   _("The signature library could not start"));
      return FALSE;
    }

  return TRUE;
}

/* Strict base64: exactly @length bytes, nothing else. */
static gboolean
decode_exact (const char *text,
              guint8     *out,
              gsize       length)
{
  gsize decoded = 0;
  const char *end = NULL;

  if (sodium_base642bin (out, length, text, strlen (text), " \t", &decoded, &end,
                         sodium_base64_VARIANT_ORIGINAL) != 0)
    return FALSE;

  return decoded == length && end != NULL && *end == '\0';
}

/* minisign prints the id as a little-endian 64-bit number. */
static void
format_id (const guint8 *id,
           char         *text)
{
  for (guint i = 0; i < KEY_ID_LEN; i++)
    g_snprintf (text + 2 * i, 3, "%02X", id[KEY_ID_LEN - 1 - i]);
}

KioskMinisignKey *
kiosk_minisign_key_new (const char  *text,
                        GError     **error)
{
  g_autoptr(KioskMinisignKey) self = NULL;
  g_auto(GStrv) lines = NULL;
  const char *line = NULL;
  guint8 blob[KEY_BLOB_LEN];

  g_return_val_if_fail (text != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;

  /* The last line that is not a comment: the key in a whole .pub file. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "untrusted comment:"))
        line = lines[i];
    }

  if (line == NULL || !decode_exact (line, blob, sizeof blob) || memcmp (blob, "Ed", ALG_LEN) != 0)
    {
      g_set_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_BAD_KEY,
                   _("“%s” is not a minisign public key (the line after “untrusted comment” in a .pub file)"),
                   line != NULL ? line : "");
      return NULL;
    }

  self = g_new0 (KioskMinisignKey, 1);
  memcpy (self->id, blob + ALG_LEN, KEY_ID_LEN);
  memcpy (self->key, blob + ALG_LEN + KEY_ID_LEN, crypto_sign_PUBLICKEYBYTES);
  format_id (self->id, self->id_text);

  return g_steal_pointer (&self);
}

void
kiosk_minisign_key_free (KioskMinisignKey *key)
{
  g_free (key);
}

const char *
kiosk_minisign_key_get_id (const KioskMinisignKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->id_text;
}

static gboolean
bad_signature (GError     **error,
               const char  *what)
{
  g_set_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_BAD_SIGNATURE,
               _("The signature is not a minisign signature: %s"), what);
  return FALSE;
}

gboolean
kiosk_minisign_verify (const KioskMinisignKey  *key,
                       GBytes                  *data,
                       GBytes                  *signature,
                       char                   **trusted_comment,
                       GError                 **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint8 blob[SIGNATURE_BLOB_LEN];
  guint8 global[crypto_sign_BYTES];
  guint8 hash[crypto_generichash_BYTES_MAX];
  const guint8 *message;
  gsize message_len, sig_len;
  const char *comment;
  g_autofree guint8 *signed_comment = NULL;
  gsize comment_len;
  const char *sig_data;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (signature != NULL, FALSE);

  if (!ensure_sodium (error))
    return FALSE;

  sig_data = g_bytes_get_data (signature, &sig_len);
  if (sig_len == 0 || sig_len > MAX_SIGNATURE_SIZE || memchr (sig_data, '\0', sig_len) != NULL)
    return bad_signature (error, _("empty, too large or binary"));

  text = g_strndup (sig_data, sig_len);
  lines = g_strsplit (text, "\n", 5);
  /* CRLF from an editor; other trailing blanks may be part of the
   * signed comment, as minisign keeps them. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }

  if (g_strv_length (lines) < 4 || !g_str_has_prefix (lines[0], UNTRUSTED_PREFIX))
    return bad_signature (error, _("no “untrusted comment:” line"));
  if (!decode_exact (lines[1], blob, sizeof blob))
    return bad_signature (error, _("the second line is not a signature"));
  if (!g_str_has_prefix (lines[2], TRUSTED_PREFIX))
    return bad_signature (error, _("no “trusted comment:” line"));
  if (!decode_exact (lines[3], global, sizeof global))
    return bad_signature (error, _("the fourth line is not the comment’s signature"));

  if (memcmp (blob + ALG_LEN, key->id, KEY_ID_LEN) != 0)
    {
      char id_text[2 * KEY_ID_LEN + 1];

      format_id (blob + ALG_LEN, id_text);
      g_set_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_WRONG_KEY,
                   _("Signed with the key %s, not with the configured key %s"),
                   id_text, key->id_text);
      return FALSE;
    }

  message = g_bytes_get_data (data, &message_len);
  if (memcmp (blob, "ED", ALG_LEN) == 0)
    {
      crypto_generichash (hash, sizeof hash, message, message_len, NULL, 0);
      message = hash;
      message_len = sizeof hash;
    }
  else if (memcmp (blob, "Ed", ALG_LEN) != 0)
    {
      return bad_signature (error, _("unknown algorithm"));
    }

  if (crypto_sign_verify_detached (blob + ALG_LEN + KEY_ID_LEN, message, message_len, key->key) != 0)
    {
      g_set_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_INVALID,
                   _("The signature does not match the file: it was changed after signing"));
      return FALSE;
    }

  /* The comment is signed together with the file's signature. */
  comment = lines[2] + strlen (TRUSTED_PREFIX);
  comment_len = strlen (comment);
  signed_comment = g_malloc (crypto_sign_BYTES + comment_len);
  memcpy (signed_comment, blob + ALG_LEN + KEY_ID_LEN, crypto_sign_BYTES);
  memcpy (signed_comment + crypto_sign_BYTES, comment, comment_len);
  if (crypto_sign_verify_detached (global, signed_comment, crypto_sign_BYTES + comment_len,
                                   key->key) != 0)
    {
      g_set_error (error, KIOSK_MINISIGN_ERROR, KIOSK_MINISIGN_ERROR_INVALID,
                   _("The signature’s trusted comment was changed after signing"));
      return FALSE;
    }

  if (trusted_comment != NULL)
    *trusted_comment = g_strdup (comment);

  return TRUE;
}

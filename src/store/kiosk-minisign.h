/* kiosk-minisign.h: checks a file against a minisign signature and public key */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KIOSK_MINISIGN_ERROR (kiosk_minisign_error_quark ())

typedef enum
{
  KIOSK_MINISIGN_ERROR_FAILED,
  KIOSK_MINISIGN_ERROR_BAD_KEY,          /* not a minisign public key */
  KIOSK_MINISIGN_ERROR_BAD_SIGNATURE,    /* not a minisign signature file */
  KIOSK_MINISIGN_ERROR_WRONG_KEY,        /* signed with another key (key ids differ) */
  KIOSK_MINISIGN_ERROR_INVALID,          /* the file or its trusted comment was changed */
  KIOSK_MINISIGN_ERROR_UNSIGNED,         /* a key is configured and there is no signature */
} KioskMinisignError;

typedef struct _KioskMinisignKey KioskMinisignKey;

GQuark            kiosk_minisign_error_quark (void);

/* @text: the base64 line of a minisign public key, or the whole .pub file. */
KioskMinisignKey *kiosk_minisign_key_new     (const char             *text,
                                              GError                **error);
void              kiosk_minisign_key_free    (KioskMinisignKey       *key);
/* The key id as minisign prints it (16 hex digits). */
const char       *kiosk_minisign_key_get_id  (const KioskMinisignKey *key);

/* Checks @data against @signature (the text of a .minisig file, legacy
 * "Ed" or prehashed "ED"), the trusted comment included. On success
 * *@trusted_comment (if not NULL) is the signed comment. */
gboolean          kiosk_minisign_verify      (const KioskMinisignKey *key,
                                              GBytes                 *data,
                                              GBytes                 *signature,
                                              char                  **trusted_comment,
                                              GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskMinisignKey, kiosk_minisign_key_free)

G_END_DECLS

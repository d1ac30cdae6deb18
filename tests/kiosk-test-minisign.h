/* kiosk-test-minisign.h: keys and signatures made by the real minisign tool */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct
{
  char *dir;
  char *public_key_path;
  char *secret_key_path;
  char *public_key;           /* the base64 line, as config-public-key holds it */
  char *public_key_comment;   /* "untrusted comment: minisign public key ID" */
} KioskTestMinisign;

static inline void
kiosk_test_minisign_run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  /* stdin is /dev/null: minisign must not ask for a password. */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL,
                NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

static inline void
kiosk_test_minisign_free (KioskTestMinisign *self)
{
  g_unlink (self->public_key_path);
  g_unlink (self->secret_key_path);
  g_rmdir (self->dir);
  g_free (self->dir);
  g_free (self->public_key_path);
  g_free (self->secret_key_path);
  g_free (self->public_key);
  g_free (self->public_key_comment);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskTestMinisign, kiosk_test_minisign_free)

/* A new key pair without a password (minisign -G -W). */
static inline KioskTestMinisign *
kiosk_test_minisign_new (const char *name)
{
  KioskTestMinisign *self = g_new0 (KioskTestMinisign, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("minisign-%s-XXXXXX", name);
  g_autofree char *pub = NULL;
  g_auto(GStrv) lines = NULL;

  self->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  self->public_key_path = g_build_filename (self->dir, "key.pub", NULL);
  self->secret_key_path = g_build_filename (self->dir, "key.sec", NULL);
  kiosk_test_minisign_run ((const char *[]) { "minisign", "-G", "-W", "-p", self->public_key_path,
                                              "-s", self->secret_key_path, NULL });

  g_file_get_contents (self->public_key_path, &pub, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (pub, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  self->public_key_comment = g_strdup (lines[0]);
  self->public_key = g_strstrip (g_strdup (lines[1]));

  return self;
}

/* Signs @path into @path.minisig: prehashed ("ED", minisign's default)
 * or @legacy ("Ed"). */
static inline void
kiosk_test_minisign_sign_file (KioskTestMinisign *self,
                               const char        *path,
                               gboolean           legacy,
                               const char        *comment)
{
  g_autofree char *sig_path = g_strconcat (path, ".minisig", NULL);

  g_unlink (sig_path);
  if (legacy)
    kiosk_test_minisign_run ((const char *[]) { "minisign", "-S", "-l", "-s", self->secret_key_path,
                                                "-t", comment, "-m", path, NULL });
  else
    kiosk_test_minisign_run ((const char *[]) { "minisign", "-S", "-s", self->secret_key_path,
                                                "-t", comment, "-m", path, NULL });
}

static inline GBytes *
kiosk_test_minisign_sign (KioskTestMinisign *self,
                          GBytes            *data,
                          gboolean           legacy,
                          const char        *comment)
{
  g_autofree char *path = g_build_filename (self->dir, "data", NULL);
  g_autofree char *sig_path = g_strconcat (path, ".minisig", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_file_set_contents (path, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error);
  g_assert_no_error (error);
  kiosk_test_minisign_sign_file (self, path, legacy, comment);
  g_file_get_contents (sig_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_unlink (sig_path);

  return g_bytes_new_take (contents, length);
}

/* cap-test-util.h: a CAP source reading a file of tests/fixtures/cap through a real fetcher */
#pragma once

#include "kiosk-source-list.h"
#include "wait-until.h"

static void
cap_test_refreshed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  gboolean *done = user_data;

  kiosk_source_refresh_finish (KIOSK_SOURCE (object), result, NULL);
  *done = TRUE;
}

/* The source @id of kind "cap" reading @fixture, refreshed once; @list
 * (may be NULL) gets it before the refresh, so that it sees the items
 * arrive. */
static G_GNUC_UNUSED KioskSource *
cap_test_source_new (KioskFetcher    *fetcher,
                     KioskSourceList *list,
                     const char      *id,
                     const char      *fixture)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cap", fixture, NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(KioskSourceConfig) config = kiosk_source_config_new (id, "cap", uri);
  KioskSource *source = kiosk_source_new_full (config, fetcher, NULL, NULL);
  gboolean done = FALSE;

  if (list != NULL)
    kiosk_source_list_add (list, source);
  kiosk_source_refresh_async (source, NULL, cap_test_refreshed_cb, &done);
  WAIT_UNTIL (done);

  return source;
}

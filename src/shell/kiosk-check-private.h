/* kiosk-check-private.h: what `ankerort check` and its kinds with options of their own share */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KIOSK_CHECK_EXIT_FAILED 1
#define KIOSK_CHECK_EXIT_USAGE  2

/* A path or a URL; paths become file:// URLs. */
char *kiosk_check_source_to_url (const char   *source);
/* The error on stderr (and as {"error": ...} with @json); returns 1. */
int   kiosk_check_report_error  (gboolean      json,
                                 const char   *source,
                                 const GError *error);

/* "ankerort: MESSAGE" and @usage (the kind's "Usage: …" lines) on stderr;
 * returns KIOSK_CHECK_EXIT_USAGE. */
int   kiosk_check_usage_error   (const char   *usage,
                                 const char   *format,
                                 ...) G_GNUC_PRINTF (2, 3);

/* kiosk-check-cap.c: `ankerort check cap SOURCE [--lat L --lon L]
 * [--geocode NAME=VALUE]... [--json]`; argv[1] is "check". */
int   kiosk_check_cap_main      (int           argc,
                                 char        **argv);

G_END_DECLS

/* kiosk-sqlite.h: how every SQLite file of Ankerort is opened, set up and migrated */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define KIOSK_SQLITE_ERROR (kiosk_sqlite_error_quark ())

typedef enum
{
  KIOSK_SQLITE_ERROR_FAILED,
  KIOSK_SQLITE_ERROR_CORRUPT,       /* not a database, or damaged */
  KIOSK_SQLITE_ERROR_TOO_NEW,       /* written by a newer Ankerort */
  KIOSK_SQLITE_ERROR_NOT_FOUND,     /* opened read-only, and not there */
} KioskSqliteError;

typedef enum /*< flags >*/
{
  KIOSK_SQLITE_OPEN_DEFAULT       = 0,
  /* No create, no writes, no migrations, no moving aside: data from outside. */
  KIOSK_SQLITE_OPEN_READ_ONLY     = 1 << 0,
  /* synchronous=FULL: a commit survives a power cut (else NORMAL). */
  KIOSK_SQLITE_OPEN_SYNC_FULL     = 1 << 1,
  /* Deleted rows are overwritten in the file. */
  KIOSK_SQLITE_OPEN_SECURE_DELETE = 1 << 2,
  /* A cache: a file of a newer schema is moved aside and started afresh
   * too (without this flag it is refused). */
  KIOSK_SQLITE_OPEN_DISPOSABLE    = 1 << 3,
} KioskSqliteOpenFlags;

/* What one store asks of its file. */
typedef struct
{
  const char           *what;            /* "cache": what the file is, for messages */
  KioskSqliteOpenFlags  flags;
  int                   busy_timeout_ms; /* 0: 5 s */
  const char * const   *migrations;      /* step i takes user_version i to i + 1 */
  guint                 n_migrations;
} KioskSqliteSchema;

GQuark    kiosk_sqlite_error_quark (void);

/* Opens @path as @schema says: read-write (creating the file and its
 * folder), WAL, foreign keys, trusted_schema=OFF, then PRAGMA quick_check
 * and the missing migrations (each in its own transaction). A file that
 * is not a database or fails the check is moved aside with its -wal and
 * -shm (kiosk_sqlite_set_aside()) and a new one made, with a warning
 * that names both; *@recovered (if not NULL) is then that message, else
 * NULL. *@version (if not NULL) is the schema version. Read-only
 * (KIOSK_SQLITE_OPEN_READ_ONLY) opens an existing file with
 * query_only=ON and trusted_schema=OFF, and nothing else. The connection
 * is SQLITE_OPEN_FULLMUTEX, with extended result codes. */
sqlite3  *kiosk_sqlite_open        (const char               *path,
                                    const KioskSqliteSchema  *schema,
                                    int                      *version,
                                    char                    **recovered,
                                    GError                  **error);

/* Moves @path and its -wal and -shm to "@path.broken-TIMESTAMP" (kept for
 * staff) and sets *@moved_to to that name. Fails when any part cannot be
 * moved: a WAL left behind could be read into the new file. */
gboolean  kiosk_sqlite_move_aside  (const char               *path,
                                    char                    **moved_to,
                                    GError                  **error);

/* For a file found broken (@cause) while in use: moves it aside as above
 * and warns that it did, naming both files. Returns that warning, or NULL
 * with @error set when it could not be moved. The caller opens anew. */
char     *kiosk_sqlite_set_aside   (const char               *path,
                                    const char               *what,
                                    const char               *cause,
                                    GError                  **error);

/* Sets a KIOSK_SQLITE_ERROR for @code (CORRUPT for a damaged file):
 * "@what: SQLite's message". Returns FALSE. */
gboolean  kiosk_sqlite_set_error   (sqlite3                  *db,
                                    int                       code,
                                    const char               *what,
                                    GError                  **error);
gboolean  kiosk_sqlite_exec        (sqlite3                  *db,
                                    const char               *sql,
                                    GError                  **error);

G_END_DECLS

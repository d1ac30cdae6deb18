/* kiosk-config-file.h: a configuration keyfile read and checked for one kiosk */
#pragma once

#include <gio/gio.h>

#include "kiosk-source-config.h"

G_BEGIN_DECLS

/* The keyfile's groups and keys, read here and written by the export. */
#define KIOSK_GROUP "Kiosk"
#define SOURCE_GROUP_PREFIX "Source "
#define OPTION_PREFIX "option-"

/* One thing wrong in a file: where (@group without brackets, @key; either
 * may be NULL for the file or a whole group) and what. */
typedef struct
{
  char *group;
  char *key;
  char *message;
} KioskConfigProblem;

void        kiosk_config_problem_free     (KioskConfigProblem *problem);
/* "NAME: [GROUP] KEY: MESSAGE", for the log and the command line. */
char       *kiosk_config_problem_to_string (const KioskConfigProblem *problem,
                                            const char               *name);

/* What a file sets for one kiosk: [Kiosk] with its [Kiosk ID] on top and
 * [Source NAME] with its [Source NAME@ID] on top. Every kiosk's groups
 * are checked, so one mistake anywhere makes the file invalid for all. */
typedef struct
{
  char       *name;       /* the path or URL, for messages */
  char       *kiosk_id;   /* whose groups were taken */
  GHashTable *values;     /* schema key -> GVariant */
  GPtrArray  *sources;    /* KioskSourceConfig*; NULL: the file names none */
  GPtrArray  *problems;   /* KioskConfigProblem*; empty when valid */
} KioskConfigFile;

/* @kiosk_id is the kiosk's id unless the file's [Kiosk] sets kiosk-id.
 * NULL only when @data is not a keyfile at all. */
KioskConfigFile *kiosk_config_file_parse   (const char      *data,
                                            gsize            length,
                                            const char      *name,
                                            GSettingsSchema *schema,
                                            const char      *kiosk_id,
                                            GError         **error);
gboolean         kiosk_config_file_is_valid (const KioskConfigFile *self);
void             kiosk_config_file_free    (KioskConfigFile *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskConfigFile, kiosk_config_file_free)

G_END_DECLS

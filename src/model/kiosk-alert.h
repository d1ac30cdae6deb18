/* kiosk-alert.h: one public warning: a CAP 1.2 alert's info block with its alert's header */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A point of a CAP polygon or the centre of a circle, WGS 84 degrees. */
typedef struct
{
  double latitude;
  double longitude;
} KioskAlertPoint;

typedef struct
{
  KioskAlertPoint centre;
  double          radius_km;
} KioskAlertCircle;

/* One <area> of an info block. */
typedef struct
{
  char      *description;   /* areaDesc */
  GPtrArray *polygons;      /* GArray of KioskAlertPoint, closed rings */
  GArray    *circles;       /* KioskAlertCircle */
  GPtrArray *geocodes;      /* char*: "valueName=value" */
} KioskAlertArea;

KioskAlertArea *kiosk_alert_area_new      (void);
void            kiosk_alert_area_free     (KioskAlertArea *area);
/* TRUE when the point lies inside one of the area's polygons or circles. */
gboolean        kiosk_alert_area_contains (const KioskAlertArea *area,
                                           double                latitude,
                                           double                longitude);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskAlertArea, kiosk_alert_area_free)

/* Great-circle distance on the WGS 84 mean radius (haversine), in km. */
double          kiosk_alert_distance_km   (double lat1,
                                           double lon1,
                                           double lat2,
                                           double lon2);

/* The CAP values ranked: higher is more; 0 for Unknown or anything else. */
guint           kiosk_alert_severity_rank (const char *severity);  /* Extreme 4 .. Minor 1 */
guint           kiosk_alert_urgency_rank  (const char *urgency);   /* Immediate 4 .. Past 1 */
guint           kiosk_alert_certainty_rank (const char *certainty); /* Observed 5 .. Unlikely 1 */

#define KIOSK_TYPE_ALERT (kiosk_alert_get_type ())

G_DECLARE_FINAL_TYPE (KioskAlert, kiosk_alert, KIOSK, ALERT, GObject)

/* What the parser knows of one info block; the alert takes its contents. */
typedef struct
{
  /* the <alert> */
  char       *identifier;
  char       *sender;
  char       *sent_text;
  GDateTime  *sent;
  char       *status;
  char       *msg_type;
  char       *scope;
  char      **references;   /* "sender,identifier,sent" each */
  /* the <info> */
  guint       info_index;
  char       *language;     /* as given; CAP's default is "en-US" */
  char       *event;
  char       *urgency;
  char       *severity;
  char       *certainty;
  char       *headline;
  char       *description;
  char       *instruction;
  char       *sender_name;
  char       *web;
  GDateTime  *effective;
  GDateTime  *onset;
  GDateTime  *expires;
  GPtrArray  *areas;        /* KioskAlertArea* */
} KioskAlertData;

void        kiosk_alert_data_clear       (KioskAlertData *data);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KioskAlertData, kiosk_alert_data_clear)

/* Takes every member of @data (which is left cleared). */
KioskAlert *kiosk_alert_new              (KioskAlertData *data);

const char *kiosk_alert_get_identifier   (KioskAlert *self);
const char *kiosk_alert_get_sender       (KioskAlert *self);
const char *kiosk_alert_get_sent_text    (KioskAlert *self);
GDateTime  *kiosk_alert_get_sent         (KioskAlert *self);
const char *kiosk_alert_get_status       (KioskAlert *self);
const char *kiosk_alert_get_msg_type     (KioskAlert *self);
const char *kiosk_alert_get_scope        (KioskAlert *self);
const char * const *kiosk_alert_get_references (KioskAlert *self);
guint       kiosk_alert_get_info_index   (KioskAlert *self);
const char *kiosk_alert_get_language     (KioskAlert *self);
const char *kiosk_alert_get_event        (KioskAlert *self);
const char *kiosk_alert_get_urgency      (KioskAlert *self);
const char *kiosk_alert_get_severity     (KioskAlert *self);
const char *kiosk_alert_get_certainty    (KioskAlert *self);
const char *kiosk_alert_get_headline     (KioskAlert *self);
const char *kiosk_alert_get_description  (KioskAlert *self);
const char *kiosk_alert_get_instruction  (KioskAlert *self);
const char *kiosk_alert_get_sender_name  (KioskAlert *self);
const char *kiosk_alert_get_web          (KioskAlert *self);
GDateTime  *kiosk_alert_get_effective    (KioskAlert *self);
GDateTime  *kiosk_alert_get_onset        (KioskAlert *self);
GDateTime  *kiosk_alert_get_expires      (KioskAlert *self);
GPtrArray  *kiosk_alert_get_areas        (KioskAlert *self);
/* The areaDesc of every area, joined with "; ". */
char       *kiosk_alert_dup_area_desc    (KioskAlert *self);

/* "sender,identifier,sent": what other alerts' references name. */
const char *kiosk_alert_get_key          (KioskAlert *self);
/* TRUE when @reference ("sender,identifier,sent") names this alert. */
gboolean    kiosk_alert_matches_reference (KioskAlert *self,
                                           const char *reference);
/* TRUE when the info block has expired at @now. */
gboolean    kiosk_alert_is_expired       (KioskAlert *self,
                                          GDateTime  *now);
/* Whether the alert applies to a kiosk at the point (when @has_position)
 * or with one of @geocodes ("NAME=VALUE"; may be NULL). */
gboolean    kiosk_alert_applies_to       (KioskAlert         *self,
                                          gboolean            has_position,
                                          double              latitude,
                                          double              longitude,
                                          const char * const *geocodes);
/* Most severe first, then most urgent, most certain, latest sent. */
int         kiosk_alert_compare          (KioskAlert *a,
                                          KioskAlert *b);
/* How well the block's language fits @language ("de", "de-DE"): 3 the same
 * tag, 2 the same primary language, 0 none. */
guint       kiosk_alert_language_match   (KioskAlert *self,
                                          const char *language);

G_END_DECLS

/* kiosk-types.h: the kiosk's types declared once, and its enums as GTypes */
#pragma once

#include <glib-object.h>

#include "kiosk-enums.h"

G_BEGIN_DECLS

/* Headers that only pass these around include this file instead of the
 * class's header, so that layers need not include each other. */

/* core */
typedef struct _KioskResettable        KioskResettable;

/* model */
typedef struct _KioskAlert             KioskAlert;
typedef struct _KioskEvent             KioskEvent;
typedef struct _KioskMapPoint          KioskMapPoint;
typedef struct _KioskPlace             KioskPlace;
typedef struct _KioskReading           KioskReading;
typedef struct _KioskReadingKind       KioskReadingKind;
typedef struct _KioskSurvey            KioskSurvey;

/* store */
typedef struct _KioskAlerts            KioskAlerts;
typedef struct _KioskDatabase          KioskDatabase;
typedef struct _KioskFetcher           KioskFetcher;
typedef struct _KioskOutbox            KioskOutbox;
typedef struct _KioskReadingHistory    KioskReadingHistory;
typedef struct _KioskServices          KioskServices;
typedef struct _KioskSource            KioskSource;
typedef struct _KioskSourceList        KioskSourceList;

/* media */
typedef struct _KioskMapTiles          KioskMapTiles;

/* shell */
typedef struct _KioskApplication       KioskApplication;
typedef struct _KioskConfig            KioskConfig;
typedef struct _KioskHeader            KioskHeader;
typedef struct _KioskIdleMonitor       KioskIdleMonitor;
typedef struct _KioskWindow            KioskWindow;

/* views */
typedef struct _KioskEventsView        KioskEventsView;
typedef struct _KioskSensorsView       KioskSensorsView;
typedef struct _KioskSurveySession     KioskSurveySession;
typedef struct _KioskSurveysView       KioskSurveysView;

G_END_DECLS

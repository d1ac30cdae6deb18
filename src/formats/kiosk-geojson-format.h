/* kiosk-geojson-format.h: places from a GeoJSON FeatureCollection (RFC 7946) */
#pragma once

#include "kiosk-format.h"

G_BEGIN_DECLS

/* Source options: which feature properties hold what. */
#define KIOSK_GEOJSON_OPTION_ID          "id-property"           /* default: the feature's id */
#define KIOSK_GEOJSON_OPTION_NAME        "name-property"         /* default "name" */
#define KIOSK_GEOJSON_OPTION_CATEGORY    "category-property"     /* default "category" */
#define KIOSK_GEOJSON_OPTION_DESCRIPTION "description-property"  /* default "description" */

#define KIOSK_GEOJSON_MAX_PLACES 50000

gboolean kiosk_geojson_parse (GBytes                  *bytes,
                              const KioskParseContext *ctx,
                              KioskParseResult        *result,
                              GError                 **error);

G_END_DECLS

/* kiosk-empty-view.c: the designed state of an area that has no source yet */

#define G_LOG_DOMAIN "kiosk-empty-view"

#include "config.h"

#include <adwaita.h>

#include "kiosk-empty-view.h"
#include "kiosk-resettable.h"

struct _KioskEmptyView
{
  GtkWidget      parent_instance;

  /* template widgets */
  AdwStatusPage *status_page;
};

static void resettable_iface_init (KioskResettableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskEmptyView, kiosk_empty_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (KIOSK_TYPE_RESETTABLE, resettable_iface_init))

static void
reset (KioskResettable *resettable)
{
  /* Nothing a person could have changed here. */
}

static void
resettable_iface_init (KioskResettableInterface *iface)
{
  iface->reset = reset;
}

static void
kiosk_empty_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_EMPTY_VIEW);

  G_OBJECT_CLASS (kiosk_empty_view_parent_class)->dispose (object);
}

static void
kiosk_empty_view_class_init (KioskEmptyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_empty_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kiosk-empty-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskEmptyView, status_page);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_empty_view_init (KioskEmptyView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kiosk_empty_view_new (const char *icon_name,
                      const char *title,
                      const char *description)
{
  KioskEmptyView *self = g_object_new (KIOSK_TYPE_EMPTY_VIEW, NULL);

  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);

  return GTK_WIDGET (self);
}

/* kiosk-accessibility-page.c: large text, high contrast and reach mode */

#define G_LOG_DOMAIN "kiosk-accessibility-page"

#include "config.h"

#include "kiosk-accessibility-page.h"

struct _KioskAccessibilityPage
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkWidget       *content;
  GtkToggleButton *large_text_button;
  GtkToggleButton *high_contrast_button;
  GtkWidget       *column;
  GtkToggleButton *reach_mode_button;
  GtkLabel        *large_text_label;
  GtkLabel        *high_contrast_label;
  GtkLabel        *reach_mode_label;
};

G_DEFINE_FINAL_TYPE (KioskAccessibilityPage, kiosk_accessibility_page, GTK_TYPE_WIDGET)

static void
name_after_label (GtkToggleButton *button,
                  GtkLabel        *label)
{
  /* The accessible name is exactly the visible title. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_label (label),
                                  -1);
}

static void
kiosk_accessibility_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_ACCESSIBILITY_PAGE);

  G_OBJECT_CLASS (kiosk_accessibility_page_parent_class)->dispose (object);
}

static gboolean
portrait_to_valign (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  g_value_set_enum (to, g_value_get_boolean (from) ? GTK_ALIGN_END : GTK_ALIGN_CENTER);
  return TRUE;
}

static void
kiosk_accessibility_page_class_init (KioskAccessibilityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_accessibility_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/kiosk-accessibility-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskAccessibilityPage, content);
  gtk_widget_class_bind_template_child (widget_class, KioskAccessibilityPage, large_text_button);
  gtk_widget_class_bind_template_child (widget_class, KioskAccessibilityPage, high_contrast_button);
  gtk_widget_class_bind_template_child (widget_class, KioskAccessibilityPage, column);
  gtk_widget_class_bind_template_child (widget_class, KioskAccessibilityPage, reach_mode_button);
  gtk_widget_class_bind_template_child (widget_class, KioskAccessibilityPage, large_text_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAccessibilityPage, high_contrast_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAccessibilityPage, reach_mode_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "accessibilitypage");
}

static void
kiosk_accessibility_page_init (KioskAccessibilityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  name_after_label (self->large_text_button, self->large_text_label);
  name_after_label (self->high_contrast_button, self->high_contrast_label);
  name_after_label (self->reach_mode_button, self->reach_mode_label);
}

GtkWidget *
kiosk_accessibility_page_new (GObject *target)
{
  KioskAccessibilityPage *self;

  g_return_val_if_fail (G_IS_OBJECT (target), NULL);

  self = g_object_new (KIOSK_TYPE_ACCESSIBILITY_PAGE, NULL);
  g_object_bind_property (target, "large-text", self->large_text_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (target, "high-contrast", self->high_contrast_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (target, "reach-mode", self->reach_mode_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* Reach mode is for a tall stele; on a landscape screen it would change
   * nothing. On a portrait one the choices sit in its lower half, where
   * somebody in a wheelchair reaches them before switching anything. */
  g_object_bind_property (target, "portrait", self->reach_mode_button, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (target, "portrait", self->column, "valign",
                               G_BINDING_SYNC_CREATE, portrait_to_valign, NULL, NULL, NULL);

  return GTK_WIDGET (self);
}

/* kiosk-staff-sources.c: the staff panel's data sources: list, edit, test, save
 *
 * The list shows every configured source with its state in plain words.
 * The editor takes kind, URL, refresh interval, headers (hidden once typed:
 * they often carry an API key) and options; *Test* fetches and parses the
 * source the way `ankerort check` does and says what it found, before
 * anything is saved. Saving writes the "sources" setting, which the kiosk
 * applies live. */

#define G_LOG_DOMAIN "kiosk-staff-sources"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-format.h"
#include "kiosk-i18n.h"
#include "kiosk-staff-settings.h"
#include "kiosk-staff-sources.h"

#define N_HEADERS 3

struct _KioskStaffSources
{
  GtkWidget      parent_instance;

  /* children */
  GtkStack      *stack;
  GtkBox        *rows;
  GtkWidget     *add_button;
  GtkLabel      *editor_title;
  GtkWidget     *name_entry;
  GtkWidget     *kind_drop;
  GtkWidget     *url_entry;
  GtkWidget     *refresh_spin;
  GtkWidget     *header_entries[N_HEADERS];
  GtkWidget     *options_entry;
  GtkWidget     *test_button;
  GtkWidget     *save_button;
  GtkWidget     *cancel_button;
  GtkLabel      *result;

  /* owned */
  KioskConfig   *config;
  KioskServices *services;
  GCancellable  *cancellable;   /* the running test */
  char          *editing_id;    /* NULL: a new source */
  guint          refresh_id;
  gboolean       testing;
};

G_DEFINE_FINAL_TYPE (KioskStaffSources, kiosk_staff_sources, GTK_TYPE_WIDGET)

static const char *
area_name (KioskArea area)
{
  switch (area)
    {
    case KIOSK_AREA_EVENTS:
      return _("Events");
    case KIOSK_AREA_PLACES:
      return _("City map");
    case KIOSK_AREA_SENSORS:
      return _("Environment");
    case KIOSK_AREA_SURVEYS:
      return _("Take part");
    case KIOSK_AREA_TILES:
      return _("Map tiles");
    case KIOSK_AREA_MEDIA:
      return _("Attract loop");
    case KIOSK_AREA_ALERTS:
      return _("Public warnings");
    case KIOSK_AREA_NONE:
    case KIOSK_N_AREAS:
    default:
      return _("Other");
    }
}

/* One line for staff: works, fails (why), or waits. */
static char *
describe_status (const KioskSourceStatus *status)
{
  g_autofree char *items = g_strdup_printf (ngettext ("%u item", "%u items", status->n_items),
                                            status->n_items);

  if (status->last_error != NULL)
    return g_strdup_printf (_("Problem: %s"), status->last_error);
  if (status->last_success != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *age = kiosk_i18n_format_age (status->last_success, now);

      return g_strdup_printf (_("Works: %s, updated %s"), items, age);
    }
  if (status->refreshing)
    return g_strdup (_("Fetching for the first time…"));

  return g_strdup (_("Not fetched yet"));
}

static const KioskSourceStatus *
find_status (GPtrArray  *statuses,
             const char *id)
{
  for (guint i = 0; i < statuses->len; i++)
    {
      const KioskSourceStatus *status = g_ptr_array_index (statuses, i);

      if (g_strcmp0 (status->id, id) == 0)
        return status;
    }

  return NULL;
}

static void
edit_clicked_cb (GtkButton         *button,
                 KioskStaffSources *self)
{
  kiosk_staff_sources_edit (self, gtk_widget_get_name (GTK_WIDGET (button)));
}

static void
remove_confirmed (KioskStaffSources *self,
                  const char        *id)
{
  g_autoptr(GPtrArray) sources = kiosk_config_get_sources (self->config);

  for (guint i = 0; i < sources->len; i++)
    {
      const KioskSourceConfig *config = g_ptr_array_index (sources, i);

      if (g_strcmp0 (config->id, id) == 0)
        {
          g_ptr_array_remove_index (sources, i);
          break;
        }
    }
  kiosk_config_set_sources (self->config, sources);
  kiosk_staff_sources_refresh (self);
}

/* Removing asks once more: the button turns into "Really remove". */
static void
remove_clicked_cb (GtkButton         *button,
                   KioskStaffSources *self)
{
  if (gtk_widget_has_css_class (GTK_WIDGET (button), "destructive-action"))
    {
      remove_confirmed (self, gtk_widget_get_name (GTK_WIDGET (button)));
      return;
    }

  gtk_widget_add_css_class (GTK_WIDGET (button), "destructive-action");
  gtk_button_set_label (button, _("Really remove"));
  kiosk_staff_name (GTK_WIDGET (button), _("Really remove"));
}

static void
add_row (KioskStaffSources       *self,
         const KioskSourceConfig *config,
         const KioskSourceStatus *status)
{
  const KioskFormat *format = kiosk_format_lookup (config->kind);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title, *detail, *state, *edit, *remove;
  g_autofree char *title_text = NULL;
  g_autofree char *state_text = NULL;

  title_text = g_strdup_printf ("%s · %s (%s)", config->id,
                                format != NULL ? area_name (format->area) : _("Other"), config->kind);
  title = gtk_label_new (title_text);
  gtk_widget_add_css_class (title, "title-3");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_box_append (GTK_BOX (text), title);

  detail = gtk_label_new (status != NULL ? status->url : config->url);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (detail), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (text), detail);

  state_text = status != NULL ? describe_status (status)
                              : g_strdup (_("Not in use (unknown kind or a duplicate name)"));
  state = gtk_label_new (state_text);
  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_label_set_wrap (GTK_LABEL (state), TRUE);
  if (status == NULL || status->last_error != NULL)
    gtk_widget_add_css_class (state, "error");
  gtk_box_append (GTK_BOX (text), state);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (row), text);

  edit = kiosk_staff_big_button (_("Edit"));
  gtk_widget_set_name (edit, config->id);
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  config->id, -1);
  g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), edit);

  remove = kiosk_staff_big_button (_("Remove"));
  gtk_widget_set_name (remove, config->id);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  config->id, -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), remove);

  gtk_widget_add_css_class (row, "card");
  gtk_widget_set_margin_bottom (row, 8);
  /* The card's text keeps off its edges. */
  gtk_widget_set_margin_start (text, 16);
  gtk_widget_set_margin_top (text, 12);
  gtk_widget_set_margin_bottom (text, 12);
  gtk_widget_set_margin_end (remove, 16);
  gtk_box_append (self->rows, row);
}

static gboolean
refresh_cb (gpointer user_data)
{
  KioskStaffSources *self = user_data;

  /* Not under the staff's fingers: the remove confirmation would vanish. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    kiosk_staff_sources_refresh (self);

  return G_SOURCE_CONTINUE;
}

static void
add_clicked_cb (GtkButton         *button,
                KioskStaffSources *self)
{
  kiosk_staff_sources_edit (self, NULL);
}

static void
cancel_clicked_cb (GtkButton         *button,
                   KioskStaffSources *self)
{
  g_cancellable_cancel (self->cancellable);
  gtk_stack_set_visible_child_name (self->stack, "list");
  kiosk_staff_sources_refresh (self);
}

static gboolean
url_is_acceptable (const char *url)
{
  const char *scheme = g_uri_peek_scheme (url);

  if (g_path_is_absolute (url))
    return TRUE;
  if (scheme == NULL)
    return FALSE;

  return g_str_equal (scheme, "http") || g_str_equal (scheme, "https") ||
         g_str_equal (scheme, "file") || g_str_equal (scheme, "resource");
}

/* The editor's source, or NULL and the reason on the page. */
static KioskSourceConfig *
read_editor (KioskStaffSources *self)
{
  g_autoptr(KioskSourceConfig) config = NULL;
  g_autofree char *id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_entry))));
  g_autoptr(GStrvBuilder) headers = g_strv_builder_new ();
  g_auto(GStrv) options = NULL;
  GtkStringObject *kind = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->kind_drop));
  const char *options_text = gtk_editable_get_text (GTK_EDITABLE (self->options_entry));

  if (*id == '\0' || strpbrk (id, "[]\n") != NULL)
    {
      kiosk_staff_set_message (self->result, _("Give the source a name (letters, digits, no brackets)."), TRUE);
      return NULL;
    }
  if (self->editing_id == NULL || !g_str_equal (self->editing_id, id))
    {
      g_autoptr(GPtrArray) sources = kiosk_config_get_sources (self->config);

      for (guint i = 0; i < sources->len; i++)
        {
          if (g_str_equal (((KioskSourceConfig *) g_ptr_array_index (sources, i))->id, id))
            {
              g_autofree char *text = g_strdup_printf (_("There is a source named “%s” already."),
                                                       id);

              kiosk_staff_set_message (self->result, text, TRUE);
              return NULL;
            }
        }
    }
  if (!url_is_acceptable (url))
    {
      kiosk_staff_set_message (self->result, _("The address must start with https://, http:// or file://."), TRUE);
      return NULL;
    }

  config = kiosk_source_config_new (id, gtk_string_object_get_string (kind), url);
  gtk_spin_button_update (GTK_SPIN_BUTTON (self->refresh_spin));
  config->refresh_interval = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->refresh_spin));

  for (guint i = 0; i < N_HEADERS; i++)
    {
      g_autofree char *header = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->header_entries[i]))));
      const char *colon = strchr (header, ':');

      if (*header == '\0')
        continue;
      if (colon == NULL || colon == header)
        {
          g_autofree char *text = g_strdup_printf (_("Header %u is not “Name: value”."), i + 1);

          kiosk_staff_set_message (self->result, text, TRUE);
          return NULL;
        }
      g_strv_builder_add (headers, header);
    }
  g_strfreev (config->headers);
  config->headers = g_strv_builder_end (headers);

  options = g_strsplit_set (options_text, ",;\n", -1);
  for (guint i = 0; options[i] != NULL; i++)
    {
      char *option = g_strstrip (options[i]);
      char *equals = strchr (option, '=');

      if (*option == '\0')
        continue;
      if (equals == NULL || equals == option)
        {
          g_autofree char *text = g_strdup_printf (_("Option “%s” is not “name=value”."), option);

          kiosk_staff_set_message (self->result, text, TRUE);
          return NULL;
        }
      *equals = '\0';
      g_hash_table_insert (config->options, g_strdup (g_strstrip (option)),
                           g_strdup (g_strstrip (equals + 1)));
    }

  return g_steal_pointer (&config);
}

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KioskStaffSources) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = kiosk_services_test_source_finish (KIOSK_SERVICES (object), result,
                                                              &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->testing = FALSE;
  gtk_widget_set_sensitive (self->test_button, TRUE);
  if (found != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Works: %s"), found);

      kiosk_staff_set_message (self->result, text, FALSE);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Does not work: %s"), error->message);

      kiosk_staff_set_message (self->result, text, TRUE);
    }
}

static void
test_clicked_cb (GtkButton         *button,
                 KioskStaffSources *self)
{
  g_autoptr(KioskSourceConfig) config = read_editor (self);
  g_autoptr(GTimeZone) tz = NULL;

  if (config == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->testing = TRUE;
  gtk_widget_set_sensitive (self->test_button, FALSE);
  kiosk_staff_set_message (self->result, _("Testing… (fetching the source now)"), FALSE);
  tz = kiosk_config_get_time_zone (self->config);
  kiosk_services_test_source_async (self->services, config, tz, self->cancellable, tested_cb,
                                    g_object_ref (self));
}

static void
save_clicked_cb (GtkButton         *button,
                 KioskStaffSources *self)
{
  g_autoptr(KioskSourceConfig) config = read_editor (self);
  g_autoptr(GPtrArray) sources = NULL;
  gboolean replaced = FALSE;

  if (config == NULL)
    return;

  sources = kiosk_config_get_sources (self->config);
  for (guint i = 0; self->editing_id != NULL && i < sources->len; i++)
    {
      KioskSourceConfig *old = g_ptr_array_index (sources, i);

      if (g_str_equal (old->id, self->editing_id))
        {
          kiosk_source_config_free (old);
          sources->pdata[i] = g_steal_pointer (&config);
          replaced = TRUE;
          break;
        }
    }
  if (!replaced)
    g_ptr_array_add (sources, g_steal_pointer (&config));

  /* The kiosk follows the setting at once (KioskApplication). */
  kiosk_config_set_sources (self->config, sources);
  g_cancellable_cancel (self->cancellable);
  gtk_stack_set_visible_child_name (self->stack, "list");
  kiosk_staff_sources_refresh (self);
}

/* Header values often carry a key: hidden once the entry is left. */
static void
header_focus_leave_cb (GtkEventControllerFocus *controller,
                       GtkEntry                *entry)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
    gtk_entry_set_visibility (entry, FALSE);
}

static void
header_focus_enter_cb (GtkEventControllerFocus *controller,
                       GtkEntry                *entry)
{
  /* A hidden value is replaced, never shown: typing starts afresh. */
  if (!gtk_entry_get_visibility (entry))
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      gtk_entry_set_visibility (entry, TRUE);
    }
}

static GtkWidget *
field (GtkWidget  *grid,
       int         row,
       const char *label,
       GtkWidget  *control)
{
  GtkWidget *caption = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (caption), 24);
  gtk_widget_set_size_request (control, -1, 64);
  gtk_widget_set_hexpand (control, TRUE);
  kiosk_staff_name (control, label);
  gtk_grid_attach (GTK_GRID (grid), caption, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), control, 1, row, 1, 1);

  return control;
}

static void
build_editor (KioskStaffSources *self)
{
  g_autoptr(GStrvBuilder) kinds = g_strv_builder_new ();
  g_auto(GStrv) kind_names = NULL;
  const KioskFormat * const *formats = kiosk_format_get_all (NULL);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *actions;
  int row = 0;

  self->editor_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->editor_title), "title-2");
  gtk_label_set_xalign (self->editor_title, 0);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->editor_title));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  self->name_entry = field (grid, row++, _("Name"), gtk_entry_new ());
  for (guint i = 0; formats[i] != NULL; i++)
    g_strv_builder_add (kinds, formats[i]->kind);
  kind_names = g_strv_builder_end (kinds);
  self->kind_drop = field (grid, row++, _("Kind"),
                           gtk_drop_down_new_from_strings ((const char * const *) kind_names));
  self->url_entry = field (grid, row++, _("Address (URL)"), gtk_entry_new ());
  gtk_entry_set_input_purpose (GTK_ENTRY (self->url_entry), GTK_INPUT_PURPOSE_URL);
  self->refresh_spin = field (grid, row++, _("Refresh every (seconds)"),
                              gtk_spin_button_new_with_range (10, 7 * 24 * 3600, 60));
  for (guint i = 0; i < N_HEADERS; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Header %u (Name: value)"), i + 1);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      self->header_entries[i] = field (grid, row++, label, gtk_entry_new ());
      g_signal_connect (focus, "leave", G_CALLBACK (header_focus_leave_cb), self->header_entries[i]);
      g_signal_connect (focus, "enter", G_CALLBACK (header_focus_enter_cb), self->header_entries[i]);
      gtk_widget_add_controller (self->header_entries[i], focus);
    }
  self->options_entry = field (grid, row++, _("Options (name=value, …)"), gtk_entry_new ());
  gtk_box_append (GTK_BOX (content), grid);

  actions = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->result = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->result, TRUE);
  gtk_label_set_wrap_mode (self->result, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->result, 0);
  gtk_label_set_selectable (self->result, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->result), "title-3");
  gtk_box_append (GTK_BOX (actions), GTK_WIDGET (self->result));

  self->test_button = kiosk_staff_big_button (_("Test"));
  g_signal_connect (self->test_button, "clicked", G_CALLBACK (test_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->test_button);
  self->save_button = kiosk_staff_big_button (_("Save"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  g_signal_connect (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->save_button);
  self->cancel_button = kiosk_staff_big_button (_("Cancel"));
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->cancel_button);
  gtk_box_append (GTK_BOX (actions), buttons);

  gtk_stack_add_named (self->stack, kiosk_staff_osk_wrap (content, actions), "editor");
}

static void
build_list (KioskStaffSources *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->add_button = kiosk_staff_big_button (_("Add source"));
  gtk_widget_add_css_class (self->add_button, "suggested-action");
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  g_signal_connect (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->add_button);

  self->rows = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->rows));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);

  gtk_stack_add_named (self->stack, box, "list");
}

static void
kiosk_staff_sources_map (GtkWidget *widget)
{
  KioskStaffSources *self = KIOSK_STAFF_SOURCES (widget);

  GTK_WIDGET_CLASS (kiosk_staff_sources_parent_class)->map (widget);

  kiosk_staff_sources_refresh (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (5, refresh_cb, self);
}

static void
kiosk_staff_sources_unmap (GtkWidget *widget)
{
  KioskStaffSources *self = KIOSK_STAFF_SOURCES (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  GTK_WIDGET_CLASS (kiosk_staff_sources_parent_class)->unmap (widget);
}

static void
sources_changed_cb (KioskConfig       *config,
                    const char        *key,
                    KioskStaffSources *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    kiosk_staff_sources_refresh (self);
}

static void
kiosk_staff_sources_dispose (GObject *object)
{
  KioskStaffSources *self = (KioskStaffSources *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->config != NULL)
    g_signal_handlers_disconnect_by_data (self->config, self);
  if (self->stack != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->stack));
      self->stack = NULL;
    }
  g_clear_object (&self->services);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (kiosk_staff_sources_parent_class)->dispose (object);
}

static void
kiosk_staff_sources_finalize (GObject *object)
{
  KioskStaffSources *self = (KioskStaffSources *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->editing_id, g_free);

  G_OBJECT_CLASS (kiosk_staff_sources_parent_class)->finalize (object);
}

static void
kiosk_staff_sources_class_init (KioskStaffSourcesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_staff_sources_dispose;
  object_class->finalize = kiosk_staff_sources_finalize;
  widget_class->map = kiosk_staff_sources_map;
  widget_class->unmap = kiosk_staff_sources_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskstaffsources");
}

static void
kiosk_staff_sources_init (KioskStaffSources *self)
{
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  build_list (self);
  build_editor (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

GtkWidget *
kiosk_staff_sources_new (KioskConfig   *config,
                         KioskServices *services)
{
  KioskStaffSources *self;

  g_return_val_if_fail (KIOSK_IS_CONFIG (config), NULL);
  g_return_val_if_fail (KIOSK_IS_SERVICES (services), NULL);

  self = g_object_new (KIOSK_TYPE_STAFF_SOURCES, NULL);
  self->config = g_object_ref (config);
  self->services = g_object_ref (services);
  g_signal_connect_object (config, "changed::sources", G_CALLBACK (sources_changed_cb), self, 0);
  kiosk_staff_sources_refresh (self);

  return GTK_WIDGET (self);
}

void
kiosk_staff_sources_refresh (KioskStaffSources *self)
{
  g_autoptr(GPtrArray) configs = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  GtkWidget *child;

  g_return_if_fail (KIOSK_IS_STAFF_SOURCES (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows))) != NULL)
    gtk_box_remove (self->rows, child);

  configs = kiosk_config_get_sources (self->config);
  statuses = kiosk_services_list_source_status (self->services);
  for (guint i = 0; i < configs->len; i++)
    {
      const KioskSourceConfig *config = g_ptr_array_index (configs, i);

      add_row (self, config, find_status (statuses, config->id));
    }
  if (configs->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No sources yet. “Add source” sets up the first one."));

      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_box_append (self->rows, empty);
    }
}

void
kiosk_staff_sources_edit (KioskStaffSources *self,
                          const char        *id)
{
  g_autoptr(GPtrArray) sources = NULL;
  const KioskSourceConfig *config = NULL;
  g_autoptr(GString) options = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n_kinds;
  const KioskFormat * const *formats = kiosk_format_get_all (&n_kinds);

  g_return_if_fail (KIOSK_IS_STAFF_SOURCES (self));

  sources = kiosk_config_get_sources (self->config);
  for (guint i = 0; id != NULL && i < sources->len; i++)
    {
      if (g_str_equal (((KioskSourceConfig *) g_ptr_array_index (sources, i))->id, id))
        config = g_ptr_array_index (sources, i);
    }

  g_free (self->editing_id);
  self->editing_id = config != NULL ? g_strdup (config->id) : NULL;
  gtk_label_set_label (self->editor_title, config != NULL ? _("Edit source") : _("New source"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), config != NULL ? config->id : "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_entry), config != NULL ? config->url : "");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->refresh_spin),
                             config != NULL ? config->refresh_interval : KIOSK_SOURCE_DEFAULT_REFRESH);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind_drop), 0);
  for (guint i = 0; config != NULL && i < n_kinds; i++)
    {
      if (g_str_equal (formats[i]->kind, config->kind))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind_drop), i);
    }
  for (guint i = 0; i < N_HEADERS; i++)
    {
      const char *header = config != NULL && config->headers != NULL &&
                           i < g_strv_length (config->headers) ? config->headers[i] : "";

      gtk_editable_set_text (GTK_EDITABLE (self->header_entries[i]), header);
      gtk_entry_set_visibility (GTK_ENTRY (self->header_entries[i]), *header == '\0');
    }
  if (config != NULL)
    {
      g_hash_table_iter_init (&iter, config->options);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_string_append_printf (options, "%s%s=%s", options->len > 0 ? ", " : "",
                                (const char *) key, (const char *) value);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->options_entry), options->str);
  kiosk_staff_set_message (self->result, _("“Test” fetches the source now and says what it found."), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_grab_focus (self->name_entry);
}

GtkWidget *
kiosk_staff_sources_get_widget (KioskStaffSources *self,
                                const char        *name)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_SOURCES (self), NULL);

  if (g_str_equal (name, "name"))
    return self->name_entry;
  if (g_str_equal (name, "kind"))
    return self->kind_drop;
  if (g_str_equal (name, "url"))
    return self->url_entry;
  if (g_str_equal (name, "refresh"))
    return self->refresh_spin;
  if (g_str_equal (name, "header-1"))
    return self->header_entries[0];
  if (g_str_equal (name, "options"))
    return self->options_entry;
  if (g_str_equal (name, "test"))
    return self->test_button;
  if (g_str_equal (name, "save"))
    return self->save_button;
  if (g_str_equal (name, "cancel"))
    return self->cancel_button;
  if (g_str_equal (name, "add"))
    return self->add_button;
  if (g_str_equal (name, "result"))
    return GTK_WIDGET (self->result);

  return NULL;
}

gboolean
kiosk_staff_sources_get_testing (KioskStaffSources *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_SOURCES (self), FALSE);

  return self->testing;
}

gboolean
kiosk_staff_sources_get_editing (KioskStaffSources *self)
{
  g_return_val_if_fail (KIOSK_IS_STAFF_SOURCES (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "editor") == 0;
}

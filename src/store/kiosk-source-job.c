/* kiosk-source-job.c: the stateless path from a URL to items: fetch every
 * page (conditionally), parse, hash; shared by KioskSource and `ankerort check` */

#define G_LOG_DOMAIN "kiosk-source"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "kiosk-source-job.h"
#include "kiosk-source-private.h"

void
kiosk_source_update_free (KioskSourceUpdate *update)
{
  if (update == NULL)
    return;

  g_clear_pointer (&update->items, g_ptr_array_unref);
  g_clear_pointer (&update->warnings, g_ptr_array_unref);
  g_clear_pointer (&update->entry, kiosk_cache_entry_free);
  g_clear_pointer (&update->fetched_at, g_date_time_unref);
  g_free (update);
}

KioskParseContext *
kiosk_source_make_context (const KioskSourceConfig *config,
                           const KioskFormat       *format,
                           GTimeZone               *tz)
{
  KioskParseContext *ctx;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  ctx = kiosk_parse_context_new (tz);
  ctx->url = g_intern_string (config->url);
  if (config->options != NULL)
    {
      g_hash_table_iter_init (&iter, config->options);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (ctx->options, g_strdup (key), g_strdup (value));
    }

  if (format->area == KIOSK_AREA_EVENTS)
    {
      const char *past = kiosk_parse_context_option (ctx, KIOSK_SOURCE_OPTION_PAST_DAYS, "1");
      const char *future = kiosk_parse_context_option (ctx, KIOSK_SOURCE_OPTION_FUTURE_DAYS, "60");
      guint64 past_days = 1, future_days = 60;

      g_ascii_string_to_unsigned (past, 10, 0, 3650, &past_days, NULL);
      g_ascii_string_to_unsigned (future, 10, 0, 3650, &future_days, NULL);
      ctx->from = g_date_time_add_days (ctx->now, -(int) past_days);
      ctx->to = g_date_time_add_days (ctx->now, (int) future_days);
    }

  return ctx;
}

static gint parse_count;

/* Pages from this size on leave enough behind to be worth giving back. */
#define TRIM_AFTER_BYTES (256 * 1024)

/* A parse frees a JSON or iCalendar tree several times the page's size.
 * glibc keeps what a worker thread freed in that thread's arena and gives
 * back only the top of it, so after a 7 MB page about 45 MB stayed with
 * the kiosk; malloc_trim () returns the free pages of every arena. */
static void
return_freed_memory (GBytes *bytes)
{
#ifdef __GLIBC__
  if (g_bytes_get_size (bytes) >= TRIM_AFTER_BYTES)
    malloc_trim (0);
#endif
}

guint
kiosk_source_get_parse_count (void)
{
  return (guint) g_atomic_int_get (&parse_count);
}

static gboolean
parse_page (const KioskFormat       *format,
            const KioskParseContext *ctx,
            guint                    page,
            const char              *url,
            GHashTable              *headers,
            GBytes                  *bytes,
            GPtrArray               *items,
            GPtrArray               *warnings,
            char                   **next_url,
            GPtrArray               *linked_urls,
            GError                 **error)
{
  g_autoptr(KioskParseContext) page_ctx = kiosk_parse_context_copy (ctx);
  g_auto(KioskParseResult) result = { 0 };
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  page_ctx->page = page;
  if (url != NULL)
    page_ctx->url = g_intern_string (url);
  g_clear_pointer (&page_ctx->response_headers, g_hash_table_unref);
  if (headers != NULL)
    page_ctx->response_headers = g_hash_table_ref (headers);

  kiosk_parse_result_init (&result);
  g_atomic_int_inc (&parse_count);
  ok = format->parse (bytes, page_ctx, &result, &local_error);
  return_freed_memory (bytes);
  if (!ok)
    {
      const char *type = headers != NULL ? g_hash_table_lookup (headers, "content-type") : NULL;

      if (local_error == NULL)
        g_set_error (&local_error, KIOSK_FORMAT_ERROR, KIOSK_FORMAT_ERROR_FAILED,
                     "the %s parser failed", format->kind);
      /* A login page or an error page is the usual cause: say so. */
      if (type != NULL && g_str_has_prefix (type, "text/html"))
        g_prefix_error (&local_error, "the server sent an HTML page, not %s data: ", format->kind);
      if (page > 0)
        g_prefix_error (&local_error, "page %u: ", page + 1);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < result.items->len; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (result.items, i)));
  for (guint i = 0; i < result.warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (result.warnings, i);

      g_ptr_array_add (warnings, page > 0 ? g_strdup_printf ("page %u: %s", page + 1, warning)
                                          : g_strdup (warning));
    }
  if (next_url != NULL)
    *next_url = g_steal_pointer (&result.next_url);
  if (linked_urls != NULL)
    g_ptr_array_extend_and_steal (linked_urls, g_steal_pointer (&result.linked_urls));

  return TRUE;
}

gboolean
kiosk_source_parse_pages (const KioskFormat       *format,
                          const KioskParseContext *ctx,
                          GPtrArray               *pages,
                          GPtrArray               *items,
                          GPtrArray               *warnings,
                          GError                 **error)
{
  g_return_val_if_fail (format != NULL && format->parse != NULL, FALSE);
  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (pages != NULL, FALSE);

  for (guint i = 0; i < pages->len; i++)
    {
      const KioskCachePage *page = g_ptr_array_index (pages, i);

      if (!parse_page (format, ctx, i, page->url, page->headers, page->bytes,
                       items, warnings, NULL, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* A number option of the source from @min to @max; @fallback when unset or
 * unusable, with a warning for the latter. */
static guint64
source_number (const KioskSourceConfig  *config,
               const char               *option,
               guint64                   min,
               guint64                   max,
               guint64                   fallback,
               const char               *what,
               GPtrArray                *warnings)
{
  const char *text = config->options != NULL
                     ? g_hash_table_lookup (config->options, option) : NULL;
  guint64 value;

  if (text == NULL)
    return fallback;
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    {
      g_ptr_array_add (warnings,
                       g_strdup_printf ("option %s: “%s” is not a number of %s from %"
                                        G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT
                                        "; using the default", option, text, what, min, max));
      return fallback;
    }

  return value;
}

static char *
hash_bytes (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static const char *
page_header (const KioskCachePage *page,
             const char           *name)
{
  return page != NULL && page->headers != NULL ? g_hash_table_lookup (page->headers, name) : NULL;
}

/* The cached page @n, when it was fetched from @url. */
static const KioskCachePage *
cached_page (const KioskCacheEntry *cached,
             guint                  n,
             const char            *url)
{
  const KioskCachePage *page;

  if (cached == NULL || n >= cached->pages->len)
    return NULL;
  page = g_ptr_array_index (cached->pages, n);
  /* The first page is stored under the URL it was redirected to. */
  return n == 0 || g_strcmp0 (page->url, url) == 0 ? page : NULL;
}

/* Fetches one page with the validators of @old; a 304 or the same bytes
 * give @old's bytes back with *@same set. */
static KioskCachePage *
fetch_page (KioskFetcher            *fetcher,
            const KioskSourceConfig *config,
            const char              *url,
            const KioskCachePage    *old,
            const char              *etag,
            const char              *last_modified,
            guint                    deadline,
            gsize                    max_size,
            KioskFetchResponse     **response_out,
            gboolean                *same,
            GCancellable            *cancellable,
            GError                 **error)
{
  g_autoptr(KioskFetchResponse) response = NULL;

  response = kiosk_fetcher_fetch_full (fetcher, url, (const char * const *) config->headers,
                                       old != NULL ? etag : NULL,
                                       old != NULL ? last_modified : NULL,
                                       deadline, max_size, cancellable, error);
  if (response == NULL)
    return NULL;

  *same = FALSE;
  if (response->not_modified && old != NULL)
    *same = TRUE;
  else if (old != NULL && response->bytes != NULL)
    {
      g_autofree char *new_hash = hash_bytes (response->bytes);
      g_autofree char *old_hash = hash_bytes (old->bytes);

      *same = g_str_equal (new_hash, old_hash);
    }

  *response_out = g_steal_pointer (&response);
  if (*same)
    return kiosk_cache_page_new (old->url, old->headers, old->bytes);
  return kiosk_cache_page_new ((*response_out)->url, (*response_out)->headers,
                               (*response_out)->bytes);
}

/* The first of @linked from *@index on that was not fetched yet. */
static gboolean
next_link (GPtrArray   *linked,
           guint       *index,
           GHashTable  *seen,
           char       **next_url)
{
  while (*index < linked->len)
    {
      const char *link = g_ptr_array_index (linked, (*index)++);

      if (!g_hash_table_contains (seen, link))
        {
          *next_url = g_strdup (link);
          return TRUE;
        }
    }

  return FALSE;
}

KioskSourceUpdate *
kiosk_source_fetch_and_parse (KioskFetcher            *fetcher,
                              const KioskFormat       *format,
                              const KioskSourceConfig *config,
                              const KioskParseContext *ctx,
                              const KioskCacheEntry   *cached,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_autoptr(KioskSourceUpdate) update = g_new0 (KioskSourceUpdate, 1);
  g_autoptr(KioskCacheEntry) entry = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) page_warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *url = NULL;
  g_autofree char *next_url = NULL;
  g_autoptr(GChecksum) all_pages = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) linked = g_ptr_array_new_with_free_func (g_free);
  guint next_linked = 0;
  gboolean from_link = FALSE;
  gboolean all_not_modified = TRUE;
  gboolean changed;
  guint parsed = 0;
  guint max_pages;
  guint deadline;
  guint64 max_bytes;
  guint64 total = 0;

  g_return_val_if_fail (KIOSK_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (config != NULL && config->url != NULL, NULL);
  g_return_val_if_fail (ctx != NULL, NULL);

  update->warnings = g_ptr_array_new_with_free_func (g_free);
  deadline = (guint) source_number (config, KIOSK_SOURCE_OPTION_DEADLINE, 1,
                                    KIOSK_SOURCE_MAX_DEADLINE, 0, "seconds", update->warnings);
  max_bytes = source_number (config, KIOSK_SOURCE_OPTION_MAX_BYTES, 1024,
                             KIOSK_SOURCE_LIMIT_MAX_BYTES, KIOSK_SOURCE_DEFAULT_MAX_BYTES,
                             "bytes", update->warnings);

  /* Validators only count for the URL they were given for. */
  if (cached != NULL && (g_strcmp0 (cached->url, config->url) != 0 ||
                         cached->pages == NULL || cached->pages->len == 0))
    cached = NULL;
  changed = cached == NULL;

  url = format->request_url != NULL ? format->request_url (config->url, ctx) : NULL;
  if (url == NULL)
    url = g_strdup (config->url);

  entry = kiosk_cache_entry_new (config->id, config->url);
  max_pages = MAX (format->max_pages, 1);
  g_hash_table_insert (seen, g_strdup (url), GUINT_TO_POINTER (1));
  for (guint page = 0; ; page++)
    {
      const char *page_url = page == 0 ? url : next_url;
      const KioskCachePage *old = cached_page (cached, page, page_url);
      g_autoptr(KioskFetchResponse) response = NULL;
      g_autoptr(GError) fetch_error = NULL;
      KioskCachePage *fetched;
      gboolean same = FALSE;

      /* Each page is asked with its own validators (the first page's are
       * the entry's: a file's modification time is not a header). */
      fetched = fetch_page (fetcher, config, page_url, old,
                            page == 0 && old != NULL ? cached->etag : page_header (old, "etag"),
                            page == 0 && old != NULL ? cached->last_modified
                                                     : page_header (old, "last-modified"),
                            deadline, (gsize) (max_bytes - total), &response, &same,
                            cancellable, &fetch_error);
      /* A linked document that cannot be had costs its own items only. */
      if (fetched == NULL && from_link &&
          !g_error_matches (fetch_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (fetch_error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE))
        {
          g_ptr_array_add (page_warnings, g_strdup_printf ("linked document %s: %s", page_url,
                                                           fetch_error->message));
          g_clear_pointer (&next_url, g_free);
          from_link = next_link (linked, &next_linked, seen, &next_url);
          if (next_url == NULL)
            break;
          page--;
          continue;
        }
      if (fetched == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&fetch_error));
          if (page > 0 && error != NULL &&
              g_error_matches (*error, KIOSK_FETCH_ERROR, KIOSK_FETCH_ERROR_TOO_LARGE))
            g_prefix_error (error, "page %u: with the pages before it, over the source’s "
                            "limit (option %s): ", page + 1, KIOSK_SOURCE_OPTION_MAX_BYTES);
          else if (page > 0)
            g_prefix_error (error, "page %u: ", page + 1);
          return NULL;
        }
      g_ptr_array_add (entry->pages, fetched);
      if (page == 0)
        {
          const KioskFetchResponse *r = response;

          update->fetched_at = g_date_time_ref (r->fetched_at);
          entry->etag = g_strdup (same && r->not_modified ? cached->etag : r->etag);
          entry->last_modified = g_strdup (same && r->not_modified ? cached->last_modified
                                                                   : r->last_modified);
          entry->content_type = g_strdup (same && r->not_modified ? cached->content_type
                                                                  : r->content_type);
        }
      if (!response->not_modified)
        all_not_modified = FALSE;
      total += g_bytes_get_size (fetched->bytes);
      if (fetched->url != NULL)
        g_hash_table_insert (seen, g_strdup (fetched->url), GUINT_TO_POINTER (page + 1));
      {
        g_autofree char *hash = hash_bytes (fetched->bytes);

        g_checksum_update (all_pages, (const guchar *) hash, -1);
        if (page == 0)
          entry->hash = g_steal_pointer (&hash);
      }

      /* Nothing new so far: the cached pages tell where the next one is,
       * and nothing is parsed. Once a page changed, every page is parsed
       * (those before it from the cache) and the parser finds the next. */
      if (!same)
        changed = TRUE;
      g_clear_pointer (&next_url, g_free);
      if (!changed)
        {
          if (page + 1 < cached->pages->len)
            next_url = g_strdup (((KioskCachePage *) g_ptr_array_index (cached->pages,
                                                                         page + 1))->url);
        }
      else
        {
          for (; parsed <= page; parsed++)
            {
              const KioskCachePage *p = g_ptr_array_index (entry->pages, parsed);

              g_clear_pointer (&next_url, g_free);
              if (!parse_page (format, ctx, parsed, p->url, p->headers, p->bytes,
                               items, page_warnings, &next_url, linked, error))
                return NULL;
            }
          /* After the pages, the documents a feed links to, each once. */
          from_link = next_url == NULL && next_link (linked, &next_linked, seen, &next_url);
        }

      if (next_url == NULL)
        break;
      if (page + 1 >= max_pages)
        {
          g_ptr_array_add (page_warnings,
                           g_strdup_printf ("stopped after %u pages; the rest is not shown",
                                            max_pages));
          break;
        }
      /* Servers page in their own ways ($skip, tokens, cursors): any link
       * not fetched yet is followed, one back to a fetched page ends it. */
      if (g_hash_table_contains (seen, next_url))
        {
          g_ptr_array_add (page_warnings,
                           g_strdup_printf ("page %u: the next-page link leads back to page %u; "
                                            "stopped", page + 1,
                                            GPOINTER_TO_UINT (g_hash_table_lookup (seen, next_url))));
          break;
        }
      g_hash_table_insert (seen, g_strdup (next_url), GUINT_TO_POINTER (page + 2));
    }

  if (!changed && entry->pages->len == cached->pages->len)
    {
      /* Every page as cached: nothing parsed, the same items stay. */
      update->not_modified = all_not_modified;
      update->unchanged = !all_not_modified;
      return g_steal_pointer (&update);
    }
  if (!changed)
    {
      /* Fewer pages than cached, all of them the same so far. */
      for (; parsed < entry->pages->len; parsed++)
        {
          const KioskCachePage *p = g_ptr_array_index (entry->pages, parsed);

          if (!parse_page (format, ctx, parsed, p->url, p->headers, p->bytes,
                           items, page_warnings, NULL, NULL, error))
            return NULL;
        }
    }

  /* One page: its own hash; several: the hash of their hashes. */
  if (entry->pages->len > 1)
    {
      g_free (entry->hash);
      entry->hash = g_strdup (g_checksum_get_string (all_pages));
    }
  entry->fetched_at = g_date_time_ref (update->fetched_at);
  entry->checked_at = g_date_time_ref (update->fetched_at);
  update->entry = g_steal_pointer (&entry);
  update->items = g_steal_pointer (&items);
  g_ptr_array_extend_and_steal (update->warnings, g_steal_pointer (&page_warnings));

  return g_steal_pointer (&update);
}

/* kiosk-redact.c: URLs and header lines as messages may show them, without secrets
 *
 * A URL's password and the values of query parameters named like keys or
 * tokens become "***"; a header line shows its name only. Every URL that
 * reaches an error, a log line or the status goes through here. */

#define G_LOG_DOMAIN "kiosk-redact"

#include "config.h"

#include <string.h>

#include "kiosk-redact.h"

/* Names of query parameters whose values are kept out of messages. */
static gboolean
is_secret_name (const char *name,
                gsize       length)
{
  static const char * const secret_parts[] = {
    "key", "token", "secret", "pass", "pwd", "auth", "signature", "credential", "session",
  };
  g_autofree char *lower = g_ascii_strdown (name, length);

  for (guint i = 0; i < G_N_ELEMENTS (secret_parts); i++)
    if (strstr (lower, secret_parts[i]) != NULL)
      return TRUE;

  return FALSE;
}

static char *
redact_query (const char *query)
{
  g_auto(GStrv) params = g_strsplit (query, "&", -1);
  GString *redacted = g_string_new (NULL);

  for (guint i = 0; params[i] != NULL; i++)
    {
      const char *equals = strchr (params[i], '=');

      if (i > 0)
        g_string_append_c (redacted, '&');
      if (equals != NULL && is_secret_name (params[i], equals - params[i]))
        g_string_append_printf (redacted, "%.*s=***", (int) (equals - params[i]), params[i]);
      else
        g_string_append (redacted, params[i]);
    }

  return g_string_free (redacted, FALSE);
}

/* A URL GUri cannot read: the part before an "@" in its authority goes,
 * and the query's secret-looking values, found by hand. */
static char *
redact_unparsed (const char *url)
{
  const char *authority = strstr (url, "://");
  const char *query;
  GString *redacted = g_string_new (NULL);

  if (authority != NULL)
    {
      const char *at = NULL;
      gsize authority_length;

      authority += strlen ("://");
      authority_length = strcspn (authority, "/?#");
      for (const char *p = authority; p < authority + authority_length; p++)
        if (*p == '@')
          at = p;
      if (at != NULL)
        {
          g_string_append_len (redacted, url, authority - url);
          g_string_append (redacted, "***");
          url = at;
        }
    }

  query = strchr (url, '?');
  if (query == NULL)
    {
      g_string_append (redacted, url);
    }
  else
    {
      g_autofree char *params = redact_query (query + 1);

      g_string_append_len (redacted, url, query + 1 - url);
      g_string_append (redacted, params);
    }

  return g_string_free (redacted, FALSE);
}

char *
kiosk_redact_uri (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *query = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  /* A file name is shown as it is. */
  if (g_uri_peek_scheme (url) == NULL)
    return g_strdup (url);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (uri == NULL)
    return redact_unparsed (url);

  if (g_uri_get_query (uri) != NULL)
    query = redact_query (g_uri_get_query (uri));

  return g_uri_join_with_user (G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD,
                               g_uri_get_scheme (uri),
                               g_uri_get_user (uri),
                               g_uri_get_password (uri) != NULL ? "***" : NULL,
                               NULL,
                               g_uri_get_host (uri),
                               g_uri_get_port (uri),
                               g_uri_get_path (uri),
                               query,
                               g_uri_get_fragment (uri));
}

char *
kiosk_redact_header (const char *header)
{
  const char *colon;
  g_autofree char *name = NULL;

  g_return_val_if_fail (header != NULL, NULL);

  /* Only a name that is a name is shown: a line without a colon may well
   * be the token alone. */
  colon = strchr (header, ':');
  if (colon != NULL)
    name = g_strstrip (g_strndup (header, colon - header));
  if (name == NULL || *name == '\0' || strlen (name) > 64 ||
      strpbrk (name, " \t\r\n\"(),/;<=>?@[\\]{}") != NULL)
    return g_strdup ("“…”");

  return g_strdup_printf ("“%s: …”", name);
}

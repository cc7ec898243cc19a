/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-test-server"

#include "config.h"

#include <stdio.h>

#include <libsoup/soup.h>

#include "frontline-test-server.h"
#include "frontline-test-tiles.h"

struct _FrontlineTestServer {
  FrontlineTestServerHandler handler;
  gpointer user_data;

  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  char *url_template;

  /* Under lock: read by the server's thread, set by the test's. */
  GMutex lock;
  GCond cond;
  gboolean running;
  GBytes *png;
  guint status;
  guint delay_ms;
  char *content_type;
  GBytes *body;
  GHashTable *last_headers;       /* lower-case name → value */
  guint n_requests;
  guint n_hanging;

  /* Only touched in the server's thread. */
  SoupServer *soup;
  GSocketService *service;
  GPtrArray *paused;              /* SoupServerMessage, never answered */
  GPtrArray *delayed;             /* GSource, answering later */
};

typedef struct {
  FrontlineTestServer *server;
  SoupServerMessage *msg;
  GSource *source;
} Delayed;

static void
record_header_cb (const char *name,
                  const char *value,
                  gpointer    user_data)
{
  g_hash_table_replace (user_data, g_ascii_strdown (name, -1), g_strdup (value));
}

static void
respond (SoupServerMessage     *msg,
         FrontlineTestResponse *response)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, response->status, NULL);
  if (response->etag != NULL)
    soup_message_headers_replace (headers, "ETag", response->etag);
  if (response->last_modified != NULL)
    soup_message_headers_replace (headers, "Last-Modified", response->last_modified);
  if (response->body != NULL)
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (response->body, &size);

      soup_server_message_set_response (msg, response->content_type, SOUP_MEMORY_COPY, data, size);
    }
  g_clear_pointer (&response->body, g_bytes_unref);
}

static gboolean
on_delay_done_cb (gpointer data)
{
  Delayed *delayed = data;

  soup_server_message_unpause (delayed->msg);
  g_ptr_array_remove (delayed->server->delayed, delayed->source);
  return G_SOURCE_REMOVE;
}

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_object_unref (delayed->msg);
  g_free (delayed);
}

static void
on_request_cb (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  FrontlineTestServer *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  FrontlineTestRequest request = {
    .path = path,
    .z = -1, .x = -1, .y = -1,
    .user_agent = soup_message_headers_get_one (headers, "User-Agent"),
    .if_none_match = soup_message_headers_get_one (headers, "If-None-Match"),
    .if_modified_since = soup_message_headers_get_one (headers, "If-Modified-Since"),
  };
  FrontlineTestResponse response = { .status = SOUP_STATUS_OK, .content_type = "image/png" };
  int z, x, y;
  char end;

  if (sscanf (path, "/%d/%d/%d.pn%c", &z, &x, &y, &end) == 4 && end == 'g'
      && g_str_has_suffix (path, ".png"))
    {
      request.z = z;
      request.x = x;
      request.y = y;
    }

  g_mutex_lock (&server->lock);
  server->n_requests++;
  g_hash_table_remove_all (server->last_headers);
  soup_message_headers_foreach (headers, record_header_cb, server->last_headers);
  response.status = server->status;
  response.delay_ms = server->delay_ms;
  if (server->body != NULL)
    {
      response.body = g_bytes_ref (server->body);
      response.content_type = g_intern_string (server->content_type);
    }
  else if (request.z < 0)
    response.status = SOUP_STATUS_NOT_FOUND;
  g_mutex_unlock (&server->lock);

  if (server->handler != NULL)
    server->handler (&request, &response, server->user_data);

  if (response.body == NULL && response.status == SOUP_STATUS_OK)
    {
      g_mutex_lock (&server->lock);
      response.body = g_bytes_ref (server->png);
      g_mutex_unlock (&server->lock);
    }

  if (response.hang)
    {
      g_clear_pointer (&response.body, g_bytes_unref);
      g_ptr_array_add (server->paused, g_object_ref (msg));
      soup_server_message_pause (msg);
      g_mutex_lock (&server->lock);
      server->n_hanging++;
      g_mutex_unlock (&server->lock);
      return;
    }

  respond (msg, &response);

  if (response.delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->server = server;
      delayed->msg = g_object_ref (msg);
      delayed->source = g_timeout_source_new (response.delay_ms);
      g_source_set_callback (delayed->source, on_delay_done_cb, delayed, delayed_free);
      g_source_attach (delayed->source, server->context);
      g_ptr_array_add (server->delayed, delayed->source);
      soup_server_message_pause (msg);
    }
}

/* Hands each connection to the SoupServer. The server does not listen by
 * itself: libsoup 3.2 leaks a reference to each socket its listener accepts
 * and the listener's address (soup-listener.c), which valgrind reports as
 * definitely lost; soup_server_accept_iostream() leaks nothing. */
static gboolean
on_incoming_cb (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source_object,
                gpointer           user_data)
{
  FrontlineTestServer *server = user_data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;

  if (!soup_server_accept_iostream (server->soup, G_IO_STREAM (connection), local, remote, &error))
    g_warning ("test server: accepting a connection: %s", error->message);
  return TRUE;
}

static void
destroy_source (gpointer data)
{
  GSource *source = data;

  g_source_destroy (source);
  g_source_unref (source);
}

static gboolean
on_stop_cb (gpointer data)
{
  FrontlineTestServer *server = data;

  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  soup_server_disconnect (server->soup);
  g_ptr_array_set_size (server->delayed, 0);
  g_ptr_array_set_size (server->paused, 0);
  g_main_loop_quit (server->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
server_thread (gpointer data)
{
  FrontlineTestServer *server = data;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (server->context);

  server->soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->soup, NULL, on_request_cb, server, NULL);
  server->paused = g_ptr_array_new_with_free_func (g_object_unref);
  server->delayed = g_ptr_array_new_with_free_func (destroy_source);

  server->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound,
                                      &error))
    g_error ("test server: listening on 127.0.0.1: %s", error->message);
  g_signal_connect (server->service, "incoming", G_CALLBACK (on_incoming_cb), server);
  g_socket_service_start (server->service);

  g_mutex_lock (&server->lock);
  server->url_template =
    g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png",
                     g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  server->running = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->lock);

  g_main_loop_run (server->loop);

  /* Let the closed connections finish in this context before it goes. */
  while (g_main_context_iteration (server->context, FALSE))
    ;
  g_clear_pointer (&server->paused, g_ptr_array_unref);
  g_clear_pointer (&server->delayed, g_ptr_array_unref);
  g_clear_object (&server->service);
  g_clear_object (&server->soup);
  while (g_main_context_iteration (server->context, FALSE))
    ;

  g_main_context_pop_thread_default (server->context);
  return NULL;
}

/* Starts a server: @handler (may be NULL) may change each answer. With no
 * handler and no setter called, every /Z/X/Y.png is a 256-pixel green PNG
 * and every other path a 404. */
FrontlineTestServer *
frontline_test_server_new (FrontlineTestServerHandler handler,
                           gpointer                   user_data)
{
  FrontlineTestServer *server = g_new0 (FrontlineTestServer, 1);

  server->handler = handler;
  server->user_data = user_data;
  server->status = SOUP_STATUS_OK;
  server->png = test_png_of_colour (0.2, 0.6, 0.2);
  server->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&server->lock);
  g_cond_init (&server->cond);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->thread = g_thread_new ("test-server", server_thread, server);

  g_mutex_lock (&server->lock);
  while (!server->running)
    g_cond_wait (&server->cond, &server->lock);
  g_mutex_unlock (&server->lock);

  return server;
}

/* Stops the server: requests left hanging are dropped, connections closed,
 * and the thread joined. */
void
frontline_test_server_free (FrontlineTestServer *server)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, on_stop_cb, server, NULL);
  g_source_attach (source, server->context);
  g_thread_join (server->thread);

  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_bytes_unref (server->png);
  g_clear_pointer (&server->body, g_bytes_unref);
  g_free (server->content_type);
  g_hash_table_unref (server->last_headers);
  g_free (server->url_template);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->cond);
  g_free (server);
}

/* "http://127.0.0.1:PORT/{z}/{x}/{y}.png" */
const char *
frontline_test_server_get_url_template (FrontlineTestServer *server)
{
  return server->url_template;
}

/* The PNG sent for tiles (not a new reference). */
GBytes *
frontline_test_server_get_png (FrontlineTestServer *server)
{
  return server->png;
}

void
frontline_test_server_set_png (FrontlineTestServer *server,
                               GBytes              *png)
{
  g_mutex_lock (&server->lock);
  g_bytes_unref (server->png);
  server->png = g_bytes_ref (png);
  g_mutex_unlock (&server->lock);
}

/* Every later answer has @status (the PNG only with 200). */
void
frontline_test_server_set_status (FrontlineTestServer *server,
                                  guint                status)
{
  g_mutex_lock (&server->lock);
  server->status = status;
  g_mutex_unlock (&server->lock);
}

void
frontline_test_server_set_delay (FrontlineTestServer *server,
                                 guint                delay_ms)
{
  g_mutex_lock (&server->lock);
  server->delay_ms = delay_ms;
  g_mutex_unlock (&server->lock);
}

/* Every later answer sends @body (hostile or not) as @mime_type, for
 * any path; NULL goes back to the PNG. */
void
frontline_test_server_set_body (FrontlineTestServer *server,
                                const char          *mime_type,
                                GBytes              *body)
{
  g_mutex_lock (&server->lock);
  g_clear_pointer (&server->body, g_bytes_unref);
  g_clear_pointer (&server->content_type, g_free);
  if (body != NULL)
    {
      server->body = g_bytes_ref (body);
      server->content_type = g_strdup (mime_type);
    }
  g_mutex_unlock (&server->lock);
}

guint
frontline_test_server_get_n_requests (FrontlineTestServer *server)
{
  guint n;

  g_mutex_lock (&server->lock);
  n = server->n_requests;
  g_mutex_unlock (&server->lock);
  return n;
}

/* How many requests were left unanswered on purpose. */
guint
frontline_test_server_get_n_hanging (FrontlineTestServer *server)
{
  guint n;

  g_mutex_lock (&server->lock);
  n = server->n_hanging;
  g_mutex_unlock (&server->lock);
  return n;
}

/* The last request's header @name, or NULL. */
char *
frontline_test_server_dup_last_header (FrontlineTestServer *server,
                                       const char          *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);
  char *value;

  g_mutex_lock (&server->lock);
  value = g_strdup (g_hash_table_lookup (server->last_headers, key));
  g_mutex_unlock (&server->lock);
  return value;
}

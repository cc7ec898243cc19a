/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The tests' one tile server: HTTP on 127.0.0.1, on a port the system
 * picks, in a thread of its own with its own GMainContext, so that both
 * blocking fetches in the test's thread and asynchronous ones on its main
 * context reach it. Tiles are /Z/X/Y.png. */

typedef struct _FrontlineTestServer FrontlineTestServer;

typedef struct {
  const char *path;
  int z, x, y;                    /* -1 each when the path is not /Z/X/Y.png */
  const char *user_agent;
  const char *if_none_match;
  const char *if_modified_since;
} FrontlineTestRequest;

typedef struct {
  guint status;                   /* 200 unless changed */
  const char *content_type;       /* "image/png" unless changed; static */
  GBytes *body;                   /* taken; NULL: the server's PNG if status is 200 */
  const char *etag;               /* static, or NULL */
  const char *last_modified;      /* static, or NULL */
  guint delay_ms;                 /* answer this much later */
  gboolean hang;                  /* never answer: the client has to give up */
} FrontlineTestResponse;

/* Called in the server's thread for each request, with @response filled
 * with the server's default answer (see the setters below). */
typedef void (*FrontlineTestServerHandler) (const FrontlineTestRequest *request,
                                            FrontlineTestResponse      *response,
                                            gpointer                    user_data);

FrontlineTestServer *frontline_test_server_new              (FrontlineTestServerHandler  handler,
                                                             gpointer                    user_data);
void                 frontline_test_server_free             (FrontlineTestServer        *server);

const char          *frontline_test_server_get_url_template (FrontlineTestServer        *server);
GBytes              *frontline_test_server_get_png          (FrontlineTestServer        *server);

void                 frontline_test_server_set_png          (FrontlineTestServer        *server,
                                                             GBytes                     *png);
void                 frontline_test_server_set_status       (FrontlineTestServer        *server,
                                                             guint                       status);
void                 frontline_test_server_set_delay        (FrontlineTestServer        *server,
                                                             guint                       delay_ms);
void                 frontline_test_server_set_body         (FrontlineTestServer        *server,
                                                             const char                 *mime_type,
                                                             GBytes                     *body);

guint                frontline_test_server_get_n_requests   (FrontlineTestServer        *server);
guint                frontline_test_server_get_n_hanging    (FrontlineTestServer        *server);
char                *frontline_test_server_dup_last_header  (FrontlineTestServer        *server,
                                                             const char                 *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontlineTestServer, frontline_test_server_free)

G_END_DECLS

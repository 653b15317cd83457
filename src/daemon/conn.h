/* conn.h - a policy connection, from accept to close. */
#ifndef PTRCHECKD_CONN_H
#define PTRCHECKD_CONN_H

#include <event2/util.h>

struct daemon;

/* conn_accept - serve the accepted socket fd until it closes. */
void conn_accept(struct daemon *d, evutil_socket_t fd);

/* conn_close_all - at shutdown: every connection, waiting or not. */
void conn_close_all(struct daemon *d);

#endif

/*
 * transport.h - how one try of a question reaches one server, and how its
 * answer comes back. lookup.c decides what to ask, when, and what a lost
 * answer means; a transport only carries. Two implementations: c-ares on
 * the caller's libevent loop (cares.c) and a script for unit tests
 * (scripted.c), which answers, delays, loses or fails each question as a
 * test says, without sockets.
 */
#ifndef PTRCHECK_TRANSPORT_H
#define PTRCHECK_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "name.h"

struct event_base;
struct transport;

/* What became of one try. */
enum try_outcome {
	TRY_REPLY,    /* msg holds the reply */
	TRY_TIMEOUT,  /* no reply within the endpoint's timeout */
	TRY_NETWORK,  /* refused, unreachable, or could not be sent */
	TRY_BADREPLY, /* a reply came that could not be read */
	TRY_GONE,     /* the endpoint is being freed: do not retry */
};

/*
 * try_fn - the outcome of one try; msg is the reply (NULL unless
 * TRY_REPLY), borrowed for the call. An implementation may call it inside
 * send for a failure it meets there (c-ares does for a refused socket);
 * lookup.c moves such a call onto the loop.
 */
typedef void try_fn(
    void *arg, enum try_outcome out, const uint8_t *msg, size_t len);

/* The part of an endpoint every transport shares; it begins each
 * implementation's own endpoint struct. */
struct endpoint {
	struct transport *t;
	struct ptrcheck_server srv;
	char label[PTRCHECK_SERVER_TEXT_MAX]; /* "127.10.0.1#53" */
};

struct transport_ops {
	/* endpoint_new - a server to send tries to; a lost try is reported
	 * as TRY_TIMEOUT after timeout_ms. */
	enum ptrcheck_status (*endpoint_new)(struct transport *t,
	    const struct ptrcheck_server *srv, unsigned timeout_ms,
	    struct endpoint **out, char *err, size_t errlen);
	/* endpoint_free - tries in flight are called back with TRY_GONE. */
	void (*endpoint_free)(struct endpoint *ep);
	/* send - one try of qname/qtype with flags WIRE_RD/WIRE_CD; cb runs
	 * exactly once unless send fails. */
	enum ptrcheck_status (*send)(struct endpoint *ep,
	    const struct dname *qname, uint16_t qtype, unsigned flags,
	    try_fn *cb, void *arg);
	/* default_servers - the system's resolvers (/etc/resolv.conf). */
	enum ptrcheck_status (*default_servers)(struct transport *t,
	    struct ptrcheck_server *out, size_t max, size_t *n, char *err,
	    size_t errlen);
	void (*free)(struct transport *t);
};

struct transport {
	const struct transport_ops *ops;
	struct event_base *base;
	unsigned long rotations; /* fresh sockets taken (source ports) */
};

/* endpoint_init - fill the shared part (label from the address). */
void endpoint_init(struct endpoint *ep, struct transport *t,
    const struct ptrcheck_server *srv);

enum ptrcheck_status endpoint_new(struct transport *t,
    const struct ptrcheck_server *srv, unsigned timeout_ms,
    struct endpoint **out, char *err, size_t errlen);
void endpoint_free(struct endpoint *ep);
enum ptrcheck_status endpoint_send(struct endpoint *ep,
    const struct dname *qname, uint16_t qtype, unsigned flags, try_fn *cb,
    void *arg);
const char *endpoint_label(const struct endpoint *ep);
const struct ptrcheck_server *endpoint_server(const struct endpoint *ep);

/* transport_free - accepts NULL; every endpoint must be freed first. */
void transport_free(struct transport *t);

/* transport_cares_new - the real one: UDP through c-ares on base. */
enum ptrcheck_status transport_cares_new(
    struct event_base *base, struct transport **out, char *err, size_t errlen);

#endif

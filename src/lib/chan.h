/* chan.h - one DNS server as c-ares channels on the caller's libevent loop. */
#ifndef PTRCHECK_CHAN_H
#define PTRCHECK_CHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "name.h"

struct event_base;
struct endpoint;

/*
 * try_fn - the outcome of one try: status is an ARES_* code; msg is the
 * reply (NULL without one), borrowed for the call.
 */
typedef void try_fn(void *arg, int status, const uint8_t *msg, size_t len);

/*
 * endpoint_new - a server reached through c-ares with c-ares' own retries
 * off. Every ENDPOINT_ROTATE queries the endpoint moves to a fresh channel
 * (a fresh UDP socket, so a fresh source port); the old one lives until
 * its last query is answered.
 */
enum ptrcheck_status endpoint_new(struct event_base *base,
    const struct ptrcheck_server *srv, unsigned timeout_ms,
    struct endpoint **out, char *err, size_t errlen);

/* endpoint_free - pending tries are called back with ARES_EDESTRUCTION. */
void endpoint_free(struct endpoint *ep);

/*
 * endpoint_send - one try of qname/qtype (RD as asked) with a random id
 * unique among the endpoint's queries in flight. cb is called exactly once,
 * unless endpoint_send fails.
 */
enum ptrcheck_status endpoint_send(struct endpoint *ep,
    const struct dname *qname, uint16_t qtype, unsigned flags, try_fn *cb,
    void *arg);

const char *endpoint_label(const struct endpoint *ep); /* "127.10.0.1#53" */
const struct ptrcheck_server *endpoint_server(const struct endpoint *ep);

#define ENDPOINT_ROTATE 1000

#endif

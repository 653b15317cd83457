/*
 * dns.h - the DNS layer's state for one context: the transport, an
 * endpoint per resolver and per server asked directly, their pacing, the
 * lookups waiting to retry, and the directory of reverse zones. The
 * engine holds one; lookup.c, nsset.c and directory.c work on it.
 */
#ifndef PTRCHECK_DNS_H
#define PTRCHECK_DNS_H

#include "job.h"
#include "ptrcheck/ptrcheck.h"

struct directory;
struct endpoint;
struct event_base;
struct pacer;
struct transport;

/* A server asked directly, with its own pace. */
struct direct {
	struct endpoint *ep;
	struct pacer *pacer;
};

struct dns {
	struct event_base *base;
	struct ptrcheck_options opt;
	struct transport *transport; /* owned */
	struct endpoint **resolvers; /* one per configured resolver */
	size_t nresolvers;
	struct pacer *pacer; /* opt.qps over all resolvers; NULL: no cap */
	struct direct **direct;
	size_t ndirect, direct_cap;
	struct job backoffs; /* lookups waiting to retry or to be told */
	struct directory *directory; /* scan --direct: zones and servers */
	struct ptrcheck_stats stats;
	char *errmsg; /* the owner's buffer for readable detail */
	size_t errlen;
};

/*
 * dns_new - endpoints for opt's resolvers (the system's when none) over
 * transport t, which *out owns from now on, even on failure. errmsg
 * (errlen bytes) is the owner's buffer for readable detail, kept.
 */
enum ptrcheck_status dns_new(struct event_base *base,
    const struct ptrcheck_options *opt, struct transport *t, char *errmsg,
    size_t errlen, struct dns **out);

/* dns_free - lookups in flight are dropped without calling back; the
 * owner abandons its own work first. Accepts NULL. */
void dns_free(struct dns *dns);

/* servers_new - an endpoint for each resolver of dns->opt (the
 * system's when none is named). */
enum ptrcheck_status servers_new(struct dns *dns);

/* direct_for - the endpoint and pacer of srv, made on first use. */
enum ptrcheck_status direct_for(
    struct dns *dns, const struct ptrcheck_server *srv, struct direct **out);

/* direct_free - a direct server's endpoint and pacer; accepts NULL. */
void direct_free(struct direct *d);

void dns_set_error(struct dns *dns, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif

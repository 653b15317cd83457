/* servers.c - the endpoints a dns object holds: one per resolver, made
 * at the start, and one per server asked directly, made on first use. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "dns.h"
#include "pacer.h"
#include "transport.h"

void
dns_set_error(struct dns *dns, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(dns->errmsg, dns->errlen, fmt, ap);
	va_end(ap);
}

enum ptrcheck_status
servers_new(struct dns *dns)
{
	struct ptrcheck_server sys[PTRCHECK_MAX_SERVERS];
	const struct ptrcheck_server *servers = dns->opt.servers;
	size_t n = dns->opt.nservers, i;
	enum ptrcheck_status st;

	if (n == 0) {
		st = dns->transport->ops->default_servers(dns->transport, sys,
		    PTRCHECK_MAX_SERVERS, &n, dns->errmsg, dns->errlen);
		if (st != PTRCHECK_OK)
			return st;
		servers = sys;
	}
	if ((dns->resolvers = calloc(n, sizeof(*dns->resolvers))) == NULL)
		return PTRCHECK_ENOMEM;
	for (i = 0; i < n; i++) {
		st = endpoint_new(dns->transport, &servers[i],
		    dns->opt.timeout_ms, &dns->resolvers[i], dns->errmsg,
		    dns->errlen);
		if (st != PTRCHECK_OK)
			return st;
		dns->nresolvers++;
	}
	return PTRCHECK_OK;
}

void
direct_free(struct direct *d)
{
	if (d == NULL)
		return;
	pacer_free(d->pacer); /* queued lookups hold no transport state */
	endpoint_free(d->ep);
	free(d);
}

static bool
same_server(const struct ptrcheck_server *a, const struct ptrcheck_server *b)
{
	return a->port == b->port && ptrcheck_addr_equal(&a->addr, &b->addr);
}

/* direct_for - the endpoint and pacer of srv, made on first use. */
enum ptrcheck_status
direct_for(
    struct dns *dns, const struct ptrcheck_server *srv, struct direct **out)
{
	struct direct *d;
	enum ptrcheck_status st;
	size_t i;

	for (i = 0; i < dns->ndirect; i++) {
		if (same_server(endpoint_server(dns->direct[i]->ep), srv)) {
			*out = dns->direct[i];
			return PTRCHECK_OK;
		}
	}
	if (dns->ndirect == dns->direct_cap) {
		size_t cap = dns->direct_cap ? dns->direct_cap * 2 : 8;
		struct direct **v = realloc(dns->direct, cap * sizeof(*v));

		if (v == NULL)
			return PTRCHECK_ENOMEM;
		dns->direct = v;
		dns->direct_cap = cap;
	}
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return PTRCHECK_ENOMEM;
	st = endpoint_new(dns->transport, srv, dns->opt.timeout_ms, &d->ep,
	    dns->errmsg, dns->errlen);
	if (st == PTRCHECK_OK &&
	    !pacer_new(dns->base, dns->opt.direct_qps, &d->pacer))
		st = PTRCHECK_ENOMEM;
	if (st != PTRCHECK_OK) {
		direct_free(d);
		return st;
	}
	dns->direct[dns->ndirect++] = d;
	*out = d;
	return PTRCHECK_OK;
}

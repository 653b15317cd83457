/* dns.c - the DNS layer's lifecycle: endpoints made and freed in order. */
#include <stdlib.h>

#include "directory.h"
#include "dns.h"
#include "pacer.h"
#include "transport.h"

enum ptrcheck_status
dns_new(struct event_base *base, const struct ptrcheck_options *opt,
    struct transport *t, char *errmsg, size_t errlen, struct dns **out)
{
	struct dns *dns;
	enum ptrcheck_status st;

	if ((dns = calloc(1, sizeof(*dns))) == NULL) {
		transport_free(t);
		return PTRCHECK_ENOMEM;
	}
	dns->base = base;
	dns->opt = *opt;
	dns->transport = t;
	dns->errmsg = errmsg;
	dns->errlen = errlen;
	job_list_init(&dns->backoffs);
	st = pacer_new(base, opt->qps, &dns->pacer) ? servers_new(dns)
	                                            : PTRCHECK_ENOMEM;
	if (st != PTRCHECK_OK) {
		dns_free(dns);
		return st;
	}
	*out = dns;
	return PTRCHECK_OK;
}

void
dns_free(struct dns *dns)
{
	size_t i;

	if (dns == NULL)
		return;
	directory_free(dns->directory); /* before its lookups go */
	job_abandon_all(&dns->backoffs);
	pacer_free(dns->pacer);
	for (i = 0; i < dns->ndirect; i++)
		direct_free(dns->direct[i]);
	free(dns->direct);
	for (i = 0; i < dns->nresolvers; i++)
		endpoint_free(dns->resolvers[i]);
	free(dns->resolvers);
	transport_free(dns->transport);
	free(dns);
}

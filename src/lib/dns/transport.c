/* transport.c - the calls every transport answers, through its ops. */
#include <stdio.h>

#include "transport.h"

void
endpoint_init(
    struct endpoint *ep, struct transport *t, const struct ptrcheck_server *srv)
{
	char a[PTRCHECK_ADDR_TEXT_MAX];

	ep->t = t;
	ep->srv = *srv;
	ptrcheck_addr_format(&srv->addr, a, sizeof(a));
	snprintf(ep->label, sizeof(ep->label), "%s#%u", a, srv->port);
}

enum ptrcheck_status
endpoint_new(struct transport *t, const struct ptrcheck_server *srv,
    unsigned timeout_ms, struct endpoint **out, char *err, size_t errlen)
{
	return t->ops->endpoint_new(t, srv, timeout_ms, out, err, errlen);
}

void
endpoint_free(struct endpoint *ep)
{
	if (ep != NULL)
		ep->t->ops->endpoint_free(ep);
}

enum ptrcheck_status
endpoint_send(struct endpoint *ep, const struct dname *qname, uint16_t qtype,
    unsigned flags, try_fn *cb, void *arg)
{
	return ep->t->ops->send(ep, qname, qtype, flags, cb, arg);
}

const char *
endpoint_label(const struct endpoint *ep)
{
	return ep->label;
}

const struct ptrcheck_server *
endpoint_server(const struct endpoint *ep)
{
	return &ep->srv;
}

void
transport_free(struct transport *t)
{
	if (t != NULL)
		t->ops->free(t);
}

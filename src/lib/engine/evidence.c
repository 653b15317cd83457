/* evidence.c - a lookup's outcome as a row of the report's evidence. */
#include <string.h>

#include "evidence.h"
#include "wire.h"

void
report_query_fill(struct report_query *q, const struct lookup_result *res)
{
	const struct wire_reply *r = res->reply;

	if (q == NULL)
		return; /* the evidence table was full */
	q->answer = res->answer;
	q->rcode = res->rcode;
	q->rtt_ms = res->rtt_ms;
	q->tries = res->tries;
	memcpy(q->server, res->server, sizeof(q->server));
	if (r != NULL && r->ndata > 0) {
		q->has_ttl = true;
		q->ttl = r->data[0].ttl;
	} else if (r != NULL && r->soa.found) {
		/* RFC 2308 5: a negative answer lives min(SOA TTL, MINIMUM). */
		q->has_ttl = true;
		q->ttl =
		    r->soa.ttl < r->soa.minimum ? r->soa.ttl : r->soa.minimum;
	}
}

/* lookup.h - one logical DNS question, asked with retries and failover. */
#ifndef PTRCHECK_LOOKUP_H
#define PTRCHECK_LOOKUP_H

#include <stdint.h>

#include "name.h"

struct dns;
struct wire_reply;
struct lookup;

struct lookup_result {
	enum ptrcheck_answer answer;
	int rcode;                      /* -1 without a reply */
	const struct wire_reply *reply; /* NULL without a usable reply */
	char
	    server[PTRCHECK_SERVER_TEXT_MAX]; /* "127.10.0.1#53" that gave it */
	unsigned rtt_ms;                      /* of the last try */
	unsigned tries;
};

/* lookup_fn - called once on the loop; res and its reply are borrowed. */
typedef void lookup_fn(const struct lookup_result *res, void *arg);

/* lookup_start - ask the configured resolvers (RD=1) for qname/qtype,
 * paced by opt.qps. */
enum ptrcheck_status lookup_start(struct dns *dns, const struct dname *qname,
    uint16_t qtype, lookup_fn *cb, void *arg, struct lookup **out);

/* lookup_start_unchecked - the same with CD=1 (RFC 4035 3.2.2): the
 * resolver answers without DNSSEC validation, which tells a validation
 * failure from a server failure. */
enum ptrcheck_status lookup_start_unchecked(struct dns *dns,
    const struct dname *qname, uint16_t qtype, lookup_fn *cb, void *arg,
    struct lookup **out);

/*
 * lookup_direct_start - ask one server itself (RD=0), paced per server by
 * opt.direct_qps; a lost answer is retried on the same server after a
 * growing pause. Endpoints are made on first use and kept in dns.
 */
enum ptrcheck_status lookup_direct_start(struct dns *dns,
    const struct ptrcheck_server *srv, const struct dname *qname,
    uint16_t qtype, lookup_fn *cb, void *arg, struct lookup **out);

/* lookup_cancel - cb will not be called; memory is reclaimed later. */
void lookup_cancel(struct lookup *l);

#endif

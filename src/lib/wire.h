/* wire.h - DNS messages to and from ptrcheck's own types (ldns inside). */
#ifndef PTRCHECK_WIRE_H
#define PTRCHECK_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "name.h"

#define WIRE_TYPE_A 1
#define WIRE_TYPE_NS 2
#define WIRE_TYPE_CNAME 5
#define WIRE_TYPE_SOA 6
#define WIRE_TYPE_PTR 12
#define WIRE_TYPE_MX 15
#define WIRE_TYPE_AAAA 28

#define WIRE_MAX_CHAIN 8 /* CNAME hops followed, as most resolvers do */
#define WIRE_MAX_DATA 32 /* records of the asked type kept per reply */

struct wire_rdata {
	struct dname name;         /* PTR, MX exchange */
	struct ptrcheck_addr addr; /* A, AAAA */
	uint16_t pref;             /* MX */
	uint32_t ttl;
};

#define WIRE_MAX_NS 8    /* NS names kept from a referral */
#define WIRE_MAX_GLUE 16 /* their addresses from the additional section */

/* A referral (RFC 1034 4.3.2): the server does not hold the name and
 * names the servers of the zone below it, with glue addresses. */
struct wire_glue {
	struct dname name;
	struct ptrcheck_addr addr;
};

struct wire_referral {
	struct dname zone; /* the owner of the NS records; len 0: none */
	struct dname ns[WIRE_MAX_NS];
	size_t nns;
	struct wire_glue glue[WIRE_MAX_GLUE];
	size_t nglue;
};

struct wire_soa {
	bool found;
	struct dname zone, mname, rname;
	uint32_t serial, minimum, ttl;
};

/* A reply reduced to what a check needs. */
struct wire_reply {
	int rcode;
	bool aa, tc;
	/* CNAMEs followed from the question: chain[i] is the i-th target. */
	struct dname chain[WIRE_MAX_CHAIN];
	uint32_t chain_ttl[WIRE_MAX_CHAIN];
	size_t nchain;
	bool loop;          /* a CNAME pointed back into the chain */
	bool too_long;      /* more CNAMEs than WIRE_MAX_CHAIN */
	struct dname final; /* the last name of the chain (the qname without) */
	struct wire_rdata data[WIRE_MAX_DATA];
	size_t ndata;        /* kept */
	size_t ndata_seen;   /* present in the answer */
	struct wire_soa soa; /* from the authority section (or the answer) */
	struct wire_referral referral; /* NS in the authority section, no AA */
	int ede; /* Extended DNS Error info-code (RFC 8914), -1 when none */
};

/* Header flags a query may set. */
#define WIRE_RD 1 /* recursion desired: through a resolver */
#define WIRE_CD 2 /* checking disabled: the answer without DNSSEC validation   \
	           */

/* wire_query - a query message with the given id (flags WIRE_RD and
 * WIRE_CD as asked, EDNS0 with a 1232-octet buffer). *out is malloc'd,
 * the caller frees it. */
enum ptrcheck_status wire_query(const struct dname *qname, uint16_t qtype,
    uint16_t id, unsigned flags, uint8_t **out, size_t *outlen);

/* wire_parse - reduce a reply to *out; PTRCHECK_EINVAL when the message is
 * malformed or does not answer (qname, qtype). */
enum ptrcheck_status wire_parse(const uint8_t *msg, size_t len,
    const struct dname *qname, uint16_t qtype, struct wire_reply *out);

const char *wire_type_name(uint16_t qtype);

#endif

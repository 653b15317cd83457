/* dnsdata.h - DNS data as ptrcheck keeps it: record types, the reduced
 * reply, SOA and referral facts. Plain types with no DNS library behind
 * them, so the judgement and the renderers can read them; dns/wire.c
 * fills them from packets. */
#ifndef PTRCHECK_DNSDATA_H
#define PTRCHECK_DNSDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "name.h"
#include "ptrcheck/ptrcheck.h"

#define WIRE_TYPE_A PTRCHECK_TYPE_A
#define WIRE_TYPE_NS PTRCHECK_TYPE_NS
#define WIRE_TYPE_CNAME PTRCHECK_TYPE_CNAME
#define WIRE_TYPE_SOA PTRCHECK_TYPE_SOA
#define WIRE_TYPE_PTR PTRCHECK_TYPE_PTR
#define WIRE_TYPE_MX PTRCHECK_TYPE_MX
#define WIRE_TYPE_AAAA PTRCHECK_TYPE_AAAA

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
	size_t nchain;      /* CNAMEs followed from the question: chain[] */
	bool loop;          /* a CNAME pointed back into the chain */
	bool too_long;      /* more CNAMEs than WIRE_MAX_CHAIN */
	struct dname final; /* the last name of the chain (the qname without) */
	size_t ndata;       /* kept: data[] */
	size_t ndata_seen;  /* present in the answer */
	struct wire_soa soa; /* from the authority section (or the answer) */
	struct wire_referral referral; /* NS in the authority section, no AA */
	int ede; /* Extended DNS Error info-code (RFC 8914), -1 when none */
	/* The lists last: wire_parse zeroes the fields above only, each
	 * element is written whole as it is added (a reply per query adds
	 * up in a scan). Read only below their counts. chain[i] is the
	 * i-th CNAME target. */
	struct dname chain[WIRE_MAX_CHAIN];
	uint32_t chain_ttl[WIRE_MAX_CHAIN];
	struct wire_rdata data[WIRE_MAX_DATA];
};

/* Response codes (RFC 1035 4.1.1). */
#define WIRE_RCODE_NOERROR 0
#define WIRE_RCODE_SERVFAIL 2
#define WIRE_RCODE_NXDOMAIN 3
#define WIRE_RCODE_REFUSED 5

/* Header flags a query may set. */
#define WIRE_RD 1 /* recursion desired: through a resolver */
/* checking disabled: the answer without DNSSEC validation */
#define WIRE_CD 2

/* wire_type_name - "PTR", "AAAA", ...: the types ptrcheck asks. */
const char *wire_type_name(uint16_t qtype);

/* answer_is_final - an answer came (not NONE or PENDING). */
bool answer_is_final(enum ptrcheck_answer a);

/* answer_shown - the spelling output uses: a question still pending when
 * the check ended ran out of time, and reads "timeout". */
const char *answer_shown(enum ptrcheck_answer a);

/* answer_is_failure - no answer about the data at all (a timeout, an
 * error rcode, a network or parse failure, or not asked yet): not FOUND,
 * NXDOMAIN or NODATA. */
bool answer_is_failure(enum ptrcheck_answer a);

#endif

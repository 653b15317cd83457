/* report.h - the facts of one check, filled by check.c, judged by
 * verdict.c, rendered by render_text.c and render_json.c. */
#ifndef PTRCHECK_REPORT_H
#define PTRCHECK_REPORT_H

#include "dnsdata.h"
#include "name.h"

#define REPORT_MAX_FORWARD 16
#define REPORT_MAX_WARNINGS 16
#define REPORT_MAX_QUERIES 64

/* One query as asked and answered, for the evidence section. */
struct report_query {
	struct dname name;
	uint16_t type;
	char server[PTRCHECK_SERVER_TEXT_MAX];
	enum ptrcheck_answer answer;
	int rcode; /* -1 without a reply */
	bool has_ttl;
	uint32_t ttl;
	unsigned rtt_ms, tries;
};

/* One PTR target and what its forward lookup found. */
struct report_ptr {
	struct dname name;
	uint32_t ttl;     /* as the answer gave it (a resolver's counts down) */
	uint32_t own_ttl; /* the record's own, from its zone's servers */
	bool own_ttl_known;
	enum name_problem problem;
	enum ptrcheck_answer fwd_answer; /* NONE: not asked */
	struct ptrcheck_addr fwd[REPORT_MAX_FORWARD];
	size_t nfwd;
	struct dname fwd_chain[WIRE_MAX_CHAIN]; /* CNAMEs on the way */
	size_t nfwd_chain;
	bool fwd_loop;
	struct wire_soa fwd_soa; /* the zone of a negative forward answer */
	bool confirms;
	struct ptrcheck_classification cls;
};

/* The name the address should have: --hostname, or the name an invalid
 * PTR meant (mail.example.com without its trailing dot). Asked forward and
 * for its zone, so a fix can say whether it needs an address record, and
 * in which zone. */
struct report_want {
	struct dname name;           /* len 0: none */
	enum ptrcheck_answer answer; /* NONE: not asked */
	struct ptrcheck_addr addrs[REPORT_MAX_FORWARD];
	size_t naddrs;
	bool confirms;       /* one of its addresses is this one */
	struct wire_soa soa; /* its zone */
};

struct report_warning {
	enum ptrcheck_warning_code code;
	enum ptrcheck_severity severity;
	int ptr; /* index into ptrs, or -1 */
};

struct ptrcheck_report {
	struct ptrcheck_addr addr;
	struct dname owner;    /* d.c.b.a.in-addr.arpa. */
	struct dname hostname; /* the name the user expects; len 0 if none */

	enum ptrcheck_answer ptr_answer;
	int ptr_rcode;
	size_t nptr_chain; /* CNAMEs from the owner: ptr_chain below */
	bool cname_loop;
	struct wire_soa ptr_soa;  /* from a negative PTR answer */
	struct wire_soa zone_soa; /* from the SOA question */

	struct report_want want;

	size_t nptr;      /* checked: ptrs below */
	size_t nptr_seen; /* present in the answer */

	bool ptr_only; /* no forward lookups were made (a PTR sweep) */
	bool helo;     /* hostname is the HELO name the address sends */
	/* whose address it is (data/providers.tsv), found with the verdict;
	 * by_name: by a PTR name in its default form, else by the servers
	 * of the reverse zone */
	const struct ptrcheck_provider *provider;
	bool provider_by_name;
	bool ptr_aa; /* the PTR answer came from the zone's server itself */
	/* Why a PTR question failed, when a second question could tell: */
	bool resolver_unreachable; /* the resolver refused us or never spoke */
	bool dnssec_bogus;         /* SERVFAIL, yet with CD=1 it answers */
	int ptr_ede; /* the SERVFAIL's Extended DNS Error, or -1 */
	bool deadline_hit;
	enum ptrcheck_verdict verdict;
	struct report_warning warnings[REPORT_MAX_WARNINGS];
	size_t nwarn;

	size_t nqueries; /* queries below */

	struct authority *auth; /* owned; NULL when not inspected */

	/* The bounded lists last: 53 of the report's 57 kB. report_new()
	 * zeroes everything before them, and an element is zeroed when it
	 * is added: a scan creates a report per address, and zeroing the
	 * lists whole took 6% of its time. Read only below their counts. */
	struct dname ptr_chain[WIRE_MAX_CHAIN];
	uint32_t ptr_chain_ttl[WIRE_MAX_CHAIN];
	struct report_ptr ptrs[PTRCHECK_MAX_PTR_NAMES];
	struct report_query queries[REPORT_MAX_QUERIES];
};

/* report_new - a report with its fields zeroed, the lists empty; free
 * with ptrcheck_report_free. NULL without memory. */
struct ptrcheck_report *report_new(void);
/* report_ptr_add - the next PTR entry, zeroed; NULL when full. */
struct report_ptr *report_ptr_add(struct ptrcheck_report *rep);

struct authority;

/* query_log_add - append a query to a bounded log (NULL when full); it
 * reads "timeout" until report_query_fill records the answer. */
struct report_query *query_log_add(struct report_query *log, size_t *n,
    size_t cap, const struct dname *name, uint16_t type);

/* report_query_add - query_log_add on the report's own log. */
struct report_query *report_query_add(
    struct ptrcheck_report *rep, const struct dname *name, uint16_t type);

void report_warn(struct ptrcheck_report *rep, enum ptrcheck_warning_code code,
    enum ptrcheck_severity sev, int ptr);

/* report_zone - the PTR's zone: from an SOA if one was seen (true), else
 * the conventional cut (false). */
bool report_zone(const struct ptrcheck_report *rep, struct dname *zone);

/* report_meant_name - "mail.example.com" written without its trailing
 * dot in a zone file became mail.example.com.<zone>: the name meant, if
 * a PTR is such a name and the rest is a host name. */
bool report_meant_name(const struct ptrcheck_report *rep, struct dname *out);

/* report_zone_undelegated - whether a zone that answered sits at or above
 * an RIR's allocation: then nobody has a reverse zone for the block. */
bool report_zone_undelegated(
    const struct ptrcheck_report *rep, const struct dname *zone);

#endif

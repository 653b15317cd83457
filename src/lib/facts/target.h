/* target.h - a host name or a mail domain, expanded into addresses: what
 * was found, which render/ prints. The job's bookkeeping (the lookups in
 * flight, the context) travels along as pointers to types this layer does
 * not know; engine/target.c fills it all. */
#ifndef PTRCHECK_TARGET_H
#define PTRCHECK_TARGET_H

#include "job.h"
#include "report.h"

#define TARGET_MAX_HOSTS 16
#define TARGET_MAX_ADDRS 16 /* per host */
#define TARGET_MAX_RESULTS 64
#define TARGET_MAX_QUERIES (1 + 2 * TARGET_MAX_HOSTS)

struct lookup;
struct ptrcheck_ctx;
struct ptrcheck_target;

struct target_slot {
	struct ptrcheck_target *t;
	size_t host;
	struct lookup *l;
	struct report_query *q;
};

struct target_host {
	struct dname name;
	uint16_t pref;
	bool a_done, aaaa_done;
	enum ptrcheck_answer a_answer, aaaa_answer;
	struct ptrcheck_addr addrs[TARGET_MAX_ADDRS];
	size_t naddr;
	struct target_slot a_slot, aaaa_slot;
};

struct target_result {
	struct ptrcheck_target *t;
	struct ptrcheck_report *rep;
	size_t host;
};

struct ptrcheck_target {
	struct job job; /* first: abandon() casts back */
	struct ptrcheck_ctx *ctx;
	ptrcheck_target_fn *done;
	void *arg;
	struct dname input;
	bool mx;
	bool mx_done, null_mx, implicit_mx;
	enum ptrcheck_answer mx_answer;
	size_t nmx_seen;
	struct target_slot mx_slot;
	struct target_host hosts[TARGET_MAX_HOSTS];
	size_t nhosts;
	struct target_result results[TARGET_MAX_RESULTS];
	size_t nresults;
	bool results_capped;
	struct report_query queries[TARGET_MAX_QUERIES];
	size_t nqueries;
	unsigned pending; /* lookups and checks in flight */
};

#endif

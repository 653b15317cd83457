/* report_build.h - hand-built reports for the pure-function tests. */
#ifndef PTRCHECK_REPORT_BUILD_H
#define PTRCHECK_REPORT_BUILD_H

#include <string.h>

#include "report.h"

/* One PTR name: "confirm", "mismatch", "missing", "temp" or "invalid". */
struct ptr_spec {
	const char *name;
	const char *fate;
};

static inline void
build_report(struct ptrcheck_report *rep, const char *ip,
    const char *owner_zone_soa, const struct ptr_spec *ptrs, size_t n)
{
	char owner[80];
	size_t i;

	memset(rep, 0, sizeof(*rep));
	ptrcheck_addr_parse(ip, &rep->addr);
	ptrcheck_arpa_from_addr(&rep->addr, owner, sizeof(owner));
	name_from_text(owner, &rep->owner);
	rep->ptr_answer =
	    n > 0 ? PTRCHECK_ANSWER_FOUND : PTRCHECK_ANSWER_NXDOMAIN;
	if (owner_zone_soa != NULL) {
		rep->zone_soa.found = true;
		name_from_text(owner_zone_soa, &rep->zone_soa.zone);
		name_from_text("hostmaster.isp.example.", &rep->zone_soa.rname);
	}
	for (i = 0; i < n; i++) {
		struct report_ptr *p = &rep->ptrs[i];
		const char *fate = ptrs[i].fate;

		name_from_text(ptrs[i].name, &p->name);
		p->ttl = 3600;
		p->problem = name_check_host(&p->name);
		/* "temp": asked, and no answer came before the deadline */
		p->fwd_answer = strcmp(fate, "temp") != 0
		                    ? PTRCHECK_ANSWER_FOUND
		                    : PTRCHECK_ANSWER_PENDING;
		if (strcmp(fate, "confirm") == 0) {
			p->fwd[p->nfwd++] = rep->addr;
			p->confirms = true;
		} else if (strcmp(fate, "mismatch") == 0) {
			ptrcheck_addr_parse(
			    "198.51.100.99", &p->fwd[p->nfwd++]);
		} else if (strcmp(fate, "missing") == 0) {
			p->fwd_answer = PTRCHECK_ANSWER_NODATA;
		}
	}
	rep->nptr = rep->nptr_seen = n;
}

#endif

/* report.c - the report object: recording, accessors, lifetime. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "arpa.h"
#include "authority.h"
#include "report.h"

/* Freed reports kept for the next check, per thread: a scan makes and
 * frees one 57 kB report per address, and malloc's large-block path
 * (consolidation included) showed at 5% of its time. At most
 * REPORT_CACHE are kept (1.8 MB). */
#if defined(__SANITIZE_ADDRESS__)
#define REPORT_CACHE 0 /* AddressSanitizer sees every use after free */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REPORT_CACHE 0
#endif
#endif
#ifndef REPORT_CACHE
#define REPORT_CACHE 32
#endif
static __thread struct ptrcheck_report *report_cache[REPORT_CACHE + 1];
static __thread size_t report_cached;

struct ptrcheck_report *
report_new(void)
{
	struct ptrcheck_report *rep = report_cached > 0
	                                  ? report_cache[--report_cached]
	                                  : malloc(sizeof(*rep));

	if (rep != NULL)
		memset(rep, 0, offsetof(struct ptrcheck_report, ptr_chain));
	return rep;
}

struct report_ptr *
report_ptr_add(struct ptrcheck_report *rep)
{
	struct report_ptr *p;

	if (rep->nptr == PTRCHECK_MAX_PTR_NAMES)
		return NULL;
	p = &rep->ptrs[rep->nptr++];
	memset(p, 0, sizeof(*p));
	return p;
}

struct report_query *
query_log_add(struct report_query *log, size_t *n, size_t cap,
    const struct dname *name, uint16_t type)
{
	struct report_query *q;

	if (*n == cap)
		return NULL;
	q = &log[(*n)++];
	memset(q, 0, sizeof(*q));
	q->name = *name;
	q->type = type;
	q->rcode = -1;
	q->answer =
	    PTRCHECK_ANSWER_TIMEOUT; /* until an answer says otherwise */
	return q;
}

struct report_query *
report_query_add(
    struct ptrcheck_report *rep, const struct dname *name, uint16_t type)
{
	return query_log_add(
	    rep->queries, &rep->nqueries, REPORT_MAX_QUERIES, name, type);
}

void
report_warn(struct ptrcheck_report *rep, enum ptrcheck_warning_code code,
    enum ptrcheck_severity sev, int ptr)
{
	size_t i;

	for (i = 0; i < rep->nwarn; i++)
		if (rep->warnings[i].code == code &&
		    rep->warnings[i].ptr == ptr)
			return;
	if (rep->nwarn == REPORT_MAX_WARNINGS)
		return;
	rep->warnings[rep->nwarn].code = code;
	rep->warnings[rep->nwarn].severity = sev;
	rep->warnings[rep->nwarn].ptr = ptr;
	rep->nwarn++;
}

bool
report_zone_undelegated(
    const struct ptrcheck_report *rep, const struct dname *zone)
{
	size_t labels = name_label_count(zone);

	/* in-addr.arpa. or a /8 (RIR level); ip6.arpa. down to a /24. */
	return labels <= (rep->addr.family == AF_INET ? 3u : 2u + 6u);
}

static bool
soa_names_zone(const struct ptrcheck_report *rep, const struct wire_soa *soa)
{
	const struct dname *owner = rep->nptr_chain > 0 && !rep->cname_loop
	                                ? &rep->ptr_chain[rep->nptr_chain - 1]
	                                : &rep->owner;

	return soa->found && name_is_under(owner, &soa->zone) &&
	       !report_zone_undelegated(rep, &soa->zone);
}

bool
report_zone(const struct ptrcheck_report *rep, struct dname *zone)
{
	char text[PTRCHECK_ARPA_TEXT_MAX];

	if (soa_names_zone(rep, &rep->zone_soa)) {
		*zone = rep->zone_soa.zone;
		return true;
	}
	if (soa_names_zone(rep, &rep->ptr_soa)) {
		*zone = rep->ptr_soa.zone;
		return true;
	}
	arpa_zone_for_prefix(&rep->addr,
	    arpa_conventional_bits(rep->addr.family), text, sizeof(text));
	name_from_text(text, zone);
	return false;
}

void
ptrcheck_report_free(struct ptrcheck_report *rep)
{
	if (rep == NULL)
		return;
	free(rep->auth);
#if REPORT_CACHE > 0
	if (report_cached < REPORT_CACHE) {
		report_cache[report_cached++] = rep;
		return;
	}
#endif
	free(rep);
}

enum ptrcheck_verdict
ptrcheck_report_verdict(const struct ptrcheck_report *rep)
{
	return rep->verdict;
}

enum ptrcheck_exit
ptrcheck_report_exit(const struct ptrcheck_report *rep)
{
	enum ptrcheck_exit e = ptrcheck_verdict_exit(rep->verdict);
	size_t i;

	/* Every server of the zone fails, or none can be named: temporary for
	 * a receiver, but it will not pass by itself. */
	if (rep->verdict == PTRCHECK_VERDICT_TEMPORARY &&
	    ((rep->auth != NULL && rep->auth->persistent) || rep->dnssec_bogus))
		return PTRCHECK_EXIT_CRITICAL;
	if (e != PTRCHECK_EXIT_OK)
		return e;
	for (i = 0; i < rep->nwarn; i++)
		if (rep->warnings[i].severity == PTRCHECK_SEVERITY_WARN)
			return PTRCHECK_EXIT_WARNING;
	return e;
}

size_t
ptrcheck_report_ptr_count(const struct ptrcheck_report *rep)
{
	return rep->nptr;
}

const char *
ptrcheck_report_ptr_name(
    const struct ptrcheck_report *rep, size_t i, char *buf, size_t len)
{
	if (i >= rep->nptr) {
		if (len > 0)
			buf[0] = '\0';
		return buf;
	}
	return name_text(&rep->ptrs[i].name, buf, len);
}

bool
ptrcheck_report_ptr_confirms(const struct ptrcheck_report *rep, size_t i)
{
	return i < rep->nptr && rep->ptrs[i].confirms;
}

uint32_t
ptrcheck_report_ttl(const struct ptrcheck_report *rep)
{
	uint32_t ttl = 0;
	size_t i;

	for (i = 0; i < rep->nqueries; i++)
		if (rep->queries[i].has_ttl &&
		    (ttl == 0 || rep->queries[i].ttl < ttl))
			ttl = rep->queries[i].ttl;
	for (i = 0; i < rep->nptr; i++)
		if (ttl == 0 || rep->ptrs[i].ttl < ttl)
			ttl = rep->ptrs[i].ttl;
	return ttl;
}

bool
ptrcheck_report_has_warning(
    const struct ptrcheck_report *rep, enum ptrcheck_warning_code w)
{
	size_t i;

	for (i = 0; i < rep->nwarn; i++)
		if (rep->warnings[i].code == w)
			return true;
	return false;
}

const struct ptrcheck_addr *
ptrcheck_report_addr(const struct ptrcheck_report *rep)
{
	return &rep->addr;
}

bool
ptrcheck_report_unresolved_provider(
    const struct ptrcheck_report *rep, size_t i, char *buf, size_t len)
{
	if (rep->auth == NULL || i >= rep->auth->nunresolved_providers)
		return false;
	name_text(&rep->auth->unresolved_providers[i], buf, len);
	return true;
}

bool
report_meant_name(const struct ptrcheck_report *rep, struct dname *out)
{
	struct dname zone;
	size_t i;

	(void)report_zone(rep, &zone);
	for (i = 0; i < rep->nptr; i++)
		if (rep->ptrs[i].problem == NAME_UNDER_ARPA &&
		    name_strip_zone(&rep->ptrs[i].name, &zone, out) &&
		    name_check_host(out) == NAME_OK)
			return true;
	return false;
}

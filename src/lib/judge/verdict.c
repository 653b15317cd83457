/* verdict.c - from facts to one verdict (the contract in ptrcheck(1)). */
#include <string.h>

#include "authority_judge.h"
#include "helo.h"
#include "provider_report.h"
#include "report.h"
#include "verdict.h"

#define TTL_SHORT 300

/* Outcomes of one PTR name, best first: the verdict is the best of them. */
enum outcome {
	OUT_PASS,
	OUT_GENERIC,
	OUT_MISMATCH,
	OUT_MISSING,
	OUT_INVALID,
	OUT_TEMPORARY, /* forward lookup failed: possibly confirming */
};

static void
classify_ptr(struct ptrcheck_report *rep, struct report_ptr *p)
{
	char text[PTRCHECK_NAME_TEXT_MAX];

	ptrcheck_classify(name_text(&p->name, text, sizeof(text)), &rep->addr,
	    &p->cls, NULL, 0);
}

static enum outcome
ptr_outcome(struct ptrcheck_report *rep, struct report_ptr *p)
{
	if (p->problem != NAME_OK)
		return OUT_INVALID;
	classify_ptr(rep, p);
	if (rep->ptr_only)
		return p->cls.generic ? OUT_GENERIC : OUT_PASS;
	if (p->confirms)
		return p->cls.generic ? OUT_GENERIC : OUT_PASS;
	if (p->fwd_loop)
		return OUT_MISSING;           /* no address can be reached */
	if (answer_is_failure(p->fwd_answer)) /* pending too */
		return OUT_TEMPORARY;
	if (p->nfwd > 0)
		return OUT_MISMATCH;
	return OUT_MISSING;
}

static enum ptrcheck_verdict
verdict_of(enum outcome o)
{
	static const enum ptrcheck_verdict map[] = {
	    [OUT_PASS] = PTRCHECK_VERDICT_PASS,
	    [OUT_GENERIC] = PTRCHECK_VERDICT_PTR_GENERIC,
	    [OUT_MISMATCH] = PTRCHECK_VERDICT_FORWARD_MISMATCH,
	    [OUT_MISSING] = PTRCHECK_VERDICT_FORWARD_MISSING,
	    [OUT_INVALID] = PTRCHECK_VERDICT_PTR_INVALID,
	    [OUT_TEMPORARY] = PTRCHECK_VERDICT_TEMPORARY,
	};
	return map[o];
}

/* decide_names - best over the names; an unknown counts as possibly
 * confirming, so without a confirmed name it makes the verdict temporary
 * (as Exim defers). */
static enum ptrcheck_verdict
decide_names(struct ptrcheck_report *rep)
{
	enum outcome best = OUT_INVALID, o;
	bool unknown = false;
	size_t i;

	for (i = 0; i < rep->nptr; i++) {
		o = ptr_outcome(rep, &rep->ptrs[i]);
		if (o == OUT_TEMPORARY)
			unknown = true;
		else if (o < best)
			best = o;
	}
	if (best > OUT_GENERIC && unknown)
		return PTRCHECK_VERDICT_TEMPORARY;
	return verdict_of(best);
}

/* own_ttl - the record's own TTL into p->own_ttl: from the zone's servers
 * (the inspection, or a direct answer). A resolver's cached copy counts
 * down, so judging it would warn on a 300 s record every other run. */
static bool
own_ttl(const struct ptrcheck_report *rep, struct report_ptr *p)
{
	p->own_ttl_known =
	    false; /* verdict_decide may run again on new facts */
	if (authority_ptr_ttl(rep->auth, &p->name, &p->own_ttl))
		p->own_ttl_known = true;
	else if (rep->ptr_aa) {
		p->own_ttl = p->ttl;
		p->own_ttl_known = true;
	}
	return p->own_ttl_known;
}

static void
warn_names(struct ptrcheck_report *rep)
{
	size_t i, confirmed = 0;

	for (i = 0; i < rep->nptr; i++) {
		const struct report_ptr *p = &rep->ptrs[i];

		if (p->confirms)
			confirmed++;
		if (p->nfwd_chain > 0)
			report_warn(rep, PTRCHECK_WARN_FORWARD_CNAME,
			    PTRCHECK_SEVERITY_WARN, (int)i);
		if (p->fwd_loop)
			report_warn(rep, PTRCHECK_WARN_CNAME_LOOP,
			    PTRCHECK_SEVERITY_WARN, (int)i);
		else if (answer_is_final(p->fwd_answer) &&
		         answer_is_failure(p->fwd_answer))
			report_warn(rep, PTRCHECK_WARN_FORWARD_FAILED,
			    PTRCHECK_SEVERITY_WARN, (int)i);
		if (own_ttl(rep, &rep->ptrs[i]) &&
		    rep->ptrs[i].own_ttl < TTL_SHORT)
			report_warn(rep, PTRCHECK_WARN_TTL_SHORT,
			    PTRCHECK_SEVERITY_INFO, (int)i);
	}
	/* Postfix and OpenSMTPD look at one name only, and resolvers rotate
	 * the order: unless every name confirms, they fail at random. */
	if (rep->nptr_seen > 1)
		report_warn(rep, PTRCHECK_WARN_MULTIPLE_PTR,
		    confirmed == rep->nptr && rep->nptr == rep->nptr_seen
		        ? PTRCHECK_SEVERITY_INFO
		        : PTRCHECK_SEVERITY_WARN,
		    -1);
	if (rep->nptr_seen > rep->nptr)
		report_warn(rep, PTRCHECK_WARN_TOO_MANY_PTR,
		    PTRCHECK_SEVERITY_WARN, -1);
}

static void
warn_hostname(struct ptrcheck_report *rep)
{
	size_t i;

	if (rep->helo && rep->hostname.len > 0) {
		if (helo_mismatch(rep))
			report_warn(rep, PTRCHECK_WARN_HELO_MISMATCH,
			    PTRCHECK_SEVERITY_WARN, -1);
		return;
	}
	if (rep->hostname.len == 0 || rep->nptr == 0)
		return;
	for (i = 0; i < rep->nptr; i++)
		if (name_equal(&rep->ptrs[i].name, &rep->hostname))
			return;
	report_warn(
	    rep, PTRCHECK_WARN_HOSTNAME_DIFFERS, PTRCHECK_SEVERITY_INFO, -1);
}

static enum ptrcheck_verdict
decide_ptr(struct ptrcheck_report *rep)
{
	if (rep->cname_loop)
		return PTRCHECK_VERDICT_PTR_MISSING; /* no PTR can be reached */
	if (answer_is_failure(rep->ptr_answer))
		return PTRCHECK_VERDICT_TEMPORARY;
	if (rep->ptr_answer != PTRCHECK_ANSWER_FOUND || rep->nptr == 0)
		return PTRCHECK_VERDICT_PTR_MISSING;
	return decide_names(rep);
}

void
verdict_decide(struct ptrcheck_report *rep)
{
	rep->nwarn = 0;
	rep->provider = provider_find(rep, &rep->provider_by_name);
	rep->verdict = decide_ptr(rep);
	if (ptrcheck_addr_special(&rep->addr) != NULL)
		report_warn(rep, PTRCHECK_WARN_SPECIAL_ADDRESS,
		    PTRCHECK_SEVERITY_INFO, -1);
	if (rep->cname_loop)
		report_warn(
		    rep, PTRCHECK_WARN_CNAME_LOOP, PTRCHECK_SEVERITY_WARN, -1);
	if (rep->nptr_chain > 0 && !rep->cname_loop)
		report_warn(
		    rep, PTRCHECK_WARN_PTR_CNAME, PTRCHECK_SEVERITY_INFO, -1);
	if (rep->deadline_hit)
		report_warn(
		    rep, PTRCHECK_WARN_DEADLINE, PTRCHECK_SEVERITY_WARN, -1);
	if (rep->ptr_answer == PTRCHECK_ANSWER_FOUND)
		warn_names(rep);
	if (rep->ptr_only && rep->nptr > 0)
		report_warn(rep, PTRCHECK_WARN_FORWARD_UNCHECKED,
		    PTRCHECK_SEVERITY_INFO, -1);
	warn_hostname(rep);
	if (rep->dnssec_bogus)
		report_warn(rep, PTRCHECK_WARN_DNSSEC_BOGUS,
		    PTRCHECK_SEVERITY_WARN, -1);
	if (rep->resolver_unreachable) {
		/* The inspection starts at the resolver too: its silence says
		 * nothing about the zone, so no zone verdict on top of it. */
		report_warn(rep, PTRCHECK_WARN_RESOLVER_UNREACHABLE,
		    PTRCHECK_SEVERITY_WARN, -1);
		return;
	}
	authority_judge(rep);
}

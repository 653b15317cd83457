/*
 * authority_judge.c - from the servers' answers to warnings: lame or
 * silent servers, servers that disagree, a delegation that does not match
 * the zone's NS set, RFC 2317, a resolver still holding a negative answer
 * or seeing something else, and a provider that is not delegated.
 */
#include "authority_judge.h"
#include "authority.h"
#include "report.h"
#include "verdict.h"

static bool
answer_failed(enum ptrcheck_answer a)
{
	return a == PTRCHECK_ANSWER_TIMEOUT || a == PTRCHECK_ANSWER_NETWORK;
}

bool
authority_row_failing(const struct auth_row *r)
{
	return r->state == AUTH_ROW_DONE &&
	       r->answer == PTRCHECK_ANSWER_SERVFAIL;
}

bool
authority_row_lame(const struct auth_row *r)
{
	return r->state == AUTH_ROW_DONE && !answer_failed(r->answer) &&
	       !authority_row_failing(r) && !authority_row_spoke(r);
}

bool
authority_row_unreachable(const struct auth_row *r)
{
	return r->state == AUTH_ROW_DONE && answer_failed(r->answer);
}

static bool
name_in(const struct dname *n, const struct dname *set, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (name_equal(n, &set[i]))
			return true;
	return false;
}

/* same_names - two sets of names, compared case-insensitively. */
static bool
same_names(const struct dname *a, size_t na, const struct dname *b, size_t nb)
{
	size_t i;

	for (i = 0; i < na; i++)
		if (!name_in(&a[i], b, nb))
			return false;
	for (i = 0; i < nb; i++)
		if (!name_in(&b[i], a, na))
			return false;
	return true;
}

bool
authority_rows_agree(const struct auth_row *a, const struct auth_row *b)
{
	return a->answer == b->answer && a->nptr_seen == b->nptr_seen &&
	       same_names(a->ptrs, a->nptr, b->ptrs, b->nptr);
}

const struct auth_row *
authority_consensus(const struct authority *a, bool *disagree)
{
	const struct auth_row *first = NULL;
	size_t i;

	*disagree = false;
	for (i = 0; i < a->nrows; i++) {
		const struct auth_row *r = &a->rows[i];

		if (!authority_is_delegated(a, r) || !authority_row_spoke(r))
			continue;
		if (first == NULL)
			first = r;
		else if (!authority_rows_agree(first, r))
			*disagree = true;
	}
	return first;
}

/* no_server_named - every name the zone is delegated to has no address:
 * there is nobody to ask at all. */
static bool
no_server_named(const struct authority *a)
{
	const struct auth_level *zone = authority_zone_level(a);

	return a->nunresolvable_ns > 0 && zone != NULL &&
	       a->nunresolvable_ns >= zone->nns;
}

static void
judge_servers(struct ptrcheck_report *rep, struct authority *a)
{
	bool lame = false, silent = false, spoke = false, serials = false;
	bool waiting = false, failing = false, nobody = no_server_named(a);
	bool has_serial = false;
	uint32_t serial = 0;
	size_t i;

	for (i = 0; i < a->nrows; i++) {
		const struct auth_row *r = &a->rows[i];

		if (!authority_is_delegated(a, r))
			continue;
		lame |= authority_row_lame(r);
		failing |= authority_row_failing(r);
		silent |= authority_row_unreachable(r);
		spoke |= authority_row_spoke(r);
		waiting |= r->state == AUTH_ROW_PENDING;
		if (authority_row_spoke(r) && r->has_serial) {
			serials |= has_serial && r->serial != serial;
			serial = r->serial;
			has_serial = true;
		}
	}
	if (a->nunresolvable_ns > 0)
		report_warn(rep, PTRCHECK_WARN_NS_NAME_UNRESOLVABLE,
		    PTRCHECK_SEVERITY_WARN, -1);
	if (failing)
		report_warn(rep, PTRCHECK_WARN_SERVER_FAILURE,
		    PTRCHECK_SEVERITY_WARN, -1);
	if (lame)
		report_warn(
		    rep, PTRCHECK_WARN_LAME_SERVER, PTRCHECK_SEVERITY_WARN, -1);
	if (silent)
		report_warn(rep, PTRCHECK_WARN_SERVER_UNREACHABLE,
		    PTRCHECK_SEVERITY_WARN, -1);
	a->persistent =
	    (lame || silent || failing || nobody) && !spoke && !waiting;
	if (a->persistent && !nobody) /* ns-name-unresolvable says it then */
		report_warn(rep, PTRCHECK_WARN_ZONE_UNREACHABLE,
		    PTRCHECK_SEVERITY_WARN, -1);
	a->serials_differ = serials;
}

static void
judge_delegation(struct ptrcheck_report *rep, const struct authority *a)
{
	const struct auth_level *zone = authority_zone_level(a);

	if (zone == NULL || authority_parent_level(a) == NULL ||
	    !a->child_known || zone->nns == 0)
		return;
	if (!same_names(zone->ns, zone->nns, a->child_ns, a->nchild_ns))
		report_warn(rep, PTRCHECK_WARN_DELEGATION_MISMATCH,
		    PTRCHECK_SEVERITY_WARN, -1);
}

/* resolver_agrees - whether the resolver's PTR answer is the servers'. */
static bool
resolver_agrees(const struct ptrcheck_report *rep, const struct auth_row *c)
{
	struct dname names[PTRCHECK_MAX_PTR_NAMES];
	size_t i;

	for (i = 0; i < rep->nptr; i++)
		names[i] = rep->ptrs[i].name;
	return rep->ptr_answer == c->answer && rep->nptr_seen == c->nptr_seen &&
	       same_names(names, rep->nptr, c->ptrs, c->nptr);
}

static void
judge_resolver(struct ptrcheck_report *rep, const struct authority *a)
{
	const struct auth_row *c;
	bool disagree;

	if ((c = authority_consensus(a, &disagree)) == NULL)
		return;
	if (disagree) {
		report_warn(rep, PTRCHECK_WARN_SERVERS_DISAGREE,
		    PTRCHECK_SEVERITY_WARN, -1);
		return; /* the resolver may have either; nothing to compare with
		         */
	}
	/* The same answer from every server: a serial that differs is only a
	 * change on its way. */
	if (a->serials_differ)
		report_warn(rep, PTRCHECK_WARN_SERIAL_DIFFERS,
		    PTRCHECK_SEVERITY_INFO, -1);
	if (!answer_is_final(rep->ptr_answer) || rep->cname_loop ||
	    resolver_agrees(rep, c))
		return;
	if (c->answer == PTRCHECK_ANSWER_FOUND &&
	    (rep->ptr_answer == PTRCHECK_ANSWER_NXDOMAIN ||
	        rep->ptr_answer == PTRCHECK_ANSWER_NODATA))
		report_warn(rep, PTRCHECK_WARN_NEGATIVE_CACHE,
		    PTRCHECK_SEVERITY_WARN, -1);
	else if (!answer_is_failure(rep->ptr_answer))
		report_warn(rep, PTRCHECK_WARN_RESOLVER_DIFFERS,
		    PTRCHECK_SEVERITY_WARN, -1);
}

bool
authority_provider_undelegated(
    const struct authority *a, const struct auth_row *p)
{
	size_t i;

	if ((p->sources & AUTH_FROM_PROVIDER) == 0 || !authority_row_spoke(p) ||
	    p->answer != PTRCHECK_ANSWER_FOUND)
		return false;
	for (i = 0; i < a->nrows; i++)
		if (authority_is_delegated(a, &a->rows[i]) &&
		    ptrcheck_addr_equal(&a->rows[i].addr, &p->addr))
			return false;
	return true;
}

void
authority_judge(struct ptrcheck_report *rep)
{
	struct authority *a = rep->auth;
	size_t i;

	if (a == NULL || a->nlevels == 0)
		return;
	judge_servers(rep, a);
	judge_delegation(rep, a);
	judge_resolver(rep, a);
	if (a->cname_zone.len > 0)
		report_warn(
		    rep, PTRCHECK_WARN_RFC2317, PTRCHECK_SEVERITY_INFO, -1);
	for (i = 0; i < a->nrows; i++)
		if (authority_provider_undelegated(a, &a->rows[i]))
			report_warn(rep, PTRCHECK_WARN_PROVIDER_NOT_DELEGATED,
			    PTRCHECK_SEVERITY_WARN, -1);
}

bool
authority_ptr_ttl(
    const struct authority *a, const struct dname *name, uint32_t *ttl)
{
	size_t i, k;

	for (i = 0; a != NULL && i < a->nrows; i++) {
		const struct auth_row *r = &a->rows[i];

		if (!r->aa || r->answer != PTRCHECK_ANSWER_FOUND)
			continue;
		for (k = 0; k < r->nptr; k++)
			if (name_equal(&r->ptrs[k], name)) {
				*ttl = r->ptr_ttls[k];
				return true;
			}
	}
	return false;
}

uint32_t
authority_negative_ttl(const struct authority *a)
{
	/* RFC 2308 5: the lesser of the SOA's own TTL and its MINIMUM. */
	return a->soa.ttl < a->soa.minimum ? a->soa.ttl : a->soa.minimum;
}

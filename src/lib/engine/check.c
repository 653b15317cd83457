/*
 * check.c - one IP address as a small state machine on the event loop:
 * the PTR question (and the SOA question that names its zone) go out at
 * once, then the forward A/AAAA of every PTR name concurrently. One
 * deadline bounds the whole check; what has not answered by then stays
 * "timeout" and makes the verdict temporary.
 */
#include <event2/event.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "check_job.h"
#include "ctx.h"
#include "directory.h"
#include "dns.h"
#include "evidence.h"
#include "lookup.h"
#include "report.h"
#include "verdict.h"
#include "walk.h"

/* A chain of CNAMEs being recorded, and whether it loops. */
struct chain_ref {
	const struct dname *start;
	struct dname *names;
	uint32_t *ttls; /* may be NULL */
	size_t *n;
	bool *loop;
};

/* One in-flight question of a check; `hops` counts re-asks along CNAMEs. */
struct slot {
	struct check *ck;
	struct lookup *l;
	struct report_query *q;
	size_t ptr; /* which PTR name, for forward slots */
	unsigned hops;
	struct chain_ref chain;
};

struct check {
	struct job job; /* first: abandon() casts back */
	struct ptrcheck_ctx *ctx;
	struct ptrcheck_report *rep;
	ptrcheck_done_fn *done;
	void *arg;
	struct event *deadline;
	struct slot ptr_slot, soa_slot, fwd_slots[PTRCHECK_MAX_PTR_NAMES];
	/* the names' zones */
	struct slot fwd_soa_slots[PTRCHECK_MAX_PTR_NAMES];
	/* the PTR again with CD=1, after a SERVFAIL */
	struct slot unchecked_slot;
	struct slot resolver_slot; /* ". NS": is the resolver there at all? */
	struct slot want_slot, want_soa_slot; /* the name it should have */
	unsigned pending;
	/* scan --direct: the PTR zone's own servers, tried in turn */
	struct dir_waiter *dir_wait;
	struct ptrcheck_server dir[DIRECTORY_MAX_SERVERS];
	size_t ndir, dir_tried;
	struct auth_job *auth; /* the authority inspection, while it runs */
};

static void on_ptr(const struct lookup_result *res, void *arg);
static void on_soa(const struct lookup_result *res, void *arg);
static void on_fwd(const struct lookup_result *res, void *arg);
static void on_loop_probe(const struct lookup_result *res, void *arg);
static void on_fwd_soa(const struct lookup_result *res, void *arg);
static void on_ptr_direct(const struct lookup_result *res, void *arg);

static uint16_t
forward_type(const struct check *ck)
{
	return ck->rep->addr.family == AF_INET ? WIRE_TYPE_A : WIRE_TYPE_AAAA;
}

/* The way a slot's question goes out: validated (lookup_start) or with
 * CD=1 (lookup_start_unchecked). */
typedef enum ptrcheck_status start_fn(struct dns *dns,
    const struct dname *qname, uint16_t qtype, lookup_fn *cb, void *arg,
    struct lookup **out);

static enum ptrcheck_status
slot_start(struct slot *s, start_fn *start, const struct dname *name,
    uint16_t type, lookup_fn *cb)
{
	enum ptrcheck_status st;

	s->q = report_query_add(s->ck->rep, name, type);
	st = start(s->ck->ctx->dns, name, type, cb, s, &s->l);
	if (st != PTRCHECK_OK)
		return st;
	s->ck->pending++;
	return PTRCHECK_OK;
}

static enum ptrcheck_status
slot_ask(struct slot *s, const struct dname *name, uint16_t type, lookup_fn *cb)
{
	return slot_start(s, lookup_start, name, type, cb);
}

/* slot_answered - the question is no longer in flight; note what came. */
static void
slot_answered(struct slot *s, const struct lookup_result *res)
{
	s->l = NULL;
	s->ck->pending--;
	report_query_fill(s->q, res);
}

static void
check_free(struct check *ck)
{
	size_t i;

	if (ck == NULL)
		return;
	directory_unwait(ck->dir_wait);
	if (ck->auth != NULL)
		free(authority_stop(ck->auth));
	lookup_cancel(ck->ptr_slot.l);
	lookup_cancel(ck->soa_slot.l);
	lookup_cancel(ck->unchecked_slot.l);
	lookup_cancel(ck->resolver_slot.l);
	lookup_cancel(ck->want_slot.l);
	lookup_cancel(ck->want_soa_slot.l);
	for (i = 0; i < PTRCHECK_MAX_PTR_NAMES; i++) {
		lookup_cancel(ck->fwd_slots[i].l);
		lookup_cancel(ck->fwd_soa_slots[i].l);
	}
	if (ck->deadline != NULL)
		event_free(ck->deadline);
	job_unlink(&ck->job);
	ptrcheck_report_free(ck->rep); /* with its authority result, if any */
	free(ck);
}

static void
check_abandon(struct job *job)
{
	check_free((struct check *)job);
}

static void
check_finish(struct check *ck)
{
	struct ptrcheck_report *rep = ck->rep;
	ptrcheck_done_fn *done = ck->done;
	void *arg = ck->arg;

	verdict_decide(rep);
	ck->rep = NULL;
	check_free(ck);
	done(rep, arg);
}

static void
maybe_finish(struct check *ck)
{
	if (ck->pending == 0)
		check_finish(ck);
}

static void
on_deadline(evutil_socket_t fd, short what, void *arg)
{
	struct check *ck = arg;

	(void)fd;
	(void)what;
	ck->rep->deadline_hit = true;
	if (ck->auth != NULL) {
		/* Keep what the servers said so far. */
		ck->rep->auth = authority_stop(ck->auth);
		ck->auth = NULL;
	}
	check_finish(ck); /* unanswered queries stay "timeout" */
}

/* chain_add - one more CNAME target; true when it closes a loop (or the
 * chain grows longer than any resolver follows). */
static bool
chain_add(const struct chain_ref *c, const struct dname *target, uint32_t ttl)
{
	size_t j;

	if (name_equal(target, c->start))
		return true;
	for (j = 0; j < *c->n; j++)
		if (name_equal(target, &c->names[j]))
			return true;
	if (*c->n == WIRE_MAX_CHAIN)
		return true;
	if (c->ttls != NULL)
		c->ttls[*c->n] = ttl;
	c->names[(*c->n)++] = *target;
	return false;
}

/* chain_append - add a reply's CNAMEs to the chain; true on a loop. */
static bool
chain_append(const struct chain_ref *c, const struct wire_reply *r)
{
	size_t i;

	if (r->loop || r->too_long)
		return true;
	for (i = 0; i < r->nchain; i++)
		if (chain_add(c, &r->chain[i], r->chain_ttl[i]))
			return true;
	return false;
}

/* probe_loop - resolvers answer a CNAME loop with a bare SERVFAIL; walk
 * the chain with CNAME questions, which they answer without chasing, to
 * tell a loop from a server failure. True when a probe went out. */
static bool
probe_next(struct slot *s)
{
	const struct dname *from;

	if (s->hops >= WIRE_MAX_CHAIN)
		return false;
	from =
	    *s->chain.n > 0 ? &s->chain.names[*s->chain.n - 1] : s->chain.start;
	s->hops++;
	return slot_ask(s, from, WIRE_TYPE_CNAME, on_loop_probe) == PTRCHECK_OK;
}

static bool
probe_loop(struct slot *s, const struct lookup_result *res)
{
	return res->answer == PTRCHECK_ANSWER_SERVFAIL && probe_next(s);
}

static void
on_loop_probe(const struct lookup_result *res, void *arg)
{
	struct slot *s = arg;
	const struct wire_reply *r = res->reply;

	slot_answered(s, res);
	if (r != NULL && (r->loop || r->too_long)) /* a CNAME to itself, too */
		*s->chain.loop = true;
	else if (r != NULL && r->nchain > 0 && !*s->chain.loop) {
		if (chain_add(&s->chain, &r->chain[0], r->chain_ttl[0]))
			*s->chain.loop = true;
		else if (probe_next(s))
			return;
	}
	maybe_finish(s->ck);
}

/* chain_incomplete - the resolver stopped at a CNAME without saying what
 * the target holds (no data, no SOA): ask for the target ourselves. */
static bool
chain_incomplete(const struct lookup_result *res, const struct slot *s)
{
	const struct wire_reply *r = res->reply;

	return r != NULL && res->answer == PTRCHECK_ANSWER_NODATA &&
	       r->nchain > 0 && !r->soa.found && s->hops < WIRE_MAX_CHAIN;
}

static void
start_forward(struct check *ck, size_t i)
{
	struct slot *s = &ck->fwd_slots[i];
	struct report_ptr *p = &ck->rep->ptrs[i];

	s->ck = ck;
	s->ptr = i;
	s->chain = (struct chain_ref){
	    &p->name, p->fwd_chain, NULL, &p->nfwd_chain, &p->fwd_loop};
	p->fwd_answer = PTRCHECK_ANSWER_PENDING;
	if (slot_ask(s, &p->name, forward_type(ck), on_fwd) != PTRCHECK_OK)
		p->fwd_answer = PTRCHECK_ANSWER_NETWORK; /* stays not done */
	if (ck->ctx->opt.zone_lookup) {
		/* At the same time: the name's zone, for a fix that names it.
		 */
		ck->fwd_soa_slots[i].ck = ck;
		ck->fwd_soa_slots[i].ptr = i;
		(void)slot_ask(
		    &ck->fwd_soa_slots[i], &p->name, WIRE_TYPE_SOA, on_fwd_soa);
	}
}

/* --- the name the address should have ------------------------------ */

static void
on_want(const struct lookup_result *res, void *arg)
{
	struct slot *s = arg;
	struct report_want *w = &s->ck->rep->want;
	const struct wire_reply *r = res->reply;
	size_t i;

	slot_answered(s, res);
	w->answer = res->answer;
	for (i = 0; r != NULL && i < r->ndata && w->naddrs < REPORT_MAX_FORWARD;
	     i++) {
		w->addrs[w->naddrs++] = r->data[i].addr;
		w->confirms |=
		    ptrcheck_addr_equal(&r->data[i].addr, &s->ck->rep->addr);
	}
	if (r != NULL && r->soa.found && !w->soa.found)
		w->soa = r->soa; /* a negative answer names the zone */
	maybe_finish(s->ck);
}

static void
on_want_soa(const struct lookup_result *res, void *arg)
{
	struct slot *s = arg;
	struct report_want *w = &s->ck->rep->want;

	slot_answered(s, res);
	if (res->reply != NULL && res->reply->soa.found && !w->soa.found)
		w->soa = res->reply->soa;
	maybe_finish(s->ck);
}

/* ask_want - the forward addresses of name, and its zone, for the fix. */
static void
ask_want(struct check *ck, const struct dname *name)
{
	struct ptrcheck_report *rep = ck->rep;

	rep->want.name = *name;
	rep->want.answer = PTRCHECK_ANSWER_PENDING;
	ck->want_slot.ck = ck;
	(void)slot_ask(&ck->want_slot, name, forward_type(ck), on_want);
	if (ck->ctx->opt.zone_lookup) {
		ck->want_soa_slot.ck = ck;
		(void)slot_ask(
		    &ck->want_soa_slot, name, WIRE_TYPE_SOA, on_want_soa);
	}
}

/* want_from_invalid - the name an invalid PTR meant, looked up. */
static void
want_from_invalid(struct check *ck)
{
	struct ptrcheck_report *rep = ck->rep;
	struct dname meant;

	if (rep->hostname.len > 0 || rep->want.name.len > 0 || rep->ptr_only)
		return;
	if (report_meant_name(rep, &meant))
		ask_want(ck, &meant);
}

static void
take_ptr_names(struct check *ck, const struct wire_reply *r)
{
	struct ptrcheck_report *rep = ck->rep;
	size_t i;

	rep->nptr_seen = r->ndata_seen;
	rep->ptr_aa = r->aa; /* scan --direct: the TTLs are the records' own */
	for (i = 0; i < r->ndata && rep->nptr < PTRCHECK_MAX_PTR_NAMES; i++) {
		struct report_ptr *p = report_ptr_add(rep);

		p->name = r->data[i].name;
		p->ttl = r->data[i].ttl;
		p->problem = name_check_host(&p->name);
	}
	for (i = 0; i < rep->nptr && !rep->ptr_only; i++)
		if (rep->ptrs[i].problem == NAME_OK)
			start_forward(ck, i);
	want_from_invalid(ck);
}

/* on_unchecked - the PTR asked with CD=1 after a SERVFAIL: an answer now
 * means the resolver's DNSSEC validation failed, not the zone's server. */
static void
on_unchecked(const struct lookup_result *res, void *arg)
{
	struct slot *s = arg;

	slot_answered(s, res);
	if (res->answer == PTRCHECK_ANSWER_FOUND ||
	    res->answer == PTRCHECK_ANSWER_NXDOMAIN ||
	    res->answer == PTRCHECK_ANSWER_NODATA)
		s->ck->rep->dnssec_bogus = true;
	maybe_finish(s->ck);
}

/* on_resolver_probe - ". NS", which any working resolver answers from its
 * cache at once: failing too, the resolver itself is down. */
static void
on_resolver_probe(const struct lookup_result *res, void *arg)
{
	struct slot *s = arg;

	slot_answered(s, res);
	if (res->answer == PTRCHECK_ANSWER_TIMEOUT ||
	    res->answer == PTRCHECK_ANSWER_NETWORK ||
	    res->answer == PTRCHECK_ANSWER_REFUSED)
		s->ck->rep->resolver_unreachable = true;
	maybe_finish(s->ck);
}

/* probe_failure - a second question that names why the PTR question
 * failed: CD=1 after a SERVFAIL (DNSSEC), ". NS" after a timeout (is the
 * resolver there?). A refusal or a refused connection says it at once.
 * Only through a resolver: asked directly, a server's failure is its own. */
static void
probe_failure(struct check *ck, const struct lookup_result *res)
{
	static const struct dname root = {1, {0}};
	struct ptrcheck_report *rep = ck->rep;

	if (ck->ctx->opt.direct)
		return;
	rep->ptr_ede = res->reply != NULL ? res->reply->ede : -1;
	switch (res->answer) {
	case PTRCHECK_ANSWER_SERVFAIL:
		ck->unchecked_slot.ck = ck;
		(void)slot_start(&ck->unchecked_slot, lookup_start_unchecked,
		    &rep->owner, WIRE_TYPE_PTR, on_unchecked);
		return;
	case PTRCHECK_ANSWER_NETWORK:
	case PTRCHECK_ANSWER_REFUSED:
		rep->resolver_unreachable = true;
		return;
	case PTRCHECK_ANSWER_TIMEOUT:
		ck->resolver_slot.ck = ck;
		(void)slot_ask(
		    &ck->resolver_slot, &root, WIRE_TYPE_NS, on_resolver_probe);
		return;
	default:
		return;
	}
}

static void
on_ptr(const struct lookup_result *res, void *arg)
{
	struct slot *s = arg;
	struct check *ck = s->ck;
	struct ptrcheck_report *rep = ck->rep;
	const struct wire_reply *r = res->reply;

	slot_answered(s, res);
	if (r != NULL && chain_append(&s->chain, r)) {
		rep->cname_loop = true;
	} else if (chain_incomplete(res, s)) {
		s->hops++;
		if (slot_ask(s, &r->final, WIRE_TYPE_PTR, on_ptr) ==
		    PTRCHECK_OK)
			return;
	}
	rep->ptr_answer = res->answer;
	rep->ptr_rcode = res->rcode;
	if (r != NULL)
		rep->ptr_soa = r->soa;
	if (r != NULL && res->answer == PTRCHECK_ANSWER_FOUND &&
	    !rep->cname_loop) {
		take_ptr_names(ck, r);
	} else if (answer_is_failure(res->answer) && !rep->cname_loop) {
		/* At once, each in its own slot: the check waits for all. */
		(void)probe_loop(s, res);
		probe_failure(ck, res);
	}
	maybe_finish(ck);
}

static void
on_soa(const struct lookup_result *res, void *arg)
{
	struct slot *s = arg;

	slot_answered(s, res);
	if (res->reply != NULL && res->reply->soa.found)
		s->ck->rep->zone_soa = res->reply->soa;
	maybe_finish(s->ck);
}

static void
on_fwd_soa(const struct lookup_result *res, void *arg)
{
	struct slot *s = arg;
	struct report_ptr *p = &s->ck->rep->ptrs[s->ptr];

	slot_answered(s, res);
	/* A negative forward answer brings its own SOA; keep that one. */
	if (res->reply != NULL && res->reply->soa.found && !p->fwd_soa.found)
		p->fwd_soa = res->reply->soa;
	maybe_finish(s->ck);
}

static void
take_forward(struct check *ck, struct report_ptr *p, const struct wire_reply *r)
{
	size_t i;

	for (i = 0; i < r->ndata && p->nfwd < REPORT_MAX_FORWARD; i++) {
		p->fwd[p->nfwd++] = r->data[i].addr;
		if (ptrcheck_addr_equal(&r->data[i].addr, &ck->rep->addr))
			p->confirms = true;
	}
}

static void
on_fwd(const struct lookup_result *res, void *arg)
{
	struct slot *s = arg;
	struct check *ck = s->ck;
	struct report_ptr *p = &ck->rep->ptrs[s->ptr];
	const struct wire_reply *r = res->reply;

	slot_answered(s, res);
	if (r != NULL && chain_append(&s->chain, r)) {
		p->fwd_loop = true;
	} else if (chain_incomplete(res, s)) {
		s->hops++;
		if (slot_ask(s, &r->final, forward_type(ck), on_fwd) ==
		    PTRCHECK_OK)
			return;
	}
	p->fwd_answer = res->answer;
	if (r != NULL) {
		if (r->soa.found)
			p->fwd_soa = r->soa;
		if (!p->fwd_loop)
			take_forward(ck, p, r);
	}
	if (probe_loop(s, res))
		return;
	maybe_finish(ck);
}

static struct check *
check_new(struct ptrcheck_ctx *ctx, const struct ptrcheck_addr *addr)
{
	char owner[PTRCHECK_ARPA_TEXT_MAX];
	struct check *ck;

	if ((ck = calloc(1, sizeof(*ck))) == NULL)
		return NULL;
	ck->job.next = ck->job.prev = &ck->job;
	ck->job.abandon = check_abandon;
	ck->ctx = ctx;
	if ((ck->rep = report_new()) == NULL)
		goto fail;
	ck->rep->addr = *addr;
	ck->rep->ptr_rcode = -1;
	ck->rep->ptr_ede = -1;
	ck->rep->ptr_answer = PTRCHECK_ANSWER_PENDING; /* always asked */
	ck->rep->ptr_only = ctx->opt.ptr_only;
	ck->rep->helo = ctx->opt.helo;
	if (ptrcheck_arpa_from_addr(addr, owner, sizeof(owner)) !=
	        PTRCHECK_OK ||
	    name_from_text(owner, &ck->rep->owner) != PTRCHECK_OK)
		goto fail;
	ck->deadline = evtimer_new(ctx->base, on_deadline, ck);
	if (ck->deadline == NULL)
		goto fail;
	return ck;
fail:
	check_free(ck);
	return NULL;
}

/* --- scan --direct: the PTR from the zone's own servers ------------------ */

/* ask_direct - the PTR from the next untried server; false when none is
 * left. The first server depends on the address, to spread the load. */
static bool
ask_direct(struct check *ck)
{
	struct slot *s = &ck->ptr_slot;
	const struct ptrcheck_server *srv;
	size_t first =
	    ck->rep->addr.bytes[ck->rep->addr.family == AF_INET ? 3 : 15];

	if (ck->dir_tried >= ck->ndir)
		return false;
	srv = &ck->dir[(first + ck->dir_tried++) % ck->ndir];
	s->q = report_query_add(ck->rep, &ck->rep->owner, WIRE_TYPE_PTR);
	if (lookup_direct_start(ck->ctx->dns, srv, &ck->rep->owner,
	        WIRE_TYPE_PTR, on_ptr_direct, s, &s->l) != PTRCHECK_OK)
		return false;
	ck->pending++;
	return true;
}

/* direct_unusable - no answer worth judging: a failure, or a server that
 * does not speak for the zone (a referral or a lame reply). */
static bool
direct_unusable(const struct lookup_result *res)
{
	switch (res->answer) {
	case PTRCHECK_ANSWER_FOUND:
	case PTRCHECK_ANSWER_NXDOMAIN:
	case PTRCHECK_ANSWER_NODATA:
		return res->reply == NULL || !res->reply->aa;
	default:
		return true;
	}
}

static bool
ask_resolver_for_ptr(struct check *ck)
{
	return slot_ask(&ck->ptr_slot, &ck->rep->owner, WIRE_TYPE_PTR,
	           on_ptr) == PTRCHECK_OK;
}

static void
on_ptr_direct(const struct lookup_result *res, void *arg)
{
	struct slot *s = arg;
	struct check *ck = s->ck;

	if (!direct_unusable(res) || (res->answer == PTRCHECK_ANSWER_TIMEOUT &&
	                                 ck->dir_tried >= ck->ndir)) {
		on_ptr(res, arg); /* a silent zone stays temporary */
		return;
	}
	slot_answered(s, res);
	if (!ask_direct(ck) && !ask_resolver_for_ptr(ck))
		maybe_finish(ck); /* the PTR stays "timeout": temporary */
}

/* take_servers - ask the first of them, or the resolver when none. */
static bool
take_servers(struct check *ck, const struct ptrcheck_server *servers, size_t n)
{
	memcpy(ck->dir, servers, n * sizeof(*servers));
	ck->ndir = n;
	return ask_direct(ck) || ask_resolver_for_ptr(ck);
}

static void
on_directory(const struct ptrcheck_server *servers, size_t n, void *arg)
{
	struct check *ck = arg;

	ck->dir_wait = NULL;
	if (!take_servers(ck, servers, n))
		maybe_finish(ck);
}

static enum ptrcheck_status
begin_direct(struct check *ck)
{
	struct ptrcheck_server servers[DIRECTORY_MAX_SERVERS];
	size_t n;

	ck->ptr_slot.ck = ck;
	if (!directory_find(ck->ctx->dns, &ck->rep->addr, servers, &n,
	        on_directory, ck, &ck->dir_wait))
		return PTRCHECK_OK;
	return take_servers(ck, servers, n) ? PTRCHECK_OK : PTRCHECK_ERESOLVER;
}

static void
on_authority(struct authority *a, void *arg)
{
	struct check *ck = arg;

	ck->auth = NULL;
	ck->rep->auth = a;
	ck->pending--;
	maybe_finish(ck);
}

/* begin_authority - the zone's servers, alongside the check's own
 * questions; best effort: without it the check still stands. */
static void
begin_authority(struct check *ck)
{
	if (authority_start(ck->ctx, &ck->rep->owner, on_authority, ck,
	        &ck->auth) == PTRCHECK_OK)
		ck->pending++;
}

static enum ptrcheck_status
check_begin(struct check *ck)
{
	struct timeval tv;
	enum ptrcheck_status st;

	tv.tv_sec = ck->ctx->opt.deadline_ms / 1000;
	tv.tv_usec = (ck->ctx->opt.deadline_ms % 1000) * 1000;
	if (evtimer_add(ck->deadline, &tv) != 0)
		return PTRCHECK_ENOMEM;
	ck->ptr_slot.ck = ck;
	ck->ptr_slot.chain = (struct chain_ref){&ck->rep->owner,
	    ck->rep->ptr_chain, ck->rep->ptr_chain_ttl, &ck->rep->nptr_chain,
	    &ck->rep->cname_loop};
	if (ck->ctx->opt.direct)
		return begin_direct(ck);
	st = slot_ask(&ck->ptr_slot, &ck->rep->owner, WIRE_TYPE_PTR, on_ptr);
	if (st != PTRCHECK_OK)
		return st;
	if (ck->ctx->opt.zone_lookup) {
		ck->soa_slot.ck = ck;
		/* Best effort: the fix falls back to the conventional zone. */
		(void)slot_ask(
		    &ck->soa_slot, &ck->rep->owner, WIRE_TYPE_SOA, on_soa);
	}
	if (ck->ctx->opt.authority)
		begin_authority(ck);
	if (ck->rep->hostname.len > 0 && !ck->rep->ptr_only)
		ask_want(ck, &ck->rep->hostname);
	return PTRCHECK_OK;
}

enum ptrcheck_status
ptrcheck_check_start(struct ptrcheck_ctx *ctx, const struct ptrcheck_addr *addr,
    const char *hostname, ptrcheck_done_fn *done, void *arg)
{
	struct check *ck;

	return check_start(ctx, addr, hostname, done, arg, &ck);
}

void
check_cancel(struct check *ck)
{
	check_free(ck);
}

enum ptrcheck_status
check_start(struct ptrcheck_ctx *ctx, const struct ptrcheck_addr *addr,
    const char *hostname, ptrcheck_done_fn *done, void *arg, struct check **out)
{
	struct check *ck;
	enum ptrcheck_status st;

	if (ctx == NULL || addr == NULL || done == NULL ||
	    (addr->family != AF_INET && addr->family != AF_INET6))
		return PTRCHECK_EINVAL;
	if ((ck = check_new(ctx, addr)) == NULL)
		return PTRCHECK_ENOMEM;
	if (hostname != NULL &&
	    name_from_text(hostname, &ck->rep->hostname) != PTRCHECK_OK) {
		check_free(ck);
		return PTRCHECK_EINVAL;
	}
	ck->done = done;
	ck->arg = arg;
	if ((st = check_begin(ck)) != PTRCHECK_OK) {
		check_free(ck);
		return st;
	}
	ctx_job_add(ctx, &ck->job);
	*out = ck;
	return PTRCHECK_OK;
}

static void
store_report(struct ptrcheck_report *rep, void *arg)
{
	*(struct ptrcheck_report **)arg = rep;
}

enum ptrcheck_status
ptrcheck_check_addr(struct ptrcheck_ctx *ctx, const struct ptrcheck_addr *addr,
    struct ptrcheck_report **out)
{
	struct ptrcheck_report *rep = NULL;
	enum ptrcheck_status st;

	if ((st = ptrcheck_check_start(ctx, addr, NULL, store_report, &rep)) !=
	    PTRCHECK_OK)
		return st;
	/* The check's deadline timer keeps the loop busy until it is done. */
	while (rep == NULL)
		if (event_base_loop(ctx->base, EVLOOP_ONCE) != 0)
			break;
	if (rep == NULL)
		return PTRCHECK_ERESOLVER;
	*out = rep;
	return PTRCHECK_OK;
}

/*
 * target.c - "check mail.example.com" and "check --mx example.com": find
 * the addresses, then start one check per address, all on the loop.
 */
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "dns.h"
#include "evidence.h"
#include "lookup.h"
#include "target.h"

static void on_addr(const struct lookup_result *res, void *arg);
static void on_check_done(struct ptrcheck_report *rep, void *arg);

static void
target_free_all(struct ptrcheck_target *t)
{
	size_t i;

	lookup_cancel(t->mx_slot.l);
	for (i = 0; i < t->nhosts; i++) {
		lookup_cancel(t->hosts[i].a_slot.l);
		lookup_cancel(t->hosts[i].aaaa_slot.l);
	}
	job_unlink(&t->job);
	for (i = 0; i < t->nresults; i++)
		ptrcheck_report_free(t->results[i].rep);
	free(t);
}

void
ptrcheck_target_free(struct ptrcheck_target *t)
{
	if (t != NULL)
		target_free_all(t);
}

static void
target_abandon(struct job *job)
{
	target_free_all((struct ptrcheck_target *)job);
}

static void
maybe_done(struct ptrcheck_target *t)
{
	if (t->pending > 0)
		return;
	job_unlink(&t->job);
	t->done(t, t->arg);
}

static void
slot_record(struct target_slot *s, const struct lookup_result *res)
{
	s->l = NULL;
	s->t->pending--;
	report_query_fill(s->q, res);
}

static void
slot_ask(struct target_slot *s, const struct dname *name, uint16_t type,
    lookup_fn *cb, enum ptrcheck_answer *failed)
{
	s->q = query_log_add(
	    s->t->queries, &s->t->nqueries, TARGET_MAX_QUERIES, name, type);
	if (lookup_start(s->t->ctx->dns, name, type, cb, s, &s->l) ==
	    PTRCHECK_OK)
		s->t->pending++;
	else
		*failed = PTRCHECK_ANSWER_NETWORK;
}

static void
host_resolve(struct ptrcheck_target *t, size_t i)
{
	struct target_host *h = &t->hosts[i];

	h->a_slot.t = h->aaaa_slot.t = t;
	h->a_slot.host = h->aaaa_slot.host = i;
	slot_ask(&h->a_slot, &h->name, WIRE_TYPE_A, on_addr, &h->a_answer);
	slot_ask(
	    &h->aaaa_slot, &h->name, WIRE_TYPE_AAAA, on_addr, &h->aaaa_answer);
	/* A question that could not be sent is done, with its failure. */
	h->a_done = h->a_slot.l == NULL;
	h->aaaa_done = h->aaaa_slot.l == NULL;
}

static void
add_host(struct ptrcheck_target *t, const struct dname *name, uint16_t pref)
{
	struct target_host *h;

	if (t->nhosts == TARGET_MAX_HOSTS)
		return;
	h = &t->hosts[t->nhosts++];
	memset(h, 0, sizeof(*h));
	h->name = *name;
	h->pref = pref;
}

static int
by_pref(const void *a, const void *b)
{
	const struct target_host *x = a, *y = b;

	return (int)x->pref - (int)y->pref;
}

/* take_mx - RFC 7505 null MX, RFC 5321 5.1 implicit MX, or the hosts. */
static void
take_mx(struct ptrcheck_target *t, const struct lookup_result *res)
{
	const struct wire_reply *r = res->reply;
	size_t i;

	t->mx_answer = res->answer;
	if (res->answer == PTRCHECK_ANSWER_NODATA) {
		t->implicit_mx = true;
		add_host(t, &t->input, 0);
		return;
	}
	if (res->answer != PTRCHECK_ANSWER_FOUND || r == NULL)
		return;
	t->nmx_seen = r->ndata_seen;
	if (r->ndata == 1 && name_label_count(&r->data[0].name) == 0) {
		t->null_mx = true;
		return;
	}
	for (i = 0; i < r->ndata; i++)
		if (name_label_count(&r->data[i].name) > 0)
			add_host(t, &r->data[i].name, r->data[i].pref);
	qsort(t->hosts, t->nhosts, sizeof(t->hosts[0]), by_pref);
}

static void
on_mx(const struct lookup_result *res, void *arg)
{
	struct target_slot *s = arg;
	struct ptrcheck_target *t = s->t;
	size_t i;

	slot_record(s, res);
	t->mx_done = true;
	take_mx(t, res);
	for (i = 0; i < t->nhosts; i++)
		host_resolve(t, i);
	maybe_done(t);
}

static void
check_address(
    struct ptrcheck_target *t, size_t host, const struct ptrcheck_addr *a)
{
	char hostname[PTRCHECK_NAME_TEXT_MAX];
	struct target_result *r;

	if (t->nresults == TARGET_MAX_RESULTS) {
		t->results_capped = true;
		return;
	}
	r = &t->results[t->nresults];
	r->t = t;
	r->host = host;
	r->rep = NULL;
	name_text(&t->hosts[host].name, hostname, sizeof(hostname));
	if (ptrcheck_check_start(t->ctx, a, hostname, on_check_done, r) ==
	    PTRCHECK_OK) {
		t->nresults++;
		t->pending++;
	}
}

static void
host_take(struct target_host *h, const struct wire_reply *r)
{
	size_t i, j;

	for (i = 0; r != NULL && i < r->ndata && h->naddr < TARGET_MAX_ADDRS;
	     i++) {
		for (j = 0; j < h->naddr; j++)
			if (ptrcheck_addr_equal(&h->addrs[j], &r->data[i].addr))
				break;
		if (j == h->naddr)
			h->addrs[h->naddr++] = r->data[i].addr;
	}
}

static void
on_addr(const struct lookup_result *res, void *arg)
{
	struct target_slot *s = arg;
	struct ptrcheck_target *t = s->t;
	struct target_host *h = &t->hosts[s->host];
	size_t i;

	slot_record(s, res);
	if (s == &h->a_slot) {
		h->a_done = true;
		h->a_answer = res->answer;
	} else {
		h->aaaa_done = true;
		h->aaaa_answer = res->answer;
	}
	if (res->answer == PTRCHECK_ANSWER_FOUND)
		host_take(h, res->reply);
	if (h->a_done && h->aaaa_done)
		for (i = 0; i < h->naddr; i++)
			check_address(t, s->host, &h->addrs[i]);
	maybe_done(t);
}

static void
on_check_done(struct ptrcheck_report *rep, void *arg)
{
	struct target_result *r = arg;

	r->rep = rep;
	r->t->pending--;
	maybe_done(r->t);
}

enum ptrcheck_status
ptrcheck_target_start(struct ptrcheck_ctx *ctx, const char *name, bool mx,
    ptrcheck_target_fn *done, void *arg)
{
	struct ptrcheck_target *t;
	enum ptrcheck_answer failed = PTRCHECK_ANSWER_FOUND;

	if (ctx == NULL || name == NULL || done == NULL)
		return PTRCHECK_EINVAL;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return PTRCHECK_ENOMEM;
	t->job.next = t->job.prev = &t->job;
	t->job.abandon = target_abandon;
	t->ctx = ctx;
	t->done = done;
	t->arg = arg;
	t->mx = mx;
	if (name_from_text(name, &t->input) != PTRCHECK_OK ||
	    name_label_count(&t->input) == 0) {
		free(t);
		return PTRCHECK_EINVAL;
	}
	if (mx) {
		t->mx_slot.t = t;
		slot_ask(&t->mx_slot, &t->input, WIRE_TYPE_MX, on_mx, &failed);
	} else {
		add_host(t, &t->input, 0);
		host_resolve(t, 0);
	}
	if (t->pending == 0) {
		dns_set_error(ctx->dns, "could not send the first query");
		free(t);
		return PTRCHECK_ERESOLVER;
	}
	ctx_job_add(ctx, &t->job);
	return PTRCHECK_OK;
}

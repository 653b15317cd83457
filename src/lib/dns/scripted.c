/*
 * scripted.c - the scripted transport (scripted.h). Replies are real DNS
 * messages: the query is built by wire.c as for a server, then ldns turns
 * it into the scripted reply, so wire_parse reads them as it reads any.
 */
#include <event2/event.h>
#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scripted.h"
#include "transport.h"
#include "wire.h"

#define SENT_LOG_MAX 4096

struct sent {
	char server[PTRCHECK_SERVER_TEXT_MAX];
	struct dname qname;
	uint16_t qtype;
	uint64_t at_us; /* CLOCK_MONOTONIC, when send was called */
};

struct stransport {
	struct transport pub; /* first */
	const struct script_step *steps;
	size_t nsteps;
	unsigned *used; /* per step */
	struct sent log[SENT_LOG_MAX];
	size_t nlog;
	unsigned unmatched, in_flight, peak, last_flags;
};

struct stry;

struct sep {
	struct endpoint pub; /* first */
	unsigned timeout_ms;
	struct stry *tries; /* in flight */
};

struct stry {
	struct stry *next;
	struct sep *ep;
	struct event *ev;
	try_fn *cb;
	void *arg;
	enum try_outcome out;
	uint8_t *msg;
	size_t len;
};

static struct stransport *
st_of(struct transport *t)
{
	return (struct stransport *)t;
}

static bool
name_matches(const char *text, const struct dname *n)
{
	struct dname want;

	return text == NULL || (name_from_text(text, &want) == PTRCHECK_OK &&
	                           name_equal(&want, n));
}

static const struct script_step *
step_for(struct stransport *s, const char *server, const struct dname *qname,
    uint16_t qtype)
{
	size_t i;

	for (i = 0; i < s->nsteps; i++) {
		const struct script_step *st = &s->steps[i];

		if (st->times != 0 && s->used[i] >= st->times)
			continue;
		if (st->server != NULL && strcmp(st->server, server) != 0)
			continue;
		if (st->qtype != 0 && st->qtype != qtype)
			continue;
		if (!name_matches(st->qname, qname))
			continue;
		s->used[i]++;
		return st;
	}
	s->unmatched++;
	return NULL;
}

/* add_records - zone-file lines into one section of pkt. */
static bool
add_records(ldns_pkt *pkt, ldns_pkt_section sec, const char *lines)
{
	char line[1024];
	const char *p = lines, *nl;
	ldns_rr *rr;

	while (p != NULL && *p != '\0') {
		size_t n;

		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (n >= sizeof(line))
			return false;
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl != NULL ? nl + 1 : NULL;
		if (n == 0)
			continue;
		if (ldns_rr_new_frm_str(&rr, line, 3600, NULL, NULL) !=
		    LDNS_STATUS_OK)
			return false;
		if (!ldns_pkt_push_rr(pkt, sec, rr)) {
			ldns_rr_free(rr);
			return false;
		}
	}
	return true;
}

/* build_reply - the query for qname turned into the step's reply. */
static bool
build_reply(const struct script_step *st, const struct dname *qname,
    uint16_t qtype, unsigned flags, uint8_t **msg, size_t *len)
{
	uint8_t *q = NULL;
	size_t qlen;
	ldns_pkt *pkt = NULL;
	bool ok;

	if (wire_query(qname, qtype, 4242, flags, &q, &qlen) != PTRCHECK_OK)
		return false;
	ok = ldns_wire2pkt(&pkt, q, qlen) == LDNS_STATUS_OK;
	free(q);
	if (!ok)
		return false;
	ldns_pkt_set_qr(pkt, true);
	ldns_pkt_set_ra(pkt, (flags & WIRE_RD) != 0);
	ldns_pkt_set_aa(pkt, st->aa);
	ldns_pkt_set_rcode(pkt, (uint8_t)st->rcode);
	ok = add_records(pkt, LDNS_SECTION_ANSWER, st->answer) &&
	     add_records(pkt, LDNS_SECTION_AUTHORITY, st->authority) &&
	     add_records(pkt, LDNS_SECTION_ADDITIONAL, st->additional) &&
	     ldns_pkt2wire(msg, pkt, len) == LDNS_STATUS_OK;
	ldns_pkt_free(pkt);
	return ok;
}

static void
try_unlink(struct stry *t)
{
	struct stry **pp;

	for (pp = &t->ep->tries; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			return;
		}
	}
}

static void
try_free(struct stry *t)
{
	if (t->ev != NULL)
		event_free(t->ev);
	free(t->msg);
	free(t);
}

static void
on_due(evutil_socket_t fd, short what, void *arg)
{
	struct stry *t = arg;

	(void)fd;
	(void)what;
	try_unlink(t);
	st_of(t->ep->pub.t)->in_flight--;
	t->cb(t->arg, t->out, t->msg, t->len);
	try_free(t);
}

/* outcome - what the step makes of the try, and when it is due. */
static bool
outcome(struct stry *t, const struct script_step *st, const struct dname *qname,
    uint16_t qtype, unsigned flags, unsigned *ms)
{
	*ms = st != NULL ? st->delay_ms : 0;
	if (st == NULL || st->what == SCRIPT_LOSE) {
		t->out = TRY_TIMEOUT;
		*ms = t->ep->timeout_ms;
		return true;
	}
	if (st->what == SCRIPT_NETWORK) {
		t->out = TRY_NETWORK;
		return true;
	}
	t->out = TRY_REPLY;
	if (st->what == SCRIPT_GARBAGE) {
		static const uint8_t junk[] = {0x12, 0x34, 0x81};

		if ((t->msg = malloc(sizeof(junk))) == NULL)
			return false;
		memcpy(t->msg, junk, sizeof(junk));
		t->len = sizeof(junk);
		return true;
	}
	return build_reply(st, qname, qtype, flags, &t->msg, &t->len);
}

static uint64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static void
log_sent(struct stransport *s, const struct sep *ep, const struct dname *qname,
    uint16_t qtype, unsigned flags)
{
	s->last_flags = flags;
	if (s->nlog == SENT_LOG_MAX)
		return;
	snprintf(s->log[s->nlog].server, sizeof(s->log[0].server), "%s",
	    ep->pub.label);
	s->log[s->nlog].qname = *qname;
	s->log[s->nlog].qtype = qtype;
	s->log[s->nlog].at_us = now_us();
	s->nlog++;
}

static enum ptrcheck_status
scripted_send(struct endpoint *pub, const struct dname *qname, uint16_t qtype,
    unsigned flags, try_fn *cb, void *arg)
{
	struct sep *ep = (struct sep *)pub;
	struct stransport *s = st_of(pub->t);
	const struct script_step *st;
	struct stry *t;
	struct timeval tv;
	unsigned ms;

	log_sent(s, ep, qname, qtype, flags);
	st = step_for(s, pub->label, qname, qtype);
	if (st != NULL && st->what == SCRIPT_SEND_FAILS)
		return PTRCHECK_ERESOLVER;
	if (st != NULL && st->what == SCRIPT_FAIL_INLINE) {
		cb(arg, TRY_NETWORK, NULL, 0); /* as c-ares may */
		return PTRCHECK_OK;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return PTRCHECK_ENOMEM;
	t->ep = ep;
	t->cb = cb;
	t->arg = arg;
	if (!outcome(t, st, qname, qtype, flags, &ms) ||
	    (t->ev = evtimer_new(pub->t->base, on_due, t)) == NULL) {
		try_free(t);
		return PTRCHECK_ENOMEM;
	}
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	if (evtimer_add(t->ev, &tv) != 0) {
		try_free(t);
		return PTRCHECK_ENOMEM;
	}
	t->next = ep->tries;
	ep->tries = t;
	if (++s->in_flight > s->peak)
		s->peak = s->in_flight;
	return PTRCHECK_OK;
}

static enum ptrcheck_status
scripted_endpoint_new(struct transport *t, const struct ptrcheck_server *srv,
    unsigned timeout_ms, struct endpoint **out, char *err, size_t errlen)
{
	struct sep *ep;

	(void)err;
	(void)errlen;
	if ((ep = calloc(1, sizeof(*ep))) == NULL)
		return PTRCHECK_ENOMEM;
	endpoint_init(&ep->pub, t, srv);
	ep->timeout_ms = timeout_ms;
	*out = &ep->pub;
	return PTRCHECK_OK;
}

static void
scripted_endpoint_free(struct endpoint *pub)
{
	struct sep *ep = (struct sep *)pub;
	struct stry *t;

	while ((t = ep->tries) != NULL) {
		ep->tries = t->next;
		st_of(pub->t)->in_flight--;
		t->cb(t->arg, TRY_GONE, NULL, 0);
		try_free(t);
	}
	free(ep);
}

static enum ptrcheck_status
scripted_default_servers(struct transport *t, struct ptrcheck_server *out,
    size_t max, size_t *n, char *err, size_t errlen)
{
	(void)t;
	(void)out;
	(void)max;
	*n = 0;
	snprintf(err, errlen, "the scripted transport has no system resolver");
	return PTRCHECK_ERESOLVER;
}

static void
scripted_free(struct transport *t)
{
	free(st_of(t)->used);
	free(t);
}

static const struct transport_ops scripted_ops = {
    .endpoint_new = scripted_endpoint_new,
    .endpoint_free = scripted_endpoint_free,
    .send = scripted_send,
    .default_servers = scripted_default_servers,
    .free = scripted_free,
};

struct transport *
scripted_new(struct event_base *base, const struct script_step *steps, size_t n)
{
	struct stransport *s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	if ((s->used = calloc(n > 0 ? n : 1, sizeof(*s->used))) == NULL) {
		free(s);
		return NULL;
	}
	s->pub.ops = &scripted_ops;
	s->pub.base = base;
	s->steps = steps;
	s->nsteps = n;
	return &s->pub;
}

unsigned
scripted_sent(const struct transport *t, const char *server, const char *qname,
    uint16_t qtype)
{
	const struct stransport *s = (const struct stransport *)t;
	unsigned count = 0;
	size_t i;

	for (i = 0; i < s->nlog; i++) {
		const struct sent *e = &s->log[i];

		if ((server == NULL || strcmp(server, e->server) == 0) &&
		    (qtype == 0 || qtype == e->qtype) &&
		    name_matches(qname, &e->qname))
			count++;
	}
	return count;
}

unsigned
scripted_unmatched(const struct transport *t)
{
	return ((const struct stransport *)t)->unmatched;
}

unsigned
scripted_in_flight(const struct transport *t)
{
	return ((const struct stransport *)t)->in_flight;
}

unsigned
scripted_last_flags(const struct transport *t)
{
	return ((const struct stransport *)t)->last_flags;
}

unsigned
scripted_peak_in_flight(const struct transport *t)
{
	return ((const struct stransport *)t)->peak;
}

unsigned
scripted_most_in_window(const struct transport *t, unsigned window_ms)
{
	const struct stransport *s = (const struct stransport *)t;
	size_t i, j = 0;
	unsigned most = 0;

	/* The log is in send order, so its times never go back. */
	for (i = 0; i < s->nlog; i++) {
		while (s->log[i].at_us - s->log[j].at_us >=
		       (uint64_t)window_ms * 1000)
			j++;
		if (i - j + 1 > most)
			most = (unsigned)(i - j + 1);
	}
	return most;
}

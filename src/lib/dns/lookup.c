/*
 * lookup.c - one logical question: which server to ask, when (the pacer),
 * and what to do with a lost or failed answer. Through the resolvers, a
 * failed try moves on to the next resolver; asked directly, a lost answer
 * is retried on the same server after a growing pause. a transport carries
 * the packets (transport.h); wire.c checks that a reply answers the question.
 */
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dns.h"
#include "lookup.h"
#include "pacer.h"
#include "textbuf.h"
#include "transport.h"
#include "wire.h"

#define BACKOFF_FIRST_MS 200

struct lookup {
	struct job job;         /* on dns->backoffs while waiting to retry */
	struct pacer_item pace; /* while waiting for its turn */
	struct dns *dns;
	struct dname qname;
	uint16_t qtype;
	lookup_fn *cb; /* NULL once cancelled */
	void *arg;
	unsigned tries, max_tries;
	size_t server;         /* resolver index of the current try */
	struct direct *direct; /* NULL through the resolvers */
	struct event *backoff; /* direct retries only */
	/* a failure met while sending, delivered from the loop */
	struct event *later;
	enum try_outcome later_outcome;
	bool unchecked;     /* CD=1: the resolver's answer without validation */
	bool sending;       /* inside endpoint_send: no callback may run now */
	bool failed_inline; /* ... and a failure came that could not wait */
	struct timespec sent;
};

static void lookup_try(struct lookup *l);

static struct endpoint *
endpoint_of(const struct lookup *l)
{
	return l->direct != NULL ? l->direct->ep : l->dns->resolvers[l->server];
}

static struct pacer *
pacer_of(const struct lookup *l)
{
	return l->direct != NULL ? l->direct->pacer : l->dns->pacer;
}

static void
lookup_free(struct lookup *l)
{
	if (l->backoff != NULL)
		event_free(l->backoff);
	if (l->later != NULL)
		event_free(l->later);
	free(l);
}

static unsigned
elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - since->tv_sec) * 1000 +
	     (now.tv_nsec - since->tv_nsec) / 1000000;
	return ms < 0 ? 0 : (unsigned)ms;
}

static enum ptrcheck_answer
answer_from_reply(const struct wire_reply *r)
{
	switch (r->rcode) {
	case WIRE_RCODE_NOERROR:
		/* An empty final name is NODATA (RFC 2308 2.2). */
		return r->ndata > 0 ? PTRCHECK_ANSWER_FOUND
		                    : PTRCHECK_ANSWER_NODATA;
	case WIRE_RCODE_NXDOMAIN:
		return PTRCHECK_ANSWER_NXDOMAIN;
	case WIRE_RCODE_SERVFAIL:
		return PTRCHECK_ANSWER_SERVFAIL;
	case WIRE_RCODE_REFUSED:
		return PTRCHECK_ANSWER_REFUSED;
	}
	return PTRCHECK_ANSWER_OTHER_RCODE;
}

static enum ptrcheck_answer
answer_from_outcome(enum try_outcome out)
{
	switch (out) {
	case TRY_TIMEOUT:
		return PTRCHECK_ANSWER_TIMEOUT;
	case TRY_BADREPLY:
		return PTRCHECK_ANSWER_BADREPLY;
	default:
		break;
	}
	return PTRCHECK_ANSWER_NETWORK;
}

/* worth_retrying - lost, refused or broken: another try may do better. */
static bool
worth_retrying(const struct lookup *l, enum ptrcheck_answer a)
{
	switch (a) {
	case PTRCHECK_ANSWER_TIMEOUT:
	case PTRCHECK_ANSWER_NETWORK:
	case PTRCHECK_ANSWER_BADREPLY:
		return true;
	case PTRCHECK_ANSWER_SERVFAIL:
	case PTRCHECK_ANSWER_REFUSED:
		/* Another resolver may know; the same server would say the
		 * same. */
		return l->direct == NULL && l->dns->nresolvers > 1;
	default:
		return false;
	}
}

static void
count_answer(struct ptrcheck_stats *st, enum ptrcheck_answer a)
{
	if (a == PTRCHECK_ANSWER_TIMEOUT)
		st->timeouts++;
	else if (a == PTRCHECK_ANSWER_NETWORK || a == PTRCHECK_ANSWER_BADREPLY)
		st->errors++;
}

static void
trace_try(const struct lookup *l, const struct lookup_result *res)
{
	char line[PTRCHECK_NAME_TEXT_MAX + 160], name[PTRCHECK_NAME_TEXT_MAX];
	struct textbuf tb;

	if (l->dns->opt.trace == NULL)
		return;
	textbuf_init(&tb, line, sizeof(line));
	textbuf_printf(&tb, "%s %s @%s%s: %s", wire_type_name(l->qtype),
	    name_text(&l->qname, name, sizeof(name)), res->server,
	    l->direct != NULL ? " (direct)" : "",
	    ptrcheck_answer_name(res->answer));
	if (res->answer == PTRCHECK_ANSWER_TIMEOUT)
		textbuf_printf(&tb, " after %u ms", l->dns->opt.timeout_ms);
	else
		textbuf_printf(&tb, " in %u ms", res->rtt_ms);
	textbuf_printf(&tb, " (try %u)", l->tries);
	l->dns->opt.trace(line, l->dns->opt.trace_arg);
}

static void
finish(struct lookup *l, const struct lookup_result *res)
{
	if (l->cb != NULL)
		l->cb(res, l->arg);
	lookup_free(l);
}

static void
fail_unsent(struct lookup *l)
{
	struct lookup_result res = {
	    .answer = PTRCHECK_ANSWER_NETWORK, .rcode = -1};

	snprintf(res.server, sizeof(res.server), "%s",
	    endpoint_label(endpoint_of(l)));
	res.tries = l->tries;
	l->dns->stats.errors++;
	finish(l, &res);
}

static void
on_backoff_done(evutil_socket_t fd, short what, void *arg)
{
	struct lookup *l = arg;

	(void)fd;
	(void)what;
	job_unlink(&l->job);
	if (l->cb == NULL)
		lookup_free(l);
	else
		lookup_try(l);
}

static void
backoff_abandon(struct job *job)
{
	job_unlink(job);
	lookup_free((struct lookup *)job);
}

/* retry_later - a direct try was lost: wait 200 ms, 400 ms, ... first,
 * so a server that drops for rate reasons gets room to recover. */
static bool
retry_later(struct lookup *l)
{
	struct timeval tv;
	unsigned ms = BACKOFF_FIRST_MS << (l->tries > 4 ? 4 : l->tries - 1);

	if (l->backoff == NULL && (l->backoff = evtimer_new(l->dns->base,
	                               on_backoff_done, l)) == NULL)
		return false;
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	if (evtimer_add(l->backoff, &tv) != 0)
		return false;
	job_link(&l->dns->backoffs, &l->job);
	return true;
}

static bool
retry(struct lookup *l, enum ptrcheck_answer a)
{
	if (l->tries >= l->max_tries || !worth_retrying(l, a))
		return false;
	l->dns->stats.retries++;
	if (l->direct != NULL)
		return retry_later(l);
	l->server = (l->server + 1) % l->dns->nresolvers;
	lookup_try(l);
	return true;
}

static void on_try(
    void *arg, enum try_outcome out, const uint8_t *msg, size_t len);

static void
on_later(evutil_socket_t fd, short what, void *arg)
{
	struct lookup *l = arg;

	(void)fd;
	(void)what;
	job_unlink(&l->job);
	on_try(l, l->later_outcome, NULL, 0);
}

/* defer - the transport failed the try inside send (a refused or unroutable
 * server can): deliver it from the loop instead, so that no callback ever
 * runs inside the call that started the work. False when that cannot be
 * arranged (out of memory): send_now then reports the try as unsent. */
static bool
defer(struct lookup *l, enum try_outcome out)
{
	struct timeval now = {0, 0};

	if (l->later == NULL &&
	    (l->later = evtimer_new(l->dns->base, on_later, l)) == NULL)
		return false;
	l->later_outcome = out;
	if (evtimer_add(l->later, &now) != 0)
		return false;
	job_link(
	    &l->dns->backoffs, &l->job); /* freed with the dns if need be */
	return true;
}

static void
on_try(void *arg, enum try_outcome out, const uint8_t *msg, size_t len)
{
	struct lookup *l = arg;
	struct lookup_result res = {.rcode = -1};
	struct wire_reply *reply = NULL;

	if (out == TRY_GONE || l->cb == NULL) {
		lookup_free(l);
		return;
	}
	if (l->sending && msg == NULL) {
		if (!defer(l, out))
			l->failed_inline = true;
		return;
	}
	res.rtt_ms = elapsed_ms(&l->sent);
	res.tries = l->tries;
	snprintf(res.server, sizeof(res.server), "%s",
	    endpoint_label(endpoint_of(l)));
	if (msg != NULL && (reply = malloc(sizeof(*reply))) != NULL &&
	    wire_parse(msg, len, &l->qname, l->qtype, reply) == PTRCHECK_OK) {
		res.reply = reply;
		res.rcode = reply->rcode;
		res.answer = answer_from_reply(reply);
	} else {
		res.answer = msg != NULL ? PTRCHECK_ANSWER_BADREPLY
		                         : answer_from_outcome(out);
	}
	count_answer(&l->dns->stats, res.answer);
	trace_try(l, &res);
	if (!retry(l, res.answer))
		finish(l, &res);
	free(reply);
}

/* send_now - the try goes out; false when it could not. */
static bool
send_now(struct lookup *l)
{
	bool ok;

	l->tries++;
	l->dns->stats.queries++;
	clock_gettime(CLOCK_MONOTONIC, &l->sent);
	l->sending = true;
	ok = endpoint_send(endpoint_of(l), &l->qname, l->qtype,
	         (l->direct == NULL ? WIRE_RD : 0) |
	             (l->unchecked ? WIRE_CD : 0),
	         on_try, l) == PTRCHECK_OK;
	l->sending = false; /* l is still ours: a failure inside was deferred */
	if (l->failed_inline) {
		l->failed_inline = false;
		return false;
	}
	return ok;
}

static void
on_turn(struct pacer_item *it)
{
	struct lookup *l =
	    (struct lookup *)((char *)it - offsetof(struct lookup, pace));

	if (l->cb == NULL)
		lookup_free(l);
	else if (!send_now(l))
		fail_unsent(l);
}

static void
on_pacer_gone(struct pacer_item *it)
{
	lookup_free(
	    (struct lookup *)((char *)it - offsetof(struct lookup, pace)));
}

/* lookup_try - send when the pacer allows; a failure is an answer too. */
static void
lookup_try(struct lookup *l)
{
	if (pacer_admit(pacer_of(l), &l->pace))
		on_turn(&l->pace);
}

static struct lookup *
lookup_new(struct dns *dns, const struct dname *qname, uint16_t qtype,
    lookup_fn *cb, void *arg)
{
	struct lookup *l;

	if ((l = calloc(1, sizeof(*l))) == NULL)
		return NULL;
	l->job.next = l->job.prev = &l->job;
	l->job.abandon = backoff_abandon;
	l->pace.go = on_turn;
	l->pace.drop = on_pacer_gone;
	l->dns = dns;
	l->qname = *qname;
	l->qtype = qtype;
	l->cb = cb;
	l->arg = arg;
	return l;
}

/* lookup_begin - the first try: sent now or queued; an immediate failure
 * is returned rather than called back, so callers keep one error path. */
static enum ptrcheck_status
lookup_begin(struct lookup *l, struct lookup **out)
{
	if (pacer_admit(pacer_of(l), &l->pace) && !send_now(l)) {
		dns_set_error(l->dns, "sending a query to %s failed",
		    endpoint_label(endpoint_of(l)));
		lookup_free(l);
		return PTRCHECK_ERESOLVER;
	}
	*out = l;
	return PTRCHECK_OK;
}

/* resolver_start - a question through the resolvers, validated or not. */
static enum ptrcheck_status
resolver_start(struct dns *dns, const struct dname *qname, uint16_t qtype,
    bool unchecked, lookup_fn *cb, void *arg, struct lookup **out)
{
	struct lookup *l;

	if (dns->nresolvers == 0)
		return PTRCHECK_ERESOLVER;
	if ((l = lookup_new(dns, qname, qtype, cb, arg)) == NULL)
		return PTRCHECK_ENOMEM;
	l->unchecked = unchecked;
	/* retries+1 rounds over every resolver: one silent resolver among
	 * several costs one timeout per round, not the whole check. */
	l->max_tries = (dns->opt.retries + 1) * (unsigned)dns->nresolvers;
	return lookup_begin(l, out);
}

enum ptrcheck_status
lookup_start(struct dns *dns, const struct dname *qname, uint16_t qtype,
    lookup_fn *cb, void *arg, struct lookup **out)
{
	return resolver_start(dns, qname, qtype, false, cb, arg, out);
}

enum ptrcheck_status
lookup_start_unchecked(struct dns *dns, const struct dname *qname,
    uint16_t qtype, lookup_fn *cb, void *arg, struct lookup **out)
{
	return resolver_start(dns, qname, qtype, true, cb, arg, out);
}

enum ptrcheck_status
lookup_direct_start(struct dns *dns, const struct ptrcheck_server *srv,
    const struct dname *qname, uint16_t qtype, lookup_fn *cb, void *arg,
    struct lookup **out)
{
	struct direct *d;
	struct lookup *l;
	enum ptrcheck_status st;

	if ((st = direct_for(dns, srv, &d)) != PTRCHECK_OK)
		return st;
	if ((l = lookup_new(dns, qname, qtype, cb, arg)) == NULL)
		return PTRCHECK_ENOMEM;
	l->direct = d;
	l->max_tries = dns->opt.retries + 1;
	return lookup_begin(l, out);
}

void
lookup_cancel(struct lookup *l)
{
	/* A transport cannot take back a try in flight (c-ares 1.18
	 * cancels only whole channels): it runs out and on_try frees it
	 * without calling back. */
	if (l != NULL)
		l->cb = NULL;
}

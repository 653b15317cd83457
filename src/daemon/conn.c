/*
 * conn.c - one policy connection: read lines, answer each request once,
 * in order, and keep the connection for the next (Postfix reuses it).
 *
 * Every resource a client can make the daemon hold is bounded:
 * - time: from accept or from its last reply a connection has idle-timeout
 *   to complete a request; bytes that arrive do not extend it, so clients
 *   that trickle cannot hold slots for ever;
 * - input: at most CONN_INPUT_MAX bytes are read ahead, and a line longer
 *   than the protocol allows closes the connection;
 * - output: replies the client does not read stop the reading of its
 *   requests at CONN_OUTPUT_SOFT, and close it past CONN_OUTPUT_HARD;
 * - slots: at max-connections a new client closes the connection that has
 *   gone longest without completing a request (see conn_accept).
 * A request that needs DNS stops the reading until it is answered, bounded
 * by request-timeout. An end of file after complete requests still gets
 * their replies; a malformed request is logged and the connection closed.
 */
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "conn.h"
#include "daemon.h"
#include "decide.h"
#include "policy.h"

#define CONN_INPUT_MAX (64 * 1024)     /* requests read ahead of the replies */
#define CONN_OUTPUT_SOFT (64 * 1024)   /* unsent replies: stop reading */
#define CONN_OUTPUT_HARD (1024 * 1024) /* unsent replies: close */
#define BOUND_LOG_EVERY_MS 60000 /* each bound logged once a minute at most */

struct conn {
	struct waiter w; /* first: the lookup's callback casts back */
	struct daemon *d;
	struct conn *prev, *next; /* d->conns, oldest reply first */
	struct bufferevent *bev;
	struct policy_parser parser;
	struct event *timer;    /* request-timeout of the request waiting */
	struct event *deadline; /* idle-timeout to complete a request */
	bool waiting;           /* a request waits for its facts */
	bool pumping; /* inside pump(): it picks up the next request */
	bool read_on; /* EV_READ is enabled */
	bool blocked; /* too many unsent replies: not reading */
	bool eof;     /* the client will send no more */
	struct ptrcheck_addr addr;
	uint64_t started_ms;
	char instance[64];        /* of the request being answered */
	char header_instance[64]; /* the message that got its header */
};

static bool pump(struct conn *c);

/* --- the list of connections, oldest reply first -------------------- */

static void
list_unlink(struct daemon *d, struct conn *c)
{
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		d->conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	else
		d->conns_tail = c->prev;
	c->prev = c->next = NULL;
}

static void
list_append(struct daemon *d, struct conn *c)
{
	c->prev = d->conns_tail;
	c->next = NULL;
	if (d->conns_tail != NULL)
		d->conns_tail->next = c;
	else
		d->conns = c;
	d->conns_tail = c;
}

static void
conn_close(struct conn *c)
{
	struct daemon *d = c->d;

	waiter_unlink(&c->w); /* the lookup goes on for the others */
	event_free(c->timer);
	event_free(c->deadline);
	bufferevent_free(c->bev);
	list_unlink(d, c);
	free(c);
	d->open_conns--;
}

/* --- reading on or off ------------------------------------------------ */

/* set_reading - read while nothing holds the connection back: no lookup
 * waiting, replies drained, no end of file. Changes the event only on a
 * change of state (epoll_ctl per request costs a fifth of the rate). */
static void
set_reading(struct conn *c)
{
	bool on = !c->waiting && !c->blocked && !c->eof;

	if (on == c->read_on)
		return;
	c->read_on = on;
	if (on)
		bufferevent_enable(c->bev, EV_READ);
	else
		bufferevent_disable(c->bev, EV_READ);
}

/* idle_timeval - idle-timeout as libevent's common timeout: thousands of
 * connections share one queue instead of a heap entry each. Made again
 * when a reload changes the setting. */
static const struct timeval *
idle_timeval(struct daemon *d)
{
	struct timeval tv = {(time_t)d->cfg.idle_timeout_s, 0};
	const struct timeval *common;

	if (d->idle_tv_for != d->cfg.idle_timeout_s) {
		common = event_base_init_common_timeout(d->base, &tv);
		d->idle_tv = common != NULL ? *common : tv;
		d->idle_tv_for = d->cfg.idle_timeout_s;
	}
	return &d->idle_tv;
}

static void
deadline_start(struct conn *c)
{
	evtimer_add(c->deadline, idle_timeval(c->d));
}

/* --- answering ---------------------------------------------------------- */

/* log_refused - a request answered DUNNO because its client_address is no
 * address: said, with the value escaped (request data is hostile too). */
static void
log_refused(const struct policy_request *req)
{
	char shown[256];

	ptrcheck_escape(req->client_address, strlen(req->client_address), shown,
	    sizeof(shown));
	log_msg(LOG_NOTICE,
	    "client_address=\"%s\" is not an address: outcome=%s "
	    "action=DUNNO",
	    shown, outcome_name(OUTCOME_NO_CLIENT_ADDRESS));
}

/* reply - write the action, log the decision, start the next deadline and
 * read the next request. */
static void
reply(struct conn *c, const struct decision *dec, const struct facts *f,
    bool cached)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX];
	struct daemon *d = c->d;
	struct evbuffer *out = bufferevent_get_output(c->bev);

	evbuffer_add_printf(out, "action=%s\n\n", dec->action);
	if (dec->prepended)
		snprintf(c->header_instance, sizeof(c->header_instance), "%s",
		    c->instance);
	histogram_add(&d->decision_seconds, now_ms() - c->started_ms);
	if (f != NULL) {
		ptrcheck_addr_format(&c->addr, ip, sizeof(ip));
		log_msg(LOG_INFO,
		    "client=%s verdict=%s ptr=%s%s%s cached=%s ms=%llu "
		    "outcome=%s action=\"%s\"",
		    ip, ptrcheck_verdict_name(f->verdict),
		    f->ptr[0] ? f->ptr : "-",
		    f->confirmed[0] ? " confirmed=" : "", f->confirmed,
		    cached ? "yes" : "no",
		    (unsigned long long)(now_ms() - c->started_ms),
		    outcome_name(dec->outcome), dec->action);
	}
	if (c->waiting) {
		evtimer_del(c->timer);
		c->waiting = false;
	}
	list_unlink(d, c);
	list_append(d, c); /* now the newest to have completed a request */
	deadline_start(c);
	if (!c->pumping)
		pump(c); /* a request may already be buffered */
}

static void
count(struct daemon *d, const struct facts *f, const struct decision *dec)
{
	d->n.decisions[f->verdict]++;
	switch (dec->outcome) {
	case OUTCOME_REJECT:
		d->n.rejected++;
		break;
	case OUTCOME_DEFER:
		d->n.deferred++;
		break;
	case OUTCOME_WOULD_REJECT:
	case OUTCOME_WOULD_DEFER:
		d->n.would_reject++;
		break;
	default:
		break;
	}
}

/* cap_deferral - tempfail-max-age: a 450 for DNS trouble is recorded
 * (its first time kept); once the trouble has lasted longer than the
 * setting, DUNNO instead. A real answer ends the trouble. Proven problems
 * are never touched. */
static void
cap_deferral(struct conn *c, const struct facts *f, bool add_header,
    struct decision *dec)
{
	struct daemon *d = c->d;
	uint64_t now = now_ms(), first,
	         max = (uint64_t)d->cfg.tempfail_max_age_s * 1000;
	/* The trouble goes on while deferrals come at most twice the age
	 * and an hour apart: senders back off (Postfix up to 4000 s between
	 * tries), and a busy moment must not restart the count. */
	uint64_t keep = 2 * max + 3600 * 1000;

	if (d->tempfail == NULL || max == 0)
		return;
	if (f->verdict != PTRCHECK_VERDICT_TEMPORARY) {
		tempfail_forget(d->tempfail, &c->addr);
		return;
	}
	if (dec->outcome != OUTCOME_DEFER)
		return;
	first = tempfail_first(d->tempfail, &c->addr, now, keep);
	if (first != 0 && now - first >= max) {
		decide_capped(&d->cfg, &c->addr, f, add_header, dec);
		d->n.tempfail_capped++;
		return;
	}
	if (!tempfail_note(d->tempfail, &c->addr, now, keep)) {
		d->n.tempfail_full++;
		if (log_due(&d->tempfail_log_ms, BOUND_LOG_EVERY_MS))
			log_msg(LOG_WARNING,
			    "tempfail-max-age: the table of deferred clients "
			    "is full (%d); %llu deferrals not recorded",
			    TEMPFAIL_ENTRIES,
			    (unsigned long long)d->n.tempfail_full);
	}
}

static void
answer(struct conn *c, const struct facts *f, bool cached)
{
	struct decision dec;
	bool add_header = c->instance[0] == '\0' ||
	                  strcmp(c->instance, c->header_instance) != 0;

	decide(&c->d->cfg, &c->addr, f, add_header, &dec);
	cap_deferral(c, f, add_header, &dec);
	count(c->d, f, &dec);
	reply(c, &dec, f, cached);
}

/* on_facts - the lookup this connection waited for is done. The facts are
 * the waiter's own: cache_wake takes each waiter off its entry first. */
static void
on_facts(struct waiter *w, const struct facts *f, bool cached)
{
	answer((struct conn *)w, f, cached);
}

static void
answer_temporary(struct conn *c)
{
	struct facts f;

	memset(&f, 0, sizeof(f));
	f.verdict = PTRCHECK_VERDICT_TEMPORARY;
	answer(c, &f, false);
}

static void
on_request_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;

	(void)fd;
	(void)what;
	waiter_unlink(&c->w); /* the lookup goes on for the others */
	answer_temporary(c);
}

static void
on_deadline(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;
	struct daemon *d = c->d;

	(void)fd;
	(void)what;
	d->n.deadline_closes++;
	if (log_due(&d->deadline_log_ms, BOUND_LOG_EVERY_MS))
		log_msg(LOG_NOTICE,
		    "connection closed: no complete request within "
		    "idle-timeout (%us); %llu so far",
		    d->cfg.idle_timeout_s,
		    (unsigned long long)d->n.deadline_closes);
	conn_close(c);
}

static void
handle_request(struct conn *c)
{
	struct daemon *d = c->d;
	const struct policy_request *req = &c->parser.req;
	struct decision dec;
	struct timeval tv;
	bool special;

	d->n.requests++;
	evtimer_del(c->deadline); /* complete: the deadline is met */
	snprintf(c->instance, sizeof(c->instance), "%s", req->instance);
	c->started_ms = now_ms();
	if (decide_early(&d->cfg, req, &c->addr, &special, &dec)) {
		d->n.passed_early++;
		if (dec.outcome == OUTCOME_NO_CLIENT_ADDRESS)
			log_refused(req);
		if (special)
			note_client(d, true);
		reply(c, &dec, NULL, false);
		return;
	}
	note_client(d, special);
	c->waiting = true;
	if (!resolve(d, &c->addr, &c->w)) {
		answer_temporary(c);
		return;
	}
	if (!c->waiting)
		return; /* answered from the cache, at once */
	/* A lookup runs: no more reading until it is answered (pump stops
	 * while c->waiting), and not longer than request-timeout. */
	tv.tv_sec = d->cfg.request_timeout_ms / 1000;
	tv.tv_usec = (d->cfg.request_timeout_ms % 1000) * 1000;
	evtimer_add(c->timer, &tv);
}

/* --- reading ------------------------------------------------------------ */

/* next_line - one complete line into buf; 0 when none yet, -1 when too
 * long for the protocol. */
static int
next_line(struct evbuffer *in, char *buf, size_t *len)
{
	struct evbuffer_ptr eol;
	size_t eol_len;

	eol = evbuffer_search_eol(in, NULL, &eol_len, EVBUFFER_EOL_LF);
	if (eol.pos < 0)
		return evbuffer_get_length(in) > POLICY_LINE_MAX ? -1 : 0;
	if ((size_t)eol.pos > POLICY_LINE_MAX)
		return -1;
	evbuffer_remove(in, buf, (size_t)eol.pos);
	evbuffer_drain(in, eol_len);
	*len = (size_t)eol.pos;
	return 1;
}

static void
malformed(struct conn *c, const char *why)
{
	c->d->n.malformed++;
	log_msg(LOG_WARNING, "malformed policy request (%s): connection closed",
	    why);
	conn_close(c);
}

/* output_full - too many replies unsent: stop reading (false) until the
 * client drains them, or close it past the hard bound (true: c is gone). */
static bool
output_full(struct conn *c, bool *closed)
{
	struct daemon *d = c->d;
	size_t unsent = evbuffer_get_length(bufferevent_get_output(c->bev));

	*closed = false;
	if (unsent < CONN_OUTPUT_SOFT)
		return false;
	if (unsent >= CONN_OUTPUT_HARD) {
		d->n.output_closes++;
		log_msg(LOG_WARNING,
		    "connection closed: %zu bytes of replies unread", unsent);
		conn_close(c);
		*closed = true;
		return true;
	}
	if (!c->blocked) {
		c->blocked = true;
		d->n.output_pauses++;
		if (log_due(&d->output_log_ms, BOUND_LOG_EVERY_MS))
			log_msg(LOG_NOTICE,
			    "a client does not read its replies: reading "
			    "its requests paused at %d bytes unsent (%llu "
			    "times so far)",
			    CONN_OUTPUT_SOFT,
			    (unsigned long long)d->n.output_pauses);
		set_reading(c);
	}
	return true;
}

/* feed - one line to the parser; false when c was closed. */
static bool
feed(struct conn *c, const char *line, size_t len)
{
	switch (policy_feed_line(&c->parser, line, len)) {
	case POLICY_MORE:
		return true;
	case POLICY_ERROR:
		malformed(c, c->parser.err);
		return false;
	case POLICY_DONE:
		if (!policy_is_access_request(&c->parser.req)) {
			malformed(c, "not request=smtpd_access_policy");
			return false;
		}
		handle_request(c);
		return true;
	}
	return true;
}

/* pump - answer the requests buffered, as far as the state allows; after
 * the end of file, close once nothing is left to answer or send. False
 * when c was closed. */
static bool
pump(struct conn *c)
{
	struct evbuffer *in = bufferevent_get_input(c->bev);
	char line[POLICY_LINE_MAX + 1];
	size_t len;
	bool closed;
	int got;

	c->pumping = true;
	while (!c->waiting) {
		if (output_full(c, &closed)) {
			if (closed)
				return false;
			break;
		}
		if ((got = next_line(in, line, &len)) == 0)
			break;
		if (got < 0) {
			malformed(c, "a line longer than 4096 bytes");
			return false;
		}
		if (!feed(c, line, len))
			return false;
	}
	c->pumping = false;
	set_reading(c);
	if (c->eof && !c->waiting &&
	    evbuffer_get_length(bufferevent_get_output(c->bev)) == 0) {
		conn_close(
		    c); /* all answered and sent; a partial line is dropped */
		return false;
	}
	return true;
}

static void
conn_read(struct bufferevent *bev, void *arg)
{
	(void)bev;
	pump(arg);
}

/* conn_write - the replies drained (to the low watermark): read again. */
static void
conn_write(struct bufferevent *bev, void *arg)
{
	struct conn *c = arg;

	(void)bev;
	if (!c->blocked && !c->eof)
		return; /* the usual case: nothing waits for the drain */
	if (c->blocked && evbuffer_get_length(bufferevent_get_output(c->bev)) <=
	                      CONN_OUTPUT_SOFT / 2)
		c->blocked = false;
	if (!c->pumping)
		pump(c);
}

static void
conn_event(struct bufferevent *bev, short what, void *arg)
{
	struct conn *c = arg;

	(void)bev;
	if ((what & BEV_EVENT_EOF) && (what & BEV_EVENT_READING)) {
		/* A half-close: the requests already sent are still answered.
		 */
		c->eof = true;
		c->read_on = false; /* libevent stopped reading */
		bufferevent_setwatermark(
		    c->bev, EV_WRITE, 0, 0); /* told when empty */
		if (!c->pumping)
			pump(c);
		return;
	}
	conn_close(c); /* an error, or the client gone for writing too */
}

/* make_room - at max-connections, close the connections that have gone
 * longest without completing a request (never the new one). */
static void
make_room(struct daemon *d, struct conn *fresh)
{
	while (d->open_conns > d->cfg.max_connections && d->conns != fresh) {
		d->n.evicted_connections++;
		if (log_due(&d->conn_cap_log_ms, BOUND_LOG_EVERY_MS))
			log_msg(LOG_WARNING,
			    "max-connections (%u) reached: the connection "
			    "longest without a request is closed for each new "
			    "one (%llu so far)",
			    d->cfg.max_connections,
			    (unsigned long long)d->n.evicted_connections);
		conn_close(d->conns);
	}
}

void
conn_accept(struct daemon *d, evutil_socket_t fd)
{
	struct conn *c = calloc(1, sizeof(*c));

	if (c == NULL) {
		evutil_closesocket(fd);
		return;
	}
	c->d = d;
	c->w.done = on_facts;
	c->bev = bufferevent_socket_new(d->base, fd, BEV_OPT_CLOSE_ON_FREE);
	c->timer = evtimer_new(d->base, on_request_timeout, c);
	c->deadline = evtimer_new(d->base, on_deadline, c);
	if (c->bev == NULL || c->timer == NULL || c->deadline == NULL) {
		if (c->bev != NULL)
			bufferevent_free(c->bev);
		else
			evutil_closesocket(fd);
		if (c->timer != NULL)
			event_free(c->timer);
		if (c->deadline != NULL)
			event_free(c->deadline);
		free(c);
		return;
	}
	policy_parser_init(&c->parser);
	list_append(d, c);
	d->open_conns++;
	d->n.connections++;
	bufferevent_setcb(c->bev, conn_read, conn_write, conn_event, c);
	bufferevent_setwatermark(c->bev, EV_READ, 0, CONN_INPUT_MAX);
	bufferevent_setwatermark(c->bev, EV_WRITE, CONN_OUTPUT_SOFT / 2, 0);
	deadline_start(c);
	set_reading(c);
	make_room(d, c);
}

void
conn_close_all(struct daemon *d)
{
	while (d->conns != NULL)
		conn_close(d->conns);
}

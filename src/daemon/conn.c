/*
 * conn.c - one policy connection: read lines, answer each request once,
 * keep the connection for the next (Postfix reuses it). A request that
 * needs DNS stops reading until its reply is written, bounded by
 * request-timeout; a malformed one is logged and the connection closed.
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

struct conn {
	struct waiter w; /* first: the lookup's callback casts back */
	struct daemon *d;
	struct conn *prev, *next; /* d->conns */
	struct bufferevent *bev;
	struct policy_parser parser;
	struct policy_request req; /* the request being answered */
	struct event *timer;
	bool waiting;
	bool reading; /* inside conn_read: it picks up the next request */
	bool paused;  /* reading stopped while a lookup runs */
	struct ptrcheck_addr addr;
	uint64_t started_ms;
	char header_instance[64]; /* the message that got its header */
};

static void conn_read(struct bufferevent *bev, void *arg);

static void
conn_close(struct conn *c)
{
	struct daemon *d = c->d;

	waiter_unlink(&c->w);
	if (c->timer != NULL)
		event_free(c->timer);
	bufferevent_free(c->bev);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		d->conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	free(c);
	d->open_conns--;
	if (d->open_conns < d->cfg.max_connections)
		listeners_pause(d, false);
}

/* reply - write the action, log the decision, read the next request. */
static void
reply(struct conn *c, const struct decision *dec, const struct facts *f, bool cached)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX];
	struct evbuffer *out = bufferevent_get_output(c->bev);

	evbuffer_add_printf(out, "action=%s\n\n", dec->action);
	if (dec->prepended)
		snprintf(c->header_instance, sizeof(c->header_instance), "%s", c->req.instance);
	if (f != NULL) {
		ptrcheck_addr_format(&c->addr, ip, sizeof(ip));
		log_msg(LOG_INFO, "client=%s verdict=%s ptr=%s%s%s cached=%s ms=%llu "
		    "outcome=%s action=\"%s\"", ip, ptrcheck_verdict_name(f->verdict),
		    f->ptr[0] ? f->ptr : "-", f->confirmed[0] ? " confirmed=" : "",
		    f->confirmed, cached ? "yes" : "no",
		    (unsigned long long)(now_ms() - c->started_ms), dec->outcome, dec->action);
	}
	c->waiting = false;
	if (c->paused) {
		bufferevent_enable(c->bev, EV_READ);
		c->paused = false;
	}
	if (!c->reading)
		conn_read(c->bev, c); /* a request may already be buffered */
}

static void
count(struct daemon *d, const struct facts *f, const struct decision *dec)
{
	d->n.decisions[f->verdict]++;
	if (strcmp(dec->outcome, "reject") == 0)
		d->n.rejected++;
	else if (strcmp(dec->outcome, "defer") == 0)
		d->n.deferred++;
	else if (strncmp(dec->outcome, "would-", 6) == 0)
		d->n.would_reject++;
}

static void
answer(struct conn *c, const struct facts *f, bool cached)
{
	struct decision dec;
	bool add_header = c->req.instance[0] == '\0' ||
	    strcmp(c->req.instance, c->header_instance) != 0;

	if (c->paused)
		evtimer_del(c->timer);
	decide(&c->d->cfg, &c->addr, f, add_header, &dec);
	count(c->d, f, &dec);
	reply(c, &dec, f, cached);
}

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
handle_request(struct conn *c)
{
	struct daemon *d = c->d;
	struct decision dec;
	struct timeval tv;
	bool special;

	d->n.requests++;
	c->req = c->parser.req;
	c->started_ms = now_ms();
	if (decide_early(&d->cfg, &c->req, &c->addr, &special, &dec)) {
		d->n.passed_early++;
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
	/* A lookup runs: no more reading until it is answered, and not
	 * longer than request-timeout. */
	bufferevent_disable(c->bev, EV_READ);
	c->paused = true;
	tv.tv_sec = d->cfg.request_timeout_ms / 1000;
	tv.tv_usec = (d->cfg.request_timeout_ms % 1000) * 1000;
	evtimer_add(c->timer, &tv);
}

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
	log_msg(LOG_WARNING, "malformed policy request (%s): connection closed", why);
	conn_close(c);
}

static void
conn_read(struct bufferevent *bev, void *arg)
{
	struct conn *c = arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	char line[POLICY_LINE_MAX + 1];
	size_t len;
	int got;

	c->reading = true;
	while (!c->waiting && (got = next_line(in, line, &len)) != 0) {
		if (got < 0) {
			malformed(c, "a line longer than 4096 bytes");
			return;
		}
		switch (policy_feed_line(&c->parser, line, len)) {
		case POLICY_MORE:
			break;
		case POLICY_ERROR:
			malformed(c, c->parser.err);
			return;
		case POLICY_DONE:
			if (!policy_is_access_request(&c->parser.req)) {
				malformed(c, "not request=smtpd_access_policy");
				return;
			}
			handle_request(c);
			break;
		}
	}
	c->reading = false;
}

static void
conn_event(struct bufferevent *bev, short what, void *arg)
{
	(void)bev;
	(void)what; /* EOF, an error or the idle timeout: all end it */
	conn_close(arg);
}

void
conn_accept(struct daemon *d, evutil_socket_t fd)
{
	struct conn *c = calloc(1, sizeof(*c));
	struct timeval idle = { (time_t)d->cfg.idle_timeout_s, 0 };

	if (c == NULL) {
		evutil_closesocket(fd);
		return;
	}
	c->d = d;
	c->w.done = on_facts;
	c->bev = bufferevent_socket_new(d->base, fd, BEV_OPT_CLOSE_ON_FREE);
	c->timer = evtimer_new(d->base, on_request_timeout, c);
	if (c->bev == NULL || c->timer == NULL) {
		if (c->bev != NULL)
			bufferevent_free(c->bev);
		else
			evutil_closesocket(fd);
		if (c->timer != NULL)
			event_free(c->timer);
		free(c);
		return;
	}
	policy_parser_init(&c->parser);
	c->next = d->conns;
	if (d->conns != NULL)
		d->conns->prev = c;
	d->conns = c;
	d->open_conns++;
	d->n.connections++;
	bufferevent_setcb(c->bev, conn_read, NULL, conn_event, c);
	bufferevent_set_timeouts(c->bev, &idle, NULL);
	bufferevent_enable(c->bev, EV_READ);
}

void
conn_close_all(struct daemon *d)
{
	while (d->conns != NULL)
		conn_close(d->conns);
}

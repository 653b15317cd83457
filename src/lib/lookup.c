/*
 * lookup.c - the transport: c-ares channels driven by the caller's libevent
 * loop. One channel per server, c-ares' own retries off (tries=1), so a
 * silent server costs one timeout per try and we know who answered. Query
 * ids come from getrandom() and stay unique among a channel's in-flight
 * queries; replies are parsed by wire.c, which checks the question.
 */
#include <ares.h>
#include <arpa/inet.h>
#include <errno.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "ctx.h"
#include "lookup.h"
#include "textbuf.h"
#include "wire.h"

struct sockev {
	struct sockev *next;
	ares_socket_t fd;
	struct event *ev;
	struct chan *chan;
};

struct chan {
	ares_channel ares;
	struct event *timer;
	struct sockev *socks;
	struct event_base *base;
	char label[64]; /* "127.10.0.1#53" */
	uint8_t inflight[65536 / 8]; /* ids in use on this channel */
	bool destroying;
};

struct lookup {
	struct ptrcheck_ctx *ctx;
	struct dname qname;
	uint16_t qtype;
	uint16_t id;
	lookup_fn *cb; /* NULL once cancelled */
	void *arg;
	unsigned tries, max_tries;
	size_t server; /* index of the channel of the current try */
	struct timespec sent;
};

static void chan_arm_timer(struct chan *c);

static void
on_sock_event(evutil_socket_t fd, short what, void *arg)
{
	struct sockev *s = arg;
	struct chan *c = s->chan;

	ares_process_fd(c->ares, (what & EV_READ) ? (ares_socket_t)fd : ARES_SOCKET_BAD,
	    (what & EV_WRITE) ? (ares_socket_t)fd : ARES_SOCKET_BAD);
	chan_arm_timer(c);
}

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct chan *c = arg;

	(void)fd;
	(void)what;
	ares_process_fd(c->ares, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	chan_arm_timer(c);
}

static void
chan_arm_timer(struct chan *c)
{
	struct timeval tv, *t;

	if (c->destroying)
		return;
	t = ares_timeout(c->ares, NULL, &tv);
	if (t == NULL)
		evtimer_del(c->timer);
	else
		evtimer_add(c->timer, t);
}

static void
sockev_drop(struct chan *c, ares_socket_t fd)
{
	struct sockev **pp, *s;

	for (pp = &c->socks; (s = *pp) != NULL; pp = &s->next) {
		if (s->fd == fd) {
			*pp = s->next;
			event_free(s->ev);
			free(s);
			return;
		}
	}
}

/* on_sock_state - c-ares tells which sockets to watch (ARES_OPT_SOCK_STATE_CB). */
static void
on_sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct chan *c = data;
	struct sockev *s;
	short what = EV_PERSIST;

	sockev_drop(c, fd);
	if (!readable && !writable)
		return;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return; /* the query times out instead */
	what |= readable ? EV_READ : 0;
	what |= writable ? EV_WRITE : 0;
	s->fd = fd;
	s->chan = c;
	s->ev = event_new(c->base, (evutil_socket_t)fd, what, on_sock_event, s);
	if (s->ev == NULL || event_add(s->ev, NULL) != 0) {
		if (s->ev != NULL)
			event_free(s->ev);
		free(s);
		return;
	}
	s->next = c->socks;
	c->socks = s;
}

static void
server_label(const struct ptrcheck_server *srv, char *buf, size_t len)
{
	char a[PTRCHECK_ADDR_TEXT_MAX];

	ptrcheck_addr_format(&srv->addr, a, sizeof(a));
	snprintf(buf, len, "%s#%u", a, srv->port);
}

static void
chan_free(struct chan *c)
{
	if (c == NULL)
		return;
	if (c->ares != NULL)
		ares_destroy(c->ares); /* callbacks see ARES_EDESTRUCTION */
	c->destroying = true;
	while (c->socks != NULL)
		sockev_drop(c, c->socks->fd);
	if (c->timer != NULL)
		event_free(c->timer);
	free(c);
}

static enum ptrcheck_status
chan_new(struct ptrcheck_ctx *ctx, const struct ptrcheck_server *srv,
    struct chan **out)
{
	struct ares_options o;
	struct ares_addr_port_node node;
	struct chan *c;
	int rc;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return PTRCHECK_ENOMEM;
	c->base = ctx->base;
	server_label(srv, c->label, sizeof(c->label));
	memset(&o, 0, sizeof(o));
	/* NOCHECKRESP: otherwise REFUSED and SERVFAIL never reach us. */
	o.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_NOSEARCH;
	o.tries = 1;
	o.timeout = (int)ctx->opt.timeout_ms;
	o.sock_state_cb = on_sock_state;
	o.sock_state_cb_data = c;
	rc = ares_init_options(&c->ares, &o, ARES_OPT_FLAGS | ARES_OPT_TRIES |
	    ARES_OPT_TIMEOUTMS | ARES_OPT_SOCK_STATE_CB);
	if (rc != ARES_SUCCESS) {
		c->ares = NULL;
		goto fail_rc;
	}
	memset(&node, 0, sizeof(node));
	node.family = srv->addr.family;
	memcpy(&node.addr, srv->addr.bytes, srv->addr.family == AF_INET ? 4 : 16);
	node.udp_port = node.tcp_port = srv->port;
	if ((rc = ares_set_servers_ports(c->ares, &node)) != ARES_SUCCESS)
		goto fail_rc;
	if ((c->timer = evtimer_new(ctx->base, on_timer, c)) == NULL) {
		chan_free(c);
		return PTRCHECK_ENOMEM;
	}
	*out = c;
	return PTRCHECK_OK;
fail_rc:
	ctx_set_error(ctx, "c-ares setup for %s: %s", c->label, ares_strerror(rc));
	chan_free(c);
	return PTRCHECK_ERESOLVER;
}

/* system_servers - the resolvers of /etc/resolv.conf, as c-ares reads it. */
static enum ptrcheck_status
system_servers(struct ptrcheck_ctx *ctx, struct ptrcheck_server *out, size_t *n)
{
	struct ares_addr_port_node *list = NULL, *p;
	ares_channel tmp;
	int rc;

	*n = 0;
	if ((rc = ares_init(&tmp)) != ARES_SUCCESS) {
		ctx_set_error(ctx, "reading the system resolvers: %s", ares_strerror(rc));
		return PTRCHECK_ERESOLVER;
	}
	if (ares_get_servers_ports(tmp, &list) == ARES_SUCCESS) {
		for (p = list; p != NULL && *n < PTRCHECK_MAX_SERVERS; p = p->next) {
			struct ptrcheck_server *s = &out[*n];

			memset(s, 0, sizeof(*s));
			s->addr.family = p->family;
			memcpy(s->addr.bytes, &p->addr, p->family == AF_INET ? 4 : 16);
			s->port = p->udp_port ? (uint16_t)p->udp_port : 53;
			(*n)++;
		}
		ares_free_data(list);
	}
	ares_destroy(tmp);
	if (*n == 0) {
		ctx_set_error(ctx, "no resolver in /etc/resolv.conf; use --resolver");
		return PTRCHECK_ERESOLVER;
	}
	return PTRCHECK_OK;
}

enum ptrcheck_status
lookup_channels_new(struct ptrcheck_ctx *ctx)
{
	struct ptrcheck_server sys[PTRCHECK_MAX_SERVERS];
	const struct ptrcheck_server *servers = ctx->opt.servers;
	size_t n = ctx->opt.nservers, i;
	enum ptrcheck_status st;

	if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
		return PTRCHECK_ERESOLVER;
	if (n == 0) {
		if ((st = system_servers(ctx, sys, &n)) != PTRCHECK_OK)
			return st;
		servers = sys;
	}
	if ((ctx->chans = calloc(n, sizeof(*ctx->chans))) == NULL)
		return PTRCHECK_ENOMEM;
	for (i = 0; i < n; i++) {
		if ((st = chan_new(ctx, &servers[i], &ctx->chans[i])) != PTRCHECK_OK)
			return st;
		ctx->nchans++;
	}
	return PTRCHECK_OK;
}

void
lookup_channels_free(struct ptrcheck_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nchans; i++)
		chan_free(ctx->chans[i]);
	free(ctx->chans);
	ctx->chans = NULL;
	ctx->nchans = 0;
	ares_library_cleanup();
}

static bool
id_in_use(const struct chan *c, uint16_t id)
{
	return c->inflight[id / 8] & (1u << (id % 8));
}

static void
id_mark(struct chan *c, uint16_t id, bool used)
{
	if (used)
		c->inflight[id / 8] |= (uint8_t)(1u << (id % 8));
	else
		c->inflight[id / 8] &= (uint8_t)~(1u << (id % 8));
}

/* random_id - an unpredictable id not in flight on c (RFC 5452 4.3). */
static bool
random_id(const struct chan *c, uint16_t *id)
{
	int attempt;

	for (attempt = 0; attempt < 64; attempt++) {
		if (getrandom(id, sizeof(*id), 0) != (ssize_t)sizeof(*id))
			return false;
		if (!id_in_use(c, *id))
			return true;
	}
	return false;
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

static void on_ares_reply(void *arg, int status, int timeouts,
    unsigned char *abuf, int alen);

static enum ptrcheck_status
lookup_send(struct lookup *l)
{
	struct chan *c = l->ctx->chans[l->server];
	uint8_t *q = NULL;
	size_t qlen;
	enum ptrcheck_status st;

	if (!random_id(c, &l->id))
		return PTRCHECK_ERESOLVER;
	st = wire_query(&l->qname, l->qtype, l->id, true, &q, &qlen);
	if (st != PTRCHECK_OK)
		return st;
	id_mark(c, l->id, true);
	l->tries++;
	clock_gettime(CLOCK_MONOTONIC, &l->sent);
	ares_send(c->ares, q, (int)qlen, on_ares_reply, l);
	free(q);
	chan_arm_timer(c);
	return PTRCHECK_OK;
}

static enum ptrcheck_answer
answer_from_reply(const struct wire_reply *r)
{
	switch (r->rcode) {
	case 0:
		/* An empty final name is NODATA (RFC 2308 2.2). */
		return r->ndata > 0 ? PTRCHECK_ANSWER_FOUND : PTRCHECK_ANSWER_NODATA;
	case 3:
		return PTRCHECK_ANSWER_NXDOMAIN;
	case 2:
		return PTRCHECK_ANSWER_SERVFAIL;
	case 5:
		return PTRCHECK_ANSWER_REFUSED;
	}
	return PTRCHECK_ANSWER_OTHER_RCODE;
}

static enum ptrcheck_answer
answer_from_status(int status)
{
	switch (status) {
	case ARES_ETIMEOUT:
		return PTRCHECK_ANSWER_TIMEOUT;
	case ARES_EBADRESP:
	case ARES_EFORMERR:
		return PTRCHECK_ANSWER_BADREPLY;
	}
	return PTRCHECK_ANSWER_NETWORK;
}

/* worth_retrying - lost, refused or broken: another try may do better. */
static bool
worth_retrying(enum ptrcheck_answer a, size_t nservers)
{
	switch (a) {
	case PTRCHECK_ANSWER_TIMEOUT:
	case PTRCHECK_ANSWER_NETWORK:
	case PTRCHECK_ANSWER_BADREPLY:
		return true;
	case PTRCHECK_ANSWER_SERVFAIL:
	case PTRCHECK_ANSWER_REFUSED:
		/* Another server may know; the same one would say the same. */
		return nservers > 1;
	default:
		return false;
	}
}

static void
trace_try(const struct lookup *l, const struct lookup_result *res)
{
	char line[PTRCHECK_NAME_TEXT_MAX + 160], name[PTRCHECK_NAME_TEXT_MAX];
	struct textbuf tb;

	if (l->ctx->opt.trace == NULL)
		return;
	textbuf_init(&tb, line, sizeof(line));
	textbuf_printf(&tb, "%s %s @%s: %s", wire_type_name(l->qtype),
	    name_text(&l->qname, name, sizeof(name)), res->server,
	    ptrcheck_answer_name(res->answer));
	if (res->answer == PTRCHECK_ANSWER_TIMEOUT)
		textbuf_printf(&tb, " after %u ms", l->ctx->opt.timeout_ms);
	else
		textbuf_printf(&tb, " in %u ms", res->rtt_ms);
	textbuf_printf(&tb, " (try %u)", l->tries);
	l->ctx->opt.trace(line, l->ctx->opt.trace_arg);
}

static void
on_ares_reply(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct lookup *l = arg;
	struct chan *c = l->ctx->chans[l->server];
	struct lookup_result res = { .rcode = -1 };
	struct wire_reply *reply = NULL;

	(void)timeouts;
	id_mark(c, l->id, false);
	if (status == ARES_EDESTRUCTION || status == ARES_ECANCELLED || l->cb == NULL) {
		free(l);
		return;
	}
	res.rtt_ms = elapsed_ms(&l->sent);
	res.tries = l->tries;
	snprintf(res.server, sizeof(res.server), "%s", c->label);
	if (status == ARES_SUCCESS && abuf != NULL && alen > 0 &&
	    (reply = malloc(sizeof(*reply))) != NULL &&
	    wire_parse(abuf, (size_t)alen, &l->qname, l->qtype, reply) == PTRCHECK_OK) {
		res.reply = reply;
		res.rcode = reply->rcode;
		res.answer = answer_from_reply(reply);
	} else {
		res.answer = status == ARES_SUCCESS ? PTRCHECK_ANSWER_BADREPLY
						    : answer_from_status(status);
	}
	trace_try(l, &res);
	if (l->tries < l->max_tries && worth_retrying(res.answer, l->ctx->nchans)) {
		l->server = (l->server + 1) % l->ctx->nchans;
		if (lookup_send(l) == PTRCHECK_OK) {
			free(reply);
			return;
		}
	}
	l->cb(&res, l->arg);
	free(reply);
	free(l);
}

enum ptrcheck_status
lookup_start(struct ptrcheck_ctx *ctx, const struct dname *qname, uint16_t qtype,
    lookup_fn *cb, void *arg, struct lookup **out)
{
	struct lookup *l;
	enum ptrcheck_status st;

	if (ctx->nchans == 0)
		return PTRCHECK_ERESOLVER;
	if ((l = calloc(1, sizeof(*l))) == NULL)
		return PTRCHECK_ENOMEM;
	l->ctx = ctx;
	l->qname = *qname;
	l->qtype = qtype;
	l->cb = cb;
	l->arg = arg;
	/* retries+1 rounds over every server: one silent resolver among
	 * several costs one timeout per round, not the whole check. */
	l->max_tries = (ctx->opt.retries + 1) * (unsigned)ctx->nchans;
	if ((st = lookup_send(l)) != PTRCHECK_OK) {
		free(l);
		ctx_set_error(ctx, "sending a query: %s", ptrcheck_strerror(st));
		return st;
	}
	*out = l;
	return PTRCHECK_OK;
}

void
lookup_cancel(struct lookup *l)
{
	/* c-ares 1.18 cancels only whole channels: the try runs out and
	 * on_ares_reply frees it without calling back. */
	if (l != NULL)
		l->cb = NULL;
}

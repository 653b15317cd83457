/*
 * cares.c - the transport over c-ares channels on the caller's libevent
 * loop. c-ares' own retries are off (tries=1): lookup.c decides what a lost
 * answer means. Query ids come from getrandom() and stay unique among the
 * endpoint's queries in flight; c-ares 1.18 keeps one UDP socket per
 * server for a channel's life, so the endpoint moves to a fresh channel
 * every ROTATE queries to vary the source port.
 */
#include <ares.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "name.h"
#include "transport.h"
#include "wire.h"

#define CHAN_RCVBUF (2 << 20) /* the kernel caps it at net.core.rmem_max */

struct chan;

struct sockev {
	struct sockev *next;
	ares_socket_t fd;
	struct event *ev;
	struct chan *chan;
};

struct chan {
	struct chan *next; /* on the endpoint's retired list */
	struct cep *ep;
	ares_channel ares;
	struct event *timer;
	struct sockev *socks;
	unsigned sent, inflight;
	bool destroying;
};

/* Every ROTATE queries an endpoint moves to a fresh channel (a fresh UDP
 * socket, so a fresh source port); the old one lives until its last query
 * is answered. */
#define ROTATE 1000

struct cep {
	struct endpoint pub; /* first: the transport hands this out */
	struct event_base *base;
	unsigned timeout_ms;
	struct chan *cur;
	struct chan *retired; /* old channels still waiting for answers */
	struct event *reaper; /* frees drained retired channels, off-callback */
	uint8_t ids[65536 / 8]; /* ids in flight on any of the channels */
};

/* One try in flight: what c-ares calls back with. */
struct
try {
	struct chan *chan;
	uint16_t id;
	try_fn *cb;
	void *arg;
};

static void chan_arm_timer(struct chan *c);

/*
 * chan_keep_timer - arm the timer only when none is pending. ares_timeout()
 * walks every query in flight, so calling it per packet is quadratic in
 * the window; a pending timer is never later than needed (a new query
 * times out after the old ones), and one that fires early just re-arms.
 */
static void
chan_keep_timer(struct chan *c)
{
	if (!c->destroying && !evtimer_pending(c->timer, NULL))
		chan_arm_timer(c);
}

static void
on_sock_event(evutil_socket_t fd, short what, void *arg)
{
	struct sockev *s = arg;
	struct chan *c = s->chan;

	ares_process_fd(c->ares,
	    (what & EV_READ) ? (ares_socket_t)fd : ARES_SOCKET_BAD,
	    (what & EV_WRITE) ? (ares_socket_t)fd : ARES_SOCKET_BAD);
	chan_keep_timer(c);
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

/* on_sock_state - c-ares tells which sockets to watch (ARES_OPT_SOCK_STATE_CB).
 */
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
	s->ev =
	    event_new(c->ep->base, (evutil_socket_t)fd, what, on_sock_event, s);
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
chan_free(struct chan *c)
{
	if (c == NULL)
		return;
	c->destroying = true;
	if (c->ares != NULL)
		ares_destroy(c->ares); /* tries see ARES_EDESTRUCTION */
	while (c->socks != NULL)
		sockev_drop(c, c->socks->fd);
	if (c->timer != NULL)
		event_free(c->timer);
	free(c);
}

static enum ptrcheck_status
chan_new(struct cep *ep, struct chan **out, char *err, size_t errlen)
{
	const struct ptrcheck_server *srv = &ep->pub.srv;
	struct ares_options o;
	struct ares_addr_port_node node;
	struct chan *c;
	int rc;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return PTRCHECK_ENOMEM;
	c->ep = ep;
	memset(&o, 0, sizeof(o));
	/* NOCHECKRESP: otherwise REFUSED and SERVFAIL never reach us. */
	o.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_NOSEARCH;
	o.tries = 1;
	o.timeout = (int)ep->timeout_ms;
	o.sock_state_cb = on_sock_state;
	o.sock_state_cb_data = c;
	/* Loopback replies cost ~2 KiB each of a socket's buffer: the
	 * default 208 KiB drops answers once ~100 arrive while the loop
	 * is busy, and every drop is a timeout. */
	o.socket_receive_buffer_size = CHAN_RCVBUF;
	rc = ares_init_options(&c->ares, &o,
	    ARES_OPT_FLAGS | ARES_OPT_TRIES | ARES_OPT_TIMEOUTMS |
	        ARES_OPT_SOCK_STATE_CB | ARES_OPT_SOCK_RCVBUF);
	if (rc != ARES_SUCCESS) {
		c->ares = NULL;
		goto fail_rc;
	}
	memset(&node, 0, sizeof(node));
	node.family = srv->addr.family;
	memcpy(
	    &node.addr, srv->addr.bytes, srv->addr.family == AF_INET ? 4 : 16);
	node.udp_port = node.tcp_port = srv->port;
	if ((rc = ares_set_servers_ports(c->ares, &node)) != ARES_SUCCESS)
		goto fail_rc;
	if ((c->timer = evtimer_new(ep->base, on_timer, c)) == NULL) {
		chan_free(c);
		return PTRCHECK_ENOMEM;
	}
	*out = c;
	return PTRCHECK_OK;
fail_rc:
	if (err != NULL)
		snprintf(err, errlen, "c-ares setup for %s: %s", ep->pub.label,
		    ares_strerror(rc));
	chan_free(c);
	return PTRCHECK_ERESOLVER;
}

static void
on_reap(evutil_socket_t fd, short what, void *arg)
{
	struct cep *ep = arg;
	struct chan **pp = &ep->retired, *c;

	(void)fd;
	(void)what;
	while ((c = *pp) != NULL) {
		if (c->inflight == 0) {
			*pp = c->next;
			chan_free(c);
		} else {
			pp = &c->next;
		}
	}
}

static void cares_endpoint_free(struct endpoint *pub);

static enum ptrcheck_status
cares_endpoint_new(struct transport *t, const struct ptrcheck_server *srv,
    unsigned timeout_ms, struct endpoint **out, char *err, size_t errlen)
{
	struct cep *ep;
	enum ptrcheck_status st;

	if ((ep = calloc(1, sizeof(*ep))) == NULL)
		return PTRCHECK_ENOMEM;
	endpoint_init(&ep->pub, t, srv);
	ep->base = t->base;
	ep->timeout_ms = timeout_ms;
	if ((ep->reaper = evtimer_new(ep->base, on_reap, ep)) == NULL) {
		free(ep);
		return PTRCHECK_ENOMEM;
	}
	if ((st = chan_new(ep, &ep->cur, err, errlen)) != PTRCHECK_OK) {
		cares_endpoint_free(&ep->pub);
		return st;
	}
	*out = &ep->pub;
	return PTRCHECK_OK;
}

static void
cares_endpoint_free(struct endpoint *pub)
{
	struct cep *ep = (struct cep *)pub;
	struct chan *c;

	chan_free(ep->cur);
	while ((c = ep->retired) != NULL) {
		ep->retired = c->next;
		chan_free(c);
	}
	event_free(ep->reaper);
	free(ep);
}

static bool
id_in_use(const struct cep *ep, uint16_t id)
{
	return ep->ids[id / 8] & (1u << (id % 8));
}

static void
id_mark(struct cep *ep, uint16_t id, bool used)
{
	if (used)
		ep->ids[id / 8] |= (uint8_t)(1u << (id % 8));
	else
		ep->ids[id / 8] &= (uint8_t) ~(1u << (id % 8));
}

/* random_u16 - 16 unpredictable bits, from the kernel a kilobyte at a
 * time (a getrandom() per query showed in a scan's profile). */
static bool
random_u16(uint16_t *out)
{
	static __thread uint16_t pool[512];
	static __thread size_t left;

	if (left == 0) {
		if (getrandom(pool, sizeof(pool), 0) != (ssize_t)sizeof(pool))
			return false;
		left = sizeof(pool) / sizeof(pool[0]);
	}
	*out = pool[--left];
	return true;
}

/* random_id - an unpredictable id not in flight (RFC 5452 4.3). */
static bool
random_id(const struct cep *ep, uint16_t *id)
{
	int attempt;

	for (attempt = 0; attempt < 64; attempt++) {
		if (!random_u16(id))
			return false;
		if (!id_in_use(ep, *id))
			return true;
	}
	return false;
}

/* plain_name - a name of letters, digits, hyphens and underscores only:
 * its text form (name_text) needs no escapes, so c-ares can build its
 * query from it; into text without the final dot ("." for the root). */
static bool
plain_name(const struct dname *n, char *text, size_t len)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
	                            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
	size_t t = strlen(name_text(n, text, len));

	if (text[strspn(text, plain)] != '\0')
		return false; /* an escape, or a byte c-ares reads otherwise */
	if (t > 1)
		text[t - 1] = '\0';
	else if (t == 0)
		snprintf(text, len, ".");
	return true;
}

/* build_query - the question as c-ares builds it, for a plain name (the
 * cheapest way: a scan builds one per address), else as ldns builds it;
 * EDNS with 1232 bytes either way. Free with free_query(). */
static enum ptrcheck_status
build_query(const struct dname *qname, uint16_t qtype, uint16_t id,
    unsigned flags, uint8_t **q, size_t *qlen, bool *from_ares)
{
	char text[PTRCHECK_NAME_TEXT_MAX];
	unsigned char *buf;
	int len;

	*from_ares =
	    plain_name(qname, text, sizeof(text)) &&
	    ares_create_query(text, 1 /* IN */, qtype, id,
	        (flags & WIRE_RD) != 0, &buf, &len, 1232) == ARES_SUCCESS;
	if (!*from_ares)
		return wire_query(qname, qtype, id, flags, q, qlen);
	if (flags & WIRE_CD)
		buf[3] |= 0x10; /* the CD bit of the header (RFC 4035 3.2.2) */
	*q = buf;
	*qlen = (size_t)len;
	return PTRCHECK_OK;
}

static void
free_query(uint8_t *q, bool from_ares)
{
	if (from_ares)
		ares_free_string(q);
	else
		free(q);
}

/* rotate - a fresh channel (a fresh socket); the old one drains. */
static void
rotate(struct cep *ep)
{
	struct chan *fresh;

	if (chan_new(ep, &fresh, NULL, 0) != PTRCHECK_OK)
		return; /* keep the old socket rather than fail the query */
	ep->cur->next = ep->retired;
	ep->retired = ep->cur;
	ep->cur = fresh;
	ep->pub.t->rotations++;
}

/* outcome_of - an ARES_* status as a try's outcome. */
static enum try_outcome
outcome_of(int status)
{
	switch (status) {
	case ARES_SUCCESS:
		return TRY_REPLY;
	case ARES_ETIMEOUT:
		return TRY_TIMEOUT;
	case ARES_EBADRESP:
	case ARES_EFORMERR:
		return TRY_BADREPLY;
	case ARES_EDESTRUCTION:
	case ARES_ECANCELLED:
		return TRY_GONE;
	}
	return TRY_NETWORK;
}

static void
on_ares_reply(
    void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct try *t = arg;
	struct chan *c = t->chan;
	struct cep *ep = c->ep;

	(void)timeouts;
	id_mark(ep, t->id, false);
	c->inflight--;
	t->cb(t->arg, outcome_of(status), status == ARES_SUCCESS ? abuf : NULL,
	    status == ARES_SUCCESS && alen > 0 ? (size_t)alen : 0);
	free(t);
	if (c != ep->cur && c->inflight == 0 && !c->destroying) {
		struct timeval now = {0, 0};

		evtimer_add(ep->reaper, &now); /* not from inside c-ares */
	}
}

static enum ptrcheck_status
cares_send(struct endpoint *pub, const struct dname *qname, uint16_t qtype,
    unsigned flags, try_fn *cb, void *arg)
{
	struct cep *ep = (struct cep *)pub;
	struct chan *c;
	struct try *t;
	uint8_t *q = NULL;
	size_t qlen;
	enum ptrcheck_status st;
	bool from_ares;

	if (ep->cur->sent >= ROTATE)
		rotate(ep);
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return PTRCHECK_ENOMEM;
	if (!random_id(ep, &t->id)) {
		free(t);
		return PTRCHECK_ERESOLVER;
	}
	if ((st = build_query(qname, qtype, t->id, flags, &q, &qlen,
	         &from_ares)) != PTRCHECK_OK) {
		free(t);
		return st;
	}
	c = t->chan = ep->cur;
	t->cb = cb;
	t->arg = arg;
	id_mark(ep, t->id, true);
	c->sent++;
	c->inflight++;
	/* t may be gone when ares_send returns: it can call back at once. */
	ares_send(c->ares, q, (int)qlen, on_ares_reply, t);
	free_query(q, from_ares);
	chan_keep_timer(c);
	return PTRCHECK_OK;
}

/* cares_default_servers - the resolvers of /etc/resolv.conf, as c-ares
 * reads it. */
static enum ptrcheck_status
cares_default_servers(struct transport *t, struct ptrcheck_server *out,
    size_t max, size_t *n, char *err, size_t errlen)
{
	struct ares_addr_port_node *list = NULL, *p;
	ares_channel tmp;
	int rc;

	(void)t;
	*n = 0;
	if ((rc = ares_init(&tmp)) != ARES_SUCCESS) {
		snprintf(err, errlen, "reading the system resolvers: %s",
		    ares_strerror(rc));
		return PTRCHECK_ERESOLVER;
	}
	if (ares_get_servers_ports(tmp, &list) == ARES_SUCCESS) {
		for (p = list; p != NULL && *n < max; p = p->next) {
			struct ptrcheck_server *s = &out[*n];

			memset(s, 0, sizeof(*s));
			s->addr.family = p->family;
			memcpy(s->addr.bytes, &p->addr,
			    p->family == AF_INET ? 4 : 16);
			s->port = p->udp_port ? (uint16_t)p->udp_port : 53;
			(*n)++;
		}
		ares_free_data(list);
	}
	ares_destroy(tmp);
	if (*n == 0) {
		snprintf(err, errlen,
		    "no resolver in /etc/resolv.conf; use --resolver");
		return PTRCHECK_ERESOLVER;
	}
	return PTRCHECK_OK;
}

static void
cares_free(struct transport *t)
{
	free(t);
	ares_library_cleanup();
}

static const struct transport_ops cares_ops = {
    .endpoint_new = cares_endpoint_new,
    .endpoint_free = cares_endpoint_free,
    .send = cares_send,
    .default_servers = cares_default_servers,
    .free = cares_free,
};

enum ptrcheck_status
transport_cares_new(
    struct event_base *base, struct transport **out, char *err, size_t errlen)
{
	struct transport *t;

	if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) {
		snprintf(err, errlen, "c-ares could not be initialised");
		return PTRCHECK_ERESOLVER;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL) {
		ares_library_cleanup();
		return PTRCHECK_ENOMEM;
	}
	t->ops = &cares_ops;
	t->base = base;
	*out = t;
	return PTRCHECK_OK;
}

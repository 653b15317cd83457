/*
 * fuzz_conn.c - ptrcheckd's connection state machine (conn.c) as a hostile
 * client drives it: the input is a script of steps on one socket pair -
 * bytes sent in arbitrary chunks, turns of the event loop, lookups that
 * finish later or at once or cannot start, replies read or left unread,
 * a half-close, a full close. The DNS side is a stand-in (resolve below)
 * that answers from the loop, as the real one does.
 *
 * Invariants: never more replies than complete requests; every reply is
 * one "action=...\n\n" block; nothing leaks (LeakSanitizer) and nothing is
 * used after it is freed (AddressSanitizer) whatever the order of events.
 */
#include <event2/event.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"
#include "daemon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* --- what conn.c needs from the rest of the daemon ----------------------- */

static uint64_t fake_now;

uint64_t
now_ms(void)
{
	return fake_now;
}

void
log_msg(int priority, const char *fmt, ...)
{
	char line[2048];
	va_list ap;

	(void)priority;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
}

void
note_client(struct daemon *d, bool special)
{
	(void)d;
	(void)special;
}

/* The stand-in lookups: every request waits on one entry until a step
 * finishes them all from the loop; some are answered from the "cache" at
 * once, some cannot start. */
static struct cache_entry lookups;
static struct event *finish_ev;
static unsigned resolve_mode; /* set by the script */

static void
on_finish(evutil_socket_t fd, short what, void *arg)
{
	struct facts f;

	(void)fd;
	(void)what;
	(void)arg;
	memset(&f, 0, sizeof(f));
	f.verdict = PTRCHECK_VERDICT_PTR_MISSING;
	cache_wake(&lookups, &f, false);
}

bool
resolve(struct daemon *d, const struct ptrcheck_addr *addr, struct waiter *w)
{
	struct facts f;

	(void)d;
	(void)addr;
	memset(&f, 0, sizeof(f));
	switch (resolve_mode % 3) {
	case 0: /* a cache hit: answered inside the call, as resolve() may */
		f.verdict = PTRCHECK_VERDICT_PASS;
		strcpy(f.ptr, "mail.example.");
		strcpy(f.confirmed, "mail.example.");
		w->done(w, &f, true);
		return true;
	case 1: /* a lookup: answered later, from the loop */
		waiter_link(&lookups, w);
		return true;
	default: /* no lookup could start */
		return false;
	}
}

/* --- the script ------------------------------------------------------------
 */

struct run {
	struct daemon d;
	int peer; /* the client's end */
	size_t requests, replies;
	char got[8192];
	size_t ngot;
	bool peer_closed, peer_shut;
};

/* count_requests - complete requests (an empty line after a request line)
 * in what was sent; an upper bound on the replies owed. */
static size_t
count_blocks(const uint8_t *p, size_t n, bool *at_line_start)
{
	size_t i, blocks = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n' && *at_line_start)
			blocks++;
		*at_line_start = p[i] == '\n';
	}
	return blocks;
}

static void
read_replies(struct run *r)
{
	ssize_t got;
	char *end;

	while (!r->peer_closed && (got = read(r->peer, r->got + r->ngot,
	                               sizeof(r->got) - r->ngot)) > 0) {
		r->ngot += (size_t)got;
		while ((end = memmem(r->got, r->ngot, "\n\n", 2)) != NULL) {
			size_t len = (size_t)(end - r->got) + 2;

			if (strncmp(r->got, "action=", 7) != 0)
				abort(); /* a reply is action=... and nothing
				            else */
			r->replies++;
			memmove(r->got, r->got + len, r->ngot - len);
			r->ngot -= len;
		}
		if (r->ngot == sizeof(r->got))
			abort(); /* no reply is this long */
	}
}

static void
step(struct run *r, const uint8_t **p, const uint8_t *end, bool *line_start)
{
	uint8_t op = *(*p)++;
	size_t n;

	switch (op % 8) {
	case 0:
	case 1: /* send a chunk of the script's bytes */
		n = *p < end ? (size_t)(**p) * (op % 2 ? 16 : 1) + 1 : 0;
		if (*p < end)
			(*p)++;
		if (n > (size_t)(end - *p))
			n = (size_t)(end - *p);
		if (!r->peer_closed && !r->peer_shut && n > 0 &&
		    send(r->peer, *p, n, MSG_DONTWAIT | MSG_NOSIGNAL) > 0)
			r->requests += count_blocks(*p, n, line_start);
		*p += n;
		break;
	case 2: /* a turn of the loop */
		event_base_loop(r->d.base, EVLOOP_NONBLOCK);
		break;
	case 3: /* the lookups in flight finish on the next turn */
		event_active(finish_ev, EV_TIMEOUT, 1);
		break;
	case 4: /* how the next requests are resolved */
		resolve_mode++;
		break;
	case 5: /* read the replies so far */
		read_replies(r);
		break;
	case 6: /* half-close */
		if (!r->peer_closed && !r->peer_shut) {
			shutdown(r->peer, SHUT_WR);
			r->peer_shut = true;
		}
		break;
	default: /* a minute passes for the log's rate limits (the timers
	          * run on libevent's clock: the lab tests cover them) */
		fake_now += 60000;
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run r;
	const uint8_t *p = data, *end = data + size;
	bool line_start = true;
	int fds[2], i;

	memset(&r, 0, sizeof(r));
	config_defaults(&r.d.cfg);
	r.d.cfg.max_connections = 4;
	if ((r.d.base = event_base_new()) == NULL ||
	    socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0)
		abort();
	lookups.waiters.next = lookups.waiters.prev = &lookups.waiters;
	finish_ev = event_new(r.d.base, -1, 0, on_finish, NULL);
	resolve_mode = 0;
	fake_now = 1;
	evutil_make_socket_nonblocking(fds[0]);
	evutil_make_socket_nonblocking(fds[1]);
	r.peer = fds[1];
	conn_accept(&r.d, fds[0]);
	while (p < end)
		step(&r, &p, end, &line_start);
	/* Settle: finish every lookup, turn the loop, read what came. */
	for (i = 0; i < 4; i++) {
		event_active(finish_ev, EV_TIMEOUT, 1);
		event_base_loop(r.d.base, EVLOOP_NONBLOCK);
		read_replies(&r);
	}
	if (r.replies > r.requests)
		abort(); /* a reply to a request never sent */
	close(r.peer);
	event_base_loop(r.d.base, EVLOOP_NONBLOCK);
	conn_close_all(&r.d);
	while (lookups.waiters.next != &lookups.waiters)
		abort(); /* a closed connection left its waiter behind */
	event_free(finish_ev);
	event_base_free(r.d.base);
	return 0;
}

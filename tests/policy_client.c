/*
 * policy_client.c - a Postfix policy client for ptrcheckd's tests and its
 * load benchmark.
 *
 *	policy_client ADDR < requests
 *		sends the requests (name=value lines, each ended by an empty
 *		line) on one connection and prints each reply's action line;
 *		exits 1 when the server closes early or is silent for 10 s.
 *	policy_client --load ADDR CONNS REQUESTS ADDRESS...
 *		CONNS connections at once, REQUESTS in all, each connection
 *		asking again as soon as it has its answer, for the client
 *		addresses given in turn; prints decisions/s, p50/p99 latency,
 *		errors, and the requests still unanswered when nothing has come
 *		for 5 s (clients the server never accepted).
 *	policy_client --serve HOST:PORT
 *		a policy server that answers every request "action=DUNNO"
 *		without any work: the load generator's own ceiling, measured
 *		beside ptrcheckd in the same run (bench/daemon-lab).
 * ADDR is host:port or unix:/path.
 */
#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <event2/util.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int
connect_to(const char *spec)
{
	struct sockaddr_storage ss;
	int len = sizeof(ss), fd;

	memset(&ss, 0, sizeof(ss));
	if (strncmp(spec, "unix:", 5) == 0) {
		struct sockaddr_un *sun = (struct sockaddr_un *)&ss;

		sun->sun_family = AF_UNIX;
		snprintf(sun->sun_path, sizeof(sun->sun_path), "%s", spec + 5);
		len = sizeof(*sun);
	} else if (evutil_parse_sockaddr_port(
	               spec, (struct sockaddr *)&ss, &len) != 0) {
		fprintf(stderr, "policy_client: bad address %s\n", spec);
		return -1;
	}
	if ((fd = socket(ss.ss_family, SOCK_STREAM, 0)) < 0 ||
	    connect(fd, (struct sockaddr *)&ss, (socklen_t)len) != 0) {
		fprintf(
		    stderr, "policy_client: %s: %s\n", spec, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- one connection, requests from stdin ------------------------------ */

/* wait_for_file - until the file named by the len bytes at name exists. */
static void
wait_for_file(const char *name, size_t len)
{
	char path[4096];
	int i;

	snprintf(path, sizeof(path), "%.*s", (int)len, name);
	for (i = 0; i < 6000 && access(path, F_OK) != 0; i++)
		usleep(10000);
}

/* run_once - the requests of stdin (blocks ended by an empty line) one
 * after another on one connection, each reply awaited as Postfix does; a
 * block "#pause SECONDS" waits first, and "#wait PATH" waits until PATH
 * exists (up to 60 s): the test signals the server meanwhile. */
static int
run_once(const char *spec)
{
	static char in[(1 << 20) + 1];
	char line[8192];
	size_t len = fread(in, 1, sizeof(in) - 1, stdin);
	char *block = in, *end;
	int sent = 0, got = 0, fd;
	FILE *f;
	struct timeval tv = {10, 0};

	in[len] = '\0';
	if ((fd = connect_to(spec)) < 0)
		return 2;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if ((f = fdopen(fd, "r")) == NULL)
		return 2;
	while ((end = strstr(block, "\n\n")) != NULL) {
		size_t n = (size_t)(end - block) + 2;

		if (strncmp(block, "#pause ", 7) == 0) {
			usleep((useconds_t)(atof(block + 7) * 1e6));
			block += n;
			continue;
		}
		if (strncmp(block, "#wait ", 6) == 0) {
			wait_for_file(block + 6, n - 6 - 2);
			block += n;
			continue;
		}
		if (write(fd, block, n) != (ssize_t)n)
			break;
		sent++;
		block += n;
		while (fgets(line, sizeof(line), f) != NULL &&
		       strcmp(line, "\n") != 0)
			fputs(line, stdout);
		if (feof(f) || ferror(f))
			break;
		got++;
		fflush(stdout);
	}
	fclose(f);
	if (got < sent || *block != '\0') {
		fprintf(stderr, "policy_client: %d replies to %d requests\n",
		    got, sent);
		return 1;
	}
	return 0;
}

/* --- load --------------------------------------------------------------- */

struct load {
	struct event_base *base;
	char **addrs;
	int naddrs;
	long sent, done, total, errors;
	double *lat;
	long last_done; /* at the previous tick: no progress for 5 s ends it */
	int idle_ticks;
};

static void
on_tick(evutil_socket_t fd, short what, void *arg)
{
	struct load *ld = arg;

	(void)fd;
	(void)what;
	if (ld->done != ld->last_done) {
		ld->last_done = ld->done;
		ld->idle_ticks = 0;
	} else if (++ld->idle_ticks == 5) {
		event_base_loopbreak(ld->base); /* what is left will not come */
	}
}

struct lconn {
	struct load *ld;
	struct bufferevent *bev;
	double t0;
};

static void
send_next(struct lconn *c)
{
	struct load *ld = c->ld;

	if (ld->sent >= ld->total)
		return;
	c->t0 = now_s();
	evbuffer_add_printf(bufferevent_get_output(c->bev),
	    "request=smtpd_access_policy\nprotocol_state=RCPT\nprotocol_name="
	    "ESMTP\n"
	    "client_address=%s\nclient_name=unknown\nhelo_name=load.example\n"
	    "sender=a@load.example\nrecipient=b@example.net\ninstance=%lx.%"
	    "lx\n\n",
	    ld->addrs[ld->sent % ld->naddrs], (long)ld->sent, (long)getpid());
	ld->sent++;
}

static void
on_read(struct bufferevent *bev, void *arg)
{
	struct lconn *c = arg;
	struct load *ld = c->ld;
	struct evbuffer *in = bufferevent_get_input(bev);
	struct evbuffer_ptr p;
	char *line;
	size_t n;

	for (;;) {
		p = evbuffer_search(in, "\n\n", 2, NULL);
		if (p.pos < 0)
			return;
		line = evbuffer_readln(in, &n, EVBUFFER_EOL_LF);
		if (line == NULL || strncmp(line, "action=", 7) != 0)
			ld->errors++;
		free(line);
		evbuffer_drain(in, 1); /* the empty line */
		ld->lat[ld->done++] = now_s() - c->t0;
		if (ld->done == ld->total) {
			event_base_loopbreak(ld->base);
			return;
		}
		send_next(c);
	}
}

static void
on_event(struct bufferevent *bev, short what, void *arg)
{
	struct lconn *c = arg;

	(void)bev;
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR)) {
		c->ld->errors++;
		c->ld->total--; /* this connection's request will not come */
		bufferevent_free(c->bev);
		c->bev = NULL;
		if (c->ld->done >= c->ld->total)
			event_base_loopbreak(c->ld->base);
	}
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
run_load(const char *spec, int conns, long total, char **addrs, int naddrs)
{
	struct load ld = {event_base_new(), addrs, naddrs, 0, 0, total, 0,
	    calloc((size_t)total, sizeof(double)), 0, 0};
	struct lconn *cs = calloc((size_t)conns, sizeof(*cs));
	struct timeval second = {1, 0};
	struct event *tick;
	double t0, t1;
	long stalled;
	int i, open = 0;

	if (ld.base == NULL || ld.lat == NULL || cs == NULL)
		return 2;
	for (i = 0; i < conns; i++) {
		int fd = connect_to(spec);

		if (fd < 0)
			break;
		evutil_make_socket_nonblocking(fd);
		cs[i].ld = &ld;
		cs[i].bev =
		    bufferevent_socket_new(ld.base, fd, BEV_OPT_CLOSE_ON_FREE);
		bufferevent_setcb(cs[i].bev, on_read, NULL, on_event, &cs[i]);
		bufferevent_enable(cs[i].bev, EV_READ);
		open++;
	}
	tick = event_new(ld.base, -1, EV_PERSIST, on_tick, &ld);
	event_add(tick, &second);
	t0 = now_s();
	for (i = 0; i < open; i++)
		send_next(&cs[i]);
	event_base_dispatch(ld.base);
	t1 = now_s();
	event_free(tick);
	stalled = ld.total - ld.done;
	qsort(ld.lat, (size_t)ld.done, sizeof(double), cmp);
	printf("connections %d of %d, decisions %ld in %.3f s: %.0f/s, "
	       "p50 %.3f ms, p99 %.3f ms, errors %ld, unanswered %ld\n",
	    open, conns, ld.done, t1 - t0, (double)ld.done / (t1 - t0),
	    ld.done ? ld.lat[ld.done / 2] * 1000 : 0,
	    ld.done ? ld.lat[ld.done * 99 / 100] * 1000 : 0, ld.errors,
	    stalled);
	for (i = 0; i < conns; i++)
		if (cs[i].bev != NULL)
			bufferevent_free(cs[i].bev);
	free(cs);
	free(ld.lat);
	event_base_free(ld.base);
	return ld.errors == 0 && stalled == 0 && open == conns ? 0 : 1;
}

/* --- serve: the null policy server ------------------------------------ */

/* on_serve_read - one "action=DUNNO" per request (an empty line ends
 * each); nothing else is read into. */
static void
on_serve_read(struct bufferevent *bev, void *arg)
{
	struct evbuffer *in = bufferevent_get_input(bev);
	struct evbuffer_ptr p;
	size_t n;

	(void)arg;
	while ((p = evbuffer_search(in, "\n\n", 2, NULL)).pos >= 0) {
		n = (size_t)p.pos + 2;
		evbuffer_drain(in, n);
		evbuffer_add(
		    bufferevent_get_output(bev), "action=DUNNO\n\n", 14);
	}
}

static void
on_serve_event(struct bufferevent *bev, short what, void *arg)
{
	(void)what;
	(void)arg;
	bufferevent_free(bev);
}

static void
on_serve_accept(struct evconnlistener *l, evutil_socket_t fd,
    struct sockaddr *sa, int len, void *arg)
{
	struct bufferevent *bev = bufferevent_socket_new(
	    evconnlistener_get_base(l), fd, BEV_OPT_CLOSE_ON_FREE);

	(void)sa;
	(void)len;
	(void)arg;
	if (bev == NULL) {
		close(fd);
		return;
	}
	bufferevent_setcb(bev, on_serve_read, NULL, on_serve_event, NULL);
	bufferevent_enable(bev, EV_READ);
}

static int
run_serve(const char *spec)
{
	struct sockaddr_storage ss;
	int len = sizeof(ss);
	struct event_base *base = event_base_new();
	struct evconnlistener *l;

	if (base == NULL ||
	    evutil_parse_sockaddr_port(spec, (struct sockaddr *)&ss, &len) != 0)
		return 2;
	l = evconnlistener_new_bind(base, on_serve_accept, NULL,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE, 1024,
	    (struct sockaddr *)&ss, len);
	if (l == NULL)
		return 2;
	event_base_dispatch(base);
	evconnlistener_free(l);
	event_base_free(base);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--serve") == 0)
		return run_serve(argv[2]);
	if (argc == 2)
		return run_once(argv[1]);
	if (argc >= 6 && strcmp(argv[1], "--load") == 0)
		return run_load(
		    argv[2], atoi(argv[3]), atol(argv[4]), argv + 5, argc - 5);
	fprintf(stderr,
	    "usage: policy_client ADDR < requests\n"
	    "       policy_client --load ADDR CONNS REQUESTS ADDRESS...\n"
	    "       policy_client --serve HOST:PORT\n");
	return 2;
}

/*
 * test_cares.c - the c-ares transport's own mechanisms, on a loopback
 * socket of the test's that never answers: every 1,000 queries an
 * endpoint moves to a fresh channel with a socket of its own (the
 * rotation counter and the open sockets say so, whatever ports the kernel
 * picks), a lost try is reported as a timeout, and freeing an endpoint
 * calls every try in flight back as gone.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <event2/event.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dnsdata.h"
#include "transport.h"
#include "unit.h"

struct tally {
	unsigned timeouts, gone, other;
};

static void
on_try(void *arg, enum try_outcome out, const uint8_t *msg, size_t len)
{
	struct tally *t = arg;

	(void)msg;
	(void)len;
	if (out == TRY_TIMEOUT)
		t->timeouts++;
	else if (out == TRY_GONE)
		t->gone++;
	else
		t->other++;
}

/* silent_server - a bound UDP socket on 127.0.0.1 that nobody reads. */
static int
silent_server(struct ptrcheck_server *srv)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	ck_assert_int_ge(fd, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	ck_assert_int_eq(ptrcheck_server_parse("127.0.0.1", srv), PTRCHECK_OK);
	srv->port = ntohs(sin.sin_port);
	return fd;
}

/* open_sockets - the process's open sockets, from /proc/self/fd. */
static unsigned
open_sockets(void)
{
	char path[300], target[64];
	struct dirent *e;
	unsigned n = 0;
	DIR *d = opendir("/proc/self/fd");

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		ssize_t len;

		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		len = readlink(path, target, sizeof(target) - 1);
		if (len > 0 && (target[len] = '\0', true) &&
		    strncmp(target, "socket:", 7) == 0)
			n++;
	}
	closedir(d);
	return n;
}

static void
send_many(struct endpoint *ep, unsigned n, struct tally *t)
{
	struct dname q;
	unsigned i;

	ck_assert_int_eq(name_from_text("x.example.", &q), PTRCHECK_OK);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(
		    endpoint_send(ep, &q, WIRE_TYPE_A, WIRE_RD, on_try, t),
		    PTRCHECK_OK);
}

/* A c-ares transport and one endpoint towards a silent loopback socket. */
struct rig {
	struct event_base *base;
	struct transport *t;
	struct endpoint *ep;
	int fd;
};

static void
rig_open(struct rig *g, unsigned timeout_ms)
{
	struct ptrcheck_server srv;
	char err[256];

	g->base = event_base_new();
	ck_assert_ptr_nonnull(g->base);
	g->fd = silent_server(&srv);
	ck_assert_int_eq(
	    transport_cares_new(g->base, &g->t, err, sizeof(err)), PTRCHECK_OK);
	ck_assert_int_eq(
	    endpoint_new(g->t, &srv, timeout_ms, &g->ep, err, sizeof(err)),
	    PTRCHECK_OK);
}

static void
rig_close(struct rig *g)
{
	endpoint_free(g->ep);
	transport_free(g->t);
	event_base_free(g->base);
	close(g->fd);
}

START_TEST(rotation_and_timeouts)
{
	struct tally tally = {0, 0, 0};
	struct rig g;
	unsigned before;

	rig_open(&g, 200);
	before = open_sockets();
	send_many(g.ep, 2001, &tally);
	/* Queries 1-1,000 on the first channel, 1,001-2,000 on a second,
	 * the 2,001st on a third: two rotations, three sockets at once (the
	 * old channels live until their tries are over). */
	ck_assert_uint_eq(g.t->rotations, 2);
	ck_assert_uint_ge(open_sockets(), before + 3);
	/* Nobody answers: each try times out, once. */
	while (tally.timeouts + tally.gone + tally.other < 2001)
		ck_assert_int_eq(event_base_loop(g.base, EVLOOP_ONCE), 0);
	ck_assert_uint_eq(tally.timeouts, 2001);
	ck_assert_uint_eq(tally.other, 0);
	rig_close(&g);
}
END_TEST

START_TEST(free_calls_back_gone)
{
	struct tally tally = {0, 0, 0};
	struct rig g;

	rig_open(&g, 60000);
	send_many(g.ep, 5, &tally);
	endpoint_free(g.ep);
	g.ep = NULL;
	ck_assert_uint_eq(tally.gone, 5);
	ck_assert_uint_eq(tally.timeouts + tally.other, 0);
	rig_close(&g);
}
END_TEST

static Suite *
cares_suite(void)
{
	Suite *s = suite_create("cares");
	TCase *tc = tcase_create("loopback");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, rotation_and_timeouts);
	tcase_add_test(tc, free_calls_back_gone);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(cares_suite)

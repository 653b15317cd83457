/*
 * abuse_client.c - a Postfix policy client that misbehaves on purpose, for
 * ptrcheckd's abuse tests and bench/abuse. Every mode ends by itself
 * (each wait is bounded) and prints what it saw on stdout.
 *
 *	abuse_client pipeline ADDR IP...
 *		one connection; every request written at once, then every
 *		reply read: one action line per request, in order
 *	abuse_client behind ADDR SLOW-IP IP
 *		connection A asks for SLOW-IP (its lookup stays in flight; A
 *		knows the daemon has read the request once the CONNECT sent
 *		with it is answered), then connection B asks for IP: prints
 *		B's action, then A's
 *	abuse_client halfclose ADDR IP...
 *		the requests, then shutdown(SHUT_WR): the replies until EOF
 *	abuse_client noread ADDR IP MEGABYTES
 *		requests for IP, never reading a reply, until MEGABYTES are
 *		written or the daemon has stopped reading for 3 s: prints
 *		"written N stalled yes|no"
 *	abuse_client trickle ADDR CONNS INTERVAL-MS SECONDS
 *		CONNS connections, each sending one byte of a request every
 *		INTERVAL-MS, for at most SECONDS: prints "closed N of CONNS"
 *		(closed by the daemon) and, for each, bytes it got through
 *	abuse_client hold ADDR CONNS SECONDS
 *		CONNS connections that send half a request and wait
 *	abuse_client flood ADDR MEGABYTES
 *		CONNECT requests (answered without DNS) written as fast as the
 *		daemon reads them while the replies are read: prints "requests
 *		N replies N" once every reply is in
 *	abuse_client property ADDR SEED CONNS ROUNDS IP...
 *		CONNS connections; in each round every connection pipelines
 *		1 to 4 addresses drawn (fixed SEED) from the list, then reads
 *		their replies: prints "IP<TAB>action" per reply, and exits 1
 *		when a connection closes early
 * ADDR is host:port or unix:/path. Exit 0, or 1 when the daemon did not
 * answer as the mode needs, 2 on usage or connection errors.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define REPLY_WAIT_MS 15000 /* a reply later than this is a failure */
#define MAX_CONNS 20000

static unsigned long serial; /* instance of each request: a header each time */

static int
parse_addr(const char *spec, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_un *sun = (struct sockaddr_un *)ss;
	char host[128];
	const char *colon = strrchr(spec, ':');

	memset(ss, 0, sizeof(*ss));
	if (strncmp(spec, "unix:", 5) == 0) {
		sun->sun_family = AF_UNIX;
		snprintf(sun->sun_path, sizeof(sun->sun_path), "%s", spec + 5);
		*len = sizeof(*sun);
		return 0;
	}
	if (colon == NULL || (size_t)(colon - spec) >= sizeof(host))
		return -1;
	memcpy(host, spec, (size_t)(colon - spec));
	host[colon - spec] = '\0';
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)atoi(colon + 1));
	*len = sizeof(*sin);
	return inet_pton(AF_INET, host, &sin->sin_addr) == 1 ? 0 : -1;
}

/* connect_to - a blocking stream socket; rcvbuf > 0 shrinks the receive
 * buffer first (so that unread replies stay in the daemon). */
static int
connect_to(const char *spec, int rcvbuf)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd;

	if (parse_addr(spec, &ss, &len) != 0) {
		fprintf(stderr, "abuse_client: bad address %s\n", spec);
		return -1;
	}
	if ((fd = socket(ss.ss_family, SOCK_STREAM, 0)) < 0)
		return -1;
	if (rcvbuf > 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (connect(fd, (struct sockaddr *)&ss, len) != 0) {
		fprintf(
		    stderr, "abuse_client: %s: %s\n", spec, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* request - one RCPT request for ip (or a CONNECT one) into buf. */
static int
request(char *buf, size_t len, const char *state, const char *ip)
{
	return snprintf(buf, len,
	    "request=smtpd_access_policy\nprotocol_state=%s\n"
	    "client_address=%s\ninstance=a%lu\n\n",
	    state, ip, ++serial);
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A reader of replies: "action=...\n\n" blocks off one socket. */
struct replies {
	int fd;
	char buf[65536];
	size_t len;
};

/* reply_next - the next action line (without "\n\n") into out; 0 at EOF or
 * after REPLY_WAIT_MS of silence, 1 with a reply. */
static int
reply_next(struct replies *r, char *out, size_t outlen)
{
	uint64_t until = now_ms() + REPLY_WAIT_MS;

	for (;;) {
		char *end = memmem(r->buf, r->len, "\n\n", 2);
		struct pollfd p = {r->fd, POLLIN, 0};
		ssize_t got;

		if (end != NULL) {
			size_t n = (size_t)(end - r->buf);

			snprintf(out, outlen, "%.*s", (int)n, r->buf);
			memmove(r->buf, end + 2, r->len - n - 2);
			r->len -= n + 2;
			return 1;
		}
		if (r->len == sizeof(r->buf) || now_ms() >= until ||
		    poll(&p, 1, (int)(until - now_ms())) <= 0)
			return 0;
		if ((got = read(
		         r->fd, r->buf + r->len, sizeof(r->buf) - r->len)) <= 0)
			return 0;
		r->len += (size_t)got;
	}
}

/* --- pipeline, halfclose ----------------------------------------------- */

static int
run_pipeline(const char *spec, char **ips, int n, bool halfclose)
{
	static char out[1 << 20];
	struct replies r = {0};
	char line[2048];
	size_t len = 0;
	int i, got = 0;

	if ((r.fd = connect_to(spec, 0)) < 0)
		return 2;
	for (i = 0; i < n && len + 512 < sizeof(out); i++)
		len += (size_t)request(
		    out + len, sizeof(out) - len, "RCPT", ips[i]);
	if (write_all(r.fd, out, len) != 0)
		return 1;
	if (halfclose)
		shutdown(r.fd, SHUT_WR);
	while (got < n && reply_next(&r, line, sizeof(line))) {
		puts(line);
		got++;
	}
	close(r.fd);
	if (got < n)
		fprintf(stderr, "abuse_client: %d replies to %d requests\n",
		    got, n);
	return got == n ? 0 : 1;
}

/* --- behind: a request behind a lookup in flight ------------------------ */

static int
run_behind(const char *spec, const char *slow, const char *ip)
{
	struct replies a = {0}, b = {0};
	char buf[1024], line[2048];
	int len;

	if ((a.fd = connect_to(spec, 0)) < 0 ||
	    (b.fd = connect_to(spec, 0)) < 0)
		return 2;
	/* CONNECT and RCPT in one write: once CONNECT's DUNNO is here, the
	 * daemon has read (and started) the RCPT too. */
	len = request(buf, sizeof(buf), "CONNECT", slow);
	len += request(buf + len, sizeof(buf) - (size_t)len, "RCPT", slow);
	if (write_all(a.fd, buf, (size_t)len) != 0 ||
	    !reply_next(&a, line, sizeof(line)))
		return 1;
	len = request(buf, sizeof(buf), "RCPT", ip);
	if (write_all(b.fd, buf, (size_t)len) != 0 ||
	    !reply_next(&b, line, sizeof(line)))
		return 1;
	puts(line);
	if (!reply_next(&a, line, sizeof(line)))
		return 1;
	puts(line);
	return 0;
}

/* --- noread: requests, never a reply read -------------------------------- */

static int
run_noread(const char *spec, const char *ip, long megabytes)
{
	static char chunk[64 * 1024];
	uint64_t total = (uint64_t)megabytes << 20, written = 0;
	size_t len = 0;
	int fd;
	bool stalled = false;

	if ((fd = connect_to(spec, 4096)) < 0)
		return 2;
	while (len + 256 < sizeof(chunk))
		len += (size_t)request(
		    chunk + len, sizeof(chunk) - len, "RCPT", ip);
	while (written < total) {
		struct pollfd p = {fd, POLLOUT, 0};
		ssize_t w;

		if (poll(&p, 1, 3000) == 0) {
			stalled = true; /* the daemon stopped reading us */
			break;
		}
		if ((w = send(fd, chunk, len, MSG_DONTWAIT | MSG_NOSIGNAL)) <
		    0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			break; /* closed by the daemon */
		}
		written += (uint64_t)w;
	}
	printf("written %llu stalled %s\n", (unsigned long long)written,
	    stalled ? "yes" : "no");
	close(fd);
	return 0;
}

/* --- trickle and hold: slow clients -------------------------------------- */

static int *
open_many(const char *spec, int n)
{
	int *fds = calloc((size_t)n, sizeof(*fds)), i;

	if (fds == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if ((fds[i] = connect_to(spec, 0)) < 0) {
			fprintf(stderr,
			    "abuse_client: connection %d of %d failed\n", i + 1,
			    n);
			while (i-- > 0)
				close(fds[i]);
			free(fds);
			return NULL;
		}
	return fds;
}

/* closed_by_peer - the daemon closed fd (EOF or reset), without waiting. */
static bool
closed_by_peer(int fd)
{
	struct pollfd p = {fd, POLLIN, 0};
	char c;

	if (poll(&p, 1, 0) <= 0)
		return false;
	return recv(fd, &c, 1, MSG_DONTWAIT) <= 0;
}

static int
run_trickle(const char *spec, int n, int interval_ms, int seconds)
{
	char req[512];
	int len = request(req, sizeof(req), "RCPT", "192.0.2.10"), i,
	    closed = 0;
	int *fds = open_many(spec, n), *sent;
	uint64_t until = now_ms() + (uint64_t)seconds * 1000;

	if (fds == NULL || (sent = calloc((size_t)n, sizeof(*sent))) == NULL)
		return 2;
	while (closed < n && now_ms() < until) {
		for (i = 0; i < n; i++) {
			if (fds[i] < 0)
				continue;
			if (closed_by_peer(fds[i]) ||
			    send(fds[i], req + sent[i] % (len - 1), 1,
			        MSG_NOSIGNAL) != 1) {
				close(fds[i]);
				fds[i] = -1;
				closed++;
				continue;
			}
			sent[i]++;
		}
		usleep((useconds_t)interval_ms * 1000);
	}
	printf("closed %d of %d\n", closed, n);
	for (i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	free(sent);
	return 0;
}

static int
run_hold(const char *spec, int n, int seconds)
{
	const char half[] =
	    "request=smtpd_access_policy\nprotocol_state=RCPT\n";
	int *fds = open_many(spec, n), i, closed = 0;
	uint64_t until = now_ms() + (uint64_t)seconds * 1000;

	if (fds == NULL)
		return 2;
	for (i = 0; i < n; i++)
		write_all(fds[i], half, sizeof(half) - 1);
	printf("holding %d\n", n);
	fflush(stdout);
	while (now_ms() < until && closed < n) {
		usleep(100000);
		for (i = 0; i < n; i++)
			if (fds[i] >= 0 && closed_by_peer(fds[i])) {
				close(fds[i]);
				fds[i] = -1;
				closed++;
			}
	}
	printf("closed %d of %d\n", closed, n);
	for (i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	return 0;
}

/* --- flood: requests and replies at full speed on one connection ---------- */

static int
run_flood(const char *spec, long megabytes)
{
	static char chunk[64 * 1024], in[64 * 1024];
	uint64_t total = (uint64_t)megabytes << 20, written = 0, requests = 0,
	         replies = 0;
	size_t len = 0, per = 0, off = 0;
	int fd;
	bool prev_nl = false;

	if ((fd = connect_to(spec, 0)) < 0)
		return 2;
	while (len + 256 < sizeof(chunk)) {
		len += (size_t)request(
		    chunk + len, sizeof(chunk) - len, "CONNECT", "192.0.2.1");
		per++;
	}
	while (written < total || replies < requests) {
		struct pollfd p = {
		    fd, POLLIN | (written < total ? POLLOUT : 0), 0};
		ssize_t n, i;

		if (poll(&p, 1, REPLY_WAIT_MS) <= 0)
			break;
		if ((p.revents & POLLOUT) && written < total) {
			n = send(fd, chunk + off, len - off,
			    MSG_DONTWAIT | MSG_NOSIGNAL);
			if (n > 0 && (off += (size_t)n) == len) {
				off = 0;
				written += len;
				requests += per;
			}
		}
		if (p.revents & (POLLIN | POLLHUP)) {
			if ((n = recv(fd, in, sizeof(in), MSG_DONTWAIT)) <= 0)
				break;
			for (i = 0; i < n;
			     i++) { /* a reply ends with an empty line */
				replies += in[i] == '\n' && prev_nl;
				prev_nl = in[i] == '\n' &&
				          !(in[i] == '\n' && prev_nl);
			}
		}
	}
	printf("requests %llu replies %llu\n", (unsigned long long)requests,
	    (unsigned long long)replies);
	close(fd);
	return replies == requests ? 0 : 1;
}

/* --- property: random pipelines on many connections ---------------------- */

static uint64_t rng_state;

static unsigned
rng(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

static int
run_property(const char *spec, unsigned long seed, int nconns, int rounds,
    char **ips, int nips)
{
	struct replies *r = calloc((size_t)nconns, sizeof(*r));
	int(*asked)[4] = calloc((size_t)nconns, sizeof(*asked));
	int *nasked = calloc((size_t)nconns, sizeof(*nasked));
	char buf[4096], line[2048];
	int round, i, k, rc = 0;

	if (r == NULL || asked == NULL || nasked == NULL)
		return 2;
	rng_state = seed;
	for (i = 0; i < nconns; i++)
		if ((r[i].fd = connect_to(spec, 0)) < 0)
			return 2;
	for (round = 0; round < rounds && rc == 0; round++) {
		for (i = 0; i < nconns; i++) { /* every pipeline out first */
			size_t len = 0;

			nasked[i] = 1 + (int)rng(4);
			for (k = 0; k < nasked[i]; k++) {
				asked[i][k] = (int)rng((unsigned)nips);
				len += (size_t)request(buf + len,
				    sizeof(buf) - len, "RCPT",
				    ips[asked[i][k]]);
			}
			if (write_all(r[i].fd, buf, len) != 0)
				rc = 1;
		}
		for (i = 0; i < nconns && rc == 0; i++)
			for (k = 0; k < nasked[i]; k++) {
				if (!reply_next(&r[i], line, sizeof(line))) {
					fprintf(stderr,
					    "abuse_client: connection %d: no "
					    "reply\n",
					    i);
					rc = 1;
					break;
				}
				printf("%s\t%s\n", ips[asked[i][k]], line);
			}
	}
	for (i = 0; i < nconns; i++)
		close(r[i].fd);
	free(r);
	free(asked);
	free(nasked);
	return rc;
}

static int
usage(void)
{
	fprintf(stderr,
	    "usage: abuse_client pipeline|halfclose ADDR IP...\n"
	    "       abuse_client behind ADDR SLOW-IP IP\n"
	    "       abuse_client noread ADDR IP MEGABYTES\n"
	    "       abuse_client trickle ADDR CONNS INTERVAL-MS SECONDS\n"
	    "       abuse_client hold ADDR CONNS SECONDS\n"
	    "       abuse_client flood ADDR MEGABYTES\n"
	    "       abuse_client property ADDR SEED CONNS ROUNDS IP...\n");
	return 2;
}

static bool
count_ok(const char *s, int max)
{
	int n = atoi(s);

	return n > 0 && n <= max;
}

int
main(int argc, char **argv)
{
	if (argc < 4)
		return usage();
	if (strcmp(argv[1], "pipeline") == 0 ||
	    strcmp(argv[1], "halfclose") == 0)
		return run_pipeline(
		    argv[2], argv + 3, argc - 3, argv[1][0] == 'h');
	if (strcmp(argv[1], "behind") == 0 && argc == 5)
		return run_behind(argv[2], argv[3], argv[4]);
	if (strcmp(argv[1], "noread") == 0 && argc == 5)
		return run_noread(argv[2], argv[3], atol(argv[4]));
	if (strcmp(argv[1], "trickle") == 0 && argc == 6 &&
	    count_ok(argv[3], MAX_CONNS))
		return run_trickle(
		    argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]));
	if (strcmp(argv[1], "hold") == 0 && argc == 5 &&
	    count_ok(argv[3], MAX_CONNS))
		return run_hold(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (strcmp(argv[1], "flood") == 0 && argc == 4)
		return run_flood(argv[2], atol(argv[3]));
	if (strcmp(argv[1], "property") == 0 && argc >= 7 &&
	    count_ok(argv[4], MAX_CONNS))
		return run_property(argv[2], strtoul(argv[3], NULL, 10),
		    atoi(argv[4]), atoi(argv[5]), argv + 6, argc - 6);
	return usage();
}

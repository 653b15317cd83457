/*
 * badserver - plays the DNS servers NSD cannot: on ADDR port 53 (UDP and
 * TCP) it stays silent (reads and discards, so clients really time out),
 * or answers every query with SERVFAIL or REFUSED, or with bytes that are
 * not a DNS message; or, counting, answers NXDOMAIN and logs every UDP
 * query on stdout ("SECONDS.NANOS SOURCE-PORT RD"), for the tests that
 * measure pacing and source ports. ldns builds the replies. Runs in the
 * foreground until killed; for the test lab only.
 *
 *	badserver silent|servfail|refused|malformed|count ADDR
 */
#include <arpa/inet.h>
#include <ldns/ldns.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum mode { SILENT, SERVFAIL, REFUSED, MALFORMED, COUNT };

static int
bound_socket(int type, const char *addr)
{
	struct sockaddr_in sin;
	int fd, one = 1;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(53);
	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1)
		return -1;
	if ((fd = socket(AF_INET, type, 0)) < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    (type == SOCK_STREAM && listen(fd, 16) != 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* reply_for - the answer to one query, or 0 bytes to stay silent. */
static size_t
reply_for(
    enum mode mode, const uint8_t *q, size_t qlen, uint8_t *out, size_t cap)
{
	ldns_pkt *query = NULL, *reply;
	uint8_t *wire = NULL;
	size_t len = 0;

	if (mode == SILENT)
		return 0;
	if (mode == MALFORMED) {
		/* The query's id, then a header that promises what never comes.
		 */
		if (qlen < 2 || cap < 12)
			return 0;
		memcpy(out, q, 2);
		memcpy(out + 2, "\x81\x80\x00\x01\x00\x05\x00\x00\x00\x00", 10);
		return 12;
	}
	if (ldns_wire2pkt(&query, q, qlen) != LDNS_STATUS_OK)
		return 0;
	if ((reply = ldns_pkt_new()) != NULL) {
		ldns_pkt_set_id(reply, ldns_pkt_id(query));
		ldns_pkt_set_qr(reply, true);
		ldns_pkt_set_rd(reply, ldns_pkt_rd(query));
		ldns_pkt_set_rcode(reply, mode == SERVFAIL ? LDNS_RCODE_SERVFAIL
		                          : mode == COUNT  ? LDNS_RCODE_NXDOMAIN
		                                          : LDNS_RCODE_REFUSED);
		ldns_pkt_set_aa(reply, mode == COUNT);
		ldns_rr_list_deep_free(ldns_pkt_question(reply));
		ldns_pkt_set_question(
		    reply, ldns_rr_list_clone(ldns_pkt_question(query)));
		ldns_pkt_set_qdcount(reply, ldns_pkt_qdcount(query));
		if (ldns_pkt2wire(&wire, reply, &len) == LDNS_STATUS_OK &&
		    len <= cap)
			memcpy(out, wire, len);
		else
			len = 0;
		free(wire);
		ldns_pkt_free(reply);
	}
	ldns_pkt_free(query);
	return len;
}

static void
serve_udp(int fd, enum mode mode)
{
	uint8_t q[4096], r[4096];
	struct sockaddr_storage from;
	socklen_t fl = sizeof(from);
	ssize_t n;
	size_t len;

	char cbuf[CMSG_SPACE(sizeof(struct timespec))];
	struct iovec iov = {q, sizeof(q)};
	struct msghdr mh = {&from, fl, &iov, 1, cbuf, sizeof(cbuf), 0};
	struct cmsghdr *cm;
	struct timespec ts;

	n = recvmsg(fd, &mh, 0);
	if (n <= 0)
		return;
	fl = mh.msg_namelen;
	if (mode == COUNT) {
		/* The kernel's arrival time (SO_TIMESTAMPNS): a busy machine
		 * delaying this process must not bunch up the log. */
		clock_gettime(CLOCK_REALTIME, &ts);
		for (cm = CMSG_FIRSTHDR(&mh); cm != NULL;
		     cm = CMSG_NXTHDR(&mh, cm))
			if (cm->cmsg_level == SOL_SOCKET &&
			    cm->cmsg_type == SCM_TIMESTAMPNS)
				memcpy(&ts, CMSG_DATA(cm), sizeof(ts));
		printf("%lld.%09ld %u %d\n", (long long)ts.tv_sec, ts.tv_nsec,
		    ntohs(((struct sockaddr_in *)&from)->sin_port),
		    n > 2 ? (q[2] & 1) : 0);
		fflush(stdout);
	}
	len = reply_for(mode, q, (size_t)n, r, sizeof(r));
	if (len > 0)
		sendto(fd, r, len, 0, (struct sockaddr *)&from, fl);
}

/* serve_tcp - one connection, one message (RFC 7766 framing). */
static void
serve_tcp(int lfd, enum mode mode)
{
	uint8_t q[65537], r[4098];
	ssize_t n, got = 0;
	size_t len, want;
	int fd = accept(lfd, NULL, NULL);

	if (fd < 0)
		return;
	while (got < 2 || got < 2 + ((q[0] << 8) | q[1])) {
		n = read(fd, q + got, sizeof(q) - (size_t)got);
		if (n <= 0)
			break;
		got += n;
	}
	want = got >= 2 ? (size_t)((q[0] << 8) | q[1]) : 0;
	if (got >= 2 && (size_t)got >= 2 + want) {
		len = reply_for(mode, q + 2, want, r + 2, sizeof(r) - 2);
		if (len > 0) {
			r[0] = (uint8_t)(len >> 8);
			r[1] = (uint8_t)len;
			if (write(fd, r, len + 2) < 0)
				perror("badserver: write");
		} else if (mode == SILENT) {
			sleep(30); /* hold the connection: a real timeout */
		}
	}
	close(fd);
}

int
main(int argc, char **argv)
{
	struct pollfd p[2];
	enum mode mode;

	if (argc != 3) {
		fprintf(stderr,
		    "usage: badserver "
		    "silent|servfail|refused|malformed|count ADDR\n");
		return 2;
	}
	if (strcmp(argv[1], "silent") == 0)
		mode = SILENT;
	else if (strcmp(argv[1], "servfail") == 0)
		mode = SERVFAIL;
	else if (strcmp(argv[1], "refused") == 0)
		mode = REFUSED;
	else if (strcmp(argv[1], "malformed") == 0)
		mode = MALFORMED;
	else if (strcmp(argv[1], "count") == 0)
		mode = COUNT;
	else {
		fprintf(stderr, "badserver: unknown mode %s\n", argv[1]);
		return 2;
	}
	p[0].fd = bound_socket(SOCK_DGRAM, argv[2]);
	p[1].fd = bound_socket(SOCK_STREAM, argv[2]);
	if (p[0].fd < 0 || p[1].fd < 0) {
		perror("badserver: bind");
		return 1;
	}
	if (mode == COUNT) {
		int on = 1;

		setsockopt(
		    p[0].fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on));
		/* Bound: a test waits for this line, not for a guessed time. */
		printf("# ready\n");
		fflush(stdout);
	}
	p[0].events = p[1].events = POLLIN;
	for (;;) {
		if (poll(p, 2, -1) < 0)
			continue;
		if (p[0].revents & POLLIN)
			serve_udp(p[0].fd, mode);
		if (p[1].revents & POLLIN)
			serve_tcp(p[1].fd, mode);
	}
}

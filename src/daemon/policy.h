/*
 * policy.h - the Postfix SMTP access policy delegation protocol
 * (SMTPD_POLICY_README): name=value lines ended by an empty line; the reply
 * is one action=... line and an empty line. The parser is pure: a
 * connection hands it one line at a time.
 */
#ifndef PTRCHECKD_POLICY_H
#define PTRCHECKD_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#define POLICY_LINE_MAX 4096 /* one name=value line, without its newline */
#define POLICY_ATTRS_MAX 128 /* attributes in one request */
#define POLICY_VALUE_MAX 256 /* what is kept of a value we use */

/* The attributes ptrcheckd uses; the others are counted and ignored
 * (every connection holds one of these: 10,000 connections, 10,000
 * copies, so nothing is kept that no rule reads). */
struct policy_request {
	char request[32];        /* smtpd_access_policy */
	char protocol_state[16]; /* CONNECT, HELO, MAIL, RCPT, DATA, ... */
	char client_address[64];
	char helo_name[POLICY_VALUE_MAX];
	char sasl_username[POLICY_VALUE_MAX];
	char instance[64];
	size_t nattrs;
};

enum policy_status {
	POLICY_MORE,  /* the line was taken; the request goes on */
	POLICY_DONE,  /* an empty line ended a request: it is in p->req */
	POLICY_ERROR, /* malformed: p->err says why; close the connection */
};

struct policy_parser {
	struct policy_request req;
	bool done; /* req holds a finished request */
	char err[96];
};

void policy_parser_init(struct policy_parser *p);

/*
 * policy_feed_line - one line of input without its newline (a trailing CR
 * is not stripped: Postfix ends lines with LF only). After POLICY_DONE the
 * next line starts a new request.
 */
enum policy_status policy_feed_line(
    struct policy_parser *p, const char *line, size_t len);

/* policy_is_access_request - request=smtpd_access_policy. */
bool policy_is_access_request(const struct policy_request *r);

#endif

/* bounce.h - the parts of `ptrcheck bounce` below the public API. */
#ifndef PTRCHECK_BOUNCE_H
#define PTRCHECK_BOUNCE_H

#include <stdbool.h>
#include <stddef.h>

#include "ptrcheck/ptrcheck.h"

#define BOUNCE_MAX_LINES 20000      /* logical lines per message */
#define BOUNCE_MAX_CANDIDATES 10000 /* address occurrences looked at */

/* A logical line: folded and continued lines joined, NUL-terminated. */
struct bline {
	char *text;
	size_t len;
	bool in_dsn; /* from a message/delivery-status part */
};

struct blines {
	struct bline *v;
	size_t n, cap;
	bool capped;
};

/* An SMTP reply found in a logical line. */
struct reply {
	size_t line;       /* index into blines */
	size_t start, end; /* byte range of the reply in that line */
	int code;
	char enhanced[16];
};

/* bounce_text.c */
void blines_fini(struct blines *b);
/* blines_add_text - cut the returned original, drop trace headers, join
 * folded lines and multi-line replies; appends to b. */
enum ptrcheck_status blines_add_text(
    struct blines *b, const char *text, size_t len, bool in_dsn);
/* reply_find - the first SMTP 4xx/5xx reply in line i, if any. */
bool reply_find(const struct blines *b, size_t i, struct reply *out);
/* reply_find_status - for a message without any SMTP code: a rejection
 * that opens with an enhanced status code alone ("5.2.2 ... Mailbox
 * full"); code 0. */
bool reply_find_status(const struct blines *b, size_t line, struct reply *out);
/* reply_clean - the reply's text without the repeated "550-5.7.25 "
 * prefixes of wrapped continuation lines; into buf. */
void reply_clean(
    const struct blines *b, const struct reply *r, char *buf, size_t len);
/* recipient_before - the rejected recipient of the reply on line: that
 * line or the nearest one before it (down to stop) that names one. */
bool recipient_before(
    const struct blines *b, size_t line, size_t stop, char *buf, size_t len);
/* remote_mta_on_line - the receiving host named on that line itself
 * ("host X[IP] said: 550 ..."), for a bounce with several receivers. */
bool remote_mta_on_line(
    const struct blines *b, size_t line, char *buf, size_t len);
/* remote_mta_find - the receiving host as written, from the usual forms. */
bool remote_mta_find(const struct blines *b, char *buf, size_t len);

/* bounce_cause.c: the vocabulary compiled once per parse. */
struct cause_matcher;
struct cause_matcher *cause_matcher_new(void);
void cause_matcher_free(struct cause_matcher *m);
enum ptrcheck_cause cause_of(const struct cause_matcher *m, const char *text);
const char *receiver_of(
    const char *remote_mta, const char *rejection, const struct blines *b);

/* bounce_ip.c */
/* ips_find - the rejected client's addresses in order of first appearance
 * (see docs/BOUNCE.md for the rules). */
void ips_find(const struct blines *b, const struct reply *replies,
    size_t nreplies, struct ptrcheck_bounce *out, size_t *candidates);

/* dsn.c: message/delivery-status fields (RFC 3464 2.1), folded lines
 * joined. */
struct dsn_field {
	const char *name;
	size_t name_len;
	const char *value;
	size_t value_len;
};
/* dsn_next - the next field at *pos in text; false at the end. */
bool dsn_next(const char *text, size_t len, size_t *pos, struct dsn_field *f);
bool dsn_is_field_name(const char *name, size_t len);

#define DSN_MAX_RECIPIENTS 64

/* One per-recipient block of a report (RFC 3464 2.3), values without
 * their type ("rfc822;", "dns;", "smtp;"). */
struct dsn_recipient {
	char recipient[256];  /* Final-Recipient */
	char action[16];      /* failed, delayed, delivered, ... */
	char status[16];      /* 5.7.25 */
	char remote_mta[256]; /* the receiver that said it */
	char diagnostic[PTRCHECK_BOUNCE_TEXT_MAX]; /* "550 5.7.25 ..." */
	bool original; /* an Original-Recipient opened the block */
};

struct dsn_report {
	char reporting_mta[256];
	struct dsn_recipient v[DSN_MAX_RECIPIENTS];
	size_t n;
	bool capped; /* more recipients than DSN_MAX_RECIPIENTS */
};

/* dsn_report_read - add the recipient blocks found in text to r (a
 * report may come in several parts, or pasted inside the text). */
void dsn_report_read(const char *text, size_t len, struct dsn_report *r);
/* dsn_host_role - what a line's addresses are when it is a report's host
 * field: the receiver's or the reporting MTA's side (Remote-MTA,
 * Reporting-MTA), the original sender's (Received-From-MTA), neither
 * being the rejected client. */
enum dsn_host_role { DSN_HOST_NONE, DSN_HOST_RECEIVER, DSN_HOST_ORIGIN };
enum dsn_host_role dsn_host_role(const char *line);
/* dsn_recipient_failed - the block tells of a failure: Action failed or
 * delayed (or none) with a 4.x.x or 5.x.x Status. */
bool dsn_recipient_failed(const struct dsn_recipient *g);

/* mime.c: the message's text and delivery-status parts, decoded. */
struct segment {
	char *text;
	size_t len;
	bool dsn;
};
struct segments {
	struct segment *v;
	size_t n, cap;
};
bool mime_looks_like_message(const char *data, size_t len);
/* mime_split - each message of data (one, or an mbox) into its segments;
 * cb is called once per message. */
enum ptrcheck_status mime_split(const char *data, size_t len,
    void (*cb)(const struct segments *segs, void *arg), void *arg);

#endif

/*
 * bounce_text.c - a bounce as logical lines: the returned original cut
 * off, trace headers dropped, folded lines and multi-line SMTP replies
 * ("550-5.7.25 ...", "550 5.7.25 ...") joined; then the replies in them.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce.h"

/* Lines that start the copy of the returned message in the wordings of
 * Exim, Postfix, Exchange, OpenSMTPD, qmail and others. */
static const char *const original_markers[] = {
    "this is a copy of the message",
    "copy of the original message",
    "original message headers",
    "original message follows",
    "below this line is a copy of the message",
    "the header of the original message",
    "----- original message",
    "--- below this line is a copy",
    "message headers follow",
    NULL,
};

/* Trace headers of a returned message: never the rejected client. */
static const char *const trace_headers[] = {
    "received:",
    "x-originating-ip:",
    "x-forwarded-for:",
    "x-sender-ip:",
    NULL,
};

static bool
has_prefix_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && strncasecmp(s, prefix, n) == 0;
}

static bool
contains_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (strncasecmp(s + i, needle, n) == 0)
			return true;
	return false;
}

static bool
is_marker(const char *line, size_t len)
{
	size_t i;

	for (i = 0; original_markers[i] != NULL; i++)
		if (contains_ci(line, len, original_markers[i]))
			return true;
	return false;
}

static bool
is_trace_header(const char *line, size_t len)
{
	size_t i;

	for (i = 0; trace_headers[i] != NULL; i++)
		if (has_prefix_ci(line, len, trace_headers[i]))
			return true;
	return false;
}

/* reply_prefix - "550-" (more follows) or "550 " at the start of a line:
 * the code, or 0. */
static int
reply_prefix(const char *line, size_t len, bool *more)
{
	if (len < 4 || !isdigit((unsigned char)line[0]) ||
	    !isdigit((unsigned char)line[1]) ||
	    !isdigit((unsigned char)line[2]) ||
	    (line[3] != '-' && line[3] != ' '))
		return 0;
	*more = line[3] == '-';
	return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

struct joiner {
	struct blines *b;
	char *cur;
	size_t len, cap;
	int reply_code; /* inside a multi-line reply with this code */
	bool in_dsn;
};

#define LINE_MAX_BYTES (1u << 20) /* one logical line is cut at 1 MiB */

static bool
joiner_put(struct joiner *j, const char *s, size_t n)
{
	char *p;

	if (j->len + 2 >= LINE_MAX_BYTES)
		return true;
	if (j->len + n + 2 > LINE_MAX_BYTES)
		n = LINE_MAX_BYTES - j->len - 2;
	if (j->len + n + 2 > j->cap) {
		size_t cap = (j->len + n + 2) * 2;

		if (cap > LINE_MAX_BYTES)
			cap = LINE_MAX_BYTES;
		if ((p = realloc(j->cur, cap)) == NULL)
			return false;
		j->cur = p;
		j->cap = cap;
	}
	memcpy(j->cur + j->len, s, n);
	j->len += n;
	j->cur[j->len] = '\0';
	return true;
}

static enum ptrcheck_status
joiner_flush(struct joiner *j)
{
	struct blines *b = j->b;
	struct bline *v;

	if (j->cur == NULL || j->len == 0)
		return PTRCHECK_OK;
	if (b->n == BOUNCE_MAX_LINES) {
		b->capped = true;
		free(j->cur);
	} else {
		if (b->n == b->cap) {
			size_t cap = b->cap ? b->cap * 2 : 64;

			if ((v = realloc(b->v, cap * sizeof(*v))) == NULL)
				return PTRCHECK_ENOMEM;
			b->v = v;
			b->cap = cap;
		}
		b->v[b->n].text = j->cur;
		b->v[b->n].len = j->len;
		b->v[b->n].in_dsn = j->in_dsn;
		b->n++;
	}
	j->cur = NULL;
	j->len = j->cap = 0;
	return PTRCHECK_OK;
}

static const char *
skip_space(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/* join_line - one physical line into the logical lines. */
static enum ptrcheck_status
join_line(struct joiner *j, const char *line, size_t len, bool *skipping_trace)
{
	const char *end = line + len, *s;
	bool more = false,
	     continued = len > 0 && (line[0] == ' ' || line[0] == '\t');
	int code = reply_prefix(line, len, &more);

	if (*skipping_trace && continued)
		return PTRCHECK_OK;
	*skipping_trace = is_trace_header(line, len);
	if (*skipping_trace)
		return joiner_flush(j);
	s = skip_space(line, end);
	if (s == end) { /* a blank line ends everything */
		j->reply_code = 0;
		return joiner_flush(j);
	}
	if (j->cur != NULL && j->reply_code != 0 && code == j->reply_code) {
		/* "550-5.7.1 more text": keep the text, drop the prefix. */
		s = line + 4;
		if (s + 2 < end && isdigit((unsigned char)s[0]) &&
		    s[1] == '.') {
			while (s < end && *s != ' ')
				s++;
		}
		s = skip_space(s, end);
		if (!more)
			j->reply_code = 0;
	} else if (j->cur != NULL && continued) {
		/* folded: keep going */
	} else {
		enum ptrcheck_status st = joiner_flush(j);

		if (st != PTRCHECK_OK)
			return st;
		j->reply_code = code != 0 && more ? code : 0;
		s = line; /* keep the prefix of the first line */
	}
	if (j->len > 0 && !joiner_put(j, " ", 1))
		return PTRCHECK_ENOMEM;
	return joiner_put(j, s, (size_t)(end - s)) ? PTRCHECK_OK
	                                           : PTRCHECK_ENOMEM;
}

enum ptrcheck_status
blines_add_text(struct blines *b, const char *text, size_t len, bool in_dsn)
{
	struct joiner j = {.b = b, .in_dsn = in_dsn};
	bool skipping_trace = false;
	size_t pos = 0;
	enum ptrcheck_status st = PTRCHECK_OK;

	while (pos < len && st == PTRCHECK_OK) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl == NULL ? len : (size_t)(nl - text),
		       n = end - pos;

		if (n > 0 && text[pos + n - 1] == '\r')
			n--;
		if (is_marker(text + pos, n))
			break; /* the rest is the returned original */
		st = join_line(&j, text + pos, n, &skipping_trace);
		pos = end + 1;
	}
	if (st == PTRCHECK_OK)
		st = joiner_flush(&j);
	free(j.cur);
	return st;
}

void
blines_fini(struct blines *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->v[i].text);
	free(b->v);
	memset(b, 0, sizeof(*b));
}

static bool
is_enhanced(const char *s, size_t *len)
{
	size_t i = 0, dots = 0;

	if (s[0] != '2' && s[0] != '4' && s[0] != '5')
		return false;
	for (i = 1; isdigit((unsigned char)s[i]) || s[i] == '.'; i++)
		dots += s[i] == '.';
	*len = i;
	return dots == 2 && s[1] == '.' && s[i - 1] != '.';
}

/* code_at - an SMTP reply code at i: 4 or 5, a second digit 0-5 (RFC
 * 5321 4.2.1: "587" is a port, not a code), a third digit, then a space,
 * a hyphen, a quote or a colon ("550: ..."). */
static bool
code_at(const char *t, size_t len, size_t i)
{
	static const char before[] = " \t:;'\"(<[*#";

	if (i + 3 > len || (t[i] != '4' && t[i] != '5') || t[i + 1] < '0' ||
	    t[i + 1] > '5' || !isdigit((unsigned char)t[i + 2]))
		return false;
	if (i > 0 && strchr(before, t[i - 1]) == NULL)
		return false;
	return i + 3 == len || t[i + 3] == ' ' || t[i + 3] == '-' ||
	       t[i + 3] == '\'' || t[i + 3] == ':';
}

bool
reply_find(const struct blines *b, size_t line, struct reply *out)
{
	const char *t = b->v[line].text, *tail;
	size_t len = b->v[line].len, i, k, n, alpha_end = 0;

	/* Where the line's last letter ends, found once: asking each
	 * candidate "is a letter still to come?" stays linear in the line. */
	for (n = len; n > 0 && alpha_end == 0; n--)
		if (isalpha((unsigned char)t[n - 1]))
			alpha_end = n;
	for (i = 0; i < len; i++) {
		if (!code_at(t, len, i))
			continue;
		memset(out, 0, sizeof(*out));
		out->line = line;
		out->start = i;
		out->code = (t[i] - '0') * 100 + (t[i + 1] - '0') * 10 +
		            (t[i + 2] - '0');
		k = i + 3;
		while (k < len && (t[k] == ' ' || t[k] == '-' || t[k] == '\'' ||
		                      t[k] == ':'))
			k++;
		if (k < len && is_enhanced(t + k, &n) &&
		    n < sizeof(out->enhanced)) {
			memcpy(out->enhanced, t + k, n);
			out->enhanced[n] = '\0';
		}
		/* A reply has words; "450 users" in prose is rare enough. */
		if (k >= alpha_end)
			return false; /* no letter after this code, nor any
			                 later one */
		out->end = len;
		tail = NULL;
		for (k = i; k + 12 <= len; k++)
			if (strncasecmp(t + k, "(in reply to", 12) == 0)
				tail = t + k;
		if (tail != NULL)
			out->end = (size_t)(tail - t);
		return true;
	}
	return false;
}

/* status_at - an enhanced status code alone (RFC 3463: class 4 or 5, a
 * subject 0-7, a detail) at a word start at i: "4.94.2" is a version. */
static bool
status_at(const char *t, size_t len, size_t i, size_t *n)
{
	if ((i > 0 && strchr(" \t(<[:;", t[i - 1]) == NULL) ||
	    !is_enhanced(t + i, n) || t[i + 2] > '7' || t[i + 3] != '.')
		return false;
	return i + *n < len && t[i + *n] == ' ';
}

bool
reply_find_status(const struct blines *b, size_t line, struct reply *out)
{
	const char *t = b->v[line].text;
	size_t len = b->v[line].len, i, n;

	for (i = 0; i + 5 <= len; i++) {
		if (!status_at(t, len, i, &n) || n >= sizeof(out->enhanced))
			continue;
		memset(out, 0, sizeof(*out));
		out->line = line;
		out->start = i;
		out->end = len;
		memcpy(out->enhanced, t + i, n);
		out->enhanced[n] = '\0';
		for (i += n; i < len; i++)
			if (isalpha((unsigned char)t[i]))
				return true; /* a reply has words */
		return false;
	}
	return false;
}

void
reply_clean(
    const struct blines *b, const struct reply *r, char *buf, size_t len)
{
	const char *t = b->v[r->line].text;
	char code[8];
	size_t i = r->start, o = 0, n;

	snprintf(code, sizeof(code), "%d", r->code);
	while (i < r->end && o + 1 < len) {
		/* " 550-5.7.25 " inside a wrapped reply repeats the prefix. */
		if (i > r->start && t[i - 1] == ' ' &&
		    strncmp(t + i, code, 3) == 0 && i + 3 < r->end &&
		    (t[i + 3] == '-' || t[i + 3] == ' ')) {
			size_t k = i + 4;

			if (r->enhanced[0] != '\0' &&
			    strncmp(t + k, r->enhanced, strlen(r->enhanced)) ==
			        0)
				k += strlen(r->enhanced);
			if (t[i + 3] == '-' || k > i + 4) {
				i = k;
				while (i < r->end && t[i] == ' ')
					i++;
				continue;
			}
		}
		n = (t[i] == ' ' && o > 0 && buf[o - 1] == ' ') ? 0 : 1;
		if (n)
			buf[o++] = t[i];
		i++;
	}
	while (o > 0 && (buf[o - 1] == ' ' || buf[o - 1] == ')'))
		o--;
	buf[o] = '\0';
}

/* host_after - copy the host name that starts at s into buf. */
static bool
host_after(const char *s, const char *end, char *buf, size_t len)
{
	size_t n = 0;

	s = skip_space(s, end);
	while (s + n < end && (isalnum((unsigned char)s[n]) || s[n] == '.' ||
	                          s[n] == '-' || s[n] == '_'))
		n++;
	if (n == 0 || memchr(s, '.', n) == NULL || n >= len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (isalpha((unsigned char)s[i]))
			goto named;
	return false; /* an address, not a host name */
named:
	memcpy(buf, s, n);
	buf[n] = '\0';
	return true;
}

/* gmail_style - Gmail's "[mx.example.com 2a01:111::1: 550 ...": the host
 * that answered, before its address and the reply. */
static bool
gmail_style(const char *t, const char *end, char *buf, size_t len)
{
	const char *p;

	for (p = t; p < end; p++) {
		const char *sp, *colon;

		if (*p != '[' || !host_after(p + 1, end, buf, len))
			continue;
		sp = p + 1 + strlen(buf);
		if (sp >= end || *sp != ' ')
			continue;
		for (colon = sp + 1;
		     colon < end && (isxdigit((unsigned char)*colon) ||
		                        *colon == ':' || *colon == '.');
		     colon++)
			;
		/* The address ends in ':' and a reply code follows. */
		if (colon > sp + 2 && colon[-1] == ':' && colon + 4 <= end &&
		    colon[0] == ' ' && (colon[1] == '4' || colon[1] == '5'))
			return true;
	}
	return false;
}

/* lead_host - after `lead` in line t: the host name, when an address in
 * brackets follows it ("host mx.example [192.0.2.1]") or, for a field,
 * always. */
static bool
lead_host(const char *t, size_t len, const char *lead, bool field, char *buf,
    size_t buflen)
{
	size_t n = strlen(lead), p;
	const char *end = t + len, *after;

	for (p = 0; p + n <= len; p++) {
		if (strncasecmp(t + p, lead, n) != 0 ||
		    (p > 0 && isalnum((unsigned char)t[p - 1])) ||
		    !host_after(t + p + n, end, buf, buflen))
			continue;
		after = skip_space(t + p + n, end) + strlen(buf);
		if (field || (after < end && skip_space(after, end) < end &&
		                 *skip_space(after, end) == '['))
			return true;
	}
	return false;
}

/* host_on_line - the receiver a line names: "host X[", "connect to X[",
 * "relay=X[" or Gmail's "[X addr: 550". */
static bool
host_on_line(const struct bline *l, char *buf, size_t len)
{
	static const char *const lead[] = {
	    "host ", "connect to ", "relay=", NULL};
	size_t k;

	if (gmail_style(l->text, l->text + l->len, buf, len))
		return true;
	for (k = 0; lead[k] != NULL; k++)
		if (lead_host(l->text, l->len, lead[k], false, buf, len))
			return true;
	return false;
}

/* find_host - the DSN's Remote-MTA: field first; else the first line
 * that names a receiver. */
static bool
find_host(const struct blines *b, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (lead_host(b->v[i].text, b->v[i].len, "remote-mta: dns;",
		        true, buf, len) ||
		    lead_host(b->v[i].text, b->v[i].len, "remote-mta:", true,
		        buf, len))
			return true;
	for (i = 0; i < b->n; i++)
		if (host_on_line(&b->v[i], buf, len))
			return true;
	return false;
}

/* keep_found - the helpers scribble while they look: copy only a real
 * find that fits. */
static bool
keep_found(bool ok, const char *found, char *buf, size_t len)
{
	if (!ok || strlen(found) >= len)
		return false;
	memcpy(buf, found, strlen(found) + 1);
	return true;
}

/* mailbox_in - the first "local@domain" in [s, s+n) into buf. */
static bool
mailbox_in(const char *s, size_t n, char *buf, size_t len)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz"
	                         "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_+=";
	size_t at, a, z;

	for (at = 1; at + 1 < n; at++) {
		if (s[at] != '@')
			continue;
		for (a = at; a > 0 && strchr(ok, s[a - 1]) != NULL; a--)
			;
		for (z = at + 1; z < n && strchr(ok, s[z]) != NULL; z++)
			;
		while (z > at + 1 && s[z - 1] == '.')
			z--;
		if (a == at || z == at + 1 || z - a >= len ||
		    memchr(s + at + 1, '.', z - at - 1) == NULL)
			continue;
		memcpy(buf, s + a, z - a);
		buf[z - a] = '\0';
		return true;
	}
	return false;
}

/* recipient_line - a line that names a rejected recipient: Postfix's
 * "<a@b>: host ...", a DSN's Final-Recipient, "Failed Recipient: a@b",
 * Exim's "RCPT TO:<a@b>", or an address that opens the line (Exim,
 * Sendmail, Exchange list them so). */
static bool
recipient_line(const struct bline *l, char *buf, size_t len)
{
	const char *t = l->text;
	size_t n = l->len, i = strspn(t, " \t"), k;

	if (strncasecmp(t + i, "final-recipient:", 16) == 0 ||
	    strncasecmp(t + i, "failed recipient:", 17) == 0 ||
	    strncasecmp(t + i, "original-recipient:", 19) == 0)
		return mailbox_in(t + i, n - i, buf, len);
	if (t[i] == '<') {
		const char *gt = memchr(t + i, '>', n - i);

		return gt != NULL &&
		       mailbox_in(t + i, (size_t)(gt - t) - i, buf, len);
	}
	/* Exim's "... after RCPT TO:<a@b>:", the first on the line (one
	 * look for its ">": linear whatever the line holds). */
	for (k = i; k + 9 <= n; k++)
		if (strncasecmp(t + k, "rcpt to:<", 9) == 0) {
			const char *gt = memchr(t + k, '>', n - k);

			if (gt != NULL &&
			    mailbox_in(
			        t + k + 9, (size_t)(gt - t) - k - 9, buf, len))
				return true;
			break;
		}
	/* An address that opens the line (Exim, Sendmail, Exchange). */
	k = i + strcspn(t + i, " \t");
	return k > i && k <= n && mailbox_in(t + i, k - i, buf, len);
}

bool
recipient_before(
    const struct blines *b, size_t line, size_t stop, char *buf, size_t len)
{
	size_t i;

	for (i = line + 1; i > stop && i > 0; i--)
		if (!b->v[i - 1].in_dsn || i - 1 == line ||
		    strncasecmp(b->v[i - 1].text, "final-recipient:", 16) == 0)
			if (recipient_line(&b->v[i - 1], buf, len))
				return true;
	return false;
}

bool
remote_mta_on_line(const struct blines *b, size_t line, char *buf, size_t len)
{
	char found[256];

	return keep_found(
	    host_on_line(&b->v[line], found, sizeof(found)), found, buf, len);
}

bool
remote_mta_find(const struct blines *b, char *buf, size_t len)
{
	char found[256];

	return keep_found(find_host(b, found, sizeof(found)), found, buf, len);
}

/*
 * bounce_ip.c - which addresses in a bounce belong to the rejected client.
 * Each occurrence gets a context from the words around it:
 *   receiver: "host mx.example[IP]", "relay=mx[IP]", "H=mx [IP]",
 *             "[mx.example IP: 550 ..." - the server that said no;
 *   client:   "from", "client", "for", "IP=", "ip:", "address", "Hello",
 *             a bare "[IP]" - the one that was refused;
 *   origin:   "received from", "sent from", "submitted from" outside
 *             the rejection - the original submission, never the client;
 *   bare:     anything else.
 * Inside the rejection replies, client occurrences win, else bare ones;
 * with none there, client occurrences elsewhere (a transcript's greeting,
 * a log's "RCPT from"). An address ever seen as the receiver or as the
 * origin is never the client; a private or loopback one only with a client
 * context.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "bounce.h"

/* CTX_ORIGIN: "received from [IP]", "sent from": the original
 * submission's side, never the client a receiver refused. */
/* CTX_CODE: a receiver's reference number that parses as an address
 * ("... complaints - 4.16.55.1; see ..."): never an address at all. */
enum ctx { CTX_BARE, CTX_CLIENT, CTX_RECEIVER, CTX_ORIGIN, CTX_CODE };

struct occurrence {
	struct ptrcheck_addr addr;
	enum ctx ctx;
	bool in_reply;
};

static const char *const receiver_words[] = {
    "host", "to", "by", "mx", "server", "at", "remote-mta:", NULL};
static const char *const client_words[] = {"from", "client", "hello", "helo",
    "ehlo", "for", "address", "ip", "ip:", "ip=", "addr", "host", "sender",
    "sending", "your", "source", NULL};

static bool
word_is(const char *w, size_t n, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && strncasecmp(w, *list, n) == 0)
			return true;
	return false;
}

static bool
hostname_like(const char *w, size_t n)
{
	size_t i;
	bool alpha = false;

	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)w[i]) && w[i] != '.' &&
		    w[i] != '-' && w[i] != '_')
			return false;
		alpha |= isalpha((unsigned char)w[i]) != 0;
	}
	return n > 0 && alpha;
}

/* word_before - the word that ends just before `end` (skipping blanks and
 * the given wrapper characters). */
static const char *
word_before(const char *start, const char *end, size_t *n, const char *skip)
{
	const char *w;

	while (end > start && (end[-1] == ' ' || strchr(skip, end[-1]) != NULL))
		end--;
	for (w = end;
	     w > start && !isspace((unsigned char)w[-1]) && w[-1] != '(' &&
	     w[-1] != '<' && w[-1] != '[' && w[-1] != ',';
	     w--)
		;
	*n = (size_t)(end - w);
	return w;
}

static bool
reply_code_follows(const char *s, const char *end)
{
	while (s < end && (*s == ':' || *s == ' ' || *s == ']'))
		s++;
	return end - s >= 4 && (s[0] == '4' || s[0] == '5') &&
	       isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
	       (s[3] == ' ' || s[3] == '-');
}

static const char *const origin_words[] = {
    "received", "sent", "submitted", NULL};

/* client_or_origin - a client word w, unless it is "from" after a word
 * of the original submission ("received from"), or "from" opening a line
 * after one that tells of the submission (Sendmail's and Courier's "The
 * original message was received at DATE" / "from HOST [IP]"). prev: the
 * line before, or NULL. */
static enum ctx
client_or_origin(const char *line, const char *prev, const char *w, size_t n)
{
	const char *v;
	size_t vn;

	if (n != 4 || strncasecmp(w, "from", 4) != 0)
		return CTX_CLIENT;
	v = word_before(line, w, &vn, "");
	if (vn == 0 && prev != NULL && strcasestr(prev, "received") != NULL)
		return CTX_ORIGIN;
	return word_is(v, vn, origin_words) ? CTX_ORIGIN : CTX_CLIENT;
}

/* reference_code - a dotted number set off as a reference, after a
 * " - " and before a ";" ("- 4.16.55.1; see https://..."): receivers
 * quote their own policy codes so, never the client's address. */
static bool
reference_code(
    const char *line, const char *at, const char *after, const char *end)
{
	return after < end && *after == ';' && at - line >= 3 &&
	       strncmp(at - 3, " - ", 3) == 0;
}

/* context_of - see the comment at the top. */
static enum ctx
context_of(const char *line, const char *prev, const char *at,
    const char *after, const char *end)
{
	const char *p = at, *w;
	size_t n, hn;

	/* Gmail's "[mx.example.com 2a00:1450::1b: 550 ...". */
	if (reply_code_follows(after, end) && after < end && *after == ':')
		return CTX_RECEIVER;
	while (p > line && p[-1] == ' ')
		p--;
	if (p > line && (p[-1] == '=' || p[-1] == ':' || p[-1] == '/')) {
		/* "IP=", "ip:", "?ip=", "relay=host[": the word says it. */
		w = word_before(line, p, &n, "");
		if (n >= 6 && strncasecmp(w, "relay=", 6) == 0 && n > 6)
			return CTX_RECEIVER;
		return CTX_CLIENT;
	}
	if (p > line && (p[-1] == '[' || p[-1] == '(')) {
		w = word_before(line, p - 1, &hn, "");
		if (!hostname_like(w, hn) &&
		    !(hn > 1 && w[0] == '<' && hostname_like(w + 1, hn - 1)))
			return CTX_CLIENT; /* "[IP]" quoted on its own */
		if (hn > 6 && strncasecmp(w, "relay=", 6) == 0)
			return CTX_RECEIVER;
		if (hn > 2 && strncasecmp(w, "H=", 2) == 0)
			return CTX_RECEIVER;
		if (word_is(w, hn, client_words)) /* "from [IP]" */
			return client_or_origin(line, prev, w, hn);
		w = word_before(line, w, &n, "<");
		if (word_is(w, n, receiver_words))
			return CTX_RECEIVER;
		if (word_is(w, n, client_words))
			return client_or_origin(line, prev, w, n);
		if (n == 7 && strncasecmp(w, "unknown", 7) == 0)
			return CTX_CLIENT;
		return CTX_BARE;
	}
	w = word_before(line, p, &n, "");
	return word_is(w, n, client_words) ? client_or_origin(line, prev, w, n)
	                                   : CTX_BARE;
}

/* parse_token - an address in [s, s+n), trimmed of trailing ':' and '.';
 * "IPv6:" prefixes are skipped by the caller. */
static bool
parse_token(const char *s, size_t n, struct ptrcheck_addr *a, size_t *used)
{
	char buf[PTRCHECK_ADDR_TEXT_MAX];

	while (n > 0 && (s[n - 1] == ':' || s[n - 1] == '.'))
		n--;
	if (n < 2 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	/* inet_pton only: no short forms, and "5.7.25" is not an address. */
	if (ptrcheck_addr_parse(buf, a) != PTRCHECK_OK)
		return false;
	*used = n;
	return true;
}

static bool
in_any_reply(const struct reply *r, size_t nr, size_t line, size_t off)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (r[i].line == line && off >= r[i].start && off < r[i].end)
			return true;
	return false;
}

struct collector {
	struct occurrence occ[256];
	size_t n;
	size_t candidates;
};

/* after_code - s opens a continued reply's text: "550-198.51.100.7 ...",
 * a code and its hyphen at the start of the line or after a space. */
static bool
after_code(const char *line, const char *s)
{
	const char *c = s - 4;

	return s - line >= 4 && (c[0] == '4' || c[0] == '5') &&
	       isdigit((unsigned char)c[1]) && isdigit((unsigned char)c[2]) &&
	       (c == line || c[-1] == ' ');
}

static void
scan_line(const struct blines *b, size_t li, const struct reply *r, size_t nr,
    struct collector *c)
{
	const char *t = b->v[li].text, *end = t + b->v[li].len, *s = t;
	static const char tokchars[] = "0123456789abcdefABCDEF:.";
	enum dsn_host_role role = dsn_host_role(t);
	const char *prev = li > 0 ? b->v[li - 1].text : NULL;

	while (s < end && c->candidates < BOUNCE_MAX_CANDIDATES) {
		size_t n = 0, used = 0;
		struct ptrcheck_addr a;

		if (strchr(tokchars, *s) == NULL || *s == '\0' ||
		    (s > t && (isalnum((unsigned char)s[-1]) ||
		                  (s[-1] == '-' && !after_code(t, s)) ||
		                  s[-1] == '_'))) {
			s++;
			continue;
		}
		while (s + n < end && strchr(tokchars, s[n]) != NULL &&
		       s[n] != '\0')
			n++;
		if (n >= 7 &&
		    (memchr(s, '.', n) != NULL || memchr(s, ':', n) != NULL) &&
		    (s + n == end || !isalnum((unsigned char)s[n]) ||
		        s[n] == ' ')) {
			c->candidates++;
			if (parse_token(s, n, &a, &used) &&
			    c->n < sizeof(c->occ) / sizeof(c->occ[0])) {
				c->occ[c->n].addr = a;
				c->occ[c->n].ctx =
				    role == DSN_HOST_RECEIVER ? CTX_RECEIVER
				    : role == DSN_HOST_ORIGIN ? CTX_ORIGIN
				    : reference_code(t, s, s + used, end)
				        ? CTX_CODE
				        : context_of(t, prev, s, s + used, end);
				c->occ[c->n].in_reply =
				    in_any_reply(r, nr, li, (size_t)(s - t));
				/* Inside a rejection, "received from X" is
				 * the refused client speaking of itself. */
				if (c->occ[c->n].in_reply &&
				    c->occ[c->n].ctx == CTX_ORIGIN)
					c->occ[c->n].ctx = CTX_CLIENT;
				c->n++;
			}
		}
		s += n > 0 ? n : 1;
	}
}

static bool
seen_as(const struct collector *c, const struct ptrcheck_addr *a, enum ctx ctx)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->occ[i].ctx == ctx &&
		    ptrcheck_addr_equal(&c->occ[i].addr, a))
			return true;
	return false;
}

static void
take(const struct collector *c, const struct occurrence *o,
    struct ptrcheck_bounce *out)
{
	size_t i;

	if (seen_as(c, &o->addr, CTX_RECEIVER) ||
	    seen_as(c, &o->addr, CTX_ORIGIN))
		return;
	if (ptrcheck_addr_special(&o->addr) != NULL &&
	    !seen_as(c, &o->addr, CTX_CLIENT))
		return;
	for (i = 0; i < out->nips; i++)
		if (ptrcheck_addr_equal(&out->ips[i], &o->addr))
			return;
	if (out->nips == PTRCHECK_BOUNCE_MAX_IPS) {
		out->ips_capped = true;
		return;
	}
	out->ips[out->nips++] = o->addr;
}

/* pick - take occurrences matching (in_reply, ctx); how many were taken. */
static size_t
pick(const struct collector *c, int in_reply, enum ctx ctx,
    struct ptrcheck_bounce *out)
{
	size_t i, before = out->nips;

	for (i = 0; i < c->n; i++)
		if ((in_reply < 0 || c->occ[i].in_reply == (in_reply > 0)) &&
		    c->occ[i].ctx == ctx)
			take(c, &c->occ[i], out);
	return out->nips - before;
}

void
ips_find(const struct blines *b, const struct reply *replies, size_t nreplies,
    struct ptrcheck_bounce *out, size_t *candidates)
{
	struct collector c;
	size_t i;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < b->n; i++)
		scan_line(b, i, replies, nreplies, &c);
	*candidates = c.candidates;
	if (pick(&c, 1, CTX_CLIENT, out) > 0)
		return;
	if (pick(&c, 1, CTX_BARE, out) > 0)
		return;
	(void)pick(&c, -1, CTX_CLIENT, out);
}

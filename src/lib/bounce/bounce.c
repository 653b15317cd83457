/*
 * bounce.c - ptrcheck_bounce_parse: messages to logical lines, lines to
 * SMTP replies, the rejection among them, its cause, the receiver and the
 * rejected client's addresses. No DNS here: the CLI checks the addresses.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bounce.h"

#define MAX_REPLIES 64

struct parse {
	struct ptrcheck_bounces *out;
	struct cause_matcher *causes;
	enum ptrcheck_status st;
};

const char *
ptrcheck_cause_name(enum ptrcheck_cause c)
{
	switch (c) {
	case PTRCHECK_CAUSE_PTR_MISSING:
		return "ptr-missing";
	case PTRCHECK_CAUSE_FCRDNS_MISMATCH:
		return "fcrdns-mismatch";
	case PTRCHECK_CAUSE_PTR_GENERIC:
		return "ptr-generic";
	case PTRCHECK_CAUSE_OTHER:
		break;
	}
	return "other";
}

/* utf8_len - the length of a valid UTF-8 sequence at s, or 0. */
static size_t
utf8_len(const unsigned char *s, size_t left)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	n = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4
	    : s[0] >= 0xe0               ? 3
	    : s[0] >= 0xc2               ? 2
	                                 : 0;
	if (n == 0 || n > left || (s[0] >= 0xf8))
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* looks_like_text - at most one byte in ten is a control byte or not
 * UTF-8: a sentence (even in Latin-1), not binary junk that happens to
 * spell "ptr" or start with three digits. Every rejection starts on such
 * a line. */
static bool
looks_like_text(const char *line, size_t len)
{
	const unsigned char *s = (const unsigned char *)line;
	size_t i = 0, bad = 0, n;

	while (i < len) {
		if ((s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f) {
			bad++;
			i++;
		} else if ((n = utf8_len(s + i, len - i)) == 0) {
			bad++;
			i++;
		} else {
			i += n;
		}
	}
	return bad * 10 <= len;
}

static size_t
collect_replies(const struct blines *b, struct reply *r)
{
	size_t i, n = 0;

	for (i = 0; i < b->n && n < MAX_REPLIES; i++)
		if (looks_like_text(b->v[i].text, b->v[i].len) &&
		    reply_find(b, i, &r[n]))
			n++;
	/* No SMTP code anywhere: a rejection may still state its status
	 * (never a delivery-status field: "Status: 5.1.1" is no reply). */
	for (i = 0; n == 0 && i < b->n; i++)
		if (!b->v[i].in_dsn &&
		    looks_like_text(b->v[i].text, b->v[i].len) &&
		    reply_find_status(b, i, &r[n]))
			n++;
	return n;
}

/* words_agree - a and b say the same words (letters and digits, case
 * aside); with prefix, until the shorter one ends, at least 8 of them. */
static bool
words_agree(const char *ta, const char *tb, bool prefix)
{
	size_t n = 0;

	for (;; n++) {
		while (*ta != '\0' && !isalnum((unsigned char)*ta))
			ta++;
		while (*tb != '\0' && !isalnum((unsigned char)*tb))
			tb++;
		if (*ta == '\0' || *tb == '\0')
			return *ta == *tb || (prefix && n >= 8);
		if (tolower((unsigned char)*ta) != tolower((unsigned char)*tb))
			return false;
		ta++;
		tb++;
	}
}

/* same_rejection - one rejection written twice: in the human-readable
 * part and as the delivery-status Diagnostic-Code, or repeated by a
 * retry. Same code, same status, same words. */
static bool
same_rejection(const struct reply *a, const char *ta, const struct reply *b,
    const char *tb)
{
	return a->code == b->code && strcmp(a->enhanced, b->enhanced) == 0 &&
	       words_agree(ta, tb, false);
}

/* told_by - the report's recipient block g tells of the rejection r
 * (text: its clean words): its Diagnostic-Code is that reply, perhaps
 * cut shorter or longer by either side. */
static bool
told_by(const struct dsn_recipient *g, const struct reply *r, const char *text)
{
	if (!dsn_recipient_failed(g) || g->diagnostic[0] == '\0')
		return false;
	if (r->code != 0 && atoi(g->diagnostic) != r->code)
		return false;
	return words_agree(g->diagnostic, text, true);
}

/* continues - r is more of the multi-line reply prev ("550-5.7.26 ..."
 * then "550-5.7.26 ..." or "550 5.7.26 ...", apart in the text). */
static bool
continues(
    const struct blines *b, const struct reply *prev, const struct reply *r)
{
	const struct bline *l = &b->v[prev->line];
	char last[5];
	size_t i;

	if (prev->code == 0 || prev->code != r->code ||
	    strcmp(prev->enhanced, r->enhanced) != 0 ||
	    prev->start + 3 >= l->len || l->text[prev->start + 3] != '-')
		return false;
	/* Ended already: its last line ("550 ...") was joined in. */
	snprintf(last, sizeof(last), "%d ", prev->code);
	for (i = prev->start + 4; i + 4 <= prev->end; i++)
		if (l->text[i - 1] == ' ' && memcmp(l->text + i, last, 4) == 0)
			return false;
	return true;
}

/* append_words - the text of a continuation, without its code and
 * status, after the reply it continues (bounded). */
static void
append_words(char *to, const char *more, const struct reply *r)
{
	size_t n = strlen(to);
	const char *p = more + 3;

	while (*p == '-' || *p == ' ')
		p++;
	if (r->enhanced[0] != '\0' &&
	    strncmp(p, r->enhanced, strlen(r->enhanced)) == 0)
		p += strlen(r->enhanced);
	while (*p == ' ')
		p++;
	if (n + 1 < PTRCHECK_BOUNCE_TEXT_MAX)
		snprintf(to + n, PTRCHECK_BOUNCE_TEXT_MAX - n, " %s", p);
}

/* distinct - r[] without the rejections written twice, in order; n
 * becomes the count kept. texts[i] receives each kept one's clean text. */
static size_t
distinct(const struct blines *b, struct reply *r, size_t n,
    char (*texts)[PTRCHECK_BOUNCE_TEXT_MAX])
{
	size_t i, j, kept = 0;

	for (i = 0; i < n; i++) {
		reply_clean(b, &r[i], texts[kept], sizeof(texts[kept]));
		for (j = 0; j < kept; j++)
			if (same_rejection(&r[j], texts[j], &r[i], texts[kept]))
				break;
		if (j < kept)
			continue;
		if (kept > 0 && continues(b, &r[kept - 1], &r[i])) {
			append_words(texts[kept - 1], texts[kept], &r[i]);
			continue;
		}
		r[kept++] = r[i];
	}
	return kept;
}

/* header_field - a header's line ("X-Antispam-Report: ...PTR:none",
 * "Authentication-Results: ..."): a filter's notes, never the rejection.
 * A field name with a hyphen, other than a delivery-status field. */
static bool
header_field(const char *line)
{
	size_t n = strspn(line,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

	return n > 0 && line[n] == ':' && memchr(line, '-', n) != NULL &&
	       !dsn_is_field_name(line, n);
}

/* line_about_rdns - with no SMTP reply at all (a pasted sentence), the
 * first line of text that speaks of reverse DNS stands for the rejection. */
static bool
line_about_rdns(
    const struct cause_matcher *m, const struct blines *b, struct reply *r)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		if (!looks_like_text(b->v[i].text, b->v[i].len) ||
		    header_field(b->v[i].text) ||
		    cause_of(m, b->v[i].text) == PTRCHECK_CAUSE_OTHER)
			continue;
		memset(r, 0, sizeof(*r));
		r->line = i;
		r->end = b->v[i].len;
		return true;
	}
	return false;
}

static struct ptrcheck_bounce *
bounce_new(struct ptrcheck_bounces *out)
{
	struct ptrcheck_bounce *v;

	if ((v = realloc(out->v, (out->n + 1) * sizeof(*v))) == NULL)
		return NULL;
	out->v = v;
	memset(&v[out->n], 0, sizeof(v[0]));
	return &v[out->n++];
}

/* bounce_add - one entry for the rejection r (text: its clean words);
 * g, the report's block for its recipient, when there is one: the report
 * names the recipient and the receiver better than any sentence. */
static enum ptrcheck_status
bounce_add(const struct cause_matcher *m, const struct blines *b,
    const struct reply *r, size_t stop, const char *text,
    const struct dsn_recipient *g, const char *remote_mta,
    struct ptrcheck_bounces *out)
{
	struct ptrcheck_bounce *bo;
	size_t candidates = 0;

	if ((bo = bounce_new(out)) == NULL)
		return PTRCHECK_ENOMEM;
	snprintf(bo->text, sizeof(bo->text), "%s", text);
	bo->smtp_code = r->code;
	snprintf(bo->enhanced_status, sizeof(bo->enhanced_status), "%s",
	    r->enhanced[0] == '\0' && g != NULL ? g->status : r->enhanced);
	bo->cause = cause_of(m, bo->text);
	if (r->end == 0 || !remote_mta_on_line(b, r->line, bo->remote_mta,
	                       sizeof(bo->remote_mta)))
		snprintf(bo->remote_mta, sizeof(bo->remote_mta), "%s",
		    g != NULL && g->remote_mta[0] != '\0' ? g->remote_mta
		                                          : remote_mta);
	snprintf(bo->receiver, sizeof(bo->receiver), "%s",
	    receiver_of(bo->remote_mta, bo->text, b));
	if (g != NULL && g->recipient[0] != '\0')
		snprintf(
		    bo->recipient, sizeof(bo->recipient), "%s", g->recipient);
	else if (r->end != 0)
		(void)recipient_before(
		    b, r->line, stop, bo->recipient, sizeof(bo->recipient));
	ips_find(b, r, r->end != 0 ? 1 : 0, bo, &candidates);
	if (candidates >= BOUNCE_MAX_CANDIDATES)
		out->candidates_capped = true;
	return PTRCHECK_OK;
}

/* add_rejection - the entries of the rejection r: one per recipient
 * block of the report that tells of it (two recipients refused alike are
 * two rejections), else one. */
static enum ptrcheck_status
add_rejection(const struct cause_matcher *m, const struct blines *b,
    const struct reply *r, size_t stop, const char *text,
    struct dsn_report *dsn, bool *used, const char *remote_mta,
    struct ptrcheck_bounces *out)
{
	enum ptrcheck_status st = PTRCHECK_OK;
	size_t j;
	bool told = false;

	for (j = 0; j < dsn->n && st == PTRCHECK_OK; j++) {
		if (used[j] || !told_by(&dsn->v[j], r, text))
			continue;
		used[j] = told = true;
		st = bounce_add(
		    m, b, r, stop, text, &dsn->v[j], remote_mta, out);
	}
	if (!told && st == PTRCHECK_OK)
		st = bounce_add(m, b, r, stop, text, NULL, remote_mta, out);
	return st;
}

/* report_only - a report whose failures no sentence states (no reply,
 * no line about reverse DNS): each failed recipient block is a rejection
 * of its own, told by its Status and Diagnostic-Code alone. */
static enum ptrcheck_status
report_only(const struct cause_matcher *m, const struct blines *b,
    const struct dsn_report *dsn, struct ptrcheck_bounces *out)
{
	enum ptrcheck_status st = PTRCHECK_OK;
	struct reply none;
	size_t j;

	memset(&none, 0, sizeof(none));
	for (j = 0; j < dsn->n && st == PTRCHECK_OK; j++)
		if (dsn_recipient_failed(&dsn->v[j]))
			st = bounce_add(m, b, &none, 0, dsn->v[j].diagnostic,
			    &dsn->v[j], "", out);
	return st;
}

/* bounce_from_lines - one entry per rejection of the message, in the
 * order they appear; a rejection written twice (text and DSN) once. */
static enum ptrcheck_status
bounce_from_lines(const struct cause_matcher *m, const struct blines *b,
    struct dsn_report *dsn, struct ptrcheck_bounces *out)
{
	static const size_t text_max = PTRCHECK_BOUNCE_TEXT_MAX;
	struct reply r[MAX_REPLIES];
	char(*texts)[PTRCHECK_BOUNCE_TEXT_MAX];
	char remote_mta[256] = "";
	bool used[DSN_MAX_RECIPIENTS] = {false};
	size_t n = collect_replies(b, r), i;
	enum ptrcheck_status st = PTRCHECK_OK;

	if (n == 0 && line_about_rdns(m, b, &r[0]))
		n = 1;
	if (n == 0)
		return report_only(m, b, dsn, out);
	if ((texts = malloc(n * text_max)) == NULL)
		return PTRCHECK_ENOMEM;
	n = distinct(b, r, n, texts);
	(void)remote_mta_find(b, remote_mta, sizeof(remote_mta));
	/* Each looks for its recipient back to the rejection before it. */
	for (i = 0; i < n && st == PTRCHECK_OK; i++)
		st = add_rejection(m, b, &r[i], i > 0 ? r[i - 1].line + 1 : 0,
		    texts[i], dsn, used, remote_mta, out);
	free(texts);
	return st;
}

static void
on_message(const struct segments *segs, void *arg)
{
	struct parse *p = arg;
	struct blines b = {0};
	struct dsn_report *dsn;
	size_t i;

	if ((dsn = calloc(1, sizeof(*dsn))) == NULL) {
		p->st = PTRCHECK_ENOMEM;
		return;
	}
	/* The report's fields, from its part or pasted among the text. */
	for (i = 0; i < segs->n; i++)
		dsn_report_read(segs->v[i].text, segs->v[i].len, dsn);
	for (i = 0; i < segs->n && p->st == PTRCHECK_OK; i++)
		p->st = blines_add_text(
		    &b, segs->v[i].text, segs->v[i].len, segs->v[i].dsn);
	if (p->st == PTRCHECK_OK)
		p->st = bounce_from_lines(p->causes, &b, dsn, p->out);
	blines_fini(&b);
	free(dsn);
}

enum ptrcheck_status
ptrcheck_bounce_parse(
    const void *data, size_t len, struct ptrcheck_bounces **out)
{
	struct parse p = {.st = PTRCHECK_OK};
	struct segments one;
	struct segment seg;

	if (data == NULL && len > 0)
		return PTRCHECK_EINVAL;
	if ((p.out = calloc(1, sizeof(*p.out))) == NULL)
		return PTRCHECK_ENOMEM;
	if ((p.causes = cause_matcher_new()) == NULL) {
		free(p.out);
		return PTRCHECK_ENOMEM;
	}
	if (len > PTRCHECK_BOUNCE_INPUT_MAX) {
		len = PTRCHECK_BOUNCE_INPUT_MAX;
		p.out->input_capped = true;
	}
	if (len > 0 && mime_looks_like_message(data, len)) {
		enum ptrcheck_status st = mime_split(data, len, on_message, &p);

		if (st != PTRCHECK_OK)
			p.st = st;
	}
	/* Not a message, or one whose structure hid the text (a header-like
	 * first line on a paste): read it as pasted text. */
	if (p.st == PTRCHECK_OK && p.out->n == 0) {
		/* Pasted text: one message of one segment. */
		seg.text = (char *)(uintptr_t)data;
		seg.len = len;
		seg.dsn = false;
		one.v = &seg;
		one.n = one.cap = 1;
		on_message(&one, &p);
	}
	cause_matcher_free(p.causes);
	if (p.st != PTRCHECK_OK) {
		ptrcheck_bounces_free(p.out);
		return p.st;
	}
	*out = p.out;
	return PTRCHECK_OK;
}

void
ptrcheck_bounces_free(struct ptrcheck_bounces *b)
{
	if (b == NULL)
		return;
	free(b->v);
	free(b);
}

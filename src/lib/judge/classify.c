/*
 * classify.c - does a PTR name look like an ISP's generic or dynamic name?
 * A pure function: features over the labels left of the registered domain
 * (the "host part"), each adding a weight and saying why; the name is
 * generic when the score reaches GENERIC_THRESHOLD. docs/CLASSIFIER.md
 * lists the features and their measured effect.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "classify_words.h"
#include "providers.h"
#include "textbuf.h"

#define GENERIC_THRESHOLD 3
#define MAX_LABELS 64
#define MAX_RUNS 48
#define MAX_TOKENS 64

struct features {
	char host[256]; /* lower-cased host part, labels joined by dots */
	size_t nlabels_total;
	struct run {
		unsigned long value;
		size_t len;
		bool joined; /* one separator (. - _) from the run before */
	} runs[MAX_RUNS];    /* maximal digit runs of the host part */
	size_t nruns;
	char tokens[MAX_TOKENS][64]; /* alphabetic tokens of the host part */
	/* the token is in the leftmost label */
	bool token_leftmost[MAX_TOKENS];
	size_t ntokens;
	char leftmost[64];
};

struct scorer {
	int score;
	struct textbuf reason;
	struct textbuf explain;
	bool explaining;
};

static void
fire(struct scorer *s, int weight, const char *feature, const char *detail)
{
	s->score += weight;
	if (s->reason.len > 0)
		textbuf_puts(&s->reason, "; ");
	textbuf_printf(&s->reason, "%s %s", feature, detail);
	if (s->explaining)
		textbuf_printf(
		    &s->explain, "%+d %s %s\n", weight, feature, detail);
}

/* registered_labels - how many rightmost labels form the registered
 * domain: 3 under a two-letter ccTLD with a generic second level
 * ("example.co.uk"), else 2. */
static size_t
registered_labels(char labels[][64], size_t n)
{
	if (n >= 3 && strlen(labels[n - 1]) == 2 &&
	    word_in(labels[n - 2], second_level_words))
		return 3;
	return 2;
}

static void
split_labels(const char *name, char labels[][64], size_t *n)
{
	const char *p = name;

	*n = 0;
	while (*p != '\0' && *n < MAX_LABELS) {
		size_t len = strcspn(p, ".");

		if (len > 0) {
			size_t k, m = len < 63 ? len : 63;

			for (k = 0; k < m; k++)
				labels[*n][k] =
				    (char)tolower((unsigned char)p[k]);
			labels[*n][m] = '\0';
			(*n)++;
		}
		p += len;
		if (*p == '.')
			p++;
	}
}

static void
collect_runs_and_tokens(struct features *f)
{
	const char *p = f->host;
	const char *first_dot = strchr(f->host, '.');

	while (*p != '\0') {
		size_t len;

		if (isdigit((unsigned char)*p)) {
			len = strspn(p, "0123456789");
			if (f->nruns < MAX_RUNS) {
				struct run *r = &f->runs[f->nruns];

				r->len = len;
				r->value = len > 10 ? 0 : strtoul(p, NULL, 10);
				r->joined = f->nruns > 0 && p - f->host >= 2 &&
				            strchr(".-_", p[-1]) != NULL &&
				            isdigit((unsigned char)p[-2]);
				f->nruns++;
			}
		} else if (isalpha((unsigned char)*p)) {
			len = strspn(p, "abcdefghijklmnopqrstuvwxyz");
			if (f->ntokens < MAX_TOKENS) {
				size_t m = len < 63 ? len : 63;

				memcpy(f->tokens[f->ntokens], p, m);
				f->tokens[f->ntokens][m] = '\0';
				f->token_leftmost[f->ntokens] =
				    first_dot == NULL || p < first_dot;
				f->ntokens++;
			}
		} else {
			len = 1;
		}
		p += len;
	}
}

static bool
features_init(const char *name, struct features *f)
{
	char labels[MAX_LABELS][64];
	size_t n, keep, i;
	struct textbuf tb;

	memset(f, 0, sizeof(*f));
	split_labels(name, labels, &n);
	f->nlabels_total = n;
	if (n < 2)
		return false;
	keep = n > registered_labels(labels, n)
	           ? n - registered_labels(labels, n)
	           : 0;
	if (keep == 0)
		return false;
	textbuf_init(&tb, f->host, sizeof(f->host));
	for (i = 0; i < keep; i++) {
		if (i > 0)
			textbuf_putc(&tb, '.');
		textbuf_puts(&tb, labels[i]);
	}
	snprintf(f->leftmost, sizeof(f->leftmost), "%s", labels[0]);
	collect_runs_and_tokens(f);
	return true;
}

/* runs_match - whether want[0..n) appears as consecutive digit runs. */
static bool
runs_match(const struct features *f, const unsigned *want, size_t n)
{
	size_t i, j;

	for (i = 0; i + n <= f->nruns; i++) {
		for (j = 0; j < n; j++)
			if (f->runs[i + j].len > 3 ||
			    f->runs[i + j].value != want[j])
				break;
		if (j == n)
			return true;
	}
	return false;
}

/* concat_match - a run holding all four octets, zero-padded or not. */
static bool
concat_match(const struct features *f, const uint8_t *o)
{
	char padded[16], plain[16];
	size_t i;

	for (i = 0; i < f->nruns && f->runs[i].len < 7; i++)
		;
	if (i == f->nruns)
		return false; /* no run long enough: most names */
	snprintf(
	    padded, sizeof(padded), "%03u%03u%03u%03u", o[0], o[1], o[2], o[3]);
	snprintf(plain, sizeof(plain), "%u%u%u%u", o[0], o[1], o[2], o[3]);
	/* Runs longer than 10 digits hold no value: compare text. */
	return strstr(f->host, padded) != NULL ||
	       strstr(f->host, plain) != NULL;
}

static bool
contains_ci(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL; /* both lower case */
}

static void
put_hex(char *out, uint8_t b)
{
	static const char digits[] = "0123456789abcdef";

	out[0] = digits[b >> 4];
	out[1] = digits[b & 15];
}

/* hex_split_match - the address as hexadecimal (hex, its forward form
 * "5b3c2d1e"), split by separators ("5b3c-2d1e", "5b.3c.2d.1e") or with
 * its bytes reversed ("1e2d3c5b"): the host part with its separators
 * removed holds it. */
static bool
hex_split_match(const struct features *f, const char *hex, const uint8_t *o)
{
	char joined[sizeof(f->host)], rev[9];
	size_t i, n = 0;

	/* Some hex letter: digits alone are the decimal forms' business. */
	if (strspn(hex, "0123456789") == 8)
		return false;
	for (i = 0; f->host[i] != '\0'; i++)
		if (strchr(".-_", f->host[i]) == NULL)
			joined[n++] = f->host[i];
	joined[n] = '\0';
	for (i = 0; i < 4; i++)
		put_hex(rev + 2 * i, o[3 - i]);
	rev[8] = '\0';
	return strstr(joined, hex) != NULL || strstr(joined, rev) != NULL;
}

/* octets_any_order - three joined digit runs that are three different
 * octets of the address, in an order other than written ("34-12-54" for
 * 82.54.12.34): the name was built from the address. */
static bool
octets_any_order(const struct features *f, const uint8_t *o)
{
	size_t i, j, k;

	for (i = 0; i + 3 <= f->nruns; i++) {
		bool used[4] = {false, false, false, false};

		if (f->runs[i + 1].joined == false || !f->runs[i + 2].joined)
			continue;
		for (j = 0; j < 3; j++) {
			const struct run *r = &f->runs[i + j];

			for (k = 0; k < 4; k++)
				if (!used[k] && r->len <= 3 && r->value == o[k])
					break;
			if (k == 4)
				break;
			used[k] = true;
		}
		if (j == 3)
			return true;
	}
	return false;
}

/* label_two_numbers - the leftmost label is two numbers of at most three
 * digits after at most four letters ("h12-34", "ip-88-12", "45-67"): a
 * label built from an address, not a name a person chose. The numbers
 * into a and b. */
static bool
label_two_numbers(const char *l, unsigned *a, unsigned *b)
{
	size_t letters = strspn(l, "abcdefghijklmnopqrstuvwxyz"), n;
	char *end;

	if (letters > 4)
		return false;
	l += letters;
	if (letters > 0 && (*l == '-' || *l == '_'))
		l++;
	n = strspn(l, "0123456789");
	if (n == 0 || n > 3 || (l[n] != '-' && l[n] != '_'))
		return false;
	*a = (unsigned)strtoul(l, &end, 10);
	l += n + 1;
	n = strspn(l, "0123456789");
	if (n == 0 || n > 3 || l[n] != '\0')
		return false;
	*b = (unsigned)strtoul(l, &end, 10);
	return *a <= 255 && *b <= 255;
}

static void
feature_known_v4(const struct features *f, const uint8_t *o, struct scorer *s)
{
	unsigned fwd[4] = {o[0], o[1], o[2], o[3]};
	unsigned rev[4] = {o[3], o[2], o[1], o[0]};
	unsigned long decimal = ((unsigned long)o[0] << 24) |
	                        ((unsigned long)o[1] << 16) |
	                        ((unsigned long)o[2] << 8) | o[3];
	char hex[9];
	size_t i, dec_len;
	unsigned long d;

	for (i = 0; i < 4; i++)
		put_hex(hex + 2 * i, o[i]);
	hex[8] = '\0';
	for (i = 0, d = decimal; d > 0 || i == 0; d /= 10)
		i++;
	dec_len = i; /* the digits of the address as one integer */
	if (runs_match(f, fwd, 4) || runs_match(f, rev, 4) ||
	    concat_match(f, o)) {
		fire(s, 4, "embedded-address", "(all four octets)");
		return;
	}
	if (contains_ci(f->host, hex)) {
		fire(s, 4, "embedded-address", "(hexadecimal)");
		return;
	}
	if (hex_split_match(f, hex, o)) {
		fire(s, 4, "embedded-address", "(hexadecimal, split)");
		return;
	}
	for (i = 0; i < f->nruns; i++)
		if (f->runs[i].len == dec_len && f->runs[i].value == decimal) {
			fire(s, 4, "embedded-address", "(decimal integer)");
			return;
		}
	if (runs_match(f, fwd + 1, 3) || runs_match(f, rev, 3))
		fire(s, 3, "embedded-address", "(last three octets)");
	else if (octets_any_order(f, o))
		fire(s, 3, "embedded-address", "(three octets, reordered)");
	else if (runs_match(f, fwd + 2, 2) || runs_match(f, rev, 2))
		fire(s, 2, "embedded-address", "(last two octets)");
}

static bool
is_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* v6_groups_match - four or more of the address's 16-bit groups in a row
 * as hex tokens, or a run of 16+ of its nibbles written together. */
static bool
v6_groups_match(const struct features *f, const uint8_t *b)
{
	char nibbles[33], tok[8];
	unsigned groups[8], seen[32];
	size_t nseen = 0, i, j;
	const char *p = f->host;

	for (i = 0; i < 16; i++)
		snprintf(nibbles + 2 * i, 3, "%02x", b[i]);
	if (strstr(f->host, nibbles) != NULL)
		return true;
	nibbles[16] = '\0';
	if (strstr(f->host, nibbles) != NULL)
		return true;
	for (i = 0; i < 8; i++)
		groups[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
	while (*p != '\0' && nseen < 32) {
		size_t len = strcspn(p, ".-_");

		if (len >= 1 && len <= 4 && is_hex(p, len)) {
			memcpy(tok, p, len);
			tok[len] = '\0';
			seen[nseen++] = (unsigned)strtoul(tok, NULL, 16);
		} else {
			seen[nseen++] = 0x10000; /* a break in the sequence */
		}
		p += len;
		if (*p != '\0')
			p++;
	}
	for (i = 0; i + 4 <= nseen; i++)
		for (j = 0; j + 4 <= 8; j++)
			if (seen[i] == groups[j] &&
			    seen[i + 1] == groups[j + 1] &&
			    seen[i + 2] == groups[j + 2] &&
			    seen[i + 3] == groups[j + 3])
				return true;
	return false;
}

/* feature_guessed_address - no IP known: shapes of an embedded address. */
static void
feature_guessed_address(const struct features *f, struct scorer *s)
{
	size_t i, row = 0, best = 0;
	unsigned a, b;
	const char *p;

	/* An address written out joins its octets with separators. */
	for (i = 0; i < f->nruns; i++) {
		bool octet = f->runs[i].len <= 3 && f->runs[i].value <= 255;

		row = !octet ? 0 : f->runs[i].joined ? row + 1 : 1;
		if (row > best)
			best = row;
	}
	for (i = 0; i < f->nruns; i++)
		if (f->runs[i].len == 12)
			best = 4; /* zero-padded octets written together */
	if (best >= 4) {
		fire(s, 4, "embedded-address", "(four octet-like numbers)");
		return;
	}
	for (p = f->host; *p != '\0'; p++) {
		size_t len = strspn(p, "0123456789abcdef");

		if (len >= 8 && strspn(p, "0123456789") < len) {
			fire(s, len >= 16 ? 4 : 3, "embedded-address",
			    len >= 16 ? "(IPv6 nibbles)" : "(hexadecimal)");
			return;
		}
		if (len > 0)
			p += len - 1;
	}
	if (best == 3)
		fire(s, 2, "embedded-address", "(three octet-like numbers)");
	else if (label_two_numbers(f->leftmost, &a, &b))
		fire(s, 1, "embedded-address", "(two octet-like numbers)");
}

static void
feature_address(
    const struct features *f, const struct ptrcheck_addr *ip, struct scorer *s)
{
	int before = s->score;

	if (ip != NULL && ip->family == AF_INET)
		feature_known_v4(f, ip->bytes, s);
	else if (ip != NULL && ip->family == AF_INET6 &&
	         v6_groups_match(f, ip->bytes))
		fire(s, 4, "embedded-address", "(IPv6 groups)");
	if (s->score == before)
		feature_guessed_address(f, s);
}

/* has_pool_word - an access-network word (weight 2) in the host part. */
static bool
has_pool_word(const struct features *f)
{
	size_t i;

	for (i = 0; i < f->ntokens; i++)
		if (word_pool_weight(f->tokens[i]) > 1)
			return true;
	return false;
}

/* feature_words - dynamic-pool words and mail-infrastructure words, taken
 * from whole tokens of the host part (word boundaries, not substrings).
 * A short mail word ("mx", "mo", "out") counts only in the leftmost label,
 * where people put it; elsewhere it is a state code or a coincidence. An
 * access-network word weakens a mail word: ISPs' names contain "mx" by
 * accident, mail providers' names do not contain "dynamic". */
static void
feature_words(const struct features *f, struct scorer *s)
{
	int pool = 0, w;
	bool mail = false;
	size_t i;

	for (i = 0; i < f->ntokens; i++) {
		const char *t = f->tokens[i];

		/* Two words are evidence enough; more would drown the rest. */
		if (pool < 2 && (w = word_pool_weight(t)) > 0) {
			fire(s, w, w > 1 ? "pool-word" : "pool-hint", t);
			pool++;
		}
		if (!mail && word_is_mail(t) &&
		    (strlen(t) > 3 || f->token_leftmost[i])) {
			fire(s, has_pool_word(f) ? -2 : -5, "mail-word", t);
			mail = true;
		}
	}
}

/* coded_parts - in the leftmost label, the hyphen-separated parts that
 * are a short code glued to a number ("p1234", "ipngn5678", "cm0456"):
 * how many, and their digits in all. */
static size_t
coded_parts(const char *l, size_t *digits)
{
	size_t n = 0, letters, d;

	*digits = 0;
	while (*l != '\0') {
		letters = strspn(l, "abcdefghijklmnopqrstuvwxyz");
		d = strspn(l + letters, "0123456789");
		if (letters >= 1 && letters <= 6 && d >= 1 &&
		    (l[letters + d] == '-' || l[letters + d] == '\0')) {
			n++;
			*digits += d;
		}
		l += strcspn(l, "-");
		if (*l == '-')
			l++;
	}
	return n;
}

/* feature_shape - the leftmost label: a serial number ("vmi888917"), all
 * digits, or a short word a person chose ("mx2", "pluto"). */
static void
feature_shape(const struct features *f, struct scorer *s)
{
	const char *l = f->leftmost;
	size_t letters = strspn(l, "abcdefghijklmnopqrstuvwxyz"), coded;
	size_t digits = strspn(l + letters, "0123456789");
	char end = l[letters + digits];

	if (letters == 0 && digits > 0 && l[digits] == '\0') {
		fire(s, 2, "numeric-label", l);
		return;
	}
	/* The label, or its first hyphen-separated part: "vmi888917",
	 * "p1234567-ipngn1234". */
	if (letters > 0 && letters <= 5 && digits >= 5 &&
	    (end == '\0' || end == '-')) {
		fire(s, 3, "serial-label", l);
		return;
	}
	/* Line, node and plant codes run together with their numbers
	 * ("p1234-ipngn5678", "ngn3-ppp812", "plant7-cm0456"): equipment
	 * and port numbering, the longer the surer. */
	if (coded_parts(l, &coded) >= 2 && coded >= 4) {
		fire(s, coded >= 6 ? 3 : 2, "coded-label", l);
		return;
	}
	/* An access word numbered like a sequence: "cpe147", "dsl163". */
	if (letters > 0 && digits >= 2 && f->ntokens > 0 &&
	    f->token_leftmost[0] && word_pool_weight(f->tokens[0]) > 1 &&
	    strlen(f->tokens[0]) == letters) {
		fire(s, 1, "numbered-pool-label", l);
		return;
	}
	if (f->nruns == 0 || (letters >= 2 && digits <= 3 && s->score <= 0)) {
		size_t i;

		for (i = 0; i < f->ntokens; i++)
			if (word_pool_weight(f->tokens[i]) > 1)
				return;
		fire(s, -2, "word-label", l);
	}
}

/* feature_provider - a hosting or cloud provider's default name
 * (data/providers.tsv): the tenant never chose it. */
static void
feature_provider(const char *name, struct scorer *s)
{
	const struct ptrcheck_provider *p = provider_default_name(name);

	if (p != NULL)
		fire(s, 4, "provider-default", p->id);
}

void
ptrcheck_classify(const char *name, const struct ptrcheck_addr *ip,
    struct ptrcheck_classification *out, char *explain, size_t explain_len)
{
	struct features f;
	struct scorer s;
	char dummy[1];

	memset(out, 0, sizeof(*out));
	memset(&s, 0, sizeof(s));
	textbuf_init(&s.reason, out->reason, sizeof(out->reason));
	s.explaining = explain != NULL && explain_len > 0;
	if (s.explaining)
		textbuf_init(&s.explain, explain, explain_len);
	else
		textbuf_init(&s.explain, dummy, sizeof(dummy));
	if (name == NULL || !features_init(name, &f)) {
		textbuf_puts(
		    &s.reason, "no host part left of the registered domain");
		return;
	}
	feature_provider(name, &s);
	feature_address(&f, ip, &s);
	feature_words(&f, &s);
	feature_shape(&f, &s);
	out->score = s.score;
	out->generic = s.score >= GENERIC_THRESHOLD;
	if (s.reason.len == 0)
		textbuf_puts(&s.reason, "no generic feature");
}

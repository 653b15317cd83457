/* name.c - wire-format domain names: building, comparing, judging. */
#include <ctype.h>
#include <string.h>

#include "name.h"

/* label_at - walk to the label starting at offset off; 0 at the root. */
static uint8_t
label_len(const struct dname *n, size_t off)
{
	return off < n->len ? n->wire[off] : 0;
}

static uint8_t
lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c - 'A' + 'a') : c;
}

/* parse_escape - one \X or \DDD escape at s (after the backslash). */
static int
parse_escape(const char **s, uint8_t *out)
{
	const char *p = *s;
	unsigned v;

	if (isdigit((unsigned char)p[0])) {
		if (!isdigit((unsigned char)p[1]) ||
		    !isdigit((unsigned char)p[2]))
			return -1;
		v = (unsigned)(p[0] - '0') * 100 + (unsigned)(p[1] - '0') * 10 +
		    (unsigned)(p[2] - '0');
		if (v > 255)
			return -1;
		*out = (uint8_t)v;
		*s = p + 3;
		return 0;
	}
	if (p[0] == '\0')
		return -1;
	*out = (uint8_t)p[0];
	*s = p + 1;
	return 0;
}

enum ptrcheck_status
name_from_text(const char *text, struct dname *out)
{
	struct dname n = {0};
	size_t label_start = 0;
	const char *s = text;
	uint8_t c;

	if (text[0] == '\0')
		return PTRCHECK_EINVAL;
	if (strcmp(text, ".") == 0) {
		out->len = 1;
		out->wire[0] = 0;
		return PTRCHECK_OK;
	}
	n.len = 1; /* the length octet of the first label */
	while (*s != '\0') {
		if (*s == '.') {
			if (n.len - label_start == 1) /* empty label */
				return PTRCHECK_EINVAL;
			n.wire[label_start] =
			    (uint8_t)(n.len - label_start - 1);
			s++;
			if (*s == '\0')
				break;
			if (n.len >= PTRCHECK_NAME_WIRE_MAX - 1)
				return PTRCHECK_EINVAL;
			label_start = n.len++;
			continue;
		}
		if (*s == '\\') {
			s++;
			if (parse_escape(&s, &c) != 0)
				return PTRCHECK_EINVAL;
		} else {
			c = (uint8_t)*s++;
		}
		if (n.len - label_start > 63 ||
		    n.len >= PTRCHECK_NAME_WIRE_MAX - 1)
			return PTRCHECK_EINVAL;
		n.wire[n.len++] = c;
	}
	if (n.len - label_start == 1 && n.len > 1)
		n.len--; /* trailing dot: the open label was never started */
	else
		n.wire[label_start] = (uint8_t)(n.len - label_start - 1);
	if (n.len >= PTRCHECK_NAME_WIRE_MAX)
		return PTRCHECK_EINVAL;
	n.wire[n.len++] = 0;
	*out = n;
	return PTRCHECK_OK;
}

enum ptrcheck_status
name_from_wire(const uint8_t *wire, size_t len, struct dname *out)
{
	size_t off = 0;

	if (len == 0 || len > PTRCHECK_NAME_WIRE_MAX)
		return PTRCHECK_EINVAL;
	while (off < len && wire[off] != 0) {
		if (wire[off] > 63)
			return PTRCHECK_EINVAL;
		off += (size_t)wire[off] + 1;
	}
	if (off != len - 1)
		return PTRCHECK_EINVAL;
	memcpy(out->wire, wire, len);
	out->len = (uint8_t)len;
	return PTRCHECK_OK;
}

size_t
name_label_count(const struct dname *n)
{
	size_t off = 0, count = 0;

	while (label_len(n, off) != 0) {
		off += (size_t)n->wire[off] + 1;
		count++;
	}
	return count;
}

bool
name_equal(const struct dname *a, const struct dname *b)
{
	size_t i;

	if (a->len != b->len)
		return false;
	/* Length octets are < 64, so lowering them changes nothing. */
	for (i = 0; i < a->len; i++)
		if (lower(a->wire[i]) != lower(b->wire[i]))
			return false;
	return true;
}

/* suffix_offset - where the last `labels` labels of n begin. */
static size_t
suffix_offset(const struct dname *n, size_t labels)
{
	size_t total = name_label_count(n), off = 0;

	while (total > labels) {
		off += (size_t)n->wire[off] + 1;
		total--;
	}
	return off;
}

bool
name_is_under(const struct dname *n, const struct dname *zone)
{
	size_t zl = name_label_count(zone), off, i;

	if (name_label_count(n) < zl)
		return false;
	off = suffix_offset(n, zl);
	if ((size_t)n->len - off != zone->len)
		return false;
	for (i = 0; i < zone->len; i++)
		if (lower(n->wire[off + i]) != lower(zone->wire[i]))
			return false;
	return true;
}

bool
name_strip_zone(
    const struct dname *n, const struct dname *zone, struct dname *out)
{
	size_t off;

	if (!name_is_under(n, zone) || name_equal(n, zone))
		return false;
	off = suffix_offset(n, name_label_count(zone));
	memcpy(out->wire, n->wire, off);
	out->wire[off] = 0;
	out->len = (uint8_t)(off + 1);
	return true;
}

bool
name_parent(const struct dname *n, struct dname *out)
{
	size_t skip;

	if (n->len <= 1)
		return false; /* the root, or no name */
	skip = (size_t)n->wire[0] + 1;
	out->len = (uint8_t)(n->len - skip);
	memmove(out->wire, n->wire + skip, out->len);
	return true;
}

/* label_problem - the worst problem of one label's bytes. */
static enum name_problem
label_problem(const uint8_t *l, size_t len)
{
	enum name_problem worst = NAME_OK;
	size_t i;

	for (i = 0; i < len; i++) {
		uint8_t c = l[i];

		if (c == 0)
			return NAME_NUL;
		if (c < 0x20 || c == 0x7f)
			worst = NAME_CONTROL;
		else if (worst == NAME_OK && c == '.')
			worst = NAME_LABEL_DOT;
		else if (worst == NAME_OK && c >= 0x80)
			worst = NAME_NON_ASCII;
		else if (worst == NAME_OK && !isalnum(c) && c != '-' &&
		         c != '_')
			worst = NAME_BAD_CHAR;
	}
	if (worst == NAME_OK && (l[0] == '-' || l[len - 1] == '-'))
		worst = NAME_HYPHEN;
	return worst;
}

static bool
label_is_numeric(const uint8_t *l, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!isdigit(l[i]))
			return false;
	return true;
}

static bool
is_under_arpa(const struct dname *n)
{
	struct dname v4, v6;

	name_from_text("in-addr.arpa.", &v4);
	name_from_text("ip6.arpa.", &v6);
	return name_is_under(n, &v4) || name_is_under(n, &v6);
}

enum name_problem
name_check_host(const struct dname *n)
{
	size_t off = 0, labels = name_label_count(n), last = 0;
	enum name_problem p;

	if (labels == 0)
		return NAME_ROOT;
	while (n->wire[off] != 0) {
		p = label_problem(n->wire + off + 1, n->wire[off]);
		if (p != NAME_OK)
			return p;
		last = off;
		off += (size_t)n->wire[off] + 1;
	}
	if (is_under_arpa(n))
		return NAME_UNDER_ARPA;
	/* RFC 3696 2: a top-level label is never all-numeric. */
	if (label_is_numeric(n->wire + last + 1, n->wire[last]))
		return NAME_NUMERIC_TLD;
	if (labels == 1)
		return NAME_SINGLE_LABEL;
	return NAME_OK;
}

const char *
name_problem_text(enum name_problem p)
{
	switch (p) {
	case NAME_OK:
		return "a valid host name";
	case NAME_ROOT:
		return "the root name \".\" is not a host name";
	case NAME_SINGLE_LABEL:
		return "a single label is not a fully qualified host name";
	case NAME_NUL:
		return "contains a NUL byte inside a label";
	case NAME_CONTROL:
		return "contains control characters";
	case NAME_LABEL_DOT:
		return "contains an escaped dot inside a label, so its labels "
		       "are not the ones it appears to have";
	case NAME_NON_ASCII:
		return "contains bytes outside ASCII (an IDN must be written "
		       "as xn-- A-labels)";
	case NAME_BAD_CHAR:
		return "contains characters other than letters, digits and "
		       "hyphens";
	case NAME_HYPHEN:
		return "has a label that starts or ends with a hyphen";
	case NAME_NUMERIC_TLD:
		return "is an IP address written as a name, not a host name";
	case NAME_UNDER_ARPA:
		return "lies under in-addr.arpa/ip6.arpa: missing trailing dot "
		       "in the zone file";
	}
	return "not a host name";
}

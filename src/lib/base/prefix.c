/* prefix.c - address prefixes and the reverse zones that hold them:
 * octet cuts under in-addr.arpa, nibble cuts under ip6.arpa (RFC 3596),
 * and RFC 2317 classless zones for IPv4 prefixes longer than /24. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "arpa.h"
#include "ptrcheck/ptrcheck.h"

static unsigned
family_bits(int family)
{
	return family == AF_INET ? 32 : 128;
}

static bool
bit_at(const uint8_t *b, unsigned i)
{
	return (b[i / 8] >> (7 - i % 8)) & 1;
}

static void
say(char *err, size_t errlen, const char *msg)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "%s", msg);
}

enum ptrcheck_status
ptrcheck_prefix_parse(
    const char *text, struct ptrcheck_prefix *out, char *err, size_t errlen)
{
	char addr[PTRCHECK_ADDR_TEXT_MAX];
	struct ptrcheck_prefix p;
	const char *slash = text != NULL ? strchr(text, '/') : NULL;
	size_t n =
	    slash != NULL ? (size_t)(slash - text) : (text ? strlen(text) : 0);
	unsigned i;
	char *end;
	unsigned long len;

	if (text == NULL || n == 0 || n >= sizeof(addr)) {
		say(err, errlen, "not an address or prefix");
		return PTRCHECK_EINVAL;
	}
	memcpy(addr, text, n);
	addr[n] = '\0';
	if (ptrcheck_addr_parse(addr, &p.addr) != PTRCHECK_OK ||
	    (strchr(addr, ':') != NULL && p.addr.family == AF_INET)) {
		/* A mapped IPv4 address with an IPv6 length would mislead. */
		say(err, errlen, "not an IP address before the '/'");
		return PTRCHECK_EINVAL;
	}
	p.len = family_bits(p.addr.family);
	if (slash != NULL) {
		if (!isdigit((unsigned char)slash[1]) ||
		    strlen(slash + 1) > 3) {
			say(err, errlen,
			    "the length after '/' is not a number");
			return PTRCHECK_EINVAL;
		}
		len = strtoul(slash + 1, &end, 10);
		if (*end != '\0' || len > family_bits(p.addr.family)) {
			say(err, errlen,
			    p.addr.family == AF_INET
			        ? "an IPv4 prefix length is 1 to 32"
			        : "an IPv6 prefix length is 1 to 128");
			return PTRCHECK_EINVAL;
		}
		if (len == 0) {
			say(err, errlen, "a /0 prefix is the whole Internet");
			return PTRCHECK_EINVAL;
		}
		p.len = (unsigned)len;
	}
	for (i = p.len; i < family_bits(p.addr.family); i++)
		if (bit_at(p.addr.bytes, i)) {
			say(err, errlen,
			    "host bits are set: give the network address");
			return PTRCHECK_EINVAL;
		}
	*out = p;
	return PTRCHECK_OK;
}

bool
ptrcheck_prefix_contains(
    const struct ptrcheck_prefix *p, const struct ptrcheck_addr *a)
{
	unsigned full = p->len / 8, rest = p->len % 8;
	uint8_t mask;

	if (a->family != p->addr.family ||
	    memcmp(a->bytes, p->addr.bytes, full) != 0)
		return false;
	if (rest == 0)
		return true;
	mask = (uint8_t)(0xff << (8 - rest));
	return (a->bytes[full] & mask) == (p->addr.bytes[full] & mask);
}

void
ptrcheck_prefix_format(const struct ptrcheck_prefix *p, char *buf, size_t len)
{
	char a[PTRCHECK_ADDR_TEXT_MAX];

	ptrcheck_addr_format(&p->addr, a, sizeof(a));
	snprintf(buf, len, "%s/%u", a, p->len);
}

unsigned
ptrcheck_prefix_cut(const struct ptrcheck_prefix *p)
{
	if (p->addr.family == AF_INET6)
		return (p->len + 3) / 4 * 4;
	if (p->len > 24)
		return p->len; /* RFC 2317 */
	return (p->len + 7) / 8 * 8;
}

unsigned
ptrcheck_prefix_size_log2(const struct ptrcheck_prefix *p)
{
	return family_bits(p->addr.family) - p->len;
}

enum ptrcheck_status
ptrcheck_prefix_zone(
    const struct ptrcheck_prefix *p, bool dash, char *buf, size_t len)
{
	char parent[PTRCHECK_ARPA_TEXT_MAX];
	unsigned first, last;
	int n;

	if (p->addr.family == AF_INET6 || (p->len % 8 == 0 && p->len <= 24))
		return arpa_zone_for_prefix(&p->addr, p->len, buf, len);
	if (p->addr.family != AF_INET || p->len < 25)
		return PTRCHECK_EINVAL;
	/* RFC 2317 4: <first>/<len> or, as many prefer, <first>-<last>. */
	if (arpa_zone_for_prefix(&p->addr, 24, parent, sizeof(parent)) !=
	    PTRCHECK_OK)
		return PTRCHECK_EINVAL;
	first = p->addr.bytes[3];
	last = first + (1u << (32 - p->len)) - 1;
	n = dash ? snprintf(buf, len, "%u-%u.%s", first, last, parent)
	         : snprintf(buf, len, "%u/%u.%s", first, p->len, parent);
	return n < 0 || (size_t)n >= len ? PTRCHECK_ERANGE : PTRCHECK_OK;
}

void
ptrcheck_prefix_nth(
    const struct ptrcheck_prefix *p, uint64_t i, struct ptrcheck_addr *out)
{
	int b = p->addr.family == AF_INET ? 3 : 15;

	*out = p->addr;
	/* Big-endian addition of i, with its carry. */
	for (; i > 0 && b >= 0; b--) {
		uint64_t v = (uint64_t)out->bytes[b] + (i & 0xff);

		out->bytes[b] = (uint8_t)v;
		i = (i >> 8) + (v >> 8);
	}
}

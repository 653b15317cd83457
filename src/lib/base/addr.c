/* addr.c - IP addresses: parsing, RFC 5952 text, special ranges. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ptrcheck/ptrcheck.h"

static const uint8_t v4mapped_prefix[12] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

enum ptrcheck_status
ptrcheck_addr_parse(const char *text, struct ptrcheck_addr *out)
{
	struct ptrcheck_addr a;

	memset(&a, 0, sizeof(a));
	if (text == NULL || strlen(text) >= PTRCHECK_ADDR_TEXT_MAX)
		return PTRCHECK_EINVAL;
	if (inet_pton(AF_INET, text, a.bytes) == 1) {
		a.family = AF_INET;
	} else if (inet_pton(AF_INET6, text, a.bytes) == 1) {
		a.family = AF_INET6;
		/* Checked as IPv4, as Postfix does (RFC 4291 2.5.5.2). */
		if (memcmp(a.bytes, v4mapped_prefix, 12) == 0) {
			memmove(a.bytes, a.bytes + 12, 4);
			memset(a.bytes + 4, 0, 12);
			a.family = AF_INET;
		}
	} else {
		return PTRCHECK_EINVAL;
	}
	*out = a;
	return PTRCHECK_OK;
}

void
ptrcheck_addr_format(const struct ptrcheck_addr *a, char *buf, size_t len)
{
	/* glibc's inet_ntop follows RFC 5952: lower case, longest zero run. */
	if (inet_ntop(a->family, a->bytes, buf, (socklen_t)len) == NULL &&
	    len > 0)
		buf[0] = '\0';
}

bool
ptrcheck_addr_equal(
    const struct ptrcheck_addr *a, const struct ptrcheck_addr *b)
{
	size_t n = a->family == AF_INET ? 4 : 16;

	return a->family == b->family && memcmp(a->bytes, b->bytes, n) == 0;
}

struct special_range {
	int family;
	uint8_t prefix[16];
	unsigned bits;
	const char *what;
};

/* Ranges no receiver on the Internet sees as a client (RFC 6890). */
static const struct special_range special_ranges[] = {
    {AF_INET, {0}, 8, "\"this network\" (RFC 791)"},
    {AF_INET, {10}, 8, "private (RFC 1918)"},
    {AF_INET, {100, 64}, 10, "shared CGNAT space (RFC 6598)"},
    {AF_INET, {127}, 8, "loopback"},
    {AF_INET, {169, 254}, 16, "link-local"},
    {AF_INET, {172, 16}, 12, "private (RFC 1918)"},
    {AF_INET, {192, 168}, 16, "private (RFC 1918)"},
    {AF_INET, {224}, 4, "multicast"},
    {AF_INET, {240}, 4, "reserved"},
    {AF_INET6, {0}, 128, "unspecified"},
    {AF_INET6, {[15] = 1}, 128, "loopback"},
    {AF_INET6, {0xfc}, 7, "unique local (RFC 4193)"},
    {AF_INET6, {0xfe, 0x80}, 10, "link-local"},
    {AF_INET6, {0xff}, 8, "multicast"},
};

static bool
prefix_matches(const uint8_t *addr, const uint8_t *prefix, unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;
	uint8_t mask;

	if (memcmp(addr, prefix, full) != 0)
		return false;
	if (rest == 0)
		return true;
	mask = (uint8_t)(0xff << (8 - rest));
	return (addr[full] & mask) == (prefix[full] & mask);
}

const char *
ptrcheck_addr_special(const struct ptrcheck_addr *a)
{
	size_t i;

	for (i = 0; i < sizeof(special_ranges) / sizeof(special_ranges[0]);
	     i++) {
		const struct special_range *r = &special_ranges[i];

		if (r->family == a->family &&
		    prefix_matches(a->bytes, r->prefix, r->bits))
			return r->what;
	}
	return NULL;
}

static enum ptrcheck_status
parse_port(const char *text, uint16_t *port)
{
	char *end;
	unsigned long v;

	if (*text < '0' || *text > '9')
		return PTRCHECK_EINVAL;
	v = strtoul(text, &end, 10);
	if (*end != '\0' || v == 0 || v > 65535)
		return PTRCHECK_EINVAL;
	*port = (uint16_t)v;
	return PTRCHECK_OK;
}

enum ptrcheck_status
ptrcheck_server_parse(const char *text, struct ptrcheck_server *out)
{
	char host[PTRCHECK_ADDR_TEXT_MAX + 2];
	struct ptrcheck_server s = {.port = 53};
	const char *colon, *close;
	size_t n;

	if (text == NULL)
		return PTRCHECK_EINVAL;
	if (text[0] == '[') {
		if ((close = strchr(text, ']')) == NULL || close[1] != ':')
			return PTRCHECK_EINVAL;
		n = (size_t)(close - text - 1);
		if (n >= sizeof(host) ||
		    parse_port(close + 2, &s.port) != PTRCHECK_OK)
			return PTRCHECK_EINVAL;
		memcpy(host, text + 1, n);
		host[n] = '\0';
	} else if ((colon = strchr(text, ':')) != NULL &&
	           strchr(colon + 1, ':') == NULL) {
		n = (size_t)(colon - text);
		if (n >= sizeof(host) ||
		    parse_port(colon + 1, &s.port) != PTRCHECK_OK)
			return PTRCHECK_EINVAL;
		memcpy(host, text, n);
		host[n] = '\0';
	} else {
		if (strlen(text) >= sizeof(host))
			return PTRCHECK_EINVAL;
		strcpy(host, text);
	}
	if (ptrcheck_addr_parse(host, &s.addr) != PTRCHECK_OK)
		return PTRCHECK_EINVAL;
	*out = s;
	return PTRCHECK_OK;
}

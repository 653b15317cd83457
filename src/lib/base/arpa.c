/* arpa.c - in-addr.arpa and ip6.arpa names (RFC 1035 3.5, RFC 3596 2.5). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "arpa.h"
#include "ptrcheck/ptrcheck.h"

static const char hexdigits[] = "0123456789abcdef";

/* arpa_from_v4 - "d.c.b.a.in-addr.arpa." keeping the first `octets`. */
static enum ptrcheck_status
arpa_from_v4(const uint8_t *b, unsigned octets, char *buf, size_t len)
{
	size_t used = 0;
	int n;
	unsigned i;

	for (i = octets; i > 0; i--) {
		n = snprintf(buf + used, len - used, "%u.", b[i - 1]);
		if (n < 0 || (size_t)n >= len - used)
			return PTRCHECK_ERANGE;
		used += (size_t)n;
	}
	n = snprintf(buf + used, len - used, "in-addr.arpa.");
	return n < 0 || (size_t)n >= len - used ? PTRCHECK_ERANGE : PTRCHECK_OK;
}

/* arpa_from_v6 - nibble-reverse the first `nibbles` nibbles (RFC 3596 2.5). */
static enum ptrcheck_status
arpa_from_v6(const uint8_t *b, unsigned nibbles, char *buf, size_t len)
{
	static const char suffix[] = "ip6.arpa.";
	size_t used = 0;
	unsigned i;

	if (len < (size_t)nibbles * 2 + sizeof(suffix))
		return PTRCHECK_ERANGE;
	for (i = nibbles; i > 0; i--) {
		uint8_t byte = b[(i - 1) / 2];
		uint8_t nib = (i - 1) % 2 ? byte & 0x0f : byte >> 4;

		buf[used++] = hexdigits[nib];
		buf[used++] = '.';
	}
	memcpy(buf + used, suffix, sizeof(suffix));
	return PTRCHECK_OK;
}

enum ptrcheck_status
ptrcheck_arpa_from_addr(const struct ptrcheck_addr *a, char *buf, size_t len)
{
	if (a->family == AF_INET)
		return arpa_from_v4(a->bytes, 4, buf, len);
	if (a->family == AF_INET6)
		return arpa_from_v6(a->bytes, 32, buf, len);
	return PTRCHECK_EINVAL;
}

enum ptrcheck_status
arpa_zone_for_prefix(
    const struct ptrcheck_addr *a, unsigned bits, char *buf, size_t len)
{
	if (a->family == AF_INET && bits % 8 == 0 && bits <= 32)
		return arpa_from_v4(a->bytes, bits / 8, buf, len);
	if (a->family == AF_INET6 && bits % 4 == 0 && bits <= 128)
		return arpa_from_v6(a->bytes, bits / 4, buf, len);
	return PTRCHECK_EINVAL;
}

unsigned
arpa_conventional_bits(int family)
{
	/* A /24 is the smallest IPv4 zone without RFC 2317; /48 is the usual
	 * IPv6 site assignment (RFC 6177) and so the usual reverse zone. */
	return family == AF_INET ? 24 : 48;
}

/* v4_from_labels - the four octets of "d.c.b.a.in-addr.arpa.", skipping an
 * RFC 2317 label ("128/25", "128-255") between the first and the /24. */
static enum ptrcheck_status
v4_from_labels(char labels[][64], size_t n, struct ptrcheck_addr *out)
{
	unsigned octets[4], k = 0;
	size_t i;

	for (i = 0; i + 2 < n && k < 4; i++) {
		char *end;
		unsigned long v;

		if (strchr(labels[i], '/') != NULL ||
		    strchr(labels[i], '-') != NULL) {
			if (i != 1)
				return PTRCHECK_EINVAL;
			continue;
		}
		if (labels[i][0] < '0' || labels[i][0] > '9' ||
		    strlen(labels[i]) > 3)
			return PTRCHECK_EINVAL;
		v = strtoul(labels[i], &end, 10);
		if (*end != '\0' || v > 255)
			return PTRCHECK_EINVAL;
		octets[k++] = (unsigned)v;
	}
	if (k != 4 || i + 2 != n)
		return PTRCHECK_EINVAL;
	memset(out, 0, sizeof(*out));
	out->family = AF_INET;
	for (k = 0; k < 4; k++)
		out->bytes[k] = (uint8_t)octets[3 - k];
	return PTRCHECK_OK;
}

static enum ptrcheck_status
v6_from_labels(char labels[][64], size_t n, struct ptrcheck_addr *out)
{
	size_t i;

	if (n != 34)
		return PTRCHECK_EINVAL;
	memset(out, 0, sizeof(*out));
	out->family = AF_INET6;
	for (i = 0; i < 32; i++) {
		const char *h =
		    strchr(hexdigits, tolower((unsigned char)labels[i][0]));

		if (labels[i][0] == '\0' || labels[i][1] != '\0' || h == NULL)
			return PTRCHECK_EINVAL;
		/* labels[0] is the last nibble of the address. */
		out->bytes[(31 - i) / 2] |=
		    (uint8_t)((h - hexdigits) << ((31 - i) % 2 ? 0 : 4));
	}
	return PTRCHECK_OK;
}

enum ptrcheck_status
ptrcheck_arpa_to_addr(const char *name, struct ptrcheck_addr *out)
{
	char labels[40][64];
	size_t n = 0, len;
	const char *p = name;

	if (name == NULL)
		return PTRCHECK_EINVAL;
	while (*p != '\0' && n < 40) {
		len = strcspn(p, ".");
		if (len == 0 || len >= 64)
			return PTRCHECK_EINVAL;
		memcpy(labels[n], p, len);
		labels[n][len] = '\0';
		n++;
		p += len;
		if (*p == '.')
			p++;
	}
	if (*p != '\0' || n < 3 || strcasecmp(labels[n - 1], "arpa") != 0)
		return PTRCHECK_EINVAL;
	if (strcasecmp(labels[n - 2], "in-addr") == 0)
		return v4_from_labels(labels, n, out);
	if (strcasecmp(labels[n - 2], "ip6") == 0)
		return v6_from_labels(labels, n, out);
	return PTRCHECK_EINVAL;
}

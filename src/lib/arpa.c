/* arpa.c - in-addr.arpa and ip6.arpa names (RFC 1035 3.5, RFC 3596 2.5). */
#include <stdio.h>
#include <string.h>
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
arpa_zone_for_prefix(const struct ptrcheck_addr *a, unsigned bits, char *buf,
    size_t len)
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

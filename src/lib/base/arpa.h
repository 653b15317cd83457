/* arpa.h - reverse-zone names beyond the public owner-name function. */
#ifndef PTRCHECK_ARPA_H
#define PTRCHECK_ARPA_H

#include <stddef.h>

#include "ptrcheck/ptrcheck.h"

struct ptrcheck_addr;

/* arpa_zone_for_prefix - the zone apex of the first `bits` of a, which must
 * be a multiple of 8 (IPv4) or 4 (IPv6). */
enum ptrcheck_status arpa_zone_for_prefix(
    const struct ptrcheck_addr *a, unsigned bits, char *buf, size_t len);

/* arpa_conventional_bits - the usual reverse-zone cut for a family. */
unsigned arpa_conventional_bits(int family);

#endif

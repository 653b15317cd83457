/* fuzz_zoneinput.c - what `ptrcheck zone` parses from users: ip,hostname
 * lines, prefixes, and PTR owner names turned back into addresses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ptrcheck/ptrcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[5000], err[160], zone[128], owner[80];
	struct ptrcheck_zrecord r;
	struct ptrcheck_prefix p;
	struct ptrcheck_addr a, b;
	bool blank;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	(void)ptrcheck_hostcsv_line(text, &r, &blank, err, sizeof(err));
	if (ptrcheck_prefix_parse(text, &p, err, sizeof(err)) == PTRCHECK_OK) {
		/* The network address is inside its own prefix. */
		if (!ptrcheck_prefix_contains(&p, &p.addr))
			abort();
		(void)ptrcheck_prefix_zone(&p, false, zone, sizeof(zone));
		(void)ptrcheck_prefix_zone(&p, true, zone, sizeof(zone));
	}
	if (ptrcheck_arpa_to_addr(text, &a) == PTRCHECK_OK) {
		/* Back to an owner name and to the same address again. */
		if (ptrcheck_arpa_from_addr(&a, owner, sizeof(owner)) !=
		        PTRCHECK_OK ||
		    ptrcheck_arpa_to_addr(owner, &b) != PTRCHECK_OK ||
		    !ptrcheck_addr_equal(&a, &b))
			abort();
	}
	return 0;
}

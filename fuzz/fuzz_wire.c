/* fuzz_wire.c - replies from hostile servers: wire_parse on any bytes,
 * against each question type a check asks, referrals and glue included. */
#include <stdint.h>
#include <stdlib.h>

#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t types[] = {WIRE_TYPE_PTR, WIRE_TYPE_A,
	    WIRE_TYPE_AAAA, WIRE_TYPE_MX, WIRE_TYPE_SOA, WIRE_TYPE_CNAME,
	    WIRE_TYPE_NS};
	struct wire_reply *r = malloc(sizeof(*r));
	struct dname q;
	size_t i;

	if (r == NULL)
		return 0;
	name_from_text("25.2.0.192.in-addr.arpa.", &q);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (wire_parse(data, size, &q, types[i], r) != PTRCHECK_OK)
			continue;
		if (r->ndata > WIRE_MAX_DATA || r->nchain > WIRE_MAX_CHAIN ||
		    r->referral.nns > WIRE_MAX_NS ||
		    r->referral.nglue > WIRE_MAX_GLUE ||
		    (r->referral.nns > 0 && r->aa))
			abort();
	}
	free(r);
	return 0;
}

/* fuzz_dsn.c - delivery-status fields (RFC 3464) and their recipient
 * blocks from any bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bounce.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dsn_field f;
	size_t pos = 0, last = 0;

	while (dsn_next((const char *)data, size, &pos, &f)) {
		/* Progress, and every field inside the input. */
		if (pos <= last && pos != size)
			abort();
		if (f.name < (const char *)data ||
		    f.value + f.value_len > (const char *)data + size)
			abort();
		(void)dsn_is_field_name(f.name, f.name_len);
		last = pos;
	}
	/* The recipient blocks: bounded, every value a terminated string. */
	static struct dsn_report r;
	size_t i;

	memset(&r, 0, sizeof(r));
	dsn_report_read((const char *)data, size, &r);
	if (r.n > DSN_MAX_RECIPIENTS ||
	    strlen(r.reporting_mta) >= sizeof(r.reporting_mta))
		abort();
	for (i = 0; i < r.n; i++)
		if (strlen(r.v[i].diagnostic) >= sizeof(r.v[i].diagnostic) ||
		    strlen(r.v[i].recipient) >= sizeof(r.v[i].recipient))
			abort();
	return 0;
}

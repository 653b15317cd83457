/* fuzz_bounce.c - the whole bounce parser (GMime, DSN, lines, replies,
 * addresses, causes) on any bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ptrcheck/ptrcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ptrcheck_bounces *b = NULL;
	size_t i;

	if (ptrcheck_bounce_parse(data, size, &b) != PTRCHECK_OK)
		return 0;
	for (i = 0; i < b->n; i++) {
		/* Every text field stays terminated inside its buffer. */
		if (strlen(b->v[i].text) >= sizeof(b->v[i].text) ||
		    strlen(b->v[i].remote_mta) >= sizeof(b->v[i].remote_mta) ||
		    b->v[i].nips > PTRCHECK_BOUNCE_MAX_IPS)
			abort();
	}
	ptrcheck_bounces_free(b);
	return 0;
}

/* fuzz_addr.c - address and resolver-address parsing, arpa names. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ptrcheck/ptrcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[256], owner[80], out[PTRCHECK_ADDR_TEXT_MAX];
	struct ptrcheck_addr a, b;
	struct ptrcheck_server s;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (ptrcheck_addr_parse(text, &a) == PTRCHECK_OK) {
		if (ptrcheck_arpa_from_addr(&a, owner, sizeof(owner)) !=
		    PTRCHECK_OK)
			abort();
		ptrcheck_addr_format(&a, out, sizeof(out));
		/* What we print must parse back to the same address. */
		if (ptrcheck_addr_parse(out, &b) != PTRCHECK_OK ||
		    !ptrcheck_addr_equal(&a, &b))
			abort();
		(void)ptrcheck_addr_special(&a);
	}
	(void)ptrcheck_server_parse(text, &s);
	return 0;
}

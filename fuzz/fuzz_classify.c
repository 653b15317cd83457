/* fuzz_classify.c - the classifier on any bytes, with and without an IP. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ptrcheck/ptrcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ptrcheck_classification c;
	struct ptrcheck_addr v4, v6;
	char name[1100], explain[512];

	if (size >= sizeof(name))
		return 0;
	memcpy(name, data, size);
	name[size] = '\0';
	ptrcheck_addr_parse("203.0.113.7", &v4);
	ptrcheck_addr_parse("2001:db8::7", &v6);
	ptrcheck_classify(name, NULL, &c, explain, sizeof(explain));
	ptrcheck_classify(name, &v4, &c, NULL, 0);
	ptrcheck_classify(name, &v6, &c, explain, 7);
	if (strlen(c.reason) >= sizeof(c.reason))
		abort();
	return 0;
}

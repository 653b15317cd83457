/* fuzz_policy.c - policy requests from a hostile client: any bytes, split
 * into lines as the connection splits them, fed to the parser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy_parser p;
	const char *s = (const char *)data, *end = s + size, *nl;

	policy_parser_init(&p);
	while (s < end && (nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		enum policy_status st =
		    policy_feed_line(&p, s, (size_t)(nl - s));

		if (st == POLICY_ERROR)
			policy_parser_init(&p); /* the connection would close */
		else if (st == POLICY_DONE &&
		         (strlen(p.req.client_address) >=
		                 sizeof(p.req.client_address) ||
		             p.req.nattrs > POLICY_ATTRS_MAX))
			abort();
		s = nl + 1;
	}
	return 0;
}

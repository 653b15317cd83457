/* fuzz_dsn.c - delivery-status fields (RFC 3464) from any bytes. */
#include <stdint.h>
#include <stdlib.h>

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
	return 0;
}

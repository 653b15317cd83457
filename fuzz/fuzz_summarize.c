/* fuzz_summarize.c - ptrcheckd --summarize on any bytes: every line taken
 * or skipped alone, both outputs written, the counts consistent. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "summarize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *in, *out;
	char *buf = NULL;
	size_t len = 0;
	int json;

	for (json = 0; json < 2; json++) {
		if ((in = fmemopen((void *)data, size, "r")) == NULL)
			return 0;
		if ((out = open_memstream(&buf, &len)) == NULL) {
			fclose(in);
			return 0;
		}
		(void)summarize(in, json, out);
		fclose(out);
		fclose(in);
		if (len == 0)
			abort(); /* always a summary, if only of nothing */
		free(buf);
		buf = NULL;
	}
	return 0;
}

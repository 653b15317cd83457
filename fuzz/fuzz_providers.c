/* fuzz_providers.c - the provider table's loader (--providers FILE) on any
 * bytes: rows taken whole or the file refused, every row's columns inside
 * the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "providers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ptrcheck_provider *rows = NULL;
	char *text = malloc(size + 1), err[200];
	size_t n = 0, i;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (providers_parse(text, &rows, &n, err, sizeof(err))) {
		for (i = 0; i < n; i++)
			if (rows[i].id < text || rows[i].source > text + size ||
			    strcmp(rows[i].how, "-") == 0)
				abort();
		free(rows);
	} else if (strstr(err, "line") == NULL && strstr(err, "rows") == NULL &&
	           strstr(err, "memory") == NULL) {
		abort(); /* a refusal says where */
	}
	free(text);
	return 0;
}

/* fuzz_name.c - presentation-form names: parse, judge, print, re-parse. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "name.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[2048], back[PTRCHECK_NAME_TEXT_MAX];
	struct dname n, m;
	size_t i;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (name_from_text(text, &n) != PTRCHECK_OK)
		return 0;
	(void)name_check_host(&n);
	name_text(&n, back, sizeof(back));
	/* Presentation form is printable ASCII and parses back to the name. */
	for (i = 0; back[i] != '\0'; i++)
		if (back[i] < 0x21 || back[i] > 0x7e)
			abort();
	if (name_from_text(back, &m) != PTRCHECK_OK || !name_equal(&n, &m))
		abort();
	return 0;
}

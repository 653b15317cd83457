/* fuzz_scaninput.c - the lines `ptrcheck scan` reads: prefixes and
 * addresses with comments, or the JSON results of --retry-from. Any bytes,
 * NUL and overlong lines included: every line is taken or refused alone,
 * and the reader never hands out more addresses than its limit. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* drain - every address of the input, or of its shard i of n. */
static void
drain(
    const uint8_t *data, size_t size, bool retry, unsigned i_of, unsigned n_of)
{
	static struct scan_input in; /* large: not on the stack */
	struct ptrcheck_addr a;
	uint64_t n = 0, lines = 1;
	size_t i;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	memset(&in, 0, sizeof(in));
	if ((in.lines = fmemopen((void *)data, size, "r")) == NULL)
		return;
	in.lines_name = "fuzz";
	in.retry = retry;
	in.quiet = true;
	in.max = 4096;
	in.shard_i = i_of;
	in.shard_n = n_of;
	while (scan_input_next(&in, &a))
		if (++n > in.max || (a.family != 2 && a.family != 10))
			abort();
	if (in.lineno > lines || in.bad_lines > in.lineno)
		abort(); /* a line counted that the input does not have */
	fclose(in.lines);
	scan_input_fini(&in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	drain(data, size, false, 0, 0);
	drain(data, size, true, 0, 0);
	drain(data, size, false, 2, 3);
	return 0;
}

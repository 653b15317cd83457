/* fuzz_zonefile.c - master files as `ptrcheck zone gen --from` and `zone
 * audit` read them: any bytes through the ldns zone reader, one record at
 * a time. The reader must end (no record read twice, no loop on bad
 * input) and every record it hands over must be well formed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ptrcheck/ptrcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	size_t records;
	size_t bytes; /* the input size: records can't outnumber its lines */
};

static bool
on_record(const struct ptrcheck_zrecord *r, void *arg)
{
	struct seen *s = arg;

	s->records++;
	if (memchr(r->owner, '\0', sizeof(r->owner)) == NULL ||
	    memchr(r->target, '\0', sizeof(r->target)) == NULL)
		abort(); /* every name is a terminated string */
	if ((r->type == 1 && r->addr.family != AF_INET &&
	        r->addr.family != 0) ||
	    (r->type == 28 && r->addr.family != AF_INET6 &&
	        r->addr.family != 0))
		abort();
	if (s->records > s->bytes + 1)
		abort(); /* more records than the input can hold: a loop */
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen s = {0, size};
	char err[256];
	FILE *f;

	if (size == 0 || (f = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	(void)ptrcheck_zonefile_read(
	    f, "fuzz.example.", on_record, &s, err, sizeof(err));
	fclose(f);
	f = fmemopen((void *)data, size, "r");
	if (f != NULL) { /* and without an origin: relative names are refused */
		(void)ptrcheck_zonefile_read(
		    f, NULL, on_record, &s, err, sizeof(err));
		fclose(f);
	}
	return 0;
}

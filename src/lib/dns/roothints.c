/* roothints.c - the root servers' addresses from a named.root file, read
 * as the master file it is (zonefile.c, ldns inside). */
#include <stdio.h>
#include <string.h>

#include "ptrcheck/ptrcheck.h"

struct hints {
	struct ptrcheck_server *out;
	size_t max, n;
};

static bool
take_address(const struct ptrcheck_zrecord *r, void *arg)
{
	struct hints *h = arg;

	if (r->type != PTRCHECK_TYPE_A && r->type != PTRCHECK_TYPE_AAAA)
		return true; /* NS and the rest name servers; A and AAAA reach
		                them */
	if (h->n < h->max) {
		memset(&h->out[h->n], 0, sizeof(h->out[h->n]));
		h->out[h->n].addr = r->addr;
		h->out[h->n].port = 53;
		h->n++;
	}
	return true;
}

enum ptrcheck_status
ptrcheck_root_hints_read(FILE *f, struct ptrcheck_server *out, size_t max,
    size_t *n, char *err, size_t errlen)
{
	struct hints h = {out, max, 0};
	enum ptrcheck_status st;

	st = ptrcheck_zonefile_read(f, ".", take_address, &h, err, errlen);
	if (st != PTRCHECK_OK)
		return st;
	if (h.n == 0) {
		snprintf(err, errlen, "no A or AAAA record of a root server");
		return PTRCHECK_EINVAL;
	}
	*n = h.n;
	return PTRCHECK_OK;
}

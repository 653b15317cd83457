/* check_job.h - one address's check, as the library's own callers hold it. */
#ifndef PTRCHECK_CHECK_JOB_H
#define PTRCHECK_CHECK_JOB_H

#include "ptrcheck/ptrcheck.h"

struct check;

/* check_start - ptrcheck_check_start with a handle: *out stays valid
 * until done is called or check_cancel. */
enum ptrcheck_status check_start(struct ptrcheck_ctx *ctx,
    const struct ptrcheck_addr *addr, const char *hostname,
    ptrcheck_done_fn *done, void *arg, struct check **out);

/* check_cancel - done will not be called. */
void check_cancel(struct check *ck);

#endif

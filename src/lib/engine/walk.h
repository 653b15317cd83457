/* walk.h - the authority inspection: the delegation of a PTR's zone
 * walked down with non-recursive queries, every server asked. */
#ifndef PTRCHECK_WALK_H
#define PTRCHECK_WALK_H

#include "authority.h"

struct ptrcheck_ctx;
struct auth_job;

/* authority_fn - runs once on the loop; owns a. */
typedef void authority_fn(struct authority *a, void *arg);

/* authority_start - inspect the zone of owner (the PTR owner name). The
 * caller owns the job until cb runs: authority_stop() ends it earlier. */
enum ptrcheck_status authority_start(struct ptrcheck_ctx *ctx,
    const struct dname *owner, authority_fn *cb, void *arg,
    struct auth_job **out);

/* authority_stop - what was found so far, without calling back; the job
 * is freed. The caller owns the result (NULL when out of memory). */
struct authority *authority_stop(struct auth_job *job);

#endif

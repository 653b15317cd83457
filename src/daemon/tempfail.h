/* tempfail.h - when each client was first deferred for DNS trouble, apart
 * from the facts cache: after tempfail-max-age of the same trouble, a
 * client is let through (DUNNO) rather than deferred until its sender's
 * queue lifetime runs out. Bounded; a full table defers as before. */
#ifndef PTRCHECKD_TEMPFAIL_H
#define PTRCHECKD_TEMPFAIL_H

#include <stdbool.h>
#include <stdint.h>

#include "ptrcheck/ptrcheck.h"

#define TEMPFAIL_ENTRIES 65536 /* clients remembered (power of two) */

struct tempfail;

struct tempfail *tempfail_new(void);
void tempfail_free(struct tempfail *t);

/* tempfail_first - when addr was first deferred in the trouble still
 * going on (its last deferral at most keep_ms ago), or 0. */
uint64_t tempfail_first(const struct tempfail *t,
    const struct ptrcheck_addr *addr, uint64_t now, uint64_t keep_ms);

/* tempfail_note - addr was deferred at now (the first time sets its
 * start); false when the table is full. */
bool tempfail_note(struct tempfail *t, const struct ptrcheck_addr *addr,
    uint64_t now, uint64_t keep_ms);

/* tempfail_forget - addr got a real answer: its trouble is over. */
void tempfail_forget(struct tempfail *t, const struct ptrcheck_addr *addr);

#endif

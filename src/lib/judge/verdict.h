/* verdict.h - facts to verdict and warnings: a pure function. */
#ifndef PTRCHECK_VERDICT_H
#define PTRCHECK_VERDICT_H

#include <stdbool.h>

#include "ptrcheck/ptrcheck.h"

struct ptrcheck_report;

/* verdict_decide - set rep->verdict, rep->ptrs[].cls and rep->warnings
 * from the recorded answers; no I/O. */
void verdict_decide(struct ptrcheck_report *rep);

#endif

/* evidence.h - what a lookup produced, recorded in a report's query log. */
#ifndef PTRCHECK_EVIDENCE_H
#define PTRCHECK_EVIDENCE_H

#include "lookup.h"
#include "report.h"

/* report_query_fill - what the lookup produced; q may be NULL (log full). */
void report_query_fill(struct report_query *q, const struct lookup_result *res);

#endif

/* provider_report.h - the provider table applied to a report. */
#ifndef PTRCHECK_PROVIDER_REPORT_H
#define PTRCHECK_PROVIDER_REPORT_H

#include <stdbool.h>
#include <string.h>

#include "report.h"
#include "textbuf.h"

/* provider_find - the provider of the address, or NULL; *by_name tells
 * whether a PTR name in its default form said so (else its reverse
 * zone's servers did). verdict_decide keeps it in the report. */
const struct ptrcheck_provider *provider_find(
    const struct ptrcheck_report *rep, bool *by_name);

/* provider_steps - " The address is NAME's (...). To set its PTR: HOW.
 * First: NEEDS. Also: LIMITS." with HOST as host where given. */
void provider_steps(const struct ptrcheck_provider *p, bool by_name,
    const char *host, struct textbuf *tb);

#endif

/* helo.h - the HELO name against the address and its PTR (RFC 5321 4.1.4
 * asks only that it be the client's name; receivers check that it
 * resolves to the client and belongs with its PTR). */
#ifndef PTRCHECK_HELO_H
#define PTRCHECK_HELO_H

#include <stdbool.h>

#include "report.h"
#include "textbuf.h"

/* helo_mismatch - the HELO name (rep->hostname) does not resolve to the
 * address, or no PTR is it or a name of its registered domain. False
 * while its lookup failed (that is not a finding). */
bool helo_mismatch(const struct ptrcheck_report *rep);

/* helo_message - what is wrong, naming what the HELO name resolves to. */
void helo_message(const struct ptrcheck_report *rep, struct textbuf *tb);

/* same_registered_domain - a and b (presentation form, any case, with
 * or without the final dot) share their registered domain by the
 * Public Suffix List (libpsl): mail.example.co.uk and mx.example.co.uk. */
bool same_registered_domain(const char *a, const char *b);

#endif

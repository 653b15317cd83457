/* authority_judge.h - warnings from the authority inspection, and the
 * predicates the renderers share with it. */
#ifndef PTRCHECK_AUTHORITY_JUDGE_H
#define PTRCHECK_AUTHORITY_JUDGE_H

#include <stdbool.h>
#include <stdint.h>

struct authority;
struct auth_row;
struct dname;
struct ptrcheck_report;
struct report_warning;
struct textbuf;

/* authority_judge - add the warnings of rep->auth (if any) to rep. */
void authority_judge(struct ptrcheck_report *rep);

/* A delegated server that answers, but not for the zone (REFUSED,
 * SERVFAIL, no AA, a referral): lame. */
bool authority_row_lame(const struct auth_row *r);
bool authority_row_unreachable(const struct auth_row *r);
/* authority_row_failing - SERVFAIL for its own zone: the server holds the
 * zone but cannot serve it (it failed to load, or expired). */
bool authority_row_failing(const struct auth_row *r);
bool authority_rows_agree(const struct auth_row *a, const struct auth_row *b);

/* authority_consensus - the first delegated server that spoke; *disagree
 * when another one said something else. NULL when none spoke. */
const struct auth_row *authority_consensus(
    const struct authority *a, bool *disagree);

/* A provider that holds a PTR for the address but is not delegated. */
bool authority_provider_undelegated(
    const struct authority *a, const struct auth_row *p);

/* authority_ptr_ttl - the TTL a server of the zone itself gives the PTR
 * to name (the record's own, not a cache's countdown); false when no
 * server of the zone answered with it. */
bool authority_ptr_ttl(
    const struct authority *a, const struct dname *name, uint32_t *ttl);

/* authority_negative_ttl - how long a negative answer may be cached. */
uint32_t authority_negative_ttl(const struct authority *a);

/* authority_warning_message - the sentence of an authority warning. */
void authority_warning_message(const struct ptrcheck_report *rep,
    const struct report_warning *w, struct textbuf *tb);

#endif

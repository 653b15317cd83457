/*
 * decide.h - from a policy request and the DNS facts about its client to
 * the reply: pure, so every rule is tested as a table. Never returns OK
 * (that would make an open relay); a temporary verdict is never a 5xx.
 */
#ifndef PTRCHECKD_DECIDE_H
#define PTRCHECKD_DECIDE_H

#include "config.h"
#include "policy.h"

/* Names as the cache keeps them: escaped presentation form, cut (and
 * ended with "...") past this, which no mail server's name reaches. Two
 * of them per cache entry, 50,000 entries by default: the size is what
 * keeps a full cache near 20 MB. A cut confirmed name never matches the
 * name allowlist (the safe side). */
#define FACTS_NAME_MAX 160

/* What is known about one client address (the cache holds these). */
struct facts {
	enum ptrcheck_verdict verdict;
	char ptr[FACTS_NAME_MAX];       /* the first PTR name, or "" */
	char confirmed[FACTS_NAME_MAX]; /* the first forward-confirmed name, or
	                                   "" */
};

/* What a decision did, for the log (outcome_name) and the counters. */
enum outcome {
	OUTCOME_NOT_THIS_STATE,
	OUTCOME_AUTHENTICATED,
	OUTCOME_NO_CLIENT_ADDRESS,
	OUTCOME_ALLOWLISTED_NETWORK,
	OUTCOME_SPECIAL_ADDRESS,
	OUTCOME_ALLOWLISTED_NAME,
	OUTCOME_PASS,
	OUTCOME_LOGGED,
	OUTCOME_WOULD_REJECT,
	OUTCOME_WOULD_DEFER,
	OUTCOME_REJECT,
	OUTCOME_DEFER,
	OUTCOME_TEMPFAIL_CAPPED, /* deferred past tempfail-max-age: DUNNO */
};

/* outcome_name - "would-reject" etc., as the log line spells it. */
const char *outcome_name(enum outcome o);

struct decision {
	char action[1600]; /* the value of the reply's action= */
	enum outcome outcome;
	bool prepended; /* an Authentication-Results header was added */
};

/*
 * decide_early - DUNNO without DNS: another protocol state, an
 * authenticated client, an allowlisted network, a special address (with
 * exempt-special) or no usable client_address. True when decided; *addr
 * is set when client_address parsed, *special when it is special.
 */
bool decide_early(const struct config *c, const struct policy_request *r,
    struct ptrcheck_addr *addr, bool *special, struct decision *d);

/*
 * decide - the reply for facts about the client. add_header: no
 * Authentication-Results header was added for this message (instance)
 * yet.
 */
void decide(const struct config *c, const struct ptrcheck_addr *addr,
    const struct facts *f, bool add_header, struct decision *d);

/*
 * decide_capped - the reply for a temporary verdict once the client has
 * been deferred longer than tempfail-max-age: DUNNO (the header in header
 * mode), never for a proven problem (the caller asks only for temporary
 * facts).
 */
void decide_capped(const struct config *c, const struct ptrcheck_addr *addr,
    const struct facts *f, bool add_header, struct decision *d);

#endif

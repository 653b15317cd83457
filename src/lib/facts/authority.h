/*
 * authority.h - who serves a PTR's zone and what each server says: the
 * delegation walked down from the top with non-recursive queries (every
 * server of every level asked at once), the zone's own NS set, the
 * providers the user names, and per server the answer, the AA flag, the
 * SOA serial and the time taken. authority_judge.c turns it into warnings.
 */
#ifndef PTRCHECK_AUTHORITY_H
#define PTRCHECK_AUTHORITY_H

#include "dnsdata.h"
#include "name.h"

#define AUTH_MAX_LEVELS 16
#define AUTH_MAX_ROWS 64
#define AUTH_NO_LEVEL ((unsigned)-1) /* a provider's row */

/* Where a server's name came from (bits). */
enum {
	AUTH_FROM_PARENT = 1,   /* the delegation: the parent zone's NS set */
	AUTH_FROM_CHILD = 2,    /* the zone's own NS set */
	AUTH_FROM_PROVIDER = 4, /* --provider */
	AUTH_FROM_HINTS = 8,    /* root hints (--trace) */
};

enum auth_row_state {
	AUTH_ROW_UNTESTED, /* this host has no route to the address's family */
	AUTH_ROW_PENDING,
	AUTH_ROW_DONE,
};

/* One server address and its answer to the level's question. */
struct auth_row {
	unsigned level;    /* index into levels, or AUTH_NO_LEVEL */
	struct dname name; /* len 0: known by its address only */
	struct ptrcheck_addr addr;
	unsigned sources;
	enum auth_row_state state;
	enum ptrcheck_answer answer;
	int rcode; /* -1 without a reply */
	bool aa;
	unsigned rtt_ms;
	struct dname referral; /* the zone it sent us to; len 0: none */
	bool cname;            /* answered with a CNAME only (RFC 2317) */
	struct dname ptrs[PTRCHECK_MAX_PTR_NAMES];
	uint32_t ptr_ttls[PTRCHECK_MAX_PTR_NAMES]; /* the records' own TTLs */
	size_t nptr, nptr_seen;
	bool has_serial;
	uint32_t serial;
};

/* One zone on the way down, and the question its servers were asked. */
struct auth_level {
	struct dname zone;
	struct dname qname;
	struct dname ns[WIRE_MAX_NS]; /* as the level above named them */
	size_t nns;
};

struct authority {
	struct auth_level levels[AUTH_MAX_LEVELS];
	size_t nlevels;     /* the last one is the PTR's zone */
	bool zone_answered; /* a server of the last level spoke with AA */
	struct dname qname; /* the PTR's name, after CNAMEs */
	/* RFC 2317: the zone with the CNAME, or len 0 */
	struct dname cname_zone;
	struct wire_soa soa; /* the zone's SOA, from its own servers */
	bool child_known;    /* the zone's own NS set was seen */
	struct dname child_ns[WIRE_MAX_NS];
	size_t nchild_ns;
	struct auth_row rows[AUTH_MAX_ROWS];
	size_t nrows;
	bool trace;      /* walked from root hints: show every level */
	bool persistent; /* every delegated server failed (authority_judge) */
	bool serials_differ; /* among the servers that answered
	                        (authority_judge) */
	/* the parent zone's, through the resolver */
	struct wire_soa parent_soa;
	/* NS names of the zone's delegation that have no address at all
	 * (their A and AAAA questions answered: NXDOMAIN or empty) */
	struct dname unresolvable_ns[WIRE_MAX_NS];
	size_t nunresolvable_ns;
	/* --provider names whose A and AAAA questions were answered empty */
	struct dname unresolved_providers[PTRCHECK_MAX_PROVIDERS];
	size_t nunresolved_providers;
};

/* authority_zone_level - the PTR zone's level, or NULL when none. */
const struct auth_level *authority_zone_level(const struct authority *a);

/* authority_parent_level - the level above it, or NULL. */
const struct auth_level *authority_parent_level(const struct authority *a);

/* authority_parent_zone - the parent zone's name: from its SOA when the
 * resolver gave one (a server may serve several levels at once), else the
 * level above; NULL when unknown. */
const struct dname *authority_parent_zone(const struct authority *a);

/* authority_is_delegated - a row of the zone's own servers (parent or child
 * NS set), not a provider or a level above. */
bool authority_is_delegated(
    const struct authority *a, const struct auth_row *r);

/* authority_row_spoke - an authoritative answer (AA with data, NXDOMAIN or
 * NODATA): the row's content can be compared. */
bool authority_row_spoke(const struct auth_row *r);

#endif

/* fix.h - the records that fix a report, and who can make the change. */
#ifndef PTRCHECK_FIX_H
#define PTRCHECK_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "ptrcheck/ptrcheck.h"

struct ptrcheck_report;

#define FIX_MAX_ITEMS 4
#define FIX_TEXT_MAX (2 * PTRCHECK_NAME_TEXT_MAX + 64)

/* Where a fix item's zone came from. */
enum fix_zone {
	FIX_ZONE_SOA,		/* the apex of an SOA seen in the answers */
	FIX_ZONE_CONVENTIONAL,	/* the usual cut (/24, /48), no SOA seen */
	FIX_ZONE_UNNAMED,	/* not known: `zone` is a sentence naming it */
};

struct fix_item {
	char action[16];		 /* "add" or "replace" */
	char zone[PTRCHECK_NAME_TEXT_MAX]; /* presentation, trailing dot */
	enum fix_zone zone_source;
	char record[FIX_TEXT_MAX];	 /* one zone-file line */
};

struct fix_plan {
	char cause[3 * PTRCHECK_NAME_TEXT_MAX]; /* why, in one or two sentences */
	char who[2 * PTRCHECK_NAME_TEXT_MAX];	 /* who can change it */
	bool placeholder; /* the records use a placeholder host name */
	struct fix_item items[FIX_MAX_ITEMS];
	size_t nitems;
};

/* fix_plan_build - a pure function of the report. */
void fix_plan_build(const struct ptrcheck_report *rep, struct fix_plan *out);

/* fix_zone_name - "soa", "conventional", "unnamed" (the JSON spelling). */
const char *fix_zone_name(enum fix_zone z);

/* fix_receivers - what a receiver like Gmail does with this verdict. */
const char *fix_receivers(enum ptrcheck_verdict v);

#define FIX_PLACEHOLDER_HOST "mail.example.net."

#endif

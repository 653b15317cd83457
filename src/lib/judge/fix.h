/* fix.h - the records that fix a report, and who can make the change. */
#ifndef PTRCHECK_FIX_H
#define PTRCHECK_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "ptrcheck/ptrcheck.h"

struct ptrcheck_report;

#define FIX_MAX_ITEMS 8
#define FIX_TEXT_MAX (2 * PTRCHECK_NAME_TEXT_MAX + 64)

/* Where a fix item's zone came from. */
enum fix_zone {
	FIX_ZONE_SOA,          /* the apex of an SOA seen in the answers */
	FIX_ZONE_CONVENTIONAL, /* the usual reverse cut (/24, /48), no SOA seen
	                        */
	FIX_ZONE_PLACEHOLDER, /* the placeholder host's (no --hostname given) */
	FIX_ZONE_PARENT,      /* the name's parent: its SOA could not be seen */
};

struct fix_item {
	char action[16];                   /* "add", "replace" or "delete" */
	char zone[PTRCHECK_NAME_TEXT_MAX]; /* presentation, trailing dot */
	enum fix_zone zone_source;
	char record[FIX_TEXT_MAX]; /* one zone-file line */
};

struct fix_plan {
	char cause[4 * PTRCHECK_NAME_TEXT_MAX]; /* why, in a few sentences */
	char who[3 * PTRCHECK_NAME_TEXT_MAX];   /* who can change it */
	bool placeholder; /* the records use a placeholder host name */
	size_t nitems;
	/* Last: fix_plan_build zeroes the fields above, add_item each item
	 * (a scan writes a plan per address in JSON). */
	struct fix_item items[FIX_MAX_ITEMS];
};

/* fix_plan_build - a pure function of the report. */
void fix_plan_build(const struct ptrcheck_report *rep, struct fix_plan *out);

/* fix_zone_name - "soa", "conventional", "placeholder", "parent" (the
 * JSON spelling). */
const char *fix_zone_name(enum fix_zone z);

/* fix_receivers - what a receiver like Gmail does with this verdict. */
const char *fix_receivers(enum ptrcheck_verdict v);

/* fix_explanation - fix_receivers, unless the failure is only the
 * resolver's that was asked (receivers do not share it). */
const char *fix_explanation(const struct ptrcheck_report *rep);

#define FIX_PLACEHOLDER_HOST "mail.example.net."

#endif

/*
 * apply_fix - applies one item of a `fix` list literally to a master file,
 * as docs/JSON.md defines the actions, and bumps the SOA serial so that
 * NSD's reload can be seen; for the closed-loop fix tests only.
 *
 *	apply_fix FILE ORIGIN add|replace|delete "OWNER TTL IN TYPE RDATA"
 *
 * add: the record joins its owner and type (nothing if already there).
 * replace: afterwards it is the only record of its owner and type, and a
 *	CNAME at the owner goes too.
 * delete: exactly that record goes (the TTL is not compared).
 * The file is read and written with ldns (absolute names, one record a
 * line). Exit 0, 1 when the record is not in the zone, 2 on errors.
 */
#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* same_rr - owner, type, class and data alike; TTL aside. */
static bool
same_rr(const ldns_rr *a, const ldns_rr *b)
{
	return ldns_rr_compare_no_rdata(a, b) == 0 &&
	       ldns_rr_compare(a, b) == 0;
}

static bool
same_owner_type(const ldns_rr *a, const ldns_rr *b)
{
	return ldns_dname_compare(ldns_rr_owner(a), ldns_rr_owner(b)) == 0 &&
	       ldns_rr_get_type(a) == ldns_rr_get_type(b);
}

static bool
cname_at(const ldns_rr *rr, const ldns_rr *owner_of)
{
	return ldns_rr_get_type(rr) == LDNS_RR_TYPE_CNAME &&
	       ldns_dname_compare(ldns_rr_owner(rr), ldns_rr_owner(owner_of)) ==
	           0;
}

/* keep - the records of list that survive the action. */
static ldns_rr_list *
keep(const ldns_rr_list *list, const ldns_rr *rr, const char *action,
    bool *found)
{
	ldns_rr_list *out = ldns_rr_list_new();
	size_t i;

	for (i = 0; i < ldns_rr_list_rr_count(list); i++) {
		ldns_rr *r = ldns_rr_list_rr(list, i);
		bool drop = false;

		if (same_rr(r, rr))
			*found = true;
		if (strcmp(action, "replace") == 0)
			drop = same_owner_type(r, rr) || cname_at(r, rr);
		else if (strcmp(action, "delete") == 0 ||
		         strcmp(action, "add") == 0)
			drop = same_rr(r, rr); /* add puts it back once */
		if (drop)
			ldns_rr_free(r);
		else
			ldns_rr_list_push_rr(out, r);
	}
	return out;
}

static void
bump_serial(ldns_zone *z)
{
	ldns_rr *soa = ldns_zone_soa(z);
	ldns_rdf *serial = soa != NULL ? ldns_rr_rdf(soa, 2) : NULL;
	uint32_t n;

	if (serial == NULL)
		return;
	n = ldns_rdf2native_int32(serial) + 1;
	ldns_rdf_deep_free(ldns_rr_set_rdf(
	    soa, ldns_native2rdf_int32(LDNS_RDF_TYPE_INT32, n), 2));
}

int
main(int argc, char **argv)
{
	ldns_zone *z = NULL;
	ldns_rdf *origin;
	ldns_rr *rr = NULL;
	ldns_rr_list *left;
	bool found = false;
	FILE *f;

	if (argc != 5) {
		fprintf(stderr,
		    "usage: apply_fix FILE ORIGIN add|replace|delete RECORD\n");
		return 2;
	}
	origin = ldns_dname_new_frm_str(argv[2]);
	if ((f = fopen(argv[1], "r")) == NULL ||
	    ldns_zone_new_frm_fp(&z, f, origin, 3600, LDNS_RR_CLASS_IN) !=
	        LDNS_STATUS_OK) {
		fprintf(
		    stderr, "apply_fix: %s: cannot read the zone\n", argv[1]);
		return 2;
	}
	fclose(f);
	if (ldns_rr_new_frm_str(&rr, argv[4], 3600, NULL, NULL) !=
	    LDNS_STATUS_OK) {
		fprintf(stderr, "apply_fix: not a record: %s\n", argv[4]);
		return 2;
	}
	left = keep(ldns_zone_rrs(z), rr, argv[3], &found);
	ldns_rr_list_free(ldns_zone_rrs(z)); /* the records moved to left */
	ldns_zone_set_rrs(z, left);
	if (strcmp(argv[3], "delete") != 0)
		ldns_rr_list_push_rr(left, ldns_rr_clone(rr));
	bump_serial(z);
	if ((f = fopen(argv[1], "w")) == NULL) {
		fprintf(stderr, "apply_fix: %s: cannot write\n", argv[1]);
		return 2;
	}
	ldns_zone_print(f, z);
	fclose(f);
	ldns_rr_free(rr);
	ldns_zone_deep_free(z);
	ldns_rdf_deep_free(origin);
	return strcmp(argv[3], "delete") == 0 && !found ? 1 : 0;
}

/* zonefile.c - master files through ldns, one record at a time, so memory
 * does not grow with the file. ldns handles $ORIGIN, $TTL, relative names
 * and the owner of continuation records; $INCLUDE is refused. */
#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ptrcheck/ptrcheck.h"

static void
rdf_text(const ldns_rdf *rdf, char *buf, size_t len)
{
	char *s = rdf != NULL ? ldns_rdf2str(rdf) : NULL;

	snprintf(buf, len, "%s", s != NULL ? s : "");
	free(s);
}

static uint32_t
rdf_u32(const ldns_rr *rr, size_t i)
{
	const ldns_rdf *f = ldns_rr_rdf(rr, i);

	return f != NULL && ldns_rdf_size(f) == 4 ? ldns_rdf2native_int32(f)
	                                          : 0;
}

static void
fill_addr(const ldns_rdf *f, int family, struct ptrcheck_addr *a)
{
	size_t n = family == AF_INET ? 4 : 16;

	memset(a, 0, sizeof(*a));
	if (f != NULL && ldns_rdf_size(f) == n) {
		a->family = family;
		memcpy(a->bytes, ldns_rdf_data(f), n);
	}
}

static void
record_from_rr(const ldns_rr *rr, struct ptrcheck_zrecord *r)
{
	memset(r, 0, sizeof(*r));
	rdf_text(ldns_rr_owner(rr), r->owner, sizeof(r->owner));
	r->type = (uint16_t)ldns_rr_get_type(rr);
	r->ttl = ldns_rr_ttl(rr);
	switch (ldns_rr_get_type(rr)) {
	case LDNS_RR_TYPE_A:
		fill_addr(ldns_rr_rdf(rr, 0), AF_INET, &r->addr);
		break;
	case LDNS_RR_TYPE_AAAA:
		fill_addr(ldns_rr_rdf(rr, 0), AF_INET6, &r->addr);
		break;
	case LDNS_RR_TYPE_MX:
		if (ldns_rr_rdf(rr, 0) != NULL)
			r->pref = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
		rdf_text(ldns_rr_rdf(rr, 1), r->target, sizeof(r->target));
		break;
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_PTR:
		rdf_text(ldns_rr_rdf(rr, 0), r->target, sizeof(r->target));
		break;
	case LDNS_RR_TYPE_SOA:
		rdf_text(ldns_rr_rdf(rr, 0), r->target, sizeof(r->target));
		rdf_text(ldns_rr_rdf(rr, 1), r->rname, sizeof(r->rname));
		r->serial = rdf_u32(rr, 2);
		r->refresh = rdf_u32(rr, 3);
		r->retry = rdf_u32(rr, 4);
		r->expire = rdf_u32(rr, 5);
		r->minimum = rdf_u32(rr, 6);
		break;
	default:
		break;
	}
}

/* directive - statuses that mean "no record on this line, go on". */
static bool
directive(ldns_status s)
{
	return s == LDNS_STATUS_SYNTAX_EMPTY || s == LDNS_STATUS_SYNTAX_TTL ||
	       s == LDNS_STATUS_SYNTAX_ORIGIN;
}

enum ptrcheck_status
ptrcheck_zonefile_read(FILE *f, const char *origin, ptrcheck_zrecord_fn *cb,
    void *arg, char *err, size_t errlen)
{
	ldns_rdf *org = NULL, *prev = NULL;
	uint32_t ttl = 3600;
	int line = 1;
	struct ptrcheck_zrecord rec;
	enum ptrcheck_status st = PTRCHECK_OK;

	if (origin != NULL && (org = ldns_dname_new_frm_str(origin)) == NULL) {
		snprintf(
		    err, errlen, "origin '%s' is not a domain name", origin);
		return PTRCHECK_EINVAL;
	}
	while (!feof(f)) {
		ldns_rr *rr = NULL;
		ldns_status s =
		    ldns_rr_new_frm_fp_l(&rr, f, &ttl, &org, &prev, &line);

		/* ldns counts the newline it has just read: the line is one
		 * less. */
		int at = line > 1 ? line - 1 : 1;

		if (s == LDNS_STATUS_SYNTAX_INCLUDE) {
			snprintf(err, errlen,
			    "line %d: $INCLUDE is not followed; "
			    "concatenate the files instead",
			    at);
			st = PTRCHECK_EINVAL;
			break;
		}
		if (directive(s))
			continue;
		if (s != LDNS_STATUS_OK) {
			if (feof(f) && s == LDNS_STATUS_SYNTAX_ERR)
				break; /* trailing blank input */
			snprintf(err, errlen, "line %d: %s", at,
			    ldns_get_errorstr_by_id(s));
			st = PTRCHECK_EINVAL;
			break;
		}
		if (!ldns_dname_absolute(ldns_rr_owner(rr)) && org == NULL) {
			ldns_rr_free(rr);
			snprintf(err, errlen,
			    "line %d: a relative name and no $ORIGIN; "
			    "pass --origin",
			    at);
			st = PTRCHECK_EINVAL;
			break;
		}
		record_from_rr(rr, &rec);
		rec.line = (unsigned)at;
		ldns_rr_free(rr);
		if (!cb(&rec, arg))
			break;
	}
	ldns_rdf_deep_free(org);
	ldns_rdf_deep_free(prev);
	return st;
}

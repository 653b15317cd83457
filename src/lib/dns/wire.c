/* wire.c - DNS packets through ldns; nothing here parses bytes by hand. */
#include <ldns/ldns.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "wire.h"

static ldns_rdf *
rdf_from_name(const struct dname *n)
{
	return ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, n->len, n->wire);
}

static bool
name_from_rdf(const ldns_rdf *rdf, struct dname *out)
{
	if (rdf == NULL || ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME)
		return false;
	return name_from_wire(ldns_rdf_data(rdf), ldns_rdf_size(rdf), out) ==
	       PTRCHECK_OK;
}

enum ptrcheck_status
wire_query(const struct dname *qname, uint16_t qtype, uint16_t id,
    unsigned flags, uint8_t **out, size_t *outlen)
{
	ldns_pkt *pkt = NULL;
	ldns_rdf *owner;
	ldns_status s;

	if ((owner = rdf_from_name(qname)) == NULL)
		return PTRCHECK_ENOMEM;
	/* ldns_pkt_query_new takes ownership of owner. */
	pkt = ldns_pkt_query_new(owner, (ldns_rr_type)qtype, LDNS_RR_CLASS_IN,
	    (uint16_t)((flags & WIRE_RD ? LDNS_RD : 0) |
	               (flags & WIRE_CD ? LDNS_CD : 0)));
	if (pkt == NULL) {
		ldns_rdf_deep_free(owner);
		return PTRCHECK_ENOMEM;
	}
	ldns_pkt_set_id(pkt, id);
	ldns_pkt_set_edns_udp_size(pkt, 1232);
	s = ldns_pkt2wire(out, pkt, outlen);
	ldns_pkt_free(pkt);
	return s == LDNS_STATUS_OK ? PTRCHECK_OK : PTRCHECK_ENOMEM;
}

static bool
question_matches(const ldns_pkt *pkt, const struct dname *qname, uint16_t qtype)
{
	ldns_rr_list *q = ldns_pkt_question(pkt);
	struct dname got;
	ldns_rr *rr;

	if (q == NULL || ldns_rr_list_rr_count(q) != 1)
		return false;
	rr = ldns_rr_list_rr(q, 0);
	if (ldns_rr_get_type(rr) != qtype ||
	    !name_from_rdf(ldns_rr_owner(rr), &got))
		return false;
	return name_equal(&got, qname);
}

static bool
chain_has(const struct wire_reply *r, const struct dname *qname,
    const struct dname *n)
{
	size_t i;

	if (name_equal(qname, n))
		return true;
	for (i = 0; i < r->nchain; i++)
		if (name_equal(&r->chain[i], n))
			return true;
	return false;
}

/* cname_of - the CNAME target owned by `owner` in the answer section. */
static const ldns_rr *
cname_of(const ldns_rr_list *ans, const struct dname *owner)
{
	struct dname o;
	size_t i;

	for (i = 0; i < ldns_rr_list_rr_count(ans); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(ans, i);

		if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_CNAME &&
		    name_from_rdf(ldns_rr_owner(rr), &o) &&
		    name_equal(&o, owner))
			return rr;
	}
	return NULL;
}

/* follow_chain - walk CNAMEs from qname inside the answer (RFC 1034 3.6.2). */
static void
follow_chain(
    const ldns_rr_list *ans, const struct dname *qname, struct wire_reply *r)
{
	const ldns_rr *rr;
	struct dname target;

	r->final = *qname;
	while ((rr = cname_of(ans, &r->final)) != NULL) {
		if (!name_from_rdf(ldns_rr_rdf(rr, 0), &target))
			return;
		if (chain_has(r, qname, &target)) {
			r->loop = true;
			return;
		}
		if (r->nchain == WIRE_MAX_CHAIN) {
			r->too_long = true;
			return;
		}
		r->chain_ttl[r->nchain] = ldns_rr_ttl(rr);
		r->chain[r->nchain++] = target;
		r->final = target;
	}
}

static bool
rdata_from_rr(const ldns_rr *rr, uint16_t qtype, struct wire_rdata *d)
{
	const ldns_rdf *f = ldns_rr_rdf(rr, qtype == WIRE_TYPE_MX ? 1 : 0);

	memset(d, 0, sizeof(*d));
	d->ttl = ldns_rr_ttl(rr);
	if (f == NULL)
		return false;
	switch (qtype) {
	case WIRE_TYPE_A:
		if (ldns_rdf_size(f) != 4)
			return false;
		d->addr.family = AF_INET;
		memcpy(d->addr.bytes, ldns_rdf_data(f), 4);
		return true;
	case WIRE_TYPE_AAAA:
		if (ldns_rdf_size(f) != 16)
			return false;
		d->addr.family = AF_INET6;
		memcpy(d->addr.bytes, ldns_rdf_data(f), 16);
		return true;
	case WIRE_TYPE_MX:
		if (ldns_rr_rdf(rr, 0) == NULL)
			return false;
		d->pref = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
		return name_from_rdf(f, &d->name);
	default:
		return name_from_rdf(f, &d->name);
	}
}

static void
collect_data(const ldns_rr_list *ans, uint16_t qtype, struct wire_reply *r)
{
	struct dname o;
	size_t i;

	for (i = 0; i < ldns_rr_list_rr_count(ans); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(ans, i);

		if (ldns_rr_get_type(rr) != qtype ||
		    ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN ||
		    !name_from_rdf(ldns_rr_owner(rr), &o) ||
		    !name_equal(&o, &r->final))
			continue;
		r->ndata_seen++;
		if (r->ndata < WIRE_MAX_DATA &&
		    rdata_from_rr(rr, qtype, &r->data[r->ndata]))
			r->ndata++;
	}
}

static void
soa_from_rr(const ldns_rr *rr, struct wire_soa *soa)
{
	if (ldns_rr_rd_count(rr) != 7 ||
	    !name_from_rdf(ldns_rr_owner(rr), &soa->zone) ||
	    !name_from_rdf(ldns_rr_rdf(rr, 0), &soa->mname) ||
	    !name_from_rdf(ldns_rr_rdf(rr, 1), &soa->rname))
		return;
	soa->serial = ldns_rdf2native_int32(ldns_rr_rdf(rr, 2));
	soa->minimum = ldns_rdf2native_int32(ldns_rr_rdf(rr, 6));
	soa->ttl = ldns_rr_ttl(rr);
	soa->found = true;
}

static void
find_soa(const ldns_rr_list *list, struct wire_soa *soa)
{
	size_t i;

	for (i = 0;
	     list != NULL && i < ldns_rr_list_rr_count(list) && !soa->found;
	     i++)
		if (ldns_rr_get_type(ldns_rr_list_rr(list, i)) ==
		    LDNS_RR_TYPE_SOA)
			soa_from_rr(ldns_rr_list_rr(list, i), soa);
}

/* glue_from_rr - an A or AAAA of the additional section for a NS name. */
static void
glue_from_rr(const ldns_rr *rr, struct wire_referral *ref)
{
	struct wire_glue *g;
	struct wire_rdata d;
	uint16_t type = ldns_rr_get_type(rr);

	if ((type != WIRE_TYPE_A && type != WIRE_TYPE_AAAA) ||
	    ref->nglue == WIRE_MAX_GLUE || !rdata_from_rr(rr, type, &d))
		return;
	g = &ref->glue[ref->nglue];
	if (!name_from_rdf(ldns_rr_owner(rr), &g->name))
		return;
	g->addr = d.addr;
	ref->nglue++;
}

/* find_referral - the NS RRset of a referral: in the authority section,
 * owned by the qname or one of its ancestors (anything else is not a
 * delegation towards the name asked). */
static void
find_referral(
    const ldns_pkt *pkt, const struct dname *qname, struct wire_referral *ref)
{
	const ldns_rr_list *auth = ldns_pkt_authority(pkt);
	const ldns_rr_list *add = ldns_pkt_additional(pkt);
	struct dname owner, ns;
	size_t i;

	for (i = 0; auth != NULL && i < ldns_rr_list_rr_count(auth); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(auth, i);

		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_NS ||
		    !name_from_rdf(ldns_rr_owner(rr), &owner) ||
		    !name_is_under(qname, &owner) ||
		    !name_from_rdf(ldns_rr_rdf(rr, 0), &ns))
			continue;
		if (ref->zone.len == 0)
			ref->zone = owner;
		if (!name_equal(&owner, &ref->zone) || ref->nns == WIRE_MAX_NS)
			continue;
		ref->ns[ref->nns++] = ns;
	}
	for (i = 0;
	     ref->nns > 0 && add != NULL && i < ldns_rr_list_rr_count(add); i++)
		glue_from_rr(ldns_rr_list_rr(add, i), ref);
}

/* extended_error - the first Extended DNS Error option's info-code
 * (RFC 8914: option 15, two octets of code, then text), or -1. */
static int
extended_error(ldns_pkt *pkt)
{
	ldns_edns_option_list *opts = ldns_pkt_edns_get_option_list(pkt);
	size_t i;

	for (i = 0; opts != NULL && i < ldns_edns_option_list_get_count(opts);
	     i++) {
		ldns_edns_option *o = ldns_edns_option_list_get_option(opts, i);

		if (o != NULL && ldns_edns_get_code(o) == 15 &&
		    ldns_edns_get_size(o) >= 2) {
			const uint8_t *d = ldns_edns_get_data(o);

			return d[0] << 8 | d[1];
		}
	}
	return -1;
}

enum ptrcheck_status
wire_parse(const uint8_t *msg, size_t len, const struct dname *qname,
    uint16_t qtype, struct wire_reply *out)
{
	ldns_pkt *pkt = NULL;
	ldns_rr_list *ans;

	memset(out, 0, offsetof(struct wire_reply, chain));
	if (ldns_wire2pkt(&pkt, msg, len) != LDNS_STATUS_OK)
		return PTRCHECK_EINVAL;
	if (!ldns_pkt_qr(pkt) || !question_matches(pkt, qname, qtype)) {
		ldns_pkt_free(pkt);
		return PTRCHECK_EINVAL;
	}
	out->rcode = ldns_pkt_get_rcode(pkt);
	out->aa = ldns_pkt_aa(pkt);
	out->tc = ldns_pkt_tc(pkt);
	ans = ldns_pkt_answer(pkt);
	follow_chain(ans, qname, out);
	collect_data(ans, qtype, out);
	find_soa(ldns_pkt_authority(pkt), &out->soa);
	if (qtype == WIRE_TYPE_SOA)
		find_soa(ans, &out->soa);
	if (!out->aa && out->rcode == WIRE_RCODE_NOERROR &&
	    out->ndata_seen == 0)
		find_referral(pkt, &out->final, &out->referral);
	out->ede = extended_error(pkt);
	ldns_pkt_free(pkt);
	return PTRCHECK_OK;
}

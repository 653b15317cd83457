/* test_wire.c - replies reduced to ptrcheck's types: CNAME chains, loops,
 * negative answers with their SOA, and messages that must be refused. */
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "wire.h"

/* push - records in presentation form into a section (NULL: none). */
static void
push(ldns_pkt *p, ldns_pkt_section sec, const char *const *rrs)
{
	ldns_rr *rr;
	size_t i;

	for (i = 0; rrs != NULL && rrs[i] != NULL; i++) {
		ck_assert_int_eq(
		    ldns_rr_new_frm_str(&rr, rrs[i], 3600, NULL, NULL),
		    LDNS_STATUS_OK);
		ldns_pkt_push_rr(p, sec, rr);
	}
}

/* reply - a reply to qname/qtype with the given RRs (NULL ends a section). */
static uint8_t *
reply(const char *qname, ldns_rr_type qtype, ldns_pkt_rcode rcode,
    const char *const *answer, const char *const *authority, size_t *len)
{
	ldns_pkt *p = ldns_pkt_new();
	ldns_rr *q;
	uint8_t *wire = NULL;

	q = ldns_rr_new();
	ldns_rr_set_owner(q, ldns_dname_new_frm_str(qname));
	ldns_rr_set_type(q, qtype);
	ldns_rr_set_class(q, LDNS_RR_CLASS_IN);
	ldns_rr_set_question(q, true);
	ldns_pkt_push_rr(p, LDNS_SECTION_QUESTION, q);
	ldns_pkt_set_qr(p, true);
	ldns_pkt_set_rcode(p, rcode);
	push(p, LDNS_SECTION_ANSWER, answer);
	push(p, LDNS_SECTION_AUTHORITY, authority);
	ck_assert_int_eq(ldns_pkt2wire(&wire, p, len), LDNS_STATUS_OK);
	ldns_pkt_free(p);
	return wire;
}

static struct dname
N(const char *text) {
	struct dname n;

	ck_assert_int_eq(name_from_text(text, &n), PTRCHECK_OK);
	return n;
}

START_TEST(test_query_roundtrip)
{
	struct dname q = N("25.2.0.192.in-addr.arpa.");
	uint8_t *wire = NULL;
	size_t len;
	ldns_pkt *p = NULL;

	ck_assert_int_eq(
	    wire_query(&q, WIRE_TYPE_PTR, 0xbeef, WIRE_RD, &wire, &len),
	    PTRCHECK_OK);
	ck_assert_int_eq(ldns_wire2pkt(&p, wire, len), LDNS_STATUS_OK);
	ck_assert_uint_eq(ldns_pkt_id(p), 0xbeef);
	ck_assert(ldns_pkt_rd(p));
	ck_assert_uint_eq(ldns_pkt_edns_udp_size(p), 1232);
	ldns_pkt_free(p);
	free(wire);
}
END_TEST

START_TEST(test_ptr_through_cname)
{
	static const char *const ans[] = {
	    "130.2.0.192.in-addr.arpa. 300 IN CNAME "
	    "130.128/25.2.0.192.in-addr.arpa.",
	    "130.128/25.2.0.192.in-addr.arpa. 60 IN PTR mail.example.com.",
	    "other.example. 60 IN PTR not.this.one.", NULL};
	struct dname q = N("130.2.0.192.in-addr.arpa.");
	struct wire_reply r;
	char buf[PTRCHECK_NAME_TEXT_MAX];
	size_t len;
	uint8_t *w = reply("130.2.0.192.in-addr.arpa.", LDNS_RR_TYPE_PTR,
	    LDNS_RCODE_NOERROR, ans, NULL, &len);

	ck_assert_int_eq(
	    wire_parse(w, len, &q, WIRE_TYPE_PTR, &r), PTRCHECK_OK);
	ck_assert_uint_eq(r.nchain, 1);
	ck_assert_uint_eq(r.chain_ttl[0], 300);
	ck_assert_uint_eq(r.ndata, 1);
	ck_assert_uint_eq(r.data[0].ttl, 60);
	ck_assert_str_eq(
	    name_text(&r.data[0].name, buf, sizeof(buf)), "mail.example.com.");
	ck_assert(!r.loop);
	free(w);
}
END_TEST

START_TEST(test_cname_loop)
{
	static const char *const ans[] = {"a.example. IN CNAME b.example.",
	    "b.example. IN CNAME A.EXAMPLE.", NULL};
	struct dname q = N("a.example.");
	struct wire_reply r;
	size_t len;
	uint8_t *w = reply(
	    "a.example.", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR, ans, NULL, &len);

	ck_assert_int_eq(wire_parse(w, len, &q, WIRE_TYPE_A, &r), PTRCHECK_OK);
	ck_assert(r.loop);
	free(w);
}
END_TEST

START_TEST(test_negative_with_soa)
{
	static const char *const auth[] = {
	    "2.0.192.in-addr.arpa. 3600 IN SOA ns1.isp.test. "
	    "hostmaster.isp.example. 7 3600 600 86400 300",
	    NULL};
	struct dname q = N("11.2.0.192.in-addr.arpa.");
	struct wire_reply r;
	char buf[PTRCHECK_NAME_TEXT_MAX];
	size_t len;
	uint8_t *w = reply("11.2.0.192.in-addr.arpa.", LDNS_RR_TYPE_PTR,
	    LDNS_RCODE_NXDOMAIN, NULL, auth, &len);

	ck_assert_int_eq(
	    wire_parse(w, len, &q, WIRE_TYPE_PTR, &r), PTRCHECK_OK);
	ck_assert_int_eq(r.rcode, 3);
	ck_assert(r.soa.found);
	ck_assert_uint_eq(r.soa.serial, 7);
	ck_assert_uint_eq(r.soa.minimum, 300);
	ck_assert_str_eq(
	    name_text(&r.soa.zone, buf, sizeof(buf)), "2.0.192.in-addr.arpa.");
	ck_assert_str_eq(name_text(&r.soa.rname, buf, sizeof(buf)),
	    "hostmaster.isp.example.");
	free(w);
}
END_TEST

START_TEST(test_addresses_and_mx)
{
	static const char *const a[] = {"mail.example. IN A 192.0.2.1",
	    "mail.example. IN A 192.0.2.2", "mail.example. IN AAAA 2001:db8::1",
	    NULL};
	static const char *const mx[] = {
	    "example. IN MX 20 mx2.example.", "example. IN MX 0 .", NULL};
	struct dname q = N("mail.example."), d = N("example.");
	struct wire_reply r;
	size_t len;
	uint8_t *w = reply(
	    "mail.example.", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR, a, NULL, &len);

	ck_assert_int_eq(wire_parse(w, len, &q, WIRE_TYPE_A, &r), PTRCHECK_OK);
	ck_assert_uint_eq(r.ndata, 2); /* the AAAA is not an answer to A */
	ck_assert_int_eq(r.data[1].addr.bytes[3], 2);
	free(w);
	w = reply(
	    "example.", LDNS_RR_TYPE_MX, LDNS_RCODE_NOERROR, mx, NULL, &len);
	ck_assert_int_eq(wire_parse(w, len, &d, WIRE_TYPE_MX, &r), PTRCHECK_OK);
	ck_assert_uint_eq(r.ndata, 2);
	ck_assert_uint_eq(r.data[0].pref, 20);
	ck_assert_uint_eq(name_label_count(&r.data[1].name), 0);
	free(w);
}
END_TEST

START_TEST(test_refused_messages)
{
	static const uint8_t junk[] = {
	    0x12, 0x34, 0x81, 0x80, 0, 1, 0, 5, 0, 0, 0, 0};
	struct dname q = N("mail.example."), other = N("evil.example.");
	struct wire_reply r;
	size_t len;
	uint8_t *w = reply("mail.example.", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR,
	    NULL, NULL, &len);

	ck_assert_int_eq(wire_parse(junk, sizeof(junk), &q, WIRE_TYPE_A, &r),
	    PTRCHECK_EINVAL);
	ck_assert_int_eq(
	    wire_parse(w, 5, &q, WIRE_TYPE_A, &r), PTRCHECK_EINVAL);
	ck_assert_int_eq(
	    wire_parse(w, len, &other, WIRE_TYPE_A, &r), PTRCHECK_EINVAL);
	ck_assert_int_eq(
	    wire_parse(w, len, &q, WIRE_TYPE_AAAA, &r), PTRCHECK_EINVAL);
	ck_assert_int_eq(wire_parse(w, len, &q, WIRE_TYPE_A, &r), PTRCHECK_OK);
	ck_assert_uint_eq(r.ndata, 0);
	free(w);
}
END_TEST

/* referral - a reply with the given authority and additional sections. */
static uint8_t *
referral(const char *qname, bool aa, const char *const *auth,
    const char *const *add, size_t *len)
{
	ldns_pkt *p = NULL;
	uint8_t *wire = NULL;

	ck_assert_int_eq(ldns_pkt_query_new_frm_str(
	                     &p, qname, LDNS_RR_TYPE_PTR, LDNS_RR_CLASS_IN, 0),
	    LDNS_STATUS_OK);
	ldns_pkt_set_qr(p, true);
	ldns_pkt_set_aa(p, aa);
	push(p, LDNS_SECTION_AUTHORITY, auth);
	push(p, LDNS_SECTION_ADDITIONAL, add);
	ck_assert_int_eq(ldns_pkt2wire(&wire, p, len), LDNS_STATUS_OK);
	ldns_pkt_free(p);
	return wire;
}

START_TEST(test_referral_with_glue)
{
	static const char *const auth[] = {
	    "evil.example. 3600 IN NS ns.evil.example.", /* not towards the
	                                                    qname */
	    "2.0.192.in-addr.arpa. 86400 IN NS ns1.isp.test.",
	    "2.0.192.in-addr.arpa. 86400 IN NS ns.2.0.192.in-addr.arpa.", NULL};
	static const char *const add[] = {
	    "ns.2.0.192.in-addr.arpa. 86400 IN A 192.0.2.53",
	    "ns.2.0.192.in-addr.arpa. 86400 IN AAAA 2001:db8::53",
	    "ns.evil.example. 86400 IN TXT \"not an address\"", NULL};
	struct dname q = N("10.2.0.192.in-addr.arpa.");
	struct wire_reply r;
	char buf[PTRCHECK_NAME_TEXT_MAX], ip[PTRCHECK_ADDR_TEXT_MAX];
	size_t len;
	uint8_t *w =
	    referral("10.2.0.192.in-addr.arpa.", false, auth, add, &len);

	ck_assert_int_eq(
	    wire_parse(w, len, &q, WIRE_TYPE_PTR, &r), PTRCHECK_OK);
	ck_assert(!r.aa);
	ck_assert_str_eq(name_text(&r.referral.zone, buf, sizeof(buf)),
	    "2.0.192.in-addr.arpa.");
	ck_assert_uint_eq(r.referral.nns, 2);
	ck_assert_str_eq(
	    name_text(&r.referral.ns[0], buf, sizeof(buf)), "ns1.isp.test.");
	ck_assert_uint_eq(r.referral.nglue, 2);
	ck_assert_str_eq(name_text(&r.referral.glue[0].name, buf, sizeof(buf)),
	    "ns.2.0.192.in-addr.arpa.");
	ptrcheck_addr_format(&r.referral.glue[1].addr, ip, sizeof(ip));
	ck_assert_str_eq(ip, "2001:db8::53");
	free(w);
}
END_TEST

START_TEST(test_authoritative_is_no_referral)
{
	static const char *const auth[] = {
	    "2.0.192.in-addr.arpa. 86400 IN NS ns1.isp.test.", NULL};
	static const char *const none[] = {NULL};
	struct dname q = N("10.2.0.192.in-addr.arpa.");
	struct wire_reply r;
	size_t len;
	uint8_t *w =
	    referral("10.2.0.192.in-addr.arpa.", true, auth, none, &len);

	ck_assert_int_eq(
	    wire_parse(w, len, &q, WIRE_TYPE_PTR, &r), PTRCHECK_OK);
	ck_assert(r.aa);
	ck_assert_uint_eq(r.referral.zone.len, 0);
	ck_assert_uint_eq(r.referral.nns, 0);
	free(w);
}
END_TEST

static Suite *
wire_suite(void)
{
	Suite *s = suite_create("wire");
	TCase *tc = tcase_create("wire");

	tcase_add_test(tc, test_query_roundtrip);
	tcase_add_test(tc, test_ptr_through_cname);
	tcase_add_test(tc, test_cname_loop);
	tcase_add_test(tc, test_negative_with_soa);
	tcase_add_test(tc, test_addresses_and_mx);
	tcase_add_test(tc, test_refused_messages);
	tcase_add_test(tc, test_referral_with_glue);
	tcase_add_test(tc, test_authoritative_is_no_referral);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(wire_suite)

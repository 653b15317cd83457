/* test_authority.c - the authority judgement on hand-built evidence: which
 * server answers make which warning, sets compared as sets, and when a
 * temporary verdict is a persistent fault. */
#include <stdlib.h>

#include "authority.h"
#include "authority_judge.h"
#include "fix.h"
#include "report_build.h"
#include "unit.h"
#include "verdict.h"

static const struct ptr_spec confirmed[] = {{"mail.good.example.", "confirm"}};

/* fixture - 192.0.2.10 with a confirmed PTR, and a zone 2.0.192 delegated
 * by in-addr.arpa. to ns1 and ns2 (the zone's own NS set the same). */
static struct ptrcheck_report *
fixture(void)
{
	struct ptrcheck_report *rep = calloc(1, sizeof(*rep));
	struct authority *a = calloc(1, sizeof(*a));

	ck_assert_ptr_nonnull(rep);
	ck_assert_ptr_nonnull(a);
	build_report(rep, "192.0.2.10", "2.0.192.in-addr.arpa.", confirmed, 1);
	rep->auth = a;
	a->nlevels = 2;
	name_from_text("in-addr.arpa.", &a->levels[0].zone);
	name_from_text("2.0.192.in-addr.arpa.", &a->levels[1].zone);
	a->levels[1].qname = rep->owner;
	a->qname = rep->owner;
	name_from_text("ns1.isp.test.", &a->levels[1].ns[0]);
	name_from_text("ns2.isp.test.", &a->levels[1].ns[1]);
	a->levels[1].nns = 2;
	a->child_known = true;
	a->child_ns[0] = a->levels[1].ns[1];
	a->child_ns[1] = a->levels[1].ns[0];
	a->nchild_ns = 2;
	a->soa.found = true;
	a->soa.ttl = 3600;
	a->soa.minimum = 300;
	return rep;
}

/* row - a server of the zone that answered `answer` with the given PTRs
 * (NULL-terminated) and serial. */
static struct auth_row *
row(struct ptrcheck_report *rep, const char *name, const char *ip,
    unsigned sources, enum ptrcheck_answer answer, bool aa, uint32_t serial,
    const char *const *ptrs)
{
	struct authority *a = rep->auth;
	struct auth_row *r = &a->rows[a->nrows++];
	size_t i;

	r->level = sources == AUTH_FROM_PROVIDER ? AUTH_NO_LEVEL : 1;
	if (name != NULL)
		name_from_text(name, &r->name);
	ptrcheck_addr_parse(ip, &r->addr);
	r->sources = sources;
	r->state = AUTH_ROW_DONE;
	r->answer = answer;
	r->aa = aa;
	r->has_serial = serial != 0;
	r->serial = serial;
	for (i = 0; ptrs != NULL && ptrs[i] != NULL; i++)
		name_from_text(ptrs[i], &r->ptrs[r->nptr++]);
	r->nptr_seen = r->nptr;
	return r;
}

static const char *const mail[] = {"mail.good.example.", NULL};
static const char *const other[] = {"other.good.example.", NULL};
static const unsigned both = AUTH_FROM_PARENT | AUTH_FROM_CHILD;

static void
judge(struct ptrcheck_report *rep)
{
	verdict_decide(rep);
}

static bool
has(const struct ptrcheck_report *rep, enum ptrcheck_warning_code w)
{
	return ptrcheck_report_has_warning(rep, w);
}

/* authority_count - how many warnings came from the inspection. */
static size_t
authority_count(const struct ptrcheck_report *rep)
{
	size_t i, n = 0;

	for (i = 0; i < rep->nwarn; i++)
		n += rep->warnings[i].code >= PTRCHECK_WARN_LAME_SERVER;
	return n;
}

START_TEST(test_healthy)
{
	struct ptrcheck_report *rep = fixture();

	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	row(rep, "ns2.isp.test.", "127.10.1.2", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	judge(rep);
	ck_assert_uint_eq(authority_count(rep), 0);
	ck_assert_int_eq(ptrcheck_report_exit(rep), PTRCHECK_EXIT_OK);
	ptrcheck_report_free(rep);
}
END_TEST

START_TEST(test_sets_ignore_case_and_order)
{
	static const char *const ab[] = {
	    "A.good.example.", "b.good.example.", NULL};
	static const char *const ba[] = {
	    "B.GOOD.example.", "a.good.example.", NULL};
	struct ptrcheck_report *rep = fixture();

	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, ab);
	row(rep, "ns2.isp.test.", "127.10.1.2", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, ba);
	judge(rep);
	ck_assert(!has(rep, PTRCHECK_WARN_SERVERS_DISAGREE));
	ptrcheck_report_free(rep);
}
END_TEST

START_TEST(test_disagree_hides_serial)
{
	struct ptrcheck_report *rep = fixture();

	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	row(rep, "ns2.isp.test.", "127.10.1.2", both, PTRCHECK_ANSWER_FOUND,
	    true, 8, other);
	judge(rep);
	ck_assert(has(rep, PTRCHECK_WARN_SERVERS_DISAGREE));
	ck_assert(!has(rep, PTRCHECK_WARN_SERIAL_DIFFERS));
	ck_assert(!has(
	    rep, PTRCHECK_WARN_RESOLVER_DIFFERS)); /* nothing to compare with */
	ck_assert_int_eq(ptrcheck_report_exit(rep), PTRCHECK_EXIT_WARNING);
	ptrcheck_report_free(rep);
}
END_TEST

START_TEST(test_nxdomain_against_data_disagrees)
{
	struct ptrcheck_report *rep = fixture();

	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	row(rep, "ns2.isp.test.", "127.10.1.2", both, PTRCHECK_ANSWER_NXDOMAIN,
	    true, 6, NULL);
	judge(rep);
	ck_assert(has(rep, PTRCHECK_WARN_SERVERS_DISAGREE));
	ptrcheck_report_free(rep);
}
END_TEST

START_TEST(test_serial_only_is_info)
{
	struct ptrcheck_report *rep = fixture();

	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	row(rep, "ns2.isp.test.", "127.10.1.2", both, PTRCHECK_ANSWER_FOUND,
	    true, 8, mail);
	judge(rep);
	ck_assert(has(rep, PTRCHECK_WARN_SERIAL_DIFFERS));
	ck_assert_int_eq(ptrcheck_report_exit(rep), PTRCHECK_EXIT_OK);
	ptrcheck_report_free(rep);
}
END_TEST

START_TEST(test_lame_kinds)
{
	struct ptrcheck_report *rep = fixture();
	struct auth_row *r;

	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	/* data without the AA flag is lame too */
	row(rep, "ns2.isp.test.", "127.10.1.2", both, PTRCHECK_ANSWER_FOUND,
	    false, 0, mail);
	judge(rep);
	ck_assert(has(rep, PTRCHECK_WARN_LAME_SERVER));
	ck_assert(!has(rep, PTRCHECK_WARN_ZONE_UNREACHABLE));
	ptrcheck_report_free(rep);

	rep = fixture();
	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	r = row(rep, "ns2.isp.test.", "127.10.1.2", both,
	    PTRCHECK_ANSWER_NODATA, false, 0, NULL);
	name_from_text("in-addr.arpa.", &r->referral); /* an upward referral */
	judge(rep);
	ck_assert(has(rep, PTRCHECK_WARN_LAME_SERVER));
	ptrcheck_report_free(rep);
}
END_TEST

START_TEST(test_untested_is_silent)
{
	struct ptrcheck_report *rep = fixture();
	struct auth_row *r;

	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	r = row(rep, "ns2.isp.test.", "2001:db8::53", both,
	    PTRCHECK_ANSWER_TIMEOUT, false, 0, NULL);
	r->state = AUTH_ROW_UNTESTED;
	judge(rep);
	ck_assert_uint_eq(authority_count(rep), 0);
	ptrcheck_report_free(rep);
}
END_TEST

START_TEST(test_persistent_only_when_all_fail)
{
	struct ptrcheck_report *rep = fixture();
	struct auth_row *r;

	rep->ptr_answer = PTRCHECK_ANSWER_TIMEOUT;
	rep->nptr = rep->nptr_seen = 0;
	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_TIMEOUT,
	    false, 0, NULL);
	row(rep, "ns2.isp.test.", "127.10.1.2", both, PTRCHECK_ANSWER_REFUSED,
	    false, 0, NULL);
	judge(rep);
	ck_assert_int_eq(rep->verdict, PTRCHECK_VERDICT_TEMPORARY);
	ck_assert(has(rep, PTRCHECK_WARN_ZONE_UNREACHABLE));
	ck_assert(rep->auth->persistent);
	ck_assert_int_eq(ptrcheck_report_exit(rep), PTRCHECK_EXIT_CRITICAL);
	ptrcheck_report_free(rep);

	/* one still waiting: not proven */
	rep = fixture();
	rep->ptr_answer = PTRCHECK_ANSWER_TIMEOUT;
	rep->nptr = rep->nptr_seen = 0;
	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_TIMEOUT,
	    false, 0, NULL);
	r = row(rep, "ns2.isp.test.", "127.10.1.2", both,
	    PTRCHECK_ANSWER_TIMEOUT, false, 0, NULL);
	r->state = AUTH_ROW_PENDING;
	judge(rep);
	ck_assert(!has(rep, PTRCHECK_WARN_ZONE_UNREACHABLE));
	ck_assert_int_eq(ptrcheck_report_exit(rep), PTRCHECK_EXIT_UNKNOWN);
	ptrcheck_report_free(rep);
}
END_TEST

START_TEST(test_negative_cache)
{
	struct ptrcheck_report *rep = fixture();
	struct authority *a = rep->auth;
	struct fix_plan plan;

	build_report(
	    rep, "192.0.2.10", "2.0.192.in-addr.arpa.", NULL, 0); /* NXDOMAIN */
	rep->auth = a;
	rep->ptr_soa.found = true;
	rep->ptr_soa.ttl = 120;
	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 8, mail);
	judge(rep);
	ck_assert(has(rep, PTRCHECK_WARN_NEGATIVE_CACHE));
	ck_assert(!has(rep, PTRCHECK_WARN_RESOLVER_DIFFERS));
	ck_assert_uint_eq(authority_negative_ttl(rep->auth), 300);
	fix_plan_build(rep, &plan);
	ck_assert_uint_eq(plan.nitems, 0);
	ck_assert_ptr_nonnull(strstr(plan.cause, "up to 300 s"));
	ptrcheck_report_free(rep);
}
END_TEST

START_TEST(test_resolver_differs)
{
	struct ptrcheck_report *rep = fixture();

	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, other);
	row(rep, "ns2.isp.test.", "127.10.1.2", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, other);
	judge(rep);
	ck_assert(has(rep, PTRCHECK_WARN_RESOLVER_DIFFERS));
	ck_assert(!has(rep, PTRCHECK_WARN_NEGATIVE_CACHE));
	ptrcheck_report_free(rep);
}
END_TEST

START_TEST(test_provider)
{
	struct ptrcheck_report *rep = fixture();

	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	row(rep, NULL, "127.10.1.4", AUTH_FROM_PROVIDER, PTRCHECK_ANSWER_FOUND,
	    true, 1, other);
	judge(rep);
	ck_assert(has(rep, PTRCHECK_WARN_PROVIDER_NOT_DELEGATED));
	ptrcheck_report_free(rep);

	/* the provider is one of the delegated servers */
	rep = fixture();
	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	row(rep, NULL, "127.10.1.1", AUTH_FROM_PROVIDER, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	judge(rep);
	ck_assert(!has(rep, PTRCHECK_WARN_PROVIDER_NOT_DELEGATED));
	ptrcheck_report_free(rep);

	/* the provider does not hold the zone */
	rep = fixture();
	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	row(rep, NULL, "127.10.1.4", AUTH_FROM_PROVIDER,
	    PTRCHECK_ANSWER_REFUSED, false, 0, NULL);
	judge(rep);
	ck_assert(!has(rep, PTRCHECK_WARN_PROVIDER_NOT_DELEGATED));
	ptrcheck_report_free(rep);
}
END_TEST

START_TEST(test_delegation_mismatch)
{
	struct ptrcheck_report *rep = fixture();

	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	name_from_text(
	    "NS2.isp.TEST.", &rep->auth->child_ns[0]); /* case only */
	judge(rep);
	ck_assert(!has(rep, PTRCHECK_WARN_DELEGATION_MISMATCH));
	name_from_text("ns3.isp.test.", &rep->auth->child_ns[0]);
	judge(rep);
	ck_assert(has(rep, PTRCHECK_WARN_DELEGATION_MISMATCH));
	rep->auth->child_known =
	    false; /* the zone's own set unseen: no claim */
	judge(rep);
	ck_assert(!has(rep, PTRCHECK_WARN_DELEGATION_MISMATCH));
	ptrcheck_report_free(rep);
}
END_TEST

START_TEST(test_rfc2317_info)
{
	struct ptrcheck_report *rep = fixture();

	name_from_text("2.0.192.in-addr.arpa.", &rep->auth->cname_zone);
	row(rep, "ns1.isp.test.", "127.10.1.1", both, PTRCHECK_ANSWER_FOUND,
	    true, 7, mail);
	judge(rep);
	ck_assert(has(rep, PTRCHECK_WARN_RFC2317));
	ck_assert_int_eq(ptrcheck_report_exit(rep), PTRCHECK_EXIT_OK);
	ptrcheck_report_free(rep);
}
END_TEST

static Suite *
authority_suite(void)
{
	Suite *s = suite_create("authority");
	TCase *tc = tcase_create("authority");

	tcase_add_test(tc, test_healthy);
	tcase_add_test(tc, test_sets_ignore_case_and_order);
	tcase_add_test(tc, test_disagree_hides_serial);
	tcase_add_test(tc, test_nxdomain_against_data_disagrees);
	tcase_add_test(tc, test_serial_only_is_info);
	tcase_add_test(tc, test_lame_kinds);
	tcase_add_test(tc, test_untested_is_silent);
	tcase_add_test(tc, test_persistent_only_when_all_fail);
	tcase_add_test(tc, test_negative_cache);
	tcase_add_test(tc, test_resolver_differs);
	tcase_add_test(tc, test_provider);
	tcase_add_test(tc, test_delegation_mismatch);
	tcase_add_test(tc, test_rfc2317_info);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(authority_suite)

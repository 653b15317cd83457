/* test_verdict.c - the verdict contract of ptrcheck(1), as a table. */
#include "report_build.h"
#include "unit.h"
#include "verdict.h"

#define MAXP 3

static const struct {
	const char *desc;
	struct ptr_spec ptrs[MAXP];
	size_t n;
	enum ptrcheck_verdict want;
} cases[] = {
    {"one confirming name", {{"mail.example.com.", "confirm"}}, 1,
        PTRCHECK_VERDICT_PASS},
    {"no name", {{NULL, NULL}}, 0, PTRCHECK_VERDICT_PTR_MISSING},
    {"mismatch", {{"mail.example.com.", "mismatch"}}, 1,
        PTRCHECK_VERDICT_FORWARD_MISMATCH},
    {"missing", {{"mail.example.com.", "missing"}}, 1,
        PTRCHECK_VERDICT_FORWARD_MISSING},
    {"forward failed", {{"mail.example.com.", "temp"}}, 1,
        PTRCHECK_VERDICT_TEMPORARY},
    {"generic confirmed", {{"dsl-192-0-2-7.dyn.isp.example.", "confirm"}}, 1,
        PTRCHECK_VERDICT_PTR_GENERIC},
    {"invalid", {{"mail\\027x.example.", "confirm"}}, 1,
        PTRCHECK_VERDICT_PTR_INVALID},
    {"pass beats generic",
        {{"dsl-192-0-2-7.dyn.isp.example.", "confirm"},
            {"mail.example.com.", "confirm"}},
        2, PTRCHECK_VERDICT_PASS},
    {"generic beats mismatch",
        {{"mail.example.com.", "mismatch"},
            {"dsl-192-0-2-7.dyn.isp.example.", "confirm"}},
        2, PTRCHECK_VERDICT_PTR_GENERIC},
    {"mismatch beats missing",
        {{"a.example.com.", "missing"}, {"b.example.com.", "mismatch"}}, 2,
        PTRCHECK_VERDICT_FORWARD_MISMATCH},
    {"missing beats invalid",
        {{"a\\.b.example.", "confirm"}, {"b.example.com.", "missing"}}, 2,
        PTRCHECK_VERDICT_FORWARD_MISSING},
    {"a failed lookup may confirm: temporary over mismatch",
        {{"a.example.com.", "mismatch"}, {"b.example.com.", "temp"}}, 2,
        PTRCHECK_VERDICT_TEMPORARY},
    {"a confirmed name wins over a failed lookup",
        {{"a.example.com.", "confirm"}, {"b.example.com.", "temp"}}, 2,
        PTRCHECK_VERDICT_PASS},
    {"generic confirmed wins over a failed lookup",
        {{"dsl-192-0-2-7.dyn.isp.example.", "confirm"},
            {"b.example.com.", "temp"}},
        2, PTRCHECK_VERDICT_PTR_GENERIC},
};

START_TEST(test_table)
{
	struct ptrcheck_report rep;

	build_report(&rep, "192.0.2.7", NULL, cases[_i].ptrs, cases[_i].n);
	verdict_decide(&rep);
	ck_assert_msg(rep.verdict == cases[_i].want, "%s: got %s",
	    cases[_i].desc, ptrcheck_verdict_name(rep.verdict));
}
END_TEST

static const enum ptrcheck_answer failures[] = {
    PTRCHECK_ANSWER_TIMEOUT,
    PTRCHECK_ANSWER_SERVFAIL,
    PTRCHECK_ANSWER_REFUSED,
    PTRCHECK_ANSWER_OTHER_RCODE,
    PTRCHECK_ANSWER_NETWORK,
    PTRCHECK_ANSWER_BADREPLY,
};

START_TEST(test_failure_is_never_missing)
{
	struct ptrcheck_report rep;

	build_report(&rep, "192.0.2.7", NULL, NULL, 0);
	rep.ptr_answer = failures[_i];
	verdict_decide(&rep);
	ck_assert_int_eq(rep.verdict, PTRCHECK_VERDICT_TEMPORARY);
	/* Asked, and the deadline came first; or never asked at all. */
	rep.ptr_answer = PTRCHECK_ANSWER_PENDING;
	verdict_decide(&rep);
	ck_assert_int_eq(rep.verdict, PTRCHECK_VERDICT_TEMPORARY);
	rep.ptr_answer = PTRCHECK_ANSWER_NONE;
	verdict_decide(&rep);
	ck_assert_int_eq(rep.verdict, PTRCHECK_VERDICT_TEMPORARY);
}
END_TEST

START_TEST(test_warnings)
{
	static const struct ptr_spec two_ok[] = {
	    {"a.example.com.", "confirm"}, {"b.example.com.", "confirm"}};
	static const struct ptr_spec one_ok[] = {
	    {"a.example.com.", "confirm"}, {"b.example.com.", "mismatch"}};
	struct ptrcheck_report rep;

	build_report(&rep, "192.0.2.7", NULL, two_ok, 2);
	verdict_decide(&rep);
	ck_assert(
	    ptrcheck_report_has_warning(&rep, PTRCHECK_WARN_MULTIPLE_PTR));
	ck_assert_int_eq(rep.warnings[0].severity, PTRCHECK_SEVERITY_INFO);
	ck_assert_int_eq(ptrcheck_report_exit(&rep), PTRCHECK_EXIT_OK);

	build_report(&rep, "192.0.2.7", NULL, one_ok, 2);
	verdict_decide(&rep);
	ck_assert_int_eq(rep.verdict, PTRCHECK_VERDICT_PASS);
	ck_assert_int_eq(rep.warnings[0].severity, PTRCHECK_SEVERITY_WARN);
	ck_assert_int_eq(ptrcheck_report_exit(&rep), PTRCHECK_EXIT_WARNING);

	build_report(&rep, "192.0.2.7", NULL, two_ok, 1);
	rep.nptr_seen = 12; /* more than were checked */
	rep.ptrs[0].ttl = 30;
	verdict_decide(&rep);
	ck_assert(
	    ptrcheck_report_has_warning(&rep, PTRCHECK_WARN_TOO_MANY_PTR));
	/* A resolver's TTL counts down in its cache: not judged... */
	ck_assert(!ptrcheck_report_has_warning(&rep, PTRCHECK_WARN_TTL_SHORT));
	/* ...the zone's own server's is (scan --direct, zone data). */
	rep.ptr_aa = true;
	verdict_decide(&rep);
	ck_assert(ptrcheck_report_has_warning(&rep, PTRCHECK_WARN_TTL_SHORT));

	build_report(&rep, "10.0.0.7", NULL, two_ok, 1);
	rep.cname_loop = true;
	verdict_decide(&rep);
	ck_assert_int_eq(rep.verdict, PTRCHECK_VERDICT_PTR_MISSING);
	ck_assert(ptrcheck_report_has_warning(&rep, PTRCHECK_WARN_CNAME_LOOP));
	ck_assert(
	    ptrcheck_report_has_warning(&rep, PTRCHECK_WARN_SPECIAL_ADDRESS));
	ck_assert(!ptrcheck_report_has_warning(&rep, PTRCHECK_WARN_PTR_CNAME));
}
END_TEST

START_TEST(test_forward_cname_and_loop)
{
	static const struct ptr_spec one[] = {
	    {"alias.example.com.", "confirm"}};
	struct ptrcheck_report rep;

	build_report(&rep, "192.0.2.7", NULL, one, 1);
	name_from_text("real.example.com.", &rep.ptrs[0].fwd_chain[0]);
	rep.ptrs[0].nfwd_chain = 1;
	verdict_decide(&rep);
	ck_assert_int_eq(rep.verdict, PTRCHECK_VERDICT_PASS);
	ck_assert(
	    ptrcheck_report_has_warning(&rep, PTRCHECK_WARN_FORWARD_CNAME));

	build_report(&rep, "192.0.2.7", NULL, one, 1);
	rep.ptrs[0].confirms = false;
	rep.ptrs[0].nfwd = 0;
	rep.ptrs[0].fwd_loop = true;
	rep.ptrs[0].fwd_answer = PTRCHECK_ANSWER_SERVFAIL;
	verdict_decide(&rep);
	ck_assert_int_eq(rep.verdict, PTRCHECK_VERDICT_FORWARD_MISSING);
}
END_TEST

static Suite *
verdict_suite(void)
{
	Suite *s = suite_create("verdict");
	TCase *tc = tcase_create("verdict");

	tcase_add_loop_test(tc, test_table, 0, NELEMS(cases));
	tcase_add_loop_test(
	    tc, test_failure_is_never_missing, 0, NELEMS(failures));
	tcase_add_test(tc, test_warnings);
	tcase_add_test(tc, test_forward_cname_and_loop);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(verdict_suite)

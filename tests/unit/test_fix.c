/* test_fix.c - the exact records that repair each verdict. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fix.h"
#include "report_build.h"
#include "unit.h"
#include "verdict.h"

static void
plan_for(struct ptrcheck_report *rep, struct fix_plan *plan)
{
	verdict_decide(rep);
	fix_plan_build(rep, plan);
}

/* want - what the check's own lookups of the wanted name found. */
static void
want(struct ptrcheck_report *rep, const char *name, bool confirms,
    size_t naddrs, const char *zone)
{
	name_from_text(name, &rep->hostname);
	rep->want.name = rep->hostname;
	rep->want.answer =
	    naddrs > 0 ? PTRCHECK_ANSWER_FOUND : PTRCHECK_ANSWER_NODATA;
	rep->want.confirms = confirms;
	rep->want.naddrs = naddrs;
	rep->want.soa.found = true;
	name_from_text(zone, &rep->want.soa.zone);
	name_from_text("hostmaster.example.com.", &rep->want.soa.rname);
}

START_TEST(test_missing_in_zone)
{
	struct ptrcheck_report rep;
	struct fix_plan plan;

	build_report(&rep, "192.0.2.25", "2.0.192.in-addr.arpa.", NULL, 0);
	want(&rep, "mail.example.com.", true, 1, "example.com.");
	plan_for(&rep, &plan);
	ck_assert_uint_eq(
	    plan.nitems, 1); /* the named host has its A already */
	ck_assert_str_eq(plan.items[0].action, "add");
	ck_assert_str_eq(plan.items[0].record,
	    "25.2.0.192.in-addr.arpa. 3600 IN PTR mail.example.com.");
	ck_assert_str_eq(plan.items[0].zone, "2.0.192.in-addr.arpa.");
	ck_assert_int_eq(plan.items[0].zone_source, FIX_ZONE_SOA);
	ck_assert(!plan.placeholder);
	ck_assert_ptr_nonnull(strstr(plan.who, "hostmaster@isp.example"));
}
END_TEST

/* --hostname names a host that does not resolve to the address: the fix
 * brings its A record, in the zone its SOA names, beside its others. */
START_TEST(test_hostname_needs_its_forward_record)
{
	struct ptrcheck_report rep;
	struct fix_plan plan;

	build_report(&rep, "192.0.2.25", "2.0.192.in-addr.arpa.", NULL, 0);
	want(&rep, "mail.example.com.", false, 2, "example.com.");
	plan_for(&rep, &plan);
	ck_assert_uint_eq(plan.nitems, 2);
	ck_assert_str_eq(plan.items[1].action, "add");
	ck_assert_str_eq(
	    plan.items[1].record, "mail.example.com. 3600 IN A 192.0.2.25");
	ck_assert_str_eq(plan.items[1].zone, "example.com.");
	ck_assert_int_eq(plan.items[1].zone_source, FIX_ZONE_SOA);
	ck_assert_ptr_nonnull(strstr(plan.cause, "goes beside them"));
	ck_assert_ptr_nonnull(strstr(plan.who, "hostmaster@example.com"));
}
END_TEST

/* A pass whose PTR is not the --hostname given: pointed there anyway. */
START_TEST(test_hostname_over_a_pass)
{
	static const struct ptr_spec ok[] = {{"other.example.com.", "confirm"}};
	struct ptrcheck_report rep;
	struct fix_plan plan;

	build_report(&rep, "192.0.2.25", "2.0.192.in-addr.arpa.", ok, 1);
	want(&rep, "mail.example.com.", false, 0, "example.com.");
	plan_for(&rep, &plan);
	ck_assert_uint_eq(plan.nitems, 2);
	ck_assert_str_eq(plan.items[0].action, "replace");
	ck_assert_str_eq(plan.items[0].record,
	    "25.2.0.192.in-addr.arpa. 3600 IN PTR mail.example.com.");
	ck_assert_ptr_nonnull(strstr(plan.cause, "has no A record yet"));
}
END_TEST

START_TEST(test_missing_undelegated)
{
	struct ptrcheck_report rep;
	struct fix_plan plan;

	build_report(&rep, "198.18.0.5", NULL, NULL, 0);
	rep.ptr_soa.found = true;
	name_from_text("in-addr.arpa.", &rep.ptr_soa.zone);
	plan_for(&rep, &plan);
	ck_assert_ptr_nonnull(strstr(plan.cause, "not delegated"));
	ck_assert_str_eq(plan.items[0].zone, "0.18.198.in-addr.arpa.");
	ck_assert_int_eq(plan.items[0].zone_source, FIX_ZONE_CONVENTIONAL);
	ck_assert(plan.placeholder);
	/* The placeholder needs both records. */
	ck_assert_uint_eq(plan.nitems, 2);
	ck_assert_str_eq(
	    plan.items[1].record, "mail.example.net. 3600 IN A 198.18.0.5");
}
END_TEST

START_TEST(test_missing_ipv6_conventional)
{
	struct ptrcheck_report rep;
	struct fix_plan plan;

	build_report(&rep, "2001:db8::25", NULL, NULL, 0);
	plan_for(&rep, &plan);
	ck_assert_str_eq(
	    plan.items[0].zone, "0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.");
}
END_TEST

START_TEST(test_forward_missing)
{
	static const struct ptr_spec p[] = {{"mail.example.com.", "missing"}};
	struct ptrcheck_report rep;
	struct fix_plan plan;

	build_report(&rep, "2001:db8::25", NULL, p, 1);
	rep.ptrs[0].fwd_soa.found = true;
	name_from_text("example.com.", &rep.ptrs[0].fwd_soa.zone);
	plan_for(&rep, &plan);
	ck_assert_int_eq(rep.verdict, PTRCHECK_VERDICT_FORWARD_MISSING);
	ck_assert_str_eq(plan.items[0].record,
	    "mail.example.com. 3600 IN AAAA 2001:db8::25");
	ck_assert_str_eq(plan.items[0].zone, "example.com.");
}
END_TEST

START_TEST(test_invalid_missing_dot)
{
	static const struct ptr_spec p[] = {
	    {"mail.example.com.2.0.192.in-addr.arpa.", "confirm"}};
	struct ptrcheck_report rep;
	struct fix_plan plan;

	build_report(&rep, "192.0.2.25", "2.0.192.in-addr.arpa.", p, 1);
	plan_for(&rep, &plan);
	ck_assert_int_eq(rep.verdict, PTRCHECK_VERDICT_PTR_INVALID);
	ck_assert_str_eq(plan.items[0].record,
	    "25.2.0.192.in-addr.arpa. 3600 IN PTR mail.example.com.");
	/* Not looked up here: its address record comes too, in the parent
	 * domain, said to be unconfirmed. */
	ck_assert_str_eq(
	    plan.items[1].record, "mail.example.com. 3600 IN A 192.0.2.25");
	ck_assert_int_eq(plan.items[1].zone_source, FIX_ZONE_PARENT);
	/* The check's own lookup of the name meant says where, and whether. */
	want(&rep, "mail.example.com.", true, 1, "example.com.");
	rep.hostname.len = 0;
	plan_for(&rep, &plan);
	ck_assert_uint_eq(plan.nitems, 1);
}
END_TEST

START_TEST(test_generic_and_pass)
{
	static const struct ptr_spec g[] = {
	    {"dsl-192-0-2-7.dyn.isp.example.", "confirm"}};
	static const struct ptr_spec ok[] = {{"mail.example.com.", "confirm"}};
	struct ptrcheck_report rep;
	struct fix_plan plan;

	build_report(&rep, "192.0.2.7", NULL, g, 1);
	plan_for(&rep, &plan);
	ck_assert_str_eq(plan.items[0].action, "replace");
	ck_assert(plan.placeholder);
	build_report(&rep, "192.0.2.7", NULL, ok, 1);
	plan_for(&rep, &plan);
	ck_assert_uint_eq(plan.nitems, 0);
	ck_assert_str_eq(plan.cause, "");
}
END_TEST

/* The CSV renderer shares the report: a name with a quote byte must not
 * end its field early (RFC 4180 doubles it). */
START_TEST(test_csv_hostile_name)
{
	static const struct ptr_spec p[] = {
	    {"q\\\"t,x.example.com.", "confirm"}};
	struct ptrcheck_report rep;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	build_report(&rep, "192.0.2.7", NULL, p, 1);
	verdict_decide(&rep);
	ptrcheck_report_csv(&rep, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "\"q\\\"\"t,x.example.com.\""));
	free(buf);
}
END_TEST

static Suite *
fix_suite(void)
{
	Suite *s = suite_create("fix");
	TCase *tc = tcase_create("fix");

	tcase_add_test(tc, test_missing_in_zone);
	tcase_add_test(tc, test_hostname_needs_its_forward_record);
	tcase_add_test(tc, test_hostname_over_a_pass);
	tcase_add_test(tc, test_missing_undelegated);
	tcase_add_test(tc, test_missing_ipv6_conventional);
	tcase_add_test(tc, test_forward_missing);
	tcase_add_test(tc, test_invalid_missing_dot);
	tcase_add_test(tc, test_generic_and_pass);
	tcase_add_test(tc, test_csv_hostile_name);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(fix_suite)

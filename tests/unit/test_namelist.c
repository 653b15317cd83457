/* test_namelist.c - the ordered name set of zone gen: each name once,
 * case ignored, order kept, and as fast for the last of many names as for
 * the first (a hash, not a list walk: zone files are large). */
#include <stdio.h>
#include <strings.h>

#include "namelist.h"
#include "unit.h"

START_TEST(test_once_in_order_case_ignored)
{
	struct namelist l = {0};

	ck_assert(!namelist_has(&l, "ns1.example.com."));
	ck_assert(namelist_add(&l, "ns1.example.com."));
	ck_assert(namelist_add(&l, "NS2.example.com."));
	ck_assert(namelist_add(&l, "ns1.EXAMPLE.com."));
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(l.v[0], "ns1.example.com.");
	ck_assert_str_eq(l.v[1], "NS2.example.com.");
	ck_assert(namelist_has(&l, "ns2.example.com."));
	ck_assert(!namelist_has(&l, "ns3.example.com."));
	namelist_fini(&l);
	ck_assert_uint_eq(l.n, 0);
}
END_TEST

START_TEST(test_many_names)
{
	struct namelist l = {0};
	char name[64];
	size_t i;

	for (i = 0; i < 100000; i++) {
		snprintf(name, sizeof(name), "h%zu.big.example.", i);
		ck_assert(namelist_add(&l, name));
	}
	ck_assert_uint_eq(l.n, 100000);
	ck_assert(l.nslots >= 2 * l.n);
	for (i = 0; i < 100000; i += 997) {
		snprintf(name, sizeof(name), "H%zu.BIG.example.", i);
		ck_assert(namelist_has(&l, name));
		ck_assert_int_eq(strcasecmp(l.v[i], name), 0); /* order kept */
	}
	ck_assert(!namelist_has(&l, "h100000.big.example."));
	namelist_fini(&l);
}
END_TEST

static Suite *
namelist_suite(void)
{
	Suite *s = suite_create("namelist");
	TCase *tc = tcase_create("namelist");

	tcase_add_test(tc, test_once_in_order_case_ignored);
	tcase_add_test(tc, test_many_names);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(namelist_suite)

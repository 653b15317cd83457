/* test_arpa.c - PTR owner names and reverse-zone cuts. */
#include "arpa.h"
#include "ptrcheck/ptrcheck.h"
#include "unit.h"

static const struct {
	const char *ip, *owner;
} owner_cases[] = {
    {"192.0.2.25", "25.2.0.192.in-addr.arpa."},
    {"0.0.0.0", "0.0.0.0.in-addr.arpa."},
    {"255.255.255.255", "255.255.255.255.in-addr.arpa."},
    {"::ffff:203.0.113.7", "7.113.0.203.in-addr.arpa."},
    {"2001:db8::25", "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0."
                     "1.0.0.2.ip6.arpa."},
    {"2001:DB8:ABCD:12::1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.1.0.0.d.c.b.a.8."
                            "b.d.0.1.0.0.2.ip6.arpa."},
    {"::", "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
           "ip6.arpa."},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.f.ip6."
        "arpa."},
};

START_TEST(test_owner)
{
	struct ptrcheck_addr a;
	char buf[80];

	ck_assert_int_eq(
	    ptrcheck_addr_parse(owner_cases[_i].ip, &a), PTRCHECK_OK);
	ck_assert_int_eq(
	    ptrcheck_arpa_from_addr(&a, buf, sizeof(buf)), PTRCHECK_OK);
	ck_assert_str_eq(buf, owner_cases[_i].owner);
}
END_TEST

START_TEST(test_owner_small_buffer)
{
	struct ptrcheck_addr a;
	char buf[20];

	ptrcheck_addr_parse("2001:db8::1", &a);
	ck_assert_int_eq(
	    ptrcheck_arpa_from_addr(&a, buf, sizeof(buf)), PTRCHECK_ERANGE);
	ptrcheck_addr_parse("192.0.2.1", &a);
	ck_assert_int_eq(ptrcheck_arpa_from_addr(&a, buf, 10), PTRCHECK_ERANGE);
}
END_TEST

static const struct {
	const char *ip;
	unsigned bits;
	const char *zone; /* NULL: rejected */
} zone_cases[] = {
    {"192.0.2.25", 24, "2.0.192.in-addr.arpa."},
    {"192.0.2.25", 16, "0.192.in-addr.arpa."},
    {"192.0.2.25", 8, "192.in-addr.arpa."},
    {"192.0.2.25", 0, "in-addr.arpa."},
    {"192.0.2.25", 25, NULL},
    {"2001:db8::25", 48, "0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."},
    {"2001:db8::25", 32, "8.b.d.0.1.0.0.2.ip6.arpa."},
    {"2001:db8::25", 50, NULL},
    {"2001:db8::25", 132, NULL},
};

START_TEST(test_zone)
{
	struct ptrcheck_addr a;
	char buf[80];
	enum ptrcheck_status st;

	ptrcheck_addr_parse(zone_cases[_i].ip, &a);
	st = arpa_zone_for_prefix(&a, zone_cases[_i].bits, buf, sizeof(buf));
	if (zone_cases[_i].zone == NULL) {
		ck_assert_int_eq(st, PTRCHECK_EINVAL);
		return;
	}
	ck_assert_int_eq(st, PTRCHECK_OK);
	ck_assert_str_eq(buf, zone_cases[_i].zone);
}
END_TEST

static Suite *
arpa_suite(void)
{
	Suite *s = suite_create("arpa");
	TCase *tc = tcase_create("arpa");

	tcase_add_loop_test(tc, test_owner, 0, NELEMS(owner_cases));
	tcase_add_test(tc, test_owner_small_buffer);
	tcase_add_loop_test(tc, test_zone, 0, NELEMS(zone_cases));
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(arpa_suite)

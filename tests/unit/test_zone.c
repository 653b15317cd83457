/* test_zone.c - prefixes and their reverse zones (RFC 2317 included),
 * owner names back to addresses, and ip,hostname lines. */
#include <string.h>
#include <sys/socket.h>

#include "ptrcheck/ptrcheck.h"
#include "unit.h"

static const struct {
	const char *in;
	bool ok;
	const char *zone, *zone_dash;
	unsigned cut;
} prefixes[] = {
    {"192.0.2.0/24", true, "2.0.192.in-addr.arpa.", NULL, 24},
    {"10.0.0.0/8", true, "10.in-addr.arpa.", NULL, 8},
    {"172.16.0.0/12", true, NULL, NULL, 16},
    {"198.51.100.0/22", true, NULL, NULL, 24},
    {"192.0.2.128/25", true, "128/25.2.0.192.in-addr.arpa.",
        "128-255.2.0.192.in-addr.arpa.", 25},
    {"192.0.2.64/26", true, "64/26.2.0.192.in-addr.arpa.",
        "64-127.2.0.192.in-addr.arpa.", 26},
    {"192.0.2.7/32", true, "7/32.2.0.192.in-addr.arpa.",
        "7-7.2.0.192.in-addr.arpa.", 32},
    {"192.0.2.7", true, "7/32.2.0.192.in-addr.arpa.",
        "7-7.2.0.192.in-addr.arpa.", 32},
    {"2001:db8::/32", true, "8.b.d.0.1.0.0.2.ip6.arpa.", NULL, 32},
    {"2001:db8:1::/48", true, "1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", NULL, 48},
    {"2001:db8::/62", true, NULL, NULL, 64},
    {"0.0.0.0/0", false, NULL, NULL, 0},
    {"::/0", false, NULL, NULL, 0},
    {"192.0.2.0/33", false, NULL, NULL, 0},
    {"2001:db8::/129", false, NULL, NULL, 0},
    {"192.0.2.1/24", false, NULL, NULL, 0},
    {"192.0.2.0/", false, NULL, NULL, 0},
    {"192.0.2.0/-1", false, NULL, NULL, 0},
    {"192.0.2.0/24/1", false, NULL, NULL, 0},
    {"::ffff:192.0.2.0/120", false, NULL, NULL, 0},
    {"example.com/24", false, NULL, NULL, 0},
    {"", false, NULL, NULL, 0},
};

START_TEST(test_prefix)
{
	struct ptrcheck_prefix p;
	char zone[128], err[128];
	enum ptrcheck_status st =
	    ptrcheck_prefix_parse(prefixes[_i].in, &p, err, sizeof(err));

	if (!prefixes[_i].ok) {
		ck_assert_int_eq(st, PTRCHECK_EINVAL);
		ck_assert_uint_gt(strlen(err), 0);
		return;
	}
	ck_assert_int_eq(st, PTRCHECK_OK);
	ck_assert_uint_eq(ptrcheck_prefix_cut(&p), prefixes[_i].cut);
	if (prefixes[_i].zone == NULL) {
		ck_assert_int_eq(
		    ptrcheck_prefix_zone(&p, false, zone, sizeof(zone)),
		    PTRCHECK_EINVAL);
		return;
	}
	ck_assert_int_eq(
	    ptrcheck_prefix_zone(&p, false, zone, sizeof(zone)), PTRCHECK_OK);
	ck_assert_str_eq(zone, prefixes[_i].zone);
	if (prefixes[_i].zone_dash != NULL) {
		ck_assert_int_eq(
		    ptrcheck_prefix_zone(&p, true, zone, sizeof(zone)),
		    PTRCHECK_OK);
		ck_assert_str_eq(zone, prefixes[_i].zone_dash);
	}
}
END_TEST

START_TEST(test_contains)
{
	struct ptrcheck_prefix p;
	struct ptrcheck_addr a;

	ptrcheck_prefix_parse("192.0.2.128/25", &p, NULL, 0);
	ptrcheck_addr_parse("192.0.2.130", &a);
	ck_assert(ptrcheck_prefix_contains(&p, &a));
	ptrcheck_addr_parse("192.0.2.127", &a);
	ck_assert(!ptrcheck_prefix_contains(&p, &a));
	ptrcheck_addr_parse("2001:db8::1", &a);
	ck_assert(!ptrcheck_prefix_contains(&p, &a));
	ptrcheck_prefix_parse("2001:db8::/62", &p, NULL, 0);
	ptrcheck_addr_parse("2001:db8:0:3::1", &a);
	ck_assert(ptrcheck_prefix_contains(&p, &a));
	ptrcheck_addr_parse("2001:db8:0:4::1", &a);
	ck_assert(!ptrcheck_prefix_contains(&p, &a));
}
END_TEST

static const struct {
	const char *owner, *ip; /* ip NULL: rejected */
} arpa[] = {
    {"25.2.0.192.in-addr.arpa.", "192.0.2.25"},
    {"25.2.0.192.IN-ADDR.ARPA", "192.0.2.25"},
    {"130.128/25.2.0.192.in-addr.arpa.", "192.0.2.130"},
    {"130.128-255.2.0.192.in-addr.arpa.", "192.0.2.130"},
    {"5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6."
     "arpa.",
        "2001:db8::25"},
    {"2.0.192.in-addr.arpa.", NULL},
    {"256.2.0.192.in-addr.arpa.", NULL},
    {"x.2.0.192.in-addr.arpa.", NULL},
    {"1.25.2.0.192.in-addr.arpa.", NULL},
    {"25.2.0.192.in-addr.example.", NULL},
    {"g.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6."
     "arpa.",
        NULL},
    {"5.2.ip6.arpa.", NULL},
    {"", NULL},
};

START_TEST(test_arpa_to_addr)
{
	struct ptrcheck_addr a;
	char buf[PTRCHECK_ADDR_TEXT_MAX];
	enum ptrcheck_status st = ptrcheck_arpa_to_addr(arpa[_i].owner, &a);

	if (arpa[_i].ip == NULL) {
		ck_assert_int_eq(st, PTRCHECK_EINVAL);
		return;
	}
	ck_assert_int_eq(st, PTRCHECK_OK);
	ptrcheck_addr_format(&a, buf, sizeof(buf));
	ck_assert_str_eq(buf, arpa[_i].ip);
}
END_TEST

static const struct {
	const char *line;
	int want; /* 1 record, 0 blank, -1 error */
	const char *owner;
} csv[] = {
    {"192.0.2.25,mail.example.com", 1, "mail.example.com."},
    {" 2001:db8::25 , mail6.example.com. ", 1, "mail6.example.com."},
    {"", 0, NULL},
    {"# comment", 0, NULL},
    {"192.0.2.25", -1, NULL},
    {"192.0.2.25,mail.example.com,extra", -1, NULL},
    {"192.0.2,mail.example.com", -1, NULL},
    {"192.0.2.25,bad name.example", -1, NULL},
    {"192.0.2.25,-mail.example.com", -1, NULL},
    {"192.0.2.25,", -1, NULL},
};

START_TEST(test_csv_line)
{
	struct ptrcheck_zrecord r;
	char err[128];
	bool blank;
	bool ok =
	    ptrcheck_hostcsv_line(csv[_i].line, &r, &blank, err, sizeof(err));

	if (csv[_i].want < 0) {
		ck_assert(!ok);
		ck_assert_uint_gt(strlen(err), 0);
		return;
	}
	ck_assert(ok);
	ck_assert(blank == (csv[_i].want == 0));
	if (csv[_i].want == 1)
		ck_assert_str_eq(r.owner, csv[_i].owner);
}
END_TEST

static Suite *
zone_suite(void)
{
	Suite *s = suite_create("zone");
	TCase *tc = tcase_create("zone");

	tcase_add_loop_test(tc, test_prefix, 0, NELEMS(prefixes));
	tcase_add_test(tc, test_contains);
	tcase_add_loop_test(tc, test_arpa_to_addr, 0, NELEMS(arpa));
	tcase_add_loop_test(tc, test_csv_line, 0, NELEMS(csv));
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(zone_suite)

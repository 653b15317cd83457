/* test_addr.c - address parsing, RFC 5952 text, special ranges, servers. */
#include <string.h>
#include <sys/socket.h>

#include "ptrcheck/ptrcheck.h"
#include "unit.h"

static const struct {
	const char *in;
	int family;      /* 0: must be rejected */
	const char *out; /* RFC 5952 form */
} parse_cases[] = {
    {"192.0.2.25", AF_INET, "192.0.2.25"},
    {"0.0.0.0", AF_INET, "0.0.0.0"},
    {"255.255.255.255", AF_INET, "255.255.255.255"},
    {"2001:db8::25", AF_INET6, "2001:db8::25"},
    {"2001:0DB8:0000:0000:0000:0000:0000:0025", AF_INET6, "2001:db8::25"},
    {"2001:db8:0:0:1:0:0:1", AF_INET6, "2001:db8::1:0:0:1"},
    {"2001:db8:0:1:1:1:1:1", AF_INET6, "2001:db8:0:1:1:1:1:1"},
    {"::ffff:192.0.2.25", AF_INET, "192.0.2.25"},
    {"::FFFF:c000:0219", AF_INET, "192.0.2.25"},
    {"::1", AF_INET6, "::1"},
    {"::", AF_INET6, "::"},
    {"192.0.2", 0, NULL},   /* short form */
    {"010.0.0.1", 0, NULL}, /* octal-looking */
    {"0x7f.0.0.1", 0, NULL},
    {"1.2.3.4.5", 0, NULL},
    {"256.1.1.1", 0, NULL},
    {"fe80::1%eth0", 0, NULL}, /* zone id */
    {"2001:db8::25/64", 0, NULL},
    {" 192.0.2.1", 0, NULL},
    {"", 0, NULL},
    {"mail.example.com", 0, NULL},
    {"2001:db8:::1", 0, NULL},
};

START_TEST(test_parse)
{
	struct ptrcheck_addr a;
	char buf[PTRCHECK_ADDR_TEXT_MAX];
	enum ptrcheck_status st = ptrcheck_addr_parse(parse_cases[_i].in, &a);

	if (parse_cases[_i].family == 0) {
		ck_assert_int_eq(st, PTRCHECK_EINVAL);
		return;
	}
	ck_assert_int_eq(st, PTRCHECK_OK);
	ck_assert_int_eq(a.family, parse_cases[_i].family);
	ptrcheck_addr_format(&a, buf, sizeof(buf));
	ck_assert_str_eq(buf, parse_cases[_i].out);
}
END_TEST

START_TEST(test_parse_long_input)
{
	char big[4096];
	struct ptrcheck_addr a;

	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ck_assert_int_eq(ptrcheck_addr_parse(big, &a), PTRCHECK_EINVAL);
	ck_assert_int_eq(ptrcheck_addr_parse(NULL, &a), PTRCHECK_EINVAL);
}
END_TEST

static const struct {
	const char *in;
	bool special;
} special_cases[] = {
    {"10.1.2.3", true},
    {"172.16.0.1", true},
    {"172.31.255.255", true},
    {"172.32.0.1", false},
    {"192.168.1.1", true},
    {"100.64.0.1", true},
    {"100.128.0.1", false},
    {"127.0.0.1", true},
    {"169.254.1.1", true},
    {"192.0.2.1", false},
    {"8.8.8.8", false},
    {"::1", true},
    {"fd00::1", true},
    {"fe80::1", true},
    {"2001:db8::1", false},
    {"::ffff:10.0.0.1", true},
};

START_TEST(test_special)
{
	struct ptrcheck_addr a;

	ck_assert_int_eq(
	    ptrcheck_addr_parse(special_cases[_i].in, &a), PTRCHECK_OK);
	ck_assert_msg(
	    (ptrcheck_addr_special(&a) != NULL) == special_cases[_i].special,
	    "%s", special_cases[_i].in);
}
END_TEST

static const struct {
	const char *in;
	const char *addr; /* NULL: rejected */
	unsigned port;
} server_cases[] = {
    {"127.0.0.1", "127.0.0.1", 53},
    {"127.0.0.1:5300", "127.0.0.1", 5300},
    {"[::1]:5353", "::1", 5353},
    {"::1", "::1", 53},
    {"2001:db8::1", "2001:db8::1", 53},
    {"127.0.0.1:0", NULL, 0},
    {"127.0.0.1:65536", NULL, 0},
    {"127.0.0.1:", NULL, 0},
    {"[::1]", NULL, 0},
    {"[::1]:x", NULL, 0},
    {"localhost", NULL, 0},
    {"1.2.3.4:53:53", NULL, 0},
};

START_TEST(test_server)
{
	struct ptrcheck_server s;
	char buf[PTRCHECK_ADDR_TEXT_MAX];
	enum ptrcheck_status st =
	    ptrcheck_server_parse(server_cases[_i].in, &s);

	if (server_cases[_i].addr == NULL) {
		ck_assert_int_eq(st, PTRCHECK_EINVAL);
		return;
	}
	ck_assert_int_eq(st, PTRCHECK_OK);
	ptrcheck_addr_format(&s.addr, buf, sizeof(buf));
	ck_assert_str_eq(buf, server_cases[_i].addr);
	ck_assert_uint_eq(s.port, server_cases[_i].port);
}
END_TEST

START_TEST(test_exit_combine)
{
	ck_assert_int_eq(ptrcheck_exit_combine(
	                     PTRCHECK_EXIT_UNKNOWN, PTRCHECK_EXIT_CRITICAL),
	    PTRCHECK_EXIT_CRITICAL);
	ck_assert_int_eq(
	    ptrcheck_exit_combine(PTRCHECK_EXIT_WARNING, PTRCHECK_EXIT_UNKNOWN),
	    PTRCHECK_EXIT_WARNING);
	ck_assert_int_eq(
	    ptrcheck_exit_combine(PTRCHECK_EXIT_OK, PTRCHECK_EXIT_UNKNOWN),
	    PTRCHECK_EXIT_UNKNOWN);
	ck_assert_int_eq(
	    ptrcheck_exit_combine(PTRCHECK_EXIT_OK, PTRCHECK_EXIT_OK),
	    PTRCHECK_EXIT_OK);
	ck_assert_int_eq(ptrcheck_verdict_exit(PTRCHECK_VERDICT_TEMPORARY),
	    PTRCHECK_EXIT_UNKNOWN);
	ck_assert_int_eq(ptrcheck_verdict_exit(PTRCHECK_VERDICT_PTR_GENERIC),
	    PTRCHECK_EXIT_WARNING);
	ck_assert_int_eq(ptrcheck_verdict_exit(PTRCHECK_VERDICT_PTR_INVALID),
	    PTRCHECK_EXIT_CRITICAL);
	ck_assert_str_eq(
	    ptrcheck_verdict_name(PTRCHECK_VERDICT_FORWARD_MISMATCH),
	    "forward-mismatch");
}
END_TEST

static Suite *
addr_suite(void)
{
	Suite *s = suite_create("addr");
	TCase *tc = tcase_create("addr");

	tcase_add_loop_test(tc, test_parse, 0, NELEMS(parse_cases));
	tcase_add_test(tc, test_parse_long_input);
	tcase_add_loop_test(tc, test_special, 0, NELEMS(special_cases));
	tcase_add_loop_test(tc, test_server, 0, NELEMS(server_cases));
	tcase_add_test(tc, test_exit_combine);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(addr_suite)

/* test_name.c - wire-format names: parsing, comparing, judging, hostile
 * bytes, and the size limits (63-octet labels, 255-octet names). */
#include <string.h>

#include "name.h"
#include "unit.h"

static char *
repeat(char *buf, char c, size_t n)
{
	memset(buf, c, n);
	buf[n] = '\0';
	return buf;
}

static const struct {
	const char *in;
	const char *text; /* NULL: rejected */
	unsigned labels;
} parse_cases[] = {
    {"mail.example.com", "mail.example.com.", 3},
    {"mail.example.com.", "mail.example.com.", 3},
    {".", ".", 0},
    {"MX\\.trap.example.", "MX\\.trap.example.", 2},
    {"a\\000b.example.", "a\\000b.example.", 2},
    {"mail\\027evil.example.", "mail\\027evil.example.", 2},
    {"x\\\\y.example.", "x\\\\y.example.", 2},
    {"q\\\"t.example.", "q\\\"t.example.", 2},
    {"sp\\032ace.example.", "sp\\032ace.example.", 2},
    {"hi\\255bit.example.", "hi\\255bit.example.", 2},
    {"128/25.2.0.192.in-addr.arpa.", "128/25.2.0.192.in-addr.arpa.", 6},
    {"a..b", NULL, 0},
    {"", NULL, 0}, /* found by fuzz_name: became the invalid name 00 00 */
    {"..", NULL, 0},
    {".a", NULL, 0},
    {"bad\\256.example", NULL, 0},
    {"bad\\25", NULL, 0},
    {"trailing\\", NULL, 0},
};

START_TEST(test_parse)
{
	struct dname n;
	char buf[PTRCHECK_NAME_TEXT_MAX];
	enum ptrcheck_status st = name_from_text(parse_cases[_i].in, &n);

	if (parse_cases[_i].text == NULL) {
		ck_assert_int_eq(st, PTRCHECK_EINVAL);
		return;
	}
	ck_assert_int_eq(st, PTRCHECK_OK);
	ck_assert_str_eq(name_text(&n, buf, sizeof(buf)), parse_cases[_i].text);
	ck_assert_uint_eq(name_label_count(&n), parse_cases[_i].labels);
}
END_TEST

START_TEST(test_limits)
{
	char label[80], name[600];
	struct dname n;
	size_t i;

	snprintf(name, sizeof(name), "%s.example.", repeat(label, 'a', 63));
	ck_assert_int_eq(name_from_text(name, &n), PTRCHECK_OK);
	snprintf(name, sizeof(name), "%s.example.", repeat(label, 'a', 64));
	ck_assert_int_eq(name_from_text(name, &n), PTRCHECK_EINVAL);
	/* 4 labels of 63 + a 1-octet label: 4*64 + 2 + 1 = 259 > 255. */
	name[0] = '\0';
	for (i = 0; i < 4; i++) {
		strcat(name, repeat(label, 'b', 63));
		strcat(name, ".");
	}
	ck_assert_int_eq(name_from_text(name, &n), PTRCHECK_EINVAL);
	/* 3 labels of 63 + one of 61: 3*64 + 62 + 1 = 255, the maximum. */
	name[0] = '\0';
	for (i = 0; i < 3; i++) {
		strcat(name, repeat(label, 'c', 63));
		strcat(name, ".");
	}
	strcat(name, repeat(label, 'd', 61));
	ck_assert_int_eq(name_from_text(name, &n), PTRCHECK_OK);
	ck_assert_uint_eq(n.len, 255);
	strcat(name, "d");
	ck_assert_int_eq(name_from_text(name, &n), PTRCHECK_EINVAL);
}
END_TEST

START_TEST(test_from_wire)
{
	static const uint8_t good[] = {4, 'm', 'a', 'i', 'l', 2, 'e', 'x', 0};
	static const uint8_t no_root[] = {4, 'm', 'a', 'i', 'l'};
	static const uint8_t long_label[] = {64, 'x'};
	static const uint8_t trailing[] = {1, 'a', 0, 0};
	struct dname n;

	ck_assert_int_eq(name_from_wire(good, sizeof(good), &n), PTRCHECK_OK);
	ck_assert_int_eq(
	    name_from_wire(no_root, sizeof(no_root), &n), PTRCHECK_EINVAL);
	ck_assert_int_eq(name_from_wire(long_label, sizeof(long_label), &n),
	    PTRCHECK_EINVAL);
	ck_assert_int_eq(
	    name_from_wire(trailing, sizeof(trailing), &n), PTRCHECK_EINVAL);
	ck_assert_int_eq(name_from_wire(good, 0, &n), PTRCHECK_EINVAL);
}
END_TEST

static const struct {
	const char *in;
	enum name_problem want;
} host_cases[] = {
    {"mail.example.com.", NAME_OK},
    {"mail-1.example.com.", NAME_OK},
    {"_dmarc.example.com.", NAME_OK}, /* Postfix accepts underscores */
    {"xn--bcher-kva.example.", NAME_OK},
    {".", NAME_ROOT},
    {"localhost.", NAME_SINGLE_LABEL},
    {"a\\000b.example.", NAME_NUL},
    {"mail\\027evil.example.", NAME_CONTROL},
    {"line\\010feed.example.", NAME_CONTROL},
    {"mx\\.trap.example.", NAME_LABEL_DOT},
    {"hi\\200.example.", NAME_NON_ASCII},
    {"sp\\032ace.example.", NAME_BAD_CHAR},
    {"a*b.example.", NAME_BAD_CHAR},
    {"*.example.", NAME_BAD_CHAR},
    {"-mail.example.", NAME_HYPHEN},
    {"mail-.example.", NAME_HYPHEN},
    {"192.0.2.23.", NAME_NUMERIC_TLD},
    {"mail.example.2.0.192.in-addr.arpa.", NAME_UNDER_ARPA},
    {"x.8.b.d.0.1.0.0.2.IP6.ARPA.", NAME_UNDER_ARPA},
    {"in-addr.arpa.example.", NAME_OK},
};

START_TEST(test_check_host)
{
	struct dname n;

	ck_assert_int_eq(name_from_text(host_cases[_i].in, &n), PTRCHECK_OK);
	ck_assert_msg(name_check_host(&n) == host_cases[_i].want,
	    "%s: got %d want %d", host_cases[_i].in, name_check_host(&n),
	    host_cases[_i].want);
	ck_assert_ptr_nonnull(name_problem_text(host_cases[_i].want));
}
END_TEST

START_TEST(test_compare)
{
	struct dname a, b, zone, out;
	char buf[PTRCHECK_NAME_TEXT_MAX];

	name_from_text("Mail.Example.COM.", &a);
	name_from_text("mail.example.com", &b);
	ck_assert(name_equal(&a, &b));
	name_from_text("mx\\.trap.example.", &a);
	name_from_text("mx.trap.example.", &b);
	ck_assert(!name_equal(&a, &b));
	name_from_text("trap.example.", &zone);
	ck_assert(name_is_under(&b, &zone));
	ck_assert(
	    !name_is_under(&a, &zone)); /* one label "mx.trap" under example. */
	name_from_text("mail.good.example.2.0.192.in-addr.arpa.", &a);
	name_from_text("2.0.192.IN-ADDR.arpa.", &zone);
	ck_assert(name_strip_zone(&a, &zone, &out));
	ck_assert_str_eq(
	    name_text(&out, buf, sizeof(buf)), "mail.good.example.");
	ck_assert(!name_strip_zone(&zone, &zone, &out));
	name_from_text("example.", &a);
	ck_assert(!name_is_under(&a, &zone));
}
END_TEST

START_TEST(test_parent)
{
	struct dname n, out;
	char buf[PTRCHECK_NAME_TEXT_MAX];

	name_from_text("128/25.2.0.192.in-addr.arpa.", &n);
	ck_assert(name_parent(&n, &out));
	ck_assert_str_eq(
	    name_text(&out, buf, sizeof(buf)), "2.0.192.in-addr.arpa.");
	ck_assert(name_parent(&out, &out)); /* in place */
	ck_assert_str_eq(
	    name_text(&out, buf, sizeof(buf)), "0.192.in-addr.arpa.");
	name_from_text("arpa.", &n);
	ck_assert(name_parent(&n, &out));
	ck_assert_uint_eq(out.len, 1); /* the root */
	ck_assert(!name_parent(&out, &n));
}
END_TEST

static Suite *
name_suite(void)
{
	Suite *s = suite_create("name");
	TCase *tc = tcase_create("name");

	tcase_add_loop_test(tc, test_parse, 0, NELEMS(parse_cases));
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_from_wire);
	tcase_add_loop_test(tc, test_check_host, 0, NELEMS(host_cases));
	tcase_add_test(tc, test_compare);
	tcase_add_test(tc, test_parent);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(name_suite)

/* test_policy.c - the policy protocol parser: requests as Postfix sends
 * them, unknown attributes, and the input that must close a connection. */
#include <string.h>

#include "policy.h"
#include "unit.h"

/* feed - every line of text; the status of the last one. */
static enum policy_status
feed(struct policy_parser *p, const char *text)
{
	enum policy_status st = POLICY_MORE;
	const char *nl;

	while ((nl = strchr(text, '\n')) != NULL) {
		st = policy_feed_line(p, text, (size_t)(nl - text));
		if (st == POLICY_ERROR)
			return st;
		text = nl + 1;
	}
	return st;
}

START_TEST(test_request)
{
	struct policy_parser p;

	policy_parser_init(&p);
	ck_assert_int_eq(
	    feed(&p,
	        "request=smtpd_access_policy\nprotocol_state=RCPT\n"
	        "protocol_name=ESMTP\nclient_address=2001:db8::25\nclient_name="
	        "unknown\n"
	        "helo_name=mail.example.com\nsasl_username=\ninstance=1a2b.3c\n"
	        "ccert_subject=x=y=z\nsize=0\n\n"),
	    POLICY_DONE);
	ck_assert(policy_is_access_request(&p.req));
	ck_assert_str_eq(p.req.protocol_state, "RCPT");
	ck_assert_str_eq(p.req.client_address, "2001:db8::25");
	ck_assert_str_eq(p.req.helo_name, "mail.example.com");
	ck_assert_str_eq(p.req.sasl_username, "");
	ck_assert_str_eq(p.req.instance, "1a2b.3c");
	ck_assert_uint_eq(p.req.nattrs, 10);
	/* the next request starts afresh on the same connection */
	ck_assert_int_eq(
	    feed(&p, "request=smtpd_access_policy\nprotocol_state=DATA\n\n"),
	    POLICY_DONE);
	ck_assert_str_eq(p.req.protocol_state, "DATA");
	ck_assert_str_eq(p.req.client_address, "");
}
END_TEST

/* A request typed by hand (telnet, nc -C) ends its lines with CRLF. */
START_TEST(test_crlf)
{
	struct policy_parser p;

	policy_parser_init(&p);
	ck_assert_int_eq(
	    feed(&p, "request=smtpd_access_policy\r\nprotocol_state="
	             "RCPT\r\nclient_address=192.0.2.1\r\n\r\n"),
	    POLICY_DONE);
	ck_assert_str_eq(p.req.client_address, "192.0.2.1");
	ck_assert_str_eq(p.req.protocol_state, "RCPT");
}
END_TEST

START_TEST(test_long_value_is_cut_not_refused)
{
	struct policy_parser p;
	char line[600];

	policy_parser_init(&p);
	memset(line, 'a', sizeof(line));
	memcpy(line, "helo_name=", 10);
	ck_assert_int_eq(policy_feed_line(&p, line, sizeof(line)), POLICY_MORE);
	ck_assert_uint_eq(strlen(p.req.helo_name), POLICY_VALUE_MAX - 1);
}
END_TEST

static const struct {
	const char *input;
	const char *why;
} bad[] = {
    {"\n", "an empty request"},
    {"no equals sign\n", "without name=value"},
    {"=value\n", "not a lower-case word"},
    {"Client_Address=1.2.3.4\n", "not a lower-case word"},
    {"client address=1.2.3.4\n", "not a lower-case word"},
};

START_TEST(test_malformed)
{
	struct policy_parser p;

	policy_parser_init(&p);
	ck_assert_int_eq(feed(&p, bad[_i].input), POLICY_ERROR);
	ck_assert_ptr_nonnull(strstr(p.err, bad[_i].why));
}
END_TEST

START_TEST(test_limits)
{
	struct policy_parser p;
	static char big[POLICY_LINE_MAX + 2];
	size_t i;

	policy_parser_init(&p);
	memset(big, 'x', sizeof(big));
	memcpy(big, "x=", 2);
	ck_assert_int_eq(
	    policy_feed_line(&p, big, POLICY_LINE_MAX + 1), POLICY_ERROR);
	ck_assert_int_eq(
	    policy_feed_line(&p, big, POLICY_LINE_MAX), POLICY_MORE);
	policy_parser_init(&p);
	for (i = 0; i < POLICY_ATTRS_MAX; i++)
		ck_assert_int_eq(
		    policy_feed_line(&p, "size=1", 6), POLICY_MORE);
	ck_assert_int_eq(policy_feed_line(&p, "size=1", 6), POLICY_ERROR);
	policy_parser_init(&p);
	ck_assert_int_eq(policy_feed_line(&p, "size=1\0x", 8), POLICY_ERROR);
}
END_TEST

static Suite *
policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("policy");

	tcase_add_test(tc, test_request);
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_long_value_is_cut_not_refused);
	tcase_add_loop_test(tc, test_malformed, 0, NELEMS(bad));
	tcase_add_test(tc, test_limits);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(policy_suite)

/* test_decide.c - ptrcheckd's replies as a table: each verdict under the
 * default rule, the other rules, warn mode, tempfail, allowlists, the
 * Authentication-Results header, and the requests that need no DNS. */
#include <string.h>
#include <sys/socket.h>

#include "config.h"
#include "decide.h"
#include "tempfail.h"
#include "unit.h"

static struct facts
F(enum ptrcheck_verdict v, const char *ptr, const char *confirmed) {
	struct facts f;

	memset(&f, 0, sizeof(f));
	f.verdict = v;
	strcpy(f.ptr, ptr);
	strcpy(f.confirmed, confirmed);
	return f;
}

static const char *
run(const struct config *c, const char *ip, struct facts f, bool add_header,
    struct decision *d)
{
	struct ptrcheck_addr a;

	ck_assert_int_eq(ptrcheck_addr_parse(ip, &a), PTRCHECK_OK);
	decide(c, &a, &f, add_header, d);
	return d->action;
}

static const struct {
	enum ptrcheck_verdict v;
	const char *ptr, *confirmed, *want_prefix, *want_text;
} defaults[] = {
    {PTRCHECK_VERDICT_PASS, "mail.example.com.", "mail.example.com.", "DUNNO",
        ""},
    {PTRCHECK_VERDICT_PTR_GENERIC, "dsl-1.dyn.isp.example.",
        "dsl-1.dyn.isp.example.", "DUNNO", ""},
    {PTRCHECK_VERDICT_PTR_MISSING, "", "",
        "550 5.7.25 Client host [192.0.2.25] rejected: ", "no PTR record"},
    {PTRCHECK_VERDICT_FORWARD_MISSING, "mail.example.com.", "", "550 5.7.25 ",
        "mail.example.com. has no address record"},
    {PTRCHECK_VERDICT_FORWARD_MISMATCH, "mail.example.com.", "", "550 5.7.25 ",
        "the PTR name mail.example.com. does not resolve back to 192.0.2.25 "
        "(forward-confirmed reverse DNS required)"},
    {PTRCHECK_VERDICT_PTR_INVALID, "mail\\027x.example.", "", "550 5.7.25 ",
        "not a valid host name"},
    {PTRCHECK_VERDICT_TEMPORARY, "", "", "450 4.7.25 ", "failed temporarily"},
};

START_TEST(test_default_rule)
{
	struct config c;
	struct decision d;

	config_defaults(&c);
	run(&c, "192.0.2.25",
	    F(defaults[_i].v, defaults[_i].ptr, defaults[_i].confirmed), true,
	    &d);
	ck_assert_msg(strncmp(d.action, defaults[_i].want_prefix,
	                  strlen(defaults[_i].want_prefix)) == 0,
	    "%s: %s", ptrcheck_verdict_name(defaults[_i].v), d.action);
	ck_assert_msg(
	    strstr(d.action, defaults[_i].want_text) != NULL, "%s", d.action);
	ck_assert(strncmp(d.action, "OK", 2) != 0);
}
END_TEST

START_TEST(test_rules)
{
	struct config c;
	struct decision d;
	char err[200];

	config_defaults(&c);
	ck_assert(
	    config_set(&c, "require", "fcrdns-not-generic", err, sizeof(err)));
	run(&c, "192.0.2.25",
	    F(PTRCHECK_VERDICT_PTR_GENERIC, "dsl-1.dyn.isp.example.",
	        "dsl-1.dyn.isp.example."),
	    false, &d);
	ck_assert_int_eq(d.outcome, OUTCOME_REJECT);
	ck_assert(strstr(d.action, "generic name") != NULL);
	ck_assert(config_set(&c, "require", "ptr", err, sizeof(err)));
	run(&c, "192.0.2.25",
	    F(PTRCHECK_VERDICT_FORWARD_MISMATCH, "a.example.", ""), false, &d);
	ck_assert_str_eq(d.action, "DUNNO");
	ck_assert_int_eq(d.outcome, OUTCOME_LOGGED);
	ck_assert(
	    config_set(&c, "on-forward-mismatch", "defer", err, sizeof(err)));
	run(&c, "192.0.2.25",
	    F(PTRCHECK_VERDICT_FORWARD_MISMATCH, "a.example.", ""), false, &d);
	ck_assert(strncmp(d.action, "450 4.7.25 ", 11) == 0);
	ck_assert(!config_set(&c, "on-pass", "reject", err, sizeof(err)));
	ck_assert(!config_set(&c, "require", "everything", err, sizeof(err)));
}
END_TEST

START_TEST(test_tempfail_never_5xx)
{
	struct config c;
	struct decision d;
	char err[200];
	struct facts t = F(PTRCHECK_VERDICT_TEMPORARY, "", "");

	config_defaults(&c);
	ck_assert(config_set(
	    &c, "tempfail-action", "defer_if_permit", err, sizeof(err)));
	run(&c, "2001:db8::25", t, false, &d);
	ck_assert(
	    strncmp(d.action,
	        "DEFER_IF_PERMIT 4.7.25 Client host [2001:db8::25]", 48) == 0);
	ck_assert(config_set(&c, "tempfail-action", "dunno", err, sizeof(err)));
	run(&c, "2001:db8::25", t, false, &d);
	ck_assert_str_eq(d.action, "DUNNO");
	/* even when every verdict is set to reject */
	ck_assert(config_set(&c, "tempfail-action", "defer", err, sizeof(err)));
	run(&c, "2001:db8::25", t, false, &d);
	ck_assert(d.action[0] == '4');
}
END_TEST

/* The first-deferral table: the first time is kept while the trouble
 * lasts; a real answer (forget) or a pause longer than keep ends it; a
 * full neighbourhood refuses rather than evicting a live client. */
START_TEST(test_tempfail_table)
{
	struct tempfail *t = tempfail_new();
	struct ptrcheck_addr a, b;

	ck_assert_ptr_nonnull(t);
	ptrcheck_addr_parse("192.0.2.1", &a);
	ptrcheck_addr_parse("2001:db8::1", &b);
	ck_assert_uint_eq(tempfail_first(t, &a, 1000, 500), 0);
	ck_assert(tempfail_note(t, &a, 1000, 500));
	ck_assert(tempfail_note(t, &a, 1400, 500));
	ck_assert_uint_eq(tempfail_first(t, &a, 1800, 500), 1000);
	ck_assert_uint_eq(tempfail_first(t, &b, 1800, 500), 0);
	/* no deferral for longer than keep: the trouble was over */
	ck_assert_uint_eq(tempfail_first(t, &a, 2000, 500), 0);
	ck_assert(tempfail_note(t, &a, 2000, 500));
	ck_assert_uint_eq(tempfail_first(t, &a, 2100, 500), 2000);
	tempfail_forget(t, &a);
	ck_assert_uint_eq(tempfail_first(t, &a, 2100, 500), 0);
	tempfail_free(t);
}
END_TEST

/* Past tempfail-max-age: DUNNO, or the header in header mode; a
 * temporary never becomes a 5xx, and the outcome says why. */
START_TEST(test_capped)
{
	struct config c;
	struct decision d;
	struct ptrcheck_addr a;
	char err[200];
	struct facts t = F(PTRCHECK_VERDICT_TEMPORARY, "", "");

	config_defaults(&c);
	ck_assert_uint_eq(c.tempfail_max_age_s, 6 * 3600);
	ck_assert(config_set(&c, "tempfail-max-age", "30m", err, sizeof(err)));
	ck_assert_uint_eq(c.tempfail_max_age_s, 1800);
	ck_assert(!config_set(&c, "tempfail-max-age", "2d", err, sizeof(err)));
	ptrcheck_addr_parse("192.0.2.1", &a);
	decide_capped(&c, &a, &t, true, &d);
	ck_assert_str_eq(d.action, "DUNNO");
	ck_assert_int_eq(d.outcome, OUTCOME_TEMPFAIL_CAPPED);
	ck_assert_str_eq(outcome_name(d.outcome), "tempfail-capped");
	ck_assert(
	    config_set(&c, "authserv-id", "mx.example", err, sizeof(err)));
	decide_capped(&c, &a, &t, true, &d);
	ck_assert(strncmp(d.action,
	              "PREPEND Authentication-Results: mx.example; "
	              "iprev=temperror",
	              59) == 0);
	ck_assert_ptr_nonnull(strstr(d.action, "tempfail-max-age"));
}
END_TEST

START_TEST(test_warn_mode_and_header)
{
	struct config c;
	struct decision d;
	char err[200];

	config_defaults(&c);
	ck_assert(config_set(&c, "mode", "warn", err, sizeof(err)));
	run(&c, "192.0.2.13",
	    F(PTRCHECK_VERDICT_FORWARD_MISMATCH, "elsewhere.example.", ""),
	    true, &d);
	ck_assert_str_eq(d.action, "DUNNO");
	ck_assert_int_eq(d.outcome, OUTCOME_WOULD_REJECT);
	ck_assert(
	    config_set(&c, "authserv-id", "mx.example.net", err, sizeof(err)));
	run(&c, "192.0.2.13",
	    F(PTRCHECK_VERDICT_FORWARD_MISMATCH, "elsewhere.example.", ""),
	    true, &d);
	ck_assert(d.prepended);
	ck_assert_msg(strncmp(d.action,
	                  "PREPEND Authentication-Results: mx.example.net; "
	                  "iprev=fail policy.iprev=192.0.2.13 "
	                  "(elsewhere.example.; would 550 5.7.25 ",
	                  109) == 0,
	    "%s", d.action);
	/* once per message: the caller says the header is already there */
	run(&c, "192.0.2.13",
	    F(PTRCHECK_VERDICT_FORWARD_MISMATCH, "elsewhere.example.", ""),
	    false, &d);
	ck_assert_str_eq(d.action, "DUNNO");
	ck_assert(config_set(&c, "mode", "enforce", err, sizeof(err)));
	run(&c, "192.0.2.10",
	    F(PTRCHECK_VERDICT_PASS, "mail.example.", "mail.example."), true,
	    &d);
	ck_assert_str_eq(d.action,
	    "PREPEND Authentication-Results: mx.example.net; iprev=pass "
	    "policy.iprev=192.0.2.10 (mail.example.)");
	run(&c, "192.0.2.11", F(PTRCHECK_VERDICT_PTR_MISSING, "", ""), true,
	    &d);
	ck_assert(strncmp(d.action, "550 ", 4) ==
	          0); /* a rejection carries no header */
	ck_assert(config_set(&c, "tempfail-action", "dunno", err, sizeof(err)));
	run(&c, "192.0.2.26", F(PTRCHECK_VERDICT_TEMPORARY, "", ""), true, &d);
	ck_assert(strstr(d.action, "iprev=temperror") != NULL);
	/* a hostile name cannot end the comment early */
	run(&c, "192.0.2.10",
	    F(PTRCHECK_VERDICT_PASS, "a(b).example.", "a)(b.example."), true,
	    &d);
	ck_assert(strstr(d.action, "(a\\)\\(b.example.)") != NULL);
}
END_TEST

START_TEST(test_allowlists)
{
	struct config c;
	struct decision d;
	char err[200];

	config_defaults(&c);
	ck_assert(config_set(
	    &c, "allow-name", "*.partner.example", err, sizeof(err)));
	run(&c, "192.0.2.13",
	    F(PTRCHECK_VERDICT_PTR_GENERIC, "dsl-1.partner.example.",
	        "dsl-1.Partner.Example."),
	    false, &d);
	ck_assert_int_eq(d.outcome, OUTCOME_ALLOWLISTED_NAME);
	/* an unconfirmed PTR name is whatever the block's holder wrote: no */
	run(&c, "192.0.2.13",
	    F(PTRCHECK_VERDICT_FORWARD_MISMATCH, "mx.partner.example.", ""),
	    false, &d);
	ck_assert_int_eq(d.outcome, OUTCOME_REJECT);
	/* the suffix itself is not under *.suffix */
	run(&c, "192.0.2.13",
	    F(PTRCHECK_VERDICT_PTR_GENERIC, "partner.example.",
	        "partner.example."),
	    false, &d);
	ck_assert_int_ne(d.outcome, OUTCOME_ALLOWLISTED_NAME);
}
END_TEST

static struct policy_request
R(const char *state, const char *addr, const char *sasl) {
	struct policy_request r;

	memset(&r, 0, sizeof(r));
	strcpy(r.request, "smtpd_access_policy");
	strcpy(r.protocol_state, state);
	strcpy(r.client_address, addr);
	strcpy(r.sasl_username, sasl);
	return r;
}

START_TEST(test_early)
{
	struct config c;
	struct decision d;
	struct ptrcheck_addr a;
	struct policy_request r;
	bool special;
	char err[200];

	config_defaults(&c);
	r = R("CONNECT", "192.0.2.11", "");
	ck_assert(decide_early(&c, &r, &a, &special, &d));
	ck_assert_int_eq(d.outcome, OUTCOME_NOT_THIS_STATE);
	r = R("rcpt", "192.0.2.11", "alice");
	ck_assert(decide_early(&c, &r, &a, &special, &d));
	ck_assert_int_eq(d.outcome, OUTCOME_AUTHENTICATED);
	r = R("RCPT", "10.1.2.3", "");
	ck_assert(decide_early(&c, &r, &a, &special, &d));
	ck_assert_int_eq(d.outcome, OUTCOME_SPECIAL_ADDRESS);
	ck_assert(special);
	ck_assert(config_set(&c, "exempt-special", "no", err, sizeof(err)));
	ck_assert(!decide_early(&c, &r, &a, &special, &d));
	ck_assert(
	    config_set(&c, "allow-network", "10.0.0.0/8", err, sizeof(err)));
	ck_assert(decide_early(&c, &r, &a, &special, &d));
	ck_assert_int_eq(d.outcome, OUTCOME_ALLOWLISTED_NETWORK);
	r = R("RCPT", "::ffff:192.0.2.11", "");
	ck_assert(!decide_early(&c, &r, &a, &special, &d));
	ck_assert_int_eq(a.family, AF_INET);
	r = R("RCPT", "not-an-address", "");
	ck_assert(decide_early(&c, &r, &a, &special, &d));
	ck_assert_str_eq(d.action, "DUNNO");
}
END_TEST

START_TEST(test_config_file)
{
	static const char text[] =
	    "# ptrcheckd.conf\n"
	    "listen = 127.0.0.1:10040\n"
	    "listen = unix:/var/spool/postfix/private/ptrcheckd\n"
	    "  resolver = 127.10.0.1  \n\n"
	    "require = fcrdns\nmode = warn\nrequest-timeout = 4s\nidle-timeout "
	    "= 330\n"
	    "negative-cache-max = 120s\nauthserv-id = mx.example.net\n";
	struct config c;
	char err[200];
	FILE *f = fmemopen((void *)text, sizeof(text) - 1, "r");

	config_defaults(&c);
	ck_assert_msg(config_read(f, &c, err, sizeof(err)), "%s", err);
	fclose(f);
	ck_assert_uint_eq(c.nlisten, 2);
	ck_assert_uint_eq(c.nresolvers, 1);
	ck_assert(c.warn_mode);
	ck_assert_uint_eq(c.request_timeout_ms, 4000);
	ck_assert_uint_eq(c.idle_timeout_s, 330);
	ck_assert_uint_eq(c.negative_cache_max_s, 120);
	f = fmemopen("mode = warn\nbogus = 1\n", 22, "r");
	ck_assert(!config_read(f, &c, err, sizeof(err)));
	fclose(f);
	ck_assert_str_eq(err, "line 2: bogus: unknown setting");
	ck_assert(!config_set(&c, "listen", "127.0.0.1", err, sizeof(err)));
	ck_assert(
	    !config_set(&c, "listen", "unix:relative/path", err, sizeof(err)));
	ck_assert(
	    config_set(&c, "listen", "inet:[::1]:10040", err, sizeof(err)));
	f = fmemopen("request-timeout = soon\n", 23, "r");
	ck_assert(!config_read(f, &c, err, sizeof(err)));
	fclose(f);
	ck_assert_str_eq(
	    err, "line 1: request-timeout: bad value (or too many)");
}
END_TEST

static Suite *
decide_suite(void)
{
	Suite *s = suite_create("decide");
	TCase *tc = tcase_create("decide");

	tcase_add_loop_test(tc, test_default_rule, 0, NELEMS(defaults));
	tcase_add_test(tc, test_rules);
	tcase_add_test(tc, test_tempfail_never_5xx);
	tcase_add_test(tc, test_tempfail_table);
	tcase_add_test(tc, test_capped);
	tcase_add_test(tc, test_warn_mode_and_header);
	tcase_add_test(tc, test_allowlists);
	tcase_add_test(tc, test_early);
	tcase_add_test(tc, test_config_file);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(decide_suite)

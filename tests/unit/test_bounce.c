/* test_bounce.c - the bounce parser as a table: joining, the returned
 * original, every address context, IPv6 forms, decoys, hostile bytes;
 * the delivery-status field reader; the JSON string writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bounce.h"
#include "ptrcheck/ptrcheck.h"
#include "unit.h"

static const struct {
	const char *desc, *in;
	const char *ips; /* comma-separated, "-" for none, NULL: no bounce */
	enum ptrcheck_cause cause;
	int code;
	const char *enhanced;
} cases[] = {
    {"Gmail wrapped by Postfix: prefixes joined away",
        "<a@gmail.com>: host gmail-smtp-in.l.google.com[142.250.102.27] said:\n"
        "    550-5.7.25 [203.0.113.45] The IP address sending this message "
        "does not\n"
        "    have a 550-5.7.25 PTR record setup, or the corresponding forward "
        "DNS\n"
        "    entry does not 550-5.7.25 point to the sending IP. - gsmtp\n",
        "203.0.113.45", PTRCHECK_CAUSE_FCRDNS_MISMATCH, 550, "5.7.25"},
    {"multi-line reply with continuation codes",
        "550-Your message was rejected.\n550-Reason: no reverse DNS. "
        "IP=[203.0.113.2]\n"
        "550 Contact your ISP.\n",
        "203.0.113.2", PTRCHECK_CAUSE_PTR_MISSING, 550, ""},
    {"the receiver's address is never the client's",
        "host mx.example.org[192.0.2.40] said: 550 client "
        "pool-1-2-3-4.isp.example "
        "[198.51.100.9] rejected; generic rDNS\n",
        "198.51.100.9", PTRCHECK_CAUSE_PTR_GENERIC, 550, ""},
    {"relay= and Gmail's [host addr: code] are receivers",
        "relay=mx.example.com[2a00:1450:400c:c0b::1a]:25, status=bounced "
        "([mx.example.com 2a01:111:f403::1: 550 5.7.25 sending IPv6 address "
        "[2001:DB8:4d2:10::1F] must have reverse DNS record.])\n",
        "2001:db8:4d2:10::1f", PTRCHECK_CAUSE_PTR_MISSING, 550, "5.7.25"},
    {"Gmail's odd bracket with a prefix length",
        "550-5.7.1 [2001:db8:8e3f:43c7::12      16] does not meet IPv6 sending "
        "guidelines regarding PTR records\n",
        "2001:db8:8e3f:43c7::12", PTRCHECK_CAUSE_FCRDNS_MISMATCH, 550, "5.7.1"},
    {"[IPv6:...] literal",
        "450 4.7.1 Client host rejected: cannot find your reverse hostname, "
        "[IPv6:2001:db8::5]\n",
        "2001:db8::5", PTRCHECK_CAUSE_PTR_MISSING, 450, "4.7.1"},
    {"a client word beats a bare number in the same reply",
        "421 4.7.0 [TSS04] Messages from 198.51.100.9 temporarily deferred - "
        "4.16.55.1; see\n",
        "198.51.100.9", PTRCHECK_CAUSE_OTHER, 421, "4.7.0"},
    {"a client address that opens a continued reply",
        "550-198.51.100.7: no reverse DNS for your address\n"
        "550 see the postmaster page\n",
        "198.51.100.7", PTRCHECK_CAUSE_PTR_MISSING, 550, ""},
    {"the original submission's address is never the client",
        "Your message received from [203.0.113.5] could not be delivered.\n"
        "host mx.example.org[192.0.2.40] said: 550 5.7.1 Client host "
        "rejected: cannot find your hostname\n",
        "-", PTRCHECK_CAUSE_FCRDNS_MISMATCH, 550, "5.7.1"},
    {"a failed reverse lookup with the address inside the sentence",
        "501 Connection Refused: reverse DNS lookup of 203.0.113.88 failed\n",
        "203.0.113.88", PTRCHECK_CAUSE_PTR_MISSING, 501, ""},
    {"an address that does not resolve is no PTR; a name that does not "
     "resolve back is a mismatch",
        "550 IP address 198.51.100.2 does not properly resolve\n",
        "198.51.100.2", PTRCHECK_CAUSE_PTR_MISSING, 550, ""},
    {"a filter's header naming PTR is no rejection",
        "X-Antispam-Report: SFV:NSPM;PTR:none;CAT:NONE\n"
        "Subject: delivery failed\n\nThe message could not be delivered.\n",
        NULL, PTRCHECK_CAUSE_OTHER, 0, ""},
    {"advice that lists PTR among other checks is not the cause",
        "550 5.7.1 Message rejected as spam by content filtering. Make sure "
        "SPF, HELO and PTR are configured correctly.\n",
        "-", PTRCHECK_CAUSE_OTHER, 550, "5.7.1"},
    {"a rejection that asks for a PTR still says what failed",
        "550 5.7.1 Please set up a PTR record for your mail server\n", "-",
        PTRCHECK_CAUSE_PTR_MISSING, 550, "5.7.1"},
    {"a receiver's reference number is no address",
        "421 4.7.0 [TSS04] Messages temporarily deferred due to unexpected "
        "volume or user complaints - 4.16.55.1; see "
        "https://postmaster.example/error-codes\n",
        "-", PTRCHECK_CAUSE_OTHER, 421, "4.7.0"},
    {"a colon right after the code",
        "550: 5.7.1 Client host rejected: cannot find your reverse "
        "hostname, [198.51.100.7]\n",
        "198.51.100.7", PTRCHECK_CAUSE_PTR_MISSING, 550, "5.7.1"},
    {"a rejection with an enhanced status and no three-digit code",
        "Delivery to user@example.org failed permanently:\n"
        "5.2.2 The recipient's mailbox is full (Mailbox Full)\n",
        "-", PTRCHECK_CAUSE_OTHER, 0, "5.2.2"},
    {"a version number is no status, a port no code",
        "Exim 4.94.2 could not deliver: connection to "
        "mx.example.org[192.0.2.5]:587: timed out\n",
        NULL, PTRCHECK_CAUSE_OTHER, 0, ""},
    {"the cause is not read from a link's words",
        "550 5.7.1 Message rejected under policy. See "
        "https://help.example.com/residential/support/ for details.\n",
        "-", PTRCHECK_CAUSE_OTHER, 550, "5.7.1"},
    {"nor from a program's error name",
        "550 5.7.1 generic::failed_precondition: message refused\n", "-",
        PTRCHECK_CAUSE_OTHER, 550, "5.7.1"},
    {"the returned original is cut off",
        "    host mx1.example.es [185.47.12.9]\n"
        "    450 4.7.25 Client host rejected: cannot find your reverse "
        "hostname, [198.51.100.77]\n"
        "------ This is a copy of the message, including all the headers. "
        "------\n"
        "Received: from [88.6.201.14] (port=51522 helo=[10.0.0.12])\n",
        "198.51.100.77", PTRCHECK_CAUSE_PTR_MISSING, 450, "4.7.25"},
    {"trace headers and private relays are not the client",
        "X-Originating-IP: [93.44.12.7]\nReceived: from host [10.1.0.5]\n"
        "554 5.7.1 Reverse DNS failed.\n",
        "-", PTRCHECK_CAUSE_PTR_MISSING, 554, "5.7.1"},
    {"a private address stands only with a client context",
        "554 5.7.1 no PTR for 10.0.0.7 or for the relay at 192.168.1.1\n",
        "10.0.0.7", PTRCHECK_CAUSE_PTR_MISSING, 554, "5.7.1"},
    {"no address in the reply: the greeting of a transcript",
        "<-  250-mx.example.org Hello vps.example.net [198.51.100.123], "
        "welcome\n"
        "<** 550 Sorry, no FCrDNS match found\n",
        "198.51.100.123", PTRCHECK_CAUSE_FCRDNS_MISMATCH, 550, ""},
    {"an address only in a URL counts",
        "554 Service unavailable; Client host [smtp.example.com] blocked using "
        "Barracuda Reputation; "
        "http://bbl.barracudacentral.example/q.cgi?ip=198.51.100.31\n",
        "198.51.100.31", PTRCHECK_CAUSE_OTHER, 554, ""},
    {"version numbers and times are not addresses",
        "by srv (Exim 4.96.2) at 17:02:44 id 15.2.1544.4\n550 5.7.1 No PTR "
        "record found\n",
        "-", PTRCHECK_CAUSE_PTR_MISSING, 550, "5.7.1"},
    {"reverse hostname is absence, hostname is a mismatch",
        "450 4.7.25 Client host rejected: cannot find your hostname, "
        "[192.0.2.140]\n",
        "192.0.2.140", PTRCHECK_CAUSE_FCRDNS_MISMATCH, 450, "4.7.25"},
    {"a block list is never about reverse DNS",
        "554 5.7.1 Client host [198.51.100.66] blocked using zen.spamhaus.org; "
        "dynamic\n",
        "198.51.100.66", PTRCHECK_CAUSE_OTHER, 554, "5.7.1"},
    {"SPF validation is not reverse DNS validation",
        "550 5.7.23 SPF validation failed: 198.51.100.250 is not allowed to "
        "send\n",
        "198.51.100.250", PTRCHECK_CAUSE_OTHER, 550, "5.7.23"},
    {"a sentence without a code still counts when it names reverse DNS",
        "Your server 203.0.113.5 has no reverse DNS, say the people at "
        "example.org\n",
        "203.0.113.5", PTRCHECK_CAUSE_PTR_MISSING, 0, ""},
    {"no rejection at all", "Hello, how are you?\nSee you on 12.06.\n", NULL,
        PTRCHECK_CAUSE_OTHER, 0, ""},
    {"hostile bytes around the reply",
        "\033[31m\n550 5.7.1 no reverse DNS for \x01 "
        "198.51.100.7\r\n\xff\xfe\n",
        "198.51.100.7", PTRCHECK_CAUSE_PTR_MISSING, 550, "5.7.1"},
};

static void
ips_text(const struct ptrcheck_bounce *b, char *buf, size_t len)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX];
	size_t i, used = 0;

	snprintf(buf, len, "-");
	for (i = 0; i < b->nips; i++) {
		ptrcheck_addr_format(&b->ips[i], ip, sizeof(ip));
		used += (size_t)snprintf(
		    buf + used, len - used, "%s%s", i ? "," : "", ip);
	}
}

START_TEST(test_table)
{
	struct ptrcheck_bounces *bs = NULL;
	char ips[512];

	ck_assert_int_eq(
	    ptrcheck_bounce_parse(cases[_i].in, strlen(cases[_i].in), &bs),
	    PTRCHECK_OK);
	if (cases[_i].ips == NULL) {
		ck_assert_msg(
		    bs->n == 0, "%s: found a rejection", cases[_i].desc);
		ptrcheck_bounces_free(bs);
		return;
	}
	ck_assert_msg(bs->n == 1, "%s: %zu bounces", cases[_i].desc, bs->n);
	ips_text(&bs->v[0], ips, sizeof(ips));
	ck_assert_msg(
	    strcmp(ips, cases[_i].ips) == 0, "%s: ips %s", cases[_i].desc, ips);
	ck_assert_msg(bs->v[0].cause == cases[_i].cause, "%s: cause %s (%s)",
	    cases[_i].desc, ptrcheck_cause_name(bs->v[0].cause), bs->v[0].text);
	ck_assert_int_eq(bs->v[0].smtp_code, cases[_i].code);
	ck_assert_str_eq(bs->v[0].enhanced_status, cases[_i].enhanced);
	ptrcheck_bounces_free(bs);
}
END_TEST

/* Two recipients at two receivers: two rejections, each with its own
 * code, receiver and cause; the DSN's copy of the first is no third. */
START_TEST(test_one_entry_per_rejection)
{
	static const char in[] =
	    "<a@one.example>: host mx.one.example[192.0.2.40] said: 450 4.7.1 "
	    "Client host rejected: cannot find your reverse hostname, "
	    "[198.51.100.9] (in reply to RCPT TO command)\n"
	    "<b@two.example>: host mx.two.example[192.0.2.50] said: 550 5.1.1 "
	    "<b@two.example>: Recipient address rejected: User unknown in "
	    "virtual mailbox table (in reply to RCPT TO command)\n"
	    "\n"
	    "Diagnostic-Code: smtp; 450 4.7.1 Client host rejected: cannot "
	    "find "
	    "your reverse hostname, [198.51.100.9]\n";
	struct ptrcheck_bounces *bs;

	ck_assert_int_eq(
	    ptrcheck_bounce_parse(in, strlen(in), &bs), PTRCHECK_OK);
	ck_assert_uint_eq(bs->n, 2);
	ck_assert_int_eq(bs->v[0].smtp_code, 450);
	ck_assert_int_eq(bs->v[0].cause, PTRCHECK_CAUSE_PTR_MISSING);
	ck_assert_str_eq(bs->v[0].remote_mta, "mx.one.example");
	ck_assert_str_eq(bs->v[0].recipient, "a@one.example");
	ck_assert_uint_eq(bs->v[0].nips, 1);
	ck_assert_int_eq(bs->v[1].smtp_code, 550);
	ck_assert_str_eq(bs->v[1].enhanced_status, "5.1.1");
	ck_assert_int_eq(bs->v[1].cause, PTRCHECK_CAUSE_OTHER);
	ck_assert_str_eq(bs->v[1].remote_mta, "mx.two.example");
	ck_assert_str_eq(bs->v[1].recipient, "b@two.example");
	ptrcheck_bounces_free(bs);
}
END_TEST

/* A multi-line reply that the report split apart is one rejection. */
START_TEST(test_continued_reply_is_one)
{
	static const char in[] =
	    "550-5.7.26 This mail has been blocked because the sender is\n"
	    "\n"
	    "550-5.7.26 unauthenticated. Gmail requires all senders to\n"
	    "\n"
	    "550 5.7.26 authenticate with either SPF or DKIM. - gsmtp\n";
	struct ptrcheck_bounces *bs;

	ck_assert_int_eq(
	    ptrcheck_bounce_parse(in, strlen(in), &bs), PTRCHECK_OK);
	ck_assert_uint_eq(bs->n, 1);
	ck_assert_ptr_nonnull(strstr(bs->v[0].text, "SPF or DKIM"));
	ptrcheck_bounces_free(bs);
}
END_TEST

START_TEST(test_reply_text_joined)
{
	static const char in[] =
	    "550-5.7.25 first half\n550-5.7.25 second half\n550 5.7.25 end\n";
	struct ptrcheck_bounces *bs = NULL;

	ck_assert_int_eq(
	    ptrcheck_bounce_parse(in, sizeof(in) - 1, &bs), PTRCHECK_OK);
	ck_assert_uint_eq(bs->n, 1);
	ck_assert_str_eq(
	    bs->v[0].text, "550-5.7.25 first half second half end");
	ptrcheck_bounces_free(bs);
}
END_TEST

START_TEST(test_mbox_two_messages)
{
	static const char in[] = "From MAILER-DAEMON Tue Jul  2 10:00:00 2024\n"
	                         "From: MAILER-DAEMON@a.example\nSubject: x\n\n"
	                         "550 5.7.1 no PTR for 198.51.100.1\n\n"
	                         "From MAILER-DAEMON Tue Jul  2 10:01:00 2024\n"
	                         "From: MAILER-DAEMON@a.example\nSubject: y\n\n"
	                         "550 5.7.1 Dynamic IP 198.51.100.2 refused\n";
	struct ptrcheck_bounces *bs = NULL;

	ck_assert_int_eq(
	    ptrcheck_bounce_parse(in, sizeof(in) - 1, &bs), PTRCHECK_OK);
	ck_assert_uint_eq(bs->n, 2);
	ck_assert_int_eq(bs->v[0].cause, PTRCHECK_CAUSE_PTR_MISSING);
	ck_assert_int_eq(bs->v[1].cause, PTRCHECK_CAUSE_PTR_GENERIC);
	ck_assert_int_eq(bs->v[1].ips[0].bytes[3], 2);
	ptrcheck_bounces_free(bs);
}
END_TEST

START_TEST(test_many_candidates)
{
	size_t n = 200000, i, len = 0;
	char *in = malloc(n * 18 + 64);
	struct ptrcheck_bounces *bs = NULL;

	len += (size_t)sprintf(in, "550 5.7.1 no PTR for");
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(in + len, " from 192.0.2.%zu", i % 250);
	ck_assert_int_eq(ptrcheck_bounce_parse(in, len, &bs), PTRCHECK_OK);
	ck_assert_uint_eq(bs->n, 1);
	ck_assert(bs->candidates_capped);
	ck_assert_uint_eq(bs->v[0].nips, PTRCHECK_BOUNCE_MAX_IPS);
	ck_assert(bs->v[0].ips_capped);
	ptrcheck_bounces_free(bs);
	free(in);
}
END_TEST

START_TEST(test_dsn_fields)
{
	static const char in[] =
	    "Reporting-MTA: dns; a.example\n\nFinal-Recipient: rfc822; x@y\n"
	    "Diagnostic-Code: smtp; 550 5.7.1 folded\n  second line\nStatus: "
	    "5.7.1\nnot a field\n";
	struct dsn_field f;
	size_t pos = 0, n = 0;
	bool diag = false;

	while (dsn_next(in, sizeof(in) - 1, &pos, &f)) {
		n++;
		ck_assert(dsn_is_field_name(f.name, f.name_len));
		if (f.name_len == 15 &&
		    strncmp(f.name, "Diagnostic-Code", 15) == 0) {
			ck_assert_ptr_nonnull(
			    memmem(f.value, f.value_len, "second line", 11));
			diag = true;
		}
	}
	ck_assert_uint_eq(n, 4);
	ck_assert(diag);
	ck_assert(!dsn_is_field_name("X-Postfix-Queue-ID", 18));
}
END_TEST

/* A MIME report: the per-recipient blocks name each recipient and its
 * receiver; two recipients refused alike are two rejections; a block that
 * was delivered tells of none; the report's own hosts are never the
 * client. */
#define DSN_HEAD                                                               \
	"From: MAILER-DAEMON@out.example\nTo: a@out.example\n"                 \
	"Subject: Undelivered Mail\nMIME-Version: 1.0\n"                       \
	"Content-Type: multipart/report; report-type=delivery-status; "        \
	"boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n"

START_TEST(test_dsn_recipients)
{
	static const char in[] = DSN_HEAD
	    "Your message could not be delivered.\n"
	    "550 5.7.25 The IP address 198.51.100.9 has no PTR record\n"
	    "\n--B\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; out.example [203.0.113.1]\n"
	    "Received-From-MTA: dns; laptop.example [203.0.113.2]\n\n"
	    "Final-Recipient: rfc822; ann@one.example\nAction: failed\n"
	    "Status: 5.7.25\nRemote-MTA: dns; mx.one.example [192.0.2.1]\n"
	    "Diagnostic-Code: smtp; 550 5.7.25 The IP address 198.51.100.9 "
	    "has\n    no PTR record\n\n"
	    "Final-Recipient: rfc822; bob@one.example\nAction: failed\n"
	    "Status: 5.7.25\nRemote-MTA: dns; mx2.one.example\n"
	    "Diagnostic-Code: smtp; 550 5.7.25 The IP address 198.51.100.9 "
	    "has no PTR record\n\n"
	    "Final-Recipient: rfc822; cy@two.example\nAction: delivered\n"
	    "Status: 2.0.0\nRemote-MTA: dns; mx.two.example\n"
	    "Diagnostic-Code: smtp; 250 2.0.0 OK\n"
	    "\n--B--\n";
	struct ptrcheck_bounces *bs;
	size_t i;

	ck_assert_int_eq(
	    ptrcheck_bounce_parse(in, strlen(in), &bs), PTRCHECK_OK);
	ck_assert_uint_eq(bs->n, 2);
	ck_assert_str_eq(bs->v[0].recipient, "ann@one.example");
	ck_assert_str_eq(bs->v[0].remote_mta, "mx.one.example");
	ck_assert_str_eq(bs->v[1].recipient, "bob@one.example");
	ck_assert_str_eq(bs->v[1].remote_mta, "mx2.one.example");
	for (i = 0; i < bs->n; i++) {
		ck_assert_int_eq(bs->v[i].cause, PTRCHECK_CAUSE_PTR_MISSING);
		ck_assert_uint_eq(bs->v[i].nips, 1);
		ck_assert_int_eq(bs->v[i].ips[0].bytes[3], 9);
	}
	ptrcheck_bounces_free(bs);
}
END_TEST

/* A report that no sentence explains: each failed block is a rejection
 * by its Status alone; the hosts in its fields are not the client. */
START_TEST(test_dsn_report_only)
{
	static const char in[] = DSN_HEAD
	    "Delivery failed.\n"
	    "\n--B\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; out.example [203.0.113.1]\n\n"
	    "Original-Recipient: rfc822; Dee@one.example\n"
	    "Final-Recipient: rfc822; dee@one.example\nAction: failed\n"
	    "Status: 5.2.2\nRemote-MTA: dns; [192.0.2.7]\n"
	    "\n--B--\n";
	struct ptrcheck_bounces *bs;

	ck_assert_int_eq(
	    ptrcheck_bounce_parse(in, strlen(in), &bs), PTRCHECK_OK);
	ck_assert_uint_eq(bs->n, 1);
	ck_assert_str_eq(bs->v[0].recipient, "dee@one.example");
	ck_assert_str_eq(bs->v[0].enhanced_status, "5.2.2");
	ck_assert_str_eq(bs->v[0].remote_mta, "[192.0.2.7]");
	ck_assert_int_eq(bs->v[0].smtp_code, 0);
	ck_assert_int_eq(bs->v[0].cause, PTRCHECK_CAUSE_OTHER);
	ck_assert_uint_eq(bs->v[0].nips, 0);
	ptrcheck_bounces_free(bs);
}
END_TEST

START_TEST(test_dsn_report_groups)
{
	static const char in[] =
	    "Reporting-MTA: dns; r.example\nArrival-Date: x\n\n"
	    "Original-Recipient: rfc822; A@x\nFinal-Recipient: rfc822; a@x\n"
	    "Action: delayed\nStatus: 4.4.1\n\n"
	    "Final-Recipient: rfc822;\n b@x\nAction: delivered\n"
	    "Status: 2.0.0\n";
	static struct dsn_report r;

	memset(&r, 0, sizeof(r));
	dsn_report_read(in, sizeof(in) - 1, &r);
	ck_assert_str_eq(r.reporting_mta, "r.example");
	ck_assert_uint_eq(r.n, 2);
	ck_assert_str_eq(r.v[0].recipient, "a@x");
	ck_assert(dsn_recipient_failed(&r.v[0]));
	ck_assert_str_eq(r.v[1].recipient, "b@x");
	ck_assert(!dsn_recipient_failed(&r.v[1]));
	ck_assert_int_eq(
	    dsn_host_role("Remote-MTA: dns; x"), DSN_HOST_RECEIVER);
	ck_assert_int_eq(
	    dsn_host_role("Received-From-MTA: dns; x"), DSN_HOST_ORIGIN);
	ck_assert_int_eq(dsn_host_role("Host: x"), DSN_HOST_NONE);
}
END_TEST

static char *
json_of(const char *s, size_t len)
{
	char *buf = NULL;
	size_t blen = 0;
	FILE *f = open_memstream(&buf, &blen);

	ptrcheck_json_string(f, s, len);
	fclose(f);
	return buf;
}

/* Binary junk that happens to spell "ptr" between non-letters, or starts
 * a line with three digits, is no rejection (300 kB /dev/urandom samples
 * once were, about 1 in 200); a Latin-1 sentence still is. */
START_TEST(test_junk_is_not_a_rejection)
{
	static const char junk[] =
	    "<L\234\266\305\364\232\037\361U\214\376\272X"
	    "\231\\\352\205\256\2638\341\360v\276\260\371\375lG\035\375ptr"
	    "\247\370l\177%G\025\215\270\n";
	/* and junk that starts with three digits is no SMTP reply */
	static const char code[] =
	    "526-3\235\216\\sG\374\375\263\335+O$T\010\336ea\260w\"\264P"
	    "\032\003\254w!\326,\302\267\306\332\223\n";
	static const char latin1[] =
	    "Votre serveur n'a pas de PTR (reverse DNS) valide \351t\351\n";
	struct ptrcheck_bounces *b = NULL;

	ck_assert_int_eq(
	    ptrcheck_bounce_parse(junk, sizeof(junk) - 1, &b), PTRCHECK_OK);
	ck_assert_uint_eq(b->n, 0);
	ptrcheck_bounces_free(b);
	ck_assert_int_eq(
	    ptrcheck_bounce_parse(code, sizeof(code) - 1, &b), PTRCHECK_OK);
	ck_assert_uint_eq(b->n, 0);
	ptrcheck_bounces_free(b);
	ck_assert_int_eq(
	    ptrcheck_bounce_parse(latin1, sizeof(latin1) - 1, &b), PTRCHECK_OK);
	ck_assert_uint_eq(b->n, 1);
	ptrcheck_bounces_free(b);
}
END_TEST

START_TEST(test_json_utf8)
{
	char *j;

	j = json_of("f\xc3\xb8r \xe2\x82\xac", 8);
	ck_assert_str_eq(
	    j, "\"f\xc3\xb8r \xe2\x82\xac\""); /* valid UTF-8 kept */
	free(j);
	j = json_of("a\033b\"\\", 5);
	ck_assert_str_eq(j, "\"a\\u001bb\\\"\\\\\"");
	free(j);
	j = json_of(
	    "\xff\xc3(\xed\xa0\x80\xc2\x85", 8); /* junk, surrogate, C1 */
	ck_assert_ptr_null(strchr(j, '\xff'));
	ck_assert_ptr_nonnull(strstr(j, "\\ufffd"));
	ck_assert_ptr_null(strstr(j, "\xc2\x85"));
	free(j);
}
END_TEST

static Suite *
bounce_suite(void)
{
	Suite *s = suite_create("bounce");
	TCase *tc = tcase_create("bounce");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_table, 0, NELEMS(cases));
	tcase_add_test(tc, test_one_entry_per_rejection);
	tcase_add_test(tc, test_continued_reply_is_one);
	tcase_add_test(tc, test_reply_text_joined);
	tcase_add_test(tc, test_mbox_two_messages);
	tcase_add_test(tc, test_many_candidates);
	tcase_add_test(tc, test_dsn_fields);
	tcase_add_test(tc, test_dsn_recipients);
	tcase_add_test(tc, test_dsn_report_only);
	tcase_add_test(tc, test_dsn_report_groups);
	tcase_add_test(tc, test_json_utf8);
	tcase_add_test(tc, test_junk_is_not_a_rejection);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(bounce_suite)

/*
 * test_engine.c - the engine's state machines driven through the scripted
 * transport: check, failover and retries, deadlines, cancellation, the
 * authority walk and scan windows, without root and without sockets.
 * Each test says what every server answers; timeouts are short and no
 * assertion depends on how long anything took, only on what happened.
 */
#include <event2/event.h>
#include <stdio.h>
#include <string.h>

#include "authority.h"
#include "dnsdata.h"
#include "report.h"
#include "scripted_run.h"
#include "unit.h"

static void
on_done(struct ptrcheck_report *rep, void *arg)
{
	struct run *r = arg;

	r->calls++;
	if (r->starting)
		r->called_in_start = true;
	ptrcheck_report_free(r->rep);
	r->rep = rep;
}

/* check - start a check of ip and run the loop until it is done. */
static void
check(struct run *r, const char *ip)
{
	struct ptrcheck_addr a;

	ck_assert_int_eq(ptrcheck_addr_parse(ip, &a), PTRCHECK_OK);
	r->starting = true;
	ck_assert_int_eq(
	    ptrcheck_check_start(r->ctx, &a, NULL, on_done, r), PTRCHECK_OK);
	r->starting = false;
	while (r->calls == 0)
		ck_assert_int_eq(event_base_loop(r->base, EVLOOP_ONCE), 0);
	ck_assert(!r->called_in_start);
	ck_assert_uint_eq(r->calls, 1);
}

static const struct script_step pass_steps[] = {
    {.qname = OWNER,
        .qtype = WIRE_TYPE_PTR,
        .what = SCRIPT_ANSWER,
        .answer = OWNER " 3600 IN PTR mail.example."},
    {.qname = "mail.example.",
        .qtype = WIRE_TYPE_A,
        .what = SCRIPT_ANSWER,
        .answer = "mail.example. 3600 IN A 192.0.2.7"},
    {.qname = "mail.example.",
        .qtype = WIRE_TYPE_AAAA,
        .what = SCRIPT_ANSWER,
        .authority = SOA_REV},
};

START_TEST(check_pass)
{
	struct ptrcheck_options o;
	struct run r;

	options(&o, 1);
	run_open(&r, pass_steps, NELEMS(pass_steps), &o);
	check(&r, "192.0.2.7");
	ck_assert_int_eq(r.rep->verdict, PTRCHECK_VERDICT_PASS);
	ck_assert_int_eq(r.rep->ptr_answer, PTRCHECK_ANSWER_FOUND);
	ck_assert_uint_eq(r.rep->nptr, 1);
	ck_assert(r.rep->ptrs[0].confirms);
	/* Through the resolver: recursion desired. */
	ck_assert_uint_eq(scripted_last_flags(r.t) & WIRE_RD, WIRE_RD);
	ck_assert_uint_eq(scripted_unmatched(r.t), 0);
	run_close(&r);
}
END_TEST

START_TEST(check_mismatch)
{
	static const struct script_step steps[] = {
	    {.qname = OWNER,
	        .qtype = WIRE_TYPE_PTR,
	        .what = SCRIPT_ANSWER,
	        .answer = OWNER " 3600 IN PTR mail.example."},
	    {.qname = "mail.example.",
	        .qtype = WIRE_TYPE_A,
	        .what = SCRIPT_ANSWER,
	        .answer = "mail.example. 3600 IN A 192.0.2.99"},
	};
	struct ptrcheck_options o;
	struct run r;

	options(&o, 1);
	run_open(&r, steps, NELEMS(steps), &o);
	check(&r, "192.0.2.7");
	ck_assert_int_eq(r.rep->verdict, PTRCHECK_VERDICT_FORWARD_MISMATCH);
	run_close(&r);
}
END_TEST

START_TEST(check_nxdomain_is_missing)
{
	static const struct script_step steps[] = {
	    {.qname = OWNER,
	        .what = SCRIPT_ANSWER,
	        .rcode = 3,
	        .authority = SOA_REV},
	};
	struct ptrcheck_options o;
	struct run r;

	options(&o, 1);
	o.zone_lookup = true;
	run_open(&r, steps, NELEMS(steps), &o);
	check(&r, "192.0.2.7");
	ck_assert_int_eq(r.rep->verdict, PTRCHECK_VERDICT_PTR_MISSING);
	ck_assert_int_eq(r.rep->ptr_answer, PTRCHECK_ANSWER_NXDOMAIN);
	ck_assert(r.rep->ptr_soa.found);
	/* The SOA question was asked too, and answered. */
	ck_assert_uint_eq(scripted_sent(r.t, NULL, OWNER, WIRE_TYPE_SOA), 1);
	run_close(&r);
}
END_TEST

/* A DNS failure is temporary, never ptr-missing; every try is made. */
START_TEST(check_lost_is_temporary)
{
	struct ptrcheck_options o;
	struct run r;
	struct ptrcheck_stats st;

	options(&o, 1);
	o.retries = 2;
	run_open(&r, NULL, 0, &o);
	check(&r, "192.0.2.7");
	ck_assert_int_eq(r.rep->verdict, PTRCHECK_VERDICT_TEMPORARY);
	ck_assert_int_eq(r.rep->ptr_answer, PTRCHECK_ANSWER_TIMEOUT);
	ck_assert_uint_eq(scripted_sent(r.t, RES1, OWNER, WIRE_TYPE_PTR), 3);
	/* The cause: the resolver itself never spoke (the ". NS" probe,
	 * asked as often, was lost too). */
	ck_assert(r.rep->resolver_unreachable);
	ck_assert_uint_eq(scripted_sent(r.t, RES1, ".", WIRE_TYPE_NS), 3);
	ptrcheck_ctx_stats(r.ctx, &st);
	ck_assert_uint_eq(st.timeouts, 3 + 3);
	ck_assert_uint_eq(st.retries, 2 + 2);
	run_close(&r);
}
END_TEST

/* SERVFAIL from one resolver moves to the next one. */
START_TEST(check_failover)
{
	static const struct script_step steps[] = {
	    {.server = RES1, .what = SCRIPT_ANSWER, .rcode = 2},
	    {.server = RES2,
	        .qname = OWNER,
	        .qtype = WIRE_TYPE_PTR,
	        .what = SCRIPT_ANSWER,
	        .answer = OWNER " 3600 IN PTR mail.example."},
	    {.server = RES2,
	        .qname = "mail.example.",
	        .qtype = WIRE_TYPE_A,
	        .what = SCRIPT_ANSWER,
	        .answer = "mail.example. 3600 IN A 192.0.2.7"},
	    {.server = RES2, .what = SCRIPT_ANSWER, .authority = SOA_REV},
	};
	struct ptrcheck_options o;
	struct run r;

	options(&o, 2);
	run_open(&r, steps, NELEMS(steps), &o);
	check(&r, "192.0.2.7");
	ck_assert_int_eq(r.rep->verdict, PTRCHECK_VERDICT_PASS);
	ck_assert_uint_eq(scripted_sent(r.t, RES1, OWNER, WIRE_TYPE_PTR), 1);
	ck_assert_uint_eq(scripted_sent(r.t, RES2, OWNER, WIRE_TYPE_PTR), 1);
	run_close(&r);
}
END_TEST

/* A lost answer is retried; the retry's answer counts. */
START_TEST(check_retry_after_loss)
{
	static const struct script_step steps[] = {
	    {.qname = OWNER,
	        .qtype = WIRE_TYPE_PTR,
	        .what = SCRIPT_LOSE,
	        .times = 1},
	    {.qname = OWNER,
	        .qtype = WIRE_TYPE_PTR,
	        .what = SCRIPT_ANSWER,
	        .rcode = 3,
	        .authority = SOA_REV},
	};
	struct ptrcheck_options o;
	struct run r;

	options(&o, 1);
	run_open(&r, steps, NELEMS(steps), &o);
	check(&r, "192.0.2.7");
	ck_assert_int_eq(r.rep->verdict, PTRCHECK_VERDICT_PTR_MISSING);
	ck_assert_uint_eq(scripted_sent(r.t, RES1, OWNER, WIRE_TYPE_PTR), 2);
	ck_assert_uint_eq(r.rep->queries[0].tries, 2);
	run_close(&r);
}
END_TEST

/* The use-after-free of an earlier round: a transport that fails a try
 * inside send (c-ares does for a refused socket). The failure reaches the
 * check from the loop, never inside ptrcheck_check_start. */
START_TEST(check_fail_inside_send)
{
	static const struct script_step steps[] = {
	    {.what = SCRIPT_FAIL_INLINE},
	};
	struct ptrcheck_options o;
	struct run r;

	options(&o, 1);
	o.retries = 0;
	run_open(&r, steps, NELEMS(steps), &o);
	check(&r, "192.0.2.7");
	ck_assert_int_eq(r.rep->verdict, PTRCHECK_VERDICT_TEMPORARY);
	ck_assert_int_eq(r.rep->ptr_answer, PTRCHECK_ANSWER_NETWORK);
	run_close(&r);
}
END_TEST

/* A send that fails outright fails the start call, with no callback. */
START_TEST(check_send_fails)
{
	static const struct script_step steps[] = {
	    {.what = SCRIPT_SEND_FAILS},
	};
	struct ptrcheck_options o;
	struct ptrcheck_addr a;
	struct run r;

	options(&o, 1);
	run_open(&r, steps, NELEMS(steps), &o);
	ck_assert_int_eq(ptrcheck_addr_parse("192.0.2.7", &a), PTRCHECK_OK);
	ck_assert_int_eq(ptrcheck_check_start(r.ctx, &a, NULL, on_done, &r),
	    PTRCHECK_ERESOLVER);
	ck_assert_uint_eq(scripted_in_flight(r.t), 0);
	event_base_loop(r.base, EVLOOP_NONBLOCK);
	ck_assert_uint_eq(r.calls, 0);
	run_close(&r);
}
END_TEST

/* A reply that cannot be read is a failure, not an answer. */
START_TEST(check_garbage_reply)
{
	static const struct script_step steps[] = {
	    {.what = SCRIPT_GARBAGE},
	};
	struct ptrcheck_options o;
	struct run r;

	options(&o, 1);
	o.retries = 0;
	run_open(&r, steps, NELEMS(steps), &o);
	check(&r, "192.0.2.7");
	ck_assert_int_eq(r.rep->verdict, PTRCHECK_VERDICT_TEMPORARY);
	ck_assert_int_eq(r.rep->ptr_answer, PTRCHECK_ANSWER_BADREPLY);
	run_close(&r);
}
END_TEST

/* The deadline ends a check whose answer is held back, as temporary, and
 * the held answer is dropped when it comes. */
START_TEST(check_deadline)
{
	static const struct script_step steps[] = {
	    {.qname = OWNER,
	        .qtype = WIRE_TYPE_PTR,
	        .what = SCRIPT_ANSWER,
	        .answer = OWNER " 3600 IN PTR mail.example.",
	        .delay_ms = 600000},
	};
	struct ptrcheck_options o;
	struct run r;

	options(&o, 1);
	o.deadline_ms = 100;
	run_open(&r, steps, NELEMS(steps), &o);
	check(&r, "192.0.2.7");
	ck_assert(r.rep->deadline_hit);
	ck_assert_int_eq(r.rep->verdict, PTRCHECK_VERDICT_TEMPORARY);
	ck_assert_uint_eq(scripted_in_flight(r.t), 1); /* still held */
	run_close(&r); /* frees it: the callback is not called again */
	ck_assert_uint_eq(r.calls, 1);
}
END_TEST

/* Freeing the context with checks in flight calls no one back. */
START_TEST(check_cancelled_by_ctx_free)
{
	static const struct script_step steps[] = {
	    {.what = SCRIPT_ANSWER, .rcode = 3, .delay_ms = 600000},
	};
	struct ptrcheck_options o;
	struct ptrcheck_addr a;
	struct run r;

	options(&o, 1);
	run_open(&r, steps, NELEMS(steps), &o);
	ck_assert_int_eq(ptrcheck_addr_parse("192.0.2.7", &a), PTRCHECK_OK);
	ck_assert_int_eq(
	    ptrcheck_check_start(r.ctx, &a, NULL, on_done, &r), PTRCHECK_OK);
	ck_assert_int_eq(ptrcheck_addr_parse("2001:db8::7", &a), PTRCHECK_OK);
	ck_assert_int_eq(
	    ptrcheck_check_start(r.ctx, &a, NULL, on_done, &r), PTRCHECK_OK);
	event_base_loop(r.base, EVLOOP_NONBLOCK);
	ck_assert_uint_ge(scripted_in_flight(r.t), 2);
	ptrcheck_ctx_free(r.ctx);
	r.ctx = NULL;
	ck_assert_uint_eq(r.calls, 0);
	run_close(&r);
}
END_TEST

/* --- the authority walk ------------------------------------------------- */

#define ARPA_NS "in-addr.arpa. 3600 IN NS a.arpa.example."
#define ARPA_GLUE "a.arpa.example. 3600 IN A 127.0.0.10"
#define TOP "127.0.0.10#53"
#define ZONE_A "127.0.0.11#53"
#define ZONE_B "127.0.0.12#53"

static const struct script_step walk_steps[] = {
    /* The resolver: the top of the reverse tree and its servers. */
    {.server = RES1,
        .qname = "in-addr.arpa.",
        .qtype = WIRE_TYPE_NS,
        .what = SCRIPT_ANSWER,
        .answer = ARPA_NS},
    {.server = RES1,
        .qname = "a.arpa.example.",
        .qtype = WIRE_TYPE_A,
        .what = SCRIPT_ANSWER,
        .answer = ARPA_GLUE},
    {.server = RES1,
        .qname = "a.arpa.example.",
        .qtype = WIRE_TYPE_AAAA,
        .what = SCRIPT_ANSWER},
    /* The top refers the PTR question to the zone's two servers. */
    {.server = TOP,
        .qname = OWNER,
        .what = SCRIPT_ANSWER,
        .authority = "2.0.192.in-addr.arpa. 3600 IN NS ns1.zone.example.\n"
                     "2.0.192.in-addr.arpa. 3600 IN NS ns2.zone.example.",
        .additional = "ns1.zone.example. 3600 IN A 127.0.0.11\n"
                      "ns2.zone.example. 3600 IN A 127.0.0.12"},
    /* One answers with authority, the other is lame (REFUSED). */
    {.server = ZONE_A,
        .qname = OWNER,
        .qtype = WIRE_TYPE_PTR,
        .what = SCRIPT_ANSWER,
        .aa = true,
        .answer = OWNER " 3600 IN PTR mail.example."},
    {.server = ZONE_A,
        .qtype = WIRE_TYPE_SOA,
        .what = SCRIPT_ANSWER,
        .aa = true,
        .answer = SOA_REV},
    {.server = ZONE_B, .what = SCRIPT_ANSWER, .rcode = 5},
    /* The zone's own NS set and its addresses, through the resolver. */
    {.server = RES1,
        .qname = "2.0.192.in-addr.arpa.",
        .qtype = WIRE_TYPE_NS,
        .what = SCRIPT_ANSWER,
        .answer = "2.0.192.in-addr.arpa. 3600 IN NS ns1.zone.example.\n"
                  "2.0.192.in-addr.arpa. 3600 IN NS ns2.zone.example."},
    {.server = RES1,
        .qname = "ns1.zone.example.",
        .qtype = WIRE_TYPE_A,
        .what = SCRIPT_ANSWER,
        .answer = "ns1.zone.example. 3600 IN A 127.0.0.11"},
    {.server = RES1,
        .qname = "ns2.zone.example.",
        .qtype = WIRE_TYPE_A,
        .what = SCRIPT_ANSWER,
        .answer = "ns2.zone.example. 3600 IN A 127.0.0.12"},
    {.server = RES1,
        .qtype = WIRE_TYPE_SOA,
        .what = SCRIPT_ANSWER,
        .answer = "in-addr.arpa. 300 IN SOA a.arpa.example. h.example. 1 "
                  "3600 600 86400 300"},
    /* The check's own questions. */
    {.server = RES1,
        .qname = OWNER,
        .qtype = WIRE_TYPE_PTR,
        .what = SCRIPT_ANSWER,
        .answer = OWNER " 3600 IN PTR mail.example."},
    {.server = RES1,
        .qname = "mail.example.",
        .qtype = WIRE_TYPE_A,
        .what = SCRIPT_ANSWER,
        .answer = "mail.example. 3600 IN A 192.0.2.7"},
    {.server = RES1, .what = SCRIPT_ANSWER},
};

static const struct auth_row *
row_of(const struct authority *a, const char *ip)
{
	struct ptrcheck_addr want;
	size_t i;

	ck_assert_int_eq(ptrcheck_addr_parse(ip, &want), PTRCHECK_OK);
	for (i = 0; i < a->nrows; i++)
		if (a->rows[i].level != AUTH_NO_LEVEL &&
		    ptrcheck_addr_equal(&a->rows[i].addr, &want) &&
		    a->rows[i].level + 1 == a->nlevels)
			return &a->rows[i];
	return NULL;
}

START_TEST(walk_finds_lame_server)
{
	struct ptrcheck_options o;
	const struct auth_row *good, *lame;
	struct run r;
	size_t i;
	bool lame_warned = false;

	options(&o, 1);
	o.authority = true;
	run_open(&r, walk_steps, NELEMS(walk_steps), &o);
	check(&r, "192.0.2.7");
	ck_assert_ptr_nonnull(r.rep->auth);
	ck_assert_uint_eq(r.rep->auth->nlevels, 2);
	ck_assert(r.rep->auth->zone_answered);
	good = row_of(r.rep->auth, "127.0.0.11");
	lame = row_of(r.rep->auth, "127.0.0.12");
	ck_assert_ptr_nonnull(good);
	ck_assert_ptr_nonnull(lame);
	ck_assert(good->aa);
	ck_assert_uint_eq(good->nptr, 1);
	ck_assert_int_eq(lame->answer, PTRCHECK_ANSWER_REFUSED);
	/* Servers are asked without recursion. */
	ck_assert_uint_ge(scripted_sent(r.t, ZONE_B, OWNER, WIRE_TYPE_PTR), 1);
	for (i = 0; i < r.rep->nwarn; i++)
		if (r.rep->warnings[i].code == PTRCHECK_WARN_LAME_SERVER)
			lame_warned = true;
	ck_assert(lame_warned);
	ck_assert_int_eq(r.rep->verdict, PTRCHECK_VERDICT_PASS);
	run_close(&r);
}
END_TEST

/* A check abandoned after its authority inspection handed its result to
 * the report: freeing the context frees the report whole (LeakSanitizer
 * checks under ASan) and calls no one back. The forward answer is held,
 * so the check is still running whatever the machine's speed. */
START_TEST(abandoned_after_authority)
{
	struct script_step steps[NELEMS(walk_steps) + 1];
	struct ptrcheck_options o;
	struct ptrcheck_addr a;
	struct run r;

	memset(&steps[0], 0, sizeof(steps[0]));
	steps[0].server = RES1;
	steps[0].qname = "mail.example.";
	steps[0].qtype = WIRE_TYPE_A;
	steps[0].what = SCRIPT_ANSWER;
	steps[0].answer = "mail.example. 3600 IN A 192.0.2.7";
	steps[0].delay_ms = 600000;
	memcpy(steps + 1, walk_steps, sizeof(walk_steps));
	options(&o, 1);
	o.authority = true;
	run_open(&r, steps, NELEMS(steps), &o);
	ck_assert_int_eq(ptrcheck_addr_parse("192.0.2.7", &a), PTRCHECK_OK);
	ck_assert_int_eq(
	    ptrcheck_check_start(r.ctx, &a, NULL, on_done, &r), PTRCHECK_OK);
	/* Until only the held answer is out: the walk is over. */
	do
		ck_assert_int_eq(event_base_loop(r.base, EVLOOP_ONCE), 0);
	while (scripted_in_flight(r.t) > 1 ||
	       scripted_sent(r.t, RES1, "mail.example.", WIRE_TYPE_A) == 0);
	ck_assert_uint_ge(scripted_sent(r.t, ZONE_B, OWNER, WIRE_TYPE_PTR), 1);
	ptrcheck_ctx_free(r.ctx);
	r.ctx = NULL;
	ck_assert_uint_eq(r.calls, 0);
	run_close(&r);
}
END_TEST

/* --- scan windows -------------------------------------------------------- */

struct feed {
	unsigned next, n;
	unsigned results;
	unsigned out_of_order;
	unsigned last;
	bool first;
};

static bool
feed_next(void *arg, struct ptrcheck_addr *out)
{
	struct feed *f = arg;
	char ip[32];

	if (f->next == f->n)
		return false;
	snprintf(ip, sizeof(ip), "192.0.2.%u", f->next++);
	return ptrcheck_addr_parse(ip, out) == PTRCHECK_OK;
}

static void
feed_result(struct ptrcheck_report *rep, void *arg)
{
	struct feed *f = arg;
	unsigned last = rep->addr.bytes[3];

	if (!f->first && last < f->last)
		f->out_of_order++;
	f->first = false;
	f->last = last;
	ck_assert_int_eq(rep->verdict, PTRCHECK_VERDICT_PTR_MISSING);
	f->results++;
	ptrcheck_report_free(rep);
}

/* scan_all - a scan of f's addresses through r, window checks at once,
 * run to its end. */
static void
scan_all(struct run *r, struct feed *f, unsigned window)
{
	struct ptrcheck_scan_options so = {.window = window};
	struct ptrcheck_scan *sc;

	ck_assert_int_eq(
	    ptrcheck_scan_new(r->ctx, &so, feed_next, f, feed_result, f, &sc),
	    PTRCHECK_OK);
	ck_assert_int_eq(ptrcheck_scan_run(sc), PTRCHECK_OK);
	ptrcheck_scan_free(sc);
}

/* Every address is checked once, results come in input order even when
 * later answers arrive first, and no more than the window is in flight. */
START_TEST(scan_window_order)
{
	static const struct script_step steps[] = {
	    /* Even addresses answer late: the order must still hold. */
	    {.qname = "0.2.0.192.in-addr.arpa.",
	        .what = SCRIPT_ANSWER,
	        .rcode = 3,
	        .delay_ms = 30},
	    {.qname = "2.2.0.192.in-addr.arpa.",
	        .what = SCRIPT_ANSWER,
	        .rcode = 3,
	        .delay_ms = 30},
	    {.what = SCRIPT_ANSWER, .rcode = 3},
	};
	const unsigned window = 4;
	struct ptrcheck_options o;
	struct feed f = {.n = 40, .first = true};
	struct run r;

	options(&o, 1);
	o.ptr_only = true;
	run_open(&r, steps, NELEMS(steps), &o);
	scan_all(&r, &f, window);
	ck_assert_uint_eq(f.results, 40);
	ck_assert_uint_eq(f.out_of_order, 0);
	ck_assert_uint_eq(scripted_sent(r.t, NULL, NULL, WIRE_TYPE_PTR), 40);
	ck_assert_uint_eq(scripted_unmatched(r.t), 0);
	ck_assert_uint_le(scripted_peak_in_flight(r.t), 4);
	ck_assert_uint_ge(scripted_peak_in_flight(r.t), 2);
	run_close(&r);
}
END_TEST

/* --- scan --direct: the zone's servers found once, asked in turn -------- */

static const struct script_step direct_steps[] = {
    /* The directory: the zone by its SOA, its servers through NS. */
    {.server = RES1,
        .qtype = WIRE_TYPE_SOA,
        .what = SCRIPT_ANSWER,
        .answer = SOA_REV},
    {.server = RES1,
        .qname = "2.0.192.in-addr.arpa.",
        .qtype = WIRE_TYPE_NS,
        .what = SCRIPT_ANSWER,
        .answer = "2.0.192.in-addr.arpa. 3600 IN NS ns1.zone.example.\n"
                  "2.0.192.in-addr.arpa. 3600 IN NS ns2.zone.example."},
    {.server = RES1,
        .qname = "ns1.zone.example.",
        .qtype = WIRE_TYPE_A,
        .what = SCRIPT_ANSWER,
        .answer = "ns1.zone.example. 3600 IN A 127.0.0.11"},
    {.server = RES1,
        .qname = "ns2.zone.example.",
        .qtype = WIRE_TYPE_A,
        .what = SCRIPT_ANSWER,
        .answer = "ns2.zone.example. 3600 IN A 127.0.0.12"},
    {.server = RES1, .qtype = WIRE_TYPE_AAAA, .what = SCRIPT_ANSWER},
    /* One server is silent; the other answers with authority. */
    {.server = ZONE_A, .what = SCRIPT_LOSE},
    {.server = ZONE_B,
        .what = SCRIPT_ANSWER,
        .aa = true,
        .rcode = 3,
        .authority = SOA_REV},
};

START_TEST(direct_failover)
{
	const unsigned window = 8;
	struct ptrcheck_options o;
	struct feed f = {.n = 16, .first = true};
	struct run r;

	options(&o, 1);
	o.ptr_only = true;
	o.direct = true;
	o.retries = 0;
	run_open(&r, direct_steps, NELEMS(direct_steps), &o);
	scan_all(&r, &f, window);
	ck_assert_uint_eq(f.results, 16);
	/* The zone was looked up once for the whole block. */
	ck_assert_uint_eq(scripted_sent(r.t, RES1, NULL, WIRE_TYPE_SOA), 1);
	ck_assert_uint_eq(
	    scripted_sent(r.t, RES1, "2.0.192.in-addr.arpa.", WIRE_TYPE_NS), 1);
	/* Every address reached the answering server, none the resolver. */
	ck_assert_uint_eq(scripted_sent(r.t, ZONE_B, NULL, WIRE_TYPE_PTR), 16);
	ck_assert_uint_eq(scripted_sent(r.t, RES1, NULL, WIRE_TYPE_PTR), 0);
	/* Asked directly: no recursion desired. */
	ck_assert_uint_eq(scripted_last_flags(r.t) & WIRE_RD, 0);
	run_close(&r);
}
END_TEST

/* --qps: the token bucket lets out at most qps + burst (burst = qps/20)
 * tries in any second of its own clock. Timed here at send, a stall
 * between the bucket's clock and the send can bring one more batch (at
 * most a burst) into a second, never more: so qps + 2 bursts, on any
 * machine. Unpaced, all 250 would go in the first milliseconds. */
START_TEST(scan_paced)
{
	static const struct script_step steps[] = {
	    {.what = SCRIPT_ANSWER, .rcode = 3},
	};
	const unsigned window = 64;
	struct ptrcheck_options o;
	struct feed f = {.n = 250, .first = true};
	struct run r;

	options(&o, 1);
	o.ptr_only = true;
	o.qps = 100;
	run_open(&r, steps, NELEMS(steps), &o);
	scan_all(&r, &f, window);
	ck_assert_uint_eq(f.results, 250);
	ck_assert_uint_eq(scripted_sent(r.t, NULL, NULL, 0), 250);
	ck_assert_uint_le(scripted_most_in_window(r.t, 1000), 100 + 2 * 5);
	run_close(&r);
}
END_TEST

static Suite *
engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("scripted");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, check_pass);
	tcase_add_test(tc, check_mismatch);
	tcase_add_test(tc, check_nxdomain_is_missing);
	tcase_add_test(tc, check_lost_is_temporary);
	tcase_add_test(tc, check_failover);
	tcase_add_test(tc, check_retry_after_loss);
	tcase_add_test(tc, check_fail_inside_send);
	tcase_add_test(tc, check_send_fails);
	tcase_add_test(tc, check_garbage_reply);
	tcase_add_test(tc, check_deadline);
	tcase_add_test(tc, check_cancelled_by_ctx_free);
	tcase_add_test(tc, walk_finds_lame_server);
	tcase_add_test(tc, abandoned_after_authority);
	tcase_add_test(tc, scan_window_order);
	tcase_add_test(tc, direct_failover);
	tcase_add_test(tc, scan_paced);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(engine_suite)

/*
 * test_resolve.c - ptrcheckd's resolve path (src/daemon/resolve.c) and its
 * cache, driven through the scripted transport with a clock the test
 * moves: requests for one address share one lookup, a fresh answer comes
 * from the cache at once, an old one is asked again, a pass is served
 * stale when DNS fails and a rejection never is, a full cache still gives
 * every request its own answer, and a lookup that cannot start says so.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "daemon.h"
#include "dnsdata.h"
#include "scripted_run.h"
#include "unit.h"

#define OWNER7 "7.2.0.192.in-addr.arpa."
#define OWNER8 "8.2.0.192.in-addr.arpa."

/* The daemon's clock and log, as resolve.c and ratelimit.c see them. */
static uint64_t fake_now_ms = 1000000;
static char last_log[512];

uint64_t
now_ms(void)
{
	return fake_now_ms;
}

void
log_msg(int priority, const char *fmt, ...)
{
	va_list ap;

	(void)priority;
	va_start(ap, fmt);
	vsnprintf(last_log, sizeof(last_log), fmt, ap);
	va_end(ap);
}

struct ask {
	struct waiter w; /* first: done() casts back */
	unsigned calls;
	bool cached;
	struct facts f;
	bool in_resolve; /* set around the resolve() call */
	bool called_in_resolve;
};

static void
on_facts(struct waiter *w, const struct facts *f, bool cached)
{
	struct ask *a = (struct ask *)w;

	a->calls++;
	a->cached = cached;
	a->f = *f;
	a->called_in_resolve = a->in_resolve;
}

struct lab {
	struct run r;
	struct daemon d;
};

static void
lab_open(struct lab *l, const struct script_step *steps, size_t n,
    unsigned cache_entries)
{
	struct ptrcheck_options o;

	options(&o, 1);
	run_open(&l->r, steps, n, &o);
	memset(&l->d, 0, sizeof(l->d));
	config_defaults(&l->d.cfg);
	l->d.cfg.cache_entries = cache_entries;
	l->d.base = l->r.base;
	l->d.ctx = l->r.ctx;
	l->d.cache = cache_new(cache_entries);
	ck_assert_ptr_nonnull(l->d.cache);
}

static void
lab_close(struct lab *l)
{
	ptrcheck_ctx_free(l->r.ctx); /* no callback runs after this */
	l->r.ctx = NULL;
	cache_free(l->d.cache);
	run_close(&l->r);
}

/* ask - resolve ip for a; true when it started (or answered at once). */
static bool
ask(struct lab *l, struct ask *a, const char *ip)
{
	struct ptrcheck_addr addr;
	bool ok;

	memset(a, 0, sizeof(*a));
	a->w.done = on_facts;
	ck_assert_int_eq(ptrcheck_addr_parse(ip, &addr), PTRCHECK_OK);
	a->in_resolve = true;
	ok = resolve(&l->d, &addr, &a->w);
	a->in_resolve = false;
	return ok;
}

/* settle - run the loop until every ask given has its answer. */
static void
settle(struct lab *l, struct ask *a, struct ask *b)
{
	while (a->calls == 0 || (b != NULL && b->calls == 0))
		ck_assert_int_eq(event_base_loop(l->d.base, EVLOOP_ONCE), 0);
}

static const struct script_step missing_steps[] = {
    {.qname = OWNER7,
        .qtype = WIRE_TYPE_PTR,
        .what = SCRIPT_ANSWER,
        .rcode = WIRE_RCODE_NXDOMAIN,
        .authority = SOA_REV},
    {.qname = OWNER8,
        .qtype = WIRE_TYPE_PTR,
        .what = SCRIPT_ANSWER,
        .rcode = WIRE_RCODE_NXDOMAIN,
        .authority = SOA_REV},
};

START_TEST(shared_then_cached)
{
	struct lab l;
	struct ask a, b, c;

	lab_open(&l, missing_steps, NELEMS(missing_steps), 16);
	ck_assert(ask(&l, &a, "192.0.2.7"));
	ck_assert(ask(&l, &b, "192.0.2.7"));
	settle(&l, &a, &b);
	/* One lookup for both, each told once, never inside resolve(). */
	ck_assert_uint_eq(scripted_sent(l.r.t, NULL, OWNER7, WIRE_TYPE_PTR), 1);
	ck_assert_uint_eq(l.d.n.shared_lookups, 1);
	ck_assert_uint_eq(a.calls, 1);
	ck_assert_uint_eq(b.calls, 1);
	ck_assert(!a.called_in_resolve && !b.called_in_resolve);
	ck_assert_int_eq(a.f.verdict, PTRCHECK_VERDICT_PTR_MISSING);
	ck_assert_int_eq(b.f.verdict, PTRCHECK_VERDICT_PTR_MISSING);
	/* Fresh: from the cache, at once, without a query. */
	fake_now_ms += 1000;
	ck_assert(ask(&l, &c, "192.0.2.7"));
	ck_assert_uint_eq(c.calls, 1);
	ck_assert(c.called_in_resolve && c.cached);
	ck_assert_uint_eq(scripted_sent(l.r.t, NULL, OWNER7, WIRE_TYPE_PTR), 1);
	ck_assert_uint_eq(l.d.n.cache_hits, 1);
	lab_close(&l);
}
END_TEST

/* A negative answer lives at most negative-cache-max: asked again after. */
START_TEST(negative_expires)
{
	struct lab l;
	struct ask a;

	lab_open(&l, missing_steps, NELEMS(missing_steps), 16);
	l.d.cfg.negative_cache_max_s = 60;
	ck_assert(ask(&l, &a, "192.0.2.7"));
	settle(&l, &a, NULL);
	fake_now_ms += 59 * 1000;
	ck_assert(ask(&l, &a, "192.0.2.7"));
	ck_assert(a.cached && a.called_in_resolve);
	fake_now_ms += 2 * 1000;
	ck_assert(ask(&l, &a, "192.0.2.7"));
	ck_assert(!a.called_in_resolve);
	settle(&l, &a, NULL);
	ck_assert(!a.cached);
	ck_assert_uint_eq(scripted_sent(l.r.t, NULL, OWNER7, WIRE_TYPE_PTR), 2);
	lab_close(&l);
}
END_TEST

/* DNS fails after a pass expired: the pass is served stale; a rejection
 * is never kept past its life that way. */
static const struct script_step stale_steps[] = {
    {.qname = OWNER7,
        .qtype = WIRE_TYPE_PTR,
        .what = SCRIPT_ANSWER,
        .answer = OWNER7 " 600 IN PTR mail.example.",
        .times = 1},
    {.qname = "mail.example.",
        .qtype = WIRE_TYPE_A,
        .what = SCRIPT_ANSWER,
        .answer = "mail.example. 600 IN A 192.0.2.7",
        .times = 1},
    {.qname = OWNER8,
        .qtype = WIRE_TYPE_PTR,
        .what = SCRIPT_ANSWER,
        .rcode = WIRE_RCODE_NXDOMAIN,
        .authority = SOA_REV,
        .times = 1},
    {.what = SCRIPT_ANSWER, .rcode = WIRE_RCODE_SERVFAIL},
};

START_TEST(stale_pass_never_stale_reject)
{
	struct lab l;
	struct ask a, b;

	lab_open(&l, stale_steps, NELEMS(stale_steps), 16);
	ck_assert(ask(&l, &a, "192.0.2.7"));
	ck_assert(ask(&l, &b, "192.0.2.8"));
	settle(&l, &a, &b);
	ck_assert_int_eq(a.f.verdict, PTRCHECK_VERDICT_PASS);
	ck_assert_int_eq(b.f.verdict, PTRCHECK_VERDICT_PTR_MISSING);
	fake_now_ms += 601 * 1000; /* both expired; stale-max is an hour */
	ck_assert(ask(&l, &a, "192.0.2.7"));
	ck_assert(ask(&l, &b, "192.0.2.8"));
	settle(&l, &a, &b);
	ck_assert_int_eq(a.f.verdict, PTRCHECK_VERDICT_PASS);
	ck_assert(a.cached);
	ck_assert_int_eq(b.f.verdict, PTRCHECK_VERDICT_TEMPORARY);
	ck_assert_uint_eq(l.d.n.stale_served, 1);
	lab_close(&l);
}
END_TEST

/* A one-entry cache whose entry waits for a lookup: the next address gets
 * a lookup of its own (counted, logged), never the other's facts. */
START_TEST(full_cache_detached)
{
	static const struct script_step steps[] = {
	    {.qname = OWNER7,
	        .what = SCRIPT_ANSWER,
	        .rcode = WIRE_RCODE_NXDOMAIN,
	        .authority = SOA_REV,
	        .delay_ms = 200},
	    {.qname = OWNER8,
	        .qtype = WIRE_TYPE_PTR,
	        .what = SCRIPT_ANSWER,
	        .answer = OWNER8 " 600 IN PTR mail8.example."},
	    {.qname = "mail8.example.",
	        .qtype = WIRE_TYPE_A,
	        .what = SCRIPT_ANSWER,
	        .answer = "mail8.example. 600 IN A 192.0.2.8"},
	};
	struct lab l;
	struct ask a, b;

	lab_open(&l, steps, NELEMS(steps), 1);
	ck_assert(ask(&l, &a, "192.0.2.7"));
	ck_assert(ask(&l, &b, "192.0.2.8"));
	settle(&l, &a, &b);
	ck_assert_int_eq(a.f.verdict, PTRCHECK_VERDICT_PTR_MISSING);
	ck_assert_int_eq(b.f.verdict, PTRCHECK_VERDICT_PASS);
	ck_assert_str_eq(b.f.ptr, "mail8.example.");
	ck_assert_uint_eq(l.d.n.uncached_lookups, 1);
	ck_assert_ptr_nonnull(strstr(last_log, "cache full"));
	ck_assert_uint_eq(cache_detached(l.d.cache), 0); /* released */
	lab_close(&l);
}
END_TEST

/* A lookup that cannot start: resolve() says so, nobody is called, and
 * the entry does not stay pending (the next request asks again). */
START_TEST(start_fails)
{
	static const struct script_step steps[] = {
	    {.what = SCRIPT_SEND_FAILS, .times = 1},
	    {.qname = OWNER7,
	        .qtype = WIRE_TYPE_PTR,
	        .what = SCRIPT_ANSWER,
	        .rcode = WIRE_RCODE_NXDOMAIN,
	        .authority = SOA_REV},
	};
	struct lab l;
	struct ask a;

	lab_open(&l, steps, NELEMS(steps), 16);
	ck_assert(!ask(&l, &a, "192.0.2.7"));
	ck_assert_uint_eq(a.calls, 0);
	ck_assert(ask(&l, &a, "192.0.2.7"));
	settle(&l, &a, NULL);
	ck_assert_int_eq(a.f.verdict, PTRCHECK_VERDICT_PTR_MISSING);
	lab_close(&l);
}
END_TEST

static Suite *
resolve_suite(void)
{
	Suite *s = suite_create("resolve");
	TCase *tc = tcase_create("scripted");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, shared_then_cached);
	tcase_add_test(tc, negative_expires);
	tcase_add_test(tc, stale_pass_never_stale_reject);
	tcase_add_test(tc, full_cache_detached);
	tcase_add_test(tc, start_fails);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(resolve_suite)

/* test_cache.c - the facts cache: bounded, least recently used first, and
 * a lookup's answer reaches exactly the requests that waited for it, even
 * when one of them at once asks for another address that evicts and
 * reuses the very entry being answered (a pipelined request). */
#include <string.h>
#include <sys/socket.h>

#include "cache.h"
#include "unit.h"

struct fake_request {
	struct waiter w; /* first: done() casts back */
	struct cache *cache;
	int calls;
	enum ptrcheck_verdict got[4];
	/* what the request does when answered */
	const char *next_addr;       /* ask for it: evicts the entry */
	struct fake_request *closes; /* its connection closes another */
};

static struct ptrcheck_addr
addr(const char *text)
{
	struct ptrcheck_addr a;

	ck_assert_int_eq(ptrcheck_addr_parse(text, &a), PTRCHECK_OK);
	return a;
}

static void
on_done(struct waiter *w, const struct facts *f, bool cached)
{
	struct fake_request *r = (struct fake_request *)w;
	struct cache_entry *e;
	struct ptrcheck_addr a;

	(void)cached;
	ck_assert_int_lt(r->calls, 4);
	r->got[r->calls++] = f->verdict;
	if (r->closes != NULL)
		waiter_unlink(&r->closes->w);
	if (r->next_addr != NULL) {
		a = addr(r->next_addr);
		r->next_addr = NULL;
		e = cache_add(r->cache, &a);
		ck_assert_ptr_nonnull(e); /* the answered entry is idle now */
		waiter_link(e, &r->w);
	}
}

static void
request_init(struct fake_request *r, struct cache *c)
{
	memset(r, 0, sizeof(*r));
	r->w.done = on_done;
	r->cache = c;
}

static struct facts
facts_of(enum ptrcheck_verdict v)
{
	struct facts f;

	memset(&f, 0, sizeof(f));
	f.verdict = v;
	return f;
}

START_TEST(test_pipelined_request_evicts_the_entry_being_answered)
{
	struct cache *c = cache_new(1);
	struct ptrcheck_addr a = addr("192.0.2.11"), b;
	struct fake_request r1, r2, r3;
	struct cache_entry *e = cache_add(c, &a);
	struct facts missing = facts_of(PTRCHECK_VERDICT_PTR_MISSING);
	struct facts pass = facts_of(PTRCHECK_VERDICT_PASS);

	request_init(&r1, c);
	request_init(&r2, c);
	request_init(&r3, c);
	r1.next_addr = "192.0.2.10"; /* pipelined behind its first request */
	waiter_link(e, &r1.w);
	waiter_link(e, &r2.w);
	waiter_link(e, &r3.w);
	cache_wake(e, &missing, false);
	/* Every waiter got the first address's facts, once. */
	ck_assert_int_eq(r1.calls, 1);
	ck_assert_int_eq(r2.calls, 1);
	ck_assert_int_eq(r3.calls, 1);
	ck_assert_int_eq(r1.got[0], PTRCHECK_VERDICT_PTR_MISSING);
	ck_assert_int_eq(r2.got[0], PTRCHECK_VERDICT_PTR_MISSING);
	ck_assert_int_eq(r3.got[0], PTRCHECK_VERDICT_PTR_MISSING);
	/* The entry now belongs to the second address, r1 waits there and
	 * gets that address's own facts. */
	b = addr("192.0.2.10");
	ck_assert_ptr_eq(cache_find(c, &b), e);
	ck_assert_ptr_null(cache_find(c, &a));
	cache_wake(e, &pass, false);
	ck_assert_int_eq(r1.calls, 2);
	ck_assert_int_eq(r1.got[1], PTRCHECK_VERDICT_PASS);
	ck_assert_int_eq(r2.calls, 1);
	cache_free(c);
}
END_TEST

START_TEST(test_a_waiter_that_leaves_during_the_wake)
{
	struct cache *c = cache_new(4);
	struct ptrcheck_addr a = addr("2001:db8::25");
	struct cache_entry *e = cache_add(c, &a);
	struct fake_request r1, r2, r3;
	struct facts f = facts_of(PTRCHECK_VERDICT_FORWARD_MISMATCH);

	request_init(&r1, c);
	request_init(&r2, c);
	request_init(&r3, c);
	waiter_link(e, &r3.w);
	waiter_link(e, &r2.w);
	waiter_link(e, &r1.w); /* r1 is woken first */
	r1.closes = &r2;
	cache_wake(e, &f, true);
	ck_assert_int_eq(r1.calls, 1);
	ck_assert_int_eq(r2.calls, 0); /* its connection closed: not answered */
	ck_assert_int_eq(r3.calls, 1);
	cache_free(c);
}
END_TEST

START_TEST(test_full_of_lookups_gives_a_detached_entry)
{
	struct cache *c = cache_new(2);
	struct ptrcheck_addr a = addr("192.0.2.1"), b = addr("192.0.2.2");
	struct ptrcheck_addr x = addr("192.0.2.3");
	struct cache_entry *ea = cache_add(c, &a), *eb = cache_add(c, &b), *ex;

	ea->pending = eb->pending = true;
	ck_assert_ptr_null(cache_add(c, &x)); /* nothing can be evicted */
	ex = cache_add_detached(c, &x);
	ck_assert_ptr_nonnull(ex);
	ck_assert(ex->detached);
	ck_assert_ptr_null(cache_find(c, &x)); /* not in the table */
	ck_assert_uint_eq(cache_detached(c), 1);
	ck_assert_uint_eq(cache_size(c), 2);
	cache_release(c, ex);
	ck_assert_uint_eq(cache_detached(c), 0);
	cache_release(c, ea); /* a table entry stays */
	ck_assert_ptr_eq(cache_find(c, &a), ea);
	/* one left detached is freed with the cache (LSan checks) */
	ck_assert_ptr_nonnull(cache_add_detached(c, &x));
	cache_free(c);
}
END_TEST

START_TEST(test_lru_eviction_skips_lookups_in_flight)
{
	struct cache *c = cache_new(2);
	struct ptrcheck_addr a = addr("192.0.2.1"), b = addr("192.0.2.2");
	struct ptrcheck_addr x = addr("192.0.2.3");
	struct cache_entry *ea = cache_add(c, &a);

	cache_add(c, &b);
	ea->pending = true; /* a is the least recent, but busy */
	ck_assert_ptr_nonnull(cache_add(c, &x));
	ck_assert_ptr_eq(cache_find(c, &a), ea);
	ck_assert_ptr_null(cache_find(c, &b));
	ck_assert_uint_eq(cache_size(c), 2);
	cache_free(c);
}
END_TEST

static Suite *
cache_suite(void)
{
	Suite *s = suite_create("cache");
	TCase *tc = tcase_create("cache");

	tcase_add_test(
	    tc, test_pipelined_request_evicts_the_entry_being_answered);
	tcase_add_test(tc, test_a_waiter_that_leaves_during_the_wake);
	tcase_add_test(tc, test_full_of_lookups_gives_a_detached_entry);
	tcase_add_test(tc, test_lru_eviction_skips_lookups_in_flight);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(cache_suite)

/*
 * cache.h - DNS facts per client address, bounded: a fixed number of
 * entries, the least recently used one replaced first. Facts, not
 * actions, so a changed rule applies at once. An entry may also hold the
 * check in flight for its address and the requests waiting for it, so
 * many simultaneous requests for one address share one lookup.
 */
#ifndef PTRCHECKD_CACHE_H
#define PTRCHECKD_CACHE_H

#include <stdint.h>

#include "decide.h"

struct cache;

/* A request waiting for a lookup; owned by the request, linked here. */
struct waiter {
	struct waiter *prev, *next;
	void (*done)(struct waiter *w, const struct facts *f, bool cached);
};

struct cache_entry {
	struct ptrcheck_addr addr;
	bool have_facts;
	struct facts facts;
	uint64_t expires_ms; /* fresh until then */
	/* a pass may be served until then when DNS fails */
	uint64_t stale_until_ms;
	bool pending;          /* a lookup is in flight */
	uint64_t started_ms;   /* when that lookup started */
	bool detached;         /* not in the table: one uncached lookup */
	void *owner;           /* who runs the lookup (resolve.c's daemon) */
	struct waiter waiters; /* list head */
	/* the table's own links */
	struct cache_entry *hnext, *lru_prev, *lru_next;
};

/* addr_hash - FNV-1a over the address's bytes: the daemon's tables of
 * clients (the cache, the first-deferral table) spread them with it. */
size_t addr_hash(const struct ptrcheck_addr *a);

struct cache *cache_new(size_t capacity);
void cache_free(struct cache *c);

/* cache_find - the entry of a, or NULL; marks it recently used. */
struct cache_entry *cache_find(struct cache *c, const struct ptrcheck_addr *a);

/* cache_add - a new empty entry for a, replacing the least recently used
 * idle entry when full; NULL when every entry has a lookup in flight. */
struct cache_entry *cache_add(struct cache *c, const struct ptrcheck_addr *a);

/* cache_add_detached - an entry for a that is not in the table, for one
 * lookup when every entry of the table has one in flight: the request
 * still gets its own answer. Kept on a list of its own until
 * cache_release (or cache_free); NULL when out of memory. */
struct cache_entry *cache_add_detached(
    struct cache *c, const struct ptrcheck_addr *a);

/* cache_release - after its lookup: a detached entry is freed, a table
 * entry stays. */
void cache_release(struct cache *c, struct cache_entry *e);

/* cache_detached - how many detached entries are alive. */
size_t cache_detached(const struct cache *c);

/* cache_wake - hand f to every request waiting on e, each once. The
 * waiters are taken off e first: a waiter's callback may start its next
 * request, which may evict and reuse e for another address, and must
 * never be answered with these facts. */
void cache_wake(struct cache_entry *e, const struct facts *f, bool cached);

size_t cache_size(const struct cache *c);

void waiter_link(struct cache_entry *e, struct waiter *w);
void waiter_unlink(struct waiter *w);

#endif

/* cache.c - a fixed-size hash table with an LRU list (see cache.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cache.h"

struct cache {
	struct cache_entry **buckets;
	size_t nbuckets, size, capacity;
	struct cache_entry lru;      /* head: lru.lru_next is the most recent */
	struct cache_entry detached; /* head of the detached entries */
	size_t ndetached;
};

size_t
addr_hash(const struct ptrcheck_addr *a)
{
	size_t n = a->family == AF_INET ? 4 : 16, i;
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (i = 0; i < n; i++)
		h = (h ^ a->bytes[i]) * 1099511628211ULL;
	return (size_t)h;
}

struct cache *
cache_new(size_t capacity)
{
	struct cache *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->capacity = capacity;
	for (c->nbuckets = 64; c->nbuckets < capacity; c->nbuckets <<= 1)
		;
	if ((c->buckets = calloc(c->nbuckets, sizeof(*c->buckets))) == NULL) {
		free(c);
		return NULL;
	}
	c->lru.lru_next = c->lru.lru_prev = &c->lru;
	c->detached.lru_next = c->detached.lru_prev = &c->detached;
	return c;
}

void
cache_free(struct cache *c)
{
	struct cache_entry *e, *next;

	if (c == NULL)
		return;
	for (e = c->lru.lru_next; e != &c->lru; e = next) {
		next = e->lru_next;
		free(e);
	}
	for (e = c->detached.lru_next; e != &c->detached; e = next) {
		next = e->lru_next; /* lookups abandoned at shutdown */
		free(e);
	}
	free(c->buckets);
	free(c);
}

static void
lru_unlink(struct cache_entry *e)
{
	e->lru_prev->lru_next = e->lru_next;
	e->lru_next->lru_prev = e->lru_prev;
}

/* list_front - e first after head (the LRU list, or the detached one). */
static void
list_front(struct cache_entry *head, struct cache_entry *e)
{
	e->lru_next = head->lru_next;
	e->lru_prev = head;
	head->lru_next->lru_prev = e;
	head->lru_next = e;
}

struct cache_entry *
cache_find(struct cache *c, const struct ptrcheck_addr *a)
{
	struct cache_entry *e;

	for (e = c->buckets[addr_hash(a) & (c->nbuckets - 1)]; e != NULL;
	     e = e->hnext)
		if (ptrcheck_addr_equal(&e->addr, a)) {
			lru_unlink(e);
			list_front(&c->lru, e);
			return e;
		}
	return NULL;
}

static void
bucket_remove(struct cache *c, struct cache_entry *e)
{
	struct cache_entry **p =
	    &c->buckets[addr_hash(&e->addr) & (c->nbuckets - 1)];

	while (*p != e)
		p = &(*p)->hnext;
	*p = e->hnext;
}

/* evict - the least recently used entry without a lookup in flight. */
static struct cache_entry *
evict(struct cache *c)
{
	struct cache_entry *e;

	for (e = c->lru.lru_prev; e != &c->lru; e = e->lru_prev)
		if (!e->pending) {
			bucket_remove(c, e);
			lru_unlink(e);
			c->size--;
			return e;
		}
	return NULL;
}

struct cache_entry *
cache_add(struct cache *c, const struct ptrcheck_addr *a)
{
	struct cache_entry *e = NULL, **b;

	if (c->size >= c->capacity && (e = evict(c)) == NULL)
		return NULL;
	if (e == NULL && (e = malloc(sizeof(*e))) == NULL)
		return NULL;
	memset(e, 0, sizeof(*e));
	e->addr = *a;
	e->waiters.next = e->waiters.prev = &e->waiters;
	b = &c->buckets[addr_hash(a) & (c->nbuckets - 1)];
	e->hnext = *b;
	*b = e;
	list_front(&c->lru, e);
	c->size++;
	return e;
}

struct cache_entry *
cache_add_detached(struct cache *c, const struct ptrcheck_addr *a)
{
	struct cache_entry *e = calloc(1, sizeof(*e));

	if (e == NULL)
		return NULL;
	e->addr = *a;
	e->detached = true;
	e->waiters.next = e->waiters.prev = &e->waiters;
	list_front(&c->detached, e);
	c->ndetached++;
	return e;
}

void
cache_release(struct cache *c, struct cache_entry *e)
{
	if (!e->detached)
		return;
	lru_unlink(e);
	c->ndetached--;
	free(e);
}

size_t
cache_size(const struct cache *c)
{
	return c->size;
}

size_t
cache_detached(const struct cache *c)
{
	return c->ndetached;
}

void
cache_wake(struct cache_entry *e, const struct facts *f, bool cached)
{
	struct facts copy = *f; /* e may be reused while its waiters run */
	struct waiter taken;

	if (e->waiters.next == &e->waiters)
		return;
	/* Move the whole list onto a head of our own. */
	taken.next = e->waiters.next;
	taken.prev = e->waiters.prev;
	taken.next->prev = &taken;
	taken.prev->next = &taken;
	e->waiters.next = e->waiters.prev = &e->waiters;
	while (taken.next != &taken) {
		struct waiter *w = taken.next;

		waiter_unlink(w); /* a closing connection may unlink others */
		w->done(w, &copy, cached);
	}
}

void
waiter_link(struct cache_entry *e, struct waiter *w)
{
	w->next = e->waiters.next;
	w->prev = &e->waiters;
	e->waiters.next->prev = w;
	e->waiters.next = w;
}

void
waiter_unlink(struct waiter *w)
{
	if (w->next == NULL)
		return;
	w->prev->next = w->next;
	w->next->prev = w->prev;
	w->next = w->prev = NULL;
}

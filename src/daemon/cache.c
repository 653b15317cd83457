/* cache.c - a fixed-size hash table with an LRU list (see cache.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cache.h"

struct cache {
	struct cache_entry **buckets;
	size_t nbuckets, size, capacity;
	struct cache_entry lru; /* head: lru.lru_next is the most recent */
};

static size_t
hash(const struct ptrcheck_addr *a)
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
	free(c->buckets);
	free(c);
}

static void
lru_unlink(struct cache_entry *e)
{
	e->lru_prev->lru_next = e->lru_next;
	e->lru_next->lru_prev = e->lru_prev;
}

static void
lru_front(struct cache *c, struct cache_entry *e)
{
	e->lru_next = c->lru.lru_next;
	e->lru_prev = &c->lru;
	c->lru.lru_next->lru_prev = e;
	c->lru.lru_next = e;
}

struct cache_entry *
cache_find(struct cache *c, const struct ptrcheck_addr *a)
{
	struct cache_entry *e;

	for (e = c->buckets[hash(a) & (c->nbuckets - 1)]; e != NULL; e = e->hnext)
		if (ptrcheck_addr_equal(&e->addr, a)) {
			lru_unlink(e);
			lru_front(c, e);
			return e;
		}
	return NULL;
}

static void
bucket_remove(struct cache *c, struct cache_entry *e)
{
	struct cache_entry **p = &c->buckets[hash(&e->addr) & (c->nbuckets - 1)];

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
	b = &c->buckets[hash(a) & (c->nbuckets - 1)];
	e->hnext = *b;
	*b = e;
	lru_front(c, e);
	c->size++;
	return e;
}

size_t
cache_size(const struct cache *c)
{
	return c->size;
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

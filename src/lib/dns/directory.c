/*
 * directory.c - for a scan that asks authoritative servers itself: the
 * zone around an address (the SOA of its /24 or /64 name, through the
 * resolver), then that zone's servers (nsset.c). Each is walked once;
 * checks that arrive meanwhile wait on the entry. The table is bounded:
 * when full, finished entries nobody waits for are dropped.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "directory.h"
#include "dns.h"
#include "lookup.h"
#include "nsset.h"
#include "wire.h"

#define BUCKETS 4096
#define MAX_ENTRIES 4096

enum entry_state { ENTRY_WALKING, ENTRY_READY };

struct dir_waiter {
	struct dir_waiter *prev, *next;
	dir_fn *cb;
	void *arg;
};

struct entry {
	struct entry *next; /* in its bucket */
	struct directory *dir;
	struct dname key;
	enum entry_state state;
	struct lookup *soa_l;
	struct nsset_job *ns_job;
	struct ptrcheck_server servers[DIRECTORY_MAX_SERVERS];
	size_t nservers;
	struct dir_waiter waiters; /* list head */
};

struct directory {
	struct dns *dns;
	struct entry *buckets[BUCKETS];
	size_t nentries;
};

static unsigned
name_hash(const struct dname *n)
{
	unsigned h = 2166136261u;
	size_t i;

	for (i = 0; i < n->len; i++) {
		uint8_t c = n->wire[i];

		h = (h ^ (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c)) *
		    16777619u;
	}
	return h % BUCKETS;
}

/* zone_key - the /24 (IPv4) or /64 (IPv6) reverse name of addr: the
 * smallest conventional zone, and a bound on how many walks one zone gets. */
static bool
zone_key(const struct ptrcheck_addr *addr, struct dname *key)
{
	char owner[PTRCHECK_ARPA_TEXT_MAX];
	struct dname full;
	const uint8_t *p;
	size_t skip = addr->family == AF_INET ? 1 : 16, i;

	if (ptrcheck_arpa_from_addr(addr, owner, sizeof(owner)) !=
	        PTRCHECK_OK ||
	    name_from_text(owner, &full) != PTRCHECK_OK)
		return false;
	p = full.wire;
	for (i = 0; i < skip; i++)
		p += 1 + *p;
	return name_from_wire(p, full.len - (size_t)(p - full.wire), key) ==
	       PTRCHECK_OK;
}

static void
entry_free(struct entry *e)
{
	struct dir_waiter *w;

	lookup_cancel(e->soa_l);
	nsset_cancel(e->ns_job);
	while ((w = e->waiters.next) != &e->waiters) {
		directory_unwait(w);
	}
	free(e);
}

/* ready - the walk is over: wake every waiter with what was found. */
static void
ready(struct entry *e)
{
	struct dir_waiter *w;

	e->state = ENTRY_READY;
	while ((w = e->waiters.next) != &e->waiters) {
		dir_fn *cb = w->cb;
		void *arg = w->arg;

		directory_unwait(w);
		cb(e->servers, e->nservers, arg);
	}
}

static void
on_nsset(const struct nsset *set, void *arg)
{
	struct entry *e = arg;
	size_t i, j;

	e->ns_job = NULL;
	for (i = 0; i < set->nhosts; i++)
		for (j = 0; j < set->hosts[i].naddrs &&
		            e->nservers < DIRECTORY_MAX_SERVERS;
		     j++) {
			e->servers[e->nservers].addr = set->hosts[i].addrs[j];
			e->servers[e->nservers++].port = 53;
		}
	ready(e);
}

static void
on_soa(const struct lookup_result *res, void *arg)
{
	struct entry *e = arg;
	const struct wire_reply *r = res->reply;

	e->soa_l = NULL;
	/* A positive or negative answer names the zone; nothing else does. */
	if (r == NULL || !r->soa.found ||
	    nsset_resolve(e->dir->dns, &r->soa.zone, on_nsset, e, &e->ns_job) !=
	        PTRCHECK_OK)
		ready(e);
}

static void
prune(struct directory *d)
{
	size_t b;

	for (b = 0; b < BUCKETS; b++) {
		struct entry **pp = &d->buckets[b], *e;

		while ((e = *pp) != NULL) {
			if (e->state == ENTRY_READY &&
			    e->waiters.next == &e->waiters) {
				*pp = e->next;
				entry_free(e);
				d->nentries--;
			} else {
				pp = &e->next;
			}
		}
	}
}

static struct entry *
entry_new(struct directory *d, const struct dname *key, unsigned h)
{
	struct entry *e;

	if (d->nentries >= MAX_ENTRIES)
		prune(d);
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	e->dir = d;
	e->key = *key;
	e->waiters.next = e->waiters.prev = &e->waiters;
	if (lookup_start(d->dns, key, WIRE_TYPE_SOA, on_soa, e, &e->soa_l) !=
	    PTRCHECK_OK) {
		free(e);
		return NULL;
	}
	e->next = d->buckets[h];
	d->buckets[h] = e;
	d->nentries++;
	return e;
}

static struct entry *
entry_find(struct directory *d, const struct dname *key, unsigned h)
{
	struct entry *e;

	for (e = d->buckets[h]; e != NULL; e = e->next)
		if (name_equal(&e->key, key))
			return e;
	return NULL;
}

bool
directory_find(struct dns *dns, const struct ptrcheck_addr *addr,
    struct ptrcheck_server *out, size_t *n, dir_fn *cb, void *arg,
    struct dir_waiter **wout)
{
	struct dname key;
	struct entry *e;
	struct dir_waiter *w;
	unsigned h;

	*n = 0;
	if (dns->directory == NULL &&
	    (dns->directory = calloc(1, sizeof(*dns->directory))) != NULL)
		dns->directory->dns = dns;
	if (dns->directory == NULL || !zone_key(addr, &key))
		return true; /* no servers: the resolver it is */
	h = name_hash(&key);
	if ((e = entry_find(dns->directory, &key, h)) == NULL &&
	    (e = entry_new(dns->directory, &key, h)) == NULL)
		return true;
	if (e->state == ENTRY_READY) {
		memcpy(out, e->servers, e->nservers * sizeof(*out));
		*n = e->nservers;
		return true;
	}
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return true;
	w->cb = cb;
	w->arg = arg;
	w->next = &e->waiters;
	w->prev = e->waiters.prev;
	e->waiters.prev->next = w;
	e->waiters.prev = w;
	*wout = w;
	return false;
}

void
directory_unwait(struct dir_waiter *w)
{
	if (w == NULL)
		return;
	w->prev->next = w->next;
	w->next->prev = w->prev;
	free(w);
}

void
directory_free(struct directory *d)
{
	size_t b;

	if (d == NULL)
		return;
	for (b = 0; b < BUCKETS; b++) {
		while (d->buckets[b] != NULL) {
			struct entry *e = d->buckets[b];

			d->buckets[b] = e->next;
			entry_free(e);
		}
	}
	free(d);
}

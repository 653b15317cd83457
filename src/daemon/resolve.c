/*
 * resolve.c - facts about a client address: from the cache while fresh,
 * else from one check that every request for the address waits on. An
 * entry lives as long as the smallest TTL of its answers (at most
 * cache-max-ttl); a negative one at most negative-cache-max, so a sender
 * who fixed the PTR is not refused for a day. When DNS fails, a pass may
 * be served stale (up to stale-max), never a rejection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "daemon.h"

#define TEMPORARY_KEEP_MS 10000 /* a failure is asked again after this */
#define ALERT_EVERY_MS 60000
#define SPECIAL_ALERT_EVERY_MS 3600000

/* keep_name - the i-th PTR name into a facts field, cut visibly. */
static void
keep_name(const struct ptrcheck_report *rep, size_t i, char *dst)
{
	char text[PTRCHECK_NAME_TEXT_MAX];
	size_t n;

	ptrcheck_report_ptr_name(rep, i, text, sizeof(text));
	n = strlen(text);
	if (n < FACTS_NAME_MAX) {
		memcpy(dst, text, n + 1);
		return;
	}
	memcpy(dst, text, FACTS_NAME_MAX - 4);
	strcpy(dst + FACTS_NAME_MAX - 4, "...");
}

static void
facts_from(const struct ptrcheck_report *rep, struct facts *f)
{
	size_t i, n = ptrcheck_report_ptr_count(rep);

	memset(f, 0, sizeof(*f));
	f->verdict = ptrcheck_report_verdict(rep);
	if (n > 0)
		keep_name(rep, 0, f->ptr);
	for (i = 0; i < n; i++)
		if (ptrcheck_report_ptr_confirms(rep, i)) {
			keep_name(rep, i, f->confirmed);
			break;
		}
}

/* lifetime_ms - how long facts stay fresh. */
static uint64_t
lifetime_ms(const struct config *c, const struct ptrcheck_report *rep,
    enum ptrcheck_verdict v)
{
	uint64_t ttl = ptrcheck_report_ttl(rep);

	if (v == PTRCHECK_VERDICT_TEMPORARY)
		return TEMPORARY_KEEP_MS;
	if (ttl > c->cache_max_ttl_s)
		ttl = c->cache_max_ttl_s;
	if ((v == PTRCHECK_VERDICT_PTR_MISSING ||
	        v == PTRCHECK_VERDICT_FORWARD_MISSING) &&
	    ttl > c->negative_cache_max_s)
		ttl = c->negative_cache_max_s;
	return ttl * 1000;
}

static void
on_checked(struct ptrcheck_report *rep, void *arg)
{
	struct cache_entry *e = arg;
	struct daemon *d = e->owner;
	struct facts f;
	uint64_t now = now_ms();
	bool stale;

	facts_from(rep, &f);
	note_lookup(d, f.verdict == PTRCHECK_VERDICT_TEMPORARY);
	histogram_add(&d->dns_seconds, now - e->started_ms);
	if (f.verdict == PTRCHECK_VERDICT_TEMPORARY)
		d->n.dns_temporary++;
	stale = f.verdict == PTRCHECK_VERDICT_TEMPORARY && e->have_facts &&
	        e->facts.verdict == PTRCHECK_VERDICT_PASS &&
	        now < e->stale_until_ms;
	e->pending = false;
	if (stale) {
		d->n.stale_served++;
		e->expires_ms = now + TEMPORARY_KEEP_MS;
		f = e->facts;
	} else {
		e->facts = f;
		e->have_facts = true;
		e->expires_ms = now + lifetime_ms(&d->cfg, rep, f.verdict);
		if (f.verdict == PTRCHECK_VERDICT_PASS)
			e->stale_until_ms =
			    e->expires_ms + (uint64_t)d->cfg.stale_max_s * 1000;
	}
	ptrcheck_report_free(rep);
	cache_wake(e, &f, stale);
	cache_release(d->cache, e); /* e is not touched after this */
}

/* entry_for - addr's entry in the table, or, when every entry of the table
 * has a lookup in flight, a detached one: the request still gets its own
 * lookup, never a tempfail and never another address's facts. */
static struct cache_entry *
entry_for(struct daemon *d, const struct ptrcheck_addr *addr)
{
	struct cache_entry *e = cache_add(d->cache, addr);

	if (e != NULL)
		return e;
	d->n.uncached_lookups++;
	if (log_due(&d->cache_full_log_ms, ALERT_EVERY_MS))
		log_msg(LOG_WARNING,
		    "cache full: all %u entries wait for lookups; "
		    "lookups go on uncached (%llu so far): raise cache-entries",
		    d->cfg.cache_entries,
		    (unsigned long long)d->n.uncached_lookups);
	return cache_add_detached(d->cache, addr);
}

bool
resolve(struct daemon *d, const struct ptrcheck_addr *addr, struct waiter *w)
{
	struct cache_entry *e = cache_find(d->cache, addr);

	if (e != NULL && e->have_facts && !e->pending &&
	    now_ms() < e->expires_ms) {
		d->n.cache_hits++;
		w->done(w, &e->facts, true);
		return true;
	}
	d->n.cache_misses++;
	if (e == NULL && (e = entry_for(d, addr)) == NULL)
		return false;
	waiter_link(e, w);
	if (e->pending) {
		d->n.shared_lookups++;
		return true;
	}
	e->owner = d;
	e->pending = true; /* before the start: its answer must find it so */
	e->started_ms = now_ms();
	if (ptrcheck_check_start(d->ctx, addr, NULL, on_checked, e) !=
	    PTRCHECK_OK) {
		waiter_unlink(w);
		e->pending = false;
		cache_release(d->cache, e);
		return false;
	}
	return true;
}

/* ring_add - record one mark; how many of the last RECENT are set. */
static unsigned
ring_add(uint8_t *ring, unsigned *at, unsigned *seen, bool mark)
{
	unsigned i, n = 0;

	ring[*at] = mark;
	*at = (*at + 1) % RECENT;
	if (*seen < RECENT)
		(*seen)++;
	for (i = 0; i < *seen; i++)
		n += ring[i];
	return n;
}

void
note_lookup(struct daemon *d, bool temporary)
{
	unsigned n =
	    ring_add(d->recent_temp, &d->temp_at, &d->temp_seen, temporary);

	if (d->temp_seen >= 20 && n * 2 > d->temp_seen &&
	    log_due(&d->temp_alert_ms, ALERT_EVERY_MS)) {
		d->n.temporary_alerts++;
		log_msg(LOG_ALERT,
		    "alert: %u of the last %u lookups failed "
		    "(temporary): are the resolvers reachable?",
		    n, d->temp_seen);
	}
}

void
note_client(struct daemon *d, bool special)
{
	unsigned n = ring_add(
	    d->recent_special, &d->special_at, &d->special_seen, special);

	if (d->special_seen >= 20 && n * 10 >= d->special_seen * 8 &&
	    log_due(&d->special_alert_ms, SPECIAL_ALERT_EVERY_MS))
		log_msg(LOG_WARNING,
		    "warning: %u of the last %u clients have loopback, "
		    "private or other special addresses: a NAT or proxy in "
		    "front of "
		    "Postfix hides the real clients",
		    n, d->special_seen);
}

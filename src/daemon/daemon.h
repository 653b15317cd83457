/* daemon.h - the state ptrcheckd's modules share: settings, the DNS
 * context, the cache, the counters and the log. One event loop. */
#ifndef PTRCHECKD_DAEMON_H
#define PTRCHECKD_DAEMON_H

#include <stdint.h>
#include <sys/time.h>

#include "cache.h"
#include "config.h"
#include "histogram.h"
#include "tempfail.h"

struct event_base;
struct evhttp;
struct ptrcheck_ctx;
struct listeners;
struct conn;

#define RECENT 100 /* lookups and clients remembered for the alerts */

struct counters {
	uint64_t requests, decisions[CONFIG_VERDICTS];
	uint64_t rejected, deferred, would_reject, passed_early;
	uint64_t cache_hits, cache_misses, stale_served, shared_lookups;
	uint64_t malformed, connections, temporary_alerts;
	uint64_t uncached_lookups; /* the cache was full of lookups in flight */
	uint64_t evicted_connections; /* closed for a newer one at the cap */
	uint64_t deadline_closes; /* no complete request within idle-timeout */
	uint64_t output_pauses,
	    output_closes;        /* a client not reading replies */
	uint64_t tempfail_capped; /* DUNNO after tempfail-max-age */
	uint64_t dns_temporary;   /* lookups that ended temporary */
	uint64_t tempfail_full;   /* deferrals the table could not record */
};

struct daemon {
	struct event_base *base;
	struct config cfg;
	const char *config_path; /* NULL: no file */
	struct ptrcheck_ctx *ctx;
	struct cache *cache;
	struct tempfail *tempfail; /* first deferral per client */
	struct evhttp *http;       /* metrics-listen, or NULL */
	struct histogram decision_seconds, dns_seconds;
	struct listeners *listeners;
	struct counters n;
	unsigned open_conns;
	struct conn *conns,
	    *conns_tail;        /* every open one, oldest reply first */
	struct timeval idle_tv; /* idle-timeout as a common timeout */
	unsigned idle_tv_for;   /* the idle-timeout it was made for */
	/* the last RECENT lookups (1: temporary) and clients (1: special) */
	uint8_t recent_temp[RECENT], recent_special[RECENT];
	unsigned temp_at, special_at, temp_seen, special_seen;
	uint64_t temp_alert_ms, special_alert_ms;
	/* when each bound was last logged (at most once a minute) */
	uint64_t cache_full_log_ms, conn_cap_log_ms, deadline_log_ms,
	    output_log_ms, tempfail_log_ms;
};

/* now_ms - the monotonic clock. */
uint64_t now_ms(void);

/* log_due - whether a repeated warning may be logged again: more than
 * every_ms since *last_ms (0: never logged), which it then sets to now.
 * The counters tell what the log leaves out. */
bool log_due(uint64_t *last_ms, uint64_t every_ms);

/* log_open - to stderr, or syslog (facility mail). */
void log_open(bool to_stderr);
void log_msg(int priority, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void log_counters(const struct daemon *d);

/* log_start - with stderr, lines are written every 100 ms (warnings at
 * once); log_stop writes what is left. */
void log_start(struct event_base *base);
void log_stop(void);
void log_flush(void);

/* resolve - facts about addr for w: at once from the cache (w->done runs
 * before resolve returns), or when the lookup it joins or starts is done.
 * False when no lookup could start (w->done is not called). */
bool resolve(
    struct daemon *d, const struct ptrcheck_addr *addr, struct waiter *w);

/* note_client - keep the alerts' history: a lookup's outcome, a client
 * that was special. */
void note_lookup(struct daemon *d, bool temporary);
void note_client(struct daemon *d, bool special);

/* listeners_open - bind every configured address (before dropping root). */
bool listeners_open(struct daemon *d, char *err, size_t errlen);
void listeners_free(struct daemon *d);

/* privs_drop - setgroups, setgid, setuid to user, then verified. */
bool privs_drop(const char *user, char *err, size_t errlen);

#endif

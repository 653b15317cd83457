/* log.c - one line per event, to stderr or syslog (facility mail). */
#include <event2/event.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"

static bool use_stderr = true;

uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void
log_open(bool to_stderr)
{
	use_stderr = to_stderr;
	if (!to_stderr)
		openlog("ptrcheckd", LOG_PID | LOG_NDELAY, LOG_MAIL);
}

/* Lines for stderr wait here, so that a busy daemon makes one write per
 * 100 ms (or per 48 KiB) instead of one per decision; warnings and worse
 * go out at once. */
static char pending[64 * 1024];
static size_t npending;
static struct event *flusher;

void
log_flush(void)
{
	size_t off = 0;
	ssize_t n;

	while (off < npending &&
	       (n = write(STDERR_FILENO, pending + off, npending - off)) > 0)
		off += (size_t)n;
	npending = 0;
}

static void
on_flush(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	log_flush();
}

void
log_start(struct event_base *base)
{
	struct timeval tv = {0, 100000};

	if (!use_stderr)
		return;
	flusher = event_new(base, -1, EV_PERSIST, on_flush, NULL);
	if (flusher == NULL || event_add(flusher, &tv) != 0)
		flusher = NULL; /* unbuffered, then */
}

void
log_stop(void)
{
	log_flush();
	if (flusher != NULL)
		event_free(flusher);
	flusher = NULL;
}

void
log_msg(int priority, const char *fmt, ...)
{
	char line[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	if (!use_stderr) {
		vsyslog(priority, fmt, ap);
		va_end(ap);
		return;
	}
	memcpy(line, "ptrcheckd: ", 11);
	n = vsnprintf(line + 11, sizeof(line) - 12, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n = n + 11 > (int)sizeof(line) - 2 ? (int)sizeof(line) - 2 : n + 11;
	line[n++] = '\n';
	if (npending + (size_t)n > sizeof(pending))
		log_flush();
	memcpy(pending + npending, line, (size_t)n);
	npending += (size_t)n;
	if (flusher == NULL || priority <= LOG_WARNING || npending > 48 * 1024)
		log_flush();
}

void
log_counters(const struct daemon *d)
{
	const struct counters *n = &d->n;
	uint64_t lookups = n->cache_hits + n->cache_misses;

	log_msg(LOG_INFO,
	    "stats: requests=%llu pass=%llu ptr-missing=%llu "
	    "forward-missing=%llu forward-mismatch=%llu ptr-generic=%llu "
	    "ptr-invalid=%llu temporary=%llu rejected=%llu deferred=%llu "
	    "would-reject=%llu passed-early=%llu cache-hits=%llu "
	    "cache-misses=%llu "
	    "hit-rate=%.1f%% stale-served=%llu shared-lookups=%llu "
	    "cache-entries=%zu "
	    "malformed=%llu connections=%llu open=%u evicted-connections=%llu "
	    "deadline-closes=%llu output-pauses=%llu output-closes=%llu "
	    "uncached-lookups=%llu temporary-alerts=%llu "
	    "tempfail-capped=%llu tempfail-unrecorded=%llu",
	    (unsigned long long)n->requests,
	    (unsigned long long)n->decisions[PTRCHECK_VERDICT_PASS],
	    (unsigned long long)n->decisions[PTRCHECK_VERDICT_PTR_MISSING],
	    (unsigned long long)n->decisions[PTRCHECK_VERDICT_FORWARD_MISSING],
	    (unsigned long long)n->decisions[PTRCHECK_VERDICT_FORWARD_MISMATCH],
	    (unsigned long long)n->decisions[PTRCHECK_VERDICT_PTR_GENERIC],
	    (unsigned long long)n->decisions[PTRCHECK_VERDICT_PTR_INVALID],
	    (unsigned long long)n->decisions[PTRCHECK_VERDICT_TEMPORARY],
	    (unsigned long long)n->rejected, (unsigned long long)n->deferred,
	    (unsigned long long)n->would_reject,
	    (unsigned long long)n->passed_early,
	    (unsigned long long)n->cache_hits,
	    (unsigned long long)n->cache_misses,
	    lookups ? 100.0 * (double)n->cache_hits / (double)lookups : 0.0,
	    (unsigned long long)n->stale_served,
	    (unsigned long long)n->shared_lookups, cache_size(d->cache),
	    (unsigned long long)n->malformed,
	    (unsigned long long)n->connections, d->open_conns,
	    (unsigned long long)n->evicted_connections,
	    (unsigned long long)n->deadline_closes,
	    (unsigned long long)n->output_pauses,
	    (unsigned long long)n->output_closes,
	    (unsigned long long)n->uncached_lookups,
	    (unsigned long long)n->temporary_alerts,
	    (unsigned long long)n->tempfail_capped,
	    (unsigned long long)n->tempfail_full);
}

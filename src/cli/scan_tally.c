/*
 * scan_tally.c - what a scan found, as it goes: counts per verdict, the
 * prefixes (/24, /64) with the most problems, a progress line on a
 * terminal, and the summary at the end. The prefix table is bounded, so
 * the tally's memory is flat too.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "scan.h"

#define NVERDICTS (PTRCHECK_VERDICT_TEMPORARY + 1)
#define PREFIX_TABLE 65536 /* power of two */
#define WORST_SHOWN 5
#define PROGRESS_EVERY_MS 200

struct prefix_count {
	struct ptrcheck_prefix prefix; /* len 0: free */
	uint64_t addresses, problems;
};

struct scan_tally {
	uint64_t total; /* UINT64_MAX: unknown */
	uint64_t done, verdicts[NVERDICTS];
	bool progress;
	bool shown; /* a progress line is on the terminal */
	struct timespec start, last_progress;
	struct prefix_count *table;
	bool table_full;
};

static double
seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	       (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

struct scan_tally *
scan_tally_new(uint64_t total, bool progress)
{
	struct scan_tally *t = calloc(1, sizeof(*t));

	if (t == NULL ||
	    (t->table = calloc(PREFIX_TABLE, sizeof(*t->table))) == NULL) {
		free(t);
		return NULL;
	}
	t->total = total;
	t->progress = progress;
	clock_gettime(CLOCK_MONOTONIC, &t->start);
	/* last_progress stays zero: the first result shows the line at once */
	return t;
}

void
scan_tally_free(struct scan_tally *t)
{
	if (t != NULL)
		free(t->table);
	free(t);
}

/* the /24 or /64 around a */
static struct ptrcheck_prefix
block_of(const struct ptrcheck_addr *a)
{
	struct ptrcheck_prefix p = {.addr = *a};

	if (a->family == AF_INET) {
		p.len = 24;
		p.addr.bytes[3] = 0;
	} else {
		p.len = 64;
		memset(p.addr.bytes + 8, 0, 8);
	}
	return p;
}

static struct prefix_count *
slot_for(struct scan_tally *t, const struct ptrcheck_prefix *p)
{
	uint32_t h = 2166136261u;
	size_t i, probe;

	for (i = 0; i < 16; i++)
		h = (h ^ p->addr.bytes[i]) * 16777619u;
	/* Linear probing over a bounded table; full means new blocks are
	 * no longer ranked (their verdicts still count). */
	for (probe = 0; probe < 64; probe++) {
		struct prefix_count *c =
		    &t->table[(h + probe) & (PREFIX_TABLE - 1)];

		if (c->prefix.len == 0) {
			c->prefix = *p;
			return c;
		}
		if (c->prefix.len == p->len &&
		    ptrcheck_addr_equal(&c->prefix.addr, &p->addr))
			return c;
	}
	t->table_full = true;
	return NULL;
}

void
scan_tally_add(struct scan_tally *t, const struct ptrcheck_report *rep)
{
	enum ptrcheck_verdict v = ptrcheck_report_verdict(rep);
	struct ptrcheck_prefix p = block_of(ptrcheck_report_addr(rep));
	struct prefix_count *c;

	t->done++;
	t->verdicts[v]++;
	if ((c = slot_for(t, &p)) == NULL)
		return;
	c->addresses++;
	if (v != PTRCHECK_VERDICT_PASS)
		c->problems++;
}

uint64_t
scan_tally_count(const struct scan_tally *t, enum ptrcheck_verdict v)
{
	return t->verdicts[v];
}

static void
verdict_counts(const struct scan_tally *t, FILE *out, const char *sep)
{
	int v;
	bool first = true;

	for (v = 0; v < NVERDICTS; v++) {
		if (t->verdicts[v] == 0)
			continue;
		fprintf(out, "%s%s %llu", first ? "" : sep,
		    ptrcheck_verdict_name((enum ptrcheck_verdict)v),
		    (unsigned long long)t->verdicts[v]);
		first = false;
	}
}

void
scan_tally_progress(struct scan_tally *t, bool force)
{
	double el, rate;
	struct timespec now;

	if (!t->progress)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!force &&
	    (now.tv_sec - t->last_progress.tv_sec) * 1000 +
	            (now.tv_nsec - t->last_progress.tv_nsec) / 1000000 <
	        PROGRESS_EVERY_MS)
		return;
	t->last_progress = now;
	el = seconds_since(&t->start);
	rate = el > 0 ? (double)t->done / el : 0;
	fprintf(stderr, "\r\033[K%llu", (unsigned long long)t->done);
	if (t->total != UINT64_MAX && t->total > 0) {
		fprintf(stderr, "/%llu %3.0f%%", (unsigned long long)t->total,
		    100.0 * (double)t->done / (double)t->total);
		if (rate > 0) {
			unsigned eta =
			    (unsigned)((double)(t->total - t->done) / rate);

			fprintf(stderr, " ETA %u:%02u", eta / 60, eta % 60);
		}
	}
	fprintf(stderr, " %.0f/s  ", rate);
	verdict_counts(t, stderr, ", ");
	fflush(stderr);
	t->shown = true;
}

void
scan_tally_clear(struct scan_tally *t)
{
	if (!t->shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	t->shown = false;
}

/* worst - the WORST_SHOWN blocks with most problems, most first. */
static size_t
worst(const struct scan_tally *t, const struct prefix_count **out)
{
	size_t i, n = 0, j;

	for (i = 0; i < PREFIX_TABLE; i++) {
		const struct prefix_count *c = &t->table[i];

		if (c->prefix.len == 0 || c->problems == 0)
			continue;
		for (j = n; j > 0 && out[j - 1]->problems < c->problems; j--)
			if (j < WORST_SHOWN)
				out[j] = out[j - 1];
		if (j < WORST_SHOWN) {
			out[j] = c;
			if (n < WORST_SHOWN)
				n++;
		}
	}
	return n;
}

static void
summary_json(const struct scan_tally *t, const struct ptrcheck_stats *st,
    const struct scan_input *in, bool interrupted, double el,
    const struct prefix_count **w, size_t nw, FILE *out)
{
	char p[PTRCHECK_ADDR_TEXT_MAX + 8];
	int v;
	size_t i;

	fprintf(out, "{\"schema_version\":1,\"addresses\":%llu,\"verdicts\":{",
	    (unsigned long long)t->done);
	for (v = 0; v < NVERDICTS; v++)
		fprintf(out, "%s\"%s\":%llu", v ? "," : "",
		    ptrcheck_verdict_name((enum ptrcheck_verdict)v),
		    (unsigned long long)t->verdicts[v]);
	fprintf(out,
	    "},\"bad_lines\":%u,\"over_limit\":%s,\"interrupted\":%s,"
	    "\"elapsed_s\":%.3f,\"queries\":%llu,\"retries\":%llu,\"timeouts\":"
	    "%llu,"
	    "\"errors\":%llu,\"worst_prefixes\":[",
	    in->bad_lines, in->over_limit ? "true" : "false",
	    interrupted ? "true" : "false", el, (unsigned long long)st->queries,
	    (unsigned long long)st->retries, (unsigned long long)st->timeouts,
	    (unsigned long long)st->errors);
	for (i = 0; i < nw; i++) {
		ptrcheck_prefix_format(&w[i]->prefix, p, sizeof(p));
		fprintf(out,
		    "%s{\"prefix\":\"%s\",\"problems\":%llu,\"addresses\":%"
		    "llu}",
		    i ? "," : "", p, (unsigned long long)w[i]->problems,
		    (unsigned long long)w[i]->addresses);
	}
	fputs("]}\n", out);
}

void
scan_tally_report(struct scan_tally *t, const struct ptrcheck_stats *st,
    const struct scan_input *in, bool interrupted, FILE *json)
{
	const struct prefix_count *w[WORST_SHOWN];
	size_t nw = worst(t, w), i;
	double el = seconds_since(&t->start);
	char p[PTRCHECK_ADDR_TEXT_MAX + 8];

	scan_tally_clear(t);
	fprintf(stderr,
	    "%s scan: %llu addresses in %.1f s (%.0f/s)%s; %llu queries, "
	    "%llu retries, %llu timeouts, %llu errors\n",
	    progname, (unsigned long long)t->done, el,
	    el > 0 ? (double)t->done / el : 0.0,
	    interrupted ? ", interrupted" : "", (unsigned long long)st->queries,
	    (unsigned long long)st->retries, (unsigned long long)st->timeouts,
	    (unsigned long long)st->errors);
	fputs("  verdicts: ", stderr);
	verdict_counts(t, stderr, ", ");
	fputc('\n', stderr);
	for (i = 0; i < nw; i++) {
		ptrcheck_prefix_format(&w[i]->prefix, p, sizeof(p));
		fprintf(stderr, "%s%s (%llu of %llu)",
		    i ? ", " : "  worst prefixes: ", p,
		    (unsigned long long)w[i]->problems,
		    (unsigned long long)w[i]->addresses);
	}
	if (nw > 0)
		fputc('\n', stderr);
	if (in->bad_lines > 0)
		fprintf(
		    stderr, "  %u bad input lines skipped\n", in->bad_lines);
	if (t->verdicts[PTRCHECK_VERDICT_TEMPORARY] > 0)
		fprintf(stderr,
		    "  %llu temporary verdicts (DNS trouble, not a finding): "
		    "re-run just those with --retry-from RESULTS.jsonl\n",
		    (unsigned long long)
		        t->verdicts[PTRCHECK_VERDICT_TEMPORARY]);
	if (json != NULL)
		summary_json(t, st, in, interrupted, el, w, nw, json);
}

/* histogram.h - a Prometheus-style histogram of durations: fixed
 * buckets (seconds), cumulative counts, their sum. Pure. */
#ifndef PTRCHECKD_HISTOGRAM_H
#define PTRCHECKD_HISTOGRAM_H

#include <stdint.h>
#include <stdio.h>

#define HISTOGRAM_BUCKETS 10

struct histogram {
	uint64_t count[HISTOGRAM_BUCKETS]; /* per bucket, not cumulative */
	uint64_t total, sum_us;
};

/* histogram_add - one observation of ms milliseconds. */
void histogram_add(struct histogram *h, uint64_t ms);

/* histogram_write - NAME_bucket{le=...}, NAME_sum, NAME_count, with
 * the HELP and TYPE lines, in the Prometheus text format 0.0.4. */
void histogram_write(
    const struct histogram *h, const char *name, const char *help, FILE *out);

#endif

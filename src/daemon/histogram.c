/* histogram.c - see histogram.h. */
#include "histogram.h"

/* Upper bounds in milliseconds: a cached decision takes well under 1 ms,
 * a lookup 1-100 ms, a timeout seconds. The last bucket is +Inf. */
static const uint64_t bound_ms[HISTOGRAM_BUCKETS - 1] = {
    1, 5, 10, 25, 50, 100, 250, 1000, 5000};
static const char *const bound_text[HISTOGRAM_BUCKETS] = {
    "0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "1", "5", "+Inf"};

void
histogram_add(struct histogram *h, uint64_t ms)
{
	size_t i = 0;

	while (i < HISTOGRAM_BUCKETS - 1 && ms > bound_ms[i])
		i++;
	h->count[i]++;
	h->total++;
	h->sum_us += ms * 1000;
}

void
histogram_write(
    const struct histogram *h, const char *name, const char *help, FILE *out)
{
	uint64_t cum = 0;
	size_t i;

	fprintf(out, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name);
	for (i = 0; i < HISTOGRAM_BUCKETS; i++) {
		cum += h->count[i];
		fprintf(out, "%s_bucket{le=\"%s\"} %llu\n", name, bound_text[i],
		    (unsigned long long)cum);
	}
	fprintf(out, "%s_sum %llu.%06llu\n%s_count %llu\n", name,
	    (unsigned long long)(h->sum_us / 1000000),
	    (unsigned long long)(h->sum_us % 1000000), name,
	    (unsigned long long)h->total);
}

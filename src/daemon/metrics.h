/* metrics.h - the Prometheus endpoint (metrics-listen). */
#ifndef PTRCHECKD_METRICS_H
#define PTRCHECKD_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct daemon;

/* metrics_open - listen on metrics-listen, if set (before privileges are
 * dropped); false with err when it cannot. */
bool metrics_open(struct daemon *d, char *err, size_t errlen);
void metrics_close(struct daemon *d);

/* metrics_page - the page, from the counters now. */
void metrics_page(const struct daemon *d, FILE *f);

#endif

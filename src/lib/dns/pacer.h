/* pacer.h - a token bucket that holds queries back to a rate. */
#ifndef PTRCHECK_PACER_H
#define PTRCHECK_PACER_H

#include <stdbool.h>

struct event_base;
struct pacer;

/* Something waiting for its turn; embedded in the waiter. */
struct pacer_item {
	struct pacer_item *next;
	void (*go)(struct pacer_item *it);   /* its turn has come */
	void (*drop)(struct pacer_item *it); /* the pacer is being freed */
};

/*
 * pacer_new - at most qps sends per second, with a burst of qps/20 (at
 * least 1): in any one-second window, at most qps + burst. *out is NULL
 * for qps 0 (no limit), which every function accepts.
 */
bool pacer_new(struct event_base *base, unsigned qps, struct pacer **out);
void pacer_free(struct pacer *p);

/* pacer_admit - true: send now; false: queued, it->go() will be called. */
bool pacer_admit(struct pacer *p, struct pacer_item *it);

/* pacer_waiting - items in the queue (for progress and tests). */
unsigned long pacer_waiting(const struct pacer *p);

#endif

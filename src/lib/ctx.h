/* ctx.h - the context every check hangs off (no globals in the library). */
#ifndef PTRCHECK_CTX_H
#define PTRCHECK_CTX_H

#include "ptrcheck/ptrcheck.h"

struct chan;
struct event_base;

/* Something in flight that ptrcheck_ctx_free must reclaim. */
struct job {
	struct job *prev, *next;
	void (*abandon)(struct job *job); /* frees without calling back */
};

struct ptrcheck_ctx {
	struct event_base *base;
	struct ptrcheck_options opt;
	struct chan **chans; /* one c-ares channel per server */
	size_t nchans;
	struct job jobs; /* list head */
	char errmsg[256];
};

void ctx_job_add(struct ptrcheck_ctx *ctx, struct job *job);
void ctx_job_remove(struct job *job);
void ctx_set_error(struct ptrcheck_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif

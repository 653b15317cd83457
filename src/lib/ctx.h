/* ctx.h - the context every check hangs off (no globals in the library). */
#ifndef PTRCHECK_CTX_H
#define PTRCHECK_CTX_H

#include "ptrcheck/ptrcheck.h"

struct directory;
struct endpoint;
struct event_base;
struct pacer;

/* Something in flight that ptrcheck_ctx_free must reclaim. */
struct job {
	struct job *prev, *next;
	void (*abandon)(struct job *job); /* frees without calling back */
};

/* A server asked directly, with its own pace. */
struct direct {
	struct endpoint *ep;
	struct pacer *pacer;
};

struct ptrcheck_ctx {
	struct event_base *base;
	struct ptrcheck_options opt;
	struct endpoint **resolvers; /* one per configured resolver */
	size_t nresolvers;
	struct pacer *pacer; /* opt.qps over all resolvers; NULL: no cap */
	struct direct **direct;
	size_t ndirect, direct_cap;
	struct job backoffs; /* lookups waiting to retry: freed after jobs */
	struct directory *directory; /* scan --direct: zones and servers */
	struct ptrcheck_stats stats;
	struct job jobs; /* list head */
	char errmsg[256];
};

void job_link(struct job *head, struct job *job);
void ctx_job_add(struct ptrcheck_ctx *ctx, struct job *job);
void ctx_job_remove(struct job *job);
void ctx_set_error(struct ptrcheck_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif

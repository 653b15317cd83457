/* ctx.h - the context every check hangs off (no globals in the library). */
#ifndef PTRCHECK_CTX_H
#define PTRCHECK_CTX_H

#include "job.h"
#include "ptrcheck/ptrcheck.h"

struct dns;
struct event_base;
struct transport;

struct ptrcheck_ctx {
	struct event_base *base;
	struct ptrcheck_options opt;
	struct dns *dns;  /* owned: transport, endpoints, pacing */
	struct job jobs;  /* checks, targets: abandoned before dns goes */
	char errmsg[256]; /* dns_set_error writes it too */
};

/*
 * ctx_new_transport - ptrcheck_ctx_new over a given transport (the unit
 * tests' scripted one), which the context owns from now on, even when
 * this fails.
 */
enum ptrcheck_status ctx_new_transport(struct event_base *base,
    const struct ptrcheck_options *opt, struct transport *t,
    struct ptrcheck_ctx **out, char *err, size_t errlen);

void ctx_job_add(struct ptrcheck_ctx *ctx, struct job *job);

#endif

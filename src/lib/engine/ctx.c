/* ctx.c - context lifecycle and the list of work in flight. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "dns.h"
#include "transport.h"

void
ptrcheck_options_init(struct ptrcheck_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->timeout_ms = 2000;
	opt->retries = 1;
	opt->deadline_ms = 8000;
	opt->zone_lookup = true;
}

static void
say_error(const struct ptrcheck_ctx *ctx, enum ptrcheck_status st, char *err,
    size_t errlen)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "%s",
		    ctx != NULL && ctx->errmsg[0] != '\0'
		        ? ctx->errmsg
		        : ptrcheck_strerror(st));
}

enum ptrcheck_status
ctx_new_transport(struct event_base *base, const struct ptrcheck_options *opt,
    struct transport *t, struct ptrcheck_ctx **out, char *err, size_t errlen)
{
	struct ptrcheck_ctx *ctx;
	enum ptrcheck_status st;

	if (base == NULL || opt == NULL ||
	    opt->nservers > PTRCHECK_MAX_SERVERS || opt->timeout_ms == 0) {
		transport_free(t);
		return PTRCHECK_EINVAL;
	}
	if ((ctx = calloc(1, sizeof(*ctx))) == NULL) {
		transport_free(t);
		return PTRCHECK_ENOMEM;
	}
	ctx->base = base;
	ctx->opt = *opt;
	job_list_init(&ctx->jobs);
	st = dns_new(base, opt, t, ctx->errmsg, sizeof(ctx->errmsg), &ctx->dns);
	if (st != PTRCHECK_OK) {
		say_error(ctx, st, err, errlen);
		ptrcheck_ctx_free(ctx);
		return st;
	}
	*out = ctx;
	return PTRCHECK_OK;
}

enum ptrcheck_status
ptrcheck_ctx_new(struct event_base *base, const struct ptrcheck_options *opt,
    struct ptrcheck_ctx **out, char *err, size_t errlen)
{
	struct transport *t;
	enum ptrcheck_status st;

	if (base == NULL)
		return PTRCHECK_EINVAL;
	if ((st = transport_cares_new(base, &t, err, errlen)) != PTRCHECK_OK)
		return st;
	return ctx_new_transport(base, opt, t, out, err, errlen);
}

void
ptrcheck_ctx_free(struct ptrcheck_ctx *ctx)
{
	if (ctx == NULL)
		return;
	job_abandon_all(&ctx->jobs);
	dns_free(ctx->dns);
	free(ctx);
}

const char *
ptrcheck_ctx_errmsg(const struct ptrcheck_ctx *ctx)
{
	return ctx != NULL && ctx->errmsg[0] != '\0' ? ctx->errmsg
	                                             : "no detail";
}

void
ctx_job_add(struct ptrcheck_ctx *ctx, struct job *job)
{
	job_link(&ctx->jobs, job);
}

void
ptrcheck_ctx_stats(const struct ptrcheck_ctx *ctx, struct ptrcheck_stats *out)
{
	*out = ctx->dns->stats;
}

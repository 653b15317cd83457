/* ctx.c - context lifecycle and the list of work in flight. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "directory.h"
#include "lookup.h"

void
ptrcheck_options_init(struct ptrcheck_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->timeout_ms = 2000;
	opt->retries = 1;
	opt->deadline_ms = 8000;
	opt->zone_lookup = true;
}

enum ptrcheck_status
ptrcheck_ctx_new(struct event_base *base, const struct ptrcheck_options *opt,
    struct ptrcheck_ctx **out, char *err, size_t errlen)
{
	struct ptrcheck_ctx *ctx;
	enum ptrcheck_status st;

	if (base == NULL || opt == NULL ||
	    opt->nservers > PTRCHECK_MAX_SERVERS || opt->timeout_ms == 0)
		return PTRCHECK_EINVAL;
	if ((ctx = calloc(1, sizeof(*ctx))) == NULL)
		return PTRCHECK_ENOMEM;
	ctx->base = base;
	ctx->opt = *opt;
	ctx->jobs.next = ctx->jobs.prev = &ctx->jobs;
	ctx->backoffs.next = ctx->backoffs.prev = &ctx->backoffs;
	if ((st = lookup_channels_new(ctx)) != PTRCHECK_OK) {
		if (err != NULL && errlen > 0)
			snprintf(err, errlen, "%s",
			    ctx->errmsg[0] != '\0' ? ctx->errmsg
			                           : ptrcheck_strerror(st));
		ptrcheck_ctx_free(ctx);
		return st;
	}
	*out = ctx;
	return PTRCHECK_OK;
}

void
ptrcheck_ctx_free(struct ptrcheck_ctx *ctx)
{
	if (ctx == NULL)
		return;
	while (ctx->jobs.next != &ctx->jobs)
		ctx->jobs.next->abandon(ctx->jobs.next);
	directory_free(ctx->directory); /* before its lookups go */
	lookup_channels_free(ctx);
	free(ctx);
}

const char *
ptrcheck_ctx_errmsg(const struct ptrcheck_ctx *ctx)
{
	return ctx != NULL && ctx->errmsg[0] != '\0' ? ctx->errmsg
	                                             : "no detail";
}

void
ctx_set_error(struct ptrcheck_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->errmsg, sizeof(ctx->errmsg), fmt, ap);
	va_end(ap);
}

void
job_link(struct job *head, struct job *job)
{
	job->next = head->next;
	job->prev = head;
	head->next->prev = job;
	head->next = job;
}

void
ctx_job_add(struct ptrcheck_ctx *ctx, struct job *job)
{
	job_link(&ctx->jobs, job);
}

void
ptrcheck_ctx_stats(const struct ptrcheck_ctx *ctx, struct ptrcheck_stats *out)
{
	*out = ctx->stats;
}

void
ctx_job_remove(struct job *job)
{
	job->prev->next = job->next;
	job->next->prev = job->prev;
	job->next = job->prev = job;
}

/*
 * abandon - a check freed while it is still running, after its authority
 * inspection has already handed its result to the report: the context is
 * freed with the check in flight. Under LeakSanitizer any part of the
 * report left behind (the authority result was once freed with free()
 * instead of ptrcheck_report_free) fails the run.
 *
 *	abandon RESOLVER ADDRESS MS
 *		starts the check of ADDRESS (authority on), runs the loop for
 *		MS milliseconds, frees the context; prints "abandoned" when the
 *		check had not finished, "finished" when it had.
 */
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>

#include "ptrcheck/ptrcheck.h"

static void
on_done(struct ptrcheck_report *rep, void *arg)
{
	*(int *)arg = 1;
	ptrcheck_report_free(rep);
}

int
main(int argc, char **argv)
{
	struct event_base *base = event_base_new();
	struct ptrcheck_options opt;
	struct ptrcheck_ctx *ctx;
	struct ptrcheck_addr addr;
	struct timeval tv;
	char err[256];
	int done = 0;

	if (argc != 4 || base == NULL) {
		fprintf(stderr, "usage: abandon RESOLVER ADDRESS MS\n");
		return 2;
	}
	ptrcheck_options_init(&opt);
	if (ptrcheck_server_parse(argv[1], &opt.servers[0]) != PTRCHECK_OK ||
	    ptrcheck_addr_parse(argv[2], &addr) != PTRCHECK_OK)
		return 2;
	opt.nservers = 1;
	opt.authority = true;
	opt.timeout_ms = 3000;
	opt.retries = 0;
	if (ptrcheck_ctx_new(base, &opt, &ctx, err, sizeof(err)) !=
	        PTRCHECK_OK ||
	    ptrcheck_check_start(ctx, &addr, NULL, on_done, &done) !=
	        PTRCHECK_OK) {
		fprintf(stderr, "abandon: %s\n", err);
		return 2;
	}
	tv.tv_sec = atoi(argv[3]) / 1000;
	tv.tv_usec = (atoi(argv[3]) % 1000) * 1000;
	event_base_loopexit(base, &tv);
	event_base_dispatch(base);
	puts(done ? "finished" : "abandoned");
	ptrcheck_ctx_free(ctx);
	event_base_free(base);
	return 0;
}

/* scripted_run.h - a context over the scripted transport, for the unit
 * tests of the engine and of ptrcheckd's resolve path: resolvers
 * 127.0.0.1 and 127.0.0.2 (as the script names them, RES1 and RES2), short
 * timeouts, no deadline unless a test sets one. */
#ifndef PTRCHECK_SCRIPTED_RUN_H
#define PTRCHECK_SCRIPTED_RUN_H

#include <check.h>
#include <event2/event.h>
#include <string.h>

#include "ctx.h"
#include "scripted.h"
#include "transport.h"

#define RES1 "127.0.0.1#53"
#define RES2 "127.0.0.2#53"
#define OWNER "7.2.0.192.in-addr.arpa."
#define SOA_REV                                                                \
	"2.0.192.in-addr.arpa. 300 IN SOA ns.example. host.example. 1 3600 "   \
	"600 86400 300"

struct run {
	struct event_base *base;
	struct transport *t; /* owned by ctx */
	struct ptrcheck_ctx *ctx;
	struct ptrcheck_report *rep;
	unsigned calls;
	bool starting;        /* inside ptrcheck_check_start */
	bool called_in_start; /* done ran inside it: never allowed */
};

static inline void
options(struct ptrcheck_options *o, unsigned nresolvers)
{
	ptrcheck_options_init(o);
	ck_assert_int_eq(
	    ptrcheck_server_parse("127.0.0.1", &o->servers[0]), PTRCHECK_OK);
	if (nresolvers > 1)
		ck_assert_int_eq(
		    ptrcheck_server_parse("127.0.0.2", &o->servers[1]),
		    PTRCHECK_OK);
	o->nservers = nresolvers;
	o->timeout_ms = 50; /* a loss costs 50 ms of the loop's time */
	o->retries = 1;
	o->deadline_ms = 30000; /* never reached unless a test wants it */
	o->zone_lookup = false;
}

static inline void
run_open(struct run *r, const struct script_step *steps, size_t n,
    const struct ptrcheck_options *o)
{
	char err[256];

	memset(r, 0, sizeof(*r));
	r->base = event_base_new();
	ck_assert_ptr_nonnull(r->base);
	r->t = scripted_new(r->base, steps, n);
	ck_assert_ptr_nonnull(r->t);
	ck_assert_int_eq(
	    ctx_new_transport(r->base, o, r->t, &r->ctx, err, sizeof(err)),
	    PTRCHECK_OK);
}

static inline void
run_close(struct run *r)
{
	ptrcheck_report_free(r->rep);
	ptrcheck_ctx_free(r->ctx);
	event_base_free(r->base);
}

#endif

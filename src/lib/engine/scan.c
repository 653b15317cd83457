/*
 * scan.c - many addresses through one context: a bounded window of checks
 * in flight, fed by the caller's iterator, so memory stays flat whatever
 * the input's size. Results come back in input order (the head of the
 * window waits for its slowest check) or, unordered, as they complete.
 */
#include <event2/event.h>
#include <stdlib.h>

#include "check_job.h"
#include "ctx.h"
#include "dns.h"

#define SCAN_WINDOW_MAX 4096

struct scan_slot {
	struct ptrcheck_scan *scan;
	struct check *ck; /* NULL once done */
	struct ptrcheck_report *rep;
};

struct ptrcheck_scan {
	struct ptrcheck_ctx *ctx;
	ptrcheck_scan_next_fn *next;
	void *next_arg;
	ptrcheck_done_fn *result;
	void *result_arg;
	bool unordered;
	struct scan_slot *slots;
	size_t window, inflight;
	size_t *free_slots, nfree; /* unordered: slots to reuse */
	uint64_t started, head;    /* ordered: the ring's ends */
	bool input_done, stopped;
	enum ptrcheck_status status;
};

static void
deliver(struct ptrcheck_scan *sc, struct scan_slot *s)
{
	struct ptrcheck_report *rep = s->rep;

	s->rep = NULL;
	sc->inflight--;
	if (sc->stopped)
		ptrcheck_report_free(rep);
	else
		sc->result(rep, sc->result_arg);
}

static void
on_check_done(struct ptrcheck_report *rep, void *arg)
{
	struct scan_slot *s = arg;
	struct ptrcheck_scan *sc = s->scan;

	s->ck = NULL;
	s->rep = rep;
	if (sc->unordered) {
		deliver(sc, s);
		sc->free_slots[sc->nfree++] = (size_t)(s - sc->slots);
	}
}

/* drain - ordered: hand over the head of the ring while it is done. */
static void
drain(struct ptrcheck_scan *sc)
{
	struct scan_slot *s;

	while (!sc->unordered && sc->head < sc->started &&
	       (s = &sc->slots[sc->head % sc->window])->ck == NULL &&
	       s->rep != NULL) {
		sc->head++;
		deliver(sc, s);
	}
}

static struct scan_slot *
free_slot(struct ptrcheck_scan *sc)
{
	if (sc->unordered)
		return sc->nfree > 0 ? &sc->slots[sc->free_slots[--sc->nfree]]
		                     : NULL;
	if (sc->started - sc->head >= sc->window)
		return NULL;
	return &sc->slots[sc->started % sc->window];
}

/* fill - start checks until the window is full or the input ends. */
static void
fill(struct ptrcheck_scan *sc)
{
	struct ptrcheck_addr addr;
	struct scan_slot *s;

	while (!sc->input_done && !sc->stopped && (s = free_slot(sc)) != NULL) {
		if (!sc->next(sc->next_arg, &addr)) {
			if (sc->unordered)
				sc->nfree++; /* give the slot back */
			sc->input_done = true;
			return;
		}
		sc->inflight++;
		sc->started++;
		if (check_start(sc->ctx, &addr, NULL, on_check_done, s,
		        &s->ck) != PTRCHECK_OK) {
			sc->inflight--;
			sc->status = PTRCHECK_ERESOLVER;
			sc->stopped = true;
			return;
		}
	}
}

enum ptrcheck_status
ptrcheck_scan_new(struct ptrcheck_ctx *ctx,
    const struct ptrcheck_scan_options *o, ptrcheck_scan_next_fn *next,
    void *next_arg, ptrcheck_done_fn *result, void *result_arg,
    struct ptrcheck_scan **out)
{
	struct ptrcheck_scan *sc;
	size_t i;

	if (ctx == NULL || o == NULL || next == NULL || result == NULL ||
	    o->window == 0 || o->window > SCAN_WINDOW_MAX)
		return PTRCHECK_EINVAL;
	if ((sc = calloc(1, sizeof(*sc))) == NULL)
		return PTRCHECK_ENOMEM;
	sc->ctx = ctx;
	sc->next = next;
	sc->next_arg = next_arg;
	sc->result = result;
	sc->result_arg = result_arg;
	sc->unordered = o->unordered;
	sc->window = o->window;
	sc->slots = calloc(sc->window, sizeof(*sc->slots));
	sc->free_slots = calloc(sc->window, sizeof(*sc->free_slots));
	if (sc->slots == NULL || sc->free_slots == NULL) {
		ptrcheck_scan_free(sc);
		return PTRCHECK_ENOMEM;
	}
	for (i = 0; i < sc->window; i++) {
		sc->slots[i].scan = sc;
		sc->free_slots[sc->nfree++] = sc->window - 1 - i;
	}
	*out = sc;
	return PTRCHECK_OK;
}

enum ptrcheck_status
ptrcheck_scan_run(struct ptrcheck_scan *sc)
{
	fill(sc);
	while (!sc->stopped && (sc->inflight > 0 || !sc->input_done)) {
		if (event_base_loop(sc->ctx->base, EVLOOP_ONCE) != 0) {
			sc->status = PTRCHECK_ERESOLVER;
			break;
		}
		drain(sc);
		fill(sc);
	}
	return sc->status;
}

void
ptrcheck_scan_stop(struct ptrcheck_scan *sc)
{
	size_t i;

	sc->stopped = true;
	for (i = 0; i < sc->window; i++) {
		struct scan_slot *s = &sc->slots[i];

		if (s->ck != NULL)
			check_cancel(s->ck);
		s->ck = NULL;
		ptrcheck_report_free(s->rep);
		s->rep = NULL;
	}
	sc->inflight = 0;
}

void
ptrcheck_scan_free(struct ptrcheck_scan *sc)
{
	if (sc == NULL)
		return;
	if (sc->slots != NULL)
		ptrcheck_scan_stop(sc);
	free(sc->slots);
	free(sc->free_slots);
	free(sc);
}

/*
 * pacer.c - a token bucket on the event loop. Tokens accrue at qps per
 * second up to the burst; a query without a token waits in FIFO order and
 * a timer wakes the queue when the next token is due. Authoritative
 * servers rate-limit by source (NSD's RRL starts near 200 responses per
 * second), so a scan that outruns them only buys timeouts.
 */
#include <event2/event.h>
#include <stdlib.h>
#include <time.h>

#include "pacer.h"

struct pacer {
	struct event *timer;
	double rate, burst, tokens;
	struct timespec last;
	struct pacer_item *head, *tail;
	unsigned long waiting;
};

static double
now_s(struct timespec *ts)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	return (double)ts->tv_sec + (double)ts->tv_nsec / 1e9;
}

static void
refill(struct pacer *p)
{
	struct timespec ts;
	double now = now_s(&ts);
	double then = (double)p->last.tv_sec + (double)p->last.tv_nsec / 1e9;

	p->tokens += (now - then) * p->rate;
	if (p->tokens > p->burst)
		p->tokens = p->burst;
	p->last = ts;
}

static void
arm(struct pacer *p)
{
	double wait = (1.0 - p->tokens) / p->rate;
	struct timeval tv;

	if (wait < 0)
		wait = 0;
	tv.tv_sec = (time_t)wait;
	tv.tv_usec = (suseconds_t)((wait - (double)tv.tv_sec) * 1e6) + 1;
	evtimer_add(p->timer, &tv);
}

static void
on_tick(evutil_socket_t fd, short what, void *arg)
{
	struct pacer *p = arg;
	struct pacer_item *it;

	(void)fd;
	(void)what;
	refill(p);
	while (p->head != NULL && p->tokens >= 1.0) {
		it = p->head;
		if ((p->head = it->next) == NULL)
			p->tail = NULL;
		p->waiting--;
		p->tokens -= 1.0;
		it->go(it);
	}
	if (p->head != NULL)
		arm(p);
}

bool
pacer_new(struct event_base *base, unsigned qps, struct pacer **out)
{
	struct pacer *p;

	*out = NULL;
	if (qps == 0)
		return true;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return false;
	if ((p->timer = evtimer_new(base, on_tick, p)) == NULL) {
		free(p);
		return false;
	}
	p->rate = qps;
	p->burst = qps / 20 > 1 ? qps / 20 : 1;
	p->tokens = p->burst;
	(void)now_s(&p->last);
	*out = p;
	return true;
}

void
pacer_free(struct pacer *p)
{
	struct pacer_item *it;

	if (p == NULL)
		return;
	event_free(p->timer);
	while ((it = p->head) != NULL) {
		p->head = it->next;
		it->drop(it);
	}
	free(p);
}

bool
pacer_admit(struct pacer *p, struct pacer_item *it)
{
	if (p == NULL)
		return true;
	refill(p);
	if (p->head == NULL && p->tokens >= 1.0) {
		p->tokens -= 1.0;
		return true;
	}
	it->next = NULL;
	if (p->tail != NULL)
		p->tail->next = it;
	else
		p->head = it;
	p->tail = it;
	p->waiting++;
	if (!evtimer_pending(p->timer, NULL))
		arm(p);
	return false;
}

unsigned long
pacer_waiting(const struct pacer *p)
{
	return p == NULL ? 0 : p->waiting;
}

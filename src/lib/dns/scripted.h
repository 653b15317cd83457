/*
 * scripted.h - a transport that answers from a script, for unit tests (as
 * Unbound's testbound does): each try is matched against the steps in
 * order, and the first that fits says what happens — a reply built from
 * zone-file lines, a delay, a loss, or an error inside or after send. No
 * sockets: the replies come from timers on the caller's loop.
 */
#ifndef PTRCHECK_SCRIPTED_H
#define PTRCHECK_SCRIPTED_H

#include <stdbool.h>
#include <stdint.h>

struct event_base;
struct transport;

enum script_do {
	SCRIPT_ANSWER,      /* a reply, after delay_ms */
	SCRIPT_LOSE,        /* no reply: TRY_TIMEOUT after the timeout */
	SCRIPT_NETWORK,     /* TRY_NETWORK from the loop, after delay_ms */
	SCRIPT_FAIL_INLINE, /* TRY_NETWORK inside send (c-ares does so) */
	SCRIPT_GARBAGE,     /* a reply that does not parse */
	SCRIPT_SEND_FAILS,  /* send returns PTRCHECK_ERESOLVER */
};

struct script_step {
	const char *server; /* "127.0.0.1#53"; NULL: any */
	const char *qname;  /* "1.2.0.192.in-addr.arpa."; NULL: any */
	uint16_t qtype;     /* 0: any */
	enum script_do what;
	int rcode;              /* SCRIPT_ANSWER */
	bool aa;                /* SCRIPT_ANSWER */
	const char *answer;     /* zone-file lines, '\n' between records */
	const char *authority;  /* e.g. the SOA of a negative answer */
	const char *additional; /* e.g. glue */
	unsigned delay_ms;
	unsigned times; /* uses before the step is spent; 0: never spent */
};

/*
 * scripted_new - a transport over steps (borrowed: they must outlive it).
 * A try that no step fits is lost, and counted as unmatched. NULL when
 * out of memory.
 */
struct transport *scripted_new(
    struct event_base *base, const struct script_step *steps, size_t n);

/* scripted_sent - tries sent so far to server (NULL: any) for qname
 * (NULL: any) and qtype (0: any). */
unsigned scripted_sent(const struct transport *t, const char *server,
    const char *qname, uint16_t qtype);

/* scripted_unmatched - tries no step fitted. */
unsigned scripted_unmatched(const struct transport *t);

/* scripted_in_flight - tries sent and not yet called back. */
unsigned scripted_in_flight(const struct transport *t);

/* scripted_peak_in_flight - the most tries in flight at once. */
unsigned scripted_peak_in_flight(const struct transport *t);

/* scripted_most_in_window - the most tries sent within any window_ms
 * that starts at a try, timed when the engine called send: what a pacer
 * lets out, whatever the load on the machine. */
unsigned scripted_most_in_window(const struct transport *t, unsigned window_ms);

/* scripted_last_flags - WIRE_RD/WIRE_CD of the last try sent. */
unsigned scripted_last_flags(const struct transport *t);

#endif

/* scan.h - the parts of `ptrcheck scan`: input, tally, output. */
#ifndef PTRCHECK_CLI_SCAN_H
#define PTRCHECK_CLI_SCAN_H

#include <stdint.h>
#include <stdio.h>

#include "cli.h"

#define SCAN_MAX_ARGS 1024

/* Where addresses come from: prefixes on the command line, then lines of a
 * file (prefixes or addresses, # comments), or the temporary results of an
 * earlier run (--retry-from, JSON lines). */
struct scan_input {
	struct ptrcheck_prefix args[SCAN_MAX_ARGS];
	size_t nargs, arg_i;
	FILE *lines; /* NULL: none */
	const char *lines_name;
	bool retry; /* lines are JSON results: take the temporary */
	unsigned lineno;
	struct ptrcheck_prefix cur; /* the prefix being walked */
	uint64_t cur_off, cur_size;
	uint64_t max;   /* --max-addresses */
	uint64_t given; /* addresses handed out */
	unsigned bad_lines;
	bool over_limit; /* stopped at --max-addresses */
	bool quiet;      /* counting pass: no messages */
};

/* scan_input_add_arg - a prefix or address from the command line. */
bool scan_input_add_arg(struct scan_input *in, const char *text);

/* scan_input_count - how many addresses the input holds (saturated at
 * UINT64_MAX), when that can be known before the scan: arguments and a
 * regular file, which is read once and rewound. false for a pipe. */
bool scan_input_count(struct scan_input *in, uint64_t *count);

/* scan_input_next - the next address (ptrcheck_scan_next_fn). */
bool scan_input_next(void *arg, struct ptrcheck_addr *out);

/* The tally of a scan: counts per verdict, the prefixes with most
 * problems, and the progress line. */
struct scan_tally;

struct scan_tally *scan_tally_new(uint64_t total, bool progress);
void scan_tally_add(struct scan_tally *t, const struct ptrcheck_report *rep);
void scan_tally_progress(struct scan_tally *t, bool force);
uint64_t scan_tally_count(const struct scan_tally *t, enum ptrcheck_verdict v);

/* scan_tally_report - the summary: text on stderr, JSON to json (may be
 * NULL). */
void scan_tally_report(struct scan_tally *t, const struct ptrcheck_stats *st,
    const struct scan_input *in, bool interrupted, FILE *json);
void scan_tally_free(struct scan_tally *t);

#endif

/* scan.h - the parts of `ptrcheck scan`: input, tally, output. */
#ifndef PTRCHECK_CLI_SCAN_H
#define PTRCHECK_CLI_SCAN_H

#include <stdint.h>
#include <stdio.h>

#include "cli.h"

#define SCAN_MAX_ARGS 1024
/* The longest input line: a result line of --retry-from names every PTR
 * of its address (6 kB is common, 64 kB was once too short). */
#define SCAN_LINE_MAX (16u << 20)

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
	char *buf;       /* the line being read, grown up to SCAN_LINE_MAX */
	size_t bufcap;
	/* --shard I/N: the addresses whose place in the input (from 0)
	 * modulo N is I-1. n 0 or 1: all. */
	unsigned shard_i, shard_n;
	uint64_t index; /* the place of the next address in the input */
	/* --resume: this many of the shard's addresses are done already;
	 * the last of them must be resume_last. */
	uint64_t skip;
	struct ptrcheck_addr resume_last;
	bool resume_check;
	/* An input that cannot be read as a whole (a --retry-from line that
	 * is no result, a resume file of another input): the scan stops. */
	bool fatal;
	char error[300];
};

/* scan_input_fini - the line buffer. */
void scan_input_fini(struct scan_input *in);

/* scan_input_share - how many of total addresses the shard holds. */
uint64_t scan_input_share(const struct scan_input *in, uint64_t total);

/* scan_input_add_arg - a prefix or address from the command line. */
bool scan_input_add_arg(struct scan_input *in, const char *text);

/* scan_input_count - how many addresses the input holds (saturated at
 * UINT64_MAX), when that can be known before the scan: arguments and a
 * regular file, which is read once and rewound. false for a pipe. */
bool scan_input_count(struct scan_input *in, uint64_t *count);

/* scan_input_next - the next address (ptrcheck_scan_next_fn). */
bool scan_input_next(void *arg, struct ptrcheck_addr *out);

/* --resume FILE: the results an interrupted scan wrote. */
struct scan_resume {
	bool csv;                  /* in: the format is CSV (a header line) */
	FILE *out;                 /* the file, positioned to append */
	uint64_t done;             /* complete result lines */
	struct ptrcheck_addr last; /* the address of the last one */
	bool has_header;           /* a CSV header is there already */
	bool cut;                  /* an incomplete last line was cut off */
};

/* scan_resume_open - read FILE (a missing one is created empty) and
 * leave it open for appending; false (said on stderr) when it is not a
 * scan's output. */
bool scan_resume_open(const char *path, struct scan_resume *r);

/* --map FILE.svg: the scanned prefix as a picture (scan_map.c). */
struct scan_map;
struct scan_map *scan_map_new(const struct ptrcheck_prefix *p);
void scan_map_add(
    struct scan_map *m, const struct ptrcheck_addr *a, enum ptrcheck_verdict v);
bool scan_map_write(const struct scan_map *m, FILE *out);
void scan_map_free(struct scan_map *m);

/* The tally of a scan: counts per verdict, the prefixes with most
 * problems, and the progress line. */
struct scan_tally;

struct scan_tally *scan_tally_new(uint64_t total, bool progress);
void scan_tally_add(struct scan_tally *t, const struct ptrcheck_report *rep);
void scan_tally_progress(struct scan_tally *t, bool force);
/* scan_tally_clear - take the progress line off the terminal before a
 * result line goes to the same terminal; the next progress redraws it. */
void scan_tally_clear(struct scan_tally *t);
uint64_t scan_tally_count(const struct scan_tally *t, enum ptrcheck_verdict v);

/* scan_tally_report - the summary: text on stderr, JSON to json (may be
 * NULL). */
void scan_tally_report(struct scan_tally *t, const struct ptrcheck_stats *st,
    const struct scan_input *in, bool interrupted, FILE *json);
void scan_tally_free(struct scan_tally *t);

#endif

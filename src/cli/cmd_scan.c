/*
 * cmd_scan.c - ptrcheck scan: whole address blocks through the library's
 * scanner, results streamed as they arrive (in input order unless
 * --unordered), a summary on stderr and, with --summary, as JSON; one
 * shard of the input with --shard, the rest of an interrupted scan with
 * --resume, a picture of the block with --map.
 */
#include <event2/event.h>
#include <getopt.h>
#include <signal.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"

#define WINDOW_DEFAULT 256

enum scan_format { FMT_TEXT, FMT_CSV, FMT_JSONL };

/* Long options without a short form. */
enum { OPT_SHARD = 1000, OPT_RESUME, OPT_MAP };

struct scan_run {
	struct cli_common common;
	struct scan_input in;
	enum scan_format fmt;
	const char *output, *summary, *input, *resume, *map_file;
	bool unordered, retry;
	unsigned window;
	FILE *out;
	bool out_tty;     /* results go to the terminal the progress is on */
	bool need_header; /* CSV: the header before the first result */
	struct scan_resume done;
	struct scan_map *map;
	struct ptrcheck_render how;
	struct scan_tally *tally;
	struct ptrcheck_scan *scan;
	enum ptrcheck_exit exit;
	bool interrupted, write_failed;
};

static void
scan_usage(FILE *out)
{
	fprintf(out,
	    "usage: ptrcheck scan [PREFIX|IP]... [--input FILE|-] "
	    "[--retry-from FILE]\n"
	    "                     [--format text|csv|jsonl] [--output FILE] "
	    "[--summary FILE]\n"
	    "                     [--ptr-only] [--unordered] [--max-addresses "
	    "N] [--window N]\n"
	    "                     [--qps N] [--direct] [--direct-qps N]\n"
	    "                     [--shard I/N] [--resume FILE] [--map "
	    "FILE.svg]\n"
	    "                     [--resolver HOST[:PORT]]... [--timeout S] "
	    "[--retries N] [--deadline S]\n"
	    "Checks every address of the prefixes (or of the lines of FILE, or "
	    "of stdin);\n"
	    "see ptrcheck(1).\n");
}

static void
on_result(struct ptrcheck_report *rep, void *arg)
{
	struct scan_run *run = arg;

	run->exit = ptrcheck_exit_combine(run->exit, ptrcheck_report_exit(rep));
	scan_tally_add(run->tally, rep);
	if (run->map != NULL)
		scan_map_add(run->map, ptrcheck_report_addr(rep),
		    ptrcheck_report_verdict(rep));
	if (run->out_tty)
		scan_tally_clear(run->tally);
	if (run->need_header) {
		ptrcheck_report_csv_header(run->out);
		run->need_header = false;
	}
	switch (run->fmt) {
	case FMT_TEXT:
		ptrcheck_report_line(rep, &run->how, run->out);
		break;
	case FMT_CSV:
		ptrcheck_report_csv(rep, run->out);
		break;
	case FMT_JSONL:
		ptrcheck_report_json(rep, run->out);
		fputc('\n', run->out);
		break;
	}
	ptrcheck_report_free(rep);
	if (ferror(run->out) && !run->write_failed) {
		run->write_failed = true;
		ptrcheck_scan_stop(run->scan);
		return;
	}
	scan_tally_progress(run->tally, false);
}

static void
on_sigint(evutil_socket_t fd, short what, void *arg)
{
	struct scan_run *run = arg;

	(void)fd;
	(void)what;
	run->interrupted = true;
	ptrcheck_scan_stop(run->scan);
}

static bool
parse_format(struct scan_run *run, const char *arg)
{
	if (strcmp(arg, "text") == 0)
		run->fmt = FMT_TEXT;
	else if (strcmp(arg, "csv") == 0)
		run->fmt = FMT_CSV;
	else if (strcmp(arg, "jsonl") == 0)
		run->fmt = FMT_JSONL;
	else {
		cli_error("--format: text, csv or jsonl");
		return false;
	}
	return true;
}

static bool
parse_number(const char *opt, const char *arg, unsigned max, unsigned *out)
{
	if (cli_parse_count(arg, max, out))
		return true;
	cli_error("--%s: a whole number from 0 to %u", opt, max);
	return false;
}

/* parse_shard - "I/N", 1 <= I <= N <= 65536: the I-th of N parts. */
static bool
parse_shard(struct scan_run *run, const char *arg)
{
	unsigned i, n;
	char tail;

	if (sscanf(arg, "%u/%u%c", &i, &n, &tail) != 2 || n == 0 || n > 65536 ||
	    i == 0 || i > n || arg[0] == '+' || arg[0] == '-') {
		cli_error("--shard: I/N with 1 <= I <= N <= 65536 (--shard 1/4 "
		          "... 4/4)");
		return false;
	}
	run->in.shard_i = i;
	run->in.shard_n = n;
	return true;
}

/* scan_option - one of scan's own options; false on a bad value. */
static bool
scan_option(struct scan_run *run, int c, const char *arg)
{
	unsigned n;

	switch (c) {
	case 'i':
		run->input = arg;
		return true;
	case 'y':
		run->input = arg;
		run->retry = true;
		return true;
	case 'f':
		return parse_format(run, arg);
	case 'o':
		run->output = arg;
		return true;
	case 's':
		run->summary = arg;
		return true;
	case 'p':
		run->common.opt.ptr_only = true;
		return true;
	case 'u':
		run->unordered = true;
		return true;
	case 'm':
		if (!parse_number("max-addresses", arg, 0xffffffffu, &n))
			return false;
		run->in.max = n;
		return true;
	case 'w':
		return parse_number("window", arg, 4096, &run->window) &&
		       (run->window > 0 ||
		           (cli_error("--window: at least 1"), false));
	case 'q':
		return parse_number("qps", arg, 1000000, &run->common.opt.qps);
	case 'd':
		run->common.opt.direct = true;
		return true;
	case 'Q':
		return parse_number(
		    "direct-qps", arg, 1000000, &run->common.opt.direct_qps);
	case OPT_SHARD:
		return parse_shard(run, arg);
	case OPT_RESUME:
		run->resume = arg;
		return true;
	case OPT_MAP:
		run->map_file = arg;
		return true;
	}
	return false;
}

/* default_window - enough checks in flight to keep the pace busy, few
 * enough that a paced query never waits long enough to hit the deadline. */
static unsigned
default_window(const struct ptrcheck_options *opt)
{
	unsigned w = WINDOW_DEFAULT;

	if (opt->qps > 0 && opt->qps / 4 < w)
		w = opt->qps / 4;
	return w < 4 ? 4 : w;
}

static bool
open_input(struct scan_run *run)
{
	if (run->input == NULL) {
		if (run->in.nargs > 0)
			return true;
		if (isatty(STDIN_FILENO)) {
			cli_error("no prefixes given and stdin is a terminal");
			scan_usage(stderr);
			return false;
		}
		run->input = "-";
	}
	if (strcmp(run->input, "-") == 0) {
		run->in.lines = stdin;
		run->in.lines_name = "stdin";
	} else if ((run->in.lines = fopen(run->input, "r")) == NULL) {
		cli_error("cannot read %s", run->input);
		return false;
	} else {
		run->in.lines_name = run->input;
	}
	run->in.retry = run->retry;
	return true;
}

/* check_size - the shard's share of a countable input, less what a
 * resumed file holds, against --max-addresses. An unusable --retry-from
 * file is refused here, before anything is scanned. */
static bool
check_size(struct scan_run *run, uint64_t *total)
{
	char n[32];

	if (!scan_input_count(&run->in, total)) {
		*total =
		    UINT64_MAX; /* a pipe: the limit applies as it streams */
		return true;
	}
	if (run->in.fatal) {
		cli_error("%s", run->in.error);
		return false;
	}
	*total = scan_input_share(&run->in, *total);
	if (*total != UINT64_MAX)
		*total = *total > run->done.done ? *total - run->done.done : 0;
	if (*total <= run->in.max)
		return true;
	if (*total == UINT64_MAX)
		snprintf(n, sizeof(n), "over 2^62");
	else
		snprintf(n, sizeof(n), "%llu", (unsigned long long)*total);
	cli_error("the input holds %s addresses, more than --max-addresses "
	          "%llu; narrow the "
	          "prefixes or raise the limit",
	    n, (unsigned long long)run->in.max);
	return false;
}

/* nothing_scanned - the exit of a scan that checked no address: a retry
 * with no temporary result and a resumed scan that was complete have
 * nothing to do (0); an input without a usable address is an error. */
static int
nothing_scanned(const struct scan_run *run)
{
	if (run->retry) {
		fprintf(stderr,
		    "%s: nothing to retry: %s holds no temporary result\n",
		    progname, run->input);
		return 0;
	}
	if (run->resume != NULL && run->done.done > 0) {
		fprintf(stderr,
		    "%s: nothing left: %s holds all %llu results already\n",
		    progname, run->resume, (unsigned long long)run->done.done);
		return 0;
	}
	cli_error("no address to scan in %s%s",
	    run->in.lines_name != NULL ? run->in.lines_name : "the input",
	    run->in.bad_lines > 0 ? " (every line was refused)" : "");
	return EXIT_USAGE;
}

static void
write_map(const struct scan_run *run)
{
	FILE *f = fopen(run->map_file, "w");

	if (f == NULL || !scan_map_write(run->map, f) || fclose(f) != 0)
		cli_error("writing %s failed", run->map_file);
}

static int
run_scan(struct scan_run *run, uint64_t total)
{
	struct event_base *base = event_base_new();
	struct ptrcheck_ctx *ctx = NULL;
	struct ptrcheck_scan_options so = {run->window, run->unordered};
	struct ptrcheck_stats st = {0};
	struct event *sig = NULL;
	FILE *json = NULL;
	char err[300];
	enum ptrcheck_status rc = PTRCHECK_ENOMEM;

	run->tally = scan_tally_new(total, isatty(STDERR_FILENO));
	if (base == NULL || run->tally == NULL)
		goto out;
	if ((rc = ptrcheck_ctx_new(base, &run->common.opt, &ctx, err,
	         sizeof(err))) != PTRCHECK_OK) {
		cli_error("%s", err);
		goto out;
	}
	/* SIGINT is handled before the first query goes out (a shell starts
	 * a background job with it ignored until then). */
	if ((sig = evsignal_new(base, SIGINT, on_sigint, run)) == NULL ||
	    evsignal_add(sig, NULL) != 0) {
		rc = PTRCHECK_ENOMEM;
		goto out;
	}
	if ((rc = ptrcheck_scan_new(ctx, &so, scan_input_next, &run->in,
	         on_result, run, &run->scan)) != PTRCHECK_OK)
		goto out;
	if ((rc = ptrcheck_scan_run(run->scan)) != PTRCHECK_OK)
		cli_error("a check could not be started: %s",
		    ptrcheck_ctx_errmsg(ctx));
	fflush(run->out);
	if (run->write_failed || ferror(run->out))
		cli_error("writing the results failed");
	ptrcheck_ctx_stats(ctx, &st);
	if (run->summary != NULL && (json = fopen(run->summary, "w")) == NULL)
		cli_error("cannot write %s", run->summary);
	scan_tally_report(run->tally, &st, &run->in, run->interrupted, json);
	if (json != NULL && fclose(json) != 0)
		cli_error("writing %s failed", run->summary);
	if (run->map != NULL)
		write_map(run);
out:
	if (sig != NULL)
		event_free(sig);
	ptrcheck_scan_free(run->scan);
	ptrcheck_ctx_free(ctx);
	scan_tally_free(run->tally);
	if (base != NULL)
		event_base_free(base);
	if (run->interrupted)
		return EXIT_INTERRUPTED;
	if (rc != PTRCHECK_OK || run->write_failed)
		return EXIT_USAGE;
	if (run->in.fatal) {
		cli_error("%s", run->in.error);
		return EXIT_USAGE;
	}
	if (run->in.skip > 0) {
		cli_error("%s holds more results than this input has "
		          "addresses: not the same scan",
		    run->resume);
		return EXIT_USAGE;
	}
	if (run->in.over_limit) {
		cli_error("stopped after --max-addresses %llu addresses",
		    (unsigned long long)run->in.max);
		return EXIT_USAGE;
	}
	if (run->in.given == 0)
		return nothing_scanned(run);
	return (int)run->exit;
}

static bool
parse_args(struct scan_run *run, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"input", required_argument, NULL, 'i'},
	    {"retry-from", required_argument, NULL, 'y'},
	    {"output", required_argument, NULL, 'o'},
	    {"summary", required_argument, NULL, 's'},
	    {"ptr-only", no_argument, NULL, 'p'},
	    {"unordered", no_argument, NULL, 'u'},
	    {"max-addresses", required_argument, NULL, 'm'},
	    {"window", required_argument, NULL, 'w'},
	    {"qps", required_argument, NULL, 'q'},
	    {"direct", no_argument, NULL, 'd'},
	    {"direct-qps", required_argument, NULL, 'Q'},
	    {"shard", required_argument, NULL, OPT_SHARD},
	    {"resume", required_argument, NULL, OPT_RESUME},
	    {"map", required_argument, NULL, OPT_MAP},
	    {"help", no_argument, NULL, 'h'},
	    CLI_COMMON_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	bool bad = false;
	int c;

	while ((c = getopt_long(argc, argv, "h" CLI_COMMON_SHORTOPTS, longopts,
	            NULL)) != -1) {
		if (c == 'h') {
			scan_usage(stdout);
			exit(0);
		}
		if (c != 'f' &&
		    cli_common_option(&run->common, c, optarg, &bad)) {
			if (bad)
				return false;
			continue;
		}
		if (!scan_option(run, c, optarg)) {
			if (c == '?')
				scan_usage(stderr);
			return false;
		}
	}
	for (; optind < argc; optind++)
		if (!scan_input_add_arg(&run->in, argv[optind]))
			return false;
	return true;
}

/* open_output - stdout, --output FILE, or the file being resumed (after
 * the results it holds, which the input then skips). */
static bool
open_output(struct scan_run *run)
{
	if (run->resume != NULL) {
		if (run->output != NULL || run->unordered) {
			cli_error("--resume appends to its own file in input "
			          "order: not with --output or --unordered");
			return false;
		}
		run->done.csv = run->fmt == FMT_CSV;
		if (!scan_resume_open(run->resume, &run->done))
			return false;
		if (run->done.cut)
			fprintf(stderr,
			    "%s: %s: an incomplete last line was cut off\n",
			    progname, run->resume);
		run->out = run->done.out;
		run->in.skip = run->done.done;
		run->in.resume_last = run->done.last;
		run->in.resume_check = run->done.done > 0;
		run->need_header = run->fmt == FMT_CSV &&
		                   !run->done.has_header && run->done.done == 0;
		return true;
	}
	run->need_header = run->fmt == FMT_CSV;
	if (run->output != NULL &&
	    (run->out = fopen(run->output, "w")) == NULL) {
		cli_error("cannot write %s", run->output);
		run->out = stdout;
		return false;
	}
	return true;
}

/* open_map - --map needs the one prefix it draws. */
static bool
open_map(struct scan_run *run)
{
	if (run->map_file == NULL)
		return true;
	if (run->in.nargs != 1 || run->input != NULL) {
		cli_error("--map draws one prefix: give exactly one on the "
		          "command line");
		return false;
	}
	if ((run->map = scan_map_new(&run->in.args[0])) == NULL) {
		cli_error("out of memory");
		return false;
	}
	return true;
}

int
cmd_scan(int argc, char **argv)
{
	struct scan_run *run = calloc(1, sizeof(*run));
	uint64_t total;
	int rc = EXIT_USAGE;

	if (run == NULL) {
		cli_error("out of memory");
		return EXIT_USAGE;
	}
	cli_common_init(&run->common);
	run->common.opt.zone_lookup = false; /* no fix is printed */
	run->common.opt.qps = 1000;
	run->common.opt.direct_qps = 100;
	run->in.max = 65536;
	run->out = stdout;
	if (!parse_args(run, argc, argv) || !open_map(run) ||
	    !open_input(run) || !open_output(run) || !check_size(run, &total))
		goto out;
	if (run->window == 0)
		run->window = default_window(&run->common.opt);
	run->how.color = run->fmt == FMT_TEXT && cli_use_color(run->out);
	run->out_tty = isatty(fileno(run->out)) && isatty(STDERR_FILENO);
	/* One thread writes the results: no stdio locking per call, and
	 * to a file or pipe, writes of 64 kB blocks of whole lines. */
	__fsetlocking(run->out, FSETLOCKING_BYCALLER);
	/* setvbuf only on a stream nothing was done with (the file being
	 * resumed was read already). */
	if (!isatty(fileno(run->out)) && run->resume == NULL)
		setvbuf(run->out, NULL, _IOFBF, 1 << 16);
	signal(
	    SIGPIPE, SIG_IGN); /* a closed pipe is a write error, not a death */
	rc = run_scan(run, total);
out:
	if (run->out != stdout && fclose(run->out) != 0 && rc != EXIT_USAGE) {
		cli_error("writing %s failed",
		    run->resume != NULL ? run->resume : run->output);
		rc = EXIT_USAGE;
	}
	if (run->in.lines != NULL && run->in.lines != stdin)
		fclose(run->in.lines);
	scan_input_fini(&run->in);
	scan_map_free(run->map);
	free(run);
	return rc;
}

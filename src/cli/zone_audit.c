/*
 * zone_audit.c - ptrcheck zone audit: reverse data against forward data,
 * from zone files, or with --live PREFIX from DNS. Every address becomes a
 * report of the same vocabulary as `check`; output as text, JSON or CSV.
 * A live audit streams: a window of checks in flight, results printed in
 * address order as soon as the head of the window is done.
 */
#include <event2/event.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cli.h"
#include "zone.h"

#define MAX_FILES 64
#define LIVE_WINDOW 256
#define LIVE_MAX_LOG2 16 /* 65,536 addresses */

enum fmt { FMT_TEXT, FMT_JSON, FMT_CSV };

struct audit_run {
	struct cli_common common;
	enum fmt fmt;
	const char *reverse[MAX_FILES], *forward[MAX_FILES];
	size_t nreverse, nforward;
	const char *origin;
	bool live;
	struct ptrcheck_prefix prefix;
	struct ptrcheck_audit *audit;
	enum ptrcheck_exit exit;
	size_t printed;
	bool failed;
	size_t nptr, naddr; /* PTRs in --reverse, A/AAAA in --forward */
};

static void
emit(struct audit_run *run, const struct ptrcheck_report *rep)
{
	struct ptrcheck_render how = {
	    cli_use_color(stdout), run->common.verbose};

	run->exit = ptrcheck_exit_combine(run->exit, ptrcheck_report_exit(rep));
	if (run->fmt == FMT_JSON) {
		fputs(run->printed ? "," : "", stdout);
		ptrcheck_report_json(rep, stdout);
	} else if (run->fmt == FMT_CSV) {
		ptrcheck_report_csv(rep, stdout);
	} else {
		ptrcheck_report_text(rep, &how, stdout);
		putchar('\n');
	}
	run->printed++;
}

static void
on_file_report(struct ptrcheck_report *rep, void *arg)
{
	emit(arg, rep);
	ptrcheck_report_free(rep);
}

static bool
on_forward(const struct ptrcheck_zrecord *r, void *arg)
{
	struct audit_run *run = arg;

	run->naddr +=
	    r->type == PTRCHECK_TYPE_A || r->type == PTRCHECK_TYPE_AAAA;
	if (ptrcheck_audit_add_forward(run->audit, r) != PTRCHECK_OK) {
		cli_error("line %u: %s", r->line, "a name that is not valid");
		run->failed = true;
		return false;
	}
	return true;
}

static bool
on_reverse(const struct ptrcheck_zrecord *r, void *arg)
{
	struct audit_run *run = arg;
	char shown[PTRCHECK_NAME_TEXT_MAX + 8];

	run->nptr += r->type == PTRCHECK_TYPE_PTR;
	if (ptrcheck_audit_add_reverse(run->audit, r) != PTRCHECK_OK) {
		ptrcheck_escape(
		    r->owner, strlen(r->owner), shown, sizeof(shown));
		cli_error(
		    "line %u: %s is not an in-addr.arpa or ip6.arpa owner",
		    r->line, shown);
		run->failed = true;
		return false;
	}
	return true;
}

static bool
read_all_files(struct audit_run *run)
{
	size_t i;

	for (i = 0; i < run->nforward && !run->failed; i++)
		if (!read_records(
		        run->forward[i], run->origin, on_forward, run))
			return false;
	for (i = 0; i < run->nreverse && !run->failed; i++)
		if (!read_records(run->reverse[i], NULL, on_reverse, run))
			return false;
	if (run->live)
		return !run->failed; /* the reverse side comes from DNS */
	if (!run->failed && run->nptr == 0 && run->naddr == 0) {
		/* Silence and exit 0 would say "all is well". */
		cli_error(
		    "no PTR record in --reverse and no A or AAAA record in "
		    "--forward: are the two swapped?");
		return false;
	}
	if (!run->failed && run->nptr == 0)
		cli_error(
		    "warning: no PTR record in --reverse: every address of "
		    "--forward is reported as missing");
	return !run->failed;
}

/* --- live ---------------------------------------------------------------- */

/* A live audit is a scan of the prefix, in address order; an address
 * without a PTR is shown only when forward data says it should have one. */
struct live {
	struct audit_run *run;
	uint64_t next, total;
	const struct ptrcheck_addr *known; /* forward addresses */
	size_t nknown;
};

static bool
known_forward(const struct live *l, const struct ptrcheck_addr *a)
{
	size_t i;

	for (i = 0; i < l->nknown; i++)
		if (ptrcheck_addr_equal(&l->known[i], a))
			return true;
	return false;
}

static bool
live_next(void *arg, struct ptrcheck_addr *out)
{
	struct live *l = arg;

	if (l->next >= l->total)
		return false;
	ptrcheck_prefix_nth(&l->run->prefix, l->next++, out);
	return true;
}

static void
on_live_report(struct ptrcheck_report *rep, void *arg)
{
	struct live *l = arg;

	if (ptrcheck_report_verdict(rep) != PTRCHECK_VERDICT_PTR_MISSING ||
	    known_forward(l, ptrcheck_report_addr(rep)))
		emit(l->run, rep);
	ptrcheck_report_free(rep);
}

static int
run_live(struct audit_run *run)
{
	struct event_base *base = event_base_new();
	struct ptrcheck_scan_options so = {LIVE_WINDOW, false};
	struct ptrcheck_scan *scan = NULL;
	struct ptrcheck_ctx *ctx = NULL;
	struct live l = {.run = run};
	char err[300];
	int rc = EXIT_USAGE;

	if (base == NULL) {
		cli_error("out of memory");
		return EXIT_USAGE;
	}
	l.total = (uint64_t)1 << ptrcheck_prefix_size_log2(&run->prefix);
	l.known = ptrcheck_audit_forward_addrs(run->audit, &l.nknown);
	run->common.opt.zone_lookup = false;
	if (ptrcheck_ctx_new(base, &run->common.opt, &ctx, err, sizeof(err)) !=
	    PTRCHECK_OK)
		cli_error("%s", err);
	else if (ptrcheck_scan_new(ctx, &so, live_next, &l, on_live_report, &l,
	             &scan) != PTRCHECK_OK)
		cli_error("out of memory");
	else if (ptrcheck_scan_run(scan) != PTRCHECK_OK)
		cli_error(
		    "could not start a check: %s", ptrcheck_ctx_errmsg(ctx));
	else
		rc = 0;
	ptrcheck_scan_free(scan);
	ptrcheck_ctx_free(ctx);
	event_base_free(base);
	return rc;
}

/* --- options ------------------------------------------------------------- */

static void
audit_usage(FILE *out)
{
	fprintf(out, "usage: ptrcheck zone audit --reverse FILE... --forward "
	             "FILE... [--origin NAME]\n"
	             "       ptrcheck zone audit --live PREFIX [--forward "
	             "FILE...] [--resolver HOST[:PORT]]...\n"
	             "                          [--timeout S] [--retries N]\n"
	             "       either: [--format text|json|csv]\n");
}

static bool
audit_option(struct audit_run *run, int c, const char *arg)
{
	char err[128], shown[256];

	switch (c) {
	case 'r':
	case 'w':
		if ((c == 'r' ? run->nreverse : run->nforward) == MAX_FILES) {
			cli_error("at most %d files of each kind", MAX_FILES);
			return false;
		}
		if (c == 'r')
			run->reverse[run->nreverse++] = arg;
		else
			run->forward[run->nforward++] = arg;
		return true;
	case 'o':
		run->origin = arg;
		return true;
	case 'L':
		if (ptrcheck_prefix_parse(
		        arg, &run->prefix, err, sizeof(err)) != PTRCHECK_OK) {
			ptrcheck_escape(arg, strlen(arg), shown, sizeof(shown));
			cli_error("--live '%s': %s", shown, err);
			return false;
		}
		if (ptrcheck_prefix_size_log2(&run->prefix) > LIVE_MAX_LOG2) {
			cli_error(
			    "--live: at most %u addresses (a /16 or /112)",
			    1u << LIVE_MAX_LOG2);
			return false;
		}
		run->live = true;
		return true;
	case 'F':
		if (strcmp(arg, "csv") == 0)
			run->fmt = FMT_CSV;
		else if (strcmp(arg, "json") == 0)
			run->fmt = FMT_JSON;
		else if (strcmp(arg, "text") == 0)
			run->fmt = FMT_TEXT;
		else {
			cli_error("--format: text, json or csv");
			return false;
		}
		return true;
	}
	return false;
}

int
zone_audit(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"reverse", required_argument, NULL, 'R'},
	    {"forward", required_argument, NULL, 'W'},
	    {"origin", required_argument, NULL, 'o'},
	    {"live", required_argument, NULL, 'L'},
	    {"format", required_argument, NULL, 'F'},
	    {"help", no_argument, NULL, 'h'},
	    {"resolver", required_argument, NULL, 'r'},
	    {"timeout", required_argument, NULL, 't'},
	    {"retries", required_argument, NULL, 'e'},
	    {"deadline", required_argument, NULL, 'D'},
	    {"verbose", no_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0},
	};
	struct audit_run run;
	bool bad = false;
	int c, rc;

	memset(&run, 0, sizeof(run));
	cli_common_init(&run.common);
	while ((c = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		int common =
		    c == 'e' ? 'R' : c; /* --retries has 'R' in cli_common */

		if (c == 'h') {
			audit_usage(stdout);
			return 0;
		}
		if ((c == 'r' || c == 't' || c == 'e' || c == 'D' ||
		        c == 'v') &&
		    cli_common_option(&run.common, common, optarg, &bad)) {
			if (bad)
				return EXIT_USAGE;
			continue;
		}
		if (!audit_option(&run,
		        c == 'R'   ? 'r'
		        : c == 'W' ? 'w'
		                   : c,
		        optarg)) {
			if (c == '?')
				audit_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc ||
	    (!run.live && (run.nreverse == 0 || run.nforward == 0)) ||
	    (run.live && run.nreverse > 0)) {
		audit_usage(stderr);
		return EXIT_USAGE;
	}
	if ((run.audit = ptrcheck_audit_new()) == NULL ||
	    !read_all_files(&run)) {
		ptrcheck_audit_free(run.audit);
		return EXIT_USAGE;
	}
	if (run.fmt == FMT_JSON)
		fputs("{\"schema_version\":1,\"results\":[", stdout);
	else if (run.fmt == FMT_CSV)
		ptrcheck_report_csv_header(stdout);
	rc =
	    run.live ? run_live(&run)
	    : ptrcheck_audit_run(run.audit, on_file_report, &run) == PTRCHECK_OK
	        ? 0
	        : EXIT_USAGE;
	if (run.fmt == FMT_JSON)
		fputs("]}\n", stdout);
	ptrcheck_audit_free(run.audit);
	return rc != 0 ? rc : (int)run.exit;
}

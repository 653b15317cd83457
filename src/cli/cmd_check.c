/* cmd_check.c - ptrcheck check: every target starts at once on one loop;
 * reports are printed in the order of the arguments. */
#include <ctype.h>
#include <event2/event.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

struct pending {
	const char *arg;
	bool is_target;
	struct ptrcheck_report *rep;
	struct ptrcheck_target *t;
	size_t *remaining;
};

#define DEFAULT_ROOT_HINTS "/usr/share/dns/root.hints"

enum {
	OPT_NO_AUTHORITY = 1000,
	OPT_PROVIDER,
	OPT_TRACE,
	OPT_ROOT_HINTS,
	OPT_HELO,
	OPT_PROVIDERS,
};

struct check_run {
	struct cli_common common;
	bool mx;
	bool no_authority, trace;
	const char *root_hints;
	const char *hostname;
	struct pending *items;
	size_t nitems, remaining;
	struct event_base *base;
	bool interrupted;
	struct timespec start; /* for --format nagios's time */
};

static void
check_usage(FILE *out)
{
	fprintf(out,
	    "usage: ptrcheck check [--mx] [--hostname NAME | --helo NAME] "
	    "[--resolver HOST[:PORT] | @HOST]...\n"
	    "                      [--timeout S] [--retries N] [--deadline S]\n"
	    "                      [--no-authority] [--provider NAME|IP]... "
	    "[--trace]\n"
	    "                      [--root-hints FILE] [--providers FILE]\n"
	    "                      [--format text|json|nagios|html] [-v] "
	    "IP|HOST|DOMAIN...\n"
	    "Diagnoses reverse DNS the way receiving mail servers see it; see "
	    "ptrcheck(1).\n");
}

/* looks_like_hostname - a host name with at least one letter: a mistyped
 * IPv4 address ("192.0.2") is not a host name. */
static bool
looks_like_hostname(const char *s)
{
	char buf[PTRCHECK_NAME_TEXT_MAX];
	const char *p;

	for (p = s; *p != '\0' && !isalpha((unsigned char)*p); p++)
		;
	return *p != '\0' && cli_host_name(s, buf, sizeof(buf));
}

static void
on_report(struct ptrcheck_report *rep, void *arg)
{
	struct pending *p = arg;

	p->rep = rep;
	(*p->remaining)--;
}

static void
on_target(struct ptrcheck_target *t, void *arg)
{
	struct pending *p = arg;

	p->t = t;
	(*p->remaining)--;
}

static void
on_sigint(evutil_socket_t fd, short what, void *arg)
{
	struct check_run *run = arg;

	(void)fd;
	(void)what;
	run->interrupted = true;
	event_base_loopbreak(run->base);
}

static void
trace_line(const char *line, void *arg)
{
	(void)arg;
	fprintf(stderr, "%s: %s\n", progname, line);
}

static int
start_one(struct check_run *run, struct ptrcheck_ctx *ctx, struct pending *p)
{
	struct ptrcheck_addr addr;
	char shown[256];
	enum ptrcheck_status st;

	p->remaining = &run->remaining;
	ptrcheck_escape(p->arg, strlen(p->arg), shown, sizeof(shown));
	if (!run->mx && ptrcheck_addr_parse(p->arg, &addr) == PTRCHECK_OK) {
		st = ptrcheck_check_start(
		    ctx, &addr, run->hostname, on_report, p);
	} else if (looks_like_hostname(p->arg)) {
		p->is_target = true;
		st = ptrcheck_target_start(ctx, p->arg, run->mx, on_target, p);
	} else {
		cli_error("'%s' is not %s", shown,
		    run->mx ? "a mail domain" : "an IP address or a host name");
		return EXIT_USAGE;
	}
	if (st != PTRCHECK_OK) {
		cli_error("%s: %s (%s)", shown, ptrcheck_strerror(st),
		    ptrcheck_ctx_errmsg(ctx));
		return EXIT_USAGE;
	}
	run->remaining++;
	return 0;
}

static void
print_json(const struct check_run *run)
{
	size_t i, j;
	bool first = true;

	fputs("{\"schema_version\":1,\"results\":[", stdout);
	for (i = 0; i < run->nitems; i++) {
		const struct pending *p = &run->items[i];

		if (p->rep != NULL) {
			fputs(first ? "" : ",", stdout);
			ptrcheck_report_json(p->rep, stdout);
			first = false;
		}
		for (j = 0;
		     p->t != NULL && j < ptrcheck_target_report_count(p->t);
		     j++) {
			if (ptrcheck_target_report(p->t, j) == NULL)
				continue;
			fputs(first ? "" : ",", stdout);
			ptrcheck_report_json(
			    ptrcheck_target_report(p->t, j), stdout);
			first = false;
		}
	}
	fputs("],\"targets\":[", stdout);
	first = true;
	for (i = 0; i < run->nitems; i++) {
		if (run->items[i].t == NULL)
			continue;
		fputs(first ? "" : ",", stdout);
		ptrcheck_target_json(run->items[i].t, stdout);
		first = false;
	}
	fputs("]}\n", stdout);
}

/* print_collected - every report (targets' included) as one plugin
 * result (--format nagios) or one page (--format html). */
static void
print_collected(const struct check_run *run)
{
	const struct ptrcheck_report **reps;
	size_t i, j, n = 0, cap = 0;

	for (i = 0; i < run->nitems; i++)
		cap += run->items[i].rep != NULL ? 1
		       : run->items[i].t != NULL
		           ? ptrcheck_target_report_count(run->items[i].t)
		           : 0;
	if ((reps = calloc(cap + 1, sizeof(*reps))) == NULL)
		return;
	for (i = 0; i < run->nitems; i++) {
		const struct pending *p = &run->items[i];

		if (p->rep != NULL)
			reps[n++] = p->rep;
		for (j = 0;
		     p->t != NULL && j < ptrcheck_target_report_count(p->t);
		     j++)
			if (ptrcheck_target_report(p->t, j) != NULL)
				reps[n++] = ptrcheck_target_report(p->t, j);
	}
	if (run->common.html)
		ptrcheck_report_html(reps, n, stdout);
	else
		ptrcheck_nagios(reps, n, cli_elapsed_ms(&run->start), stdout);
	free(reps);
}

static enum ptrcheck_exit
print_results(const struct check_run *run)
{
	struct ptrcheck_render how = {
	    cli_use_color(stdout), run->common.verbose};
	enum ptrcheck_exit e = PTRCHECK_EXIT_OK;
	size_t i;

	if (run->common.json)
		print_json(run);
	if (run->common.nagios || run->common.html)
		print_collected(run);
	for (i = 0; i < run->nitems; i++) {
		const struct pending *p = &run->items[i];

		if (p->rep != NULL) {
			e = ptrcheck_exit_combine(
			    e, ptrcheck_report_exit(p->rep));
			if (!run->common.json && !run->common.nagios &&
			    !run->common.html) {
				ptrcheck_report_text(p->rep, &how, stdout);
				fputc('\n', stdout);
			}
		} else if (p->t != NULL) {
			e = ptrcheck_exit_combine(
			    e, ptrcheck_target_exit(p->t));
			if (!run->common.json && !run->common.nagios &&
			    !run->common.html)
				ptrcheck_target_text(p->t, &how, stdout);
		}
	}
	return e;
}

/* providers_resolved - every --provider name has an address; a name
 * that has none is a usage error (it was silently dropped once). */
static bool
providers_resolved(const struct check_run *run)
{
	char name[PTRCHECK_NAME_TEXT_MAX];
	size_t i;

	for (i = 0; i < run->nitems; i++)
		if (run->items[i].rep != NULL &&
		    ptrcheck_report_unresolved_provider(
		        run->items[i].rep, 0, name, sizeof(name))) {
			cli_error("--provider %s: the name has no address (A "
			          "or AAAA); "
			          "give the provider's name server by a name "
			          "that resolves, "
			          "or by its address",
			    name);
			return false;
		}
	return true;
}

static int
run_all(struct check_run *run)
{
	struct ptrcheck_ctx *ctx = NULL;
	struct event *sig = NULL;
	char err[300];
	int rc = 0;
	size_t i;

	if ((run->base = event_base_new()) == NULL) {
		cli_error("cannot create the event loop");
		return EXIT_USAGE;
	}
	if (ptrcheck_ctx_new(run->base, &run->common.opt, &ctx, err,
	        sizeof(err)) != PTRCHECK_OK) {
		cli_error("%s", err);
		event_base_free(run->base);
		return EXIT_USAGE;
	}
	sig = evsignal_new(run->base, SIGINT, on_sigint, run);
	if (sig != NULL)
		event_add(sig, NULL);
	for (i = 0; i < run->nitems && rc == 0; i++)
		rc = start_one(run, ctx, &run->items[i]);
	while (rc == 0 && run->remaining > 0 && !run->interrupted)
		if (event_base_loop(run->base, EVLOOP_ONCE) != 0)
			break;
	if (rc == 0 && run->interrupted) {
		cli_error("interrupted");
		rc = EXIT_INTERRUPTED;
	} else if (rc == 0 && !providers_resolved(run)) {
		rc = EXIT_USAGE;
	} else if (rc == 0) {
		rc = (int)print_results(run);
	}
	for (i = 0; i < run->nitems; i++) {
		ptrcheck_report_free(run->items[i].rep);
		ptrcheck_target_free(run->items[i].t);
	}
	if (sig != NULL)
		event_free(sig);
	ptrcheck_ctx_free(ctx);
	event_base_free(run->base);
	return rc;
}

/* add_provider - one --provider: an address or a host name. */
static bool
add_provider(struct ptrcheck_options *opt, const char *arg)
{
	struct ptrcheck_addr addr;
	char name[PTRCHECK_NAME_TEXT_MAX];

	if (opt->nproviders == PTRCHECK_MAX_PROVIDERS) {
		cli_error("--provider: at most %d", PTRCHECK_MAX_PROVIDERS);
		return false;
	}
	if (ptrcheck_addr_parse(arg, &addr) != PTRCHECK_OK &&
	    !(looks_like_hostname(arg) &&
	        cli_host_name(arg, name, sizeof(name)))) {
		cli_error("--provider: not an IP address or a host name");
		return false;
	}
	snprintf(opt->providers[opt->nproviders++], PTRCHECK_NAME_TEXT_MAX,
	    "%s", arg);
	return true;
}

/* load_root_hints - --trace walks from the root servers of this file. */
static bool
load_root_hints(struct ptrcheck_options *opt, const char *path)
{
	char err[256];
	FILE *f = fopen(path, "r");
	enum ptrcheck_status st;

	if (f == NULL) {
		cli_error(
		    "%s: cannot open the root hints (--root-hints FILE)", path);
		return false;
	}
	st = ptrcheck_root_hints_read(f, opt->roots, PTRCHECK_MAX_SERVERS,
	    &opt->nroots, err, sizeof(err));
	fclose(f);
	if (st != PTRCHECK_OK) {
		cli_error("%s: %s", path, err);
		return false;
	}
	return true;
}

/* set_authority - on for every address checked, unless --no-authority:
 * an address's verdict, warnings and exit status must not depend on what
 * else is on the command line. */
static bool
set_authority(struct check_run *run)
{
	struct ptrcheck_options *opt = &run->common.opt;

	if (run->no_authority) {
		if (run->trace || opt->nproviders > 0) {
			cli_error("--no-authority cannot go with --trace or "
			          "--provider");
			return false;
		}
		return true;
	}
	opt->authority = true;
	if (run->trace)
		return load_root_hints(opt, run->root_hints != NULL
		                                ? run->root_hints
		                                : DEFAULT_ROOT_HINTS);
	return true;
}

int
cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"mx", no_argument, NULL, 'm'},
	    {"hostname", required_argument, NULL, 'H'},
	    {"helo", required_argument, NULL, OPT_HELO},
	    {"providers", required_argument, NULL, OPT_PROVIDERS},
	    {"no-authority", no_argument, NULL, OPT_NO_AUTHORITY},
	    {"provider", required_argument, NULL, OPT_PROVIDER},
	    {"trace", no_argument, NULL, OPT_TRACE},
	    {"root-hints", required_argument, NULL, OPT_ROOT_HINTS},
	    {"help", no_argument, NULL, 'h'},
	    CLI_COMMON_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	struct check_run run;
	bool bad = false;
	int c, rc, i;

	memset(&run, 0, sizeof(run));
	cli_common_init(&run.common);
	run.common.nagios_ok = true;
	clock_gettime(CLOCK_MONOTONIC, &run.start);
	if (!dig_habits(&argc, argv, &run.common))
		return EXIT_USAGE;
	while ((c = getopt_long(argc, argv, "mH:h" CLI_COMMON_SHORTOPTS,
	            longopts, NULL)) != -1) {
		if (cli_common_option(&run.common, c, optarg, &bad)) {
			if (bad)
				return EXIT_USAGE;
			continue;
		}
		switch (c) {
		case 'm':
			run.mx = true;
			break;
		case 'H':
			if (!looks_like_hostname(optarg)) {
				cli_error("--hostname: not a host name");
				return EXIT_USAGE;
			}
			run.hostname = optarg;
			break;
		case OPT_HELO:
			/* The HELO name: the name the PTR should carry, and
			 * one that must resolve to the address. */
			if (!looks_like_hostname(optarg)) {
				cli_error("--helo: not a host name");
				return EXIT_USAGE;
			}
			run.hostname = optarg;
			run.common.opt.helo = true;
			break;
		case OPT_PROVIDERS:
			if (!cli_load_providers(optarg))
				return EXIT_USAGE;
			break;
		case OPT_NO_AUTHORITY:
			run.no_authority = true;
			break;
		case OPT_PROVIDER:
			if (!add_provider(&run.common.opt, optarg))
				return EXIT_USAGE;
			break;
		case OPT_TRACE:
			run.trace = true;
			break;
		case OPT_ROOT_HINTS:
			run.root_hints = optarg;
			run.trace = true;
			break;
		case 'h':
			check_usage(stdout);
			return 0;
		default:
			check_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		check_usage(stderr);
		return EXIT_USAGE;
	}
	if (!set_authority(&run))
		return EXIT_USAGE;
	if (run.common.verbose) {
		run.common.opt.trace = trace_line;
	}
	run.nitems = (size_t)(argc - optind);
	if ((run.items = calloc(run.nitems, sizeof(*run.items))) == NULL) {
		cli_error("out of memory");
		return EXIT_USAGE;
	}
	for (i = optind; i < argc; i++)
		run.items[i - optind].arg = argv[i];
	rc = run_all(&run);
	free(run.items);
	return rc;
}

/* cmd_check.c - ptrcheck check: every target starts at once on one loop;
 * reports are printed in the order of the arguments. */
#include <ctype.h>
#include <event2/event.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct pending {
	const char *arg;
	bool is_target;
	struct ptrcheck_report *rep;
	struct ptrcheck_target *t;
	size_t *remaining;
};

struct check_run {
	struct cli_common common;
	bool mx;
	const char *hostname;
	struct pending *items;
	size_t nitems, remaining;
	struct event_base *base;
	bool interrupted;
};

static void
check_usage(FILE *out)
{
	fprintf(out,
	    "usage: ptrcheck check [--mx] [--hostname NAME] [--resolver HOST[:PORT]]...\n"
	    "                      [--timeout S] [--retries N] [--deadline S]\n"
	    "                      [--format text|json] [-v] IP|HOST|DOMAIN...\n"
	    "Diagnoses reverse DNS the way receiving mail servers see it; see ptrcheck(1).\n");
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
		st = ptrcheck_check_start(ctx, &addr, run->hostname, on_report, p);
	} else if (looks_like_hostname(p->arg)) {
		p->is_target = true;
		st = ptrcheck_target_start(ctx, p->arg, run->mx, on_target, p);
	} else {
		cli_error("'%s' is not %s", shown, run->mx ? "a mail domain"
		    : "an IP address or a host name");
		return EXIT_USAGE;
	}
	if (st != PTRCHECK_OK) {
		cli_error("%s: %s (%s)", shown, ptrcheck_strerror(st), ptrcheck_ctx_errmsg(ctx));
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
		for (j = 0; p->t != NULL && j < ptrcheck_target_report_count(p->t); j++) {
			if (ptrcheck_target_report(p->t, j) == NULL)
				continue;
			fputs(first ? "" : ",", stdout);
			ptrcheck_report_json(ptrcheck_target_report(p->t, j), stdout);
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

static enum ptrcheck_exit
print_results(const struct check_run *run)
{
	struct ptrcheck_render how = { cli_use_color(stdout), run->common.verbose };
	enum ptrcheck_exit e = PTRCHECK_EXIT_OK;
	size_t i;

	if (run->common.json)
		print_json(run);
	for (i = 0; i < run->nitems; i++) {
		const struct pending *p = &run->items[i];

		if (p->rep != NULL) {
			e = ptrcheck_exit_combine(e, ptrcheck_report_exit(p->rep));
			if (!run->common.json) {
				ptrcheck_report_text(p->rep, &how, stdout);
				fputc('\n', stdout);
			}
		} else if (p->t != NULL) {
			e = ptrcheck_exit_combine(e, ptrcheck_target_exit(p->t));
			if (!run->common.json)
				ptrcheck_target_text(p->t, &how, stdout);
		}
	}
	return e;
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
	if (ptrcheck_ctx_new(run->base, &run->common.opt, &ctx, err, sizeof(err)) != PTRCHECK_OK) {
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

int
cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "mx", no_argument, NULL, 'm' },
		{ "hostname", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct check_run run;
	bool bad = false;
	int c, rc, i;

	memset(&run, 0, sizeof(run));
	cli_common_init(&run.common);
	while ((c = getopt_long(argc, argv, "mH:h" CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
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

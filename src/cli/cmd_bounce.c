/* cmd_bounce.c - ptrcheck bounce: from a pasted bounce to the diagnosis.
 * The parser finds the rejections; unless --no-dns, every rejected address
 * of a reverse-DNS rejection is checked as `ptrcheck check` would, on one
 * loop, and the report says whether the problem is still there. */
#include <errno.h>
#include <event2/event.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct bounce_run {
	struct cli_common common;
	bool no_dns;
	const char *path;
	struct ptrcheck_bounces *bounces;
	struct ptrcheck_report **reports; /* per bounce, per address */
	size_t remaining;
};

static void
bounce_usage(FILE *out)
{
	fprintf(out, "usage: ptrcheck bounce [--no-dns] [--resolver "
	             "HOST[:PORT]]... [--timeout S]\n"
	             "                       [--retries N] [--deadline S] "
	             "[--format text|json] [FILE]\n"
	             "Reads a bounce (a file, or standard input) and diagnoses "
	             "the rejected\n"
	             "addresses; see ptrcheck(1).\n");
}

/* read_all - the whole input, at most PTRCHECK_BOUNCE_INPUT_MAX + 1 bytes
 * (one more tells that it was cut). */
static char *
read_all(FILE *f, size_t *len)
{
	size_t cap = 65536, n = 0, got;
	char *buf = malloc(cap), *p;

	while (buf != NULL) {
		if (n == cap) {
			if (cap > PTRCHECK_BOUNCE_INPUT_MAX)
				break;
			cap *= 2;
			if ((p = realloc(buf, cap)) == NULL) {
				free(buf);
				return NULL;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (buf != NULL && ferror(f)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static bool
is_rdns(const struct ptrcheck_bounce *b)
{
	return b->cause != PTRCHECK_CAUSE_OTHER;
}

/* slot_of - where the report of bounce bi's address ai is kept. */
static size_t
slot_of(size_t bi, size_t ai)
{
	return bi * PTRCHECK_BOUNCE_MAX_IPS + ai;
}

struct done_ctx {
	struct ptrcheck_report **slot;
	size_t *remaining;
};

static void
on_done(struct ptrcheck_report *rep, void *arg)
{
	struct done_ctx *d = arg;

	*d->slot = rep;
	(*d->remaining)--;
}

/* rdns_addresses - how many addresses will be checked. */
static size_t
rdns_addresses(const struct ptrcheck_bounces *bs)
{
	size_t i, n = 0;

	for (i = 0; i < bs->n; i++)
		if (is_rdns(&bs->v[i]))
			n += bs->v[i].nips;
	return n;
}

static int
run_checks(struct bounce_run *run)
{
	struct event_base *base = event_base_new();
	struct ptrcheck_ctx *ctx = NULL;
	struct done_ctx *dc;
	char err[300];
	size_t nb = run->bounces->n, bi, ai, k = 0;
	int rc = 0;

	/* As check does for one address: after a fix, the question is often
	 * whether the servers have it and a cache does not yet. */
	run->common.opt.authority = rdns_addresses(run->bounces) == 1;
	if (base == NULL || ptrcheck_ctx_new(base, &run->common.opt, &ctx, err,
	                        sizeof(err)) != PTRCHECK_OK) {
		cli_error(
		    "%s", base == NULL ? "cannot create the event loop" : err);
		if (base != NULL)
			event_base_free(base);
		return EXIT_USAGE;
	}
	dc = calloc(nb * PTRCHECK_BOUNCE_MAX_IPS + 1, sizeof(*dc));
	for (bi = 0; dc != NULL && bi < nb; bi++) {
		const struct ptrcheck_bounce *b = &run->bounces->v[bi];

		for (ai = 0; is_rdns(b) && ai < b->nips; ai++, k++) {
			dc[k].slot = &run->reports[slot_of(bi, ai)];
			dc[k].remaining = &run->remaining;
			if (ptrcheck_check_start(ctx, &b->ips[ai], NULL,
			        on_done, &dc[k]) == PTRCHECK_OK)
				run->remaining++;
		}
	}
	while (run->remaining > 0)
		if (event_base_loop(base, EVLOOP_ONCE) != 0)
			break;
	if (dc == NULL) {
		cli_error("out of memory");
		rc = EXIT_USAGE;
	}
	free(dc);
	ptrcheck_ctx_free(ctx);
	event_base_free(base);
	return rc;
}

/* What the DNS shows today against what the receiver reported. */
enum today {
	TODAY_NOT_CHECKED,
	TODAY_FIXED,
	TODAY_UNKNOWN,
	TODAY_STILL_BROKEN,
};

/* Its JSON spelling and its sentence in the text report. */
static const struct {
	const char *name, *sentence;
} today_text[] = {
    [TODAY_NOT_CHECKED] = {"not-checked", "not checked"},
    [TODAY_FIXED] = {"fixed",
        "fixed since: the DNS passes now, so retry the delivery (a "
        "resolver may still hold the old answer until its TTL runs out)"},
    [TODAY_UNKNOWN] = {"unknown",
        "could not tell: the DNS lookups failed (see below)"},
    [TODAY_STILL_BROKEN] = {"still-broken",
        "still broken: the DNS shows the problem today (fix below)"},
};

static enum today
today(const struct ptrcheck_report *rep)
{
	if (rep == NULL)
		return TODAY_NOT_CHECKED;
	switch (ptrcheck_report_verdict(rep)) {
	case PTRCHECK_VERDICT_PASS:
		return TODAY_FIXED;
	case PTRCHECK_VERDICT_TEMPORARY:
		return TODAY_UNKNOWN;
	default:
		return TODAY_STILL_BROKEN;
	}
}

static const char *
cause_sentence(enum ptrcheck_cause c)
{
	switch (c) {
	case PTRCHECK_CAUSE_PTR_MISSING:
		return "the receiver says the address has no PTR record";
	case PTRCHECK_CAUSE_FCRDNS_MISMATCH:
		return "the receiver says the PTR name does not resolve back "
		       "to the "
		       "address (or does not say which half failed)";
	case PTRCHECK_CAUSE_PTR_GENERIC:
		return "the receiver refuses names or addresses that look "
		       "dynamic "
		       "or generic";
	case PTRCHECK_CAUSE_OTHER:
		break;
	}
	return "not about reverse DNS (a block list, authentication, the "
	       "mailbox, "
	       "rate limits...): ptrcheck does not diagnose it";
}

static void
print_text(const struct bounce_run *run)
{
	struct ptrcheck_render how = {
	    cli_use_color(stdout), run->common.verbose};
	char shown[8192], ip[PTRCHECK_ADDR_TEXT_MAX];
	size_t bi, ai;

	for (bi = 0; bi < run->bounces->n; bi++) {
		const struct ptrcheck_bounce *b = &run->bounces->v[bi];

		printf("Bounce %zu\n", bi + 1);
		printf("  Receiver    %s", b->receiver);
		if (b->remote_mta[0] != '\0')
			printf(" (%s)",
			    ptrcheck_escape(b->remote_mta,
			        strlen(b->remote_mta), shown, sizeof(shown)));
		if (b->recipient[0] != '\0')
			printf("\n  Recipient   %s",
			    ptrcheck_escape(b->recipient, strlen(b->recipient),
			        shown, sizeof(shown)));
		printf("\n  Rejection   %s\n",
		    ptrcheck_escape(
		        b->text, strlen(b->text), shown, sizeof(shown)));
		printf("  Cause       %s: %s\n", ptrcheck_cause_name(b->cause),
		    cause_sentence(b->cause));
		if (b->nips == 0)
			printf("  Addresses   none in the text: run 'ptrcheck "
			       "check' on your "
			       "server's outgoing address\n");
		for (ai = 0; ai < b->nips; ai++) {
			const struct ptrcheck_report *rep =
			    run->reports[slot_of(bi, ai)];

			ptrcheck_addr_format(&b->ips[ai], ip, sizeof(ip));
			if (run->no_dns || !is_rdns(b))
				printf("  Address     %s\n", ip);
			else
				printf("  Address     %s: %s, %s\n", ip,
				    rep ? ptrcheck_verdict_name(
				              ptrcheck_report_verdict(rep))
				        : "-",
				    today_text[today(rep)].sentence);
		}
		putchar('\n');
		for (ai = 0; ai < b->nips; ai++)
			if (run->reports[slot_of(bi, ai)] != NULL) {
				ptrcheck_report_text(
				    run->reports[slot_of(bi, ai)], &how,
				    stdout);
				putchar('\n');
			}
	}
}

static void
print_json_bounce(const struct bounce_run *run, size_t bi)
{
	const struct ptrcheck_bounce *b = &run->bounces->v[bi];
	char ip[PTRCHECK_ADDR_TEXT_MAX];
	size_t ai;
	bool first = true;

	fputs("{\"ips\":[", stdout);
	for (ai = 0; ai < b->nips; ai++) {
		ptrcheck_addr_format(&b->ips[ai], ip, sizeof(ip));
		printf("%s\"%s\"", ai ? "," : "", ip);
	}
	printf(
	    "],\"cause\":\"%s\",\"receiver\":", ptrcheck_cause_name(b->cause));
	ptrcheck_json_string(stdout, b->receiver, strlen(b->receiver));
	fputs(",\"remote_mta\":", stdout);
	if (b->remote_mta[0] != '\0')
		ptrcheck_json_string(
		    stdout, b->remote_mta, strlen(b->remote_mta));
	else
		fputs("null", stdout);
	fputs(",\"recipient\":", stdout);
	if (b->recipient[0] != '\0')
		ptrcheck_json_string(
		    stdout, b->recipient, strlen(b->recipient));
	else
		fputs("null", stdout);
	if (b->smtp_code != 0)
		printf(",\"smtp_code\":%d", b->smtp_code);
	else
		fputs(",\"smtp_code\":null", stdout);
	fputs(",\"enhanced_status\":", stdout);
	if (b->enhanced_status[0] != '\0')
		ptrcheck_json_string(
		    stdout, b->enhanced_status, strlen(b->enhanced_status));
	else
		fputs("null", stdout);
	fputs(",\"text\":", stdout);
	ptrcheck_json_string(stdout, b->text, strlen(b->text));
	fputs(",\"today\":[", stdout);
	for (ai = 0; ai < b->nips; ai++)
		printf("%s\"%s\"", ai ? "," : "",
		    today_text[run->no_dns || !is_rdns(b)
		                   ? TODAY_NOT_CHECKED
		                   : today(run->reports[slot_of(bi, ai)])]
		        .name);
	fputs("],\"results\":[", stdout);
	for (ai = 0; ai < b->nips; ai++) {
		const struct ptrcheck_report *rep =
		    run->reports[slot_of(bi, ai)];

		if (rep == NULL)
			continue;
		fputs(first ? "" : ",", stdout);
		ptrcheck_report_json(rep, stdout);
		first = false;
	}
	fputs("]}", stdout);
}

static void
print_json(const struct bounce_run *run)
{
	size_t bi;

	printf("{\"schema_version\":1,\"input_capped\":%s,\"bounces\":[",
	    run->bounces->input_capped ? "true" : "false");
	for (bi = 0; bi < run->bounces->n; bi++) {
		if (bi > 0)
			putchar(',');
		print_json_bounce(run, bi);
	}
	fputs("]}\n", stdout);
}

static enum ptrcheck_exit
bounce_exit(const struct bounce_run *run)
{
	enum ptrcheck_exit e = PTRCHECK_EXIT_OK;
	size_t i;

	for (i = 0; i < run->bounces->n * PTRCHECK_BOUNCE_MAX_IPS; i++)
		if (run->reports[i] != NULL)
			e = ptrcheck_exit_combine(
			    e, ptrcheck_report_exit(run->reports[i]));
	return e;
}

static int
bounce_input(struct bounce_run *run, char **data, size_t *len)
{
	FILE *f = stdin;

	if (run->path != NULL && strcmp(run->path, "-") != 0 &&
	    (f = fopen(run->path, "rb")) == NULL) {
		char shown[512];

		ptrcheck_escape(
		    run->path, strlen(run->path), shown, sizeof(shown));
		cli_error("%s: %s", shown, strerror(errno));
		return EXIT_USAGE;
	}
	*data = read_all(f, len);
	if (f != stdin)
		fclose(f);
	if (*data == NULL) {
		cli_error("reading the input failed");
		return EXIT_USAGE;
	}
	return 0;
}

static int
bounce_run_all(struct bounce_run *run)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	if ((rc = bounce_input(run, &data, &len)) != 0)
		return rc;
	rc = ptrcheck_bounce_parse(data, len, &run->bounces) == PTRCHECK_OK
	         ? 0
	         : EXIT_USAGE;
	free(data);
	if (rc != 0) {
		cli_error("out of memory parsing the input");
		return rc;
	}
	if (run->bounces->input_capped)
		cli_error(
		    "input cut at %u MiB", PTRCHECK_BOUNCE_INPUT_MAX >> 20);
	if (run->bounces->candidates_capped)
		cli_error("more address-like strings than looked at; some were "
		          "skipped");
	if (run->bounces->n == 0) {
		cli_error("no rejection found in the input");
		return PTRCHECK_EXIT_UNKNOWN;
	}
	run->reports = calloc(
	    run->bounces->n * PTRCHECK_BOUNCE_MAX_IPS, sizeof(*run->reports));
	if (run->reports == NULL)
		return EXIT_USAGE;
	if (!run->no_dns && (rc = run_checks(run)) != 0)
		return rc;
	if (run->common.json)
		print_json(run);
	else
		print_text(run);
	return run->no_dns ? 0 : (int)bounce_exit(run);
}

int
cmd_bounce(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"no-dns", no_argument, NULL, 'n'},
	    {"help", no_argument, NULL, 'h'},
	    CLI_COMMON_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	struct bounce_run run;
	bool bad = false;
	size_t i;
	int c, rc;

	memset(&run, 0, sizeof(run));
	cli_common_init(&run.common);
	while ((c = getopt_long(argc, argv, "nh" CLI_COMMON_SHORTOPTS, longopts,
	            NULL)) != -1) {
		if (cli_common_option(&run.common, c, optarg, &bad)) {
			if (bad)
				return EXIT_USAGE;
		} else if (c == 'n') {
			run.no_dns = true;
		} else if (c == 'h') {
			bounce_usage(stdout);
			return 0;
		} else {
			bounce_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		bounce_usage(stderr);
		return EXIT_USAGE;
	}
	run.path = optind < argc ? argv[optind] : NULL;
	rc = bounce_run_all(&run);
	for (i = 0; run.reports != NULL &&
	            i < run.bounces->n * PTRCHECK_BOUNCE_MAX_IPS;
	     i++)
		ptrcheck_report_free(run.reports[i]);
	free(run.reports);
	ptrcheck_bounces_free(run.bounces);
	return rc;
}

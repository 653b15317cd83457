/*
 * cmd_egress.c - ptrcheck egress: every address this host sends mail
 * from, and its HELO name, checked as receivers check them. The addresses
 * come from --address, else from Postfix (smtp_bind_address[6]), else
 * from the kernel's own choice per family; families that inet_protocols
 * turns off are listed as not used. When one family fails and the other
 * passes, the advice is the Postfix setting that keeps mail on the one
 * that passes until the other is fixed.
 */
#include <event2/event.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "egress.h"

enum { OPT_POSTFIX = 1000, OPT_ADDRESS, OPT_HELO, OPT_PROVIDERS };

struct egress_addr {
	struct ptrcheck_addr addr;
	int family;
	const char *source; /* "--address", "smtp_bind_address", "kernel" */
	bool used;          /* false: inet_protocols turns the family off */
	bool no_route;      /* the kernel has no route in this family */
	struct ptrcheck_report *rep;
};

struct egress_run {
	struct cli_common common;
	const char *postfix_dir;
	const char *helo;
	struct postfix_conf pc;
	struct egress_addr a[EGRESS_MAX_ADDRESSES];
	size_t n, pending;
	struct timespec start; /* for --format nagios's time */
};

static void
egress_usage(FILE *out)
{
	fprintf(out,
	    "usage: ptrcheck egress [--postfix-config DIR] [--address IP]... "
	    "[--helo NAME]\n"
	    "                       [--providers FILE] [--resolver "
	    "HOST[:PORT]]... [--timeout S]\n"
	    "                       [--retries N] [--deadline S] [--format "
	    "text|json|nagios]\n"
	    "Checks the addresses this host sends mail from, and its HELO "
	    "name; see ptrcheck(1).\n");
}

static const char *
family_name(int family)
{
	return family == AF_INET ? "ipv4" : "ipv6";
}

static bool
add(struct egress_run *r, int family, const char *source, bool used)
{
	if (r->n == EGRESS_MAX_ADDRESSES) {
		cli_error("at most %d addresses", EGRESS_MAX_ADDRESSES);
		return false;
	}
	memset(&r->a[r->n], 0, sizeof(r->a[0]));
	r->a[r->n].family = family;
	r->a[r->n].source = source;
	r->a[r->n].used = used;
	r->n++;
	return true;
}

/* from_family - the address Postfix binds to in family, else the
 * kernel's choice. */
static bool
from_family(struct egress_run *r, int family)
{
	const char *bind = family == AF_INET ? r->pc.bind4 : r->pc.bind6;
	struct egress_addr *e;

	if (!add(r, family,
	        bind[0] != '\0' ? (family == AF_INET ? "smtp_bind_address"
	                                             : "smtp_bind_address6")
	                        : "kernel",
	        family_enabled(&r->pc, family)))
		return false;
	e = &r->a[r->n - 1];
	if (bind[0] != '\0') {
		if (ptrcheck_addr_parse(bind, &e->addr) != PTRCHECK_OK) {
			cli_error("Postfix's %s is not an address", e->source);
			return false;
		}
	} else if (!kernel_source(family, &e->addr)) {
		e->no_route = true;
	}
	return true;
}

static void
on_report(struct ptrcheck_report *rep, void *arg)
{
	struct egress_addr *e = arg;

	e->rep = rep;
}

static bool
checkable(const struct egress_addr *e)
{
	return e->used && !e->no_route;
}

static int
run_checks(struct egress_run *r)
{
	struct event_base *base = event_base_new();
	struct ptrcheck_ctx *ctx = NULL;
	char err[300];
	size_t i;
	int rc = 0;

	r->common.opt.helo = r->helo != NULL;
	if (base == NULL || ptrcheck_ctx_new(base, &r->common.opt, &ctx, err,
	                        sizeof(err)) != PTRCHECK_OK) {
		cli_error("%s", base == NULL ? "cannot create the loop" : err);
		rc = EXIT_USAGE;
		goto out;
	}
	for (i = 0; i < r->n; i++)
		if (checkable(&r->a[i]) &&
		    ptrcheck_check_start(ctx, &r->a[i].addr, r->helo, on_report,
		        &r->a[i]) != PTRCHECK_OK) {
			cli_error("a check could not be started");
			rc = EXIT_USAGE;
			goto out;
		}
	event_base_dispatch(base);
out:
	ptrcheck_ctx_free(ctx);
	if (base != NULL)
		event_base_free(base);
	return rc;
}

/* One piece of advice: a Postfix setting and why. */
struct advice {
	char setting[64], value[16], why[512], command[160];
};

/* advise - one family fails, the other passes: keep SMTP on the one
 * that passes meanwhile (or turn the failing one off). */
static bool
advise(const struct egress_run *r, struct advice *adv)
{
	const struct egress_addr *bad = NULL, *good = NULL;
	char ip[PTRCHECK_ADDR_TEXT_MAX];
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct egress_addr *e = &r->a[i];

		if (e->rep == NULL)
			continue;
		if (ptrcheck_report_verdict(e->rep) == PTRCHECK_VERDICT_PASS)
			good = e;
		else if (bad == NULL)
			bad = e;
	}
	if (bad == NULL || good == NULL || bad->family == good->family)
		return false;
	ptrcheck_addr_format(&bad->addr, ip, sizeof(ip));
	snprintf(adv->setting, sizeof(adv->setting), "%s",
	    "smtp_address_preference");
	snprintf(
	    adv->value, sizeof(adv->value), "%s", family_name(good->family));
	snprintf(adv->command, sizeof(adv->command),
	    "postconf -e 'smtp_address_preference = %s' && postfix reload",
	    family_name(good->family));
	snprintf(adv->why, sizeof(adv->why),
	    "%s (%s) is %s while %s passes: prefer %s for SMTP until it is "
	    "fixed (postconf -e 'smtp_address_preference = %s' && postfix "
	    "reload), or stop using %s (postconf -e 'inet_protocols = %s')",
	    ip, family_name(bad->family),
	    ptrcheck_verdict_name(ptrcheck_report_verdict(bad->rep)),
	    family_name(good->family), family_name(good->family),
	    family_name(good->family), family_name(bad->family),
	    family_name(good->family));
	return true;
}

static void
print_json(const struct egress_run *r, const struct advice *adv, bool has_adv)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX], *obj;
	size_t i, len;
	FILE *m;

	printf("{\"schema_version\":1,\"egress\":{\"mta\":\"%s\",\"helo\":",
	    r->pc.found ? "postfix" : "none");
	if (r->helo != NULL)
		ptrcheck_json_string(stdout, r->helo, strlen(r->helo));
	else
		fputs("null", stdout);
	fputs(",\"addresses\":[", stdout);
	for (i = 0; i < r->n; i++) {
		const struct egress_addr *e = &r->a[i];

		printf("%s{\"family\":\"%s\",\"source\":\"%s\",\"used\":%s",
		    i > 0 ? "," : "", family_name(e->family), e->source,
		    e->used ? "true" : "false");
		if (e->rep == NULL) {
			if (e->no_route)
				fputs(",\"ip\":null,\"verdict\":null,"
				      "\"problem\":\"no route\"}",
				    stdout);
			else {
				ptrcheck_addr_format(&e->addr, ip, sizeof(ip));
				printf(",\"ip\":\"%s\",\"verdict\":null}", ip);
			}
			continue;
		}
		/* The check's own object, after the egress fields. */
		obj = NULL;
		if ((m = open_memstream(&obj, &len)) == NULL)
			continue;
		ptrcheck_report_json(e->rep, m);
		fclose(m);
		printf(",%s", obj + 1);
		free(obj);
	}
	fputs("],\"warnings\":[],\"advice\":[", stdout);
	if (has_adv) {
		printf("{\"setting\":\"%s\",\"value\":\"%s\",\"why\":",
		    adv->setting, adv->value);
		ptrcheck_json_string(stdout, adv->why, strlen(adv->why));
		fputs(",\"command\":", stdout);
		ptrcheck_json_string(
		    stdout, adv->command, strlen(adv->command));
		fputc('}', stdout);
	}
	fputs("]}}\n", stdout);
}

static void
print_text(const struct egress_run *r, const struct advice *adv, bool has_adv)
{
	struct ptrcheck_render how = {cli_use_color(stdout), false};
	char ip[PTRCHECK_ADDR_TEXT_MAX], helo[4 * EGRESS_VALUE_MAX];
	size_t i;

	if (r->helo != NULL)
		ptrcheck_escape(r->helo, strlen(r->helo), helo, sizeof(helo));
	printf("Mail leaves from (%s), HELO %s:\n",
	    r->pc.found ? "Postfix" : "no Postfix found",
	    r->helo != NULL ? helo : "(unknown: give --helo)");
	for (i = 0; i < r->n; i++) {
		const struct egress_addr *e = &r->a[i];

		ptrcheck_addr_format(&e->addr, ip, sizeof(ip));
		if (!e->used)
			printf("\n%s: not used (inet_protocols = %s)\n",
			    family_name(e->family), r->pc.inet_protocols);
		else if (e->no_route)
			printf("\n%s: no route, so no mail leaves this way\n",
			    family_name(e->family));
		else if (e->rep != NULL) {
			printf("\n%s %s (from %s):\n", family_name(e->family),
			    ip, e->source);
			ptrcheck_report_text(e->rep, &how, stdout);
		}
	}
	if (has_adv)
		printf("\nMeanwhile: %s = %s: %s.\n", adv->setting, adv->value,
		    adv->why);
}

/* print_nagios - the checked addresses as one plugin result; the advice
 * in the long text. */
static void
print_nagios(const struct egress_run *r, const struct advice *adv, bool has_adv)
{
	const struct ptrcheck_report *reps[EGRESS_MAX_ADDRESSES];
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		if (r->a[i].rep != NULL)
			reps[n++] = r->a[i].rep;
	ptrcheck_nagios(reps, n, cli_elapsed_ms(&r->start), stdout);
	if (has_adv)
		printf("meanwhile: %s = %s\n", adv->setting, adv->value);
}

static bool
parse_args(struct egress_run *r, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"postfix-config", required_argument, NULL, OPT_POSTFIX},
	    {"address", required_argument, NULL, OPT_ADDRESS},
	    {"helo", required_argument, NULL, OPT_HELO},
	    {"providers", required_argument, NULL, OPT_PROVIDERS},
	    {"help", no_argument, NULL, 'h'},
	    CLI_COMMON_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	bool bad = false;
	int c;

	while ((c = getopt_long(argc, argv, "h" CLI_COMMON_SHORTOPTS, longopts,
	            NULL)) != -1) {
		if (cli_common_option(&r->common, c, optarg, &bad)) {
			if (bad)
				return false;
			continue;
		}
		switch (c) {
		case 'h':
			egress_usage(stdout);
			exit(0);
		case OPT_POSTFIX:
			r->postfix_dir = optarg;
			break;
		case OPT_ADDRESS:
			if (!add(r, 0, "--address", true))
				return false;
			if (ptrcheck_addr_parse(optarg, &r->a[r->n - 1].addr) !=
			    PTRCHECK_OK) {
				cli_error("--address: not an address");
				return false;
			}
			r->a[r->n - 1].family = r->a[r->n - 1].addr.family;
			break;
		case OPT_HELO:
			r->helo = optarg;
			break;
		case OPT_PROVIDERS:
			if (!cli_load_providers(optarg))
				return false;
			break;
		default:
			egress_usage(stderr);
			return false;
		}
	}
	if (optind < argc) {
		cli_error("egress takes no arguments (use --address IP)");
		return false;
	}
	return true;
}

int
cmd_egress(int argc, char **argv)
{
	struct egress_run *r = calloc(1, sizeof(*r));
	struct advice adv;
	enum ptrcheck_exit ex = PTRCHECK_EXIT_OK;
	bool has_adv;
	int rc;
	size_t i;

	if (r == NULL)
		return EXIT_USAGE;
	cli_common_init(&r->common);
	r->common.nagios_ok = true;
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->postfix_dir = "/etc/postfix";
	if (!parse_args(r, argc, argv)) {
		free(r);
		return EXIT_USAGE;
	}
	(void)postfix_read(r->postfix_dir, &r->pc);
	if (r->helo == NULL && r->pc.found)
		r->helo = r->pc.helo_name[0] != '\0' ? r->pc.helo_name
		                                     : r->pc.myhostname;
	if (r->n == 0 &&
	    (!from_family(r, AF_INET) || !from_family(r, AF_INET6))) {
		free(r);
		return EXIT_USAGE;
	}
	if ((rc = run_checks(r)) == 0) {
		has_adv = advise(r, &adv);
		if (r->common.json)
			print_json(r, &adv, has_adv);
		else if (r->common.nagios)
			print_nagios(r, &adv, has_adv);
		else
			print_text(r, &adv, has_adv);
		for (i = 0; i < r->n; i++)
			if (r->a[i].rep != NULL)
				ex = ptrcheck_exit_combine(
				    ex, ptrcheck_report_exit(r->a[i].rep));
		rc = (int)ex;
	}
	for (i = 0; i < r->n; i++)
		ptrcheck_report_free(r->a[i].rep);
	free(r);
	return rc;
}

/* render_nagios.c - the monitoring-plugins output (the Nagios plugin
 * guidelines): one status line, "PTRCHECK STATE - summary", with the
 * performance data after "|" on that line, then the long text: each
 * address's verdict and the records that fix it. */
#include <stdio.h>

#include "fix.h"
#include "render.h"
#include "report.h"

static const char *
state_name(enum ptrcheck_exit e)
{
	switch (e) {
	case PTRCHECK_EXIT_OK:
		return "OK";
	case PTRCHECK_EXIT_WARNING:
		return "WARNING";
	case PTRCHECK_EXIT_CRITICAL:
		return "CRITICAL";
	case PTRCHECK_EXIT_UNKNOWN:
		break;
	}
	return "UNKNOWN";
}

/* one_summary - "192.0.2.13 forward-mismatch: PTR elsewhere.example." */
static void
one_summary(const struct ptrcheck_report *rep, FILE *out)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX], name[PTRCHECK_NAME_TEXT_MAX];
	size_t i, n = ptrcheck_report_ptr_count(rep);

	ptrcheck_addr_format(&rep->addr, ip, sizeof(ip));
	fprintf(out, "%s %s: ", ip, ptrcheck_verdict_name(rep->verdict));
	if (n == 0)
		fprintf(
		    out, "no PTR (%s)", ptrcheck_answer_name(rep->ptr_answer));
	for (i = 0; i < n; i++)
		fprintf(out, "%sPTR %s%s", i > 0 ? ", " : "",
		    ptrcheck_report_ptr_name(rep, i, name, sizeof(name)),
		    ptrcheck_report_ptr_confirms(rep, i) ? ""
		                                         : " (not confirmed)");
}

static void
perfdata(const struct ptrcheck_report *const *reps, size_t n,
    unsigned elapsed_ms, FILE *out)
{
	size_t i, names = 0;
	uint32_t ttl = 0, t;

	for (i = 0; i < n; i++) {
		names += ptrcheck_report_ptr_count(reps[i]);
		t = ptrcheck_report_ttl(reps[i]);
		if (t > 0 && (ttl == 0 || t < ttl))
			ttl = t;
	}
	fprintf(out,
	    "|time=%u.%03us;;;0 addresses=%zu;;;0 ptr_names=%zu;;;0 "
	    "ttl_min=%us;;;0\n",
	    elapsed_ms / 1000, elapsed_ms % 1000, n, names, ttl);
}

/* long_text - per address: its line, then the records of its fix. */
static void
long_text(const struct ptrcheck_report *rep, FILE *out)
{
	struct fix_plan plan;
	size_t i;

	one_summary(rep, out);
	fputc('\n', out);
	fix_plan_build(rep, &plan);
	for (i = 0; i < plan.nitems; i++)
		fprintf(out, "  fix: %s %s (zone %s)\n", plan.items[i].action,
		    plan.items[i].record, plan.items[i].zone);
}

void
ptrcheck_nagios(const struct ptrcheck_report *const *reps, size_t n,
    unsigned elapsed_ms, FILE *out)
{
	enum ptrcheck_exit e =
	    n == 0 ? PTRCHECK_EXIT_UNKNOWN : PTRCHECK_EXIT_OK;
	size_t i, failing = 0;

	for (i = 0; i < n; i++) {
		e = ptrcheck_exit_combine(e, ptrcheck_report_exit(reps[i]));
		failing += reps[i]->verdict != PTRCHECK_VERDICT_PASS;
	}
	fprintf(out, "PTRCHECK %s - ", state_name(e));
	if (n == 1)
		one_summary(reps[0], out);
	else if (n == 0)
		fputs("no address checked", out);
	else
		fprintf(out, "%zu of %zu addresses %s",
		    failing == 0 ? n : failing, n,
		    failing == 0 ? "pass" : "fail");
	perfdata(reps, n, elapsed_ms, out);
	for (i = 0; i < n && (n > 1 || failing > 0); i++)
		long_text(reps[i], out);
}

/* render_target.c - hosts and mail domains: a summary, then each address. */
#include <stdio.h>

#include "escape.h"
#include "render.h"
#include "target.h"

enum ptrcheck_exit
ptrcheck_target_exit(const struct ptrcheck_target *t)
{
	enum ptrcheck_exit e = PTRCHECK_EXIT_OK;
	size_t i;

	if (t->mx && !t->mx_done)
		return PTRCHECK_EXIT_UNKNOWN;
	if (t->mx && t->mx_answer != PTRCHECK_ANSWER_FOUND &&
	    t->mx_answer != PTRCHECK_ANSWER_NODATA)
		return t->mx_answer == PTRCHECK_ANSWER_NXDOMAIN
		           ? PTRCHECK_EXIT_CRITICAL
		           : PTRCHECK_EXIT_UNKNOWN;
	for (i = 0; i < t->nhosts; i++) {
		const struct target_host *h = &t->hosts[i];

		if (h->naddr > 0)
			continue;
		/* A host without addresses: proven, or not known. */
		if ((h->a_answer == PTRCHECK_ANSWER_NXDOMAIN ||
		        h->a_answer == PTRCHECK_ANSWER_NODATA) &&
		    (h->aaaa_answer == PTRCHECK_ANSWER_NXDOMAIN ||
		        h->aaaa_answer == PTRCHECK_ANSWER_NODATA))
			e = ptrcheck_exit_combine(e, PTRCHECK_EXIT_CRITICAL);
		else
			e = ptrcheck_exit_combine(e, PTRCHECK_EXIT_UNKNOWN);
	}
	for (i = 0; i < t->nresults; i++)
		if (t->results[i].rep != NULL)
			e = ptrcheck_exit_combine(
			    e, ptrcheck_report_exit(t->results[i].rep));
	return e;
}

size_t
ptrcheck_target_report_count(const struct ptrcheck_target *t)
{
	return t->nresults;
}

const struct ptrcheck_report *
ptrcheck_target_report(const struct ptrcheck_target *t, size_t i)
{
	return i < t->nresults ? t->results[i].rep : NULL;
}

static const char *
host_summary(
    const struct ptrcheck_target *t, size_t host, char *buf, size_t len)
{
	const struct target_host *h = &t->hosts[host];
	unsigned pass = 0, total = 0;
	size_t i;

	if (h->naddr == 0) {
		snprintf(buf, len, "no address (A %s, AAAA %s)",
		    ptrcheck_answer_name(h->a_answer),
		    ptrcheck_answer_name(h->aaaa_answer));
		return buf;
	}
	for (i = 0; i < t->nresults; i++) {
		if (t->results[i].host != host || t->results[i].rep == NULL)
			continue;
		total++;
		pass += ptrcheck_report_verdict(t->results[i].rep) ==
		        PTRCHECK_VERDICT_PASS;
	}
	snprintf(buf, len, "%u of %u address%s pass", pass, total,
	    total == 1 ? "" : "es");
	return buf;
}

static void
domain_summary(const struct ptrcheck_target *t, FILE *out)
{
	char name[PTRCHECK_NAME_TEXT_MAX];

	name_text(&t->input, name, sizeof(name));
	if (!t->mx) {
		fprintf(out, "Host %s\n", name);
		return;
	}
	fprintf(out, "Mail domain %s\n", name);
	if (t->null_mx)
		fprintf(out,
		    "  null MX (RFC 7505): the domain accepts no mail; "
		    "nothing to check\n");
	else if (t->implicit_mx)
		fprintf(out,
		    "  no MX record: mail goes to the domain's own address "
		    "(implicit MX, RFC 5321 5.1)\n");
	else if (t->mx_answer != PTRCHECK_ANSWER_FOUND)
		fprintf(out, "  MX lookup: %s\n",
		    ptrcheck_answer_name(t->mx_answer));
}

void
ptrcheck_target_text(const struct ptrcheck_target *t,
    const struct ptrcheck_render *how, FILE *out)
{
	char name[PTRCHECK_NAME_TEXT_MAX], sum[128];
	size_t i, j;

	domain_summary(t, out);
	for (i = 0; i < t->nhosts; i++) {
		name_text(&t->hosts[i].name, name, sizeof(name));
		if (t->mx && !t->implicit_mx)
			fprintf(out, "  MX %u %s: %s\n", t->hosts[i].pref, name,
			    host_summary(t, i, sum, sizeof(sum)));
		else
			fprintf(out, "  %s: %s\n", name,
			    host_summary(t, i, sum, sizeof(sum)));
	}
	if (how->verbose)
		render_text_queries(out, t->queries, t->nqueries, "    ");
	fputc('\n', out);
	for (j = 0; j < t->nresults; j++) {
		if (t->results[j].rep == NULL)
			continue;
		ptrcheck_report_text(t->results[j].rep, how, out);
		fputc('\n', out);
	}
}

static void
put_host_json(const struct ptrcheck_target *t, size_t i, FILE *out)
{
	const struct target_host *h = &t->hosts[i];
	char buf[PTRCHECK_NAME_TEXT_MAX];
	size_t k;

	fputs("{\"name\":", out);
	json_put_string(out, name_text(&h->name, buf, sizeof(buf)));
	fprintf(out,
	    ",\"preference\":%u,\"a_answer\":\"%s\",\"aaaa_answer\":\"%s\","
	    "\"addresses\":[",
	    h->pref, ptrcheck_answer_name(h->a_answer),
	    ptrcheck_answer_name(h->aaaa_answer));
	for (k = 0; k < h->naddr; k++) {
		ptrcheck_addr_format(&h->addrs[k], buf, sizeof(buf));
		fprintf(out, "%s", k > 0 ? "," : "");
		json_put_string(out, buf);
	}
	fputs("]}", out);
}

void
ptrcheck_target_json(const struct ptrcheck_target *t, FILE *out)
{
	char buf[PTRCHECK_NAME_TEXT_MAX];
	size_t i;

	fputs("{\"input\":", out);
	json_put_string(out, name_text(&t->input, buf, sizeof(buf)));
	fprintf(out, ",\"kind\":\"%s\",\"exit\":%d", t->mx ? "mx" : "host",
	    (int)ptrcheck_target_exit(t));
	if (t->mx)
		fprintf(out,
		    ",\"mx_answer\":\"%s\",\"null_mx\":%s,\"implicit_mx\":%s",
		    t->mx_done ? ptrcheck_answer_name(t->mx_answer) : "timeout",
		    t->null_mx ? "true" : "false",
		    t->implicit_mx ? "true" : "false");
	fputs(",\"hosts\":[", out);
	for (i = 0; i < t->nhosts; i++) {
		if (i > 0)
			fputc(',', out);
		put_host_json(t, i, out);
	}
	fputs("],", out);
	render_json_queries(out, t->queries, t->nqueries);
	fputc('}', out);
}

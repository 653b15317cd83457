/* render_json.c - the result object of docs/JSON.md (schema_version 1). */
#include <stdio.h>

#include "authority_text.h"
#include "escape.h"
#include "fix.h"
#include "render.h"
#include "report.h"
#include "textbuf.h"
#include "warning.h"

static void
put_addr(FILE *out, const struct ptrcheck_addr *a)
{
	char buf[PTRCHECK_ADDR_TEXT_MAX];

	ptrcheck_addr_format(a, buf, sizeof(buf));
	json_put_string(out, buf);
}

static void
put_ptr(FILE *out, const struct report_ptr *p)
{
	size_t i;

	fputs("{\"name\":", out);
	render_json_name(out, &p->name);
	fprintf(out, ",\"ttl\":%u,\"valid\":%s,\"problem\":", p->ttl,
	    p->problem == NAME_OK ? "true" : "false");
	if (p->problem == NAME_OK)
		fputs("null", out);
	else
		json_put_string(out, name_problem_text(p->problem));
	fputs(",\"forward_answer\":", out);
	if (p->fwd_answer == PTRCHECK_ANSWER_NONE)
		fputs("null", out); /* not asked */
	else
		json_put_string(out, answer_shown(p->fwd_answer));
	fputs(",\"forward\":[", out);
	for (i = 0; i < p->nfwd; i++) {
		if (i > 0)
			fputc(',', out);
		put_addr(out, &p->fwd[i]);
	}
	fputs("],\"forward_chain\":", out);
	render_json_names(out, p->fwd_chain, p->nfwd_chain);
	fprintf(out, ",\"confirms\":%s,\"generic\":%s,\"generic_reason\":",
	    p->confirms ? "true" : "false", p->cls.generic ? "true" : "false");
	if (p->problem == NAME_OK)
		json_put_string(out, p->cls.reason);
	else
		fputs("null", out);
	fputc('}', out);
}

static void
put_warnings(FILE *out, const struct ptrcheck_report *rep)
{
	char msg[2 * PTRCHECK_NAME_TEXT_MAX];
	struct textbuf tb;
	size_t i;

	fputs("\"warnings\":[", out);
	for (i = 0; i < rep->nwarn; i++) {
		const struct report_warning *w = &rep->warnings[i];

		textbuf_init(&tb, msg, sizeof(msg));
		warning_message(rep, w, &tb);
		fprintf(out,
		    "%s{\"code\":\"%s\",\"severity\":\"%s\",\"message\":",
		    i > 0 ? "," : "", ptrcheck_warning_name(w->code),
		    w->severity == PTRCHECK_SEVERITY_WARN ? "warn" : "info");
		json_put_string(out, msg);
		fputc('}', out);
	}
	fputc(']', out);
}

static void
put_fix(FILE *out, const struct ptrcheck_report *rep)
{
	struct fix_plan plan;
	size_t i;

	fix_plan_build(rep, &plan);
	fputs("\"fix\":[", out);
	for (i = 0; i < plan.nitems; i++) {
		const struct fix_item *it = &plan.items[i];

		fprintf(out, "%s{\"action\":\"%s\",\"zone\":", i > 0 ? "," : "",
		    it->action);
		json_put_string(out, it->zone);
		fprintf(out, ",\"zone_source\":\"%s\",\"record\":",
		    fix_zone_name(it->zone_source));
		json_put_string(out, it->record);
		fputc('}', out);
	}
	fputs("],\"fix_cause\":", out);
	json_put_string(out, plan.cause);
	fputs(",\"fix_who\":", out);
	json_put_string(out, plan.who);
	fprintf(out, ",\"fix_placeholder\":%s",
	    plan.placeholder ? "true" : "false");
	fputs(",\"provider\":", out);
	ptrcheck_provider_json(ptrcheck_report_provider(rep), out);
}

void
render_json_queries(FILE *out, const struct report_query *q, size_t n)
{
	size_t i;

	fputs("\"queries\":[", out);
	for (i = 0; i < n; i++) {
		fputs(i > 0 ? ",{\"name\":" : "{\"name\":", out);
		render_json_name(out, &q[i].name);
		fprintf(out,
		    ",\"type\":\"%s\",\"server\":", wire_type_name(q[i].type));
		json_put_string(out, q[i].server);
		fprintf(out, ",\"answer\":\"%s\",\"rcode\":",
		    ptrcheck_answer_name(q[i].answer));
		if (q[i].rcode >= 0)
			fprintf(out, "%d", q[i].rcode);
		else
			fputs("null", out);
		if (q[i].has_ttl)
			fprintf(out, ",\"ttl\":%u", q[i].ttl);
		else
			fputs(",\"ttl\":null", out);
		fprintf(out, ",\"rtt_ms\":%u,\"tries\":%u}", q[i].rtt_ms,
		    q[i].tries);
	}
	fputc(']', out);
}

static void
put_zone(FILE *out, const struct ptrcheck_report *rep)
{
	struct dname zone;
	bool from_soa = report_zone(rep, &zone);
	const struct wire_soa *soa =
	    rep->zone_soa.found ? &rep->zone_soa : &rep->ptr_soa;

	fputs("\"zone\":{\"name\":", out);
	render_json_name(out, &zone);
	fprintf(out, ",\"source\":\"%s\",\"contact\":",
	    from_soa ? "soa" : "conventional");
	if (from_soa && soa->found)
		render_json_name(out, &soa->rname);
	else
		fputs("null", out);
	fputc('}', out);
}

void
ptrcheck_report_json(const struct ptrcheck_report *rep, FILE *out)
{
	size_t i;

	fputs("{\"ip\":", out);
	put_addr(out, &rep->addr);
	fputs(",\"ptr_owner\":", out);
	render_json_name(out, &rep->owner);
	fputs(",\"host\":", out);
	render_json_name(out, &rep->hostname);
	fprintf(out, ",\"verdict\":\"%s\",\"exit\":%d,\"ptr_answer\":",
	    ptrcheck_verdict_name(rep->verdict),
	    (int)ptrcheck_report_exit(rep));
	json_put_string(out, answer_shown(rep->ptr_answer));
	fputs(",\"ptr_chain\":", out);
	render_json_names(out, rep->ptr_chain, rep->nptr_chain);
	fputc(',', out);
	put_zone(out, rep);
	fputs(",\"ptr\":[", out);
	for (i = 0; i < rep->nptr; i++) {
		if (i > 0)
			fputc(',', out);
		put_ptr(out, &rep->ptrs[i]);
	}
	fputs("],", out);
	put_warnings(out, rep);
	fputs(",\"explanation\":", out);
	json_put_string(out, fix_explanation(rep));
	fputc(',', out);
	put_fix(out, rep);
	fputs(",\"authority\":", out);
	if (rep->auth != NULL)
		render_authority_json(out, rep->auth);
	else
		fputs("null", out);
	fputc(',', out);
	render_json_queries(out, rep->queries, rep->nqueries);
	fputc('}', out);
}

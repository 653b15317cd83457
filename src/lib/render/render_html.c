/* render_html.c - check --format html: one self-contained page (inline
 * style, no script, no external reference) to attach to a support ticket,
 * worded for whoever runs the zone: what to change, where, why, and the
 * evidence per server. Every text is HTML-escaped; what came from DNS was
 * escaped to presentation form before that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authority_text.h"
#include "fix.h"
#include "render.h"
#include "report.h"
#include "textbuf.h"
#include "warning.h"

static void
esc(FILE *out, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		default:
			fputc(*s, out);
		}
}

static void
records(FILE *out, const struct fix_plan *plan)
{
	size_t i;

	if (plan->nitems == 0) {
		fputs("<p>Nothing to change.</p>\n", out);
		return;
	}
	fputs("<table class=\"fix\"><tr><th>action</th><th>zone</th>"
	      "<th>record</th></tr>\n",
	    out);
	for (i = 0; i < plan->nitems; i++) {
		fputs("<tr><td>", out);
		esc(out, plan->items[i].action);
		fputs("</td><td>", out);
		esc(out, plan->items[i].zone);
		fputs("</td><td><code>", out);
		esc(out, plan->items[i].record);
		fputs("</code></td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void
evidence(FILE *out, const struct ptrcheck_report *rep)
{
	char name[PTRCHECK_NAME_TEXT_MAX], *text = NULL;
	size_t i, len = 0;
	FILE *m;

	fputs("<h3>Evidence</h3>\n<table class=\"queries\"><tr><th>question"
	      "</th><th>type</th><th>server</th><th>answer</th><th>TTL</th>"
	      "<th>ms</th></tr>\n",
	    out);
	for (i = 0; i < rep->nqueries; i++) {
		const struct report_query *q = &rep->queries[i];

		fputs("<tr><td>", out);
		esc(out, name_text(&q->name, name, sizeof(name)));
		fprintf(out, "</td><td>%s</td><td>", wire_type_name(q->type));
		esc(out, q->server[0] ? q->server : "-");
		fprintf(out, "</td><td>%s</td><td>",
		    ptrcheck_answer_name(q->answer));
		if (q->has_ttl)
			fprintf(out, "%u", q->ttl);
		fprintf(out, "</td><td>%u</td></tr>\n", q->rtt_ms);
	}
	fputs("</table>\n", out);
	if (rep->auth == NULL || (m = open_memstream(&text, &len)) == NULL)
		return;
	render_authority_text(m, rep->auth);
	fclose(m);
	fputs("<h3>The zone's servers, one by one</h3>\n<pre>", out);
	esc(out, text);
	fputs("</pre>\n", out);
	free(text);
}

static void
one(FILE *out, const struct ptrcheck_report *rep)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX], msg[2 * PTRCHECK_NAME_TEXT_MAX];
	struct fix_plan plan;
	struct textbuf tb;
	size_t i;

	ptrcheck_addr_format(&rep->addr, ip, sizeof(ip));
	fix_plan_build(rep, &plan);
	fprintf(out, "<div class=\"%s\">\n<h2>%s: %s</h2>\n",
	    rep->verdict == PTRCHECK_VERDICT_PASS ? "pass" : "problem", ip,
	    ptrcheck_verdict_name(rep->verdict));
	fputs("<p class=\"receivers\">", out);
	esc(out, fix_explanation(rep));
	fputs("</p>\n<h3>What to change</h3>\n", out);
	if (plan.cause[0] != '\0') {
		fputs("<p>", out);
		esc(out, plan.cause);
		fputs("</p>\n", out);
	}
	records(out, &plan);
	if (plan.who[0] != '\0') {
		fputs("<h3>Who can change it</h3>\n<p>", out);
		esc(out, plan.who);
		fputs("</p>\n", out);
	}
	if (rep->nwarn > 0)
		fputs("<h3>Warnings</h3>\n<ul>\n", out);
	for (i = 0; i < rep->nwarn; i++) {
		textbuf_init(&tb, msg, sizeof(msg));
		warning_message(rep, &rep->warnings[i], &tb);
		fprintf(out, "<li><b>%s</b>: ",
		    ptrcheck_warning_name(rep->warnings[i].code));
		esc(out, msg);
		fputs("</li>\n", out);
	}
	if (rep->nwarn > 0)
		fputs("</ul>\n", out);
	evidence(out, rep);
	fputs("</div>\n", out);
}

void
ptrcheck_report_html(
    const struct ptrcheck_report *const *reps, size_t n, FILE *out)
{
	size_t i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n<title>Reverse DNS (PTR) report"
	      "</title>\n<style>\n"
	      "body{font-family:sans-serif;max-width:60em;margin:2em auto;"
	      "line-height:1.4}\n"
	      "table{border-collapse:collapse;margin:.5em 0}"
	      "td,th{border:1px solid #999;padding:.2em .5em;text-align:left;"
	      "vertical-align:top}\n"
	      ".problem h2{color:#b71c1c}.pass h2{color:#1b5e20}"
	      "pre{background:#f4f4f4;padding:.5em;overflow-x:auto}\n"
	      "</style>\n</head>\n<body>\n<h1>Reverse DNS (PTR) report</h1>\n"
	      "<p>Mail servers refuse senders whose address has no usable "
	      "reverse DNS. This page was made by ptrcheck for whoever runs "
	      "the reverse zone of the addresses below: it says what to "
	      "change, where, and what the servers answered.</p>\n",
	    out);
	for (i = 0; i < n; i++)
		one(out, reps[i]);
	fputs("</body>\n</html>\n", out);
}

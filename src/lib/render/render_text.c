/* render_text.c - the report for people: verdict first, then evidence,
 * then the fix. Every name passes through escape.c on its way out. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "authority_text.h"
#include "fix.h"
#include "render.h"
#include "report.h"
#include "textbuf.h"
#include "warning.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
#define C_MAGENTA "\033[35m"

static const char *
verdict_colour(enum ptrcheck_verdict v)
{
	switch (ptrcheck_verdict_exit(v)) {
	case PTRCHECK_EXIT_OK:
		return C_GREEN;
	case PTRCHECK_EXIT_WARNING:
		return C_YELLOW;
	case PTRCHECK_EXIT_UNKNOWN:
		return C_MAGENTA;
	case PTRCHECK_EXIT_CRITICAL:
		break;
	}
	return C_RED;
}

static const char *
verdict_word(enum ptrcheck_exit e)
{
	static const char *const words[] = {
	    "OK", "WARNING", "CRITICAL", "UNKNOWN"};

	return words[e];
}

/* One clue of the classifier in words a mail admin reads without the
 * manual (the codes stay in JSON and in `classify --explain`). */
static const struct {
	const char *code, *words;
} clue_words[] = {
    {"embedded-address", "the address is written into the name"},
    {"pool-word", "a word access networks use for address pools:"},
    {"pool-hint", "a word sometimes used for pools:"},
    {"mail-word", "a mail server's word:"},
    {"word-label", "a label that is a plain word:"},
    {"numeric-label", "a label of digits only:"},
    {"serial-label", "a serial-numbered label:"},
    {"numbered-pool-label", "a numbered label:"},
};

/* plain_reason - "looks generic: the address is written into the name
 * (all four octets), a word access networks use for pools: dyn". */
static const char *
plain_reason(const struct ptrcheck_classification *cls, char *buf, size_t len)
{
	struct textbuf tb;
	const char *r = cls->reason;
	size_t i, n;

	textbuf_init(&tb, buf, len);
	textbuf_puts(&tb, cls->generic
	                      ? "looks like an access provider's generic name"
	                      : "looks like a server's own name");
	for (n = 0; *r != '\0'; n++) {
		size_t part = strcspn(r, ";"), code = strcspn(r, " ");
		const char *words = NULL;

		for (i = 0; i < sizeof(clue_words) / sizeof(clue_words[0]); i++)
			if (strlen(clue_words[i].code) == code &&
			    strncmp(r, clue_words[i].code, code) == 0)
				words = clue_words[i].words;
		textbuf_puts(&tb, n == 0 ? " (" : "; ");
		if (words != NULL && code < part)
			textbuf_printf(&tb, "%s %.*s", words,
			    (int)(part - code - 1), r + code + 1);
		else
			textbuf_printf(&tb, "%.*s", (int)part, r);
		r += part;
		while (*r == ';' || *r == ' ')
			r++;
	}
	if (n > 0)
		textbuf_puts(&tb, ")");
	return buf;
}

static void
put_ptr(
    FILE *out, const struct ptrcheck_report *rep, const struct report_ptr *p)
{
	char name[PTRCHECK_NAME_TEXT_MAX], a[PTRCHECK_ADDR_TEXT_MAX],
	    plain[600];
	size_t i;

	fprintf(out, "  PTR         %s  (TTL %u)\n",
	    name_text(&p->name, name, sizeof(name)), p->ttl);
	if (p->problem != NAME_OK) {
		fprintf(out, "                invalid: %s\n",
		    name_problem_text(p->problem));
		return;
	}
	for (i = 0; i < p->nfwd_chain; i++)
		fprintf(out, "                CNAME %s\n",
		    name_text(&p->fwd_chain[i], name, sizeof(name)));
	for (i = 0; i < p->nfwd; i++) {
		ptrcheck_addr_format(&p->fwd[i], a, sizeof(a));
		fprintf(out, "                %s %s%s\n",
		    rep->addr.family == p->fwd[i].family &&
		            p->fwd[i].family == AF_INET
		        ? "A"
		        : "AAAA",
		    a,
		    ptrcheck_addr_equal(&p->fwd[i], &rep->addr)
		        ? "  = this address"
		        : "");
	}
	if (p->nfwd == 0)
		fprintf(out, "                forward %s: %s\n",
		    rep->addr.family == AF_INET ? "A" : "AAAA",
		    answer_is_final(p->fwd_answer)
		        ? ptrcheck_answer_name(p->fwd_answer)
		        : "no answer");
	fprintf(out, "                FCrDNS %s; %s\n",
	    p->confirms ? "confirmed" : "not confirmed",
	    plain_reason(&p->cls, plain, sizeof(plain)));
}

static void
put_warnings(FILE *out, const struct ptrcheck_report *rep)
{
	char msg[2 * PTRCHECK_NAME_TEXT_MAX];
	struct textbuf tb;
	size_t i;

	for (i = 0; i < rep->nwarn; i++) {
		const struct report_warning *w = &rep->warnings[i];

		textbuf_init(&tb, msg, sizeof(msg));
		warning_message(rep, w, &tb);
		fprintf(out, "  %-11s %s %s: %s\n", i == 0 ? "Warnings" : "",
		    w->severity == PTRCHECK_SEVERITY_WARN ? "warn" : "info",
		    ptrcheck_warning_name(w->code), msg);
	}
}

static void
put_fix(FILE *out, const struct ptrcheck_report *rep)
{
	struct fix_plan plan;
	size_t i;

	fix_plan_build(rep, &plan);
	if (plan.cause[0] == '\0')
		return;
	fprintf(out, "  Fix         %s\n", plan.cause);
	for (i = 0; i < plan.nitems; i++) {
		const struct fix_item *it = &plan.items[i];

		fprintf(out, "                %s in zone %s%s:\n", it->action,
		    it->zone,
		    it->zone_source == FIX_ZONE_SOA ? " (from its SOA)"
		    : it->zone_source == FIX_ZONE_CONVENTIONAL
		        ? " (the usual cut; no SOA seen)"
		    : it->zone_source == FIX_ZONE_PARENT
		        ? " (its SOA was not seen)"
		        : " (the placeholder's)");
		fprintf(out, "                  %s\n", it->record);
	}
	if (plan.placeholder)
		fprintf(out,
		    "                (replace %s with your mail server's name, "
		    "or pass --hostname)\n",
		    FIX_PLACEHOLDER_HOST);
	if (plan.who[0] != '\0')
		fprintf(out, "                %s\n", plan.who);
}

void
render_text_queries(
    FILE *out, const struct report_query *q, size_t n, const char *indent)
{
	char name[PTRCHECK_NAME_TEXT_MAX];
	size_t i;

	for (i = 0; i < n; i++) {
		fprintf(out, "%s%-5s %s @%s: %s", indent,
		    wire_type_name(q[i].type),
		    name_text(&q[i].name, name, sizeof(name)),
		    q[i].server[0] ? q[i].server : "-",
		    ptrcheck_answer_name(q[i].answer));
		if (q[i].has_ttl)
			fprintf(out, " ttl=%u", q[i].ttl);
		fprintf(out, " %u ms, %u %s\n", q[i].rtt_ms, q[i].tries,
		    q[i].tries == 1 ? "try" : "tries");
	}
}

static void
put_ptr_section(FILE *out, const struct ptrcheck_report *rep)
{
	char name[PTRCHECK_NAME_TEXT_MAX];
	size_t i;

	for (i = 0; i < rep->nptr_chain; i++)
		fprintf(out, "  CNAME       %s\n",
		    name_text(&rep->ptr_chain[i], name, sizeof(name)));
	if (!answer_is_final(rep->ptr_answer)) {
		fprintf(out, "  PTR         no answer before the deadline\n");
		return;
	}
	if (rep->ptr_answer != PTRCHECK_ANSWER_FOUND) {
		fprintf(out, "  PTR         none (%s)\n",
		    ptrcheck_answer_name(rep->ptr_answer));
		return;
	}
	for (i = 0; i < rep->nptr; i++)
		put_ptr(out, rep, &rep->ptrs[i]);
}

void
ptrcheck_report_text(const struct ptrcheck_report *rep,
    const struct ptrcheck_render *how, FILE *out)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX], name[PTRCHECK_NAME_TEXT_MAX];
	struct dname zone;
	bool from_soa;
	enum ptrcheck_exit e = ptrcheck_report_exit(rep);

	ptrcheck_addr_format(&rep->addr, ip, sizeof(ip));
	fprintf(out, "%s%s%s  %s%s %s%s\n", how->color ? C_BOLD : "", ip,
	    how->color ? C_RESET : "",
	    how->color ? verdict_colour(rep->verdict) : "", verdict_word(e),
	    ptrcheck_verdict_name(rep->verdict), how->color ? C_RESET : "");
	fprintf(out, "  PTR owner   %s\n",
	    name_text(&rep->owner, name, sizeof(name)));
	from_soa = report_zone(rep, &zone);
	fprintf(out, "  Zone        %s%s\n",
	    name_text(&zone, name, sizeof(name)),
	    from_soa ? " (from its SOA)"
	             : " (the usual /24 or /48 cut: no SOA seen)");
	put_ptr_section(out, rep);
	if (rep->auth != NULL && rep->resolver_unreachable)
		fprintf(out, "  Authority   not inspected: the walk starts at "
		             "the resolver, "
		             "which does not answer\n");
	else if (rep->auth != NULL)
		render_authority_text(out, rep->auth);
	put_warnings(out, rep);
	fprintf(out, "  Receivers   %s\n", fix_explanation(rep));
	put_fix(out, rep);
	if (how->verbose) {
		fprintf(out, "  Queries\n");
		render_text_queries(
		    out, rep->queries, rep->nqueries, "                ");
	}
}

void
ptrcheck_report_line(const struct ptrcheck_report *rep,
    const struct ptrcheck_render *how, FILE *out)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX], name[PTRCHECK_NAME_TEXT_MAX];
	size_t i;

	ptrcheck_addr_format(&rep->addr, ip, sizeof(ip));
	fprintf(out, "%-15s %s%-16s%s", ip,
	    how->color ? verdict_colour(rep->verdict) : "",
	    ptrcheck_verdict_name(rep->verdict), how->color ? C_RESET : "");
	for (i = 0; i < rep->nptr; i++)
		fprintf(out, " %s",
		    name_text(&rep->ptrs[i].name, name, sizeof(name)));
	if (rep->nptr == 0)
		fprintf(out, " (%s)", ptrcheck_answer_name(rep->ptr_answer));
	for (i = 0; i < rep->nwarn; i++)
		if (rep->warnings[i].severity == PTRCHECK_SEVERITY_WARN)
			fprintf(out, " [%s]",
			    ptrcheck_warning_name(rep->warnings[i].code));
	fputc('\n', out);
}

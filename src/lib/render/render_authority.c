/* render_authority.c - the authority section of a report, for people and
 * as the "authority" object of docs/JSON.md. */
#include <stdio.h>

#include "authority.h"
#include "authority_judge.h"
#include "authority_text.h"
#include "escape.h"
#include "render.h"
#include "textbuf.h"

#define INDENT "                "

static const char *
source_name(unsigned sources)
{
	if (sources & AUTH_FROM_PARENT)
		return "parent";
	if (sources & AUTH_FROM_CHILD)
		return "child";
	if (sources & AUTH_FROM_PROVIDER)
		return "provider";
	return "hints";
}

/* row_error - why a server's answer is not usable, or NULL. */
static const char *
row_error(const struct authority *a, const struct auth_row *r)
{
	if (r->state == AUTH_ROW_UNTESTED)
		return "not tested";
	if (r->state == AUTH_ROW_PENDING)
		return "deadline";
	if (authority_row_spoke(r))
		return NULL;
	if (r->referral.len > 0 && !r->aa)
		return r->level == a->nlevels - 1 || r->level == AUTH_NO_LEVEL
		           ? "not authoritative (lame)"
		           : NULL;
	switch (r->answer) {
	case PTRCHECK_ANSWER_FOUND:
	case PTRCHECK_ANSWER_NXDOMAIN:
	case PTRCHECK_ANSWER_NODATA:
		return r->cname ? NULL : "not authoritative (lame)";
	default:
		return ptrcheck_answer_name(r->answer);
	}
}

static void
put_text(FILE *out, void (*put)(struct textbuf *, const struct auth_row *),
    const struct auth_row *r)
{
	char buf[4 * PTRCHECK_NAME_TEXT_MAX];
	struct textbuf tb;

	textbuf_init(&tb, buf, sizeof(buf));
	put(&tb, r);
	fputs(buf, out);
}

static void
text_row(FILE *out, const struct authority *a, const struct auth_row *r)
{
	fputs(INDENT, out);
	put_text(out, authority_put_row, r);
	fprintf(out, "  [%s%s]  ", source_name(r->sources),
	    (r->sources & AUTH_FROM_PARENT) && (r->sources & AUTH_FROM_CHILD)
	        ? "+child"
	        : "");
	put_text(out, authority_put_answer, r);
	if (r->has_serial)
		fprintf(out, "  serial %u", r->serial);
	if (r->state == AUTH_ROW_DONE)
		fprintf(out, "  %u ms", r->rtt_ms);
	if (authority_is_delegated(a, r) && authority_row_lame(r))
		fputs("  (lame)", out);
	fputc('\n', out);
}

static void
text_names(FILE *out, const char *label, const struct dname *n, size_t count)
{
	char name[PTRCHECK_NAME_TEXT_MAX];
	size_t i;

	fprintf(out, "%s%s", INDENT, label);
	for (i = 0; i < count; i++)
		fprintf(out, "%s%s", i > 0 ? ", " : " ",
		    name_text(&n[i], name, sizeof(name)));
	fputs(count == 0 ? " (none)\n" : "\n", out);
}

static void
text_trace(FILE *out, const struct authority *a)
{
	char zone[PTRCHECK_NAME_TEXT_MAX], q[PTRCHECK_NAME_TEXT_MAX];
	size_t l, i;

	fputs(
	    "  Trace       from the root hints, every server of every level:\n",
	    out);
	for (l = 0; l < a->nlevels; l++) {
		fprintf(out, "%s%s asked %s PTR:\n", INDENT,
		    name_text(&a->levels[l].zone, zone, sizeof(zone)),
		    name_text(&a->levels[l].qname, q, sizeof(q)));
		for (i = 0; i < a->nrows; i++)
			if (a->rows[i].level == l) {
				fputs("  ", out);
				text_row(out, a, &a->rows[i]);
			}
	}
}

void
render_authority_text(FILE *out, const struct authority *a)
{
	const struct auth_level *z = authority_zone_level(a);
	const struct dname *p = authority_parent_zone(a);
	char name[PTRCHECK_NAME_TEXT_MAX], buf[PTRCHECK_NAME_TEXT_MAX];
	struct textbuf tb;
	size_t i;

	if (z == NULL)
		return;
	fprintf(out, "  Authority   zone %s",
	    name_text(&z->zone, name, sizeof(name)));
	if (a->soa.found) {
		textbuf_init(&tb, buf, sizeof(buf));
		authority_put_contact(&tb, &a->soa.rname);
		fprintf(out, " (serial %u, contact %s)", a->soa.serial, buf);
	}
	fprintf(out, ", parent %s\n",
	    p != NULL ? name_text(p, name, sizeof(name)) : "unknown");
	if (p != NULL)
		text_names(out, "delegated to", z->ns, z->nns);
	if (a->child_known)
		text_names(out, "zone's NS   ", a->child_ns, a->nchild_ns);
	for (i = 0; i < a->nrows; i++)
		if (authority_is_delegated(a, &a->rows[i]) ||
		    (a->rows[i].sources & AUTH_FROM_PROVIDER))
			text_row(out, a, &a->rows[i]);
	if (a->soa.found)
		fprintf(out,
		    "%snegative answers are cached up to %u s (RFC 2308)\n",
		    INDENT, authority_negative_ttl(a));
	if (a->persistent)
		fprintf(out,
		    "%sno server answers for the zone: a persistent fault\n",
		    INDENT);
	if (a->trace)
		text_trace(out, a);
}

/* --- JSON ----------------------------------------------------------- */

static void
json_row(FILE *out, const struct authority *a, const struct auth_row *r)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX];
	const char *err = row_error(a, r);

	ptrcheck_addr_format(&r->addr, ip, sizeof(ip));
	fputs("{\"name\":", out);
	render_json_name(out, &r->name);
	fprintf(out,
	    ",\"address\":\"%s\",\"source\":\"%s\",\"in_parent\":%s,"
	    "\"in_child\":%s,\"tested\":%s,\"answer\":",
	    ip, source_name(r->sources),
	    r->sources & AUTH_FROM_PARENT ? "true" : "false",
	    r->sources & AUTH_FROM_CHILD ? "true" : "false",
	    r->state == AUTH_ROW_UNTESTED ? "false" : "true");
	if (r->state == AUTH_ROW_DONE)
		fprintf(out, "\"%s\"", ptrcheck_answer_name(r->answer));
	else
		fputs("null", out);
	fprintf(out, ",\"aa\":%s,\"ptr\":", r->aa ? "true" : "false");
	render_json_names(out, r->ptrs, r->nptr);
	fputs(",\"cname\":", out);
	fputs(r->cname ? "true" : "false", out);
	fputs(",\"referral\":", out);
	render_json_name(out, r->aa ? NULL : &r->referral);
	if (r->has_serial)
		fprintf(out, ",\"serial\":%u", r->serial);
	else
		fputs(",\"serial\":null", out);
	if (r->state == AUTH_ROW_DONE)
		fprintf(out, ",\"rtt_ms\":%u", r->rtt_ms);
	else
		fputs(",\"rtt_ms\":null", out);
	fputs(",\"error\":", out);
	if (err != NULL)
		json_put_string(out, err);
	else
		fputs("null", out);
	fputc('}', out);
}

static void
json_trace(FILE *out, const struct authority *a)
{
	size_t l, i, n;

	fputs(",\"trace\":[", out);
	for (l = 0; a->trace && l < a->nlevels; l++) {
		fputs(l > 0 ? ",{\"zone\":" : "{\"zone\":", out);
		render_json_name(out, &a->levels[l].zone);
		fputs(",\"question\":", out);
		render_json_name(out, &a->levels[l].qname);
		fputs(",\"servers\":[", out);
		for (i = n = 0; i < a->nrows; i++)
			if (a->rows[i].level == l) {
				fputs(n++ > 0 ? "," : "", out);
				json_row(out, a, &a->rows[i]);
			}
		fputs("]}", out);
	}
	fputc(']', out);
}

void
render_authority_json(FILE *out, const struct authority *a)
{
	const struct auth_level *z = authority_zone_level(a);
	const struct dname *p = authority_parent_zone(a);
	char buf[PTRCHECK_NAME_TEXT_MAX];
	struct textbuf tb;
	size_t i, n = 0;

	fputs("{\"zone\":", out);
	render_json_name(out, z != NULL ? &z->zone : NULL);
	fputs(",\"parent\":", out);
	render_json_name(out, p);
	fputs(",\"question\":", out);
	render_json_name(out, &a->qname);
	fputs(",\"rfc2317_zone\":", out);
	render_json_name(out, &a->cname_zone);
	if (a->soa.found) {
		textbuf_init(&tb, buf, sizeof(buf));
		authority_put_contact(&tb, &a->soa.rname);
		fprintf(out, ",\"serial\":%u,\"contact\":", a->soa.serial);
		json_put_string(out, buf);
		fprintf(out, ",\"negative_ttl\":%u", authority_negative_ttl(a));
	} else {
		fputs(",\"serial\":null,\"contact\":null,\"negative_ttl\":null",
		    out);
	}
	fprintf(out, ",\"answered\":%s,\"persistent\":%s,\"delegation\":",
	    a->zone_answered ? "true" : "false",
	    a->persistent ? "true" : "false");
	if (z != NULL && p != NULL)
		render_json_names(out, z->ns, z->nns);
	else
		fputs("null", out);
	fputs(",\"child_ns\":", out);
	if (a->child_known)
		render_json_names(out, a->child_ns, a->nchild_ns);
	else
		fputs("null", out);
	fputs(",\"servers\":[", out);
	for (i = 0; i < a->nrows; i++)
		if (authority_is_delegated(a, &a->rows[i]) ||
		    (a->rows[i].sources & AUTH_FROM_PROVIDER)) {
			fputs(n++ > 0 ? "," : "", out);
			json_row(out, a, &a->rows[i]);
		}
	fputc(']', out);
	json_trace(out, a);
	fputc('}', out);
}

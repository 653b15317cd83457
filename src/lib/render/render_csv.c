/* render_csv.c - one line per result, fixed columns (docs/JSON.md). Text
 * fields are quoted (RFC 4180); names are in presentation form, so no raw
 * control byte appears, and the quote that a name may carry as \" is
 * doubled like any other. */
#include <stdio.h>

#include "report.h"
#include "textbuf.h"

static void
csv_put(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
}

void
ptrcheck_report_csv_header(FILE *out)
{
	fputs("ip,verdict,exit,ptr_owner,ptr_names,forward,confirms,generic,"
	      "warnings\n",
	    out);
}

void
ptrcheck_report_csv(const struct ptrcheck_report *rep, FILE *out)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX], name[PTRCHECK_NAME_TEXT_MAX];
	size_t i, k;
	bool confirms = false, generic = false;

	ptrcheck_addr_format(&rep->addr, ip, sizeof(ip));
	fprintf(out, "%s,%s,%d,\"", ip, ptrcheck_verdict_name(rep->verdict),
	    (int)ptrcheck_report_exit(rep));
	csv_put(out, name_text(&rep->owner, name, sizeof(name)));
	fputs("\",\"", out);
	for (i = 0; i < rep->nptr; i++) {
		fputs(i ? " " : "", out);
		csv_put(out, name_text(&rep->ptrs[i].name, name, sizeof(name)));
	}
	fputs("\",\"", out);
	for (i = 0; i < rep->nptr; i++) {
		confirms |= rep->ptrs[i].confirms;
		generic |= rep->ptrs[i].cls.generic;
		for (k = 0; k < rep->ptrs[i].nfwd; k++) {
			ptrcheck_addr_format(
			    &rep->ptrs[i].fwd[k], ip, sizeof(ip));
			fprintf(out, "%s%s", i || k ? " " : "", ip);
		}
	}
	fprintf(out, "\",%s,%s,\"", confirms ? "true" : "false",
	    generic ? "true" : "false");
	for (i = 0; i < rep->nwarn; i++)
		fprintf(out, "%s%s", i ? " " : "",
		    ptrcheck_warning_name(rep->warnings[i].code));
	fputs("\"\n", out);
}

/* json_names.c - names and providers as JSON values, for every JSON
 * renderer. */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "name.h"
#include "render.h"

void
render_json_name(FILE *out, const struct dname *n)
{
	char buf[PTRCHECK_NAME_TEXT_MAX];

	if (n == NULL || n->len == 0)
		fputs("null", out);
	else
		json_put_string(out, name_text(n, buf, sizeof(buf)));
}

void
render_json_names(FILE *out, const struct dname *chain, size_t n)
{
	size_t i;

	fputc('[', out);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', out);
		render_json_name(out, &chain[i]);
	}
	fputc(']', out);
}

void
ptrcheck_provider_json(const struct ptrcheck_provider *p, FILE *out)
{
	const char *keys[] = {
	    "id", "name", "kind", "how", "needs", "limits", "source"};
	const char *vals[7];
	size_t i;

	if (p == NULL) {
		fputs("null", out);
		return;
	}
	vals[0] = p->id;
	vals[1] = p->name;
	vals[2] = p->kind;
	vals[3] = p->how;
	vals[4] = p->needs;
	vals[5] = p->limits;
	vals[6] = p->source;
	for (i = 0; i < 7; i++) {
		fprintf(out, "%s\"%s\":", i == 0 ? "{" : ",", keys[i]);
		if (strcmp(vals[i], "-") == 0)
			fputs("null", out);
		else
			json_put_string(out, vals[i]);
	}
	fputc('}', out);
}

/* json_names.c - names as JSON values, for every JSON renderer. */
#include <stdio.h>

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

/* render.h - pieces shared by the text and JSON renderers. */
#ifndef PTRCHECK_RENDER_H
#define PTRCHECK_RENDER_H

#include <stddef.h>
#include <stdio.h>

struct report_query;

void render_json_queries(FILE *out, const struct report_query *q, size_t n);
void render_text_queries(FILE *out, const struct report_query *q, size_t n,
    const char *indent);

#endif

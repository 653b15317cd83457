/* render.h - pieces shared by the text and JSON renderers. */
#ifndef PTRCHECK_RENDER_H
#define PTRCHECK_RENDER_H

#include <stddef.h>
#include <stdio.h>

struct dname;
struct report_query;
struct ptrcheck_provider;

/* render_json_name - a name as a JSON string (escaped), or null for NULL
 * or no name; render_json_names - an array of them. */
void render_json_name(FILE *out, const struct dname *n);
void render_json_names(FILE *out, const struct dname *names, size_t n);
void render_json_queries(FILE *out, const struct report_query *q, size_t n);
void render_text_queries(
    FILE *out, const struct report_query *q, size_t n, const char *indent);

#endif

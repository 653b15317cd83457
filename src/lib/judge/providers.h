/* providers.h - the provider table: data/providers.tsv, compiled in as
 * text (scripts/providers-c) and parsed by the same loader that reads
 * --providers FILE. */
#ifndef PTRCHECK_PROVIDERS_H
#define PTRCHECK_PROVIDERS_H

#include <stdbool.h>
#include <stddef.h>

#include "ptrcheck/ptrcheck.h"

#define PROVIDERS_FILE_MAX (1u << 20) /* a --providers file, in bytes */
#define PROVIDERS_MAX 4096            /* rows */

extern const char provider_tsv[]; /* generated */

/* provider_default_name - the provider whose default-name form name (in
 * any case, with or without the trailing dot) has, or NULL. */
const struct ptrcheck_provider *provider_default_name(const char *name);

/* provider_pattern_match - whether the one pattern (len bytes) matches
 * name: "*" is any run of characters within a label, "**." one or more
 * whole labels; name is lower case, without the trailing dot. */
bool provider_pattern_match(const char *pat, size_t len, const char *name);

/* providers_parse - rows of text (modified in place, kept by the table)
 * into *rows, *n; false with err on the first bad line. */
bool providers_parse(char *text, struct ptrcheck_provider **rows, size_t *n,
    char *err, size_t errlen);

#endif

/* providers.h - hosting and cloud providers' default reverse names, from
 * data/providers.tsv (compiled in by scripts/providers-c). */
#ifndef PTRCHECK_PROVIDERS_H
#define PTRCHECK_PROVIDERS_H

#include <stdbool.h>
#include <stddef.h>

struct provider {
	const char *id;       /* "ovh" */
	const char *name;     /* "OVHcloud" */
	const char *patterns; /* default-name forms, space-separated */
	const char *ns;       /* reverse-zone name servers, "-" for none */
	const char *source;
};

extern const struct provider provider_table[];
extern const size_t provider_count;

/* provider_default_name - the provider whose default-name form name (in
 * any case, with or without the trailing dot) has, or NULL. */
const struct provider *provider_default_name(const char *name);

/* provider_pattern_match - whether the one pattern (len bytes) matches
 * name: "*" is any run of characters within a label, "**." one or more
 * whole labels; name is lower case, without the trailing dot. */
bool provider_pattern_match(const char *pat, size_t len, const char *name);

#endif

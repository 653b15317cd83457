/* namelist.h - DNS names in the order they were added, each once, with a
 * case-insensitive hash index so that asking "is it there?" costs the
 * same for the millionth name as for the first (zone files are large). */
#ifndef PTRCHECK_CLI_NAMELIST_H
#define PTRCHECK_CLI_NAMELIST_H

#include <stdbool.h>
#include <stddef.h>

struct namelist {
	char **v; /* the names, in order */
	size_t n, cap;
	size_t *slots; /* open addressing: index + 1 into v, 0 empty */
	size_t nslots; /* a power of two, at least twice n */
};

/* namelist_add - s (copied) unless an equal name is there already; false
 * when out of memory. */
bool namelist_add(struct namelist *l, const char *s);

/* namelist_has - an equal name, ignoring ASCII case. */
bool namelist_has(const struct namelist *l, const char *s);

void namelist_fini(struct namelist *l);

#endif

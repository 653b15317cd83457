/* namelist.c - an ordered set of DNS names (see namelist.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "namelist.h"

static size_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a over lower case */

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 1099511628211ULL;
	}
	return (size_t)h;
}

/* slot_of - where s is, or the empty slot where it would go. */
static size_t
slot_of(const struct namelist *l, const char *s)
{
	size_t mask = l->nslots - 1, i = hash(s) & mask;

	while (l->slots[i] != 0 && strcasecmp(l->v[l->slots[i] - 1], s) != 0)
		i = (i + 1) & mask;
	return i;
}

static bool
grow_index(struct namelist *l)
{
	size_t nslots = l->nslots ? l->nslots * 2 : 64, i;
	size_t *old = l->slots, oldn = l->nslots;

	if ((l->slots = calloc(nslots, sizeof(*l->slots))) == NULL) {
		l->slots = old;
		return false;
	}
	l->nslots = nslots;
	for (i = 0; i < oldn; i++)
		if (old[i] != 0)
			l->slots[slot_of(l, l->v[old[i] - 1])] = old[i];
	free(old);
	return true;
}

static bool
grow_names(struct namelist *l)
{
	size_t cap = l->cap ? l->cap * 2 : 16;
	char **v = realloc(l->v, cap * sizeof(*v));

	if (v == NULL)
		return false;
	l->v = v;
	l->cap = cap;
	return true;
}

bool
namelist_add(struct namelist *l, const char *s)
{
	size_t at;

	if (namelist_has(l, s))
		return true;
	if ((l->n + 1) * 2 > l->nslots && !grow_index(l))
		return false;
	if (l->n == l->cap && !grow_names(l))
		return false;
	if ((l->v[l->n] = strdup(s)) == NULL)
		return false;
	at = slot_of(l, s);
	l->slots[at] = ++l->n;
	return true;
}

bool
namelist_has(const struct namelist *l, const char *s)
{
	return l->nslots > 0 && l->slots[slot_of(l, s)] != 0;
}

void
namelist_fini(struct namelist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	free(l->slots);
	memset(l, 0, sizeof(*l));
}

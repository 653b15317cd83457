/* tempfail.c - the first-deferral table: open addressing over a fixed
 * array, a few probes per address; an entry whose last deferral is older
 * than keep_ms is free again. */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "tempfail.h"

#define PROBES 32

struct slot {
	struct ptrcheck_addr addr;
	uint64_t first_ms, last_ms; /* last_ms 0: free */
};

struct tempfail {
	struct slot s[TEMPFAIL_ENTRIES];
};

struct tempfail *
tempfail_new(void)
{
	return calloc(1, sizeof(struct tempfail));
}

void
tempfail_free(struct tempfail *t)
{
	free(t);
}

static bool
live(const struct slot *s, uint64_t now, uint64_t keep_ms)
{
	return s->last_ms != 0 && now - s->last_ms <= keep_ms;
}

static struct slot *
find(const struct tempfail *t, const struct ptrcheck_addr *a)
{
	size_t h = addr_hash(a);
	size_t i;

	for (i = 0; i < PROBES; i++) {
		const struct slot *s = &t->s[(h + i) & (TEMPFAIL_ENTRIES - 1)];

		if (s->last_ms != 0 && ptrcheck_addr_equal(&s->addr, a))
			return (struct slot *)s;
	}
	return NULL;
}

uint64_t
tempfail_first(const struct tempfail *t, const struct ptrcheck_addr *addr,
    uint64_t now, uint64_t keep_ms)
{
	const struct slot *s = find(t, addr);

	return s != NULL && live(s, now, keep_ms) ? s->first_ms : 0;
}

bool
tempfail_note(struct tempfail *t, const struct ptrcheck_addr *addr,
    uint64_t now, uint64_t keep_ms)
{
	struct slot *s = find(t, addr);
	size_t h = addr_hash(addr);
	size_t i;

	if (s != NULL && live(s, now, keep_ms)) {
		s->last_ms = now;
		return true;
	}
	if (s == NULL)
		for (i = 0; i < PROBES && s == NULL; i++) {
			struct slot *c =
			    &t->s[(h + i) & (TEMPFAIL_ENTRIES - 1)];

			if (!live(c, now, keep_ms))
				s = c;
		}
	if (s == NULL)
		return false;
	s->addr = *addr;
	s->first_ms = s->last_ms = now == 0 ? 1 : now;
	return true;
}

void
tempfail_forget(struct tempfail *t, const struct ptrcheck_addr *addr)
{
	struct slot *s = find(t, addr);

	if (s != NULL)
		s->last_ms = 0;
}

/* authority.c - reading an authority inspection's facts: which level is
 * the zone, which rows are its own servers, which spoke. */
#include "authority.h"

const struct auth_level *
authority_zone_level(const struct authority *a)
{
	return a->nlevels > 0 ? &a->levels[a->nlevels - 1] : NULL;
}

const struct auth_level *
authority_parent_level(const struct authority *a)
{
	size_t i;

	/* The nearest level above that is another zone (a CNAME restart
	 * repeats a zone). */
	for (i = a->nlevels; i-- > 1;)
		if (!name_equal(&a->levels[i - 1].zone,
		        &a->levels[a->nlevels - 1].zone))
			return &a->levels[i - 1];
	return NULL;
}

const struct dname *
authority_parent_zone(const struct authority *a)
{
	const struct auth_level *p = authority_parent_level(a);

	if (a->parent_soa.found)
		return &a->parent_soa.zone;
	return p != NULL ? &p->zone : NULL;
}

bool
authority_is_delegated(const struct authority *a, const struct auth_row *r)
{
	return a->nlevels > 0 && r->level == a->nlevels - 1 &&
	       (r->sources & (AUTH_FROM_PARENT | AUTH_FROM_CHILD)) != 0;
}

bool
authority_row_spoke(const struct auth_row *r)
{
	if (r->state != AUTH_ROW_DONE || !r->aa)
		return false;
	return !answer_is_failure(r->answer);
}

/*
 * walk.c - the authority inspection as a job on the event loop.
 *
 * The walk: level 0 is the top of the reverse tree (in-addr.arpa. or
 * ip6.arpa. with its servers from the resolver, or the root from hints
 * with --trace). Every address of a level is asked the PTR question with
 * RD=0 at once; the first referral moves the walk one zone down, the first
 * authoritative answer ends it: that level is the PTR's zone and the one
 * above it the parent, whose referral named the delegated servers. A CNAME
 * (RFC 2317) restarts the question for its target. The answers that come
 * later are still recorded, so a silent server costs one timeout in
 * parallel with the others, never one per level.
 *
 * Then, at once: the SOA serial from every server that answered, the
 * zone's own NS set through the resolver (servers only the child names are
 * asked too) and the providers named with --provider.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ctx.h"
#include "dns.h"
#include "lookup.h"
#include "nsset.h"
#include "walk.h"

/* One question in flight to one row. */
struct row_ask {
	struct auth_job *job;
	size_t row;
	bool soa;
	struct lookup *l;
};

/* The job belongs to whoever started it (check.c), which frees it with
 * authority_stop(); it is not on the context's job list. */
struct auth_job {
	struct ptrcheck_ctx *ctx;
	struct authority *a;
	authority_fn *cb;
	void *arg;
	struct row_ask asks[AUTH_MAX_ROWS][2]; /* [row][PTR, SOA] */
	struct nsset_job *walk_ns; /* the top level, or glue-less names */
	struct nsset_job *child_ns;
	struct nsset_job *provider_ns;
	struct lookup *parent_soa;
	unsigned pending;  /* lookups and nsset jobs */
	bool walk_over;    /* the zone level is known */
	unsigned restarts; /* CNAMEs followed */
};

static void ask_row(struct auth_job *j, size_t i, bool soa);
static void ask_serial(struct auth_job *j, size_t i);
static void walk_end(struct auth_job *j);

/* routable - whether this host can send to a's family at all: connecting
 * a UDP socket sends nothing but fails without a route. */
static bool
routable(const struct ptrcheck_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, rc;

	memset(&ss, 0, sizeof(ss));
	if (a->family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(53);
		memcpy(&sin->sin_addr, a->bytes, 4);
		len = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(53);
		memcpy(&sin6->sin6_addr, a->bytes, 16);
		len = sizeof(*sin6);
	}
	if ((fd = socket(a->family, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return false;
	rc = connect(fd, (struct sockaddr *)&ss, len);
	close(fd);
	return rc == 0;
}

/* add_row - a server address; the index, or -1 when the table is full or
 * it is already there for this level. */
static int
add_row(struct authority *a, unsigned level, const struct dname *name,
    const struct ptrcheck_addr *addr, unsigned sources)
{
	struct auth_row *r;
	size_t i;

	for (i = 0; i < a->nrows; i++)
		if (a->rows[i].level == level &&
		    ptrcheck_addr_equal(&a->rows[i].addr, addr)) {
			a->rows[i].sources |= sources;
			return -1;
		}
	if (a->nrows == AUTH_MAX_ROWS)
		return -1;
	r = &a->rows[a->nrows];
	memset(r, 0, sizeof(*r));
	r->level = level;
	if (name != NULL)
		r->name = *name;
	r->addr = *addr;
	r->sources = sources;
	r->rcode = -1;
	r->answer = PTRCHECK_ANSWER_TIMEOUT; /* until one comes */
	r->state = routable(addr) ? AUTH_ROW_PENDING : AUTH_ROW_UNTESTED;
	return (int)a->nrows++;
}

/* add_and_ask - add a row and send it its level's question. */
static void
add_and_ask(struct auth_job *j, unsigned level, const struct dname *name,
    const struct ptrcheck_addr *addr, unsigned sources)
{
	int i = add_row(j->a, level, name, addr, sources);

	if (i >= 0)
		ask_row(j, (size_t)i, false);
}

static void
job_free(struct auth_job *j)
{
	size_t i;

	for (i = 0; i < AUTH_MAX_ROWS; i++) {
		lookup_cancel(j->asks[i][0].l);
		lookup_cancel(j->asks[i][1].l);
	}
	nsset_cancel(j->walk_ns);
	nsset_cancel(j->child_ns);
	nsset_cancel(j->provider_ns);
	lookup_cancel(j->parent_soa);
	free(j->a);
	free(j);
}

struct authority *
authority_stop(struct auth_job *j)
{
	struct authority *a = j->a;

	j->a = NULL; /* rows still waiting stay pending: the judge sees them */
	job_free(j);
	return a;
}

static void
maybe_done(struct auth_job *j)
{
	struct authority *a;
	authority_fn *cb = j->cb;
	void *arg = j->arg;

	if (j->pending > 0)
		return;
	if (!j->walk_over)
		walk_end(j); /* no usable answer at the last level */
	if (j->pending > 0)
		return;
	a = j->a;
	j->a = NULL;
	job_free(j);
	cb(a, arg);
}

/* --- one row's answers ---------------------------------------------- */

static void
take_ptrs(struct auth_row *r, const struct wire_reply *rep)
{
	size_t i;

	r->nptr_seen = rep->ndata_seen;
	for (i = 0; i < rep->ndata && r->nptr < PTRCHECK_MAX_PTR_NAMES; i++) {
		r->ptr_ttls[r->nptr] = rep->data[i].ttl;
		r->ptrs[r->nptr++] = rep->data[i].name;
	}
	r->cname = rep->nchain > 0 && rep->ndata == 0;
	r->referral = rep->referral.zone;
}

static void advance(
    struct auth_job *j, size_t row, const struct wire_reply *rep);

static void
on_row(const struct lookup_result *res, void *arg)
{
	struct row_ask *q = arg;
	struct auth_job *j = q->job;
	struct auth_row *r = &j->a->rows[q->row];

	q->l = NULL;
	j->pending--;
	if (q->soa) {
		if (res->reply != NULL && res->reply->aa &&
		    res->reply->soa.found) {
			r->has_serial = true;
			r->serial = res->reply->soa.serial;
			if (!j->a->soa.found && r->level == j->a->nlevels - 1)
				j->a->soa = res->reply->soa; /* the zone's, not
				                                a provider's */
		}
	} else {
		r->state = AUTH_ROW_DONE;
		r->answer = res->answer;
		r->rcode = res->rcode;
		r->rtt_ms = res->rtt_ms;
		if (res->reply != NULL) {
			r->aa = res->reply->aa;
			take_ptrs(r, res->reply);
			if (!j->walk_over && r->level == j->a->nlevels - 1)
				advance(j, q->row, res->reply);
			else if (j->walk_over)
				ask_serial(j, q->row);
		}
	}
	maybe_done(j);
}

static void
ask_row(struct auth_job *j, size_t i, bool soa)
{
	struct authority *a = j->a;
	struct auth_row *r = &a->rows[i];
	struct row_ask *q = &j->asks[i][soa];
	struct ptrcheck_server srv = {r->addr, 53};
	const struct dname *qname;

	if (r->state == AUTH_ROW_UNTESTED)
		return;
	if (soa)
		qname = &a->levels[a->nlevels - 1].zone;
	else
		qname = r->level == AUTH_NO_LEVEL ? &a->qname
		                                  : &a->levels[r->level].qname;
	q->job = j;
	q->row = i;
	q->soa = soa;
	if (lookup_direct_start(j->ctx->dns, &srv, qname,
	        soa ? WIRE_TYPE_SOA : WIRE_TYPE_PTR, on_row, q,
	        &q->l) != PTRCHECK_OK) {
		if (!soa) {
			r->state = AUTH_ROW_DONE;
			r->answer = PTRCHECK_ANSWER_NETWORK;
		}
		return;
	}
	j->pending++;
}

/* ask_serial - the SOA serial of a zone server that answered for it, once. */
static void
ask_serial(struct auth_job *j, size_t i)
{
	const struct auth_row *r = &j->a->rows[i];

	if (r->level == j->a->nlevels - 1 && r->state == AUTH_ROW_DONE &&
	    r->aa && j->asks[i][1].job == NULL)
		ask_row(j, i, true);
}

/* --- the walk ------------------------------------------------------- */

/* new_level - the next level down; NULL when the walk is too deep. */
static struct auth_level *
new_level(
    struct authority *a, const struct dname *zone, const struct dname *qname)
{
	struct auth_level *lv;

	if (a->nlevels == AUTH_MAX_LEVELS)
		return NULL;
	lv = &a->levels[a->nlevels++];
	memset(lv, 0, sizeof(*lv));
	lv->zone = *zone;
	lv->qname = *qname;
	return lv;
}

static void
on_glue_less(const struct nsset *set, void *arg)
{
	struct auth_job *j = arg;
	unsigned level = (unsigned)j->a->nlevels - 1;
	size_t i, k;

	j->walk_ns = NULL;
	j->pending--;
	j->a->nunresolvable_ns = 0; /* this level's names only */
	for (i = 0; i < set->nhosts; i++) {
		const struct ns_host *h = &set->hosts[i];

		if (h->resolved && h->naddrs == 0 &&
		    j->a->nunresolvable_ns < WIRE_MAX_NS)
			j->a->unresolvable_ns[j->a->nunresolvable_ns++] =
			    h->name;
		for (k = 0; k < h->naddrs; k++)
			add_and_ask(j, level, &h->name, &h->addrs[k],
			    level == 0 ? AUTH_FROM_CHILD : AUTH_FROM_PARENT);
	}
	maybe_done(j);
}

/* has_glue - whether a name came with an address in the referral. */
static bool
has_glue(const struct wire_referral *ref, const struct dname *name)
{
	size_t i;

	for (i = 0; i < ref->nglue; i++)
		if (name_equal(&ref->glue[i].name, name))
			return true;
	return false;
}

/* follow_referral - one zone down: ask the glue addresses at once, and
 * the resolver for the addresses of names that came without. */
static void
follow_referral(struct auth_job *j, const struct wire_referral *ref,
    const struct dname *qname)
{
	struct authority *a = j->a;
	struct auth_level *lv = new_level(a, &ref->zone, qname);
	struct dname bare[WIRE_MAX_NS];
	size_t i, k, nbare = 0;

	if (lv == NULL) {
		j->walk_over = true;
		return;
	}
	memcpy(lv->ns, ref->ns, ref->nns * sizeof(ref->ns[0]));
	lv->nns = ref->nns;
	for (i = 0; i < ref->nns; i++) {
		for (k = 0; k < ref->nglue; k++)
			if (name_equal(&ref->glue[k].name, &ref->ns[i]))
				add_and_ask(j, (unsigned)a->nlevels - 1,
				    &ref->ns[i], &ref->glue[k].addr,
				    AUTH_FROM_PARENT);
		if (!has_glue(ref, &ref->ns[i]))
			bare[nbare++] = ref->ns[i];
	}
	nsset_cancel(j->walk_ns); /* an earlier level's: no longer wanted */
	if (j->walk_ns != NULL)
		j->pending--;
	j->walk_ns = NULL;
	if (nbare > 0 && nsset_resolve_names(j->ctx->dns, bare, nbare,
	                     on_glue_less, j, &j->walk_ns) == PTRCHECK_OK)
		j->pending++;
}

/* restart_at - ask the servers of the deepest level that holds qname (a
 * CNAME target) again, for the target. */
static void
restart_at(struct auth_job *j, const struct dname *qname)
{
	struct authority *a = j->a;
	size_t from = a->nlevels, i;
	struct auth_level *lv;

	while (from-- > 0 && !name_is_under(qname, &a->levels[from].zone))
		;
	if (from == (size_t)-1 || j->restarts++ == WIRE_MAX_CHAIN ||
	    (lv = new_level(a, &a->levels[from].zone, qname)) == NULL) {
		j->walk_over = true;
		return;
	}
	memcpy(lv->ns, a->levels[from].ns, sizeof(lv->ns));
	lv->nns = a->levels[from].nns;
	a->qname = *qname;
	for (i = 0; i < a->nrows; i++)
		if (a->rows[i].level == from)
			add_and_ask(j, (unsigned)a->nlevels - 1,
			    &a->rows[i].name, &a->rows[i].addr,
			    a->rows[i].sources);
}

/* advance - the first useful answer at the current level moves the walk. */
static void
advance(struct auth_job *j, size_t row, const struct wire_reply *rep)
{
	struct authority *a = j->a;
	const struct auth_level *lv = &a->levels[a->nlevels - 1];
	const struct auth_row *r = &a->rows[row];

	if (r->cname) {
		/* RFC 2317: the name is an alias into a zone of its own. */
		if (!r->aa || rep->loop || rep->too_long ||
		    (r->answer != PTRCHECK_ANSWER_NODATA &&
		        r->answer != PTRCHECK_ANSWER_NXDOMAIN))
			return;
		if (a->cname_zone.len == 0)
			a->cname_zone = lv->zone;
		restart_at(j, &rep->final);
		return;
	}
	if (authority_row_spoke(r)) {
		walk_end(j);
		return;
	}
	if (rep->referral.nns > 0 &&
	    name_is_under(&rep->referral.zone, &lv->zone) &&
	    !name_equal(&rep->referral.zone, &lv->zone))
		follow_referral(j, &rep->referral, &lv->qname);
}

/* --- after the walk ------------------------------------------------- */

static void
on_child_ns(const struct nsset *set, void *arg)
{
	struct auth_job *j = arg;
	struct authority *a = j->a;
	unsigned level = (unsigned)a->nlevels - 1;
	size_t i, k;

	j->child_ns = NULL;
	j->pending--;
	a->child_known = set->answer == PTRCHECK_ANSWER_FOUND;
	for (i = 0; i < set->nhosts && a->nchild_ns < WIRE_MAX_NS; i++)
		a->child_ns[a->nchild_ns++] = set->hosts[i].name;
	for (i = 0; i < set->nhosts; i++)
		for (k = 0; k < set->hosts[i].naddrs; k++) {
			int r = add_row(a, level, &set->hosts[i].name,
			    &set->hosts[i].addrs[k], AUTH_FROM_CHILD);

			if (r >= 0)
				ask_row(j, (size_t)r,
				    false); /* its serial follows */
		}
	maybe_done(j);
}

static void
add_provider(struct auth_job *j, const struct dname *name,
    const struct ptrcheck_addr *addr)
{
	int r = add_row(j->a, AUTH_NO_LEVEL, name, addr, AUTH_FROM_PROVIDER);

	if (r >= 0) {
		ask_row(j, (size_t)r, false);
		if (j->a->nlevels > 0)
			ask_row(j, (size_t)r, true);
	}
}

static void
on_provider_names(const struct nsset *set, void *arg)
{
	struct auth_job *j = arg;
	size_t i, k;

	j->provider_ns = NULL;
	j->pending--;
	for (i = 0; i < set->nhosts; i++) {
		const struct ns_host *h = &set->hosts[i];

		if (h->resolved && h->naddrs == 0 &&
		    j->a->nunresolved_providers < PTRCHECK_MAX_PROVIDERS)
			/* Answered, with no address: a typo, not a DNS fault.
			 */
			j->a->unresolved_providers
			    [j->a->nunresolved_providers++] = h->name;
		for (k = 0; k < h->naddrs; k++)
			add_provider(j, &h->name, &h->addrs[k]);
	}
	maybe_done(j);
}

static void
ask_providers(struct auth_job *j)
{
	const struct ptrcheck_options *o = &j->ctx->opt;
	struct dname names[PTRCHECK_MAX_PROVIDERS];
	struct ptrcheck_addr addr;
	size_t i, n = 0;

	for (i = 0; i < o->nproviders; i++) {
		if (ptrcheck_addr_parse(o->providers[i], &addr) == PTRCHECK_OK)
			add_provider(j, NULL, &addr);
		else if (name_from_text(o->providers[i], &names[n]) ==
		         PTRCHECK_OK)
			n++;
	}
	if (n > 0 && nsset_resolve_names(j->ctx->dns, names, n,
	                 on_provider_names, j, &j->provider_ns) == PTRCHECK_OK)
		j->pending++;
}

static void
on_parent_soa(const struct lookup_result *res, void *arg)
{
	struct auth_job *j = arg;
	const struct dname *zone = &j->a->levels[j->a->nlevels - 1].zone;

	j->parent_soa = NULL;
	j->pending--;
	/* Only an SOA above the zone names its parent. */
	if (res->reply != NULL && res->reply->soa.found &&
	    name_is_under(zone, &res->reply->soa.zone) &&
	    !name_equal(zone, &res->reply->soa.zone))
		j->a->parent_soa = res->reply->soa;
	maybe_done(j);
}

/* ask_parent_soa - the SOA above the zone names the parent zone. */
static void
ask_parent_soa(struct auth_job *j)
{
	struct dname above;

	if (j->a->nlevels < 2 ||
	    !name_parent(&j->a->levels[j->a->nlevels - 1].zone, &above))
		return;
	if (lookup_start(j->ctx->dns, &above, WIRE_TYPE_SOA, on_parent_soa, j,
	        &j->parent_soa) == PTRCHECK_OK)
		j->pending++;
}

/* walk_end - the last level is the PTR's zone: its serials, its own NS
 * set and the providers, all at once. */
static void
walk_end(struct auth_job *j)
{
	struct authority *a = j->a;
	size_t i, level = a->nlevels - 1;

	j->walk_over = true;
	a->zone_answered = false;
	for (i = 0; i < a->nrows; i++) {
		if (a->rows[i].level != level)
			continue;
		if (authority_row_spoke(&a->rows[i]))
			a->zone_answered = true;
		ask_serial(j, i);
	}
	/* The zone's own NS set: only the zone's servers can give it, so not
	 * when none of them answered. */
	if (a->zone_answered &&
	    nsset_resolve(j->ctx->dns, &a->levels[level].zone, on_child_ns, j,
	        &j->child_ns) == PTRCHECK_OK)
		j->pending++;
	ask_parent_soa(j);
	ask_providers(j);
}

/* --- the start ------------------------------------------------------ */

static void
on_top(const struct nsset *set, void *arg)
{
	struct auth_job *j = arg;
	struct auth_level *lv = &j->a->levels[0];
	size_t i;

	for (i = 0; i < set->nhosts && lv->nns < WIRE_MAX_NS; i++)
		lv->ns[lv->nns++] = set->hosts[i].name;
	on_glue_less(set, arg);
}

static enum ptrcheck_status
start_walk(struct auth_job *j, const struct dname *owner)
{
	const struct ptrcheck_options *o = &j->ctx->opt;
	struct authority *a = j->a;
	struct dname top;
	size_t i;

	a->qname = *owner;
	if (o->nroots > 0) {
		a->trace = true;
		name_from_text(".", &top);
		new_level(a, &top, owner);
		for (i = 0; i < o->nroots; i++)
			add_and_ask(
			    j, 0, NULL, &o->roots[i].addr, AUTH_FROM_HINTS);
		return j->pending > 0 ? PTRCHECK_OK : PTRCHECK_ERESOLVER;
	}
	/* in-addr.arpa. or ip6.arpa.: the owner's last three labels. */
	top = *owner;
	while (name_label_count(&top) > 2)
		name_parent(&top, &top);
	new_level(a, &top, owner);
	if (nsset_resolve(j->ctx->dns, &top, on_top, j, &j->walk_ns) !=
	    PTRCHECK_OK)
		return PTRCHECK_ERESOLVER;
	j->pending++;
	return PTRCHECK_OK;
}

enum ptrcheck_status
authority_start(struct ptrcheck_ctx *ctx, const struct dname *owner,
    authority_fn *cb, void *arg, struct auth_job **out)
{
	struct auth_job *j;
	enum ptrcheck_status st;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		return PTRCHECK_ENOMEM;
	j->ctx = ctx;
	j->cb = cb;
	j->arg = arg;
	if ((j->a = calloc(1, sizeof(*j->a))) == NULL) {
		free(j);
		return PTRCHECK_ENOMEM;
	}
	if ((st = start_walk(j, owner)) != PTRCHECK_OK) {
		job_free(j);
		return st;
	}
	*out = j;
	return PTRCHECK_OK;
}

/*
 * fix.c - from a report to the exact records that repair it, the zone each
 * belongs in and who runs that zone. A fix must work when applied: a PTR
 * pointed at a name brings that name's address record unless the name
 * already resolves to the address; every zone is the apex of an SOA seen
 * (the SOA question, a negative answer, or the zone's own servers); who
 * can change it is said from the SOA contact and the delegation, never
 * guessed. The actions are those of docs/JSON.md: add, replace (the only
 * record of its owner and type afterwards, a CNAME there included), delete.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "authority.h"
#include "authority_judge.h"
#include "authority_text.h"
#include "fix.h"
#include "provider_report.h"
#include "report.h"
#include "textbuf.h"

#define FIX_TTL 3600
#define PLACEHOLDER_ZONE "example.net."

/* Where a record goes, and who runs that zone. */
struct where {
	char zone[PTRCHECK_NAME_TEXT_MAX];
	enum fix_zone source;
	struct dname contact; /* the SOA's RNAME; len 0 when not seen */
};

/* The name the PTR should carry, and what is known of it. */
struct host {
	char name[PTRCHECK_NAME_TEXT_MAX];
	bool placeholder;
	bool known;    /* its own lookups ran (else confirms is unknown) */
	bool confirms; /* it resolves to this address already */
	size_t naddrs; /* its other addresses */
	struct where where;
};

static void
where_from_soa(const struct wire_soa *soa, struct where *w)
{
	name_text(&soa->zone, w->zone, sizeof(w->zone));
	w->source = FIX_ZONE_SOA;
	w->contact = soa->rname;
}

/* where_parent - no SOA was seen (the lookups failed): the name's parent
 * domain, said to be unconfirmed. */
static void
where_parent(const struct dname *n, struct where *w)
{
	struct dname parent = *n;

	if (n->len > 1)
		name_parent(n, &parent);
	name_text(&parent, w->zone, sizeof(w->zone));
	w->source = FIX_ZONE_PARENT;
	w->contact.len = 0;
}

static const struct dname *
effective_owner(const struct ptrcheck_report *rep)
{
	/* RFC 2317: the PTR lives where the CNAME chain ends; a loop has no
	 * end, and the owner's CNAME is what must become a PTR. */
	if (rep->cname_loop || rep->nptr_chain == 0)
		return &rep->owner;
	return &rep->ptr_chain[rep->nptr_chain - 1];
}

/* ptr_where - the PTR's zone: from an SOA (the SOA question or a negative
 * answer, else the zone's own servers), else the conventional cut. */
static void
ptr_where(const struct ptrcheck_report *rep, struct where *w)
{
	const struct wire_soa *soa =
	    rep->zone_soa.found ? &rep->zone_soa : &rep->ptr_soa;
	struct dname zone;

	memset(w, 0, sizeof(*w));
	if (report_zone(rep, &zone)) {
		name_text(&zone, w->zone, sizeof(w->zone));
		w->source = FIX_ZONE_SOA;
		if (soa->found && name_equal(&soa->zone, &zone))
			w->contact = soa->rname;
		return;
	}
	if (rep->auth != NULL && rep->auth->soa.found &&
	    !report_zone_undelegated(rep, &rep->auth->soa.zone)) {
		where_from_soa(
		    &rep->auth->soa, w); /* a CNAME loop hides the SOA */
		return;
	}
	name_text(&zone, w->zone, sizeof(w->zone));
	w->source = FIX_ZONE_CONVENTIONAL;
}

/* wanted_host - --hostname, or the name an invalid PTR meant, with what
 * its own lookups found; else a placeholder the report flags. */
static void
wanted_host(
    const struct ptrcheck_report *rep, struct fix_plan *p, struct host *h)
{
	const struct report_want *w = &rep->want;
	struct dname meant;

	memset(h, 0, sizeof(*h));
	if (w->name.len > 0) {
		name_text(&w->name, h->name, sizeof(h->name));
		h->known = answer_is_final(w->answer);
		h->confirms = w->confirms;
		h->naddrs = w->naddrs;
		if (w->soa.found)
			where_from_soa(&w->soa, &h->where);
		else
			where_parent(&w->name, &h->where);
		return;
	}
	if (rep->hostname.len > 0) { /* not looked up (a PTR sweep) */
		name_text(&rep->hostname, h->name, sizeof(h->name));
		where_parent(&rep->hostname, &h->where);
		return;
	}
	if (report_meant_name(rep, &meant)) { /* not looked up: zone data */
		name_text(&meant, h->name, sizeof(h->name));
		where_parent(&meant, &h->where);
		return;
	}
	p->placeholder = true;
	h->placeholder = true;
	snprintf(h->name, sizeof(h->name), "%s", FIX_PLACEHOLDER_HOST);
	snprintf(h->where.zone, sizeof(h->where.zone), "%s", PLACEHOLDER_ZONE);
	h->where.source = FIX_ZONE_PLACEHOLDER;
}

static struct fix_item *
add_item(struct fix_plan *p, const char *action, const struct where *w)
{
	struct fix_item *it;

	if (p->nitems == FIX_MAX_ITEMS)
		return NULL;
	it = &p->items[p->nitems++];
	memset(it, 0, sizeof(*it));
	snprintf(it->action, sizeof(it->action), "%s", action);
	snprintf(it->zone, sizeof(it->zone), "%s", w->zone);
	it->zone_source = w->source;
	return it;
}

static void
add_record(struct fix_plan *p, const char *action, const struct where *w,
    const char *owner, uint32_t ttl, const char *type, const char *data)
{
	struct fix_item *it = add_item(p, action, w);

	if (it != NULL)
		snprintf(it->record, sizeof(it->record), "%s %u IN %s %s",
		    owner, ttl, type, data);
}

static const char *
addr_type(const struct ptrcheck_report *rep)
{
	return rep->addr.family == AF_INET ? "A" : "AAAA";
}

/* add_host_forward - the host's address record, unless it has it. */
static void
add_host_forward(struct fix_plan *p, const struct ptrcheck_report *rep,
    const struct host *h, struct textbuf *cause)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX];

	if (h->confirms)
		return;
	ptrcheck_addr_format(&rep->addr, ip, sizeof(ip));
	add_record(p, "add", &h->where, h->name, FIX_TTL, addr_type(rep), ip);
	if (h->placeholder)
		return;
	if (!h->known)
		textbuf_printf(cause,
		    " %s was not looked up: its %s record for %s "
		    "comes too (already there, it changes nothing).",
		    h->name, addr_type(rep), ip);
	else if (h->naddrs > 0)
		textbuf_printf(cause,
		    " %s resolves to other addresses today: its %s "
		    "record for %s goes beside them.",
		    h->name, addr_type(rep), ip);
	else
		textbuf_printf(cause,
		    " %s has no %s record yet: it gets one for %s.", h->name,
		    addr_type(rep), ip);
}

/* --- who runs a zone ------------------------------------------------------ */

static void
put_contact(struct textbuf *tb, const struct where *w)
{
	if (w->contact.len == 0)
		return;
	textbuf_puts(tb, " (contact ");
	authority_put_contact(tb, &w->contact);
	textbuf_puts(tb, " per its SOA)");
}

/* plan_who_provider - when the address is a known provider's and the
 * plan changes anything, its own steps (data/providers.tsv) after who runs
 * the zones, with the name the PTR should carry for HOST: a PTR at a
 * provider is set in its console, not in a zone file. */
static void
plan_who_provider(const struct ptrcheck_report *rep, struct fix_plan *p)
{
	char host[PTRCHECK_NAME_TEXT_MAX], steps[2048];
	struct textbuf tb;
	size_t used = strlen(p->who);

	if (rep->provider == NULL || p->nitems == 0)
		return;
	textbuf_init(&tb, steps, sizeof(steps));
	provider_steps(rep->provider, rep->provider_by_name,
	    rep->hostname.len > 0
	        ? name_text(&rep->hostname, host, sizeof(host))
	        : NULL,
	    &tb);
	snprintf(p->who + used, sizeof(p->who) - used, "%s",
	    used > 0 ? steps : steps + 1);
}

/* who_reverse - the reverse zone's servers, from the delegation. */
static void
who_reverse(const struct ptrcheck_report *rep, const struct where *w,
    struct textbuf *tb)
{
	const struct auth_level *lv =
	    rep->auth != NULL ? authority_zone_level(rep->auth) : NULL;
	size_t i;

	textbuf_printf(tb, "The reverse zone %s", w->zone);
	put_contact(tb, w);
	if (lv != NULL && lv->nns > 0) {
		textbuf_puts(tb, " is delegated to ");
		for (i = 0; i < lv->nns; i++) {
			textbuf_puts(tb, i > 0 ? ", " : "");
			name_to_text(&lv->ns[i], tb);
		}
		textbuf_puts(tb,
		    ": only a change on those servers takes effect; a PTR "
		    "made anywhere else is never asked for.");
	} else {
		textbuf_puts(tb,
		    " is run by whoever holds the address block: only a "
		    "change in that zone takes effect.");
	}
}

static void
who_forward(const char *name, const struct where *w, struct textbuf *tb)
{
	if (w->source == FIX_ZONE_PLACEHOLDER)
		return;
	textbuf_printf(tb, "%s%s lives in the forward zone %s",
	    tb->len > 0 ? " " : "", name, w->zone);
	put_contact(tb, w);
	textbuf_puts(
	    tb, w->source == FIX_ZONE_SOA
	            ? "; its address record is added there."
	            : " (its SOA was not seen: check which zone holds it).");
}

/* --- the verdicts ----------------------------------------------------------
 */

/* point_ptr - the PTR made the host's name, and the host made to resolve
 * to the address: the one fix for a missing, generic or invalid PTR, and
 * for any PTR that is not the --hostname given. */
static void
point_ptr(const struct ptrcheck_report *rep, struct fix_plan *p,
    const char *action, struct textbuf *cause)
{
	char owner[PTRCHECK_NAME_TEXT_MAX];
	struct textbuf who;
	struct where w;
	struct host h;

	ptr_where(rep, &w);
	wanted_host(rep, p, &h);
	name_text(effective_owner(rep), owner, sizeof(owner));
	add_record(p, action, &w, owner, FIX_TTL, "PTR", h.name);
	add_host_forward(p, rep, &h, cause);
	textbuf_init(&who, p->who, sizeof(p->who));
	who_reverse(rep, &w, &who);
	if (!h.confirms)
		who_forward(h.name, &h.where, &who);
}

static void
plan_missing(
    const struct ptrcheck_report *rep, struct fix_plan *p, struct textbuf *tb)
{
	char owner[PTRCHECK_NAME_TEXT_MAX];
	struct where w;

	ptr_where(rep, &w);
	name_text(effective_owner(rep), owner, sizeof(owner));
	if (rep->cname_loop) {
		textbuf_printf(tb,
		    "The CNAME records for %s form a loop (or point at "
		    "themselves), so no PTR can be reached: the CNAME at %s is "
		    "replaced by a PTR.",
		    owner, owner);
	} else if (rep->ptr_answer == PTRCHECK_ANSWER_NODATA) {
		textbuf_printf(tb,
		    "The name %s exists but has no PTR record: it holds "
		    "other types (often an A or TXT made where a PTR was "
		    "meant).",
		    owner);
	} else if (rep->ptr_soa.found &&
	           report_zone_undelegated(rep, &rep->ptr_soa.zone)) {
		char z[PTRCHECK_NAME_TEXT_MAX];

		textbuf_printf(tb,
		    "NXDOMAIN came from %s: the reverse zone for this "
		    "block is not delegated to anyone. The holder of the block "
		    "must "
		    "delegate %s or set the PTR.",
		    name_text(&rep->ptr_soa.zone, z, sizeof(z)), w.zone);
	} else {
		textbuf_printf(tb,
		    "The reverse zone %s holds no record for %s: the "
		    "PTR is added there.",
		    w.zone, owner);
	}
	point_ptr(rep, p, rep->cname_loop ? "replace" : "add", tb);
}

static const struct report_ptr *
first_valid(const struct ptrcheck_report *rep)
{
	size_t i;

	for (i = 0; i < rep->nptr; i++)
		if (rep->ptrs[i].problem == NAME_OK)
			return &rep->ptrs[i];
	return NULL;
}

/* ptr_is_hostname - a PTR already names --hostname (or none was given). */
static bool
ptr_is_hostname(const struct ptrcheck_report *rep)
{
	size_t i;

	if (rep->hostname.len == 0)
		return true;
	for (i = 0; i < rep->nptr; i++)
		if (name_equal(&rep->ptrs[i].name, &rep->hostname))
			return true;
	return false;
}

static void
plan_forward(
    const struct ptrcheck_report *rep, struct fix_plan *p, struct textbuf *tb)
{
	const struct report_ptr *ptr = first_valid(rep);
	char host[PTRCHECK_NAME_TEXT_MAX], ip[PTRCHECK_ADDR_TEXT_MAX];
	struct textbuf who;
	struct where w;

	if (ptr == NULL)
		return;
	name_text(&ptr->name, host, sizeof(host));
	ptrcheck_addr_format(&rep->addr, ip, sizeof(ip));
	if (ptr->fwd_soa.found)
		where_from_soa(&ptr->fwd_soa, &w);
	else
		where_parent(&ptr->name, &w);
	textbuf_printf(tb,
	    "%s %s, so receivers cannot confirm the PTR. It gets the "
	    "%s record %s%s, in its forward zone.",
	    host,
	    rep->verdict == PTRCHECK_VERDICT_FORWARD_MISSING
	        ? "has no address record of this family"
	        : "resolves to other addresses only",
	    addr_type(rep), ip,
	    rep->verdict == PTRCHECK_VERDICT_FORWARD_MISMATCH
	        ? " beside the others"
	        : "");
	add_record(p, "add", &w, host, FIX_TTL, addr_type(rep), ip);
	textbuf_init(&who, p->who, sizeof(p->who));
	who_forward(host, &w, &who);
	textbuf_puts(&who, " The PTR stays as it is.");
}

static void
plan_generic(
    const struct ptrcheck_report *rep, struct fix_plan *p, struct textbuf *tb)
{
	textbuf_puts(tb, "The PTR is an access provider's generic name. It is "
	                 "replaced by your mail server's own name.");
	point_ptr(rep, p, "replace", tb);
}

static void
plan_invalid(
    const struct ptrcheck_report *rep, struct fix_plan *p, struct textbuf *tb)
{
	textbuf_puts(tb,
	    "The PTR target is not a valid host name, and receivers "
	    "treat it as no name at all. It is replaced by a valid one.");
	point_ptr(rep, p, "replace", tb);
}

/* plan_hostname - --hostname names what the PTR should be: whatever the
 * verdict, a PTR that names something else is pointed at it. */
static void
plan_hostname(
    const struct ptrcheck_report *rep, struct fix_plan *p, struct textbuf *tb)
{
	char name[PTRCHECK_NAME_TEXT_MAX];

	textbuf_printf(tb,
	    "The PTR does not name %s (--hostname), the name this "
	    "address should have: it is pointed there.",
	    name_text(&rep->hostname, name, sizeof(name)));
	point_ptr(rep, p, "replace", tb);
}

/* --- the causes of a temporary verdict ----------------------------------- */

static bool
has(const struct ptrcheck_report *rep, enum ptrcheck_warning_code code)
{
	return ptrcheck_report_has_warning(rep, code);
}

/* The cause of a temporary verdict, by the first of its warnings found in
 * this order (the most specific first). */
static const struct {
	enum ptrcheck_warning_code code;
	const char *cause;
} temporary_causes[] = {
    {PTRCHECK_WARN_RESOLVER_UNREACHABLE,
        "No conclusion yet: the resolver you "
        "asked does not answer (see resolver-unreachable). Nothing about the "
        "address is known; ask again through a resolver that works."},
    {PTRCHECK_WARN_DNSSEC_BOGUS,
        "DNSSEC validation of the reverse zone fails "
        "(see dnssec-bogus): validating receivers defer for days, then bounce. "
        "Whoever runs the zone must re-sign it, or its DS at the parent must "
        "match its keys."},
    {PTRCHECK_WARN_NS_NAME_UNRESOLVABLE,
        "The reverse zone is delegated to "
        "server names that have no address (see ns-name-unresolvable): nobody "
        "can ask them. The parent zone's NS records must name servers that "
        "resolve."},
    {PTRCHECK_WARN_SERVER_FAILURE,
        "A server of the reverse zone cannot serve "
        "it (see server-failure): its operator must repair the zone there."},
    {PTRCHECK_WARN_FORWARD_FAILED, "No conclusion: the PTR is there, but the "
                                   "address lookup of its name failed (see "
                                   "forward-failed). Receivers defer "
                                   "until the name's forward zone answers."},
    {PTRCHECK_WARN_FORWARD_UNKNOWN,
        "No conclusion: the PTR's name lies outside "
        "the forward data given (see forward-unknown); pass its zone with "
        "--forward."},
    {PTRCHECK_WARN_DEADLINE,
        "No conclusion: the check's deadline passed "
        "before the answers came (see the queries); try again with a longer "
        "--deadline."},
};

static void
plan_temporary(const struct ptrcheck_report *rep, struct textbuf *tb)
{
	size_t i;

	for (i = 0; i < sizeof(temporary_causes) / sizeof(temporary_causes[0]);
	     i++)
		if (has(rep, temporary_causes[i].code)) {
			textbuf_puts(tb, temporary_causes[i].cause);
			return;
		}
	textbuf_puts(tb, "No conclusion: a DNS server failed or did not answer "
	                 "(see the queries). If it persists, receivers defer "
	                 "for days and then "
	                 "bounce.");
}

/* --- warnings receivers trip over, whatever the verdict ------------------ */

/* best_row - the delegated server with the highest serial that spoke. */
static const struct auth_row *
best_row(const struct authority *a)
{
	const struct auth_row *best = NULL;
	size_t i;

	for (i = 0; i < a->nrows; i++) {
		const struct auth_row *r = &a->rows[i];

		if (!authority_is_delegated(a, r) || !authority_row_spoke(r))
			continue;
		if (best == NULL ||
		    (r->has_serial &&
		        (!best->has_serial ||
		            (int32_t)(r->serial - best->serial) > 0)))
			best = r;
	}
	return best;
}

static void
plan_disagree(
    const struct ptrcheck_report *rep, struct fix_plan *p, struct textbuf *tb)
{
	const struct authority *a = rep->auth;
	const struct auth_row *best = best_row(a);
	char owner[PTRCHECK_NAME_TEXT_MAX], data[PTRCHECK_NAME_TEXT_MAX];
	struct textbuf who;
	struct where w;
	size_t i, k;

	if (best == NULL)
		return;
	where_from_soa(&a->soa, &w);
	if (!a->soa.found)
		ptr_where(rep, &w);
	name_text(&a->qname, owner, sizeof(owner));
	textbuf_printf(tb,
	    "%sThe servers of %s answer differently (see "
	    "servers-disagree); every server is made to answer as ",
	    tb->len > 0 ? " " : "", w.zone);
	authority_put_row(tb, best);
	if (best->has_serial)
		textbuf_printf(tb, ", serial %u, the highest", best->serial);
	textbuf_puts(tb, ", does; today ");
	for (i = 0, k = 0; i < a->nrows; i++) {
		const struct auth_row *r = &a->rows[i];

		if (!authority_is_delegated(a, r) || !authority_row_spoke(r) ||
		    authority_rows_agree(r, best))
			continue;
		textbuf_puts(tb, k++ > 0 ? ", " : "");
		authority_put_row(tb, r);
		if (r->has_serial)
			textbuf_printf(tb, " (serial %u)", r->serial);
		textbuf_puts(tb, " answers ");
		authority_put_answer(tb, r);
	}
	textbuf_puts(tb, k > 0 ? "." : "they agree.");
	for (k = 0; k < best->nptr; k++)
		add_record(p, k == 0 ? "replace" : "add", &w, owner,
		    best->ptr_ttls[k], "PTR",
		    name_text(&best->ptrs[k], data, sizeof(data)));
	for (i = 0; best->nptr == 0 && i < a->nrows; i++)
		for (k = 0; authority_is_delegated(a, &a->rows[i]) &&
		            k < a->rows[i].nptr;
		     k++)
			add_record(p, "delete", &w, owner,
			    a->rows[i].ptr_ttls[k], "PTR",
			    name_text(&a->rows[i].ptrs[k], data, sizeof(data)));
	if (p->who[0] == '\0') {
		textbuf_init(&who, p->who, sizeof(p->who));
		who_reverse(rep, &w, &who);
	}
}

/* plan_lame - the lame servers leave the delegation and the zone's own NS
 * set, so resolvers stop asking them. */
static void
plan_lame(
    const struct ptrcheck_report *rep, struct fix_plan *p, struct textbuf *tb)
{
	const struct authority *a = rep->auth;
	const struct auth_level *lv = authority_zone_level(a);
	char zone[PTRCHECK_NAME_TEXT_MAX], ns[PTRCHECK_NAME_TEXT_MAX];
	struct where parent, self;
	size_t i, k;

	if (lv == NULL)
		return;
	name_text(&lv->zone, zone, sizeof(zone));
	memset(&parent, 0, sizeof(parent));
	name_text(authority_parent_zone(a), parent.zone, sizeof(parent.zone));
	parent.source = a->parent_soa.found ? FIX_ZONE_SOA : FIX_ZONE_PARENT;
	parent.contact = a->parent_soa.rname;
	ptr_where(rep, &self);
	textbuf_printf(tb,
	    "%sA server named for %s does not serve it (see "
	    "lame-server): its NS record is deleted at the parent and in the "
	    "zone.",
	    tb->len > 0 ? " " : "", zone);
	for (i = 0; i < a->nrows; i++) {
		const struct auth_row *r = &a->rows[i];

		if (!authority_is_delegated(a, r) || !authority_row_lame(r) ||
		    r->name.len == 0)
			continue;
		name_text(&r->name, ns, sizeof(ns));
		for (k = 0; k < lv->nns; k++)
			if (name_equal(&lv->ns[k], &r->name))
				add_record(p, "delete", &parent, zone, FIX_TTL,
				    "NS", ns);
		for (k = 0; k < a->nchild_ns; k++)
			if (name_equal(&a->child_ns[k], &r->name))
				add_record(p, "delete", &self, zone, FIX_TTL,
				    "NS", ns);
	}
}

/* plan_authority - when the zone's own servers explain the verdict, the
 * records are not what needs changing; true when that is the case. */
static bool
plan_authority(const struct ptrcheck_report *rep, struct textbuf *tb)
{
	if (has(rep, PTRCHECK_WARN_PROVIDER_NOT_DELEGATED))
		return false; /* plan_provider below */
	if (has(rep, PTRCHECK_WARN_NEGATIVE_CACHE)) {
		textbuf_printf(tb,
		    "The zone's servers already hold the new PTR; "
		    "resolvers that asked before the change keep their "
		    "negative answer "
		    "until it expires (up to %u s here, see negative-cache). "
		    "Nothing to "
		    "change: wait, or flush your own resolver's cache.",
		    authority_negative_ttl(rep->auth));
		return true;
	}
	if (has(rep, PTRCHECK_WARN_ZONE_UNREACHABLE)) {
		textbuf_puts(tb, "No server of the reverse zone answers (see "
		                 "Authority): receivers defer for days, then "
		                 "bounce. Whoever runs "
		                 "the zone must fix its servers, or the holder "
		                 "of the IP block the "
		                 "delegation.");
		return true;
	}
	return false;
}

/* plan_provider - the record made at a provider nobody delegated to:
 * the same PTR must be set where the zone is delegated. */
static bool
plan_provider(
    const struct ptrcheck_report *rep, struct fix_plan *p, struct textbuf *tb)
{
	const struct authority *a = rep->auth;
	char target[PTRCHECK_NAME_TEXT_MAX], owner[PTRCHECK_NAME_TEXT_MAX];
	struct textbuf who;
	struct where w;
	size_t i;

	if (a == NULL || !has(rep, PTRCHECK_WARN_PROVIDER_NOT_DELEGATED))
		return false;
	for (i = 0; i < a->nrows; i++)
		if (authority_provider_undelegated(a, &a->rows[i]) &&
		    a->rows[i].nptr > 0)
			break;
	if (i == a->nrows)
		return false;
	if (a->soa.found)
		where_from_soa(&a->soa, &w);
	else
		ptr_where(rep, &w);
	name_text(&a->qname, owner, sizeof(owner));
	name_text(&a->rows[i].ptrs[0], target, sizeof(target));
	textbuf_printf(tb,
	    "The PTR made at your DNS provider is not used: the "
	    "reverse zone %s is delegated elsewhere (see "
	    "provider-not-delegated). "
	    "The same record has to be in the delegated zone, or the zone "
	    "delegated "
	    "to your provider.",
	    w.zone);
	add_record(p, rep->nptr > 0 ? "replace" : "add", &w, owner, FIX_TTL,
	    "PTR", target);
	textbuf_init(&who, p->who, sizeof(p->who));
	who_reverse(rep, &w, &who);
	return true;
}

static void
plan_verdict(
    const struct ptrcheck_report *rep, struct fix_plan *p, struct textbuf *tb)
{
	if (rep->verdict != PTRCHECK_VERDICT_TEMPORARY &&
	    !ptr_is_hostname(rep) &&
	    rep->verdict != PTRCHECK_VERDICT_PTR_MISSING) {
		plan_hostname(rep, p, tb);
		return;
	}
	switch (rep->verdict) {
	case PTRCHECK_VERDICT_PTR_MISSING:
		plan_missing(rep, p, tb);
		break;
	case PTRCHECK_VERDICT_FORWARD_MISSING:
	case PTRCHECK_VERDICT_FORWARD_MISMATCH:
		plan_forward(rep, p, tb);
		break;
	case PTRCHECK_VERDICT_PTR_GENERIC:
		plan_generic(rep, p, tb);
		break;
	case PTRCHECK_VERDICT_PTR_INVALID:
		plan_invalid(rep, p, tb);
		break;
	case PTRCHECK_VERDICT_TEMPORARY:
		plan_temporary(rep, tb);
		break;
	case PTRCHECK_VERDICT_PASS:
		break;
	}
}

void
fix_plan_build(const struct ptrcheck_report *rep, struct fix_plan *out)
{
	struct textbuf cause;

	memset(out, 0, offsetof(struct fix_plan, items));
	textbuf_init(&cause, out->cause, sizeof(out->cause));
	if (plan_authority(rep, &cause))
		return;
	if (!plan_provider(rep, out, &cause))
		plan_verdict(rep, out, &cause);
	plan_who_provider(rep, out);
	if (rep->auth == NULL)
		return;
	if (has(rep, PTRCHECK_WARN_SERVERS_DISAGREE))
		plan_disagree(rep, out, &cause);
	if (has(rep, PTRCHECK_WARN_LAME_SERVER))
		plan_lame(rep, out, &cause);
}

const char *
fix_zone_name(enum fix_zone z)
{
	switch (z) {
	case FIX_ZONE_SOA:
		return "soa";
	case FIX_ZONE_CONVENTIONAL:
		return "conventional";
	case FIX_ZONE_PLACEHOLDER:
		return "placeholder";
	case FIX_ZONE_PARENT:
		break;
	}
	return "parent";
}

const char *
fix_receivers(enum ptrcheck_verdict v)
{
	switch (v) {
	case PTRCHECK_VERDICT_PASS:
		return "Receivers that require forward-confirmed reverse DNS "
		       "(Gmail, Microsoft, Postfix's "
		       "reject_unknown_client_hostname) "
		       "accept this address.";
	case PTRCHECK_VERDICT_PTR_MISSING:
		return "Gmail rejects with 550-5.7.25 (\"does not have a PTR "
		       "record "
		       "setup\"); many receivers answer 554 or 450 for a "
		       "client "
		       "without a PTR.";
	case PTRCHECK_VERDICT_FORWARD_MISSING:
	case PTRCHECK_VERDICT_FORWARD_MISMATCH:
		return "Gmail rejects with 550-5.7.25 (\"the corresponding "
		       "forward "
		       "DNS entry does not point to the sending IP\"); "
		       "Postfix's "
		       "reject_unknown_client_hostname refuses it too.";
	case PTRCHECK_VERDICT_PTR_GENERIC:
		return "Forward-confirmed, so Gmail accepts it, but spam "
		       "filters "
		       "score generic names (SpamAssassin's RDNS_DYNAMIC) and "
		       "some "
		       "receivers refuse mail from dynamic-looking hosts.";
	case PTRCHECK_VERDICT_PTR_INVALID:
		return "Receivers treat an invalid PTR name like no PTR: Gmail "
		       "rejects with 550-5.7.25.";
	case PTRCHECK_VERDICT_TEMPORARY:
		return "Receivers see the same failure and defer with 4xx; "
		       "mail "
		       "waits in queues and bounces after days.";
	}
	return "";
}

const char *
fix_explanation(const struct ptrcheck_report *rep)
{
	if (ptrcheck_report_has_warning(
	        rep, PTRCHECK_WARN_RESOLVER_UNREACHABLE))
		return "This failure is your resolver's, not what receivers "
		       "see: "
		       "their own resolvers ask the zone's servers. What "
		       "receivers "
		       "do is not known until a resolver answers.";
	return fix_receivers(rep->verdict);
}

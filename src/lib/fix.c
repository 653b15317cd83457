/* fix.c - from a verdict to the exact records that repair it. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "authority.h"
#include "authority_judge.h"
#include "fix.h"
#include "report.h"
#include "textbuf.h"

#define FIX_TTL 3600

struct names {
	char owner[PTRCHECK_NAME_TEXT_MAX]; /* where the PTR lives */
	char zone[PTRCHECK_NAME_TEXT_MAX];
	bool zone_from_soa;
	char ip[PTRCHECK_ADDR_TEXT_MAX];
	char contact[PTRCHECK_NAME_TEXT_MAX]; /* SOA RNAME, if known */
};

static const struct dname *
effective_owner(const struct ptrcheck_report *rep)
{
	/* RFC 2317: the PTR lives where the CNAME chain ends; a loop has no
	 * end, and the owner's CNAME is what must become a PTR. */
	if (rep->cname_loop || rep->nptr_chain == 0)
		return &rep->owner;
	return &rep->ptr_chain[rep->nptr_chain - 1];
}

static void
names_init(const struct ptrcheck_report *rep, struct names *n)
{
	struct dname zone;
	const struct wire_soa *soa = rep->zone_soa.found ? &rep->zone_soa : &rep->ptr_soa;

	memset(n, 0, sizeof(*n));
	name_text(effective_owner(rep), n->owner, sizeof(n->owner));
	n->zone_from_soa = report_zone(rep, &zone);
	name_text(&zone, n->zone, sizeof(n->zone));
	ptrcheck_addr_format(&rep->addr, n->ip, sizeof(n->ip));
	if (n->zone_from_soa && soa->found)
		name_text(&soa->rname, n->contact, sizeof(n->contact));
}

static struct fix_item *
add_item(struct fix_plan *p, const char *action, const char *zone, enum fix_zone source)
{
	struct fix_item *it;

	if (p->nitems == FIX_MAX_ITEMS)
		return NULL;
	it = &p->items[p->nitems++];
	snprintf(it->action, sizeof(it->action), "%s", action);
	snprintf(it->zone, sizeof(it->zone), "%s", zone);
	it->zone_source = source;
	return it;
}

static void
add_ptr(struct fix_plan *p, const struct names *n, const char *action,
    const char *target)
{
	struct fix_item *it = add_item(p, action, n->zone,
	    n->zone_from_soa ? FIX_ZONE_SOA : FIX_ZONE_CONVENTIONAL);

	if (it != NULL)
		snprintf(it->record, sizeof(it->record), "%s %u IN PTR %s",
		    n->owner, FIX_TTL, target);
}

static void
add_forward(struct fix_plan *p, const struct ptrcheck_report *rep,
    const struct names *n, const char *host, const struct wire_soa *soa)
{
	char zone[PTRCHECK_NAME_TEXT_MAX];
	struct fix_item *it;

	if (soa != NULL && soa->found)
		name_text(&soa->zone, zone, sizeof(zone));
	else
		snprintf(zone, sizeof(zone), "the zone that holds %s", host);
	it = add_item(p, "add", zone, soa != NULL && soa->found ? FIX_ZONE_SOA : FIX_ZONE_UNNAMED);
	if (it != NULL)
		snprintf(it->record, sizeof(it->record), "%s %u IN %s %s", host,
		    FIX_TTL, rep->addr.family == AF_INET ? "A" : "AAAA", n->ip);
}

/* wanted_host - the name the PTR should carry: the one the user (or the
 * data) gave, or a placeholder that the report flags. */
static void
wanted_host(const struct ptrcheck_report *rep, struct fix_plan *p, char *buf,
    size_t len)
{
	if (rep->hostname.len > 0) {
		name_text(&rep->hostname, buf, len);
		return;
	}
	p->placeholder = true;
	snprintf(buf, len, "%s", FIX_PLACEHOLDER_HOST);
}

static void
who_for(const struct names *n, struct fix_plan *p)
{
	struct textbuf tb;

	textbuf_init(&tb, p->who, sizeof(p->who));
	textbuf_printf(&tb, "Only whoever runs the reverse zone %s can change it: "
	    "the holder of the IP block (your ISP or hosting provider)", n->zone);
	if (n->contact[0] != '\0')
		textbuf_printf(&tb, ", contact %s per its SOA", n->contact);
	else
		textbuf_puts(&tb, ", found with whois for the address");
	textbuf_puts(&tb, ". A PTR created at another DNS provider has no effect.");
}

static void
plan_missing(const struct ptrcheck_report *rep, const struct names *n,
    struct fix_plan *p)
{
	char host[PTRCHECK_NAME_TEXT_MAX];
	struct textbuf tb;

	textbuf_init(&tb, p->cause, sizeof(p->cause));
	wanted_host(rep, p, host, sizeof(host));
	if (rep->cname_loop) {
		textbuf_printf(&tb, "The CNAME records for %s form a loop, so no "
		    "PTR can be reached; replace them with one PTR.", n->owner);
	} else if (rep->ptr_answer == PTRCHECK_ANSWER_NODATA) {
		textbuf_printf(&tb, "The name %s exists but has no PTR record: it "
		    "holds other types (often an A or TXT created where a PTR "
		    "was meant).", n->owner);
	} else if (rep->ptr_soa.found &&
	    report_zone_undelegated(rep, &rep->ptr_soa.zone)) {
		char z[PTRCHECK_NAME_TEXT_MAX];

		textbuf_printf(&tb, "NXDOMAIN came from %s: the reverse zone for "
		    "this block is not delegated to anyone. Ask the holder of the "
		    "IP block to delegate %s or to set the PTR.",
		    name_text(&rep->ptr_soa.zone, z, sizeof(z)), n->zone);
	} else {
		textbuf_printf(&tb, "The reverse zone %s exists but holds no "
		    "record for %s: add the PTR there.", n->zone, n->owner);
	}
	add_ptr(p, n, "add", host);
	/* A known name came from forward data, which has its address; the
	 * placeholder stands for a name that needs both records. */
	if (p->placeholder)
		add_forward(p, rep, n, host, NULL);
	who_for(n, p);
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

static void
plan_forward(const struct ptrcheck_report *rep, const struct names *n,
    struct fix_plan *p)
{
	const struct report_ptr *ptr = first_valid(rep);
	char host[PTRCHECK_NAME_TEXT_MAX];

	if (ptr == NULL)
		return;
	name_text(&ptr->name, host, sizeof(host));
	snprintf(p->cause, sizeof(p->cause), "%s %s. Either give %s the address "
	    "%s in its forward zone, or point the PTR at a name that has it.",
	    host, rep->verdict == PTRCHECK_VERDICT_FORWARD_MISSING
		      ? "has no address record of this family"
		      : "resolves to other addresses only",
	    host, n->ip);
	add_forward(p, rep, n, host, &ptr->fwd_soa);
	snprintf(p->who, sizeof(p->who), "The forward zone of %s is yours (or "
	    "your DNS provider's); the PTR stays as it is.", host);
}

static void
plan_generic(const struct ptrcheck_report *rep, const struct names *n,
    struct fix_plan *p)
{
	char host[PTRCHECK_NAME_TEXT_MAX];

	wanted_host(rep, p, host, sizeof(host));
	snprintf(p->cause, sizeof(p->cause), "The PTR is an ISP-style generic "
	    "name. Ask for a PTR that names your mail server, and give that name "
	    "the address %s.", n->ip);
	add_ptr(p, n, "replace", host);
	add_forward(p, rep, n, host, NULL);
	who_for(n, p);
}

static void
plan_invalid(const struct ptrcheck_report *rep, const struct names *n,
    struct fix_plan *p)
{
	char host[PTRCHECK_NAME_TEXT_MAX];
	struct dname zone, stripped;
	size_t i;

	host[0] = '\0';
	(void)report_zone(rep, &zone);
	/* "mail.example.com" without its dot became mail.example.com.<zone>. */
	for (i = 0; i < rep->nptr && rep->hostname.len == 0; i++) {
		if (rep->ptrs[i].problem == NAME_UNDER_ARPA &&
		    name_strip_zone(&rep->ptrs[i].name, &zone, &stripped) &&
		    name_check_host(&stripped) == NAME_OK) {
			name_text(&stripped, host, sizeof(host));
			break;
		}
	}
	if (host[0] == '\0')
		wanted_host(rep, p, host, sizeof(host));
	snprintf(p->cause, sizeof(p->cause), "The PTR target is not a valid "
	    "host name, and receivers treat it as no name at all.");
	add_ptr(p, n, "replace", host);
	who_for(n, p);
}

/* plan_provider - the record made at a provider nobody delegated to:
 * the same PTR must be set where the zone is delegated. */
static bool
plan_provider(const struct ptrcheck_report *rep, struct fix_plan *p)
{
	const struct authority *a = rep->auth;
	char target[PTRCHECK_NAME_TEXT_MAX];
	struct names n;
	size_t i;

	for (i = 0; i < a->nrows; i++)
		if (authority_provider_undelegated(a, &a->rows[i]) && a->rows[i].nptr > 0)
			break;
	if (i == a->nrows)
		return false;
	names_init(rep, &n);
	name_text(&authority_zone_level(a)->zone, n.zone, sizeof(n.zone));
	n.zone_from_soa = true;
	name_text(&a->qname, n.owner, sizeof(n.owner));
	name_text(&a->rows[i].ptrs[0], target, sizeof(target));
	snprintf(p->cause, sizeof(p->cause), "The PTR made at your DNS provider "
	    "is not used: the reverse zone %s is delegated elsewhere (see "
	    "provider-not-delegated). The same record has to be in the delegated "
	    "zone, or the zone delegated to your provider.", n.zone);
	add_ptr(p, &n, rep->nptr > 0 ? "replace" : "add", target);
	who_for(&n, p);
	return true;
}

/* plan_authority - when the zone's own servers explain the verdict, the
 * records are not what needs changing; true when that is the case. */
static bool
plan_authority(const struct ptrcheck_report *rep, struct fix_plan *p)
{
	if (ptrcheck_report_has_warning(rep, PTRCHECK_WARN_PROVIDER_NOT_DELEGATED))
		return plan_provider(rep, p);
	if (ptrcheck_report_has_warning(rep, PTRCHECK_WARN_NEGATIVE_CACHE)) {
		snprintf(p->cause, sizeof(p->cause), "The zone's servers already "
		    "hold the new PTR; resolvers that asked before the change keep "
		    "their negative answer until it expires (up to %u s here, see "
		    "negative-cache). Nothing to change: wait, or flush your own "
		    "resolver's cache.", authority_negative_ttl(rep->auth));
		return true;
	}
	if (ptrcheck_report_has_warning(rep, PTRCHECK_WARN_ZONE_UNREACHABLE)) {
		snprintf(p->cause, sizeof(p->cause), "No server of the reverse zone "
		    "answers (see Authority): receivers defer for days, then bounce. "
		    "Whoever runs the zone must fix its servers, or the holder of "
		    "the IP block the delegation.");
		return true;
	}
	return false;
}

void
fix_plan_build(const struct ptrcheck_report *rep, struct fix_plan *out)
{
	struct names n;

	memset(out, 0, sizeof(*out));
	if (plan_authority(rep, out))
		return;
	names_init(rep, &n);
	switch (rep->verdict) {
	case PTRCHECK_VERDICT_PTR_MISSING:
		plan_missing(rep, &n, out);
		break;
	case PTRCHECK_VERDICT_FORWARD_MISSING:
	case PTRCHECK_VERDICT_FORWARD_MISMATCH:
		plan_forward(rep, &n, out);
		break;
	case PTRCHECK_VERDICT_PTR_GENERIC:
		plan_generic(rep, &n, out);
		break;
	case PTRCHECK_VERDICT_PTR_INVALID:
		plan_invalid(rep, &n, out);
		break;
	case PTRCHECK_VERDICT_TEMPORARY:
		snprintf(out->cause, sizeof(out->cause), "No conclusion: a DNS "
		    "server failed or did not answer (see the queries). If it "
		    "persists, receivers defer for days and then bounce.");
		break;
	case PTRCHECK_VERDICT_PASS:
		break;
	}
}

const char *
fix_zone_name(enum fix_zone z)
{
	switch (z) {
	case FIX_ZONE_SOA:
		return "soa";
	case FIX_ZONE_CONVENTIONAL:
		return "conventional";
	case FIX_ZONE_UNNAMED:
		break;
	}
	return "unnamed";
}

const char *
fix_receivers(enum ptrcheck_verdict v)
{
	switch (v) {
	case PTRCHECK_VERDICT_PASS:
		return "Receivers that require forward-confirmed reverse DNS "
		       "(Gmail, Microsoft, Postfix's reject_unknown_client_hostname) "
		       "accept this address.";
	case PTRCHECK_VERDICT_PTR_MISSING:
		return "Gmail rejects with 550-5.7.25 (\"does not have a PTR record "
		       "setup\"); many receivers answer 554 or 450 for a client "
		       "without a PTR.";
	case PTRCHECK_VERDICT_FORWARD_MISSING:
	case PTRCHECK_VERDICT_FORWARD_MISMATCH:
		return "Gmail rejects with 550-5.7.25 (\"the corresponding forward "
		       "DNS entry does not point to the sending IP\"); Postfix's "
		       "reject_unknown_client_hostname refuses it too.";
	case PTRCHECK_VERDICT_PTR_GENERIC:
		return "Forward-confirmed, so Gmail accepts it, but spam filters "
		       "score generic names (SpamAssassin's RDNS_DYNAMIC) and some "
		       "receivers refuse mail from dynamic-looking hosts.";
	case PTRCHECK_VERDICT_PTR_INVALID:
		return "Receivers treat an invalid PTR name like no PTR: Gmail "
		       "rejects with 550-5.7.25.";
	case PTRCHECK_VERDICT_TEMPORARY:
		return "Receivers see the same failure and defer with 4xx; mail "
		       "waits in queues and bounces after days.";
	}
	return "";
}

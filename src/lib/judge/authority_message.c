/* authority_message.c - one plain sentence per authority warning, naming
 * the servers and the zone; every name from DNS goes out escaped. */
#include <string.h>

#include "authority.h"
#include "authority_judge.h"
#include "authority_text.h"
#include "report.h"
#include "textbuf.h"
#include "verdict.h"

/* Resolver caps on negative caching, as shipped: Unbound
 * cache-max-negative-ttl and PowerDNS max-negative-ttl 3600, BIND
 * max-ncache-ttl 10800. */
#define CAP_TEXT                                                               \
	"Unbound and PowerDNS keep a negative answer at most 1 hour, BIND 3 "  \
	"hours"

void
authority_put_row(struct textbuf *tb, const struct auth_row *r)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX];

	ptrcheck_addr_format(&r->addr, ip, sizeof(ip));
	if (r->name.len > 0) {
		name_to_text(&r->name, tb);
		textbuf_printf(tb, " (%s)", ip);
	} else {
		textbuf_puts(tb, ip);
	}
}

void
authority_put_answer(struct textbuf *tb, const struct auth_row *r)
{
	size_t i;

	if (r->state == AUTH_ROW_UNTESTED) {
		textbuf_puts(
		    tb, "not tested (no route to this address family)");
		return;
	}
	if (r->state == AUTH_ROW_PENDING) {
		textbuf_puts(tb, "no answer before the deadline");
		return;
	}
	if (r->referral.len > 0 && !r->aa) {
		textbuf_puts(tb, "a referral to ");
		name_to_text(&r->referral, tb);
		return;
	}
	if (r->answer == PTRCHECK_ANSWER_FOUND) {
		textbuf_puts(tb, "PTR");
		for (i = 0; i < r->nptr; i++) {
			textbuf_puts(tb, i > 0 ? ", " : " ");
			name_to_text(&r->ptrs[i], tb);
		}
	} else if (r->cname) {
		textbuf_puts(tb, "a CNAME");
	} else {
		textbuf_puts(tb, ptrcheck_answer_name(r->answer));
	}
	if (!r->aa && !answer_is_failure(r->answer))
		textbuf_puts(tb, " without the AA flag");
}

/* put_rows - "a (ip): answer; b (ip): answer" for rows that pass keep. */
static void
put_rows(struct textbuf *tb, const struct authority *a,
    bool (*keep)(const struct auth_row *), bool with_answer)
{
	size_t i, n = 0;

	for (i = 0; i < a->nrows; i++) {
		const struct auth_row *r = &a->rows[i];

		if (!authority_is_delegated(a, r) || !keep(r))
			continue;
		textbuf_puts(tb, n++ > 0 ? (with_answer ? "; " : ", ") : "");
		authority_put_row(tb, r);
		if (with_answer) {
			textbuf_puts(tb, ": ");
			authority_put_answer(tb, r);
		}
	}
}

static bool
any_row(const struct auth_row *r)
{
	return r->state != AUTH_ROW_UNTESTED;
}

static void
put_names(struct textbuf *tb, const struct dname *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		textbuf_puts(tb, i > 0 ? ", " : "");
		name_to_text(&names[i], tb);
	}
	if (n == 0)
		textbuf_puts(tb, "(none)");
}

/* put_zone_servers - the delegated servers by name. */
static void
put_zone_servers(struct textbuf *tb, const struct authority *a)
{
	const struct auth_level *z = authority_zone_level(a);

	if (z->nns > 0)
		put_names(tb, z->ns, z->nns);
	else
		put_names(tb, a->child_ns, a->nchild_ns);
}

void
authority_put_contact(struct textbuf *tb, const struct dname *rname)
{
	char text[PTRCHECK_NAME_TEXT_MAX], rest[PTRCHECK_NAME_TEXT_MAX];
	struct dname parent;
	size_t tl, rl;

	/* RFC 1035 8: the first label is the mailbox, the rest its domain. */
	name_text(rname, text, sizeof(text));
	if (!name_parent(rname, &parent) || parent.len <= 1) {
		textbuf_puts(tb, text);
		return;
	}
	name_text(&parent, rest, sizeof(rest));
	tl = strlen(text);
	rl = strlen(rest);
	if (tl <= rl + 1) {
		textbuf_puts(tb, text);
		return;
	}
	textbuf_printf(tb, "%.*s@%.*s", (int)(tl - rl - 1), text,
	    (int)(rl > 0 && rest[rl - 1] == '.' ? rl - 1 : rl), rest);
}

static void
put_zone(struct textbuf *tb, const struct authority *a)
{
	name_to_text(&authority_zone_level(a)->zone, tb);
}

static void
msg_disagree(struct textbuf *tb, const struct authority *a)
{
	textbuf_puts(tb, "The servers of ");
	put_zone(tb, a);
	textbuf_puts(tb, " give different answers (");
	put_rows(tb, a, authority_row_spoke, true);
	textbuf_puts(tb,
	    "). Resolvers pick one at random, so receivers see either; "
	    "make every server load the same zone (check zone transfers and "
	    "serials).");
}

static void
msg_serials(struct textbuf *tb, const struct authority *a)
{
	size_t i, n = 0;

	textbuf_puts(tb, "The servers of ");
	put_zone(tb, a);
	textbuf_puts(tb, " hold different SOA serials (");
	for (i = 0; i < a->nrows; i++) {
		const struct auth_row *r = &a->rows[i];

		if (!authority_is_delegated(a, r) || !r->has_serial)
			continue;
		textbuf_puts(tb, n++ > 0 ? ", " : "");
		authority_put_row(tb, r);
		textbuf_printf(tb, " %u", r->serial);
	}
	textbuf_puts(tb,
	    ") but give the same answer: normal while a change propagates.");
}

static void
msg_negative(struct textbuf *tb, const struct ptrcheck_report *rep,
    const struct authority *a)
{
	bool disagree;
	const struct auth_row *c = authority_consensus(a, &disagree);

	textbuf_puts(tb, "The zone's servers now answer ");
	if (c != NULL)
		authority_put_answer(tb, c);
	textbuf_printf(tb,
	    ", but the resolver still answers %s from its cache. ",
	    ptrcheck_answer_name(rep->ptr_answer));
	if (a->soa.found)
		textbuf_printf(tb,
		    "A negative answer may be cached %u s (the lesser of "
		    "the SOA TTL %u and its MINIMUM %u, RFC 2308); ",
		    authority_negative_ttl(a), a->soa.ttl, a->soa.minimum);
	textbuf_puts(tb, CAP_TEXT);
	if (rep->ptr_soa.found)
		textbuf_printf(
		    tb, ". This resolver forgets it in %u s", rep->ptr_soa.ttl);
	textbuf_puts(tb,
	    ". Receivers that asked before the fix may reject until "
	    "their copy expires; nothing else needs changing.");
}

static void
msg_resolver(struct textbuf *tb, const struct ptrcheck_report *rep,
    const struct authority *a)
{
	bool disagree;
	const struct auth_row *c = authority_consensus(a, &disagree);
	size_t i;

	textbuf_puts(tb, "The resolver answers ");
	if (rep->ptr_answer == PTRCHECK_ANSWER_FOUND) {
		textbuf_puts(tb, "PTR");
		for (i = 0; i < rep->nptr; i++) {
			textbuf_puts(tb, i > 0 ? ", " : " ");
			name_to_text(&rep->ptrs[i].name, tb);
		}
	} else {
		textbuf_puts(tb, ptrcheck_answer_name(rep->ptr_answer));
	}
	textbuf_puts(tb, ", but the zone's servers answer ");
	if (c != NULL)
		authority_put_answer(tb, c);
	textbuf_puts(tb,
	    ": a split-horizon view or a stale local cache. What you "
	    "see here is not what receivers on the Internet see; they get the "
	    "servers' answer.");
}

static void
msg_provider(struct textbuf *tb, const struct authority *a)
{
	size_t i, n = 0;

	textbuf_puts(tb, "Your provider ");
	for (i = 0; i < a->nrows; i++) {
		if (!authority_provider_undelegated(a, &a->rows[i]))
			continue;
		textbuf_puts(tb, n++ > 0 ? " and " : "");
		authority_put_row(tb, &a->rows[i]);
		textbuf_puts(tb, " holds ");
		authority_put_answer(tb, &a->rows[i]);
	}
	textbuf_puts(tb, ", but the reverse zone ");
	put_zone(tb, a);
	textbuf_puts(tb, " is delegated to ");
	put_zone_servers(tb, a);
	textbuf_puts(tb,
	    ", not to your provider, so no receiver ever asks it. Ask "
	    "the holder of the IP block");
	if (a->soa.found) {
		textbuf_puts(tb, " (contact ");
		authority_put_contact(tb, &a->soa.rname);
		textbuf_puts(tb, ")");
	}
	textbuf_puts(tb,
	    " to delegate the zone to your provider, or to set the PTR "
	    "themselves.");
}

static void
msg_rfc2317(struct textbuf *tb, const struct ptrcheck_report *rep,
    const struct authority *a)
{
	size_t i, n = 0;

	textbuf_puts(tb, "Classless delegation (RFC 2317): the zone ");
	name_to_text(&a->cname_zone, tb);
	textbuf_puts(tb, ", held by the owner of the larger block (servers ");
	for (i = 0; i < a->nlevels; i++)
		if (name_equal(&a->levels[i].zone, &a->cname_zone)) {
			put_names(tb, a->levels[i].ns, a->levels[i].nns);
			n++;
			break;
		}
	if (n == 0)
		textbuf_puts(tb, "unknown");
	textbuf_puts(tb, "), has a CNAME from ");
	name_to_text(&rep->owner, tb);
	textbuf_puts(tb, " to ");
	name_to_text(&a->qname, tb);
	textbuf_puts(tb, ", in the zone ");
	put_zone(tb, a);
	textbuf_puts(tb, " served by ");
	put_zone_servers(tb, a);
	textbuf_puts(tb, ". Change the PTR there; the CNAME stays as it is.");
}

void
authority_warning_message(const struct ptrcheck_report *rep,
    const struct report_warning *w, struct textbuf *tb)
{
	const struct authority *a = rep->auth;

	switch (w->code) {
	case PTRCHECK_WARN_LAME_SERVER:
		textbuf_puts(tb, "Lame delegation: ");
		put_rows(tb, a, authority_row_lame, true);
		textbuf_puts(tb,
		    ". The server is named for the zone but does not serve "
		    "it; resolvers lose time on it or fail. Make it serve the "
		    "zone or "
		    "remove it from the NS records at the parent and in the "
		    "zone.");
		return;
	case PTRCHECK_WARN_NS_NAME_UNRESOLVABLE:
		textbuf_puts(tb, "The zone ");
		put_zone(tb, a);
		textbuf_puts(tb, " is delegated to ");
		put_names(tb, a->unresolvable_ns, a->nunresolvable_ns);
		textbuf_puts(tb, a->nunresolvable_ns > 1 ? ", names that have"
		                                         : ", a name that has");
		textbuf_puts(tb,
		    " no address (the A and AAAA questions find nothing), "
		    "so no resolver can ask them. Whoever holds the parent "
		    "zone ");
		name_to_text(authority_parent_zone(a), tb);
		textbuf_puts(tb,
		    " must delegate to server names that resolve, or the "
		    "names need their address records.");
		return;
	case PTRCHECK_WARN_SERVER_FAILURE:
		put_rows(tb, a, authority_row_failing, false);
		textbuf_puts(tb, " answers SERVFAIL for its own zone ");
		put_zone(tb, a);
		textbuf_puts(tb,
		    ": it is named for the zone but cannot serve it (the "
		    "zone failed to load there, or expired). Its operator has "
		    "to repair "
		    "the zone on that server; its log says why.");
		return;
	case PTRCHECK_WARN_SERVER_UNREACHABLE:
		put_rows(tb, a, authority_row_unreachable, false);
		textbuf_puts(tb,
		    " did not answer. Resolvers wait for it before trying "
		    "another server; a receiver with a short timeout defers "
		    "the mail.");
		return;
	case PTRCHECK_WARN_ZONE_UNREACHABLE:
		textbuf_puts(tb, "No server of ");
		put_zone(tb, a);
		textbuf_puts(tb, " answers for it (");
		put_rows(tb, a, any_row, true);
		textbuf_puts(tb,
		    "). This is a persistent fault, not a passing one: "
		    "receivers defer the mail (4xx) for days, then bounce it.");
		return;
	case PTRCHECK_WARN_SERVERS_DISAGREE:
		msg_disagree(tb, a);
		return;
	case PTRCHECK_WARN_SERIAL_DIFFERS:
		msg_serials(tb, a);
		return;
	case PTRCHECK_WARN_DELEGATION_MISMATCH:
		textbuf_puts(tb, "The parent delegates ");
		put_zone(tb, a);
		textbuf_puts(tb, " to ");
		put_names(tb, authority_zone_level(a)->ns,
		    authority_zone_level(a)->nns);
		textbuf_puts(tb, ", but the zone's own NS records name ");
		put_names(tb, a->child_ns, a->nchild_ns);
		textbuf_puts(
		    tb, ". Make the two lists the same (RFC 1034 4.2.2).");
		return;
	case PTRCHECK_WARN_RFC2317:
		msg_rfc2317(tb, rep, a);
		return;
	case PTRCHECK_WARN_NEGATIVE_CACHE:
		msg_negative(tb, rep, a);
		return;
	case PTRCHECK_WARN_RESOLVER_DIFFERS:
		msg_resolver(tb, rep, a);
		return;
	case PTRCHECK_WARN_PROVIDER_NOT_DELEGATED:
		msg_provider(tb, a);
		return;
	default:
		return;
	}
}

/* warning.c - one sentence per warning, with the names escaped. */
#include "warning.h"
#include "authority_judge.h"
#include "helo.h"
#include "report.h"
#include "textbuf.h"

static void
ptr_name(const struct ptrcheck_report *rep, int i, struct textbuf *tb)
{
	if (i >= 0 && (size_t)i < rep->nptr)
		name_to_text(&rep->ptrs[i].name, tb);
	else
		textbuf_puts(tb, "the PTR name");
}

/* ede_name - RFC 8914 4's names for the codes a validator gives. */
static const char *
ede_name(int code)
{
	static const char *const names[] = {
	    "Other",
	    "Unsupported DNSKEY Algorithm",
	    "Unsupported DS Digest Type",
	    "Stale Answer",
	    "Forged Answer",
	    "DNSSEC Indeterminate",
	    "DNSSEC Bogus",
	    "Signature Expired",
	    "Signature Not Yet Valid",
	    "DNSKEY Missing",
	    "RRSIGs Missing",
	    "No Zone Key Bit Set",
	    "NSEC Missing",
	};

	return code >= 0 && (size_t)code < sizeof(names) / sizeof(names[0])
	           ? names[code]
	           : "see RFC 8914";
}

void
warning_message(const struct ptrcheck_report *rep,
    const struct report_warning *w, struct textbuf *tb)
{
	switch (w->code) {
	case PTRCHECK_WARN_MULTIPLE_PTR:
		textbuf_printf(tb, "%zu PTR records; ", rep->nptr_seen);
		textbuf_puts(tb,
		    w->severity == PTRCHECK_SEVERITY_WARN
		        ? "not every name confirms, and receivers that check "
		          "only "
		          "the first name (Postfix, OpenSMTPD) fail at random "
		          "because resolvers rotate the order. Keep one PTR."
		        : "every name confirms, but one PTR per address is the "
		          "usual practice.");
		return;
	case PTRCHECK_WARN_PTR_CNAME:
		textbuf_puts(tb, "The PTR is reached through a CNAME (RFC 2317 "
		                 "classless delegation); receivers follow it.");
		return;
	case PTRCHECK_WARN_CNAME_LOOP:
		textbuf_puts(tb, "A CNAME chain loops back on itself");
		if (w->ptr >= 0) {
			textbuf_puts(tb, " when resolving ");
			ptr_name(rep, w->ptr, tb);
		}
		textbuf_puts(tb, "; resolvers give up with SERVFAIL.");
		return;
	case PTRCHECK_WARN_FORWARD_CNAME:
		ptr_name(rep, w->ptr, tb);
		textbuf_puts(tb,
		    " is an alias (CNAME); RFC 1912 2.4 asks for a "
		    "PTR that points at a name with its own address record.");
		return;
	case PTRCHECK_WARN_TTL_SHORT:
		textbuf_printf(tb, "The PTR to ");
		ptr_name(rep, w->ptr, tb);
		textbuf_printf(tb,
		    " has a TTL of %u s at the zone's servers "
		    "(under 300 s): every receiver asks again almost every "
		    "time.",
		    rep->ptrs[w->ptr].own_ttl);
		return;
	case PTRCHECK_WARN_SPECIAL_ADDRESS:
		textbuf_printf(tb,
		    "This is a %s address: no receiver on the "
		    "Internet ever sees it as a client.",
		    ptrcheck_addr_special(&rep->addr));
		return;
	case PTRCHECK_WARN_TOO_MANY_PTR:
		textbuf_printf(tb,
		    "%zu PTR records; only the first %d were "
		    "checked.",
		    rep->nptr_seen, PTRCHECK_MAX_PTR_NAMES);
		return;
	case PTRCHECK_WARN_HOSTNAME_DIFFERS:
		textbuf_puts(tb, "The PTR does not name ");
		name_to_text(&rep->hostname, tb);
		textbuf_puts(tb, "; receivers compare it with the HELO name.");
		return;
	case PTRCHECK_WARN_FORWARD_UNKNOWN:
		ptr_name(rep, w->ptr, tb);
		textbuf_puts(tb,
		    " lies outside the forward data given: pass its zone "
		    "with --forward to check it.");
		return;
	case PTRCHECK_WARN_FORWARD_UNCHECKED:
		textbuf_puts(tb,
		    "PTR sweep only (--ptr-only): the forward lookup "
		    "that receivers also make was not checked.");
		return;
	case PTRCHECK_WARN_HELO_MISMATCH:
		helo_message(rep, tb);
		return;
	case PTRCHECK_WARN_FORWARD_FAILED:
		textbuf_puts(tb, "The address lookup of ");
		ptr_name(rep, w->ptr, tb);
		textbuf_printf(tb,
		    " failed (%s): the servers of its forward zone did "
		    "not give the resolver an answer, so no receiver can "
		    "confirm the "
		    "name until they do. Whoever runs that zone must repair "
		    "its "
		    "servers.",
		    ptrcheck_answer_name(rep->ptrs[w->ptr].fwd_answer));
		return;
	case PTRCHECK_WARN_RESOLVER_UNREACHABLE:
		textbuf_puts(tb, "The resolver you asked");
		if (rep->nqueries > 0)
			textbuf_printf(tb, " (%s)", rep->queries[0].server);
		textbuf_puts(tb,
		    " refuses the question or does not answer at all "
		    "(silence is confirmed with a question any resolver "
		    "answers "
		    "from its cache): this is your resolver, not what "
		    "receivers "
		    "see. Nothing is known about this address yet: ask again "
		    "through a resolver that works (--resolver).");
		return;
	case PTRCHECK_WARN_DNSSEC_BOGUS:
		textbuf_puts(tb, "The resolver answers SERVFAIL because DNSSEC "
		                 "validation of the reverse zone fails");
		if (rep->ptr_ede >= 0)
			textbuf_printf(tb, " (Extended DNS Error %d: %s)",
			    rep->ptr_ede, ede_name(rep->ptr_ede));
		textbuf_puts(tb,
		    "; asked without validation (CD) it answers. Every "
		    "validating receiver (most of them) sees the failure: the "
		    "zone's "
		    "signatures or its DS at the parent must be repaired.");
		return;
	case PTRCHECK_WARN_DEADLINE:
		textbuf_puts(tb, "The check's deadline passed before every "
		                 "answer arrived.");
		return;
	default:
		authority_warning_message(rep, w, tb);
		return;
	}
}

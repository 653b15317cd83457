/* warning.c - one sentence per warning, with the names escaped. */
#include "authority_judge.h"
#include "report.h"
#include "textbuf.h"
#include "warning.h"

static void
ptr_name(const struct ptrcheck_report *rep, int i, struct textbuf *tb)
{
	if (i >= 0 && (size_t)i < rep->nptr)
		name_to_text(&rep->ptrs[i].name, tb);
	else
		textbuf_puts(tb, "the PTR name");
}

void
warning_message(const struct ptrcheck_report *rep, const struct report_warning *w,
    struct textbuf *tb)
{
	switch (w->code) {
	case PTRCHECK_WARN_MULTIPLE_PTR:
		textbuf_printf(tb, "%zu PTR records; ", rep->nptr_seen);
		textbuf_puts(tb, w->severity == PTRCHECK_SEVERITY_WARN
			? "not every name confirms, and receivers that check only "
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
		textbuf_puts(tb, " is an alias (CNAME); RFC 1912 2.4 asks for a "
		    "PTR that points at a name with its own address record.");
		return;
	case PTRCHECK_WARN_TTL_SHORT:
		textbuf_printf(tb, "The PTR to ");
		ptr_name(rep, w->ptr, tb);
		textbuf_printf(tb, " has a TTL of %u s (under 300 s): every "
		    "receiver asks again almost every time.",
		    rep->ptrs[w->ptr].ttl);
		return;
	case PTRCHECK_WARN_SPECIAL_ADDRESS:
		textbuf_printf(tb, "This is a %s address: no receiver on the "
		    "Internet ever sees it as a client.",
		    ptrcheck_addr_special(&rep->addr));
		return;
	case PTRCHECK_WARN_TOO_MANY_PTR:
		textbuf_printf(tb, "%zu PTR records; only the first %d were "
		    "checked.", rep->nptr_seen, PTRCHECK_MAX_PTR_NAMES);
		return;
	case PTRCHECK_WARN_HOSTNAME_DIFFERS:
		textbuf_puts(tb, "The PTR does not name ");
		name_to_text(&rep->hostname, tb);
		textbuf_puts(tb, "; receivers compare it with the HELO name.");
		return;
	case PTRCHECK_WARN_FORWARD_UNKNOWN:
		ptr_name(rep, w->ptr, tb);
		textbuf_puts(tb, " lies outside the forward data given: pass its zone "
		    "with --forward to check it.");
		return;
	case PTRCHECK_WARN_FORWARD_UNCHECKED:
		textbuf_puts(tb, "PTR sweep only (--ptr-only): the forward lookup "
		    "that receivers also make was not checked.");
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

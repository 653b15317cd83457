/* decide.c - the reply to a policy request (see decide.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "decide.h"

static const char *const outcome_names[] = {
    [OUTCOME_NOT_THIS_STATE] = "not-this-state",
    [OUTCOME_AUTHENTICATED] = "authenticated",
    [OUTCOME_NO_CLIENT_ADDRESS] = "no-client-address",
    [OUTCOME_ALLOWLISTED_NETWORK] = "allowlisted-network",
    [OUTCOME_SPECIAL_ADDRESS] = "special-address",
    [OUTCOME_ALLOWLISTED_NAME] = "allowlisted-name",
    [OUTCOME_PASS] = "pass",
    [OUTCOME_LOGGED] = "logged",
    [OUTCOME_WOULD_REJECT] = "would-reject",
    [OUTCOME_TEMPFAIL_CAPPED] = "tempfail-capped",
    [OUTCOME_WOULD_DEFER] = "would-defer",
    [OUTCOME_REJECT] = "reject",
    [OUTCOME_DEFER] = "defer",
};

const char *
outcome_name(enum outcome o)
{
	return (size_t)o < sizeof(outcome_names) / sizeof(outcome_names[0])
	           ? outcome_names[o]
	           : "?";
}

bool
decide_early(const struct config *c, const struct policy_request *r,
    struct ptrcheck_addr *addr, bool *special, struct decision *d)
{
	*special = false;
	strcpy(d->action, "DUNNO");
	d->prepended = false;
	if (strcasecmp(r->protocol_state, c->protocol_state) != 0) {
		d->outcome = OUTCOME_NOT_THIS_STATE;
		return true;
	}
	if (r->sasl_username[0] != '\0') {
		d->outcome = OUTCOME_AUTHENTICATED;
		return true;
	}
	if (ptrcheck_addr_parse(r->client_address, addr) != PTRCHECK_OK) {
		d->outcome = OUTCOME_NO_CLIENT_ADDRESS;
		return true;
	}
	if (config_allows_addr(c, addr)) {
		d->outcome = OUTCOME_ALLOWLISTED_NETWORK;
		return true;
	}
	*special = ptrcheck_addr_special(addr) != NULL;
	if (*special && c->exempt_special) {
		d->outcome = OUTCOME_SPECIAL_ADDRESS;
		return true;
	}
	return false;
}

/* why - the reason a verdict fails, as the reply states it. */
static void
why(const struct facts *f, const char *ip, char *out, size_t len)
{
	switch (f->verdict) {
	case PTRCHECK_VERDICT_PTR_MISSING:
		snprintf(out, len,
		    "no PTR record for this address (reverse DNS "
		    "required; the holder of the IP block can add one)");
		return;
	case PTRCHECK_VERDICT_FORWARD_MISSING:
		snprintf(out, len,
		    "the PTR name %.255s has no address record "
		    "(forward-confirmed reverse DNS required)",
		    f->ptr);
		return;
	case PTRCHECK_VERDICT_FORWARD_MISMATCH:
		snprintf(out, len,
		    "the PTR name %.255s does not resolve back to %s "
		    "(forward-confirmed reverse DNS required)",
		    f->ptr, ip);
		return;
	case PTRCHECK_VERDICT_PTR_INVALID:
		snprintf(out, len,
		    "the PTR record %.255s is not a valid host name", f->ptr);
		return;
	case PTRCHECK_VERDICT_PTR_GENERIC:
		snprintf(out, len,
		    "the PTR name %.255s looks like an ISP's generic name "
		    "(a mail server needs a name of its own)",
		    f->ptr);
		return;
	case PTRCHECK_VERDICT_TEMPORARY:
		snprintf(out, len,
		    "reverse DNS lookup failed temporarily; try again later");
		return;
	case PTRCHECK_VERDICT_PASS:
		break;
	}
	snprintf(out, len, "reverse DNS confirmed");
}

/* iprev - RFC 8601 2.7.3 result of a verdict. */
static const char *
iprev(enum ptrcheck_verdict v)
{
	switch (v) {
	case PTRCHECK_VERDICT_PASS:
	case PTRCHECK_VERDICT_PTR_GENERIC:
		return "pass";
	case PTRCHECK_VERDICT_PTR_MISSING:
		return "permerror";
	case PTRCHECK_VERDICT_TEMPORARY:
		return "temperror";
	default:
		return "fail";
	}
}

/* comment_text - s as the inside of an RFC 5322 comment: parentheses and
 * backslashes quoted. */
static void
comment_text(const char *s, char *out, size_t len)
{
	size_t o = 0;

	for (; *s != '\0' && o + 3 < len; s++) {
		if (*s == '(' || *s == ')' || *s == '\\')
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o] = '\0';
}

static void
header(const struct config *c, const char *ip, const struct facts *f,
    const char *would, struct decision *d)
{
	char name[2 * FACTS_NAME_MAX], note[1000];
	const char *shown = f->confirmed[0] ? f->confirmed : f->ptr;

	comment_text(shown[0] ? shown : "no PTR", name, sizeof(name));
	comment_text(would != NULL ? would : "", note, sizeof(note));
	snprintf(d->action, sizeof(d->action),
	    "PREPEND Authentication-Results: %.255s; iprev=%s policy.iprev=%s "
	    "(%.300s%s%.700s)",
	    c->authserv_id, iprev(f->verdict), ip, name,
	    would ? "; would " : "", note);
	d->prepended = true;
}

/* pass_on - the mail goes on: DUNNO, or the header once per message. */
static void
pass_on(const struct config *c, const char *ip, const struct facts *f,
    bool add_header, const char *would, struct decision *d)
{
	if (c->authserv_id[0] != '\0' && add_header)
		header(c, ip, f, would, d);
	else
		strcpy(d->action, "DUNNO");
}

static enum config_action
action_of(const struct config *c, enum ptrcheck_verdict v)
{
	if (v == PTRCHECK_VERDICT_PASS)
		return ACTION_DUNNO;
	if (v == PTRCHECK_VERDICT_TEMPORARY)
		return c->tempfail == TEMPFAIL_DUNNO ? ACTION_LOG
		                                     : ACTION_DEFER;
	return c->action[v];
}

void
decide(const struct config *c, const struct ptrcheck_addr *addr,
    const struct facts *f, bool add_header, struct decision *d)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX], reason[500], reply[700];
	enum config_action act = action_of(c, f->verdict);
	bool temp = f->verdict == PTRCHECK_VERDICT_TEMPORARY;

	ptrcheck_addr_format(addr, ip, sizeof(ip));
	d->prepended = false;
	if (f->confirmed[0] != '\0' && config_allows_name(c, f->confirmed)) {
		d->outcome = OUTCOME_ALLOWLISTED_NAME;
		pass_on(c, ip, f, add_header, NULL, d);
		return;
	}
	if (act == ACTION_DUNNO || act == ACTION_LOG) {
		d->outcome = f->verdict == PTRCHECK_VERDICT_PASS
		                 ? OUTCOME_PASS
		                 : OUTCOME_LOGGED;
		pass_on(c, ip, f, add_header, NULL, d);
		return;
	}
	why(f, ip, reason, sizeof(reason));
	if (act == ACTION_REJECT)
		snprintf(reply, sizeof(reply),
		    "550 5.7.25 Client host [%s] rejected: %s", ip, reason);
	else if (temp && c->tempfail == TEMPFAIL_DEFER_IF_PERMIT)
		snprintf(reply, sizeof(reply),
		    "DEFER_IF_PERMIT 4.7.25 Client host [%s] "
		    "rejected: %s",
		    ip, reason);
	else
		snprintf(reply, sizeof(reply),
		    "450 4.7.25 Client host [%s] rejected: %s", ip, reason);
	if (c->warn_mode) {
		d->outcome = act == ACTION_REJECT ? OUTCOME_WOULD_REJECT
		                                  : OUTCOME_WOULD_DEFER;
		pass_on(c, ip, f, add_header, reply, d);
		return;
	}
	d->outcome = act == ACTION_REJECT ? OUTCOME_REJECT : OUTCOME_DEFER;
	snprintf(d->action, sizeof(d->action), "%.699s", reply);
}

void
decide_capped(const struct config *c, const struct ptrcheck_addr *addr,
    const struct facts *f, bool add_header, struct decision *d)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX];

	ptrcheck_addr_format(addr, ip, sizeof(ip));
	d->prepended = false;
	d->outcome = OUTCOME_TEMPFAIL_CAPPED;
	pass_on(c, ip, f, add_header,
	    "450, but it was deferred longer than tempfail-max-age", d);
}

/* policy.c - the policy protocol's request parser (see policy.h). */
#include <string.h>

#include "policy.h"

void
policy_parser_init(struct policy_parser *p)
{
	memset(p, 0, sizeof(*p));
}

/* valid_name - attribute names are lower-case words with underscores. */
static bool
valid_name(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 64)
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		        (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

/* slot_for - where a known attribute's value goes, or NULL. */
static char *
slot_for(struct policy_request *r, const char *name, size_t len, size_t *cap)
{
	static const struct {
		const char *name;
		size_t off, cap;
	} known[] = {
#define K(f)                                                                   \
	{#f, offsetof(struct policy_request, f),                               \
	    sizeof(((struct policy_request *)0)->f)}
	    K(request),
	    K(protocol_state),
	    K(client_address),
	    K(helo_name),
	    K(sasl_username),
	    K(instance),
#undef K
	};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strlen(known[i].name) == len &&
		    memcmp(known[i].name, name, len) == 0) {
			*cap = known[i].cap;
			return (char *)r + known[i].off;
		}
	return NULL;
}

static enum policy_status
fail(struct policy_parser *p, const char *why)
{
	strncpy(p->err, why, sizeof(p->err) - 1);
	p->err[sizeof(p->err) - 1] = '\0';
	memset(&p->req, 0, sizeof(p->req));
	return POLICY_ERROR;
}

enum policy_status
policy_feed_line(struct policy_parser *p, const char *line, size_t len)
{
	const char *eq;
	char *slot;
	size_t cap, vlen;

	if (p->done) {
		memset(&p->req, 0, sizeof(p->req)); /* a new request */
		p->done = false;
	}
	if (len > 0 && line[len - 1] == '\r')
		len--; /* typed by hand (telnet, nc -C): CRLF as LF */
	if (len == 0) {
		if (p->req.nattrs == 0)
			return fail(p, "an empty request");
		p->done = true;
		return POLICY_DONE;
	}
	if (len > POLICY_LINE_MAX)
		return fail(p, "a line longer than 4096 bytes");
	if (memchr(line, '\0', len) != NULL)
		return fail(p, "a NUL byte in a line");
	if ((eq = memchr(line, '=', len)) == NULL)
		return fail(p, "a line without name=value");
	if (!valid_name(line, (size_t)(eq - line)))
		return fail(
		    p, "an attribute name that is not a lower-case word");
	if (++p->req.nattrs > POLICY_ATTRS_MAX)
		return fail(p, "more than 128 attributes in one request");
	if ((slot = slot_for(&p->req, line, (size_t)(eq - line), &cap)) == NULL)
		return POLICY_MORE; /* unknown attributes are ignored */
	vlen = len - (size_t)(eq - line) - 1;
	if (vlen >= cap)
		vlen = cap -
		       1; /* cut: only logged, or compared with short values */
	memcpy(slot, eq + 1, vlen);
	slot[vlen] = '\0';
	return POLICY_MORE;
}

bool
policy_is_access_request(const struct policy_request *r)
{
	return strcmp(r->request, "smtpd_access_policy") == 0;
}

/* dsn.c - delivery-status fields (RFC 3464 2.1): "Name: value" lines with
 * folded continuations. Pure, with its own fuzz target. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "bounce.h"

static const char *const dsn_names[] = {
    "Reporting-MTA",
    "Received-From-MTA",
    "Arrival-Date",
    "Original-Envelope-Id",
    "Final-Recipient",
    "Original-Recipient",
    "Action",
    "Status",
    "Remote-MTA",
    "Diagnostic-Code",
    "Last-Attempt-Date",
    "Will-Retry-Until",
    "DSN-Gateway",
    NULL,
};

bool
dsn_is_field_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; dsn_names[i] != NULL; i++)
		if (strlen(dsn_names[i]) == len &&
		    strncasecmp(name, dsn_names[i], len) == 0)
			return true;
	return false;
}

static size_t
line_end(const char *text, size_t len, size_t pos)
{
	const char *nl = memchr(text + pos, '\n', len - pos);

	return nl == NULL ? len : (size_t)(nl - text);
}

bool
dsn_next(const char *text, size_t len, size_t *pos, struct dsn_field *f)
{
	size_t p = *pos, end, colon;

	while (p < len) {
		end = line_end(text, len, p);
		/* A field starts at column 0 with a name and a colon. */
		for (colon = p;
		     colon < end && (isalnum((unsigned char)text[colon]) ||
		                        text[colon] == '-');
		     colon++)
			;
		if (colon > p && colon < end && text[colon] == ':') {
			f->name = text + p;
			f->name_len = colon - p;
			f->value = text + colon + 1;
			/* Continuation lines start with white space (RFC
			 * 5322 2.2.3). */
			while (end < len && end + 1 < len &&
			       (text[end + 1] == ' ' || text[end + 1] == '\t'))
				end = line_end(text, len, end + 1);
			f->value_len = (size_t)(text + end - f->value);
			*pos = end < len ? end + 1 : len;
			return true;
		}
		p = end < len ? end + 1 : len;
	}
	*pos = len;
	return false;
}

/* copy_value - a field's value without its type ("rfc822; ", "dns; "),
 * folded white space made single blanks, into buf. */
static void
copy_value(const struct dsn_field *f, bool typed, char *buf, size_t len)
{
	const char *v = f->value, *end = f->value + f->value_len;
	const char *semi = memchr(v, ';', f->value_len);
	size_t o = 0;

	if (typed && semi != NULL)
		v = semi + 1;
	while (v < end && isspace((unsigned char)*v))
		v++;
	for (; v < end && o + 1 < len; v++) {
		char c = isspace((unsigned char)*v) ? ' ' : *v;

		if (c != ' ' || (o > 0 && buf[o - 1] != ' '))
			buf[o++] = c;
	}
	while (o > 0 && buf[o - 1] == ' ')
		o--;
	buf[o] = '\0';
}

static bool
field_is(const struct dsn_field *f, const char *name)
{
	return strlen(name) == f->name_len &&
	       strncasecmp(f->name, name, f->name_len) == 0;
}

/* group_for - the recipient group a field of a recipient belongs to: a
 * new one at each Final-Recipient (and at an Original-Recipient that
 * precedes it, RFC 3464 2.3). NULL when the report is full. */
static struct dsn_recipient *
group_for(struct dsn_report *r, const struct dsn_field *f)
{
	struct dsn_recipient *g = r->n > 0 ? &r->v[r->n - 1] : NULL;
	bool original = field_is(f, "Original-Recipient");
	bool final = field_is(f, "Final-Recipient");

	if ((original || final) && (g == NULL || g->recipient[0] != '\0' ||
	                               (original && g->original))) {
		if (r->n == DSN_MAX_RECIPIENTS) {
			r->capped = true;
			return NULL;
		}
		g = &r->v[r->n++];
		memset(g, 0, sizeof(*g));
	}
	if (g != NULL && original)
		g->original = true;
	return g;
}

void
dsn_report_read(const char *text, size_t len, struct dsn_report *r)
{
	struct dsn_field f;
	struct dsn_recipient *g;
	size_t pos = 0;

	while (dsn_next(text, len, &pos, &f)) {
		if (field_is(&f, "Reporting-MTA")) {
			copy_value(&f, true, r->reporting_mta,
			    sizeof(r->reporting_mta));
			continue;
		}
		if ((g = group_for(r, &f)) == NULL)
			continue; /* a field before any recipient, or capped */
		if (field_is(&f, "Final-Recipient"))
			copy_value(
			    &f, true, g->recipient, sizeof(g->recipient));
		else if (field_is(&f, "Action"))
			copy_value(&f, false, g->action, sizeof(g->action));
		else if (field_is(&f, "Status"))
			copy_value(&f, false, g->status, sizeof(g->status));
		else if (field_is(&f, "Remote-MTA")) {
			/* "dns; mx.example [192.0.2.1]": the host as named */
			copy_value(
			    &f, true, g->remote_mta, sizeof(g->remote_mta));
			g->remote_mta[strcspn(g->remote_mta, " ")] = '\0';
		} else if (field_is(&f, "Diagnostic-Code"))
			copy_value(
			    &f, true, g->diagnostic, sizeof(g->diagnostic));
	}
}

bool
dsn_recipient_failed(const struct dsn_recipient *g)
{
	return (strcasecmp(g->action, "failed") == 0 ||
	           strcasecmp(g->action, "delayed") == 0 ||
	           g->action[0] == '\0') &&
	       (g->status[0] == '4' || g->status[0] == '5');
}

enum dsn_host_role
dsn_host_role(const char *line)
{
	size_t n = strcspn(line, ":");

	if (line[n] != ':')
		return DSN_HOST_NONE;
	if ((n == 10 && strncasecmp(line, "Remote-MTA", n) == 0) ||
	    (n == 13 && strncasecmp(line, "Reporting-MTA", n) == 0))
		return DSN_HOST_RECEIVER;
	if (n == 17 && strncasecmp(line, "Received-From-MTA", n) == 0)
		return DSN_HOST_ORIGIN;
	return DSN_HOST_NONE;
}

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

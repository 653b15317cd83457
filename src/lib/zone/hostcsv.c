/* hostcsv.c - "ip,hostname" lines, the simplest inventory there is. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "name.h"
#include "ptrcheck/ptrcheck.h"

#define CSV_LINE_MAX 4096

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

bool
ptrcheck_hostcsv_line(const char *line, struct ptrcheck_zrecord *r, bool *blank,
    char *err, size_t errlen)
{
	char buf[CSV_LINE_MAX], *ip, *host, *comma;
	struct dname n;

	*blank = false;
	if (strlen(line) >= sizeof(buf)) {
		snprintf(
		    err, errlen, "line longer than %d bytes", CSV_LINE_MAX - 1);
		return false;
	}
	strcpy(buf, line);
	ip = trim(buf);
	if (*ip == '\0' || *ip == '#') {
		*blank = true;
		return true;
	}
	if ((comma = strchr(ip, ',')) == NULL) {
		snprintf(err, errlen, "expected ip,hostname");
		return false;
	}
	*comma = '\0';
	ip = trim(ip);
	host = trim(comma + 1);
	if (strchr(host, ',') != NULL) {
		snprintf(err, errlen, "more than two fields");
		return false;
	}
	memset(r, 0, sizeof(*r));
	if (ptrcheck_addr_parse(ip, &r->addr) != PTRCHECK_OK) {
		snprintf(err, errlen, "not an IP address in the first field");
		return false;
	}
	if (name_from_text(host, &n) != PTRCHECK_OK ||
	    name_check_host(&n) != NAME_OK) {
		snprintf(err, errlen, "not a host name in the second field");
		return false;
	}
	name_text(&n, r->owner, sizeof(r->owner));
	r->type = r->addr.family == AF_INET ? 1 : 28;
	r->ttl = 3600;
	return true;
}

/* csv_header - a first line of two words that are neither an address nor
 * a host name's usual first field: "ip,hostname", "IP Address,Name". */
static bool
csv_header(const char *line)
{
	struct ptrcheck_addr a;
	char first[64];
	size_t n = strcspn(line, ",");

	if (line[n] != ',' || n >= sizeof(first))
		return false;
	memcpy(first, line, n);
	first[n] = '\0';
	return ptrcheck_addr_parse(trim(first), &a) != PTRCHECK_OK &&
	       strpbrk(first, "0123456789:") == NULL;
}

enum ptrcheck_status
ptrcheck_hostcsv_read(
    FILE *f, ptrcheck_zrecord_fn *cb, void *arg, char *err, size_t errlen)
{
	char line[CSV_LINE_MAX + 2], why[128];
	struct ptrcheck_zrecord r;
	unsigned n = 0;
	bool blank;

	while (fgets(line, sizeof(line), f) != NULL) {
		n++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(err, errlen, "line %u: longer than %d bytes",
			    n, CSV_LINE_MAX - 1);
			return PTRCHECK_EINVAL;
		}
		line[strcspn(line, "\n")] = '\0';
		if (n == 1 && csv_header(line))
			continue; /* "ip,hostname" or the like: a spreadsheet's
			             export */
		if (!ptrcheck_hostcsv_line(
		        line, &r, &blank, why, sizeof(why))) {
			snprintf(err, errlen, "line %u: %s", n, why);
			return PTRCHECK_EINVAL;
		}
		if (blank)
			continue;
		r.line = n;
		if (!cb(&r, arg))
			break;
	}
	return PTRCHECK_OK;
}

/* zone_common.c - helpers of the zone subcommands. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "cli.h"
#include "zone.h"

void
prefix_mask(struct ptrcheck_prefix *p)
{
	unsigned bits = p->addr.family == AF_INET ? 32 : 128, i;

	for (i = p->len; i < bits; i++)
		p->addr.bytes[i / 8] &= (uint8_t) ~(0x80u >> (i % 8));
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* origin_from_path - "example.com.zone", "db.example.com" -> the name. */
static const char *
origin_from_path(const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base != NULL ? base + 1 : path;
	if (strncasecmp(base, "db.", 3) == 0)
		base += 3;
	snprintf(buf, len, "%s", base);
	n = strlen(buf);
	if (ends_with(buf, ".zone"))
		buf[n - 5] = '\0';
	else if (ends_with(buf, ".db"))
		buf[n - 3] = '\0';
	return strchr(buf, '.') != NULL ? buf : NULL;
}

bool
read_records(
    const char *path, const char *origin, ptrcheck_zrecord_fn *cb, void *arg)
{
	char err[512], shown[512], guess[256];
	FILE *f = fopen(path, "r");
	enum ptrcheck_status st;

	ptrcheck_escape(path, strlen(path), shown, sizeof(shown));
	if (f == NULL) {
		cli_error("%s: %s", shown, strerror(errno));
		return false;
	}
	if (ends_with(path, ".csv"))
		st = ptrcheck_hostcsv_read(f, cb, arg, err, sizeof(err));
	else
		st = ptrcheck_zonefile_read(f,
		    origin != NULL
		        ? origin
		        : origin_from_path(path, guess, sizeof(guess)),
		    cb, arg, err, sizeof(err));
	fclose(f);
	if (st != PTRCHECK_OK) {
		cli_error("%s: %s", shown, err);
		return false;
	}
	return true;
}

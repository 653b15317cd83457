/*
 * zone_gen.c - ptrcheck zone gen: reverse zones from forward data. Records
 * are read one at a time; only the A/AAAA records inside the requested
 * prefixes are kept, so memory follows them, not the input. When an
 * address has several names, the choice is: an MX target, then a name
 * matching --prefer, then the shortest, then the first alphabetically;
 * never a wildcard, a CNAME owner or a name with '_' (ptrcheck(1)).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "namelist.h"
#include "zone.h"

#define MAX_PREFIXES 64
#define MAX_ZONES 4096

struct host {
	struct ptrcheck_addr addr;
	char *name; /* absolute, as read */
};

struct gen {
	struct ptrcheck_prefix prefixes[MAX_PREFIXES];
	size_t nprefixes;
	const char *from, *origin, *outdir, *prefer_text;
	regex_t prefer;
	bool has_prefer, nsupdate, cnames;
	char serial_opt[32];
	uint32_t ttl;
	char soa_mname[PTRCHECK_NAME_TEXT_MAX],
	    soa_rname[PTRCHECK_NAME_TEXT_MAX];
	struct namelist ns, mx_targets, cname_owners;
	struct ptrcheck_zrecord fwd_soa; /* the forward zone's SOA, if read */
	bool have_soa;
	struct host *hosts;
	size_t nhosts, caphosts;
	bool failed;
};

static bool
in_prefixes(const struct gen *g, const struct ptrcheck_addr *a)
{
	size_t i;

	for (i = 0; i < g->nprefixes; i++)
		if (ptrcheck_prefix_contains(&g->prefixes[i], a))
			return true;
	return false;
}

static bool
host_add(struct gen *g, const struct ptrcheck_zrecord *r)
{
	struct host *v;

	if (g->nhosts == g->caphosts) {
		size_t cap = g->caphosts ? g->caphosts * 2 : 256;

		if ((v = realloc(g->hosts, cap * sizeof(*v))) == NULL)
			return false;
		g->hosts = v;
		g->caphosts = cap;
	}
	g->hosts[g->nhosts].addr = r->addr;
	if ((g->hosts[g->nhosts].name = strdup(r->owner)) == NULL)
		return false;
	g->nhosts++;
	return true;
}

static bool
on_record(const struct ptrcheck_zrecord *r, void *arg)
{
	struct gen *g = arg;
	bool ok = true;

	switch (r->type) {
	case 1:
	case 28:
		if (in_prefixes(g, &r->addr))
			ok = host_add(g, r);
		break;
	case 5:
		ok = namelist_add(&g->cname_owners, r->owner);
		break;
	case 15:
		ok = namelist_add(&g->mx_targets, r->target);
		break;
	case 6:
		if (!g->have_soa) {
			g->fwd_soa = *r;
			g->have_soa = true;
		}
		break;
	case 2:
		/* The apex's NS: those at the SOA's owner. */
		if (g->have_soa && strcasecmp(r->owner, g->fwd_soa.owner) == 0)
			ok = namelist_add(&g->ns, r->target);
		break;
	}
	if (!ok) {
		cli_error("out of memory");
		g->failed = true;
	}
	return ok;
}

static int
addr_cmp(const struct ptrcheck_addr *a, const struct ptrcheck_addr *b)
{
	if (a->family != b->family)
		return a->family == AF_INET ? -1 : 1;
	return memcmp(a->bytes, b->bytes, a->family == AF_INET ? 4 : 16);
}

static int
host_cmp(const void *x, const void *y)
{
	const struct host *a = x, *b = y;
	int c = addr_cmp(&a->addr, &b->addr);

	return c != 0 ? c : strcasecmp(a->name, b->name);
}

static bool
eligible(const struct gen *g, const char *name)
{
	return name[0] != '*' && strchr(name, '_') == NULL &&
	       !namelist_has(&g->cname_owners, name);
}

/* better - the documented order of preference between two names. */
static bool
better(const struct gen *g, const char *a, const char *b, const char **why)
{
	bool ma = namelist_has(&g->mx_targets, a),
	     mb = namelist_has(&g->mx_targets, b);
	bool pa, pb;

	if (ma != mb) {
		*why = "an MX target";
		return ma;
	}
	if (g->has_prefer) {
		pa = regexec(&g->prefer, a, 0, NULL, 0) == 0;
		pb = regexec(&g->prefer, b, 0, NULL, 0) == 0;
		if (pa != pb) {
			*why = "matches --prefer";
			return pa;
		}
	}
	if (strlen(a) != strlen(b)) {
		*why = "the shortest";
		return strlen(a) < strlen(b);
	}
	*why = "the first alphabetically";
	return strcasecmp(a, b) < 0;
}

/* choose - the name for hosts[from, to) (one address), with a warning
 * when there was a choice. NULL when no name is eligible. */
static const char *
choose(const struct gen *g, size_t from, size_t to)
{
	const char *best = NULL, *why = "the only one";
	char ip[PTRCHECK_ADDR_TEXT_MAX];
	size_t i, n = 0;

	for (i = from; i < to; i++) {
		const char *name = g->hosts[i].name;

		if (i > from && strcasecmp(name, g->hosts[i - 1].name) == 0)
			continue; /* the same name twice */
		if (!eligible(g, name))
			continue;
		n++;
		if (best == NULL || better(g, name, best, &why))
			best = name;
	}
	if (n > 1) {
		ptrcheck_addr_format(&g->hosts[from].addr, ip, sizeof(ip));
		fprintf(stderr,
		    "%s: warning: %s has %zu names; chose %s (%s)\n", progname,
		    ip, n, best, why);
	}
	return best;
}

/* zones_of - a prefix as the zones that hold it: split to the next cut
 * (a /22 is four /24 zones, a /62 four /64 zones). */
static size_t
zones_of(
    const struct ptrcheck_prefix *p, struct ptrcheck_prefix *out, size_t max)
{
	unsigned cut = ptrcheck_prefix_cut(p), extra = cut - p->len, i;
	size_t n = (size_t)1 << extra;

	if (extra > 12 || n > max)
		return 0;
	for (i = 0; i < n; i++) {
		struct ptrcheck_prefix z = *p;
		unsigned b;

		z.len = cut;
		for (b = 0; b < extra; b++)
			if (i & (1u << (extra - 1 - b))) {
				unsigned bit = p->len + b;

				z.addr.bytes[bit / 8] |=
				    (uint8_t)(0x80u >> (bit % 8));
			}
		out[i] = z;
	}
	return n;
}

static uint32_t
serial_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	return (uint32_t)((tm.tm_year + 1900) * 1000000 +
	                  (tm.tm_mon + 1) * 10000 + tm.tm_mday * 100);
}

struct old_serial {
	uint32_t serial;
	bool found;
};

static bool
on_old_soa(const struct ptrcheck_zrecord *r, void *arg)
{
	struct old_serial *o = arg;

	if (r->type != PTRCHECK_TYPE_SOA)
		return true;
	o->serial = r->serial;
	o->found = true;
	return false;
}

/* zone_serial - --serial N, or auto: today's date as YYYYMMDDnn, and never
 * below the serial of the file this run replaces (RFC 1982 order). */
static uint32_t
zone_serial(const struct gen *g, const char *path, const char *zone)
{
	struct old_serial o = {0, false};
	uint32_t s = serial_today();
	char err[256];
	FILE *f;

	if (strcmp(g->serial_opt, "auto") != 0)
		return (uint32_t)strtoul(g->serial_opt, NULL, 10);
	if (path != NULL && (f = fopen(path, "r")) != NULL) {
		(void)ptrcheck_zonefile_read(
		    f, zone, on_old_soa, &o, err, sizeof(err));
		fclose(f);
	}
	if (o.found && (int32_t)(o.serial - s) >= 0)
		s = o.serial + 1;
	return s;
}

static void
write_header(const struct gen *g, FILE *out, const char *zone, uint32_t serial)
{
	const struct ptrcheck_zrecord *soa = g->have_soa ? &g->fwd_soa : NULL;
	size_t i;

	fprintf(out, "; %s - written by ptrcheck zone gen from %s\n", zone,
	    g->from);
	fprintf(out, "$ORIGIN %s\n$TTL %u\n", zone, g->ttl);
	fprintf(out,
	    "@\tIN\tSOA\t%s %s (\n\t\t%u ; serial\n\t\t%u ; refresh\n"
	    "\t\t%u ; retry\n\t\t%u ; expire\n\t\t%u ) ; negative-caching "
	    "TTL\n",
	    g->soa_mname, g->soa_rname, serial, soa ? soa->refresh : 3600,
	    soa ? soa->retry : 900, soa ? soa->expire : 1209600,
	    soa ? soa->minimum : 3600);
	for (i = 0; i < g->ns.n; i++)
		fprintf(out, "@\tIN\tNS\t%s\n", g->ns.v[i]);
}

static void
write_zone(struct gen *g, FILE *out, const struct ptrcheck_prefix *z,
    const char *zone, uint32_t serial)
{
	char owner[PTRCHECK_ARPA_TEXT_MAX], rel[96];
	size_t i = 0, j;

	if (g->nsupdate)
		fprintf(out, "zone %s\n", zone);
	else
		write_header(g, out, zone, serial);
	while (i < g->nhosts) {
		const char *name;

		for (j = i + 1; j < g->nhosts && addr_cmp(&g->hosts[j].addr,
		                                     &g->hosts[i].addr) == 0;
		     j++)
			;
		if (ptrcheck_prefix_contains(z, &g->hosts[i].addr) &&
		    (name = choose(g, i, j)) != NULL) {
			ptrcheck_arpa_from_addr(
			    &g->hosts[i].addr, owner, sizeof(owner));
			if (g->nsupdate && z->addr.family == AF_INET &&
			    z->len > 24)
				/* RFC 2317: the owner lives in the classless
				 * zone (25.24/29.2.0.192.in-addr.arpa.); the
				 * /24's name would be refused with NOTZONE. */
				snprintf(owner, sizeof(owner), "%u.%s",
				    g->hosts[i].addr.bytes[3], zone);
			if (g->nsupdate) {
				fprintf(out,
				    "update delete %s IN PTR\nupdate add %s %u "
				    "IN PTR %s\n",
				    owner, owner, g->ttl, name);
			} else {
				if (z->addr.family == AF_INET && z->len > 24)
					snprintf(rel, sizeof(rel), "%u",
					    g->hosts[i].addr.bytes[3]);
				else
					relative_to(
					    owner, zone, rel, sizeof(rel));
				fprintf(out, "%s\tIN\tPTR\t%s\n", rel, name);
			}
		}
		i = j;
	}
	if (g->nsupdate)
		fprintf(out, "send\n");
}

/* write_cnames - what the parent /24 needs for a classless zone (RFC 2317
 * 4): the delegation and one CNAME per address of the range. */
static void
write_cnames(const struct gen *g, FILE *out, const struct ptrcheck_prefix *z,
    const char *zone)
{
	unsigned first = z->addr.bytes[3], n = 1u << (32 - z->len), i;
	const char *label = zone, *parent = strchr(zone, '.') + 1;
	size_t k;

	fprintf(out, "; in the parent zone %s\n$ORIGIN %s\n", parent, parent);
	for (k = 0; k < g->ns.n; k++)
		fprintf(out, "%.*s\tIN\tNS\t%s\n", (int)(parent - label - 1),
		    label, g->ns.v[k]);
	for (i = first; i < first + n; i++)
		fprintf(out, "%u\tIN\tCNAME\t%u.%s\n", i, i, zone);
}

/* output_path - DIR/ZONE.zone, '/' of RFC 2317 names as '-'; "" for
 * standard output. */
static void
output_path(const struct gen *g, const char *zone, char *path, size_t len)
{
	char file[128];
	size_t i;

	if (g->outdir == NULL) {
		path[0] = '\0';
		return;
	}
	snprintf(file, sizeof(file), "%.*s", (int)strlen(zone) - 1, zone);
	for (i = 0; file[i] != '\0'; i++)
		if (file[i] == '/')
			file[i] = '-';
	snprintf(path, len, "%s/%s%s", g->outdir, file,
	    g->nsupdate ? ".nsupdate" : ".zone");
}

static int
write_all(struct gen *g)
{
	struct ptrcheck_prefix zones[MAX_ZONES];
	char zone[128], path[4096];
	size_t i, k, nz;

	for (i = 0; i < g->nprefixes; i++) {
		nz = zones_of(&g->prefixes[i], zones, MAX_ZONES);
		if (nz == 0) {
			cli_error(
			    "a prefix spans more than %d zones", MAX_ZONES);
			return EXIT_USAGE;
		}
		for (k = 0; k < nz; k++) {
			uint32_t serial;
			FILE *out;

			ptrcheck_prefix_zone(
			    &zones[k], false, zone, sizeof(zone));
			output_path(g, zone, path, sizeof(path));
			/* Read the serial being replaced before truncating it.
			 */
			serial = zone_serial(g, path[0] ? path : NULL, zone);
			out = path[0] ? fopen(path, "w") : stdout;
			if (out == NULL) {
				cli_error("%s: %s", path, strerror(errno));
				return EXIT_USAGE;
			}
			if (g->cnames && zones[k].addr.family == AF_INET &&
			    zones[k].len > 24)
				write_cnames(g, out, &zones[k], zone);
			else
				write_zone(g, out, &zones[k], zone, serial);
			if (out != stdout && fclose(out) != 0) {
				cli_error("%s: %s", path, strerror(errno));
				return EXIT_USAGE;
			}
		}
	}
	return 0;
}

static bool
settle_soa(struct gen *g)
{
	if (g->soa_mname[0] == '\0' && g->have_soa)
		snprintf(g->soa_mname, sizeof(g->soa_mname), "%s",
		    g->fwd_soa.target);
	if (g->soa_rname[0] == '\0' && g->have_soa)
		snprintf(
		    g->soa_rname, sizeof(g->soa_rname), "%s", g->fwd_soa.rname);
	if (g->soa_mname[0] == '\0' && g->ns.n > 0)
		snprintf(g->soa_mname, sizeof(g->soa_mname), "%s", g->ns.v[0]);
	if (g->soa_mname[0] == '\0' || g->soa_rname[0] == '\0' ||
	    (g->ns.n == 0 && !g->nsupdate)) {
		cli_error("no SOA or NS in the input: pass --ns NAME and "
		          "--soa-rname NAME");
		return false;
	}
	return true;
}

/* make_dirs - path and the folders above it, as mkdir -p does. */
static bool
make_dirs(const char *path)
{
	char buf[4096], *p;

	if (strlen(path) >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return false;
	}
	strcpy(buf, path);
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return false;
		*p = '/';
	}
	return mkdir(buf, 0755) == 0 || errno == EEXIST;
}

/* rname_from_mail - hostmaster@example.com as the SOA's RNAME,
 * hostmaster.example.com. (a dot in the local part escaped, RFC 1035 8);
 * false when it is not one plain address. */
static bool
rname_from_mail(const char *mail, char *buf, size_t len)
{
	const char *at = strchr(mail, '@'), *p;
	char domain[300];
	size_t n = 0;

	if (at == NULL || at == mail || at - mail > 63 ||
	    !cli_host_name(at + 1, domain, sizeof(domain)))
		return false;
	for (p = mail; p < at; p++) {
		if (!isalnum((unsigned char)*p) && strchr("._+-", *p) == NULL)
			return false;
		if (n + 3 >= len)
			return false;
		if (*p == '.')
			buf[n++] = '\\';
		buf[n++] = *p;
	}
	return (size_t)snprintf(buf + n, len - n, ".%s", domain) < len - n;
}

static bool
gen_option(struct gen *g, int c, const char *arg)
{
	char buf[300], err[128];

	switch (c) {
	case 'F':
		g->from = arg;
		return true;
	case 'o':
		g->origin = arg;
		return true;
	case 'p':
		if (g->nprefixes == MAX_PREFIXES) {
			cli_error("at most %d prefixes", MAX_PREFIXES);
			return false;
		}
		if (ptrcheck_prefix_parse(arg, &g->prefixes[g->nprefixes], err,
		        sizeof(err)) != PTRCHECK_OK) {
			ptrcheck_escape(arg, strlen(arg), buf, sizeof(buf));
			cli_error("--prefix '%s': %s", buf, err);
			return false;
		}
		g->nprefixes++;
		return true;
	case 'd':
		g->outdir = arg;
		if (!make_dirs(arg)) {
			cli_error("--output-dir %s: %s", arg, strerror(errno));
			return false;
		}
		return true;
	case 's':
		if (strcmp(arg, "auto") != 0 &&
		    (strspn(arg, "0123456789") != strlen(arg) ||
		        strlen(arg) == 0 || strlen(arg) > 10 ||
		        strtoul(arg, NULL, 10) > 4294967295ul)) {
			cli_error("--serial: a number below 2^32, or auto");
			return false;
		}
		snprintf(g->serial_opt, sizeof(g->serial_opt), "%s", arg);
		return true;
	case 't':
		if (strspn(arg, "0123456789") != strlen(arg) ||
		    strlen(arg) == 0 || strlen(arg) > 7) {
			cli_error("--ttl: seconds");
			return false;
		}
		g->ttl = (uint32_t)strtoul(arg, NULL, 10);
		return true;
	case 'n':
	case 'M':
	case 'R':
		if (c == 'R' && strchr(arg, '@') != NULL) {
			if (!rname_from_mail(arg, buf, sizeof(buf))) {
				cli_error("--soa-rname: not a mail address or "
				          "a name");
				return false;
			}
		} else if (!cli_host_name(arg, buf, sizeof(buf))) {
			cli_error("not a host name: %s",
			    c == 'n' ? "--ns" : "--soa-mname/--soa-rname");
			return false;
		}
		if (c == 'n')
			return namelist_add(&g->ns, buf);
		snprintf(c == 'M' ? g->soa_mname : g->soa_rname,
		    sizeof(g->soa_mname), "%s", buf);
		return true;
	case 'P':
		if (regcomp(&g->prefer, arg,
		        REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
			cli_error("--prefer: not a regular expression");
			return false;
		}
		g->has_prefer = true;
		return true;
	case 'U':
		g->nsupdate = true;
		return true;
	case 'C':
		g->cnames = true;
		return true;
	}
	return false;
}

static void
gen_usage(FILE *out)
{
	fprintf(out,
	    "usage: ptrcheck zone gen --from FILE --prefix PREFIX [--prefix "
	    "PREFIX]...\n"
	    "           [--output-dir DIR] [--origin NAME] [--serial N|auto] "
	    "[--ttl S]\n"
	    "           [--ns NAME]... [--soa-mname NAME] [--soa-rname NAME]\n"
	    "           [--prefer REGEX] [--nsupdate | --rfc2317-cnames]\n"
	    "FILE is a zone file, or ip,hostname lines when it ends in "
	    ".csv.\n");
}

static void
gen_free(struct gen *g)
{
	size_t i;

	for (i = 0; i < g->nhosts; i++)
		free(g->hosts[i].name);
	free(g->hosts);
	namelist_fini(&g->ns);
	namelist_fini(&g->mx_targets);
	namelist_fini(&g->cname_owners);
	if (g->has_prefer)
		regfree(&g->prefer);
}

static int
gen_run(struct gen *g)
{
	size_t i, nz = 0;
	struct ptrcheck_prefix scratch[MAX_ZONES];

	if (g->from == NULL || g->nprefixes == 0) {
		gen_usage(stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < g->nprefixes; i++)
		nz += zones_of(&g->prefixes[i], scratch, MAX_ZONES);
	if (nz > 1 && g->outdir == NULL) {
		cli_error(
		    "%zu zones: pass --output-dir DIR (stdout takes one)", nz);
		return EXIT_USAGE;
	}
	if (!read_records(g->from, g->origin, on_record, g) || g->failed)
		return EXIT_USAGE;
	if (!settle_soa(g))
		return EXIT_USAGE;
	if (g->nhosts > 0) /* none in the prefixes: hosts is NULL */
		qsort(g->hosts, g->nhosts, sizeof(g->hosts[0]), host_cmp);
	return write_all(g);
}

int
zone_gen(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"from", required_argument, NULL, 'F'},
	    {"origin", required_argument, NULL, 'o'},
	    {"prefix", required_argument, NULL, 'p'},
	    {"output-dir", required_argument, NULL, 'd'},
	    {"serial", required_argument, NULL, 's'},
	    {"ttl", required_argument, NULL, 't'},
	    {"ns", required_argument, NULL, 'n'},
	    {"soa-mname", required_argument, NULL, 'M'},
	    {"soa-rname", required_argument, NULL, 'R'},
	    {"prefer", required_argument, NULL, 'P'},
	    {"nsupdate", no_argument, NULL, 'U'},
	    {"rfc2317-cnames", no_argument, NULL, 'C'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct gen *g = calloc(1, sizeof(*g));
	int c, rc;

	if (g == NULL)
		return EXIT_USAGE;
	snprintf(g->serial_opt, sizeof(g->serial_opt), "auto");
	g->ttl = 3600;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			gen_usage(stdout);
			gen_free(g);
			free(g);
			return 0;
		}
		if (!gen_option(g, c, optarg)) {
			if (c == '?')
				gen_usage(stderr);
			gen_free(g);
			free(g);
			return EXIT_USAGE;
		}
	}
	rc = optind < argc ? (gen_usage(stderr), EXIT_USAGE) : gen_run(g);
	gen_free(g);
	free(g);
	return rc;
}

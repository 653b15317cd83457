/*
 * audit.c - reverse data against forward data, without DNS: each address
 * becomes the same report a live check would produce (PTR answer, names,
 * forward addresses), and verdict.c judges it. A name outside every forward
 * zone given is left unanswered, so the verdict says "unknown" (temporary)
 * unless another name confirms, with the warning forward-unknown.
 *
 * Zone files are large: before a run the reverse records are sorted by
 * address, and the forward records indexed by name and by address, so each
 * address costs a few binary searches (80,000 addresses: 92 s with list
 * walks, well under a second now).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "report.h"
#include "verdict.h"

struct fwd {
	struct dname name;
	uint16_t type; /* 1, 28, 5, or 0 for a name with other data */
	struct ptrcheck_addr addr;
	struct dname target; /* CNAME */
};

struct rev {
	struct ptrcheck_addr addr;
	struct dname target;
	uint32_t ttl;
	size_t seq; /* order of reading: kept among equal addresses */
};

struct ptrcheck_audit {
	struct fwd *f;
	size_t nf, capf;
	struct rev *r;
	size_t nr, capr;
	struct wire_soa fzones[256], rzones[256]; /* the zones' SOAs */
	size_t nfz, nrz;
	struct ptrcheck_addr *addrs; /* scratch for the address list */
	size_t naddrs;
	/* indexes into f, in reading order among equals (see index_build) */
	size_t *f_by_name, *f_by_addr;
	size_t nf_by_addr;
};

struct ptrcheck_audit *
ptrcheck_audit_new(void)
{
	return calloc(1, sizeof(struct ptrcheck_audit));
}

void
ptrcheck_audit_free(struct ptrcheck_audit *a)
{
	if (a == NULL)
		return;
	free(a->f);
	free(a->r);
	free(a->addrs);
	free(a->f_by_name);
	free(a->f_by_addr);
	free(a);
}

static bool
grow(void **v, size_t *cap, size_t n, size_t size)
{
	void *p;

	if (n < *cap)
		return true;
	if ((p = realloc(*v, (*cap ? *cap * 2 : 256) * size)) == NULL)
		return false;
	*v = p;
	*cap = *cap ? *cap * 2 : 256;
	return true;
}

static void
add_zone(struct wire_soa *zones, size_t *n, const struct ptrcheck_zrecord *r)
{
	struct wire_soa *z = &zones[*n];

	if (*n == 256 || name_from_text(r->owner, &z->zone) != PTRCHECK_OK ||
	    name_from_text(r->target, &z->mname) != PTRCHECK_OK ||
	    name_from_text(r->rname, &z->rname) != PTRCHECK_OK)
		return;
	z->serial = r->serial;
	z->minimum = r->minimum;
	z->ttl = r->ttl;
	z->found = true;
	(*n)++;
}

enum ptrcheck_status
ptrcheck_audit_add_forward(
    struct ptrcheck_audit *a, const struct ptrcheck_zrecord *r)
{
	struct fwd *f;

	if (r->type == PTRCHECK_TYPE_SOA)
		add_zone(a->fzones, &a->nfz, r);
	if (!grow((void **)&a->f, &a->capf, a->nf, sizeof(*a->f)))
		return PTRCHECK_ENOMEM;
	f = &a->f[a->nf];
	memset(f, 0, sizeof(*f));
	if (name_from_text(r->owner, &f->name) != PTRCHECK_OK)
		return PTRCHECK_EINVAL;
	/* Other types only say that the name exists (NODATA, not NXDOMAIN). */
	f->type = r->type == PTRCHECK_TYPE_A || r->type == PTRCHECK_TYPE_AAAA ||
	                  r->type == PTRCHECK_TYPE_CNAME
	              ? r->type
	              : 0;
	f->addr = r->addr;
	if (r->type == PTRCHECK_TYPE_CNAME &&
	    name_from_text(r->target, &f->target) != PTRCHECK_OK)
		return PTRCHECK_EINVAL;
	a->nf++;
	return PTRCHECK_OK;
}

enum ptrcheck_status
ptrcheck_audit_add_reverse(
    struct ptrcheck_audit *a, const struct ptrcheck_zrecord *r)
{
	struct rev *v;

	if (r->type == PTRCHECK_TYPE_SOA) {
		add_zone(a->rzones, &a->nrz, r);
		return PTRCHECK_OK;
	}
	if (r->type != PTRCHECK_TYPE_PTR)
		return PTRCHECK_OK;
	if (!grow((void **)&a->r, &a->capr, a->nr, sizeof(*a->r)))
		return PTRCHECK_ENOMEM;
	v = &a->r[a->nr];
	if (ptrcheck_arpa_to_addr(r->owner, &v->addr) != PTRCHECK_OK ||
	    name_from_text(r->target, &v->target) != PTRCHECK_OK)
		return PTRCHECK_EINVAL;
	v->ttl = r->ttl;
	v->seq = a->nr;
	a->nr++;
	return PTRCHECK_OK;
}

/* --- the indexes ------------------------------------------------------- */

static int
addr_order(const struct ptrcheck_addr *a, const struct ptrcheck_addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(a->bytes, b->bytes, a->family == AF_INET ? 4 : 16);
}

/* name_order - a total order that name_equal agrees with. */
static int
name_order(const struct dname *a, const struct dname *b)
{
	size_t i, n = a->len < b->len ? a->len : b->len;

	for (i = 0; i < n; i++) {
		int x = tolower(a->wire[i]), y = tolower(b->wire[i]);

		if (x != y)
			return x - y;
	}
	return (int)a->len - (int)b->len;
}

static int
cmp_index(size_t x, size_t y)
{
	return x < y ? -1 : x > y;
}

static int
rev_cmp(const void *x, const void *y)
{
	const struct rev *a = x, *b = y;
	int c = addr_order(&a->addr, &b->addr);

	return c != 0 ? c : cmp_index(a->seq, b->seq);
}

static int
f_name_cmp(const void *x, const void *y, void *arg)
{
	const struct fwd *f = arg;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = name_order(&f[i].name, &f[j].name);

	return c != 0 ? c : cmp_index(i, j);
}

static int
f_addr_cmp(const void *x, const void *y, void *arg)
{
	const struct fwd *f = arg;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = addr_order(&f[i].addr, &f[j].addr);

	return c != 0 ? c : cmp_index(i, j);
}

/* index_build - sort the reverse records, index the forward ones. */
static enum ptrcheck_status
index_build(struct ptrcheck_audit *a)
{
	size_t i;

	if (a->nr > 0) /* a live audit has no reverse records: a->r is NULL */
		qsort(a->r, a->nr, sizeof(*a->r), rev_cmp);
	free(a->f_by_name);
	free(a->f_by_addr);
	a->f_by_name = malloc((a->nf + 1) * sizeof(size_t));
	a->f_by_addr = malloc((a->nf + 1) * sizeof(size_t));
	if (a->f_by_name == NULL || a->f_by_addr == NULL)
		return PTRCHECK_ENOMEM;
	a->nf_by_addr = 0;
	for (i = 0; i < a->nf; i++) {
		a->f_by_name[i] = i;
		if (a->f[i].type == PTRCHECK_TYPE_A ||
		    a->f[i].type == PTRCHECK_TYPE_AAAA)
			a->f_by_addr[a->nf_by_addr++] = i;
	}
	qsort_r(a->f_by_name, a->nf, sizeof(size_t), f_name_cmp, a->f);
	qsort_r(a->f_by_addr, a->nf_by_addr, sizeof(size_t), f_addr_cmp, a->f);
	return PTRCHECK_OK;
}

/* The binary searches below: is position i of a sorted array below key? */
typedef bool below_fn(
    const struct ptrcheck_audit *a, size_t i, const void *key);

/* lower_bound - the first of n sorted positions not below key. */
static size_t
lower_bound(
    const struct ptrcheck_audit *a, size_t n, below_fn *below, const void *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (below(a, mid, key))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
rev_below(const struct ptrcheck_audit *a, size_t i, const void *key)
{
	return addr_order(&a->r[i].addr, key) < 0;
}

static bool
name_below(const struct ptrcheck_audit *a, size_t i, const void *key)
{
	return name_order(&a->f[a->f_by_name[i]].name, key) < 0;
}

static bool
addr_below(const struct ptrcheck_audit *a, size_t i, const void *key)
{
	return addr_order(&a->f[a->f_by_addr[i]].addr, key) < 0;
}

/* rev_first - the first reverse record of addr (or where it would be). */
static size_t
rev_first(const struct ptrcheck_audit *a, const struct ptrcheck_addr *addr)
{
	return lower_bound(a, a->nr, rev_below, addr);
}

/* f_first_name - the first position in f_by_name of name n. */
static size_t
f_first_name(const struct ptrcheck_audit *a, const struct dname *n)
{
	return lower_bound(a, a->nf, name_below, n);
}

/* f_first_addr - the first position in f_by_addr of address x. */
static size_t
f_first_addr(const struct ptrcheck_audit *a, const struct ptrcheck_addr *x)
{
	return lower_bound(a, a->nf_by_addr, addr_below, x);
}

/* zone_of - the SOA of the deepest zone given that holds n, or NULL. */
static const struct wire_soa *
zone_of(const struct dname *n, const struct wire_soa *zones, size_t nz)
{
	const struct wire_soa *best = NULL;
	size_t i;

	for (i = 0; i < nz; i++)
		if (name_is_under(n, &zones[i].zone) &&
		    (best == NULL || zones[i].zone.len > best->zone.len))
			best = &zones[i];
	return best;
}

/* covered - whether a's PTR owner lies in one of the reverse zones given. */
static bool
covered(const struct ptrcheck_audit *a, const struct ptrcheck_addr *addr)
{
	char owner[PTRCHECK_ARPA_TEXT_MAX];
	struct dname n;
	size_t i;

	ptrcheck_arpa_from_addr(addr, owner, sizeof(owner));
	name_from_text(owner, &n);
	if (zone_of(&n, a->rzones, a->nrz) != NULL)
		return true;
	/* RFC 2317 child zones hold it by CNAME */
	i = rev_first(a, addr);
	return i < a->nr && ptrcheck_addr_equal(&a->r[i].addr, addr);
}

/* forward_of - the addresses of name, through CNAMEs (at most 8). */
static void
forward_of(const struct ptrcheck_audit *a, struct ptrcheck_report *rep,
    struct report_ptr *p)
{
	int family = rep->addr.family == AF_INET ? 1 : 28;
	struct dname cur = p->name;
	bool any = false;
	unsigned hop;
	size_t i;

	for (hop = 0; hop < 8; hop++) {
		bool alias = false;

		for (i = f_first_name(a, &cur); i < a->nf; i++) {
			const struct fwd *f = &a->f[a->f_by_name[i]];

			if (!name_equal(&f->name, &cur))
				break; /* past the names equal to cur */
			any = true;
			if (f->type == PTRCHECK_TYPE_CNAME &&
			    p->nfwd_chain < WIRE_MAX_CHAIN) {
				/* an alias */
				p->fwd_chain[p->nfwd_chain++] = f->target;
				cur = f->target;
				alias = true;
				break;
			}
			if (f->type == family && p->nfwd < REPORT_MAX_FORWARD) {
				p->fwd[p->nfwd++] = f->addr;
				p->confirms |=
				    ptrcheck_addr_equal(&f->addr, &rep->addr);
			}
		}
		if (!alias)
			break;
	}
	p->fwd_answer = p->nfwd > 0 ? PTRCHECK_ANSWER_FOUND
	                : any       ? PTRCHECK_ANSWER_NODATA
	                            : PTRCHECK_ANSWER_NXDOMAIN;
	if (zone_of(&cur, a->fzones, a->nfz) != NULL)
		p->fwd_soa =
		    *zone_of(&cur, a->fzones, a->nfz); /* where to add it */
}

/* has_underscore - a label with '_' (a service name, _dmarc...): no host
 * name for a PTR, and zone gen refuses it too. */
static bool
has_underscore(const struct dname *n)
{
	return memchr(n->wire, '_', n->len) != NULL;
}

/* name_for - the first forward name that gives addr and that zone gen
 * would choose too (no wildcard, no underscore). */
static bool
name_for(const struct ptrcheck_audit *a, const struct ptrcheck_addr *addr,
    struct dname *out)
{
	size_t i;

	for (i = f_first_addr(a, addr); i < a->nf_by_addr; i++) {
		const struct fwd *f = &a->f[a->f_by_addr[i]];

		if (!ptrcheck_addr_equal(&f->addr, addr))
			return false;
		if (!(f->name.wire[0] == 1 && f->name.wire[1] == '*') &&
		    !has_underscore(&f->name)) {
			*out = f->name;
			return true;
		}
	}
	return false;
}

static struct ptrcheck_report *
build(const struct ptrcheck_audit *a, const struct ptrcheck_addr *addr)
{
	struct ptrcheck_report *rep = report_new();
	char owner[PTRCHECK_ARPA_TEXT_MAX];
	size_t i;

	if (rep == NULL)
		return NULL;
	rep->addr = *addr;
	ptrcheck_arpa_from_addr(addr, owner, sizeof(owner));
	name_from_text(owner, &rep->owner);
	rep->ptr_aa = true; /* zone data: the TTLs are the records' own */
	rep->ptr_ede = -1;
	rep->ptr_rcode = -1;
	if (zone_of(&rep->owner, a->rzones, a->nrz) != NULL)
		rep->zone_soa = *zone_of(&rep->owner, a->rzones, a->nrz);
	for (i = rev_first(a, addr); i < a->nr; i++) {
		struct report_ptr *p;

		if (!ptrcheck_addr_equal(&a->r[i].addr, addr))
			break; /* past this address's records */
		rep->nptr_seen++;
		if (rep->nptr == PTRCHECK_MAX_PTR_NAMES)
			continue;
		p = report_ptr_add(rep);
		p->name = a->r[i].target;
		p->ttl = a->r[i].ttl;
		p->problem = name_check_host(&p->name);
		if (p->problem != NAME_OK)
			continue;
		p->fwd_answer = PTRCHECK_ANSWER_PENDING; /* until found */
		if (zone_of(&p->name, a->fzones, a->nfz) != NULL)
			forward_of(a, rep, p);
	}
	rep->ptr_answer = rep->nptr_seen > 0 ? PTRCHECK_ANSWER_FOUND
	                                     : PTRCHECK_ANSWER_NXDOMAIN;
	if (rep->nptr_seen == 0 && name_for(a, addr, &rep->hostname)) {
		/* The fix names the host, whose forward record gives addr. */
		rep->want.name = rep->hostname;
		rep->want.answer = PTRCHECK_ANSWER_FOUND;
		rep->want.confirms = true;
		if (zone_of(&rep->hostname, a->fzones, a->nfz) != NULL)
			rep->want.soa =
			    *zone_of(&rep->hostname, a->fzones, a->nfz);
	}
	verdict_decide(rep);
	for (i = 0; i < rep->nptr; i++)
		if (rep->ptrs[i].fwd_answer == PTRCHECK_ANSWER_PENDING)
			report_warn(rep, PTRCHECK_WARN_FORWARD_UNKNOWN,
			    PTRCHECK_SEVERITY_INFO, (int)i);
	return rep;
}

static int
addr_cmp(const void *x, const void *y)
{
	const struct ptrcheck_addr *a = x, *b = y;

	if (a->family != b->family)
		return a->family == AF_INET ? -1 : 1;
	return memcmp(a->bytes, b->bytes, a->family == AF_INET ? 4 : 16);
}

/* collect - every address with a PTR, and every forward address that a
 * given reverse zone covers; sorted, unique. */
static enum ptrcheck_status
collect(struct ptrcheck_audit *a, bool forward_only)
{
	size_t i, n = 0;

	if (index_build(a) != PTRCHECK_OK)
		return PTRCHECK_ENOMEM;
	free(a->addrs);
	if ((a->addrs = malloc((a->nr + a->nf + 1) * sizeof(*a->addrs))) ==
	    NULL)
		return PTRCHECK_ENOMEM;
	for (i = 0; !forward_only && i < a->nr; i++)
		a->addrs[n++] = a->r[i].addr;
	/* A wildcard's address names no host: it owes no PTR. */
	for (i = 0; i < a->nf; i++)
		if ((a->f[i].type == PTRCHECK_TYPE_A ||
		        a->f[i].type == PTRCHECK_TYPE_AAAA) &&
		    !(a->f[i].name.len > 2 && a->f[i].name.wire[0] == 1 &&
		        a->f[i].name.wire[1] == '*') &&
		    (forward_only || covered(a, &a->f[i].addr)))
			a->addrs[n++] = a->f[i].addr;
	qsort(a->addrs, n, sizeof(*a->addrs), addr_cmp);
	a->naddrs = 0;
	for (i = 0; i < n; i++)
		if (a->naddrs == 0 ||
		    addr_cmp(&a->addrs[a->naddrs - 1], &a->addrs[i]) != 0)
			a->addrs[a->naddrs++] = a->addrs[i];
	return PTRCHECK_OK;
}

enum ptrcheck_status
ptrcheck_audit_run(struct ptrcheck_audit *a, ptrcheck_done_fn *done, void *arg)
{
	enum ptrcheck_status st = collect(a, false);
	size_t i;

	for (i = 0; st == PTRCHECK_OK && i < a->naddrs; i++) {
		struct ptrcheck_report *rep = build(a, &a->addrs[i]);

		if (rep == NULL)
			return PTRCHECK_ENOMEM;
		done(rep, arg);
	}
	return st;
}

const struct ptrcheck_addr *
ptrcheck_audit_forward_addrs(struct ptrcheck_audit *a, size_t *n)
{
	*n = 0;
	if (collect(a, true) != PTRCHECK_OK)
		return NULL;
	*n = a->naddrs;
	return a->addrs;
}

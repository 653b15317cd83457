/* nsset.h - a zone's NS names and their addresses, through the resolver. */
#ifndef PTRCHECK_NSSET_H
#define PTRCHECK_NSSET_H

#include "name.h"

#define NSSET_MAX_HOSTS 8
#define NSSET_MAX_ADDRS 4

struct dns;
struct nsset_job;

struct ns_host {
	struct dname name;
	struct ptrcheck_addr addrs[NSSET_MAX_ADDRS];
	size_t naddrs;
	bool resolved; /* an A or AAAA question was answered (maybe empty) */
};

struct nsset {
	struct dname zone;
	enum ptrcheck_answer answer; /* of the NS question */
	struct ns_host hosts[NSSET_MAX_HOSTS];
	size_t nhosts;
};

/* nsset_fn - runs once on the loop; set is borrowed. */
typedef void nsset_fn(const struct nsset *set, void *arg);

/* nsset_resolve - ask NS of zone, then A and AAAA of every name at once.
 * cb is not called when nsset_resolve fails. */
enum ptrcheck_status nsset_resolve(struct dns *dns, const struct dname *zone,
    nsset_fn *cb, void *arg, struct nsset_job **out);

/* nsset_resolve_names - A and AAAA of the given names, no NS question
 * (set->zone stays empty). PTRCHECK_ERESOLVER when nothing could be asked. */
enum ptrcheck_status nsset_resolve_names(struct dns *dns,
    const struct dname *names, size_t n, nsset_fn *cb, void *arg,
    struct nsset_job **out);

/* nsset_cancel - cb will not be called; accepts NULL. */
void nsset_cancel(struct nsset_job *job);

/* nsset_has_name - whether name is among the set's NS names. */
bool nsset_has_name(const struct nsset *set, const struct dname *name);

#endif

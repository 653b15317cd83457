/*
 * nsset.c - who serves a zone, as the resolver sees it: the NS question,
 * then A and AAAA of every NS name concurrently. One slow name costs one
 * timeout, not one per name.
 */
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "lookup.h"
#include "nsset.h"
#include "wire.h"

struct addr_slot {
	struct nsset_job *job;
	struct lookup *l;
	size_t host;
	uint16_t type;
};

struct nsset_job {
	struct dns *dns;
	struct nsset set;
	nsset_fn *cb;
	void *arg;
	struct lookup *ns_l;
	struct addr_slot addr[NSSET_MAX_HOSTS][2];
	unsigned pending;
};

bool
nsset_has_name(const struct nsset *set, const struct dname *name)
{
	size_t i;

	for (i = 0; i < set->nhosts; i++)
		if (name_equal(&set->hosts[i].name, name))
			return true;
	return false;
}

void
nsset_cancel(struct nsset_job *job)
{
	size_t i;

	if (job == NULL)
		return;
	lookup_cancel(job->ns_l);
	for (i = 0; i < NSSET_MAX_HOSTS; i++) {
		lookup_cancel(job->addr[i][0].l);
		lookup_cancel(job->addr[i][1].l);
	}
	free(job);
}

static void
finish(struct nsset_job *job)
{
	nsset_fn *cb = job->cb;
	void *arg = job->arg;
	struct nsset set = job->set;

	job->cb = NULL;
	nsset_cancel(job);
	cb(&set, arg);
}

static void
take_addrs(struct ns_host *h, const struct wire_reply *r)
{
	size_t i;

	for (i = 0; i < r->ndata && h->naddrs < NSSET_MAX_ADDRS; i++)
		h->addrs[h->naddrs++] = r->data[i].addr;
}

static void
on_addr(const struct lookup_result *res, void *arg)
{
	struct addr_slot *s = arg;
	struct nsset_job *job = s->job;
	struct ns_host *h = &job->set.hosts[s->host];

	s->l = NULL;
	job->pending--;
	if (res->reply != NULL) {
		h->resolved = true;
		take_addrs(h, res->reply);
	}
	if (job->pending == 0)
		finish(job);
}

static void
ask_addrs(struct nsset_job *job, size_t i)
{
	static const uint16_t types[2] = {WIRE_TYPE_A, WIRE_TYPE_AAAA};
	size_t t;

	for (t = 0; t < 2; t++) {
		struct addr_slot *s = &job->addr[i][t];

		s->job = job;
		s->host = i;
		s->type = types[t];
		if (lookup_start(job->dns, &job->set.hosts[i].name, s->type,
		        on_addr, s, &s->l) == PTRCHECK_OK)
			job->pending++;
	}
}

/* ask_all - addresses of every host that has none yet. */
static void
ask_all(struct nsset_job *job)
{
	size_t i;

	for (i = 0; i < job->set.nhosts; i++)
		if (job->set.hosts[i].naddrs == 0)
			ask_addrs(job, i);
}

static void
on_ns(const struct lookup_result *res, void *arg)
{
	struct nsset_job *job = arg;
	const struct wire_reply *r = res->reply;
	size_t i;

	job->ns_l = NULL;
	job->set.answer = res->answer;
	for (i = 0;
	     r != NULL && i < r->ndata && job->set.nhosts < NSSET_MAX_HOSTS;
	     i++)
		if (!nsset_has_name(&job->set, &r->data[i].name))
			job->set.hosts[job->set.nhosts++].name =
			    r->data[i].name;
	ask_all(job);
	if (job->pending == 0)
		finish(job);
}

static struct nsset_job *
job_new(struct dns *dns, nsset_fn *cb, void *arg)
{
	struct nsset_job *job;

	if ((job = calloc(1, sizeof(*job))) == NULL)
		return NULL;
	job->dns = dns;
	job->cb = cb;
	job->arg = arg;
	return job;
}

enum ptrcheck_status
nsset_resolve_names(struct dns *dns, const struct dname *names, size_t n,
    nsset_fn *cb, void *arg, struct nsset_job **out)
{
	struct nsset_job *job;
	size_t i;

	if (n == 0)
		return PTRCHECK_EINVAL;
	if ((job = job_new(dns, cb, arg)) == NULL)
		return PTRCHECK_ENOMEM;
	job->set.answer = PTRCHECK_ANSWER_FOUND;
	for (i = 0; i < n && job->set.nhosts < NSSET_MAX_HOSTS; i++)
		if (!nsset_has_name(&job->set, &names[i]))
			job->set.hosts[job->set.nhosts++].name = names[i];
	ask_all(job);
	if (job->pending == 0) {
		nsset_cancel(job);
		return PTRCHECK_ERESOLVER;
	}
	*out = job;
	return PTRCHECK_OK;
}

enum ptrcheck_status
nsset_resolve(struct dns *dns, const struct dname *zone, nsset_fn *cb,
    void *arg, struct nsset_job **out)
{
	struct nsset_job *job;
	enum ptrcheck_status st;

	if ((job = job_new(dns, cb, arg)) == NULL)
		return PTRCHECK_ENOMEM;
	job->set.zone = *zone;
	if ((st = lookup_start(dns, zone, WIRE_TYPE_NS, on_ns, job,
	         &job->ns_l)) != PTRCHECK_OK) {
		free(job);
		return st;
	}
	*out = job;
	return PTRCHECK_OK;
}

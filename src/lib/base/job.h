/* job.h - work in flight that its owner must be able to reclaim: an
 * intrusive list whose entries know how to free themselves. */
#ifndef PTRCHECK_JOB_H
#define PTRCHECK_JOB_H

struct job {
	struct job *prev, *next;
	void (*abandon)(struct job *job); /* frees without calling back */
};

/* job_list_init - an empty list (the head points at itself). */
void job_list_init(struct job *head);

/* job_link - put job at the front of the list at head. */
void job_link(struct job *head, struct job *job);

/* job_unlink - take job off its list; it then points at itself. */
void job_unlink(struct job *job);

/* job_abandon_all - abandon every job on the list, front first. */
void job_abandon_all(struct job *head);

#endif

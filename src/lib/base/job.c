/* job.c - the list of work in flight. */
#include "job.h"

void
job_list_init(struct job *head)
{
	head->next = head->prev = head;
}

void
job_link(struct job *head, struct job *job)
{
	job->next = head->next;
	job->prev = head;
	head->next->prev = job;
	head->next = job;
}

void
job_unlink(struct job *job)
{
	job->prev->next = job->next;
	job->next->prev = job->prev;
	job->next = job->prev = job;
}

void
job_abandon_all(struct job *head)
{
	while (head->next != head)
		head->next->abandon(head->next);
}

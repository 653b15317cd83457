/* directory.h - the authoritative servers of the reverse zone around an
 * address, found once per zone and shared by every check (scan --direct). */
#ifndef PTRCHECK_DIRECTORY_H
#define PTRCHECK_DIRECTORY_H

#include "name.h"

#define DIRECTORY_MAX_SERVERS 16

struct dns;
struct directory;
struct dir_waiter;

/* dir_fn - n == 0 when no server could be found (ask the resolver). */
typedef void dir_fn(const struct ptrcheck_server *servers, size_t n, void *arg);

/*
 * directory_find - true when the servers are known now: copied to out
 * (DIRECTORY_MAX_SERVERS), *n set, cb never called. false when the walk is
 * under way: cb runs once on the loop unless directory_unwait(*w).
 */
bool directory_find(struct dns *dns, const struct ptrcheck_addr *addr,
    struct ptrcheck_server *out, size_t *n, dir_fn *cb, void *arg,
    struct dir_waiter **w);

void directory_unwait(struct dir_waiter *w);
void directory_free(struct directory *d);

#endif

/* zone.h - what the zone subcommands share. */
#ifndef PTRCHECK_CLI_ZONE_H
#define PTRCHECK_CLI_ZONE_H

#include <stdbool.h>
#include <stddef.h>

#include "ptrcheck/ptrcheck.h"

int zone_gen(int argc, char **argv);
int zone_audit(int argc, char **argv);

/* prefix_mask - clear the host bits of p->addr. */
void prefix_mask(struct ptrcheck_prefix *p);
void relative_to(const char *owner, const char *zone, char *buf, size_t len);
/* read_records - a zone file or, by its suffix .csv, ip,hostname lines. */
bool read_records(
    const char *path, const char *origin, ptrcheck_zrecord_fn *cb, void *arg);

#endif

/* summarize.h - ptrcheckd --summarize LOG: what a warn-mode run would have
 * done, from its decision lines (syslog's or the daemon's own). */
#ifndef PTRCHECKD_SUMMARIZE_H
#define PTRCHECKD_SUMMARIZE_H

#include <stdbool.h>
#include <stdio.h>

#define SUMMARY_GROUPS 16384   /* domains and networks counted */
#define SUMMARY_LINE_MAX 65536 /* longer lines are skipped, counted */
#define SUMMARY_TOP 10

/* summarize - read in, write the summary (text, or JSON) to out; false
 * (with a message on stderr) when in cannot be read. */
bool summarize(FILE *in, bool json, FILE *out);

#endif

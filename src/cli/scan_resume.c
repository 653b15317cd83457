/*
 * scan_resume.c - --resume FILE: what an interrupted scan already wrote.
 * Results come in input order, so a file of K complete result lines holds
 * the first K addresses of the (sharded) input: those are skipped, and the
 * K-th must be the address of the file's last line. A last line cut short
 * by a crash is cut off. Memory stays flat: only the last line is kept.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "scan.h"

/* first_address - the first address written in line (every format
 * starts with it: "198.18.0.1 pass ...", "198.18.0.1,pass,...",
 * {"ip":"198.18.0.1",...}). */
static bool
first_address(const char *line, struct ptrcheck_addr *a)
{
	static const char chars[] = "0123456789abcdefABCDEF:.";
	char tok[PTRCHECK_ADDR_TEXT_MAX];
	size_t n;

	while (*line != '\0') {
		n = strspn(line, chars);
		if (n >= 2 && n < sizeof(tok)) {
			memcpy(tok, line, n);
			tok[n] = '\0';
			if (ptrcheck_addr_parse(tok, a) == PTRCHECK_OK)
				return true;
		}
		line += n > 0 ? n : 1;
	}
	return false;
}

/* read_done - count the complete lines of f and keep the last; *end is
 * the offset after the last complete line. */
static bool
read_done(FILE *f, struct scan_resume *r, off_t *end, char **last)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool first = true;

	*end = 0;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] != '\n') {
			r->cut = true; /* a line the interruption cut short */
			break;
		}
		*end += n;
		if (first && r->csv && strncmp(line, "ip,verdict,", 11) == 0)
			r->has_header = true;
		else
			r->done++;
		first = false;
		free(*last);
		if ((*last = strdup(line)) == NULL) {
			free(line);
			return false;
		}
	}
	free(line);
	return !ferror(f);
}

bool
scan_resume_open(const char *path, struct scan_resume *r)
{
	char *last = NULL;
	off_t end;
	FILE *f = fopen(path, "r+");

	if (f == NULL && errno == ENOENT)
		f = fopen(path, "w+"); /* nothing done yet */
	if (f == NULL) {
		cli_error("cannot open %s to resume", path);
		return false;
	}
	if (!read_done(f, r, &end, &last) ||
	    (r->done > 0 && !first_address(last, &r->last))) {
		cli_error(r->done > 0 ? "%s: its last line is not a result of "
		                        "ptrcheck scan"
		                      : "cannot read %s",
		    path);
		free(last);
		fclose(f);
		return false;
	}
	free(last);
	if ((r->cut && ftruncate(fileno(f), end) != 0) ||
	    fseeko(f, end, SEEK_SET) != 0) {
		cli_error("cannot cut the incomplete last line of %s", path);
		fclose(f);
		return false;
	}
	r->out = f;
	return true;
}

/*
 * scan_input.c - the addresses of a scan, one at a time: command-line
 * prefixes, then a file's lines, never more than --max-addresses. A bad
 * line is reported with its number and skipped; it is counted too.
 */
#include <json-c/json.h>
#include <string.h>
#include <sys/stat.h>

#include "scan.h"

#define LINE_MAX_LEN                                                           \
	65536 /* a result line of --retry-from may name many PTRs */

static bool
prefix_size(const struct ptrcheck_prefix *p, uint64_t *n)
{
	unsigned log2 = ptrcheck_prefix_size_log2(p);

	if (log2 > 62)
		return false;
	*n = (uint64_t)1 << log2;
	return true;
}

static void
shown(const char *text, char *buf, size_t len)
{
	ptrcheck_escape(text, strlen(text), buf, len);
}

bool
scan_input_add_arg(struct scan_input *in, const char *text)
{
	char err[128], esc[160];

	if (in->nargs == SCAN_MAX_ARGS) {
		cli_error("at most %d prefixes on the command line; use a file",
		    SCAN_MAX_ARGS);
		return false;
	}
	if (ptrcheck_prefix_parse(
	        text, &in->args[in->nargs], err, sizeof(err)) != PTRCHECK_OK) {
		shown(text, esc, sizeof(esc));
		cli_error("'%s': %s", esc, err);
		return false;
	}
	in->nargs++;
	return true;
}

/* trim - the line without comment, surrounding blanks and newline. */
static char *
trim(char *s)
{
	char *end;

	s[strcspn(s, "#\r\n")] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

static void
bad_line(struct scan_input *in, const char *why, const char *text)
{
	char esc[160];

	in->bad_lines++;
	if (in->quiet)
		return;
	shown(text, esc, sizeof(esc));
	fprintf(stderr, "%s: %s line %u: %s: '%s' (skipped)\n", progname,
	    in->lines_name, in->lineno, why, esc);
}

/* retry_address - from one JSON result line, the address of a temporary
 * verdict into text; false for any other line. A field of the wrong type
 * (a null verdict, a number for the address) makes the line not a result. */
static bool
retry_address(struct scan_input *in, const char *line, char *text, size_t len)
{
	struct json_object *o = json_tokener_parse(line), *v, *a;
	bool take = false;

	if (o == NULL || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, "verdict", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    !json_object_object_get_ex(o, "ip", &a) ||
	    !json_object_is_type(a, json_type_string)) {
		bad_line(in, "not a result of --format jsonl", line);
	} else if (strcmp(json_object_get_string(v), "temporary") == 0) {
		snprintf(text, len, "%s", json_object_get_string(a));
		take = true;
	}
	json_object_put(o);
	return take;
}

enum line_read { LINE_OK, LINE_TOO_LONG, LINE_NUL, LINE_EOF };

/* read_line - one line into buf (without its newline), byte by byte so a
 * NUL is seen as data: the line that holds one is refused alone, and the
 * next line is read as usual. A line longer than the buffer is skipped to
 * its end. Linear in the input whatever it holds. */
static enum line_read
read_line(FILE *f, char *buf, size_t cap)
{
	size_t n = 0;
	bool nul = false, long_line = false;
	int c;

	while ((c = getc_unlocked(f)) != EOF && c != '\n') {
		if (c == '\0')
			nul = true;
		if (n + 1 < cap)
			buf[n++] = (char)c;
		else
			long_line = true;
	}
	buf[n] = '\0';
	if (c == EOF && n == 0 && !nul && !long_line)
		return LINE_EOF;
	if (long_line)
		return LINE_TOO_LONG;
	return nul ? LINE_NUL : LINE_OK;
}

/* next_line_prefix - the next usable line as a prefix; false at the end. */
static bool
next_line_prefix(struct scan_input *in, struct ptrcheck_prefix *p)
{
	char buf[LINE_MAX_LEN], text[PTRCHECK_ADDR_TEXT_MAX + 8], err[128], *s;
	enum line_read got;

	while ((got = read_line(in->lines, buf, sizeof(buf))) != LINE_EOF) {
		in->lineno++;
		if (got == LINE_TOO_LONG) {
			bad_line(in, "line too long", "...");
			continue;
		}
		if (got == LINE_NUL) {
			bad_line(in, "a NUL byte in the line", buf);
			continue;
		}
		if (in->retry) {
			buf[strcspn(buf, "\r")] = '\0';
			if (buf[0] == '\0' ||
			    !retry_address(in, buf, text, sizeof(text)))
				continue;
			s = text;
		} else if (*(s = trim(buf)) == '\0') {
			continue;
		}
		if (ptrcheck_prefix_parse(s, p, err, sizeof(err)) ==
		    PTRCHECK_OK)
			return true;
		bad_line(in, err, s);
	}
	return false;
}

/* next_prefix - the next prefix to walk, arguments first. */
static bool
next_prefix(struct scan_input *in)
{
	struct ptrcheck_prefix p;

	if (in->arg_i < in->nargs)
		p = in->args[in->arg_i++];
	else if (in->lines == NULL || !next_line_prefix(in, &p))
		return false;
	in->cur = p;
	in->cur_off = 0;
	if (!prefix_size(&p, &in->cur_size))
		in->cur_size = UINT64_MAX;
	return true;
}

bool
scan_input_next(void *arg, struct ptrcheck_addr *out)
{
	struct scan_input *in = arg;

	while (in->cur_off >= in->cur_size)
		if (!next_prefix(in))
			return false;
	if (in->given >= in->max) {
		in->over_limit = true;
		return false;
	}
	ptrcheck_prefix_nth(&in->cur, in->cur_off++, out);
	in->given++;
	return true;
}

static uint64_t
add_capped(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

bool
scan_input_count(struct scan_input *in, uint64_t *count)
{
	struct scan_input probe;
	struct ptrcheck_prefix p;
	struct stat sb;
	uint64_t total = 0, n;
	size_t i;

	for (i = 0; i < in->nargs; i++)
		total = add_capped(
		    total, prefix_size(&in->args[i], &n) ? n : UINT64_MAX);
	*count = total;
	if (in->lines == NULL)
		return true;
	if (fstat(fileno(in->lines), &sb) != 0 || !S_ISREG(sb.st_mode))
		return false;
	/* A quiet first pass: bad lines are reported by the real one. */
	probe = *in;
	probe.quiet = true;
	while (next_line_prefix(&probe, &p))
		total = add_capped(total, prefix_size(&p, &n) ? n : UINT64_MAX);
	rewind(in->lines);
	*count = total;
	return true;
}

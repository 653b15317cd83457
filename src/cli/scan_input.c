/*
 * scan_input.c - the addresses of a scan, one at a time: command-line
 * prefixes, then a file's lines, never more than --max-addresses; with
 * --shard, one part of them; with --resume, after those already done. A
 * bad line of prefixes is reported with its number and skipped (and
 * counted); a --retry-from line that is no result stops the scan: those
 * lines were written by scan itself, so anything else is the wrong file.
 */
#include <json-c/json.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scan.h"

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

/* input_fatal - the input cannot be scanned as given: the first reason
 * is kept for the caller to print, and the scan stops. */
static void
input_fatal(struct scan_input *in, const char *fmt, ...)
{
	va_list ap;

	if (in->fatal)
		return;
	in->fatal = true;
	va_start(ap, fmt);
	vsnprintf(in->error, sizeof(in->error), fmt, ap);
	va_end(ap);
}

static void
bad_line(struct scan_input *in, const char *why, const char *text)
{
	char esc[160];

	in->bad_lines++;
	shown(text, esc, sizeof(esc));
	if (in->retry) {
		input_fatal(in, "%s line %u: %s: '%s'", in->lines_name,
		    in->lineno, why, esc);
		return;
	}
	if (in->quiet)
		return;
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

enum line_read { LINE_OK, LINE_TOO_LONG, LINE_NUL, LINE_EOF, LINE_NOMEM };

/* grow - room for one more byte and the NUL in in->buf, up to
 * SCAN_LINE_MAX; false when the line is longer (or memory is out). */
static bool
grow(struct scan_input *in, size_t n, bool *nomem)
{
	size_t cap;
	char *b;

	if (n + 2 <= in->bufcap)
		return true;
	if (in->bufcap >= SCAN_LINE_MAX)
		return false;
	cap = in->bufcap == 0 ? 4096 : 2 * in->bufcap;
	if (cap > SCAN_LINE_MAX)
		cap = SCAN_LINE_MAX;
	if ((b = realloc(in->buf, cap)) == NULL) {
		*nomem = true;
		return false;
	}
	in->buf = b;
	in->bufcap = cap;
	return true;
}

/* read_line - one line into in->buf (without its newline), byte by byte
 * so a NUL is seen as data: the line that holds one is refused alone, and
 * the next line is read as usual. A line longer than SCAN_LINE_MAX is
 * skipped to its end. Linear in the input whatever it holds. */
static enum line_read
read_line(struct scan_input *in)
{
	size_t n = 0;
	bool nul = false, long_line = false, nomem = false;
	int c;

	if (!grow(in, 0, &nomem))
		return LINE_NOMEM;
	while ((c = getc_unlocked(in->lines)) != EOF && c != '\n') {
		if (c == '\0')
			nul = true;
		if (!long_line && grow(in, n, &nomem))
			in->buf[n++] = (char)c;
		else
			long_line = true;
		if (nomem)
			return LINE_NOMEM;
	}
	in->buf[n] = '\0';
	if (c == EOF && n == 0 && !nul && !long_line)
		return LINE_EOF;
	if (long_line)
		return LINE_TOO_LONG;
	return nul ? LINE_NUL : LINE_OK;
}

/* next_line_prefix - the next usable line as a prefix; false at the end
 * (or when the input turned out unusable: in->fatal). */
static bool
next_line_prefix(struct scan_input *in, struct ptrcheck_prefix *p)
{
	char text[PTRCHECK_ADDR_TEXT_MAX + 8], err[128], *s;
	enum line_read got;

	while (!in->fatal && (got = read_line(in)) != LINE_EOF) {
		in->lineno++;
		if (got == LINE_NOMEM) {
			input_fatal(in, "%s line %u: out of memory",
			    in->lines_name, in->lineno);
			break;
		}
		if (got == LINE_TOO_LONG) {
			bad_line(in, "line longer than 16 MiB", "...");
			continue;
		}
		if (got == LINE_NUL) {
			bad_line(in, "a NUL byte in the line", in->buf);
			continue;
		}
		if (in->retry) {
			in->buf[strcspn(in->buf, "\r")] = '\0';
			if (in->buf[0] == '\0' ||
			    !retry_address(in, in->buf, text, sizeof(text)))
				continue;
			s = text;
		} else if (*(s = trim(in->buf)) == '\0') {
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

/* shard_gap - how many addresses from in->index on belong to other
 * shards before the next one of this shard. */
static uint64_t
shard_gap(const struct scan_input *in)
{
	uint64_t want = in->shard_i - 1, at = in->index % in->shard_n;

	return (want + in->shard_n - at) % in->shard_n;
}

/* resumed - the skipped addresses end where the resume file ends: the
 * file continues this input, not another. */
static bool
resumed(struct scan_input *in, const struct ptrcheck_addr *last)
{
	char want[PTRCHECK_ADDR_TEXT_MAX], got[PTRCHECK_ADDR_TEXT_MAX];

	in->resume_check = false;
	if (ptrcheck_addr_equal(last, &in->resume_last))
		return true;
	ptrcheck_addr_format(&in->resume_last, got, sizeof(got));
	ptrcheck_addr_format(last, want, sizeof(want));
	input_fatal(in,
	    "the file to resume ends with %s, but this input's address at "
	    "that place is %s: not the same scan (same prefixes, input and "
	    "--shard?)",
	    got, want);
	return false;
}

bool
scan_input_next(void *arg, struct ptrcheck_addr *out)
{
	struct scan_input *in = arg;
	uint64_t gap;

	for (;;) {
		while (in->cur_off >= in->cur_size)
			if (in->fatal || !next_prefix(in))
				return false;
		if (in->shard_n > 1 && (gap = shard_gap(in)) > 0) {
			if (gap > in->cur_size - in->cur_off)
				gap = in->cur_size - in->cur_off;
			in->cur_off += gap;
			in->index += gap;
			continue;
		}
		if (in->skip > 0) {
			in->skip--;
			ptrcheck_prefix_nth(&in->cur, in->cur_off++, out);
			in->index++;
			if (in->skip == 0 && in->resume_check &&
			    !resumed(in, out))
				return false;
			continue;
		}
		break;
	}
	if (in->given >= in->max) {
		in->over_limit = true;
		return false;
	}
	ptrcheck_prefix_nth(&in->cur, in->cur_off++, out);
	in->index++;
	in->given++;
	return true;
}

uint64_t
scan_input_share(const struct scan_input *in, uint64_t total)
{
	uint64_t before = in->shard_i > 0 ? in->shard_i - 1 : 0;

	if (in->shard_n <= 1 || total == UINT64_MAX)
		return total;
	return total > before ? (total - before + in->shard_n - 1) / in->shard_n
	                      : 0;
}

void
scan_input_fini(struct scan_input *in)
{
	free(in->buf);
	in->buf = NULL;
	in->bufcap = 0;
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
	/* The probe's buffer is the input's (it may have moved), and a
	 * fatal line is found before anything is scanned. */
	in->buf = probe.buf;
	in->bufcap = probe.bufcap;
	in->fatal = probe.fatal;
	memcpy(in->error, probe.error, sizeof(in->error));
	*count = total;
	return true;
}

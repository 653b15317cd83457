/* common.c - options shared by the subcommands, errors, colour. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
cli_common_init(struct cli_common *c)
{
	memset(c, 0, sizeof(*c));
	ptrcheck_options_init(&c->opt);
}

/* parse_seconds - "2", "0.5": to milliseconds within [1 ms, max_s]. */
static bool
parse_seconds(const char *arg, double max_s, unsigned *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != '\0' || !isfinite(v) ||
	    v < 0.001 || v > max_s)
		return false;
	*ms = (unsigned)(v * 1000.0 + 0.5);
	return true;
}

bool
cli_parse_count(const char *arg, unsigned max, unsigned *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	if (arg[0] < '0' || arg[0] > '9')
		return false;
	v = strtoul(arg, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return false;
	*out = (unsigned)v;
	return true;
}

static bool
add_resolver(struct cli_common *c, const char *arg)
{
	if (c->opt.nservers == PTRCHECK_MAX_SERVERS) {
		cli_error("at most %d resolvers", PTRCHECK_MAX_SERVERS);
		return false;
	}
	if (ptrcheck_server_parse(arg, &c->opt.servers[c->opt.nservers]) !=
	    PTRCHECK_OK) {
		cli_error("--resolver: not IP, IP:PORT or [IPv6]:PORT");
		return false;
	}
	c->opt.nservers++;
	return true;
}

bool
cli_common_option(struct cli_common *c, int opt, const char *arg, bool *bad)
{
	switch (opt) {
	case 'r':
		*bad = !add_resolver(c, arg);
		return true;
	case 't':
		if ((*bad = !parse_seconds(arg, 60, &c->opt.timeout_ms)))
			cli_error("--timeout: seconds between 0.001 and 60");
		return true;
	case 'R':
		if ((*bad = !cli_parse_count(arg, 10, &c->opt.retries)))
			cli_error("--retries: a whole number from 0 to 10");
		return true;
	case 'D':
		if ((*bad = !parse_seconds(arg, 600, &c->opt.deadline_ms)))
			cli_error("--deadline: seconds between 0.001 and 600");
		return true;
	case 'f':
		c->json = strcmp(arg, "json") == 0;
		c->nagios = c->nagios_ok && strcmp(arg, "nagios") == 0;
		c->html = c->nagios_ok && strcmp(arg, "html") == 0;
		*bad = !c->json && !c->nagios && !c->html &&
		       strcmp(arg, "text") != 0;
		if (*bad)
			cli_error("--format: text%s or json",
			    c->nagios_ok ? ", nagios, html" : "");
		return true;
	case 'v':
		c->verbose = true;
		return true;
	}
	return false;
}

bool
cli_use_color(FILE *f)
{
	const char *no = getenv("NO_COLOR");

	/* https://no-color.org: present and not empty disables colour. */
	if (no != NULL && no[0] != '\0')
		return false;
	return isatty(fileno(f));
}

const struct cli_command *
cli_find_command(const struct cli_command *t, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(name, t[i].name) == 0)
			return &t[i];
	return NULL;
}

void
cli_list_commands(FILE *out, const struct cli_command *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(out, "  %-10s %s\n", t[i].name, t[i].summary);
}

bool
cli_host_name(const char *text, char *buf, size_t len)
{
	size_t n = strlen(text), i, label = 0;
	size_t chars = n > 0 && text[n - 1] == '.' ? n - 1 : n;

	/* 253 characters and the root's dot: 255 octets on the wire. */
	if (chars == 0 || chars > 253 || n + 2 > len || text[0] == '.')
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '.') {
			if (label == 0)
				return false;
			label = 0;
		} else if (!(isalnum(c) || c == '-' || c == '_') ||
		           ++label > 63) {
			return false;
		}
	}
	snprintf(buf, len, "%s%s", text, text[n - 1] == '.' ? "" : ".");
	return true;
}

bool
cli_load_providers(const char *path)
{
	char err[300];

	if (ptrcheck_providers_load(path, err, sizeof(err)) == PTRCHECK_OK)
		return true;
	cli_error("--providers: %s", err);
	return false;
}

unsigned
cli_elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (unsigned)((now.tv_sec - start->tv_sec) * 1000 +
	                  (now.tv_nsec - start->tv_nsec) / 1000000);
}

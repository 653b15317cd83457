/* cli.h - what the subcommands of ptrcheck share. */
#ifndef PTRCHECK_CLI_H
#define PTRCHECK_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "ptrcheck/ptrcheck.h"

#define EXIT_USAGE 3
#define EXIT_INTERRUPTED 130

struct cli_common {
	struct ptrcheck_options opt;
	bool json;
	bool nagios;    /* --format nagios (where nagios_ok) */
	bool nagios_ok; /* the command has a monitoring-plugins output */
	bool html;      /* --format html (check) */
	bool verbose;
};

extern const char *progname;

/* A row of a command table: the dispatch, the usage and --help in one. */
struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

const struct cli_command *cli_find_command(
    const struct cli_command *t, size_t n, const char *name);
void cli_list_commands(FILE *out, const struct cli_command *t, size_t n);

/* cli_error - "ptrcheck: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* cli_common_option - handle a shared option; false when c is not one. On
 * a bad value it prints the error and sets *bad. */
bool cli_common_option(
    struct cli_common *c, int opt, const char *arg, bool *bad);
void cli_common_init(struct cli_common *c);
bool cli_use_color(FILE *f);

/* cli_parse_count - a whole number from 0 to max, digits only. */
bool cli_parse_count(const char *arg, unsigned max, unsigned *out);

/* cli_host_name - letters, digits, hyphens and underscores in labels of
 * 1-63 octets, 253 at most; buf gets it absolute, with its trailing dot. */
bool cli_host_name(const char *text, char *buf, size_t len);

/* Long options every DNS-using command takes; append to a command's own. */
#define CLI_COMMON_LONGOPTS                                                    \
	{"resolver", required_argument, NULL, 'r'},                            \
	    {"timeout", required_argument, NULL, 't'},                         \
	    {"retries", required_argument, NULL, 'R'},                         \
	    {"deadline", required_argument, NULL, 'D'},                        \
	    {"format", required_argument, NULL, 'f'},                          \
	{                                                                      \
		"verbose", no_argument, NULL, 'v'                              \
	}

#define CLI_COMMON_SHORTOPTS "r:t:R:D:f:v"

/* cli_elapsed_ms - milliseconds since start (CLOCK_MONOTONIC). */
struct timespec;
unsigned cli_elapsed_ms(const struct timespec *start);

/* dig_habits - take dig's "@RESOLVER" and "-x ADDRESS" out of argv (the
 * resolver set in common), refuse dig's other options with a hint; false
 * (said) on a bad one. */
bool dig_habits(int *argc, char **argv, struct cli_common *common);

/* cli_load_providers - --providers FILE; false (said) on a bad file. */
bool cli_load_providers(const char *path);

int cmd_check(int argc, char **argv);
int cmd_classify(int argc, char **argv);
int cmd_bounce(int argc, char **argv);
int cmd_zone(int argc, char **argv);
int cmd_scan(int argc, char **argv);

#endif

/* main.c - ptrcheck: dispatch to a subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "egress.h"

const char *progname = "ptrcheck";

static const struct cli_command commands[] = {
    {"check", cmd_check,
        "diagnose the reverse DNS of IPs, hosts or mail domains"},
    {"bounce", cmd_bounce,
        "diagnose the rejected addresses of a bounce message"},
    {"classify", cmd_classify,
        "judge whether host names look generic (offline)"},
    {"scan", cmd_scan, "audit whole address blocks, fast and politely"},
    {"egress", cmd_egress,
        "check the addresses and HELO name this host sends mail from"},
    {"zone", cmd_zone, "write reverse zones right, and audit them"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *out)
{
	fprintf(
	    out, "usage: ptrcheck COMMAND [OPTIONS] ARGS...\n\ncommands:\n");
	cli_list_commands(out, commands, NCOMMANDS);
	fprintf(out, "\n'ptrcheck COMMAND --help' for a command's options; "
	             "see ptrcheck(1).\n");
}

int
main(int argc, char **argv)
{
	const struct cli_command *cmd;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("ptrcheck %s\n", PTRCHECK_VERSION);
		return 0;
	}
	if ((cmd = cli_find_command(commands, NCOMMANDS, argv[1])) != NULL)
		return cmd->run(argc - 1, argv + 1);
	char shown[256];

	ptrcheck_escape(argv[1], strlen(argv[1]), shown, sizeof(shown));
	cli_error("unknown command '%s'; try 'ptrcheck --help'", shown);
	return EXIT_USAGE;
}

/* cmd_classify.c - ptrcheck classify: the generic-name judgement, offline.
 * Input lines are "hostname [ip]"; output "hostname<TAB>generic|specific
 * <TAB>reason", every byte of the input escaped. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define LINE_MAX_LEN 4096

static void
classify_usage(FILE *out)
{
	fprintf(out,
	    "usage: ptrcheck classify [--explain] [HOSTNAME[,IP]]...\n"
	    "       (without arguments: lines \"hostname [ip]\" on stdin)\n");
}

/* classify_one - returns false when the IP given is not an address. */
static bool
classify_one(const char *name, const char *ip_text, bool explain)
{
	struct ptrcheck_classification cls;
	struct ptrcheck_addr ip;
	char shown[1024], why[2048];

	if (name[0] == '\0') {
		cli_error("an empty name: give a PTR name to classify");
		return false;
	}
	ptrcheck_escape(name, strlen(name), shown, sizeof(shown));
	if (ip_text != NULL && ip_text[0] != '\0' &&
	    strcmp(ip_text, "-") != 0) {
		if (ptrcheck_addr_parse(ip_text, &ip) != PTRCHECK_OK) {
			char ipshown[128];

			ptrcheck_escape(
			    ip_text, strlen(ip_text), ipshown, sizeof(ipshown));
			cli_error(
			    "%s: '%s' is not an IP address", shown, ipshown);
			return false;
		}
		ptrcheck_classify(
		    name, &ip, &cls, explain ? why : NULL, sizeof(why));
	} else {
		ptrcheck_classify(
		    name, NULL, &cls, explain ? why : NULL, sizeof(why));
	}
	printf("%s\t%s\t%s\n", shown, cls.generic ? "generic" : "specific",
	    cls.reason);
	if (explain) {
		char *line = why, *nl;

		printf("\tscore %d (generic at 3 or more)\n", cls.score);
		while ((nl = strchr(line, '\n')) != NULL) {
			*nl = '\0';
			printf("\t%s\n", line);
			line = nl + 1;
		}
	}
	return true;
}

static bool
classify_line(char *line, bool explain)
{
	char *name, *ip, *save = NULL;

	line[strcspn(line, "\r\n")] = '\0';
	name = strtok_r(line, " \t", &save);
	if (name == NULL || name[0] == '#')
		return true;
	ip = strtok_r(NULL, " \t", &save);
	return classify_one(name, ip, explain);
}

int
cmd_classify(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"explain", no_argument, NULL, 'e'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	char line[LINE_MAX_LEN];
	bool explain = false, ok = true;
	int c, i;

	while ((c = getopt_long(argc, argv, "eh", longopts, NULL)) != -1) {
		if (c == 'e') {
			explain = true;
		} else if (c == 'h') {
			classify_usage(stdout);
			return 0;
		} else {
			classify_usage(stderr);
			return EXIT_USAGE;
		}
	}
	for (i = optind; i < argc; i++) {
		char *comma = strchr(argv[i], ',');

		if (comma != NULL)
			*comma = '\0';
		ok &= classify_one(
		    argv[i], comma != NULL ? comma + 1 : NULL, explain);
	}
	if (optind < argc)
		return ok ? 0 : EXIT_USAGE;
	while (fgets(line, sizeof(line), stdin) != NULL) {
		if (strchr(line, '\n') == NULL && !feof(stdin)) {
			cli_error(
			    "line longer than %d bytes", LINE_MAX_LEN - 1);
			return EXIT_USAGE;
		}
		ok &= classify_line(line, explain);
	}
	return ok ? 0 : EXIT_USAGE;
}

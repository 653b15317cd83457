/* cmd_classify.c - ptrcheck classify: the generic-name judgement, offline.
 * Input lines are "hostname [ip]"; output "hostname<TAB>generic|specific
 * <TAB>reason", every byte of the input escaped, or with --format json one
 * object per line with the provider whose default name it is. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define LINE_MAX_LEN 4096

static void
classify_usage(FILE *out)
{
	fprintf(out,
	    "usage: ptrcheck classify [--explain] [--format text|json] "
	    "[--providers FILE]\n"
	    "                         [HOSTNAME[,IP]]...\n"
	    "       (without arguments: lines \"hostname [ip]\" on stdin)\n");
}

/* put_json - {"name","ip","label","reasons":[...],"provider"}. */
static void
put_json(const char *name, const char *ip_text,
    const struct ptrcheck_classification *cls)
{
	const char *r = cls->reason, *end;
	bool first = true;

	fputs("{\"name\":", stdout);
	ptrcheck_json_string(stdout, name, strlen(name));
	fputs(",\"ip\":", stdout);
	if (ip_text != NULL)
		ptrcheck_json_string(stdout, ip_text, strlen(ip_text));
	else
		fputs("null", stdout);
	printf(",\"label\":\"%s\",\"reasons\":[",
	    cls->generic ? "generic" : "specific");
	/* The reasons as the text form joins them: "a; b; c". */
	for (; cls->generic || strcmp(r, "no generic feature") != 0;
	     r = end + 2) {
		end = strstr(r, "; ");
		if (end == NULL)
			end = r + strlen(r);
		if (end > r) {
			fputs(first ? "" : ",", stdout);
			ptrcheck_json_string(stdout, r, (size_t)(end - r));
			first = false;
		}
		if (*end == '\0')
			break;
	}
	fputs("],\"provider\":", stdout);
	ptrcheck_provider_json(ptrcheck_provider_of_name(name), stdout);
	fputs("}\n", stdout);
}

/* classify_one - returns false when the IP given is not an address. */
static bool
classify_one(const char *name, const char *ip_text, bool explain, bool json)
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
	if (json) {
		put_json(name,
		    ip_text != NULL && ip_text[0] != '\0' &&
		            strcmp(ip_text, "-") != 0
		        ? ip_text
		        : NULL,
		    &cls);
		return true;
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
classify_line(char *line, bool explain, bool json)
{
	char *name, *ip, *save = NULL;

	line[strcspn(line, "\r\n")] = '\0';
	name = strtok_r(line, " \t", &save);
	if (name == NULL || name[0] == '#')
		return true;
	ip = strtok_r(NULL, " \t", &save);
	return classify_one(name, ip, explain, json);
}

int
cmd_classify(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"explain", no_argument, NULL, 'e'},
	    {"format", required_argument, NULL, 'f'},
	    {"providers", required_argument, NULL, 'P'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	char line[LINE_MAX_LEN];
	bool explain = false, ok = true, json = false;
	int c, i;

	while ((c = getopt_long(argc, argv, "ehf:", longopts, NULL)) != -1) {
		if (c == 'e') {
			explain = true;
		} else if (c == 'f' && (strcmp(optarg, "json") == 0 ||
		                           strcmp(optarg, "text") == 0)) {
			json = strcmp(optarg, "json") == 0;
		} else if (c == 'f') {
			cli_error("--format: text or json");
			return EXIT_USAGE;
		} else if (c == 'P') {
			if (!cli_load_providers(optarg))
				return EXIT_USAGE;
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
		    argv[i], comma != NULL ? comma + 1 : NULL, explain, json);
	}
	if (optind < argc)
		return ok ? 0 : EXIT_USAGE;
	while (fgets(line, sizeof(line), stdin) != NULL) {
		if (strchr(line, '\n') == NULL && !feof(stdin)) {
			cli_error(
			    "line longer than %d bytes", LINE_MAX_LEN - 1);
			return EXIT_USAGE;
		}
		ok &= classify_line(line, explain, json);
	}
	return ok ? 0 : EXIT_USAGE;
}

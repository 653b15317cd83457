/* cmd_zone.c - ptrcheck zone name|gen|audit: dispatch, and `name`, which
 * shows the PTR owner name of an address and where it goes for the usual
 * zone cuts, as zone-file lines. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cli.h"
#include "zone.h"

static int zone_name(int argc, char **argv);

static const struct cli_command zone_commands[] = {
    {"name", zone_name,
        "owner names and zones of addresses, for the usual cuts"},
    {"gen", zone_gen,
        "write reverse zones from forward data or ip,hostname CSV"},
    {"audit", zone_audit, "compare reverse and forward data"},
};

#define NZONE (sizeof(zone_commands) / sizeof(zone_commands[0]))

static void
zone_usage(FILE *out)
{
	fprintf(out, "usage: ptrcheck zone COMMAND ...\n");
	cli_list_commands(out, zone_commands, NZONE);
	fprintf(out, "See ptrcheck(1).\n");
}

int
cmd_zone(int argc, char **argv)
{
	const struct cli_command *cmd;

	if (argc < 2) {
		zone_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		zone_usage(stdout);
		return 0;
	}
	if ((cmd = cli_find_command(zone_commands, NZONE, argv[1])) != NULL)
		return cmd->run(argc - 1, argv + 1);
	cli_error("zone: unknown command; try 'ptrcheck zone --help'");
	return EXIT_USAGE;
}

/* relative_to - owner without the zone's labels ("25" in 2.0.192...). */
void
relative_to(const char *owner, const char *zone, char *buf, size_t len)
{
	size_t o = strlen(owner), z = strlen(zone);

	if (o > z && strcasecmp(owner + o - z, zone) == 0 &&
	    owner[o - z - 1] == '.')
		snprintf(buf, len, "%.*s", (int)(o - z - 1), owner);
	else
		snprintf(buf, len, "%s", owner);
}

struct cut {
	unsigned len;
	char zone[96], zone_dash[96], relative[96];
	bool rfc2317;
};

static size_t
cuts_of(const struct ptrcheck_addr *a, struct cut *c)
{
	static const unsigned v4[] = {
	    24, 16, 8, 25, 26, 27, 28, 29, 30, 31, 32};
	static const unsigned v6[] = {64, 56, 48, 32};
	const unsigned *lens = a->family == AF_INET ? v4 : v6;
	size_t n = a->family == AF_INET ? sizeof(v4) / sizeof(v4[0])
	                                : sizeof(v6) / sizeof(v6[0]);
	char owner[PTRCHECK_ARPA_TEXT_MAX];
	size_t i;

	ptrcheck_arpa_from_addr(a, owner, sizeof(owner));
	for (i = 0; i < n; i++) {
		struct ptrcheck_prefix p = {*a, lens[i]};

		prefix_mask(&p);
		memset(&c[i], 0, sizeof(c[i]));
		c[i].len = lens[i];
		c[i].rfc2317 = a->family == AF_INET && lens[i] > 24;
		ptrcheck_prefix_zone(&p, false, c[i].zone, sizeof(c[i].zone));
		if (c[i].rfc2317)
			ptrcheck_prefix_zone(
			    &p, true, c[i].zone_dash, sizeof(c[i].zone_dash));
		/* In a classless zone the record keeps the last octet's name.
		 */
		if (c[i].rfc2317)
			snprintf(c[i].relative, sizeof(c[i].relative), "%u",
			    a->bytes[3]);
		else
			relative_to(owner, c[i].zone, c[i].relative,
			    sizeof(c[i].relative));
	}
	return n;
}

static void
show_text(const struct ptrcheck_addr *a, const char *host)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX], owner[PTRCHECK_ARPA_TEXT_MAX],
	    parent[PTRCHECK_ARPA_TEXT_MAX];
	struct cut c[16];
	size_t n = cuts_of(a, c), i;

	ptrcheck_addr_format(a, ip, sizeof(ip));
	ptrcheck_arpa_from_addr(a, owner, sizeof(owner));
	printf("%s\n  owner  %s\n", ip, owner);
	printf("         %s 3600 IN PTR %s\n", owner, host);
	for (i = 0; i < n; i++) {
		if (!c[i].rfc2317) {
			printf(
			    "  /%-3u   zone %s\n           %s 3600 IN PTR %s\n",
			    c[i].len, c[i].zone, c[i].relative, host);
			continue;
		}
		relative_to(
		    owner, strchr(c[i].zone, '.') + 1, parent, sizeof(parent));
		printf("  /%-3u   zone %s (or %s), RFC 2317\n           %s "
		       "3600 IN PTR %s\n"
		       "           and in %s: %s IN CNAME %s.%s\n",
		    c[i].len, c[i].zone, c[i].zone_dash, c[i].relative, host,
		    strchr(c[i].zone, '.') + 1, parent, c[i].relative,
		    c[i].zone);
	}
}

static void
show_json(const struct ptrcheck_addr *a, const char *host, bool first)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX], owner[PTRCHECK_ARPA_TEXT_MAX];
	struct cut c[16];
	size_t n = cuts_of(a, c), i;

	ptrcheck_addr_format(a, ip, sizeof(ip));
	ptrcheck_arpa_from_addr(a, owner, sizeof(owner));
	printf("%s{\"ip\":\"%s\",\"owner\":\"%s\",\"record\":\"%s 3600 IN PTR "
	       "%s\",\"cuts\":[",
	    first ? "" : ",", ip, owner, owner, host);
	for (i = 0; i < n; i++) {
		printf("%s{\"prefix_length\":%u,\"zone\":\"%s\",\"relative\":"
		       "\"%s\","
		       "\"rfc2317\":%s,\"zone_dash\":",
		    i ? "," : "", c[i].len, c[i].zone, c[i].relative,
		    c[i].rfc2317 ? "true" : "false");
		if (c[i].rfc2317)
			printf("\"%s\",\"parent_cname\":\"%s IN CNAME %s.%s\"}",
			    c[i].zone_dash, owner, c[i].relative, c[i].zone);
		else
			printf("null,\"parent_cname\":null}");
	}
	printf("]}");
}

static int
zone_name(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"hostname", required_argument, NULL, 'H'},
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *host = "mail.example.net.";
	char hostbuf[300];
	bool json = false;
	int c, i;

	while ((c = getopt_long(argc, argv, "H:f:h", longopts, NULL)) != -1) {
		if (c == 'H') {
			if (!cli_host_name(optarg, hostbuf, sizeof(hostbuf))) {
				cli_error("--hostname: not a host name");
				return EXIT_USAGE;
			}
			host = hostbuf;
		} else if (c == 'f') {
			if (strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "text") != 0) {
				cli_error("--format: text or json");
				return EXIT_USAGE;
			}
			json = strcmp(optarg, "json") == 0;
		} else {
			fprintf(c == 'h' ? stdout : stderr,
			    "usage: ptrcheck zone name [--hostname NAME] "
			    "[--format text|json] IP...\n");
			return c == 'h' ? 0 : EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_error("zone name: give one or more IP addresses");
		return EXIT_USAGE;
	}
	for (i = optind; i < argc; i++) {
		struct ptrcheck_addr a;
		char shown[128];

		if (ptrcheck_addr_parse(argv[i], &a) != PTRCHECK_OK) {
			ptrcheck_escape(
			    argv[i], strlen(argv[i]), shown, sizeof(shown));
			cli_error("'%s' is not an IP address", shown);
			return EXIT_USAGE;
		}
	}
	if (json)
		printf("{\"schema_version\":1,\"names\":[");
	for (i = optind; i < argc; i++) {
		struct ptrcheck_addr a;

		ptrcheck_addr_parse(argv[i], &a);
		if (json)
			show_json(&a, host, i == optind);
		else
			show_text(&a, host);
	}
	if (json)
		printf("]}\n");
	return 0;
}

/* dig_habits.c - what dig taught people to type: "@RESOLVER" names the
 * resolver and "-x ADDRESS" the address (both taken); dig's "+options"
 * and "-p PORT" get a hint to ptrcheck's own, never a silent ignore. */
#include <string.h>

#include "cli.h"

/* hint - the ptrcheck way to say a dig option, or NULL. */
static const char *
hint(const char *arg)
{
	static const struct {
		const char *dig, *ours;
	} map[] = {
	    {"+trace", "--trace (the delegation from the root)"},
	    {"+short", "--format nagios (one line)"},
	    {"+json", "--format json"},
	    {"+yaml", "--format json"},
	    {"-p", "--resolver HOST:PORT"},
	    {"-t", "nothing: check asks PTR, then A/AAAA, itself"},
	    {"-q", "the address as an argument"},
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(arg, map[i].dig) == 0)
			return map[i].ours;
	return arg[0] == '+' ? "--help (ptrcheck takes no +options)" : NULL;
}

bool
dig_habits(int *argc, char **argv, struct cli_common *common)
{
	struct ptrcheck_addr a;
	bool bad = false;
	int i, out = 1;
	const char *h;

	for (i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (argv[i][0] == '@' && argv[i][1] != '\0') {
			/* dig @RESOLVER */
			if (!cli_common_option(
			        common, 'r', argv[i] + 1, &bad) ||
			    bad)
				return false;
			continue;
		}
		if (strcmp(argv[i], "-x") == 0) {
			if (i + 1 >= *argc || ptrcheck_addr_parse(argv[i + 1],
			                          &a) != PTRCHECK_OK) {
				cli_error(
				    "-x: an IP address follows, as in dig");
				return false;
			}
			continue; /* the address itself stays an argument */
		}
		if ((h = hint(argv[i])) != NULL) {
			cli_error("'%s' is dig's; here: %s", argv[i], h);
			return false;
		}
		argv[out++] = argv[i];
	}
	argv[out] = NULL;
	*argc = out;
	return true;
}

/*
 * summarize.c - counts by verdict and outcome from ptrcheckd's decision
 * lines ("client=IP verdict=V ptr=NAME [confirmed=NAME] ... outcome=O
 * action=..."), and the clients that were (or would have been) rejected
 * grouped by the registered domain of their PTR name (libpsl), else by
 * their /24 or /48; then allowlist lines for the operator to review,
 * never applied. One pass, bounded tables: linear in the log.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ptrcheck/ptrcheck.h"
#include "summarize.h"

#define KEY_MAX 256
#define NOUTCOMES 13

struct group {
	char key[KEY_MAX];
	bool network; /* key is a prefix, else a domain */
	unsigned long count, confirmed;
	char example[PTRCHECK_ADDR_TEXT_MAX];
};

struct summary {
	unsigned long requests, would_reject, skipped, groups_full;
	unsigned long verdicts[PTRCHECK_VERDICT_TEMPORARY + 1];
	unsigned long outcomes[NOUTCOMES];
	struct group **g; /* SUMMARY_GROUPS slots, each allocated when used */
};

static const char *const outcome_names[NOUTCOMES] = {"not-this-state",
    "authenticated", "no-client-address", "allowlisted-network",
    "special-address", "allowlisted-name", "pass", "logged", "would-reject",
    "would-defer", "reject", "defer", "tempfail-capped"};

/* field - the value of " key=" in line (up to a blank) into buf. */
static bool
field(const char *line, const char *key, char *buf, size_t len)
{
	const char *p = line;
	size_t klen = strlen(key), n;

	while ((p = strstr(p, key)) != NULL) {
		if ((p == line || p[-1] == ' ') && p[klen] == '=')
			break;
		p += klen;
	}
	if (p == NULL)
		return false;
	p += klen + 1;
	n = strcspn(p, " \n");
	if (n >= len)
		n = len - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return true;
}

static struct group *
group_for(struct summary *s, const char *key, bool network)
{
	uint32_t h = 2166136261u;
	size_t i;
	const char *k;

	for (k = key; *k != '\0'; k++)
		h = (h ^ (unsigned char)*k) * 16777619u;
	for (i = 0; i < 64; i++) {
		struct group **slot = &s->g[(h + i) % SUMMARY_GROUPS];

		if (*slot == NULL) {
			if ((*slot = calloc(1, sizeof(**slot))) == NULL)
				break;
			snprintf((*slot)->key, sizeof((*slot)->key), "%s", key);
			(*slot)->network = network;
			return *slot;
		}
		if ((*slot)->network == network &&
		    strcmp((*slot)->key, key) == 0)
			return *slot;
	}
	s->groups_full++;
	return NULL;
}

/* network_of - the /24 or /48 around the address text. */
static bool
network_of(const char *ip, char *buf, size_t len)
{
	struct ptrcheck_prefix p;

	if (ptrcheck_addr_parse(ip, &p.addr) != PTRCHECK_OK)
		return false;
	if (p.addr.family == AF_INET) {
		p.len = 24;
		p.addr.bytes[3] = 0;
	} else {
		p.len = 48;
		memset(p.addr.bytes + 6, 0, 10);
	}
	ptrcheck_prefix_format(&p, buf, len);
	return true;
}

/* rejected - one client that was or would have been rejected. */
static void
rejected(
    struct summary *s, const char *ip, const char *ptr, const char *confirmed)
{
	char key[KEY_MAX];
	const char *name = confirmed[0] != '\0'    ? confirmed
	                   : strcmp(ptr, "-") != 0 ? ptr
	                                           : NULL;
	bool network =
	    name == NULL || !ptrcheck_registered_domain(name, key, sizeof(key));
	struct group *g;

	if (network && !network_of(ip, key, sizeof(key)))
		return;
	if ((g = group_for(s, key, network)) == NULL)
		return;
	g->count++;
	g->confirmed += confirmed[0] != '\0';
	if (g->example[0] == '\0')
		snprintf(g->example, sizeof(g->example), "%s", ip);
}

static void
line_of(struct summary *s, const char *line)
{
	char ip[PTRCHECK_ADDR_TEXT_MAX], verdict[32], outcome[32];
	char ptr[KEY_MAX], confirmed[KEY_MAX];
	int v;
	size_t i;

	if (!field(line, "client", ip, sizeof(ip)) ||
	    !field(line, "verdict", verdict, sizeof(verdict)) ||
	    !field(line, "outcome", outcome, sizeof(outcome)))
		return; /* not a decision line */
	s->requests++;
	for (v = 0; v <= PTRCHECK_VERDICT_TEMPORARY; v++)
		if (strcmp(verdict,
		        ptrcheck_verdict_name((enum ptrcheck_verdict)v)) == 0)
			s->verdicts[v]++;
	for (i = 0; i < NOUTCOMES; i++)
		if (strcmp(outcome, outcome_names[i]) == 0)
			s->outcomes[i]++;
	if (strcmp(outcome, "would-reject") != 0 &&
	    strcmp(outcome, "reject") != 0)
		return;
	s->would_reject++;
	if (!field(line, "ptr", ptr, sizeof(ptr)))
		snprintf(ptr, sizeof(ptr), "-");
	if (!field(line, "confirmed", confirmed, sizeof(confirmed)))
		confirmed[0] = '\0';
	rejected(s, ip, ptr, confirmed);
}

static int
by_count(const void *a, const void *b)
{
	const struct group *x = *(const struct group *const *)a;
	const struct group *y = *(const struct group *const *)b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->key, y->key);
}

/* top - the SUMMARY_TOP biggest groups, biggest first; how many. */
static size_t
top(const struct summary *s, const struct group **out)
{
	static const struct group *all[SUMMARY_GROUPS];
	size_t i, n = 0;

	for (i = 0; i < SUMMARY_GROUPS; i++)
		if (s->g[i] != NULL)
			all[n++] = s->g[i];
	qsort(all, n, sizeof(all[0]), by_count);
	if (n > SUMMARY_TOP)
		n = SUMMARY_TOP;
	memcpy(out, all, n * sizeof(all[0]));
	return n;
}

/* suggestion - the ptrcheckd.conf(5) line that would let the group
 * through: allow-name for a domain whose names were forward-confirmed
 * (allow-name matches only those), allow-network otherwise. */
static void
suggestion(const struct group *g, char *buf, size_t len)
{
	char net[PTRCHECK_ADDR_TEXT_MAX + 8];

	if (!g->network && g->confirmed == g->count)
		snprintf(buf, len, "allow-name = *.%s", g->key);
	else if (g->network)
		snprintf(buf, len, "allow-network = %s", g->key);
	else if (network_of(g->example, net, sizeof(net)))
		snprintf(buf, len, "allow-network = %s", net);
	else
		buf[0] = '\0';
}

static void
write_json(const struct summary *s, const struct group **t, size_t n, FILE *out)
{
	char line[KEY_MAX + 32];
	size_t i;
	int v;

	fprintf(out, "{\"requests\":%lu,\"verdicts\":{", s->requests);
	for (v = 0; v <= PTRCHECK_VERDICT_TEMPORARY; v++)
		fprintf(out, "%s\"%s\":%lu", v ? "," : "",
		    ptrcheck_verdict_name((enum ptrcheck_verdict)v),
		    s->verdicts[v]);
	fputs("},\"outcomes\":{", out);
	for (i = 0; i < NOUTCOMES; i++)
		fprintf(out, "%s\"%s\":%lu", i ? "," : "", outcome_names[i],
		    s->outcomes[i]);
	fprintf(out, "},\"would_reject\":%lu,\"top\":[", s->would_reject);
	for (i = 0; i < n; i++) {
		suggestion(t[i], line, sizeof(line));
		fprintf(out, "%s{\"group\":", i ? "," : "");
		ptrcheck_json_string(out, t[i]->key, strlen(t[i]->key));
		fprintf(out,
		    ",\"kind\":\"%s\",\"count\":%lu,\"example\":\"%s\","
		    "\"allowlist\":",
		    t[i]->network ? "network" : "domain", t[i]->count,
		    t[i]->example);
		ptrcheck_json_string(out, line, strlen(line));
		fputc('}', out);
	}
	fprintf(out, "],\"skipped_lines\":%lu,\"groups_full\":%lu}\n",
	    s->skipped, s->groups_full);
}

static void
write_text(const struct summary *s, const struct group **t, size_t n, FILE *out)
{
	char line[KEY_MAX + 32], esc[4 * KEY_MAX];
	size_t i;
	int v;

	fprintf(out, "%lu decisions; by verdict:", s->requests);
	for (v = 0; v <= PTRCHECK_VERDICT_TEMPORARY; v++)
		if (s->verdicts[v] > 0)
			fprintf(out, " %s %lu",
			    ptrcheck_verdict_name((enum ptrcheck_verdict)v),
			    s->verdicts[v]);
	fputs("\nby outcome:", out);
	for (i = 0; i < NOUTCOMES; i++)
		if (s->outcomes[i] > 0)
			fprintf(
			    out, " %s %lu", outcome_names[i], s->outcomes[i]);
	fprintf(out, "\n%lu rejected or would have been", s->would_reject);
	fputs(n > 0 ? "; the most, by domain or network:\n" : ".\n", out);
	for (i = 0; i < n; i++) {
		ptrcheck_escape(t[i]->key, strlen(t[i]->key), esc, sizeof(esc));
		fprintf(out, "  %6lu  %s (%s, e.g. %s)\n", t[i]->count, esc,
		    t[i]->network ? "network" : "domain", t[i]->example);
	}
	if (n > 0)
		fputs("Allowlist lines to review (ptrcheckd.conf(5)); none is "
		      "applied:\n",
		    out);
	for (i = 0; i < n; i++) {
		suggestion(t[i], line, sizeof(line));
		ptrcheck_escape(line, strlen(line), esc, sizeof(esc));
		if (line[0] != '\0')
			fprintf(out, "  %s\n", esc);
	}
	if (s->skipped > 0 || s->groups_full > 0)
		fprintf(out,
		    "(%lu lines over %d bytes skipped; %lu clients "
		    "past %d groups not grouped)\n",
		    s->skipped, SUMMARY_LINE_MAX, s->groups_full,
		    SUMMARY_GROUPS);
}

bool
summarize(FILE *in, bool json, FILE *out)
{
	struct summary s;
	const struct group *t[SUMMARY_TOP];
	char *line = NULL;
	size_t cap = 0, n;
	ssize_t len;

	memset(&s, 0, sizeof(s));
	if ((s.g = calloc(SUMMARY_GROUPS, sizeof(*s.g))) == NULL) {
		fputs("ptrcheckd: out of memory\n", stderr);
		return false;
	}
	while ((len = getline(&line, &cap, in)) > 0) {
		if (len > SUMMARY_LINE_MAX || memchr(line, '\0', (size_t)len)) {
			s.skipped++;
			continue;
		}
		line_of(&s, line);
	}
	free(line);
	n = top(&s, t);
	if (json)
		write_json(&s, t, n, out);
	else
		write_text(&s, t, n, out);
	for (n = 0; n < SUMMARY_GROUPS; n++)
		free(s.g[n]);
	free(s.g);
	return !ferror(in);
}

/* providers.c - the provider table: one loader for the text compiled in
 * and for --providers FILE, and matching names against the providers'
 * default-name and server forms. The patterns are short and have a few
 * stars, names at most 253 bytes: the backtracking stays small. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "name.h"
#include "providers.h"

#define NAME_MAX_LEN 256
#define NCOLUMNS 9

/* A parsed table: its rows point into its text. */
struct table_set {
	struct ptrcheck_provider *rows;
	size_t n;
	char *text;
	struct table_set *older; /* replaced ones, kept: see below */
};

/* The table in use: the one compiled in, parsed once, unless a file was
 * loaded. Replaced only by ptrcheck_providers_load; the old one stays
 * allocated (and reachable from here), since a row handed out earlier
 * must stay valid. */
static struct table_set *current;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

/* split_row - line's tab-separated columns into r; false unless there
 * are exactly NCOLUMNS, each non-empty. */
static bool
split_row(char *line, struct ptrcheck_provider *r)
{
	const char **col[NCOLUMNS] = {&r->id, &r->name, &r->kind, &r->patterns,
	    &r->servers, &r->how, &r->needs, &r->limits, &r->source};
	size_t i;

	for (i = 0; i < NCOLUMNS; i++) {
		char *tab = strchr(line, '\t');

		if ((tab == NULL) != (i == NCOLUMNS - 1) || *line == '\t' ||
		    *line == '\0')
			return false;
		if (tab != NULL)
			*tab = '\0';
		*col[i] = line;
		line = tab != NULL ? tab + 1 : line + strlen(line);
	}
	return true;
}

static bool
row_valid(const struct ptrcheck_provider *r)
{
	return strspn(r->id, "abcdefghijklmnopqrstuvwxyz0123456789-") ==
	           strlen(r->id) &&
	       (strcmp(r->kind, "cloud") == 0 ||
	           strcmp(r->kind, "hosting") == 0 ||
	           strcmp(r->kind, "access") == 0) &&
	       strcmp(r->how, "-") != 0;
}

bool
providers_parse(char *text, struct ptrcheck_provider **rows, size_t *n,
    char *err, size_t errlen)
{
	struct ptrcheck_provider *v = NULL, *grown;
	size_t count = 0, cap = 0, lineno = 0;
	char *line = text, *nl;

	for (; *line != '\0';
	     line = nl != NULL ? nl + 1 : line + strlen(line)) {
		lineno++;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (*line == '#' || line[strspn(line, " \t")] == '\0')
			continue;
		if (count == PROVIDERS_MAX) {
			snprintf(
			    err, errlen, "more than %d rows", PROVIDERS_MAX);
			goto fail;
		}
		if (count == cap) {
			cap = cap == 0 ? 32 : 2 * cap;
			if ((grown = realloc(v, cap * sizeof(*v))) == NULL) {
				snprintf(err, errlen, "out of memory");
				goto fail;
			}
			v = grown;
		}
		if (!split_row(line, &v[count]) || !row_valid(&v[count])) {
			snprintf(err, errlen,
			    "line %zu: not 9 tab-separated columns (id, name, "
			    "cloud|hosting|access, patterns, servers, how, "
			    "needs, limits, source)",
			    lineno);
			goto fail;
		}
		count++;
	}
	*rows = v;
	*n = count;
	return true;
fail:
	free(v);
	return false;
}

/* table_push - text (allocated, now owned) parsed, as the table in use. */
static bool
table_push(char *text, char *err, size_t errlen)
{
	struct table_set *t = calloc(1, sizeof(*t));

	if (t == NULL || !providers_parse(text, &t->rows, &t->n, err, errlen)) {
		free(t);
		free(text);
		return false;
	}
	t->text = text;
	t->older = current;
	current = t;
	return true;
}

static void
load_builtin(void)
{
	char err[160], *text = strdup(provider_tsv);

	/* The compiled-in text is checked at build time and by a test. */
	if (text != NULL)
		(void)table_push(text, err, sizeof(err));
}

static void
ensure_table(void)
{
	pthread_once(&builtin_once, load_builtin);
}

enum ptrcheck_status
ptrcheck_providers_load(const char *path, char *err, size_t errlen)
{
	size_t len;
	char *text;
	FILE *f;

	ensure_table();
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "cannot read %s", path);
		return PTRCHECK_EINVAL;
	}
	text = malloc(PROVIDERS_FILE_MAX + 1);
	len = text != NULL ? fread(text, 1, PROVIDERS_FILE_MAX + 1, f) : 0;
	fclose(f);
	if (text == NULL) {
		snprintf(err, errlen, "out of memory");
		return PTRCHECK_ENOMEM;
	}
	if (len > PROVIDERS_FILE_MAX || memchr(text, '\0', len) != NULL) {
		snprintf(err, errlen, "%s: over %u bytes, or binary", path,
		    PROVIDERS_FILE_MAX);
		free(text);
		return PTRCHECK_EINVAL;
	}
	text[len] = '\0';
	return table_push(text, err, errlen) ? PTRCHECK_OK : PTRCHECK_EINVAL;
}

bool
provider_pattern_match(const char *pat, size_t len, const char *name)
{
	size_t i;

	if (len == 0)
		return *name == '\0';
	if (len >= 3 && strncmp(pat, "**.", 3) == 0) {
		/* One or more whole labels, then the rest of the pattern. */
		for (i = 0; name[i] != '\0'; i++)
			if (name[i] == '.' && i > 0 &&
			    provider_pattern_match(
			        pat + 3, len - 3, name + i + 1))
				return true;
		return false;
	}
	if (*pat == '*') {
		/* Any run within this label, the empty one included. */
		for (i = 0;; i++) {
			if (provider_pattern_match(pat + 1, len - 1, name + i))
				return true;
			if (name[i] == '\0' || name[i] == '.')
				return false;
		}
	}
	return *name != '\0' && *pat == *name &&
	       provider_pattern_match(pat + 1, len - 1, name + 1);
}

/* tail_fits - whether name ends with the pattern's literal tail (what
 * follows its last star): a cheap test that rules most patterns out. */
static bool
tail_fits(const char *pat, size_t len, const char *name, size_t nlen)
{
	size_t t = len;

	while (t > 0 && pat[t - 1] != '*')
		t--;
	return len - t <= nlen &&
	       memcmp(pat + t, name + nlen - (len - t), len - t) == 0;
}

/* matches_any - one of the space-separated patterns matches name. */
static bool
matches_any(const char *patterns, const char *name)
{
	const char *p = patterns;
	size_t nlen = strlen(name);

	while (*p != '\0') {
		size_t len = strcspn(p, " ");

		if (len > 0 && tail_fits(p, len, name, nlen) &&
		    provider_pattern_match(p, len, name))
			return true;
		p += len;
		p += strspn(p, " ");
	}
	return false;
}

/* lookup - the first row whose column (patterns or servers) matches. */
static const struct ptrcheck_provider *
lookup(const char *name, bool servers)
{
	char low[NAME_MAX_LEN];
	size_t i;

	ensure_table();
	if (current == NULL || !name_text_lower(name, low, sizeof(low)))
		return NULL;
	for (i = 0; i < current->n; i++) {
		const struct ptrcheck_provider *r = &current->rows[i];
		const char *col = servers ? r->servers : r->patterns;

		if (strcmp(col, "-") != 0 && matches_any(col, low))
			return r;
	}
	return NULL;
}

const struct ptrcheck_provider *
provider_default_name(const char *name)
{
	return lookup(name, false);
}

const struct ptrcheck_provider *
ptrcheck_provider_of_name(const char *name)
{
	return lookup(name, false);
}

const struct ptrcheck_provider *
ptrcheck_provider_of_server(const char *host)
{
	return lookup(host, true);
}

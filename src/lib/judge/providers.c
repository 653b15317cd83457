/* providers.c - matching a PTR name against the providers' default-name
 * forms. The patterns are short and have a few stars, names at most 253
 * bytes: the backtracking stays small. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "providers.h"

#define NAME_MAX_LEN 256

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

const struct provider *
provider_default_name(const char *name)
{
	char low[NAME_MAX_LEN];
	size_t i, n = strlen(name);

	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n == 0 || n >= sizeof(low))
		return NULL;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[n] = '\0';
	for (i = 0; i < provider_count; i++)
		if (matches_any(provider_table[i].patterns, low))
			return &provider_table[i];
	return NULL;
}

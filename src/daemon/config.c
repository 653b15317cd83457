/* config.c - ptrcheckd's settings (see config.h and ptrcheckd.conf(5)). */
#include <ctype.h>
#include <event2/util.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "config.h"

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->dns_timeout_ms = 1000;
	c->dns_retries = 1;
	c->request_timeout_ms = 5000;
	c->idle_timeout_s = 330; /* longer than Postfix's max_idle (300 s) */
	c->tempfail_max_age_s = 6 * 3600;
	c->max_connections = 10000;
	c->action[PTRCHECK_VERDICT_PTR_MISSING] = ACTION_REJECT;
	c->action[PTRCHECK_VERDICT_FORWARD_MISSING] = ACTION_REJECT;
	c->action[PTRCHECK_VERDICT_FORWARD_MISMATCH] = ACTION_REJECT;
	c->action[PTRCHECK_VERDICT_PTR_INVALID] = ACTION_REJECT;
	c->action[PTRCHECK_VERDICT_PTR_GENERIC] = ACTION_LOG;
	c->tempfail = TEMPFAIL_DEFER;
	strcpy(c->protocol_state, "RCPT");
	c->exempt_special = true;
	c->cache_entries = 50000;
	c->cache_max_ttl_s = 3600;
	c->negative_cache_max_s = 300;
	c->stale_max_s = 3600;
	strcpy(c->user, "ptrcheckd");
	strcpy(c->socket_group, "postfix");
}

const char *
config_action_name(enum config_action a)
{
	static const char *const names[] = {"dunno", "log", "reject", "defer"};

	return names[a];
}

static bool
parse_bool(const char *v, bool *out)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") ||
	    !strcasecmp(v, "on")) {
		*out = true;
		return true;
	}
	if (!strcasecmp(v, "no") || !strcasecmp(v, "false") ||
	    !strcasecmp(v, "off")) {
		*out = false;
		return true;
	}
	return false;
}

/* parse_ms - "5", "5s", "1.5s", "250ms", "5m" or "1h" as milliseconds, at
 * most a day. */
static bool
parse_ms(const char *v, unsigned *out)
{
	char *end;
	double x = strtod(v, &end);

	if (end == v || x < 0)
		return false;
	if (strcmp(end, "ms") == 0)
		x /= 1000;
	else if (strcmp(end, "m") == 0)
		x *= 60;
	else if (strcmp(end, "h") == 0)
		x *= 3600;
	else if (*end != '\0' && strcmp(end, "s") != 0)
		return false;
	if (x > 86400)
		return false;
	*out = (unsigned)(x * 1000 + 0.5);
	return true;
}

static bool
parse_uint(const char *v, unsigned max, unsigned *out)
{
	char *end;
	unsigned long x;

	if (!isdigit((unsigned char)*v))
		return false;
	x = strtoul(v, &end, 10);
	if (*end != '\0' || x > max)
		return false;
	*out = (unsigned)x;
	return true;
}

static bool
parse_action(const char *v, enum config_action *out)
{
	static const char *const names[] = {"dunno", "log", "reject", "defer"};
	size_t i;

	for (i = 0; i < 4; i++)
		if (strcmp(v, names[i]) == 0) {
			*out = (enum config_action)i;
			return true;
		}
	return false;
}

/* set_require - the three rules of the issue, as per-verdict actions. */
static bool
set_require(struct config *c, const char *v)
{
	bool fcrdns = strcmp(v, "fcrdns") == 0,
	     strict = strcmp(v, "fcrdns-not-generic") == 0;

	if (!fcrdns && !strict && strcmp(v, "ptr") != 0)
		return false;
	c->action[PTRCHECK_VERDICT_PTR_MISSING] = ACTION_REJECT;
	c->action[PTRCHECK_VERDICT_PTR_INVALID] = ACTION_REJECT;
	c->action[PTRCHECK_VERDICT_FORWARD_MISSING] =
	    fcrdns || strict ? ACTION_REJECT : ACTION_LOG;
	c->action[PTRCHECK_VERDICT_FORWARD_MISMATCH] =
	    fcrdns || strict ? ACTION_REJECT : ACTION_LOG;
	c->action[PTRCHECK_VERDICT_PTR_GENERIC] =
	    strict ? ACTION_REJECT : ACTION_LOG;
	return true;
}

static bool
set_tempfail(struct config *c, const char *v)
{
	if (strcmp(v, "defer") == 0)
		c->tempfail = TEMPFAIL_DEFER;
	else if (strcmp(v, "defer_if_permit") == 0)
		c->tempfail = TEMPFAIL_DEFER_IF_PERMIT;
	else if (strcmp(v, "dunno") == 0)
		c->tempfail = TEMPFAIL_DUNNO;
	else
		return false;
	return true;
}

static bool
set_text(char *dst, size_t cap, const char *v)
{
	size_t i, n = strlen(v);

	if (n == 0 || n >= cap)
		return false;
	for (i = 0; i < n; i++)
		if (!isgraph((unsigned char)v[i]))
			return false; /* it may end up in a header or a log line
			               */
	memcpy(dst, v, n + 1);
	return true;
}

/* valid_listen - unix:/absolute/path, or host:port, [v6]:port (inet:
 * allowed in front), as listen.c will bind it. */
static bool
valid_listen(const char *v)
{
	struct sockaddr_storage ss;
	int len = sizeof(ss);

	if (strncmp(v, "unix:", 5) == 0)
		return v[5] == '/' &&
		       strlen(v + 5) <
		           sizeof(((struct sockaddr_un *)0)->sun_path);
	if (strncmp(v, "inet:", 5) == 0)
		v += 5;
	return strchr(v, ':') != NULL &&
	       evutil_parse_sockaddr_port(v, (struct sockaddr *)&ss, &len) == 0;
}

static bool
add_listen(struct config *c, const char *v)
{
	if (c->nlisten == CONFIG_MAX_LISTEN || !valid_listen(v))
		return false;
	return set_text(c->listen[c->nlisten++], CONFIG_TEXT_MAX, v);
}

static bool
add_resolver(struct config *c, const char *v)
{
	if (c->nresolvers == PTRCHECK_MAX_SERVERS)
		return false;
	return ptrcheck_server_parse(v, &c->resolvers[c->nresolvers++]) ==
	       PTRCHECK_OK;
}

static bool
add_allow_net(struct config *c, const char *v)
{
	if (c->nallow_net == CONFIG_MAX_ALLOW)
		return false;
	return ptrcheck_prefix_parse(
	           v, &c->allow_net[c->nallow_net++], NULL, 0) == PTRCHECK_OK;
}

static bool
add_allow_name(struct config *c, const char *v)
{
	char *dst;
	size_t n;

	if (c->nallow_name == CONFIG_MAX_ALLOW)
		return false;
	dst = c->allow_name[c->nallow_name];
	if (!set_text(dst, CONFIG_TEXT_MAX, v))
		return false;
	n = strlen(dst);
	if (n > 1 && dst[n - 1] == '.')
		dst[n - 1] = '\0'; /* compared without the root's dot */
	c->nallow_name++;
	return true;
}

/* verdict_key - "on-ptr-missing" and the like: which verdict. */
static int
verdict_key(const char *key)
{
	int v;

	if (strncmp(key, "on-", 3) != 0)
		return -1;
	for (v = 0; v < CONFIG_VERDICTS; v++)
		if (v != PTRCHECK_VERDICT_PASS &&
		    v != PTRCHECK_VERDICT_TEMPORARY &&
		    strcmp(key + 3,
		        ptrcheck_verdict_name((enum ptrcheck_verdict)v)) == 0)
			return v;
	return -1;
}

static bool
set_mode(struct config *c, const char *v)
{
	c->warn_mode = strcmp(v, "warn") == 0;
	return c->warn_mode || strcmp(v, "enforce") == 0;
}

/* How a setting's value is read. */
enum kind {
	KIND_MS,      /* a duration kept in milliseconds */
	KIND_SECONDS, /* a duration kept in whole seconds */
	KIND_UINT,
	KIND_BOOL,
	KIND_TEXT, /* printable, no blanks */
	KIND_CALL, /* its own parser: lists and keywords */
};

#define FIELD(f) offsetof(struct config, f), sizeof(((struct config *)0)->f)
#define DAY_S 86400u

/* Every setting of ptrcheckd.conf(5) but the on-<verdict> ones: the
 * bounds are inclusive, in the unit the field keeps. */
static const struct setting {
	const char *key;
	enum kind kind;
	size_t offset, size;
	unsigned min, max;
	bool (*call)(struct config *c, const char *v);
} settings[] = {
    {"listen", KIND_CALL, 0, 0, 0, 0, add_listen},
    {"resolver", KIND_CALL, 0, 0, 0, 0, add_resolver},
    {"dns-timeout", KIND_MS, FIELD(dns_timeout_ms), 1, DAY_S * 1000, NULL},
    {"dns-retries", KIND_UINT, FIELD(dns_retries), 0, 5, NULL},
    {"request-timeout", KIND_MS, FIELD(request_timeout_ms), 100, DAY_S * 1000,
        NULL},
    {"idle-timeout", KIND_SECONDS, FIELD(idle_timeout_s), 1, DAY_S, NULL},
    {"max-connections", KIND_UINT, FIELD(max_connections), 1, 1000000, NULL},
    {"require", KIND_CALL, 0, 0, 0, 0, set_require},
    {"tempfail-action", KIND_CALL, 0, 0, 0, 0, set_tempfail},
    {"tempfail-max-age", KIND_SECONDS, FIELD(tempfail_max_age_s), 0, DAY_S,
        NULL},
    {"metrics-listen", KIND_TEXT, FIELD(metrics_listen), 0, 0, NULL},
    {"mode", KIND_CALL, 0, 0, 0, 0, set_mode},
    {"protocol-state", KIND_TEXT, FIELD(protocol_state), 0, 0, NULL},
    {"allow-network", KIND_CALL, 0, 0, 0, 0, add_allow_net},
    {"allow-name", KIND_CALL, 0, 0, 0, 0, add_allow_name},
    {"exempt-special", KIND_BOOL, FIELD(exempt_special), 0, 0, NULL},
    {"authserv-id", KIND_TEXT, FIELD(authserv_id), 0, 0, NULL},
    {"cache-entries", KIND_UINT, FIELD(cache_entries), 1, 10000000, NULL},
    {"cache-max-ttl", KIND_SECONDS, FIELD(cache_max_ttl_s), 0, DAY_S, NULL},
    {"negative-cache-max", KIND_SECONDS, FIELD(negative_cache_max_s), 0, DAY_S,
        NULL},
    {"stale-max", KIND_SECONDS, FIELD(stale_max_s), 0, DAY_S, NULL},
    {"user", KIND_TEXT, FIELD(user), 0, 0, NULL},
    {"socket-group", KIND_TEXT, FIELD(socket_group), 0, 0, NULL},
};

static const struct setting *
setting_of(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (strcmp(key, settings[i].key) == 0)
			return &settings[i];
	return NULL;
}

/* set_number - a number within the setting's bounds into its field. */
static bool
set_number(const struct setting *s, unsigned *field, const char *v)
{
	unsigned x;

	if (s->kind == KIND_UINT) {
		if (!parse_uint(v, s->max, &x))
			return false;
	} else {
		if (!parse_ms(v, &x))
			return false;
		if (s->kind == KIND_SECONDS)
			x /= 1000;
	}
	if (x < s->min || x > s->max)
		return false;
	*field = x;
	return true;
}

static bool
set_one(struct config *c, const char *k, const char *v)
{
	const struct setting *s;
	int verdict = verdict_key(k);
	char *field;

	if (verdict >= 0)
		return parse_action(v, &c->action[verdict]);
	if ((s = setting_of(k)) == NULL)
		return false;
	field = (char *)c + s->offset;
	switch (s->kind) {
	case KIND_CALL:
		return s->call(c, v);
	case KIND_BOOL:
		return parse_bool(v, (bool *)(void *)field);
	case KIND_TEXT:
		return set_text(field, s->size, v);
	default:
		return set_number(s, (unsigned *)(void *)field, v);
	}
}

static bool
known_key(const char *k)
{
	return setting_of(k) != NULL || verdict_key(k) >= 0;
}

bool
config_set(struct config *c, const char *key, const char *value, char *err,
    size_t errlen)
{
	struct config trial; /* some 20 KB: fine on the stack */

	/* A bad value leaves the settings as they were: set_one may have
	 * written part of it before finding it bad (max-connections = 0). */
	trial = *c;
	if (set_one(&trial, key, value)) {
		*c = trial;
		return true;
	}
	snprintf(err, errlen,
	    known_key(key) ? "%s: bad value (or too many)"
	                   : "%s: unknown setting",
	    key);
	return false;
}

/* trim - s without leading and trailing blanks, in place. */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	                    e[-1] == '\r'))
		*--e = '\0';
	return s;
}

bool
config_read(FILE *f, struct config *c, char *err, size_t errlen)
{
	char line[1024], *eq, *k, *v, why[200];
	unsigned n = 0;

	while (fgets(line, sizeof(line), f) != NULL) {
		n++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(
			    err, errlen, "line %u: longer than 1023 bytes", n);
			return false;
		}
		k = trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			snprintf(err, errlen, "line %u: not 'name = value'", n);
			return false;
		}
		*eq = '\0';
		v = trim(eq + 1);
		k = trim(k);
		if (!config_set(c, k, v, why, sizeof(why))) {
			snprintf(err, errlen, "line %u: %s", n, why);
			return false;
		}
	}
	return true;
}

static bool
name_matches(const char *pattern, const char *name)
{
	size_t pl = strlen(pattern), nl = strlen(name);

	if (nl > 0 && name[nl - 1] == '.')
		nl--;
	if (pattern[0] == '*' && pattern[1] == '.')
		return nl > pl - 1 && strncasecmp(name + nl - (pl - 1),
		                          pattern + 1, pl - 1) == 0;
	return nl == pl && strncasecmp(name, pattern, nl) == 0;
}

bool
config_allows_name(const struct config *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nallow_name; i++)
		if (name_matches(c->allow_name[i], name))
			return true;
	return false;
}

bool
config_allows_addr(const struct config *c, const struct ptrcheck_addr *a)
{
	size_t i;

	for (i = 0; i < c->nallow_net; i++)
		if (ptrcheck_prefix_contains(&c->allow_net[i], a))
			return true;
	return false;
}

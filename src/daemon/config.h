/*
 * config.h - ptrcheckd's settings: defaults, the configuration file of
 * ptrcheckd.conf(5) and the command line. Reading is pure (a FILE in, a
 * struct out, "line N: reason" on error), so SIGHUP can re-read safely.
 */
#ifndef PTRCHECKD_CONFIG_H
#define PTRCHECKD_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

#include "ptrcheck/ptrcheck.h"

#define CONFIG_MAX_LISTEN 8
#define CONFIG_MAX_ALLOW 64
#define CONFIG_TEXT_MAX 256
#define CONFIG_VERDICTS 7 /* enum ptrcheck_verdict */

/* What a verdict leads to (temporary has its own setting). */
enum config_action {
	ACTION_DUNNO,  /* nothing, not even logged as a would-be rejection */
	ACTION_LOG,    /* logged, the mail goes on */
	ACTION_REJECT, /* 550 5.7.25 */
	ACTION_DEFER,  /* 450 4.7.25 */
};

enum config_tempfail {
	TEMPFAIL_DEFER,           /* 450 4.7.25 */
	TEMPFAIL_DEFER_IF_PERMIT, /* DEFER_IF_PERMIT 4.7.25 */
	TEMPFAIL_DUNNO,           /* fail open */
};

struct config {
	char listen[CONFIG_MAX_LISTEN]
	           [CONFIG_TEXT_MAX]; /* host:port, [v6]:port, unix:/path */
	size_t nlisten;
	struct ptrcheck_server resolvers[PTRCHECK_MAX_SERVERS];
	size_t nresolvers; /* 0: /etc/resolv.conf */
	unsigned dns_timeout_ms, dns_retries;
	unsigned request_timeout_ms, idle_timeout_s;
	/* a client deferred for DNS trouble this long gets DUNNO (0: never) */
	unsigned tempfail_max_age_s;
	char metrics_listen[128]; /* ADDR:PORT for GET /metrics, "" off */
	unsigned max_connections;
	enum config_action action[CONFIG_VERDICTS];
	enum config_tempfail tempfail;
	bool warn_mode;
	char protocol_state[16]; /* decide at this state; DUNNO before */
	struct ptrcheck_prefix allow_net[CONFIG_MAX_ALLOW];
	size_t nallow_net;
	char allow_name[CONFIG_MAX_ALLOW]
	               [CONFIG_TEXT_MAX]; /* name or *.suffix */
	size_t nallow_name;
	bool exempt_special;
	char authserv_id[CONFIG_TEXT_MAX]; /* "": no Authentication-Results */
	unsigned cache_entries, cache_max_ttl_s, negative_cache_max_s,
	    stale_max_s;
	char user[64];
	char socket_group[64];
};

/* config_defaults - the default rule (require = fcrdns), enforce mode. */
void config_defaults(struct config *c);

/* config_set - one setting by its name in the file ("require",
 * "listen", ...); false with err set when the name or value is bad. */
bool config_set(struct config *c, const char *key, const char *value, char *err,
    size_t errlen);

/* config_read - a configuration file over c; false with "line N: ..." */
bool config_read(FILE *f, struct config *c, char *err, size_t errlen);

/* config_allows_name - a forward-confirmed PTR name on the name allowlist. */
bool config_allows_name(const struct config *c, const char *name);
bool config_allows_addr(const struct config *c, const struct ptrcheck_addr *a);

const char *config_action_name(enum config_action a);

#endif

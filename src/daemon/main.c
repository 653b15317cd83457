/*
 * main.c - ptrcheckd: the Postfix policy service of ptrcheck(1). It binds
 * its sockets, gives up root, and serves on one event loop until SIGTERM.
 * SIGHUP re-reads the configuration, SIGUSR1 logs the counters. It never
 * daemonizes: systemd (or a shell) supervises it.
 */
#include <event2/event.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <syslog.h>

#include "conn.h"
#include "daemon.h"
#include "metrics.h"
#include "summarize.h"

#define EXIT_RUNTIME 1 /* could not start: a socket, the user, the resolver */
#define EXIT_CONFIG 2  /* bad usage or configuration */
#define MAX_OVERRIDES 64
/* Where Debian's chrooted smtpd reaches it: unix:private/ptrcheckd. */
#define DEFAULT_LISTEN "unix:/var/spool/postfix/private/ptrcheckd"

/* Settings from the command line, applied over the file each time it is
 * read (so a reload keeps them). */
struct overrides {
	const char *key[MAX_OVERRIDES], *value[MAX_OVERRIDES];
	size_t n;
	bool listen, resolver; /* given: they replace the file's lists */
};

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: ptrcheckd [--foreground] [--config FILE] [--listen "
	    "ADDR]...\n"
	    "                 [--resolver HOST[:PORT]]... [--user NAME]\n"
	    "                 [--log stderr|syslog] [--set NAME=VALUE]... "
	    "[--check-config]\n"
	    "                 [--version]\n"
	    "       ptrcheckd --summarize LOG|- [--format text|json]\n"
	    "ADDR is 127.0.0.1:10040, [::1]:10040 or unix:/path; see "
	    "ptrcheckd(8)\n"
	    "and ptrcheckd.conf(5).\n");
}

static bool
load_config(const char *path, const struct overrides *o, struct config *c,
    char *err, size_t errlen)
{
	char why[300];
	FILE *f;
	size_t i;
	bool ok;

	config_defaults(c);
	if (path != NULL) {
		if ((f = fopen(path, "r")) == NULL) {
			snprintf(err, errlen, "%s: cannot open", path);
			return false;
		}
		ok = config_read(f, c, why, sizeof(why));
		fclose(f);
		if (!ok) {
			snprintf(err, errlen, "%s: %s", path, why);
			return false;
		}
	}
	if (o->listen)
		c->nlisten = 0;
	if (o->resolver)
		c->nresolvers = 0;
	for (i = 0; i < o->n; i++)
		if (!config_set(c, o->key[i], o->value[i], why, sizeof(why))) {
			snprintf(err, errlen, "command line: %s", why);
			return false;
		}
	if (c->nlisten == 0)
		config_set(c, "listen", DEFAULT_LISTEN, why, sizeof(why));
	return true;
}

/* descriptors kept for DNS sockets, listeners, the log */
#define FD_RESERVE 32

/* raise_nofile - take all the descriptors the kernel allows (many
 * connections at once are the job), and keep max-connections below them
 * with room for the DNS sockets: clients beyond wait in the backlog while
 * lookups go on. */
static unsigned
raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return UINT_MAX;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > UINT_MAX)
		return UINT_MAX;
	return rl.rlim_cur > FD_RESERVE + 16
	           ? (unsigned)rl.rlim_cur - FD_RESERVE
	           : 16;
}

/* cap_connections - max-connections within what the descriptors allow. */
static void
cap_connections(struct config *c, unsigned cap)
{
	if (c->max_connections <= cap)
		return;
	c->max_connections = cap;
	log_msg(LOG_NOTICE,
	    "at most %u connections at once: the descriptor limit "
	    "keeps %d for DNS",
	    cap, FD_RESERVE);
}

static enum ptrcheck_status
ctx_open(struct daemon *d, char *err, size_t errlen)
{
	struct ptrcheck_options opt;
	unsigned deadline = d->cfg.request_timeout_ms;

	ptrcheck_options_init(&opt);
	memcpy(opt.servers, d->cfg.resolvers, sizeof(opt.servers));
	opt.nservers = d->cfg.nresolvers;
	opt.timeout_ms = d->cfg.dns_timeout_ms;
	opt.retries = d->cfg.dns_retries;
	/* The DNS work ends a little before the request's own timer. */
	opt.deadline_ms = deadline > 400 ? deadline - 200 : deadline;
	opt.zone_lookup = false;
	opt.qps = 0;
	return ptrcheck_ctx_new(d->base, &opt, &d->ctx, err, errlen);
}

static bool
same_listeners(const struct config *a, const struct config *b)
{
	size_t i;

	if (a->nlisten != b->nlisten)
		return false;
	for (i = 0; i < a->nlisten; i++)
		if (strcmp(a->listen[i], b->listen[i]) != 0)
			return false;
	return true;
}

static bool
same_dns(const struct config *a, const struct config *b)
{
	return a->nresolvers == b->nresolvers &&
	       memcmp(a->resolvers, b->resolvers, sizeof(a->resolvers)) == 0 &&
	       a->dns_timeout_ms == b->dns_timeout_ms &&
	       a->dns_retries == b->dns_retries &&
	       a->request_timeout_ms == b->request_timeout_ms &&
	       a->cache_entries == b->cache_entries;
}

struct run {
	struct daemon d;
	struct overrides o;
	unsigned fd_cap;       /* max-connections that the descriptors allow */
	const char *summarize; /* --summarize LOG: only that */
	bool json;             /* --format json (for --summarize) */
};

static void
reload(struct run *r)
{
	struct config c;
	char err[400];

	if (!load_config(r->d.config_path, &r->o, &c, err, sizeof(err))) {
		log_msg(LOG_ERR, "reload: %s; the running configuration stays",
		    err);
		return;
	}
	if (!same_listeners(&c, &r->d.cfg))
		log_msg(LOG_WARNING, "reload: the listen addresses changed; "
		                     "that needs a restart");
	if (!same_dns(&c, &r->d.cfg))
		log_msg(LOG_WARNING,
		    "reload: resolvers, DNS timeouts or the cache size "
		    "changed; that needs a restart");
	memcpy(c.listen, r->d.cfg.listen, sizeof(c.listen));
	c.nlisten = r->d.cfg.nlisten;
	memcpy(c.resolvers, r->d.cfg.resolvers, sizeof(c.resolvers));
	c.nresolvers = r->d.cfg.nresolvers;
	c.dns_timeout_ms = r->d.cfg.dns_timeout_ms;
	c.dns_retries = r->d.cfg.dns_retries;
	c.request_timeout_ms = r->d.cfg.request_timeout_ms;
	c.cache_entries = r->d.cfg.cache_entries;
	cap_connections(&c, r->fd_cap);
	r->d.cfg = c;
	log_msg(LOG_INFO, "reload: configuration read again (mode %s)",
	    c.warn_mode ? "warn" : "enforce");
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct run *r = arg;

	(void)what;
	if (sig == SIGHUP)
		reload(r);
	else if (sig == SIGUSR1) {
		log_counters(&r->d);
		log_flush();
	} else
		event_base_loopbreak(r->d.base);
}

/* drop_user - --user, or ptrcheckd, or nobody when there is no such user. */
static bool
drop_user(const struct config *c, bool user_given, char *err, size_t errlen)
{
	const char *user = c->user;

	if (!user_given && getpwnam(user) == NULL)
		user = "nobody";
	if (!privs_drop(user, err, errlen))
		return false;
	log_msg(LOG_INFO, "running as %s", user);
	return true;
}

static bool
add_override(struct overrides *o, const char *key, const char *value)
{
	if (o->n == MAX_OVERRIDES)
		return false;
	o->key[o->n] = key;
	o->value[o->n++] = value;
	return true;
}

/* run_summarize - --summarize LOG (a file or -): the warn-mode summary,
 * nothing started. */
static int
run_summarize(const struct run *r)
{
	FILE *f =
	    strcmp(r->summarize, "-") == 0 ? stdin : fopen(r->summarize, "r");
	bool ok;

	if (f == NULL) {
		fprintf(stderr, "ptrcheckd: cannot read %s\n", r->summarize);
		return EXIT_CONFIG;
	}
	ok = summarize(f, r->json, stdout);
	if (f != stdin)
		fclose(f);
	return ok ? 0 : EXIT_RUNTIME;
}

/* parse_args - 0 to go on, else the exit status. */
static int
parse_args(int argc, char **argv, struct run *r, bool *to_stderr,
    bool *only_check, bool *user_given)
{
	static const struct option longopts[] = {
	    {"foreground", no_argument, NULL, 'f'},
	    {"config", required_argument, NULL, 'c'},
	    {"listen", required_argument, NULL, 'l'},
	    {"resolver", required_argument, NULL, 'r'},
	    {"user", required_argument, NULL, 'u'},
	    {"log", required_argument, NULL, 'L'},
	    {"set", required_argument, NULL, 's'},
	    {"check-config", no_argument, NULL, 'C'},
	    {"version", no_argument, NULL, 'V'},
	    {"summarize", required_argument, NULL, 'S'},
	    {"format", required_argument, NULL, 'F'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	char *eq;
	int ch;
	bool ok = true;

	while ((ch = getopt_long(
	            argc, argv, "fc:l:r:u:L:s:ChV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			*to_stderr = true;
			break;
		case 'c':
			r->d.config_path = optarg;
			break;
		case 'l':
			r->o.listen = true;
			ok = add_override(&r->o, "listen", optarg);
			break;
		case 'r':
			r->o.resolver = true;
			ok = add_override(&r->o, "resolver", optarg);
			break;
		case 'u':
			*user_given = true;
			ok = add_override(&r->o, "user", optarg);
			break;
		case 'L':
			if (strcmp(optarg, "stderr") != 0 &&
			    strcmp(optarg, "syslog") != 0) {
				fprintf(stderr,
				    "ptrcheckd: --log: stderr or syslog\n");
				return EXIT_CONFIG;
			}
			*to_stderr = strcmp(optarg, "stderr") == 0;
			break;
		case 's':
			if ((eq = strchr(optarg, '=')) == NULL) {
				fprintf(
				    stderr, "ptrcheckd: --set: NAME=VALUE\n");
				return EXIT_CONFIG;
			}
			*eq = '\0';
			ok = add_override(&r->o, optarg, eq + 1);
			break;
		case 'C':
			*only_check = true;
			break;
		case 'h':
			usage(stdout);
			return -1;
		case 'V':
			printf("ptrcheckd %s\n", PTRCHECK_VERSION);
			return -1;
		case 'S':
			r->summarize = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "text") != 0) {
				fprintf(stderr,
				    "ptrcheckd: --format: text or json\n");
				return EXIT_CONFIG;
			}
			r->json = strcmp(optarg, "json") == 0;
			break;
		default:
			usage(stderr);
			return EXIT_CONFIG;
		}
		if (!ok) {
			fprintf(stderr, "ptrcheckd: too many options\n");
			return EXIT_CONFIG;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return EXIT_CONFIG;
	}
	return 0;
}

static int
serve(struct run *r, bool user_given)
{
	static const int sigs[] = {SIGHUP, SIGUSR1, SIGTERM, SIGINT};
	struct event *ev[4] = {NULL};
	struct daemon *d = &r->d;
	char err[400];
	int rc = EXIT_RUNTIME;
	size_t i;

	if ((d->base = event_base_new()) == NULL ||
	    (d->cache = cache_new(d->cfg.cache_entries)) == NULL ||
	    (d->tempfail = tempfail_new()) == NULL) {
		log_msg(LOG_ERR, "out of memory");
		goto out;
	}
	if (ctx_open(d, err, sizeof(err)) != PTRCHECK_OK) {
		log_msg(LOG_ERR, "resolver: %s", err);
		goto out;
	}
	if (!listeners_open(d, err, sizeof(err)) ||
	    !metrics_open(d, err, sizeof(err)) ||
	    !drop_user(&d->cfg, user_given, err, sizeof(err))) {
		log_msg(LOG_ERR, "%s", err);
		goto out;
	}
	signal(SIGPIPE, SIG_IGN);
	log_start(d->base);
	for (i = 0; i < 4; i++)
		if ((ev[i] = evsignal_new(d->base, sigs[i], on_signal, r)) !=
		    NULL)
			event_add(ev[i], NULL);
	log_msg(LOG_INFO, "ready: %zu listener(s), mode %s, exempt-special %s",
	    d->cfg.nlisten, d->cfg.warn_mode ? "warn" : "enforce",
	    d->cfg.exempt_special ? "yes" : "no");
	event_base_dispatch(d->base);
	log_counters(d);
	log_msg(LOG_INFO, "stopped");
	rc = 0;
out:
	conn_close_all(d);
	log_stop();
	for (i = 0; i < 4; i++)
		if (ev[i] != NULL)
			event_free(ev[i]);
	listeners_free(d);
	ptrcheck_ctx_free(d->ctx); /* checks in flight go; then the cache */
	cache_free(d->cache);
	tempfail_free(d->tempfail);
	metrics_close(d);
	if (d->base != NULL)
		event_base_free(d->base);
	return rc;
}

int
main(int argc, char **argv)
{
	static struct run r; /* large: not on the stack */
	bool to_stderr = false, only_check = false, user_given = false;
	char err[400];
	int rc;

	if ((rc = parse_args(
	         argc, argv, &r, &to_stderr, &only_check, &user_given)) != 0)
		return rc < 0 ? 0 : rc;
	if (r.summarize != NULL)
		return run_summarize(&r);
	if (!load_config(r.d.config_path, &r.o, &r.d.cfg, err, sizeof(err))) {
		fprintf(stderr, "ptrcheckd: %s\n", err);
		return EXIT_CONFIG;
	}
	if (only_check) {
		printf("ptrcheckd: configuration OK\n");
		return 0;
	}
	log_open(to_stderr);
	r.fd_cap = raise_nofile();
	cap_connections(&r.d.cfg, r.fd_cap);
	return serve(&r, user_given);
}

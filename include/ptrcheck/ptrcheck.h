/*
 * libptrcheck - reverse DNS (PTR) diagnosis for mail senders and receivers.
 *
 * Usage:
 *	struct event_base *base = event_base_new();
 *	struct ptrcheck_options opt;
 *	struct ptrcheck_ctx *ctx;
 *	struct ptrcheck_report *rep;
 *	struct ptrcheck_addr addr;
 *
 *	ptrcheck_options_init(&opt);
 *	if (ptrcheck_ctx_new(base, &opt, &ctx, NULL, 0) != PTRCHECK_OK) ...
 *	if (ptrcheck_addr_parse("192.0.2.25", &addr) != PTRCHECK_OK) ...
 *	if (ptrcheck_check_addr(ctx, &addr, &rep) == PTRCHECK_OK)
 *		puts(ptrcheck_verdict_name(ptrcheck_report_verdict(rep)));
 *	ptrcheck_report_free(rep);
 *	ptrcheck_ctx_free(ctx);
 *
 * Every name that came from DNS is kept as wire-format bytes inside the
 * report; the render functions escape it (see ptrcheck_report_render()).
 */
#ifndef PTRCHECK_PTRCHECK_H
#define PTRCHECK_PTRCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define PTRCHECK_API __attribute__((visibility("default")))
#else
#define PTRCHECK_API
#endif

/* Record types as zone files and messages number them (RFC 1035, 3596). */
#define PTRCHECK_TYPE_A 1
#define PTRCHECK_TYPE_NS 2
#define PTRCHECK_TYPE_CNAME 5
#define PTRCHECK_TYPE_SOA 6
#define PTRCHECK_TYPE_PTR 12
#define PTRCHECK_TYPE_MX 15
#define PTRCHECK_TYPE_AAAA 28

#define PTRCHECK_NAME_WIRE_MAX 255
#define PTRCHECK_NAME_TEXT_MAX 1024
#define PTRCHECK_ADDR_TEXT_MAX 46
/* an owner name under in-addr.arpa or ip6.arpa (73 bytes for IPv6) */
#define PTRCHECK_ARPA_TEXT_MAX 80
/* a server as "address#port": "2001:db8::53#5353" */
#define PTRCHECK_SERVER_TEXT_MAX 64
#define PTRCHECK_MAX_PTR_NAMES 8
#define PTRCHECK_MAX_SERVERS 8
#define PTRCHECK_MAX_PROVIDERS 4

struct event_base;
struct ptrcheck_ctx;
struct ptrcheck_report;

/* Whether a call worked. PTRCHECK_OK is 0. */
enum ptrcheck_status {
	PTRCHECK_OK = 0,
	PTRCHECK_ENOMEM,
	PTRCHECK_EINVAL,    /* malformed input */
	PTRCHECK_ERESOLVER, /* the resolver library could not be set up */
	PTRCHECK_ERANGE,    /* a bounded buffer or table is full */
};

/* What one DNS query produced: a result, never an error. */
enum ptrcheck_answer {
	PTRCHECK_ANSWER_NONE,    /* not asked (the zero value) */
	PTRCHECK_ANSWER_PENDING, /* asked, no answer yet (or ever: the
	                            deadline came first) */
	PTRCHECK_ANSWER_FOUND,
	PTRCHECK_ANSWER_NXDOMAIN,
	PTRCHECK_ANSWER_NODATA,
	PTRCHECK_ANSWER_TIMEOUT,
	PTRCHECK_ANSWER_SERVFAIL,
	PTRCHECK_ANSWER_REFUSED,
	PTRCHECK_ANSWER_OTHER_RCODE,
	PTRCHECK_ANSWER_NETWORK,
	PTRCHECK_ANSWER_BADREPLY,
};

/* The one verdict per IP address; the order of the values is not a rank. */
enum ptrcheck_verdict {
	PTRCHECK_VERDICT_PASS,
	PTRCHECK_VERDICT_PTR_MISSING,
	PTRCHECK_VERDICT_FORWARD_MISSING,
	PTRCHECK_VERDICT_FORWARD_MISMATCH,
	PTRCHECK_VERDICT_PTR_GENERIC,
	PTRCHECK_VERDICT_PTR_INVALID,
	PTRCHECK_VERDICT_TEMPORARY,
};

enum ptrcheck_warning_code {
	PTRCHECK_WARN_MULTIPLE_PTR,
	PTRCHECK_WARN_PTR_CNAME,
	PTRCHECK_WARN_CNAME_LOOP,
	PTRCHECK_WARN_FORWARD_CNAME,
	PTRCHECK_WARN_TTL_SHORT,
	PTRCHECK_WARN_SPECIAL_ADDRESS,
	PTRCHECK_WARN_TOO_MANY_PTR,
	PTRCHECK_WARN_HOSTNAME_DIFFERS,
	PTRCHECK_WARN_DEADLINE,
	PTRCHECK_WARN_FORWARD_UNKNOWN,
	PTRCHECK_WARN_FORWARD_UNCHECKED,
	/* authority inspection (ptrcheck_options.authority) */
	PTRCHECK_WARN_LAME_SERVER,
	PTRCHECK_WARN_SERVER_UNREACHABLE,
	PTRCHECK_WARN_SERVERS_DISAGREE,
	PTRCHECK_WARN_SERIAL_DIFFERS,
	PTRCHECK_WARN_DELEGATION_MISMATCH,
	PTRCHECK_WARN_RFC2317,
	PTRCHECK_WARN_NEGATIVE_CACHE,
	PTRCHECK_WARN_RESOLVER_DIFFERS,
	PTRCHECK_WARN_PROVIDER_NOT_DELEGATED,
	PTRCHECK_WARN_ZONE_UNREACHABLE,
	/* causes of a temporary verdict */
	PTRCHECK_WARN_NS_NAME_UNRESOLVABLE, /* a delegated server name has no
	                                       address */
	PTRCHECK_WARN_SERVER_FAILURE, /* a server SERVFAILs for its own zone */
	PTRCHECK_WARN_RESOLVER_UNREACHABLE, /* the resolver asked refuses or is
	                                       silent */
	PTRCHECK_WARN_DNSSEC_BOGUS,   /* the resolver's validation fails */
	PTRCHECK_WARN_FORWARD_FAILED, /* a PTR name's address lookup failed */
	/* the HELO name (options.helo) does not resolve to the address, or
	 * the PTR is neither it nor a name of its registered domain */
	PTRCHECK_WARN_HELO_MISMATCH,
};

enum ptrcheck_severity {
	PTRCHECK_SEVERITY_INFO,
	PTRCHECK_SEVERITY_WARN,
};

/* Monitoring-plugins exit status. */
enum ptrcheck_exit {
	PTRCHECK_EXIT_OK = 0,
	PTRCHECK_EXIT_WARNING = 1,
	PTRCHECK_EXIT_CRITICAL = 2,
	PTRCHECK_EXIT_UNKNOWN = 3,
};

/* An IPv4 or IPv6 address; IPv4-mapped IPv6 is stored as IPv4. */
struct ptrcheck_addr {
	int family; /* AF_INET or AF_INET6 */
	uint8_t bytes[16];
};

/* A resolver or server address with its port. */
struct ptrcheck_server {
	struct ptrcheck_addr addr;
	uint16_t port;
};

/* Trace callback: one line per query outcome, already escaped. */
typedef void ptrcheck_trace_fn(const char *line, void *arg);

struct ptrcheck_options {
	struct ptrcheck_server servers[PTRCHECK_MAX_SERVERS];
	size_t nservers;      /* 0: the system's /etc/resolv.conf */
	unsigned timeout_ms;  /* per query try, default 2000 */
	unsigned retries;     /* extra tries per query, default 1 */
	unsigned deadline_ms; /* per check, default 8000 */
	bool zone_lookup;     /* also ask SOA to find the PTR's zone */
	bool ptr_only;        /* no forward lookups: a plain PTR sweep */
	bool direct;  /* PTR from the zone's servers (RD=0), not the resolver */
	unsigned qps; /* queries/s through the resolvers, 0: no cap */
	/* queries/s per server asked directly, 0: no cap */
	unsigned direct_qps;
	/* Authority inspection: the PTR zone's servers asked one by one. */
	bool authority;
	/* walk from these */
	struct ptrcheck_server roots[PTRCHECK_MAX_SERVERS];
	/* 0: start at in-addr.arpa./ip6.arpa. via the resolver */
	size_t nroots;
	char providers[PTRCHECK_MAX_PROVIDERS]
	              [PTRCHECK_NAME_TEXT_MAX]; /* NAME|IP */
	size_t nproviders;
	ptrcheck_trace_fn *trace; /* NULL: no trace */
	void *trace_arg;
	/* The hostname given to a check is the HELO name the address sends:
	 * it must resolve to the address, and the PTR name it or a name of
	 * its registered domain (helo-mismatch otherwise). */
	bool helo;
};

/* --- status ------------------------------------------------------------ */

/* ptrcheck_strerror - a static English sentence for st. */
PTRCHECK_API const char *ptrcheck_strerror(enum ptrcheck_status st);

/*
 * ptrcheck_escape - untrusted bytes as printable ASCII into out (NUL-
 * terminated, cut at outlen): \DDD for bytes outside 0x20-0x7e and for the
 * backslash. Returns out.
 */
PTRCHECK_API const char *ptrcheck_escape(
    const void *bytes, size_t len, char *out, size_t outlen);

/*
 * ptrcheck_json_string - bytes as a quoted JSON string: valid UTF-8 kept,
 * control characters as \u00XX, bytes that are not UTF-8 as U+FFFD.
 */
PTRCHECK_API void ptrcheck_json_string(
    FILE *out, const void *bytes, size_t len);

/* --- addresses --------------------------------------------------------- */

/*
 * ptrcheck_addr_parse - parse an IPv4 or IPv6 address by inet_pton rules
 * (no octal or short IPv4 forms, no zone ids). An IPv4-mapped IPv6 address
 * becomes IPv4. Returns PTRCHECK_EINVAL for anything else.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_addr_parse(
    const char *text, struct ptrcheck_addr *out);

/* ptrcheck_addr_format - RFC 5952 text into buf (PTRCHECK_ADDR_TEXT_MAX). */
PTRCHECK_API void ptrcheck_addr_format(
    const struct ptrcheck_addr *a, char *buf, size_t len);

PTRCHECK_API bool ptrcheck_addr_equal(
    const struct ptrcheck_addr *a, const struct ptrcheck_addr *b);

/*
 * ptrcheck_addr_special - a short description when no receiver on the
 * Internet can see a as a client ("loopback", "private (RFC 1918)", ...),
 * NULL for a global address.
 */
PTRCHECK_API const char *ptrcheck_addr_special(const struct ptrcheck_addr *a);

/*
 * ptrcheck_server_parse - "IP", "IP:PORT" or "[IPv6]:PORT"; port 53 when
 * absent. A bare IPv6 address takes no port.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_server_parse(
    const char *text, struct ptrcheck_server *out);

/*
 * ptrcheck_arpa_from_addr - the PTR owner name in presentation form with
 * the trailing dot: "25.2.0.192.in-addr.arpa." or the 32-nibble ip6.arpa
 * name. buf needs 74 bytes for IPv6: PTRCHECK_ARPA_TEXT_MAX suffices.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_arpa_from_addr(
    const struct ptrcheck_addr *a, char *buf, size_t len);

/* --- verdicts ---------------------------------------------------------- */

/* ptrcheck_verdict_name - "pass", "ptr-missing", ... as used everywhere. */
PTRCHECK_API const char *ptrcheck_verdict_name(enum ptrcheck_verdict v);
PTRCHECK_API const char *ptrcheck_answer_name(enum ptrcheck_answer a);
PTRCHECK_API const char *ptrcheck_warning_name(enum ptrcheck_warning_code w);
PTRCHECK_API enum ptrcheck_exit ptrcheck_verdict_exit(enum ptrcheck_verdict v);

/*
 * ptrcheck_exit_combine - several statuses into one: CRITICAL > WARNING >
 * UNKNOWN > OK, so one timeout never hides a proven failure.
 */
PTRCHECK_API enum ptrcheck_exit ptrcheck_exit_combine(
    enum ptrcheck_exit a, enum ptrcheck_exit b);

/* --- classifier (pure, no DNS) ----------------------------------------- */

#define PTRCHECK_REASON_MAX 160

struct ptrcheck_classification {
	bool generic;
	int score; /* > 0 generic; see docs/CLASSIFIER.md */
	char reason[PTRCHECK_REASON_MAX];
};

/*
 * ptrcheck_classify - judge whether name (presentation form, with or
 * without the trailing dot) looks like an ISP's generic or dynamic name.
 * ip may be NULL when unknown. explain, when not NULL, receives one line
 * per feature that fired ("+3 dynamic-word dyn"), NUL-terminated and cut
 * at explain_len.
 */
PTRCHECK_API void ptrcheck_classify(const char *name,
    const struct ptrcheck_addr *ip, struct ptrcheck_classification *out,
    char *explain, size_t explain_len);

/* --- providers (data/providers.tsv) ------------------------------------ */

/* A hosting, cloud or access provider: how its addresses are recognised
 * and how a customer sets a PTR there. Strings are static ("-": none). */
struct ptrcheck_provider {
	const char *id;       /* "hetzner" */
	const char *name;     /* "Hetzner Online" */
	const char *kind;     /* "cloud", "hosting" or "access" */
	const char *patterns; /* default PTR name forms */
	const char *servers;  /* reverse-zone SOA/NS name forms */
	const char *how;      /* where and how to set the PTR; never "-" */
	const char *needs;    /* what must be true first */
	const char *limits;   /* what else stands in the way of mail */
	const char *source;
};

/* ptrcheck_provider_of_name - the provider whose default reverse name
 * form name has (presentation form, any case), or NULL. */
PTRCHECK_API const struct ptrcheck_provider *ptrcheck_provider_of_name(
    const char *name);

/* ptrcheck_provider_of_server - the provider whose reverse-zone servers
 * host is (an SOA or NS name), or NULL. */
PTRCHECK_API const struct ptrcheck_provider *ptrcheck_provider_of_server(
    const char *host);

/* ptrcheck_report_provider - the provider whose address the report is
 * about (a PTR name in its default form, else its servers running the
 * reverse zone), or NULL. */
struct ptrcheck_report;
PTRCHECK_API const struct ptrcheck_provider *ptrcheck_report_provider(
    const struct ptrcheck_report *rep);

/* ptrcheck_registered_domain - the registered domain of name by the
 * Public Suffix List ("mail.example.co.uk" -> "example.co.uk"), lower
 * case without the final dot, into out; false when it has none (a public
 * suffix itself, or no data). */
PTRCHECK_API bool ptrcheck_registered_domain(
    const char *name, char *out, size_t len);

/* ptrcheck_provider_json - {"id","name","kind","how","needs","limits",
 * "source"} (a "-" column as null), or null for NULL. */
PTRCHECK_API void ptrcheck_provider_json(
    const struct ptrcheck_provider *p, FILE *out);

/* ptrcheck_providers_load - the table from path (the form of
 * data/providers.tsv) instead of the one compiled in, for every later
 * lookup; on error the table is unchanged and err says why (line N). */
PTRCHECK_API enum ptrcheck_status ptrcheck_providers_load(
    const char *path, char *err, size_t errlen);

/* --- context ----------------------------------------------------------- */

/* ptrcheck_options_init - defaults: system resolvers, 2 s, 1 retry, 8 s. */
PTRCHECK_API void ptrcheck_options_init(struct ptrcheck_options *opt);

/*
 * ptrcheck_ctx_new - a context whose queries run on base, which the caller
 * owns and must outlive the context. opt is copied. PTRCHECK_ERESOLVER when
 * c-ares cannot be set up; err (errlen bytes, may be NULL) then says why.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_ctx_new(struct event_base *base,
    const struct ptrcheck_options *opt, struct ptrcheck_ctx **out, char *err,
    size_t errlen);

/* ptrcheck_ctx_free - cancels whatever is in flight; accepts NULL. */
PTRCHECK_API void ptrcheck_ctx_free(struct ptrcheck_ctx *ctx);

/* What a context has sent so far: every try counts once. */
struct ptrcheck_stats {
	uint64_t queries;  /* tries sent, retries included */
	uint64_t retries;  /* tries after the first of a question */
	uint64_t timeouts; /* tries that got no answer in time */
	uint64_t errors;   /* network errors and unparsable replies */
};

PTRCHECK_API void ptrcheck_ctx_stats(
    const struct ptrcheck_ctx *ctx, struct ptrcheck_stats *out);

/* ptrcheck_ctx_errmsg - readable detail of the last failed call. */
PTRCHECK_API const char *ptrcheck_ctx_errmsg(const struct ptrcheck_ctx *ctx);

/* --- checks ------------------------------------------------------------ */

/* done(rep, arg) runs on the loop, exactly once, and owns rep. */
typedef void ptrcheck_done_fn(struct ptrcheck_report *rep, void *arg);

/*
 * ptrcheck_check_start - begin checking addr (PTR, then the forward
 * A/AAAA of every PTR name, concurrently). hostname, when not NULL, is the
 * name the user expects the address to carry (used for the fix); it is
 * copied.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_check_start(struct ptrcheck_ctx *ctx,
    const struct ptrcheck_addr *addr, const char *hostname,
    ptrcheck_done_fn *done, void *arg);

/* ptrcheck_check_addr - run the loop until one check is done (CLI only). */
PTRCHECK_API enum ptrcheck_status ptrcheck_check_addr(struct ptrcheck_ctx *ctx,
    const struct ptrcheck_addr *addr, struct ptrcheck_report **out);

/* --- scans: many addresses, a bounded window ------------------------- */

struct ptrcheck_scan;

struct ptrcheck_scan_options {
	unsigned window; /* checks in flight, 1-4096 */
	bool unordered;  /* results as they complete, not in input order */
};

/* next(arg, out) - the next address to check; false when there is none. */
typedef bool ptrcheck_scan_next_fn(void *arg, struct ptrcheck_addr *out);

/*
 * ptrcheck_scan_new - a scan that pulls addresses from next(next_arg) and
 * hands every report to result(rep, result_arg), which owns it, in input
 * order unless o->unordered.
 * Memory is bounded by the window, not by the input.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_scan_new(struct ptrcheck_ctx *ctx,
    const struct ptrcheck_scan_options *o, ptrcheck_scan_next_fn *next,
    void *next_arg, ptrcheck_done_fn *result, void *result_arg,
    struct ptrcheck_scan **out);

/* ptrcheck_scan_run - run the loop until every address is done or the scan
 * is stopped; PTRCHECK_ERESOLVER when a check could not be started. */
PTRCHECK_API enum ptrcheck_status ptrcheck_scan_run(struct ptrcheck_scan *sc);

/* ptrcheck_scan_stop - from a callback or a signal event: checks in flight
 * are dropped and ptrcheck_scan_run returns. */
PTRCHECK_API void ptrcheck_scan_stop(struct ptrcheck_scan *sc);
PTRCHECK_API void ptrcheck_scan_free(struct ptrcheck_scan *sc);

/* --- hosts and mail domains -------------------------------------------- */

struct ptrcheck_target;

/* done(t, arg) runs on the loop, exactly once, and owns t. */
typedef void ptrcheck_target_fn(struct ptrcheck_target *t, void *arg);

/*
 * ptrcheck_target_start - resolve a host name (A and AAAA) or, with mx, a
 * mail domain (MX, then each host's A and AAAA; the implicit MX of RFC 5321
 * 5.1 when there is none; a null MX per RFC 7505), then check every address.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_target_start(
    struct ptrcheck_ctx *ctx, const char *name, bool mx,
    ptrcheck_target_fn *done, void *arg);

PTRCHECK_API void ptrcheck_target_free(struct ptrcheck_target *t);

/* --- reports ----------------------------------------------------------- */

PTRCHECK_API void ptrcheck_report_free(struct ptrcheck_report *rep);
PTRCHECK_API enum ptrcheck_verdict ptrcheck_report_verdict(
    const struct ptrcheck_report *rep);

/* ptrcheck_report_addr - the address checked; owned by rep. */
PTRCHECK_API const struct ptrcheck_addr *ptrcheck_report_addr(
    const struct ptrcheck_report *rep);

/* ptrcheck_report_exit - the verdict's status, raised to WARNING by warnings.
 */
PTRCHECK_API enum ptrcheck_exit ptrcheck_report_exit(
    const struct ptrcheck_report *rep);

/* PTR targets in presentation form (escaped); owned by rep. */
PTRCHECK_API size_t ptrcheck_report_ptr_count(
    const struct ptrcheck_report *rep);

/* ptrcheck_report_ptr_name - the i-th PTR name checked, escaped
 * presentation form into buf (PTRCHECK_NAME_TEXT_MAX); "" past the end. */
PTRCHECK_API const char *ptrcheck_report_ptr_name(
    const struct ptrcheck_report *rep, size_t i, char *buf, size_t len);

/* ptrcheck_report_ptr_confirms - whether the i-th name resolves back to
 * the address (forward-confirmed). */
PTRCHECK_API bool ptrcheck_report_ptr_confirms(
    const struct ptrcheck_report *rep, size_t i);

/*
 * ptrcheck_report_ttl - how long the facts may be cached, in seconds: the
 * smallest TTL of the answers (a negative answer's is min(SOA TTL,
 * MINIMUM), RFC 2308); 0 when no answer carried one (a failure).
 */
PTRCHECK_API uint32_t ptrcheck_report_ttl(const struct ptrcheck_report *rep);

/*
 * ptrcheck_report_unresolved_provider - the i-th provider name of
 * ptrcheck_options.providers that resolved to no address at all (the A
 * and AAAA questions were answered, empty: a typo rather than a DNS
 * fault), as text into buf; false past the last one.
 */
PTRCHECK_API bool ptrcheck_report_unresolved_provider(
    const struct ptrcheck_report *rep, size_t i, char *buf, size_t len);
PTRCHECK_API bool ptrcheck_report_has_warning(
    const struct ptrcheck_report *rep, enum ptrcheck_warning_code w);

/* Rendering: whatever came from DNS is escaped; out is a stdio stream. */
struct ptrcheck_render {
	bool color;   /* ANSI colour: callers decide (TTY, NO_COLOR) */
	bool verbose; /* show every query */
};

PTRCHECK_API void ptrcheck_report_text(const struct ptrcheck_report *rep,
    const struct ptrcheck_render *how, FILE *out);

/* ptrcheck_report_line - one line: address, verdict, PTR names (or the
 * answer), warnings; for scans. */
PTRCHECK_API void ptrcheck_report_line(const struct ptrcheck_report *rep,
    const struct ptrcheck_render *how, FILE *out);

/* ptrcheck_nagios - the monitoring-plugins output for n reports: the
 * status line "PTRCHECK CRITICAL - 192.0.2.13 forward-mismatch: ..." with
 * performance data after "|" (time, addresses, PTR names, the smallest
 * TTL), then the long text (each address, its fix records). The state is
 * the combined exit status. */
PTRCHECK_API void ptrcheck_nagios(const struct ptrcheck_report *const *reps,
    size_t n, unsigned elapsed_ms, FILE *out);

/* ptrcheck_report_html - one self-contained HTML page for n reports (no
 * external asset, no script, every text escaped): the diagnosis, the
 * records to change, who can change them and the evidence per server,
 * worded for whoever runs the zone. */
PTRCHECK_API void ptrcheck_report_html(
    const struct ptrcheck_report *const *reps, size_t n, FILE *out);

/* ptrcheck_report_json - one result object (docs/JSON.md), no newline. */
PTRCHECK_API void ptrcheck_report_json(
    const struct ptrcheck_report *rep, FILE *out);

/* ptrcheck_report_csv - one line of the fixed columns of docs/JSON.md
 * ("CSV"), after ptrcheck_report_csv_header() once. */
PTRCHECK_API void ptrcheck_report_csv_header(FILE *out);
PTRCHECK_API void ptrcheck_report_csv(
    const struct ptrcheck_report *rep, FILE *out);

PTRCHECK_API enum ptrcheck_exit ptrcheck_target_exit(
    const struct ptrcheck_target *t);
PTRCHECK_API void ptrcheck_target_text(const struct ptrcheck_target *t,
    const struct ptrcheck_render *how, FILE *out);

/*
 * ptrcheck_target_json - the target object (docs/JSON.md), no newline;
 * results_out receives its results, each rendered by ptrcheck_report_json.
 */
PTRCHECK_API void ptrcheck_target_json(
    const struct ptrcheck_target *t, FILE *out);
PTRCHECK_API size_t ptrcheck_target_report_count(
    const struct ptrcheck_target *t);
PTRCHECK_API const struct ptrcheck_report *ptrcheck_target_report(
    const struct ptrcheck_target *t, size_t i);

/* --- bounces (pure, no DNS) ------------------------------------------ */

#define PTRCHECK_BOUNCE_MAX_IPS 16
#define PTRCHECK_BOUNCE_INPUT_MAX (64u << 20) /* 64 MiB */

/* What the receiver complained about: its own vocabulary, never a verdict. */
enum ptrcheck_cause {
	PTRCHECK_CAUSE_PTR_MISSING,
	PTRCHECK_CAUSE_FCRDNS_MISMATCH,
	PTRCHECK_CAUSE_PTR_GENERIC,
	PTRCHECK_CAUSE_OTHER,
};

/* One rejection found in a bounce. Text fields are untrusted bytes as
 * written (NUL-terminated, cut to size): escape them before printing. */
#define PTRCHECK_BOUNCE_TEXT_MAX 2048

/* One rejection: per recipient and receiver, in the order they appear. */
struct ptrcheck_bounce {
	/* the rejected client */
	struct ptrcheck_addr ips[PTRCHECK_BOUNCE_MAX_IPS];
	size_t nips;
	bool ips_capped;
	enum ptrcheck_cause cause;
	char receiver[32];        /* a family of docs/BOUNCE.md */
	char remote_mta[256];     /* the receiving host as written, or "" */
	char recipient[256];      /* the rejected recipient as written, or "" */
	int smtp_code;            /* 0 when the text has none */
	char enhanced_status[16]; /* "5.7.25" or "" */
	char text[PTRCHECK_BOUNCE_TEXT_MAX]; /* the rejection, lines joined */
};

struct ptrcheck_bounces {
	struct ptrcheck_bounce *v; /* one per rejection, message by message */
	size_t n;
	bool input_capped;      /* more than PTRCHECK_BOUNCE_INPUT_MAX bytes */
	bool candidates_capped; /* more address-like strings than looked at */
};

/*
 * ptrcheck_bounce_parse - find the rejections in a pasted bounce, a whole
 * RFC 5322 message with an RFC 3464 report, an mbox, an SMTP transcript or
 * a log line. *out is set (possibly with n == 0) on PTRCHECK_OK; free it
 * with ptrcheck_bounces_free().
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_bounce_parse(
    const void *data, size_t len, struct ptrcheck_bounces **out);
PTRCHECK_API void ptrcheck_bounces_free(struct ptrcheck_bounces *b);

/* ptrcheck_cause_name - "ptr-missing", "fcrdns-mismatch", "ptr-generic",
 * "other". */
PTRCHECK_API const char *ptrcheck_cause_name(enum ptrcheck_cause c);

/* --- prefixes and reverse zones (pure) ---------------------------------- */

struct ptrcheck_prefix {
	struct ptrcheck_addr addr; /* the network address (host bits zero) */
	unsigned len;              /* prefix length */
};

/*
 * ptrcheck_prefix_parse - "192.0.2.0/24", "2001:db8::/48", or an address
 * alone (/32 or /128). Host bits must be zero; /0 is refused. On error, err
 * (may be NULL) receives a short reason.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_prefix_parse(
    const char *text, struct ptrcheck_prefix *out, char *err, size_t errlen);

PTRCHECK_API bool ptrcheck_prefix_contains(
    const struct ptrcheck_prefix *p, const struct ptrcheck_addr *a);
PTRCHECK_API void ptrcheck_prefix_format(
    const struct ptrcheck_prefix *p, char *buf, size_t len);

/*
 * ptrcheck_prefix_zone - the reverse zone of a prefix whose length is a
 * zone cut (IPv4 /8, /16, /24; IPv6 a multiple of 4), or its RFC 2317
 * classless zone for IPv4 /25-/32 ("128/25.2.0.192.in-addr.arpa." or, with
 * dash, "128-255.2.0.192.in-addr.arpa."). PTRCHECK_EINVAL otherwise.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_prefix_zone(
    const struct ptrcheck_prefix *p, bool dash, char *buf, size_t len);

/* ptrcheck_prefix_cut - the zone cut (8, 16, 24 or 25-32; 4n) at or
 * below the prefix's length for its family. */
PTRCHECK_API unsigned ptrcheck_prefix_cut(const struct ptrcheck_prefix *p);

/* ptrcheck_prefix_nth - the i-th address of p (i below its size). */
PTRCHECK_API void ptrcheck_prefix_nth(
    const struct ptrcheck_prefix *p, uint64_t i, struct ptrcheck_addr *out);

/* ptrcheck_prefix_size_log2 - log2 of the number of addresses. */
PTRCHECK_API unsigned ptrcheck_prefix_size_log2(
    const struct ptrcheck_prefix *p);

/*
 * ptrcheck_arpa_to_addr - the address a PTR owner name stands for,
 * "25.2.0.192.in-addr.arpa." or an RFC 2317 "25.0/25.2.0.192.in-addr.arpa.",
 * or the 32-nibble ip6.arpa name. PTRCHECK_EINVAL for anything else.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_arpa_to_addr(
    const char *name, struct ptrcheck_addr *out);

/* --- zone files and host lists (streaming) ----------------------------- */

/* One record as read; names in presentation form, absolute. */
struct ptrcheck_zrecord {
	char owner[PTRCHECK_NAME_TEXT_MAX];
	/* 1 A, 2 NS, 5 CNAME, 6 SOA, 12 PTR, 15 MX, 28 AAAA, ... */
	uint16_t type;
	uint32_t ttl;
	struct ptrcheck_addr addr;           /* A, AAAA */
	char target[PTRCHECK_NAME_TEXT_MAX]; /* NS, CNAME, PTR, MX; SOA MNAME */
	char rname[PTRCHECK_NAME_TEXT_MAX];  /* SOA */
	uint32_t serial, refresh, retry, expire, minimum; /* SOA */
	uint16_t pref;                                    /* MX */
	unsigned line;
};

/* The callback returns false to stop reading. */
typedef bool ptrcheck_zrecord_fn(const struct ptrcheck_zrecord *r, void *arg);

/*
 * ptrcheck_zonefile_read - read a master file (RFC 1035 5) record by record
 * with ldns: $ORIGIN and $TTL are followed, $INCLUDE is refused. origin is
 * the initial origin (may be NULL). On a malformed file, err gets
 * "line N: reason" and the status is PTRCHECK_EINVAL.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_zonefile_read(FILE *f,
    const char *origin, ptrcheck_zrecord_fn *cb, void *arg, char *err,
    size_t errlen);

/*
 * ptrcheck_hostcsv_read - "ip,hostname" lines (blank lines and # comments
 * allowed) as A/AAAA records. err gets "line N: reason" on the first bad
 * line, and the status is PTRCHECK_EINVAL.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_hostcsv_read(
    FILE *f, ptrcheck_zrecord_fn *cb, void *arg, char *err, size_t errlen);

/* ptrcheck_hostcsv_line - one CSV line (no newline) into r; a parser that
 * a fuzz target can reach. false with err set when malformed; *blank for a
 * blank or comment line. */
PTRCHECK_API bool ptrcheck_hostcsv_line(const char *line,
    struct ptrcheck_zrecord *r, bool *blank, char *err, size_t errlen);

/* --- audits: reverse against forward data ------------------------------ */

struct ptrcheck_audit;

PTRCHECK_API struct ptrcheck_audit *ptrcheck_audit_new(void);
PTRCHECK_API void ptrcheck_audit_free(struct ptrcheck_audit *a);

/* ptrcheck_audit_add_forward - an A, AAAA, CNAME or SOA of forward data;
 * other types are ignored. The record is copied. */
PTRCHECK_API enum ptrcheck_status ptrcheck_audit_add_forward(
    struct ptrcheck_audit *a, const struct ptrcheck_zrecord *r);

/* ptrcheck_audit_add_reverse - a PTR or SOA of reverse data. */
PTRCHECK_API enum ptrcheck_status ptrcheck_audit_add_reverse(
    struct ptrcheck_audit *a, const struct ptrcheck_zrecord *r);

/*
 * ptrcheck_audit_run - one report per address that has a PTR, or an A/AAAA
 * inside a reverse zone that was given, in address order: the same facts
 * and verdicts as ptrcheck check, from the data instead of DNS. done owns
 * each report.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_audit_run(
    struct ptrcheck_audit *a, ptrcheck_done_fn *done, void *arg);

/* ptrcheck_audit_forward_addrs - the addresses that forward data gives
 * inside p (for a live audit), in order; *n set, owned by a. */
PTRCHECK_API const struct ptrcheck_addr *ptrcheck_audit_forward_addrs(
    struct ptrcheck_audit *a, size_t *n);

/*
 * ptrcheck_root_hints_read - the addresses of a root hints file (named.root
 * format, as /usr/share/dns/root.hints) into out (at most max). err gets
 * "line N: reason" when the file is malformed or names no address.
 */
PTRCHECK_API enum ptrcheck_status ptrcheck_root_hints_read(FILE *f,
    struct ptrcheck_server *out, size_t max, size_t *n, char *err,
    size_t errlen);

#endif

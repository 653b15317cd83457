/* status.c - names and sentences for the library's enums. */
#include "ptrcheck/ptrcheck.h"

const char *
ptrcheck_strerror(enum ptrcheck_status st)
{
	switch (st) {
	case PTRCHECK_OK:
		return "success";
	case PTRCHECK_ENOMEM:
		return "out of memory";
	case PTRCHECK_EINVAL:
		return "invalid input";
	case PTRCHECK_ERESOLVER:
		return "the resolver library could not be set up";
	case PTRCHECK_ERANGE:
		return "a size limit was reached";
	}
	return "unknown status";
}

static const char *const verdict_names[] = {
    [PTRCHECK_VERDICT_PASS] = "pass",
    [PTRCHECK_VERDICT_PTR_MISSING] = "ptr-missing",
    [PTRCHECK_VERDICT_FORWARD_MISSING] = "forward-missing",
    [PTRCHECK_VERDICT_FORWARD_MISMATCH] = "forward-mismatch",
    [PTRCHECK_VERDICT_PTR_GENERIC] = "ptr-generic",
    [PTRCHECK_VERDICT_PTR_INVALID] = "ptr-invalid",
    [PTRCHECK_VERDICT_TEMPORARY] = "temporary",
};

static const char *const answer_names[] = {
    [PTRCHECK_ANSWER_NONE] = "none",
    [PTRCHECK_ANSWER_PENDING] = "pending",
    [PTRCHECK_ANSWER_FOUND] = "found",
    [PTRCHECK_ANSWER_NXDOMAIN] = "nxdomain",
    [PTRCHECK_ANSWER_NODATA] = "nodata",
    [PTRCHECK_ANSWER_TIMEOUT] = "timeout",
    [PTRCHECK_ANSWER_SERVFAIL] = "servfail",
    [PTRCHECK_ANSWER_REFUSED] = "refused",
    [PTRCHECK_ANSWER_OTHER_RCODE] = "other-rcode",
    [PTRCHECK_ANSWER_NETWORK] = "network-error",
    [PTRCHECK_ANSWER_BADREPLY] = "bad-reply",
};

static const char *const warning_names[] = {
    [PTRCHECK_WARN_MULTIPLE_PTR] = "multiple-ptr",
    [PTRCHECK_WARN_PTR_CNAME] = "ptr-cname",
    [PTRCHECK_WARN_CNAME_LOOP] = "cname-loop",
    [PTRCHECK_WARN_FORWARD_CNAME] = "forward-cname",
    [PTRCHECK_WARN_TTL_SHORT] = "ttl-short",
    [PTRCHECK_WARN_SPECIAL_ADDRESS] = "special-address",
    [PTRCHECK_WARN_TOO_MANY_PTR] = "too-many-ptr",
    [PTRCHECK_WARN_HOSTNAME_DIFFERS] = "hostname-differs",
    [PTRCHECK_WARN_DEADLINE] = "deadline",
    [PTRCHECK_WARN_FORWARD_UNKNOWN] = "forward-unknown",
    [PTRCHECK_WARN_FORWARD_UNCHECKED] = "forward-unchecked",
    [PTRCHECK_WARN_LAME_SERVER] = "lame-server",
    [PTRCHECK_WARN_SERVER_UNREACHABLE] = "server-unreachable",
    [PTRCHECK_WARN_SERVERS_DISAGREE] = "servers-disagree",
    [PTRCHECK_WARN_SERIAL_DIFFERS] = "serial-differs",
    [PTRCHECK_WARN_DELEGATION_MISMATCH] = "delegation-mismatch",
    [PTRCHECK_WARN_RFC2317] = "rfc2317",
    [PTRCHECK_WARN_NEGATIVE_CACHE] = "negative-cache",
    [PTRCHECK_WARN_RESOLVER_DIFFERS] = "resolver-differs",
    [PTRCHECK_WARN_PROVIDER_NOT_DELEGATED] = "provider-not-delegated",
    [PTRCHECK_WARN_ZONE_UNREACHABLE] = "zone-unreachable",
    [PTRCHECK_WARN_NS_NAME_UNRESOLVABLE] = "ns-name-unresolvable",
    [PTRCHECK_WARN_SERVER_FAILURE] = "server-failure",
    [PTRCHECK_WARN_RESOLVER_UNREACHABLE] = "resolver-unreachable",
    [PTRCHECK_WARN_DNSSEC_BOGUS] = "dnssec-bogus",
    [PTRCHECK_WARN_FORWARD_FAILED] = "forward-failed",
    [PTRCHECK_WARN_HELO_MISMATCH] = "helo-mismatch",
};

#define NAME_OF(table, i)                                                      \
	((size_t)(i) < sizeof(table) / sizeof(table[0]) ? table[i] : "unknown")

const char *
ptrcheck_verdict_name(enum ptrcheck_verdict v)
{
	return NAME_OF(verdict_names, v);
}

const char *
ptrcheck_answer_name(enum ptrcheck_answer a)
{
	return NAME_OF(answer_names, a);
}

const char *
ptrcheck_warning_name(enum ptrcheck_warning_code w)
{
	return NAME_OF(warning_names, w);
}

enum ptrcheck_exit
ptrcheck_verdict_exit(enum ptrcheck_verdict v)
{
	switch (v) {
	case PTRCHECK_VERDICT_PASS:
		return PTRCHECK_EXIT_OK;
	case PTRCHECK_VERDICT_PTR_GENERIC:
		return PTRCHECK_EXIT_WARNING;
	case PTRCHECK_VERDICT_TEMPORARY:
		return PTRCHECK_EXIT_UNKNOWN;
	case PTRCHECK_VERDICT_PTR_MISSING:
	case PTRCHECK_VERDICT_FORWARD_MISSING:
	case PTRCHECK_VERDICT_FORWARD_MISMATCH:
	case PTRCHECK_VERDICT_PTR_INVALID:
		break;
	}
	return PTRCHECK_EXIT_CRITICAL;
}

/* Rank for combining: CRITICAL > WARNING > UNKNOWN > OK. */
static int
exit_rank(enum ptrcheck_exit e)
{
	switch (e) {
	case PTRCHECK_EXIT_CRITICAL:
		return 3;
	case PTRCHECK_EXIT_WARNING:
		return 2;
	case PTRCHECK_EXIT_UNKNOWN:
		return 1;
	case PTRCHECK_EXIT_OK:
		break;
	}
	return 0;
}

enum ptrcheck_exit
ptrcheck_exit_combine(enum ptrcheck_exit a, enum ptrcheck_exit b)
{
	return exit_rank(a) >= exit_rank(b) ? a : b;
}

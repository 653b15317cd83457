/* name.h - domain names as wire-format bytes (RFC 1035 3.1). */
#ifndef PTRCHECK_NAME_H
#define PTRCHECK_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ptrcheck/ptrcheck.h"

struct textbuf;

/* An absolute name: labels, each a length octet and its bytes, ending with
 * the root's zero octet. len counts every octet; 0 means "no name". */
struct dname {
	uint8_t len;
	uint8_t wire[PTRCHECK_NAME_WIRE_MAX];
};

/* Why a PTR target cannot serve as a host name; NAME_OK when it can. */
enum name_problem {
	NAME_OK,
	NAME_ROOT,         /* the root name "." */
	NAME_SINGLE_LABEL, /* "localhost.": not fully qualified */
	NAME_NUL,          /* a NUL byte inside a label */
	NAME_CONTROL,      /* control bytes (CR, LF, ESC, ...) */
	NAME_LABEL_DOT,    /* an escaped dot inside a label */
	NAME_NON_ASCII,    /* bytes 0x80-0xff: IDNs must be A-labels */
	NAME_BAD_CHAR,     /* other characters outside letters, digits, - _ */
	NAME_HYPHEN,       /* a label that starts or ends with a hyphen */
	NAME_NUMERIC_TLD,  /* "192.0.2.25.": an address written as a name */
	NAME_UNDER_ARPA,   /* in-addr.arpa/ip6.arpa: missing trailing dot */
};

/* name_from_text - presentation form (escapes \X and \DDD, trailing dot
 * optional, "." is the root) to wire form. PTRCHECK_EINVAL when malformed. */
enum ptrcheck_status name_from_text(const char *text, struct dname *out);

/* name_from_wire - copy wire bytes (already validated by the parser). */
enum ptrcheck_status name_from_wire(
    const uint8_t *wire, size_t len, struct dname *out);

size_t name_label_count(const struct dname *n);
bool name_equal(const struct dname *a, const struct dname *b);

/* name_is_under - whether n equals zone or lies below it (case-insensitive). */
bool name_is_under(const struct dname *n, const struct dname *zone);

/* name_strip_zone - the labels of n above zone, as a new absolute name. */
bool name_strip_zone(
    const struct dname *n, const struct dname *zone, struct dname *out);

/* name_parent - n without its first label; false for the root. */
bool name_parent(const struct dname *n, struct dname *out);

enum name_problem name_check_host(const struct dname *n);
const char *name_problem_text(enum name_problem p);

/* name_to_text - presentation form, every byte outside 0x21-0x7e as \DDD. */
void name_to_text(const struct dname *n, struct textbuf *tb);

/* name_text - the same into a PTRCHECK_NAME_TEXT_MAX buffer. */
const char *name_text(const struct dname *n, char *buf, size_t len);

/* name_text_lower - a name in presentation form in lower case, without
 * its final dot, into buf; false when that is empty or does not fit. */
bool name_text_lower(const char *text, char *buf, size_t len);

#endif

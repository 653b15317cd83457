/* wire.h - DNS messages to and from ptrcheck's own types (ldns inside). */
#ifndef PTRCHECK_WIRE_H
#define PTRCHECK_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dnsdata.h"
#include "name.h"

/* wire_query - a query message with the given id (flags WIRE_RD and
 * WIRE_CD as asked, EDNS0 with a 1232-octet buffer). *out is malloc'd,
 * the caller frees it. */
enum ptrcheck_status wire_query(const struct dname *qname, uint16_t qtype,
    uint16_t id, unsigned flags, uint8_t **out, size_t *outlen);

/* wire_parse - reduce a reply to *out; PTRCHECK_EINVAL when the message is
 * malformed or does not answer (qname, qtype). */
enum ptrcheck_status wire_parse(const uint8_t *msg, size_t len,
    const struct dname *qname, uint16_t qtype, struct wire_reply *out);

#endif

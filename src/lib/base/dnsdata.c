/* dnsdata.c - the little that DNS data types need at run time. */
#include "dnsdata.h"

const char *
wire_type_name(uint16_t qtype)
{
	switch (qtype) {
	case WIRE_TYPE_A:
		return "A";
	case WIRE_TYPE_NS:
		return "NS";
	case WIRE_TYPE_CNAME:
		return "CNAME";
	case WIRE_TYPE_SOA:
		return "SOA";
	case WIRE_TYPE_PTR:
		return "PTR";
	case WIRE_TYPE_MX:
		return "MX";
	case WIRE_TYPE_AAAA:
		return "AAAA";
	}
	return "TYPE?";
}

bool
answer_is_final(enum ptrcheck_answer a)
{
	return a != PTRCHECK_ANSWER_NONE && a != PTRCHECK_ANSWER_PENDING;
}

const char *
answer_shown(enum ptrcheck_answer a)
{
	return ptrcheck_answer_name(
	    a == PTRCHECK_ANSWER_PENDING ? PTRCHECK_ANSWER_TIMEOUT : a);
}

bool
answer_is_failure(enum ptrcheck_answer a)
{
	return a != PTRCHECK_ANSWER_FOUND && a != PTRCHECK_ANSWER_NXDOMAIN &&
	       a != PTRCHECK_ANSWER_NODATA;
}

/* ratelimit.c - how often a repeated warning reaches the log (daemon.h).
 * Apart from log.c so that the connection fuzzer, which stands in for the
 * log and the clock, runs the same code. */
#include "daemon.h"

bool
log_due(uint64_t *last_ms, uint64_t every_ms)
{
	uint64_t now = now_ms();

	if (*last_ms != 0 && now - *last_ms <= every_ms)
		return false;
	*last_ms = now;
	return true;
}

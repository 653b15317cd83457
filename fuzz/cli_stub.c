/* cli_stub.c - what a CLI module compiled into a fuzz target needs from
 * the rest of the CLI: its name, and cli_error, which formats the message
 * (so a bad format is still caught) and drops it. */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

const char *progname = "ptrcheck";

void
cli_error(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
}

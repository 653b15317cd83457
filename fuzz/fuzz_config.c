/* fuzz_config.c - ptrcheckd.conf(5) as a hostile or broken file: any bytes
 * read by config_read, which SIGHUP runs on a live daemon. It must answer
 * ok or "line N: reason", never leave the settings out of their bounds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct config c; /* large: not on the stack */
	char err[300];
	FILE *f;
	bool ok;

	if (size == 0 || (f = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	config_defaults(&c);
	err[0] = '\0';
	ok = config_read(f, &c, err, sizeof(err));
	fclose(f);
	if (!ok && strncmp(err, "line ", 5) != 0)
		abort(); /* every error names its line */
	if (c.nlisten > CONFIG_MAX_LISTEN ||
	    c.nresolvers > PTRCHECK_MAX_SERVERS ||
	    c.nallow_net > CONFIG_MAX_ALLOW ||
	    c.nallow_name > CONFIG_MAX_ALLOW || c.max_connections == 0 ||
	    c.idle_timeout_s == 0)
		abort();
	return 0;
}

/* egress.h - the parts of `ptrcheck egress`: where the mail leaves from. */
#ifndef PTRCHECK_CLI_EGRESS_H
#define PTRCHECK_CLI_EGRESS_H

#include <stdbool.h>
#include <sys/socket.h>

#include "cli.h"

#define EGRESS_MAX_ADDRESSES 16
#define EGRESS_VALUE_MAX 512

/* What Postfix says, its values expanded (postconf -x). */
struct postfix_conf {
	bool found; /* postconf ran on the directory */
	char inet_protocols[EGRESS_VALUE_MAX];
	char bind4[EGRESS_VALUE_MAX];      /* smtp_bind_address */
	char bind6[EGRESS_VALUE_MAX];      /* smtp_bind_address6 */
	char preference[EGRESS_VALUE_MAX]; /* smtp_address_preference */
	char myhostname[EGRESS_VALUE_MAX];
	char helo_name[EGRESS_VALUE_MAX]; /* smtp_helo_name */
};

/* postfix_read - postconf -c dir -x -h for the settings above (no shell:
 * the directory is an argument); false when Postfix is not there. */
bool postfix_read(const char *dir, struct postfix_conf *pc);

/* family_enabled - whether inet_protocols lets Postfix use family. */
bool family_enabled(const struct postfix_conf *pc, int family);

/* kernel_source - the address the kernel would send from towards the
 * internet in family (a connected UDP socket and getsockname: nothing is
 * sent); false when there is no route. */
bool kernel_source(int family, struct ptrcheck_addr *out);

int cmd_egress(int argc, char **argv);

#endif

/* egress_postfix.c - what the sending host's MTA and kernel say: Postfix
 * settings through postconf(1), the kernel's source address by route. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "egress.h"

/* value_into - one line of postconf's output into a setting. */
static void
value_into(char *dst, const char *line)
{
	snprintf(dst, EGRESS_VALUE_MAX, "%s", line);
	dst[strcspn(dst, "\n")] = '\0';
}

bool
postfix_read(const char *dir, struct postfix_conf *pc)
{
	char main_cf[4096], line[EGRESS_VALUE_MAX];
	char *argv[] = {"postconf", "-c", (char *)dir, "-x", "-h",
	    "inet_protocols", "smtp_bind_address", "smtp_bind_address6",
	    "smtp_address_preference", "myhostname", "smtp_helo_name", NULL};
	char *dst[] = {pc->inet_protocols, pc->bind4, pc->bind6, pc->preference,
	    pc->myhostname, pc->helo_name};
	struct stat sb;
	int fd[2], status;
	size_t i = 0;
	pid_t pid;
	FILE *f;

	memset(pc, 0, sizeof(*pc));
	snprintf(main_cf, sizeof(main_cf), "%s/main.cf", dir);
	if (stat(main_cf, &sb) != 0 || pipe(fd) != 0)
		return false;
	if ((pid = fork()) == 0) {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		execvp("postconf", argv);
		execv("/usr/sbin/postconf", argv);
		_exit(127);
	}
	close(fd[1]);
	if (pid < 0 || (f = fdopen(fd[0], "r")) == NULL) {
		close(fd[0]);
		return false;
	}
	while (i < sizeof(dst) / sizeof(dst[0]) && fgets(line, sizeof(line), f))
		value_into(dst[i++], line);
	fclose(f);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0 || i != sizeof(dst) / sizeof(dst[0]))
		return false;
	pc->found = true;
	return true;
}

bool
family_enabled(const struct postfix_conf *pc, int family)
{
	if (!pc->found || strstr(pc->inet_protocols, "all") != NULL ||
	    pc->inet_protocols[0] == '\0')
		return true;
	return strstr(pc->inet_protocols,
	           family == AF_INET ? "ipv4" : "ipv6") != NULL;
}

bool
kernel_source(int family, struct ptrcheck_addr *out)
{
	/* Any global address picks the default route; connect() on a UDP
	 * socket only asks the routing table. */
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char text[PTRCHECK_ADDR_TEXT_MAX];
	int s = socket(family, SOCK_DGRAM, 0);
	bool ok = false;

	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(25);
		inet_pton(AF_INET, "8.8.8.8", &sin->sin_addr);
		len = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(25);
		inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6->sin6_addr);
		len = sizeof(*sin6);
	}
	if (s >= 0 && connect(s, (struct sockaddr *)&ss, len) == 0) {
		len = sizeof(ss);
		if (getsockname(s, (struct sockaddr *)&ss, &len) == 0 &&
		    inet_ntop(family,
		        family == AF_INET
		            ? (void *)&((struct sockaddr_in *)&ss)->sin_addr
		            : (void *)&((struct sockaddr_in6 *)&ss)->sin6_addr,
		        text, sizeof(text)) != NULL)
			ok = ptrcheck_addr_parse(text, out) == PTRCHECK_OK;
	}
	if (s >= 0)
		close(s);
	return ok;
}

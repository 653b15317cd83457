/* privs.c - give up root after the sockets are bound: supplementary
 * groups, then the group, then the user; then make sure none comes back. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"

bool
privs_drop(const char *user, char *err, size_t errlen)
{
	struct passwd *pw;

	if (geteuid() != 0)
		return true; /* nothing to give up */
	if ((pw = getpwnam(user)) == NULL) {
		snprintf(err, errlen, "user %s: no such user (--user)", user);
		return false;
	}
	if (setgroups(1, &pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 ||
	    setuid(pw->pw_uid) != 0) {
		snprintf(
		    err, errlen, "dropping to %s: %s", user, strerror(errno));
		return false;
	}
	if (getuid() != pw->pw_uid || geteuid() != pw->pw_uid ||
	    getgid() != pw->pw_gid || getegid() != pw->pw_gid ||
	    (pw->pw_uid != 0 && setuid(0) == 0)) {
		snprintf(err, errlen, "dropping to %s did not hold", user);
		return false;
	}
	return true;
}

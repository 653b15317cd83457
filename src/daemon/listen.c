/*
 * listen.c - the sockets Postfix connects to: TCP (host:port, [v6]:port,
 * inet: prefix allowed) and Unix (unix:/path, group socket-group, mode
 * 0660). They stay open at max-connections (conn_accept makes room);
 * on EMFILE the spare descriptor is given up to accept and close one
 * client, and the listeners pause briefly instead of spinning.
 */
#include <errno.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <fcntl.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include "conn.h"
#include "daemon.h"

#define EMFILE_PAUSE_MS 250
#define LISTEN_BACKLOG                                                         \
	1024 /* a burst of clients waits in the kernel, not refused */

struct listeners {
	struct evconnlistener *l[CONFIG_MAX_LISTEN];
	size_t n;
	int spare_fd;
	bool paused;
	struct event *resume;
};

static void
set_enabled(struct listeners *ls, bool on)
{
	size_t i;

	for (i = 0; i < ls->n; i++)
		if (on)
			evconnlistener_enable(ls->l[i]);
		else
			evconnlistener_disable(ls->l[i]);
	ls->paused = !on;
}

static void
on_accept(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
    int salen, void *arg)
{
	struct daemon *d = arg;

	(void)l;
	(void)sa;
	(void)salen;
	conn_accept(d, fd);
}

static void
on_resume(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;

	(void)fd;
	(void)what;
	set_enabled(d->listeners, true);
}

static void
on_accept_error(struct evconnlistener *l, void *arg)
{
	struct daemon *d = arg;
	struct listeners *ls = d->listeners;
	struct timeval tv = {0, EMFILE_PAUSE_MS * 1000};
	int err = EVUTIL_SOCKET_ERROR(), fd;

	if (err != EMFILE && err != ENFILE) {
		log_msg(LOG_WARNING, "accept: %s", strerror(err));
		return;
	}
	log_msg(LOG_WARNING,
	    "out of file descriptors (%u connections open): "
	    "pausing the listeners for %d ms",
	    d->open_conns, EMFILE_PAUSE_MS);
	if (ls->spare_fd >= 0) {
		close(ls->spare_fd);
		if ((fd = accept(evconnlistener_get_fd(l), NULL, NULL)) >= 0)
			close(
			    fd); /* one client told at once, not left hanging */
		ls->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	}
	set_enabled(ls, false);
	evtimer_add(ls->resume, &tv);
}

/* socket_answers - whether a process accepts connections on sun. */
static bool
socket_answers(const struct sockaddr_un *sun)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool up;

	if (fd < 0)
		return false;
	up = connect(fd, (const struct sockaddr *)sun, sizeof(*sun)) == 0;
	close(fd);
	return up;
}

static struct evconnlistener *
open_unix(struct daemon *d, const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sun;
	struct evconnlistener *l;
	struct group *g;
	struct stat st;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(err, errlen, "unix:%s: path too long", path);
		return NULL;
	}
	strcpy(sun.sun_path, path);
	if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode)) {
		/* A socket that answers belongs to a running ptrcheckd (or
		 * another service): never taken over. One that does not was
		 * left by an earlier run. */
		if (socket_answers(&sun)) {
			snprintf(err, errlen,
			    "unix:%s: another process answers on this socket "
			    "(a ptrcheckd already running?); not replacing it",
			    path);
			return NULL;
		}
		unlink(path);
	}
	if ((fd = socket(
	         AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) < 0 ||
	    bind(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0 ||
	    chmod(path, 0660) != 0 || listen(fd, LISTEN_BACKLOG) != 0) {
		snprintf(err, errlen, "unix:%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if ((g = getgrnam(d->cfg.socket_group)) != NULL &&
	    chown(path, (uid_t)-1, g->gr_gid) != 0)
		log_msg(LOG_WARNING, "unix:%s: cannot give it to group %s: %s",
		    path, d->cfg.socket_group, strerror(errno));
	l = evconnlistener_new(
	    d->base, on_accept, d, LEV_OPT_CLOSE_ON_FREE, 0, fd);
	if (l == NULL) {
		snprintf(err, errlen, "unix:%s: cannot listen", path);
		close(fd);
	}
	return l;
}

static struct evconnlistener *
open_inet(struct daemon *d, const char *spec, char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	struct evconnlistener *l;
	int len = sizeof(ss);

	if (strncmp(spec, "inet:", 5) == 0)
		spec += 5;
	if (strchr(spec, ':') == NULL ||
	    evutil_parse_sockaddr_port(spec, (struct sockaddr *)&ss, &len) !=
	        0) {
		snprintf(err, errlen,
		    "listen %s: not host:port, [ipv6]:port or unix:/path",
		    spec);
		return NULL;
	}
	l = evconnlistener_new_bind(d->base, on_accept, d,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC | LEV_OPT_REUSEABLE,
	    LISTEN_BACKLOG, (struct sockaddr *)&ss, len);
	if (l == NULL)
		snprintf(err, errlen, "listen %s: %s", spec, strerror(errno));
	return l;
}

bool
listeners_open(struct daemon *d, char *err, size_t errlen)
{
	struct listeners *ls = calloc(1, sizeof(*ls));
	size_t i;

	if (ls == NULL)
		return false;
	d->listeners = ls;
	ls->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ls->resume = evtimer_new(d->base, on_resume, d);
	if (ls->resume == NULL)
		return false;
	if (d->cfg.nlisten == 0) {
		snprintf(err, errlen,
		    "nothing to listen on: give --listen or 'listen ='");
		return false;
	}
	for (i = 0; i < d->cfg.nlisten; i++) {
		const char *spec = d->cfg.listen[i];
		struct evconnlistener *l =
		    strncmp(spec, "unix:", 5) == 0
		        ? open_unix(d, spec + 5, err, errlen)
		        : open_inet(d, spec, err, errlen);

		if (l == NULL)
			return false;
		evconnlistener_set_error_cb(l, on_accept_error);
		ls->l[ls->n++] = l;
	}
	return true;
}

void
listeners_free(struct daemon *d)
{
	struct listeners *ls = d->listeners;
	size_t i;

	if (ls == NULL)
		return;
	for (i = 0; i < ls->n; i++)
		evconnlistener_free(ls->l[i]);
	if (ls->resume != NULL)
		event_free(ls->resume);
	if (ls->spare_fd >= 0)
		close(ls->spare_fd);
	free(ls);
	d->listeners = NULL;
}

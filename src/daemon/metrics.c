/* metrics.c - metrics-listen: GET /metrics in the Prometheus text format
 * (0.0.4), through libevent's HTTP server; any other path is 404. The
 * page is written from the counters at the time of the request. */
#include <event2/buffer.h>
#include <event2/http.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "metrics.h"

/* metric - one sample with its HELP and TYPE (counter or gauge) lines. */
static void
metric(
    FILE *f, const char *type, const char *name, const char *help, uint64_t v)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n%s %llu\n", name, help, name,
	    type, name, (unsigned long long)v);
}

void
metrics_page(const struct daemon *d, FILE *f)
{
	const struct counters *n = &d->n;
	int v;

	metric(f, "counter", "ptrcheckd_requests_total",
	    "Policy requests answered.", n->requests);
	fputs("# HELP ptrcheckd_verdicts_total Decisions by verdict.\n"
	      "# TYPE ptrcheckd_verdicts_total counter\n",
	    f);
	for (v = 0; v < CONFIG_VERDICTS; v++)
		fprintf(f, "ptrcheckd_verdicts_total{verdict=\"%s\"} %llu\n",
		    ptrcheck_verdict_name((enum ptrcheck_verdict)v),
		    (unsigned long long)n->decisions[v]);
	fputs("# HELP ptrcheckd_actions_total Replies by what they did.\n"
	      "# TYPE ptrcheckd_actions_total counter\n",
	    f);
	fprintf(f,
	    "ptrcheckd_actions_total{action=\"reject\"} %llu\n"
	    "ptrcheckd_actions_total{action=\"defer\"} %llu\n"
	    "ptrcheckd_actions_total{action=\"would-reject\"} %llu\n"
	    "ptrcheckd_actions_total{action=\"tempfail-capped\"} %llu\n"
	    "ptrcheckd_actions_total{action=\"dunno-early\"} %llu\n",
	    (unsigned long long)n->rejected, (unsigned long long)n->deferred,
	    (unsigned long long)n->would_reject,
	    (unsigned long long)n->tempfail_capped,
	    (unsigned long long)n->passed_early);
	metric(f, "counter", "ptrcheckd_cache_hits_total",
	    "Decisions answered from the cache.", n->cache_hits);
	metric(f, "counter", "ptrcheckd_cache_misses_total",
	    "Decisions that needed a lookup.", n->cache_misses);
	metric(f, "gauge", "ptrcheckd_cache_entries", "Addresses in the cache.",
	    cache_size(d->cache));
	metric(f, "counter", "ptrcheckd_stale_served_total",
	    "Passes served stale while DNS failed.", n->stale_served);
	metric(f, "counter", "ptrcheckd_dns_timeouts_total",
	    "Lookups that ended temporary (timeouts, SERVFAIL).",
	    n->dns_temporary);
	metric(f, "gauge", "ptrcheckd_connections", "Open client connections.",
	    d->open_conns);
	histogram_write(&d->decision_seconds, "ptrcheckd_decision_seconds",
	    "From a complete request to its reply.", f);
	histogram_write(&d->dns_seconds, "ptrcheckd_dns_seconds",
	    "Lookups, from start to facts.", f);
}

static void
on_metrics(struct evhttp_request *req, void *arg)
{
	struct evbuffer *body;
	char *page = NULL;
	size_t len = 0;
	FILE *f;

	if (evhttp_request_get_command(req) != EVHTTP_REQ_GET) {
		evhttp_send_error(req, 405, "only GET");
		return;
	}
	if ((f = open_memstream(&page, &len)) == NULL ||
	    (body = evbuffer_new()) == NULL) {
		if (f != NULL)
			fclose(f);
		free(page);
		evhttp_send_error(req, 500, "out of memory");
		return;
	}
	metrics_page(arg, f);
	fclose(f);
	evbuffer_add(body, page, len);
	free(page);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
	evhttp_send_reply(req, 200, "OK", body);
	evbuffer_free(body);
}

static void
on_other(struct evhttp_request *req, void *arg)
{
	(void)arg;
	evhttp_send_error(req, 404, "only /metrics here");
}

bool
metrics_open(struct daemon *d, char *err, size_t errlen)
{
	char host[256];
	const char *spec = d->cfg.metrics_listen, *colon;
	unsigned long port;
	char *end;

	if (spec[0] == '\0')
		return true;
	colon = strrchr(spec, ':');
	if (colon == NULL || (size_t)(colon - spec) >= sizeof(host)) {
		snprintf(err, errlen, "metrics-listen %s: ADDR:PORT", spec);
		return false;
	}
	port = strtoul(colon + 1, &end, 10);
	snprintf(host, sizeof(host), "%.*s", (int)(colon - spec), spec);
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	if (*end != '\0' || port == 0 || port > 65535 ||
	    (d->http = evhttp_new(d->base)) == NULL ||
	    evhttp_bind_socket(d->http, host, (uint16_t)port) != 0) {
		snprintf(err, errlen, "metrics-listen %s: cannot listen", spec);
		return false;
	}
	evhttp_set_allowed_methods(d->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD);
	evhttp_set_cb(d->http, "/metrics", on_metrics, d);
	evhttp_set_gencb(d->http, on_other, d);
	evhttp_set_timeout(d->http, 10);
	return true;
}

void
metrics_close(struct daemon *d)
{
	if (d->http != NULL)
		evhttp_free(d->http);
	d->http = NULL;
}

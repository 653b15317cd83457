/* mime.c - messages through GMime: the only file that includes it. Text
 * parts come out decoded to UTF-8; delivery-status parts as their decoded
 * bytes (GMime 3.2 has no type for them: dsn.c reads the fields). The
 * returned original (message/rfc822, text/rfc822-headers) of a report is
 * left out: its addresses are never the rejected client's. */
#include <gmime/gmime.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce.h"

static const char *const message_headers[] = {
    "return-path",
    "received",
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "content-type",
    "delivered-to",
    "reply-to",
    "sender",
    "x-",
    "auto-submitted",
    "dkim-signature",
    "arc-",
    "authentication-results",
    NULL,
};

bool
mime_looks_like_message(const char *data, size_t len)
{
	size_t n, i;

	if (len >= 5 && strncmp(data, "From ", 5) == 0)
		return true; /* mbox */
	for (n = 0; n < len && n < 80 && data[n] != ':' && data[n] != ' ' &&
	            data[n] != '\n';
	     n++)
		;
	if (n == 0 || n >= len || data[n] != ':')
		return false;
	for (i = 0; message_headers[i] != NULL; i++) {
		size_t m = strlen(message_headers[i]);

		if (message_headers[i][m - 1] == '-'
		        ? n > m && strncasecmp(data, message_headers[i], m) == 0
		        : n == m &&
		              strncasecmp(data, message_headers[i], m) == 0)
			return true;
	}
	return false;
}

static bool
segments_add(struct segments *s, const char *text, size_t len, bool dsn)
{
	struct segment *v;
	char *copy;

	if (s->n == 1000)
		return true; /* enough parts */
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;

		if ((v = realloc(s->v, cap * sizeof(*v))) == NULL)
			return false;
		s->v = v;
		s->cap = cap;
	}
	if ((copy = malloc(len + 1)) == NULL)
		return false;
	if (len > 0) /* an empty part may come as a NULL pointer */
		memcpy(copy, text, len);
	copy[len] = '\0';
	s->v[s->n].text = copy;
	s->v[s->n].len = len;
	s->v[s->n].dsn = dsn;
	s->n++;
	return true;
}

static void
segments_fini(struct segments *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].text);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* part_bytes - the decoded content of a leaf part. */
static bool
part_bytes(GMimePart *part, struct segments *s, bool dsn)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *mem;
	GByteArray *ba;
	bool ok;

	if (w == NULL)
		return true;
	mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(w, mem);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	ok = segments_add(s, (const char *)ba->data, ba->len, dsn);
	g_object_unref(mem);
	return ok;
}

/* strip_html - tags out, a few entities decoded: enough to read an NDR. */
static void
strip_html(char *t)
{
	static const struct {
		const char *e;
		char c;
	} ent[] = {
	    {"&lt;", '<'},
	    {"&gt;", '>'},
	    {"&amp;", '&'},
	    {"&quot;", '"'},
	    {"&nbsp;", ' '},
	    {"&#39;", '\''},
	};
	char *o = t;
	size_t i;

	while (*t != '\0') {
		if (*t == '<') {
			char *close = strchr(t, '>');

			if (close == NULL)
				break;
			/* Block elements end lines. */
			if (strncasecmp(t, "<br", 3) == 0 ||
			    strncasecmp(t, "<p", 2) == 0 ||
			    strncasecmp(t, "</p", 3) == 0 ||
			    strncasecmp(t, "<div", 4) == 0 ||
			    strncasecmp(t, "</tr", 4) == 0)
				*o++ = '\n';
			t = close + 1;
			continue;
		}
		for (i = 0; i < sizeof(ent) / sizeof(ent[0]); i++)
			if (strncmp(t, ent[i].e, strlen(ent[i].e)) == 0)
				break;
		if (i < sizeof(ent) / sizeof(ent[0])) {
			*o++ = ent[i].c;
			t += strlen(ent[i].e);
		} else {
			*o++ = *t++;
		}
	}
	*o = '\0';
}

static bool
text_part(GMimeObject *obj, struct segments *s)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	char *text;
	bool ok;

	if (!GMIME_IS_TEXT_PART(obj))
		return part_bytes(GMIME_PART(obj), s, false);
	if ((text = g_mime_text_part_get_text(GMIME_TEXT_PART(obj))) == NULL)
		return true;
	if (g_mime_content_type_is_type(ct, "text", "html"))
		strip_html(text);
	ok = segments_add(s, text, strlen(text), false);
	g_free(text);
	return ok;
}

static bool walk(GMimeObject *obj, struct segments *s, bool in_report);

static bool
walk_multipart(GMimeMultipart *mp, struct segments *s, bool in_report)
{
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(mp));
	int i, n = g_mime_multipart_get_count(mp);

	in_report |= g_mime_content_type_is_type(ct, "multipart", "report");
	if (g_mime_content_type_is_type(ct, "multipart", "alternative")) {
		/* The plain text if there is one; else the first part. */
		for (i = 0; i < n; i++) {
			GMimeObject *p = g_mime_multipart_get_part(mp, i);

			if (g_mime_content_type_is_type(
			        g_mime_object_get_content_type(p), "text",
			        "plain"))
				return walk(p, s, in_report);
		}
		return n == 0 ||
		       walk(g_mime_multipart_get_part(mp, 0), s, in_report);
	}
	for (i = 0; i < n; i++)
		if (!walk(g_mime_multipart_get_part(mp, i), s, in_report))
			return false;
	return true;
}

static bool
walk(GMimeObject *obj, struct segments *s, bool in_report)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);

	if (GMIME_IS_MULTIPART(obj))
		return walk_multipart(GMIME_MULTIPART(obj), s, in_report);
	if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *m =
		    g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));

		/* The original of a report is not the report; a forwarded
		 * bounce is. */
		if (in_report || m == NULL)
			return true;
		return walk(g_mime_message_get_mime_part(m), s, in_report);
	}
	if (!GMIME_IS_PART(obj))
		return true;
	if (g_mime_content_type_is_type(ct, "message", "delivery-status") ||
	    g_mime_content_type_is_type(
	        ct, "message", "global-delivery-status"))
		return part_bytes(GMIME_PART(obj), s, true);
	if (g_mime_content_type_is_type(ct, "text", "rfc822-headers") ||
	    g_mime_content_type_is_type(ct, "message", "rfc822-headers") ||
	    g_mime_content_type_is_type(ct, "message", "global-headers"))
		return true;
	if (g_mime_content_type_is_type(ct, "text", "*"))
		return text_part(obj, s);
	return true;
}

/* gmime_start - GMime's tables are process-wide and it cannot be started
 * again after g_mime_shutdown(): start it once, and never stop it. */
static void
gmime_start(void)
{
	g_mime_init();
}

enum ptrcheck_status
mime_split(const char *data, size_t len,
    void (*cb)(const struct segments *segs, void *arg), void *arg)
{
	GMimeStream *stream;
	GMimeParser *parser;
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	enum ptrcheck_status st = PTRCHECK_OK;

	pthread_once(&once, gmime_start);
	stream = g_mime_stream_mem_new_with_buffer(data, len);
	parser = g_mime_parser_new_with_stream(stream);
	if (len >= 5 && strncmp(data, "From ", 5) == 0)
		g_mime_parser_set_format(parser, GMIME_FORMAT_MBOX);
	while (!g_mime_parser_eos(parser)) {
		GMimeMessage *msg =
		    g_mime_parser_construct_message(parser, NULL);
		struct segments segs = {0};
		GMimeObject *body;

		if (msg == NULL)
			break;
		body = g_mime_message_get_mime_part(msg);
		if (body != NULL && !walk(body, &segs, false))
			st = PTRCHECK_ENOMEM;
		if (st == PTRCHECK_OK)
			cb(&segs, arg);
		segments_fini(&segs);
		g_object_unref(msg);
		if (st != PTRCHECK_OK)
			break;
	}
	g_object_unref(parser);
	g_object_unref(stream);
	return st;
}

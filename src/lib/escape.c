/* escape.c - presentation form and JSON: bytes become text only here. */
#include "escape.h"
#include "name.h"
#include "textbuf.h"

/* put_label_octet - RFC 1035 5.1 presentation form of one label byte. */
static void
put_label_octet(struct textbuf *tb, unsigned char c)
{
	if (c == '.' || c == '\\' || c == '"')
		textbuf_printf(tb, "\\%c", c);
	else if (c < 0x21 || c > 0x7e)
		textbuf_printf(tb, "\\%03u", c);
	else
		textbuf_putc(tb, (char)c);
}

void
name_to_text(const struct dname *n, struct textbuf *tb)
{
	size_t off = 0, i;

	if (n->len == 0)
		return;
	if (n->wire[0] == 0) {
		textbuf_putc(tb, '.');
		return;
	}
	while (off < n->len && n->wire[off] != 0) {
		for (i = 1; i <= n->wire[off]; i++)
			put_label_octet(tb, n->wire[off + i]);
		textbuf_putc(tb, '.');
		off += (size_t)n->wire[off] + 1;
	}
}

const char *
name_text(const struct dname *n, char *buf, size_t len)
{
	struct textbuf tb;

	textbuf_init(&tb, buf, len);
	name_to_text(n, &tb);
	return buf;
}

void
escape_text(const unsigned char *s, size_t len, struct textbuf *tb)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\' || s[i] < 0x20 || s[i] > 0x7e)
			textbuf_printf(tb, "\\%03u", s[i]);
		else
			textbuf_putc(tb, (char)s[i]);
	}
}

void
json_put_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c > 0x7e)
			/* Callers pass escaped text; this guards the promise. */
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

const char *
ptrcheck_escape(const void *bytes, size_t len, char *out, size_t outlen)
{
	struct textbuf tb;

	textbuf_init(&tb, out, outlen);
	escape_text(bytes, len, &tb);
	return out;
}

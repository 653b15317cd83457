/* escape.c - presentation form and JSON: bytes become text only here. */
#include <ctype.h>
#include <string.h>

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

bool
name_text_lower(const char *text, char *buf, size_t len)
{
	size_t i, n = strlen(text);

	if (n > 0 && text[n - 1] == '.')
		n--;
	if (n == 0 || n >= len)
		return false;
	for (i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)text[i]);
	buf[n] = '\0';
	return true;
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
	/* Callers pass presentation form, ASCII only; one writer serves all. */
	ptrcheck_json_string(out, s, strlen(s));
}

const char *
ptrcheck_escape(const void *bytes, size_t len, char *out, size_t outlen)
{
	struct textbuf tb;

	textbuf_init(&tb, out, outlen);
	escape_text(bytes, len, &tb);
	return out;
}

/* utf8_len - the length of the valid UTF-8 sequence at s (RFC 3629), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t left)
{
	size_t n, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if ((n == 3 && cp < 0x800) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	/* C1 controls are control characters too. */
	if (cp >= 0x80 && cp <= 0x9f)
		return 0;
	return n;
}

void
ptrcheck_json_string(FILE *out, const void *bytes, size_t len)
{
	const unsigned char *s = bytes;
	size_t i = 0, run, n;

	fputc('"', out);
	while (i < len) {
		/* Bytes that go out as they are, in one write: a scan writes
		 * millions of names, and a write per byte was a quarter of
		 * its time. */
		for (run = i; run < len; run += n) {
			if (s[run] == '"' || s[run] == '\\' || s[run] < 0x20 ||
			    s[run] == 0x7f)
				break;
			if ((n = utf8_len(s + run, len - run)) == 0)
				break;
		}
		if (run > i) {
			fwrite(s + i, 1, run - i, out);
			i = run;
			continue;
		}
		if (s[i] == '"' || s[i] == '\\')
			fprintf(out, "\\%c", s[i]);
		else if (s[i] < 0x20 || s[i] == 0x7f)
			fprintf(out, "\\u%04x", s[i]);
		else
			fputs("\\ufffd", out); /* not UTF-8 */
		i++;
	}
	fputc('"', out);
}

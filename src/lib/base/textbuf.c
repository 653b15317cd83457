/* textbuf.c - bounded, always NUL-terminated text assembly. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "textbuf.h"

void
textbuf_init(struct textbuf *tb, char *storage, size_t cap)
{
	tb->s = storage;
	tb->len = 0;
	tb->cap = cap;
	tb->truncated = false;
	if (cap > 0)
		storage[0] = '\0';
}

void
textbuf_putc(struct textbuf *tb, char c)
{
	if (tb->len + 1 >= tb->cap) {
		tb->truncated = true;
		return;
	}
	tb->s[tb->len++] = c;
	tb->s[tb->len] = '\0';
}

void
textbuf_puts(struct textbuf *tb, const char *s)
{
	while (*s != '\0')
		textbuf_putc(tb, *s++);
}

void
textbuf_printf(struct textbuf *tb, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (tb->cap == 0) {
		tb->truncated = true;
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(tb->s + tb->len, tb->cap - tb->len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		tb->s[tb->len] = '\0';
		tb->truncated = true;
	} else if ((size_t)n >= tb->cap - tb->len) {
		tb->len = tb->cap - 1;
		tb->truncated = true;
	} else {
		tb->len += (size_t)n;
	}
}

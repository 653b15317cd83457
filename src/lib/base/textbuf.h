/* textbuf.h - a bounded text buffer on caller storage; never overflows. */
#ifndef PTRCHECK_TEXTBUF_H
#define PTRCHECK_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>

struct textbuf {
	char *s;
	size_t len, cap;
	bool truncated; /* something did not fit and was dropped */
};

void textbuf_init(struct textbuf *tb, char *storage, size_t cap);
void textbuf_putc(struct textbuf *tb, char c);
void textbuf_puts(struct textbuf *tb, const char *s);
void textbuf_printf(struct textbuf *tb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif

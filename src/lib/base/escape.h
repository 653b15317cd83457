/* escape.h - the only place where bytes from the network become text. */
#ifndef PTRCHECK_ESCAPE_H
#define PTRCHECK_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

struct textbuf;

/* escape_text - arbitrary bytes as printable ASCII: \DDD outside 0x20-0x7e
 * and for the backslash itself. For rejection texts and other free text. */
void escape_text(const unsigned char *s, size_t len, struct textbuf *tb);

/* json_put_string - a JSON string of already-printable text, quoted. */
void json_put_string(FILE *out, const char *s);

#endif

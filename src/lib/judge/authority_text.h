/* authority_text.h - pieces of text about servers, shared by the warning
 * sentences and the report's authority section. */
#ifndef PTRCHECK_AUTHORITY_TEXT_H
#define PTRCHECK_AUTHORITY_TEXT_H

#include <stdbool.h>
#include <stdio.h>

struct auth_row;
struct authority;
struct dname;
struct textbuf;

/* "ns1.example. (192.0.2.53)", or the address alone. */
void authority_put_row(struct textbuf *tb, const struct auth_row *r);

/* "PTR mail.example.", "NXDOMAIN", "a referral to ...", "timeout", ... */
void authority_put_answer(struct textbuf *tb, const struct auth_row *r);

/* An SOA RNAME as a mail address: hostmaster.example. -> hostmaster@example */
void authority_put_contact(struct textbuf *tb, const struct dname *rname);

/* The report's authority section (text) and object (JSON). */
void render_authority_text(FILE *out, const struct authority *a);
void render_authority_json(FILE *out, const struct authority *a);

#endif

/* warning.h - the sentence that goes with a warning code. */
#ifndef PTRCHECK_WARNING_H
#define PTRCHECK_WARNING_H

struct ptrcheck_report;
struct report_warning;
struct textbuf;

void warning_message(const struct ptrcheck_report *rep,
    const struct report_warning *w, struct textbuf *tb);

#endif

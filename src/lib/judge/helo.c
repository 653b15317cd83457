/* helo.c - HELO alignment, with the Public Suffix List through libpsl
 * (the latest list installed, else the one libpsl was built with). */
#include <libpsl.h>
#include <pthread.h>
#include <string.h>

#include "helo.h"
#include "name.h"

static const psl_ctx_t *psl;
static pthread_once_t psl_once = PTHREAD_ONCE_INIT;

static void
psl_load(void)
{
	psl = psl_latest(NULL);
	if (psl == NULL)
		psl = psl_builtin();
}

bool
ptrcheck_registered_domain(const char *name, char *out, size_t len)
{
	char low[PTRCHECK_NAME_TEXT_MAX];
	const char *r;

	pthread_once(&psl_once, psl_load);
	if (!name_text_lower(name, low, sizeof(low)) || psl == NULL ||
	    (r = psl_registrable_domain(psl, low)) == NULL || strlen(r) >= len)
		return false;
	memcpy(out, r, strlen(r) + 1);
	return true;
}

bool
same_registered_domain(const char *a, const char *b)
{
	char la[PTRCHECK_NAME_TEXT_MAX], lb[PTRCHECK_NAME_TEXT_MAX];
	const char *ra, *rb;

	pthread_once(&psl_once, psl_load);
	if (!name_text_lower(a, la, sizeof(la)) ||
	    !name_text_lower(b, lb, sizeof(lb)))
		return false;
	if (strcmp(la, lb) == 0)
		return true;
	if (psl == NULL)
		return false;
	ra = psl_registrable_domain(psl, la);
	rb = psl_registrable_domain(psl, lb);
	return ra != NULL && rb != NULL && strcmp(ra, rb) == 0;
}

/* ptr_aligned - a PTR is the HELO name or shares its registered domain. */
static bool
ptr_aligned(const struct ptrcheck_report *rep)
{
	char helo[PTRCHECK_NAME_TEXT_MAX], ptr[PTRCHECK_NAME_TEXT_MAX];
	size_t i;

	name_text(&rep->hostname, helo, sizeof(helo));
	for (i = 0; i < rep->nptr; i++)
		if (rep->ptrs[i].problem == NAME_OK &&
		    same_registered_domain(
		        name_text(&rep->ptrs[i].name, ptr, sizeof(ptr)), helo))
			return true;
	return false;
}

/* helo_resolves - the HELO name's addresses include this one; unknown
 * (true) while its lookup failed or was not made. */
static bool
helo_resolves(const struct ptrcheck_report *rep)
{
	const struct report_want *w = &rep->want;

	if (w->answer == PTRCHECK_ANSWER_NONE ||
	    w->answer == PTRCHECK_ANSWER_PENDING ||
	    answer_is_failure(w->answer))
		return true;
	return w->confirms;
}

bool
helo_mismatch(const struct ptrcheck_report *rep)
{
	if (rep->hostname.len == 0)
		return false;
	return !helo_resolves(rep) || (rep->nptr > 0 && !ptr_aligned(rep));
}

void
helo_message(const struct ptrcheck_report *rep, struct textbuf *tb)
{
	char a[PTRCHECK_ADDR_TEXT_MAX];
	size_t i;

	textbuf_puts(tb, "The HELO name ");
	name_to_text(&rep->hostname, tb);
	if (!helo_resolves(rep)) {
		if (rep->want.naddrs == 0) {
			textbuf_puts(tb, " has no address");
		} else {
			textbuf_puts(tb, " resolves to ");
			for (i = 0; i < rep->want.naddrs; i++) {
				ptrcheck_addr_format(
				    &rep->want.addrs[i], a, sizeof(a));
				textbuf_printf(
				    tb, "%s%s", i > 0 ? ", " : "", a);
			}
		}
		ptrcheck_addr_format(&rep->addr, a, sizeof(a));
		textbuf_printf(tb, ", not to %s", a);
	}
	if (rep->nptr > 0 && !ptr_aligned(rep)) {
		textbuf_puts(
		    tb, !helo_resolves(rep) ? "; and the PTR " : ": the PTR ");
		name_to_text(&rep->ptrs[0].name, tb);
		textbuf_puts(tb, " is neither it nor a name of its domain");
	}
	textbuf_puts(tb, ". Receivers compare the three: make the HELO name "
	                 "resolve to the address and the PTR name it.");
}

/* provider_report.c - whose address a report is about, by the provider
 * table: a PTR name in a provider's default form, else the reverse
 * zone's SOA naming a provider's servers. Found once, with the verdict;
 * the fix and the renderers read it. */
#include "provider_report.h"
#include "providers.h"

const struct ptrcheck_provider *
provider_find(const struct ptrcheck_report *rep, bool *by_name)
{
	const struct wire_soa *soa =
	    rep->zone_soa.found ? &rep->zone_soa : &rep->ptr_soa;
	const struct ptrcheck_provider *p;
	char name[PTRCHECK_NAME_TEXT_MAX];
	size_t i;

	*by_name = true;
	for (i = 0; i < rep->nptr; i++)
		if ((p = provider_default_name(name_text(
		         &rep->ptrs[i].name, name, sizeof(name)))) != NULL)
			return p;
	*by_name = false;
	if (!soa->found)
		return NULL;
	if ((p = ptrcheck_provider_of_server(
	         name_text(&soa->mname, name, sizeof(name)))) != NULL)
		return p;
	return ptrcheck_provider_of_server(
	    name_text(&soa->rname, name, sizeof(name)));
}

const struct ptrcheck_provider *
ptrcheck_report_provider(const struct ptrcheck_report *rep)
{
	return rep->provider;
}

/* put_with_host - text with each "HOST" as host (when given). */
static void
put_with_host(struct textbuf *tb, const char *text, const char *host)
{
	const char *at;

	while (host != NULL && (at = strstr(text, "HOST")) != NULL) {
		textbuf_printf(tb, "%.*s%s", (int)(at - text), text, host);
		text = at + 4;
	}
	textbuf_puts(tb, text);
}

void
provider_steps(const struct ptrcheck_provider *p, bool by_name,
    const char *host, struct textbuf *tb)
{
	textbuf_printf(tb,
	    " The address is %s's (%s). To set its PTR: ", p->name,
	    by_name ? "its default reverse name"
	            : "its servers run the reverse zone");
	put_with_host(tb, p->how, host);
	textbuf_puts(tb, ".");
	if (strcmp(p->needs, "-") != 0) {
		textbuf_puts(tb, " First: ");
		put_with_host(tb, p->needs, host);
		textbuf_puts(tb, ".");
	}
	if (strcmp(p->limits, "-") != 0)
		textbuf_printf(tb, " Also: %s.", p->limits);
}

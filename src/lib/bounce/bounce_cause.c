/*
 * bounce_cause.c - what the receiver complained about, and who it was.
 * The cause is read from the rejection text with the vocabulary of
 * receivers' messages, first match wins (docs/BOUNCE.md lists the rules).
 */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce.h"

struct cause_rule {
	const char *pattern; /* POSIX ERE, case-insensitive */
	enum ptrcheck_cause cause;
	const char *why;
};

/* Order matters: a named block list is never about reverse DNS; an
 * access-network policy is more specific than "reverse DNS"; "reverse
 * hostname" (Postfix's reject_unknown_reverse_client_hostname) is absence;
 * a failed match or validation is a mismatch; then the words of absence
 * (a lookup that failed or erred, AOL's code DNS:NR "no reverse DNS");
 * a rejection that names PTR or reverse DNS without saying which half
 * failed is a mismatch (Gmail's 5.7.25 wording). */
static const struct cause_rule cause_rules[] = {
    {"spamhaus|barracuda|sorbs|spamcop|blocked using|block ?list|black ?list|"
     "\\bdnsbl|\\brbl\\b|uceprotect",
        PTRCHECK_CAUSE_OTHER, "block list"},
    {"dynamic|generic|dial-?up|residential|relay (via|through) (your )?isp|"
     "smart ?host|consumer (ip|range|connection)|end[- ]user (ip|range)",
        PTRCHECK_CAUSE_PTR_GENERIC, "access-network policy"},
    {"find your reverse hostname|reverse hostname (lookup )?(failed|not found)",
        PTRCHECK_CAUSE_PTR_MISSING, "no reverse hostname"},
    {"\\b(ip|address)\\b[^.;]{0,12}(does ?n[o']t|do not|not|cannot|can't) "
     "(properly )?(be )?resolved?\\b|no (proper )?reverse mapping",
        PTRCHECK_CAUSE_PTR_MISSING, "the address does not resolve"},
    {"forward (dns|lookup|record|entry|confirm)|fcrdns|forward-confirmed|"
     "(does ?n[o']t|do not|not) (point|resolve|match)|mismatch|inconsisten|"
     "find your hostname|(ptr|reverse|rdns|fcrdns|dns)[^.;]{0,20}validation "
     "failed|"
     "(bad|invalid|incorrect|wrong|broken|improper) (dns )?(ptr|reverse|rdns)",
        PTRCHECK_CAUSE_FCRDNS_MISMATCH, "PTR name does not confirm"},
    {"\\bno\\b[^.;]{0,16}\\b(ptr|reverse|rdns)\\b|missing (a |the "
     ")?(ptr|reverse|rdns)|"
     "without (a |any )?(ptr|reverse|rdns)|(must|should|needs? to|required to) "
     "have "
     "(a |an )?(valid )?(ptr|reverse|rdns)|requires?[^.;]{0,40}(ptr|reverse "
     "dns|rdns)|"
     "(ptr|reverse dns|rdns)[^.;]{0,12}(required|not "
     "found|missing|failed|failure)|"
     "reverse (dns|lookup|resolution)[^.;]{0,24}fail|"
     "(ptr|reverse dns|rdns) lookup (error|servfail|nxdomain|timed? ?out)|"
     "\\bdns:nr\\b|(fix|set "
     "?up|configure|add) "
     "(a |your |the )?(ptr|reverse)|not have (a |any )?(ptr|reverse|rdns)",
        PTRCHECK_CAUSE_PTR_MISSING, "no PTR"},
    {"\\bptr\\b|reverse dns|\\brdns\\b|reverse lookup|reverse hostname",
        PTRCHECK_CAUSE_FCRDNS_MISMATCH, "reverse DNS named"},
};

#define NRULES (sizeof(cause_rules) / sizeof(cause_rules[0]))

struct cause_matcher {
	regex_t re[NRULES];
	bool ok[NRULES];
};

struct cause_matcher *
cause_matcher_new(void)
{
	struct cause_matcher *m = calloc(1, sizeof(*m));
	size_t i;

	for (i = 0; m != NULL && i < NRULES; i++)
		m->ok[i] = regcomp(&m->re[i], cause_rules[i].pattern,
		               REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0;
	return m;
}

void
cause_matcher_free(struct cause_matcher *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < NRULES; i++)
		if (m->ok[i])
			regfree(&m->re[i]);
	free(m);
}

/* blank_token - the token at t[i] (up to white space) made blanks. */
static size_t
blank_token(char *t, size_t i)
{
	while (t[i] != '\0' && !isspace((unsigned char)t[i]))
		t[i++] = ' ';
	return i;
}

/* address_like - a token of an address's characters with two dots or
 * colons ("198.51.100.7", "[2001:db8::1]", "(192.0.2.1)"): its dots do
 * not end a sentence. */
static bool
address_like(const char *t, size_t n)
{
	size_t i, seps = 0, digits = 0;

	for (i = 0; i < n; i++) {
		if (t[i] == '.' || t[i] == ':')
			seps++;
		else if (isxdigit((unsigned char)t[i]))
			digits++;
		else if (strchr("[](),", t[i]) == NULL)
			return false;
	}
	return seps >= 2 && digits >= 4;
}

/* address_word - the token at t[i] becomes "ip" and blanks. */
static size_t
address_word(char *t, size_t i)
{
	size_t end = blank_token(t, i);

	if (end - i >= 2)
		memcpy(t + i, "ip", 2);
	return end;
}

/* prose_of - text with its URLs ("https://.../residential/...") and
 * program identifiers ("generic::failed_precondition") blanked, and its
 * addresses as the word "ip" (their dots end no sentence): a cause is read
 * from what the receiver said, not from the words of a link. */
static void
prose_of(char *t)
{
	size_t i = 0;

	while (t[i] != '\0') {
		size_t end = i;

		while (t[end] != '\0' && !isspace((unsigned char)t[end]))
			end++;
		if (strncasecmp(t + i, "http://", 7) == 0 ||
		    strncasecmp(t + i, "https://", 8) == 0 ||
		    strncasecmp(t + i, "www.", 4) == 0 ||
		    (memmem(t + i, end - i, "::", 2) != NULL &&
		        !address_like(t + i, end - i)))
			end = blank_token(t, i);
		else if (address_like(t + i, end - i))
			end = address_word(t, i);
		i = end;
		while (t[i] != '\0' && isspace((unsigned char)t[i]))
			i++;
	}
}

/* span_has - whether [s, s+n) holds one of the words (lower case). */
static bool
span_has(const char *s, size_t n, const char *const *words)
{
	size_t i, k;

	for (; *words != NULL; words++)
		for (i = 0, k = strlen(*words); i + k <= n; i++)
			if (strncasecmp(s + i, *words, k) == 0)
				return true;
	return false;
}

/* blank_advice - advice is not the complaint: a sentence that opens with
 * "make sure", "ensure", "verify" or "check" and names reverse DNS among
 * other mechanisms ("make sure SPF, HELO and PTR are configured") says
 * what to check in general, not what failed. Blanked. */
static void
blank_advice(char *t)
{
	static const char *const openers[] = {
	    "make sure", "ensure", "verify", "check ", "please check", NULL};
	static const char *const rdns[] = {"ptr", "reverse", "rdns", NULL};
	static const char *const others[] = {
	    "spf", "dkim", "dmarc", "helo", "ehlo", NULL};
	size_t i = 0, k, end;

	while (t[i] != '\0') {
		for (k = 0; openers[k] != NULL; k++)
			if ((i == 0 || !isalnum((unsigned char)t[i - 1])) &&
			    strncasecmp(
			        t + i, openers[k], strlen(openers[k])) == 0)
				break;
		if (openers[k] == NULL) {
			i++;
			continue;
		}
		for (end = i; t[end] != '\0' && t[end] != '\n' &&
		              !(t[end] == '.' &&
		                  (t[end + 1] == ' ' || t[end + 1] == '\0'));
		     end++)
			;
		if (span_has(t + i, end - i, rdns) &&
		    span_has(t + i, end - i, others))
			memset(t + i, ' ', end - i);
		i = end;
	}
}

enum ptrcheck_cause
cause_of(const struct cause_matcher *m, const char *text)
{
	enum ptrcheck_cause c = PTRCHECK_CAUSE_OTHER;
	char *prose = strdup(text);
	size_t i;

	if (prose == NULL)
		return c;
	prose_of(prose);
	blank_advice(prose);
	for (i = 0; i < NRULES; i++)
		if (m->ok[i] && regexec(&m->re[i], prose, 0, NULL, 0) == 0) {
			c = cause_rules[i].cause;
			break;
		}
	free(prose);
	return c;
}

struct family {
	const char *needle; /* lower case */
	const char *name;
};

/* Receiving systems by the host names and signatures in their replies. */
static const struct family by_host[] = {
    {"google.com", "gmail"},
    {"gsmtp", "gmail"},
    {"gmail", "gmail"},
    {"outlook.com", "microsoft"},
    {"hotmail", "microsoft"},
    {"microsoft", "microsoft"},
    {"yahoo", "yahoo"},
    {"aol.com", "yahoo"},
    {"icloud.com", "apple"},
    {"me.com", "apple"},
    {"comcast", "comcast"},
    {"gmx.", "gmx"},
    {"web.de", "web.de"},
    {"t-online", "t-online"},
    {"mail.ru", "mailru"},
    {"yandex", "yandex"},
    {"orange.fr", "orange"},
    {"wanadoo", "orange"},
    {"free.fr", "free"},
    {"libero.it", "libero"},
    {"seznam", "seznam"},
    {"forpsi", "forpsi"},
    {"barracuda", "barracuda"},
    {"mimecast", "mimecast"},
    {"pphosted", "proofpoint"},
    {"proofpoint", "proofpoint"},
    {"iphmx", "cisco"},
    {"messagelabs", "symantec"},
    {"magicmail", "magicmail"},
    {"linuxmagic", "magicmail"},
    {"haraka", "haraka"},
    {NULL, NULL},
};

/* Receiving software by the wording of its rejections. */
static const struct family by_text[] = {
    {"client host rejected", "postfix"},
    {"helo command rejected", "postfix"},
    {"recipient address rejected", "postfix"},
    {"sender address rejected", "postfix"},
    {"noqueue: reject", "postfix"},
    {"fcrdns", "haraka"},
    {"opensmtpd", "opensmtpd"},
    {"rejected after data", "exim"},
    {"sendmail", "sendmail"},
    {NULL, NULL},
};

/* Bounce formats: the reporting MTA's family stands in when nothing
 * names the receiver. */
static const struct family by_format[] = {
    {"smtp error from remote mail server", "exim"},
    {"the following addresses had permanent fatal errors", "sendmail"},
    {"this is the mail system at host", "postfix"},
    {"please do not reply to this e-mail", "opensmtpd"},
    {NULL, NULL},
};

static const char *
find_family(const char *text, const struct family *f)
{
	char low[4096];
	size_t i;

	if (text == NULL)
		return NULL;
	for (i = 0; text[i] != '\0' && i + 1 < sizeof(low); i++)
		low[i] = (char)tolower((unsigned char)text[i]);
	low[i] = '\0';
	for (; f->needle != NULL; f++)
		if (strstr(low, f->needle) != NULL)
			return f->name;
	return NULL;
}

const char *
receiver_of(
    const char *remote_mta, const char *rejection, const struct blines *b)
{
	const char *r;
	size_t i;

	/* The software's own phrases before host names inside the text: the
	 * client's name ("...comcast.net") can stand in the rejection. */
	if ((r = find_family(remote_mta, by_host)) != NULL ||
	    (r = find_family(rejection, by_text)) != NULL ||
	    (r = find_family(rejection, by_host)) != NULL)
		return r;
	for (i = 0; i < b->n; i++)
		if ((r = find_family(b->v[i].text, by_format)) != NULL)
			return r;
	return "generic";
}

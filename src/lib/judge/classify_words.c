/* classify_words.c - words of access networks and of mail systems, in the
 * languages providers use. Matching is on whole alphabetic tokens; a few
 * long words also match as the start or end of a compound ("modemcable",
 * "smtpout"), never as a substring in the middle ("Poole" is not a pool). */
#include <string.h>

#include "classify_words.h"

/* Second-level labels under ccTLDs that are public suffixes in practice. */
const char *const second_level_words[] = {
    "ac",
    "co",
    "com",
    "edu",
    "gob",
    "gov",
    "gouv",
    "go",
    "ltd",
    "mil",
    "ne",
    "net",
    "nic",
    "nom",
    "or",
    "org",
    "plc",
    "sch",
    "info",
    "biz",
    NULL,
};

/* Words of dynamic, residential and access-network pools. */
static const char *const pool_words[] = {
    "dyn",
    "dynamic",
    "dynip",
    "dial",
    "dialup",
    "dialin",
    "ppp",
    "pppoe",
    "pppoa",
    "dhcp",
    "pool",
    "pools",
    "dsl",
    "adsl",
    "vdsl",
    "xdsl",
    "sdsl",
    "hdsl",
    "cable",
    "kabel",
    "catv",
    "cpe",
    "customer",
    "customers",
    "subscriber",
    "subscribers",
    "cliente",
    "clientes",
    "residential",
    "resid",
    "broadband",
    "bband",
    "bb",
    "fibra",
    "fiber",
    "fibre",
    "ftth",
    "fttx",
    "fttb",
    "wifi",
    "wlan",
    "wimax",
    "mobile",
    "mobil",
    "movil",
    "gprs",
    "umts",
    "lte",
    "cgnat",
    "hsd",
    "dip",
    "modem",
    "cmodem",
    "cm",
    "dsldyn",
    "dynamicip",
    "bras",
    /* cable plants: hybrid fibre-coax zones, headends, modem systems */
    "hfc",
    "docsis",
    "coax",
    "headend",
    "cmts",
    NULL,
};

/* Weaker hints: common in ISP names, but also in names people choose. */
static const char *const hint_words[] = {
    "ip",
    "host",
    "static",
    "rev",
    "reverse",
    "ptr",
    "node",
    "nas",
    "gw",
    "addr",
    "subnet",
    "user",
    "users",
    "usr",
    "client",
    "clients",
    "home",
    "res",
    "cust",
    "compute",
    "ec",
    "vps",
    "nat",
    "unknown",
    "unassigned",
    "abo",
    "abonent",
    NULL,
};

/* Long words that also mark the start or end of a compound token. */
static const char *const pool_stems[] = {
    "cable",
    "modem",
    "dynamic",
    "dialup",
    "broadband",
    "customer",
    "client",
    "pppoe",
    "adsl",
    "vdsl",
    "dhcp",
    NULL,
};

/* Deliberately named mail infrastructure. */
static const char *const mail_words[] = {
    "mail",
    "mx",
    "smtp",
    "mta",
    "out",
    "outbound",
    "outgoing",
    "relay",
    "relais",
    "bounce",
    "bounces",
    "mo",
    "esa",
    "postfix",
    "exim",
    "exchange",
    "correo",
    "posta",
    "messagerie",
    "newsletter",
    "lists",
    "list",
    "mxback",
    "mxout",
    "forward",
    "send",
    "sender",
    "email",
    "mailer",
    "post",
    "mailgw",
    "mailhub",
    "mailout",
    "mailserver",
    "mailrelay",
    "smtpout",
    "inbound",
    "spool",
    NULL,
};

static const char *const mail_stems[] = {
    "mail",
    "smtp",
    "relay",
    "bounce",
    "outbound",
    NULL,
};

bool
word_in(const char *w, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(w, *list) == 0)
			return true;
	return false;
}

/* stem_in - t begins or ends with a stem, with at least two more letters. */
static bool
stem_in(const char *t, const char *const *stems)
{
	size_t tl = strlen(t);

	for (; *stems != NULL; stems++) {
		size_t sl = strlen(*stems);

		if (tl < sl + 2)
			continue;
		if (strncmp(t, *stems, sl) == 0 ||
		    strcmp(t + tl - sl, *stems) == 0)
			return true;
	}
	return false;
}

int
word_pool_weight(const char *token)
{
	if (word_in(token, pool_words) || stem_in(token, pool_stems))
		return 2;
	return word_in(token, hint_words) ? 1 : 0;
}

bool
word_is_mail(const char *token)
{
	return word_in(token, mail_words) || stem_in(token, mail_stems);
}

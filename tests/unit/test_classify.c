/* test_classify.c - one row per feature of the generic-name judgement:
 * every embedded-address form, word boundaries, mail names with digits,
 * default cloud names, and hostile input. */
#include <string.h>
#include <unistd.h>

#include "providers.h"
#include "ptrcheck/ptrcheck.h"
#include "unit.h"

static const struct {
	const char *name;
	const char *ip; /* NULL: unknown */
	bool generic;
	const char *feature; /* must appear in the reason */
} cases[] = {
    /* embedded addresses, known IP */
    {"dsl-203-0-113-7.dyn.isp.example", "203.0.113.7", true, "all four octets"},
    {"203.0.113.7.static.isp.example", "203.0.113.7", true, "all four octets"},
    {"7.113.0.203.rev.isp.example", "203.0.113.7", true, "all four octets"},
    {"ip_203_0_113_7.isp.example", "203.0.113.7", true, "all four octets"},
    {"host203000113007.isp.example", "203.0.113.7", true, "all four octets"},
    {"cust20301137.isp.example", "203.0.113.7", true, "all four octets"},
    {"pcb0007107.isp.example", "203.0.113.7", true, "serial-label"},
    {"pcb007107.dsl.isp.example", "203.0.113.7", true, "hexadecimal"},
    {"p5B3C2D1E.dip0.isp.example", "91.60.45.30", true, "hexadecimal"},
    {"c0a80001.cust.isp.example", "192.168.0.1", true, "hexadecimal"},
    {"n3405803783.isp.example", "203.0.113.7", true, "decimal integer"},
    {"cable-113-7.isp.example", "203.0.113.7", true, "last two octets"},
    {"host-0-113-7.isp.example", "203.0.113.7", true, "last three octets"},
    /* the address in hexadecimal split by separators, or bytes reversed;
     * three octets in another order */
    {"srv-5b3c-2d1e.pool.isp.example", "91.60.45.30", true, "split"},
    {"c0.a8.01.07.rev.isp.example", "192.168.1.7", true, "split"},
    {"1e2d3c5b.rev.isp.example", "91.60.45.30", true, "split"},
    {"54-34-12.dsl.isp.example", "82.54.12.34", true, "reordered"},
    {"web-12-34-99.company.example", "82.54.12.34", false, NULL},
    /* providers' default names (data/providers.tsv), never their domains */
    {"li1234-56.members.linode.com", "172.104.12.56", true,
        "provider-default linode"},
    {"customer.fra1.vultrusercontent.com", NULL, true,
        "provider-default vultr"},
    {"ec2-3-120-12-34.eu-central-1.compute.amazonaws.com", NULL, true,
        "provider-default aws"},
    {"vps-5f2c1a3b.vps.ovh.net", NULL, true, "provider-default ovh"},
    {"ns3012345.ip-51-91-12.eu", NULL, true, "provider-default ovh"},
    {"mail.linode.com", NULL, false, NULL},
    {"smtp.members.linode.com.example", NULL, false, NULL},
    {"a27-12.smtp-out.amazonses.com", "54.240.27.12", false, NULL},
    /* embedded addresses, unknown IP */
    {"198-51-100-23.cpe.isp.example", NULL, true, "four octet-like"},
    {"static-198-51-100-23.isp.example", NULL, true, "four octet-like"},
    {"p200300cbc7145e00.dip0.isp.example", NULL, true, "IPv6 nibbles"},
    /* IPv6: groups, nibbles, and an IPv4 address written into the name */
    {"dyn-192-0-2-1.pool.isp.example", "2001:db8::1", true, "four octet-like"},
    {"2001-db8-1-2-3-4-5-6.pool.isp.example", "2001:db8:1:2:3:4:5:6", true,
        "IPv6 groups"},
    {"p20010db8000100020003000400050006.dip.isp.example",
        "2001:db8:1:2:3:4:5:6", true, "IPv6"},
    /* pool words on word boundaries only */
    {"dynamic.dsl.isp.example", NULL, true, "pool-word"},
    {"modemcable147.isp.example", NULL, true, "numbered-pool-label"},
    {"cpe147.isp.example", NULL, true, "numbered-pool-label"},
    {"mx147.isp.example", NULL, false, "mail-word"},
    {"pool-44.isp.example", NULL, false, NULL},
    {"poole.isp.example", NULL, false, NULL},
    {"mail.poole-dental.example", NULL, false, NULL},
    {"mail.kabel-schmidt.de", NULL, false,
        NULL}, /* the word is in the domain */
    {"mail.dsl-consult.de", NULL, false, NULL},
    /* a short mail word counts only in the leftmost label; an access word
     * weakens it */
    {"75-130-12-34.dhcp.stls.mo.cable.example", "75.130.12.34", true,
        "all four"},
    {"mx-ll-180.183.12-34.dynamic.isp.example", "180.183.12.34", true,
        "mail-word mx"},
    {"o167-89-97-77.outbound-mail.esp.example", "167.89.97.77", false,
        "mail-word"},
    /* written-out octets are joined by separators, not by letters */
    {"v5239.v57ae4e16.euw1.send.eu.esp.example", NULL, false, NULL},
    {"x-10_20.30-40.isp.example", NULL, true, "four octet-like"},
    /* serial default names of clouds and hosters */
    {"p1234567-ipngn1234.tokyo.isp.example", NULL, true, "serial-label"},
    {"vmi888917.hoster.example", NULL, true, "serial-label"},
    {"s69536402.hoster.example", NULL, true, "serial-label"},
    {"ec2-54-186-21-63.us-west-2.compute.cloud.example", "54.186.21.63", true,
        "all four"},
    /* deliberately named mail infrastructure, digits included */
    {"mx2.shop.example", NULL, false, "mail-word"},
    {"mail-wr1-f54.google.com", "209.85.221.54", false, "mail-word"},
    {"o1.ptr1234.sendgrid.net", NULL, false, NULL},
    {"m43-7.mailgun.net", NULL, false, NULL},
    {"mta-88-224.sparkmail.example", "192.174.88.224", false, "mail-word"},
    {"o167-89-97-77.outbound-mail.sendgrid.net", "167.89.97.77", false,
        "mail-word"},
    {"smtp-out-12.example.co.uk", NULL, false, "mail-word"},
    {"pluto.example.nl", NULL, false, "word-label"},
    {"esa1.hgst.iphmx.com", "68.232.141.245", false, "mail-word"},
    /* static ISP names stay generic */
    {"static.88-198-54-21.clients.hoster.example", "88.198.54.21", true,
        "all four"},
    /* hostile and degenerate input */
    {"", NULL, false, "no host part"},
    {"example", NULL, false, "no host part"},
    {"example.com", NULL, false, "no host part"},
    {"a..b...example.com", NULL, false, NULL},
    {"a\\000b.example.com", NULL, false, NULL},
    {"\x1b[31m.example.com", NULL, false, NULL},
};

START_TEST(test_case)
{
	struct ptrcheck_classification c;
	struct ptrcheck_addr ip;
	char explain[1024];

	if (cases[_i].ip != NULL)
		ck_assert_int_eq(
		    ptrcheck_addr_parse(cases[_i].ip, &ip), PTRCHECK_OK);
	ptrcheck_classify(cases[_i].name, cases[_i].ip ? &ip : NULL, &c,
	    explain, sizeof(explain));
	ck_assert_msg(c.generic == cases[_i].generic, "%s: %s (score %d)",
	    cases[_i].name, c.reason, c.score);
	if (cases[_i].feature != NULL)
		ck_assert_msg(strstr(c.reason, cases[_i].feature) != NULL,
		    "%s: reason '%s'", cases[_i].name, c.reason);
	ck_assert_uint_gt(strlen(c.reason), 0);
}
END_TEST

START_TEST(test_provider_patterns)
{
	static const struct {
		const char *pat, *name;
		bool match;
	} rows[] = {
	    {"li*-*.members.linode.com", "li1-2.members.linode.com", true},
	    {"li*-*.members.linode.com", "li1.x-2.members.linode.com", false},
	    {"**.bc.googleusercontent.com", "4.3.2.1.bc.googleusercontent.com",
	        true},
	    {"**.bc.googleusercontent.com", "bc.googleusercontent.com", false},
	    {"ec2-*.**.compute.amazonaws.com",
	        "ec2-1-2-3-4.eu-west-1.compute.amazonaws.com", true},
	    {"ec2-*.**.compute.amazonaws.com", "ec2-1.compute.amazonaws.com",
	        false},
	    {"vmi*.contaboserver.net", "vmi.contaboserver.net", true},
	    {"vmi*.contaboserver.net", "vmi1.contaboserver.net.example", false},
	};
	size_t i;

	for (i = 0; i < NELEMS(rows); i++)
		ck_assert_msg(
		    provider_pattern_match(rows[i].pat, strlen(rows[i].pat),
		        rows[i].name) == rows[i].match,
		    "%s ~ %s", rows[i].pat, rows[i].name);
	/* Any case, the trailing dot or not. */
	ck_assert_ptr_nonnull(
	    provider_default_name("VMI42.ContaboServer.NET."));
	ck_assert_ptr_null(provider_default_name("contaboserver.net"));
}
END_TEST

/* The table compiled in parses whole (every row has its 9 columns and a
 * how), and names providers by their reverse servers too. */
START_TEST(test_provider_table)
{
	char *text = strdup(provider_tsv), err[200];
	struct ptrcheck_provider *rows;
	const struct ptrcheck_provider *p;
	size_t n, i;

	ck_assert(providers_parse(text, &rows, &n, err, sizeof(err)));
	ck_assert_uint_ge(n, 20);
	for (i = 0; i < n; i++)
		ck_assert_msg(strcmp(rows[i].how, "-") != 0, "%s", rows[i].id);
	free(rows);
	free(text);
	p = ptrcheck_provider_of_server("ns1.your-server.de.");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->id, "hetzner");
	ck_assert_ptr_null(ptrcheck_provider_of_name("-"));
}
END_TEST

/* --providers FILE: a bad file leaves the table as it was; a good one
 * replaces it. Last in the suite: it changes the table for the process. */
START_TEST(test_provider_file)
{
	char path[] = "/tmp/ptrcheck-providers-XXXXXX", err[200];
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fputs("# test\nacme\tAcme\tcloud\tvm*.acme.example\t-\tthe panel\t-"
	      "\t-\tnone\nbroken\tonly two\n",
	    f);
	fclose(f);
	ck_assert_int_eq(
	    ptrcheck_providers_load(path, err, sizeof(err)), PTRCHECK_EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "line 3"));
	ck_assert_ptr_nonnull(
	    ptrcheck_provider_of_name("vmi42.contaboserver.net"));
	f = fopen(path, "w");
	fputs("acme\tAcme\tcloud\tvm*.acme.example\t-\tthe panel\t-\t-\t"
	      "none\n",
	    f);
	fclose(f);
	ck_assert_int_eq(
	    ptrcheck_providers_load(path, err, sizeof(err)), PTRCHECK_OK);
	ck_assert_str_eq(
	    ptrcheck_provider_of_name("vm7.acme.example")->how, "the panel");
	ck_assert_ptr_null(
	    ptrcheck_provider_of_name("vmi42.contaboserver.net"));
	unlink(path);
}
END_TEST

START_TEST(test_long_names)
{
	struct ptrcheck_classification c;
	char name[2000];

	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	ptrcheck_classify(name, NULL, &c, NULL, 0);
	ck_assert(!c.generic);
	/* 255 octets of dotted digits: many labels, bounded tables. */
	memset(name, 0, sizeof(name));
	while (strlen(name) < 240)
		strcat(name, "1.2.");
	strcat(name, "example.com");
	ptrcheck_classify(name, NULL, &c, NULL, 0);
	ck_assert(c.generic);
}
END_TEST

START_TEST(test_explain)
{
	struct ptrcheck_classification c;
	char explain[256];

	ptrcheck_classify(
	    "dsl-1-2-3-4.dyn.isp.example", NULL, &c, explain, sizeof(explain));
	ck_assert_ptr_nonnull(strstr(explain, "+4 embedded-address"));
	ck_assert_ptr_nonnull(strstr(explain, "+2 pool-word dsl"));
	ptrcheck_classify("dsl-1-2-3-4.dyn.isp.example", NULL, &c, explain, 10);
	ck_assert_uint_lt(strlen(explain), 10);
}
END_TEST

static Suite *
classify_suite(void)
{
	Suite *s = suite_create("classify");
	TCase *tc = tcase_create("classify");

	tcase_add_loop_test(tc, test_case, 0, NELEMS(cases));
	tcase_add_test(tc, test_provider_patterns);
	tcase_add_test(tc, test_long_names);
	tcase_add_test(tc, test_explain);
	tcase_add_test(tc, test_provider_table);
	tcase_add_test(tc, test_provider_file);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(classify_suite)

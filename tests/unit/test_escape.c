/* test_escape.c - bytes become printable text, and JSON stays valid. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "name.h"
#include "textbuf.h"
#include "unit.h"

static const struct {
	const char *in;
	size_t len;
	const char *out;
} text_cases[] = {
    {"plain", 5, "plain"},
    {"esc\033[31m", 8, "esc\\027[31m"},
    {"cr\rlf\n", 6, "cr\\013lf\\010"},
    {"nul\0x", 5, "nul\\000x"},
    {"back\\slash", 10, "back\\092slash"},
    {"\xff\x80", 2, "\\255\\128"},
};

START_TEST(test_escape_text)
{
	char out[128];

	ptrcheck_escape(
	    text_cases[_i].in, text_cases[_i].len, out, sizeof(out));
	ck_assert_str_eq(out, text_cases[_i].out);
}
END_TEST

START_TEST(test_escape_truncates)
{
	char out[6];

	ptrcheck_escape("\033\033\033", 3, out, sizeof(out));
	ck_assert_uint_lt(strlen(out), sizeof(out));
	ck_assert_ptr_null(strchr(out, '\033'));
}
END_TEST

static char *
json_of(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	json_put_string(f, s);
	fclose(f);
	return buf;
}

START_TEST(test_json)
{
	char *j;
	struct dname n;
	char text[PTRCHECK_NAME_TEXT_MAX];

	j = json_of("a\"b\\c");
	ck_assert_str_eq(j, "\"a\\\"b\\\\c\"");
	free(j);
	j = json_of("raw\001");
	ck_assert_str_eq(j, "\"raw\\u0001\"");
	free(j);
	name_from_text("q\\\"t\\000.example.", &n);
	j = json_of(name_text(&n, text, sizeof(text)));
	ck_assert_str_eq(j, "\"q\\\\\\\"t\\\\000.example.\"");
	free(j);
}
END_TEST

START_TEST(test_textbuf)
{
	char s[8];
	struct textbuf tb;

	textbuf_init(&tb, s, sizeof(s));
	textbuf_printf(&tb, "%s", "0123456789");
	ck_assert(tb.truncated);
	ck_assert_uint_eq(strlen(s), 7);
	textbuf_putc(&tb, 'x');
	ck_assert_uint_eq(strlen(s), 7);
}
END_TEST

static Suite *
escape_suite(void)
{
	Suite *s = suite_create("escape");
	TCase *tc = tcase_create("escape");

	tcase_add_loop_test(tc, test_escape_text, 0, NELEMS(text_cases));
	tcase_add_test(tc, test_escape_truncates);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_textbuf);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(escape_suite)

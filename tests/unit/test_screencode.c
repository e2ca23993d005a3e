/*
 * test_screencode.c -- screen codes as people type them (the g prompt, --print)
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "screencode.h"

static const char *parse(const char *in)
{
	static char out[SCREENCODE_MAX];

	return screencode_parse(in, out, sizeof out) ? out : NULL;
}

static void test_as_typed(void **state)
{
	(void)state;
	assert_string_equal(parse("3.4"), "3.4");
	assert_string_equal(parse("0"), "0");
	assert_string_equal(parse("6.5.3"), "6.5.3");
	/* The full stop an input method types, and the full-width forms. */
	assert_string_equal(parse("3。4"), "3.4");
	assert_string_equal(parse("3．4"), "3.4");
	assert_string_equal(parse("３．４"), "3.4");
	assert_string_equal(parse("６。５。３"), "6.5.3");
	assert_string_equal(parse("3｡4"), "3.4");
	/* Spaces around the code and around a separator; a full-width space too. */
	assert_string_equal(parse("  3.4 "), "3.4");
	assert_string_equal(parse("3 . 4"), "3.4");
	assert_string_equal(parse("\xE3\x80\x80"
				  "1.1"),
			    "1.1");
}

static void test_refused(void **state)
{
	char out[4];

	(void)state;
	assert_null(parse(""));
	assert_null(parse("   "));
	assert_null(parse("alipay"));
	assert_null(parse("pay-alipay"));
	assert_null(parse("3.4."));
	assert_null(parse(".3"));
	assert_null(parse("3..4"));
	assert_null(parse("3。。4"));
	assert_null(parse("3 4"));         /* a space inside a number */
	assert_null(parse("123 456 789")); /* an answer code read out in groups */
	assert_null(parse("3、4"));
	assert_null(parse("3.4a"));
	assert_null(parse("\xFF"
			  "3"));
	/* Longer than the buffer: refused, the buffer left empty. */
	assert_false(screencode_parse("12.34", out, sizeof out));
	assert_string_equal(out, "");
	assert_true(screencode_parse("1.2", out, sizeof out));
	assert_string_equal(out, "1.2");
	assert_false(screencode_parse(NULL, out, sizeof out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_as_typed),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

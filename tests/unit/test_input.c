/*
 * test_input.c -- the key side of input.c without a terminal: escape sequence grammar
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "input.h"

/* Feed the characters of s (after an ESC) one at a time; the state after each. */
static enum input_seq feed(const char *s, size_t *at)
{
	int seq[64];
	size_t n = strlen(s);
	enum input_seq st = SEQ_MORE;

	for (size_t i = 0; i < n; i++) {
		seq[i] = (unsigned char)s[i];
		st = input_seq_step(seq, i + 1);
		*at = i + 1;
		if (st != SEQ_MORE)
			break;
	}
	return st;
}

static void test_sequences(void **state)
{
	size_t at;

	(void)state;
	static const char *const whole[] = {
		"[1~", "[4~", "[11~", "[5;3~", "[200~", "[?25h", "[31;22$p", "OP", "OZ", "[[A",
		"[A", "[H", "O1;2P", "[ q",
	};
	for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++) {
		assert_int_equal(feed(whole[i], &at), SEQ_END);
		assert_int_equal(at, strlen(whole[i]));
	}
	/* Not begun: ESC is a key of its own, the next one too. */
	assert_int_equal(feed("3", &at), SEQ_NONE);
	assert_int_equal(feed("x", &at), SEQ_NONE);
	/* Unfinished. */
	assert_int_equal(feed("[1", &at), SEQ_MORE);
	assert_int_equal(feed("[", &at), SEQ_MORE);
	assert_int_equal(feed("[[", &at), SEQ_MORE);
	/* A byte that cannot belong ends it there and stays a key. */
	assert_int_equal(feed("[1\r", &at), SEQ_BROKEN);
	assert_int_equal(at, 3);
	assert_int_equal(feed("[ 1~", &at), SEQ_BROKEN); /* parameter after intermediate */
	assert_int_equal(at, 3);
}

static void test_function_key_breaks(void **state)
{
	int seq[2] = {'[', -0403}; /* a key curses recognised is not part of a sequence */

	(void)state;
	assert_int_equal(input_seq_step(seq, 2), SEQ_BROKEN);
	seq[0] = -0403;
	assert_int_equal(input_seq_step(seq, 1), SEQ_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_function_key_breaks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

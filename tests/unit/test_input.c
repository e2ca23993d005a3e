/*
 * test_input.c -- the key side of input.c without a terminal: escape sequence grammar
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "guide.h"
#include "input.h"
#include "input_keys.h"
#include "../../screens/screens.h"
#include "util.h"

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
		"[1~",
		"[4~",
		"[11~",
		"[5;3~",
		"[200~",
		"[?25h",
		"[31;22$p",
		"OP",
		"OZ",
		"[[A",
		"[A",
		"[H",
		"O1;2P",
		"[ q",
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

/* The help row whose help text is help on view v, or NULL. */
static char *help_keys(const struct view *v, const char *help)
{
	size_t n;
	struct keyhelp *k = input_keys_help(NULL, v, &n);
	char *keys = NULL;

	for (size_t i = 0; i < n; i++)
		if (strcmp(k[i].help, help) == 0 && keys == NULL)
			keys = xstrdup(k[i].keys);
	input_keys_help_free(k, n);
	return keys;
}

static void test_kind_bindings(void **state)
{
	struct view page = {.ops = &page_ops}, list = {.ops = &checklist_ops};
	int ch = 0;
	char *s;

	(void)state;
	/* Space pages on a page and ticks on the checklist; x ticks only there. */
	assert_int_equal(input_keys_action(NULL, &page, ' ', false, &ch), ACT_PGDN);
	assert_int_equal(input_keys_action(NULL, &list, ' ', false, &ch), ACT_TICK);
	assert_int_equal(input_keys_action(NULL, &list, 'x', false, &ch), ACT_TICK);
	assert_int_equal(input_keys_action(NULL, &page, 'x', false, &ch), ACT_NONE);
	assert_int_equal(input_keys_action(NULL, &list, '7', false, &ch), ACT_DIGIT);
	assert_int_equal(ch, 7);
	assert_int_equal(input_keys_action(NULL, &list, 'q', false, &ch), ACT_QUIT);
	/* The help rows name the keys that do it, and no others. */
	s = help_keys(&page, "下一页");
	assert_string_equal(s, "PgDn 空格");
	free(s);
	s = help_keys(&list, "下一页");
	assert_string_equal(s, "PgDn");
	free(s);
	s = help_keys(&list, "勾选 / 取消勾选所选项");
	assert_non_null(s);
	free(s);
	/* The bottom line too. */
	s = input_keys_hints(NULL, &list, 200);
	assert_non_null(strstr(s, "x/空格勾选"));
	assert_non_null(strstr(s, "↑↓选择"));
	free(s);
	s = input_keys_hints(NULL, &page, 200);
	assert_null(strstr(s, "勾选"));
	assert_non_null(strstr(s, "↑↓滚动"));
	assert_non_null(strstr(s, "1-9打开链接"));
	assert_non_null(strstr(s, "q退出"));
	free(s);
}

/* The key loop's dispatch, driven by a script of actions over the shipped content
 * (no terminal: what it changes is the model's, and the model is read back). */
static void test_dispatch_script(void **state)
{
	struct config c;
	struct regions rs;
	struct profile prof = {0};
	struct diags d = {0};
	struct guide *g;
	struct app a;

	(void)state;
	if (!util_is_dir("content") || !util_is_dir("config/regions"))
		skip();
	config_defaults(&c);
	regions_from_dir(&rs, c.regions_dir);
	regions_load(&prof, &rs, NULL, &d);
	g = guide_load("content", prof.name, regions_lookup, &prof);
	app_init(&a, &c, g, &screens_set);
	a.body_rows = 10;
	a.body_cols = 60;
	assert_string_equal(nav_screen(&a, nav_top(&a))->id, "home");
	/* 3 opens the payment menu; Down twice, Enter opens its third entry. */
	input_dispatch(&a, ACT_DIGIT, 3);
	assert_string_equal(nav_screen(&a, nav_top(&a))->code, "3");
	input_dispatch(&a, ACT_DOWN, 0);
	input_dispatch(&a, ACT_DOWN, 0);
	assert_int_equal(nav_top(&a)->sel, 2);
	input_dispatch(&a, ACT_OPEN, '\r');
	assert_string_equal(nav_screen(&a, nav_top(&a))->code, "3.3");
	assert_int_equal(a.depth, 3);
	/* Back twice, home (0), then End reaches the last line of the home screen. */
	input_dispatch(&a, ACT_BACK, 0);
	assert_string_equal(nav_screen(&a, nav_top(&a))->code, "3");
	assert_int_equal(nav_top(&a)->sel, 2); /* the selection was kept */
	input_dispatch(&a, ACT_HOME, 0);
	assert_int_equal(a.depth, 1);
	input_dispatch(&a, ACT_BOTTOM, 0);
	nav_clamp(&a, nav_top(&a));
	assert_int_equal(nav_top(&a)->top + a.body_rows, (int)nav_top(&a)->lay.n);
	/* q asks nothing. */
	input_dispatch(&a, ACT_QUIT, 0);
	assert_true(a.quit);
	app_clear(&a);
	guide_free(g);
	diags_clear(&d);
	config_clear(&c);
	regions_profile_clear(&prof);
	regions_clear(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_function_key_breaks),
		cmocka_unit_test(test_kind_bindings),
		cmocka_unit_test(test_dispatch_script),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

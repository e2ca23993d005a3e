/*
 * test_nav.c -- scrolling and selection in the model, without a terminal
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "nav.h"

/* Three one-line items, then ten lines of text: 13 lines, 5 rows on screen. */
static void build(struct view *v)
{
	memset(v, 0, sizeof *v);
	layout_init(&v->lay, 40, false);
	for (int i = 0; i < 3; i++) {
		char txt[] = "item";
		struct rich r = {txt, 4, NULL, 0};

		layout_rich(&v->lay, &r, NULL, 0, 0, layout_add_item(&v->lay, i), NULL);
	}
	for (int i = 0; i < 10; i++)
		layout_text(&v->lay, "text", 0, 0, 0);
}

static void test_end_reaches_last_line(void **state)
{
	struct app a = {.body_rows = 5};
	struct view v;

	(void)state;
	build(&v);
	assert_int_equal(v.lay.n, 13);
	nav_clamp(&a, &v);
	assert_int_equal(v.top, 0);
	assert_int_equal(v.sel, 0);
	/* End: the view goes to its last line; the selection stays on the last item. */
	v.top = (int)v.lay.n;
	v.sel = 2;
	nav_clamp(&a, &v);
	assert_int_equal(v.top, 8);
	assert_int_equal(v.sel, 2);
	layout_clear(&v.lay);
}

/* The writers of sel and top keep the invariants when asked to, and later otherwise. */
static void test_select_and_scroll_to(void **state)
{
	struct app a = {.body_rows = 5};
	struct view v;

	(void)state;
	build(&v);
	nav_select(&a, &v, 7, true); /* only 3 items */
	assert_int_equal(v.sel, 2);
	nav_scroll_to(&a, &v, 100, true);
	assert_int_equal(v.top, 8);
	/* Not clamped yet: a screen about to lay itself out again names a line to come. */
	nav_scroll_to(&a, &v, 100, false);
	nav_select(&a, &v, -5, false);
	assert_int_equal(v.top, 100);
	assert_int_equal(v.sel, -5);
	nav_clamp(&a, &v);
	assert_int_equal(v.top, 8);
	assert_true(v.sel >= 0 && v.sel < 3);
	/* A stale layout is never clamped against. */
	v.stale = true;
	nav_select(&a, &v, 9, true);
	assert_int_equal(v.sel, 9);
	layout_clear(&v.lay);
}

static void test_down_reads_on(void **state)
{
	struct app a = {.body_rows = 5};
	struct view v;

	(void)state;
	build(&v);
	nav_clamp(&a, &v);
	for (int i = 0; i < 2; i++)
		nav_move(&a, &v, 1);
	assert_int_equal(v.sel, 2);
	assert_int_equal(v.top, 0);
	/* Past the last item Down scrolls, a line at a time, to the end and no further. */
	for (int i = 0; i < 20; i++)
		nav_move(&a, &v, 1);
	assert_int_equal(v.top, 8);
	assert_int_equal(v.sel, 2);
	/* Up with the selection out of sight scrolls back. */
	nav_move(&a, &v, -1);
	assert_int_equal(v.top, 7);
	for (int i = 0; i < 5; i++)
		nav_move(&a, &v, -1);
	assert_int_equal(v.top, 2);
	assert_int_equal(v.sel, 2); /* back in sight: still the same item */
	nav_move(&a, &v, -1);       /* now Up moves the selection again */
	assert_int_equal(v.sel, 1);
	assert_int_equal(v.top, 1);
	layout_clear(&v.lay);
}

static void test_scroll_moves_selection_into_view(void **state)
{
	struct app a = {.body_rows = 2};
	struct view v;

	(void)state;
	build(&v);
	nav_clamp(&a, &v);
	nav_scroll(&a, &v, 1);
	/* Item 0 scrolled off the top: the first item on screen is selected. */
	assert_int_equal(v.top, 1);
	assert_int_equal(v.sel, 1);
	nav_scroll(&a, &v, -1);
	assert_int_equal(v.sel, 1);
	layout_clear(&v.lay);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_end_reaches_last_line),
		cmocka_unit_test(test_select_and_scroll_to),
		cmocka_unit_test(test_down_reads_on),
		cmocka_unit_test(test_scroll_moves_selection_into_view),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

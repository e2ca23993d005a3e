/*
 * test_flow.c -- the wizard's flow (src/flow.c) over a small wizard, without a terminal
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "content.h"
#include "flow.h"

/* Three questions: b is asked only when a=yes, c only when b=x. */
static const char WIZARD[] =
	"---\ncode: 1\nid: w\ntitle: 问答\nkind: wizard\n---\n"
	"开头。\n\n"
	"```question a\n第一题？\n- yes: 是\n- no: 否\n```\n\n"
	"```question b if a=yes\n第二题？\n- x: 甲\n- y: 乙\n```\n\n"
	"```question c if b=x\n第三题？\n- 1: 一\n- 2: 二\n```\n\n"
	"```result\n完。\n```\n";

static const char *no_values(void *ctx, const char *name)
{
	(void)ctx;
	(void)name;
	return NULL;
}

static struct screen *wizard(void)
{
	struct diags d = {0};
	struct screen *s = content_parse("w.md", WIZARD, sizeof WIZARD - 1, no_values, NULL, &d);

	assert_non_null(s);
	assert_int_equal(d.n, 0);
	diags_clear(&d);
	return s;
}

/* Block index of question name. */
static size_t q(const struct screen *s, const char *name)
{
	for (size_t i = 0; i < s->nblocks; i++)
		if (s->blocks[i].type == BLK_QUESTION && strcmp(s->blocks[i].name, name) == 0)
			return i;
	fail();
	return 0;
}

static void test_walk(void **state)
{
	struct screen *s = wizard();
	struct answers a = {0};

	(void)state;
	assert_true(flow_has_questions(s));
	assert_int_equal(flow_next(s, &a, 0), q(s, "a"));
	/* b waits for a=yes: without it, a is the only question. */
	assert_int_equal(flow_next(s, &a, q(s, "a") + 1), s->nblocks);
	assert_int_equal(flow_first_unanswered(s, &a), q(s, "a"));
	answers_set(&a, "a", "yes");
	assert_int_equal(flow_next(s, &a, q(s, "a") + 1), q(s, "b"));
	assert_int_equal(flow_prev(s, &a, q(s, "b")), q(s, "a"));
	assert_int_equal(flow_prev(s, &a, q(s, "a")), SIZE_MAX);
	assert_int_equal(flow_first_unanswered(s, &a), q(s, "b"));
	answers_set(&a, "b", "x");
	answers_set(&a, "c", "2");
	assert_int_equal(flow_answer_index(s, q(s, "c"), &a), 1);
	assert_int_equal(flow_first_unanswered(s, &a), s->nblocks);
	/* An answer that is not an option counts as none. */
	answers_set(&a, "c", "9");
	assert_int_equal(flow_answer_index(s, q(s, "c"), &a), -1);
	assert_int_equal(flow_first_unanswered(s, &a), q(s, "c"));
	answers_clear(&a);
	screen_free(s);
}

static void test_prune_chains(void **state)
{
	struct screen *s = wizard();
	struct answers a = {0};

	(void)state;
	answers_set(&a, "a", "yes");
	answers_set(&a, "b", "x");
	answers_set(&a, "c", "1");
	/* a changes: b no longer applies, and with it c. */
	answers_set(&a, "a", "no");
	flow_prune(s, &a);
	assert_null(answers_get(&a, "b"));
	assert_null(answers_get(&a, "c"));
	assert_string_equal(answers_get(&a, "a"), "no");
	flow_forget(s, &a);
	assert_null(answers_get(&a, "a"));
	answers_clear(&a);
	screen_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_prune_chains),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_slip.c -- unit tests for slip.c: the take-away slip as a document
 * SPDX-License-Identifier: MIT
 *
 * Over the shipped content (content/) and the Fujian region profile
 * (config/regions), run from the source tree's top, on a fixed day: the slip
 * laid out without an app or a terminal says the region, each answer as its
 * question and the option chosen, the answer code, what to bring (ticked or
 * not), the payment period against that day, and what an ineligible person or
 * one with no answers gets instead.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bundle.h"
#include "config.h"
#include "dated.h"
#include "guide.h"
#include "layout.h"
#include "pack.h"
#include "slip.h"
#include "util.h"

struct fx {
	struct config cfg;
	struct guide *g;
};

static struct fx fx;

/* 7 December 2026, as YIBAO_TODAY gives it to every other test. */
static const struct dates_today day = {
	.d = {2026, 12, 7}, .known = true, .plausible = true, .overridden = true};

static int setup(void **state)
{
	struct diags d = {0};
	struct bundle *b;
	char why[256];
	size_t len;
	void *image;

	(void)state;
	config_defaults(&fx.cfg);
	/* As a session opens it: the content packed, the guide on the bundle with its profile. */
	image = pack_memory("content", "config/regions", "fujian", &len, &d);
	if (image == NULL || (b = bundle_open_mem(image, len, why, sizeof why)) == NULL) {
		diags_clear(&d);
		return -1;
	}
	fx.g = guide_open(b, "fujian", "bundle", &d);
	diags_clear(&d);
	return fx.g->nscreens > 0 && strcmp(fx.g->profile.name, "fujian") == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	guide_free(fx.g);
	config_clear(&fx.cfg);
	return 0;
}

/* The first task block of the checklist is ticked, no other. */
static bool first_task_ticked(void *ctx, const struct screen *s, size_t block)
{
	(void)ctx;
	for (size_t i = 0; i < s->nblocks; i++)
		if (s->blocks[i].flags & BF_TASK)
			return i == block;
	return false;
}

/*
 * The slip for answers a (n pairs of name, value) as text, one line per layout
 * line, its indent as blanks (as --print writes it).
 */
static char *slip_text(const char *const *a, size_t n, bool tick)
{
	struct answers ans = {0};
	struct layout l;
	struct strbuf sb = {0};
	struct slip_in in = {
		.g = fx.g,
		.cfg = &fx.cfg,
		.region = guide_value(fx.g, "region"),
		.answers = &ans,
		.ticked = tick ? first_task_ticked : NULL,
		.today = day,
	};
	char *text;

	for (size_t i = 0; i < n; i++)
		answers_set(&ans, a[2 * i], a[2 * i + 1]);
	/* Wide: no line is wrapped, so each sentence is found whole. */
	layout_init(&l, 2000, false);
	slip_lay(&l, &in);
	for (size_t i = 0; i < l.n; i++) {
		for (int k = 0; k < l.lines[i].indent; k++)
			sb_addc(&sb, ' ');
		sb_add(&sb, l.lines[i].text, l.lines[i].len);
		sb_add(&sb, "\n", 1);
	}
	layout_clear(&l);
	answers_clear(&ans);
	text = xstrdup(sb.s != NULL ? sb.s : "");
	sb_clear(&sb);
	return text;
}

/* The line of text that begins with prefix (a new string), or NULL. */
static char *line_of(const char *text, const char *prefix)
{
	for (const char *p = text; *p != '\0'; p += strcspn(p, "\n") + (p[strcspn(p, "\n")] != '\0'))
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			return xasprintf("%.*s", (int)strcspn(p, "\n"), p);
	return NULL;
}

/* The question of wizard block name, its first line, and the option value's label: as the slip says it. */
static char *answer_line(const char *name, const char *value)
{
	const struct screen *w = guide_get(fx.g, guide_find(fx.g, "eligibility"));

	for (size_t i = 0; w != NULL && i < w->nblocks; i++) {
		const struct block *b = &w->blocks[i];

		if (b->type != BLK_QUESTION || strcmp(b->name, name) != 0)
			continue;
		for (size_t o = 0; o < b->nopts; o++)
			if (strcmp(b->opts[o].value, value) == 0)
				return xasprintf("  %.*s  %s", (int)strcspn(b->r.text, "\n"), b->r.text,
						 b->opts[o].label);
	}
	fail_msg("no question %s with option %s", name, value);
	return NULL;
}

static const char *const local_first[] = {"household", "local", "employee", "no",
					  "group", "ordinary", "gap", "first"};

static void test_region_and_answers(void **state)
{
	char *text = slip_text(local_first, 4, false), *line, *want;
	const char *hotline = guide_value(fx.g, "hotline");

	(void)state;
	assert_non_null(strstr(text, "你的情况\n"));
	for (size_t i = 0; i < 4; i++) {
		want = answer_line(local_first[2 * i], local_first[2 * i + 1]);
		if (strstr(text, want) == NULL)
			fail_msg("the slip does not say \"%s\":\n%s", want, text);
		free(want);
	}
	assert_non_null(strstr(text, "\n  你的户口在哪里？  本地户口\n"));
	/* The region's title, the content's date, the profile's hotline: one line. */
	line = line_of(text, "地区：");
	assert_non_null(line);
	assert_non_null(hotline);
	assert_true(strncmp(line, "地区：福建省   内容日期：20", strlen("地区：福建省   内容日期：20")) == 0);
	want = xasprintf("   热线：%s", hotline);
	assert_true(strlen(line) > strlen(want) &&
		    strcmp(line + strlen(line) - strlen(want), want) == 0);
	free(want);
	free(line);
	line = line_of(text, "答案码 ");
	assert_non_null(line);
	free(line);
	assert_non_null(strstr(text, "\n结论\n"));
	free(text);
}

static void test_dated_line(void **state)
{
	char *text = slip_text(local_first, 4, false);
	char *period = dated_period_standing(fx.g, &day);

	(void)state;
	/* The payment period counted from the day given, not the clock. */
	assert_non_null(period);
	assert_true(strncmp(period, "今天2026年12月7日，", strlen("今天2026年12月7日，")) == 0);
	if (strstr(text, period) == NULL)
		fail_msg("the slip does not say \"%s\":\n%s", period, text);
	assert_non_null(strstr(text, "今天2026年12月7日，在缴费期内，还剩 24 天"));
	free(period);
	free(text);
}

static void test_materials_ticked(void **state)
{
	char *text = slip_text(local_first, 4, true);

	(void)state;
	assert_non_null(strstr(text, "\n要带的材料\n"));
	assert_non_null(strstr(text, "\n  [x] 身份证"));
	assert_non_null(strstr(text, "\n  [ ] 户口簿"));
	/* Only what applies: a local resident needs no residence permit. */
	assert_null(strstr(text, "居住证（外地户口"));
	assert_non_null(strstr(text, "\n下一步\n"));
	free(text);
}

static void test_ineligible(void **state)
{
	static const char *const a[] = {"household", "nopermit", "employee", "yes"};
	const struct screen *w = guide_get(fx.g, guide_find(fx.g, "eligibility"));
	struct answers ans = {0};
	char *text = slip_text(a, 2, false);

	(void)state;
	assert_non_null(strstr(text, "\n  不用带：按你的回答，你不能参加城乡居民医保。\n"));
	assert_non_null(strstr(text, "\n  不用登记、交费。该怎么做，见上面的“结论”。\n"));
	assert_null(strstr(text, "[ ]"));
	assert_null(strstr(text, "今天2026年12月7日"));
	answers_set(&ans, "employee", "yes");
	assert_true(slip_ineligible(w, &ans));
	answers_set(&ans, "employee", "no");
	assert_false(slip_ineligible(w, &ans));
	answers_clear(&ans);
	assert_false(slip_ineligible(w, &ans));
	assert_false(slip_ineligible(NULL, &ans));
	free(text);
}

static void test_no_answers(void **state)
{
	char *text = slip_text(NULL, 0, false);

	(void)state;
	assert_non_null(strstr(text, "\n  还没有回答“谁能参保”的问题：下面列出全部材料。\n"));
	assert_null(strstr(text, "答案码"));
	assert_null(strstr(text, "\n结论\n"));
	/* Every material, the permit too. */
	assert_non_null(strstr(text, "居住证（外地户口"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region_and_answers),
		cmocka_unit_test(test_dated_line),
		cmocka_unit_test(test_materials_ticked),
		cmocka_unit_test(test_ineligible),
		cmocka_unit_test(test_no_answers),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

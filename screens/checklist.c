/*
 * checklist.c -- the checklist screen kind: items to tick, "N/M ready"
 * SPDX-License-Identifier: MIT
 *
 * Items may carry conditions on the wizard's answers; ticks are session data
 * kept in the app (wiped in kiosk mode), so they survive leaving the screen.
 */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>

#include "../src/text.h"
#include "../src/util.h"

struct checklist {
	struct app *a;
	const struct screen *s;
	size_t ready, total;
};

/* Line mode reads the ticks aloud: words, not "[x]". */
static const char *const line_marks[2] = {"未备：", "已备："};

static bool is_ticked(void *ctx, size_t block)
{
	struct checklist *c = ctx;

	return nav_ticked(c->a, c->s, block);
}

static void checklist_init(struct app *a, struct view *v)
{
	struct checklist *c = xcalloc(1, sizeof *c);

	c->a = a;
	c->s = nav_screen(a, v);
	v->state = c;
}

static void checklist_layout(struct app *a, struct view *v)
{
	struct checklist *c = v->state;
	struct layout_opts o = {
		.answers = &a->answers,
		.tasks_selectable = true,
		.ticked = is_ticked,
		.ctx = c,
		.marks = a->line_mode ? line_marks : NULL,
	};
	int wi = screens_wizard_index(a);
	const struct screen *w = wi >= 0 ? guide_get(a->g, wi) : NULL;
	char *line;

	if (screens_ineligible(a, w)) {
		/* The wizard's own result says this person cannot join: nothing to tick. */
		c->total = c->ready = 0;
		free(v->badge);
		v->badge = xstrdup("不用准备");
		layout_text(&v->lay, "按你在“谁能参保”里的回答，你不能参加城乡居民医保，"
				     "这里的材料都不用准备。你该做的是：",
			    TA_STRONG, 0, 0);
		layout_blank(&v->lay);
		screens_lay_ineligible(a, v, w);
		layout_blank(&v->lay);
		layout_text(&v->lay, "回答说错了？到“谁能参保”改一下回答，这里会重新列出材料。", 0,
			    0, LF_DIM);
		screens_answer_code_line(a, v);
		screens_source_lines(a, v);
		return;
	}
	layout_blocks(&v->lay, c->s->blocks, c->s->nblocks, &o);
	c->total = v->lay.nitems;
	c->ready = 0;
	for (size_t i = 0; i < v->lay.nitems; i++)
		if (nav_ticked(a, c->s, (size_t)v->lay.item_ref[i]))
			c->ready++;
	free(v->badge);
	v->badge = xasprintf("%zu/%zu 已备齐", c->ready, c->total);
	layout_blank(&v->lay);
	line = xstrdup(a->answers.n > 0 ? "已按你在“谁能参保”里的回答列出。"
					: "这是完整清单；先回答“谁能参保”的问题，清单会只列你需要的。");
	layout_text(&v->lay, line, 0, 0, LF_DIM);
	free(line);
	screens_answer_code_line(a, v);
	screens_source_lines(a, v);
}

static void toggle(struct app *a, struct view *v, int item)
{
	struct checklist *c = v->state;
	size_t block = (size_t)v->lay.item_ref[item];

	bool now = !nav_ticked(a, c->s, block);

	nav_set_ticked(a, c->s, block, now);
	v->stale = true;
	/* A digit may tick an item off screen: show it. */
	nav_reveal(a, v, item);
	if (a->line_mode && block < c->s->nblocks) {
		/* Line mode answers a tick with one line, not the whole list read again. */
		const struct rich *r = &c->s->blocks[block].r;
		char *what = xstrndup(r->text != NULL ? r->text : "", r->text != NULL ? r->len : 0);
		char *cut = text_truncate(what, 40, false);

		nav_layout(a, v, v->lay.width);
		nav_message(a, false, "%s第 %d 项：%s。现在 %zu/%zu 已备齐。（输入 r 再读一遍清单）",
			    now ? "已勾选" : "已取消勾选", item + 1, cut, c->ready, c->total);
		free(cut);
		free(what);
	}
}

static int checklist_key(struct app *a, struct view *v, enum action act, int ch)
{
	switch (act) {
	case ACT_TICK:
	case ACT_OPEN:
		if (v->sel >= 0)
			toggle(a, v, v->sel);
		return KR_RELAYOUT;
	case ACT_DIGIT:
		if (ch < 1 || (size_t)ch > v->lay.nitems) {
			nav_message(a, true, "没有第 %d 项", ch);
			return KR_HANDLED;
		}
		toggle(a, v, ch - 1);
		return KR_RELAYOUT;
	default:
		return KR_UNHANDLED;
	}
}

static void checklist_free(struct view *v)
{
	free(v->state);
	v->state = NULL;
}

/* Space ticks here (SPEC.md section 2); it pages everywhere else. */
static const struct keybind checklist_keys[] = {
	{ACT_UP, {0}, "选上一项", "选择", 0},
	{ACT_DOWN, {0}, "选下一项", "选择", 0},
	{ACT_TICK, {'x', ' '}, "勾选 / 取消勾选所选项", "勾选", 2},
	{ACT_OPEN, {0}, "勾选 / 取消勾选所选项", NULL, 0},
	{ACT_DIGIT, {0}, "勾选 / 取消勾选第 N 项", NULL, 0},
	{ACT_EXPORT, {0}, "导出办事单（自助终端模式下显示在屏幕上）", "导出", 0},
};

const struct kind_ops checklist_ops = {
	.name = "checklist",
	.init = checklist_init,
	.layout = checklist_layout,
	.key = checklist_key,
	.free = checklist_free,
	.keys = checklist_keys,
	.nkeys = ARRAY_LEN(checklist_keys),
};

/*
 * menu.c -- the menu screen kind: numbered entries built from a list of links
 * SPDX-License-Identifier: MIT
 */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/util.h"

static void menu_layout(struct app *a, struct view *v)
{
	const struct screen *s = nav_screen(a, v);
	struct menu_entry *e;
	size_t n = content_menu_entries(s, &e), k = 0;

	/* Intro: everything but the entries, which follow as items. */
	for (size_t i = 0; i < s->nblocks; i++) {
		const struct block *b = &s->blocks[i];

		if (b->type == BLK_ITEM && k < n && b->r.text + b->r.spans[0].off == e[k].label) {
			k++;
			continue;
		}
		layout_blocks(&v->lay, b, 1, NULL);
	}
	layout_blank(&v->lay);
	for (size_t i = 0; i < n; i++) {
		struct rich r;
		struct span sp[2];
		struct strbuf sb = {0};
		char num[16];

		snprintf(num, sizeof num, i < 9 ? "%zu. " : "   ", i + 1);
		sb_adds(&sb, num);
		sp[0].off = sb.len;
		sp[0].len = e[i].label_len;
		sp[0].attr = TA_STRONG;
		sp[0].link = e[i].link;
		sb_add(&sb, e[i].label, e[i].label_len);
		r.nspans = 1;
		if (e[i].desc_len > 0) {
			sb_adds(&sb, "  ");
			sp[1].off = sb.len;
			sp[1].len = e[i].desc_len;
			sp[1].attr = 0;
			sp[1].link = -1;
			sb_add(&sb, e[i].desc, e[i].desc_len);
		}
		r.len = sb.len;
		r.text = sb.s;
		r.spans = sp;
		layout_rich(&v->lay, &r, NULL, 2, 0, layout_add_item(&v->lay, e[i].link), NULL);
		sb_clear(&sb);
	}
	free(e);
	screens_source_lines(a, v);
}

static int menu_key(struct app *a, struct view *v, enum action act, int ch)
{
	const struct screen *s = nav_screen(a, v);

	switch (act) {
	case ACT_OPEN:
		if (v->sel >= 0 && (size_t)v->sel < v->lay.nitems)
			screens_follow(a, s, v->lay.item_ref[v->sel]);
		return KR_HANDLED;
	case ACT_DIGIT:
		if (ch < 1 || (size_t)ch > v->lay.nitems) {
			nav_message(a, true, "没有第 %d 项", ch);
			return KR_HANDLED;
		}
		nav_select(a, v, ch - 1, false);
		screens_follow(a, s, v->lay.item_ref[ch - 1]);
		return KR_HANDLED;
	default:
		return KR_UNHANDLED;
	}
}

static const struct keybind menu_keys[] = {
	{ACT_UP, {0}, "选上一项", "选择", 0},
	{ACT_DOWN, {0}, "选下一项", "选择", 0},
	{ACT_OPEN, {0}, "打开所选项", "打开", 0},
	{ACT_DIGIT, {0}, "打开第 N 项", NULL, 0},
};

const struct kind_ops menu_ops = {
	.name = "menu",
	.layout = menu_layout,
	.key = menu_key,
	.keys = menu_keys,
	.nkeys = ARRAY_LEN(menu_keys),
};

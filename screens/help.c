/*
 * help.c -- the help view: the keymap table, and the code of the screen below
 * SPDX-License-Identifier: MIT
 */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>

#include "../src/input_keys.h"
#include "../src/text.h"
#include "../src/refs.h"
#include "../src/util.h"

static void help_layout(struct app *a, struct view *v)
{
	size_t n;
	const struct view *below = a->depth >= 2 ? &a->stack[a->depth - 2] : NULL;
	/* The keys of the screen help was opened on, as its kind binds them. */
	struct keyhelp *k = input_keys_help(a, below, &n);
	const struct screen *s = nav_screen(a, below);
	char *line;

	if (s != NULL) {
		line = xasprintf("当前页面：%s %s  （电话里可以说：按 g，输入 %s，回车）", s->code,
				 s->title, s->code);
		layout_text(&v->lay, line, TA_STRONG, 0, 0);
		free(line);
		if (s->updated != NULL || s->source != NULL) {
			/* Menus show only their date; the full provenance is here for every screen. */
			line = xasprintf("本页更新：%s  来源：%s", s->updated != NULL ? s->updated : "-",
					 s->source != NULL ? s->source : "-");
			layout_text(&v->lay, line, 0, 0, LF_DIM);
			free(line);
		}
		layout_blank(&v->lay);
	}
	for (size_t i = 0; i < n; i++) {
		int w = text_swidth(k[i].keys);

		line = xasprintf("%s%*s %s", k[i].keys, w < 22 ? 22 - w : 0, "", k[i].help);
		layout_text(&v->lay, line, 0, 0, 0);
		free(line);
	}
	input_keys_help_free(k, n);
	layout_blank(&v->lay);
	layout_text(&v->lay,
		    "办事单：答完“谁能参保”的问题，在结果页或材料清单上按 p，得到一页汇总：结论、要带的材料、下一步和答案码（页面代码 slip，按 g 输入 slip 也能打开）。办事单和导出的页面上，每个引用后面括号里是页面代码，例如“线下到哪里办（1.1）”：按 g 输入 1.1 就能找回那一页。",
		    0, 0, 0);
	layout_blank(&v->lay);
	layout_text(&v->lay, REFS_SOURCES_EXPLAINED, 0, 0, 0);
	layout_blank(&v->lay);
	if (guide_hotline(a->g) != NULL) {
		line = xasprintf("医保服务热线：%s。", guide_hotline(a->g));
		layout_text(&v->lay, line, 0, 0, LF_DIM);
		free(line);
	}
}

const struct kind_ops help_ops = {
	.name = "help",
	.layout = help_layout,
};

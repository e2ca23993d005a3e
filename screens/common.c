/*
 * common.c -- what the screen kinds share: source lines, following links
 * SPDX-License-Identifier: MIT
 */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>

#include "../src/util.h"

void screens_source_lines(struct app *a, struct view *v)
{
	const struct screen *s = nav_screen(a, v);
	char *line;

	if (s == NULL || (s->updated == NULL && s->source == NULL))
		return;
	layout_blank(&v->lay);
	if (s->kind == KIND_MENU && s->updated != NULL) {
		/* A menu states no facts of its own: its date is enough (and cheap on a slow link). */
		line = xasprintf("更新: %s", s->updated);
		layout_text(&v->lay, line, 0, 0, LF_DIM);
		free(line);
		return;
	}
	line = xasprintf("%s%s%s%s", s->updated != NULL ? "更新: " : "",
			 s->updated != NULL ? s->updated : "",
			 s->updated != NULL && s->source != NULL ? "  来源: " : "",
			 s->source != NULL ? s->source : "");
	if (s->updated == NULL) {
		free(line);
		line = xasprintf("来源: %s", s->source);
	}
	layout_text(&v->lay, line, 0, 0, LF_DIM);
	free(line);
}

void screens_follow(struct app *a, const struct screen *s, int link)
{
	if (link < 0 || (size_t)link >= s->nlinks) {
		nav_message(a, true, "没有第 %d 个链接", link + 1);
		return;
	}
	if (s->links[link].screen < 0) {
		nav_message(a, true, "这个链接指向的页面不存在: %s", s->links[link].target);
		return;
	}
	nav_push(a, s->links[link].screen);
}

/*
 * search.c -- search all screens of the active region; the list of results
 * SPDX-License-Identifier: MIT
 *
 * Matches are substrings (ASCII case-insensitive) of titles and body text, and
 * pinyin initials of titles ("cbdj" finds 参保登记).
 */
#include "screens.h"

#include <stdlib.h>
#include <string.h>

#include "../src/pinyin.h"
#include "../src/text.h"
#include "../src/util.h"

struct hit {
	int screen;
	char *line;    /* "code  title", owned */
	char *snippet; /* the matching text, owned */
};

struct results {
	struct hit *v;
	size_t n, cap;
	int total; /* hits, shown or not */
};

/* Hits listed: more is no help to a person (and costs the layout of each). */
#define SEARCH_SHOWN_MAX 50

/* A short piece of the line around the match at byte at, on one line. */
static char *snippet(const char *text, long at)
{
	size_t start = at > 24 ? (size_t)at - 24 : 0;
	size_t line = (size_t)at;
	char *s, *t;

	/* The block the match is in (the shown text has one block a line). */
	while (line > 0 && text[line - 1] != '\n')
		line--;
	if (start < line)
		start = line;
	while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
		start--;
	s = xstrndup(text + start, strcspn(text + start, "\n"));
	for (t = s; *t != '\0'; t++)
		if (*t == '\n')
			*t = ' ';
	t = text_truncate(s, 60, false);
	free(s);
	return t;
}

static void search_layout(struct app *a, struct view *v)
{
	struct results *r = v->state;

	(void)a;
	for (size_t i = 0; i < r->n; i++) {
		char *line = r->v[i].line;
		int item = layout_add_item(&v->lay, (int)i);
		struct rich rl = {line, strlen(line), NULL, 0};
		struct span sp = {0, strlen(line), TA_STRONG, -1};

		rl.spans = &sp;
		rl.nspans = 1;
		layout_rich(&v->lay, &rl, NULL, 2, 0, item, NULL);
		if (r->v[i].snippet[0] != '\0') {
			struct rich rs = {r->v[i].snippet, strlen(r->v[i].snippet), NULL, 0};

			layout_rich(&v->lay, &rs, NULL, 4, LF_DIM, item, NULL);
		}
	}
	if ((size_t)r->total > r->n) {
		char *more = xasprintf("还有 %zu 个结果，请把搜索词写得更具体", (size_t)r->total - r->n);

		layout_text(&v->lay, more, 0, 2, LF_DIM);
		free(more);
	}
}

static int search_key(struct app *a, struct view *v, enum action act, int ch)
{
	struct results *r = v->state;

	if (act == ACT_DIGIT && ch >= 1 && (size_t)ch <= r->n) {
		v->sel = ch - 1;
		act = ACT_OPEN;
	}
	if (act == ACT_OPEN && v->sel >= 0 && (size_t)v->sel < r->n) {
		nav_push(a, r->v[v->sel].screen);
		return KR_HANDLED;
	}
	return KR_UNHANDLED;
}

static void search_free(struct view *v)
{
	struct results *r = v->state;

	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].line);
		free(r->v[i].snippet);
	}
	free(r->v);
	free(r);
	v->state = NULL;
}

const struct kind_ops search_ops = {
	.name = "search",
	.layout = search_layout,
	.key = search_key,
	.free = search_free,
	.hint = "↑↓选择 Enter打开 n/N下一个",
};

struct query {
	struct results *r;
	const char *q;
};

/* One hit of content_search: its line and, for a hit in the text, a snippet. */
static void add_hit(void *ctx, int idx, const char *code, const char *title, const char *text,
		    long at)
{
	struct query *qc = ctx;
	struct results *r = qc->r;

	r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v);
	r->v[r->n].screen = idx;
	r->v[r->n].line = xasprintf("%s  %s", code, title);
	r->v[r->n].snippet = at < 0 ? xstrdup("") : snippet(text, at);
	r->n++;
}

void screens_search(struct app *a, const char *q)
{
	struct results *r;
	struct query qc;
	struct view *v;
	char *title;

	if (q[0] == '\0')
		return;
	r = xcalloc(1, sizeof *r);
	qc.r = r;
	qc.q = q;
	r->total = content_search_some(a->g, q, SEARCH_SHOWN_MAX, add_hit, &qc);
	free(a->search);
	a->search = xstrdup(q);
	if (r->n == 0) {
		free(r);
		nav_message(a, true, "没有找到“%s”", q);
		return;
	}
	title = xasprintf("搜索“%s”: %d 个页面", q, r->total);
	v = nav_push_view(a, &search_ops, "/", title);
	v->state = r;
	free(title);
}

void screens_search_step(struct app *a, int dir)
{
	struct view *list = NULL;
	struct results *r;
	int at;

	/* The result list is the top view or the one just below it. */
	if (a->depth >= 1 && a->stack[a->depth - 1].ops == &search_ops)
		list = &a->stack[a->depth - 1];
	else if (a->depth >= 2 && a->stack[a->depth - 2].ops == &search_ops)
		list = &a->stack[a->depth - 2];
	if (list == NULL) {
		nav_message(a, true, a->search != NULL ? "先按 / 重新搜索" : "还没有搜索;按 / 搜索");
		return;
	}
	r = list->state;
	at = list->sel;
	if (list != &a->stack[a->depth - 1]) {
		at += dir;
		nav_pop(a);
	} else if (dir < 0) {
		at = (int)r->n - 1;
	}
	if (at < 0 || (size_t)at >= r->n) {
		nav_message(a, true, dir > 0 ? "已经是最后一个结果" : "已经是第一个结果");
		return;
	}
	list = &a->stack[a->depth - 1];
	list->sel = at;
	nav_push(a, r->v[at].screen);
}

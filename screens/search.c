/*
 * search.c -- search all screens of the active region; the list of results
 * SPDX-License-Identifier: MIT
 *
 * Matches are substrings (ASCII case and full width ignored) of titles, the
 * "aliases:" of the front matter ("alipay") and body text, and pinyin of titles,
 * initials or whole syllables ("cbdj", "baoxiao"). The list is numbered like a
 * menu: digit N opens the N-th result, and the screen code is shown as a code.
 */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/pinyin.h"
#include "../src/text.h"
#include "../src/util.h"

struct hit {
	int screen;
	char *line; /* "title  页面代码 code", owned */
	size_t title_len;
	char *snippet; /* the matching text, owned */
};

struct results {
	struct hit *v;
	size_t n, cap;
	int total; /* hits, shown or not */
};

/* Columns before the match looked through for a place to start; kept when there is none. */
#define SNIPPET_LOOK 40
#define SNIPPET_BEFORE 16

/* Does a snippet read well starting just after cp (punctuation, a space)? */
static bool after_break(unsigned long cp)
{
	static const char breaks[] = "，。；：、？！）》」”’ ,.;:?!)]|";

	if (cp < 0x80)
		return strchr(breaks, (int)cp) != NULL && cp != 0;
	for (size_t i = 0; i < sizeof breaks - 1;) {
		long b = text_decode(breaks, sizeof breaks - 1, &i);

		if (b >= 0 && (unsigned long)b == cp)
			return true;
	}
	return false;
}

static bool is_word(unsigned long cp)
{
	return cp < 0x80 && (((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9'));
}

/* The character before byte end (> line): its start into *p, its code point returned. */
static long prev_char(const char *text, size_t line, size_t end, size_t *p)
{
	size_t i;

	*p = end - 1;
	while (*p > line && ((unsigned char)text[*p] & 0xC0) == 0x80)
		(*p)--;
	i = *p;
	return text_decode(text, end, &i);
}

/*
 * A short piece of the line around the match at byte at, on one line. It
 * starts at the line's start when that is within SNIPPET_LOOK columns of the
 * match; else just after punctuation or a space (the farthest within
 * SNIPPET_BEFORE columns, for context, else the nearest within SNIPPET_LOOK);
 * else SNIPPET_BEFORE columns back at a character, never inside a word of
 * letters. A cut start shows "…", as does a cut end (60 columns in all).
 */
/* Hits listed: more is no help to a person (and costs the layout of each). */
#define SEARCH_SHOWN_MAX 50

/* A short piece of the line around the match at byte at, on one line. */
static char *snippet(const char *text, long at)
{
	size_t line = (size_t)at, start = (size_t)at, near = 0, far = 0, back = 0, p;
	int cols = 0;
	char *s, *t;

	/* The block the match is in (the shown text has one block a line). */
	while (line > 0 && text[line - 1] != '\n')
		line--;
	while (start > line && cols < SNIPPET_LOOK) {
		long cp = prev_char(text, line, start, &p);

		if (cp >= 0 && after_break((unsigned long)cp)) {
			if (near == 0)
				near = start;
			if (cols <= SNIPPET_BEFORE)
				far = start;
		}
		cols += cp >= 0 ? text_cpwidth((unsigned long)cp) : 1;
		start = p;
		if (back == 0 && cols >= SNIPPET_BEFORE)
			back = start;
	}
	if (start > line) {
		start = far > 0    ? far
			: near > 0 ? near
				   : back;
		/* Nowhere to break: do not start inside a word of letters or digits. */
		while (start < (size_t)at && is_word((unsigned char)text[start]) &&
		       is_word((unsigned char)text[start - 1]))
			start++;
	}
	while (text[start] == ' ' && start < (size_t)at)
		start++;
	t = xstrndup(text + start, strcspn(text + start, "\n"));
	s = xasprintf("%s%s", start > line ? "\xE2\x80\xA6" : "", t); /* … */
	free(t);
	t = text_truncate(s, 60, false);
	free(s);
	return t;
}

static void search_layout(struct app *a, struct view *v)
{
	struct results *r = v->state;

	for (size_t i = 0; i < r->n; i++) {
		char *line = r->v[i].line;
		char num[16];
		int item = layout_add_item(&v->lay, (int)i);
		struct rich rl = {line, strlen(line), NULL, 0};
		struct span sp = {0, r->v[i].title_len, TA_STRONG, -1};

		/* Keys reach 1-9; line mode reads whole numbers, so it numbers every hit. */
		snprintf(num, sizeof num, i < 9 || a->line_mode ? "%zu. " : "   ", i + 1);
		rl.spans = &sp;
		rl.nspans = 1;
		layout_rich(&v->lay, &rl, num, 2, 0, item, NULL);
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

	if (act == ACT_DIGIT) {
		if (ch < 1 || (size_t)ch > r->n) {
			nav_message(a, true, "没有第 %d 个结果", ch);
			return KR_HANDLED;
		}
		nav_select(a, v, ch - 1, false);
		act = ACT_OPEN;
	}
	if (act == ACT_OPEN && v->sel >= 0 && (size_t)v->sel < r->n) {
		nav_push(a, r->v[v->sel].screen);
		nav_highlight(nav_top(a), a->search);
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

static const struct keybind search_keys[] = {
	{ACT_UP, {0}, "选上一个结果", "选择", 0},
	{ACT_DOWN, {0}, "选下一个结果", "选择", 0},
	{ACT_OPEN, {0}, "打开所选结果", "打开", 0},
	{ACT_DIGIT, {0}, "打开第 N 个结果", NULL, 0},
	{ACT_NEXT, {0}, "打开下一个结果", "下一个", 0},
};

const struct kind_ops search_ops = {
	.name = "search",
	.layout = search_layout,
	.key = search_key,
	.free = search_free,
	.keys = search_keys,
	.nkeys = ARRAY_LEN(search_keys),
};

struct query {
	struct results *r;
	const char *q;
};

/* One hit of guide_search: its line and, for a hit in the text, a snippet. */
static void add_hit(void *ctx, int idx, const char *code, const char *title, const char *text,
		    long at)
{
	struct query *qc = ctx;
	struct results *r = qc->r;

	r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v);
	r->v[r->n].screen = idx;
	/* One kind of number in front (the digit that opens it); the code follows, named. */
	r->v[r->n].line = xasprintf("%s  页面代码 %s", title, code);
	r->v[r->n].title_len = strlen(title);
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
	r->total = guide_search_some(a->g, q, SEARCH_SHOWN_MAX, add_hit, &qc);
	free(a->search);
	a->search = xstrdup(q);
	if (r->n == 0) {
		free(r);
		a->stats.searches_empty++;
		nav_message(a, true, "没有找到“%s”", q);
		return;
	}
	title = xasprintf("搜索“%s”：%d 个页面", q, r->total);
	v = nav_push_view(a, &search_ops, "/", title);
	v->state = r;
	free(title);
}

void screens_search_step(struct app *a, int dir)
{
	struct view *list = NULL;
	struct results *r;
	int at;
	bool on_list;

	/* The result list is the top view or the one just below it. */
	if (a->depth >= 1 && a->stack[a->depth - 1].ops == &search_ops)
		list = &a->stack[a->depth - 1];
	else if (a->depth >= 2 && a->stack[a->depth - 2].ops == &search_ops)
		list = &a->stack[a->depth - 2];
	if (list == NULL) {
		nav_message(a, true, a->search != NULL ? "先按 / 重新搜索" : "还没有搜索；按 / 搜索");
		return;
	}
	r = list->state;
	on_list = list == &a->stack[a->depth - 1];
	/* On the list, n and N open the selected result; on a result, the next or previous. */
	at = on_list ? list->sel : list->sel + dir;
	/* One rule at both ends: stop where you are and say so. */
	if (at < 0 || (size_t)at >= r->n) {
		nav_message(a, true, dir > 0 ? "已经是最后一个结果（共 %zu 个）" : "已经是第一个结果（共 %zu 个）",
			    r->n);
		return;
	}
	if (!on_list)
		nav_pop(a);
	list = &a->stack[a->depth - 1];
	nav_select(a, list, at, false);
	nav_push(a, r->v[at].screen);
	nav_highlight(nav_top(a), a->search);
}

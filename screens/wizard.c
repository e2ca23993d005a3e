/*
 * wizard.c -- the wizard screen kind: questions one at a time, then the results
 * SPDX-License-Identifier: MIT
 *
 * Owner: the wizard screen. Questions (BLK_QUESTION) and results (BLK_RESULT)
 * are data from content; this file only walks them. A view is in one of three
 * modes: the introduction (the blocks that are neither), one question, or the
 * result screen. Answers are session data in app.answers, written as soon as a
 * question is answered, so the checklist follows them and they survive leaving
 * the screen. A question whose condition no longer holds loses its answer.
 *
 * The result screen is read like a page (no selection, digits open links
 * numbered 1..N in the order they appear) until Enter, or Down at its end,
 * makes the answer list below the results selectable; Enter on an answer asks
 * that question again, then goes on to the result. With more than nine links,
 * digit 1 opens the bottom-line prompt with "1" typed, so "1 0 Enter" opens 10.
 *
 * Back: on a question, the previous question (answers kept), or the result when
 * the question was asked from the answer list; at the first question it leaves.
 * On the result, the last question if the person just answered, else it leaves.
 */
#include "screens.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/dated.h"
#include "../src/flow.h"
#include "../src/util.h"

enum wz_mode {
	WZ_INTRO,
	WZ_QUESTION,
	WZ_RESULT
};

/* Item ref of the "answer everything again" entry of the answer list. */
#define REF_RESTART (-1)
/* Links a single digit can open; past this, digit 1 asks for the whole number. */
#define DIGIT_LINKS 9

struct wizard {
	enum wz_mode mode;
	size_t q;      /* WZ_QUESTION: block index of the question shown */
	bool changing; /* asked from the answer list: back to the result when done */
	bool answered; /* a question was answered in this visit */
	bool picking;  /* WZ_RESULT: the answer list is selectable */
	int pick;      /* the answer list's selection, kept while reading */
	int *links;    /* numbered link N (0-based) -> index into screen.links */
	size_t nlinks, lcap;
	/* Line mode: number nlinks + 1 + N on the result changes answer N (question
	 * block index, or REF_RESTART): every action there has a number. */
	int *answers;
	size_t nanswers, acap;
};

static void show_question(struct app *a, struct wizard *st, struct view *v,
			  const struct screen *s, size_t q)
{
	int k = flow_answer_index(s, q, &a->answers);

	st->mode = WZ_QUESTION;
	st->q = q;
	nav_select(a, v, k >= 0 ? k : 0, false);
	nav_scroll_to(a, v, 0, false);
}

static void show_result(struct app *a, struct wizard *st, struct view *v, bool picking)
{
	st->mode = WZ_RESULT;
	st->changing = false;
	st->picking = picking;
	nav_select(a, v, picking ? st->pick : -1, false);
	nav_scroll_to(a, v, 0, false);
}

static void wizard_init(struct app *a, struct view *v)
{
	struct wizard *st = xcalloc(1, sizeof *st);
	const struct screen *s = nav_screen(a, v);

	v->state = st;
	flow_prune(s, &a->answers);
	/* Someone who has answered everything comes back to the result. */
	if (flow_has_questions(s) && flow_first_unanswered(s, &a->answers) == s->nblocks)
		show_result(a, st, v, false);
	else
		st->mode = WZ_INTRO;
}

/* The number (0-based) that link of s gets on this screen; one number per target. */
static int link_number(struct wizard *st, const struct screen *s, int link)
{
	if (link < 0 || (size_t)link >= s->nlinks)
		return -1;
	for (size_t i = 0; i < st->nlinks; i++) {
		const struct link *o = &s->links[st->links[i]];

		if (st->links[i] == link ||
		    (o->screen >= 0 && o->screen == s->links[link].screen))
			return (int)i;
	}
	st->links = xgrow(st->links, &st->lcap, st->nlinks + 1, sizeof *st->links);
	st->links[st->nlinks] = link;
	return (int)st->nlinks++;
}

/* Lay out blocks with their links renumbered in the order this screen shows them. */
static void lay_numbered(struct app *a, struct wizard *st, struct view *v, const struct screen *s,
			 const struct block *b, size_t n)
{
	struct block *copy = xcalloc(n > 0 ? n : 1, sizeof *copy);
	struct layout_opts o = {.number_links = !a->paper || a->line_mode};
	const char **all = NULL, **codes = NULL;
	size_t nall;

	for (size_t i = 0; i < n; i++) {
		copy[i] = b[i];
		if (b[i].r.nspans == 0)
			continue;
		copy[i].r.spans = xcalloc(b[i].r.nspans, sizeof *copy[i].r.spans);
		for (size_t k = 0; k < b[i].r.nspans; k++) {
			copy[i].r.spans[k] = b[i].r.spans[k];
			if (b[i].r.spans[k].link >= 0)
				copy[i].r.spans[k].link = link_number(st, s, b[i].r.spans[k].link);
		}
	}
	/* On paper: the codes by this screen's numbering. */
	all = screens_link_codes(a, s, a->paper, &nall);
	if (all != NULL) {
		codes = xcalloc(st->nlinks > 0 ? st->nlinks : 1, sizeof *codes);
		for (size_t k = 0; k < st->nlinks; k++)
			codes[k] = st->links[k] >= 0 && (size_t)st->links[k] < nall ? all[st->links[k]] : NULL;
		o.link_codes = codes;
		o.nlink_codes = st->nlinks;
	}
	layout_blocks(&v->lay, copy, n, &o);
	free(codes);
	free(all);
	for (size_t i = 0; i < n; i++)
		if (b[i].r.nspans > 0)
			free(copy[i].r.spans);
	free(copy);
}

/* A line of plain text, optionally one item, optionally with a bold part after it. */
static void lay_line(struct view *v, const char *prefix, const char *text, const char *bold,
		     int indent, unsigned flags, int item)
{
	struct strbuf sb = {0};
	struct span sp = {0, 0, TA_STRONG, -1};
	struct rich r;

	sb_adds(&sb, text);
	if (bold != NULL) {
		sp.off = sb.len;
		sb_adds(&sb, bold);
		sp.len = sb.len - sp.off;
	}
	if (sb.s == NULL)
		sb_adds(&sb, ""); /* a buffer even for empty text */
	r.text = sb.s;
	r.len = sb.len;
	r.spans = &sp;
	r.nspans = bold != NULL && sp.len > 0 ? 1 : 0;
	layout_rich(&v->lay, &r, prefix, indent, flags, item, NULL);
	sb_clear(&sb);
}

static void set_badge(struct view *v, char *badge)
{
	free(v->badge);
	v->badge = badge;
}

static void layout_intro(struct app *a, struct view *v, struct wizard *st,
			 const struct screen *s)
{
	bool some = false;

	for (size_t i = 0; i < s->nblocks; i++)
		some = some || (flow_is_question(s, i) && answers_get(&a->answers, s->blocks[i].name));
	set_badge(v, NULL);
	lay_numbered(a, st, v, s, s->blocks, s->nblocks);
	layout_blank(&v->lay);
	lay_line(v, NULL, "", a->line_mode ? "直接按回车，开始答题。" : "按 Enter 开始", 0, 0, -1);
	if (some)
		layout_text(&v->lay,
			    a->line_mode ? "你之前的回答还在，每一题都标出了现在的回答，直接按回车就是不改。"
					 : "你之前的回答还在，每一题会先选中它，直接按 Enter 就是不改。",
			    0, 0, LF_DIM);
	screens_source_lines(a, v);
}

/*
 * "第 3/5 题": question q's place among those asked, and how many there will be
 * in all. While later answers can still add or drop questions, the total is a
 * range ("第 3/4～5 题"), so it narrows as answers come and never jumps.
 */
static char *question_badge(const struct screen *s, const struct answers *a, size_t q)
{
	struct rules_question *rq = xcalloc(s->nblocks, sizeof *rq);
	const char **values;
	size_t n = 0, nvalues = 0, at = 0, pos = 1, min, max;
	char *badge;

	for (size_t i = 0; i < s->nblocks; i++)
		if (flow_is_question(s, i))
			nvalues += s->blocks[i].nopts;
	values = xcalloc(nvalues > 0 ? nvalues : 1, sizeof *values);
	nvalues = 0;
	for (size_t i = 0; i < s->nblocks; i++) {
		const struct block *b = &s->blocks[i];

		if (!flow_is_question(s, i))
			continue;
		if (i == q)
			at = n;
		if (i < q && flow_relevant(s, i, a))
			pos++;
		rq[n].name = b->name;
		rq[n].cond = b->cond;
		rq[n].values = values + nvalues;
		rq[n].nvalues = b->nopts;
		for (size_t k = 0; k < b->nopts; k++)
			values[nvalues++] = b->opts[k].value;
		n++;
	}
	rules_count_ahead(rq, n, at, a, &min, &max);
	/* q is shown, so it counts, even should its condition no longer hold. */
	if (min == 0)
		min = 1;
	if (max < min)
		max = min;
	if (min == max)
		badge = xasprintf("第 %zu/%zu 题", pos, pos - 1 + max);
	else
		badge = xasprintf("第 %zu/%zu～%zu 题", pos, pos - 1 + min, pos - 1 + max);
	free(values);
	free(rq);
	return badge;
}

static void layout_question(struct app *a, struct view *v, struct wizard *st,
			    const struct screen *s)
{
	const struct block *b = &s->blocks[st->q];
	int chosen = flow_answer_index(s, st->q, &a->answers);
	const char *back;
	char *hint;

	set_badge(v, question_badge(s, &a->answers, st->q));
	{
		struct rich r = b->r;
		struct span sp = {0, b->r.len, TA_STRONG, -1};

		if (r.nspans == 0) {
			r.spans = &sp;
			r.nspans = 1;
		}
		layout_rich(&v->lay, &r, NULL, 0, 0, -1, NULL);
	}
	layout_blank(&v->lay);
	for (size_t k = 0; k < b->nopts; k++) {
		char prefix[16];

		snprintf(prefix, sizeof prefix, k < 9 ? "%zu. " : "   ", k + 1);
		lay_line(v, prefix, b->opts[k].label, (int)k == chosen ? "  （现在的回答）" : NULL, 2, 0,
			 layout_add_item(&v->lay, (int)k));
	}
	layout_blank(&v->lay);
	if (st->changing && flow_first_unanswered(s, &a->answers) == s->nblocks)
		back = a->line_mode ? "不改了，回到结果" : "← 不改了，回到结果。";
	else if (flow_prev(s, &a->answers, st->q) == SIZE_MAX)
		back = a->line_mode ? "离开这里" : "← 离开。";
	else
		back = a->line_mode ? "回到上一题，回答都留着" : "← 回到上一题，回答都留着。";
	if (a->line_mode)
		hint = xasprintf("输入选项前面的数字，再按回车。输入 b：%s。", back);
	else
		hint = xasprintf("按数字键选，或用 ↑↓ 选中后按 Enter。%s", back);
	layout_text(&v->lay, hint, 0, 0, LF_DIM);
	free(hint);
}

/* The first line of a question's text, for the answer list. */
static char *first_line(const struct block *b)
{
	const char *nl = memchr(b->r.text, '\n', b->r.len);

	return xstrndup(b->r.text, nl != NULL ? (size_t)(nl - b->r.text) : b->r.len);
}

/* One line of the result's answer list: an item when picking, numbered in line mode. */
static void lay_answer(struct view *v, struct wizard *st, const char *bullet, const char *text,
		       const char *bold, int ref, bool numbered)
{
	char prefix[16];

	if (!numbered) {
		lay_line(v, bullet, text, bold, 2, 0,
			 st->picking ? layout_add_item(&v->lay, ref) : -1);
		return;
	}
	st->answers = xgrow(st->answers, &st->acap, st->nanswers + 1, sizeof *st->answers);
	st->answers[st->nanswers++] = ref;
	snprintf(prefix, sizeof prefix, "%zu. ", st->nlinks + st->nanswers);
	lay_line(v, prefix, text, bold, 2, 0, -1);
}

static void layout_result(struct app *a, struct view *v, struct wizard *st,
			  const struct screen *s)
{
	const char *bullet = v->lay.ascii ? "* " : "\xE2\x80\xA2 "; /* • */

	/* Opened from an answer code and not changed since: the top line says so. */
	set_badge(v, xstrdup(screens_answer_code_opened(a) ? "按答案码打开" : "结果"));
	/* Read after the figures' year, or with the period running out: said first. */
	if (!screens_ineligible(a, s))
		screens_dated_lines(a, &v->lay, dated_states_money(s), true);
	for (size_t i = 0; i < s->nblocks; i++) {
		const struct block *b = &s->blocks[i];

		if (b->type == BLK_RESULT && cond_eval(b->cond, &a->answers)) {
			layout_blank(&v->lay);
			lay_numbered(a, st, v, s, b->sub, b->nsub);
		}
	}
	screens_answer_code_line(a, v);
	/* How to take it away: the slip (p here, or g slip), at every width. */
	layout_blank(&v->lay);
	layout_text(&v->lay,
		    a->line_mode    ? (a->cfg->kiosk ? "办事单：输入 p 再按回车，看结论、要带的材料和下一步的汇总（页面代码 slip），请抄下或拍照。"
						     : "办事单：输入 p 再按回车，把结论、要带的材料和下一步存成一个文件（页面代码 slip）。")
		    : a->cfg->kiosk ? "办事单：按 p 看结论、要带的材料和下一步的汇总（页面代码 slip），请抄下或拍照。"
				    : "办事单：按 p 把结论、要带的材料和下一步存成一个文件，可以打印（页面代码 slip）。",
		    0, 0, 0);
	layout_blank(&v->lay);
	lay_line(v, NULL, "", "你的回答", 0, LF_HEADING, -1);
	layout_text(&v->lay,
		    a->line_mode  ? "要改哪一题，输入它前面的数字，再按回车。"
		    : st->picking ? "用 ↑↓ 选一项，按 Enter 重新回答这一题。"
				  : "按 Enter 选一项来修改；数字键打开上面的链接。",
		    0, 0, LF_DIM);
	st->nanswers = 0;
	for (size_t i = 0; i < s->nblocks; i++) {
		int k;
		char *q, *line;

		if (!flow_relevant(s, i, &a->answers) || (k = flow_answer_index(s, i, &a->answers)) < 0)
			continue;
		q = first_line(&s->blocks[i]);
		if (a->line_mode)
			line = xasprintf("%s 你的回答是：", q);
		else
			line = xasprintf("%s %s ", q, v->lay.ascii ? "->" : "\xE2\x86\x92"); /* → */
		lay_answer(v, st, bullet, line, s->blocks[i].opts[k].label, (int)i, a->line_mode);
		free(line);
		free(q);
	}
	lay_answer(v, st, bullet, "重新回答全部问题", NULL, REF_RESTART, a->line_mode);
	screens_source_lines(a, v);
}

static void wizard_layout(struct app *a, struct view *v)
{
	struct wizard *st = v->state;
	const struct screen *s = nav_screen(a, v);

	st->nlinks = 0;
	if (st->mode == WZ_QUESTION && !flow_is_question(s, st->q))
		st->mode = WZ_INTRO;
	switch (st->mode) {
	case WZ_INTRO:
		layout_intro(a, v, st, s);
		break;
	case WZ_QUESTION:
		layout_question(a, v, st, s);
		break;
	case WZ_RESULT:
		layout_result(a, v, st, s);
		break;
	}
}

/* Answer the question shown with option k and go on. */
static int answer(struct app *a, struct view *v, struct wizard *st, const struct screen *s,
		  size_t k)
{
	const struct block *b = &s->blocks[st->q];
	size_t next;

	if (k >= b->nopts)
		return KR_HANDLED;
	answers_set(&a->answers, b->name, b->opts[k].value);
	flow_prune(s, &a->answers);
	st->answered = true;
	/* Changing one answer asks only what it makes newly relevant. */
	next = st->changing ? flow_first_unanswered(s, &a->answers)
			    : flow_next(s, &a->answers, st->q + 1);
	if (next == s->nblocks)
		next = flow_first_unanswered(s, &a->answers);
	if (next < s->nblocks) {
		show_question(a, st, v, s, next);
	} else {
		st->pick = 0;
		show_result(a, st, v, false);
	}
	return KR_RELAYOUT;
}

static int open_link(struct app *a, struct wizard *st, const struct screen *s, int n)
{
	if (n < 1 || (size_t)n > st->nlinks) {
		nav_message(a, true, st->nlinks == 0 ? "这一页没有链接" : "没有第 %d 个链接", n);
		return KR_HANDLED;
	}
	screens_follow(a, s, st->links[n - 1]);
	return KR_HANDLED;
}

/* A digit on a screen with links: open it, or ask for a second digit past 9. */
static int digit_link(struct app *a, struct wizard *st, const struct screen *s, int ch)
{
	/* Line mode reads whole numbers: no second digit to ask for. */
	if (ch == 1 && st->nlinks > DIGIT_LINKS && !a->line_mode) {
		char *label = xasprintf("打开第几个链接（1-%zu，回车）：", st->nlinks);

		nav_prompt(a, PROMPT_VIEW, label);
		free(label);
		sb_adds(&a->input, "1");
		return KR_HANDLED;
	}
	return open_link(a, st, s, ch);
}

static int wizard_submit(struct app *a, struct view *v, const char *text)
{
	struct wizard *st = v->state;
	char *end;
	long n = strtol(text, &end, 10);

	if (st->mode == WZ_QUESTION || text[0] < '0' || text[0] > '9' || *end != '\0' || n > 999) {
		nav_message(a, true, "请输入链接后面方括号里的数字");
		return KR_HANDLED;
	}
	return open_link(a, st, nav_screen(a, v), (int)n);
}

static int key_question(struct app *a, struct view *v, struct wizard *st,
			const struct screen *s, enum action act, int ch)
{
	size_t prev;

	switch (act) {
	case ACT_DIGIT:
		if (ch < 1 || (size_t)ch > s->blocks[st->q].nopts) {
			nav_message(a, true, "没有第 %d 项", ch);
			return KR_HANDLED;
		}
		return answer(a, v, st, s, (size_t)ch - 1);
	case ACT_OPEN:
		return v->sel >= 0 ? answer(a, v, st, s, (size_t)v->sel) : KR_HANDLED;
	case ACT_BACK:
		if (st->changing && flow_first_unanswered(s, &a->answers) == s->nblocks) {
			show_result(a, st, v, true);
			return KR_RELAYOUT;
		}
		prev = flow_prev(s, &a->answers, st->q);
		if (prev == SIZE_MAX)
			return KR_UNHANDLED; /* the first question: leave the screen */
		show_question(a, st, v, s, prev);
		return KR_RELAYOUT;
	default:
		return KR_UNHANDLED;
	}
}

/* Ask again the question of ref (a block index), or every question (REF_RESTART). */
static int change(struct app *a, struct view *v, struct wizard *st, const struct screen *s, int ref)
{
	if (ref == REF_RESTART) {
		size_t first;

		flow_forget(s, &a->answers);
		st->changing = false;
		first = flow_next(s, &a->answers, 0);
		if (first < s->nblocks)
			show_question(a, st, v, s, first);
		else
			st->mode = WZ_INTRO; /* no question applies (or none at all) */
		return KR_RELAYOUT;
	}
	if (!flow_is_question(s, (size_t)ref))
		return KR_HANDLED;
	show_question(a, st, v, s, (size_t)ref);
	st->changing = true;
	return KR_RELAYOUT;
}

/* Say on the bottom line which answer Enter will change (the selected one). */
static void say_pick(struct app *a, struct view *v, const struct screen *s)
{
	int ref;
	char *q;

	if (v->sel < 0 || (size_t)v->sel >= v->lay.nitems)
		return;
	ref = v->lay.item_ref[v->sel];
	if (ref == REF_RESTART || ref < 0 || (size_t)ref >= s->nblocks) {
		nav_message(a, false, "按 Enter 从第一题重新回答全部问题；↑↓ 换一项。");
		return;
	}
	q = first_line(&s->blocks[ref]);
	nav_message(a, false, "改这一题：%s按 Enter 重新回答，↑↓ 换一题。", q);
	free(q);
}

static int key_result(struct app *a, struct view *v, struct wizard *st,
		      const struct screen *s, enum action act, int ch)
{
	size_t last;

	switch (act) {
	case ACT_DIGIT:
		/* Line mode numbers the answers after the links. */
		if (a->line_mode && ch > (int)st->nlinks && (size_t)ch <= st->nlinks + st->nanswers)
			return change(a, v, st, s, st->answers[ch - (int)st->nlinks - 1]);
		return digit_link(a, st, s, ch);
	case ACT_DOWN:
		if (st->picking && v->sel + 1 < (int)v->lay.nitems) {
			nav_move(a, v, 1);
			say_pick(a, v, s);
			return KR_HANDLED;
		}
		if (st->picking || v->top + a->body_rows < (int)v->lay.n)
			return KR_UNHANDLED;
		/* Down at the end of the text moves into the answer list. */
		show_result(a, st, v, true);
		nav_scroll_to(a, v, (int)v->lay.n, false);
		return KR_RELAYOUT;
	case ACT_UP:
	case ACT_PGUP:
	case ACT_TOP:
		if (st->picking && act == ACT_UP && v->sel > 0) {
			nav_move(a, v, -1);
			say_pick(a, v, s);
			return KR_HANDLED;
		}
		if (!st->picking || (act == ACT_UP && v->sel > 0))
			return KR_UNHANDLED;
		st->picking = false;
		st->pick = v->sel;
		nav_select(a, v, -1, false);
		if (act == ACT_UP)
			nav_scroll_to(a, v, v->top > 0 ? v->top - 1 : 0, false);
		else
			nav_scroll_to(a, v, act == ACT_TOP ? 0 : v->top - a->body_rows + 1, false);
		return KR_RELAYOUT;
	case ACT_OPEN:
		if (a->line_mode) {
			nav_message(a, true, "要改哪一题，输入它前面的数字，再按回车。");
			return KR_HANDLED;
		}
		if (!st->picking) {
			/*
			 * The first Enter moves into the answer list where it can be
			 * seen (the list is at the end) and says which answer the next
			 * Enter changes.
			 */
			show_result(a, st, v, true);
			v->stale = true;
			nav_layout(a, v, v->lay.width);
			nav_scroll_to(a, v, (int)v->lay.n, true);
			say_pick(a, v, s);
			return KR_HANDLED;
		}
		if (v->sel < 0 || (size_t)v->sel >= v->lay.nitems)
			return KR_HANDLED;
		st->pick = v->sel;
		return change(a, v, st, s, v->lay.item_ref[v->sel]);
	case ACT_BACK:
		/* Just answered: back to the last question. Only looking: leave. */
		last = flow_prev(s, &a->answers, s->nblocks);
		if (!st->answered || last == SIZE_MAX)
			return KR_UNHANDLED;
		show_question(a, st, v, s, last);
		return KR_RELAYOUT;
	default:
		return KR_UNHANDLED;
	}
}

static int wizard_key(struct app *a, struct view *v, enum action act, int ch)
{
	struct wizard *st = v->state;
	const struct screen *s = nav_screen(a, v);
	size_t first;

	/* Keys typed ahead can come before the last change was drawn. */
	nav_layout(a, v, v->lay.width);
	switch (st->mode) {
	case WZ_QUESTION:
		return key_question(a, v, st, s, act, ch);
	case WZ_RESULT:
		return key_result(a, v, st, s, act, ch);
	case WZ_INTRO:
		break;
	}
	if (act == ACT_DIGIT)
		return digit_link(a, st, s, ch);
	if (act != ACT_OPEN)
		return KR_UNHANDLED;
	first = flow_next(s, &a->answers, 0);
	st->changing = false;
	if (first < s->nblocks)
		show_question(a, st, v, s, first);
	else
		show_result(a, st, v, false);
	return KR_RELAYOUT;
}

static void wizard_free(struct view *v)
{
	struct wizard *st = v->state;

	if (st != NULL) {
		free(st->links);
		free(st->answers);
	}
	free(st);
	v->state = NULL;
}

static const struct keybind question_keys[] = {
	{ACT_UP, {0}, "选上一个回答", "选择", 0},
	{ACT_DOWN, {0}, "选下一个回答", "选择", 0},
	{ACT_OPEN, {0}, "确定所选的回答", "确定", 0},
	{ACT_DIGIT, {0}, "选第 N 个回答", NULL, 0},
	{ACT_BACK, {0}, "回到上一题，回答都留着（第一题时离开）", "上一题", 0},
};
static const struct keybind result_keys[] = {
	{ACT_OPEN, {0}, "到回答列表；在列表里：改所选的回答", "改回答", 0},
	{ACT_DIGIT, {0}, "打开第 N 个链接", "打开链接", 0},
	{ACT_BACK, {0}, "刚答完：回到最后一题；只是查看：返回上一页", NULL, 0},
};
static const struct keybind intro_keys[] = {
	{ACT_OPEN, {0}, "开始回答问题", "开始", 0},
	{ACT_DIGIT, {0}, "打开第 N 个链接", NULL, 0},
};

/* The keys of the wizard's mode: a question, the result, or the introduction. */
static const struct keybind *wizard_keys_for(const struct app *a, const struct view *v,
					     size_t *n)
{
	const struct wizard *st = v->state;

	(void)a;
	switch (st != NULL ? st->mode : WZ_INTRO) {
	case WZ_QUESTION:
		*n = ARRAY_LEN(question_keys);
		return question_keys;
	case WZ_RESULT:
		*n = ARRAY_LEN(result_keys);
		return result_keys;
	case WZ_INTRO:
	default:
		*n = ARRAY_LEN(intro_keys);
		return intro_keys;
	}
}

/* The wizard kind: state per view, answers in app.answers (see the file comment). */
const struct kind_ops wizard_ops = {
	.name = "wizard",
	.init = wizard_init,
	.layout = wizard_layout,
	.key = wizard_key,
	.submit = wizard_submit,
	.free = wizard_free,
	.keys_for = wizard_keys_for,
};

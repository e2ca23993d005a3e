/*
 * nav.c -- the screen model: the app state, the back stack and each view's place
 * SPDX-License-Identifier: MIT
 */
#include "nav.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void app_init(struct app *a, const struct config *cfg, struct guide *g, const struct screen_set *set)
{
	memset(a, 0, sizeof *a);
	a->cfg = cfg;
	a->g = g;
	a->screens = set;
	a->body_rows = 20;
	a->body_cols = 80;
	if (g->home >= 0)
		nav_push(a, g->home);
}

static void view_clear(struct view *v)
{
	if (v->ops != NULL && v->ops->free != NULL)
		v->ops->free(v);
	layout_clear(&v->lay);
	free(v->code);
	free(v->title);
	free(v->badge);
	free(v->highlight);
	memset(v, 0, sizeof *v);
}

void nav_select(struct app *a, struct view *v, int item, bool clamp)
{
	v->sel = item;
	if (clamp && !v->stale)
		nav_clamp(a, v);
}

void nav_scroll_to(struct app *a, struct view *v, int top, bool clamp)
{
	v->top = top;
	if (clamp && !v->stale)
		nav_clamp(a, v);
}

void nav_highlight(struct view *v, const char *words)
{
	free(v->highlight);
	v->highlight = words != NULL ? xstrdup(words) : NULL;
	v->stale = true;
}

void app_forget(struct app *a)
{
	answers_clear(&a->answers);
	answers_clear(&a->ticks);
	if (a->search != NULL)
		util_wipe(a->search, strlen(a->search));
	free(a->search);
	a->search = NULL;
	if (a->input.s != NULL)
		util_wipe(a->input.s, a->input.cap);
	sb_clear(&a->input);
	a->prompt = PROMPT_NONE;
	nav_message_clear(a);
	if (a->answer_code != NULL)
		util_wipe(a->answer_code, strlen(a->answer_code));
	free(a->answer_code);
	a->answer_code = NULL;
	a->sources_said = 0;
}

void app_clear(struct app *a)
{
	if (a == NULL)
		return;
	while (a->depth > 0)
		view_clear(&a->stack[--a->depth]);
	free(a->stack);
	app_forget(a);
	free(a->prompt_label);
	free(a->start_region);
	memset(a, 0, sizeof *a);
}

const struct kind_ops *nav_kind_ops(const struct app *a, enum kind k)
{
	const struct kind_ops *ops = (unsigned)k < KIND_COUNT ? a->screens->by_kind[k] : NULL;

	return ops != NULL ? ops : a->screens->by_kind[KIND_PAGE];
}

struct view *nav_top(struct app *a)
{
	return a->depth > 0 ? &a->stack[a->depth - 1] : NULL;
}

const struct screen *nav_screen(const struct app *a, const struct view *v)
{
	if (v == NULL || v->screen < 0 || (size_t)v->screen >= a->g->nscreens)
		return NULL;
	return guide_get(a->g, v->screen);
}

static struct view *push(struct app *a, int idx, const struct kind_ops *ops)
{
	struct view *v;

	a->stack = xgrow(a->stack, &a->cap, a->depth + 1, sizeof *a->stack);
	v = &a->stack[a->depth++];
	memset(v, 0, sizeof *v);
	v->screen = idx;
	v->ops = ops;
	v->sel = 0;
	v->stale = true;
	layout_init(&v->lay, a->body_cols, a->cfg->ascii_borders);
	return v;
}

void nav_push(struct app *a, int idx)
{
	struct view *v;

	if (idx < 0 || (size_t)idx >= a->g->nscreens)
		return;
	v = push(a, idx, nav_kind_ops(a, guide_get(a->g, idx)->kind));
	if (v->ops->init != NULL)
		v->ops->init(a, v);
	stats_screen(&a->stats, guide_head(a->g, idx)->code);
}

struct view *nav_push_view(struct app *a, const struct kind_ops *ops, const char *code,
			   const char *title)
{
	struct view *v = push(a, -1, ops);

	v->code = xstrdup(code);
	v->title = xstrdup(title);
	if (ops->init != NULL)
		ops->init(a, v);
	return v;
}

bool nav_pop(struct app *a)
{
	if (a->depth <= 1)
		return false;
	view_clear(&a->stack[--a->depth]);
	a->prompt = PROMPT_NONE;
	return true;
}

void nav_home(struct app *a)
{
	while (nav_pop(a))
		;
}

/*
 * The codes of the generated views, as their top line shows them: staff read
 * them aloud like any other code, so g opens them too.
 */
static bool goto_view(struct app *a, const char *key)
{
	if (strcmp(key, "slip") == 0) {
		a->screens->open_slip(a);
	} else if (strcmp(key, "?") == 0) {
		nav_push_view(a, a->screens->help, "?", "帮助");
	} else if (strcmp(key, "/") == 0) {
		char *q;

		if (a->search == NULL) {
			nav_message(a, true, "还没有搜索过；按 / 搜索");
			return true;
		}
		q = xstrdup(a->search); /* the search replaces a->search */
		a->screens->search_run(a, q);
		free(q);
	} else {
		return false;
	}
	return true;
}

bool nav_goto(struct app *a, const char *key)
{
	int idx = guide_find_typed(a->g, key);

	if (idx < 0 && goto_view(a, key))
		return true;
	if (idx < 0) {
		nav_message(a, true, "没有这个页面代码：%s", key);
		return false;
	}
	nav_push(a, idx);
	return true;
}

static int body_rows(const struct app *a)
{
	return a->body_rows > 0 ? a->body_rows : 1;
}

/* First and last line of item it (the last holding it: blank lines after it do not count). */
static void item_span(const struct view *v, int it, int *first, int *last)
{
	int n = (int)v->lay.n;

	*first = v->lay.item_line[it];
	*last = it + 1 < (int)v->lay.nitems ? v->lay.item_line[it + 1] - 1 : n - 1;
	while (*last > *first && v->lay.lines[*last].item != it)
		(*last)--;
}

/* Is a line of item it on the screen? */
static bool item_visible(const struct app *a, const struct view *v, int it)
{
	int first, last;

	if (it < 0 || it >= (int)v->lay.nitems)
		return false;
	item_span(v, it, &first, &last);
	return first < v->top + body_rows(a) && last >= v->top;
}

/* Scroll so that the selected item shows (its start, when it is taller than the screen). */
static void show_sel(struct app *a, struct view *v)
{
	int rows = body_rows(a), first, last;

	if (v->sel < 0 || v->sel >= (int)v->lay.nitems)
		return;
	item_span(v, v->sel, &first, &last);
	if (last - first >= rows)
		last = first + rows - 1;
	if (first < v->top)
		v->top = first;
	if (last >= v->top + rows)
		v->top = last - rows + 1;
}

void nav_reveal(struct app *a, struct view *v, int item)
{
	v->sel = item;
	if (v->stale) {
		v->reveal = true;
		return;
	}
	show_sel(a, v);
	nav_clamp(a, v);
}

void nav_layout(struct app *a, struct view *v, int width)
{
	bool keep;

	if (!v->stale && v->lay.width == width)
		return;
	/* Keep the selection in view if it was (or on the first layout, or asked to). */
	keep = v->lay.n == 0 || v->reveal || item_visible(a, v, v->sel);
	v->reveal = false;
	layout_reset(&v->lay);
	v->lay.width = width;
	v->lay.ascii = a->cfg->ascii_borders;
	if (v->ops->layout != NULL)
		v->ops->layout(a, v);
	v->stale = false;
	if (keep && v->lay.nitems > 0) {
		if (v->sel < 0)
			v->sel = 0;
		if (v->sel >= (int)v->lay.nitems)
			v->sel = (int)v->lay.nitems - 1;
		show_sel(a, v);
	}
	nav_clamp(a, v);
}

/*
 * Scrolling is the view's, not the selection's: every line can be brought into
 * view (End, PgDn, Down past the last item), and the selection follows the
 * view: when it scrolls out of sight, the nearest item on screen is selected;
 * with none on screen it stays where it was (Enter still acts on it).
 */
void nav_clamp(struct app *a, struct view *v)
{
	int rows = body_rows(a);
	int n = (int)v->lay.n;
	int max_top = n > rows ? n - rows : 0;

	if (v->top > max_top)
		v->top = max_top;
	if (v->top < 0)
		v->top = 0;
	if (v->lay.nitems == 0) {
		v->sel = -1;
		return;
	}
	if (v->sel < 0)
		v->sel = 0;
	if (v->sel >= (int)v->lay.nitems)
		v->sel = (int)v->lay.nitems - 1;
	if (!item_visible(a, v, v->sel)) {
		int first, last, s;

		item_span(v, v->sel, &first, &last);
		if (last < v->top) {
			/* Scrolled down past it: the first item on screen. */
			for (s = v->sel + 1; s < (int)v->lay.nitems && !item_visible(a, v, s); s++)
				;
		} else {
			for (s = v->sel - 1; s >= 0 && !item_visible(a, v, s); s--)
				;
		}
		if (s >= 0 && s < (int)v->lay.nitems && item_visible(a, v, s))
			v->sel = s;
	}
}

int nav_items_below(const struct app *a, const struct view *v)
{
	int end = v->top + body_rows(a), n = 0;

	for (size_t i = 0; i < v->lay.nitems; i++)
		n += v->lay.item_line[i] >= end;
	return n;
}

void nav_move(struct app *a, struct view *v, int delta)
{
	int to = v->sel + delta;

	/* No item to move to, or the selection is out of sight: read on, a line at a time. */
	if (v->lay.nitems == 0 || !item_visible(a, v, v->sel) || to < 0 ||
	    to >= (int)v->lay.nitems) {
		nav_scroll(a, v, delta);
		return;
	}
	v->sel = to;
	show_sel(a, v);
	nav_clamp(a, v);
}

void nav_scroll(struct app *a, struct view *v, int delta)
{
	v->top += delta;
	nav_clamp(a, v);
}

void nav_message_clear(struct app *a)
{
	/* A message may name a person's answer code: wiped, not just freed. */
	if (a->msg != NULL)
		util_wipe(a->msg, strlen(a->msg));
	free(a->msg);
	a->msg = NULL;
}

void nav_message(struct app *a, bool warn, const char *fmt, ...)
{
	va_list ap;

	nav_message_clear(a);
	va_start(ap, fmt);
	a->msg = xvasprintf(fmt, ap);
	va_end(ap);
	a->msg_warn = warn;
}

void nav_prompt(struct app *a, enum prompt_kind k, const char *label)
{
	a->prompt = k;
	a->prompt_secret = false;
	free(a->prompt_label);
	a->prompt_label = xstrdup(label);
	if (a->input.s != NULL)
		util_wipe(a->input.s, a->input.cap);
	a->input.len = 0;
	sb_add(&a->input, "", 0);
}

static char *tick_key(const struct screen *s, size_t block)
{
	return xasprintf("%s:%zu", s->id, block);
}

bool nav_ticked(const struct app *a, const struct screen *s, size_t block)
{
	char *k = tick_key(s, block);
	bool on = answers_get(&a->ticks, k) != NULL;

	free(k);
	return on;
}

void nav_set_ticked(struct app *a, const struct screen *s, size_t block, bool on)
{
	char *k = tick_key(s, block);

	answers_set(&a->ticks, k, on ? "1" : NULL);
	free(k);
}

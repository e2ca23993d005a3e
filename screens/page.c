/*
 * page.c -- the page screen kind: text that scrolls, links opened by number
 * SPDX-License-Identifier: MIT
 */
#include "screens.h"

#include <stdlib.h>

#include "../src/dated.h"
#include "../src/util.h"

static void page_layout(struct app *a, struct view *v)
{
	const struct screen *s = nav_screen(a, v);
	/* On paper the codes say where a link leads; line mode still opens links by number. */
	struct layout_opts o = {.number_links = !a->paper || a->line_mode};
	const char **codes = screens_link_codes(a, s, a->paper, &o.nlink_codes);
	bool money = dated_states_money(s), period = screens_tells_period(s);

	o.link_codes = codes;
	/* What is dated is said first: read on 7 December, the period has days left. */
	screens_dated_lines(a, &v->lay, money, period);
	if (v->lay.n > 0)
		layout_blank(&v->lay);
	layout_blocks(&v->lay, s->blocks, s->nblocks, &o);
	free(codes);
	screens_source_lines(a, v);
}

static int page_key(struct app *a, struct view *v, enum action act, int ch)
{
	const struct screen *s = nav_screen(a, v);

	switch (act) {
	case ACT_DIGIT:
		screens_follow(a, s, ch - 1);
		return KR_HANDLED;
	case ACT_OPEN:
		if (s->nlinks == 1)
			screens_follow(a, s, 0);
		else if (s->nlinks > 1)
			nav_message(a, false, "按链接后面的数字打开，例如 1");
		return KR_HANDLED;
	default:
		return KR_UNHANDLED;
	}
}

static const struct keybind page_keys[] = {
	{ACT_OPEN, {0}, "打开链接（页面只有一个链接时）", NULL, 0},
	{ACT_DIGIT, {0}, "打开第 N 个链接（链接后面方括号里的数字）", "打开链接", 0},
};

/* Link digits are offered only where there are links to open (1.8 has none). */
static const struct keybind *page_keys_for(const struct app *a, const struct view *v, size_t *n)
{
	/* No app (a table asked for on its own): the page's full bindings. */
	const struct screen *s = a != NULL ? nav_screen(a, v) : NULL;

	*n = a == NULL || (s != NULL && s->nlinks > 0) ? ARRAY_LEN(page_keys) : 0;
	return page_keys;
}

const struct kind_ops page_ops = {
	.name = "page",
	.layout = page_layout,
	.key = page_key,
	.keys_for = page_keys_for,
};

/*
 * common.c -- what the screen kinds share: source lines, following links
 * SPDX-License-Identifier: MIT
 */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/bundle.h"
#include "../src/dated.h"
#include "../src/dates.h"
#include "../src/refs.h"
#include "../src/session.h"
#include "../src/slip.h"
#include "../src/util.h"

void screens_dated_lines(struct app *a, struct layout *l, bool money, bool period)
{
	struct dates_today t = session_today(a);

	dated_lines(l, a->g, &t, money, period);
}

bool screens_tells_period(const struct screen *s)
{
	/* The period screen and the fees screen (the wizard's result and the slip say it themselves). */
	return s != NULL && s->id != NULL &&
	       (strcmp(s->id, "notice-period") == 0 || strcmp(s->id, "fees") == 0);
}

void screens_edition_lines(struct app *a, struct layout *l)
{
	struct dates_today t = session_today(a);

	dated_edition_lines(l, a->cfg, a->g, &t);
}

/* The home screen's edition, and the year notice for the figures it leads to. */
static void home_edition(struct app *a, struct layout *l)
{
	screens_edition_lines(a, l);
	screens_dated_lines(a, l, true, false);
}

/*
 * The first screen of a session whose text says "资料" explains the word under
 * its sources (and keeps explaining it when laid out again); others do not.
 */
static void say_sources(struct app *a, struct view *v)
{
	static const char word[] = "资料";
	size_t wn = sizeof word - 1;
	bool says = false;

	if (a->sources_said != 0 && a->sources_said != v->screen + 1)
		return;
	for (size_t i = 0; i < v->lay.n && !says; i++) {
		const struct dline *d = &v->lay.lines[i];

		for (size_t k = 0; k + wn <= d->len && !says; k++)
			says = memcmp(d->text + k, word, wn) == 0;
	}
	if (!says)
		return;
	a->sources_said = v->screen + 1;
	layout_text(&v->lay, REFS_SOURCES_EXPLAINED, 0, 0, LF_DIM);
}

void screens_source_lines(struct app *a, struct view *v)
{
	const struct screen *s = nav_screen(a, v);
	char *line;

	if (s == NULL)
		return;
	/* Pages and the wizard's result say it at their top; home and slip with the edition. */
	if (s->kind != KIND_PAGE && s->kind != KIND_WIZARD && v->screen != a->g->home &&
	    dated_states_money(s)) {
		layout_blank(&v->lay);
		screens_dated_lines(a, &v->lay, true, false);
	}
	if (s->updated == NULL && s->source == NULL) {
		if (v->screen == a->g->home) {
			layout_blank(&v->lay);
			home_edition(a, &v->lay);
		}
		return;
	}
	layout_blank(&v->lay);
	if (s->kind == KIND_MENU && s->updated != NULL) {
		/* A menu states no facts of its own: its date is enough (and cheap on a slow link). */
		line = xasprintf("更新：%s", s->updated);
		layout_text(&v->lay, line, 0, 0, LF_DIM);
		free(line);
		if (v->screen == a->g->home)
			home_edition(a, &v->lay);
		return;
	}
	line = xasprintf("%s%s%s%s", s->updated != NULL ? "更新：" : "",
			 s->updated != NULL ? s->updated : "",
			 s->updated != NULL && s->source != NULL ? "  来源：" : "",
			 s->source != NULL ? s->source : "");
	if (s->updated == NULL) {
		free(line);
		line = xasprintf("来源：%s", s->source);
	}
	layout_text(&v->lay, line, 0, 0, LF_DIM);
	free(line);
	say_sources(a, v);
	if (v->screen == a->g->home)
		home_edition(a, &v->lay);
}

const char **screens_link_codes(struct app *a, const struct screen *s, bool paper, size_t *n)
{
	*n = 0;
	return paper ? slip_link_codes(a->g, s, n) : NULL;
}

void screens_follow(struct app *a, const struct screen *s, int link)
{
	if (link < 0 || (size_t)link >= s->nlinks) {
		nav_message(a, true, "没有第 %d 个链接", link + 1);
		return;
	}
	if (s->links[link].screen < 0) {
		nav_message(a, true, "这个链接指向的页面不存在：%s", s->links[link].target);
		return;
	}
	nav_push(a, s->links[link].screen);
}

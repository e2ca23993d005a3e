/*
 * common.c -- what the screen kinds share: source lines, following links
 * SPDX-License-Identifier: MIT
 */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/bundle.h"
#include "../src/util.h"

void screens_edition_lines(struct app *a, struct layout *l)
{
	const struct bundle_manifest *m;
	const char *hotline;
	long age;
	char *line;

	if (a->g->bundle == NULL)
		return;
	m = bundle_manifest(a->g->bundle);
	/* The year is named: "今年" would be wrong once the year turns. */
	line = xasprintf("内容版本 %lld · %d 年的标准", m->version, m->policy_year);
	layout_text(l, line, 0, 0, LF_DIM);
	free(line);
	age = bundle_manifest_age_days(m);
	if (!bundle_manifest_expired(m) && age >= 0 && age <= a->cfg->update_warn_after_days)
		return;
	hotline = config_lookup(a->cfg, "hotline");
	line = xasprintf("注意:这里的数字可能已经过时,请到窗口或拨打 %s 核实。",
			 hotline != NULL ? hotline : "12393");
	layout_text(l, line, TA_STRONG, 0, 0);
	free(line);
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
	layout_text(&v->lay, SCREENS_SOURCES_EXPLAINED, 0, 0, LF_DIM);
}

void screens_source_lines(struct app *a, struct view *v)
{
	const struct screen *s = nav_screen(a, v);
	char *line;

	if (s == NULL)
		return;
	if (s->updated == NULL && s->source == NULL) {
		if (v->screen == a->g->home) {
			layout_blank(&v->lay);
			screens_edition_lines(a, &v->lay);
		}
		return;
	}
	layout_blank(&v->lay);
	if (s->kind == KIND_MENU && s->updated != NULL) {
		/* A menu states no facts of its own: its date is enough (and cheap on a slow link). */
		line = xasprintf("更新: %s", s->updated);
		layout_text(&v->lay, line, 0, 0, LF_DIM);
		free(line);
		if (v->screen == a->g->home)
			screens_edition_lines(a, &v->lay);
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
	say_sources(a, v);
	if (v->screen == a->g->home)
		screens_edition_lines(a, &v->lay);
}

const char **screens_link_codes(struct app *a, const struct screen *s, bool paper, size_t *n)
{
	const char **codes;

	*n = 0;
	if (!paper || s == NULL || s->nlinks == 0)
		return NULL;
	codes = xcalloc(s->nlinks, sizeof *codes);
	for (size_t i = 0; i < s->nlinks; i++) {
		const struct screen *h = s->links[i].screen >= 0 ? guide_head(a->g, s->links[i].screen) : NULL;

		codes[i] = h != NULL ? h->code : NULL;
	}
	*n = s->nlinks;
	return codes;
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

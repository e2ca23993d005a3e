/*
 * slip.c -- the take-away slip: the person's situation, the results that apply,
 * what to bring, the next steps, region and content date, as one 80-column text
 * SPDX-License-Identifier: MIT
 *
 * Everything on it comes from content: the wizard's questions and results, the
 * checklist's items, and the page with id "next-steps". Only the section
 * headings are the guide's own words.
 */
#include "screens.h"

#include <stdlib.h>
#include <string.h>

#include "../src/refs.h"
#include "../src/util.h"

/* The first screen of a kind, preferring the given id. */
static const struct screen *find_kind(const struct app *a, const char *id, enum kind k)
{
	int i = guide_find(a->g, id);

	if (i >= 0 && guide_head(a->g, i)->kind == k)
		return guide_get(a->g, i);
	i = guide_find_kind(a->g, k);
	return i >= 0 ? guide_get(a->g, i) : NULL;
}

static void heading(struct layout *l, const char *text)
{
	layout_blank(l);
	layout_text(l, text, TA_STRONG, 0, LF_HEADING);
}

static void newest(const char **date, const struct screen *s)
{
	if (s != NULL && s->updated != NULL && (*date == NULL || strcmp(s->updated, *date) > 0))
		*date = s->updated;
}

static void situation(struct app *a, struct view *v, const struct screen *w)
{
	heading(&v->lay, "你的情况");
	if (w == NULL || a->answers.n == 0) {
		layout_text(&v->lay, "还没有回答“谁能参保”的问题：下面列出全部材料。", 0, 2, 0);
		return;
	}
	for (size_t i = 0; i < w->nblocks; i++) {
		const struct block *b = &w->blocks[i];
		const char *ans;
		size_t qlen;

		if (b->type != BLK_QUESTION || (ans = answers_get(&a->answers, b->name)) == NULL)
			continue;
		qlen = strcspn(b->r.text, "\n");
		for (size_t o = 0; o < b->nopts; o++) {
			char *line;

			if (strcmp(b->opts[o].value, ans) != 0)
				continue;
			line = xasprintf("%.*s  %s", (int)qlen, b->r.text, b->opts[o].label);
			layout_text(&v->lay, line, 0, 2, 0);
			free(line);
		}
	}
}

/*
 * Someone who has paid on without a gap registers nothing: the slip's next
 * steps are then the page "next-steps-renew", when content has one.
 */
static const struct screen *renewal_steps(struct app *a)
{
	static const char renew_id[] = "next-steps-renew", renew_if[] = "gap=continuous";
	int i = guide_find(a->g, renew_id);
	struct cond *c;
	bool yes;

	if (i < 0 || guide_head(a->g, i)->kind != KIND_PAGE)
		return NULL;
	c = cond_parse(renew_if, NULL, 0);
	yes = c != NULL && cond_eval(c, &a->answers);
	cond_free(c);
	return yes ? guide_get(a->g, i) : NULL;
}

static void slip_layout(struct app *a, struct view *v)
{
	const struct screen *w = find_kind(a, refs_id(REF_ELIGIBILITY), KIND_WIZARD);
	const struct screen *c = find_kind(a, refs_id(REF_MATERIALS), KIND_CHECKLIST);
	int ni = guide_find(a->g, refs_id(REF_NEXT_STEPS));
	const struct screen *next = ni >= 0 ? guide_get(a->g, ni) : NULL;
	const struct screen *renew = renewal_steps(a);
	const char *date = NULL, *hotline = guide_hotline(a->g);
	char *line;

	situation(a, v, w);
	screens_answer_code_line(a, v);
	newest(&date, w);
	if (w != NULL && a->answers.n > 0) {
		/* A document: every reference with its code, so g finds it again. */
		struct layout_opts wo = {0};
		const char **codes = screens_link_codes(a, w, true, &wo.nlink_codes);

		wo.link_codes = codes;
		heading(&v->lay, "结论");
		for (size_t i = 0; i < w->nblocks; i++)
			if (w->blocks[i].type == BLK_RESULT && cond_eval(w->blocks[i].cond, &a->answers))
				layout_blocks(&v->lay, w->blocks[i].sub, w->blocks[i].nsub, &wo);
		free(codes);
		/* The year of the amounts above and today's place in the payment period. */
		if (!screens_ineligible(a, w)) {
			layout_blank(&v->lay);
			screens_dated_lines(a, &v->lay, screens_states_money(w), true);
		}
	}
	if (screens_ineligible(a, w)) {
		/* The wizard's result (content) says this person cannot join. */
		heading(&v->lay, "要带的材料");
		layout_text(&v->lay, "不用带：按你的回答，你不能参加城乡居民医保。", 0, 2, 0);
		heading(&v->lay, "下一步");
		layout_text(&v->lay, "不用登记、交费。该怎么做，见上面的“结论”。", 0, 2, 0);
		newest(&date, c);
		newest(&date, next);
	} else if (c != NULL) {
		heading(&v->lay, "要带的材料");
		for (size_t i = 0; i < c->nblocks; i++) {
			const struct block *b = &c->blocks[i];

			if (!(b->flags & BF_TASK) || !cond_eval_or_all(b->cond, &a->answers))
				continue;
			layout_rich(&v->lay, &b->r, nav_ticked(a, c, i) ? "[x] " : "[ ] ", 2, 0, -1,
				    NULL);
		}
		newest(&date, c);
	}
	if (renew != NULL)
		next = renew;
	if (next != NULL && !screens_ineligible(a, w)) {
		heading(&v->lay, "下一步");
		{
			/* Paper: every reference with its code, so g finds it again. */
			struct layout_opts no = {0};
			const char **codes = screens_link_codes(a, next, true, &no.nlink_codes);

			no.link_codes = codes;
			layout_blocks(&v->lay, next->blocks, next->nblocks, &no);
			free(codes);
		}
		newest(&date, next);
	}
	layout_blank(&v->lay);
	line = xasprintf("地区：%s   内容日期：%s%s%s", guide_value(a->g, "region"),
			 date != NULL ? date : "-", hotline != NULL ? "   热线：" : "",
			 hotline != NULL ? hotline : "");
	layout_text(&v->lay, line, 0, 0, LF_DIM);
	free(line);
	/* A page taken away: it says what its "资料" are. */
	layout_text(&v->lay, REFS_SOURCES_EXPLAINED, 0, 0, LF_DIM);
	screens_edition_lines(a, &v->lay);
}

const struct kind_ops slip_ops = {
	.name = "slip",
	.layout = slip_layout,
};

struct view *screens_open_slip(struct app *a)
{
	return nav_push_view(a, &slip_ops, "slip", "城乡居民医保办事单");
}

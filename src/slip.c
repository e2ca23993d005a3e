/*
 * slip.c -- the take-away slip: a resident's situation, the results that apply, what to bring, the next steps
 * SPDX-License-Identifier: MIT
 *
 * Everything on it comes from content: the wizard's questions and results, the
 * checklist's items, and the page with id "next-steps". Only the section
 * headings are the guide's own words.
 */
#include "slip.h"

#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "dated.h"
#include "refs.h"
#include "util.h"

/* The first screen of a kind, preferring the given id. */
static const struct screen *find_kind(struct guide *g, const char *id, enum kind k)
{
	int i = guide_find(g, id);

	if (i >= 0 && guide_head(g, i)->kind == k)
		return guide_get(g, i);
	i = guide_find_kind(g, k);
	return i >= 0 ? guide_get(g, i) : NULL;
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

bool slip_ineligible(const struct screen *w, const struct answers *ans)
{
	if (w == NULL || ans->n == 0)
		return false;
	for (size_t i = 0; i < w->nblocks; i++)
		if (w->blocks[i].type == BLK_RESULT && (w->blocks[i].flags & BF_INELIGIBLE) &&
		    cond_eval(w->blocks[i].cond, ans))
			return true;
	return false;
}

void slip_code_line(struct layout *l, struct guide *g,
		    const struct answers *ans)
{
	char *code = codebook_code(g, ans);
	char *line;

	if (code == NULL)
		return;
	line = xasprintf("答案码 %s（打电话问服务台时，把这几个数字读给对方）", code);
	layout_blank(l);
	layout_text(l, line, 0, 0, 0);
	/* The code encodes the answers (低保, 重度残疾): no copy outlives the layout. */
	util_wipe(line, strlen(line));
	util_wipe(code, strlen(code));
	free(line);
	free(code);
}

const char **slip_link_codes(struct guide *g, const struct screen *s, size_t *n)
{
	const char **codes;

	*n = 0;
	if (s == NULL || s->nlinks == 0)
		return NULL;
	codes = xcalloc(s->nlinks, sizeof *codes);
	for (size_t i = 0; i < s->nlinks; i++) {
		const struct screen *h = s->links[i].screen >= 0 ? guide_head(g, s->links[i].screen) : NULL;

		codes[i] = h != NULL ? h->code : NULL;
	}
	*n = s->nlinks;
	return codes;
}

/* Lay out blocks as paper: every reference with its code, so g finds it again. */
static void paper_blocks(struct layout *l, struct guide *g, const struct screen *s,
			 const struct block *b, size_t n)
{
	struct layout_opts o = {0};
	const char **codes = slip_link_codes(g, s, &o.nlink_codes);

	o.link_codes = codes;
	layout_blocks(l, b, n, &o);
	free(codes);
}

static void situation(struct layout *l, const struct slip_in *in, const struct screen *w)
{
	heading(l, "你的情况");
	if (w == NULL || in->answers->n == 0) {
		layout_text(l, "还没有回答“谁能参保”的问题：下面列出全部材料。", 0, 2, 0);
		return;
	}
	for (size_t i = 0; i < w->nblocks; i++) {
		const struct block *b = &w->blocks[i];
		const char *ans;
		size_t qlen;

		if (b->type != BLK_QUESTION || (ans = answers_get(in->answers, b->name)) == NULL)
			continue;
		qlen = strcspn(b->r.text, "\n");
		for (size_t o = 0; o < b->nopts; o++) {
			char *line;

			if (strcmp(b->opts[o].value, ans) != 0)
				continue;
			line = xasprintf("%.*s  %s", (int)qlen, b->r.text, b->opts[o].label);
			layout_text(l, line, 0, 2, 0);
			free(line);
		}
	}
}

/*
 * Someone who has paid on without a gap registers nothing: the slip's next
 * steps are then the page "next-steps-renew", when content has one.
 */
static const struct screen *renewal_steps(const struct slip_in *in)
{
	static const char renew_id[] = "next-steps-renew", renew_if[] = "gap=continuous";
	int i = guide_find(in->g, renew_id);
	struct cond *c;
	bool yes;

	if (i < 0 || guide_head(in->g, i)->kind != KIND_PAGE)
		return NULL;
	c = cond_parse(renew_if, NULL, 0);
	yes = c != NULL && cond_eval(c, in->answers);
	cond_free(c);
	return yes ? guide_get(in->g, i) : NULL;
}

void slip_lay(struct layout *l, const struct slip_in *in)
{
	struct guide *g = in->g;
	const struct answers *ans = in->answers;
	const struct screen *w = find_kind(g, refs_id(REF_ELIGIBILITY), KIND_WIZARD);
	const struct screen *c = find_kind(g, refs_id(REF_MATERIALS), KIND_CHECKLIST);
	int ni = guide_find(g, refs_id(REF_NEXT_STEPS));
	const struct screen *next = ni >= 0 ? guide_get(g, ni) : NULL;
	const struct screen *renew = renewal_steps(in);
	const char *date = NULL, *hotline = guide_hotline(g);
	bool ineligible = slip_ineligible(w, ans);
	char *line;

	situation(l, in, w);
	slip_code_line(l, g, ans);
	newest(&date, w);
	if (w != NULL && ans->n > 0) {
		heading(l, "结论");
		for (size_t i = 0; i < w->nblocks; i++)
			if (w->blocks[i].type == BLK_RESULT && cond_eval(w->blocks[i].cond, ans))
				paper_blocks(l, g, w, w->blocks[i].sub, w->blocks[i].nsub);
		/* The year of the amounts above and today's place in the payment period. */
		if (!ineligible) {
			layout_blank(l);
			dated_lines(l, g, &in->today, dated_states_money(w), true);
		}
	}
	if (ineligible) {
		/* The wizard's result (content) says this person cannot join. */
		heading(l, "要带的材料");
		layout_text(l, "不用带：按你的回答，你不能参加城乡居民医保。", 0, 2, 0);
		heading(l, "下一步");
		layout_text(l, "不用登记、交费。该怎么做，见上面的“结论”。", 0, 2, 0);
		newest(&date, c);
		newest(&date, next);
	} else if (c != NULL) {
		heading(l, "要带的材料");
		for (size_t i = 0; i < c->nblocks; i++) {
			const struct block *b = &c->blocks[i];
			bool ticked;

			if (!(b->flags & BF_TASK) || !cond_eval_or_all(b->cond, ans))
				continue;
			ticked = in->ticked != NULL && in->ticked(in->ctx, c, i);
			layout_rich(l, &b->r, ticked ? "[x] " : "[ ] ", 2, 0, -1, NULL);
		}
		newest(&date, c);
	}
	if (renew != NULL)
		next = renew;
	if (next != NULL && !ineligible) {
		heading(l, "下一步");
		paper_blocks(l, g, next, next->blocks, next->nblocks);
		newest(&date, next);
	}
	layout_blank(l);
	line = xasprintf("地区：%s   内容日期：%s%s%s", in->region != NULL ? in->region : "",
			 date != NULL ? date : "-", hotline != NULL ? "   热线：" : "",
			 hotline != NULL ? hotline : "");
	layout_text(l, line, 0, 0, LF_DIM);
	free(line);
	/* A page taken away: it says what its "资料" are. */
	layout_text(l, REFS_SOURCES_EXPLAINED, 0, 0, LF_DIM);
	dated_edition_lines(l, in->cfg, g, &in->today);
}

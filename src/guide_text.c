/*
 * guide_text.c -- the guide's screens as text: what search matches (placeholders filled per region, pinyin initials)
 * SPDX-License-Identifier: MIT
 *
 * Part of the guide (the functions are declared in guide.h): a session
 * searches the shown text stored in the bundle, one copy a file with
 * {{placeholders}} left in, filling them with the region's values only where a
 * query could match them; a guide loaded from a directory makes that text
 * from its parsed screens.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bundle.h"
#include "guide.h"
#include "pinyin.h"
#include "text.h"
#include "util.h"

static void add_blocks_text(struct strbuf *sb, const struct block *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (b[i].r.text != NULL && b[i].r.len > 0) {
			sb_add(sb, b[i].r.text, b[i].r.len);
			sb_addc(sb, '\n');
		}
		for (size_t o = 0; o < b[i].nopts; o++) {
			sb_adds(sb, b[i].opts[o].label);
			sb_addc(sb, '\n');
		}
		for (int c = 0; c < b[i].nrows * b[i].ncols; c++)
			if (b[i].cells[c].text != NULL) {
				sb_add(sb, b[i].cells[c].text, b[i].cells[c].len);
				sb_addc(sb, '\n');
			}
		add_blocks_text(sb, b[i].sub, b[i].nsub);
	}
}

/* The headings of blocks b, each on a trailer line of its own (see guide_screen_text). */
static void add_headings(struct strbuf *sb, const struct block *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (b[i].type == BLK_HEADING && b[i].r.text != NULL && b[i].r.len > 0) {
			sb_adds(sb, GUIDE_TEXT_HEADING);
			sb_add(sb, b[i].r.text, b[i].r.len);
			sb_addc(sb, '\n');
		}
		add_headings(sb, b[i].sub, b[i].nsub);
	}
}

char *guide_screen_text(const struct screen *s)
{
	struct strbuf sb = {0};

	sb_add(&sb, "", 0);
	add_blocks_text(&sb, s->blocks, s->nblocks);
	/*
	 * After the shown text, what search ranks by: the front matter's aliases
	 * ("alipay", 异地就医) one a line, and the headings (a bundle keeps only this
	 * text). Content holds no control characters, so the mark cannot be written.
	 */
	if (s->aliases != NULL) {
		const char *p = s->aliases, *t;
		size_t n;

		while ((t = content_alias_next(&p, &n)) != NULL)
			if (n > 0) {
				sb_adds(&sb, GUIDE_TEXT_ALIAS);
				sb_add(&sb, t, n);
				sb_addc(&sb, '\n');
			}
	}
	add_headings(&sb, s->blocks, s->nblocks);
	return sb_take(&sb);
}

/* The bundle's search text has {{placeholders}}: fill them for this region on the way. */
struct fill_ctx {
	struct guide *g;
	int (*fn)(void *ctx, int idx, const char *code, const char *title, const char *text);
	void *ctx;
};

static int fill_each(void *ctx, int idx, const char *code, const char *title, const char *text)
{
	struct fill_ctx *fc = ctx;
	char *filled;
	int rc;

	if (strstr(text, "{{") == NULL || fc->g->lookup == NULL)
		return fc->fn(fc->ctx, idx, code, title, text);
	filled = content_fill(text, fc->g->lookup, fc->g->ctx);
	rc = fc->fn(fc->ctx, idx, code, title, filled);
	free(filled);
	return rc;
}

/* A placeholder name and whether its value can take part in a match. */
struct search_name {
	char *name;
	bool shares;
};

/* The tiers of a hit, best first (guide_search). */
enum tier {
	TIER_EXACT,   /* the title or an alias is the query */
	TIER_TITLE,   /* in the title */
	TIER_ALIAS,   /* in an alias */
	TIER_HEADING, /* in a heading */
	TIER_BODY,    /* in the shown text */
	TIER_LOOSE    /* pinyin that spells less than a word of the title */
};

/* One hit kept to be handed out: its strings copied (a bundle's are filled per query). */
struct kept {
	int idx;
	enum tier tier;
	char *code, *title, *line; /* line: the matching line of the text, or NULL */
	long at;                   /* the match's byte offset in line, or -1 */
};

/* What one search needs: the query and, per placeholder name, whether its value can take part in a match. */
struct search_ctx {
	struct guide *g;
	const char *q;
	int hits, max;
	struct kept *kept; /* the best max hits so far, in no order */
	size_t nkept, kcap;
	struct search_name *names;
	size_t nnames, cap;
};

/*
 * Could value v be part of a match of q in a filled text? Only when q holds v,
 * v holds q, or they overlap at an end: a start of q ends v or an end of q
 * starts v (bytes, ASCII letters in any case, as text_find compares).
 */
static bool value_may_match(const char *q, const char *v)
{
	size_t qn = strlen(q), vn = strlen(v);

	if (vn == 0)
		return false;
	if (text_find(v, q) >= 0 || text_find(q, v) >= 0)
		return true;
	for (size_t k = 1; k < qn && k < vn; k++)
		if (strncasecmp(q, v + vn - k, k) == 0 || strncasecmp(q + qn - k, v, k) == 0)
			return true;
	return false;
}

/*
 * Could filling the placeholders of text make q match? Only when the value of
 * one of them may be part of a match (value_may_match).
 */
static bool fill_may_match(struct search_ctx *sc, const char *text)
{
	for (const char *p = strstr(text, "{{"); p != NULL; p = strstr(p + 2, "{{")) {
		const char *end = strstr(p + 2, "}}");
		size_t i, n;

		if (end == NULL)
			break;
		n = (size_t)(end - p - 2);
		for (i = 0; i < sc->nnames; i++)
			if (strlen(sc->names[i].name) == n && strncmp(sc->names[i].name, p + 2, n) == 0)
				break;
		if (i == sc->nnames) {
			char *name = xstrndup(p + 2, n);
			const char *v = sc->g->lookup(sc->g->ctx, name);

			sc->names = xgrow(sc->names, &sc->cap, sc->nnames + 1, sizeof *sc->names);
			sc->names[i].name = name;
			sc->names[i].shares = v != NULL && value_may_match(sc->q, v);
			sc->nnames++;
		}
		if (sc->names[i].shares)
			return true;
	}
	return false;
}

/* Does s hold q whole (case and full width ignored)? */
static bool text_equal(const char *s, size_t n, const char *q)
{
	char *one = xstrndup(s, n);
	size_t len;
	bool eq = text_find_len(one, q, &len) == 0 && len == n;

	free(one);
	return eq;
}

/* The best tier of q among the title and the trailer's aliases; TIER_LOOSE + 1 when none. */
static int title_tier(const char *title, const char *trailer, const char *q)
{
	int best = TIER_LOOSE + 1;

	for (const char *p = trailer; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : p) {
		size_t n = strcspn(p, "\n");
		enum pinyin_fit fit;
		char *one;

		if (strncmp(p, GUIDE_TEXT_ALIAS, 2) != 0)
			continue;
		if (text_equal(p + 2, n - 2, q))
			return TIER_EXACT;
		one = xstrndup(p + 2, n - 2);
		fit = pinyin_fit(one, q);
		if (fit == PINYIN_WHOLE) {
			free(one);
			return TIER_EXACT;
		}
		if (text_find(one, q) >= 0 || fit == PINYIN_WORD)
			best = TIER_ALIAS;
		free(one);
	}
	switch (pinyin_fit(title, q)) {
	case PINYIN_WHOLE:
		return TIER_EXACT;
	case PINYIN_WORD:
		return TIER_TITLE;
	case PINYIN_LOOSE:
		if (best > TIER_LOOSE)
			best = TIER_LOOSE;
		break;
	case PINYIN_NONE:
		break;
	}
	if (text_equal(title, strlen(title), q))
		return TIER_EXACT;
	if (text_find(title, q) >= 0)
		return TIER_TITLE;
	return best;
}

/* Is q in one of the trailer's headings? */
static bool in_heading(const char *trailer, const char *q)
{
	for (const char *p = trailer; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : p) {
		size_t n = strcspn(p, "\n");
		char *one;
		bool hit;

		if (strncmp(p, GUIDE_TEXT_HEADING, 2) != 0)
			continue;
		one = xstrndup(p + 2, n - 2);
		hit = text_find(one, q) >= 0;
		free(one);
		if (hit)
			return true;
	}
	return false;
}

/* Keep hit k if it is among the best sc->max so far (ties: the earlier screen). */
static void keep(struct search_ctx *sc, struct kept *k)
{
	size_t worst = 0;

	if (sc->max <= 0)
		return;
	if (sc->nkept < (size_t)sc->max) {
		sc->kept = xgrow(sc->kept, &sc->kcap, sc->nkept + 1, sizeof *sc->kept);
		sc->kept[sc->nkept++] = *k;
		*k = (struct kept){0};
		return;
	}
	for (size_t i = 1; i < sc->nkept; i++)
		if (sc->kept[i].tier > sc->kept[worst].tier ||
		    (sc->kept[i].tier == sc->kept[worst].tier && sc->kept[i].idx > sc->kept[worst].idx))
			worst = i;
	/* Screens come in order: a later one is only better by its tier. */
	if (k->tier >= sc->kept[worst].tier)
		return;
	free(sc->kept[worst].code);
	free(sc->kept[worst].title);
	free(sc->kept[worst].line);
	sc->kept[worst] = *k;
	*k = (struct kept){0};
}

/* Would a hit of tier t (on a later screen than every kept one) be kept? */
static bool would_keep(const struct search_ctx *sc, int t)
{
	int worst = -1;

	if (sc->max <= 0)
		return false;
	if (sc->nkept < (size_t)sc->max)
		return true;
	for (size_t i = 0; i < sc->nkept; i++)
		if ((int)sc->kept[i].tier > worst)
			worst = (int)sc->kept[i].tier;
	return t < worst;
}

/* The tier of a hit in text (mark: its trailer), or TIER_LOOSE + 1 for none; *at: the match in the shown text, or -1. */
static int hit_tier(struct search_ctx *sc, const char *title, const char *text, long *at)
{
	const char *mark = strchr(text, GUIDE_TEXT_MARK);
	int tier = title_tier(title, mark, sc->q);

	*at = text_find(text, sc->q);
	if (mark != NULL && *at >= mark - text)
		*at = -1; /* in an alias or a heading only: the shown text has it too */
	if (tier > TIER_ALIAS && *at >= 0)
		tier = in_heading(mark, sc->q) ? TIER_HEADING : TIER_BODY < tier ? TIER_BODY
										 : tier;
	return tier;
}

static int search_one(void *ctx, int idx, const char *code, const char *title, const char *text)
{
	struct search_ctx *sc = ctx;
	/* A bundle's search text keeps {{name}}; a directory's screens are filled already. */
	bool has_ph = sc->g->bundle != NULL && sc->g->lookup != NULL && strstr(text, "{{") != NULL;
	long at;
	int tier = hit_tier(sc, title, text, &at);
	char *filled = NULL;

	/*
	 * Most screens do not match: fill only where the query could touch a
	 * value, or where a hit will be listed with its line (its snippet is
	 * the filled text). Hits beyond those listed are only counted.
	 */
	if (has_ph && (tier <= TIER_LOOSE ? tier > TIER_ALIAS && would_keep(sc, tier)
					  : fill_may_match(sc, text))) {
		filled = content_fill(text, sc->g->lookup, sc->g->ctx);
		text = filled;
		tier = hit_tier(sc, title, text, &at);
	}
	if (tier <= TIER_LOOSE) {
		if (would_keep(sc, tier)) {
			struct kept k = {idx, (enum tier)tier, NULL, NULL, NULL, -1};

			if (tier > TIER_ALIAS && at >= 0) {
				size_t line = (size_t)at;

				while (line > 0 && text[line - 1] != '\n')
					line--;
				k.line = xstrndup(text + line, strcspn(text + line, "\n"));
				k.at = at - (long)line;
			}
			k.code = xstrdup(code);
			k.title = xstrdup(title);
			keep(sc, &k);
			free(k.code);
			free(k.title);
			free(k.line);
		}
		sc->hits++;
	}
	free(filled);
	return 0;
}

static int kept_cmp(const void *x, const void *y)
{
	const struct kept *a = x, *b = y;

	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

int guide_search_some(struct guide *g, const char *q, int max,
		      void (*fn)(void *ctx, int idx, const char *code, const char *title,
				 const char *text, long at),
		      void *ctx)
{
	struct search_ctx sc = {g, q, 0, max, NULL, 0, 0, NULL, 0, 0};

	if (g->bundle != NULL)
		bundle_each_text(g->bundle, g->region, search_one, &sc);
	else
		guide_each_text(g, search_one, &sc);
	if (sc.nkept > 1)
		qsort(sc.kept, sc.nkept, sizeof *sc.kept, kept_cmp);
	for (size_t i = 0; i < sc.nkept; i++) {
		struct kept *k = &sc.kept[i];

		fn(ctx, k->idx, k->code, k->title, k->line != NULL ? k->line : "", k->at);
		free(k->code);
		free(k->title);
		free(k->line);
	}
	free(sc.kept);
	for (size_t i = 0; i < sc.nnames; i++)
		free(sc.names[i].name);
	free(sc.names);
	return sc.hits;
}

int guide_search(struct guide *g, const char *q,
		 void (*fn)(void *ctx, int idx, const char *code, const char *title,
			    const char *text, long at),
		 void *ctx)
{
	return guide_search_some(g, q, INT_MAX, fn, ctx);
}

int guide_each_text(struct guide *g,
		    int (*fn)(void *ctx, int idx, const char *code, const char *title,
			      const char *text),
		    void *ctx)
{
	int n = 0;

	if (g->bundle != NULL) {
		struct fill_ctx fc = {g, fn, ctx};

		return bundle_each_text(g->bundle, g->region, fill_each, &fc);
	}
	for (size_t i = 0; i < g->nscreens; i++) {
		const struct screen *s = g->screens[i];
		char *text = guide_screen_text(s);
		int stop = fn(ctx, (int)i, s->code, s->title, text);

		free(text);
		n++;
		if (stop != 0)
			break;
	}
	return n;
}

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

char *guide_screen_text(const struct screen *s)
{
	struct strbuf sb = {0};

	sb_add(&sb, "", 0);
	add_blocks_text(&sb, s->blocks, s->nblocks);
	/* The front matter's aliases ("alipay") are searched as the text is: a bundle keeps only this. */
	if (s->aliases != NULL) {
		sb_adds(&sb, s->aliases);
		sb_addc(&sb, '\n');
	}
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

/* What one search needs: the query and, per placeholder name, whether its value can take part in a match. */
struct search_ctx {
	struct guide *g;
	const char *q;
	void (*fn)(void *ctx, int idx, const char *code, const char *title, const char *text,
		   long at);
	void *ctx;
	int hits, max;
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

static int search_one(void *ctx, int idx, const char *code, const char *title, const char *text)
{
	struct search_ctx *sc = ctx;
	bool in_title = text_find(title, sc->q) >= 0 || pinyin_match(title, sc->q);
	/* A bundle's search text keeps {{name}}; a directory's screens are filled already. */
	bool has_ph = sc->g->bundle != NULL && sc->g->lookup != NULL && strstr(text, "{{") != NULL;
	long at = in_title ? -1 : text_find(text, sc->q);
	bool shown = sc->hits < sc->max;
	char *filled = NULL;

	/*
	 * Most screens do not match: fill only where the query could touch a
	 * value, or where a hit is shown (its snippet is the filled text).
	 */
	if (has_ph && ((in_title || at >= 0) ? shown : fill_may_match(sc, text))) {
		filled = content_fill(text, sc->g->lookup, sc->g->ctx);
		text = filled;
		if (!in_title)
			at = text_find(text, sc->q);
	}
	if (in_title || at >= 0) {
		if (shown)
			sc->fn(sc->ctx, idx, code, title, text, in_title ? -1 : at);
		sc->hits++;
	}
	free(filled);
	return 0;
}

int guide_search_some(struct guide *g, const char *q, int max,
		      void (*fn)(void *ctx, int idx, const char *code, const char *title,
				 const char *text, long at),
		      void *ctx)
{
	struct search_ctx sc = {g, q, fn, ctx, 0, max, NULL, 0, 0};

	if (g->bundle != NULL)
		bundle_each_text(g->bundle, g->region, search_one, &sc);
	else
		guide_each_text(g, search_one, &sc);
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

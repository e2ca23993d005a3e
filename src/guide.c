/*
 * guide.c -- the guide: every content file of a directory (for --check and
 * --pack), indexed by id and code, region variants applied, links resolved and
 * checked; or a session's view of one open bundle, bodies parsed from it when a
 * screen is opened
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "guide.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "minisig.h"
#include "refs.h"
#include "screencode.h"
#include "util.h"

void guide_free(struct guide *g)
{
	if (g == NULL)
		return;
	if (g->check != NULL) {
		char why[256];

		minisig_verify_wait(g->check, why, sizeof why);
	}
	free(g->fallback);
	for (size_t i = 0; g->screens != NULL && i < g->nscreens; i++)
		screen_free(g->screens[i]);
	free(g->screens);
	for (size_t i = 0; i < g->nopened; i++)
		screen_free(g->opened[i].s);
	free(g->opened);
	free(g->by_id);
	free(g->by_code);
	diags_clear(&g->diags);
	regions_clear(&g->regions);
	regions_profile_clear(&g->profile);
	bundle_close(g->bundle);
	free(g->region);
	free(g);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Where key is, or the empty slot it would go in (table of index_cap slots). */
static size_t index_slot(const struct guide *g, const int *table, bool by_id, const char *key)
{
	size_t mask = g->index_cap - 1, h = util_hash(key) & mask;

	while (table[h] >= 0) {
		const struct screen *s = g->screens[table[h]];

		if (strcmp(by_id ? s->id : s->code, key) == 0)
			break;
		h = (h + 1) & mask;
	}
	return h;
}

static void index_add(struct guide *g, int idx)
{
	const struct screen *s = g->screens[idx];

	g->by_id[index_slot(g, g->by_id, true, s->id)] = idx;
	g->by_code[index_slot(g, g->by_code, false, s->code)] = idx;
}

/* Make the tables hold at least need screens at half load, re-adding all. */
static void index_reserve(struct guide *g, size_t need)
{
	size_t cap = 64;

	if (need * 2 <= g->index_cap)
		return;
	while (cap < need * 2)
		cap *= 2;
	free(g->by_id);
	free(g->by_code);
	g->index_cap = cap;
	g->by_id = xmalloc(cap * sizeof *g->by_id);
	g->by_code = xmalloc(cap * sizeof *g->by_code);
	for (size_t i = 0; i < cap; i++)
		g->by_id[i] = g->by_code[i] = -1;
	for (size_t i = 0; i < g->nscreens; i++)
		index_add(g, (int)i);
}

int guide_find(const struct guide *g, const char *key)
{
	int i;

	if (g->bundle != NULL) {
		/* A damaged index may name a screen past the count: none, then. */
		i = bundle_find(g->bundle, g->region, key);
		return i >= 0 && (size_t)i < g->nscreens ? i : -1;
	}
	if (g->index_cap == 0)
		return -1;
	if ((i = g->by_id[index_slot(g, g->by_id, true, key)]) >= 0)
		return i;
	return g->by_code[index_slot(g, g->by_code, false, key)];
}

int guide_set_region(struct guide *g, const char *region)
{
	struct bundle *b = g->bundle;
	const char *name = b != NULL ? regions_find(&g->regions, region) : NULL;
	struct diags d = {0};
	struct guide *n, old;

	if (name == NULL || bundle_find(b, name, "home") < 0)
		return -1;
	g->bundle = NULL;
	/* The profile's problems were the author's to hear at --pack. */
	n = guide_open(b, name, g->regions.where, &d);
	diags_clear(&d);
	/* The bundle's check, fall-back and news stay with the session's guide. */
	n->check = g->check;
	n->fallback = g->fallback;
	n->fell_back = g->fell_back;
	g->check = NULL;
	g->fallback = NULL;
	old = *g;
	*g = *n;
	*n = old;
	/* The profile moved with the struct: its placeholders are read where it is now. */
	g->ctx = &g->profile;
	guide_free(n);
	return 0;
}

const char *guide_value(const struct guide *g, const char *name)
{
	return g->lookup != NULL ? g->lookup(g->ctx, name) : NULL;
}

const char *guide_hotline(const struct guide *g)
{
	const char *v = guide_value(g, "hotline");

	return v != NULL && v[0] != '\0' ? v : NULL;
}

int guide_find_typed(const struct guide *g, const char *typed)
{
	char code[SCREENCODE_MAX];
	int i = guide_find(g, typed);

	if (i < 0 && screencode_parse(typed, code, sizeof code) && strcmp(code, typed) != 0)
		i = guide_find(g, code);
	return i;
}

/* Mark screens reachable from home through every link (menus are links too). */
static void check_reachable(struct guide *g)
{
	char *seen;
	int *todo;
	size_t ntodo = 0;

	if (g->home < 0)
		return;
	seen = xcalloc(g->nscreens, 1);
	todo = xmalloc(g->nscreens * sizeof *todo);
	todo[ntodo++] = g->home;
	seen[g->home] = 1;
	while (ntodo > 0) {
		struct screen *s = g->screens[todo[--ntodo]];

		for (size_t l = 0; l < s->nlinks; l++) {
			int t = s->links[l].screen;

			if (t >= 0 && !seen[t]) {
				seen[t] = 1;
				todo[ntodo++] = t;
			}
		}
	}
	for (size_t i = 0; i < g->nscreens; i++)
		if (!seen[i])
			diags_add(&g->diags, g->screens[i]->file, 1,
				  "screen %s (%s) is not reachable from the home screen",
				  g->screens[i]->code, g->screens[i]->id);
	free(seen);
	free(todo);
}

/* Collect the wizard questions' names and values for checking conditions. */
static void check_cond_names(struct guide *g, const struct cond *c, const char *file, int line)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nclauses; i++)
		for (size_t j = 0; j < c->clauses[i].nterms; j++) {
			const struct cond_term *t = &c->clauses[i].terms[j];
			const struct block *q = NULL;

			for (size_t s = 0; s < g->nscreens && q == NULL; s++) {
				if (g->screens[s]->kind != KIND_WIZARD)
					continue;
				for (size_t b = 0; b < g->screens[s]->nblocks; b++)
					if (g->screens[s]->blocks[b].type == BLK_QUESTION &&
					    strcmp(g->screens[s]->blocks[b].name, t->name) == 0)
						q = &g->screens[s]->blocks[b];
			}
			if (q == NULL) {
				diags_add(&g->diags, file, line,
					  "condition names \"%s\", which no wizard question asks", t->name);
				continue;
			}
			for (size_t v = 0; v < t->nvalues; v++) {
				bool found = false;

				for (size_t o = 0; o < q->nopts && !found; o++)
					found = strcmp(q->opts[o].value, t->values[v]) == 0;
				if (!found)
					diags_add(&g->diags, file, line,
						  "question \"%s\" has no option \"%s\"", t->name, t->values[v]);
			}
		}
}

static void check_block_conds(struct guide *g, const struct screen *s, const struct block *b,
			      size_t n)
{
	for (size_t i = 0; i < n; i++) {
		check_cond_names(g, b[i].cond, s->file, b[i].line);
		check_block_conds(g, s, b[i].sub, b[i].nsub);
	}
}

static void finish_guide(struct guide *g)
{
	g->home = guide_find(g, refs_id(REF_HOME));
	if (g->home < 0 && g->nscreens > 0) {
		diags_add(&g->diags, g->screens[0]->file, 1, "no screen has id \"%s\"", refs_id(REF_HOME));
		g->home = 0;
	}
	for (size_t i = 0; i < g->nscreens; i++) {
		struct screen *s = g->screens[i];

		for (size_t l = 0; l < s->nlinks; l++) {
			s->links[l].screen = guide_find(g, s->links[l].target);
			if (s->links[l].screen < 0)
				diags_add(&g->diags, s->file, s->links[l].line,
					  "broken link: no screen \"%s\"", s->links[l].target);
			else if (s->kind == KIND_CHECKLIST)
				/* A checklist's digits tick its items: a link there cannot be opened. */
				diags_add(&g->diags, s->file, s->links[l].line,
					  "a link on a checklist cannot be opened (digits tick items): "
					  "name \"%s\" without a link",
					  s->links[l].target);
		}
	}
	check_reachable(g);
	for (size_t i = 0; i < g->nscreens; i++)
		check_block_conds(g, g->screens[i], g->screens[i]->blocks, g->screens[i]->nblocks);
}

/* Add s to the guide unless its code or id is taken; a region file replaces a general one. */
static void add_screen(struct guide *g, size_t *cap, struct screen *s, const char *region,
		       struct diags *d)
{
	int same_id, same_code;

	index_reserve(g, g->nscreens + 1);
	same_id = g->by_id[index_slot(g, g->by_id, true, s->id)];
	same_code = g->by_code[index_slot(g, g->by_code, false, s->code)];
	/* Only the screens that share the id or the code can clash. */
	for (int k = 0; k < 2; k++) {
		int i = k == 0 ? same_id : same_code;
		struct screen *o;

		if (i < 0 || (k == 1 && i == same_id))
			continue;
		o = g->screens[i];

		if (strcmp(o->id, s->id) == 0 && region != NULL && s->region != NULL &&
		    o->region == NULL) {
			if (strcmp(o->code, s->code) != 0) {
				diags_add(d, s->file, 1,
					  "region file has code %s, the general file %s has %s (kept)",
					  s->code, o->file, o->code);
				/* Keep the general file's code: that is what staff read aloud. */
				free(s->code);
				s->code = xstrdup(o->code);
			}
			g->screens[i] = s;
			screen_free(o);
			return;
		}
		if (strcmp(o->id, s->id) == 0 && o->region != NULL && s->region == NULL) {
			screen_free(s); /* the region file came first and wins */
			return;
		}
		if (strcmp(o->id, s->id) == 0) {
			diags_add(d, s->file, 1, "duplicate id \"%s\" (also in %s)", s->id, o->file);
			screen_free(s);
			g->nerrors++;
			return;
		}
		if (strcmp(o->code, s->code) == 0) {
			diags_add(d, s->file, 1, "duplicate code \"%s\" (also in %s)", s->code, o->file);
			screen_free(s);
			g->nerrors++;
			return;
		}
	}
	g->screens = xgrow(g->screens, cap, g->nscreens + 1, sizeof *g->screens);
	g->screens[g->nscreens++] = s;
	index_add(g, (int)g->nscreens - 1);
}

struct guide *guide_load(const char *dir, const char *region, content_lookup_fn lookup,
			 void *ctx)
{
	struct guide *g = xcalloc(1, sizeof *g);
	DIR *dh = opendir(dir);

	g->lookup = lookup;
	g->ctx = ctx;
	struct dirent *de;
	char **names = NULL;
	size_t nnames = 0, ncap = 0, scap = 0;

	g->home = -1;
	if (dh == NULL) {
		diags_add(&g->diags, dir, 0, "cannot open content directory: %s", strerror(errno));
		return g;
	}
	while ((de = readdir(dh)) != NULL) {
		size_t n = strlen(de->d_name);

		if (n < 4 || strcmp(de->d_name + n - 3, ".md") != 0 || de->d_name[0] == '.')
			continue;
		names = xgrow(names, &ncap, nnames + 1, sizeof *names);
		names[nnames++] = xstrdup(de->d_name);
	}
	closedir(dh);
	if (nnames > 0) /* qsort(NULL, 0, ...) is undefined */
		qsort(names, nnames, sizeof *names, cmp_names);
	for (size_t i = 0; i < nnames; i++) {
		char *path = util_path_join(dir, names[i]);
		size_t len;
		char *raw = util_read_file(path, CONTENT_MAX_FILE, &len);
		struct screen *s;

		if (raw == NULL) {
			diags_add(&g->diags, path, 0, "cannot read: %s", util_read_error(errno));
			g->nerrors++;
		} else if ((s = content_parse(path, raw, len, lookup, ctx, &g->diags)) == NULL) {
			g->nerrors++;
		} else if (s->region != NULL && (region == NULL || strcmp(s->region, region) != 0)) {
			screen_free(s); /* another region's variant */
		} else {
			add_screen(g, &scap, s, region, &g->diags);
		}
		free(raw);
		free(path);
		free(names[i]);
	}
	free(names);
	finish_guide(g);
	return g;
}

int guide_find_kind(const struct guide *g, enum kind k)
{
	if (g->bundle != NULL) {
		int i = bundle_find_kind(g->bundle, g->region, (int)k);

		return i >= 0 && (size_t)i < g->nscreens ? i : -1;
	}
	for (size_t i = 0; i < g->nscreens; i++)
		if (g->screens[i]->kind == k)
			return (int)i;
	return -1;
}

struct guide *guide_open(struct bundle *b, const char *region, const char *where, struct diags *d)
{
	struct guide *g = xcalloc(1, sizeof *g);
	int n;

	g->bundle = b;
	regions_from_bundle(&g->regions, b, where);
	regions_load(&g->profile, &g->regions, region, d);
	g->region = xstrdup(g->profile.name);
	g->lookup = regions_lookup;
	g->ctx = &g->profile;
	n = bundle_count(b, g->region);
	/* Nothing a screen is held until it is asked for: memory does not grow with the content. */
	g->nscreens = (size_t)n;
	g->home = guide_find(g, "home");
	if (g->home < 0 && n > 0)
		g->home = 0;
	return g;
}

void guide_check_later(struct guide *g, struct minisig_job *check, char *fallback)
{
	g->check = check;
	free(g->fallback);
	g->fallback = fallback;
}

bool guide_check_pending(const struct guide *g)
{
	return g->check != NULL;
}

int guide_check_wait(struct guide *g, char *why, size_t whylen)
{
	int rc;

	if (g->check == NULL)
		return 0;
	rc = minisig_verify_wait(g->check, why, whylen);
	g->check = NULL;
	return rc;
}

int guide_fall_back(struct guide *g, char *why, size_t whylen)
{
	struct diags d = {0};
	struct regions rs;
	struct profile p = {0};
	struct bundle *b;
	int n;

	if (g->fallback == NULL) {
		util_say(why, whylen, "no content was shipped with the program");
		return -1;
	}
	if ((b = bundle_open(g->fallback, why, whylen)) == NULL)
		return -1;
	/* The same region, as the shipped bundle has it (national when it has none). */
	regions_from_bundle(&rs, b, g->fallback);
	regions_load(&p, &rs, g->profile.name, &d);
	diags_clear(&d);
	for (size_t i = 0; i < g->nopened; i++)
		screen_free(g->opened[i].s);
	g->nopened = 0;
	bundle_close(g->bundle);
	g->bundle = b;
	g->fell_back = true;
	regions_clear(&g->regions);
	g->regions = rs;
	regions_profile_clear(&g->profile);
	g->profile = p;
	free(g->region);
	g->region = xstrdup(p.name);
	n = bundle_count(b, g->region);
	g->nscreens = (size_t)n;
	g->home = guide_find(g, "home");
	if (g->home < 0 && n > 0)
		g->home = 0;
	return 0;
}

/* Screen idx of g with its front matter (body maybe not parsed), or NULL. */
static struct screen *head(struct guide *g, int idx)
{
	struct bundle_head h;
	struct screen *s;

	if (idx < 0 || (size_t)idx >= g->nscreens)
		return NULL;
	if (g->bundle == NULL)
		return g->screens[idx];
	/* A session opens tens of screens: a list is enough. */
	for (size_t i = g->nopened; i > 0; i--)
		if (g->opened[i - 1].idx == idx)
			return g->opened[i - 1].s;
	s = xcalloc(1, sizeof *s);
	if (bundle_head(g->bundle, g->region, idx, &h) == 0) {
		s->file = h.file;
		s->id = h.id;
		s->code = h.code;
		s->title = h.title;
		s->updated = h.updated;
		s->source = h.source;
		s->kind = h.kind >= 0 && h.kind < KIND_COUNT ? (enum kind)h.kind : KIND_PAGE;
	} else {
		/* A damaged index: an empty page rather than a crash. */
		s->file = xstrdup("?");
		s->id = xstrdup("?");
		s->code = xstrdup("?");
		s->title = xstrdup("?");
		s->kind = KIND_PAGE;
	}
	s->unloaded = true;
	g->opened = xgrow(g->opened, &g->opened_cap, g->nopened + 1, sizeof *g->opened);
	g->opened[g->nopened].idx = idx;
	g->opened[g->nopened].s = s;
	g->nopened++;
	return s;
}

const struct screen *guide_head(struct guide *g, int idx)
{
	return head(g, idx);
}

struct screen *guide_get(struct guide *g, int idx)
{
	struct screen *s, *fresh;
	struct diags d = {0};
	size_t len;
	char *raw;

	s = head(g, idx);
	if (s == NULL || !s->unloaded)
		return s;
	s->unloaded = false;
	raw = bundle_text(g->bundle, g->region, idx, &len);
	fresh = raw != NULL ? content_parse(s->file, raw, len, g->lookup, g->ctx, &d) : NULL;
	free(raw);
	diags_clear(&d); /* --pack refused every problem; a preview said them at start */
	if (fresh == NULL)
		return s;
	/*
	 * The index's front matter stays (a region variant keeps the general
	 * code), but for the kind: the screen is shown as what its text is, so a
	 * page the index calls a wizard is a page, never a wizard without questions.
	 */
	s->kind = fresh->kind;
	s->blocks = fresh->blocks;
	s->nblocks = fresh->nblocks;
	s->links = fresh->links;
	s->nlinks = fresh->nlinks;
	fresh->blocks = NULL;
	fresh->nblocks = 0;
	fresh->links = NULL;
	fresh->nlinks = 0;
	screen_free(fresh);
	for (size_t l = 0; l < s->nlinks; l++)
		s->links[l].screen = guide_find(g, s->links[l].target);
	return s;
}

size_t guide_check_refs(struct guide *g, const char *dir, struct diags *d)
{
	size_t bad = 0;

	for (int r = 0; r < REF_COUNT; r++) {
		int idx = guide_find(g, refs_id((enum ref)r));
		const struct screen *s = idx >= 0 ? guide_head(g, idx) : NULL;

		/* guide_find also matches codes: only this very id will do. */
		if (s != NULL && (s->id == NULL || strcmp(s->id, refs_id((enum ref)r)) != 0))
			s = NULL;
		if (s == NULL) {
			if (r == REF_HOME)
				continue; /* guide_load says so already, at every start */
			diags_add(d, dir, 0, "no screen has id \"%s\" (needed by %s, kind %s)",
				  refs_id((enum ref)r), refs_used_by((enum ref)r), kind_name(refs_kind((enum ref)r)));
			bad++;
		} else if (s->kind != refs_kind((enum ref)r)) {
			diags_add(d, s->file, 1, "screen \"%s\" must be kind %s for %s, not %s",
				  refs_id((enum ref)r), kind_name(refs_kind((enum ref)r)), refs_used_by((enum ref)r),
				  kind_name(s->kind));
			bad++;
		}
	}
	return bad;
}

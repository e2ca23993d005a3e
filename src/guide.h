/*
 * guide.h -- the guide: the screens of one region, opened on a bundle (every
 * session) or loaded from a content directory (--check, --pack, --content DIR),
 * indexed by id and code, bodies parsed when asked for, searched
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_GUIDE_H
#define YIBAO_GUIDE_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "regions.h"
#include "util.h"

struct bundle;
struct minisig_job;

/* A screen of a bundle parsed because it was asked for (guide.opened). */
struct opened {
	int idx;
	struct screen *s;
};

struct guide {
	/*
	 * Effective screens for the active region. A guide loaded from a directory
	 * (guide_load: --check, --pack) holds every screen here; a guide opened
	 * on a bundle (guide_open: every session) has none here and keeps only
	 * those asked for in opened: use guide_head / guide_get.
	 */
	struct screen **screens;
	size_t nscreens;
	struct opened *opened; /* guide_open: screens asked for, in order of asking */
	size_t nopened, opened_cap;
	int home;           /* index of id "home", or of the first screen; -1 if none */
	struct diags diags; /* every problem found, FILE:LINE */
	size_t nerrors;     /* files that were skipped */
	/* Open-addressing tables of screen indexes by id and by code (-1: empty). */
	int *by_id, *by_code;
	size_t index_cap;
	/* How placeholders are filled when a body is parsed (guide_open: from profile). */
	content_lookup_fn lookup;
	void *ctx;
	struct bundle *bundle; /* guide_open: the open bundle (owned), else NULL */
	char *region;          /* guide_open: the region's name in the bundle */
	/*
	 * guide_open: the region profiles the bundle carries, and the one shown
	 * (its figures, title and placeholders), read again with the region.
	 * A guide loaded from a directory has none: its caller's lookup fills it.
	 */
	struct regions regions;
	struct profile profile;
	/* A signature check still running over bundle, and what to show if it fails. */
	struct minisig_job *check;
	char *fallback; /* path of the bundle shipped with the program, or NULL */
	bool fell_back; /* guide_fall_back replaced a refused update (the session says so) */
};

/*
 * Load every *.md file of dir (sorted by name) for region (NULL: general files
 * only). Placeholders are filled through lookup. Problems go to guide.diags; a
 * file with a fatal problem is skipped. Returns a new guide (never NULL); free
 * with guide_free.
 */
struct guide *guide_load(const char *dir, const char *region, content_lookup_fn lookup,
			 void *ctx);
void guide_free(struct guide *g);

/*
 * Hand g (opened on a bundle whose signature is being checked in a thread:
 * minisig_verify_start) that check, and the path of the bundle to show instead
 * when it fails, or NULL. Both are taken over.
 */
void guide_check_later(struct guide *g, struct minisig_job *check, char *fallback);
/* True while a check handed to g has not been waited for. */
bool guide_check_pending(const struct guide *g);
/*
 * Wait for g's check. Returns 0 when its bundle verified (or none was being
 * checked), -1 with a one-line reason in why when it did not: then call
 * guide_fall_back before anything more is shown from g.
 */
int guide_check_wait(struct guide *g, char *why, size_t whylen);
/*
 * Put the fallback bundle in place of g's refused one: every screen of g is
 * dropped (the caller holds none), and the region's profile is read again
 * from the fallback (national when it has no such region). Returns 0, or -1
 * with a reason in why when there is no fallback or it does not open (g
 * unchanged: show nothing more from it).
 */
int guide_fall_back(struct guide *g, char *why, size_t whylen);

/*
 * The guide of region (NULL: national) in bundle b (taken over: guide_free
 * closes it), its profile read from the bundle's region profiles (problems,
 * and a region the bundle does not have, said in d, named where; then
 * national is shown). Reads only the index; bodies are parsed from the open
 * bundle when asked for, with placeholders filled from the profile. Returns a
 * new guide (never NULL).
 */
struct guide *guide_open(struct bundle *b, const char *region, const char *where, struct diags *d);

/*
 * Show region of g's open bundle instead, with its profile: g keeps its
 * address (the session holds it) but drops every screen (the caller holds
 * none). Returns 0, or -1 when the bundle has no such region or no screens
 * for it (g unchanged).
 */
int guide_set_region(struct guide *g, const char *region);
/* A placeholder's value as g's screens show it ("region": the title), or NULL. */
const char *guide_value(const struct guide *g, const char *name);
/*
 * The region profile's hotline, or NULL when it has none (or it is empty).
 * The code never spells the number itself.
 */
const char *guide_hotline(const struct guide *g);

/* Index of the screen with this id or code, or -1. */
int guide_find(const struct guide *g, const char *id_or_code);
/*
 * The same for what a person typed: a code also as an input method writes it
 * ("3。4", "３．４": screencode_parse). For the g prompt and --print; links use guide_find.
 */
int guide_find_typed(const struct guide *g, const char *typed);
/* Index of the first screen of kind k, or -1. */
int guide_find_kind(const struct guide *g, enum kind k);
/*
 * Screen idx with at least its front matter (code, id, title, kind, updated,
 * source); its body may not be parsed yet. NULL when idx is out of range.
 * Owned by g; stays valid until guide_free.
 */
const struct screen *guide_head(struct guide *g, int idx);
/*
 * Screen idx with its body (parsed from the open bundle the first time; never
 * from a file by path). Owned by g; stays valid until guide_free.
 */
struct screen *guide_get(struct guide *g, int idx);

/* Search and the screens as text (defined in guide_text.c). */

/*
 * Search every screen for q (ASCII case and full width ignored): its title
 * (also by pinyin), aliases, headings and the text it shows, placeholders
 * filled. fn is called for each hit, best first: the title or an alias is q
 * (or spelt whole by q as pinyin); then q in the title (pinyin: whole
 * syllables spelling a word, pinyin_fit); then in an alias; then in a heading;
 * then in the text; then pinyin that spells less than a word ("cbdj", 医保小
 * for "baoxiao").
 * Screen order breaks ties. fn gets the line of the shown text the match is in
 * and the byte offset of the match in it (-1 when the title or an alias
 * matched); the strings are valid during the call only. Returns the number of hits.
 */
int guide_search(struct guide *g, const char *q,
		 void (*fn)(void *ctx, int idx, const char *code, const char *title,
			    const char *text, long at),
		 void *ctx);
/*
 * The same, calling fn for the first max hits only; the rest are counted (no
 * snippet text is filled for them), so a list shows a few and says how many
 * more there are. Returns the number of hits, shown or not.
 */
int guide_search_some(struct guide *g, const char *q, int max,
		      void (*fn)(void *ctx, int idx, const char *code, const char *title,
				 const char *text, long at),
		      void *ctx);
/*
 * The text a screen shows (title excluded), blocks separated by '\n', for
 * search; then its aliases and its headings, a line each, marked with
 * GUIDE_TEXT_ALIAS or GUIDE_TEXT_HEADING (a control character content cannot
 * hold, so the shown text ends at the first). Caller frees.
 */
#define GUIDE_TEXT_MARK '\x1f'
#define GUIDE_TEXT_ALIAS "\x1f" \
			 "A"
#define GUIDE_TEXT_HEADING "\x1f" \
			   "H"
char *guide_screen_text(const struct screen *s);
/*
 * Call fn for every screen with its code, title and shown text (valid during the
 * call only), in order, until fn returns non-zero. Returns screens visited.
 */
int guide_each_text(struct guide *g,
		    int (*fn)(void *ctx, int idx, const char *code, const char *title,
			      const char *text),
		    void *ctx);

/*
 * Report (FILE:LINE into d; a missing screen as dir, the content's source)
 * every id of refs.h whose screen is missing from g or has another kind than
 * the code expects. Returns the number of problems.
 */
size_t guide_check_refs(struct guide *g, const char *dir, struct diags *d);

#endif

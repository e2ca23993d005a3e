/*
 * content.h -- the guide's content: screens parsed from content/NAME.md files
 * SPDX-License-Identifier: MIT
 *
 * content_load reads every .md file of a directory into one read-only struct guide.
 * Files are UTF-8: a front-matter block, then a markdown body parsed with md4c
 * into blocks of rich text. Nothing here draws or knows about curses.
 */
#ifndef YIBAO_CONTENT_H
#define YIBAO_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "rules.h"
#include "util.h"

/* Largest content file read (bigger ones are reported and skipped). */
#define CONTENT_MAX_FILE (1024 * 1024)
/* Links one screen may hold; further link text is shown plain (and --check says so). */
#define CONTENT_MAX_LINKS 1000

enum kind {
	KIND_MENU,
	KIND_PAGE,
	KIND_CHECKLIST,
	KIND_WIZARD,
	KIND_CALCULATOR,
	KIND_STATUS,
	KIND_COUNT
};

/* Name of a kind as written in front matter ("menu"), or NULL. */
const char *kind_name(enum kind k);

/* Text attributes of a span. */
enum {
	TA_STRONG = 1 << 0,
	TA_EM = 1 << 1,
	TA_LINK = 1 << 2,
	TA_CODE = 1 << 3,
	TA_MATCH = 1 << 4, /* search hit: set by the layout, never by the parser */
};

/* A run of text with one set of attributes; link is an index into screen.links or -1. */
struct span {
	size_t off, len;
	unsigned attr;
	int link;
};

/* Sanitised UTF-8 text with attribute spans covering it ('\n' is a hard break). */
struct rich {
	char *text;
	size_t len;
	struct span *spans;
	size_t nspans;
};

enum block_type {
	BLK_PARA,
	BLK_HEADING,
	BLK_ITEM,     /* list item (bullet, number, or task) */
	BLK_TABLE,
	BLK_RULE,
	BLK_CODE,     /* preformatted */
	BLK_QUESTION, /* wizard question */
	BLK_RESULT,   /* wizard result: its body is sub-blocks */
};

enum {
	BF_NOTE = 1 << 0,    /* inside a block quote: shown set apart */
	BF_TASK = 1 << 1,    /* task-list item (checklist entry) */
	BF_CHECKED = 1 << 2, /* written as [x] */
	BF_CONT = 1 << 3,    /* a further paragraph of a list item */
	BF_INELIGIBLE = 1 << 4, /* wizard result "result ineligible": cannot join, nothing to bring */
};

struct choice {
	char *value;
	char *label;
};

struct block {
	enum block_type type;
	int line;     /* source line, 1-based */
	int level;    /* heading level 1-6; list depth 1..; 0 outside lists */
	int number;   /* ordered list number; 0 for bullets */
	unsigned flags;
	struct rich r;      /* the text (question text for BLK_QUESTION) */
	struct cond *cond;  /* task item, question, result; NULL = always */
	/* BLK_TABLE: nrows x ncols cells, row 0 is the header. */
	int nrows, ncols;
	struct rich *cells;
	/* BLK_QUESTION */
	char *name;
	struct choice *opts;
	size_t nopts;
	/* BLK_RESULT */
	struct block *sub;
	size_t nsub;
};

struct link {
	char *target;  /* as written: an id or a code */
	int line;
	int screen;    /* resolved index into guide.screens, -1 if broken */
};

struct screen {
	char *code, *id, *title, *region, *updated, *source;
	char *aliases; /* "aliases:" front matter: other words search finds it by ("alipay"), or NULL */
	enum kind kind;
	char *file;    /* path as given to content_load */
	struct block *blocks;
	size_t nblocks;
	struct link *links;
	size_t nlinks;
	bool unloaded;  /* body not parsed yet (bundle): content_get parses it from the bundle */
};

/* Look up a placeholder's value for the active region; NULL when unknown. */
typedef const char *(*content_lookup_fn)(void *ctx, const char *name);

struct bundle;
struct config;
struct minisig_job;

struct guide {
	/*
	 * Effective screens for the active region. A guide loaded from a directory
	 * (content_load: --check, --pack) holds every screen here; a guide opened
	 * on a bundle (content_open: every session) has none here and keeps only
	 * those asked for in opened: use content_head / content_get.
	 */
	struct screen **screens;
	size_t nscreens;
	struct opened {
		int idx;
		struct screen *s;
	} *opened;               /* content_open: screens asked for, in order of asking */
	size_t nopened, opened_cap;
	int home;                /* index of id "home", or of the first screen; -1 if none */
	struct diags diags;      /* every problem found, FILE:LINE */
	size_t nerrors;          /* files that were skipped */
	/* Open-addressing tables of screen indexes by id and by code (-1: empty). */
	int *by_id, *by_code;
	size_t index_cap;
	/* How placeholders are filled when a body is parsed from the bundle. */
	content_lookup_fn lookup;
	void *ctx;
	struct bundle *bundle;   /* content_open: the open bundle (owned), else NULL */
	char *region;            /* content_open: the region's name in the bundle */
	/* A signature check still running over bundle, and what to show if it fails. */
	struct minisig_job *check;
	char *fallback;          /* path of the bundle shipped with the program, or NULL */
};


/*
 * Load every *.md file of dir (sorted by name) for region (NULL: general files
 * only). Placeholders are filled through lookup. Problems go to guide.diags; a
 * file with a fatal problem is skipped. Returns a new guide (never NULL); free
 * with content_free.
 */
struct guide *content_load(const char *dir, const char *region, content_lookup_fn lookup,
			   void *ctx);
void content_free(struct guide *g);

/*
 * Hand g (opened on a bundle whose signature is being checked in a thread:
 * minisig_verify_start) that check, and the path of the bundle to show instead
 * when it fails, or NULL. Both are taken over.
 */
void content_check_later(struct guide *g, struct minisig_job *check, char *fallback);
/* True while a check handed to g has not been waited for. */
bool content_check_pending(const struct guide *g);
/*
 * Wait for g's check. Returns 0 when its bundle verified (or none was being
 * checked), -1 with a one-line reason in why when it did not: then call
 * content_fall_back before anything more is shown from g.
 */
int content_check_wait(struct guide *g, char *why, size_t whylen);
/*
 * Put the fallback bundle in place of g's refused one: every screen of g is
 * dropped (the caller holds none), and cfg's region profile is read again
 * from the fallback. Returns 0, or -1 with a reason in why when there is no
 * fallback or it does not open (g unchanged: show nothing more from it).
 */
int content_fall_back(struct guide *g, struct config *cfg, char *why, size_t whylen);

/*
 * The guide of region in bundle b (taken over: content_free closes it). Reads
 * only the index; bodies are parsed from the open bundle when asked for, with
 * placeholders filled through lookup. Returns a new guide (never NULL).
 */
struct guide *content_open(struct bundle *b, const char *region, content_lookup_fn lookup,
			   void *ctx);

/* Index of the screen with this id or code, or -1. */
int content_find(const struct guide *g, const char *id_or_code);
/* Index of the first screen of kind k, or -1. */
int content_find_kind(const struct guide *g, enum kind k);
/*
 * Screen idx with at least its front matter (code, id, title, kind, updated,
 * source); its body may not be parsed yet. NULL when idx is out of range.
 * Owned by g; stays valid until content_free.
 */
const struct screen *content_head(struct guide *g, int idx);
/*
 * Screen idx with its body (parsed from the open bundle the first time; never
 * from a file by path). Owned by g; stays valid until content_free.
 */
struct screen *content_get(struct guide *g, int idx);

/*
 * Search every screen for q (ASCII case ignored): its title (also by pinyin
 * initials) and the text it shows, placeholders filled. fn is called for each
 * hit, in order, with the shown text and the byte offset of the match in it
 * (-1 when the title matched); the strings are valid during the call only.
 * Returns the number of hits.
 */
int content_search(struct guide *g, const char *q,
		   void (*fn)(void *ctx, int idx, const char *code, const char *title,
			      const char *text, long at),
		   void *ctx);
/*
 * The same, calling fn for the first max hits only; the rest are counted (no
 * snippet text is filled for them), so a list shows a few and says how many
 * more there are. Returns the number of hits, shown or not.
 */
int content_search_some(struct guide *g, const char *q, int max,
			void (*fn)(void *ctx, int idx, const char *code, const char *title,
				   const char *text, long at),
			void *ctx);
/* text with each known {{name}} replaced by lookup's value (unknown ones kept). Caller frees. */
char *content_fill(const char *text, content_lookup_fn lookup, void *ctx);
/* The text a screen shows (title excluded), blocks separated by '\n', for search. Caller frees. */
char *content_screen_text(const struct screen *s);
/*
 * Call fn for every screen with its code, title and shown text (valid during the
 * call only), in order, until fn returns non-zero. Returns screens visited.
 */
int content_each_text(struct guide *g,
		      int (*fn)(void *ctx, int idx, const char *code, const char *title,
				const char *text),
		      void *ctx);

/*
 * Parse one file's text into a screen (for tests and fuzzing). path names the file
 * in diagnostics. Returns NULL (with diags) when the file must be skipped.
 */
struct screen *content_parse(const char *path, const char *text, size_t len,
			     content_lookup_fn lookup, void *ctx, struct diags *d);
void screen_free(struct screen *s);

/*
 * Parse a markdown body (no front matter) into blocks; line_base is the file line
 * of the body's first line. Used for the body and for wizard results.
 */
void markdown_parse(struct screen *s, const char *body, size_t len, int line_base,
		    struct block **out, size_t *nout, struct diags *d);
/*
 * The wizard's fences (fence.c), read out of markdown code fences: file names the
 * file in diagnostics, rest is the info string after "question"/"result", b the
 * block (its line set). fence_question also reads the question's text and options
 * from body (the fence's text), line being the file line of its first line.
 * fence_result reads only the info string ("[ineligible] [if CONDITION]"): the
 * caller parses the result's body as markdown into b->sub. Problems go to d.
 */
void fence_question(const char *file, struct block *b, const char *rest, const char *body,
		    int line, struct diags *d);
void fence_result(const char *file, struct block *b, const char *rest, struct diags *d);
void blocks_free(struct block *b, size_t n);
void rich_free(struct rich *r);

/* A menu entry derived from a menu screen's list of links. */
struct menu_entry {
	int link;          /* index into screen.links */
	const char *label; /* owned by the screen */
	size_t label_len;
	const char *desc;  /* rest of the item after the link; may be empty */
	size_t desc_len;
};
/* The entries of a menu screen. Returns count; *out is a new array (caller frees). */
size_t content_menu_entries(const struct screen *s, struct menu_entry **out);

#endif

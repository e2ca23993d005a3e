/*
 * screen.h -- the model's content types: a screen, its blocks of rich text,
 * links and wizard fences, and their destructors
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_SCREEN_H
#define YIBAO_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "rules.h"

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
	BLK_ITEM, /* list item (bullet, number, or task) */
	BLK_TABLE,
	BLK_RULE,
	BLK_CODE,     /* preformatted */
	BLK_QUESTION, /* wizard question */
	BLK_RESULT,   /* wizard result: its body is sub-blocks */
};

enum {
	BF_NOTE = 1 << 0,       /* inside a block quote: shown set apart */
	BF_TASK = 1 << 1,       /* task-list item (checklist entry) */
	BF_CHECKED = 1 << 2,    /* written as [x] */
	BF_CONT = 1 << 3,       /* a further paragraph of a list item */
	BF_INELIGIBLE = 1 << 4, /* wizard result "result ineligible": cannot join, nothing to bring */
};

struct choice {
	char *value;
	char *label;
};

struct block {
	enum block_type type;
	int line;   /* source line, 1-based */
	int level;  /* heading level 1-6; list depth 1..; 0 outside lists */
	int number; /* ordered list number; 0 for bullets */
	unsigned flags;
	struct rich r;     /* the text (question text for BLK_QUESTION) */
	struct cond *cond; /* task item, question, result; NULL = always */
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
	char *target; /* as written: an id or a code */
	int line;
	int screen; /* resolved index into guide.screens, -1 if broken */
};

struct screen {
	char *code, *id, *title, *region, *updated, *source;
	char *aliases; /* "aliases:" front matter: other words search finds it by ("alipay"), or NULL */
	enum kind kind;
	char *file; /* path as given to guide_load */
	struct block *blocks;
	size_t nblocks;
	struct link *links;
	size_t nlinks;
	bool unloaded; /* body not parsed yet (bundle): guide_get parses it from the bundle */
};

/* Free s and all it holds. s may be NULL. */
void screen_free(struct screen *s);
/* Free what a block array / a rich text holds. NULL-safe. */
void blocks_free(struct block *b, size_t n);
void rich_clear(struct rich *r);

#endif

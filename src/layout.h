/*
 * layout.h -- lay blocks out as display lines for a given width
 * SPDX-License-Identifier: MIT
 *
 * The one place where content becomes lines: the curses renderer, --print and
 * line mode all draw the same struct layout, so they show the same words.
 * Widths are display columns (text.h). Nothing here draws.
 */
#ifndef YIBAO_LAYOUT_H
#define YIBAO_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"

enum {
	LF_NOTE = 1 << 0, /* part of a note: drawn set apart */
	LF_HEADING = 1 << 1,
	LF_RULE = 1 << 2, /* a horizontal rule: text is empty, draw a line */
	LF_DIM = 1 << 3,  /* secondary text (dates, sources, hints) */
	LF_WARN = 1 << 4, /* a message that needs attention */
};

/* Attributes of part of a line: TA_* from content.h. */
struct lspan {
	size_t off, len;
	unsigned attr;
};

struct dline {
	char *text; /* UTF-8, owned */
	size_t len;
	struct lspan *spans;
	size_t nspans;
	int indent;        /* columns of blank before text */
	int item;          /* selectable item this line belongs to, or -1 */
	unsigned flags;    /* LF_* */
	size_t tcap, scap; /* allocated text bytes and spans (layout.c's business) */
};

struct layout {
	struct dline *lines;
	size_t n, cap;
	int width;
	int *item_line; /* first line of each item */
	int *item_ref;  /* what the item stands for (menu link, block index, option) */
	size_t nitems, icap;
	bool ascii; /* ASCII borders and markers only */
};

/* How blocks are laid out. */
struct layout_opts {
	bool number_links; /* append [N] after link text (pages) */
	/*
	 * On paper (--print, export, line mode): the code of the screen each link
	 * opens, by link number, appended as "（1.1）" so g finds it again; NULL or
	 * a NULL entry: none.
	 */
	const char *const *link_codes;
	size_t nlink_codes;
	const struct answers *answers; /* show only conditional items that match; NULL: all */
	bool tasks_selectable;         /* checklist: each shown task is an item */
	/* Tick state of a task (block index); NULL: as written in the file. */
	bool (*ticked)(void *ctx, size_t block);
	void *ctx;
	/* Task markers, not ticked and ticked; NULL: "[ ]" and "[x]" (line mode says words). */
	const char *const *marks;
};

void layout_init(struct layout *l, int width, bool ascii);
/* Drop all lines and items; width and ascii stay. */
void layout_reset(struct layout *l);
/* Free every line and item of l (l may be NULL). */
void layout_clear(struct layout *l);

void layout_blank(struct layout *l);
/* Wrap plain text (may hold '\n') at indent with the given attribute and flags. */
void layout_text(struct layout *l, const char *s, unsigned attr, int indent, unsigned flags);
/*
 * Wrap rich text: prefix on the first line, its width of blank on the others.
 * item: item index for these lines or -1. links: append "（code）" and "[N]"
 * after links as o's link_codes and number_links say (o may be NULL).
 */
void layout_rich(struct layout *l, const struct rich *r, const char *prefix, int indent,
		 unsigned flags, int item, const struct layout_opts *o);
/* Lay out n blocks of screen s in order, with a blank line between groups. */
void layout_blocks(struct layout *l, const struct block *b, size_t n,
		   const struct layout_opts *o);
/* Start a new selectable item standing for ref; returns its index. */
int layout_add_item(struct layout *l, int ref);

/* One key hint of the bottom line ("?帮助") and how long it stays when room is short. */
struct layout_hint {
	const char *text;
	int keep;   /* the higher, the later it is dropped */
	bool group; /* begins a group: two spaces before it instead of one */
};

/*
 * The hints that fit in cols columns, in their order, one space apart (two
 * before a group). When they do not all fit, the lowest keep is dropped first
 * (of equal ones the rightmost); a hint is shown whole or not at all, never
 * cut. Returns a new string (caller frees); "" when none fits.
 */
char *layout_fit_hints(const struct layout_hint *h, size_t n, int cols);

/* Number of lines a table would take is not needed; tables wrap within columns. */

#endif

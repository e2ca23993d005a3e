/*
 * content.h -- one content file into a screen: front matter, placeholders
 * filled, the body handed to markdown.c; menu entries of a menu screen
 * SPDX-License-Identifier: MIT
 *
 * Files are UTF-8: a front-matter block, then a markdown body parsed with md4c
 * into blocks of rich text (the types are screen.h's). Nothing here draws or
 * knows about curses.
 */
#ifndef YIBAO_CONTENT_H
#define YIBAO_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "screen.h"
#include "util.h"

/* Look up a placeholder's value for the active region; NULL when unknown. */
typedef const char *(*content_lookup_fn)(void *ctx, const char *name);

/* text with each known {{name}} replaced by lookup's value (unknown ones kept). Caller frees. */
char *content_fill(const char *text, content_lookup_fn lookup, void *ctx);

/*
 * Parse one file's text into a screen (for tests and fuzzing). path names the file
 * in diagnostics. Returns NULL (with diags) when the file must be skipped.
 */
struct screen *content_parse(const char *path, const char *text, size_t len,
			     content_lookup_fn lookup, void *ctx, struct diags *d);

/*
 * Chinese punctuation: an ASCII , : ; ? ! ( ) with Chinese on both sides
 * ("报销,这里") is reported in d as path:line ("use the full-width form"). text
 * holds whole lines, the first numbered line_base. --check runs it over
 * content; test_literals over the program's own string literals.
 */
void content_check_punct(const char *path, const char *text, int line_base, struct diags *d);

/* The longest alias --check accepts, in bytes (ten Chinese characters, or a short phrase). */
#define CONTENT_ALIAS_MAX 30

/*
 * The aliases of an "aliases:" value one by one, split at ",", "，" or "、": the next
 * one's start (inside the value) with its length, spaces trimmed, in *n (0 for
 * an empty one); *p moves past it and its comma. NULL when none is left.
 */
const char *content_alias_next(const char **p, size_t *n);

/* A menu entry derived from a menu screen's list of links. */
struct menu_entry {
	int link;          /* index into screen.links */
	const char *label; /* owned by the screen */
	size_t label_len;
	const char *desc; /* rest of the item after the link; may be empty */
	size_t desc_len;
};
/* The entries of a menu screen. Returns count; *out is a new array (caller frees). */
size_t content_menu_entries(const struct screen *s, struct menu_entry **out);

#endif

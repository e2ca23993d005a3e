/*
 * markdown.h -- a screen's body, markdown (md4c) into blocks of rich text, and
 * the wizard's fenced blocks read out of it (fence.c)
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_MARKDOWN_H
#define YIBAO_MARKDOWN_H

#include <stddef.h>

#include "screen.h"
#include "util.h"

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

#endif

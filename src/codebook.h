/*
 * codebook.h -- the answer code book of a guide: its wizard, its regions, the region a code names
 * SPDX-License-Identifier: MIT
 *
 * The document half of answer codes (answercode.h is the code itself): which
 * wizard of a guide codes are made from, the book for the configured regions,
 * the region a code was made in, and what --check says about it. No app, no
 * screen: main, --check and the screens (screens/answercode.c) all use it.
 */
#ifndef YIBAO_CODEBOOK_H
#define YIBAO_CODEBOOK_H

#include "answercode.h"
#include "guide.h"
#include "regions.h"
#include "report.h"

/* The wizard answer codes are made from: id eligibility, else the first wizard; -1 when none. */
int codebook_wizard(struct guide *g);
/*
 * The code book of g's wizard for the region profiles of rs, the active one
 * being region. Returns a new book (answercode_free), or NULL when g has no wizard
 * (why empty) or it cannot have codes (one line in why; why may be NULL).
 */
struct answercode *codebook_new(const struct regions *rs, const char *region, struct guide *g,
				char *why, size_t whylen);
/*
 * The region text's code was made in when it is a valid code of another
 * region of rs than region (a new string), or NULL.
 */
char *codebook_region(const struct regions *rs, const char *region, struct guide *g,
		      const char *text);
/*
 * The code of answers ans in the book of g's wizard for cfg's region, grouped
 * for reading ("372 914 0518"): a new string (the answers in digits: the caller
 * wipes it, util_wipe, and frees it), or NULL when ans is empty, not a complete
 * answer set, or g's wizard has no codes.
 */
char *codebook_code(struct guide *g, const struct answers *ans);
/* --check: can g's wizard have answer codes here; each reason it cannot, to d. */
void codebook_check(const struct regions *rs, const char *region, struct guide *g,
		    struct diags *d);

#endif

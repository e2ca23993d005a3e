/*
 * slip.h -- the take-away slip: a resident's situation, the results that apply, what to bring, the next steps
 * SPDX-License-Identifier: MIT
 *
 * A document, made of content: the wizard's questions and results, the
 * checklist's items, the page with id "next-steps" (or "next-steps-renew"),
 * the answer code, the region, the content date and the dated lines
 * (dated.h). Only the section headings are the guide's own words. It is laid
 * out into a struct layout from plain inputs: no app, no screen, no curses.
 * The slip screen (screens/slip.c) shows it; export, --print slip and line
 * mode write that screen, so there is one slip.
 */
#ifndef YIBAO_SLIP_H
#define YIBAO_SLIP_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "dates.h"
#include "guide.h"
#include "layout.h"
#include "rules.h"

/* What a slip is made of. Nothing here is owned by the slip. */
struct slip_in {
	struct guide *g;               /* the wizard, the checklist, the next steps, the bundle */
	const struct config *cfg;      /* the settings (when the edition counts as stale) */
	const char *region;            /* the region's title, as the header shows it */
	const struct answers *answers; /* the wizard's answers (none: the whole checklist) */
	/* Is task block of checklist s ticked? NULL: none is. */
	bool (*ticked)(void *ctx, const struct screen *s, size_t block);
	void *ctx;
	struct dates_today today; /* the day the dated lines count from */
};

/* Lay the slip out at the end of l (at l's width). */
void slip_lay(struct layout *l, const struct slip_in *in);
/* Does a result marked "result ineligible" in wizard w apply to ans? w may be NULL (no). */
bool slip_ineligible(const struct screen *w, const struct answers *ans);
/*
 * Lay out the "答案码 ..." line (with a blank line before it) when ans has a
 * code in g's code book (the slip, the wizard's result, the checklist).
 */
void slip_code_line(struct layout *l, struct guide *g,
		    const struct answers *ans);
/*
 * On paper (a document, --print, export, line mode): the codes of the screens
 * s's links open, by link number, for layout_opts.link_codes: a new array of
 * *n entries (caller frees; the strings belong to g), or NULL with *n 0 when s
 * has no links.
 */
const char **slip_link_codes(struct guide *g, const struct screen *s, size_t *n);

#endif

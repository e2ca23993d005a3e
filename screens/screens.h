/*
 * screens.h -- the screen kinds (one file each) and what they share
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_SCREENS_H
#define YIBAO_SCREENS_H

#include "../src/nav.h"

extern const struct kind_ops menu_ops;
extern const struct kind_ops page_ops;
extern const struct kind_ops checklist_ops;
extern const struct kind_ops wizard_ops;
extern const struct kind_ops calculator_ops;
extern const struct kind_ops status_ops;
extern const struct kind_ops help_ops;
extern const struct kind_ops search_ops;
extern const struct kind_ops slip_ops;

/* Lay out the "updated / source" lines of a content screen at the end of v->lay. */
void screens_source_lines(struct app *a, struct view *v);
/*
 * Lay out the bundle's version and policy year, and when the bundle is past
 * valid-until or older than [update] warn_after_days, the notice that figures
 * may be out of date (home screen and slip).
 */
void screens_edition_lines(struct app *a, struct layout *l);
/* Open the screen a link of s points to; a message when the link is broken. */
void screens_follow(struct app *a, const struct screen *s, int link);
/* Start a search for text: opens the result list (or says nothing was found). */
void screens_search(struct app *a, const char *text);
/* n / N: open the next (dir 1) or previous (-1) search result. */
void screens_search_step(struct app *a, int dir);
/* Open the status screen at lookup kind (enum status_kind) and ask for the ID number. */
void screens_status_open(struct app *a, int kind);
/* A lookup changed (status_perform said so): relayout the status views, tell the user. */
void screens_status_changed(struct app *a);

/* Open the take-away slip (situation, results, materials, next steps) as a view. */
struct view *screens_open_slip(struct app *a);

#endif

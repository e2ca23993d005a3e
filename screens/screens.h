/*
 * screens.h -- the screen kinds (one file each) and what they share
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_SCREENS_H
#define YIBAO_SCREENS_H

#include "../src/dates.h"
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
 * may be out of date (home screen; src/dated.c says it).
 */
void screens_edition_lines(struct app *a, struct layout *l);
/* Is s one of the screens that tell the payment period against today? */
bool screens_tells_period(const struct screen *s);
/* Lay out the year notice (money) and the period standing (period) that apply (src/dated.c, today session_today's). */
void screens_dated_lines(struct app *a, struct layout *l, bool money, bool period);
/*
 * On paper (paper: a->paper, or a document such as the slip): the codes of the
 * screens s's links open, by link number, for layout_opts.link_codes (a new
 * array, *n entries, caller frees; the strings belong to the guide). NULL with
 * *n 0 when not paper.
 */
const char **screens_link_codes(struct app *a, const struct screen *s, bool paper, size_t *n);
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
/*
 * The region chooser (screens/region.c): the bundle's regions, the session's
 * marked. region (or NULL) is selected; code (or NULL) is an answer code of it,
 * opened once the session has switched.
 */
void screens_open_regions(struct app *a, const char *region, const char *code);

/* Answer codes (screens/answercode.c, over src/answercode.c). */
/* Index of the eligibility wizard (id "eligibility", else the first wizard), or -1. */
int screens_wizard_index(struct app *a);
/* The current answers' code grouped for reading ("372 914 0518"; new string), or NULL
 * when they are not a complete answer set. */
char *screens_answer_code(struct app *a);
/* True when the answers came from an answer code and are unchanged since. */
bool screens_answer_code_opened(struct app *a);
/* Lay out the "答案码 ..." line (with a blank line before it) when there is a code. */
void screens_answer_code_line(struct app *a, struct view *v);
/* Does a result marked "result ineligible" in wizard w apply to the answers? */
bool screens_ineligible(struct app *a, const struct screen *w);
/* Lay out the text of those results (what to do instead), links as plain text. */
void screens_lay_ineligible(struct app *a, struct view *v, const struct screen *w);
/*
 * The g prompt: when text is an answer code (and no screen code), open the
 * wizard's result with its answers, or say on the bottom line why not, and
 * return true; false when text is not an answer code.
 */
bool screens_answer_code_goto(struct app *a, const char *text);
/* --answer-code: set the answers from text. 0, or -1 with one line in why. */
int screens_answer_code_set(struct app *a, const char *text, char *why, size_t whylen);

#endif

/*
 * batch.h -- yibao --list, --print and --answer: the guide as text, without a terminal
 * SPDX-License-Identifier: MIT
 *
 * What a script or a help-desk colleague asks of the guide on the command line.
 * Output goes through charset_write (the terminal's or the locale's charset);
 * a refusal is one line on stderr naming what would have been accepted.
 */
#ifndef YIBAO_BATCH_H
#define YIBAO_BATCH_H

#include <stddef.h>

#include "guide.h"
#include "nav.h"

/* --list: every screen of g, "CODE\tID\tKIND\tTITLE", in code order (1.10 after 1.9). */
void batch_list(struct guide *g);
/*
 * --answer K=V (n of them): each K must be a wizard question and V one of its
 * options; the answers go to a->answers. Returns 0, or -1 after saying on
 * stderr which questions or options there are.
 */
int batch_answers(struct app *a, char *const *answers, size_t n);
/* --answer-code CODE: the answers of a help-desk code. Returns 0, or -1 with why on stderr. */
int batch_answer_code(struct app *a, const char *code);
/*
 * --print WHAT: screen WHAT (an id or a code, or "slip") as plain text of
 * width columns (0: EXPORT_WIDTH) on stdout, as the screen would show it with
 * the answers given. Returns 0, or 1 when there is no such screen.
 */
int batch_print(struct app *a, const char *what, int width);

#endif

/*
 * export.h -- a view as plain UTF-8 text: --print, line mode and the p key
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_EXPORT_H
#define YIBAO_EXPORT_H

#include "nav.h"

/* Width of --print output and exported text. */
#define EXPORT_WIDTH 80

/*
 * Append view v as plain text to sb: a title line, the body lines as laid out at
 * width, and nothing else (no escape sequences). v's own layout, scroll and
 * selection are left as they are (the lines are laid out in a copy).
 */
void export_text(struct app *a, struct view *v, int width, struct strbuf *sb);
/*
 * The p key: write v as text to a new file (yibao-CODE.txt, or -2, -3 ...: never
 * over an existing one) in the export directory ([guide] export_dir, else
 * $HOME; neither: nothing is written) and say where, or why not, in Chinese on
 * the bottom line; in kiosk mode write nothing and say so. On the wizard or the
 * checklist, the take-away slip is what is written (in kiosk mode: shown).
 */
void export_view(struct app *a, struct view *v);

#endif

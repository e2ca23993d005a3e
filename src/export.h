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
 * width, and nothing else (no escape sequences). Lays the view out at width.
 */
void export_text(struct app *a, struct view *v, int width, struct strbuf *sb);
/*
 * The p key: write v as text to a new file in the export directory and say where
 * on the bottom line; in kiosk mode write nothing and say so. On the wizard or
 * the checklist, the take-away slip is what is written (in kiosk mode: shown).
 */
void export_view(struct app *a, struct view *v);

#endif

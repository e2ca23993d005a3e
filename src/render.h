/*
 * render.h -- the only place that draws: header, body lines, bottom line
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_RENDER_H
#define YIBAO_RENDER_H

#include "nav.h"

/* Smallest useful terminal; below it a one-line notice is shown. */
#define RENDER_MIN_COLS 40
#define RENDER_MIN_ROWS 12

/* Start curses on the terminal (stdin/stdout). Returns 0, or -1 with a message on stderr. */
int render_start(struct app *a);
/*
 * Restore the terminal. With wipe, clear the screen and (terminfo E3) the
 * scrollback first; on a terminal without an alternate screen (no smcup:
 * linux, vt100, vt220) clear the screen always, so the shell's prompt does not
 * land on the guide's last screen. Safe to call more than once and from the
 * fatal hook.
 */
void render_stop(bool wipe);
/* Lay out the top view for the current size and update the screen (diffs only). */
void render_draw(struct app *a);
/* Next draw repaints everything (Ctrl-L). */
void render_invalidate(void);
/* The curses library's name and version ("ncurses 6.4.20221231"). Static. */
const char *render_version(void);
/* Clear the screen now (kiosk wipe before the next person). */
void render_wipe(void);

#endif

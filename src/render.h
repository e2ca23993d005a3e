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
 * Restore the terminal. With wipe, make the terminal forget the screen first
 * and after (term_forget: blank in place, push, clear, E3 where terminfo has
 * it). On a terminal without an alternate screen (no smcup: linux, vt100,
 * vt220) the screen is cleared always, so the shell's prompt does not land on
 * the guide's last screen. Safe to call more than once and from the fatal
 * hook. In kiosk mode render_start also arms the fatal-signal path
 * (term_fatal_arm).
 */
void render_stop(bool wipe);
/*
 * Lay out the top view for the current size (nothing drawn), so the key loop
 * can say what the screen will hide. False when there is no view or the
 * window is too small.
 */
bool render_prepare(struct app *a);
/*
 * Lay out the top view for the current size and update the screen (diffs only).
 * hints is the bottom line's list of keys for the top view (the key loop makes
 * it from its bindings), shown when no prompt or message takes the line.
 */
void render_draw(struct app *a, const char *hints);
/*
 * A blank screen with one line of the program's own (line, UTF-8, no control
 * characters): what shows while a content update's signature is still being
 * checked, since nothing of a bundle is drawn before it verified.
 */
void render_waiting(const char *line);
/* Next draw repaints everything (Ctrl-L). */
void render_invalidate(void);
/* The curses library's name and version ("ncurses 6.4.20221231"). Static. */
const char *render_version(void);
/* Make the terminal forget the screen now, as render_stop(true) does (kiosk wipe). */
void render_wipe(void);

#endif

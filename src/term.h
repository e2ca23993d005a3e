/*
 * term.h -- process and terminal hardening for shared terminals
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_TERM_H
#define YIBAO_TERM_H

#include <stdbool.h>

/*
 * Make the process safe to leave in front of strangers: no core files (an ID
 * number could be in one), SIGPIPE ignored. In kiosk mode also: exit when the
 * parent goes, not dumpable or traceable, job-control and quit keys ignored, and
 * the environment that could point curses or curl elsewhere (TERMINFO*,
 * TERMCAP, proxies) dropped.
 */
void term_harden(bool kiosk);

/*
 * True when name is a plain terminal name (letters, digits, . _ + -) that the
 * system terminfo knows. Anything else (a path, an unknown name) is refused.
 */
bool term_usable(const char *name);

/*
 * True for terminal types that cannot show line-drawing or bullet characters
 * from Unicode (vt100, vt220, ansi): yibao then draws ASCII.
 */
bool term_needs_ascii(const char *name);

/* Remember the terminal's modes now (before curses), to put them back at exit. */
void term_save(void);
/* Put the saved modes back (idempotent; harmless when nothing was saved). */
void term_restore(void);

#endif

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
 * the environment dropped as term_drop_env() does.
 */
void term_harden(bool kiosk);

/*
 * Drop every environment variable that could point curses, curl or the
 * configuration somewhere the user chose: TERMINFO, TERMINFO_DIRS, TERMCAP,
 * HOME (ncurses reads ~/.terminfo), YIBAO_CONFIG, XDG_CONFIG_HOME, proxies,
 * CA and key-log files, OpenSSL's config and module paths, LOCPATH. For kiosk mode and login shells, before
 * anything looks at the terminal.
 */
void term_drop_env(void);

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

/*
 * Make the terminal (curses started, rows tall) forget what it shows, written
 * straight to stdout: each row blanked in place (nothing of it copied into a
 * history), a screenful of empty lines pushed into the history, a clear, and
 * E3 (clear the scrollback) where terminfo has it. A terminal without E3 keeps
 * whatever scrolled into its history earlier; it is only pushed a screen away.
 */
void term_forget(int rows);

/*
 * Line mode's wipe: a screenful of empty lines (100 when stdout is no
 * terminal, as under ssh -T), then term_forget() when TERM is a terminal
 * terminfo knows.
 */
void term_forget_lines(void);

/*
 * Kiosk: on SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT or SIGSYS write bytes
 * built now (term_forget()'s, then leave the alternate screen and show the
 * cursor) with write(2), put the terminal modes back, and die of the signal.
 * Call after curses started, and again when the size changed (rows).
 */
void term_fatal_arm(int rows);
/* The same for line mode, with term_forget_lines()'s bytes. Call at its start. */
void term_fatal_arm_lines(void);

#endif

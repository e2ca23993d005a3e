/*
 * input.h -- the one key loop: keys read, sequences parsed, actions dispatched
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_INPUT_H
#define YIBAO_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "nav.h"

/* What the characters after an ESC make, so far (input_seq_step). */
enum input_seq {
	SEQ_MORE,   /* a sequence has begun and needs more characters */
	SEQ_END,    /* the last character ended a sequence */
	SEQ_BROKEN, /* the last character cannot belong to the sequence: a key of its own */
	SEQ_NONE,   /* the first character starts no sequence: ESC was a key of its own */
};
/*
 * The ECMA-48 grammar of a CSI (ESC [) or SS3 (ESC O) sequence: parameter
 * bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, one final byte 0x40-0x7E;
 * also the Linux console's ESC [ [ X. seq holds the n characters read after the
 * ESC (a function key as a negative number). Pure: no curses.
 */
enum input_seq input_seq_step(const int *seq, size_t n);

/*
 * Run the full-screen guide until quit, SIGHUP/SIGTERM or the terminal going
 * away. The renderer must be started. Returns 0, or 1 when the terminal died.
 */
int input_run(struct app *a);

/*
 * One key as the key loop reads it (fkey: a curses KEY_* code, otherwise a
 * character): the prompt's, or through the keymap to input_dispatch.
 */
void input_key(struct app *a, int key, bool fkey);
/*
 * The code of a key named as a model test names it ("Down", "PgDn", "Enter",
 * "Esc", "BSpace", "C-c", ...), with *fkey set; -1 for an unknown name.
 */
int input_key_code(const char *name, bool *fkey);
/* Apply one action to the app, as the key loop does (used by line mode too). */
void input_dispatch(struct app *a, enum action act, int ch);
/* Submit the prompt's text (goto, search, or the view's own prompt). */
void input_submit(struct app *a, const char *text);

#endif

/*
 * input.h -- the one key loop and the keymap that drives it and the help screen
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_INPUT_H
#define YIBAO_INPUT_H

#include <stddef.h>

#include "nav.h"

/* One row of the help screen, from the keymap table. */
struct keyhelp {
	const char *keys;
	const char *help;
};
/* The keymap's help rows; *n gets the count. Static, never freed. */
const struct keyhelp *input_keyhelp(size_t *n);

/*
 * Run the full-screen guide until quit, SIGHUP/SIGTERM or the terminal going
 * away. The renderer must be started. Returns 0, or 1 when the terminal died.
 */
int input_run(struct app *a);

/* Apply one action to the app, as the key loop does (used by line mode too). */
void input_dispatch(struct app *a, enum action act, int ch);
/* Submit the prompt's text (goto, search, or the view's own prompt). */
void input_submit(struct app *a, const char *text);

#endif

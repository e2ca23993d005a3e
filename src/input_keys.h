/*
 * input_keys.h -- the keymap: what each key does on each kind of screen, and the help and hints made from it
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_INPUT_KEYS_H
#define YIBAO_INPUT_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "nav.h"

/* One row of the help screen: the keys' names and what they do. */
struct keyhelp {
	char *keys;       /* owned by the array */
	const char *help; /* static */
};
/*
 * The help rows for the keys in force on view v (its kind's bindings over the
 * common keymap), key names generated from the keys themselves. *n gets the
 * count. The caller frees the array with input_keys_help_free.
 */
struct keyhelp *input_keys_help(const struct app *a, const struct view *v, size_t *n);
void input_keys_help_free(struct keyhelp *k, size_t n);
/*
 * The bottom line's key hints for view v in cols columns ("↑↓选择 x/空格勾选
 * ←返回 ..."), whole hints only, help and quit kept last (layout_fit_hints).
 * Caller frees.
 */
char *input_keys_hints(const struct app *a, const struct view *v, int cols);
/*
 * The action key has on view v (fkey: key is a curses KEY_* code), ACT_NONE
 * when none; *ch gets the key, or a digit's value for ACT_DIGIT.
 */
enum action input_keys_action(const struct app *a, const struct view *v, int key, bool fkey, int *ch);

#endif

/*
 * screencode.h -- a screen code as people type it ("3.4", "３．４", "3。4")
 * SPDX-License-Identifier: MIT
 *
 * The one reader of typed screen codes: the g prompt (full screen and line
 * mode) and --print go through it, so a code read aloud or copied from paper
 * opens the same screen however an input method wrote it.
 */
#ifndef YIBAO_SCREENCODE_H
#define YIBAO_SCREENCODE_H

#include <stdbool.h>
#include <stddef.h>

/* The longest code kept, in bytes with its NUL (codes are short: "6.5.3"). */
#define SCREENCODE_MAX 32

/*
 * Read text as a screen code: groups of digits (ASCII or full width ０-９)
 * separated by one of . ． 。 ｡, with spaces allowed around the whole and
 * around a separator (not inside a number). Writes the code as content writes
 * it ("3.4") into out (cap bytes, NUL-terminated) and returns true; returns
 * false, with out empty, when text is anything else (an id, a word, an
 * answer code with spaces, two separators in a row, more than cap - 1 bytes).
 */
bool screencode_parse(const char *text, char *out, size_t cap);

#endif

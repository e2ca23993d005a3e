/*
 * fuzz.h -- what the libFuzzer harnesses share: invariant checks that abort
 * SPDX-License-Identifier: MIT
 *
 * A broken invariant calls fuzz_fail(), which prints the reason and aborts, so
 * libFuzzer saves the input as a crash like any sanitizer report.
 */
#ifndef YIBAO_FUZZ_H
#define YIBAO_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../src/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Print why the input broke an invariant and abort (libFuzzer saves it). */
static inline void fuzz_fail(const char *what)
{
	fprintf(stderr, "fuzz invariant broken: %s\n", what);
	abort();
}

/* True when s (len bytes) is strictly valid UTF-8 (text.h's decoder is the judge). */
static inline bool fuzz_utf8_ok(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len)
		if (text_decode(s, len, &i) < 0)
			return false;
	return true;
}

/* True when s has no NUL byte in its first len bytes. */
static inline bool fuzz_no_nul(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\0')
			return false;
	return true;
}

#endif

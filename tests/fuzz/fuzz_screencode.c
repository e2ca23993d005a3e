/*
 * fuzz_screencode.c -- libFuzzer harness for the screen-code reader (g, --print)
 * SPDX-License-Identifier: MIT
 *
 * Beyond memory safety: a code read is digits in groups joined by single dots,
 * fits the buffer, and reads back as itself; a refusal leaves the buffer empty;
 * a buffer of any size is respected.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "../../src/screencode.h"
#include "../../src/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void check(const char *s, size_t cap)
{
	char out[SCREENCODE_MAX + 8], again[SCREENCODE_MAX + 8];
	bool ok;

	memset(out, 'x', sizeof out);
	ok = screencode_parse(s, out, cap);
	if (out[cap] != 'x')
		fuzz_fail("screencode: wrote past the buffer");
	if (!ok) {
		if (out[0] != '\0')
			fuzz_fail("screencode: a refusal left text in the buffer");
		return;
	}
	if (strlen(out) >= cap || out[0] == '.' || out[strlen(out) - 1] == '.' ||
	    strstr(out, "..") != NULL || strspn(out, "0123456789.") != strlen(out))
		fuzz_fail("screencode: not digits in groups joined by single dots");
	if (!screencode_parse(out, again, sizeof again) || strcmp(out, again) != 0)
		fuzz_fail("screencode: a code read does not read back as itself");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size); /* stops at a NUL, as C strings do */

	check(s, SCREENCODE_MAX);
	check(s, 1 + size % SCREENCODE_MAX);
	free(s);
	return 0;
}

/*
 * fuzz_amount.c -- libFuzzer harness for calc_parse_bill (the one parser for amounts)
 * SPDX-License-Identifier: MIT
 *
 * The input is what a resident types at the calculator's bill prompt. Beyond
 * memory safety: a parse succeeds with an amount of 0.01..CALC_MAX_FEN fen or
 * fails with an error that has its message, and leaves *fen alone on failure;
 * an accepted amount written back as calc_format_fen writes it ("20,000.00",
 * thousands separators and all) parses to the same amount, and so does the
 * same amount written in 万.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../../src/calc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	long long fen = -42, again = -42;
	enum calc_err e;
	char buf[CALC_FMT_LEN + 16];

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	e = calc_parse_bill(s, &fen);
	if (calc_strerror(e) == NULL || calc_strerror(e)[0] == '\0')
		abort();
	if (e != CALC_OK) {
		if (fen != -42)
			abort(); /* left alone */
		free(s);
		return 0;
	}
	if (fen < 1 || fen > CALC_MAX_FEN)
		abort();
	calc_format_fen(fen, buf, sizeof buf);
	if (calc_parse_bill(buf, &again) != CALC_OK || again != fen)
		abort();
	/* The same amount in 万: fen / 1,000,000 with six decimals. */
	snprintf(buf, sizeof buf, "%lld.%06lld\xE4\xB8\x87", fen / 1000000, fen % 1000000);
	again = -42;
	if (calc_parse_bill(buf, &again) != CALC_OK || again != fen)
		abort();
	free(s);
	return 0;
}

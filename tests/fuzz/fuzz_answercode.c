/*
 * fuzz_answercode.c -- libFuzzer harness for the answer-code reader
 * SPDX-License-Identifier: MIT
 *
 * The input is what someone types at the g prompt or gives --answer-code. The
 * code book is the shipped wizard (content/01-eligibility.md, read once; the
 * harness runs from the source tree's top) over the shipped region names.
 * Beyond memory safety: normalising is idempotent and gives digits only; a
 * code that decodes gives an answer set the wizard can produce (every question
 * whose condition holds answered with one of its options, no other), and that
 * set encodes back to the same digits; a refused code leaves the answers
 * untouched; every message is valid UTF-8.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "../../src/answercode.h"
#include "../../src/content.h"
#include "../../src/util.h"

static const char *const regions[] = {"fujian", "guangdong", "guangxi",
				      "hubei", "national", "yunnan"};
#define NREGIONS (sizeof regions / sizeof regions[0])

static struct screen *wizard;
static struct answercode *books[NREGIONS];

static const char *any_value(void *ctx, const char *name)
{
	(void)ctx;
	(void)name;
	return "X";
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t len;
	char *text = util_read_file("content/01-eligibility.md", CONTENT_MAX_FILE, &len);
	struct diags d = {0};

	(void)argc;
	(void)argv;
	text_init_locale();
	if (text == NULL)
		fuzz_fail("answercode: run from the source tree (content/01-eligibility.md)");
	wizard = content_parse("content/01-eligibility.md", text, len, any_value, NULL, &d);
	free(text);
	diags_clear(&d);
	for (size_t r = 0; r < NREGIONS; r++) {
		books[r] = answercode_new(wizard, (char *const *)(uintptr_t)regions, NREGIONS,
					  regions[r], NULL, 0);
		if (books[r] == NULL)
			fuzz_fail("answercode: the shipped wizard has no code book");
	}
	return 0;
}

static bool producible(const struct answers *a)
{
	size_t known = 0;

	for (size_t i = 0; i < wizard->nblocks; i++) {
		const struct block *q = &wizard->blocks[i];
		const char *v;
		bool opt = false;

		if (q->type != BLK_QUESTION)
			continue;
		v = answers_get(a, q->name);
		if (cond_eval(q->cond, a) != (v != NULL))
			return false;
		for (size_t k = 0; v != NULL && k < q->nopts; k++)
			opt = opt || strcmp(q->opts[k].value, v) == 0;
		if (v != NULL && !opt)
			return false;
		known += v != NULL;
	}
	return known == a->n;
}

static void check_message(const struct answercode *ac, enum answercode_status st,
			  const char *digits, int region)
{
	char msg[ANSWERCODE_WHY_MAX];

	answercode_message(ac, st, digits, region, NULL, "全国通用", msg, sizeof msg);
	if (msg[0] == '\0' || !fuzz_utf8_ok(msg, strlen(msg)))
		fuzz_fail("answercode: message empty or not UTF-8");
}

static void decode(const struct answercode *ac, const char *digits)
{
	struct answers got = {0};
	char again[ANSWERCODE_BUF], grouped[ANSWERCODE_BUF];
	int region = 7;
	enum answercode_status st = answercode_decode(ac, digits, &got, &region);

	if (st == AC_OK || st == AC_OTHER_REGION) {
		if (region < 0 || (size_t)region >= NREGIONS)
			fuzz_fail("answercode: decoded region out of range");
		if ((st == AC_OK) != (region == ac->region))
			fuzz_fail("answercode: AC_OK for another region, or the reverse");
		if (!producible(&got))
			fuzz_fail("answercode: decoded answers the wizard cannot produce");
		if (!answercode_encode(books[region], &got, again, sizeof again) ||
		    strcmp(again, digits) != 0)
			fuzz_fail("answercode: decoded answers encode to another code");
		answercode_group(digits, grouped, sizeof grouped);
	} else if (got.n != 0 || region != -1) {
		fuzz_fail("answercode: a refused code set answers or a region");
	}
	check_message(ac, st, digits, region);
	answers_clear(&got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size); /* stops at a NUL, as C strings do */
	char digits[ANSWERCODE_BUF], twice[ANSWERCODE_BUF];
	const struct answercode *ac = books[size % NREGIONS];

	/* The raw text as well: the decoder must refuse what is not digits. */
	if (strlen(s) < 64)
		decode(ac, s);
	if (answercode_normalize(s, digits, sizeof digits)) {
		for (const char *p = digits; *p != '\0'; p++)
			if (*p < '0' || *p > '9')
				fuzz_fail("answercode: normalised code has a non-digit");
		if (!answercode_normalize(digits, twice, sizeof twice) || strcmp(digits, twice) != 0)
			fuzz_fail("answercode: normalising is not idempotent");
		decode(ac, digits);
	}
	free(s);
	return 0;
}

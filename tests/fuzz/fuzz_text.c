/*
 * fuzz_text.c -- libFuzzer harness for text_sanitize, text_wrap, text_fit, text_truncate
 * SPDX-License-Identifier: MIT
 *
 * Input: byte 0 picks the sanitiser flags and ASCII truncation, byte 1 the
 * width; the rest is the text. Beyond memory safety it checks what the rest of
 * yibao relies on: sanitised text is valid UTF-8 with nothing the sanitiser
 * strips, sanitising twice changes nothing, every wrapped line fits its width
 * and loses nothing but spaces and newlines, text_fit keeps the longest prefix
 * that fits.
 */
#include <string.h>

#include "fuzz.h"
#include "../../src/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_init_locale();
	return 0;
}

static void check_sanitized(const char *in, size_t inlen, unsigned flags, const char *s,
			    size_t len, const struct text_report *rep)
{
	size_t i = 0;
	int combining = 0;

	if (strlen(s) != len)
		fuzz_fail("sanitize: out_len is not the string length (NUL inside)");
	if (!fuzz_utf8_ok(s, len))
		fuzz_fail("sanitize: output is not valid UTF-8");
	if ((rep->invalid == 0) != fuzz_utf8_ok(in, inlen))
		fuzz_fail("sanitize: report.invalid disagrees with the input's validity");
	while (i < len) {
		unsigned long cp = (unsigned long)text_decode(s, len, &i);

		if (cp == '\n') {
			if (!(flags & TEXT_KEEP_NEWLINE))
				fuzz_fail("sanitize: newline kept without TEXT_KEEP_NEWLINE");
			combining = 0;
			continue;
		}
		if (cp == '\t') {
			if (!(flags & TEXT_KEEP_TAB))
				fuzz_fail("sanitize: tab kept without TEXT_KEEP_TAB");
			combining = 0;
			continue;
		}
		if (text_is_stripped(cp, true))
			fuzz_fail("sanitize: output holds a character the sanitiser strips");
		switch (text_cpwidth(cp)) {
		case -1:
			fuzz_fail("sanitize: output holds an unprintable character");
			break;
		case 0:
			if (++combining > TEXT_MAX_COMBINING)
				fuzz_fail("sanitize: too many combining marks in a row");
			break;
		default:
			combining = 0;
			break;
		}
	}
}

/* Lines in order, inside the text, each as wide as it says and no wider than cols;
 * between and after them only spaces and newlines. */
static void check_wrap(const char *s, size_t len, int cols, bool utf8)
{
	struct text_line *v = NULL;
	size_t n = text_wrap(s, len, cols, &v), pos = 0;
	int limit = cols < 2 ? 2 : cols;

	if (n == 0)
		fuzz_fail("wrap: no line at all");
	for (size_t k = 0; k < n; k++) {
		const struct text_line *l = &v[k];

		if (l->off < pos || l->off > len || l->len > len - l->off)
			fuzz_fail("wrap: line out of order or out of range");
		for (size_t j = pos; j < l->off; j++)
			if (s[j] != ' ' && s[j] != '\n')
				fuzz_fail("wrap: text lost between lines");
		if (l->width != text_width(s + l->off, l->len))
			fuzz_fail("wrap: line width is not the width of its text");
		if (l->width > limit)
			fuzz_fail("wrap: line wider than cols");
		if (memchr(s + l->off, '\n', l->len) != NULL)
			fuzz_fail("wrap: line holds a newline");
		if (utf8 && !fuzz_utf8_ok(s + l->off, l->len))
			fuzz_fail("wrap: line splits a character");
		pos = l->off + l->len;
	}
	for (size_t j = pos; j < len; j++)
		if (s[j] != ' ' && s[j] != '\n')
			fuzz_fail("wrap: text lost after the last line");
	free(v);
}

static void check_fit(const char *s, size_t len, int cols, bool utf8)
{
	int used = -1;
	size_t keep = text_fit(s, len, cols, &used);

	if (keep > len)
		fuzz_fail("fit: kept more than the text");
	if (utf8 && !fuzz_utf8_ok(s, keep))
		fuzz_fail("fit: cut inside a character");
	if (used != text_width(s, keep) || used > (cols > 0 ? cols : 0))
		fuzz_fail("fit: used width wrong or too wide");
	if (keep < len) {
		size_t j = keep;

		text_decode(s, len, &j);
		if (text_width(s, j) <= cols)
			fuzz_fail("fit: the next character would still have fitted");
	}
}

static void check_truncate(const char *s, int cols, bool ascii)
{
	char *t = text_truncate(s, cols, ascii);

	if (!fuzz_utf8_ok(t, strlen(t)))
		fuzz_fail("truncate: result is not valid UTF-8");
	if (text_swidth(t) > (cols > 0 ? cols : 0))
		fuzz_fail("truncate: result wider than cols");
	if (text_swidth(s) <= cols && strcmp(s, t) != 0)
		fuzz_fail("truncate: changed a text that fitted");
	free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags;
	int cols;
	bool ascii;
	const char *in;
	size_t inlen, len, len2;
	struct text_report rep, rep2;
	char *s, *s2;

	if (size < 2)
		return 0;
	flags = data[0] & (TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	ascii = (data[0] & 0x80) != 0;
	cols = data[1] % 100;
	in = (const char *)data + 2;
	inlen = size - 2;

	s = text_sanitize(in, inlen, flags, &len, &rep);
	check_sanitized(in, inlen, flags, s, len, &rep);
	s2 = text_sanitize(s, len, flags, &len2, &rep2);
	if (len2 != len || memcmp(s, s2, len) != 0 || rep2.invalid != 0 || rep2.controls != 0)
		fuzz_fail("sanitize: not idempotent");
	free(s2);

	check_wrap(s, len, cols, true);
	check_wrap(in, inlen, cols, false); /* raw bytes: must stay memory-safe too */
	check_fit(s, len, cols, true);
	check_fit(s, len, 0, true);
	check_fit(in, inlen, cols, false);
	check_truncate(s, cols, ascii);
	check_truncate(s, 1, ascii);
	(void)text_find(s, "医保");
	{
		size_t mlen = 0;
		long at = text_find_len(s, "（ａｐｐ）", &mlen);
		char *f = text_fold_width(s);

		if (at >= 0 && ((size_t)at + mlen > len || mlen == 0))
			fuzz_fail("find_len: match outside the text");
		if (strlen(f) > len)
			fuzz_fail("fold_str: folding made the text longer");
		free(f);
	}
	free(s);
	return 0;
}

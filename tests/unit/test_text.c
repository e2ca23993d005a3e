/*
 * test_text.c -- unit tests for text.c: strict UTF-8, the sanitiser, widths, fit, wrap
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

/* Decode all of s; returns the number of code points, each (or -1) stored in out. */
static size_t decode_all(const char *s, size_t len, long *out, size_t max)
{
	size_t i = 0, n = 0;

	while (i < len && n < max) {
		size_t before = i;

		out[n++] = text_decode(s, len, &i);
		assert_true(i > before);
		assert_true(i <= len);
	}
	return n;
}

static void expect_invalid(const char *s, size_t len)
{
	long cps[16];
	size_t n = decode_all(s, len, cps, 16);

	/* Every byte of a bad sequence is rejected on its own: one -1 per byte. */
	assert_int_equal(n, len);
	for (size_t k = 0; k < n; k++)
		assert_int_equal(cps[k], -1);
}

static void decode_valid(void **state)
{
	struct {
		const char *s;
		long cp;
	} ok[] = {
		{"A", 'A'},
		{"\x7F", 0x7F},
		{"\xC2\x80", 0x80},
		{"\xDF\xBF", 0x7FF},
		{"\xE0\xA0\x80", 0x800},
		{"\xE4\xB8\xAD", 0x4E2D}, /* 中 */
		{"\xED\x9F\xBF", 0xD7FF},
		{"\xEE\x80\x80", 0xE000},
		{"\xEF\xBF\xBD", 0xFFFD},
		{"\xF0\x90\x80\x80", 0x10000},
		{"\xF0\xA0\x80\x80", 0x20000},
		{"\xF4\x8F\xBF\xBF", 0x10FFFF},
	};

	(void)state;
	for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++) {
		size_t i = 0, len = strlen(ok[k].s);
		char buf[4];

		assert_int_equal(text_decode(ok[k].s, len, &i), ok[k].cp);
		assert_int_equal(i, len);
		/* And it encodes back to the same bytes. */
		assert_int_equal(text_encode((unsigned long)ok[k].cp, buf), (int)len);
		assert_memory_equal(buf, ok[k].s, len);
	}
}

static void decode_rejects_overlongs(void **state)
{
	(void)state;
	expect_invalid("\xC0\x80", 2);         /* NUL in two bytes */
	expect_invalid("\xC1\xBF", 2);         /* 0x7F in two bytes */
	expect_invalid("\xE0\x80\x80", 3);     /* NUL in three */
	expect_invalid("\xE0\x9F\xBF", 3);     /* 0x7FF in three */
	expect_invalid("\xF0\x80\x80\x80", 4); /* NUL in four */
	expect_invalid("\xF0\x8F\xBF\xBF", 4); /* 0xFFFF in four */
}

static void decode_rejects_surrogates(void **state)
{
	(void)state;
	expect_invalid("\xED\xA0\x80", 3); /* U+D800 */
	expect_invalid("\xED\xBF\xBF", 3); /* U+DFFF */
	expect_invalid("\xED\xB0\x80", 3); /* U+DC00 */
}

static void decode_rejects_past_max(void **state)
{
	(void)state;
	expect_invalid("\xF4\x90\x80\x80", 4); /* U+110000 */
	expect_invalid("\xF5\x80\x80\x80", 4);
	expect_invalid("\xF7\xBF\xBF\xBF", 4);
	expect_invalid("\xF8\x88\x80\x80\x80", 5); /* old 5-byte form */
	expect_invalid("\xFC\x84\x80\x80\x80\x80", 6);
	expect_invalid("\xFE", 1);
	expect_invalid("\xFF", 1);
}

static void decode_rejects_truncated(void **state)
{
	long cps[8];
	size_t n;

	(void)state;
	/* Cut at the end of the buffer. */
	expect_invalid("\xC3", 1);
	expect_invalid("\xE4\xB8", 2);
	expect_invalid("\xF0\x9F\x98", 3);
	/* A lone continuation byte. */
	expect_invalid("\x80", 1);
	expect_invalid("\xBF", 1);
	/* Cut by the next character: the bad lead costs one byte, the rest decodes. */
	n = decode_all("\xE4\xB8"
		       "A",
		       3, cps, 8);
	assert_int_equal(n, 3);
	assert_int_equal(cps[0], -1);
	assert_int_equal(cps[1], -1);
	assert_int_equal(cps[2], 'A');
	n = decode_all("\xE4"
		       "\xE4\xB8\xAD",
		       4, cps, 8);
	assert_int_equal(n, 2);
	assert_int_equal(cps[0], -1);
	assert_int_equal(cps[1], 0x4E2D);
	/* The len bound is respected even when the bytes go on. */
	{
		size_t i = 0;

		assert_int_equal(text_decode("\xE4\xB8\xAD", 2, &i), -1);
		assert_int_equal(i, 1);
	}
}

/* Sanitise with the given flags and compare the result. */
static void expect_clean(const char *in, size_t len, unsigned flags, const char *want,
			 size_t want_invalid, size_t want_controls)
{
	struct text_report rep;
	size_t outlen = 12345;
	char *out = text_sanitize(in, len, flags, &outlen, &rep);

	assert_string_equal(out, want);
	assert_int_equal(outlen, strlen(want));
	assert_int_equal(rep.invalid, want_invalid);
	assert_int_equal(rep.controls, want_controls);
	free(out);
}

static void sanitize_controls(void **state)
{
	(void)state;
	/* C0 controls go, newline and tab stay when asked. */
	expect_clean("a\x01"
		     "b\x1B[31mc\x7F"
		     "d",
		     11, 0, "ab[31mcd", 0, 3);
	expect_clean("a\nb\tc", 5, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB, "a\nb\tc", 0, 0);
	/* Without the flags a newline is removed and a tab becomes a space. */
	expect_clean("a\nb\tc", 5, 0, "ab c", 0, 1);
	expect_clean("a\tb", 3, TEXT_KEEP_NEWLINE, "a b", 0, 0);
	/* An embedded NUL is a control too. */
	expect_clean("a\0b", 3, 0, "ab", 0, 1);
	/* C1 controls (U+0080..U+009F, two bytes each). */
	expect_clean("x\xC2\x80y\xC2\x9Bz\xC2\x9F", 9, 0, "xyz", 0, 3);
	/* U+00A0 (no-break space) is the first character kept after C1. */
	expect_clean("\xC2\xA0", 2, 0, "\xC2\xA0", 0, 0);
}

static void sanitize_bidi_and_zero_width(void **state)
{
	/* A group of characters a line, its names after it: clang-format would misalign them. */
	/* clang-format off */
	static const char *const removed[] = {
		"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD",
		"\xE2\x80\xAE",                 /* LRE RLE PDF LRO RLO */
		"\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8",
		"\xE2\x81\xA9",                 /* LRI RLI FSI PDI */
		"\xE2\x80\x8E", "\xE2\x80\x8F", /* LRM RLM */
		"\xD8\x9C",                     /* ALM */
		"\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", /* ZWSP ZWNJ ZWJ */
		"\xE2\x81\xA0",                 /* word joiner */
		"\xEF\xBB\xBF",                 /* BOM */
	};
	/* clang-format on */

	(void)state;
	for (size_t k = 0; k < sizeof removed / sizeof removed[0]; k++) {
		char in[32];
		struct text_report rep;
		char *out;

		strcpy(in, "ab");
		strcat(in, removed[k]);
		strcat(in, "cd");
		out = text_sanitize(in, strlen(in), TEXT_KEEP_NEWLINE, NULL, &rep);
		assert_string_equal(out, "abcd");
		assert_int_equal(rep.controls, 1);
		assert_int_equal(rep.first_control, 2);
		free(out);
		assert_true(text_is_stripped((unsigned long)text_decode(removed[k], strlen(removed[k]),
									&(size_t){0}),
					     true));
	}
	/* "evil\u202Egnp.exe": the override is gone, the text reads as written. */
	expect_clean("evil\xE2\x80\xAEgnp.exe", 14, 0, "evilgnp.exe", 0, 1);
	/* Plain CJK and its punctuation are not touched. */
	expect_clean("中文,标点。", strlen("中文,标点。"), 0, "中文,标点。", 0, 0);
}

static void sanitize_combining_capped(void **state)
{
	char in[64], want[64];
	size_t n = 0, w = 0;
	char *out;

	(void)state;
	/* "e" and ten U+0301: the base keeps TEXT_MAX_COMBINING marks. */
	in[n++] = 'e';
	want[w++] = 'e';
	for (int k = 0; k < 10; k++) {
		memcpy(in + n, "\xCC\x81", 2);
		n += 2;
		if (k < TEXT_MAX_COMBINING) {
			memcpy(want + w, "\xCC\x81", 2);
			w += 2;
		}
	}
	in[n++] = 'x';
	want[w++] = 'x';
	/* The count starts again at the next base character. */
	for (int k = 0; k < 6; k++) {
		memcpy(in + n, "\xCC\x81", 2);
		n += 2;
		if (k < TEXT_MAX_COMBINING) {
			memcpy(want + w, "\xCC\x81", 2);
			w += 2;
		}
	}
	want[w] = '\0';
	out = text_sanitize(in, n, 0, NULL, NULL);
	assert_string_equal(out, want);
	/* Capped marks are not "controls": nothing to report to authors. */
	assert_int_equal(text_width(out, strlen(out)), 2);
	free(out);
}

static void sanitize_crlf_and_invalid(void **state)
{
	struct text_report rep;
	char *out;

	(void)state;
	expect_clean("a\r\nb\r\n", 6, TEXT_KEEP_NEWLINE, "a\nb\n", 0, 0);
	/* A lone CR is a control character. */
	expect_clean("a\rb", 3, TEXT_KEEP_NEWLINE, "ab", 0, 1);
	/* Bad bytes become U+FFFD, one per byte, and the first offset is kept. */
	out = text_sanitize("ok\xC0\x80!\xFF", 6, 0, NULL, &rep);
	assert_string_equal(out, "ok\xEF\xBF\xBD\xEF\xBF\xBD!\xEF\xBF\xBD");
	assert_int_equal(rep.invalid, 3);
	assert_int_equal(rep.first_invalid, 2);
	assert_int_equal(rep.controls, 0);
	free(out);
	/* The output is always valid UTF-8 with nothing stripped left in it. */
	{
		char in[256];
		size_t i = 0;

		for (int k = 0; k < 256; k++)
			in[k] = (char)k;
		out = text_sanitize(in, sizeof in, TEXT_KEEP_NEWLINE, NULL, &rep);
		while (out[i] != '\0') {
			long cp = text_decode(out, strlen(out), &i);

			assert_true(cp >= 0);
			assert_false(text_is_stripped((unsigned long)cp, true));
		}
		free(out);
	}
	/* Empty in, empty out (never NULL). */
	out = text_sanitize("", 0, 0, NULL, NULL);
	assert_non_null(out);
	assert_string_equal(out, "");
	free(out);
}

static void widths(void **state)
{
	(void)state;
	assert_int_equal(text_swidth(""), 0);
	assert_int_equal(text_swidth("abc"), 3);
	assert_int_equal(text_swidth("中文"), 4);
	assert_int_equal(text_swidth("医保 card 卡"), 4 + 1 + 4 + 1 + 2);
	assert_int_equal(text_swidth("3.4  支付宝缴费"), 5 + 10);
	/* Fullwidth punctuation. */
	assert_int_equal(text_swidth("\xEF\xBC\x88\xEF\xBC\x8C。\xEF\xBC\x89"), 2 + 4 + 2);
	assert_int_equal(text_swidth("e\xCC\x81"), 1);        /* combining acute */
	assert_int_equal(text_swidth("\xF0\xA0\x80\x80"), 2); /* U+20000, plane 2 */
	assert_int_equal(text_swidth("\xEA\xB0\x80"), 2);     /* Hangul */
	assert_int_equal(text_cpwidth('\n'), -1);
	assert_int_equal(text_cpwidth(0x9B), -1);
	assert_int_equal(text_cpwidth(0x4E2D), 2);
	assert_int_equal(text_cpwidth(0x301), 0);
	/* A bad byte measures as one column, like the U+FFFD it becomes. */
	assert_int_equal(text_width("a\xFF"
				    "b",
				    3),
			 3);
}

/* Is byte offset k of s at the start of a character (or the end)? */
static bool at_boundary(const char *s, size_t len, size_t k)
{
	size_t i = 0;

	while (i < k)
		text_decode(s, len, &i);
	return i == k;
}

static const char *const samples[] = {
	"",
	"plain ASCII words here",
	"城乡居民医保办事指南",
	"医保 card 卡 2025 年度缴费:支付宝 Alipay 或微信 WeChat。",
	"e\xCC\x81\xCC\x82x中\xCC\x81文",
	"\xF0\xA0\x80\x80\xF0\xA0\x80\x81"
	"ab",
	"a……b「引号」c",
};

static void fit_never_splits(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++) {
		const char *s = samples[k];
		size_t len = strlen(s);
		int total = text_width(s, len);

		for (int cols = 0; cols <= total + 2; cols++) {
			int used = -1;
			size_t keep = text_fit(s, len, cols, &used);

			assert_true(keep <= len);
			assert_true(at_boundary(s, len, keep));
			assert_int_equal(used, text_width(s, keep));
			assert_true(used <= cols);
			/* Greedy: the next character would not have fit. */
			if (keep < len) {
				size_t j = keep;
				long cp = text_decode(s, len, &j);

				assert_true(used + text_cpwidth((unsigned long)cp) > cols);
				/* Combining marks stay with their base. */
				assert_true(text_cpwidth((unsigned long)cp) > 0);
			} else {
				assert_int_equal(used, total);
			}
			assert_int_equal(text_fit(s, len, cols, NULL), keep);
		}
	}
}

static void truncate_never_splits(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++) {
		const char *s = samples[k];
		size_t len = strlen(s);
		int total = text_width(s, len);

		for (int cols = 0; cols <= total + 2; cols++) {
			for (int ascii = 0; ascii < 2; ascii++) {
				char *t = text_truncate(s, cols, ascii != 0);
				size_t tl = strlen(t);
				const char *mark = ascii ? "~" : "\xE2\x80\xA6";
				size_t ml = strlen(mark);

				assert_true(text_width(t, tl) <= cols);
				if (total <= cols) {
					assert_string_equal(t, s);
				} else if (cols > 0) {
					/* A prefix of s that ends on a character, then the mark. */
					assert_true(tl >= ml);
					assert_memory_equal(t + tl - ml, mark, ml);
					assert_memory_equal(t, s, tl - ml);
					assert_true(at_boundary(s, len, tl - ml));
				} else {
					assert_string_equal(t, "");
				}
				free(t);
			}
		}
	}
	{
		char *t = text_truncate("城乡居民医保", 7, false);

		assert_string_equal(t, "城乡居\xE2\x80\xA6");
		free(t);
		t = text_truncate("城乡居民医保", 8, true);
		assert_string_equal(t, "城乡居~");
		free(t);
	}
}

static bool is_closer(unsigned long cp)
{
	/* Ten a line: clang-format would give each its own line. */
	/* clang-format off */
	static const unsigned long closers[] = {
		0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300D, 0x300F,
		0x300B, 0x3009, 0x201D, 0x2019, 0x3011, 0xFF0E, 0x2026, 0xFF5E, ',', '.',
		';', ':', '?', '!', ')', ']', '}', '%',
	};
	/* clang-format on */

	for (size_t k = 0; k < sizeof closers / sizeof closers[0]; k++)
		if (closers[k] == cp)
			return true;
	return false;
}

/*
 * The invariants of text_wrap for s at cols: lines in order, each within cols and
 * measured right, nothing lost but the spaces at soft breaks and the newlines.
 */
static size_t check_wrap(const char *s, int cols, struct text_line **out)
{
	size_t len = strlen(s), n, pos = 0;
	struct text_line *v;

	n = text_wrap(s, len, cols, &v);
	assert_true(n >= 1);
	for (size_t k = 0; k < n; k++) {
		size_t gap_nl = 0;

		/* Between two lines only spaces and at most one hard newline. */
		assert_true(v[k].off >= pos);
		for (size_t g = pos; g < v[k].off; g++) {
			assert_true(s[g] == ' ' || s[g] == '\n');
			if (s[g] == '\n')
				gap_nl++;
		}
		assert_true(gap_nl <= 1);
		assert_true(v[k].off + v[k].len <= len);
		assert_true(at_boundary(s, len, v[k].off));
		assert_true(at_boundary(s, len, v[k].off + v[k].len));
		assert_null(memchr(s + v[k].off, '\n', v[k].len));
		assert_int_equal(v[k].width, text_width(s + v[k].off, v[k].len));
		assert_true(v[k].width <= cols);
		pos = v[k].off + v[k].len;
	}
	for (size_t g = pos; g < len; g++)
		assert_true(s[g] == ' ' || s[g] == '\n');
	if (out != NULL)
		*out = v;
	else
		free(v);
	return n;
}

/* Line k of a wrap as a fresh string. */
static char *line_str(const char *s, const struct text_line *l)
{
	char *r = malloc(l->len + 1);

	assert_non_null(r);
	memcpy(r, s + l->off, l->len);
	r[l->len] = '\0';
	return r;
}

static void expect_lines(const char *s, int cols, const char *const *want, size_t nwant)
{
	struct text_line *v;
	size_t n = check_wrap(s, cols, &v);

	for (size_t k = 0; k < n && k < nwant; k++) {
		char *got = line_str(s, &v[k]);

		assert_string_equal(got, want[k]);
		free(got);
	}
	assert_int_equal(n, nwant);
	free(v);
}

static void wrap_cjk_anywhere(void **state)
{
	(void)state;
	{
		const char *want[] = {"一二三", "四五六", "七八九", "十"};

		expect_lines("一二三四五六七八九十", 6, want, 4);
	}
	{
		/* Odd width: a wide character never straddles the edge. */
		const char *want[] = {"一二", "三四", "五"};

		expect_lines("一二三四五", 5, want, 3);
	}
	{
		const char *want[] = {"中"};

		expect_lines("中", 2, want, 1);
	}
}

static void wrap_latin_words_whole(void **state)
{
	(void)state;
	{
		const char *want[] = {"the quick", "brown fox", "jumps"};

		expect_lines("the quick brown fox jumps", 10, want, 3);
	}
	{
		/* Latin among Chinese: the word moves down whole. */
		const char *want[] = {"请打开", "Alipay", "缴费"};

		expect_lines("请打开Alipay缴费", 7, want, 3);
	}
	{
		/* A word longer than the line is cut, as it must be. */
		const char *want[] = {"abcde", "fghij", "kl"};

		expect_lines("abcdefghijkl", 5, want, 3);
	}
	{
		/* The number stays whole too. */
		const char *want[] = {"热线", "12393"};

		expect_lines("热线12393", 6, want, 2);
	}
}

static void wrap_closing_punctuation(void **state)
{
	(void)state;
	{
		/* "。" would start line 2: "三" goes down with it. */
		const char *want[] = {"一二", "三。"};

		expect_lines("一二三。", 6, want, 2);
	}
	{
		const char *want[] = {"一二", "三\xEF\xBC\x8C四"};

		expect_lines("一二三\xEF\xBC\x8C四", 6, want, 2);
	}
	{
		/* Two closers in a row: both go down with the character before them. */
		const char *want[] = {"一二", "三……"};

		expect_lines("一二三……", 7, want, 2);
	}
	{
		const char *want[] = {"一二", "三\xEF\xBC\x89。"};

		expect_lines("一二三\xEF\xBC\x89。", 7, want, 2);
	}
	{
		/* A Latin word with its full stop is not split either. */
		const char *want[] = {"see", "page."};

		expect_lines("see page.", 8, want, 2);
	}
}

/* Property: over many widths, no line of real text starts with closing punctuation. */
static void wrap_property(void **state)
{
	static const char *const texts[] = {
		"城乡居民医保每年集中缴费\xEF\xBC\x8C一般在每年9月到12月。错过了集中缴费期\xEF\xBC\x8C"
		"可能要等待一段时间\xEF\xBC\x88待遇等待期\xEF\xBC\x89才能报销……具体以当地医保局通知为准。",
		"打开支付宝 Alipay\xEF\xBC\x8C搜索“医保缴费”\xEF\xBC\x8C选择参保地\xEF\xBC\x88例如 Fujian 福建\xEF\xBC\x89\xEF\xBC\x8C"
		"输入身份证号码 ID number and confirm the amount: 380 元。",
		"Line one.\nLine two is longer than the others, really.\n\n第三行:中文。\n",
		"   leading spaces then words and words",
		" x abcdefghijklmnopqrstuvwxyz",
		"一\xEF\xBC\x8C二\xEF\xBC\x8C三\xEF\xBC\x8C四\xEF\xBC\x8C五\xEF\xBC\x8C六\xEF\xBC\x8C七\xEF\xBC\x8C八\xEF\xBC\x8C九\xEF\xBC\x8C十。一、二、三、四、五、六、七、八、九、十。",
		"",
		"\n",
	};

	(void)state;
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		const char *s = texts[t];
		size_t len = strlen(s);

		for (int cols = 2; cols <= 90; cols++) {
			struct text_line *v;
			size_t n = check_wrap(s, cols, &v);

			for (size_t k = 1; k < n; k++) {
				size_t i = v[k].off;
				long cp;

				if (v[k].len == 0)
					continue;
				cp = text_decode(s, len, &i);
				/*
				 * Only a hard line break may put a closer first, or a word with
				 * its closer longer than the line (the longest here: 8 columns).
				 */
				if (v[k].off > 0 && s[v[k].off - 1] != '\n' && is_closer((unsigned long)cp) &&
				    cols >= 9)
					fail_msg("text %zu cols %d: line %zu starts with U+%04lX", t, cols,
						 k, (unsigned long)cp);
			}
			free(v);
		}
	}
}

/* Characters that may not end a line: opening brackets and quotes. */
static bool is_opener(unsigned long cp)
{
	/* Eleven a line: clang-format would give each its own line. */
	/* clang-format off */
	static const unsigned long openers[] = {
		'(', '[', '{', 0xFF08, 0x300C, 0x300E, 0x300A, 0x3008, 0x201C, 0x2018, 0x3010,
		0x3014, 0xFF3B, 0xFF5B,
	};
	/* clang-format on */

	for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++)
		if (openers[k] == cp)
			return true;
	return false;
}

/* The last code point of s[off, off+len) (len > 0). */
static unsigned long last_cp(const char *s, size_t off, size_t len)
{
	size_t i = off + len;
	long cp;

	do
		i--;
	while (i > off && ((unsigned char)s[i] & 0xC0) == 0x80);
	cp = text_decode(s, off + len, &i);
	return cp < 0 ? 0 : (unsigned long)cp;
}

/*
 * s wrapped at every width from the widest unit to 40: no line but the first
 * starts with closing punctuation, none but the last ends with an opening
 * bracket or quote, and none of the units (ranges, "元/年") is split.
 */
static void check_set_as_chinese(const char *s, const char *const *units, size_t nunits)
{
	size_t len = strlen(s);
	int from = 4;

	for (size_t u = 0; u < nunits; u++) {
		int w = text_swidth(units[u]);

		assert_non_null(strstr(s, units[u]));
		if (w > from)
			from = w;
	}
	for (int cols = from + 2; cols <= 40; cols++) {
		struct text_line *v;
		size_t n = check_wrap(s, cols, &v);

		for (size_t k = 0; k < n; k++) {
			size_t i = v[k].off;
			long cp;

			if (v[k].len == 0)
				continue;
			cp = text_decode(s, len, &i);
			if (k > 0 && is_closer((unsigned long)cp))
				fail_msg("\"%s\" at %d: line %zu starts with U+%04lX", s, cols, k,
					 (unsigned long)cp);
			if (k + 1 < n && is_opener(last_cp(s, v[k].off, v[k].len)))
				fail_msg("\"%s\" at %d: line %zu ends with U+%04lX", s, cols, k,
					 last_cp(s, v[k].off, v[k].len));
			for (size_t u = 0; u < nunits; u++) {
				const char *at = strstr(s, units[u]);
				size_t a = (size_t)(at - s), b = a + strlen(units[u]);
				size_t end = v[k].off + v[k].len;

				if (end > a && end < b)
					fail_msg("\"%s\" at %d: line %zu splits \"%s\"", s, cols, k, units[u]);
			}
		}
		free(v);
	}
}

/* UAX #14 with the Chinese tailoring: brackets, quotes and ranges (issue 12 item 13). */
static void wrap_set_as_chinese(void **state)
{
	(void)state;
	{
		const char *const units[] = {"50%\xE2\x80\x93"
					     "70%"};

		check_set_as_chinese("甲类药品报销比例是50%\xE2\x80\x93"
				     "70%(按医院级别)之间,乙类另算。",
				     units, 1);
	}
	{
		const char *const units[] = {"45%\xE2\x80\x94"
					     "65%"};

		check_set_as_chinese("住院费用报销比例在45%\xE2\x80\x94"
				     "65%之间，看医院级别定。",
				     units, 1);
	}
	{
		const char *const units[] = {"元/年", "元/人"};

		check_set_as_chinese("护理保险每人10 元/年，由个人缴纳，另外补助每人30 元/人。", units, 2);
	}
	{
		check_set_as_chinese("详细的办法在某某网站上的\xE2\x80\x9C"
				     "办事指南\xE2\x80\x9D"
				     "一栏里可以找到（要先登录）。还有「说明」和《规定》。",
				     NULL, 0);
	}
}

/*
 * U+FFFF is a valid code point (a noncharacter), and the one value libunibreak
 * 1.1 reserves as its end-of-string mark (EOS): passed through, the library
 * stopped early and aborted on its own assertion (found by fuzz_text).
 */
static void wrap_noncharacter_ffff(void **state)
{
	(void)state;
	{
		const char *want[] = {"a\xEF\xBF\xBF b"};

		expect_lines("a\xEF\xBF\xBF b", 10, want, 1);
	}
	{
		const char *want[] = {"\xE4\xB8\xAD\xE6\x96\x87", "\xEF\xBF\xBF\xE4\xB8\xAD", "\xE6\x96\x87"};

		expect_lines("\xE4\xB8\xAD\xE6\x96\x87\xEF\xBF\xBF\xE4\xB8\xAD\xE6\x96\x87", 4, want, 3);
	}
	{
		/* A run that may not break (word joiners) is cut where two characters alone may part. */
		struct text_line *v = NULL;
		const char *s = "abcd\xE2\x81\xA0\xEF\xBF\xBF\xE2\x81\xA0"
				"fghij";
		size_t n = text_wrap(s, strlen(s), 5, &v), bytes = 0;

		for (size_t i = 0; i < n; i++) {
			assert_true(v[i].width <= 5);
			bytes += v[i].len;
		}
		assert_int_equal(bytes, strlen(s));
		free(v);
	}
}

static void wrap_hard_newlines(void **state)
{
	(void)state;
	{
		const char *want[] = {"one", "two", "", "three"};

		expect_lines("one\ntwo\n\nthree", 20, want, 4);
	}
	{
		/* A trailing newline leaves one last empty line. */
		const char *want[] = {"a", ""};

		expect_lines("a\n", 10, want, 2);
	}
	{
		/* Spaces after a hard break are kept (indentation); at a soft break dropped. */
		const char *want[] = {"aa bb", "cc", "  dd"};

		expect_lines("aa bb cc\n  dd", 5, want, 3);
	}
	{
		const char *want[] = {""};

		expect_lines("", 10, want, 1);
	}
	{
		/* Widths below 2 are taken as 2. */
		struct text_line *v;
		size_t n = text_wrap("中文", 6, 0, &v);

		assert_int_equal(n, 2);
		assert_int_equal(v[0].width, 2);
		free(v);
	}
}

static void find_substring(void **state)
{
	(void)state;
	assert_int_equal(text_find("Alipay 支付宝", "ALIPAY"), 0);
	assert_int_equal(text_find("用 WeChat 缴费", "wechat"), 4);
	assert_int_equal(text_find("医保缴费", "缴费"), 6);
	assert_int_equal(text_find("abc", "x"), -1);
	assert_int_equal(text_find("abc", ""), 0);
}

static void find_folds_width(void **state)
{
	size_t len = 0;
	char *f;

	(void)state;
	/* Full-width input matches half-width text and the other way round. */
	assert_int_equal(text_find("到乡镇(街道)办理", "乡镇（街道）"), 3);
	assert_int_equal(text_find("到乡镇（街道）办理", "乡镇(街道)"), 3);
	assert_int_equal(text_find_len("国家医保服务平台APP", "ａｐｐ", &len), 24);
	assert_int_equal(len, 3);
	assert_int_equal(text_find_len("下载ＡＰＰ", "app", &len), 6);
	assert_int_equal(len, 9); /* the match's length in the text's bytes */
	assert_int_equal(text_find("3.4", "３.４"), 0);
	assert_int_equal(text_find("ab", "ｂｃ"), -1);
	f = text_fold_width("３.４　ＡＰＰ（支付宝）");
	assert_string_equal(f, "3.4 APP(支付宝)");
	free(f);
	assert_int_equal(text_fold(0xFF21), 'A');
	assert_int_equal(text_fold(0x4E2D), 0x4E2D);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decode_valid),
		cmocka_unit_test(decode_rejects_overlongs),
		cmocka_unit_test(decode_rejects_surrogates),
		cmocka_unit_test(decode_rejects_past_max),
		cmocka_unit_test(decode_rejects_truncated),
		cmocka_unit_test(sanitize_controls),
		cmocka_unit_test(sanitize_bidi_and_zero_width),
		cmocka_unit_test(sanitize_combining_capped),
		cmocka_unit_test(sanitize_crlf_and_invalid),
		cmocka_unit_test(widths),
		cmocka_unit_test(fit_never_splits),
		cmocka_unit_test(truncate_never_splits),
		cmocka_unit_test(wrap_cjk_anywhere),
		cmocka_unit_test(wrap_latin_words_whole),
		cmocka_unit_test(wrap_closing_punctuation),
		cmocka_unit_test(wrap_property),
		cmocka_unit_test(wrap_hard_newlines),
		cmocka_unit_test(wrap_noncharacter_ffff),
		cmocka_unit_test(wrap_set_as_chinese),
		cmocka_unit_test(find_substring),
		cmocka_unit_test(find_folds_width),
	};

	text_init_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * text.h -- UTF-8 decoding, sanitising, and display-width measure/wrap/truncate
 * SPDX-License-Identifier: MIT
 *
 * Every width in yibao goes through here: Chinese characters are two columns,
 * combining marks zero. Strings are UTF-8; nothing here draws.
 */
#ifndef YIBAO_TEXT_H
#define YIBAO_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#define TEXT_REPLACEMENT 0xFFFDu
/* Most combining marks kept after one base character. */
#define TEXT_MAX_COMBINING 4

/*
 * Make sure LC_CTYPE is a UTF-8 (or the given) locale so wcwidth() answers for
 * every character. Returns true when the locale is UTF-8 after the call.
 */
bool text_init_locale(void);

/*
 * Decode one code point at s[*i] (strict: no overlongs, surrogates or values past
 * U+10FFFF). On success advances *i and returns the code point; on a bad sequence
 * advances *i by one byte and returns -1.
 */
long text_decode(const char *s, size_t len, size_t *i);
/* Append the UTF-8 encoding of cp (<= 0x10FFFF) to buf; returns bytes written (1-4). */
int text_encode(unsigned long cp, char *buf);

/* Display columns of one code point: 0, 1 or 2; -1 when it is not printable. */
int text_cpwidth(unsigned long cp);
/* True for characters the sanitiser removes (controls, bidi, zero-width). */
bool text_is_stripped(unsigned long cp, bool keep_newline);

/* What text_sanitize found. Offsets are byte offsets into the input. */
struct text_report {
	size_t invalid;       /* bad UTF-8 sequences replaced by U+FFFD */
	size_t controls;      /* control / bidi / zero-width characters removed */
	size_t first_invalid; /* offset of the first bad sequence (valid if invalid) */
	size_t first_control; /* offset of the first removed character (valid if controls) */
};

enum {
	TEXT_KEEP_NEWLINE = 1 << 0, /* keep '\n' (content bodies) */
	TEXT_KEEP_TAB = 1 << 1,     /* keep '\t' (markdown indentation); else tab -> space */
};

/*
 * The one sanitiser for content, config values, network strings and error text:
 * strict UTF-8 (bad bytes -> U+FFFD), C0 but newline/tab, DEL, C1, bidi overrides
 * and isolates, zero-width characters removed; runs of combining marks capped;
 * characters wcwidth rejects replaced by U+FFFD. "\r\n" becomes "\n".
 * Returns a new string (caller frees); *out_len and *rep may be NULL.
 */
char *text_sanitize(const char *s, size_t len, unsigned flags, size_t *out_len,
		    struct text_report *rep);

/* Display width of a sanitised UTF-8 string (len bytes). */
int text_width(const char *s, size_t len);
int text_swidth(const char *s);

/*
 * Bytes of s (len bytes) that fit in cols columns without splitting a character;
 * *used gets their width (may be NULL).
 */
size_t text_fit(const char *s, size_t len, int cols, int *used);

/* One wrapped line: a byte range of the input and its width. */
struct text_line {
	size_t off, len;
	int width;
};

/*
 * Wrap s (len bytes, may hold '\n' hard breaks) to width cols (>= 2) at the
 * break opportunities of Unicode line breaking (UAX #14, libunibreak, with the
 * Chinese tailoring): no line starts with closing punctuation (，。、）」》” ...)
 * or ends with an opening bracket or quote (（「《“ ...); Latin words and
 * numbers stay whole unless longer than a line (then they are cut at the
 * width); a range dash keeps its two sides together (45%—65%, 50%–70%) and a
 * slash the unit after it (元/年). Leading spaces of continuation lines are
 * dropped. Returns the line count; *out is a new array (caller frees), at least
 * one line even for empty text.
 */
size_t text_wrap(const char *s, size_t len, int cols, struct text_line **out);
/*
 * text_wrap, but no line starts at any of the nglue byte offsets in glue (any
 * order; glue may be NULL when nglue is 0): the layout keeps a link's "[N]"
 * with its text this way. Same ownership as text_wrap.
 */
size_t text_wrap_glued(const char *s, size_t len, int cols, const size_t *glue, size_t nglue,
		       struct text_line **out);

/*
 * Truncate to cols columns into a new string, ending with "…" (or "~" when ascii)
 * when cut. Caller frees.
 */
char *text_truncate(const char *s, int cols, bool ascii);

/*
 * The half-width form of a full-width character as an input method types it
 * (U+FF01..U+FF5E: "（" "Ａ" "３" to "(" "A" "3"; U+3000 to a space); any other
 * code point is returned as it is.
 */
unsigned long text_fold(unsigned long cp);

/*
 * Substring search that ignores ASCII case and full width on both sides
 * ("乡镇(街道)" finds "乡镇（街道）", "app" finds "ＡＰＰ"): returns the byte
 * offset of the first match in hay or -1; *len (when not NULL) gets the
 * match's length in bytes of hay.
 */
long text_find_len(const char *hay, const char *needle, size_t *len);
/* text_find_len without the length. */
long text_find(const char *hay, const char *needle);

/*
 * Fold what an input method types in full width to ASCII: U+FF01..U+FF5E to
 * U+0021..U+007E ("３.４" -> "3.4", "ＡＰＰ" -> "APP"), U+3000 to a space; the rest
 * is copied (invalid bytes too). Returns a new string; caller frees.
 */
char *text_fold_width(const char *s);

#endif

/*
 * text.c -- UTF-8 decoding, sanitising, and display-width measure/wrap/truncate
 * SPDX-License-Identifier: MIT
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "text.h"

#include <ctype.h>
#include <langinfo.h>
#include <linebreak.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"

bool text_init_locale(void)
{
	const char *cs;

	if (setlocale(LC_CTYPE, "") == NULL)
		setlocale(LC_CTYPE, "C");
	cs = nl_langinfo(CODESET);
	if (cs != NULL && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "GB18030") == 0))
		return true;
	/* C/POSIX (usual under sshd): the terminal is UTF-8 in practice. */
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL || setlocale(LC_CTYPE, "C.utf8") != NULL ||
	    setlocale(LC_CTYPE, "en_US.UTF-8") != NULL)
		return true;
	return false;
}

long text_decode(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p = *i;
	unsigned long cp;
	int need;
	unsigned char c = s[p];

	if (c < 0x80) {
		*i = p + 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		cp = c & 0x07;
	} else {
		*i = p + 1;
		return -1;
	}
	if (p + (size_t)need >= len) {
		*i = p + 1;
		return -1;
	}
	for (int k = 1; k <= need; k++) {
		unsigned char cc = s[p + (size_t)k];

		if ((cc & 0xC0) != 0x80) {
			*i = p + 1;
			return -1;
		}
		/* Reject overlongs and surrogates at the second byte. */
		if (k == 1) {
			if ((c == 0xE0 && cc < 0xA0) || (c == 0xED && cc > 0x9F) ||
			    (c == 0xF0 && cc < 0x90) || (c == 0xF4 && cc > 0x8F)) {
				*i = p + 1;
				return -1;
			}
		}
		cp = (cp << 6) | (cc & 0x3F);
	}
	*i = p + (size_t)need + 1;
	return (long)cp;
}

int text_encode(unsigned long cp, char *buf)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xC0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (char)(0xF0 | (cp >> 18));
	buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	buf[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int text_cpwidth(unsigned long cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return -1;
	if (cp < 0x7F)
		return 1;
	if (cp >= 0x4E00 && cp <= 0x9FFF) /* CJK unified ideographs: the bulk of the text */
		return 2;
	w = wcwidth((wchar_t)cp);
	if (w < 0) {
		/* Outside a UTF-8 locale wcwidth knows nothing: fall back to ranges. */
		if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
		    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
		    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
		    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD))
			return 2;
		return -1;
	}
	return w > 2 ? 2 : w;
}

bool text_is_stripped(unsigned long cp, bool keep_newline)
{
	if (cp == '\n')
		return !keep_newline;
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return true;
	switch (cp) {
	case 0x061C: /* arabic letter mark */
	case 0x200B: /* zero-width space, joiners, LRM/RLM */
	case 0x200C:
	case 0x200D:
	case 0x200E:
	case 0x200F:
	case 0x2060: /* word joiner */
	case 0xFEFF: /* BOM / zero-width no-break space */
		return true;
	}
	if (cp >= 0x202A && cp <= 0x202E) /* bidi embeddings and overrides */
		return true;
	if (cp >= 0x2066 && cp <= 0x2069) /* bidi isolates */
		return true;
	if (cp >= 0x2061 && cp <= 0x2064) /* invisible operators */
		return true;
	if (cp >= 0x206A && cp <= 0x206F) /* deprecated format characters */
		return true;
	if (cp >= 0xFFF9 && cp <= 0xFFFB) /* interlinear annotation */
		return true;
	if (cp >= 0xE0000 && cp <= 0xE007F) /* tag characters */
		return true;
	return false;
}

/* Make room for n more bytes in the sanitiser's output buffer. */
static char *out_room(char *out, size_t *cap, size_t used, size_t n)
{
	if (used + n + 1 <= *cap)
		return out;
	while (used + n + 1 > *cap)
		*cap *= 2;
	return xrealloc(out, *cap);
}

char *text_sanitize(const char *s, size_t len, unsigned flags, size_t *out_len,
		    struct text_report *rep)
{
	struct text_report r = {0};
	size_t i = 0, n = 0, cap = len + len / 8 + 16;
	char *out = xmalloc(cap);
	int combining = 0;

	while (i < len) {
		size_t at = i;
		unsigned char c = (unsigned char)s[i];
		long cp;
		int w;

		/* Most of the text is printable ASCII or valid CJK: copy it as it is. */
		if (c >= 0x20 && c < 0x7F) {
			out = out_room(out, &cap, n, 1);
			out[n++] = (char)c;
			i++;
			combining = 0;
			continue;
		}
		if (c >= 0xE4 && c <= 0xE9 && i + 2 < len &&
		    ((unsigned char)s[i + 1] & 0xC0) == 0x80 && ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
			/* U+4E00..U+9FFF: CJK ideographs, two columns, nothing to strip. */
			unsigned long u = ((unsigned long)(c & 0x0F) << 12) |
					  ((unsigned long)(s[i + 1] & 0x3F) << 6) |
					  (unsigned long)(s[i + 2] & 0x3F);

			if (u >= 0x4E00) {
				out = out_room(out, &cap, n, 3);
				memcpy(out + n, s + i, 3);
				n += 3;
				i += 3;
				combining = 0;
				continue;
			}
		}
		cp = text_decode(s, len, &i);
		if (cp < 0) {
			if (r.invalid++ == 0)
				r.first_invalid = at;
			out = out_room(out, &cap, n, 3);
			n += (size_t)text_encode(TEXT_REPLACEMENT, out + n);
			combining = 0;
			continue;
		}
		if (cp == '\r' && i < len && s[i] == '\n')
			continue;
		if (cp == '\t' || cp == '\n') {
			if (cp == '\n' && !(flags & TEXT_KEEP_NEWLINE)) {
				if (r.controls++ == 0)
					r.first_control = at;
				continue;
			}
			out = out_room(out, &cap, n, 1);
			out[n++] = (cp == '\t' && !(flags & TEXT_KEEP_TAB)) ? ' ' : (char)cp;
			combining = 0;
			continue;
		}
		if (text_is_stripped((unsigned long)cp, flags & TEXT_KEEP_NEWLINE)) {
			if (r.controls++ == 0)
				r.first_control = at;
			continue;
		}
		w = text_cpwidth((unsigned long)cp);
		if (w == 0 && ++combining > TEXT_MAX_COMBINING)
			continue;
		if (w != 0)
			combining = 0;
		out = out_room(out, &cap, n, 4);
		if (w < 0) {
			n += (size_t)text_encode(TEXT_REPLACEMENT, out + n);
		} else {
			memcpy(out + n, s + at, i - at);
			n += i - at;
		}
	}
	out[n] = '\0';
	if (out_len != NULL)
		*out_len = n;
	if (rep != NULL)
		*rep = r;
	return out;
}

int text_width(const char *s, size_t len)
{
	size_t i = 0;
	int w = 0;

	while (i < len) {
		long cp = text_decode(s, len, &i);
		int cw = cp < 0 ? 1 : text_cpwidth((unsigned long)cp);

		w += cw < 0 ? 1 : cw;
	}
	return w;
}

int text_swidth(const char *s)
{
	return text_width(s, strlen(s));
}

size_t text_fit(const char *s, size_t len, int cols, int *used)
{
	size_t i = 0, keep = 0;
	int w = 0;

	while (i < len) {
		long cp = text_decode(s, len, &i);
		int cw = cp < 0 ? 1 : text_cpwidth((unsigned long)cp);

		if (cw < 0)
			cw = 1;
		if (w + cw > cols)
			break;
		w += cw;
		keep = i;
	}
	/* Zero-width marks that follow belong with the last character kept. */
	while (keep < len) {
		size_t j = keep;
		long cp = text_decode(s, len, &j);

		if (cp < 0 || text_cpwidth((unsigned long)cp) != 0)
			break;
		keep = j;
	}
	if (used != NULL)
		*used = w;
	return keep;
}

/*
 * A decoded character as libunibreak 1.1 may be given it: a bad sequence (c < 0)
 * as U+FFFD, and U+FFFF too. That one is valid (a noncharacter, never text) but
 * it is the library's end-of-string mark (EOS in linebreakdef.h): passed in, the
 * library stops early and aborts on its own assertion.
 */
static utf32_t ub_char(long c)
{
	return c < 0 || c == 0xFFFF ? TEXT_REPLACEMENT : (utf32_t)c;
}

/* Characters that join the two sides of a range: 45%—65%, 50%–70%, 1～3 个月. */
static bool is_range_dash(unsigned long cp)
{
	return cp == 0x2013 || cp == 0x2014 || cp == 0xFF5E || cp == 0x301C || cp == '~';
}

/*
 * Where a line may end, after each byte of s: brk[i] is LINEBREAK_ALLOWBREAK
 * when a line may end after byte i (UAX #14 as libunibreak computes it, with
 * the "zh" tailoring that makes “ ‘ opening and ” ’ closing marks), then
 * tailored as Chinese typesetting wants (UAX #14 allows tailoring): a range
 * dash keeps both its sides (45%—65%), a slash keeps the unit after it (元/年),
 * and no line starts at an offset listed in glue (a link and its "[N]").
 */
static void find_breaks(const char *s, size_t len, const size_t *glue, size_t nglue, char *brk)
{
	static bool ready;
	size_t i = 0, n = 0, k = 0;
	/* Code points (ub_char), not UTF-8: libunibreak 1.1 aborts on a bad UTF-8 sequence. */
	utf32_t *cp = xmalloc((len > 0 ? len : 1) * sizeof *cp);
	char *cb;

	if (!ready) {
		init_linebreak(); /* builds the library's index of its tables, once */
		ready = true;
	}
	while (i < len) {
		long c = text_decode(s, len, &i);

		cp[n++] = ub_char(c);
	}
	cb = xmalloc(n > 0 ? n : 1);
	if (n > 0)
		set_linebreaks_utf32(cp, n, "zh", cb);
	memset(brk, LINEBREAK_INSIDEACHAR, len);
	for (i = 0; i < len; k++) {
		text_decode(s, len, &i);
		brk[i - 1] = cb[k];
		if (k + 1 >= n || cb[k] != LINEBREAK_ALLOWBREAK || cp[k] == ' ' || cp[k + 1] == ' ' ||
		    cp[k] == '\n' || cp[k + 1] == '\n')
			continue;
		if (is_range_dash(cp[k]) || is_range_dash(cp[k + 1]) ||
		    ((cp[k] == '/' || cp[k] == 0xFF0F) && text_cpwidth(cp[k + 1]) == 2))
			brk[i - 1] = LINEBREAK_NOBREAK;
	}
	for (size_t g = 0; g < nglue; g++)
		if (glue[g] > 0 && glue[g] < len && brk[glue[g] - 1] == LINEBREAK_ALLOWBREAK)
			brk[glue[g] - 1] = LINEBREAK_NOBREAK;
	/* What was laid out may be a person's (an answer code, a masked ID): no copy is left behind. */
	util_wipe(cb, n > 0 ? n : 1);
	util_wipe(cp, (len > 0 ? len : 1) * sizeof *cp);
	free(cb);
	free(cp);
}

/* Byte offset of the character before offset at (at > 0). */
static size_t prev_char(const char *s, size_t at)
{
	do
		at--;
	while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80);
	return at;
}

/*
 * A run with no break opportunity is wider than the line (a long word or URL):
 * cut it at the latest offset in (start, at] where a line may end and the next
 * begin as far as the two characters alone go (is_line_breakable against an
 * ideograph tells an opening or closing mark), else at at.
 */
static size_t emergency_break(const char *s, size_t len, size_t start, size_t at)
{
	const utf32_t ideograph = 0x4E2D; /* 中 */

	for (size_t p = at; p > start; p = prev_char(s, p)) {
		size_t j = p, k = prev_char(s, p);
		long c = text_decode(s, len, &j), pc = text_decode(s, len, &k);

		if (c < 0 || pc < 0)
			continue;
		if (is_line_breakable(ideograph, ub_char(c), "zh") != LINEBREAK_NOBREAK &&
		    is_line_breakable(ub_char(pc), ideograph, "zh") != LINEBREAK_NOBREAK &&
		    text_cpwidth((unsigned long)c) != 0)
			return p;
	}
	return at;
}

static void push_line(struct text_line **v, size_t *n, size_t *cap, const char *s,
		      size_t off, size_t end)
{
	while (end > off && s[end - 1] == ' ')
		end--;
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[*n].off = off;
	(*v)[*n].len = end - off;
	(*v)[*n].width = text_width(s + off, end - off);
	(*n)++;
}

size_t text_wrap_glued(const char *s, size_t len, int cols, const size_t *glue, size_t nglue,
		       struct text_line **out)
{
	struct text_line *v = NULL;
	size_t n = 0, cap = 0, start = 0;
	bool soft = false;
	char *brk = xmalloc(len > 0 ? len : 1);

	find_breaks(s, len, glue, nglue, brk);
	if (cols < 2)
		cols = 2;
	for (;;) {
		size_t i, end = len, next = len, last_ok = 0;
		bool hard = false;
		int w = 0;

		if (soft)
			while (start < len && s[start] == ' ')
				start++;
		i = start;
		while (i < len) {
			size_t at = i;
			long scp = text_decode(s, len, &i);
			unsigned long cp = scp < 0 ? TEXT_REPLACEMENT : (unsigned long)scp;
			int cw;

			if (cp == '\n') {
				end = at;
				next = i;
				hard = true;
				break;
			}
			if (at > start && brk[at - 1] != LINEBREAK_NOBREAK &&
			    brk[at - 1] != LINEBREAK_INSIDEACHAR)
				last_ok = at;
			cw = text_cpwidth(cp);
			if (cw < 0)
				cw = 1;
			/* Spaces may hang past the edge: they are dropped at a soft break. */
			if (cp != ' ' && w + cw > cols) {
				if (last_ok > start)
					end = next = last_ok;
				else if (at > start)
					end = next = emergency_break(s, len, start, at);
				else
					end = next = i; /* a character wider than the line */
				break;
			}
			w += cw;
		}
		push_line(&v, &n, &cap, s, start, end);
		if (next >= len && !hard)
			break;
		if (hard && next >= len) {
			/* Trailing newline: one last empty line. */
			push_line(&v, &n, &cap, s, len, len);
			break;
		}
		start = next;
		soft = !hard;
	}
	free(brk);
	*out = v;
	return n;
}

size_t text_wrap(const char *s, size_t len, int cols, struct text_line **out)
{
	return text_wrap_glued(s, len, cols, NULL, 0, out);
}

char *text_truncate(const char *s, int cols, bool ascii)
{
	size_t len = strlen(s), keep;
	int used;
	struct strbuf sb = {0};

	if (text_width(s, len) <= cols)
		return xstrdup(s);
	if (cols <= 0)
		return xstrdup("");
	keep = text_fit(s, len, cols - 1, &used);
	sb_add(&sb, s, keep);
	sb_adds(&sb, ascii ? "~" : "\xE2\x80\xA6");
	return sb_take(&sb);
}

unsigned long text_fold(unsigned long cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFEE0;
	if (cp == 0x3000)
		return ' ';
	return cp;
}

char *text_fold_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	struct strbuf sb = {0};

	sb_add(&sb, "", 0);
	while (i < len) {
		size_t start = i;
		long cp = text_decode(s, len, &i);

		if (cp >= 0xFF01 && cp <= 0xFF5E)
			sb_addc(&sb, (char)(cp - 0xFF01 + 0x21));
		else if (cp == 0x3000)
			sb_addc(&sb, ' ');
		else
			sb_add(&sb, s + start, i - start);
	}
	return sb_take(&sb);
}

/* One code point folded for comparison: width, then ASCII case. */
static long cmp_fold(const char *s, size_t len, size_t *i)
{
	long cp = text_decode(s, len, i);

	if (cp < 0)
		return cp;
	cp = (long)text_fold((unsigned long)cp);
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return cp;
}

/* Does needle match hay at byte at? *end gets where the match ends in hay. */
static bool match_at(const char *hay, size_t hn, size_t at, const char *nd, size_t nn, size_t *end)
{
	size_t h = at, n = 0;

	while (n < nn) {
		size_t h0 = h, n0 = n;
		long a, b;

		if (h >= hn)
			return false;
		a = cmp_fold(hay, hn, &h);
		b = cmp_fold(nd, nn, &n);
		if (a != b)
			return false;
		/* Undecodable bytes compare as bytes. */
		if (a < 0 && (h - h0 != n - n0 || memcmp(hay + h0, nd + n0, h - h0) != 0))
			return false;
	}
	*end = h;
	return true;
}

long text_find_len(const char *hay, const char *needle, size_t *len)
{
	size_t hn = strlen(hay), nn = strlen(needle), end, i = 0;
	long first;
	char set[5] = {0};
	const char *p;

	if (len != NULL)
		*len = 0;
	if (nn == 0)
		return 0;
	first = cmp_fold(needle, nn, &i);
	/*
	 * Only where the needle's first character can start a match is it tried
	 * (the library's fast scans: a search of 10,000 screens): an ASCII one as
	 * either case or as a full-width form (lead byte 0xEF; 0xE3 for U+3000).
	 */
	if (first >= 0x80) {
		memcpy(set, needle, i < sizeof set ? i : sizeof set - 1);
		for (p = strstr(hay, set); p != NULL; p = strstr(p + 1, set))
			if (match_at(hay, hn, (size_t)(p - hay), needle, nn, &end))
				goto found;
		return -1;
	}
	set[0] = (char)(first < 0 ? needle[0] : first);
	set[1] = (char)(first >= 'a' && first <= 'z' ? first - 'a' + 'A' : set[0]);
	set[2] = '\xEF';
	set[3] = first == ' ' ? '\xE3' : '\xEF';
	for (p = strpbrk(hay, set); p != NULL; p = strpbrk(p + 1, set))
		if (match_at(hay, hn, (size_t)(p - hay), needle, nn, &end))
			goto found;
	return -1;
found:
	if (len != NULL)
		*len = end - (size_t)(p - hay);
	return p - hay;
}

long text_find(const char *hay, const char *needle)
{
	return text_find_len(hay, needle, NULL);
}

/*
 * calc.c -- the reimbursement calculator: bills, rates and results in integer fen
 * SPDX-License-Identifier: MIT
 *
 * Owner: the calculator screen. See calc.h for the rules; everything is whole
 * numbers (fen, basis points), rounded half up once, where the rate is applied.
 */
#include "calc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "util.h"

/* Longest input looked at; anything longer is too big or malformed anyway. */
#define CALC_MAX_INPUT 64

/*
 * Copy s to an ASCII string: full-width digits, full stop and minus become
 * their ASCII forms, any other non-ASCII character becomes '?', and spaces at
 * either end are dropped. Returns false when out (size bytes) is too small.
 */
static bool to_ascii(const char *s, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	while (*p != '\0') {
		char c;

		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
			c = (char)('0' + (p[2] - 0x90)); /* U+FF10..U+FF19 */
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x8E || p[2] == 0x8D)) {
			c = p[2] == 0x8E ? '.' : '-'; /* U+FF0E, U+FF0D */
			p += 3;
		} else if (*p >= 0x80) {
			c = '?';
			p++;
			while ((*p & 0xC0) == 0x80)
				p++;
		} else {
			c = (char)*p++;
		}
		if (n + 1 >= size)
			return false;
		out[n++] = c;
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		n--;
	out[n] = '\0';
	return true;
}

/*
 * Parse "D+" or "D+.D" or "D+.DD" (ASCII) into hundredths, at most max.
 * Negative numbers and zero are the caller's business.
 */
static enum calc_err parse_hundredths(const char *t, long long max, long long *out)
{
	const char *dot = NULL;
	size_t ndots = 0, intlen, fraclen = 0;
	long long whole = 0, frac = 0;

	if (t[0] == '\0')
		return CALC_ERR_EMPTY;
	if (t[0] == '-')
		return CALC_ERR_NEGATIVE;
	for (const char *p = t; *p != '\0'; p++) {
		if (*p == '.') {
			ndots++;
			if (dot == NULL)
				dot = p;
		} else if (*p < '0' || *p > '9') {
			return CALC_ERR_CHARS;
		}
	}
	if (ndots > 1 || t[0] == '.' || (dot != NULL && dot[1] == '\0'))
		return CALC_ERR_FORMAT;
	intlen = dot != NULL ? (size_t)(dot - t) : strlen(t);
	if (dot != NULL)
		fraclen = strlen(dot + 1);
	if (fraclen > 2)
		return CALC_ERR_DECIMALS;
	/* Leading zeros say nothing; more than 15 digits cannot be within any max. */
	while (intlen > 1 && t[0] == '0') {
		t++;
		intlen--;
	}
	if (intlen > 15)
		return CALC_ERR_TOO_BIG;
	for (size_t i = 0; i < intlen; i++)
		whole = whole * 10 + (t[i] - '0');
	for (size_t i = 0; i < 2; i++)
		frac = frac * 10 + (i < fraclen ? dot[1 + i] - '0' : 0);
	if (whole > max / 100 || whole * 100 + frac > max)
		return CALC_ERR_TOO_BIG;
	*out = whole * 100 + frac;
	return CALC_OK;
}

/* Does the NUL-terminated p start with the three-byte character c? (Never reads past a NUL.) */
static bool is_char(const unsigned char *p, const char *c)
{
	return p[0] == (unsigned char)c[0] && p[1] == (unsigned char)c[1] &&
	       p[2] == (unsigned char)c[2];
}

/*
 * The bill as typed, made plain: full-width digits, full stop, comma and minus
 * as ASCII; spaces (also the ideographic space) dropped; a last 元 dropped and
 * a 万 before it (or last) noted in *wan. Any other non-ASCII character becomes
 * '?'. out has room for strlen(s) + 1 bytes.
 */
static void bill_plain(const char *s, char *out, bool *wan)
{
	static const char yuan[] = "\xE5\x85\x83";   /* 元 */
	static const char wan_ch[] = "\xE4\xB8\x87"; /* 万 */
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	*wan = false;
	while (*p != '\0') {
		if (*p == ' ' || *p == '\t') {
			p++;
		} else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3; /* U+3000 */
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
			out[n++] = (char)('0' + (p[2] - 0x90)); /* U+FF10..U+FF19 */
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x8E || p[2] == 0x8D || p[2] == 0x8C)) {
			out[n++] = p[2] == 0x8E ? '.' : p[2] == 0x8D ? '-'
								     : ','; /* ．－， */
			p += 3;
		} else if (is_char(p, yuan) || is_char(p, wan_ch)) {
			/* Kept as markers: where they stand is checked below. */
			out[n++] = is_char(p, yuan) ? 'Y' : 'W';
			p += 3;
		} else if (*p >= 0x80) {
			out[n++] = '?';
			p++;
			while ((*p & 0xC0) == 0x80)
				p++;
		} else if (*p == 'Y' || *p == 'W') {
			out[n++] = '?'; /* a typed Y or W is not 元 or 万 */
			p++;
		} else {
			out[n++] = (char)*p++;
		}
	}
	out[n] = '\0';
	/* 元 only last; 万 only last or just before a last 元. */
	if (n > 0 && out[n - 1] == 'Y')
		out[--n] = '\0';
	if (n > 0 && out[n - 1] == 'W') {
		out[--n] = '\0';
		*wan = true;
	}
}

/* Drop the thousands separators of t in place; false when they stand wrong ("2,00"). */
static bool drop_commas(char *t)
{
	char *dot = strchr(t, '.'), *comma = strchr(t, ',');
	size_t group = 0;
	bool first = true;
	char *w = t;

	if (comma == NULL)
		return true;
	if ((dot != NULL && strchr(dot, ',') != NULL) || comma == t)
		return false;
	for (char *p = t; *p != '\0' && (dot == NULL || p < dot); p++) {
		if (*p == ',') {
			/* The first group 1-3 digits, every later one exactly 3. */
			if ((first && (group < 1 || group > 3)) || (!first && group != 3))
				return false;
			first = false;
			group = 0;
		} else {
			group++;
		}
	}
	if (group != 3)
		return false;
	for (char *p = t; *p != '\0'; p++)
		if (*p != ',')
			*w++ = *p;
	*w = '\0';
	return true;
}

enum calc_err calc_parse_bill(const char *s, long long *fen)
{
	char *t;
	bool wan;
	enum calc_err e = CALC_OK;
	long long v = 0;

	if (s == NULL)
		return CALC_ERR_EMPTY;
	/* The plain form is never longer than the input. */
	t = xmalloc(strlen(s) + 1);
	bill_plain(s, t, &wan);
	if (t[0] == '\0')
		e = wan ? CALC_ERR_FORMAT : CALC_ERR_EMPTY;
	else if (t[0] == '-')
		e = CALC_ERR_NEGATIVE;
	else if (strpbrk(t, "YW") != NULL)
		e = CALC_ERR_FORMAT; /* 元 or 万 in the middle */
	else if (strspn(t, "0123456789.,") != strlen(t))
		e = CALC_ERR_CHARS;
	else if (!drop_commas(t))
		e = CALC_ERR_GROUPING;
	if (e == CALC_OK && wan) {
		/* 万: up to four decimals are whole 元, six whole fen. Leading zeros say nothing. */
		char *z = t;

		while (z[0] == '0' && z[1] >= '0' && z[1] <= '9')
			z++;
		memmove(t, z, strlen(z) + 1);
		char *dot = strchr(t, '.');
		size_t fl = dot != NULL ? strlen(dot + 1) : 0;
		char shifted[CALC_MAX_INPUT];
		size_t il = dot != NULL ? (size_t)(dot - t) : strlen(t);

		if (fl > 6)
			e = CALC_ERR_DECIMALS;
		else if (il + fl + 6 >= sizeof shifted || (dot != NULL && (il == 0 || fl == 0)) ||
			 strchr(dot != NULL ? dot + 1 : t, '.') != NULL)
			e = il + fl + 6 >= sizeof shifted ? CALC_ERR_TOO_BIG : CALC_ERR_FORMAT;
		else {
			/* "2.5" 万 is "25000.00" 元: move the point four places right. */
			size_t k = 0;

			memcpy(shifted, t, il);
			k = il;
			for (size_t i = 0; i < 4; i++)
				shifted[k++] = i < fl ? dot[1 + i] : '0';
			if (fl > 4) {
				shifted[k++] = '.';
				for (size_t i = 4; i < fl; i++)
					shifted[k++] = dot[1 + i];
			}
			shifted[k] = '\0';
			e = parse_hundredths(shifted, CALC_MAX_FEN, &v);
		}
	} else if (e == CALC_OK) {
		e = parse_hundredths(t, CALC_MAX_FEN, &v);
	}
	free(t);
	if (e != CALC_OK)
		return e;
	if (v == 0)
		return CALC_ERR_ZERO;
	*fen = v;
	return CALC_OK;
}

const char *calc_strerror(enum calc_err e)
{
	switch (e) {
	case CALC_OK:
		return "金额可以用";
	case CALC_ERR_EMPTY:
		return "没有输入金额。请输入住院费用，例如 20000、2万、2.5万、20,000元";
	case CALC_ERR_NEGATIVE:
		return "金额不能是负数，例如 20000 或 2万";
	case CALC_ERR_CHARS:
		return "金额只能写数字，可以带“万”“元”和千位逗号，例如 20000、2万、2.5万、20,000元";
	case CALC_ERR_FORMAT:
		return "金额的写法不对：小数点前后都要有数字，“万”“元”写在最后，例如 12345.67 或 2.5万";
	case CALC_ERR_GROUPING:
		return "千位逗号的位置不对：每三位一个，例如 20,000 或 1,234,567.89";
	case CALC_ERR_DECIMALS:
		return "金额最多算到分：元最多两位小数，万最多六位，例如 12345.67 或 1.234567万";
	case CALC_ERR_TOO_BIG:
		return "金额太大：最多 10000000 元（一千万元，1000万）";
	case CALC_ERR_ZERO:
		return "金额要大于 0 元，例如 20000 或 2万";
	}
	return "金额看不懂";
}

bool calc_parse_amount(const char *s, struct calc_amount *a)
{
	char t[CALC_MAX_INPUT];
	long long v;

	if (s == NULL || !to_ascii(s, t, sizeof t))
		return false;
	if (t[0] == '\0') {
		a->known = false;
		a->fen = 0;
		return true;
	}
	if (parse_hundredths(t, 10 * CALC_MAX_FEN, &v) != CALC_OK)
		return false;
	a->known = true;
	a->fen = v;
	return true;
}

/* One percent "65" or "62.5" (0..100) as basis points. */
static bool parse_percent(const char *s, size_t n, int *bp)
{
	char t[CALC_MAX_INPUT];
	long long v;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof t)
		return false;
	memcpy(t, s, n);
	t[n] = '\0';
	if (parse_hundredths(t, 10000, &v) != CALC_OK)
		return false;
	*bp = (int)v;
	return true;
}

bool calc_parse_rate(const char *s, struct calc_rate *r)
{
	char t[CALC_MAX_INPUT];
	const char *dash;
	int low, high;

	if (s == NULL || !to_ascii(s, t, sizeof t))
		return false;
	if (t[0] == '\0') {
		memset(r, 0, sizeof *r);
		return true;
	}
	dash = strchr(t, '-');
	if (dash == NULL) {
		if (!parse_percent(t, strlen(t), &low))
			return false;
		high = low;
	} else if (!parse_percent(t, (size_t)(dash - t), &low) ||
		   !parse_percent(dash + 1, strlen(dash + 1), &high) || high < low) {
		return false;
	}
	r->known = true;
	r->low = low;
	r->high = high;
	return true;
}

/* Append key to the comma-separated list in sb. */
static void note_bad(struct strbuf *sb, const char *key)
{
	if (sb->len > 0)
		sb_adds(sb, ", ");
	sb_adds(sb, key);
}

int calc_profile_read(struct calc_profile *p, const struct kvlist *kv, char *why, size_t whylen)
{
	static const char *const groups[CALC_GROUPS] = {"student", "other", "employee"};
	static const char *const amounts[] = {"deductible", "cap", "bill_limit"};
	struct calc_amount *dst[] = {&p->deductible, &p->cap, &p->bill_limit[CALC_STUDENT]};
	struct strbuf sb = {0};
	int rc;

	memset(p, 0, sizeof *p);
	for (int g = 0; g < CALC_GROUPS; g++) {
		for (int l = 0; l < CALC_LEVELS; l++) {
			char key[32];
			const char *v;

			snprintf(key, sizeof key, "%s_level%d", groups[g], l + 1);
			v = kv != NULL ? kv_get(kv, key) : NULL;
			if (v != NULL && !calc_parse_rate(v, &p->rate[g][l]))
				note_bad(&sb, key);
		}
	}
	for (size_t i = 0; i < ARRAY_LEN(amounts); i++) {
		const char *v = kv != NULL ? kv_get(kv, amounts[i]) : NULL;

		if (v != NULL && !calc_parse_amount(v, dst[i]))
			note_bad(&sb, amounts[i]);
	}
	/* "bill_limit" is for both resident groups; a group's own key, when not empty, wins. */
	p->bill_limit[CALC_OTHER] = p->bill_limit[CALC_STUDENT];
	for (int g = 0; g < CALC_EMPLOYEE; g++) {
		char key[32];
		const char *v;

		snprintf(key, sizeof key, "%s_bill_limit", groups[g]);
		v = kv != NULL ? kv_get(kv, key) : NULL;
		if (v != NULL && v[0] != '\0' && !calc_parse_amount(v, &p->bill_limit[g]))
			note_bad(&sb, key);
	}
	for (int k = 0; k < 2; k++) {
		/* student_if, employee_if: wizard conditions (rules.h) choosing the group. */
		const char *key = k == 0 ? "student_if" : "employee_if";
		const char *v = kv != NULL ? kv_get(kv, key) : NULL;
		struct cond *c = v != NULL ? cond_parse(v, NULL, 0) : NULL;

		if (v != NULL && c == NULL)
			note_bad(&sb, key);
		cond_free(c);
	}
	util_say(why, whylen, "%s", sb.len > 0 ? sb.s : "");
	rc = sb.len > 0 ? -1 : 0;
	sb_clear(&sb);
	return rc;
}

bool calc_compute(const struct calc_profile *p, long long bill_fen, int level,
		  enum calc_group g, struct calc_result *r)
{
	const struct calc_rate *rate;

	memset(r, 0, sizeof *r);
	if (level < 1 || level > CALC_LEVELS || (int)g < 0 || g >= CALC_GROUPS || bill_fen < 0 ||
	    bill_fen > CALC_MAX_FEN)
		return false;
	rate = &p->rate[g][level - 1];
	if (!rate->known || rate->low < 0 || rate->high > 10000 || rate->low > rate->high)
		return false;
	r->rate = *rate;
	r->bill = bill_fen;
	r->eligible = bill_fen;
	if (p->bill_limit[g].known && p->bill_limit[g].fen < bill_fen) {
		r->eligible = p->bill_limit[g].fen;
		r->limited = true;
	}
	if (p->deductible.known)
		r->deductible = p->deductible.fen < r->eligible ? p->deductible.fen : r->eligible;
	r->above = r->eligible - r->deductible;
	for (int k = 0; k < 2; k++) {
		/* above <= 1e9 fen and bp <= 1e4: the product stays far below 2^63. */
		long long bp = k == 0 ? rate->low : rate->high;
		long long x = (r->above * bp + 5000) / 10000;

		if (p->cap.known && x > p->cap.fen) {
			x = p->cap.fen;
			r->capped[k] = true;
		}
		r->reimbursed[k] = x;
		r->self_paid[k] = bill_fen - x;
	}
	return true;
}

void calc_format_fen(long long fen, char *buf, size_t size)
{
	char digits[24], out[CALC_FMT_LEN + 8];
	unsigned long long v = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
	size_t n, o = 0;

	n = (size_t)snprintf(digits, sizeof digits, "%llu", v / 100);
	if (fen < 0)
		out[o++] = '-';
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	snprintf(out + o, sizeof out - o, ".%02llu", v % 100);
	snprintf(buf, size, "%s", out);
}

void calc_format_rate(int bp, char *buf, size_t size)
{
	if (bp < 0)
		bp = 0;
	if (bp % 100 == 0)
		snprintf(buf, size, "%d", bp / 100);
	else if (bp % 10 == 0)
		snprintf(buf, size, "%d.%d", bp / 100, bp % 100 / 10);
	else
		snprintf(buf, size, "%d.%02d", bp / 100, bp % 100);
}

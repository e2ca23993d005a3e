/*
 * pinyin.c -- match typed pinyin ("cbdj", "baoxiao") against Chinese text (参保登记, 报销)
 * SPDX-License-Identifier: MIT
 */
#include "pinyin.h"

#include <string.h>

#include "text.h"

uint32_t pinyin_initials(unsigned long cp)
{
	if (cp < pinyin_first || cp > pinyin_last)
		return 0;
	return pinyin_sets[pinyin_index[cp - pinyin_first]];
}

bool pinyin_is_query(const char *q)
{
	size_t n = strlen(q);

	if (n < 2 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((q[i] >= 'a' && q[i] <= 'z') || (q[i] >= 'A' && q[i] <= 'Z')))
			return false;
	return true;
}

/* The letters a character can stand for: its initials, or itself if alphanumeric. */
static uint32_t letters_of(unsigned long cp)
{
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	if (cp >= 'a' && cp <= 'z')
		return 1u << (cp - 'a');
	return pinyin_initials(cp);
}

const uint16_t *pinyin_readings_of(unsigned long cp, unsigned *n)
{
	const uint16_t *r;

	*n = 0;
	if (cp < pinyin_first || cp > pinyin_last)
		return NULL;
	r = &pinyin_readings[pinyin_reading_index[cp - pinyin_first]];
	*n = r[0];
	return *n > 0 ? r + 1 : NULL;
}

/*
 * Does q (lower case, qn letters) spell text from byte j on? Each character
 * takes one letter (itself, or its initial), or a whole reading; a reading may
 * be cut short only at the end of q.
 */
static bool spells(const char *text, size_t len, size_t j, const char *q, size_t qn)
{
	size_t next = j;
	long cp;
	unsigned nr;
	const uint16_t *r;

	if (qn == 0)
		return true;
	if (j >= len)
		return false;
	cp = text_decode(text, len, &next);
	if (cp < 0)
		return false;
	if ((letters_of((unsigned long)cp) & (1u << (q[0] - 'a'))) &&
	    spells(text, len, next, q + 1, qn - 1))
		return true;
	r = pinyin_readings_of((unsigned long)cp, &nr);
	for (unsigned i = 0; i < nr; i++) {
		const char *syl = pinyin_syllables[r[i]];
		size_t sn = strlen(syl);

		if (sn < 2)
			continue; /* one letter: the initial's case above */
		if (sn <= qn && memcmp(syl, q, sn) == 0 && spells(text, len, next, q + sn, qn - sn))
			return true;
		if (sn > qn && qn >= 2 && memcmp(syl, q, qn) == 0)
			return true; /* the last syllable, still being typed */
	}
	return false;
}

bool pinyin_match(const char *text, const char *query)
{
	size_t len = strlen(text), qn = strlen(query), i = 0;
	char q[33];

	if (!pinyin_is_query(query))
		return false;
	for (size_t k = 0; k < qn; k++)
		q[k] = (char)(query[k] >= 'A' && query[k] <= 'Z' ? query[k] - 'A' + 'a' : query[k]);
	q[qn] = '\0';
	while (i < len) {
		if (spells(text, len, i, q, qn))
			return true;
		text_decode(text, len, &i);
	}
	return false;
}

/* Is cp a character with a reading (a Chinese character pinyin can spell)? */
static bool is_han(long cp)
{
	unsigned n;

	return cp >= 0 && pinyin_readings_of((unsigned long)cp, &n) != NULL;
}

/*
 * Does q (lower case, qn letters) spell text from byte j on in whole readings
 * only? The byte after the last character spelt into *end.
 */
static bool spells_whole(const char *text, size_t len, size_t j, const char *q, size_t qn,
			 size_t *end)
{
	size_t next = j;
	long cp;
	unsigned nr;
	const uint16_t *r;

	if (qn == 0) {
		*end = j;
		return true;
	}
	if (j >= len)
		return false;
	cp = text_decode(text, len, &next);
	if (cp < 0)
		return false;
	r = pinyin_readings_of((unsigned long)cp, &nr);
	for (unsigned i = 0; i < nr; i++) {
		const char *syl = pinyin_syllables[r[i]];
		size_t sn = strlen(syl);

		if (sn <= qn && memcmp(syl, q, sn) == 0 &&
		    spells_whole(text, len, next, q + sn, qn - sn, end))
			return true;
	}
	return false;
}

enum pinyin_fit pinyin_fit(const char *text, const char *query)
{
	size_t len = strlen(text), qn = strlen(query), i = 0, end;
	bool run_start = true;
	char q[33];

	if (!pinyin_match(text, query))
		return PINYIN_NONE;
	for (size_t k = 0; k < qn; k++)
		q[k] = (char)(query[k] >= 'A' && query[k] <= 'Z' ? query[k] - 'A' + 'a' : query[k]);
	q[qn] = '\0';
	while (i < len) {
		size_t at = i;
		long cp = text_decode(text, len, &i);

		if (is_han(cp) && spells_whole(text, len, at, q, qn, &end)) {
			size_t after = end;

			if (at == 0 && end == len)
				return PINYIN_WHOLE;
			/* A word starts or ends the run of characters it is in. */
			if (run_start || end == len || !is_han(text_decode(text, len, &after)))
				return PINYIN_WORD;
		}
		run_start = !is_han(cp);
	}
	return PINYIN_LOOSE;
}

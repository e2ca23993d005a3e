/*
 * pinyin.c -- match typed pinyin initials ("cbdj") against Chinese text (参保登记)
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

bool pinyin_match(const char *text, const char *query)
{
	size_t len = strlen(text), qn = strlen(query), i = 0;
	uint32_t want[32];

	if (!pinyin_is_query(query))
		return false;
	for (size_t k = 0; k < qn; k++) {
		char c = query[k];

		want[k] = 1u << ((c >= 'A' && c <= 'Z' ? c - 'A' : c - 'a') & 31);
	}
	while (i < len) {
		size_t j = i, k = 0;

		while (k < qn && j < len) {
			long cp = text_decode(text, len, &j);

			if (cp < 0 || !(letters_of((unsigned long)cp) & want[k]))
				break;
			k++;
		}
		if (k == qn)
			return true;
		text_decode(text, len, &i);
	}
	return false;
}

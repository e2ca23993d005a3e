/*
 * pinyin.h -- match typed pinyin initials ("cbdj") against Chinese text (参保登记)
 * SPDX-License-Identifier: MIT
 *
 * A terminal without a Chinese input method can still search: each letter of
 * the query must be the first letter of one reading of the character in that
 * place. The data (src/pinyin_data.c) is generated from Unihan by
 * tools/gen_pinyin.py; a character with several readings matches any of them.
 */
#ifndef YIBAO_PINYIN_H
#define YIBAO_PINYIN_H

#include <stdbool.h>
#include <stdint.h>

extern const unsigned long pinyin_first, pinyin_last;
extern const uint32_t pinyin_sets[];
extern const uint16_t pinyin_index[];

/* Bit set of the initials of cp's readings (bit 0 = 'a'); 0 when unknown. */
uint32_t pinyin_initials(unsigned long cp);

/* True when query is 2-32 ASCII letters only (a candidate pinyin query). */
bool pinyin_is_query(const char *query);

/*
 * True when query's letters are the initials of consecutive Chinese characters
 * of text (ASCII letters and digits in text match themselves; other characters
 * break a run). Case is ignored.
 */
bool pinyin_match(const char *text, const char *query);

#endif

/*
 * pinyin.h -- match typed pinyin ("cbdj", "baoxiao") against Chinese text (参保登记, 报销)
 * SPDX-License-Identifier: MIT
 *
 * A terminal without a Chinese input method can still search: each character
 * in turn is matched by the first letter of one of its readings, or by one of
 * its readings in full (without tones, ü typed v), so "cbdj", "canbaodengji"
 * and "canbaodj" all find 参保登记. The data (src/pinyin_data.c) is generated
 * from Unihan by tools/gen_pinyin.py; a character with several readings matches
 * any of them.
 */
#ifndef YIBAO_PINYIN_H
#define YIBAO_PINYIN_H

#include <stdbool.h>
#include <stdint.h>

extern const unsigned long pinyin_first, pinyin_last;
extern const uint32_t pinyin_sets[];
extern const uint16_t pinyin_index[];
extern const char *const pinyin_syllables[];
extern const unsigned pinyin_nsyllables;
extern const uint16_t pinyin_readings[];
extern const uint16_t pinyin_reading_index[];

/* Bit set of the initials of cp's readings (bit 0 = 'a'); 0 when unknown. */
uint32_t pinyin_initials(unsigned long cp);

/* True when query is 2-32 ASCII letters only (a candidate pinyin query). */
bool pinyin_is_query(const char *query);

/*
 * The toneless readings of cp ("bao"): sets *n and returns numbers into
 * pinyin_syllables (static data), or NULL with *n 0 when cp has none.
 */
const uint16_t *pinyin_readings_of(unsigned long cp, unsigned *n);

/*
 * True when query spells consecutive Chinese characters of text, each by the
 * initial or the whole of one of its readings (the last one may be cut short:
 * "zhifub" finds 支付宝). ASCII letters and digits in text match themselves;
 * other characters break a run. Case is ignored.
 */
bool pinyin_match(const char *text, const char *query);

/* How well typed pinyin spells a piece of text, for ranking (best last). */
enum pinyin_fit {
	PINYIN_NONE,  /* not spelt at all */
	PINYIN_LOOSE, /* spelt only by initials, a syllable still being typed, or across a word */
	PINYIN_WORD,  /* whole syllables spelling a word: at the start or the end of a run of characters */
	PINYIN_WHOLE  /* whole syllables spelling the whole text ("zhifubao" and 支付宝) */
};

/*
 * The best fit of query in text. Chinese has no spaces to tell words apart, so
 * a word is taken to start or end a run of Chinese characters (看病怎么报销:
 * "baoxiao" spells 报销 at the end of the run; in 本地医保小程序 it spells 保小,
 * inside the run, across 医保 and 小程序: only PINYIN_LOOSE). Case is ignored.
 */
enum pinyin_fit pinyin_fit(const char *text, const char *query);

#endif

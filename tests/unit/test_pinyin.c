/*
 * test_pinyin.c -- pinyin initials search
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pinyin.h"

static void test_initials(void **state)
{
	(void)state;
	assert_true(pinyin_initials(0x53C2) & (1u << ('c' - 'a')));   /* 参 cān */
	assert_true(pinyin_initials(0x53C2) & (1u << ('s' - 'a')));   /* 参 shēn */
	assert_int_equal(pinyin_initials(0x4FDD), 1u << ('b' - 'a')); /* 保 bǎo */
	assert_int_equal(pinyin_initials('a'), 0);
	assert_int_equal(pinyin_initials(0x1F600), 0);
}

static void test_match(void **state)
{
	(void)state;
	assert_true(pinyin_match("参保登记", "cbdj"));
	assert_true(pinyin_match("参保登记", "sbdj")); /* any reading of 参 */
	assert_true(pinyin_match("参保登记", "CBDJ"));
	assert_true(pinyin_match("线下到哪里办参保登记", "cbdj"));
	assert_true(pinyin_match("报销比例", "bx"));
	assert_true(pinyin_match("国家医保服务平台APP", "pta"));
	assert_false(pinyin_match("参保登记", "cbdx"));
	assert_false(pinyin_match("参保,登记", "cbdj")); /* punctuation breaks a run */
	assert_false(pinyin_match("报销", "bxbx"));
	assert_false(pinyin_match("参保登记", "c")); /* one letter is too little */
	assert_false(pinyin_match("参保登记", "cb dj"));
	assert_false(pinyin_match("", "cb"));
}

static void test_full(void **state)
{
	(void)state;
	/* Whole syllables, mixed with initials, the last one possibly unfinished. */
	assert_true(pinyin_match("看病怎么报销", "baoxiao"));
	assert_true(pinyin_match("支付宝缴费", "zhifubao"));
	assert_true(pinyin_match("微信缴费", "weixin"));
	assert_true(pinyin_match("微信缴费", "WeiXin"));
	assert_true(pinyin_match("参保登记", "canbaodj"));
	assert_true(pinyin_match("参保登记", "cbdengji"));
	assert_true(pinyin_match("支付宝缴费", "zhifub"));
	assert_true(pinyin_match("绿色通道", "lvse"));
	assert_false(pinyin_match("报销", "baoxiaox"));
	assert_false(pinyin_match("报销", "baoxue"));
	assert_false(pinyin_match("微信", "weixinx"));
}

static void test_fit(void **state)
{
	(void)state;
	/* Ranking: whole syllables spelling a word at an edge of its run, or the whole text. */
	assert_int_equal(pinyin_fit("支付宝", "zhifubao"), PINYIN_WHOLE);
	assert_int_equal(pinyin_fit("看病怎么报销", "baoxiao"), PINYIN_WORD);
	assert_int_equal(pinyin_fit("支付宝缴费", "ZhiFuBao"), PINYIN_WORD);
	assert_int_equal(pinyin_fit("先看病，报销在后", "baoxiao"), PINYIN_WORD);
	/* 医保小程序: 保小 is inside the run, across two words. */
	assert_int_equal(pinyin_fit("本地医保小程序和APP", "baoxiao"), PINYIN_LOOSE);
	/* Initials and a syllable still being typed find, but rank low. */
	assert_int_equal(pinyin_fit("参保登记", "cbdj"), PINYIN_LOOSE);
	assert_int_equal(pinyin_fit("支付宝缴费", "zhifub"), PINYIN_LOOSE);
	assert_int_equal(pinyin_fit("报销", "baoxue"), PINYIN_NONE);
	assert_int_equal(pinyin_fit("", "bao"), PINYIN_NONE);
}

static void test_is_query(void **state)
{
	(void)state;
	assert_true(pinyin_is_query("cbdj"));
	assert_false(pinyin_is_query("c"));
	assert_false(pinyin_is_query("3.2"));
	assert_false(pinyin_is_query("报销"));
	assert_false(pinyin_is_query("abcdefghijklmnopqrstuvwxyzabcdefg"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initials),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_is_query),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

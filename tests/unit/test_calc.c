/*
 * test_calc.c -- unit tests for calc.c: bills, profile figures and results in fen
 * SPDX-License-Identifier: MIT
 *
 * Owner: the calculator. Every sum here is worked out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "calc.h"
#include "config.h"

static long long bill_ok(const char *s)
{
	long long fen = -1;
	enum calc_err e = calc_parse_bill(s, &fen);

	if (e != CALC_OK)
		fail_msg("calc_parse_bill(\"%s\") refused: %s", s, calc_strerror(e));
	return fen;
}

/* The error for s, checking that *fen is left alone. */
static enum calc_err bill_bad(const char *s)
{
	long long fen = 4242;
	enum calc_err e = calc_parse_bill(s, &fen);

	assert_int_equal(fen, 4242);
	return e;
}

/* A profile with one rate for everyone and the given amounts (-1: unknown). */
static void profile(struct calc_profile *p, int low, int high, long long ded, long long cap,
		    long long limit)
{
	memset(p, 0, sizeof *p);
	for (int g = 0; g < CALC_GROUPS; g++)
		for (int l = 0; l < CALC_LEVELS; l++)
			p->rate[g][l] = (struct calc_rate){true, low, high};
	p->deductible = (struct calc_amount){ded >= 0, ded >= 0 ? ded : 0};
	p->cap = (struct calc_amount){cap >= 0, cap >= 0 ? cap : 0};
	for (int g = 0; g < CALC_GROUPS; g++)
		p->bill_limit[g] = (struct calc_amount){limit >= 0, limit >= 0 ? limit : 0};
}

static void parse_bill_valid(void **state)
{
	(void)state;
	assert_int_equal(bill_ok("1234"), 123400);
	assert_int_equal(bill_ok("1234.5"), 123450);
	assert_int_equal(bill_ok("1234.56"), 123456);
	assert_int_equal(bill_ok("0.01"), 1);
	assert_int_equal(bill_ok("0.1"), 10);
	assert_int_equal(bill_ok("1"), 100);
	assert_int_equal(bill_ok("007"), 700);
	assert_int_equal(bill_ok("10000000"), 1000000000LL);
	assert_int_equal(bill_ok("10000000.00"), 1000000000LL);
	assert_int_equal(bill_ok("9999999.99"), 999999999LL);
	/* Blanks around are dropped (the prompt trims them too). */
	assert_int_equal(bill_ok("  88.8 "), 8880);
	/* Full-width digits and full stop, as typed with a Chinese input method. */
	assert_int_equal(bill_ok("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x8E\xEF\xBC\x95"), 1250);
	/* The ways residents write a bill: 万, 元, thousands separators, spaces. */
	assert_int_equal(bill_ok("2\xE4\xB8\x87"), 2000000);             /* 2万 */
	assert_int_equal(bill_ok("2.5\xE4\xB8\x87"), 2500000);           /* 2.5万 */
	assert_int_equal(bill_ok("2\xE4\xB8\x87\xE5\x85\x83"), 2000000); /* 2万元 */
	assert_int_equal(bill_ok("1.234567\xE4\xB8\x87"), 1234567);      /* 12345.67 元 */
	assert_int_equal(bill_ok("1000\xE4\xB8\x87"), 1000000000LL);     /* the largest */
	assert_int_equal(bill_ok("20,000"), 2000000);
	assert_int_equal(bill_ok("1,234,567.89"), 123456789);
	assert_int_equal(bill_ok("999,999"), 99999900);
	assert_int_equal(bill_ok("20000\xE5\x85\x83"), 2000000);   /* 20000元 */
	assert_int_equal(bill_ok("20,000 \xE5\x85\x83"), 2000000); /* 20,000 元 */
	assert_int_equal(bill_ok("20 000"), 2000000);
	assert_int_equal(bill_ok("20\xE3\x80\x80"
				 "000"),
			 2000000); /* ideographic space */
	/* ２０，０００ and ２万: full-width digits and comma. */
	assert_int_equal(bill_ok("\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x8C\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x90"),
			 2000000);
	assert_int_equal(bill_ok("\xEF\xBC\x92\xE4\xB8\x87"), 2000000);
}

static void parse_bill_errors(void **state)
{
	(void)state;
	assert_int_equal(bill_bad(""), CALC_ERR_EMPTY);
	assert_int_equal(bill_bad("   "), CALC_ERR_EMPTY);
	assert_int_equal(calc_parse_bill(NULL, &(long long){0}), CALC_ERR_EMPTY);
	assert_int_equal(bill_bad("-5"), CALC_ERR_NEGATIVE);
	assert_int_equal(bill_bad("-0.01"), CALC_ERR_NEGATIVE);
	assert_int_equal(bill_bad("-"), CALC_ERR_NEGATIVE);
	assert_int_equal(bill_bad("\xEF\xBC\x8D"
				  "5"),
			 CALC_ERR_NEGATIVE); /* full-width minus */
	assert_int_equal(bill_bad("abc"), CALC_ERR_CHARS);
	assert_int_equal(bill_bad("12a"), CALC_ERR_CHARS);
	assert_int_equal(bill_bad("1e5"), CALC_ERR_CHARS);
	assert_int_equal(bill_bad("+5"), CALC_ERR_CHARS);
	assert_int_equal(bill_bad("0x10"), CALC_ERR_CHARS);
	assert_int_equal(bill_bad("2\xE5\x8D\x83"), CALC_ERR_CHARS); /* 2千 */
	assert_int_equal(bill_bad("20000 yuan"), CALC_ERR_CHARS);
	assert_int_equal(bill_bad("2W"), CALC_ERR_CHARS); /* not 万 */
	assert_int_equal(bill_bad("2\xE4\xB8\x87"
				  "5"),
			 CALC_ERR_FORMAT); /* 2万5 */
	assert_int_equal(bill_bad("\xE5\x85\x83"
				  "100"),
			 CALC_ERR_FORMAT);                                        /* 元100 */
	assert_int_equal(bill_bad("\xE4\xB8\x87"), CALC_ERR_FORMAT);              /* 万 alone */
	assert_int_equal(bill_bad("2\xE5\x85\x83\xE4\xB8\x87"), CALC_ERR_FORMAT); /* 2元万 */
	assert_int_equal(bill_bad(".5\xE4\xB8\x87"), CALC_ERR_FORMAT);
	assert_int_equal(bill_bad("2,00"), CALC_ERR_GROUPING);
	assert_int_equal(bill_bad("20,00.5"), CALC_ERR_GROUPING);
	assert_int_equal(bill_bad(",200"), CALC_ERR_GROUPING);
	assert_int_equal(bill_bad("1234,567"), CALC_ERR_GROUPING);
	assert_int_equal(bill_bad("1.234,5"), CALC_ERR_GROUPING);
	assert_int_equal(bill_bad("1.2345678\xE4\xB8\x87"), CALC_ERR_DECIMALS);
	assert_int_equal(bill_bad("1000.0001\xE4\xB8\x87"), CALC_ERR_TOO_BIG);
	assert_int_equal(bill_bad("-2\xE4\xB8\x87"), CALC_ERR_NEGATIVE);
	assert_int_equal(bill_bad("0\xE4\xB8\x87"), CALC_ERR_ZERO);
	assert_int_equal(bill_bad("1.2.3"), CALC_ERR_FORMAT);
	assert_int_equal(bill_bad(".5"), CALC_ERR_FORMAT);
	assert_int_equal(bill_bad("5."), CALC_ERR_FORMAT);
	assert_int_equal(bill_bad("."), CALC_ERR_FORMAT);
	assert_int_equal(bill_bad("1.234"), CALC_ERR_DECIMALS);
	assert_int_equal(bill_bad("0.001"), CALC_ERR_DECIMALS);
	assert_int_equal(bill_bad("10000000.01"), CALC_ERR_TOO_BIG);
	assert_int_equal(bill_bad("10000001"), CALC_ERR_TOO_BIG);
	assert_int_equal(bill_bad("99999999999999999999999999999"), CALC_ERR_TOO_BIG);
	assert_int_equal(bill_bad("0"), CALC_ERR_ZERO);
	assert_int_equal(bill_bad("0.00"), CALC_ERR_ZERO);
	assert_int_equal(bill_bad("000"), CALC_ERR_ZERO);
}

static void error_messages_distinct(void **state)
{
	enum calc_err all[] = {CALC_ERR_EMPTY, CALC_ERR_NEGATIVE, CALC_ERR_CHARS,
			       CALC_ERR_FORMAT, CALC_ERR_GROUPING, CALC_ERR_DECIMALS,
			       CALC_ERR_TOO_BIG, CALC_ERR_ZERO};

	(void)state;
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		const char *m = calc_strerror(all[i]);

		assert_non_null(m);
		assert_true(strlen(m) > 0);
		assert_null(strchr(m, '\n'));
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(m, calc_strerror(all[j]));
	}
}

static void parse_rates(void **state)
{
	struct calc_rate r = {0};

	(void)state;
	assert_true(calc_parse_rate("65", &r));
	assert_true(r.known);
	assert_int_equal(r.low, 6500);
	assert_int_equal(r.high, 6500);
	assert_true(calc_parse_rate("50-70", &r));
	assert_int_equal(r.low, 5000);
	assert_int_equal(r.high, 7000);
	assert_true(calc_parse_rate(" 50 - 70 ", &r));
	assert_int_equal(r.low, 5000);
	assert_true(calc_parse_rate("62.5", &r));
	assert_int_equal(r.low, 6250);
	assert_true(calc_parse_rate("0", &r));
	assert_int_equal(r.high, 0);
	assert_true(calc_parse_rate("100", &r));
	assert_int_equal(r.high, 10000);
	assert_true(calc_parse_rate("", &r));
	assert_false(r.known);
	/* Refused values leave r as it was. */
	r = (struct calc_rate){true, 1, 2};
	assert_false(calc_parse_rate("101", &r));
	assert_false(calc_parse_rate("70-50", &r));
	assert_false(calc_parse_rate("abc", &r));
	assert_false(calc_parse_rate("65%", &r));
	assert_false(calc_parse_rate("-5", &r));
	assert_false(calc_parse_rate("50-", &r));
	assert_false(calc_parse_rate("50-70-80", &r));
	assert_false(calc_parse_rate("62.555", &r));
	assert_false(calc_parse_rate(NULL, &r));
	assert_true(r.known && r.low == 1 && r.high == 2);
}

static void parse_amounts(void **state)
{
	struct calc_amount a = {0};

	(void)state;
	assert_true(calc_parse_amount("1800", &a));
	assert_true(a.known);
	assert_int_equal(a.fen, 180000);
	assert_true(calc_parse_amount("0", &a));
	assert_int_equal(a.fen, 0);
	assert_true(calc_parse_amount("180000.5", &a));
	assert_int_equal(a.fen, 18000050);
	assert_true(calc_parse_amount("", &a));
	assert_false(a.known);
	a = (struct calc_amount){true, 7};
	assert_false(calc_parse_amount("-1", &a));
	assert_false(calc_parse_amount("1.001", &a));
	assert_false(calc_parse_amount("lots", &a));
	assert_false(calc_parse_amount("100000000.01", &a));
	assert_true(a.known && a.fen == 7);
}

static void profile_from_kvlist(void **state)
{
	struct kvlist kv = {0};
	struct calc_profile p;
	char bad[CALC_WHY_MAX] = "unset";

	(void)state;
	/* The Fujian profile layered over national (deductible and cap empty). */
	kv_set(&kv, "student_level1", "65");
	kv_set(&kv, "student_level2", "60");
	kv_set(&kv, "student_level3", "55");
	kv_set(&kv, "other_level1", "50-70");
	kv_set(&kv, "other_level2", "50-70");
	kv_set(&kv, "other_level3", "50-70");
	kv_set(&kv, "deductible", "");
	kv_set(&kv, "cap", "");
	kv_set(&kv, "student_bill_limit", "180000");
	kv_set(&kv, "other_bill_limit", "");
	kv_set(&kv, "student_if", "group=student,newborn");
	assert_int_equal(calc_profile_read(&p, &kv, bad, sizeof bad), 0);
	assert_string_equal(bad, "");
	assert_int_equal(p.rate[CALC_STUDENT][0].low, 6500);
	assert_int_equal(p.rate[CALC_STUDENT][1].low, 6000);
	assert_int_equal(p.rate[CALC_STUDENT][2].low, 5500);
	assert_int_equal(p.rate[CALC_OTHER][2].low, 5000);
	assert_int_equal(p.rate[CALC_OTHER][2].high, 7000);
	assert_false(p.deductible.known);
	assert_false(p.cap.known);
	/* The source gives 18万元 for students and children only. */
	assert_true(p.bill_limit[CALC_STUDENT].known);
	assert_int_equal(p.bill_limit[CALC_STUDENT].fen, 18000000);
	assert_false(p.bill_limit[CALC_OTHER].known);
	/* The older bill_limit sets both groups; a group's own key still wins. */
	kv_set(&kv, "bill_limit", "1000");
	assert_int_equal(calc_profile_read(&p, &kv, bad, sizeof bad), 0);
	assert_string_equal(bad, "");
	assert_int_equal(p.bill_limit[CALC_STUDENT].fen, 18000000);
	assert_true(p.bill_limit[CALC_OTHER].known);
	assert_int_equal(p.bill_limit[CALC_OTHER].fen, 100000);
	kv_set(&kv, "bill_limit", "lots");
	assert_int_equal(calc_profile_read(&p, &kv, bad, sizeof bad), -1);
	assert_string_equal(bad, "bill_limit");
	kv_set(&kv, "bill_limit", "");
	/* Unreadable values stay unknown and are named. */
	kv_set(&kv, "student_level2", "sixty");
	kv_set(&kv, "cap", "-3");
	kv_set(&kv, "student_if", "group=");
	assert_int_equal(calc_profile_read(&p, &kv, bad, sizeof bad), -1);
	assert_non_null(strstr(bad, "student_if"));
	assert_non_null(strstr(bad, "student_level2"));
	assert_non_null(strstr(bad, "cap"));
	assert_null(strstr(bad, "student_level1"));
	assert_false(p.rate[CALC_STUDENT][1].known);
	assert_false(p.cap.known);
	kv_clear(&kv);
	/* No section at all: everything unknown, nothing to complain about. */
	assert_int_equal(calc_profile_read(&p, NULL, bad, sizeof bad), 0);
	assert_string_equal(bad, "");
	assert_false(p.rate[CALC_OTHER][0].known);
}

/* Every key unreadable: CALC_WHY_MAX names them all, none cut (the calculator shows the list). */
static void profile_all_bad(void **state)
{
	static const char *const keys[] = {
		"student_level1", "student_level2", "student_level3", "other_level1",
		"other_level2", "other_level3", "employee_level1", "employee_level2",
		"employee_level3", "deductible", "cap", "bill_limit",
		"student_bill_limit", "other_bill_limit", "student_if", "employee_if"};
	struct kvlist kv = {0};
	struct calc_profile p;
	char bad[CALC_WHY_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		kv_set(&kv, keys[i], "=");
	assert_int_equal(calc_profile_read(&p, &kv, bad, sizeof bad), -1);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		assert_non_null(strstr(bad, keys[i]));
	assert_string_equal(bad + strlen(bad) - strlen("employee_if"), "employee_if");
	/* why may be NULL: the result alone. */
	assert_int_equal(calc_profile_read(&p, &kv, NULL, 0), -1);
	kv_clear(&kv);
}

static void compute_plain_rate(void **state)
{
	struct calc_profile p;
	struct calc_result r;

	(void)state;
	profile(&p, 6500, 6500, -1, -1, -1);
	/* 10,000.00 at 65 %: 6,500.00 reimbursed, 3,500.00 self-paid. */
	assert_true(calc_compute(&p, 1000000, 1, CALC_STUDENT, &r));
	assert_int_equal(r.eligible, 1000000);
	assert_int_equal(r.deductible, 0);
	assert_int_equal(r.above, 1000000);
	assert_int_equal(r.reimbursed[0], 650000);
	assert_int_equal(r.reimbursed[1], 650000);
	assert_int_equal(r.self_paid[0], 350000);
	assert_false(r.capped[0]);
	assert_false(r.limited);
	/* The smallest bill: 0.01 at 65 % is 0.0065 fen -> 0.01 (half up). */
	assert_true(calc_compute(&p, 1, 1, CALC_STUDENT, &r));
	assert_int_equal(r.reimbursed[0], 1);
	assert_int_equal(r.self_paid[0], 0);
	/* The largest bill: 10,000,000.00 at 65 % = 6,500,000.00. */
	assert_true(calc_compute(&p, CALC_MAX_FEN, 3, CALC_OTHER, &r));
	assert_int_equal(r.reimbursed[0], 650000000LL);
	assert_int_equal(r.self_paid[0], 350000000LL);
	/* Zero stays zero. */
	assert_true(calc_compute(&p, 0, 2, CALC_OTHER, &r));
	assert_int_equal(r.reimbursed[0], 0);
	assert_int_equal(r.self_paid[0], 0);
}

static void compute_rounding_half_up(void **state)
{
	struct calc_profile p;
	struct calc_result r;

	(void)state;
	profile(&p, 5500, 5500, -1, -1, -1);
	/* 0.01 at 55 %: 0.55 fen -> 1 fen. */
	assert_true(calc_compute(&p, 1, 1, CALC_STUDENT, &r));
	assert_int_equal(r.reimbursed[0], 1);
	/* 0.09 at 55 %: 4.95 fen -> 5 fen. */
	assert_true(calc_compute(&p, 9, 1, CALC_STUDENT, &r));
	assert_int_equal(r.reimbursed[0], 5);
	profile(&p, 5000, 5000, -1, -1, -1);
	/* 0.01 at 50 %: exactly half a fen -> rounds up to 1. */
	assert_true(calc_compute(&p, 1, 1, CALC_STUDENT, &r));
	assert_int_equal(r.reimbursed[0], 1);
	assert_int_equal(r.self_paid[0], 0);
	/* 0.03 at 50 %: 1.5 fen -> 2. */
	assert_true(calc_compute(&p, 3, 1, CALC_STUDENT, &r));
	assert_int_equal(r.reimbursed[0], 2);
	assert_int_equal(r.self_paid[0], 1);
	profile(&p, 6249, 6249, -1, -1, -1);
	/* 1.00 at 62.49 %: 62.49 fen -> 62 (below half goes down). */
	assert_true(calc_compute(&p, 100, 1, CALC_STUDENT, &r));
	assert_int_equal(r.reimbursed[0], 62);
	profile(&p, 6250, 6250, -1, -1, -1);
	/* 1.00 at 62.5 %: 62.5 fen -> 63. */
	assert_true(calc_compute(&p, 100, 1, CALC_STUDENT, &r));
	assert_int_equal(r.reimbursed[0], 63);
	assert_int_equal(r.self_paid[0], 37);
}

static void compute_deductible(void **state)
{
	struct calc_profile p;
	struct calc_result r;

	(void)state;
	profile(&p, 6000, 6000, 80000, -1, -1); /* deductible 800.00 */
	/* Exactly the deductible: nothing above it, nothing reimbursed. */
	assert_true(calc_compute(&p, 80000, 1, CALC_OTHER, &r));
	assert_int_equal(r.deductible, 80000);
	assert_int_equal(r.above, 0);
	assert_int_equal(r.reimbursed[0], 0);
	assert_int_equal(r.self_paid[0], 80000);
	/* One fen above: 0.6 fen -> 1. */
	assert_true(calc_compute(&p, 80001, 1, CALC_OTHER, &r));
	assert_int_equal(r.above, 1);
	assert_int_equal(r.reimbursed[0], 1);
	assert_int_equal(r.self_paid[0], 80000);
	/* Below the deductible: all self-paid, the deductible taken is the bill. */
	assert_true(calc_compute(&p, 50000, 1, CALC_OTHER, &r));
	assert_int_equal(r.deductible, 50000);
	assert_int_equal(r.above, 0);
	assert_int_equal(r.self_paid[0], 50000);
	/* 10,800.00: 10,000.00 above at 60 % = 6,000.00; self 4,800.00. */
	assert_true(calc_compute(&p, 1080000, 1, CALC_OTHER, &r));
	assert_int_equal(r.above, 1000000);
	assert_int_equal(r.reimbursed[0], 600000);
	assert_int_equal(r.self_paid[0], 480000);
}

static void compute_cap(void **state)
{
	struct calc_profile p;
	struct calc_result r;

	(void)state;
	profile(&p, 7000, 7000, -1, 15000000, -1); /* cap 150,000.00 */
	/* 300,000.00 at 70 % = 210,000.00, capped at 150,000.00. */
	assert_true(calc_compute(&p, 30000000, 3, CALC_OTHER, &r));
	assert_true(r.capped[0]);
	assert_int_equal(r.reimbursed[0], 15000000);
	assert_int_equal(r.self_paid[0], 15000000);
	/* Exactly at the cap is not cut. 150,000 / 0.7 = 214,285.71...: use 70 % of 214,285.72. */
	assert_true(calc_compute(&p, 21428572, 3, CALC_OTHER, &r));
	assert_false(r.capped[0]);
	assert_int_equal(r.reimbursed[0], 15000000); /* 15,000,000.4 -> 15,000,000 */
	/* Just below. */
	assert_true(calc_compute(&p, 21428570, 3, CALC_OTHER, &r));
	assert_false(r.capped[0]);
	assert_int_equal(r.reimbursed[0], 14999999);
	/* A cap of 0 pays nothing. */
	profile(&p, 7000, 7000, -1, 0, -1);
	assert_true(calc_compute(&p, 100000, 3, CALC_OTHER, &r));
	assert_true(r.capped[0]);
	assert_int_equal(r.reimbursed[0], 0);
	assert_int_equal(r.self_paid[0], 100000);
}

static void compute_bill_limit(void **state)
{
	struct calc_profile p;
	struct calc_result r;

	(void)state;
	profile(&p, 6500, 6500, -1, -1, 18000000); /* the rates apply up to 180,000.00 */
	/* Within the limit: untouched. */
	assert_true(calc_compute(&p, 18000000, 1, CALC_STUDENT, &r));
	assert_false(r.limited);
	assert_int_equal(r.reimbursed[0], 11700000);
	/* 200,000.00: only 180,000.00 counts; 65 % = 117,000.00; self 83,000.00. */
	assert_true(calc_compute(&p, 20000000, 1, CALC_STUDENT, &r));
	assert_true(r.limited);
	assert_int_equal(r.eligible, 18000000);
	assert_int_equal(r.reimbursed[0], 11700000);
	assert_int_equal(r.self_paid[0], 8300000);
	/* A limit for students only leaves other residents' bills whole. */
	p.bill_limit[CALC_OTHER].known = false;
	assert_true(calc_compute(&p, 20000000, 1, CALC_OTHER, &r));
	assert_false(r.limited);
	assert_int_equal(r.eligible, 20000000);
	assert_int_equal(r.reimbursed[0], 13000000);
	/* Limit, deductible and cap together: 200,000 -> 180,000 - 1,000 = 179,000 at 65 %
	 * = 116,350.00, capped at 100,000.00. */
	profile(&p, 6500, 6500, 100000, 10000000, 18000000);
	assert_true(calc_compute(&p, 20000000, 1, CALC_STUDENT, &r));
	assert_int_equal(r.above, 17900000);
	assert_true(r.capped[0]);
	assert_int_equal(r.reimbursed[0], 10000000);
	assert_int_equal(r.self_paid[0], 10000000);
}

static void compute_range(void **state)
{
	struct calc_profile p;
	struct calc_result r;

	(void)state;
	profile(&p, 5000, 7000, -1, -1, -1);
	/* 12,345.60 at 50 % = 6,172.80 and at 70 % = 8,641.92. */
	assert_true(calc_compute(&p, 1234560, 2, CALC_OTHER, &r));
	assert_int_equal(r.rate.low, 5000);
	assert_int_equal(r.rate.high, 7000);
	assert_int_equal(r.reimbursed[0], 617280);
	assert_int_equal(r.reimbursed[1], 864192);
	assert_int_equal(r.self_paid[0], 617280);
	assert_int_equal(r.self_paid[1], 370368);
	/* The cap may cut only the high end. */
	profile(&p, 5000, 7000, -1, 700000, -1);
	assert_true(calc_compute(&p, 1234560, 2, CALC_OTHER, &r));
	assert_false(r.capped[0]);
	assert_true(r.capped[1]);
	assert_int_equal(r.reimbursed[1], 700000);
}

static void compute_unknown_or_bad(void **state)
{
	struct calc_profile p;
	struct calc_result r;

	(void)state;
	profile(&p, 6500, 6500, -1, -1, -1);
	p.rate[CALC_OTHER][1].known = false;
	assert_false(calc_compute(&p, 100, 2, CALC_OTHER, &r));
	assert_int_equal(r.reimbursed[0], 0);
	assert_true(calc_compute(&p, 100, 2, CALC_STUDENT, &r));
	assert_false(calc_compute(&p, 100, 0, CALC_STUDENT, &r));
	assert_false(calc_compute(&p, 100, 4, CALC_STUDENT, &r));
	assert_false(calc_compute(&p, -1, 1, CALC_STUDENT, &r));
	assert_false(calc_compute(&p, CALC_MAX_FEN + 1, 1, CALC_STUDENT, &r));
	assert_false(calc_compute(&p, 100, 1, CALC_GROUPS, &r));
}

static void format_money_and_rates(void **state)
{
	char b[CALC_FMT_LEN];

	(void)state;
	calc_format_fen(0, b, sizeof b);
	assert_string_equal(b, "0.00");
	calc_format_fen(1, b, sizeof b);
	assert_string_equal(b, "0.01");
	calc_format_fen(123450, b, sizeof b);
	assert_string_equal(b, "1,234.50");
	calc_format_fen(99999, b, sizeof b);
	assert_string_equal(b, "999.99");
	calc_format_fen(100000, b, sizeof b);
	assert_string_equal(b, "1,000.00");
	calc_format_fen(CALC_MAX_FEN, b, sizeof b);
	assert_string_equal(b, "10,000,000.00");
	calc_format_fen(-123456, b, sizeof b);
	assert_string_equal(b, "-1,234.56");
	calc_format_fen(123456, b, 5); /* truncated, still terminated */
	assert_string_equal(b, "1,23");
	calc_format_rate(6500, b, sizeof b);
	assert_string_equal(b, "65");
	calc_format_rate(6250, b, sizeof b);
	assert_string_equal(b, "62.5");
	calc_format_rate(6205, b, sizeof b);
	assert_string_equal(b, "62.05");
	calc_format_rate(0, b, sizeof b);
	assert_string_equal(b, "0");
}

/* employee_level1..3 are read like the resident groups; employee_if is a condition. */
static void employee_group(void **state)
{
	struct kvlist kv = {0};
	struct calc_profile p;
	struct calc_result r;
	char bad[CALC_WHY_MAX];

	(void)state;
	kv_set(&kv, "employee_level2", "70-90");
	kv_set(&kv, "employee_if", "employee=yes");
	kv_set(&kv, "bill_limit", "180000");
	assert_int_equal(calc_profile_read(&p, &kv, bad, sizeof bad), 0);
	assert_string_equal(bad, "");
	assert_true(p.rate[CALC_EMPLOYEE][1].known);
	assert_int_equal(p.rate[CALC_EMPLOYEE][1].low, 7000);
	assert_int_equal(p.rate[CALC_EMPLOYEE][1].high, 9000);
	/* The resident groups' bill limit is not the employee's. */
	assert_false(p.bill_limit[CALC_EMPLOYEE].known);
	/* 20,000 元 at 70-90 %: 14,000-18,000 (the deductible unknown: nothing taken). */
	assert_true(calc_compute(&p, 2000000, 2, CALC_EMPLOYEE, &r));
	assert_int_equal(r.reimbursed[0], 1400000);
	assert_int_equal(r.reimbursed[1], 1800000);
	assert_int_equal(r.deductible, 0);
	kv_set(&kv, "employee_if", "employee=");
	assert_int_equal(calc_profile_read(&p, &kv, bad, sizeof bad), -1);
	assert_non_null(strstr(bad, "employee_if"));
	kv_clear(&kv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_bill_valid),
		cmocka_unit_test(parse_bill_errors),
		cmocka_unit_test(error_messages_distinct),
		cmocka_unit_test(parse_rates),
		cmocka_unit_test(parse_amounts),
		cmocka_unit_test(profile_from_kvlist),
		cmocka_unit_test(profile_all_bad),
		cmocka_unit_test(compute_plain_rate),
		cmocka_unit_test(compute_rounding_half_up),
		cmocka_unit_test(compute_deductible),
		cmocka_unit_test(compute_cap),
		cmocka_unit_test(compute_bill_limit),
		cmocka_unit_test(compute_range),
		cmocka_unit_test(compute_unknown_or_bad),
		cmocka_unit_test(format_money_and_rates),
		cmocka_unit_test(employee_group),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_dates.c -- unit tests for dates.c: the calendar, today, and standings
 * SPDX-License-Identifier: MIT
 *
 * Owner: the date logic. Today comes from YIBAO_TODAY or from the clock under
 * TZ=Asia/Shanghai, set here; never from the day the test runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "dates.h"

static struct dates_today on(const char *ymd)
{
	struct dates_today t = {{0, 0, 0}, false, false, false};

	assert_true(dates_parse(ymd, &t.d));
	t.known = true;
	t.plausible = t.d.y >= DATES_MIN_YEAR && t.d.y <= DATES_MAX_YEAR;
	return t;
}

static void leap_years(void **state)
{
	(void)state;
	assert_true(dates_leap(2024));
	assert_true(dates_leap(2000));
	assert_false(dates_leap(1900));
	assert_false(dates_leap(2100));
	assert_false(dates_leap(2026));
	assert_int_equal(dates_month_days(2024, 2), 29);
	assert_int_equal(dates_month_days(2026, 2), 28);
	assert_int_equal(dates_month_days(2100, 2), 28);
	assert_int_equal(dates_month_days(2026, 13), 0);
	assert_int_equal(dates_month_days(2026, 0), 0);
}

static void parse_dates(void **state)
{
	struct date d = {7, 7, 7};

	(void)state;
	assert_true(dates_parse("2024-02-29", &d));
	assert_int_equal(d.y, 2024);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 29);
	d = (struct date){7, 7, 7};
	assert_false(dates_parse("2026-02-29", &d));
	assert_false(dates_parse("2026-02-30", &d));
	assert_false(dates_parse("2026-04-31", &d));
	assert_false(dates_parse("2026-13-01", &d));
	assert_false(dates_parse("2026-00-10", &d));
	assert_false(dates_parse("2026-1-01", &d));
	assert_false(dates_parse("2026-01-01x", &d));
	assert_false(dates_parse("2026/01/01", &d));
	assert_false(dates_parse("", &d));
	assert_false(dates_parse(NULL, &d));
	assert_int_equal(d.y, 7); /* untouched */
	assert_true(dates_parse_md("02-29", &d));
	assert_int_equal(d.y, 0);
	assert_false(dates_parse_md("02-30", &d));
	assert_false(dates_parse_md("13-01", &d));
	assert_false(dates_parse_md("1-1", &d));
}

static void day_counts(void **state)
{
	struct date d;

	(void)state;
	assert_int_equal(dates_days((struct date){1970, 1, 1}), 0);
	assert_int_equal(dates_days((struct date){1969, 12, 31}), -1);
	assert_int_equal(dates_days((struct date){2000, 3, 1}) - dates_days((struct date){2000, 2, 28}), 2);
	assert_int_equal(dates_days((struct date){2100, 3, 1}) - dates_days((struct date){2100, 2, 28}), 1);
	assert_int_equal(dates_days((struct date){2027, 1, 1}) - dates_days((struct date){2026, 12, 31}), 1);
	/* Every day from 1900 to 2200 goes there and back. */
	for (long n = dates_days((struct date){1900, 1, 1}); n <= dates_days((struct date){2200, 12, 31}); n++) {
		d = dates_from_days(n);
		assert_true(dates_valid(d.y, d.m, d.d));
		assert_int_equal(dates_days(d), n);
	}
}

static void today_in_local_time(void **state)
{
	struct date d;
	struct dates_today t;

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	/* 2026-12-31 16:30 UTC is already 1 January 2027 in Shanghai. */
	assert_true(dates_of_time((time_t)1798734600, &d));
	assert_int_equal(d.y, 2027);
	assert_int_equal(d.m, 1);
	assert_int_equal(d.d, 1);
	setenv("TZ", "UTC", 1);
	tzset();
	assert_true(dates_of_time((time_t)1798734600, &d));
	assert_int_equal(d.y, 2026);
	assert_int_equal(d.d, 31);
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	/* The epoch and the far future are read, but are no clock to count from. */
	assert_true(dates_of_time(0, &d));
	assert_int_equal(d.y, 1970);
	setenv("YIBAO_TODAY", "1970-01-01", 1);
	t = dates_today(true);
	assert_true(t.known);
	assert_false(t.plausible);
	setenv("YIBAO_TODAY", "2100-01-01", 1);
	t = dates_today(true);
	assert_false(t.plausible);
	setenv("YIBAO_TODAY", "2026-12-07", 1);
	t = dates_today(true);
	assert_true(t.plausible);
	assert_int_equal(t.d.d, 7);
	/* Not allowed (kiosk): the clock, whatever the variable says. */
	setenv("YIBAO_TODAY", "1999-01-01", 1);
	t = dates_today(false);
	assert_true(t.known);
	assert_int_not_equal(t.d.y, 1999);
	/* A bad override is ignored, not believed. */
	setenv("YIBAO_TODAY", "2026-02-30", 1);
	t = dates_today(true);
	assert_int_not_equal(t.d.m * 100 + t.d.d, 230);
	unsetenv("YIBAO_TODAY");
}

static void policy_year(void **state)
{
	struct dates_today t;

	(void)state;
	t = on("2025-12-31");
	assert_int_equal(dates_year_standing(&t, 2025), DATES_YEAR_CURRENT);
	t = on("2026-01-01");
	assert_int_equal(dates_year_standing(&t, 2025), DATES_YEAR_OVER);
	t = on("2024-12-31");
	assert_int_equal(dates_year_standing(&t, 2025), DATES_YEAR_FUTURE);
	t = on("1970-01-01");
	assert_int_equal(dates_year_standing(&t, 2025), DATES_YEAR_UNKNOWN);
	t = on("2100-01-01");
	assert_int_equal(dates_year_standing(&t, 2025), DATES_YEAR_UNKNOWN);
	assert_int_equal(dates_year_standing(NULL, 2025), DATES_YEAR_UNKNOWN);
}

static void periods(void **state)
{
	struct dates_period p;
	char why[160];
	struct dates_pay_standing s;
	struct dates_today t;

	(void)state;
	assert_int_equal(dates_period_parse("01-01", "12-31", &p, NULL, 0), 0);
	t = on("2026-12-07");
	s = dates_pay_standing(&t, &p);
	assert_int_equal(s.state, DATES_PAY_OPEN);
	assert_int_equal(s.days, 24);
	t = on("2026-12-31");
	s = dates_pay_standing(&t, &p);
	assert_int_equal(s.state, DATES_PAY_OPEN);
	assert_int_equal(s.days, 0);
	t = on("2027-01-01");
	s = dates_pay_standing(&t, &p);
	assert_int_equal(s.state, DATES_PAY_OPEN);
	assert_int_equal(s.days, 364);

	assert_int_equal(dates_period_parse("09-01", "12-20", &p, NULL, 0), 0);
	t = on("2026-08-30");
	s = dates_pay_standing(&t, &p);
	assert_int_equal(s.state, DATES_PAY_NOT_YET);
	assert_int_equal(s.days, 2);
	t = on("2026-12-21");
	s = dates_pay_standing(&t, &p);
	assert_int_equal(s.state, DATES_PAY_CLOSED);
	assert_int_equal(s.days, 1);
	assert_int_equal(s.from.y, 2027);
	assert_int_equal(s.from.m, 9);

	/* 02-29 in a common year is its last day, 02-28. */
	assert_int_equal(dates_period_parse("01-15", "02-29", &p, NULL, 0), 0);
	t = on("2026-02-28");
	s = dates_pay_standing(&t, &p);
	assert_int_equal(s.state, DATES_PAY_OPEN);
	assert_int_equal(s.days, 0);
	t = on("2028-02-28");
	s = dates_pay_standing(&t, &p);
	assert_int_equal(s.days, 1);

	/* Over the new year: full dates. */
	assert_int_equal(dates_period_parse("2026-09-01", "2027-02-28", &p, NULL, 0), 0);
	t = on("2027-01-10");
	s = dates_pay_standing(&t, &p);
	assert_int_equal(s.state, DATES_PAY_OPEN);
	assert_int_equal(s.days, 49);
	t = on("2027-03-01");
	s = dates_pay_standing(&t, &p);
	assert_int_equal(s.state, DATES_PAY_CLOSED);
	assert_int_equal(s.days, 1);

	/* Wrong clocks: no standing, no negative count. */
	t = on("1970-01-01");
	s = dates_pay_standing(&t, &p);
	assert_int_equal(s.state, DATES_PAY_UNKNOWN);
	assert_int_equal(s.days, 0);
	t = on("2100-06-01");
	s = dates_pay_standing(&t, &p);
	assert_int_equal(s.state, DATES_PAY_UNKNOWN);

	assert_int_equal(dates_period_parse("02-30", "12-31", &p, why, sizeof why), -1);
	assert_int_equal(dates_period_parse("12-31", "01-01", &p, why, sizeof why), -1);
	assert_string_equal(why, "the period ends before it starts (a period over the new year takes YYYY-MM-DD dates)");
	assert_int_equal(dates_period_parse("2026-12-31", "2026-01-01", &p, why, sizeof why), -1);
	assert_int_equal(dates_period_parse("01-01", "2026-12-31", &p, why, sizeof why), -1);
	assert_string_equal(why, "pay_start and pay_end must both be MM-DD or both YYYY-MM-DD");
	assert_int_equal(dates_period_parse("2026-02-29", "2026-12-31", &p, why, sizeof why), -1);
	assert_int_equal(dates_period_parse("1月1日", "12-31", &p, why, sizeof why), -1);
	assert_int_equal(dates_period_parse(NULL, "12-31", &p, why, sizeof why), -1);
	assert_string_equal(why, "not a date that exists (MM-DD for every year, or YYYY-MM-DD)");
	assert_int_equal(dates_period_parse("02-30", "12-31", &p, NULL, 0), -1);
}

static void formatting(void **state)
{
	char b[32];

	(void)state;
	dates_format((struct date){2026, 12, 7}, b, sizeof b);
	assert_string_equal(b, "2026年12月7日");
	dates_format((struct date){0, 1, 1}, b, sizeof b);
	assert_string_equal(b, "1月1日");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(leap_years),
		cmocka_unit_test(parse_dates),
		cmocka_unit_test(day_counts),
		cmocka_unit_test(today_in_local_time),
		cmocka_unit_test(policy_year),
		cmocka_unit_test(periods),
		cmocka_unit_test(formatting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

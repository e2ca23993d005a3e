/*
 * dates.c -- calendar dates, today from the clock, and where today stands
 * SPDX-License-Identifier: MIT
 */
#include "dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

bool dates_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int dates_month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && dates_leap(y) ? 29 : days[m - 1];
}

bool dates_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && d >= 1 && d <= dates_month_days(y, m);
}

/* n ASCII digits at s, as a number; -1 when any is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool dates_parse(const char *s, struct date *out)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !dates_valid(y, m, d))
		return false;
	out->y = y;
	out->m = m;
	out->d = d;
	return true;
}

bool dates_parse_md(const char *s, struct date *out)
{
	int m, d;

	if (s == NULL || strlen(s) != 5 || s[2] != '-')
		return false;
	m = digits(s, 2);
	d = digits(s + 3, 2);
	/* 2000 is a leap year: 02-29 is a yearly date that exists (in leap years). */
	if (m < 0 || d < 0 || !dates_valid(2000, m, d))
		return false;
	out->y = 0;
	out->m = m;
	out->d = d;
	return true;
}

long dates_days(struct date dt)
{
	/* Howard Hinnant's days_from_civil. */
	long y = dt.y - (dt.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct date dates_from_days(long days)
{
	/* civil_from_days, the inverse. */
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct date dt;

	dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	dt.y = (int)(yoe + era * 400 + (dt.m <= 2));
	return dt;
}

bool dates_of_time(time_t t, struct date *out)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return false;
	if (!dates_valid(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday))
		return false;
	out->y = tm.tm_year + 1900;
	out->m = tm.tm_mon + 1;
	out->d = tm.tm_mday;
	return true;
}

/* The test runner's fixed day (dates_pin); pinned.y == 0: none. */
static struct date pinned;

void dates_pin(struct date d)
{
	pinned = d;
}

struct dates_today dates_today(bool allow_override)
{
	struct dates_today t = {{0, 0, 0}, false, false, false};
	const char *env = allow_override ? getenv("YIBAO_TODAY") : NULL;
	time_t now;

	if (pinned.y != 0) {
		t.d = pinned;
		t.known = true;
		t.overridden = true;
	} else if (env != NULL && dates_parse(env, &t.d)) {
		t.known = true;
		t.overridden = true;
	} else {
		now = time(NULL);
		t.known = now != (time_t)-1 && dates_of_time(now, &t.d);
	}
	t.plausible = t.known && t.d.y >= DATES_MIN_YEAR && t.d.y <= DATES_MAX_YEAR;
	return t;
}

enum dates_year dates_year_standing(const struct dates_today *t, int year)
{
	if (t == NULL || !t->plausible || year < 1 || year > 9999)
		return DATES_YEAR_UNKNOWN;
	if (t->d.y < year)
		return DATES_YEAR_FUTURE;
	return t->d.y == year ? DATES_YEAR_CURRENT : DATES_YEAR_OVER;
}

int dates_period_parse(const char *start, const char *end, struct dates_period *p, char *why,
		       size_t whylen)
{
	struct dates_period q;
	bool full_start, full_end;
	const char *bad = NULL;

	full_start = start != NULL && strlen(start) == 10;
	full_end = end != NULL && strlen(end) == 10;
	if (!(full_start ? dates_parse(start, &q.start) : dates_parse_md(start, &q.start)) ||
	    !(full_end ? dates_parse(end, &q.end) : dates_parse_md(end, &q.end)))
		bad = "not a date that exists (MM-DD for every year, or YYYY-MM-DD)";
	else if (full_start != full_end)
		bad = "pay_start and pay_end must both be MM-DD or both YYYY-MM-DD";
	else if (q.end.m * 100 + q.end.d < q.start.m * 100 + q.start.d && !full_start)
		bad = "the period ends before it starts (a period over the new year takes YYYY-MM-DD dates)";
	else if (full_start && dates_days(q.end) < dates_days(q.start))
		bad = "the period ends before it starts";
	if (bad != NULL) {
		util_say(why, whylen, "%s", bad);
		return -1;
	}
	*p = q;
	return 0;
}

/* A yearly date in year y: 02-29 is 02-28 in a common year. */
static struct date in_year(struct date md, int y)
{
	struct date dt = {y, md.m, md.d};

	if (dt.d > dates_month_days(y, dt.m))
		dt.d = dates_month_days(y, dt.m);
	return dt;
}

struct dates_pay_standing dates_pay_standing(const struct dates_today *t,
					     const struct dates_period *p)
{
	struct dates_pay_standing s = {DATES_PAY_UNKNOWN, 0, {0, 0, 0}, {0, 0, 0}, false};
	long now, from, to;

	if (t == NULL || p == NULL || !t->plausible)
		return s;
	s.yearly = p->start.y == 0;
	s.from = s.yearly ? in_year(p->start, t->d.y) : p->start;
	s.to = s.yearly ? in_year(p->end, t->d.y) : p->end;
	now = dates_days(t->d);
	from = dates_days(s.from);
	to = dates_days(s.to);
	if (now < from) {
		s.state = DATES_PAY_NOT_YET;
		s.days = from - now;
	} else if (now <= to) {
		s.state = DATES_PAY_OPEN;
		s.days = to - now;
	} else {
		s.state = DATES_PAY_CLOSED;
		s.days = now - to;
		if (s.yearly) {
			/* The next period is next year's. */
			s.from = in_year(p->start, t->d.y + 1);
			s.to = in_year(p->end, t->d.y + 1);
		}
	}
	return s;
}

void dates_format(struct date dt, char *buf, size_t size)
{
	if (dt.y == 0)
		snprintf(buf, size, "%d月%d日", dt.m, dt.d);
	else
		snprintf(buf, size, "%d年%d月%d日", dt.y, dt.m, dt.d);
}

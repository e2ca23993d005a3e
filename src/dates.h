/*
 * dates.h -- calendar dates, today from the clock, and where today stands
 * SPDX-License-Identifier: MIT
 *
 * Owner: every screen that tells a figure's year or the payment period against
 * today. Dates are proleptic Gregorian; a day count is days since 1970-01-01.
 * Today is read from the system clock in local time (TZ); YIBAO_TODAY=YYYY-MM-DD
 * overrides it for tests when the caller allows it (never in kiosk mode).
 * Nothing here draws or knows about curses.
 */
#ifndef YIBAO_DATES_H
#define YIBAO_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* A calendar date. */
struct date {
	int y, m, d;
};

/* Years the guide takes a clock for real; outside them the clock is wrong. */
#define DATES_MIN_YEAR 2000
#define DATES_MAX_YEAR 2099

/* True for a leap year of the Gregorian calendar. */
bool dates_leap(int y);
/* Days in month m (1..12) of year y; 0 for a month out of range. */
int dates_month_days(int y, int m);
/* True when y-m-d is a day of the calendar (1 <= y <= 9999). */
bool dates_valid(int y, int m, int d);
/*
 * Parse "YYYY-MM-DD" (exactly ten characters, a day that exists) into *out.
 * Returns false (*out untouched) for anything else: "2026-02-30", "2026-2-3".
 */
bool dates_parse(const char *s, struct date *out);
/*
 * Parse a yearly date "MM-DD" (02-29 allowed: it exists in leap years). Sets
 * out->y to 0. Returns false (*out untouched) for anything else.
 */
bool dates_parse_md(const char *s, struct date *out);
/* Days since 1970-01-01 of a valid date (negative before it). */
long dates_days(struct date dt);
/* The date of a day count (the inverse of dates_days). */
struct date dates_from_days(long days);
/* The local date of t (localtime_r; TZ honoured). False when t cannot be converted. */
bool dates_of_time(time_t t, struct date *out);

/* What the clock said today. */
struct dates_today {
	struct date d;
	bool known;      /* d is a date the clock gave (or YIBAO_TODAY) */
	bool plausible;  /* known, and within DATES_MIN_YEAR..DATES_MAX_YEAR */
	bool overridden; /* from YIBAO_TODAY, not the clock */
};
/*
 * Today in local time. With allow_override, YIBAO_TODAY=YYYY-MM-DD (when valid)
 * replaces the clock. A clock that cannot be read gives known = false.
 */
struct dates_today dates_today(bool allow_override);
/*
 * For a test runner linked against the engine (tests/model/model_run.c): from
 * now on dates_today gives d whatever the clock or allow_override say, so a
 * kiosk session's screens hold one fixed day too. The program never calls it.
 */
void dates_pin(struct date d);

/* Where today stands against a policy year (the year the figures are for). */
enum dates_year {
	DATES_YEAR_UNKNOWN, /* the clock is wrong, or no year */
	DATES_YEAR_FUTURE,  /* the year has not begun */
	DATES_YEAR_CURRENT, /* today is in it */
	DATES_YEAR_OVER,    /* today is past 31 December of it */
};
enum dates_year dates_year_standing(const struct dates_today *t, int year);

/* A payment period: start..end, both yearly (y = 0) or both full dates. */
struct dates_period {
	struct date start, end;
};
/*
 * Parse a period's two ends as written in a region profile ("01-01" and
 * "12-31", or "2026-09-01" and "2027-02-28") into *p. Returns 0, or -1 (*p
 * untouched) with what is wrong in why (an impossible date, the two ends in
 * different forms, an end before the start; why may be NULL).
 */
int dates_period_parse(const char *start, const char *end, struct dates_period *p, char *why,
		       size_t whylen);

/* Where today stands against a payment period. */
enum dates_pay {
	DATES_PAY_UNKNOWN, /* the clock is wrong */
	DATES_PAY_NOT_YET, /* days = days until it opens */
	DATES_PAY_OPEN,    /* days = days left after today (0: today is the last day) */
	DATES_PAY_CLOSED,  /* days = days since it closed; next is the next opening (yearly) */
};
struct dates_pay_standing {
	enum dates_pay state;
	long days;        /* never negative */
	struct date from; /* the period in force: this year's (yearly) or as written */
	struct date to;
	bool yearly;
};
/* Where today stands in period p. */
struct dates_pay_standing dates_pay_standing(const struct dates_today *t,
					     const struct dates_period *p);

/* "2026年12月7日" into buf (size >= 32); month-day only when dt.y is 0. */
void dates_format(struct date dt, char *buf, size_t size);

#endif

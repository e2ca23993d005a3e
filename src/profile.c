/*
 * profile.c -- region profiles checked as strictly as screens
 * SPDX-License-Identifier: MIT
 */
#include "profile.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "rules.h"

enum ptype {
	P_TEXT,  /* any text */
	P_YUAN,  /* an amount in 元: digits, at most two decimals */
	P_YEAR,  /* a year like 2025 */
	P_COUNT, /* a whole number of months or days, 0..120 */
	P_DATE,  /* MM-DD (every year) or YYYY-MM-DD */
	P_RATE,  /* a percentage 0..100 or a range "50-70" */
	P_COND,  /* a wizard condition (rules.h) */
	P_PAYFOR /* which year the period pays for: this or next */
};

struct pkey {
	const char *section, *key;
	enum ptype type;
};

/* The typed keys. [values] keys not here are text placeholders (national.ini's). */
static const struct pkey schema[] = {
	{"region", "title", P_TEXT},
	{"values", "fee_year", P_YEAR},
	{"values", "fee_ordinary", P_YUAN},
	{"values", "fee_student", P_YUAN},
	{"values", "fee_lowincome", P_YUAN},
	{"values", "fee_disabled", P_YUAN},
	{"values", "fee_full", P_YUAN},
	{"values", "subsidy_min", P_YUAN},
	{"values", "ltc_fee", P_YUAN},
	{"values", "wait_max_months", P_COUNT},
	{"values", "pay_start", P_DATE},
	{"values", "pay_end", P_DATE},
	{"values", "pay_for", P_PAYFOR},
	{"values", "pay_hedge", P_TEXT},
	{"reimburse", "student_if", P_COND},
	{"reimburse", "employee_if", P_COND},
	{"reimburse", "student_level1", P_RATE},
	{"reimburse", "student_level2", P_RATE},
	{"reimburse", "student_level3", P_RATE},
	{"reimburse", "other_level1", P_RATE},
	{"reimburse", "other_level2", P_RATE},
	{"reimburse", "other_level3", P_RATE},
	{"reimburse", "employee_level1", P_RATE},
	{"reimburse", "employee_level2", P_RATE},
	{"reimburse", "employee_level3", P_RATE},
	{"reimburse", "student_scope", P_TEXT},
	{"reimburse", "other_scope", P_TEXT},
	{"reimburse", "employee_scope", P_TEXT},
	{"reimburse", "limit_scope", P_TEXT},
	{"reimburse", "deductible", P_YUAN},
	{"reimburse", "cap", P_YUAN},
	{"reimburse", "bill_limit", P_YUAN},
	{"reimburse", "student_bill_limit", P_YUAN},
	{"reimburse", "other_bill_limit", P_YUAN},
};

struct check_ctx {
	struct diags *d;
	struct kvlist national; /* national.ini's [values] keys (the placeholders) */
	bool is_national;
	bool collect; /* reading national.ini for its keys only */
	/* The payment period's two ends and where they were written. */
	char *pay_start, *pay_end;
	char *pay_path;
	int pay_line;
	bool pay_bad; /* an end was already reported */
};

static const struct pkey *schema_find(const char *section, const char *key)
{
	for (size_t i = 0; i < sizeof schema / sizeof schema[0]; i++)
		if (strcmp(schema[i].section, section) == 0 && strcmp(schema[i].key, key) == 0)
			return &schema[i];
	return NULL;
}

/*
 * Length of the number at the start of s (digits, then '.' and one or two
 * digits), or 0 when s does not start with one.
 */
static size_t number_len(const char *s)
{
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	if (n == 0)
		return 0;
	if (s[n] == '.' && s[n + 1] >= '0' && s[n + 1] <= '9') {
		n += 2;
		if (s[n] >= '0' && s[n] <= '9')
			n++;
	}
	return n;
}

/* A number followed by a unit ("420 元", "65%", "6个月"): the unit is the page's to say. */
static bool has_unit(const char *v, size_t n)
{
	static const char *const units[] = {"元", "块", "万", "%", "％", "个月", "月", "天", "日",
					    "年", "yuan", "Yuan", "RMB", "rmb", "CNY"};
	const char *rest = v + n;

	if (n == 0)
		return false;
	while (*rest == ' ')
		rest++;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strncmp(rest, units[i], strlen(units[i])) == 0)
			return true;
	return false;
}

/* Check v as a number; on error a diag naming key. Sets *out (hundredths) when valid. */
static bool check_number(struct check_ctx *cx, const char *path, int line, const char *key,
			 const char *v, const char *what, long long *out)
{
	size_t n = number_len(v);
	long long whole = 0, frac = 0;
	const char *dot;

	if (n > 0 && v[n] == '\0' && n <= 12) {
		whole = strtoll(v, NULL, 10);
		dot = strchr(v, '.');
		if (dot != NULL)
			frac = strtoll(dot + 1, NULL, 10) * (strlen(dot + 1) == 1 ? 10 : 1);
		*out = whole * 100 + frac;
		return true;
	}
	if (has_unit(v, n) && n <= 12)
		diags_add(cx->d, path, line,
			  "%s: \"%s\" has a unit typed into the figure; write %s alone (\"%.*s\")", key,
			  v, what, (int)n, v);
	else
		diags_add(cx->d, path, line, "%s: \"%s\" is not %s", key, v, what);
	return false;
}

static void check_rate(struct check_ctx *cx, const char *path, int line, const char *key,
		       const char *v)
{
	const char *dash = strchr(v, '-');
	long long low, high;
	char *a;

	if (dash == NULL) {
		if (check_number(cx, path, line, key, v, "a percentage like 65", &low) && low > 10000)
			diags_add(cx->d, path, line, "%s: \"%s\" is outside 0-100", key, v);
		return;
	}
	a = xstrndup(v, (size_t)(dash - v));
	if (check_number(cx, path, line, key, a, "a percentage like 50 in a range like 50-70", &low) &&
	    check_number(cx, path, line, key, dash + 1, "a percentage like 70 in a range like 50-70",
			 &high)) {
		if (low > 10000 || high > 10000)
			diags_add(cx->d, path, line, "%s: \"%s\" is outside 0-100", key, v);
		else if (low > high)
			diags_add(cx->d, path, line,
				  "%s: \"%s\": the low end is above the high end", key, v);
	}
	free(a);
}

static void on_key(void *user, const char *path, int line, const char *section, const char *key,
		   const char *v)
{
	struct check_ctx *cx = user;
	const struct pkey *k = schema_find(section, key);
	long long n;

	if (cx->collect) {
		if (strcmp(section, "values") == 0)
			kv_set(&cx->national, key, "");
		/* national's period is the one a profile setting one end changes. */
		if (strcmp(section, "values") == 0 && strcmp(key, "pay_start") == 0) {
			free(cx->pay_start);
			cx->pay_start = xstrdup(v);
		} else if (strcmp(section, "values") == 0 && strcmp(key, "pay_end") == 0) {
			free(cx->pay_end);
			cx->pay_end = xstrdup(v);
		}
		return;
	}
	if (k == NULL) {
		if (strcmp(section, "values") == 0 &&
		    (cx->is_national || kv_get(&cx->national, key) != NULL))
			return; /* a text placeholder */
		if (strcmp(section, "region") != 0 && strcmp(section, "values") != 0 &&
		    strcmp(section, "reimburse") != 0)
			diags_add(cx->d, path, line,
				  "unknown section \"%s\" (sections: region, values, reimburse)", section);
		else
			diags_add(cx->d, path, line, "unknown key \"%s\" in [%s]%s", key, section,
				  strcmp(section, "values") == 0
					  ? " (a profile sets only keys national.ini has)"
					  : "");
		return;
	}
	if (v[0] == '\0' && k->type != P_COND)
		return; /* empty: not known for this region */
	switch (k->type) {
	case P_TEXT:
		break;
	case P_YUAN:
		check_number(cx, path, line, key, v, "an amount of yuan like 400", &n);
		break;
	case P_YEAR:
		if (check_number(cx, path, line, key, v, "a year like 2025", &n) &&
		    (n % 100 != 0 || n / 100 < DATES_MIN_YEAR || n / 100 > DATES_MAX_YEAR))
			diags_add(cx->d, path, line, "%s: \"%s\" is not a year from %d to %d", key, v,
				  DATES_MIN_YEAR, DATES_MAX_YEAR);
		break;
	case P_COUNT:
		if (check_number(cx, path, line, key, v, "a whole number like 6", &n) &&
		    (n % 100 != 0 || n / 100 > 120))
			diags_add(cx->d, path, line, "%s: \"%s\" is not a whole number from 0 to 120",
				  key, v);
		break;
	case P_DATE: {
		struct date dt;

		if (!(strlen(v) == 10 ? dates_parse(v, &dt) : dates_parse_md(v, &dt))) {
			diags_add(cx->d, path, line,
				  "%s: \"%s\" is not a date that exists (MM-DD for every year, or YYYY-MM-DD)",
				  key, v);
			cx->pay_bad = true;
			break;
		}
		if (strcmp(key, "pay_start") == 0) {
			free(cx->pay_start);
			cx->pay_start = xstrdup(v);
		} else {
			free(cx->pay_end);
			cx->pay_end = xstrdup(v);
		}
		/* The period is reported at the later of its two lines in this file. */
		free(cx->pay_path);
		cx->pay_path = xstrdup(path);
		cx->pay_line = line;
		break;
	}
	case P_RATE:
		check_rate(cx, path, line, key, v);
		break;
	case P_COND: {
		char why[256];
		struct cond *c = cond_parse(v, why, sizeof why);

		if (c == NULL)
			diags_add(cx->d, path, line, "%s: \"%s\" is not a wizard condition (%s)", key,
				  v, why);
		cond_free(c);
		break;
	}
	case P_PAYFOR:
		if (strcmp(v, "this") != 0 && strcmp(v, "next") != 0)
			diags_add(cx->d, path, line,
				  "%s: \"%s\" is not this or next (the year the period pays for)", key, v);
		break;
	}
}

size_t profile_check(const struct regions *rs, const char *name, struct diags *d)
{
	struct diags mine = {0}, ignore = {0};
	struct check_ctx cx = {0};
	size_t added = 0;

	cx.d = &mine;
	cx.is_national = strcmp(name, "national") == 0;
	if (!cx.is_national) {
		cx.collect = true;
		regions_walk(rs, "national", on_key, &cx, &ignore);
		cx.collect = false;
	}
	if (regions_walk(rs, name, on_key, &cx, &mine) == 0 && cx.pay_path != NULL &&
	    !cx.pay_bad) {
		struct dates_period p;
		char why[160] = "";

		/* Both ends as they stand over national.ini; one alone is half a period. */
		if (cx.pay_start == NULL || cx.pay_start[0] == '\0')
			util_say(why, sizeof why, "pay_end without pay_start");
		else if (cx.pay_end == NULL || cx.pay_end[0] == '\0')
			util_say(why, sizeof why, "pay_start without pay_end");
		else
			dates_period_parse(cx.pay_start, cx.pay_end, &p, why, sizeof why);
		if (why[0] != '\0')
			diags_add(&mine, cx.pay_path, cx.pay_line, "payment period %s to %s: %s",
				  cx.pay_start != NULL ? cx.pay_start : "?",
				  cx.pay_end != NULL ? cx.pay_end : "?", why);
	}
	added = diags_merge(d, &mine);
	diags_clear(&ignore);
	kv_clear(&cx.national);
	free(cx.pay_start);
	free(cx.pay_end);
	free(cx.pay_path);
	return added;
}

size_t profile_check_all(const struct regions *rs, struct diags *d)
{
	size_t n = profile_check(rs, "national", d);

	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->names[i], "national") != 0)
			n += profile_check(rs, rs->names[i], d);
	return n;
}

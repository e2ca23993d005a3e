/*
 * calc.h -- the reimbursement calculator: bills, rates and results in integer fen
 * SPDX-License-Identifier: MIT
 *
 * Owner: the calculator screen (screens/calculator.c) and its unit tests.
 * Money is counted in fen (1/100 元) in a long long and rates in basis points
 * (1/100 of a percent, 6500 = 65 %), so nothing here uses floating point.
 * The figures come from the region profile's [reimburse] section; an empty value
 * means "not known for this region" and is never replaced by a guess.
 * Nothing here draws or knows about curses.
 */
#ifndef YIBAO_CALC_H
#define YIBAO_CALC_H

#include <stdbool.h>
#include <stddef.h>

#include "regions.h"

/* The largest bill the calculator accepts: 10,000,000 元. */
#define CALC_MAX_FEN 1000000000LL
/* Hospital levels 1..CALC_LEVELS (一级, 二级, 三级). */
#define CALC_LEVELS 3
/* Room for any amount calc_format_fen writes ("-10,000,000,000.00" and more). */
#define CALC_FMT_LEN 32

/* Why a typed bill was refused (calc_parse_bill). */
enum calc_err {
	CALC_OK,
	CALC_ERR_EMPTY,    /* nothing typed */
	CALC_ERR_NEGATIVE, /* starts with a minus sign */
	CALC_ERR_CHARS,    /* letters or other characters than digits and '.' */
	CALC_ERR_FORMAT,   /* digits and dots in a wrong shape: "1.2.3", ".5", "5.", "2万5" */
	CALC_ERR_GROUPING, /* thousands separators out of place: "2,00", "20,00.5" */
	CALC_ERR_DECIMALS, /* more than two decimals */
	CALC_ERR_TOO_BIG,  /* more than CALC_MAX_FEN */
	CALC_ERR_ZERO,     /* 0 元 */
};

/* Whose bill: resident insurance's two groups of the sources, or employee insurance. */
enum calc_group {
	CALC_STUDENT,  /* 学生儿童 (resident insurance) */
	CALC_OTHER,    /* 其他居民 (resident insurance) */
	CALC_EMPLOYEE, /* 职工医保 (the sources give a general range only) */
	CALC_GROUPS
};

/* A rate from the profile: low..high basis points (equal when not a range). */
struct calc_rate {
	bool known;
	int low, high;
};

/* An amount from the profile, in fen. */
struct calc_amount {
	bool known;
	long long fen;
};

/* The [reimburse] figures of one region. */
struct calc_profile {
	struct calc_rate rate[CALC_GROUPS][CALC_LEVELS]; /* [group][level - 1] */
	struct calc_amount deductible;                   /* 起付线 */
	struct calc_amount cap;                          /* 封顶线: the most the fund pays */
	/* The rates apply to the bill up to this, per group: the source gives Fujian's
	 * 18万元 for students and children only. */
	struct calc_amount bill_limit[CALC_GROUPS];
};

/* One computation, for the low and the high end of the rate ([0] and [1]). */
struct calc_result {
	long long bill;       /* as typed */
	long long eligible;   /* min(bill, bill_limit) */
	long long deductible; /* the part of eligible the deductible takes (0 if unknown) */
	long long above;      /* eligible - deductible, never below 0 */
	long long reimbursed[2];
	long long self_paid[2]; /* bill - reimbursed */
	bool capped[2];         /* reimbursed was cut to the cap */
	bool limited;           /* the bill is over the group's bill_limit */
	struct calc_rate rate;
};

/*
 * Parse a bill typed by the user (the one parser for amounts): digits,
 * optionally a '.' and one or two decimals ("1234", "1234.5", "0.01"), with
 * thousands separators where they belong ("20,000"), a last "元" ("20000元"),
 * or "万" ("2万", "2.5万", "2万元": up to six decimals, whole fen). Full-width
 * digits, full stop and comma count as their ASCII forms; spaces anywhere
 * (also U+3000) are dropped. Nothing else: no sign, no exponent, no other unit.
 * On CALC_OK *fen holds the amount; otherwise *fen is left alone and
 * calc_strerror says what is wrong with an example.
 */
enum calc_err calc_parse_bill(const char *s, long long *fen);
/* One line of plain Chinese saying what is wrong. A string literal: never free it. */
const char *calc_strerror(enum calc_err e);

/*
 * Parse a profile rate: "65", "62.5" or a range "50-70", each 0..100 percent
 * with at most two decimals. Returns false (r untouched) for anything else;
 * an empty string is valid and gives an unknown rate.
 */
bool calc_parse_rate(const char *s, struct calc_rate *r);
/*
 * Parse a profile amount in 元 ("1800", "1800.50"; 0 allowed, up to 10 times
 * CALC_MAX_FEN). Returns false (a untouched) for anything else; an empty string
 * is valid and gives an unknown amount.
 */
bool calc_parse_amount(const char *s, struct calc_amount *a);

/*
 * Read a region's [reimburse] section (kv may be NULL: everything unknown).
 * Keys: student_level1..3, other_level1..3, employee_level1..3, deductible, cap,
 * student_bill_limit, other_bill_limit, and bill_limit (both groups; a group's own key wins unless
 * it is empty). A
 * value that cannot be read is left unknown. Returns 0 when every value was
 * read, else -1 with the keys of those that could not be, comma separated, in
 * why (CALC_WHY_MAX bytes hold them all; why may be NULL; "" on 0).
 */
int calc_profile_read(struct calc_profile *p, const struct kvlist *kv, char *why, size_t whylen);
/* A why buffer of calc_profile_read this long names every key it reads. */
#define CALC_WHY_MAX 512

/*
 * Compute the reimbursement of bill_fen (0..CALC_MAX_FEN) at hospital level
 * 1..CALC_LEVELS for group g:
 *   eligible   = min(bill, bill_limit[g])         (bill_limit unknown: bill)
 *   above      = max(0, eligible - deductible)    (deductible unknown: 0)
 *   reimbursed = above * rate / 100, rounded half up to the fen, then at most cap
 *   self_paid  = bill - reimbursed
 * Returns false (r zeroed) when that rate is unknown or the arguments are out of
 * range.
 */
bool calc_compute(const struct calc_profile *p, long long bill_fen, int level,
		  enum calc_group g, struct calc_result *r);

/* Write fen as 元 with thousands separators and two decimals ("12,345.60") into buf. */
void calc_format_fen(long long fen, char *buf, size_t size);
/* Write basis points as a percent without trailing zeros ("65", "62.5") into buf. */
void calc_format_rate(int bp, char *buf, size_t size);

#endif

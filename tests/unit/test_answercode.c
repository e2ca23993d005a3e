/*
 * test_answercode.c -- unit tests for answercode.c: the help-desk answer code
 * SPDX-License-Identifier: MIT
 *
 * Over the shipped wizard (content/01-eligibility.md) and region profiles
 * (config/regions), run from the source tree's top: every answer set the
 * wizard can produce, in every region, round-trips exactly; every single wrong
 * digit and every swap of two neighbouring digits of every one of those codes
 * is caught; every payload a code can carry decodes to an answer set the wizard
 * can produce or to an error; other wizards, other regions, missing profiles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "answercode.h"
#include "regions.h"
#include "content.h"
#include "text.h"
#include "util.h"

static const char *const all_regions[] = {"fujian", "guangdong", "guangxi",
					  "hubei", "national", "yunnan"};
#define NREGIONS (sizeof all_regions / sizeof all_regions[0])

struct fx {
	struct profile prof; /* national, for placeholders */
	struct screen *wizard;
	char *text; /* the wizard file, for variants */
	size_t len;
};

static struct fx fx;

static int setup(void **state)
{
	struct diags d = {0};
	struct regions rs;

	(void)state;
	regions_from_dir(&rs, "config/regions");
	regions_load(&fx.prof, &rs, "national", &d);
	regions_clear(&rs);
	fx.text = util_read_file("content/01-eligibility.md", CONTENT_MAX_FILE, &fx.len);
	if (fx.text == NULL)
		return -1;
	fx.wizard = content_parse("content/01-eligibility.md", fx.text, fx.len, regions_lookup,
				  &fx.prof, &d);
	diags_clear(&d);
	return fx.wizard != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	screen_free(fx.wizard);
	free(fx.text);
	regions_profile_clear(&fx.prof);
	return 0;
}

static struct answercode *book(const struct screen *w, const char *active)
{
	char why[256];
	struct answercode *ac = answercode_new(w, (char *const *)(uintptr_t)all_regions, NREGIONS,
					       active, why, sizeof why);

	if (ac == NULL)
		fail_msg("answercode_new: %s", why);
	return ac;
}

/* The answers of row n of the book. */
static void row_answers(const struct answercode *ac, size_t n, struct answers *a)
{
	answers_clear(a);
	for (size_t i = 0; i < ac->nq; i++) {
		const struct block *q = &ac->wizard->blocks[ac->qblock[i]];
		uint8_t k = ac->combos[n * ac->nq + i];

		if (k != 0)
			answers_set(a, q->name, q->opts[k - 1].value);
	}
}

static bool same_answers(const struct answers *x, const struct answers *y)
{
	if (x->n != y->n)
		return false;
	for (size_t i = 0; i < x->n; i++) {
		const char *v = answers_get(y, x->v[i].name);

		if (v == NULL || strcmp(v, x->v[i].value) != 0)
			return false;
	}
	return true;
}

/*
 * Independently of the book: could the wizard have produced a? Every question
 * whose condition holds is answered with one of its options, no other is.
 */
static bool producible(const struct screen *w, const struct answers *a)
{
	size_t known = 0;

	for (size_t i = 0; i < w->nblocks; i++) {
		const struct block *q = &w->blocks[i];
		const char *v;
		bool opt = false;

		if (q->type != BLK_QUESTION)
			continue;
		v = answers_get(a, q->name);
		if (cond_eval(q->cond, a) != (v != NULL))
			return false;
		if (v == NULL)
			continue;
		for (size_t k = 0; k < q->nopts; k++)
			opt = opt || strcmp(q->opts[k].value, v) == 0;
		if (!opt)
			return false;
		known++;
	}
	return known == a->n;
}

static void shipped_numbers(void **state)
{
	struct answercode *ac = book(fx.wizard, "national");

	(void)state;
	/* 3 households x (employee yes, or 6 groups x 4 gaps + newborn x 2 x 4) */
	assert_int_equal(ac->nq, 5);
	assert_int_equal(ac->ncombos, 3 * (1 + 6 * 4 + 2 * 4));
	assert_int_equal(ac->ndigits, 10);
	assert_int_equal(ac->nregions, NREGIONS);
	assert_string_equal(ac->regions[ac->region], "national");
	print_message("shipped wizard: %zu answer sets x %zu regions, codes of %d digits\n",
		      ac->ncombos, ac->nregions, ac->ndigits);
	answercode_free(ac);
}

/* Every answer set the wizard can produce: found by trying every assignment. */
static void only_producible_sets_encode(void **state)
{
	struct answercode *ac = book(fx.wizard, "national");
	struct answers a = {0};
	size_t radix[8], idx[8] = {0}, total = 1, encodable = 0;
	char out[ANSWERCODE_BUF];

	(void)state;
	for (size_t i = 0; i < ac->nq; i++) {
		radix[i] = fx.wizard->blocks[ac->qblock[i]].nopts + 1; /* 0: not answered */
		total *= radix[i];
	}
	for (size_t n = 0; n < total; n++) {
		size_t m = n;

		answers_clear(&a);
		for (size_t i = 0; i < ac->nq; i++) {
			const struct block *q = &fx.wizard->blocks[ac->qblock[i]];

			idx[i] = m % radix[i];
			m /= radix[i];
			if (idx[i] > 0)
				answers_set(&a, q->name, q->opts[idx[i] - 1].value);
		}
		if (answercode_encode(ac, &a, out, sizeof out)) {
			encodable++;
			assert_true(producible(fx.wizard, &a));
		} else {
			assert_false(producible(fx.wizard, &a));
		}
	}
	assert_int_equal(encodable, ac->ncombos);
	answers_clear(&a);
	answercode_free(ac);
}

/* Decode every code of every region; change each digit and swap each pair. */
static void round_trip_errors_swaps(void **state)
{
	struct answers a = {0}, got = {0};
	char code[ANSWERCODE_BUF], bad[ANSWERCODE_BUF];
	size_t codes = 0, typos = 0;

	(void)state;
	for (size_t r = 0; r < NREGIONS; r++) {
		struct answercode *ac = book(fx.wizard, all_regions[r]);

		for (size_t n = 0; n < ac->ncombos; n++) {
			int region;
			size_t len;

			row_answers(ac, n, &a);
			assert_true(producible(fx.wizard, &a));
			assert_true(answercode_encode(ac, &a, code, sizeof code));
			len = strlen(code);
			assert_int_equal(len, (size_t)ac->ndigits);
			assert_int_equal(answercode_decode(ac, code, &got, &region), AC_OK);
			assert_int_equal(region, (int)r);
			assert_true(same_answers(&a, &got));
			answers_clear(&got);
			codes++;
			for (size_t i = 0; i < len; i++) {
				for (char d = '0'; d <= '9'; d++) {
					if (d == code[i])
						continue;
					memcpy(bad, code, len + 1);
					bad[i] = d;
					assert_int_equal(answercode_decode(ac, bad, &got, &region), AC_TYPO);
					assert_int_equal(got.n, 0);
					typos++;
				}
				if (i + 1 < len && code[i] != code[i + 1]) {
					memcpy(bad, code, len + 1);
					bad[i] = code[i + 1];
					bad[i + 1] = code[i];
					assert_int_equal(answercode_decode(ac, bad, &got, &region), AC_TYPO);
					typos++;
				}
			}
			/* A digit left out or one too many: never a result either. */
			memcpy(bad, code, len + 1);
			memmove(bad + 3, bad + 4, len - 3);
			assert_int_not_equal(answercode_decode(ac, bad, &got, &region), AC_OK);
			assert_int_equal(got.n, 0);
		}
		answercode_free(ac);
	}
	print_message("%zu codes round-trip; %zu wrong digits and swaps caught\n", codes, typos);
	answers_clear(&a);
}

/* Every payload a code of this wizard can carry, with a right check digit. */
static void every_payload_is_producible_or_refused(void **state)
{
	struct answercode *ac = book(fx.wizard, "national");
	struct answers got = {0};
	char code[ANSWERCODE_BUF], again[ANSWERCODE_BUF];
	int pd = ac->ndigits - ANSWERCODE_FP_DIGITS - ANSWERCODE_TAG_DIGITS - 1;
	unsigned long long max = 1;
	size_t ok = 0;

	(void)state;
	for (int i = 0; i < pd; i++)
		max *= 10;
	for (unsigned tag = 0; tag < 100; tag++) {
		for (unsigned long long p = 0; p < max; p++) {
			int region;
			enum answercode_status st;

			snprintf(code, sizeof code, "%04u%02u%0*llu", ac->fingerprint, tag, pd, p);
			code[ac->ndigits - 1] = answercode_damm(code, (size_t)ac->ndigits - 1);
			code[ac->ndigits] = '\0';
			st = answercode_decode(ac, code, &got, &region);
			if (st == AC_OK || st == AC_OTHER_REGION) {
				struct answercode *there = book(fx.wizard, all_regions[region]);

				assert_true(producible(fx.wizard, &got));
				assert_true(answercode_encode(there, &got, again, sizeof again));
				assert_string_equal(again, code);
				answercode_free(there);
				ok++;
			} else {
				assert_int_equal(got.n, 0);
			}
			answers_clear(&got);
		}
	}
	assert_int_equal(ok, ac->ncombos * NREGIONS);
	answercode_free(ac);
}

static void damm_known_values(void **state)
{
	(void)state;
	assert_int_equal(answercode_damm("572", 3), '4'); /* Damm's worked example */
	assert_int_equal(answercode_damm("5724", 4), '0');
	assert_int_equal(answercode_damm("", 0), '0');
}

static void normalize_and_group(void **state)
{
	char out[ANSWERCODE_BUF];

	(void)state;
	assert_true(answercode_normalize("493 743 3977", out, sizeof out));
	assert_string_equal(out, "4937433977");
	assert_true(answercode_normalize(" 493-743-3977 ", out, sizeof out));
	assert_string_equal(out, "4937433977");
	/* full-width digits and space, a full-width dash and an em dash */
	assert_true(answercode_normalize("\xEF\xBC\x94\xEF\xBC\x99\xEF\xBC\x93\xE3\x80\x80"
					 "743\xEF\xBC\x8D"
					 "39\xE2\x80\x94"
					 "77",
					 out, sizeof out));
	assert_string_equal(out, "4937433977");
	assert_false(answercode_normalize("3.4", out, sizeof out));
	assert_false(answercode_normalize("12345", out, sizeof out));
	assert_false(answercode_normalize("493 743 397a", out, sizeof out));
	assert_false(answercode_normalize("123456789012345678901", out, sizeof out));
	assert_false(answercode_normalize("", out, sizeof out));

	{
		char *f = text_fold_width("\xEF\xBC\x93.\xEF\xBC\x94\xE3\x80\x80\xEF\xBC\xA1PP\xE9\x80\x9A");

		assert_string_equal(f, "3.4 APP\xE9\x80\x9A"); /* ３.４　ＡPP通 */
		free(f);
	}
	answercode_group("4937433977", out, sizeof out);
	assert_string_equal(out, "493 743 3977");
	answercode_group("372914051", out, sizeof out);
	assert_string_equal(out, "372 914 051");
	answercode_group("37291405", out, sizeof out);
	assert_string_equal(out, "372 914 05");
	answercode_group("3729140", out, sizeof out);
	assert_string_equal(out, "372 9140");
}

/* The shipped wizard parsed again, question q (0-based among questions) to change. */
static struct block *fresh_question(struct screen **out, size_t q)
{
	struct diags d = {0};
	struct screen *s = content_parse("variant.md", fx.text, fx.len, regions_lookup, &fx.prof, &d);

	diags_clear(&d);
	assert_non_null(s);
	*out = s;
	for (size_t i = 0; i < s->nblocks; i++)
		if (s->blocks[i].type == BLK_QUESTION && q-- == 0)
			return &s->blocks[i];
	fail_msg("no question %zu", q);
	return NULL;
}

static void other_wizard_version(void **state)
{
	struct answercode *ac = book(fx.wizard, "national");
	struct answers a = {0}, got = {0};
	char code[ANSWERCODE_BUF];
	struct screen *v[3];
	struct block *b;
	struct choice tmp;
	int region;

	(void)state;
	/* A label reworded (content is edited in place, as an author would). */
	b = fresh_question(&v[0], 0);
	free(b->opts[0].label);
	b->opts[0].label = xstrdup("本地户籍");
	/* Two options swapped: the same words, another numbering. */
	b = fresh_question(&v[1], 4);
	tmp = b->opts[2];
	b->opts[2] = b->opts[3];
	b->opts[3] = tmp;
	/* An option dropped. */
	b = fresh_question(&v[2], 2);
	b->nopts--;
	free(b->opts[b->nopts].value);
	free(b->opts[b->nopts].label);

	row_answers(ac, 5, &a);
	assert_true(answercode_encode(ac, &a, code, sizeof code));
	for (size_t i = 0; i < 3; i++) {
		struct answercode *other = book(v[i], "national");
		char msg[ANSWERCODE_WHY_MAX];

		assert_int_not_equal(other->fingerprint, ac->fingerprint);
		assert_int_equal(answercode_decode(other, code, &got, &region), AC_VERSION);
		assert_int_equal(got.n, 0);
		answercode_message(other, AC_VERSION, code, -1, NULL, NULL, msg, sizeof msg);
		assert_non_null(strstr(msg, "另一版本"));
		answercode_free(other);
		screen_free(v[i]);
	}
	answers_clear(&a);
	answercode_free(ac);
}

static void other_region(void **state)
{
	struct answercode *fj = book(fx.wizard, "fujian"), *nat = book(fx.wizard, "national");
	struct answers a = {0}, got = {0};
	char code[ANSWERCODE_BUF], msg[ANSWERCODE_WHY_MAX];
	int region;

	(void)state;
	row_answers(fj, 7, &a);
	assert_true(answercode_encode(fj, &a, code, sizeof code));
	assert_int_equal(answercode_decode(nat, code, &got, &region), AC_OTHER_REGION);
	assert_string_equal(nat->regions[region], "fujian");
	assert_true(same_answers(&a, &got));
	answercode_message(nat, AC_OTHER_REGION, code, region, "福建省", "全国通用", msg, sizeof msg);
	assert_non_null(strstr(msg, "福建省"));
	/* The session offers the switch (the region chooser): the message says where to. */
	assert_non_null(strstr(msg, "换到福建省"));
	answers_clear(&a);
	answers_clear(&got);
	answercode_free(fj);
	answercode_free(nat);
}

/* The help-desk has fewer region profiles than the caller. */
static void region_profile_missing(void **state)
{
	struct answers a = {0}, got = {0};
	char code[ANSWERCODE_BUF];
	int region;

	(void)state;
	for (size_t r = 0; r < NREGIONS; r++) {
		struct answercode *caller = book(fx.wizard, all_regions[r]);
		const char *fewer[NREGIONS];
		size_t n = 0;
		char why[256];
		struct answercode *desk;
		enum answercode_status st;

		for (size_t i = 0; i < NREGIONS; i++)
			if (i != r)
				fewer[n++] = all_regions[i];
		desk = answercode_new(fx.wizard, (char *const *)(uintptr_t)fewer, n, "national", why,
				      sizeof why);
		if (desk == NULL) /* national itself missing: the desk still decodes */
			fail_msg("%s", why);
		row_answers(caller, 3, &a);
		assert_true(answercode_encode(caller, &a, code, sizeof code));
		st = answercode_decode(desk, code, &got, &region);
		/* The shipped profile names have distinct tags: the desk knows it lacks one. */
		assert_int_equal(st, AC_REGION_MISSING);
		assert_int_equal(got.n, 0);
		answercode_free(desk);
		answercode_free(caller);
	}
	answers_clear(&a);
}

/* The caller lacks a profile the help-desk has: never a wrong region. */
static void region_lists_differ(void **state)
{
	const char *fewer[] = {"guangdong", "guangxi", "hubei", "national", "yunnan"};
	struct answercode *caller = answercode_new(fx.wizard, (char *const *)(uintptr_t)fewer, 5,
						   "guangxi", NULL, 0);
	struct answercode *desk = book(fx.wizard, "national");
	struct answers a = {0}, got = {0};
	char code[ANSWERCODE_BUF];
	int region;

	(void)state;
	assert_non_null(caller);
	row_answers(caller, 0, &a);
	assert_true(answercode_encode(caller, &a, code, sizeof code));
	/* guangxi is index 1 there and 2 here: the tag does not match index 1 here. */
	assert_int_equal(answercode_decode(desk, code, &got, &region), AC_REGION_LIST);
	assert_int_equal(got.n, 0);
	answers_clear(&a);
	answercode_free(caller);
	answercode_free(desk);
}

static void too_big_or_empty(void **state)
{
	struct strbuf sb = {0};
	struct diags d = {0};
	struct screen *s;
	char why[256];

	(void)state;
	sb_adds(&sb, "---\ncode: 1\nid: w\ntitle: w\nkind: wizard\n---\n");
	for (int q = 0; q < 6; q++) {
		sb_printf(&sb, "```question q%d\nQ%d\n", q, q);
		for (int k = 0; k < 6; k++)
			sb_printf(&sb, "- o%d: O%d\n", k, k);
		sb_adds(&sb, "```\n\n");
	}
	s = content_parse("big.md", sb.s, sb.len, regions_lookup, &fx.prof, &d);
	assert_non_null(s);
	/* 6^6 = 46656 answer sets */
	assert_null(answercode_new(s, NULL, 0, NULL, why, sizeof why));
	assert_non_null(strstr(why, "combinations"));
	screen_free(s);
	sb_clear(&sb);
	sb_adds(&sb, "---\ncode: 1\nid: w\ntitle: w\nkind: wizard\n---\nNo questions.\n");
	s = content_parse("empty.md", sb.s, sb.len, regions_lookup, &fx.prof, &d);
	assert_null(answercode_new(s, NULL, 0, NULL, why, sizeof why));
	assert_non_null(strstr(why, "no questions"));
	screen_free(s);
	sb_clear(&sb);
	diags_clear(&d);
}

/* "result ineligible" marks a result; the shipped one is "already in employee insurance". */
static void ineligible_result_parsed(void **state)
{
	size_t n = 0;

	(void)state;
	for (size_t i = 0; i < fx.wizard->nblocks; i++) {
		const struct block *b = &fx.wizard->blocks[i];
		struct answers a = {0};

		if (b->type != BLK_RESULT || !(b->flags & BF_INELIGIBLE))
			continue;
		n++;
		answers_set(&a, "employee", "yes");
		assert_true(cond_eval(b->cond, &a));
		answers_set(&a, "employee", "no");
		assert_false(cond_eval(b->cond, &a));
		answers_clear(&a);
	}
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_numbers),
		cmocka_unit_test(only_producible_sets_encode),
		cmocka_unit_test(round_trip_errors_swaps),
		cmocka_unit_test(every_payload_is_producible_or_refused),
		cmocka_unit_test(damm_known_values),
		cmocka_unit_test(normalize_and_group),
		cmocka_unit_test(other_wizard_version),
		cmocka_unit_test(other_region),
		cmocka_unit_test(region_profile_missing),
		cmocka_unit_test(region_lists_differ),
		cmocka_unit_test(too_big_or_empty),
		cmocka_unit_test(ineligible_result_parsed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

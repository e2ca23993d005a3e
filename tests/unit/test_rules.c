/*
 * test_rules.c -- unit tests for rules.c: wizard answers and content conditions
 * SPDX-License-Identifier: MIT
 *
 * Owner: the wizard. The grammar is in rules.h and docs/content-format.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rules.h"

/* Parse s, which must be valid. */
static struct cond *parse_ok(const char *s)
{
	char why[256] = "unset";
	struct cond *c = cond_parse(s, why, sizeof why);

	if (c == NULL)
		fail_msg("cond_parse(\"%s\") failed: %s", s, why);
	assert_string_equal(why, "");
	return c;
}

/* Evaluate s against answers given as "name=value" pairs, NULL-terminated. */
static bool eval_with(const char *s, ...)
{
	struct answers a = {0};
	struct cond *c = parse_ok(s);
	va_list ap;
	const char *pair;
	bool r;

	va_start(ap, s);
	while ((pair = va_arg(ap, const char *)) != NULL) {
		const char *eq = strchr(pair, '=');
		char name[64];

		assert_non_null(eq);
		assert_true((size_t)(eq - pair) < sizeof name);
		memcpy(name, pair, (size_t)(eq - pair));
		name[eq - pair] = '\0';
		answers_set(&a, name, eq + 1);
	}
	va_end(ap);
	r = cond_eval(c, &a);
	cond_free(c);
	answers_clear(&a);
	return r;
}

static void answers_set_get_replace_remove(void **state)
{
	struct answers a = {0};

	(void)state;
	assert_null(answers_get(&a, "household"));
	answers_set(&a, "household", "local");
	answers_set(&a, "employee", "no");
	assert_string_equal(answers_get(&a, "household"), "local");
	assert_string_equal(answers_get(&a, "employee"), "no");
	assert_int_equal(a.n, 2);
	/* Replacing keeps one entry. */
	answers_set(&a, "household", "permit");
	assert_string_equal(answers_get(&a, "household"), "permit");
	assert_int_equal(a.n, 2);
	/* NULL removes; removing what is not there is harmless. */
	answers_set(&a, "household", NULL);
	assert_null(answers_get(&a, "household"));
	assert_string_equal(answers_get(&a, "employee"), "no");
	assert_int_equal(a.n, 1);
	answers_set(&a, "nothing", NULL);
	assert_int_equal(a.n, 1);
	answers_clear(&a);
	assert_int_equal(a.n, 0);
	assert_null(answers_get(&a, "employee"));
	/* Reusable after clearing. */
	answers_set(&a, "gap", "long");
	assert_string_equal(answers_get(&a, "gap"), "long");
	answers_clear(&a);
}

static void answers_copy_their_strings(void **state)
{
	struct answers a = {0};
	char name[] = "group", value[] = "student";

	(void)state;
	answers_set(&a, name, value);
	name[0] = 'X';
	value[0] = 'X';
	assert_string_equal(answers_get(&a, "group"), "student");
	answers_clear(&a);
}

static void parse_structure(void **state)
{
	struct cond *c = parse_ok("a=1 and b!=2,3 or c=4");

	(void)state;
	assert_int_equal(c->nclauses, 2);
	assert_int_equal(c->clauses[0].nterms, 2);
	assert_string_equal(c->clauses[0].terms[0].name, "a");
	assert_false(c->clauses[0].terms[0].negate);
	assert_int_equal(c->clauses[0].terms[0].nvalues, 1);
	assert_string_equal(c->clauses[0].terms[0].values[0], "1");
	assert_string_equal(c->clauses[0].terms[1].name, "b");
	assert_true(c->clauses[0].terms[1].negate);
	assert_int_equal(c->clauses[0].terms[1].nvalues, 2);
	assert_string_equal(c->clauses[0].terms[1].values[1], "3");
	assert_int_equal(c->clauses[1].nterms, 1);
	assert_string_equal(c->clauses[1].terms[0].name, "c");
	cond_free(c);
}

static void parse_spacing(void **state)
{
	struct cond *c = parse_ok("  employee = no  and  group = a , b\t");

	(void)state;
	assert_int_equal(c->nclauses, 1);
	assert_int_equal(c->clauses[0].nterms, 2);
	assert_int_equal(c->clauses[0].terms[1].nvalues, 2);
	assert_string_equal(c->clauses[0].terms[1].values[0], "a");
	assert_string_equal(c->clauses[0].terms[1].values[1], "b");
	cond_free(c);
	/* A name that merely starts with a keyword is a name. */
	c = parse_ok("android=1 or oregon=2");
	assert_int_equal(c->nclauses, 2);
	assert_string_equal(c->clauses[0].terms[0].name, "android");
	cond_free(c);
}

static void parse_errors(void **state)
{
	static const char *const bad[] = {
		"",            /* nothing */
		"   ",         /* only blanks */
		"household",   /* no operator */
		"household=",  /* no value */
		"=local",      /* no name */
		"a=1 and",     /* dangling and */
		"a=1 or",      /* dangling or */
		"and a=1",     /* leading keyword */
		"a=1 b=2",     /* missing keyword */
		"a=1,",        /* dangling comma */
		"a=,1",        /* empty value */
		"A=1",         /* upper case */
		"a==1",        /* double = */
		"a<>1",        /* other operator */
		"a=1 xor b=2", /* unknown keyword */
		"a=1 AND b=2", /* keywords are lower case */
		"a=b-c",       /* '-' is not in values */
		"a=1)",        /* stray character */
		"a=1 and or b=2",
		"a ! = 1",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char why[256] = "";
		struct cond *c = cond_parse(bad[i], why, sizeof why);

		if (c != NULL)
			fail_msg("cond_parse(\"%s\") should fail", bad[i]);
		if (why[0] == '\0')
			fail_msg("cond_parse(\"%s\") gave no message", bad[i]);
		/* No string to free, and a NULL why is allowed. */
		assert_null(cond_parse(bad[i], NULL, 0));
	}
}

static void eval_equal_and_not_equal(void **state)
{
	(void)state;
	assert_true(eval_with("employee=yes", "employee=yes", NULL));
	assert_false(eval_with("employee=yes", "employee=no", NULL));
	assert_true(eval_with("employee!=yes", "employee=no", NULL));
	assert_false(eval_with("employee!=yes", "employee=yes", NULL));
	/* Values are whole words: no prefix matches. */
	assert_false(eval_with("group=new", "group=newborn", NULL));
	assert_false(eval_with("group=newborn", "group=new", NULL));
}

static void eval_unanswered_is_false(void **state)
{
	(void)state;
	/* Both = and != are false on a question not answered (skipped). */
	assert_false(eval_with("employee=yes", NULL));
	assert_false(eval_with("employee!=yes", NULL));
	assert_false(eval_with("employee=yes", "household=local", NULL));
	assert_false(eval_with("employee!=yes", "household=local", NULL));
	assert_false(eval_with("newborn_days=within90,over90", "group=newborn", NULL));
}

static void eval_multiple_values(void **state)
{
	(void)state;
	assert_true(eval_with("group=lowincome,full,disabled", "group=full", NULL));
	assert_true(eval_with("group=lowincome,full,disabled", "group=lowincome", NULL));
	assert_true(eval_with("group=lowincome,full,disabled", "group=disabled", NULL));
	assert_false(eval_with("group=lowincome,full,disabled", "group=ordinary", NULL));
	/* != with several values: none of them. */
	assert_true(eval_with("group!=student,newborn", "group=ordinary", NULL));
	assert_false(eval_with("group!=student,newborn", "group=newborn", NULL));
	assert_false(eval_with("group!=student,newborn", "group=student", NULL));
}

static void eval_and_or_precedence(void **state)
{
	const char *c = "employee=no and household=local or employee=no and household=permit";

	(void)state;
	assert_true(eval_with("employee=no and household=local", "employee=no",
			      "household=local", NULL));
	assert_false(eval_with("employee=no and household=local", "employee=no",
			       "household=permit", NULL));
	assert_false(eval_with("employee=no and household=local", "household=local", NULL));
	assert_true(eval_with("gap=short or gap=long", "gap=long", NULL));
	assert_false(eval_with("gap=short or gap=long", "gap=first", NULL));
	assert_false(eval_with("gap=short or gap=long", NULL));
	assert_true(eval_with(c, "employee=no", "household=permit", NULL));
	assert_false(eval_with(c, "employee=yes", "household=permit", NULL));
	assert_false(eval_with(c, "employee=no", "household=nopermit", NULL));
	/* "and" binds tighter: a or (b and c). */
	assert_true(eval_with("a=1 or b=1 and c=1", "a=1", NULL));
	assert_false(eval_with("a=1 or b=1 and c=1", "b=1", NULL));
	assert_true(eval_with("a=1 or b=1 and c=1", "b=1", "c=1", NULL));
	/* (a and b) or c, not a and (b or c). */
	assert_true(eval_with("a=1 and b=1 or c=1", "c=1", NULL));
	assert_false(eval_with("a=1 and b=1 or c=1", "a=1", NULL));
	/* Mixed with != and unanswered names. */
	assert_true(eval_with("a!=1 and b=2 or c!=3", "c=4", NULL));
	assert_false(eval_with("a!=1 and b=2 or c!=3", "b=2", NULL));
	assert_true(eval_with("a!=1 and b=2 or c!=3", "a=0", "b=2", NULL));
}

static void eval_null_is_always(void **state)
{
	struct answers a = {0};

	(void)state;
	assert_true(cond_eval(NULL, &a));
	answers_set(&a, "x", "1");
	assert_true(cond_eval(NULL, &a));
	answers_clear(&a);
}

static void eval_or_all_without_answers(void **state)
{
	struct answers a = {0};
	struct cond *c = parse_ok("household=permit");

	(void)state;
	/* No answers at all: the unpersonalised checklist shows everything. */
	assert_true(cond_eval_or_all(c, &a));
	assert_true(cond_eval_or_all(c, NULL));
	assert_false(cond_eval(c, &a));
	answers_set(&a, "household", "local");
	assert_false(cond_eval_or_all(c, &a));
	answers_set(&a, "household", "permit");
	assert_true(cond_eval_or_all(c, &a));
	/* Some other answer given, this one not: false, like cond_eval. */
	answers_set(&a, "household", NULL);
	answers_set(&a, "employee", "no");
	assert_false(cond_eval_or_all(c, &a));
	cond_free(c);
	answers_clear(&a);
}

/*
 * The questions the wizard may still ask (issue 12 item 14: the count went
 * from 3/5 to 4/4). Five questions shaped like the eligibility wizard: a and b
 * always, c only when b=no, d only when c=x, e when b=no.
 */
static void count_ahead(void **state)
{
	static const char *const yn[] = {"yes", "no"};
	static const char *const abc[] = {"x", "y", "z"};
	static const char *const three[] = {"p", "q", "r"};
	struct cond *cb = parse_ok("b=no"), *cc = parse_ok("c=x"), *ce = parse_ok("b=no");
	const struct rules_question q[] = {
		{"a", NULL, three, 3},
		{"b", NULL, yn, 2},
		{"c", cb, abc, 3},
		{"d", cc, yn, 2},
		{"e", ce, three, 3},
	};
	struct answers a = {0};
	size_t min, max;

	(void)state;
	/* From the start: 2 (b=yes) to 5 (b=no, c=x). */
	rules_count_ahead(q, 5, 0, &a, &min, &max);
	assert_int_equal(min, 2);
	assert_int_equal(max, 5);
	answers_set(&a, "a", "p");
	rules_count_ahead(q, 5, 1, &a, &min, &max);
	assert_int_equal(min, 1);
	assert_int_equal(max, 4);
	/* At c with b=no: c, maybe d, e. */
	answers_set(&a, "b", "no");
	rules_count_ahead(q, 5, 2, &a, &min, &max);
	assert_int_equal(min, 2);
	assert_int_equal(max, 3);
	/* Answers stored for c and after are asked again: they do not narrow it. */
	answers_set(&a, "c", "y");
	answers_set(&a, "e", "p");
	rules_count_ahead(q, 5, 2, &a, &min, &max);
	assert_int_equal(min, 2);
	assert_int_equal(max, 3);
	/* c=y answered: only e is left; the count 3 + 1 = 4 was in 3 + 2..3. */
	rules_count_ahead(q, 5, 3, &a, &min, &max);
	assert_int_equal(min, 1);
	assert_int_equal(max, 1);
	/* b=yes: nothing more. */
	answers_set(&a, "b", "yes");
	rules_count_ahead(q, 5, 2, &a, &min, &max);
	assert_int_equal(min, 0);
	assert_int_equal(max, 0);
	/* The answers given are left as they were. */
	assert_string_equal(answers_get(&a, "c"), "y");
	assert_string_equal(answers_get(&a, "e"), "p");
	assert_true(rules_may_hold(cc, &a) == false);
	answers_set(&a, "c", NULL);
	assert_true(rules_may_hold(cc, &a));
	answers_clear(&a);
	cond_free(cb);
	cond_free(cc);
	cond_free(ce);
}

/* Too many ways to answer: the bounds widen instead of taking forever. */
static void count_ahead_budget(void **state)
{
	static const char *const many[] = {"v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7"};
	struct rules_question q[12];
	struct cond *c[12];
	struct answers a = {0};
	size_t min, max;
	char buf[64];

	(void)state;
	for (int i = 0; i < 12; i++) {
		/* Each question is asked unless the one before was v7; all values matter. */
		snprintf(buf, sizeof buf, "q%d != v7", i - 1);
		c[i] = i > 0 ? parse_ok(buf) : NULL;
		snprintf(buf, sizeof buf, "q%d", i);
		q[i].name = strdup(buf);
		q[i].cond = c[i];
		q[i].values = many;
		q[i].nvalues = 8;
	}
	for (int i = 1; i < 12; i++) {
		/* Name every value later so that none is folded with another. */
		struct cond *more;

		snprintf(buf, sizeof buf, "q%d != v7 or q%d = v0,v1,v2,v3,v4,v5,v6", i - 1, i - 1);
		more = parse_ok(buf);
		cond_free(c[i]);
		c[i] = more;
		q[i].cond = more;
	}
	rules_count_ahead(q, 12, 0, &a, &min, &max);
	assert_int_equal(min, 1);
	assert_int_equal(max, 12);
	for (int i = 0; i < 12; i++) {
		free((char *)(uintptr_t)q[i].name);
		cond_free(c[i]);
	}
}

static void valid_names(void **state)
{
	(void)state;
	assert_true(rules_valid_name("a", 1));
	assert_true(rules_valid_name("newborn_days", 12));
	assert_true(rules_valid_name("within90", 8));
	assert_true(rules_valid_name("abc!", 3)); /* only n bytes count */
	assert_false(rules_valid_name("", 0));
	assert_false(rules_valid_name("Abc", 3));
	assert_false(rules_valid_name("a-b", 3));
	assert_false(rules_valid_name("a b", 3));
	assert_false(rules_valid_name("\xE4\xB8\xAD", 3));
}

static void free_null(void **state)
{
	(void)state;
	cond_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(answers_set_get_replace_remove),
		cmocka_unit_test(answers_copy_their_strings),
		cmocka_unit_test(parse_structure),
		cmocka_unit_test(parse_spacing),
		cmocka_unit_test(parse_errors),
		cmocka_unit_test(eval_equal_and_not_equal),
		cmocka_unit_test(eval_unanswered_is_false),
		cmocka_unit_test(eval_multiple_values),
		cmocka_unit_test(eval_and_or_precedence),
		cmocka_unit_test(eval_null_is_always),
		cmocka_unit_test(eval_or_all_without_answers),
		cmocka_unit_test(valid_names),
		cmocka_unit_test(count_ahead),
		cmocka_unit_test(count_ahead_budget),
		cmocka_unit_test(free_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

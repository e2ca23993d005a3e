/*
 * fuzz_cond.c -- libFuzzer harness for cond_parse (wizard and checklist conditions)
 * SPDX-License-Identifier: MIT
 *
 * The input is the text after "if ", as content hands it over (sanitised, so
 * NUL-free). Beyond memory safety: a parse fails with a message or succeeds
 * without one; a parsed condition printed back in the grammar parses to the
 * same thing; evaluating it never crashes; error messages about valid UTF-8
 * input are valid UTF-8 (they reach the terminal).
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "../../src/rules.h"
#include "../../src/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_init_locale();
	return 0;
}

static char *cond_print(const struct cond *c)
{
	struct strbuf sb = {0};

	sb_add(&sb, "", 0);
	for (size_t i = 0; i < c->nclauses; i++) {
		if (i > 0)
			sb_adds(&sb, " or ");
		for (size_t j = 0; j < c->clauses[i].nterms; j++) {
			const struct cond_term *t = &c->clauses[i].terms[j];

			if (j > 0)
				sb_adds(&sb, " and ");
			sb_adds(&sb, t->name);
			sb_adds(&sb, t->negate ? "!=" : "=");
			for (size_t v = 0; v < t->nvalues; v++) {
				if (v > 0)
					sb_addc(&sb, ',');
				sb_adds(&sb, t->values[v]);
			}
		}
	}
	return sb_take(&sb);
}

static void check_tokens(const struct cond *c)
{
	if (c->nclauses == 0)
		fuzz_fail("cond: no clause");
	for (size_t i = 0; i < c->nclauses; i++) {
		if (c->clauses[i].nterms == 0)
			fuzz_fail("cond: empty clause");
		for (size_t j = 0; j < c->clauses[i].nterms; j++) {
			const struct cond_term *t = &c->clauses[i].terms[j];

			if (!rules_valid_name(t->name, strlen(t->name)) || t->nvalues == 0)
				fuzz_fail("cond: bad name or no value");
			for (size_t v = 0; v < t->nvalues; v++)
				if (!rules_valid_name(t->values[v], strlen(t->values[v])))
					fuzz_fail("cond: bad value");
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size); /* stops at a NUL, as C strings do */
	char why[256] = "unset", why2[256], *printed, *printed2;
	struct cond *c = cond_parse(s, why, sizeof why), *c2;
	struct answers a = {0};

	if (c == NULL) {
		if (why[0] == '\0')
			fuzz_fail("cond: failed without a message");
		if (fuzz_utf8_ok(s, strlen(s)) && !fuzz_utf8_ok(why, strlen(why)))
			fuzz_fail("cond: message about valid UTF-8 is not valid UTF-8");
		free(s);
		return 0;
	}
	if (why[0] != '\0')
		fuzz_fail("cond: succeeded with a message");
	check_tokens(c);
	printed = cond_print(c);
	c2 = cond_parse(printed, why2, sizeof why2);
	if (c2 == NULL)
		fuzz_fail("cond: printed condition does not parse");
	printed2 = cond_print(c2);
	if (strcmp(printed, printed2) != 0)
		fuzz_fail("cond: printed condition parses to something else");

	/* Evaluate against answers taken from the condition itself and against none. */
	(void)cond_eval(c, &a);
	if (!cond_eval_or_all(c, &a))
		fuzz_fail("cond: with no answers every condition must hold");
	for (size_t i = 0; i < c->nclauses; i++)
		for (size_t j = 0; j < c->clauses[i].nterms; j++) {
			const struct cond_term *t = &c->clauses[i].terms[j];

			answers_set(&a, t->name, t->values[t->nvalues - 1]);
		}
	(void)cond_eval(c, &a);
	(void)cond_eval_or_all(c2, &a);
	answers_set(&a, c->clauses[0].terms[0].name, NULL);
	(void)cond_eval(c, &a);
	answers_clear(&a);

	free(printed);
	free(printed2);
	cond_free(c);
	cond_free(c2);
	free(s);
	return 0;
}

/*
 * rules.h -- wizard answers and the conditions written in content
 * SPDX-License-Identifier: MIT
 *
 * Grammar (see docs/content-format.md):
 *   cond   := clause ("or" clause)*
 *   clause := term ("and" term)*
 *   term   := NAME "=" values | NAME "!=" values
 *   values := VALUE ("," VALUE)*
 * NAME and VALUE are [a-z0-9_]+.
 */
#ifndef YIBAO_RULES_H
#define YIBAO_RULES_H

#include <stdbool.h>
#include <stddef.h>

/* One answer of a struct answers. */
struct answer {
	char *name, *value;
};
/* The answers given so far: name -> value. Zero-initialise; answers_clear to wipe. */
struct answers {
	struct answer *v;
	size_t n, cap;
};

/* Set (copying both strings) or, with value NULL, remove an answer. */
void answers_set(struct answers *a, const char *name, const char *value);
/* The value for name, or NULL. Owned by a. */
const char *answers_get(const struct answers *a, const char *name);
/* Forget (and overwrite) every answer; a may be reused. */
void answers_clear(struct answers *a);

struct cond_term {
	char *name;
	bool negate;
	char **values;
	size_t nvalues;
};
struct cond_clause {
	struct cond_term *terms;
	size_t nterms;
};
struct cond {
	struct cond_clause *clauses;
	size_t nclauses;
};

/*
 * Parse a condition. Returns a new cond (free with cond_free) or NULL with one
 * line in why (whylen bytes; why may be NULL).
 */
struct cond *cond_parse(const char *s, char *why, size_t whylen);
/* NULL is "always". A term on an unanswered name is false. */
bool cond_eval(const struct cond *c, const struct answers *a);
/* As cond_eval, but with no answers at all every condition holds (unpersonalised). */
bool cond_eval_or_all(const struct cond *c, const struct answers *a);
void cond_free(struct cond *c);

/* A wizard question as the flow sees it (rules_count_ahead). */
struct rules_question {
	const char *name;          /* the answer it sets */
	const struct cond *cond;   /* when it is asked; NULL: always */
	const char *const *values; /* the values of its options */
	size_t nvalues;
};

/*
 * How many of the questions q[from], q[from+1], ... q[n-1] the wizard will ask,
 * given the answers a to the questions before from: the fewest (*min) and the
 * most (*max) over every way they can still be answered. The wizard asks them
 * in order, each when its condition holds on the answers given before it;
 * answers already stored for q[from..n) do not count, since they are asked
 * again. Values that no later condition names lead to the same questions and
 * are tried once. The walk has a fixed budget of conditions evaluated and
 * questions looked through, whatever the wizard's length; past it the bounds
 * are widened, in one pass: *min counts the questions without a condition and
 * *max those whose condition may still hold (rules_may_hold). a is not changed.
 */
void rules_count_ahead(const struct rules_question *q, size_t n, size_t from,
		       const struct answers *a, size_t *min, size_t *max);
/* Could c still hold? As cond_eval, but a term on an unanswered name may come true. */
bool rules_may_hold(const struct cond *c, const struct answers *a);

/* True for a valid NAME/VALUE token ([a-z0-9_]+). */
bool rules_valid_name(const char *s, size_t n);

#endif

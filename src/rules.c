/*
 * rules.c -- wizard answers and the conditions written in content
 * SPDX-License-Identifier: MIT
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void answers_set(struct answers *a, const char *name, const char *value)
{
	for (size_t i = 0; i < a->n; i++) {
		if (strcmp(a->v[i].name, name) != 0)
			continue;
		util_wipe(a->v[i].value, strlen(a->v[i].value));
		free(a->v[i].value);
		if (value != NULL) {
			a->v[i].value = xstrdup(value);
		} else {
			free(a->v[i].name);
			a->v[i] = a->v[--a->n];
		}
		return;
	}
	if (value == NULL)
		return;
	a->v = xgrow(a->v, &a->cap, a->n + 1, sizeof *a->v);
	a->v[a->n].name = xstrdup(name);
	a->v[a->n].value = xstrdup(value);
	a->n++;
}

const char *answers_get(const struct answers *a, const char *name)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].name, name) == 0)
			return a->v[i].value;
	return NULL;
}

void answers_clear(struct answers *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->n; i++) {
		util_wipe(a->v[i].name, strlen(a->v[i].name));
		util_wipe(a->v[i].value, strlen(a->v[i].value));
		free(a->v[i].name);
		free(a->v[i].value);
	}
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}

bool rules_valid_name(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}

static size_t token_len(const char *s)
{
	size_t n = 0;

	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_')
		n++;
	return n;
}

/* Bytes of s to quote in a message: at most 20, never half a UTF-8 character. */
static int quote_len(const char *s)
{
	size_t n = 0;

	while (n < 20 && s[n] != '\0')
		n++;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Does s start with the keyword kw followed by a space or the end? */
static bool keyword(const char *s, const char *kw)
{
	size_t n = strlen(kw);

	return strncmp(s, kw, n) == 0 && (s[n] == ' ' || s[n] == '\t' || s[n] == '\0');
}

static void term_clear(struct cond_term *t)
{
	free(t->name);
	for (size_t i = 0; i < t->nvalues; i++)
		free(t->values[i]);
	free(t->values);
}

void cond_free(struct cond *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nclauses; i++) {
		for (size_t j = 0; j < c->clauses[i].nterms; j++)
			term_clear(&c->clauses[i].terms[j]);
		free(c->clauses[i].terms);
	}
	free(c->clauses);
	free(c);
}

/* Parse one term at *sp; on success advance *sp. */
static bool parse_term(const char **sp, struct cond_term *t, char *why, size_t whylen)
{
	const char *s = skip_ws(*sp);
	size_t n = token_len(s), cap = 0;

	memset(t, 0, sizeof *t);
	if (n == 0) {
		util_say(why, whylen, "expected a name at \"%.*s\"", quote_len(s), s);
		return false;
	}
	t->name = xstrndup(s, n);
	s = skip_ws(s + n);
	if (s[0] == '!' && s[1] == '=') {
		t->negate = true;
		s += 2;
	} else if (s[0] == '=') {
		s += 1;
	} else {
		util_say(why, whylen, "expected = or != after \"%s\"", t->name);
		term_clear(t);
		return false;
	}
	for (;;) {
		s = skip_ws(s);
		n = token_len(s);
		if (n == 0) {
			util_say(why, whylen, "expected a value for \"%s\"", t->name);
			term_clear(t);
			return false;
		}
		t->values = xgrow(t->values, &cap, t->nvalues + 1, sizeof *t->values);
		t->values[t->nvalues++] = xstrndup(s, n);
		s = skip_ws(s + n);
		if (*s != ',')
			break;
		s++;
	}
	*sp = s;
	return true;
}

struct cond *cond_parse(const char *s, char *why, size_t whylen)
{
	struct cond *c = xcalloc(1, sizeof *c);
	size_t ccap = 0, tcap = 0;
	struct cond_clause *cl;

	util_say(why, whylen, "%s", "");
	c->clauses = xgrow(NULL, &ccap, 1, sizeof *c->clauses);
	cl = &c->clauses[c->nclauses++];
	memset(cl, 0, sizeof *cl);
	for (;;) {
		struct cond_term t;

		if (!parse_term(&s, &t, why, whylen)) {
			cond_free(c);
			return NULL;
		}
		cl->terms = xgrow(cl->terms, &tcap, cl->nterms + 1, sizeof *cl->terms);
		cl->terms[cl->nterms++] = t;
		s = skip_ws(s);
		if (*s == '\0')
			break;
		if (keyword(s, "and")) {
			s += 3;
		} else if (keyword(s, "or")) {
			s += 2;
			c->clauses = xgrow(c->clauses, &ccap, c->nclauses + 1, sizeof *c->clauses);
			cl = &c->clauses[c->nclauses++];
			memset(cl, 0, sizeof *cl);
			tcap = 0;
		} else {
			util_say(why, whylen, "expected \"and\" or \"or\" at \"%.*s\"", quote_len(s), s);
			cond_free(c);
			return NULL;
		}
	}
	return c;
}

static bool term_eval(const struct cond_term *t, const struct answers *a)
{
	const char *v = answers_get(a, t->name);
	bool hit = false;

	if (v == NULL)
		return false;
	for (size_t i = 0; i < t->nvalues && !hit; i++)
		hit = strcmp(v, t->values[i]) == 0;
	return t->negate ? !hit : hit;
}

bool cond_eval(const struct cond *c, const struct answers *a)
{
	if (c == NULL)
		return true;
	for (size_t i = 0; i < c->nclauses; i++) {
		bool all = true;

		for (size_t j = 0; j < c->clauses[i].nterms && all; j++)
			all = term_eval(&c->clauses[i].terms[j], a);
		if (all)
			return true;
	}
	return false;
}

bool cond_eval_or_all(const struct cond *c, const struct answers *a)
{
	if (a == NULL || a->n == 0)
		return true;
	return cond_eval(c, a);
}

bool rules_may_hold(const struct cond *c, const struct answers *a)
{
	if (c == NULL)
		return true;
	for (size_t i = 0; i < c->nclauses; i++) {
		bool all = true;

		for (size_t j = 0; j < c->clauses[i].nterms && all; j++) {
			const struct cond_term *t = &c->clauses[i].terms[j];

			all = answers_get(a, t->name) == NULL || term_eval(t, a);
		}
		if (all)
			return true;
	}
	return false;
}

/*
 * The work rules_count_ahead may spend on its exact walk, in conditions
 * evaluated and questions looked through, whatever the wizard's length (a
 * few milliseconds): a wizard of real size is walked exactly (the shipped
 * one spends under 100); 3,000 chained questions spend it all and get the
 * widened bounds (without it, 15 s a key).
 */
#define AHEAD_BUDGET (1UL << 20)

/* The walk of rules_count_ahead: the questions, scratch answers, the work left. */
struct ahead {
	const struct rules_question *q;
	size_t n;
	struct answers a;
	size_t budget;
	bool over;
	size_t min, max;
	bool any;
};

/* Does a condition of a question after i name value v of question i's answer? */
static bool named_later(const struct ahead *w, size_t i, const char *v)
{
	for (size_t j = i + 1; j < w->n; j++) {
		const struct cond *c = w->q[j].cond;

		for (size_t k = 0; c != NULL && k < c->nclauses; k++)
			for (size_t t = 0; t < c->clauses[k].nterms; t++) {
				const struct cond_term *term = &c->clauses[k].terms[t];

				if (strcmp(term->name, w->q[i].name) != 0)
					continue;
				for (size_t x = 0; x < term->nvalues; x++)
					if (strcmp(term->values[x], v) == 0)
						return true;
			}
	}
	return false;
}

/* Spend n of the walk's budget; false (and the walk is over) when it is spent. */
static bool spend(struct ahead *w, size_t n)
{
	if (w->over || w->budget < n) {
		w->over = true;
		w->budget = 0;
		return false;
	}
	w->budget -= n;
	return true;
}

static void walk_ahead(struct ahead *w, size_t i, size_t asked)
{
	const struct rules_question *q;
	bool other = false;

	while (i < w->n && spend(w, 1) && !cond_eval(w->q[i].cond, &w->a))
		i++;
	if (w->over)
		return;
	if (i == w->n) {
		if (!w->any || asked < w->min)
			w->min = asked;
		if (!w->any || asked > w->max)
			w->max = asked;
		w->any = true;
		return;
	}
	q = &w->q[i];
	if (q->nvalues == 0)
		walk_ahead(w, i + 1, asked + 1);
	for (size_t k = 0; k < q->nvalues && !w->over; k++) {
		/* Values no later condition names all lead the same way: try one. */
		if (!spend(w, w->n - i))
			break;
		if (!named_later(w, i, q->values[k])) {
			if (other)
				continue;
			other = true;
		}
		answers_set(&w->a, q->name, q->values[k]);
		walk_ahead(w, i + 1, asked + 1);
	}
	answers_set(&w->a, q->name, NULL);
}

void rules_count_ahead(const struct rules_question *q, size_t n, size_t from,
		       const struct answers *a, size_t *min, size_t *max)
{
	struct ahead w = {.q = q, .n = n, .budget = AHEAD_BUDGET};

	for (size_t i = 0; i < a->n; i++)
		answers_set(&w.a, a->v[i].name, a->v[i].value);
	for (size_t i = from; i < n; i++)
		answers_set(&w.a, q[i].name, NULL);
	walk_ahead(&w, from, 0);
	if (w.over) {
		w.min = w.max = 0;
		for (size_t i = from; i < n; i++) {
			w.min += q[i].cond == NULL;
			w.max += rules_may_hold(q[i].cond, &w.a);
		}
	}
	answers_clear(&w.a);
	*min = w.min;
	*max = w.max;
}

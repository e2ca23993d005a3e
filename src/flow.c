/*
 * flow.c -- the wizard's flow over its questions and the answers so far: which
 * questions apply, which comes next or before, which answers no longer apply
 * SPDX-License-Identifier: MIT
 */
#include "flow.h"

#include <stdint.h>
#include <string.h>

bool flow_is_question(const struct screen *s, size_t i)
{
	return i < s->nblocks && s->blocks[i].type == BLK_QUESTION;
}

bool flow_relevant(const struct screen *s, size_t i, const struct answers *a)
{
	return flow_is_question(s, i) && cond_eval(s->blocks[i].cond, a);
}

/*
 * The option index of question i's answer, or -1 when it has none (or a stale
 * one), or i is no question (past the end: a wizard without any).
 */
int flow_answer_index(const struct screen *s, size_t i, const struct answers *a)
{
	const struct block *b;
	const char *v;

	if (!flow_is_question(s, i))
		return -1;
	b = &s->blocks[i];
	v = answers_get(a, b->name);

	for (size_t k = 0; v != NULL && k < b->nopts; k++)
		if (strcmp(b->opts[k].value, v) == 0)
			return (int)k;
	return -1;
}

/* The first relevant question at or after from; s->nblocks when there is none. */
size_t flow_next(const struct screen *s, const struct answers *a, size_t from)
{
	for (size_t i = from; i < s->nblocks; i++)
		if (flow_relevant(s, i, a))
			return i;
	return s->nblocks;
}

/* The last relevant question before before; SIZE_MAX when there is none. */
size_t flow_prev(const struct screen *s, const struct answers *a, size_t before)
{
	for (size_t i = before; i-- > 0;)
		if (flow_relevant(s, i, a))
			return i;
	return SIZE_MAX;
}

/* The first relevant question without a valid answer; s->nblocks when all are answered. */
size_t flow_first_unanswered(const struct screen *s, const struct answers *a)
{
	for (size_t i = 0; i < s->nblocks; i++)
		if (flow_relevant(s, i, a) && flow_answer_index(s, i, a) < 0)
			return i;
	return s->nblocks;
}

/* Drop the answers of questions that no longer apply (their conditions may chain). */
void flow_prune(const struct screen *s, struct answers *a)
{
	bool again = true;

	while (again) {
		again = false;
		for (size_t i = 0; i < s->nblocks; i++) {
			if (!flow_is_question(s, i) || flow_relevant(s, i, a) ||
			    answers_get(a, s->blocks[i].name) == NULL)
				continue;
			answers_set(a, s->blocks[i].name, NULL);
			again = true;
		}
	}
}

/* Forget every answer to this wizard's questions. */
void flow_forget(const struct screen *s, struct answers *a)
{
	for (size_t i = 0; i < s->nblocks; i++)
		if (flow_is_question(s, i))
			answers_set(a, s->blocks[i].name, NULL);
}

bool flow_has_questions(const struct screen *s)
{
	for (size_t i = 0; i < s->nblocks; i++)
		if (flow_is_question(s, i))
			return true;
	return false;
}

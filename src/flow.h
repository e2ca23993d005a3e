/*
 * flow.h -- the wizard's flow, as data over a wizard screen's question blocks
 * (BLK_QUESTION, conditions from rules.h) and the answers so far; no terminal,
 * no view state, unit-tested in tests/unit/test_flow.c. Indexes are block
 * indexes of s; s->nblocks means "none after", SIZE_MAX "none before".
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_FLOW_H
#define YIBAO_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "rules.h"
#include "screen.h"

/* Block i of s is a question. */
bool flow_is_question(const struct screen *s, size_t i);
/* Block i is a question whose condition holds for a (it may be asked). */
bool flow_relevant(const struct screen *s, size_t i, const struct answers *a);
/* The option index of question i's answer in a, or -1 (none, or not an option). */
int flow_answer_index(const struct screen *s, size_t i, const struct answers *a);
/* The first relevant question at or after from; s->nblocks when there is none. */
size_t flow_next(const struct screen *s, const struct answers *a, size_t from);
/* The last relevant question before before; SIZE_MAX when there is none. */
size_t flow_prev(const struct screen *s, const struct answers *a, size_t before);
/* The first relevant question without a valid answer; s->nblocks when all are answered. */
size_t flow_first_unanswered(const struct screen *s, const struct answers *a);
/* Drop from a the answers of questions that no longer apply (conditions may chain). */
void flow_prune(const struct screen *s, struct answers *a);
/* Drop from a every answer to s's questions. */
void flow_forget(const struct screen *s, struct answers *a);
/* s has at least one question. */
bool flow_has_questions(const struct screen *s);

#endif

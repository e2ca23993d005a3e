/*
 * mode_print.c -- yibao --list, --print, --answer, --answer-code: the guide as text
 * SPDX-License-Identifier: MIT
 */
#include "batch.h"
#include "mode.h"

int mode_list(struct run *r)
{
	batch_list(r->sc.g);
	return 0;
}

int mode_preset(struct run *r, struct app *a)
{
	const struct options *o = r->o;

	if (o->nanswers > 0 && batch_answers(a, o->answers, o->nanswers) < 0)
		return -1;
	if (o->answer_code != NULL && batch_answer_code(a, o->answer_code) < 0)
		return -1;
	return 0;
}

int mode_print(struct run *r, struct app *a)
{
	return batch_print(a, r->o->print, r->o->width);
}

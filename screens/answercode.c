/*
 * answercode.c -- the answer code on the screens: shown with a result, typed at g
 * SPDX-License-Identifier: MIT
 *
 * The code itself is src/answercode.c, the code book of a guide src/codebook.c;
 * this file ties them to the app: the answers a code sets, the
 * "按答案码打开" mark, the messages for wrong codes, and what the wizard's
 * results say about eligibility (a "result ineligible" in content).
 */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/answercode.h"
#include "../src/codebook.h"
#include "../src/slip.h"
#include "../src/util.h"

int screens_wizard_index(struct app *a)
{
	return codebook_wizard(a->g);
}

/* The code book of the app's wizard and region, or NULL (no wizard, too big). */
static struct answercode *book_new(struct app *a)
{
	return codebook_new(&a->g->regions, a->g->profile.name, a->g, NULL, 0);
}

/* The current answers' code as digits into out, or false. */
static bool current_code(struct app *a, char *out, size_t outlen)
{
	struct answercode *ac = book_new(a);
	bool ok = ac != NULL && answercode_encode(ac, &a->answers, out, outlen);

	answercode_free(ac);
	return ok;
}

char *screens_answer_code(struct app *a)
{
	return codebook_code(a->g, &a->answers);
}

bool screens_answer_code_opened(struct app *a)
{
	char digits[ANSWERCODE_BUF];
	bool same = a->answer_code != NULL && current_code(a, digits, sizeof digits) &&
		    strcmp(digits, a->answer_code) == 0;

	util_wipe(digits, sizeof digits);
	return same;
}

void screens_answer_code_line(struct app *a, struct view *v)
{
	slip_code_line(&v->lay, a->g, &a->answers);
}

bool screens_ineligible(struct app *a, const struct screen *w)
{
	return slip_ineligible(w, &a->answers);
}

/* Replace the wizard's answers in the app by those of a code. */
static void take_answers(struct app *a, const struct screen *w, const struct answers *from,
			 const char *digits)
{
	for (size_t i = 0; i < w->nblocks; i++)
		if (w->blocks[i].type == BLK_QUESTION)
			answers_set(&a->answers, w->blocks[i].name, NULL);
	for (size_t i = 0; i < from->n; i++)
		answers_set(&a->answers, from->v[i].name, from->v[i].value);
	if (a->answer_code != NULL)
		util_wipe(a->answer_code, strlen(a->answer_code));
	free(a->answer_code);
	a->answer_code = xstrdup(digits);
}

/*
 * Decode text for the app. Returns the status; on AC_OK the answers are the
 * app's; otherwise what to say is in why (whylen bytes, ANSWERCODE_WHY_MAX
 * holds it). For another region's code, *other (when other is not NULL) is
 * that region's name (a new string, caller frees).
 */
static enum answercode_status apply(struct app *a, const char *digits, char *why, size_t whylen,
				    char **other)
{
	struct answercode *ac = book_new(a);
	struct answers got = {0};
	enum answercode_status st;
	int region = -1;
	char *title = NULL;

	util_say(why, whylen, "%s", "");
	if (ac == NULL) {
		util_say(why, whylen, "%s", "本机的“谁能参保”问答没有答案码");
		return AC_VERSION;
	}
	st = answercode_decode(ac, digits, &got, &region);
	if (st == AC_OK) {
		take_answers(a, ac->wizard, &got, digits);
	} else {
		if (st == AC_OTHER_REGION) {
			title = regions_title(&a->g->regions, ac->regions[region]);
			if (other != NULL)
				*other = xstrdup(ac->regions[region]);
		}
		answercode_message(ac, st, digits, region, title, guide_value(a->g, "region"), why, whylen);
	}
	free(title);
	answers_clear(&got);
	answercode_free(ac);
	return st;
}

bool screens_answer_code_goto(struct app *a, const char *text)
{
	char digits[ANSWERCODE_BUF], grouped[ANSWERCODE_BUF], msg[ANSWERCODE_WHY_MAX];
	char *other = NULL;
	enum answercode_status st;

	/* A screen code wins; an answer code is six digits or more, no dots. */
	if (guide_find_typed(a->g, text) >= 0 || !answercode_normalize(text, digits, sizeof digits))
		return false;
	st = apply(a, digits, msg, sizeof msg, &other);
	if (st == AC_OK) {
		nav_push(a, screens_wizard_index(a));
		answercode_group(digits, grouped, sizeof grouped);
		nav_message(a, false, "已按答案码 %s 打开，回答可以照常修改", grouped);
	} else if (st == AC_OTHER_REGION && other != NULL) {
		/* Another region's code: offer to switch, then open it. */
		a->screens->open_regions(a, other, digits);
		nav_message(a, false, "%s", msg);
	} else {
		nav_message(a, true, "%s", msg);
	}
	free(other);
	util_wipe(digits, sizeof digits);
	util_wipe(grouped, sizeof grouped);
	return true;
}

int screens_answer_code_set(struct app *a, const char *text, char *why, size_t whylen)
{
	char digits[ANSWERCODE_BUF];
	int rc;

	util_say(why, whylen, "%s", "");
	if (!answercode_normalize(text, digits, sizeof digits)) {
		util_say(why, whylen, "这不是答案码：答案码只有数字（可以有空格和横线）");
		return -1;
	}
	rc = apply(a, digits, why, whylen, NULL) == AC_OK ? 0 : -1;
	if (rc == 0)
		nav_push(a, screens_wizard_index(a));
	util_wipe(digits, sizeof digits);
	return rc;
}

void screens_lay_ineligible(struct app *a, struct view *v, const struct screen *w)
{
	for (size_t i = 0; w != NULL && i < w->nblocks; i++) {
		const struct block *b = &w->blocks[i];

		if (b->type != BLK_RESULT || !(b->flags & BF_INELIGIBLE) ||
		    !cond_eval(b->cond, &a->answers))
			continue;
		/* The wizard's links cannot be opened from here: their text stays, plain. */
		for (size_t k = 0; k < b->nsub; k++) {
			struct block copy = b->sub[k];
			struct span *sp = xcalloc(copy.r.nspans > 0 ? copy.r.nspans : 1, sizeof *sp);

			for (size_t n = 0; n < copy.r.nspans; n++) {
				sp[n] = b->sub[k].r.spans[n];
				sp[n].link = -1;
				sp[n].attr &= ~(unsigned)TA_LINK;
			}
			copy.r.spans = sp;
			layout_blocks(&v->lay, &copy, 1, NULL);
			free(sp);
		}
	}
}

/*
 * answercode.c -- the help-desk answer code: a wizard's answers as a few digits
 * SPDX-License-Identifier: MIT
 *
 * Everything a code means comes from content: the questions and options in
 * file order give the answer numbering, their text the fingerprint, the region
 * profiles' file names the region index and tag. The only constants are the
 * Damm table (a fixed quasigroup, not data) and FNV-1a's.
 */
#include "answercode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* Leaves visited while numbering the answers, at most, per answer set kept. */
#define VISITS_PER_COMBO 64
/* Questions a coded wizard may have. */
#define MAX_QUESTIONS 64

/*
 * Damm's order-10 quasigroup (weakly totally anti-symmetric): a check digit over
 * it catches every single wrong digit and every swap of two neighbouring digits,
 * the check digit included, with one table and no position weights.
 */
static const unsigned char damm_table[10][10] = {
	{0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
	{7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
	{4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
	{1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
	{6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
	{3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
	{5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
	{8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
	{9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
	{2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
};

char answercode_damm(const char *s, size_t n)
{
	unsigned interim = 0;

	for (size_t i = 0; i < n; i++)
		interim = damm_table[interim][(unsigned)(s[i] - '0') % 10];
	return (char)('0' + interim);
}

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

#define FNV_BASIS 14695981039346656037ULL

static uint64_t pow10u(int n)
{
	uint64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

static int ndigits(uint64_t v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* The region tag: FNV-1a of "region:" NAME, mod 100. */
static unsigned region_tag(const char *name)
{
	uint64_t h = fnv1a(FNV_BASIS, "region:", 7);

	h = fnv1a(h, name, strlen(name));
	return (unsigned)(h % pow10u(ANSWERCODE_TAG_DIGITS));
}

/* A condition written back in the grammar of rules.h (the fingerprint's form). */
static void add_cond(struct strbuf *sb, const struct cond *c)
{
	for (size_t i = 0; i < c->nclauses; i++) {
		if (i > 0)
			sb_adds(sb, " or ");
		for (size_t j = 0; j < c->clauses[i].nterms; j++) {
			const struct cond_term *t = &c->clauses[i].terms[j];

			if (j > 0)
				sb_adds(sb, " and ");
			sb_adds(sb, t->name);
			sb_adds(sb, t->negate ? "!=" : "=");
			for (size_t v = 0; v < t->nvalues; v++) {
				if (v > 0)
					sb_addc(sb, ',');
				sb_adds(sb, t->values[v]);
			}
		}
	}
}

/* The questions and options as written, one canonical text, hashed. */
static unsigned fingerprint(const struct answercode *ac)
{
	struct strbuf sb = {0};
	uint64_t h;

	sb_adds(&sb, "yibao answer code 1\n");
	for (size_t i = 0; i < ac->nq; i++) {
		const struct block *q = &ac->wizard->blocks[ac->qblock[i]];

		sb_printf(&sb, "question %s", q->name);
		if (q->cond != NULL) {
			sb_adds(&sb, " if ");
			add_cond(&sb, q->cond);
		}
		sb_addc(&sb, '\n');
		sb_add(&sb, q->r.text, q->r.len);
		sb_addc(&sb, '\n');
		for (size_t k = 0; k < q->nopts; k++)
			sb_printf(&sb, "- %s: %s\n", q->opts[k].value, q->opts[k].label);
	}
	h = fnv1a(FNV_BASIS, sb.s, sb.len);
	sb_clear(&sb);
	return (unsigned)(h % pow10u(ANSWERCODE_FP_DIGITS));
}

/* Numbering the answer sets: a walk over the questions in order. */
struct walk {
	struct answercode *ac;
	struct answers a;
	uint8_t *row;
	size_t cap, visits, max_visits;
	bool overflow;
};

/* Could the wizard have produced row? Asked exactly the questions whose condition holds. */
static bool consistent(const struct answercode *ac, const uint8_t *row, const struct answers *a)
{
	for (size_t i = 0; i < ac->nq; i++) {
		const struct block *q = &ac->wizard->blocks[ac->qblock[i]];
		const char *v = answers_get(a, q->name);

		if ((row[i] != 0) != cond_eval(q->cond, a))
			return false;
		if (row[i] != 0 && (v == NULL || strcmp(v, q->opts[row[i] - 1].value) != 0))
			return false;
		if (row[i] == 0 && v != NULL)
			return false;
	}
	return true;
}

static void walk_from(struct walk *w, size_t qi)
{
	struct answercode *ac = w->ac;
	const struct block *q;
	char *saved;

	if (w->overflow)
		return;
	if (qi == ac->nq) {
		if (++w->visits > w->max_visits) {
			w->overflow = true;
			return;
		}
		if (!consistent(ac, w->row, &w->a))
			return;
		if (ac->ncombos == ANSWERCODE_MAX_COMBOS) {
			w->overflow = true;
			return;
		}
		ac->combos = xgrow(ac->combos, &w->cap, (ac->ncombos + 1) * ac->nq, 1);
		memcpy(ac->combos + ac->ncombos * ac->nq, w->row, ac->nq);
		ac->ncombos++;
		return;
	}
	q = &ac->wizard->blocks[ac->qblock[qi]];
	if (!cond_eval(q->cond, &w->a)) {
		w->row[qi] = 0;
		walk_from(w, qi + 1);
		return;
	}
	/* A question asked twice under one name: the walk puts the first answer back. */
	saved = answers_get(&w->a, q->name) != NULL ? xstrdup(answers_get(&w->a, q->name)) : NULL;
	for (size_t k = 0; k < q->nopts && !w->overflow; k++) {
		w->row[qi] = (uint8_t)(k + 1);
		answers_set(&w->a, q->name, q->opts[k].value);
		walk_from(w, qi + 1);
	}
	answers_set(&w->a, q->name, saved);
	free(saved);
	w->row[qi] = 0;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

void answercode_free(struct answercode *ac)
{
	if (ac == NULL)
		return;
	for (size_t i = 0; i < ac->nregions; i++)
		free(ac->regions[i]);
	free(ac->regions);
	free(ac->qblock);
	free(ac->combos);
	free(ac);
}

struct answercode *answercode_new(const struct screen *wizard, char *const *regions,
				  size_t nregions, const char *active, char *why, size_t whylen)
{
	struct answercode *ac = xcalloc(1, sizeof *ac);
	struct walk w = {0};
	size_t qcap = 0;
	uint64_t values;

	util_say(why, whylen, "%s", "");
	ac->wizard = wizard;
	ac->region = -1;
	for (size_t i = 0; wizard != NULL && i < wizard->nblocks; i++) {
		const struct block *b = &wizard->blocks[i];

		if (b->type != BLK_QUESTION)
			continue;
		if (b->nopts > 254) {
			util_say(why, whylen,
				 "question \"%s\" has more than 254 options: no answer codes", b->name);
			goto fail;
		}
		ac->qblock = xgrow(ac->qblock, &qcap, ac->nq + 1, sizeof *ac->qblock);
		ac->qblock[ac->nq++] = i;
	}
	if (ac->nq == 0 || ac->nq > MAX_QUESTIONS) {
		util_say(why, whylen, "%s",
			 ac->nq == 0 ? "the wizard has no questions: no answer codes"
				     : "the wizard has more than 64 questions: no answer codes");
		goto fail;
	}
	ac->regions = xcalloc(nregions > 0 ? nregions : 1, sizeof *ac->regions);
	for (size_t i = 0; i < nregions; i++)
		ac->regions[i] = xstrdup(regions[i]);
	ac->nregions = nregions;
	if (nregions > 0)
		qsort(ac->regions, nregions, sizeof *ac->regions, cmp_str);
	for (size_t i = 0; active != NULL && i < nregions; i++)
		if (strcmp(ac->regions[i], active) == 0)
			ac->region = (int)i;

	w.ac = ac;
	w.row = xcalloc(ac->nq, 1);
	w.max_visits = (size_t)ANSWERCODE_MAX_COMBOS * VISITS_PER_COMBO;
	walk_from(&w, 0);
	answers_clear(&w.a);
	free(w.row);
	if (w.overflow) {
		util_say(why, whylen,
			 "the wizard has more than %d answer combinations: no answer codes",
			 ANSWERCODE_MAX_COMBOS);
		goto fail;
	}
	if (ac->ncombos == 0) {
		util_say(why, whylen, "no answer set reaches the result: no answer codes");
		goto fail;
	}
	ac->fingerprint = fingerprint(ac);
	values = (uint64_t)(nregions > 0 ? nregions : 1) * ac->ncombos;
	ac->ndigits = ANSWERCODE_FP_DIGITS + ANSWERCODE_TAG_DIGITS + ndigits(values - 1) + 1;
	return ac;
fail:
	answercode_free(ac);
	return NULL;
}

/* The row of answers a, or false when an answer is not one of its question's options. */
static bool answers_row(const struct answercode *ac, const struct answers *a, uint8_t *row)
{
	for (size_t i = 0; i < ac->nq; i++) {
		const struct block *q = &ac->wizard->blocks[ac->qblock[i]];
		const char *v = answers_get(a, q->name);

		row[i] = 0;
		if (v == NULL)
			continue;
		for (size_t k = 0; k < q->nopts && row[i] == 0; k++)
			if (strcmp(q->opts[k].value, v) == 0)
				row[i] = (uint8_t)(k + 1);
		if (row[i] == 0)
			return false;
	}
	return true;
}

bool answercode_encode(const struct answercode *ac, const struct answers *a, char *out,
		       size_t outlen)
{
	uint8_t row[MAX_QUESTIONS];
	size_t rank;
	uint64_t payload;
	int pd = ac->ndigits - ANSWERCODE_FP_DIGITS - ANSWERCODE_TAG_DIGITS - 1;

	if (outlen > 0)
		out[0] = '\0';
	if (ac->region < 0 || outlen < (size_t)ac->ndigits + 1 || !answers_row(ac, a, row))
		return false;
	for (rank = 0; rank < ac->ncombos; rank++)
		if (memcmp(ac->combos + rank * ac->nq, row, ac->nq) == 0)
			break;
	if (rank == ac->ncombos)
		return false;
	payload = (uint64_t)ac->region * ac->ncombos + rank;
	snprintf(out, outlen, "%0*u%0*u%0*llu", ANSWERCODE_FP_DIGITS, ac->fingerprint,
		 ANSWERCODE_TAG_DIGITS, region_tag(ac->regions[ac->region]), pd,
		 (unsigned long long)payload);
	out[ac->ndigits - 1] = answercode_damm(out, (size_t)ac->ndigits - 1);
	out[ac->ndigits] = '\0';
	return true;
}

void answercode_group(const char *digits, char *out, size_t outlen)
{
	size_t n = strlen(digits), o = 0;

	for (size_t i = 0; i < n && o + 2 < outlen; i++) {
		/* Threes; a last group of one joins the one before (10 digits: 3 3 4). */
		if (i > 0 && i % 3 == 0 && n - i != 1 && o + 2 < outlen)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	if (outlen > 0)
		out[o < outlen ? o : outlen - 1] = '\0';
}

/* Dashes people type between groups: - ‐ ‑ ‒ – — ― − and the full-width forms. */
static bool is_dash(long cp)
{
	return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFF0D ||
	       cp == 0xFE63;
}

bool answercode_normalize(const char *text, char *out, size_t outlen)
{
	/* Full-width digits, dash and space from an input method: as ASCII. */
	char *folded = text_fold_width(text);
	size_t len = strlen(folded), i = 0, n = 0;
	bool ok = true;

	if (outlen < ANSWERCODE_MAX_DIGITS + 1) {
		free(folded);
		return false;
	}
	while (i < len && ok) {
		long cp = text_decode(folded, len, &i);

		if (cp == ' ' || cp == '\t' || is_dash(cp))
			continue;
		ok = cp >= '0' && cp <= '9' && n < ANSWERCODE_MAX_DIGITS;
		if (ok)
			out[n++] = (char)cp;
	}
	out[n] = '\0';
	if (!ok || n < 6) {
		util_wipe(out, n);
		out[0] = '\0';
		ok = false;
	}
	free(folded);
	return ok;
}

static unsigned field(const char *s, int n)
{
	unsigned v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	return v;
}

enum answercode_status answercode_decode(const struct answercode *ac, const char *digits,
					 struct answers *out, int *region)
{
	size_t n = strlen(digits);
	int head = ANSWERCODE_FP_DIGITS + ANSWERCODE_TAG_DIGITS;
	uint64_t payload = 0;
	size_t rank, r;
	unsigned tag;
	bool tag_here = false;

	*region = -1;
	for (size_t i = 0; i < n; i++)
		if (digits[i] < '0' || digits[i] > '9')
			return AC_NOT_CODE;
	if (n < (size_t)head + 2 || n > ANSWERCODE_MAX_DIGITS ||
	    answercode_damm(digits, n) != '0')
		return AC_TYPO;
	/* A code of another wizard may be of another length: its fingerprint says so first. */
	if (field(digits, ANSWERCODE_FP_DIGITS) != ac->fingerprint)
		return AC_VERSION;
	if (n != (size_t)ac->ndigits)
		return AC_TYPO;
	for (size_t i = (size_t)head; i + 1 < n; i++)
		payload = payload * 10 + (uint64_t)(digits[i] - '0');
	rank = (size_t)(payload % ac->ncombos);
	r = (size_t)(payload / ac->ncombos);
	tag = field(digits + ANSWERCODE_FP_DIGITS, ANSWERCODE_TAG_DIGITS);
	if (r >= ac->nregions || region_tag(ac->regions[r]) != tag) {
		/* The index and the tag disagree: the lists of profiles differ. */
		for (size_t i = 0; i < ac->nregions; i++)
			tag_here = tag_here || region_tag(ac->regions[i]) == tag;
		return tag_here ? AC_REGION_LIST : AC_REGION_MISSING;
	}
	for (size_t i = 0; i < ac->nq; i++) {
		const struct block *q = &ac->wizard->blocks[ac->qblock[i]];
		uint8_t k = ac->combos[rank * ac->nq + i];

		if (k != 0)
			answers_set(out, q->name, q->opts[k - 1].value);
	}
	*region = (int)r;
	return (int)r == ac->region ? AC_OK : AC_OTHER_REGION;
}

void answercode_message(const struct answercode *ac, enum answercode_status st,
			const char *digits, int region, const char *code_title, const char *here_title,
			char *why, size_t whylen)
{
	size_t n = strlen(digits);
	const char *line = "答案码有误，请再核对一遍";

	switch (st) {
	case AC_OK:
		line = "按答案码打开";
		break;
	case AC_NOT_CODE:
		line = "这不是答案码：答案码只有数字";
		break;
	case AC_TYPO:
		if (n != (size_t)ac->ndigits && n >= ANSWERCODE_FP_DIGITS &&
		    field(digits, ANSWERCODE_FP_DIGITS) == ac->fingerprint) {
			util_say(why, whylen, "答案码有误，请再核对一遍（应是 %d 位，这里是 %zu 位）",
				 ac->ndigits, n);
			return;
		}
		break;
	case AC_VERSION:
		util_say(why, whylen, "这个答案码来自另一版本的问答（本机 %0*u 版%s%s）：请两边更新到同一版本",
			 ANSWERCODE_FP_DIGITS, ac->fingerprint, ac->wizard->updated != NULL ? "，" : "",
			 ac->wizard->updated != NULL ? ac->wizard->updated : "");
		return;
	case AC_OTHER_REGION:
		if (region < 0 || (size_t)region >= ac->nregions)
			break;
		/* The session offers to switch (d: the region chooser); a command line uses --region. */
		util_say(why, whylen, "这是%s的答案码，本机现在是%s：换到%s就能打开",
			 code_title != NULL ? code_title : ac->regions[region],
			 here_title != NULL ? here_title : "另一地区",
			 code_title != NULL ? code_title : ac->regions[region]);
		return;
	case AC_REGION_MISSING:
		line = "答案码所属地区的资料本机没有：请装上对方地区的资料，或问清地区后重新回答";
		break;
	case AC_REGION_LIST:
		line = "本机的地区资料和对方的不一样，认不出答案码的地区：请两边用同一版本的地区资料";
		break;
	}
	util_say(why, whylen, "%s", line);
}

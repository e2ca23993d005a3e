/*
 * codebook.c -- the answer code book of a guide: its wizard, its regions, the region a code names
 * SPDX-License-Identifier: MIT
 */
#include "codebook.h"

#include <stdlib.h>

#include "refs.h"
#include "util.h"

int codebook_wizard(struct guide *g)
{
	int i = guide_find(g, refs_id(REF_ELIGIBILITY));

	if (i >= 0 && guide_head(g, i)->kind == KIND_WIZARD)
		return i;
	return guide_find_kind(g, KIND_WIZARD);
}

struct answercode *codebook_new(const struct regions *rs, const char *region, struct guide *g,
				char *why, size_t whylen)
{
	int w = codebook_wizard(g);

	util_say(why, whylen, "%s", "");
	if (w < 0)
		return NULL;
	return answercode_new(guide_get(g, w), rs->names, rs->n, region, why, whylen);
}

char *codebook_region(const struct regions *rs, const char *region, struct guide *g,
		      const char *text)
{
	char digits[ANSWERCODE_BUF];
	struct answercode *ac;
	struct answers got = {0};
	int made_in = -1;
	char *name = NULL;

	if (!answercode_normalize(text, digits, sizeof digits) ||
	    (ac = codebook_new(rs, region, g, NULL, 0)) == NULL)
		return NULL;
	if (answercode_decode(ac, digits, &got, &made_in) == AC_OTHER_REGION)
		name = xstrdup(ac->regions[made_in]);
	answers_clear(&got);
	answercode_free(ac);
	util_wipe(digits, sizeof digits);
	return name;
}

void codebook_check(const struct regions *rs, const char *region, struct guide *g,
		    struct diags *d)
{
	int w = codebook_wizard(g);
	struct answercode *ac;
	char why[256];

	if (w < 0)
		return;
	ac = codebook_new(rs, region, g, why, sizeof why);
	if (ac == NULL)
		diags_add(d, guide_head(g, w)->file, 0, "%s", why);
	else if (ac->region < 0)
		diags_add(d, rs->where, 0, "region \"%s\" has no profile file here: no answer codes",
			  region);
	answercode_free(ac);
}

char *codebook_code(struct guide *g, const struct answers *ans)
{
	char digits[ANSWERCODE_BUF], grouped[ANSWERCODE_BUF];
	struct answercode *ac;
	char *code = NULL;

	if (ans->n == 0 || (ac = codebook_new(&g->regions, g->profile.name, g, NULL, 0)) == NULL)
		return NULL;
	if (answercode_encode(ac, ans, digits, sizeof digits)) {
		answercode_group(digits, grouped, sizeof grouped);
		code = xstrdup(grouped);
	}
	answercode_free(ac);
	util_wipe(digits, sizeof digits);
	util_wipe(grouped, sizeof grouped);
	return code;
}

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

struct answercode *codebook_new(const struct config *cfg, struct guide *g, char *why,
				size_t whylen)
{
	int w = codebook_wizard(g);

	util_say(why, whylen, "%s", "");
	if (w < 0)
		return NULL;
	return answercode_new(guide_get(g, w), cfg->regions, cfg->nregions, cfg->profile.name,
			      why, whylen);
}

char *codebook_region(const struct config *cfg, struct guide *g, const char *text)
{
	char digits[ANSWERCODE_BUF];
	struct answercode *ac;
	struct answers got = {0};
	int region = -1;
	char *name = NULL;

	if (!answercode_normalize(text, digits, sizeof digits) ||
	    (ac = codebook_new(cfg, g, NULL, 0)) == NULL)
		return NULL;
	if (answercode_decode(ac, digits, &got, &region) == AC_OTHER_REGION)
		name = xstrdup(ac->regions[region]);
	answers_clear(&got);
	answercode_free(ac);
	util_wipe(digits, sizeof digits);
	return name;
}

void codebook_check(const struct config *cfg, struct guide *g, struct diags *d)
{
	int w = codebook_wizard(g);
	struct answercode *ac;
	char why[256];

	if (w < 0)
		return;
	ac = codebook_new(cfg, g, why, sizeof why);
	if (ac == NULL)
		diags_add(d, guide_head(g, w)->file, 0, "%s", why);
	else if (ac->region < 0)
		diags_add(d, cfg->regions_dir, 0,
			  "region \"%s\" has no profile file here: no answer codes", cfg->profile.name);
	answercode_free(ac);
}

char *codebook_code(const struct config *cfg, struct guide *g, const struct answers *ans)
{
	char digits[ANSWERCODE_BUF], grouped[ANSWERCODE_BUF];
	struct answercode *ac;
	char *code = NULL;

	if (ans->n == 0 || (ac = codebook_new(cfg, g, NULL, 0)) == NULL)
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

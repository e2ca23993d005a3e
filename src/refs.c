/*
 * refs.c -- the content ids and profile values the C code relies on, in one table
 * SPDX-License-Identifier: MIT
 */
#include "refs.h"

#include <string.h>

#include "config.h"

static const struct {
	const char *id;
	enum kind kind;
	const char *used_by;
} refs[REF_COUNT] = {
	[REF_HOME] = {"home", KIND_MENU, "the first screen"},
	[REF_ELIGIBILITY] = {"eligibility", KIND_WIZARD, "the slip's answers and result"},
	[REF_MATERIALS] = {"materials", KIND_CHECKLIST, "the slip's materials"},
	[REF_NEXT_STEPS] = {"next-steps", KIND_PAGE, "the slip's next steps"},
	[REF_CARD] = {"card", KIND_PAGE, "the card lookup key s"},
	[REF_STATUS] = {"status", KIND_STATUS, "the status lookup"},
};

const char *refs_id(enum ref r)
{
	return (unsigned)r < REF_COUNT ? refs[r].id : NULL;
}

enum kind refs_kind(enum ref r)
{
	return (unsigned)r < REF_COUNT ? refs[r].kind : KIND_COUNT;
}

size_t refs_check(struct guide *g, const char *dir, struct diags *d)
{
	size_t bad = 0;

	for (int r = 0; r < REF_COUNT; r++) {
		int idx = content_find(g, refs[r].id);
		const struct screen *s = idx >= 0 ? content_head(g, idx) : NULL;

		/* content_find also matches codes: only this very id will do. */
		if (s != NULL && (s->id == NULL || strcmp(s->id, refs[r].id) != 0))
			s = NULL;
		if (s == NULL) {
			if (r == REF_HOME)
				continue; /* content_load says so already, at every start */
			diags_add(d, dir, 0, "no screen has id \"%s\" (needed by %s, kind %s)",
				  refs[r].id, refs[r].used_by, kind_name(refs[r].kind));
			bad++;
		} else if (s->kind != refs[r].kind) {
			diags_add(d, s->file, 1, "screen \"%s\" must be kind %s for %s, not %s",
				  refs[r].id, kind_name(refs[r].kind), refs[r].used_by,
				  kind_name(s->kind));
			bad++;
		}
	}
	return bad;
}

const char *refs_hotline(void *cfg)
{
	const char *v = cfg != NULL ? config_lookup(cfg, "hotline") : NULL;

	return v != NULL && v[0] != '\0' ? v : NULL;
}

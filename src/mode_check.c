/*
 * mode_check.c -- yibao --check: config, region profile and every screen validated
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>

#include "codebook.h"
#include "content.h"
#include "mode.h"
#include "pack.h"
#include "profile.h"
#include "report.h"
#include "util.h"

/* --check of a bundle file: it opens, and every screen of the region parses. */
static void check_bundle(struct guide *g, struct diags *d)
{
	for (size_t i = 0; i < g->nscreens; i++) {
		size_t len;
		char *raw = bundle_text(g->bundle, g->region, (int)i, &len);
		const struct screen *h = guide_head(g, (int)i);
		struct screen *s;

		if (raw == NULL) {
			diags_add(d, h->file, 0, "screen %zu has no text in the bundle", i);
			continue;
		}
		s = content_parse(h->file, raw, len, g->lookup, g->ctx, d);
		screen_free(s);
		free(raw);
	}
}

int mode_check(struct run *r)
{
	struct config *cfg = &r->cfg;
	struct diags *d = &r->d;
	/* Every profile, unless one was asked for (and national, which it is over). */
	if (r->o->region == NULL) {
		profile_check_all(&r->sc.regions, d);
	} else {
		profile_check(&r->sc.regions, "national", d);
		profile_check(&r->sc.regions, r->sc.region, d);
	}
	if (cfg->update_url != NULL && cfg->update_public_key == NULL)
		diags_add(d, "yibao", 0,
			  "[update] url is set but public_key is not: no update can be installed");
	if (r->sc.dir_mode) {
		struct pack_meta pm;
		struct profile p = {0};
		int rc;

		pack_meta_read(cfg->content_dir, false, &pm, d);
		regions_load(&p, &r->sc.regions, r->sc.region, d);
		r->sc.g = guide_load(cfg->content_dir, r->sc.region, regions_lookup, &p);
		guide_check_refs(r->sc.g, cfg->content_dir, d);
		codebook_check(&r->sc.regions, r->sc.region, r->sc.g, d);
		diags_print(d);
		diags_print(&r->sc.g->diags);
		rc = (d->n > 0 || r->sc.g->diags.n > 0) ? 1 : 0;
		/* The guide's placeholders were read from p: both go now. */
		guide_free(r->sc.g);
		r->sc.g = NULL;
		regions_profile_clear(&p);
		return rc;
	}
	if (r->sc.b != NULL) {
		r->sc.g = guide_open(r->sc.b, r->sc.region, r->sc.from != NULL ? r->sc.from : "bundle", d);
		r->sc.b = NULL;
		check_bundle(r->sc.g, d);
		guide_check_refs(r->sc.g, r->sc.from != NULL ? r->sc.from : "bundle", d);
		codebook_check(&r->sc.g->regions, r->sc.g->profile.name, r->sc.g, d);
		diags_print(d);
		return d->n > 0 ? 1 : 0;
	}
	diags_print(d);
	return 1;
}

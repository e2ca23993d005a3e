/*
 * fuzz_bundle.c -- libFuzzer harness for the bundle reader (bundle image in, guide out)
 * SPDX-License-Identifier: MIT
 *
 * Bundles are signed, but the reader must still hold against any bytes: the
 * input is opened as a bundle in memory (bundle_open_mem, as --content DIR
 * does), then every part a session touches is read: the manifest, every region
 * profile's text, the index (find, find_kind, head), up to 64 bodies parsed
 * from the bundle, and the search text. Beyond memory safety and leaks: every
 * string handed out is valid UTF-8 after parsing, indexes stay in range, and
 * the manifest of an opened bundle is complete.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../../src/bundle.h"
#include "../../src/content.h"
#include "../../src/guide.h"
#include "../../src/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_init_locale();
	return 0;
}

static int each(void *ctx, int idx, const char *code, const char *title, const char *text)
{
	int *n = ctx;

	if (idx < 0 || code == NULL || title == NULL || text == NULL)
		fuzz_fail("bundle_each_text: bad arguments");
	return ++*n >= 10000;
}

static void read_region(struct bundle *b, const char *region)
{
	struct diags gd = {0};
	struct guide *g;
	size_t len;
	char *text = bundle_region_text(b, region, &len);
	int n = 0;

	if (text != NULL && strlen(text) > len)
		fuzz_fail("bundle_region_text: length");
	free(text);
	/* guide_open takes the bundle; the caller's copy is closed through g. */
	g = guide_open(b, region, "fuzz", &gd);
	diags_clear(&gd);
	if (g->home >= 0 && (size_t)g->home >= g->nscreens)
		fuzz_fail("guide_open: home out of range");
	guide_find(g, "home");
	guide_find(g, "1.2");
	guide_find_kind(g, KIND_WIZARD);
	for (size_t i = 0; i < g->nscreens && i < 64; i++) {
		const struct screen *h = guide_head(g, (int)i);
		struct screen *s;

		if (h == NULL || h->code == NULL || h->id == NULL || h->title == NULL)
			fuzz_fail("guide_head: missing front matter");
		if ((unsigned)h->kind >= KIND_COUNT)
			fuzz_fail("guide_head: kind out of range");
		s = guide_get(g, (int)i);
		for (size_t l = 0; l < s->nlinks; l++)
			if (s->links[l].screen >= (int)g->nscreens)
				fuzz_fail("guide_get: link out of range");
		for (size_t k = 0; k < s->nblocks; k++)
			if (s->blocks[k].r.text != NULL &&
			    !fuzz_utf8_ok(s->blocks[k].r.text, s->blocks[k].r.len))
				fuzz_fail("guide_get: block text not UTF-8");
	}
	guide_each_text(g, each, &n);
	g->bundle = NULL; /* the harness closes it */
	guide_free(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	void *image;
	struct bundle *b;
	const struct bundle_manifest *m;

	if (size == 0)
		return 0;
	image = xmalloc(size);
	memcpy(image, data, size);
	b = bundle_open_mem(image, size, err, sizeof err);
	if (b == NULL) {
		if (err[0] == '\0' || strchr(err, '\n') != NULL)
			fuzz_fail("bundle_open_mem: no one-line reason");
		return 0;
	}
	m = bundle_manifest(b);
	if (m->format != BUNDLE_FORMAT || m->version <= 0 || m->regions == NULL ||
	    strlen(m->created) != 10 || strlen(m->valid_until) != 10)
		fuzz_fail("bundle_manifest: incomplete manifest accepted");
	bundle_manifest_age_days(m);
	bundle_manifest_expired(m);
	read_region(b, "national");
	{
		char *first = xstrndup(m->regions, strcspn(m->regions, " "));

		if (first[0] != '\0' && strcmp(first, "national") != 0)
			read_region(b, first);
		free(first);
	}
	bundle_close(b);
	return 0;
}

/*
 * test_guide.c -- the guide at scale: hashed lookups; bundles packed, opened, replaced
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "config.h"
#include "content.h"
#include "guide.h"
#include "pack.h"
#include "util.h"

#define TESTDIR_PREFIX "/tmp/yibao-guide-"
#include "testdir.h"

static void put(const char *name, const char *text)
{
	char *path = util_path_join(tmpdir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static const char *lookup(void *ctx, const char *name)
{
	(void)ctx;
	return strcmp(name, "hotline") == 0 ? "12393" : NULL;
}

static int setup(void **state)
{
	struct strbuf home = {0};

	if (make_dir(state) != 0)
		return -1;
	sb_adds(&home, "---\ncode: 0\nid: home\ntitle: 首页\nkind: menu\n---\n");
	for (int i = 1; i <= 600; i++) {
		char name[32], *text;

		sb_printf(&home, "- [页面 %d](p%d)\n", i, i);
		snprintf(name, sizeof name, "p%04d.md", i);
		text = xasprintf("---\ncode: %d.%d\nid: p%d\ntitle: 页面 %d\nkind: page\n---\n"
				 "第 %d 页，热线 {{hotline}}。回到 [首页](home)，下一页 [p%d](p%d)。\n",
				 i / 10, i % 10, i, i, i, i % 600 + 1, i % 600 + 1);
		put(name, text);
		free(text);
	}
	put("0000-home.md", home.s);
	sb_clear(&home);
	return 0;
}

static void lookups_at_scale(void **state)
{
	struct guide *g = guide_load(tmpdir, NULL, lookup, NULL);

	(void)state;
	assert_int_equal(g->diags.n, 0);
	assert_int_equal(g->nscreens, 601);
	for (int i = 1; i <= 600; i++) {
		char id[16], code[16];
		int k;

		snprintf(id, sizeof id, "p%d", i);
		snprintf(code, sizeof code, "%d.%d", i / 10, i % 10);
		k = guide_find(g, id);
		assert_true(k >= 0);
		assert_string_equal(g->screens[k]->id, id);
		assert_int_equal(guide_find(g, code), k);
	}
	assert_int_equal(guide_find(g, "p601"), -1);
	assert_int_equal(guide_find(g, "0"), g->home);
	guide_free(g);
}

/* A regions directory with national.ini (hotline 12393) and a bundle.ini, beside the screens. */
static void put_profiles(const char *version)
{
	char *dir = util_path_join(tmpdir, "regions"), *ini;

	mkdir(dir, 0755);
	free(dir);
	put("regions/national.ini", "[region]\ntitle = 全国通用\n[values]\nhotline = 12393\n");
	/* Valid until a date given as such (valid_days would count from the end of 2025). */
	ini = xasprintf("[bundle]\nversion = %s\npolicy_year = 2025\nvalid_until = 2099-12-31\n",
			version);
	put("bundle.ini", ini);
	free(ini);
}

static struct guide *open_guide(struct bundle *b, struct config *c)
{
	struct diags d = {0};
	struct guide *g;

	config_defaults(c);
	g = guide_open(b, "national", "bundle", &d);
	assert_int_equal(d.n, 0);
	return g;
}

struct hits {
	int n, p7;
	char text[256];
};

static void on_hit(void *ctx, int idx, const char *code, const char *title, const char *text,
		   long at)
{
	struct hits *h = ctx;

	(void)title;
	h->n++;
	if (strcmp(code, "0.7") == 0) {
		h->p7 = idx;
		assert_true(at >= 0);
		snprintf(h->text, sizeof h->text, "%s", text + at);
	}
}

/* Sessions: a bundle packed in memory, bodies parsed from it only when asked for. */
static void bundle_and_get(void **state)
{
	struct diags d = {0};
	char *regions = util_path_join(tmpdir, "regions");
	size_t len;
	void *image;
	struct bundle *b;
	struct guide *g;
	struct config c;
	const struct screen *h;
	struct screen *s;
	int k;
	char err[200];

	(void)state;
	put_profiles("3");
	image = pack_memory(tmpdir, regions, "national", &len, &d);
	assert_non_null(image);
	assert_int_equal(d.n, 0);
	b = bundle_open_mem(image, len, err, sizeof err);
	assert_non_null(b);
	assert_int_equal(bundle_manifest(b)->version, 3);
	assert_int_equal(bundle_manifest(b)->policy_year, 2025);
	g = open_guide(b, &c);
	assert_int_equal(g->nscreens, 601);
	assert_int_equal(g->home, guide_find(g, "home"));
	assert_int_equal(guide_find(g, "0"), g->home);
	k = guide_find(g, "p7");
	assert_int_equal(guide_find(g, "0.7"), k);
	assert_int_equal(guide_find(g, "p601"), -1);
	assert_int_equal(guide_find_kind(g, KIND_MENU), g->home);
	assert_int_equal(guide_find_kind(g, KIND_WIZARD), -1);
	/* Front matter from the index only: the body is not parsed yet. */
	h = guide_head(g, k);
	assert_string_equal(h->title, "页面 7");
	assert_int_equal(h->kind, KIND_PAGE);
	assert_int_equal(h->nblocks, 0);
	assert_true(h->unloaded);
	/* Every file of the directory gone: the session reads nothing by path. */
	{
		/* This run's directory only: runs side by side must not take each other's files. */
		char *rm = xasprintf("rm -f %s/*.md", tmpdir);

		assert_int_equal(system(rm), 0);
		free(rm);
	}
	s = guide_get(g, k);
	assert_ptr_equal(s, h);
	assert_true(s->nblocks > 0);
	assert_non_null(strstr(s->blocks[0].r.text, "热线 12393"));
	assert_int_equal(s->nlinks, 2);
	assert_int_equal(s->links[0].screen, g->home);
	assert_int_equal(s->links[1].screen, guide_find(g, "p8"));
	/* A second get gives the same, already parsed screen. */
	assert_ptr_equal(guide_get(g, k)->blocks, s->blocks);
	assert_null(guide_get(g, -1));
	assert_null(guide_get(g, 100000));
	assert_null(guide_head(g, 601));
	/* Search: the bundle keeps {{hotline}}; the region's value is found, also across it. */
	{
		struct hits hs = {0, -1, ""};

		assert_int_equal(guide_search(g, "热线 12393", on_hit, &hs), 599); /* p42 was rewritten above */
		assert_int_equal(hs.p7, k);
		assert_non_null(strstr(hs.text, "热线 12393"));
		memset(&hs, 0, sizeof hs);
		assert_int_equal(guide_search(g, "第 7 页", on_hit, &hs), 1);
		assert_int_equal(guide_search(g, "hotline", on_hit, &hs), 0);
		assert_int_equal(guide_search(g, "xyzzy", on_hit, &hs), 0);
		assert_int_equal(guide_search(g, "页面 17", on_hit, &hs), 12); /* titles 17, 170-179; home menu */
		/* A match that only starts, ends or lies inside the value is found too. */
		assert_int_equal(guide_search(g, "线 123", on_hit, &hs), 599);
		assert_int_equal(guide_search(g, "393。", on_hit, &hs), 599);
		assert_int_equal(guide_search(g, "239", on_hit, &hs), 600); /* and "第 239 页" */
		/* Only the first max hits are handed out; all are counted. */
		memset(&hs, 0, sizeof hs);
		assert_int_equal(guide_search_some(g, "热线 12393", 5, on_hit, &hs), 599);
		assert_int_equal(hs.n, 5);
	}
	guide_free(g);
	config_clear(&c);
	free(regions);
}

static int count_hits(void *ctx, int idx, const char *code, const char *title, const char *text)
{
	int *n = ctx;

	(void)idx;
	(void)code;
	(void)title;
	if (strstr(text, "第 42 页") != NULL)
		(*n)++;
	return 0;
}

/* --pack: refuses bad content (writes nothing), writes atomically; a running reader keeps the old file. */
static void pack_file_and_replace(void **state)
{
	struct diags d = {0};
	char *regions = util_path_join(tmpdir, "regions");
	char *out = util_path_join(tmpdir, "out.bundle");
	char *out2 = util_path_join(tmpdir, "out2.bundle");
	struct bundle_manifest m;
	struct bundle *b;
	struct guide *g;
	struct config c;
	char err[200];
	int hits = 0;

	(void)state;
	put_profiles("5");
	put("bad.md", "---\ncode: 9\nid: bad\ntitle: 坏\nkind: page\n---\n[断链](nowhere)\n");
	assert_int_equal(pack_write(out, tmpdir, regions, &d), -1);
	assert_true(d.n > 0);
	assert_int_equal(access(out, F_OK), -1); /* nothing written */
	assert_int_equal(system("ls /tmp/yibao-guide-*/out.bundle.tmp* 2>/dev/null"), 512);
	diags_clear(&d);
	{
		char *bad = util_path_join(tmpdir, "bad.md");

		unlink(bad);
		free(bad);
	}
	assert_int_equal(pack_write(out, tmpdir, regions, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(bundle_manifest_read(out, &m, err, sizeof err), 0);
	assert_int_equal(m.format, BUNDLE_FORMAT);
	assert_int_equal(m.version, 5);
	assert_string_equal(m.regions, "national");
	assert_int_equal(strlen(m.created), 10);
	assert_false(bundle_manifest_expired(&m));
	assert_true(bundle_manifest_age_days(&m) <= 1);
	bundle_manifest_clear(&m);
	b = bundle_open(out, err, sizeof err);
	assert_non_null(b);
	g = open_guide(b, &c);
	/* A new version renamed over the open file (as yibao --update does). */
	put("p0042.md", "---\ncode: 4.2\nid: p42\ntitle: 新的第 42 页\nkind: page\n---\n已经换了。\n");
	put_profiles("6");
	assert_int_equal(pack_write(out2, tmpdir, regions, &d), 0);
	assert_int_equal(rename(out2, out), 0);
	assert_int_equal(bundle_manifest_read(out, &m, err, sizeof err), 0);
	assert_int_equal(m.version, 6);
	bundle_manifest_clear(&m);
	/* The open guide still shows version 5 throughout. */
	assert_int_equal(bundle_manifest(g->bundle)->version, 5);
	assert_string_equal(guide_head(g, guide_find(g, "p42"))->title, "页面 42");
	assert_non_null(strstr(guide_get(g, guide_find(g, "p42"))->blocks[0].r.text, "第 42 页"));
	guide_each_text(g, count_hits, &hits);
	assert_int_equal(hits, 1);
	guide_free(g);
	config_clear(&c);
	/* Not a bundle. */
	{
		char *ini = util_path_join(tmpdir, "bundle.ini");

		assert_int_equal(bundle_manifest_read(ini, &m, err, sizeof err), -1);
		bundle_manifest_clear(&m);
		free(ini);
	}
	assert_null(bundle_open("/nonexistent/x", err, sizeof err));
	free(regions);
	free(out);
	free(out2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lookups_at_scale),
		cmocka_unit_test(pack_file_and_replace),
		cmocka_unit_test(bundle_and_get),
	};

	return cmocka_run_group_tests(tests, setup, remove_dir);
}

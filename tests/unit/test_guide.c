/*
 * test_guide.c -- the guide at scale: hashed lookups, dropping and re-reading bodies
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
#include <unistd.h>

#include "content.h"
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
	sb_free(&home);
	return 0;
}

static void lookups_at_scale(void **state)
{
	struct guide *g = content_load(tmpdir, NULL, lookup, NULL);

	(void)state;
	assert_int_equal(g->diags.n, 0);
	assert_int_equal(g->nscreens, 601);
	for (int i = 1; i <= 600; i++) {
		char id[16], code[16];
		int k;

		snprintf(id, sizeof id, "p%d", i);
		snprintf(code, sizeof code, "%d.%d", i / 10, i % 10);
		k = content_find(g, id);
		assert_true(k >= 0);
		assert_string_equal(g->screens[k]->id, id);
		assert_int_equal(content_find(g, code), k);
	}
	assert_int_equal(content_find(g, "p601"), -1);
	assert_int_equal(content_find(g, "0"), g->home);
	content_free(g);
}

static void unload_and_get(void **state)
{
	struct guide *g = content_load(tmpdir, NULL, lookup, NULL);
	int k = content_find(g, "p7");
	struct screen *s;

	(void)state;
	content_unload(g);
	assert_int_equal(g->screens[k]->nblocks, 0);
	assert_string_equal(g->screens[k]->title, "页面 7"); /* front matter stays */
	s = content_get(g, k);
	assert_ptr_equal(s, g->screens[k]);
	assert_true(s->nblocks > 0);
	assert_non_null(strstr(s->blocks[0].r.text, "热线 12393"));
	assert_int_equal(s->nlinks, 2);
	assert_int_equal(s->links[0].screen, g->home);
	assert_int_equal(s->links[1].screen, content_find(g, "p8"));
	/* A second get gives the same, already parsed screen. */
	assert_ptr_equal(content_get(g, k)->blocks, s->blocks);
	assert_null(content_get(g, -1));
	assert_null(content_get(g, 100000));
	content_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lookups_at_scale),
		cmocka_unit_test(unload_and_get),
	};

	return cmocka_run_group_tests(tests, setup, remove_dir);
}

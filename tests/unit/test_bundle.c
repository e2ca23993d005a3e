/*
 * test_bundle.c -- the bundle format (bundle.h): built, read back, and refused when damaged
 * SPDX-License-Identifier: MIT
 *
 * Images are made with the builder (no files), then read with bundle_open_mem;
 * damaged copies must be refused with a one-line reason, or read without
 * reading outside the image (ASan watches), never crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bundle.h"
#include "bundle_builder.h"
#include "util.h"

/* A bundle of n screens in region "r" (ids s0.., codes c0..), one screen of kind 3. */
static void *image_of(int n, size_t *len)
{
	struct bundle_builder *bb =
		bundle_builder_new(7, 2025, "2025-01-02", "2026-02-03", "r other");
	char err[200];
	void *img;

	bundle_builder_region(bb, "r", "[region]\nname = R\n", 18);
	bundle_builder_region(bb, "other", "[region]\n", 9);
	for (int i = 0; i < n; i++) {
		char file[32], id[32], code[32], title[32], text[64];

		snprintf(file, sizeof file, "%04d.md", i);
		snprintf(id, sizeof id, "s%d", i);
		snprintf(code, sizeof code, "c%d", n - i); /* codes sort in another order */
		snprintf(title, sizeof title, "标题 %d", i);
		snprintf(text, sizeof text, "---\nid: s%d\n---\n正文 %d\n", i, i);
		bundle_builder_file(bb, file, text, strlen(text), i % 5 == 0 ? NULL : "看得见的字");
		bundle_builder_file(bb, file, "ignored", 7, NULL); /* a name again: kept once */
		bundle_builder_entry(bb, "r", file, id, code, title, i == n / 2 ? 3 : 1,
				     i % 2 ? "2025-01-01" : NULL, NULL);
	}
	img = bundle_builder_finish(bb, len, err, sizeof err);
	assert_non_null(img);
	return img;
}

static struct bundle *open_copy(const void *img, size_t len, char *err, size_t errlen)
{
	void *copy = xmalloc(len > 0 ? len : 1);

	memcpy(copy, img, len);
	err[0] = '\0';
	return bundle_open_mem(copy, len, err, errlen);
}

static int count_each(void *ctx, int n, const char *code, const char *title, const char *text)
{
	int *seen = ctx;

	assert_int_equal(n, *seen);
	assert_non_null(code);
	assert_non_null(title);
	assert_non_null(text);
	++*seen;
	return 0;
}

static void round_trip(void **state)
{
	size_t len;
	void *img = image_of(1000, &len);
	char err[200];
	struct bundle *b = open_copy(img, len, err, sizeof err);
	struct bundle_head h;
	const struct bundle_manifest *m;
	char *t;
	int seen = 0;

	(void)state;
	assert_non_null(b);
	m = bundle_manifest(b);
	assert_int_equal(m->format, BUNDLE_FORMAT);
	assert_int_equal(m->version, 7);
	assert_int_equal(m->policy_year, 2025);
	assert_string_equal(m->created, "2025-01-02");
	assert_string_equal(m->valid_until, "2026-02-03");
	assert_string_equal(m->regions, "r other");
	assert_int_equal(bundle_count(b, "r"), 1000);
	assert_int_equal(bundle_count(b, "other"), 0);
	assert_int_equal(bundle_count(b, "nowhere"), 0);
	assert_true(bundle_has_region(b, "other"));
	assert_false(bundle_has_region(b, "nowhere"));
	t = bundle_region_text(b, "r", &len);
	assert_string_equal(t, "[region]\nname = R\n");
	free(t);
	/* Every id and every code is found by the sorted tables. */
	for (int i = 0; i < 1000; i++) {
		char key[32];

		snprintf(key, sizeof key, "s%d", i);
		assert_int_equal(bundle_find(b, "r", key), i);
		snprintf(key, sizeof key, "c%d", 1000 - i);
		assert_int_equal(bundle_find(b, "r", key), i);
	}
	assert_int_equal(bundle_find(b, "r", "s1000"), -1);
	assert_int_equal(bundle_find(b, "r", ""), -1);
	assert_int_equal(bundle_find(b, "other", "s1"), -1);
	assert_int_equal(bundle_find_kind(b, "r", 3), 500);
	assert_int_equal(bundle_find_kind(b, "r", 1), 0);
	assert_int_equal(bundle_find_kind(b, "r", 2), -1);
	assert_int_equal(bundle_find_kind(b, "r", 99), -1);
	assert_int_equal(bundle_head(b, "r", 7, &h), 0);
	assert_string_equal(h.file, "0007.md");
	assert_string_equal(h.id, "s7");
	assert_string_equal(h.code, "c993");
	assert_string_equal(h.title, "标题 7");
	assert_string_equal(h.updated, "2025-01-01");
	assert_null(h.source);
	assert_int_equal(h.kind, 1);
	bundle_head_clear(&h);
	assert_int_equal(bundle_head(b, "r", 1000, &h), -1);
	assert_int_equal(bundle_head(b, "r", -1, &h), -1);
	t = bundle_text(b, "r", 7, &len);
	assert_string_equal(t, "---\nid: s7\n---\n正文 7\n");
	assert_int_equal(len, strlen(t));
	free(t);
	assert_int_equal(bundle_each_text(b, "r", count_each, &seen), 1000);
	assert_int_equal(seen, 1000);
	bundle_close(b);
	free(img);
}

/* An image refused with a one-line reason containing want. */
static void refused(const void *img, size_t len, const char *want)
{
	char err[200];
	struct bundle *b = open_copy(img, len, err, sizeof err);

	if (b != NULL)
		fail_msg("accepted; wanted a refusal saying \"%s\"", want);
	if (strstr(err, want) == NULL)
		fail_msg("reason \"%s\" does not say \"%s\"", err, want);
	assert_null(strchr(err, '\n'));
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static void damaged(void **state)
{
	size_t len;
	unsigned char *img = image_of(50, &len);
	unsigned char *bad = xmalloc(len);
	static const char sqlite[100] = "SQLite format 3";

	(void)state;
	refused(img, 10, "not a content bundle");
	refused(img, len - 1, "cut short");
	refused(sqlite, sizeof sqlite, "format 1 (SQLite)");
	memcpy(bad, img, len);
	bad[0] = 'X';
	refused(bad, len, "not a content bundle");
	memcpy(bad, img, len);
	put32(bad + 8, 3);
	refused(bad, len, "bundle format 3");
	memcpy(bad, img, len);
	put32(bad + 48, 0x10000000); /* nfiles: the table runs past the end */
	refused(bad, len, "outside the file");
	memcpy(bad, img, len);
	put32(bad + 60, (uint32_t)len - 8); /* regions table at the end */
	refused(bad, len, "outside the file");
	memcpy(bad, img, len);
	put32(bad + 12, 1999);
	refused(bad, len, "a policy year");
	memcpy(bad, img, len);
	put32(bad + 16, 0);
	put32(bad + 20, 0);
	refused(bad, len, "a version");
	memcpy(bad, img, len);
	put32(bad + 28, 3); /* created: 3 bytes, no NUL after them */
	refused(bad, len, "a created date");
	memcpy(bad, img, len);
	put32(bad + 40, (uint32_t)len); /* regions string outside */
	refused(bad, len, "its regions");
	free(bad);
	free(img);
}

/*
 * Damage inside the index is found where it is read: every byte of the tables
 * in turn set to 0xff, then everything a session reads is read (ASan checks
 * that nothing outside the image is touched).
 */
static void damaged_rows(void **state)
{
	size_t len;
	unsigned char *img = image_of(6, &len);
	size_t tables;

	(void)state;
	/* The strings start after the tables: the smallest string offset of the header. */
	tables = img[24] | (size_t)img[25] << 8 | (size_t)img[26] << 16;
	for (size_t at = 0; at < tables; at++) {
		char err[200];
		struct bundle *b;
		unsigned char keep = img[at];
		int n;

		img[at] = 0xff;
		b = open_copy(img, len, err, sizeof err);
		img[at] = keep;
		if (b == NULL) {
			assert_true(err[0] != '\0');
			continue;
		}
		n = bundle_count(b, "r");
		for (int i = -1; i <= n; i++) {
			struct bundle_head h;
			char *t = bundle_text(b, "r", i, NULL);

			free(t);
			if (bundle_head(b, "r", i, &h) == 0)
				bundle_head_clear(&h);
		}
		bundle_find(b, "r", "s3");
		bundle_find(b, "r", "c2");
		bundle_find_kind(b, "r", 3);
		n = 0;
		bundle_each_text(b, "r", count_each, &n);
		free(bundle_region_text(b, "r", NULL));
		bundle_close(b);
	}
	free(img);
}

static void file_on_disk(void **state)
{
	char dir[] = "/tmp/yibao-bundle-XXXXXX";
	char err[200];
	size_t len;
	void *img = image_of(3, &len);
	char *path;
	FILE *f;
	struct bundle *b;
	struct bundle_manifest m;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = util_path_join(dir, "x.bundle");
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(img, 1, len, f), len);
	fclose(f);
	b = bundle_open(path, err, sizeof err);
	assert_non_null(b);
	/* The file replaced while open: the session keeps what it mapped. */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(bundle_count(b, "r"), 3);
	bundle_close(b);
	assert_int_equal(bundle_manifest_read(path, &m, err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot open"));
	bundle_manifest_clear(&m);
	assert_null(bundle_open(dir, err, sizeof err)); /* a directory */
	assert_non_null(strstr(err, "not a regular file"));
	assert_int_equal(rmdir(dir), 0);
	free(path);
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(damaged),
		cmocka_unit_test(damaged_rows),
		cmocka_unit_test(file_on_disk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

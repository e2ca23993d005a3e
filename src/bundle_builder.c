/*
 * bundle_builder.c -- write a content bundle: files, region profiles and each region's screens in, one image out
 * SPDX-License-Identifier: MIT
 *
 * Everything is collected in memory, then laid out once: the tables at the
 * front (their sizes known from the counts), every string after them, each
 * region's ids and codes sorted for binary search, and the first screen of
 * each kind noted.
 */
#include "bundle_builder.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "bundle_format.h"
#include "util.h"

struct bb_entry {
	uint32_t file, kind;
	char *id, *code, *title, *updated, *source;
};

struct bb_region {
	char *name, *text; /* text NULL: no profile was added */
	size_t len;
	struct bb_entry *e;
	size_t n, cap;
};

struct bb_file {
	char *name, *text, *shown;
	size_t len;
};

struct bundle_builder {
	long long version;
	int policy_year;
	char *created, *until, *regions;
	struct bb_file *files;
	size_t nfiles, capfiles;
	uint32_t *hash; /* open addressing over files: index + 1, 0 empty */
	size_t hcap;    /* a power of two, more than twice nfiles */
	struct bb_region *regs;
	size_t nregs, capregs;
};

struct bundle_builder *bundle_builder_new(long long version, int policy_year,
					  const char *created, const char *valid_until,
					  const char *regions)
{
	struct bundle_builder *bb = xcalloc(1, sizeof *bb);

	bb->version = version;
	bb->policy_year = policy_year;
	bb->created = xstrdup(created);
	bb->until = xstrdup(valid_until);
	bb->regions = xstrdup(regions);
	return bb;
}

/* The slot of name in the hash: where it is, or the empty slot where it would go. */
static size_t hash_slot(const struct bundle_builder *bb, const char *name)
{
	size_t i = util_hash(name) & (bb->hcap - 1);

	while (bb->hash[i] != 0 && strcmp(bb->files[bb->hash[i] - 1].name, name) != 0)
		i = (i + 1) & (bb->hcap - 1);
	return i;
}

static long file_index(const struct bundle_builder *bb, const char *name)
{
	size_t i;

	if (bb->hcap == 0)
		return -1;
	i = hash_slot(bb, name);
	return bb->hash[i] != 0 ? (long)bb->hash[i] - 1 : -1;
}

bool bundle_builder_has_file(const struct bundle_builder *bb, const char *name)
{
	return file_index(bb, name) >= 0;
}

void bundle_builder_file(struct bundle_builder *bb, const char *name, const char *text,
			 size_t len, const char *shown)
{
	struct bb_file *f;

	if (bundle_builder_has_file(bb, name))
		return;
	if (2 * (bb->nfiles + 1) >= bb->hcap) { /* grow and rehash */
		free(bb->hash);
		bb->hcap = bb->hcap != 0 ? 2 * bb->hcap : 64;
		bb->hash = xcalloc(bb->hcap, sizeof *bb->hash);
		for (size_t i = 0; i < bb->nfiles; i++)
			bb->hash[hash_slot(bb, bb->files[i].name)] = (uint32_t)i + 1;
	}
	bb->files = xgrow(bb->files, &bb->capfiles, bb->nfiles + 1, sizeof *bb->files);
	f = &bb->files[bb->nfiles++];
	f->name = xstrdup(name);
	f->text = xmemdup0(text, len);
	f->len = len;
	f->shown = shown != NULL ? xstrdup(shown) : NULL;
	bb->hash[hash_slot(bb, name)] = (uint32_t)bb->nfiles;
}

static struct bb_region *builder_region(struct bundle_builder *bb, const char *name)
{
	struct bb_region *r;

	for (size_t i = 0; i < bb->nregs; i++)
		if (strcmp(bb->regs[i].name, name) == 0)
			return &bb->regs[i];
	bb->regs = xgrow(bb->regs, &bb->capregs, bb->nregs + 1, sizeof *bb->regs);
	r = &bb->regs[bb->nregs++];
	memset(r, 0, sizeof *r);
	r->name = xstrdup(name);
	return r;
}

void bundle_builder_region(struct bundle_builder *bb, const char *name, const char *text,
			   size_t len)
{
	struct bb_region *r = builder_region(bb, name);

	free(r->text);
	r->text = xmemdup0(text, len);
	r->len = len;
}

static char *dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void bundle_builder_entry(struct bundle_builder *bb, const char *region, const char *file,
			  const char *id, const char *code, const char *title, int kind,
			  const char *updated, const char *source)
{
	struct bb_region *r = builder_region(bb, region);
	long f = file_index(bb, file);
	struct bb_entry *e;

	if (f < 0)
		return; /* the caller adds the file first */
	r->e = xgrow(r->e, &r->cap, r->n + 1, sizeof *r->e);
	e = &r->e[r->n++];
	e->file = (uint32_t)f;
	e->kind = kind >= 0 ? (uint32_t)kind : NO_ENTRY;
	e->id = xstrdup(id);
	e->code = xstrdup(code);
	e->title = xstrdup(title);
	e->updated = dup_or_null(updated);
	e->source = dup_or_null(source);
}

static void builder_free(struct bundle_builder *bb)
{
	for (size_t i = 0; i < bb->nfiles; i++) {
		free(bb->files[i].name);
		free(bb->files[i].text);
		free(bb->files[i].shown);
	}
	for (size_t i = 0; i < bb->nregs; i++) {
		struct bb_region *r = &bb->regs[i];

		for (size_t j = 0; j < r->n; j++) {
			free(r->e[j].id);
			free(r->e[j].code);
			free(r->e[j].title);
			free(r->e[j].updated);
			free(r->e[j].source);
		}
		free(r->e);
		free(r->name);
		free(r->text);
	}
	free(bb->files);
	free(bb->hash);
	free(bb->regs);
	free(bb->created);
	free(bb->until);
	free(bb->regions);
	free(bb);
}

/* The image being written: tables at the front, strings from heap on. */
struct image {
	unsigned char *p;
	uint64_t heap;
};

static void wr32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* A string into the heap and its (offset, length) at rec; NULL: absent (0, 0). */
static void put_str(struct image *im, unsigned char *rec, const char *s, size_t len)
{
	if (s == NULL) {
		wr32(rec, 0);
		wr32(rec + 4, 0);
		return;
	}
	memcpy(im->p + im->heap, s, len);
	im->p[im->heap + len] = '\0';
	wr32(rec, (uint32_t)im->heap);
	wr32(rec + 4, (uint32_t)len);
	im->heap += len + 1;
}

static void put(struct image *im, unsigned char *rec, const char *s)
{
	put_str(im, rec, s, s != NULL ? strlen(s) : 0);
}

static uint64_t str_size(const char *s)
{
	return s != NULL ? strlen(s) + 1 : 0;
}

struct sort_key {
	const char *k;
	uint32_t n;
};

static int cmp_key(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;
	int c = strcmp(x->k, y->k);

	return c != 0 ? c : (x->n > y->n) - (x->n < y->n);
}

/* A region's entries sorted on id (or code) into the table at p. */
static void put_sorted(unsigned char *p, const struct bb_region *r, bool by_code)
{
	struct sort_key *k = xcalloc(r->n + 1, sizeof *k);

	for (size_t i = 0; i < r->n; i++) {
		k[i].k = by_code ? r->e[i].code : r->e[i].id;
		k[i].n = (uint32_t)i;
	}
	qsort(k, r->n, sizeof *k, cmp_key);
	for (size_t i = 0; i < r->n; i++)
		wr32(p + i * 4, k[i].n);
	free(k);
}

void *bundle_builder_finish(struct bundle_builder *bb, size_t *len, char *why, size_t whylen)
{
	uint64_t tables = HEADER_SIZE + (uint64_t)bb->nfiles * FILE_SIZE +
			  (uint64_t)bb->nregs * REGION_SIZE;
	uint64_t strings = str_size(bb->created) + str_size(bb->until) + str_size(bb->regions);
	struct image im;
	unsigned char *h;
	uint64_t at;

	*len = 0;
	for (size_t i = 0; i < bb->nfiles; i++)
		strings += str_size(bb->files[i].name) + bb->files[i].len + 1 +
			   str_size(bb->files[i].shown);
	for (size_t i = 0; i < bb->nregs; i++) {
		const struct bb_region *r = &bb->regs[i];

		tables += (uint64_t)r->n * (ENTRY_SIZE + 8);
		strings += str_size(r->name) + (r->text != NULL ? r->len + 1 : 0);
		for (size_t j = 0; j < r->n; j++)
			strings += str_size(r->e[j].id) + str_size(r->e[j].code) +
				   str_size(r->e[j].title) + str_size(r->e[j].updated) +
				   str_size(r->e[j].source);
	}
	if (tables + strings > UINT32_MAX) {
		util_say(why, whylen, "the bundle would be %llu MiB; the format holds 4 GiB",
			 (unsigned long long)((tables + strings) >> 20));
		builder_free(bb);
		return NULL;
	}
	im.p = xcalloc(1, (size_t)(tables + strings));
	im.heap = tables;
	h = im.p;
	memcpy(h, BUNDLE_MAGIC, BUNDLE_MAGIC_LEN);
	wr32(h + H_FORMAT, BUNDLE_FORMAT);
	wr32(h + H_YEAR, (uint32_t)bb->policy_year);
	wr32(h + H_VERSION, (uint32_t)((uint64_t)bb->version & 0xffffffffu));
	wr32(h + H_VERSION + 4, (uint32_t)((uint64_t)bb->version >> 32));
	put(&im, h + H_CREATED, bb->created);
	put(&im, h + H_UNTIL, bb->until);
	put(&im, h + H_REGIONS, bb->regions);
	wr32(h + H_NFILES, (uint32_t)bb->nfiles);
	wr32(h + H_FILES, HEADER_SIZE);
	wr32(h + H_NREGIONS, (uint32_t)bb->nregs);
	at = HEADER_SIZE + (uint64_t)bb->nfiles * FILE_SIZE;
	wr32(h + H_REGIONS_OFF, (uint32_t)at);
	wr32(h + H_SIZE, (uint32_t)(tables + strings));
	for (size_t i = 0; i < bb->nfiles; i++) {
		unsigned char *rec = im.p + HEADER_SIZE + i * FILE_SIZE;

		put(&im, rec + F_NAME, bb->files[i].name);
		put_str(&im, rec + F_TEXT, bb->files[i].text, bb->files[i].len);
		put(&im, rec + F_SHOWN, bb->files[i].shown);
	}
	at += (uint64_t)bb->nregs * REGION_SIZE;
	for (size_t i = 0; i < bb->nregs; i++) {
		const struct bb_region *r = &bb->regs[i];
		unsigned char *rec = im.p + HEADER_SIZE + bb->nfiles * FILE_SIZE + i * REGION_SIZE;

		put(&im, rec + R_NAME, r->name);
		put_str(&im, rec + R_TEXT, r->text, r->len);
		wr32(rec + R_NENTRIES, (uint32_t)r->n);
		wr32(rec + R_ENTRIES, (uint32_t)at);
		for (size_t j = 0; j < r->n; j++) {
			unsigned char *e = im.p + at + j * ENTRY_SIZE;

			wr32(e + E_FILE, r->e[j].file);
			put(&im, e + E_ID, r->e[j].id);
			put(&im, e + E_CODE, r->e[j].code);
			put(&im, e + E_TITLE, r->e[j].title);
			wr32(e + E_KIND, r->e[j].kind);
			put(&im, e + E_UPDATED, r->e[j].updated);
			put(&im, e + E_SOURCE, r->e[j].source);
		}
		at += (uint64_t)r->n * ENTRY_SIZE;
		wr32(rec + R_BY_ID, (uint32_t)at);
		put_sorted(im.p + at, r, false);
		at += (uint64_t)r->n * 4;
		wr32(rec + R_BY_CODE, (uint32_t)at);
		put_sorted(im.p + at, r, true);
		at += (uint64_t)r->n * 4;
		for (int k = 0; k < BUNDLE_KINDS; k++) {
			uint32_t first = NO_ENTRY;

			for (size_t j = 0; j < r->n && first == NO_ENTRY; j++)
				if (r->e[j].kind == (uint32_t)k)
					first = (uint32_t)j;
			wr32(rec + R_KINDS + (size_t)k * 4, first);
		}
	}
	*len = (size_t)(tables + strings);
	builder_free(bb);
	return im.p;
}

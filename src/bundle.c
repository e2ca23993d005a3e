/*
 * bundle.c -- the content bundle: map it, check it, read the manifest and the index; build one
 * SPDX-License-Identifier: MIT
 *
 * The format (bundle.h) is a handful of fixed-size tables and NUL-terminated
 * strings addressed by offset, so that a session maps the file and reads only
 * what it shows: opening checks the header and the tables' extents (not every
 * row), and every string is checked where it is read. Nothing from the file
 * is trusted past the bounds checked here: the signature (minisig.c) says who
 * made a bundle, this file makes sure a bad one cannot make the guide misbehave.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "bundle.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static const char magic[8] = {'Y', 'I', 'B', 'A', 'O', 'B', 'D', 'L'};

enum {
	HEADER_SIZE = 72,
	FILE_SIZE = 24,
	REGION_SIZE = 32 + 4 * BUNDLE_KINDS,
	ENTRY_SIZE = 48,
};
/* No screen of that kind (and an entry's kind that cannot be stored). */
#define NO_ENTRY UINT32_C(0xffffffff)

/* Offsets inside the header and the records (bundle.h). */
enum {
	H_FORMAT = 8,
	H_YEAR = 12,
	H_VERSION = 16,
	H_CREATED = 24,
	H_UNTIL = 32,
	H_REGIONS = 40,
	H_NFILES = 48,
	H_FILES = 52,
	H_NREGIONS = 56,
	H_REGIONS_OFF = 60,
	H_SIZE = 64,
	F_NAME = 0,
	F_TEXT = 8,
	F_SHOWN = 16,
	R_NAME = 0,
	R_TEXT = 8,
	R_NENTRIES = 16,
	R_ENTRIES = 20,
	R_BY_ID = 24,
	R_BY_CODE = 28,
	R_KINDS = 32,
	E_FILE = 0,
	E_ID = 4,
	E_CODE = 12,
	E_TITLE = 20,
	E_KIND = 28,
	E_UPDATED = 32,
	E_SOURCE = 40,
};

struct bundle {
	void *base;             /* the mapping (munmap) or the image in memory (free) */
	const unsigned char *p; /* base, read */
	size_t size;
	bool mapped;
	uint32_t nfiles, nregions;
	const unsigned char *files, *regions;
	struct bundle_manifest m;
};

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
	return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/*
 * The string whose (offset, length) pair is at rec, or NULL when it is absent
 * or does not lie inside the file with its NUL. *len gets its length.
 */
static const char *str_at(const struct bundle *b, const unsigned char *rec, size_t *len)
{
	uint32_t off = rd32(rec), n = rd32(rec + 4);

	if (off == 0 || (uint64_t)off + n >= b->size || b->p[(size_t)off + n] != '\0')
		return NULL;
	if (len != NULL)
		*len = n;
	return (const char *)b->p + off;
}

/* A table of n records of size sz at off lies inside the file. */
static bool table_fits(const struct bundle *b, uint32_t off, uint32_t n, size_t sz)
{
	return off >= HEADER_SIZE && (uint64_t)off + (uint64_t)n * sz <= b->size;
}

void bundle_manifest_free(struct bundle_manifest *m)
{
	if (m == NULL)
		return;
	free(m->regions);
	memset(m, 0, sizeof *m);
}

void bundle_head_free(struct bundle_head *h)
{
	if (h == NULL)
		return;
	free(h->file);
	free(h->id);
	free(h->code);
	free(h->title);
	free(h->updated);
	free(h->source);
	memset(h, 0, sizeof *h);
}

static bool is_date(const char *s)
{
	if (s == NULL || strlen(s) != 10)
		return false;
	for (int i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

/* Check the header and the tables' extents of b->p, and read the manifest. */
static int check_open(struct bundle *b, char *err, size_t errlen)
{
	struct bundle_manifest *m = &b->m;
	const char *created, *until, *regions, *lacks;
	uint64_t version;
	uint32_t year;

	if (b->size >= 16 && memcmp(b->p, "SQLite format 3", 16) == 0) {
		util_say(err, errlen, "bundle format 1 (SQLite); this guide reads format %d: %s",
			 BUNDLE_FORMAT, "pack it again with this version's yibao --pack");
		return -1;
	}
	if (b->size < HEADER_SIZE || memcmp(b->p, magic, sizeof magic) != 0) {
		util_say(err, errlen, "not a content bundle");
		return -1;
	}
	m->format = rd32(b->p + H_FORMAT) <= INT_MAX ? (int)rd32(b->p + H_FORMAT) : -1;
	if (m->format != BUNDLE_FORMAT) {
		util_say(err, errlen, "bundle format %d; this guide reads format %d", m->format,
			 BUNDLE_FORMAT);
		return -1;
	}
	if (rd32(b->p + H_SIZE) != b->size) {
		util_say(err, errlen, "bundle is %zu bytes, its header says %lu (cut short?)",
			 b->size, (unsigned long)rd32(b->p + H_SIZE));
		return -1;
	}
	b->nfiles = rd32(b->p + H_NFILES);
	b->nregions = rd32(b->p + H_NREGIONS);
	if (!table_fits(b, rd32(b->p + H_FILES), b->nfiles, FILE_SIZE) ||
	    !table_fits(b, rd32(b->p + H_REGIONS_OFF), b->nregions, REGION_SIZE)) {
		util_say(err, errlen, "not a content bundle (a table lies outside the file)");
		return -1;
	}
	b->files = b->p + rd32(b->p + H_FILES);
	b->regions = b->p + rd32(b->p + H_REGIONS_OFF);
	for (uint32_t r = 0; r < b->nregions; r++) {
		const unsigned char *rec = b->regions + (size_t)r * REGION_SIZE;
		uint32_t n = rd32(rec + R_NENTRIES);

		if (str_at(b, rec + R_NAME, NULL) == NULL || !table_fits(b, rd32(rec + R_ENTRIES), n, ENTRY_SIZE) ||
		    !table_fits(b, rd32(rec + R_BY_ID), n, 4) || !table_fits(b, rd32(rec + R_BY_CODE), n, 4) ||
		    n >= INT_MAX) {
			util_say(err, errlen, "not a content bundle (region %lu is damaged)",
				 (unsigned long)r + 1);
			return -1;
		}
	}
	version = rd64(b->p + H_VERSION);
	year = rd32(b->p + H_YEAR);
	created = str_at(b, b->p + H_CREATED, NULL);
	until = str_at(b, b->p + H_UNTIL, NULL);
	regions = str_at(b, b->p + H_REGIONS, NULL);
	lacks = version == 0 || version > LLONG_MAX ? "a version"
		: year < 2000 || year > 9999        ? "a policy year"
		: !is_date(created)                 ? "a created date"
		: !is_date(until)                   ? "a valid-until date"
		: regions == NULL                   ? "its regions"
						    : NULL;
	if (lacks != NULL) {
		util_say(err, errlen, "bundle manifest lacks %s", lacks);
		return -1;
	}
	m->version = (long long)version;
	m->policy_year = (int)year;
	memcpy(m->created, created, 11);
	memcpy(m->valid_until, until, 11);
	m->regions = xstrdup(regions);
	return 0;
}

static struct bundle *finish_open(struct bundle *b, char *err, size_t errlen)
{
	if (check_open(b, err, errlen) < 0) {
		bundle_close(b);
		return NULL;
	}
	return b;
}

struct bundle *bundle_open(const char *path, char *err, size_t errlen)
{
	struct bundle *b;
	struct stat st;
	void *p;
	char why[200] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		util_say(err, errlen, "%s: cannot open (%s)", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		util_say(err, errlen, "%s: not a regular file", path);
		close(fd);
		return NULL;
	}
	if (st.st_size < HEADER_SIZE || (uintmax_t)st.st_size > UINT32_MAX) {
		util_say(err, errlen, "%s: not a content bundle (%lld bytes)", path,
			 (long long)st.st_size);
		close(fd);
		return NULL;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		util_say(err, errlen, "%s: cannot map (%s)", path, strerror(errno));
		return NULL;
	}
	b = xcalloc(1, sizeof *b);
	b->base = p;
	b->p = p;
	b->size = (size_t)st.st_size;
	b->mapped = true;
	b = finish_open(b, why, sizeof why);
	if (b == NULL)
		util_say(err, errlen, "%s: %s", path, why);
	return b;
}

struct bundle *bundle_open_mem(void *data, size_t len, char *err, size_t errlen)
{
	struct bundle *b = xcalloc(1, sizeof *b);

	b->base = data;
	b->p = data;
	b->size = len;
	return finish_open(b, err, errlen);
}

void bundle_close(struct bundle *b)
{
	if (b == NULL)
		return;
	if (b->mapped)
		munmap(b->base, b->size);
	else
		free(b->base);
	bundle_manifest_free(&b->m);
	free(b);
}

int bundle_manifest_read(const char *path, struct bundle_manifest *m, char *err, size_t errlen)
{
	struct bundle *b = bundle_open(path, err, errlen);

	memset(m, 0, sizeof *m);
	if (b == NULL)
		return -1;
	*m = b->m;
	b->m.regions = NULL; /* now m's */
	bundle_close(b);
	return 0;
}

const struct bundle_manifest *bundle_manifest(const struct bundle *b)
{
	return &b->m;
}

/* The region record named name, or NULL. */
static const unsigned char *region_rec(const struct bundle *b, const char *name)
{
	if (name == NULL)
		return NULL;
	for (uint32_t r = 0; r < b->nregions; r++) {
		const unsigned char *rec = b->regions + (size_t)r * REGION_SIZE;
		const char *s = str_at(b, rec + R_NAME, NULL);

		if (s != NULL && strcmp(s, name) == 0)
			return rec;
	}
	return NULL;
}

/* Entry n of a region record (n checked against its count), or NULL. */
static const unsigned char *entry_rec(const struct bundle *b, const unsigned char *reg, int n)
{
	if (reg == NULL || n < 0 || (uint32_t)n >= rd32(reg + R_NENTRIES))
		return NULL;
	return b->p + rd32(reg + R_ENTRIES) + (size_t)n * ENTRY_SIZE;
}

/* The file record an entry names, or NULL. */
static const unsigned char *file_rec(const struct bundle *b, const unsigned char *e)
{
	uint32_t f = rd32(e + E_FILE);

	return f < b->nfiles ? b->files + (size_t)f * FILE_SIZE : NULL;
}

static char *copy(const char *s, size_t len)
{
	char *c = xmalloc(len + 1);

	memcpy(c, s, len);
	c[len] = '\0';
	return c;
}

bool bundle_has_region(struct bundle *b, const char *name)
{
	return region_rec(b, name) != NULL;
}

/* A copy of the string at rec (NULL: rec NULL, or the string absent or bad), its length in *len. */
static char *str_copy(const struct bundle *b, const unsigned char *rec, size_t *len)
{
	size_t n;
	const char *s = rec != NULL ? str_at(b, rec, &n) : NULL;

	if (s == NULL)
		return NULL;
	if (len != NULL)
		*len = n;
	return copy(s, n);
}

char *bundle_region_text(struct bundle *b, const char *name, size_t *len)
{
	const unsigned char *reg = region_rec(b, name);

	return str_copy(b, reg != NULL ? reg + R_TEXT : NULL, len);
}

int bundle_count(struct bundle *b, const char *region)
{
	const unsigned char *reg = region_rec(b, region);

	return reg != NULL ? (int)rd32(reg + R_NENTRIES) : 0;
}

/*
 * Binary search of a region's entries sorted (by the sorted table at off) on
 * the string at field: the first entry whose string is key, or -1. A string
 * that cannot be read sorts as "" (a damaged table gives a wrong answer, never
 * a wrong read).
 */
static int find_sorted(const struct bundle *b, const unsigned char *reg, uint32_t off,
		       size_t field, const char *key)
{
	uint32_t lo = 0, hi = rd32(reg + R_NENTRIES);
	const unsigned char *tab = b->p + off;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const unsigned char *e = entry_rec(b, reg, (int)rd32(tab + (size_t)mid * 4));
		const char *s = e != NULL ? str_at(b, e + field, NULL) : NULL;

		if (strcmp(s != NULL ? s : "", key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < rd32(reg + R_NENTRIES)) {
		uint32_t n = rd32(tab + (size_t)lo * 4);
		const unsigned char *e = entry_rec(b, reg, (int)n);
		const char *s = e != NULL ? str_at(b, e + field, NULL) : NULL;

		if (s != NULL && strcmp(s, key) == 0)
			return (int)n;
	}
	return -1;
}

int bundle_find(struct bundle *b, const char *region, const char *key)
{
	const unsigned char *reg = region_rec(b, region);
	int n;

	if (reg == NULL || key == NULL)
		return -1;
	n = find_sorted(b, reg, rd32(reg + R_BY_ID), E_ID, key);
	return n >= 0 ? n : find_sorted(b, reg, rd32(reg + R_BY_CODE), E_CODE, key);
}

int bundle_find_kind(struct bundle *b, const char *region, int kind)
{
	const unsigned char *reg = region_rec(b, region);
	uint32_t n;

	if (reg == NULL || kind < 0 || kind >= BUNDLE_KINDS)
		return -1;
	n = rd32(reg + R_KINDS + (size_t)kind * 4);
	return n < rd32(reg + R_NENTRIES) ? (int)n : -1;
}

int bundle_head(struct bundle *b, const char *region, int n, struct bundle_head *h)
{
	const unsigned char *e = entry_rec(b, region_rec(b, region), n);
	const unsigned char *f = e != NULL ? file_rec(b, e) : NULL;
	uint32_t k;

	memset(h, 0, sizeof *h);
	if (f == NULL)
		return -1;
	k = rd32(e + E_KIND);
	h->file = str_copy(b, f + F_NAME, NULL);
	h->id = str_copy(b, e + E_ID, NULL);
	h->code = str_copy(b, e + E_CODE, NULL);
	h->title = str_copy(b, e + E_TITLE, NULL);
	h->kind = k < 64 ? (int)k : -1;
	h->updated = str_copy(b, e + E_UPDATED, NULL);
	h->source = str_copy(b, e + E_SOURCE, NULL);
	if (h->file == NULL || h->id == NULL || h->code == NULL || h->title == NULL) {
		bundle_head_free(h);
		return -1;
	}
	return 0;
}

char *bundle_text(struct bundle *b, const char *region, int n, size_t *len)
{
	const unsigned char *e = entry_rec(b, region_rec(b, region), n);
	const unsigned char *f = e != NULL ? file_rec(b, e) : NULL;

	return str_copy(b, f != NULL ? f + F_TEXT : NULL, len);
}

int bundle_each_text(struct bundle *b, const char *region,
		     int (*fn)(void *ctx, int n, const char *code, const char *title,
			       const char *text),
		     void *ctx)
{
	const unsigned char *reg = region_rec(b, region);
	int count = 0;

	if (reg == NULL)
		return 0;
	for (int n = 0; n < (int)rd32(reg + R_NENTRIES); n++) {
		const unsigned char *e = entry_rec(b, reg, n);
		const unsigned char *f = file_rec(b, e);
		const char *code = str_at(b, e + E_CODE, NULL);
		const char *title = str_at(b, e + E_TITLE, NULL);
		const char *text = f != NULL ? str_at(b, f + F_SHOWN, NULL) : NULL;

		count++;
		if (fn(ctx, n, code != NULL ? code : "", title != NULL ? title : "",
		       text != NULL ? text : "") != 0)
			break;
	}
	return count;
}

/* Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian), or LONG_MIN. */
static long date_days(const char *s)
{
	int y, m, d;

	if (s == NULL || !is_date(s) || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return LONG_MIN;
	/* Howard Hinnant's days_from_civil. */
	y -= m <= 2;
	{
		long era = (y >= 0 ? y : y - 399) / 400;
		long yoe = y - era * 400;
		long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
		long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

		return era * 146097 + doe - 719468;
	}
}

static long today_days(void)
{
	return (long)(time(NULL) / 86400);
}

long bundle_manifest_age_days(const struct bundle_manifest *m)
{
	long c = date_days(m->created);

	return c == LONG_MIN ? -1 : today_days() - c;
}

bool bundle_manifest_expired(const struct bundle_manifest *m)
{
	long v = date_days(m->valid_until);

	return v == LONG_MIN || today_days() > v;
}

/* ---- writing ---- */

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
	f->text = copy(text, len);
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
	r->text = copy(text, len);
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

void *bundle_builder_finish(struct bundle_builder *bb, size_t *len, char *err, size_t errlen)
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
		util_say(err, errlen, "the bundle would be %llu MiB; the format holds 4 GiB",
			 (unsigned long long)((tables + strings) >> 20));
		builder_free(bb);
		return NULL;
	}
	im.p = xcalloc(1, (size_t)(tables + strings));
	im.heap = tables;
	h = im.p;
	memcpy(h, magic, sizeof magic);
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

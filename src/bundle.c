/*
 * bundle.c -- the content bundle: map it, check it, read the manifest and the index
 * SPDX-License-Identifier: MIT
 *
 * The format (bundle_format.h) is a handful of fixed-size tables and NUL-terminated
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

#include "bundle_format.h"
#include "dates.h"
#include "util.h"

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

void bundle_manifest_clear(struct bundle_manifest *m)
{
	if (m == NULL)
		return;
	free(m->regions);
	memset(m, 0, sizeof *m);
}

void bundle_head_clear(struct bundle_head *h)
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
static int check_open(struct bundle *b, char *why, size_t whylen)
{
	struct bundle_manifest *m = &b->m;
	const char *created, *until, *regions, *lacks;
	uint64_t version;
	uint32_t year;

	if (b->size >= 16 && memcmp(b->p, "SQLite format 3", 16) == 0) {
		util_say(why, whylen, "bundle format 1 (SQLite); this guide reads format %d: %s",
			 BUNDLE_FORMAT, "pack it again with this version's yibao --pack");
		return -1;
	}
	if (b->size < HEADER_SIZE || memcmp(b->p, BUNDLE_MAGIC, BUNDLE_MAGIC_LEN) != 0) {
		util_say(why, whylen, "not a content bundle");
		return -1;
	}
	m->format = rd32(b->p + H_FORMAT) <= INT_MAX ? (int)rd32(b->p + H_FORMAT) : -1;
	if (m->format != BUNDLE_FORMAT) {
		util_say(why, whylen, "bundle format %d; this guide reads format %d", m->format,
			 BUNDLE_FORMAT);
		return -1;
	}
	if (rd32(b->p + H_SIZE) != b->size) {
		util_say(why, whylen, "bundle is %zu bytes, its header says %lu (cut short?)",
			 b->size, (unsigned long)rd32(b->p + H_SIZE));
		return -1;
	}
	b->nfiles = rd32(b->p + H_NFILES);
	b->nregions = rd32(b->p + H_NREGIONS);
	if (!table_fits(b, rd32(b->p + H_FILES), b->nfiles, FILE_SIZE) ||
	    !table_fits(b, rd32(b->p + H_REGIONS_OFF), b->nregions, REGION_SIZE)) {
		util_say(why, whylen, "not a content bundle (a table lies outside the file)");
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
			util_say(why, whylen, "not a content bundle (region %lu is damaged)",
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
		util_say(why, whylen, "bundle manifest lacks %s", lacks);
		return -1;
	}
	m->version = (long long)version;
	m->policy_year = (int)year;
	memcpy(m->created, created, 11);
	memcpy(m->valid_until, until, 11);
	m->regions = xstrdup(regions);
	return 0;
}

static struct bundle *finish_open(struct bundle *b, char *why, size_t whylen)
{
	if (check_open(b, why, whylen) < 0) {
		bundle_close(b);
		return NULL;
	}
	return b;
}

struct bundle *bundle_open(const char *path, char *why, size_t whylen)
{
	struct bundle *b;
	struct stat st;
	void *p;
	char reason[200] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		util_say(why, whylen, "%s: cannot open (%s)", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		util_say(why, whylen, "%s: not a regular file", path);
		close(fd);
		return NULL;
	}
	if (st.st_size < HEADER_SIZE || (uintmax_t)st.st_size > UINT32_MAX) {
		util_say(why, whylen, "%s: not a content bundle (%lld bytes)", path,
			 (long long)st.st_size);
		close(fd);
		return NULL;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		util_say(why, whylen, "%s: cannot map (%s)", path, strerror(errno));
		return NULL;
	}
	b = xcalloc(1, sizeof *b);
	b->base = p;
	b->p = p;
	b->size = (size_t)st.st_size;
	b->mapped = true;
	b = finish_open(b, reason, sizeof reason);
	if (b == NULL)
		util_say(why, whylen, "%s: %s", path, reason);
	return b;
}

struct bundle *bundle_open_mem(void *data, size_t len, char *why, size_t whylen)
{
	struct bundle *b = xcalloc(1, sizeof *b);

	b->base = data;
	b->p = data;
	b->size = len;
	return finish_open(b, why, whylen);
}

void bundle_close(struct bundle *b)
{
	if (b == NULL)
		return;
	if (b->mapped)
		munmap(b->base, b->size);
	else
		free(b->base);
	bundle_manifest_clear(&b->m);
	free(b);
}

int bundle_manifest_read(const char *path, struct bundle_manifest *m, char *why, size_t whylen)
{
	struct bundle *b = bundle_open(path, why, whylen);

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
	return xmemdup0(s, n);
}

char *bundle_region_text(const struct bundle *b, const char *name, size_t *len)
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
		bundle_head_clear(h);
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

/* Days since 1970-01-01 of a YYYY-MM-DD date, or LONG_MIN. */
static long date_days(const char *s)
{
	struct date dt;

	return s != NULL && dates_parse(s, &dt) ? dates_days(dt) : LONG_MIN;
}

/* Today in local time, as the screens count it (the clock: update runs from cron). */
static long today_days(void)
{
	struct dates_today t = dates_today(false);

	return t.known ? dates_days(t.d) : LONG_MIN;
}

long bundle_manifest_age_days(const struct bundle_manifest *m)
{
	long c = date_days(m->created), t = today_days();

	/* A clock set back before the bundle was made gives no (negative) age. */
	return c == LONG_MIN || t == LONG_MIN || t < c ? -1 : t - c;
}

bool bundle_manifest_expired(const struct bundle_manifest *m)
{
	long v = date_days(m->valid_until), t = today_days();

	return v == LONG_MIN || (t != LONG_MIN && t > v);
}

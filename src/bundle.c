/*
 * bundle.c -- the content bundle: open, read the manifest and the index
 * SPDX-License-Identifier: MIT
 *
 * SQLite is the container (the application-file-format case): opened with
 * immutable=1 and mode=ro so it takes no locks and never re-reads, and with
 * mmap so every session shares the file's pages instead of copying them.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "bundle.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* Statements prepared on first use (a session runs a handful of queries; see done()). */
enum stmt {
	ST_COUNT,
	ST_FIND_ID,
	ST_FIND_CODE,
	ST_FIND_KIND,
	ST_HEAD,
	ST_TEXT,
	ST_REGION,
	ST_EACH,
	ST_COUNT_ALL
};

static const char *const stmt_sql[ST_COUNT_ALL] = {
	/* The highest n, not count(*): the primary key answers it without reading every row. */
	[ST_COUNT] = "SELECT max(n) + 1 FROM entry WHERE region = ?1",
	[ST_FIND_ID] = "SELECT n FROM entry WHERE region = ?1 AND id = ?2",
	[ST_FIND_CODE] = "SELECT n FROM entry WHERE region = ?1 AND code = ?2",
	[ST_FIND_KIND] = "SELECT min(n) FROM entry WHERE region = ?1 AND kind = ?2",
	[ST_HEAD] = "SELECT file, id, code, title, kind, updated, source FROM entry "
		    "WHERE region = ?1 AND n = ?2",
	[ST_TEXT] = "SELECT f.text FROM entry e JOIN file f ON f.name = e.file "
		    "WHERE e.region = ?1 AND e.n = ?2",
	[ST_REGION] = "SELECT text FROM region WHERE name = ?1",
	[ST_EACH] = "SELECT e.n, e.code, e.title, s.text FROM entry e JOIN search s ON s.file = e.file "
		    "WHERE e.region = ?1 ORDER BY e.n",
};

struct bundle {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT_ALL];
	struct bundle_manifest m;
};

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

/* A "file:" URI for path: every byte but unreserved ones and '/' percent-encoded. */
static char *file_uri(const char *path)
{
	struct strbuf sb = {0};

	sb_adds(&sb, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p) != NULL)
			sb_addc(&sb, (char)*p);
		else
			sb_printf(&sb, "%%%02X", *p);
	}
	sb_adds(&sb, "?mode=ro&immutable=1");
	return sb_take(&sb);
}

static bool is_date(const char *s)
{
	if (strlen(s) != 10)
		return false;
	for (int i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

/* Read and check the manifest table of an open database. */
static int manifest_load(sqlite3 *db, struct bundle_manifest *m, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	bool have_format = false, have_version = false, have_year = false;
	int rc;

	memset(m, 0, sizeof *m);
	if (sqlite3_prepare_v2(db, "SELECT key, value FROM manifest", -1, &st, NULL) != SQLITE_OK) {
		util_say(err, errlen, "not a content bundle (%s)", sqlite3_errmsg(db));
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);
		long long n = sqlite3_column_int64(st, 1);

		if (k == NULL || v == NULL)
			continue;
		if (strcmp(k, "format") == 0) {
			m->format = n > 0 && n < INT_MAX ? (int)n : -1;
			have_format = true;
		} else if (strcmp(k, "version") == 0) {
			m->version = n;
			have_version = n > 0;
		} else if (strcmp(k, "policy_year") == 0) {
			m->policy_year = n >= 2000 && n <= 9999 ? (int)n : 0;
			have_year = m->policy_year != 0;
		} else if (strcmp(k, "created") == 0 && is_date(v)) {
			memcpy(m->created, v, 11);
		} else if (strcmp(k, "valid_until") == 0 && is_date(v)) {
			memcpy(m->valid_until, v, 11);
		} else if (strcmp(k, "regions") == 0) {
			free(m->regions);
			m->regions = xstrdup(v);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		util_say(err, errlen, "bundle cannot be read (%s)", sqlite3_errmsg(db));
		return -1;
	}
	if (!have_format) {
		util_say(err, errlen, "not a content bundle (no format in the manifest)");
		return -1;
	}
	if (m->format != BUNDLE_FORMAT) {
		util_say(err, errlen, "bundle format %d; this guide reads format %d", m->format,
		    BUNDLE_FORMAT);
		return -1;
	}
	if (!have_version || !have_year || m->created[0] == '\0' || m->valid_until[0] == '\0' ||
	    m->regions == NULL) {
		util_say(err, errlen, "bundle manifest lacks %s",
		    !have_version ? "a version" : !have_year ? "a policy year" :
		    m->created[0] == '\0' ? "a created date" :
		    m->valid_until[0] == '\0' ? "a valid-until date" : "its regions");
		return -1;
	}
	return 0;
}

/* Settings for a session's connection: no writes, small cache, the file mapped. */
static void tune(sqlite3 *db)
{
	/* Memory a session keeps is private: no lookaside slab, a small page cache. */
	sqlite3_db_config(db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 0, 0);
	/* cache_size 0: pages are read from the mapping, the cache keeps only a few pinned. */
	sqlite3_exec(db, "PRAGMA cache_size = 0; PRAGMA query_only = 1; "
			 "PRAGMA mmap_size = 1073741824; PRAGMA trusted_schema = 0",
		     NULL, NULL, NULL);
	/* A hostile bundle must not be able to run long: bound every query's work. */
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 64 * 1024 * 1024);
	sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
	sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
}

/*
 * Once a process, before SQLite starts: no page-cache slab allocated up front
 * for each connection (a mapped, read-only file hardly uses the cache, and a
 * session's heap is private memory).
 */
static void bundle_setup(void)
{
	static bool done;

	if (!done) {
		sqlite3_config(SQLITE_CONFIG_PAGECACHE, (void *)0, 0, 0);
		/* No lookaside slab either: it would be allocated (and written) at open. */
		sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);
	}
	done = true;
}

int bundle_manifest_read(const char *path, struct bundle_manifest *m, char *err, size_t errlen)
{
	char *uri = file_uri(path);
	sqlite3 *db = NULL;
	int rc;

	bundle_setup();
	memset(m, 0, sizeof *m);
	if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK) {
		util_say(err, errlen, "%s: cannot open (%s)", path, db != NULL ? sqlite3_errmsg(db) : "");
		sqlite3_close(db);
		free(uri);
		return -1;
	}
	free(uri);
	tune(db);
	rc = manifest_load(db, m, err, errlen);
	sqlite3_close(db);
	return rc;
}

static struct bundle *finish_open(sqlite3 *db, char *err, size_t errlen)
{
	struct bundle *b = xcalloc(1, sizeof *b);

	b->db = db;
	tune(db);
	if (manifest_load(db, &b->m, err, errlen) < 0) {
		bundle_close(b);
		return NULL;
	}
	/* Every statement must compile on this schema; only the first is kept now. */
	for (int i = ST_COUNT_ALL - 1; i >= 0; i--) {
		sqlite3_stmt *st = NULL;

		if (sqlite3_prepare_v3(db, stmt_sql[i], -1, 0, &st, NULL) != SQLITE_OK) {
			util_say(err, errlen, "not a content bundle (%s)", sqlite3_errmsg(db));
			bundle_close(b);
			return NULL;
		}
		sqlite3_finalize(st);
	}
	return b;
}

struct bundle *bundle_open(const char *path, char *err, size_t errlen)
{
	char *uri = file_uri(path);
	sqlite3 *db = NULL;
	char why[200] = "";
	struct bundle *b;

	bundle_setup();
	if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK) {
		util_say(err, errlen, "%s: cannot open (%s)", path, db != NULL ? sqlite3_errmsg(db) : "");
		sqlite3_close(db);
		free(uri);
		return NULL;
	}
	free(uri);
	b = finish_open(db, why, sizeof why);
	if (b == NULL)
		util_say(err, errlen, "%s: %s", path, why);
	return b;
}

struct bundle *bundle_open_mem(void *data, size_t len, char *err, size_t errlen)
{
	sqlite3 *db = NULL;

	bundle_setup();
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		util_say(err, errlen, "cannot open a bundle in memory");
		sqlite3_close(db);
		sqlite3_free(data);
		return NULL;
	}
	if (sqlite3_deserialize(db, "main", data, (sqlite3_int64)len, (sqlite3_int64)len,
				SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) !=
	    SQLITE_OK) {
		util_say(err, errlen, "not a content bundle");
		sqlite3_close(db);
		return NULL;
	}
	return finish_open(db, err, errlen);
}

void bundle_close(struct bundle *b)
{
	if (b == NULL)
		return;
	for (int i = 0; i < ST_COUNT_ALL; i++)
		sqlite3_finalize(b->st[i]);
	sqlite3_close(b->db);
	bundle_manifest_free(&b->m);
	free(b);
}

const struct bundle_manifest *bundle_manifest(const struct bundle *b)
{
	return &b->m;
}

/* Reset a statement and bind region (and an optional text or number). */
static sqlite3_stmt *bind(struct bundle *b, enum stmt which, const char *region)
{
	sqlite3_stmt *st;

	/* Checked at open: it compiles (a statement that could not is NULL: no rows). */
	if (b->st[which] == NULL)
		sqlite3_prepare_v3(b->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
				   &b->st[which], NULL);
	st = b->st[which];
	if (st == NULL)
		return NULL; /* sqlite3_step and sqlite3_reset take NULL: no rows */
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_text(st, 1, region != NULL ? region : "", -1, SQLITE_STATIC);
	return st;
}

/*
 * Done with a statement: the ones every screen change runs stay prepared; the
 * rest (start-up, search, jumps by code) are prepared again when next needed,
 * so the session does not keep their memory.
 */
static void done(struct bundle *b, enum stmt which)
{
	if (which == ST_HEAD || which == ST_TEXT || which == ST_FIND_ID) {
		sqlite3_reset(b->st[which]);
		return;
	}
	sqlite3_finalize(b->st[which]);
	b->st[which] = NULL;
}

static char *col_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

/* A blob or text column copied with a NUL after it. */
static char *col_blob(sqlite3_stmt *st, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(st, col);
	int n = sqlite3_column_bytes(st, col);
	char *s;

	if (n < 0)
		n = 0;
	s = xmalloc((size_t)n + 1);
	if (n > 0 && p != NULL)
		memcpy(s, p, (size_t)n);
	s[n] = '\0';
	if (len != NULL)
		*len = (size_t)n;
	return s;
}

bool bundle_has_region(struct bundle *b, const char *name)
{
	sqlite3_stmt *st = bind(b, ST_REGION, name);
	bool yes = sqlite3_step(st) == SQLITE_ROW;

	done(b, ST_REGION);
	return yes;
}

char *bundle_region_text(struct bundle *b, const char *name, size_t *len)
{
	sqlite3_stmt *st = bind(b, ST_REGION, name);
	char *s = sqlite3_step(st) == SQLITE_ROW ? col_blob(st, 0, len) : NULL;

	done(b, ST_REGION);
	return s;
}

int bundle_count(struct bundle *b, const char *region)
{
	sqlite3_stmt *st = bind(b, ST_COUNT, region);
	long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;

	done(b, ST_COUNT);
	return n > 0 && n < INT_MAX ? (int)n : 0;
}

static int find_one(struct bundle *b, enum stmt which, const char *region, const char *key,
		    int kind)
{
	sqlite3_stmt *st = bind(b, which, region);
	int n = -1;

	if (key != NULL)
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int(st, 2, kind);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
		long long v = sqlite3_column_int64(st, 0);

		n = v >= 0 && v < INT_MAX ? (int)v : -1;
	}
	done(b, which);
	return n;
}

int bundle_find(struct bundle *b, const char *region, const char *key)
{
	int n = find_one(b, ST_FIND_ID, region, key, 0);

	return n >= 0 ? n : find_one(b, ST_FIND_CODE, region, key, 0);
}

int bundle_find_kind(struct bundle *b, const char *region, int kind)
{
	return find_one(b, ST_FIND_KIND, region, NULL, kind);
}

int bundle_head(struct bundle *b, const char *region, int n, struct bundle_head *h)
{
	sqlite3_stmt *st = bind(b, ST_HEAD, region);
	int rc = -1;

	memset(h, 0, sizeof *h);
	sqlite3_bind_int(st, 2, n);
	if (sqlite3_step(st) == SQLITE_ROW) {
		long long k = sqlite3_column_int64(st, 4);

		h->file = col_dup(st, 0);
		h->id = col_dup(st, 1);
		h->code = col_dup(st, 2);
		h->title = col_dup(st, 3);
		h->kind = k >= 0 && k < 64 ? (int)k : -1;
		h->updated = col_dup(st, 5);
		h->source = col_dup(st, 6);
		rc = h->file != NULL && h->id != NULL && h->code != NULL && h->title != NULL ? 0 : -1;
	}
	done(b, ST_HEAD);
	if (rc < 0)
		bundle_head_free(h);
	return rc;
}

char *bundle_text(struct bundle *b, const char *region, int n, size_t *len)
{
	sqlite3_stmt *st = bind(b, ST_TEXT, region);
	char *s;

	sqlite3_bind_int(st, 2, n);
	s = sqlite3_step(st) == SQLITE_ROW ? col_blob(st, 0, len) : NULL;
	done(b, ST_TEXT);
	return s;
}

int bundle_each_text(struct bundle *b, const char *region,
		     int (*fn)(void *ctx, int n, const char *code, const char *title,
			       const char *text),
		     void *ctx)
{
	sqlite3_stmt *st = bind(b, ST_EACH, region);
	int count = 0, rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long n = sqlite3_column_int64(st, 0);
		const char *code = (const char *)sqlite3_column_text(st, 1);
		const char *title = (const char *)sqlite3_column_text(st, 2);
		const char *text = (const char *)sqlite3_column_text(st, 3);

		if (n < 0 || n >= INT_MAX)
			continue;
		count++;
		if (fn(ctx, (int)n, code != NULL ? code : "", title != NULL ? title : "",
		       text != NULL ? text : "") != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	done(b, ST_EACH);
	return rc == SQLITE_DONE ? count : -1;
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

/*
 * bundle.h -- the content bundle: one read-only file holding every screen, and its format
 * SPDX-License-Identifier: MIT
 *
 * yibao --pack writes it (src/pack.c feeds the builder below) from
 * content/NAME.md, content/bundle.ini and config/regions/NAME.ini. A session
 * maps it once, read-only, and takes everything it shows from that mapping:
 * replacing the file (by rename) never changes a running session, and every
 * session on a host shares the same pages.
 *
 * The file's layout is in bundle_format.h; bundle_builder.h writes one.
 *
 * No curses here; nothing is drawn. Strings handed out are copies unless said.
 */
#ifndef YIBAO_BUNDLE_H
#define YIBAO_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

/* The bundle format this guide reads and writes. */
#define BUNDLE_FORMAT 2
/* File names in [update] state_dir and under the install prefix. */
#define BUNDLE_FILE "yibao.bundle"
#define BUNDLE_SIG_SUFFIX ".minisig"

struct bundle_manifest {
	int format;           /* BUNDLE_FORMAT */
	long long version;    /* content version: only grows */
	int policy_year;      /* the year the figures are for */
	char created[11];     /* YYYY-MM-DD (UTC) */
	char valid_until[11]; /* YYYY-MM-DD: created + valid_days */
	char *regions;        /* region profile names, space-separated; owned */
};

/*
 * Read only the manifest of the bundle file at path (opened read-only,
 * immutable). Returns 0, or -1 with a one-line reason in why (not a bundle, a
 * format this guide does not read, a missing or bad field). Free m with
 * bundle_manifest_clear (also after -1).
 */
int bundle_manifest_read(const char *path, struct bundle_manifest *m, char *why, size_t whylen);
void bundle_manifest_clear(struct bundle_manifest *m);

/*
 * Days from the manifest's created date to today (local time, the clock), and
 * whether today is past valid_until. For staleness notices; -1 days when the
 * date cannot be read or the clock is before the created date.
 */
long bundle_manifest_age_days(const struct bundle_manifest *m);
bool bundle_manifest_expired(const struct bundle_manifest *m);

/* An open bundle. */
struct bundle;

/* A screen's front matter from the index (strings owned by the caller: free with bundle_head_clear). */
struct bundle_head {
	char *file, *id, *code, *title, *updated, *source;
	int kind;
};
void bundle_head_clear(struct bundle_head *h);

/*
 * Open the bundle file at path for the whole session: a regular file, mapped
 * read-only (the descriptor is closed at once; the mapping keeps the file as it
 * was). The manifest and the tables' extents are checked. Returns NULL with a
 * one-line reason in why. Close with bundle_close.
 */
struct bundle *bundle_open(const char *path, char *why, size_t whylen);
/*
 * The same over len bytes of a bundle in memory (allocated with malloc;
 * ownership passes to the bundle, also on failure). For --content DIR (packed in
 * memory) and fuzzing.
 */
struct bundle *bundle_open_mem(void *data, size_t len, char *why, size_t whylen);
void bundle_close(struct bundle *b);

/* The manifest (owned by b). */
const struct bundle_manifest *bundle_manifest(const struct bundle *b);
/* True when the bundle has region name. */
bool bundle_has_region(struct bundle *b, const char *name);
/* The region profile name (an .ini text) as written, or NULL. Caller frees. */
char *bundle_region_text(const struct bundle *b, const char *name, size_t *len);

/* Number of screens region has. */
int bundle_count(struct bundle *b, const char *region);
/* Index of the screen of region with this id or code, or -1. */
int bundle_find(struct bundle *b, const char *region, const char *id_or_code);
/* Index of the first screen of region of this kind (enum kind), or -1. */
int bundle_find_kind(struct bundle *b, const char *region, int kind);
/* Front matter of screen n of region into h. Returns 0, or -1 (h zeroed). */
int bundle_head(struct bundle *b, const char *region, int n, struct bundle_head *h);
/* The file text of screen n of region, as written. NULL if none. Caller frees. */
char *bundle_text(struct bundle *b, const char *region, int n, size_t *len);

/*
 * Call fn for every screen of region, in order, with its code, title and the
 * text it shows (placeholders still {{name}}); stop when fn returns non-zero. The
 * strings are valid only during the call. Returns the screens visited, -1 on a
 * read error.
 */
int bundle_each_text(struct bundle *b, const char *region,
		     int (*fn)(void *ctx, int n, const char *code, const char *title,
			       const char *text),
		     void *ctx);

#endif

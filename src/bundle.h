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
 * Format 2 (format 1 was an SQLite file; README says why it was replaced).
 * Little-endian; a "str" is u32 offset, u32 length of bytes followed by a NUL
 * inside the file (offset 0: absent). Every offset and count is checked against
 * the file's size before it is used; a string when it is read.
 *
 *   header, 72 bytes:
 *     0 magic "YIBAOBDL"   8 u32 format   12 u32 policy_year   16 u64 version
 *     24 str created       32 str valid_until                  40 str regions
 *     48 u32 nfiles  52 u32 files_off   56 u32 nregions  60 u32 regions_off
 *     64 u32 size of the whole file     68 u32 0
 *   file, 24 bytes each: str name, str text as written,
 *     str shown (the text as shown, placeholders left as {{name}})
 *   region, 32 + 4 * BUNDLE_KINDS bytes each: str name,
 *     str profile text as written, u32 nentries, u32 entries_off, u32 by_id_off,
 *     u32 by_code_off, u32 first screen of each kind (or 0xffffffff)
 *   entry, 48 bytes each (the region's screens, n = 0.. in file-name order):
 *     u32 file index, str id, str code, str title, u32 kind, str updated, str source
 *   by_id, by_code: u32 entry numbers, sorted by id and by code (bytewise)
 *
 * No curses here; nothing is drawn. Strings handed out are copies unless said.
 */
#ifndef YIBAO_BUNDLE_H
#define YIBAO_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

/* The bundle format this guide reads and writes. */
#define BUNDLE_FORMAT 2
/* Screen kinds the index keeps a first screen for (enum kind fits). */
#define BUNDLE_KINDS 16
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
 * immutable). Returns 0, or -1 with a one-line reason in err (not a bundle, a
 * format this guide does not read, a missing or bad field). Free m with
 * bundle_manifest_free (also after -1).
 */
int bundle_manifest_read(const char *path, struct bundle_manifest *m, char *err, size_t errlen);
void bundle_manifest_free(struct bundle_manifest *m);

/*
 * Days from the manifest's created date to today (UTC, from time()), and
 * whether today is past valid_until. For staleness notices; -1 days when the
 * date cannot be read.
 */
long bundle_manifest_age_days(const struct bundle_manifest *m);
bool bundle_manifest_expired(const struct bundle_manifest *m);

/* An open bundle. */
struct bundle;

/* A screen's front matter from the index (strings owned by the caller: free with bundle_head_free). */
struct bundle_head {
	char *file, *id, *code, *title, *updated, *source;
	int kind;
};
void bundle_head_free(struct bundle_head *h);

/*
 * Open the bundle file at path for the whole session: a regular file, mapped
 * read-only (the descriptor is closed at once; the mapping keeps the file as it
 * was). The manifest and the tables' extents are checked. Returns NULL with a
 * one-line reason in err. Close with bundle_close.
 */
struct bundle *bundle_open(const char *path, char *err, size_t errlen);
/*
 * The same over len bytes of a bundle in memory (allocated with malloc;
 * ownership passes to the bundle, also on failure). For --content DIR (packed in
 * memory) and fuzzing.
 */
struct bundle *bundle_open_mem(void *data, size_t len, char *err, size_t errlen);
void bundle_close(struct bundle *b);

/* The manifest (owned by b). */
const struct bundle_manifest *bundle_manifest(const struct bundle *b);
/* True when the bundle has region name. */
bool bundle_has_region(struct bundle *b, const char *name);
/* The region profile name (an .ini text) as written, or NULL. Caller frees. */
char *bundle_region_text(struct bundle *b, const char *name, size_t *len);

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

/*
 * Writing a bundle (yibao --pack, --content DIR): add files, region profiles
 * and each region's screens, then take the image. Strings are copied. Files
 * are kept once by name (adding a name again is ignored).
 */
struct bundle_builder;
struct bundle_builder *bundle_builder_new(long long version, int policy_year,
					  const char *created, const char *valid_until,
					  const char *regions);
bool bundle_builder_has_file(const struct bundle_builder *bb, const char *name);
/* shown may be NULL (the file did not parse: nothing to search). */
void bundle_builder_file(struct bundle_builder *bb, const char *name, const char *text,
			 size_t len, const char *shown);
void bundle_builder_region(struct bundle_builder *bb, const char *name, const char *text,
			   size_t len);
/* Screen n of region (the next one): file must have been added. updated and source may be NULL. */
void bundle_builder_entry(struct bundle_builder *bb, const char *region, const char *file,
			  const char *id, const char *code, const char *title, int kind,
			  const char *updated, const char *source);
/*
 * The image (malloc'd; for bundle_open_mem or a file) and its size, or NULL
 * with a one-line reason in err (too large for the format). Frees bb.
 */
void *bundle_builder_finish(struct bundle_builder *bb, size_t *len, char *err, size_t errlen);

#endif

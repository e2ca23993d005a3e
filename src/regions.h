/*
 * regions.h -- region profiles: which there are, loading one over national.ini, walking one, placeholders
 * SPDX-License-Identifier: MIT
 *
 * The figures that differ by place: config/regions/NAME.ini, or the same texts
 * carried in a bundle. A struct regions says where the profiles come from and
 * which there are; a struct profile is one of them loaded over national.ini.
 * The configuration only names the directory and the region to start in; the
 * profile a session shows is its guide's (guide.h), read from the guide's own
 * bundle, and read again when the session switches region or falls back to
 * the shipped bundle. Nothing here changes the configuration.
 */
#ifndef YIBAO_REGIONS_H
#define YIBAO_REGIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct bundle;

/* One pair of a kvlist. */
struct kv {
	char *key, *val;
};
/* An ordered list of key = value pairs (region profile sections). */
struct kvlist {
	struct kv *v; /* in the order first set */
	size_t n, cap;
	size_t *index; /* hash of key -> position in v + 1 (0: empty); icap slots */
	size_t icap;
};
/* Set (copying) key to val, replacing an earlier value. Constant time on average. */
void kv_set(struct kvlist *l, const char *key, const char *val);
/* The value of key, or NULL. Owned by l. */
const char *kv_get(const struct kvlist *l, const char *key);
/* Free every key and value of l, and empty it (l may be NULL). */
void kv_clear(struct kvlist *l);

/* Figures that differ by place: NAME.ini layered over national.ini. */
struct profile {
	char *name;              /* file name without .ini */
	char *title;             /* [region] title, shown in the header */
	struct kvlist values;    /* [values]: the {{placeholders}} */
	struct kvlist reimburse; /* [reimburse]: calculator figures */
};

/* Where region profiles come from, and which there are. */
struct regions {
	char *dir;                   /* NAME.ini files of this directory, or NULL: */
	const struct bundle *bundle; /* the texts this bundle carries (not owned) */
	char *where;                 /* the source as named in messages */
	char **names;                /* every profile with a valid name, sorted */
	size_t n;
};

/* rs: the NAME.ini files of dir (listed now). Empty it with regions_clear. */
void regions_from_dir(struct regions *rs, const char *dir);
/*
 * rs: the region profiles bundle b carries (its manifest's list), named where
 * in messages. b must outlive rs's use.
 */
void regions_from_bundle(struct regions *rs, const struct bundle *b, const char *where);
/* Free what rs holds and empty it (rs may be NULL). */
void regions_clear(struct regions *rs);
/* The listed name that is name in any case (people type "Fujian"), or NULL. Owned by rs. */
const char *regions_find(const struct regions *rs, const char *name);
/* Say in d that rs has no profile name, naming those it has. */
void regions_unknown(const struct regions *rs, const char *name, struct diags *d);
/*
 * Load profile name (national when NULL or "national") from rs into p, over
 * national.ini; what p held before is freed. Returns 0, or -1 when the named
 * profile is not there (then national is loaded and d says why, naming the
 * regions there are). Problems inside a profile go to d as FILE:LINE.
 */
int regions_load(struct profile *p, const struct regions *rs, const char *name, struct diags *d);
/* Free what p holds and empty it (p may be NULL). */
void regions_profile_clear(struct profile *p);
/* Placeholder lookup (content_lookup_fn): ctx is a struct profile; "region" is its title. */
const char *regions_lookup(void *ctx, const char *name);
/* The [region] title of profile name as rs has it (a new string), or NULL. */
char *regions_title(const struct regions *rs, const char *name);

/* One key = value of a region profile as written: its file and line (sanitised). */
typedef void (*regions_walk_fn)(void *user, const char *path, int line, const char *section,
				const char *key, const char *value);
/*
 * Read profile name from rs and call fn for every key in file order. Returns
 * 0, or -1 when the profile cannot be read (said in d). For the strict check
 * (profile_check).
 */
int regions_walk(const struct regions *rs, const char *name, regions_walk_fn fn, void *user,
		 struct diags *d);

#endif

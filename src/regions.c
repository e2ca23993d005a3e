/*
 * regions.c -- region profiles: which there are, loading one over national.ini, walking one, placeholders
 * SPDX-License-Identifier: MIT
 *
 * The figures that differ by place (config/regions/NAME.ini, or the texts a
 * bundle carries): listed, loaded into a struct profile, walked key by key
 * for --check, and looked up for {{name}} placeholders. Settings and their
 * drop-ins are config.c's; both read INI text through iniread.c.
 */
#include "regions.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bundle.h"
#include "config.h"
#include "iniread.h"
#include "text.h"
#include "util.h"

struct region_ctx {
	struct profile *p;
	const char *path;
	struct diags *d;
	int line;
};

static int on_region(void *user, const char *section, const char *key, const char *raw)
{
	struct region_ctx *rc = user;
	int line = rc->line;
	char *v = text_sanitize(raw, strlen(raw), 0, NULL, NULL);

	if (strcmp(section, "region") == 0 && strcmp(key, "title") == 0) {
		free(rc->p->title);
		rc->p->title = xstrdup(v);
	} else if (strcmp(section, "values") == 0) {
		kv_set(&rc->p->values, key, v);
	} else if (strcmp(section, "reimburse") == 0) {
		kv_set(&rc->p->reimburse, key, v);
	} else {
		const char *name = strcmp(section, "region") == 0 ? key : section;
		char *clean = text_sanitize(name, strlen(name), 0, NULL, NULL);

		diags_add(rc->d, rc->path, line, "unknown %s \"%s\" (sections: region, values, reimburse)",
			  strcmp(section, "region") == 0 ? "key" : "section", clean);
		free(clean);
	}
	free(v);
	return 1;
}

/* The slot of key in l's index: where it is, or the empty slot it would go in. */
static size_t kv_slot(const struct kvlist *l, const char *key)
{
	size_t mask = l->icap - 1, h = util_hash(key) & mask;

	while (l->index[h] != 0 && strcmp(l->v[l->index[h] - 1].key, key) != 0)
		h = (h + 1) & mask;
	return h;
}

/* Keep the index at most half full: rebuilt at twice the size when it would not be. */
static void kv_reserve(struct kvlist *l, size_t need)
{
	size_t cap = 16;

	if (need * 2 <= l->icap)
		return;
	while (cap < need * 2)
		cap *= 2;
	free(l->index);
	l->index = xcalloc(cap, sizeof *l->index);
	l->icap = cap;
	for (size_t i = 0; i < l->n; i++)
		l->index[kv_slot(l, l->v[i].key)] = i + 1;
}

void kv_set(struct kvlist *l, const char *key, const char *val)
{
	size_t h;

	kv_reserve(l, l->n + 1);
	h = kv_slot(l, key);
	if (l->index[h] != 0) {
		struct kv *e = &l->v[l->index[h] - 1];

		free(e->val);
		e->val = xstrdup(val);
		return;
	}
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n].key = xstrdup(key);
	l->v[l->n].val = xstrdup(val);
	l->n++;
	l->index[h] = l->n;
}

const char *kv_get(const struct kvlist *l, const char *key)
{
	size_t h;

	if (l->icap == 0)
		return NULL;
	h = kv_slot(l, key);
	return l->index[h] != 0 ? l->v[l->index[h] - 1].val : NULL;
}

void kv_clear(struct kvlist *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].val);
	}
	free(l->v);
	free(l->index);
	memset(l, 0, sizeof *l);
}

/* The path of profile name in rs (a new string: for messages, or to read). */
static char *profile_path(const struct regions *rs, const char *name)
{
	char *file = xasprintf("%s.ini", name);
	char *path = rs->dir != NULL ? util_path_join(rs->dir, file) : xstrdup(file);

	free(file);
	return path;
}

/*
 * Read profile name of rs through handler: inih's result (0, or the first line
 * that is not INI), or -1 with errno set when it is not there.
 */
static int profile_read(const struct regions *rs, const char *name, const char *path,
			ini_handler handler, void *user, int *line, struct diags *d)
{
	size_t len;
	char *text;
	int r;

	if (rs->bundle == NULL) {
		if (rs->dir == NULL) {
			errno = ENOENT;
			return -1;
		}
		return iniread_file(path, CONFIG_MAX_FILE, handler, user, line, d);
	}
	if ((text = bundle_region_text(rs->bundle, name, &len)) == NULL) {
		errno = ENOENT;
		return -1;
	}
	r = iniread_text(text, len, path, handler, user, line, d);
	free(text);
	return r;
}

static int load_profile_file(struct profile *p, const struct regions *rs, const char *name,
			     struct diags *d)
{
	char *path = profile_path(rs, name);
	struct region_ctx rc = {p, path, d, 0};
	int r = profile_read(rs, name, path, on_region, &rc, &rc.line, d);

	if (r < 0 && rs->bundle == NULL && iniread_worth_saying(errno, false))
		diags_add(d, path, 0, "cannot read region profile: %s", util_read_error(errno));
	if (r > 0)
		diags_add(d, path, r, "not an INI line (\"key = value\" or \"[section]\")");
	free(path);
	return r < 0 ? -1 : 0;
}

static bool valid_region_name(const char *s)
{
	if (*s == '\0' || strlen(s) > 64)
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return false;
	return true;
}

static int cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void add_region(struct regions *rs, size_t *cap, const char *name, size_t n)
{
	char *r = xstrndup(name, n);

	if (!valid_region_name(r)) {
		free(r);
		return;
	}
	rs->names = xgrow(rs->names, cap, rs->n + 1, sizeof *rs->names);
	rs->names[rs->n++] = r;
}

void regions_from_dir(struct regions *rs, const char *dir)
{
	size_t cap = 0;
	DIR *dh;
	struct dirent *de;

	memset(rs, 0, sizeof *rs);
	rs->dir = xstrdup(dir);
	rs->where = xstrdup(dir);
	if ((dh = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dh)) != NULL) {
		size_t n = strlen(de->d_name);

		if (n > 4 && strcmp(de->d_name + n - 4, ".ini") == 0)
			add_region(rs, &cap, de->d_name, n - 4);
	}
	closedir(dh);
	if (rs->n > 0)
		qsort(rs->names, rs->n, sizeof *rs->names, cmp_names);
}

void regions_from_bundle(struct regions *rs, const struct bundle *b, const char *where)
{
	const char *p = bundle_manifest(b)->regions;
	size_t cap = 0;

	memset(rs, 0, sizeof *rs);
	rs->bundle = b;
	rs->where = xstrdup(where);
	for (p = p != NULL ? p : ""; *p != '\0'; p += strspn(p, " ")) {
		size_t n = strcspn(p, " ");

		if (n > 0)
			add_region(rs, &cap, p, n);
		p += n;
	}
	if (rs->n > 0)
		qsort(rs->names, rs->n, sizeof *rs->names, cmp_names);
}

void regions_clear(struct regions *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		free(rs->names[i]);
	free(rs->names);
	free(rs->dir);
	free(rs->where);
	memset(rs, 0, sizeof *rs);
}

const char *regions_find(const struct regions *rs, const char *name)
{
	for (size_t i = 0; name != NULL && i < rs->n; i++)
		if (strcasecmp(name, rs->names[i]) == 0)
			return rs->names[i];
	return NULL;
}

struct walk_ctx {
	regions_walk_fn fn;
	void *user;
	const char *path;
	int line;
};

static int on_walk(void *user, const char *section, const char *key, const char *raw)
{
	struct walk_ctx *w = user;
	char *v = text_sanitize(raw, strlen(raw), 0, NULL, NULL);
	char *sec = text_sanitize(section, strlen(section), 0, NULL, NULL);
	char *k = text_sanitize(key, strlen(key), 0, NULL, NULL);

	w->fn(w->user, w->path, w->line, sec, k, v);
	free(v);
	free(sec);
	free(k);
	return 1;
}

int regions_walk(const struct regions *rs, const char *name, regions_walk_fn fn, void *user,
		 struct diags *d)
{
	struct walk_ctx w = {fn, user, NULL, 0};
	char *path;
	int r;

	if (!valid_region_name(name))
		return -1;
	path = profile_path(rs, name);
	w.path = path;
	r = profile_read(rs, name, path, on_walk, &w, &w.line, d);
	if (r < 0)
		diags_add(d, path, 0, "cannot read region profile: %s",
			  rs->bundle != NULL ? "not in the bundle" : util_read_error(errno));
	else if (r > 0)
		diags_add(d, path, r, "not an INI line (\"key = value\" or \"[section]\")");
	free(path);
	return r < 0 ? -1 : 0;
}

char *regions_title(const struct regions *rs, const char *name)
{
	struct profile p = {0};
	struct diags d = {0};
	char *title = NULL;

	if (valid_region_name(name) && load_profile_file(&p, rs, name, &d) == 0 && p.title != NULL)
		title = xstrdup(p.title);
	regions_profile_clear(&p);
	diags_clear(&d);
	return title;
}

void regions_unknown(const struct regions *rs, const char *name, struct diags *d)
{
	struct strbuf sb = {0};
	char *clean = text_sanitize(name, strlen(name), 0, NULL, NULL);

	/* The caller says what happens next (national, or exit 2). */
	for (size_t i = 0; i < rs->n; i++)
		sb_printf(&sb, "%s%s", i > 0 ? ", " : "", rs->names[i]);
	diags_add(d, rs->where, 0, "no region profile \"%s\" (the regions are: %s)", clean,
		  sb.s != NULL ? sb.s : "none");
	sb_clear(&sb);
	free(clean);
}

int regions_load(struct profile *p, const struct regions *rs, const char *name, struct diags *d)
{
	const char *listed = regions_find(rs, name);
	int rc = 0;

	regions_profile_clear(p);
	if (name == NULL)
		name = "national";
	if (listed != NULL)
		name = listed;
	if (load_profile_file(p, rs, "national", d) < 0)
		diags_add(d, rs->where, 0, "no national.ini region profile here");
	if (strcmp(name, "national") != 0) {
		if (!valid_region_name(name) || load_profile_file(p, rs, name, d) < 0) {
			regions_unknown(rs, name, d);
			name = "national";
			rc = -1;
		}
	}
	p->name = xstrdup(name);
	if (p->title == NULL)
		p->title = xstrdup(name);
	return rc;
}

void regions_profile_clear(struct profile *p)
{
	if (p == NULL)
		return;
	free(p->name);
	free(p->title);
	kv_clear(&p->values);
	kv_clear(&p->reimburse);
	memset(p, 0, sizeof *p);
}

const char *regions_lookup(void *ctx, const char *name)
{
	const struct profile *p = ctx;

	if (p == NULL)
		return NULL;
	if (strcmp(name, "region") == 0)
		return p->title;
	return kv_get(&p->values, name);
}

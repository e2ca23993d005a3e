/*
 * regions.c -- region profiles: which there are, loading one over national.ini, walking one, placeholders
 * SPDX-License-Identifier: MIT
 *
 * The figures that differ by place (config/regions/NAME.ini, or the texts a
 * bundle carries): listed, loaded into struct config's profile, walked key by
 * key for --check, and looked up for {{name}} placeholders. Settings and
 * their drop-ins are config.c's; both read INI text through iniread.c.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Where profiles come from: files of a directory, or a bundle's texts. */
struct profile_src {
	const char *dir;
	char *(*get)(void *ctx, const char *name, size_t *len);
	void *ctx;
};

static int load_profile_file(struct profile *p, const struct profile_src *src, const char *name,
			     struct diags *d)
{
	char *file = xasprintf("%s.ini", name);
	char *path = src->dir != NULL ? util_path_join(src->dir, file) : xstrdup(file);
	struct region_ctx rc = {p, path, d, 0};
	int r;

	free(file);
	if (src->get != NULL) {
		size_t len;
		char *text = src->get(src->ctx, name, &len);

		r = text != NULL ? iniread_text(text, len, path, on_region, &rc, &rc.line, d) : -1;
		free(text);
	} else {
		r = iniread_file(path, CONFIG_MAX_FILE, on_region, &rc, &rc.line, d);
		if (r < 0 && iniread_worth_saying(errno, false))
			diags_add(d, path, 0, "cannot read region profile: %s", util_read_error(errno));
	}
	if (r < 0) {
		free(path);
		return -1;
	}
	if (r > 0)
		diags_add(d, path, r, "not an INI line (\"key = value\" or \"[section]\")");
	free(path);
	return 0;
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

static void add_region(struct config *c, size_t *cap, const char *name, size_t n)
{
	char *r = xstrndup(name, n);

	if (!valid_region_name(r)) {
		free(r);
		return;
	}
	c->regions = xgrow(c->regions, cap, c->nregions + 1, sizeof *c->regions);
	c->regions[c->nregions++] = r;
}

/*
 * Every profile name with a valid NAME, sorted (the answer code's region list):
 * the bundle's names, or every NAME.ini of regions_dir.
 */
static void list_regions(struct config *c)
{
	size_t cap = 0;

	for (size_t i = 0; i < c->nregions; i++)
		free(c->regions[i]);
	free(c->regions);
	c->regions = NULL;
	c->nregions = 0;
	if (c->profile_get != NULL) {
		const char *p = c->profile_names != NULL ? c->profile_names : "";

		while (*p != '\0') {
			size_t n = strcspn(p, " ");

			if (n > 0)
				add_region(c, &cap, p, n);
			p += n;
			p += strspn(p, " ");
		}
	} else {
		DIR *dh = opendir(c->regions_dir);
		struct dirent *de;

		if (dh == NULL)
			return;
		while ((de = readdir(dh)) != NULL) {
			size_t n = strlen(de->d_name);

			if (n > 4 && strcmp(de->d_name + n - 4, ".ini") == 0)
				add_region(c, &cap, de->d_name, n - 4);
		}
		closedir(dh);
	}
	if (c->nregions > 0)
		qsort(c->regions, c->nregions, sizeof *c->regions, cmp_names);
}

static void profile_src_of(const struct config *c, struct profile_src *src)
{
	src->dir = c->profile_get != NULL ? NULL : c->regions_dir;
	src->get = c->profile_get;
	src->ctx = c->profile_ctx;
}

struct walk_ctx {
	config_profile_fn fn;
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

int config_profile_walk(const struct config *c, const char *name, config_profile_fn fn,
			void *user, struct diags *d)
{
	struct profile_src src;
	struct walk_ctx w = {fn, user, NULL, 0};
	char *file, *path;
	int r;

	if (!valid_region_name(name))
		return -1;
	profile_src_of(c, &src);
	file = xasprintf("%s.ini", name);
	path = src.dir != NULL ? util_path_join(src.dir, file) : xstrdup(file);
	free(file);
	w.path = path;
	if (src.get != NULL) {
		size_t len;
		char *text = src.get(src.ctx, name, &len);

		r = text != NULL ? iniread_text(text, len, path, on_walk, &w, &w.line, d) : -1;
		free(text);
	} else {
		r = iniread_file(path, CONFIG_MAX_FILE, on_walk, &w, &w.line, d);
	}
	if (r < 0)
		diags_add(d, path, 0, "cannot read region profile: %s",
			  src.get != NULL ? "not in the bundle" : util_read_error(errno));
	else if (r > 0)
		diags_add(d, path, r, "not an INI line (\"key = value\" or \"[section]\")");
	free(path);
	return r < 0 ? -1 : 0;
}

char *config_region_title(const struct config *c, const char *name)
{
	struct profile p = {0};
	struct profile_src src;
	struct diags d = {0};
	char *title = NULL;

	profile_src_of(c, &src);
	if (valid_region_name(name) && load_profile_file(&p, &src, name, &d) == 0 &&
	    p.title != NULL)
		title = xstrdup(p.title);
	config_profile_clear(&p);
	diags_clear(&d);
	return title;
}

static int load_region(struct config *c, const char *where, const char *name, struct diags *d)
{
	struct profile *p = &c->profile;
	struct profile_src src;
	int rc = 0;

	profile_src_of(c, &src);
	config_profile_clear(p);
	list_regions(c);
	if (name == NULL)
		name = "national";
	/* People type "Fujian": a name is the profile's in any case. */
	for (size_t i = 0; i < c->nregions; i++)
		if (strcasecmp(name, c->regions[i]) == 0)
			name = c->regions[i];
	if (load_profile_file(p, &src, "national", d) < 0)
		diags_add(d, where, 0, "no national.ini region profile here");
	if (strcmp(name, "national") != 0) {
		if (!valid_region_name(name) || load_profile_file(p, &src, name, d) < 0) {
			struct strbuf sb = {0};

			/* The caller says what happens next (national, or exit 2). */
			for (size_t i = 0; i < c->nregions; i++)
				sb_printf(&sb, "%s%s", i > 0 ? ", " : "", c->regions[i]);
			diags_add(d, where, 0, "no region profile \"%s\" (the regions are: %s)", name,
				  sb.s != NULL ? sb.s : "none");
			sb_clear(&sb);
			name = "national";
			rc = -1;
		}
	}
	p->name = xstrdup(name);
	if (p->title == NULL)
		p->title = xstrdup(name);
	return rc;
}

int config_load_region(struct config *c, const char *name, struct diags *d)
{
	c->profile_get = NULL;
	c->profile_ctx = NULL;
	c->profile_names = NULL;
	return load_region(c, c->regions_dir, name, d);
}

int config_load_region_from(struct config *c, const char *name,
			    char *(*get)(void *ctx, const char *name, size_t *len), void *ctx,
			    const char *names, const char *where, struct diags *d)
{
	c->profile_get = get;
	c->profile_ctx = ctx;
	c->profile_names = names;
	return load_region(c, where, name, d);
}

const char *config_lookup(void *ctx, const char *name)
{
	const struct config *c = ctx;

	if (strcmp(name, "region") == 0)
		return c->profile.title;
	return kv_get(&c->profile.values, name);
}

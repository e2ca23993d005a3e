/*
 * config.c -- settings from INI files (inih), layered, and region profiles
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "minisig.h"
#include "text.h"
#include "util.h"

void kv_set(struct kvlist *l, const char *key, const char *val)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0) {
			free(l->v[i].val);
			l->v[i].val = xstrdup(val);
			return;
		}
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n].key = xstrdup(key);
	l->v[l->n].val = xstrdup(val);
	l->n++;
}

const char *kv_get(const struct kvlist *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

void kv_free(struct kvlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].val);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void profile_free(struct profile *p)
{
	free(p->name);
	free(p->title);
	kv_free(&p->values);
	kv_free(&p->reimburse);
	memset(p, 0, sizeof *p);
}

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->content_dir = xstrdup("content");
	c->regions_dir = xstrdup("config/regions");
	c->region = xstrdup("national");
	c->idle_timeout_s = 300;
	c->color = COLOR_AUTO;
	c->charset = CHARSET_AUTO;
	c->connect_timeout_ms = 5000;
	c->timeout_ms = 15000;
	c->cache_s = 300;
	c->update_state_dir = xstrdup(CONFIG_STATE_DIR);
	c->update_warn_after_days = CONFIG_WARN_AFTER_DAYS;
	c->update_timeout_s = 60;
}

void config_free(struct config *c)
{
	free(c->bundle);
	free(c->content_dir);
	free(c->regions_dir);
	free(c->region);
	free(c->export_dir);
	free(c->status_url);
	free(c->token_file);
	free(c->ca_file);
	free(c->proxy);
	free(c->update_url);
	free(c->update_public_key);
	free(c->update_ca_file);
	free(c->update_state_dir);
	profile_free(&c->profile);
	memset(c, 0, sizeof *c);
}

struct load_ctx {
	struct config *c;
	const char *path;
	char *dir;
	struct diags *d;
	int line; /* line last read: inih's handler does not get it from Debian's build */
	bool set_dir, set_bundle; /* this file names a content directory / a bundle */
};

/* Reads lines for ini_parse_stream and counts them, so problems get a line. */
struct line_reader {
	FILE *f;
	int *line;
	const char *path;
	struct diags *d;
};

static char *read_line(char *buf, int size, void *stream)
{
	struct line_reader *r = stream;
	char *s = fgets(buf, size, r->f);
	int ch;

	if (s == NULL)
		return NULL;
	(*r->line)++;
	if (strchr(s, '\n') == NULL && (ch = getc(r->f)) != EOF && ch != '\n') {
		/*
		 * Longer than inih's buffer: it would keep the cut value and read the
		 * rest as a line of its own. Skip the whole line and say so instead.
		 */
		while ((ch = getc(r->f)) != EOF && ch != '\n')
			;
		diags_add(r->d, r->path, *r->line, "line longer than %d bytes; ignored", size - 1);
		buf[0] = '\0';
	}
	return s;
}

static bool parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};

	for (size_t i = 0; i < ARRAY_LEN(yes); i++)
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return true;
		}
	for (size_t i = 0; i < ARRAY_LEN(no); i++)
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return true;
		}
	return false;
}

static bool parse_long(const char *v, long lo, long hi, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < lo || n > hi)
		return false;
	*out = n;
	return true;
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

static void set_path(struct load_ctx *lc, char **dst, const char *v)
{
	free(*dst);
	*dst = v[0] == '\0' ? NULL : util_path_join(lc->dir, v);
}

enum vtype { V_STR, V_PATH, V_BOOL, V_INT, V_LONG, V_ENUM, V_HTTPS, V_KEYS };

struct setting {
	const char *section, *key;
	enum vtype type;
	size_t off;
	long lo, hi;
	const char *const *names; /* V_ENUM: NULL-terminated */
};

static const char *const color_names[] = {"auto", "always", "never", NULL};
static const char *const charset_names[] = {"auto", "utf-8", "gb18030", NULL};

#define OFF(f) offsetof(struct config, f)
static const struct setting settings[] = {
	{"guide", "bundle", V_PATH, OFF(bundle), 0, 0, NULL},
	{"guide", "content_dir", V_PATH, OFF(content_dir), 0, 0, NULL},
	{"guide", "regions_dir", V_PATH, OFF(regions_dir), 0, 0, NULL},
	{"guide", "region", V_STR, OFF(region), 0, 0, NULL},
	{"guide", "kiosk", V_BOOL, OFF(kiosk), 0, 0, NULL},
	{"guide", "idle_timeout_s", V_INT, OFF(idle_timeout_s), 1, 86400, NULL},
	{"guide", "export_dir", V_PATH, OFF(export_dir), 0, 0, NULL},
	{"display", "color", V_ENUM, OFF(color), 0, 0, color_names},
	{"display", "ascii_borders", V_BOOL, OFF(ascii_borders), 0, 0, NULL},
	{"display", "mouse", V_BOOL, OFF(mouse), 0, 0, NULL},
	{"display", "marker", V_BOOL, OFF(marker), 0, 0, NULL},
	{"display", "charset", V_ENUM, OFF(charset), 0, 0, charset_names},
	{"status", "url", V_STR, OFF(status_url), 0, 0, NULL},
	{"status", "token_file", V_PATH, OFF(token_file), 0, 0, NULL},
	{"status", "connect_timeout_ms", V_LONG, OFF(connect_timeout_ms), 100, 600000, NULL},
	{"status", "timeout_ms", V_LONG, OFF(timeout_ms), 100, 600000, NULL},
	{"status", "ca_file", V_PATH, OFF(ca_file), 0, 0, NULL},
	{"status", "cache_s", V_INT, OFF(cache_s), 0, 86400, NULL},
	{"status", "allow_loopback_http", V_BOOL, OFF(allow_loopback_http), 0, 0, NULL},
	{"status", "proxy", V_STR, OFF(proxy), 0, 0, NULL},
	{"update", "url", V_HTTPS, OFF(update_url), 0, 0, NULL},
	{"update", "public_key", V_KEYS, OFF(update_public_key), 0, 0, NULL},
	{"update", "ca_file", V_PATH, OFF(update_ca_file), 0, 0, NULL},
	{"update", "state_dir", V_PATH, OFF(update_state_dir), 0, 0, NULL},
	{"update", "warn_after_days", V_INT, OFF(update_warn_after_days), 1, 36500, NULL},
	{"update", "timeout_s", V_INT, OFF(update_timeout_s), 1, 3600, NULL},
};

static int on_setting(void *user, const char *section, const char *key, const char *raw)
{
	struct load_ctx *lc = user;
	int line = lc->line;
	char *v = text_sanitize(raw, strlen(raw), 0, NULL, NULL);
	bool known_section = false;

	for (size_t i = 0; i < ARRAY_LEN(settings); i++) {
		const struct setting *s = &settings[i];
		char *field = (char *)lc->c + s->off;
		long n;
		bool b;

		if (strcmp(s->section, section) != 0)
			continue;
		known_section = true;
		if (strcmp(s->key, key) != 0)
			continue;
		switch (s->type) {
		case V_STR:
			set_str((char **)(void *)field, v);
			break;
		case V_HTTPS:
			if (v[0] == '\0') {
				free(*(char **)(void *)field);
				*(char **)(void *)field = NULL;
			} else if (strncasecmp(v, "https://", 8) != 0)
				diags_add(lc->d, lc->path, line,
					  "[%s] %s: \"%s\" is not an https:// URL; ignored", section,
					  key, v);
			else
				set_str((char **)(void *)field, v);
			break;
		case V_KEYS: {
			char why[160];

			if (v[0] == '\0') {
				free(*(char **)(void *)field);
				*(char **)(void *)field = NULL;
			} else if (minisig_pubkeys_check(v, why, sizeof why) < 0)
				diags_add(lc->d, lc->path, line, "[%s] %s: %s; ignored", section, key,
					  why);
			else
				set_str((char **)(void *)field, v);
			break;
		}
		case V_PATH:
			set_path(lc, (char **)(void *)field, v);
			if (s->off == OFF(content_dir))
				lc->set_dir = true;
			if (s->off == OFF(bundle))
				lc->set_bundle = true;
			break;
		case V_BOOL:
			if (parse_bool(v, &b))
				*(bool *)(void *)field = b;
			else
				diags_add(lc->d, lc->path, line,
					  "[%s] %s: \"%s\" is not true or false; default kept", section,
					  key, v);
			break;
		case V_INT:
		case V_LONG:
			if (!parse_long(v, s->lo, s->hi, &n))
				diags_add(lc->d, lc->path, line,
					  "[%s] %s: \"%s\" is not a number from %ld to %ld; default kept",
					  section, key, v, s->lo, s->hi);
			else if (s->type == V_INT)
				*(int *)(void *)field = (int)n;
			else
				*(long *)(void *)field = n;
			break;
		case V_ENUM: {
			int k = 0;

			while (s->names[k] != NULL && strcasecmp(s->names[k], v) != 0)
				k++;
			if (s->names[k] != NULL)
				*(int *)(void *)field = k;
			else
				diags_add(lc->d, lc->path, line,
					  "[%s] %s: \"%s\" is not one of %s|%s|%s; default kept",
					  section, key, v, s->names[0], s->names[1], s->names[2]);
			break;
		}
		}
		free(v);
		return 1;
	}
	{
		/* Names from the file are quoted back: sanitise them like any text. */
		char *sec = text_sanitize(section, strlen(section), 0, NULL, NULL);
		char *k = text_sanitize(key, strlen(key), 0, NULL, NULL);

		if (!known_section)
			diags_add(lc->d, lc->path, line, "unknown section [%s]", sec);
		else
			diags_add(lc->d, lc->path, line, "unknown key \"%s\" in [%s]", k, sec);
		free(sec);
		free(k);
	}
	free(v);
	return 1; /* keep reading: every problem is reported */
}

int config_load(struct config *c, const char *path, bool required, struct diags *d)
{
	struct load_ctx lc = {c, path, util_dirname(path), d, 0, false, false};
	FILE *f = fopen(path, "r");
	struct line_reader lr = {f, &lc.line, path, d};
	int rc;

	if (f == NULL) {
		if (required)
			diags_add(d, path, 0, "cannot open config file: %s", strerror(errno));
		free(lc.dir);
		return -1;
	}
	rc = ini_parse_stream(read_line, &lr, on_setting, &lc);
	fclose(f);
	if (lc.set_dir && !lc.set_bundle) {
		/* A later file that names only a directory means it (packed in memory). */
		free(c->bundle);
		c->bundle = NULL;
	}
	if (rc > 0)
		diags_add(d, path, rc, "not an INI line (\"key = value\" or \"[section]\")");
	free(lc.dir);
	return 0;
}

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

/* Read one profile from f (named path in messages). */
static void parse_profile(struct profile *p, FILE *f, const char *path, struct diags *d)
{
	struct region_ctx rc = {p, path, d, 0};
	struct line_reader lr = {f, &rc.line, path, d};
	int r = ini_parse_stream(read_line, &lr, on_region, &rc);

	if (r > 0)
		diags_add(d, path, r, "not an INI line (\"key = value\" or \"[section]\")");
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
	FILE *f;

	free(file);
	if (src->get != NULL) {
		size_t len;
		char *text = src->get(src->ctx, name, &len);

		f = text != NULL && len > 0 ? fmemopen(text, len, "r") : NULL;
		if (f != NULL)
			parse_profile(p, f, path, d);
		if (f != NULL)
			fclose(f);
		free(text);
		free(path);
		return text != NULL ? 0 : -1;
	}
	f = fopen(path, "r");
	if (f == NULL) {
		free(path);
		return -1;
	}
	parse_profile(p, f, path, d);
	fclose(f);
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

static int load_region(struct config *c, const struct profile_src *src, const char *where,
		       const char *name, struct diags *d)
{
	struct profile *p = &c->profile;
	int rc = 0;

	profile_free(p);
	if (name == NULL)
		name = "national";
	if (load_profile_file(p, src, "national", d) < 0)
		diags_add(d, where, 0, "no national.ini region profile here");
	if (strcmp(name, "national") != 0) {
		if (!valid_region_name(name) || load_profile_file(p, src, name, d) < 0) {
			diags_add(d, where, 0, "no region profile \"%s\"; using national", name);
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
	struct profile_src src = {c->regions_dir, NULL, NULL};

	return load_region(c, &src, c->regions_dir, name, d);
}

int config_load_region_from(struct config *c, const char *name,
			    char *(*get)(void *ctx, const char *name, size_t *len), void *ctx,
			    const char *where, struct diags *d)
{
	struct profile_src src = {NULL, get, ctx};

	return load_region(c, &src, where, name, d);
}

const char *config_lookup(void *ctx, const char *name)
{
	const struct config *c = ctx;

	if (strcmp(name, "region") == 0)
		return c->profile.title;
	return kv_get(&c->profile.values, name);
}

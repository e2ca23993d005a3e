/*
 * config.c -- settings from INI files (inih), layered: the main file and its drop-ins
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "iniread.h"
#include "minisig.h"
#include "text.h"
#include "util.h"

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->content_dir = xstrdup("content");
	c->regions_dir = xstrdup("config/regions");
	c->region = xstrdup("national");
	c->idle_timeout_s = 300;
	c->color = CFG_COLOR_AUTO;
	c->charset = CHARSET_AUTO;
	c->connect_timeout_ms = 5000;
	c->timeout_ms = 15000;
	c->cache_s = 300;
	c->update_state_dir = xstrdup(CONFIG_STATE_DIR);
	c->update_warn_after_days = CONFIG_WARN_AFTER_DAYS;
	c->update_timeout_s = 60;
	c->update_max_mib = CONFIG_UPDATE_MAX_MIB;
}

void config_clear(struct config *c)
{
	if (c == NULL)
		return;
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
	free(c->update_download_dir);
	free(c->update_metrics_file);
	free(c->stats_file);
	free(c->fail_closed);
	memset(c, 0, sizeof *c);
}

struct load_ctx {
	struct config *c;
	const char *path;
	char *dir;
	struct diags *d;
	int line;                 /* line last read: inih's handler does not get it from Debian's build */
	bool set_dir, set_bundle; /* this file names a content directory / a bundle */
	bool system;              /* an administrator's file: guarding settings fail closed */
};

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

enum vtype {
	V_STR,
	V_PATH,
	V_BOOL,
	V_INT,
	V_LONG,
	V_ENUM,
	V_HTTPS,
	V_URL,
	V_KEYS
};

struct setting {
	const char *section, *key;
	enum vtype type;
	size_t off;
	long lo, hi;
	const char *const *names; /* V_ENUM: NULL-terminated */
	bool guard;               /* guards residents: a bad value in a system file fails closed */
};

static const char *const color_names[] = {"auto", "always", "never", NULL};
static const char *const charset_names[] = {"auto", "utf-8", "gb18030", NULL};

#define OFF(f) offsetof(struct config, f)
static const struct setting settings[] = {
	{"guide", "bundle", V_PATH, OFF(bundle), 0, 0, NULL, false},
	{"guide", "content_dir", V_PATH, OFF(content_dir), 0, 0, NULL, false},
	{"guide", "regions_dir", V_PATH, OFF(regions_dir), 0, 0, NULL, false},
	{"guide", "region", V_STR, OFF(region), 0, 0, NULL, false},
	{"guide", "kiosk", V_BOOL, OFF(kiosk), 0, 0, NULL, true},
	{"guide", "idle_timeout_s", V_INT, OFF(idle_timeout_s), 1, 86400, NULL, true},
	{"guide", "export_dir", V_PATH, OFF(export_dir), 0, 0, NULL, true},
	{"display", "color", V_ENUM, OFF(color), 0, 0, color_names, false},
	{"display", "ascii_borders", V_BOOL, OFF(ascii_borders), 0, 0, NULL, false},
	{"display", "mouse", V_BOOL, OFF(mouse), 0, 0, NULL, false},
	{"display", "marker", V_BOOL, OFF(marker), 0, 0, NULL, false},
	{"display", "charset", V_ENUM, OFF(charset), 0, 0, charset_names, false},
	{"status", "url", V_URL, OFF(status_url), 0, 0, NULL, true},
	{"status", "token_file", V_PATH, OFF(token_file), 0, 0, NULL, false},
	{"status", "connect_timeout_ms", V_LONG, OFF(connect_timeout_ms), 100, 600000, NULL, false},
	{"status", "timeout_ms", V_LONG, OFF(timeout_ms), 100, 600000, NULL, false},
	{"status", "ca_file", V_PATH, OFF(ca_file), 0, 0, NULL, false},
	{"status", "cache_s", V_INT, OFF(cache_s), 0, 86400, NULL, false},
	{"status", "allow_loopback_http", V_BOOL, OFF(allow_loopback_http), 0, 0, NULL, true},
	{"status", "proxy", V_STR, OFF(proxy), 0, 0, NULL, false},
	{"update", "url", V_HTTPS, OFF(update_url), 0, 0, NULL, true},
	{"update", "public_key", V_KEYS, OFF(update_public_key), 0, 0, NULL, true},
	{"update", "ca_file", V_PATH, OFF(update_ca_file), 0, 0, NULL, false},
	{"update", "state_dir", V_PATH, OFF(update_state_dir), 0, 0, NULL, false},
	{"update", "download_dir", V_PATH, OFF(update_download_dir), 0, 0, NULL, false},
	{"update", "warn_after_days", V_INT, OFF(update_warn_after_days), 1, 36500, NULL, false},
	{"update", "timeout_s", V_INT, OFF(update_timeout_s), 1, 3600, NULL, false},
	{"update", "max_size_mib", V_INT, OFF(update_max_mib), 1, 4096, NULL, false},
	{"update", "metrics_file", V_PATH, OFF(update_metrics_file), 0, 0, NULL, false},
	{"stats", "enabled", V_BOOL, OFF(stats), 0, 0, NULL, false},
	{"stats", "file", V_PATH, OFF(stats_file), 0, 0, NULL, false},
};

/*
 * A system file's bad value for a guarding setting: the safe value, kiosk on,
 * and the first such place kept for the one line the session logs.
 */
static void fail_closed(struct load_ctx *lc, int line, const char *what)
{
	struct config *c = lc->c;

	if (c->fail_closed == NULL)
		c->fail_closed = line > 0 ? xasprintf("%s:%d: %s", lc->path, line, what)
					  : xasprintf("%s: %s", lc->path, what);
	c->nfail_closed++;
	c->kiosk = true;
}

/* The safe value of guarding setting s (see the table): what kiosk would use. */
static void set_safe(struct config *c, const struct setting *s)
{
	char *field = (char *)c + s->off;

	if (s->off == OFF(kiosk))
		c->kiosk = true;
	else if (s->off == OFF(allow_loopback_http))
		c->allow_loopback_http = false;
	else if (s->off == OFF(idle_timeout_s)) {
		if (c->idle_timeout_s > 300)
			c->idle_timeout_s = 300;
	} else if (s->type == V_PATH || s->type == V_URL || s->type == V_HTTPS ||
		   s->type == V_KEYS) {
		/* No export directory, no lookups, no updates trusted. */
		free(*(char **)(void *)field);
		*(char **)(void *)field = NULL;
	}
}

/* A status URL the guide may use: https, or http to 127.0.0.1 (tests). */
static bool status_url_ok(const char *v)
{
	return strncasecmp(v, "https://", 8) == 0 || strncmp(v, "http://127.0.0.1", 16) == 0;
}

/*
 * Parse v for s into c. Returns 0, or -1 with why the value is bad in why
 * and the value left as it was.
 */
static int set_value(struct load_ctx *lc, const struct setting *s, const char *raw, const char *v,
		     char *why, size_t whylen)
{
	char *field = (char *)lc->c + s->off;
	long n;
	bool b;

	switch (s->type) {
	case V_STR:
		set_str((char **)(void *)field, v);
		break;
	case V_HTTPS:
	case V_URL:
		if (v[0] == '\0') {
			free(*(char **)(void *)field);
			*(char **)(void *)field = NULL;
		} else if (s->type == V_HTTPS ? strncasecmp(v, "https://", 8) != 0 : !status_url_ok(v)) {
			util_say(why, whylen, "\"%s\" is not an https:// URL", v);
			return -1;
		} else
			set_str((char **)(void *)field, v);
		break;
	case V_KEYS:
		if (v[0] == '\0') {
			free(*(char **)(void *)field);
			*(char **)(void *)field = NULL;
		} else if (minisig_pubkeys_check(v, why, whylen) < 0) {
			return -1;
		} else
			set_str((char **)(void *)field, v);
		break;
	case V_PATH:
		/* A path with control characters in it is not what anyone meant. */
		if (s->guard && strcmp(v, raw) != 0) {
			util_say(why, whylen, "\"%s\" has control characters in it", v);
			return -1;
		}
		set_path(lc, (char **)(void *)field, v);
		if (s->off == OFF(content_dir))
			lc->set_dir = true;
		if (s->off == OFF(bundle))
			lc->set_bundle = true;
		break;
	case V_BOOL:
		if (!parse_bool(v, &b)) {
			util_say(why, whylen, "\"%s\" is not true or false", v);
			return -1;
		}
		*(bool *)(void *)field = b;
		break;
	case V_INT:
	case V_LONG:
		if (!parse_long(v, s->lo, s->hi, &n)) {
			util_say(why, whylen, "\"%s\" is not a number from %ld to %ld", v, s->lo, s->hi);
			return -1;
		}
		if (s->type == V_INT)
			*(int *)(void *)field = (int)n;
		else
			*(long *)(void *)field = n;
		break;
	case V_ENUM: {
		int k = 0;

		while (s->names[k] != NULL && strcasecmp(s->names[k], v) != 0)
			k++;
		if (s->names[k] == NULL) {
			util_say(why, whylen, "\"%s\" is not one of %s|%s|%s", v, s->names[0],
				 s->names[1], s->names[2]);
			return -1;
		}
		*(int *)(void *)field = k;
		break;
	}
	}
	return 0;
}

static int on_setting(void *user, const char *section, const char *key, const char *raw)
{
	struct load_ctx *lc = user;
	int line = lc->line;
	char *v = text_sanitize(raw, strlen(raw), 0, NULL, NULL);
	bool known_section = false;

	for (size_t i = 0; i < ARRAY_LEN(settings); i++) {
		const struct setting *s = &settings[i];
		char bad[256];

		if (strcmp(s->section, section) != 0)
			continue;
		known_section = true;
		if (strcmp(s->key, key) != 0)
			continue;
		if (set_value(lc, s, raw, v, bad, sizeof bad) == 0) {
			free(v);
			return 1;
		}
		if (s->guard && lc->system) {
			char *what = xasprintf("[%s] %s: %s", section, key, bad);

			set_safe(lc->c, s);
			fail_closed(lc, line, what);
			diags_add(lc->d, lc->path, line,
				  "%s; it guards residents: the safe value is used and sessions run as kiosk",
				  what);
			free(what);
		} else {
			bool kept = s->type == V_BOOL || s->type == V_INT || s->type == V_LONG ||
				    s->type == V_ENUM;

			diags_add(lc->d, lc->path, line, "[%s] %s: %s; %s", section, key, bad,
				  kept ? "default kept" : "ignored");
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

/* One file (no drop-ins). Returns 0, or -1 with errno when it cannot be read. */
static int load_one(struct config *c, const char *path, unsigned flags, bool say_missing,
		    struct diags *d)
{
	struct load_ctx lc = {c, path, util_dirname(path), d, 0, false, false,
			      (flags & CONFIG_SYSTEM) != 0};
	int rc = iniread_file(path, CONFIG_MAX_FILE, on_setting, &lc, &lc.line, d);

	if (rc < 0) {
		int err = errno;

		if (iniread_worth_saying(err, say_missing))
			diags_add(d, path, 0, "cannot open config file: %s", util_read_error(err));
		/* There but unreadable: whatever it guards is unknown. */
		if (lc.system && err != ENOENT && err != ENOTDIR) {
			char *what = xasprintf("cannot be read (%s)", util_read_error(err));

			fail_closed(&lc, 0, what);
			diags_add(d, path, 0, "a system file that cannot be read may guard residents: sessions run as kiosk");
			free(what);
		}
		free(lc.dir);
		errno = err;
		return -1;
	}
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

static int cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Longest drop-in directory listing read (names). */
#define CONFIG_MAX_DROPINS 1000

/* Every *.ini of PATH.d in name order, each as one file of its own. */
static void load_dropins(struct config *c, const char *path, unsigned flags, struct diags *d)
{
	char *dir = xasprintf("%s.d", path);
	DIR *dh = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (dh == NULL) {
		int err = errno;

		if (err != ENOENT && err != ENOTDIR) {
			struct load_ctx lc = {c, dir, NULL, d, 0, false, false, (flags & CONFIG_SYSTEM) != 0};

			diags_add(d, dir, 0, "cannot read the drop-in directory: %s", strerror(err));
			if (lc.system)
				fail_closed(&lc, 0, "the drop-in directory cannot be read");
		}
		free(dir);
		return;
	}
	while ((de = readdir(dh)) != NULL && n < CONFIG_MAX_DROPINS) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len <= 4 || strcmp(de->d_name + len - 4, ".ini") != 0)
			continue;
		names = xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dh);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		char *file = util_path_join(dir, names[i]);

		load_one(c, file, flags, true, d);
		free(file);
		free(names[i]);
	}
	free(names);
	free(dir);
}

int config_load_file(struct config *c, const char *path, unsigned flags, struct diags *d)
{
	int rc = load_one(c, path, flags, (flags & CONFIG_REQUIRED) != 0, d);

	load_dropins(c, path, flags, d);
	/* No later file undoes a system file's fail-closed. */
	if (c->nfail_closed > 0)
		c->kiosk = true;
	return rc;
}

int config_load(struct config *c, const char *path, bool required, struct diags *d)
{
	return config_load_file(c, path, required ? CONFIG_REQUIRED : 0, d);
}

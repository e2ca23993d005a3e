/*
 * config.h -- settings from INI files (inih), layered, and region profiles
 * SPDX-License-Identifier: MIT
 *
 * Built-in defaults, then each file given to config_load overrides what it sets.
 * A bad value is reported as FILE:LINE and the earlier value kept. The struct is
 * read-only once the guide starts.
 */
#ifndef YIBAO_CONFIG_H
#define YIBAO_CONFIG_H

#include <stdbool.h>

#include "util.h"

enum color_mode { CFG_COLOR_AUTO, CFG_COLOR_ALWAYS, CFG_COLOR_NEVER };
enum charset { CHARSET_AUTO, CHARSET_UTF8, CHARSET_GB18030 };

/* An ordered list of key = value pairs (region profile sections). */
struct kvlist {
	struct kv {
		char *key, *val;
	} *v;          /* in the order first set */
	size_t n, cap;
	size_t *index; /* hash of key -> position in v + 1 (0: empty); icap slots */
	size_t icap;
};
/* Largest INI file read (config or region profile). */
#define CONFIG_MAX_FILE (16 * 1024 * 1024)
/* Set (copying) key to val, replacing an earlier value. Constant time on average. */
void kv_set(struct kvlist *l, const char *key, const char *val);
/* The value of key, or NULL. Owned by l. */
const char *kv_get(const struct kvlist *l, const char *key);
void kv_free(struct kvlist *l);

/* Figures that differ by place: config/regions/NAME.ini layered over national.ini. */
struct profile {
	char *name;  /* file name without .ini */
	char *title; /* [region] title, shown in the header */
	struct kvlist values;    /* [values]: the {{placeholders}} */
	struct kvlist reimburse; /* [reimburse]: calculator figures */
};

struct config {
	/* [guide] */
	char *content_dir;
	char *regions_dir;
	char *region;
	bool kiosk;
	int idle_timeout_s;
	char *export_dir;
	/* [display] */
	enum color_mode color;
	bool ascii_borders;
	bool mouse;
	bool marker;
	enum charset charset;
	/* [status] */
	char *status_url;
	char *token_file;
	long connect_timeout_ms;
	long timeout_ms;
	char *ca_file;
	int cache_s;
	bool allow_loopback_http;
	char *proxy;

	struct profile profile;
	/* Names of the profiles in regions_dir, sorted (set by config_load_region). */
	char **regions;
	size_t nregions;
};

/* Fill c with the built-in defaults. Free with config_free. */
void config_defaults(struct config *c);
/*
 * Read one INI file over c. Relative paths in it are taken from the file's
 * directory. Returns 0, or -1 when the file cannot be opened (reported in d only
 * when required). Problems inside go to d; the earlier values stay.
 */
int config_load(struct config *c, const char *path, bool required, struct diags *d);
/*
 * Load region profile name (national when NULL or "national") from
 * c->regions_dir into c->profile, over national.ini. Returns 0, or -1 when the
 * named profile does not exist (then national is loaded and d says why).
 */
int config_load_region(struct config *c, const char *name, struct diags *d);
/* The [region] title of profile name in c->regions_dir (new string), or NULL. */
char *config_region_title(const struct config *c, const char *name);
/* Placeholder lookup for content_load: ctx is a struct config. */
const char *config_lookup(void *ctx, const char *name);
void config_free(struct config *c);

#endif

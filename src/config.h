/*
 * config.h -- settings from INI files (inih), layered, and region profiles
 * SPDX-License-Identifier: MIT
 *
 * Built-in defaults, then each file given to config_load overrides what it sets,
 * and after each file every *.ini of FILE.d/ in name order (drop-ins). A bad
 * value is reported as FILE:LINE and the earlier value kept, except in a system
 * file for a setting that guards residents: there it fails closed (the safe
 * value, and kiosk on). The struct is read-only once the guide starts.
 */
#ifndef YIBAO_CONFIG_H
#define YIBAO_CONFIG_H

#include <stdbool.h>

#include "util.h"

/* [update] defaults: where updates are kept; age after which the guide warns. */
#define CONFIG_STATE_DIR "/var/lib/yibao"
#define CONFIG_WARN_AFTER_DAYS 400
/* Default for [update] max_size_mib: the largest bundle --update accepts, in MiB. */
#define CONFIG_UPDATE_MAX_MIB 64

enum color_mode {
	CFG_COLOR_AUTO,
	CFG_COLOR_ALWAYS,
	CFG_COLOR_NEVER
};
enum charset {
	CHARSET_AUTO,
	CHARSET_UTF8,
	CHARSET_GB18030
};

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
/* Largest INI file read (config or region profile). */
#define CONFIG_MAX_FILE (16 * 1024 * 1024)
/* Set (copying) key to val, replacing an earlier value. Constant time on average. */
void kv_set(struct kvlist *l, const char *key, const char *val);
/* The value of key, or NULL. Owned by l. */
const char *kv_get(const struct kvlist *l, const char *key);
/* Free every key and value of l (l may be NULL). */
void kv_clear(struct kvlist *l);

/* Figures that differ by place: config/regions/NAME.ini layered over national.ini. */
struct profile {
	char *name;              /* file name without .ini */
	char *title;             /* [region] title, shown in the header */
	struct kvlist values;    /* [values]: the {{placeholders}} */
	struct kvlist reimburse; /* [reimburse]: calculator figures */
};

struct config {
	/* [guide] */
	char *bundle; /* the shipped bundle (trusted by place); NULL: none (a file
		       * that sets content_dir but not bundle clears it) */
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
	/* [update]: the signed content bundle (see bundle.h, minisig.h) */
	char *update_url;           /* https URL of the bundle; its signature is URL.minisig */
	char *update_public_key;    /* minisign public keys (base64), separated by spaces */
	char *update_ca_file;       /* CA bundle for the download; NULL: the system's */
	char *update_state_dir;     /* where sessions read the installed yibao.bundle(.minisig) */
	char *update_download_dir;  /* where --update fetches and verifies, when not state_dir
				       (--install-update, as root, installs from it); NULL: none */
	int update_warn_after_days; /* a bundle older than this is shown as possibly out of date */
	int update_timeout_s;       /* --update: give up a connection or a stalled transfer after it */
	int update_max_mib;         /* --update: a larger bundle is refused while it arrives */
	char *update_metrics_file;  /* --update: Prometheus textfile written after each run; NULL: none */
	/* [stats]: opt-in session counters (counts only) */
	bool stats;
	char *stats_file; /* the Prometheus textfile sessions add their counts to */

	/*
	 * A system file had a bad value for a setting that guards residents: the
	 * first as "FILE:LINE: what", how many in all. kiosk is then on whatever
	 * a later file says.
	 */
	char *fail_closed;
	int nfail_closed;

	struct profile profile;
	/* Names of the region profiles, sorted (set by config_load_region*). */
	char **regions;
	size_t nregions;
	/* Where the profiles come from: regions_dir, or (get set) a bundle's texts. */
	char *(*profile_get)(void *ctx, const char *name, size_t *len);
	void *profile_ctx;
	const char *profile_names;
};

/* Fill c with the built-in defaults. Free with config_clear. */
void config_defaults(struct config *c);
/* Flags of config_load_file. */
enum {
	CONFIG_REQUIRED = 1, /* a missing file is a problem */
	CONFIG_SYSTEM = 2    /* written by the administrator: guarding settings fail closed */
};
/*
 * Read one INI file over c, then every *.ini in PATH.d/ in name order (strcmp;
 * other names, like .dpkg-old, are skipped). Relative paths in a file are
 * taken from its directory. Returns 0, or -1 when path cannot be opened
 * (reported in d only when CONFIG_REQUIRED or when it is there but unusable; its
 * drop-ins are read all the same). Problems inside go to d as FILE:LINE (a
 * drop-in that cannot be read, a directory, a NUL, an unknown key) and the rest
 * is read; the earlier values stay. With CONFIG_SYSTEM, a bad value for a
 * setting that guards residents (kiosk, idle_timeout_s, export_dir, the status
 * and update URLs, public_key, allow_loopback_http), or a system file that is
 * there but cannot be read, sets the safe value and kiosk, and is counted in
 * c->fail_closed.
 */
int config_load_file(struct config *c, const char *path, unsigned flags, struct diags *d);
/* config_load_file with CONFIG_REQUIRED when required, not as a system file. */
int config_load(struct config *c, const char *path, bool required, struct diags *d);
/*
 * Load region profile name (national when NULL or "national") from
 * c->regions_dir into c->profile, over national.ini. Returns 0, or -1 when the
 * named profile does not exist (then national is loaded and d says why).
 */
int config_load_region(struct config *c, const char *name, struct diags *d);
/*
 * The same, with each profile's text from get(ctx, name, &len) (a new string
 * the caller frees, or NULL when there is none): the region profiles of the
 * open bundle; names lists them (space-separated), where names the source in
 * messages. get, ctx and names must outlive c's use of its regions (they are
 * kept for config_region_title and the region list).
 */
int config_load_region_from(struct config *c, const char *name,
			    char *(*get)(void *ctx, const char *name, size_t *len), void *ctx,
			    const char *names, const char *where, struct diags *d);
/* One key = value of a region profile as written: its file and line (sanitised). */
typedef void (*config_profile_fn)(void *user, const char *path, int line, const char *section,
				  const char *key, const char *value);
/*
 * Read region profile name from where c's profiles come (its directory, or the
 * bundle's texts) and call fn for every key in file order. Returns 0, or -1
 * when the profile cannot be read (said in d). For the strict check
 * (profile_check); nothing in c changes.
 */
int config_profile_walk(const struct config *c, const char *name, config_profile_fn fn,
			void *user, struct diags *d);
/* The [region] title of profile name, from where the profiles came (new string), or NULL. */
char *config_region_title(const struct config *c, const char *name);
/* Placeholder lookup for guide_load: ctx is a struct config. */
const char *config_lookup(void *ctx, const char *name);
/* Free everything c holds (c may be NULL). */
void config_clear(struct config *c);
/* Empty a profile (name, title, values): what config_load_region replaces. p may be NULL. */
void config_profile_clear(struct profile *p);

#endif

/*
 * config.h -- settings from INI files (inih), layered
 * SPDX-License-Identifier: MIT
 *
 * Built-in defaults, then each file given to config_load overrides what it sets,
 * and after each file every *.ini of FILE.d/ in name order (drop-ins). A bad
 * value is reported as FILE:LINE and the earlier value kept, except in a system
 * file for a setting that guards residents: there it fails closed (the safe
 * value, and kiosk on). The struct is read-only once loaded: the region a
 * session shows, and its profile, are the guide's (regions.h, guide.h).
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

/* Largest INI file read (config or region profile). */
#define CONFIG_MAX_FILE (16 * 1024 * 1024)
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
/* Free everything c holds (c may be NULL). */
void config_clear(struct config *c);

#endif

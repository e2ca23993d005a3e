/*
 * update.c -- yibao --update: fetch, verify and install a newer signed content bundle
 * SPDX-License-Identifier: MIT
 *
 * One blocking run, from cron or a systemd timer: the guide's sessions never
 * call this. The network rules are the status lookups' (status.c): https only,
 * redirects only to https, the proxies of the environment ignored, TLS 1.2 or
 * newer, and nothing waits for ever: a connection or a transfer that makes no
 * progress for [update] timeout_s ends, and so does one running longer than
 * UPDATE_MAX_TIME_S.
 *
 * Why the pair is installed through a "current" symlink (see update.h): the
 * bundle and its signature are two files, and rename(2) replaces one name at
 * a time. Renaming the signature first leaves, after a crash between the two
 * renames, the new signature beside the old bundle; renaming the bundle first
 * leaves the opposite; either way the guide would find a pair that does not
 * verify and fall back to the shipped bundle. So each complete, verified pair
 * gets a directory of its own (b.VERSION, fsynced, never modified again), the
 * two names the guide opens are fixed symlinks through "current", and the
 * switch is the one rename of a new "current" link over the old one: before
 * it every name reaches the old pair, after it the new one.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* flock, symlinkat */
#endif
#include "update.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "fetch.h"
#include "minisig.h"
#include "statedir.h"
#include "status_curl.h"
#include "text.h"
#include "update_state.h"
#include "util.h"

#ifndef YIBAO_VERSION
#define YIBAO_VERSION "0.1.0"
#endif

#define BUNDLE_NAME "yibao.bundle"
#define SIG_NAME "yibao.bundle.minisig"
#define PART_NAME STATEDIR_PART
#define SIG_PART_NAME STATEDIR_SIG_PART
#define LOCK_NAME "update.lock"
#define CURRENT_NAME STATEDIR_CURRENT

struct update {
	const struct config *cfg;
	const struct curl_api *api;
	int dirfd; /* state_dir */
	char *dir; /* state_dir, for messages and the verifier's paths */
	struct update_state meta;
	char *got_etag, *got_last_modified; /* validators of the bundle just fetched */
	bool refused;                       /* the server's answer was refused: nothing of it is worth resuming */
	char *why;
	size_t whylen;
};

#ifdef YIBAO_TEST_HOOKS
/*
 * Test builds only (build/yibao-testhooks, never installed): stop at the named
 * stage so a test can kill -9 the process exactly there.
 */
static void hook(const char *stage)
{
	const char *want = getenv("YIBAO_TEST_UPDATE_STOP");

	if (want != NULL && strcmp(want, stage) == 0)
		raise(SIGSTOP);
}
#else
static void hook(const char *stage)
{
	(void)stage;
}
#endif

/* Set the one-line message (sanitised when the run ends) and return r. */
static enum update_result say(struct update *u, enum update_result r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static enum update_result say(struct update *u, enum update_result r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->why, u->whylen, fmt, ap);
	va_end(ap);
	return r;
}

/*
 * A download into the part starts from its first byte: remember how it could
 * be resumed (fetch.c says which validators allow it). Not fatal when writing
 * fails: this download just cannot be resumed.
 */
static void on_restart(void *ctx, const char *etag, const char *last_modified)
{
	struct update *u = ctx;

	update_state_set(&u->meta.part_etag, etag);
	update_state_set(&u->meta.part_last_modified, last_modified);
	update_state_write(u->dirfd, &u->meta);
}

/* Every option of one GET; false when this libcurl refuses one. */
static bool set_options(struct update *u, CURL *e, const char *url, struct fetch *f,
			struct curl_slist *headers, bool compressed, char *errbuf)
{
	const struct config *c = u->cfg;
	CURLcode (*set)(CURL *, CURLoption, ...) = u->api->easy_setopt;
	long t = c->update_timeout_s > 0 ? c->update_timeout_s : UPDATE_TIMEOUT_S;
	struct curl_rules r = {.url = url,
			       .ca_file = c->update_ca_file,
			       .proxy = c->proxy,
			       .agent = "yibao-update/" YIBAO_VERSION,
			       .headers = headers,
			       .errbuf = errbuf};
	bool ok = status_curl_rules(u->api, e, &r);

	/* A static server may move the files (a CDN); never to another scheme. */
	ok &= set(e, CURLOPT_FOLLOWLOCATION, 1L) == CURLE_OK;
	ok &= set(e, CURLOPT_MAXREDIRS, 5L) == CURLE_OK;
	ok &= set(e, CURLOPT_CONNECTTIMEOUT, t) == CURLE_OK;
	ok &= set(e, CURLOPT_LOW_SPEED_LIMIT, 1L) == CURLE_OK;
	ok &= set(e, CURLOPT_LOW_SPEED_TIME, t) == CURLE_OK;
	ok &= set(e, CURLOPT_TIMEOUT, (long)UPDATE_MAX_TIME_S) == CURLE_OK;
	/* An announced length refused before any byte (a 206 announces only the rest). */
	ok &= set(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->limit) == CURLE_OK;
	/* "": every encoding this libcurl decodes (a resume wants the stored identity bytes). */
	if (compressed)
		ok &= set(e, CURLOPT_ACCEPT_ENCODING, "") == CURLE_OK;
	ok &= set(e, CURLOPT_HEADERFUNCTION, fetch_on_header) == CURLE_OK;
	ok &= set(e, CURLOPT_HEADERDATA, f) == CURLE_OK;
	ok &= set(e, CURLOPT_WRITEFUNCTION, fetch_on_body) == CURLE_OK;
	ok &= set(e, CURLOPT_WRITEDATA, f) == CURLE_OK;
	return ok;
}

/* [update] max_size_mib, or its default when unset (a config from config_defaults has it). */
static int max_mib(const struct config *cfg)
{
	return cfg->update_max_mib > 0 ? cfg->update_max_mib : CONFIG_UPDATE_MAX_MIB;
}

/* Map a failed transfer to a result and message. */
static enum update_result transfer_error(struct update *u, const struct fetch *f,
					 const char *what, CURLcode rc, const char *errbuf)
{
	long t = u->cfg->update_timeout_s > 0 ? u->cfg->update_timeout_s : UPDATE_TIMEOUT_S;

	if (f->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		return say(u, UPDATE_TOO_BIG,
			   "%s: larger than %d MiB ([update] max_size_mib); refused", what,
			   max_mib(u->cfg));
	if (f->write_failed)
		return say(u, UPDATE_ERROR, "%s/%s: %s", u->dir, PART_NAME,
			   strerror(f->write_errno));
	if (f->bad_range) {
		u->refused = true; /* a part it cannot resume is dropped: the next run starts afresh */
		return say(u, UPDATE_NETWORK, "%s: the server resumed at the wrong place", what);
	}
	switch (rc) {
	case CURLE_UNSUPPORTED_PROTOCOL:
		u->refused = true;
		/* The URL itself is https (checked): a redirect, or a status line libcurl refuses. */
		if (f->code >= 300 && f->code < 400)
			return say(u, UPDATE_NETWORK,
				   "%s: redirected to a URL that is not https; refused", what);
		return say(u, UPDATE_NETWORK, "%s: the server's answer is not HTTP (%s)", what,
			   errbuf[0] != '\0' ? errbuf : u->api->easy_strerror(rc));
	case CURLE_TOO_MANY_REDIRECTS:
		u->refused = true;
		return say(u, UPDATE_NETWORK, "%s: too many redirects", what);
	case CURLE_OPERATION_TIMEDOUT:
		return say(u, UPDATE_NETWORK, "%s: the server stopped answering (nothing for %ld s)",
			   what, t);
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
		return say(u, UPDATE_NETWORK, "%s: the connection broke off (%s); the next run resumes",
			   what, errbuf[0] != '\0' ? errbuf : u->api->easy_strerror(rc));
	default:
		return say(u, UPDATE_NETWORK, "%s: %s", what,
			   errbuf[0] != '\0' ? errbuf : u->api->easy_strerror(rc));
	}
}

/*
 * GET url into f (the part file or memory), with the extra request headers
 * given. Returns -1 (result set in *res) when the transfer failed, else 0 with
 * f->code the final status.
 */
static int fetch_run(struct update *u, const char *url, struct fetch *f, struct curl_slist *headers,
		     const char *range, bool compressed, const char *what, enum update_result *res)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	CURL *e = u->api->easy_init();
	CURLcode rc;

	if (e == NULL) {
		*res = say(u, UPDATE_ERROR, "libcurl: cannot start a transfer");
		return -1;
	}
	if (!set_options(u, e, url, f, headers, compressed, errbuf) ||
	    (range != NULL && u->api->easy_setopt(e, CURLOPT_RANGE, range) != CURLE_OK)) {
		u->api->easy_cleanup(e);
		*res = say(u, UPDATE_ERROR, "libcurl 7.85 or newer is needed");
		return -1;
	}
	f->api = u->api; /* fetch_on_header asks libcurl for the headers */
	f->easy = e;
	rc = u->api->easy_perform(e);
	u->api->easy_cleanup(e);
	if (rc != CURLE_OK) {
		*res = transfer_error(u, f, what, rc, errbuf);
		return -1;
	}
	return 0;
}

static struct curl_slist *add_header(struct update *u, struct curl_slist *l, const char *name,
				     const char *value)
{
	char *h = xasprintf("%s: %s", name, value);
	struct curl_slist *r = u->api->slist_append(l, h);

	free(h);
	if (r == NULL)
		fatal("out of memory");
	return r;
}

/*
 * One GET of the bundle into the part file fd (st_size bytes there now).
 * Returns 0 with *code 200/206 (the part is complete) or 304; 1 when the
 * server refused the range (start again); -1 with *res.
 */
static int fetch_bundle_once(struct update *u, int fd, off_t have, bool conditional, long *code,
			     enum update_result *res)
{
	struct update_state *m = &u->meta;
	struct fetch f = {.fd = fd,
			  .limit = (long long)max_mib(u->cfg) << 20,
			  .on_restart = on_restart,
			  .ctx = u};
	struct curl_slist *h = NULL;
	const char *validator = m->part_etag != NULL ? m->part_etag : m->part_last_modified;
	char range[32] = "";
	bool resume = have > 0 && validator != NULL;
	long long start, total;
	int rc = -1;

	if (resume) {
		f.offset = f.total = (long long)have;
		snprintf(range, sizeof range, "%lld-", f.offset);
		h = add_header(u, h, "If-Range", validator);
	}
	if (lseek(fd, 0, SEEK_END) < 0 || (!resume && ftruncate(fd, 0) < 0)) {
		*res = say(u, UPDATE_ERROR, "%s/%s: %s", u->dir, PART_NAME, strerror(errno));
		u->api->slist_free_all(h);
		return -1;
	}
	if (conditional && m->etag != NULL)
		h = add_header(u, h, "If-None-Match", m->etag);
	else if (conditional && m->last_modified != NULL)
		h = add_header(u, h, "If-Modified-Since", m->last_modified);
	if (fetch_run(u, u->cfg->update_url, &f, h, resume ? range : NULL, !resume, "bundle",
		      res) < 0) {
		if (*res == UPDATE_TOO_BIG && unlinkat(u->dirfd, PART_NAME, 0) == 0) {
			/* Nothing of it is worth resuming. */
			update_state_set(&m->part_etag, NULL);
			update_state_set(&m->part_last_modified, NULL);
			update_state_write(u->dirfd, &u->meta);
		}
	} else if (f.code == 200 || f.code == 206) {
		/* An empty 200 writes nothing: the part must not keep older bytes. */
		if (f.code == 200 && !f.started && ftruncate(fd, 0) < 0) {
			*res = say(u, UPDATE_ERROR, "%s/%s: %s", u->dir, PART_NAME, strerror(errno));
		} else {
			/* Remembered only once it is installed (or found the same). */
			update_state_set(&u->got_etag, f.etag);
			update_state_set(&u->got_last_modified, f.last_modified);
			*code = f.code;
			rc = 0;
		}
	} else if (f.code == 304) {
		*code = f.code;
		rc = 0;
	} else if (f.code == 416 && resume && fetch_content_range(f.content_range, &start, &total) &&
		   total == f.offset) {
		/* If-Range held and the part already holds the whole file. */
		*code = 206;
		rc = 0;
	} else if (f.code == 416 && resume) {
		rc = 1;
	} else {
		u->refused = true;
		*res = say(u, UPDATE_NETWORK, "bundle: the server answered HTTP %ld", f.code);
	}
	fetch_clear(&f);
	u->api->slist_free_all(h);
	return rc;
}

static void drop_part(struct update *u);

/*
 * Download the bundle into yibao.bundle.part: conditional on the installed
 * one (when it verified), resumed when a part of the same file is there.
 * Returns 0 with *code 200/206 (the part is complete, fsynced) or 304, else -1
 * with *res; a part cut off stays for the next run.
 */
static int fetch_bundle(struct update *u, bool conditional, long *code, enum update_result *res)
{
	struct stat st;
	int fd = openat(u->dirfd, PART_NAME, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	int rc;

	/* Another user's (root's, by hand): start it again as ours. */
	if (fd < 0 && errno == EACCES && unlinkat(u->dirfd, PART_NAME, 0) == 0)
		fd = openat(u->dirfd, PART_NAME, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0 || fstat(fd, &st) < 0) {
		*res = say(u, UPDATE_ERROR, "%s/%s: %s", u->dir, PART_NAME, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rc = fetch_bundle_once(u, fd, st.st_size, conditional, code, res);
	if (rc == 1) /* the range was refused: once more, from the start */
		rc = fetch_bundle_once(u, fd, 0, conditional, code, res);
	if (rc == 0 && fsync(fd) < 0) {
		*res = say(u, UPDATE_ERROR, "%s/%s: %s", u->dir, PART_NAME, strerror(errno));
		rc = -1;
	}
	/*
	 * Kept for the next run only when a cut-off or a silent server left bytes
	 * to resume: a refused answer (a bad status, a refused redirect, a resume
	 * at the wrong place) or nothing at all leaves no part behind.
	 */
	if (rc < 0 && (u->refused || (fstat(fd, &st) == 0 && st.st_size == 0))) {
		drop_part(u);
		update_state_write(u->dirfd, &u->meta);
	}
	close(fd);
	return rc;
}

/* Fetch url.minisig into yibao.bundle.minisig.part. */
static int fetch_signature(struct update *u, enum update_result *res)
{
	char *url = xasprintf("%s.minisig", u->cfg->update_url);
	struct fetch f = {.fd = -1, .limit = UPDATE_MAX_SIG};
	int fd, rc = -1;

	if (fetch_run(u, url, &f, NULL, NULL, true, "signature", res) < 0) {
		if (*res == UPDATE_TOO_BIG)
			*res = say(u, UPDATE_BADSIG, "signature: larger than %d bytes; refused",
				   UPDATE_MAX_SIG);
	} else if (f.code != 200) {
		*res = say(u, UPDATE_NETWORK, "signature %s: the server answered HTTP %ld", url,
			   f.code);
	} else {
		unlinkat(u->dirfd, SIG_PART_NAME, 0);
		fd = openat(u->dirfd, SIG_PART_NAME,
			    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (fd >= 0 && util_write_all(fd, f.mem.s != NULL ? f.mem.s : "", f.mem.len) == 0 &&
		    fsync(fd) == 0 && close(fd) == 0) {
			rc = 0;
		} else {
			*res = say(u, UPDATE_ERROR, "%s/%s: %s", u->dir, SIG_PART_NAME,
				   strerror(errno));
			if (fd >= 0)
				close(fd);
		}
	}
	fetch_clear(&f);
	free(url);
	return rc;
}

/* The version of a bundle whose signature verifies (path and path.minisig), or -1. */
static long long verified_version(struct update *u, const char *path, const char *sigpath)
{
	struct bundle_manifest bm;
	char err[256];
	long long v = -1;

	if (minisig_verify_file(path, sigpath, u->cfg->update_public_key, NULL, 0, err,
				sizeof err) < 0)
		return -1;
	if (bundle_manifest_read(path, &bm, err, sizeof err) == 0)
		v = bm.version;
	bundle_manifest_clear(&bm);
	return v;
}

/* The version of the bundle shipped with the program (trusted by place), or -1. */
static long long shipped_version(const struct config *cfg)
{
	struct bundle_manifest bm;
	char err[256];
	long long v = -1;

	if (cfg->bundle == NULL || access(cfg->bundle, R_OK) != 0)
		return -1;
	if (bundle_manifest_read(cfg->bundle, &bm, err, sizeof err) == 0)
		v = bm.version;
	bundle_manifest_clear(&bm);
	return v;
}

/* Install the checked pair (statedir.c). */
static enum update_result install(struct update *u, const struct bundle_manifest *bm)
{
	char what[64];

	statedir_unstamp(u->dirfd);
	if (statedir_install(u->dirfd, bm->version, hook, what, sizeof what) < 0)
		return say(u, UPDATE_ERROR, "%s/%s: %s", u->dir, what, strerror(errno));
	/*
	 * Root fetched, verified and installed these bytes where only root
	 * writes: its stamp spares each session the hash (statedir.h). Another
	 * account's word is worth nothing to a session, so it writes none.
	 */
	if (geteuid() == 0)
		statedir_stamp(u->dirfd);
	return UPDATE_INSTALLED;
}

static void drop_part(struct update *u)
{
	unlinkat(u->dirfd, PART_NAME, 0);
	unlinkat(u->dirfd, SIG_PART_NAME, 0);
	update_state_set(&u->meta.part_etag, NULL);
	update_state_set(&u->meta.part_last_modified, NULL);
}

/* Check the downloaded pair and install it. */
static enum update_result check_and_install(struct update *u, long long installed,
					    const char *floor_path)
{
	char *part = util_path_join(u->dir, PART_NAME);
	char *sigpart = util_path_join(u->dir, SIG_PART_NAME);
	struct bundle_manifest bm;
	char err[256], tc[MINISIG_COMMENT_MAX];
	enum update_result r;

	memset(&bm, 0, sizeof bm);
	if (minisig_verify_file(part, sigpart, u->cfg->update_public_key, tc, sizeof tc, err,
				sizeof err) < 0) {
		r = say(u, UPDATE_BADSIG, "signature: %s; nothing installed", err);
	} else if (bundle_manifest_read(part, &bm, err, sizeof err) < 0) {
		r = say(u, UPDATE_BADSIG, "signed, but not a bundle this yibao reads: %s", err);
	} else if (bm.version == installed && floor_path != NULL &&
		   util_same_bytes(u->dirfd, PART_NAME, AT_FDCWD, floor_path)) {
		r = say(u, UPDATE_CURRENT, "up to date: bundle version %lld is installed",
			bm.version);
	} else if (bm.version <= installed) {
		r = say(u, UPDATE_ROLLBACK,
			"the server's bundle has version %lld, not newer than the installed %lld; refused",
			bm.version, installed);
	} else if (bundle_manifest_expired(&bm)) {
		r = say(u, UPDATE_EXPIRED,
			"the server's bundle (version %lld) was valid until %s; refused", bm.version,
			bm.valid_until);
	} else {
		hook("verified");
		r = install(u, &bm);
		if (r == UPDATE_INSTALLED)
			say(u, r, "installed bundle version %lld (policy year %d, valid until %s; signed: %s)",
			    bm.version, bm.policy_year, bm.valid_until, tc);
	}
	if (r != UPDATE_INSTALLED)
		drop_part(u);
	update_state_set(&u->meta.part_etag, NULL);
	update_state_set(&u->meta.part_last_modified, NULL);
	if (r == UPDATE_INSTALLED || r == UPDATE_CURRENT) {
		/* The validators of the server's copy: the next check is one small request. */
		update_state_set(&u->meta.etag, u->got_etag);
		update_state_set(&u->meta.last_modified, u->got_last_modified);
	}
	if (update_state_write(u->dirfd, &u->meta) < 0 && r == UPDATE_INSTALLED)
		say(u, r, "installed bundle version %lld (but %s/%s: %s)", bm.version, u->dir,
		    UPDATE_STATE_FILE, strerror(errno));
	bundle_manifest_clear(&bm);
	free(part);
	free(sigpart);
	return r;
}

static bool url_ok(const char *url)
{
	if (url == NULL || strncasecmp(url, "https://", 8) != 0 || url[8] == '\0')
		return false;
	for (const char *p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7F)
			return false;
	return true;
}

/* Open (making it when missing) state_dir and take its lock. */
static enum update_result open_state(struct update *u, int *lockfd)
{
	/* Where the unprivileged account may write (yibao --install-update takes it from there). */
	u->dir = xstrdup(u->cfg->update_download_dir != NULL ? u->cfg->update_download_dir
							     : u->cfg->update_state_dir);
	u->dirfd = open(u->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (u->dirfd < 0 && errno == ENOENT && mkdir(u->dir, 0755) == 0)
		u->dirfd = open(u->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (u->dirfd < 0)
		return say(u, UPDATE_ERROR, "state_dir %s: %s", u->dir, strerror(errno));
	/* Read-only is enough for flock, whoever made the file. */
	*lockfd = openat(u->dirfd, LOCK_NAME, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (*lockfd < 0)
		return say(u, UPDATE_ERROR, "%s/%s: %s", u->dir, LOCK_NAME, strerror(errno));
	if (flock(*lockfd, LOCK_EX | LOCK_NB) < 0)
		return say(u, UPDATE_ERROR, "another yibao --update is running (%s/%s)", u->dir,
			   errno == EWOULDBLOCK ? LOCK_NAME : strerror(errno));
	return UPDATE_INSTALLED;
}

static enum update_result run(struct update *u)
{
	const struct config *c = u->cfg;
	char *bundle = util_path_join(u->dir, BUNDLE_NAME);
	char *sig = util_path_join(u->dir, SIG_NAME);
	long long installed = verified_version(u, bundle, sig);
	long long shipped = shipped_version(c);
	const char *floor_path = installed >= 0 ? bundle : NULL;
	bool state_ok = installed >= 0; /* what the validators in update.state describe */
	long code = 0;
	enum update_result r = UPDATE_INSTALLED;

	if (shipped > installed) {
		/* The guide would show the shipped one: an older bundle is no update. */
		installed = shipped;
		floor_path = c->bundle;
	}
	update_state_read(u->dirfd, &u->meta);
	if (u->meta.url == NULL || strcmp(u->meta.url, c->update_url) != 0) {
		/* Another URL: nothing remembered applies to it. */
		update_state_clear(&u->meta);
		u->meta.url = xstrdup(c->update_url);
	}
	if (fetch_bundle(u, state_ok, &code, &r) < 0) {
		/* The part (and how to resume it) stays for the next run. */
	} else if (code == 304) {
		/* A part of something else the server had meanwhile is of no use now. */
		bool had_part = u->meta.part_etag != NULL || u->meta.part_last_modified != NULL;

		drop_part(u);
		if (had_part)
			update_state_write(u->dirfd, &u->meta);
		r = say(u, UPDATE_CURRENT, "up to date: bundle version %lld (unchanged on the server)",
			installed);
	} else if (fetch_signature(u, &r) == 0) {
		r = check_and_install(u, installed < 0 ? 0 : installed, floor_path);
	}
	free(bundle);
	free(sig);
	return r;
}

char *update_sig_path(int fd, const char *path)
{
	char proc[40], buf[4096];
	ssize_t n;

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	n = readlink(proc, buf, sizeof buf - 1);
	if (n <= 0 || buf[0] != '/' || (size_t)n >= sizeof buf - 1)
		return xasprintf("%s.minisig", path);
	buf[n] = '\0';
	/* Unlinked since (a later update removed it): its signature went with it. */
	if (n > 10 && strcmp(buf + n - 10, " (deleted)") == 0)
		return xasprintf("%s.minisig", path);
	return xasprintf("%s.minisig", buf);
}

enum update_result update_run(const struct config *cfg, char *why, size_t whylen)
{
	struct update u = {.cfg = cfg, .dirfd = -1, .why = why, .whylen = whylen};
	int lockfd = -1;
	enum update_result r;
	char *clean;

	why[0] = '\0';
	if (!url_ok(cfg->update_url))
		r = say(&u, UPDATE_ERROR, "no https URL in [update] url; nothing to fetch");
	else if (cfg->update_public_key == NULL || cfg->update_public_key[0] == '\0')
		r = say(&u, UPDATE_ERROR, "no [update] public_key: a bundle could not be verified");
	else if (cfg->update_state_dir == NULL || cfg->update_state_dir[0] == '\0')
		r = say(&u, UPDATE_ERROR, "no [update] state_dir");
	else if ((u.api = status_curl_load()) == NULL)
		r = say(&u, UPDATE_ERROR, "libcurl (libcurl.so.4, 7.85 or newer) is not installed");
	else if (open_state(&u, &lockfd) != UPDATE_INSTALLED)
		r = UPDATE_ERROR;
	else if (u.api->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		r = say(&u, UPDATE_ERROR, "libcurl: cannot start");
	else {
		r = run(&u);
		u.api->global_cleanup();
	}
	/* The message may quote a server (an error buffer): one clean line. */
	clean = text_sanitize(why, strlen(why), 0, NULL, NULL);
	snprintf(why, whylen, "%s", clean);
	free(clean);
	update_state_clear(&u.meta);
	free(u.got_etag);
	free(u.got_last_modified);
	if (lockfd >= 0)
		close(lockfd);
	if (u.dirfd >= 0)
		close(u.dirfd);
	free(u.dir);
	return r;
}

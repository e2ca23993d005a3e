/*
 * install.c -- yibao --install-update: root installs, from its own verified copy, what the unprivileged account fetched
 * SPDX-License-Identifier: MIT
 *
 * apt's model: apt fetches as the account _apt into a directory of its own
 * and installs as root what it verified. Here yibao --update runs as the
 * network-facing account "yibao" and keeps what it fetched and verified in
 * [update] download_dir, which that account owns; sessions read [update]
 * state_dir, which only root writes (source.c refuses a bundle another
 * account could change). This step runs as root after each --update
 * (ExecStartPost=+ in yibao-update.service). It copies the bundle and its
 * signature out of download_dir into root's own files in state_dir (mode 0600
 * until they verified), verifies the copy -- never the downloader's file,
 * which that account could rewrite after any check -- and installs it as
 * --update does (statedir.h). Nothing of download_dir is trusted: links are
 * followed (its "current" is one) but what they reach must be a regular file
 * of the account that owns download_dir, within [update] max_size_mib, read once; a file that changes size while it
 * is copied, a FIFO or a device end in a refusal, and a copy that does not
 * verify is removed unread by anyone.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* flock */
#endif
#include "install.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "minisig.h"
#include "statedir.h"
#include "text.h"
#include "util.h"

struct install {
	const struct config *cfg;
	int dirfd; /* state_dir */
	char *why;
	size_t whylen;
};

static enum update_result say(struct install *in, enum update_result r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static enum update_result say(struct install *in, enum update_result r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(in->why, in->whylen, fmt, ap);
	va_end(ap);
	return r;
}

static void no_hook(const char *stage)
{
	(void)stage;
}

/* The version of the bundle at path whose signature (path.minisig) verifies, or -1. */
static long long verified_version(const struct config *cfg, const char *path)
{
	struct bundle_manifest bm = {0};
	char err[256], *sig = xasprintf("%s%s", path, BUNDLE_SIG_SUFFIX);
	long long v = -1;

	if (minisig_verify_file(path, sig, cfg->update_public_key, NULL, 0, err, sizeof err) == 0 &&
	    bundle_manifest_read(path, &bm, err, sizeof err) == 0)
		v = bm.version;
	bundle_manifest_clear(&bm);
	free(sig);
	return v;
}

/* Write n bytes into a new file name of state_dir, mode 0600, fsynced. */
static int write_private(struct install *in, const char *name, int from, const char *mem, size_t n,
			 long long max)
{
	char buf[65536];
	long long total = 0;
	ssize_t got;
	int fd, e;

	unlinkat(in->dirfd, name, 0);
	fd = openat(in->dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -1;
	if (mem != NULL) {
		if (util_write_all(fd, mem, n) < 0)
			goto fail;
	} else {
		/* Up to one byte past the size seen: a file still growing is caught. */
		while (total <= (long long)n && (got = read(from, buf, sizeof buf)) != 0) {
			if (got < 0) {
				if (errno == EINTR)
					continue;
				goto fail;
			}
			total += got;
			if (total > max || util_write_all(fd, buf, (size_t)got) < 0)
				goto fail;
		}
		if (total != (long long)n) {
			errno = EAGAIN; /* said as "changed while it was copied" */
			goto fail;
		}
	}
	if (fsync(fd) < 0)
		goto fail;
	return close(fd);
fail:
	e = errno;
	close(fd);
	unlinkat(in->dirfd, name, 0);
	errno = e;
	return -1;
}

static void drop_copies(struct install *in)
{
	unlinkat(in->dirfd, STATEDIR_PART, 0);
	unlinkat(in->dirfd, STATEDIR_SIG_PART, 0);
}

/* Copy download_dir's pair into state_dir's private parts. */
static enum update_result copy_pair(struct install *in)
{
	const struct config *c = in->cfg;
	long long max = (long long)(c->update_max_mib > 0 ? c->update_max_mib : CONFIG_UPDATE_MAX_MIB) << 20;
	char *src = util_path_join(c->update_download_dir, BUNDLE_FILE), *sigpath = NULL, *sig = NULL;
	struct stat st, dl;
	size_t siglen = 0;
	enum update_result r = UPDATE_INSTALLED;
	int fd = -1;

	/*
	 * Links in download_dir are followed, so what they reach must be the
	 * downloading account's own file: a link it planted to a file of root's
	 * (a secret, a device) is refused before root reads a byte of it.
	 */
	if (stat(c->update_download_dir, &dl) < 0 || !S_ISDIR(dl.st_mode))
		r = errno == ENOENT || !S_ISDIR(dl.st_mode)
			    ? say(in, UPDATE_CURRENT, "nothing downloaded in %s yet", c->update_download_dir)
			    : say(in, UPDATE_ERROR, "%s: %s", c->update_download_dir, strerror(errno));
	else if ((fd = open(src, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)) < 0)
		r = errno == ENOENT ? say(in, UPDATE_CURRENT, "nothing downloaded in %s yet", c->update_download_dir)
				    : say(in, UPDATE_ERROR, "%s: %s", src, strerror(errno));
	else if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		r = say(in, UPDATE_ERROR, "%s: not a regular file; refused", src);
	else if (st.st_uid != dl.st_uid)
		r = say(in, UPDATE_ERROR,
			"%s: what it names is not owned by the account that owns %s (uid %lu, not %lu); refused",
			src, c->update_download_dir, (unsigned long)st.st_uid, (unsigned long)dl.st_uid);
	else if ((long long)st.st_size > max) {
		r = say(in, UPDATE_TOO_BIG, "%s: larger than %lld MiB ([update] max_size_mib); refused", src,
			max >> 20);
	} else {
		/* The signature beside the file fd really is (download_dir's names are links). */
		sigpath = update_sig_path(fd, src);
		sig = util_read_owned(sigpath, UPDATE_MAX_SIG, &siglen, dl.st_uid);
		if (sig == NULL)
			r = say(in, UPDATE_BADSIG, "%s: %s; nothing installed", sigpath, util_read_error(errno));
		else if (write_private(in, STATEDIR_PART, fd, NULL, (size_t)st.st_size, max) < 0)
			r = say(in, UPDATE_ERROR, "%s/%s: %s", c->update_state_dir, STATEDIR_PART,
				errno == EAGAIN ? "the download changed while it was copied; refused"
						: strerror(errno));
		else if (write_private(in, STATEDIR_SIG_PART, -1, sig, siglen, max) < 0)
			r = say(in, UPDATE_ERROR, "%s/%s: %s", c->update_state_dir, STATEDIR_SIG_PART,
				strerror(errno));
	}
	if (fd >= 0)
		close(fd);
	free(sig);
	free(sigpath);
	free(src);
	return r;
}

/* Verify root's copy and install it over the installed one, newer only. */
static enum update_result check_and_install(struct install *in)
{
	const struct config *c = in->cfg;
	char *part = util_path_join(c->update_state_dir, STATEDIR_PART);
	char *sigpart = util_path_join(c->update_state_dir, STATEDIR_SIG_PART);
	char *installed_path = util_path_join(c->update_state_dir, BUNDLE_FILE);
	long long installed = verified_version(c, installed_path), shipped = -1;
	const char *floor_path = installed >= 0 ? installed_path : NULL;
	struct bundle_manifest bm;
	char err[256], tc[MINISIG_COMMENT_MAX], what[64] = "";
	enum update_result r;

	memset(&bm, 0, sizeof bm);
	if (c->bundle != NULL && bundle_manifest_read(c->bundle, &bm, err, sizeof err) == 0)
		shipped = bm.version;
	bundle_manifest_clear(&bm);
	if (shipped > installed) {
		installed = shipped; /* sessions would show the shipped one: no update below it */
		floor_path = c->bundle;
	}
	if (minisig_verify_file(part, sigpart, c->update_public_key, tc, sizeof tc, err, sizeof err) < 0)
		r = say(in, UPDATE_BADSIG, "signature of the copy of the download: %s; nothing installed", err);
	else if (bundle_manifest_read(part, &bm, err, sizeof err) < 0)
		r = say(in, UPDATE_BADSIG, "signed, but not a bundle this yibao reads: %s", err);
	else if (bm.version == installed && floor_path != NULL &&
		 util_same_bytes(in->dirfd, STATEDIR_PART, AT_FDCWD, floor_path))
		r = say(in, UPDATE_CURRENT, "up to date: bundle version %lld is installed", bm.version);
	else if (bm.version <= (installed < 0 ? 0 : installed))
		r = say(in, UPDATE_ROLLBACK,
			"the downloaded bundle has version %lld, not newer than the installed %lld; refused",
			bm.version, installed);
	else if (bundle_manifest_expired(&bm))
		r = say(in, UPDATE_EXPIRED, "the downloaded bundle (version %lld) was valid until %s; refused",
			bm.version, bm.valid_until);
	else if ((statedir_unstamp(in->dirfd), fchmodat(in->dirfd, STATEDIR_PART, 0644, 0)) < 0 ||
		 fchmodat(in->dirfd, STATEDIR_SIG_PART, 0644, 0) < 0 ||
		 statedir_install(in->dirfd, bm.version, no_hook, what, sizeof what) < 0)
		r = say(in, UPDATE_ERROR, "%s/%s: %s", c->update_state_dir,
			what[0] != '\0' ? what : STATEDIR_PART, strerror(errno));
	else
		r = say(in, UPDATE_INSTALLED,
			"installed bundle version %lld for the sessions (policy year %d, valid until %s; "
			"signed: %s)%s",
			bm.version, bm.policy_year, bm.valid_until, tc,
			statedir_stamp(in->dirfd) == 0 ? "" : "; not stamped as verified, so each session checks it itself");
	if (r != UPDATE_INSTALLED)
		drop_copies(in);
	bundle_manifest_clear(&bm);
	free(installed_path);
	free(part);
	free(sigpart);
	return r;
}

/* state_dir is a directory of this account's that no other may write, or why not. */
static enum update_result open_state_dir(struct install *in)
{
	const char *dir = in->cfg->update_state_dir;
	struct stat st;

	in->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (in->dirfd < 0 && errno == ENOENT && mkdir(dir, 0755) == 0)
		in->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (in->dirfd < 0 || fstat(in->dirfd, &st) < 0)
		return say(in, UPDATE_ERROR, "state_dir %s: %s", dir, strerror(errno));
	if (st.st_uid != geteuid() || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		return say(in, UPDATE_ERROR,
			   "state_dir %s must belong to the account installing (uid %lu) and no other "
			   "may write it (it is uid %lu, mode %03o)",
			   dir, (unsigned long)geteuid(), (unsigned long)st.st_uid,
			   (unsigned)(st.st_mode & 0777));
	return UPDATE_INSTALLED;
}

enum update_result install_run(const struct config *cfg, char *why, size_t whylen)
{
	struct install in = {.cfg = cfg, .dirfd = -1, .why = why, .whylen = whylen};
	char *a = NULL, *b = NULL, *clean;
	enum update_result r;
	int lockfd = -1;

	why[0] = '\0';
	if (cfg->update_public_key == NULL || cfg->update_public_key[0] == '\0')
		r = say(&in, UPDATE_ERROR, "no [update] public_key: a bundle could not be verified");
	else if (cfg->update_state_dir == NULL || cfg->update_download_dir == NULL)
		r = say(&in, UPDATE_ERROR,
			"no [update] download_dir: yibao --update installs into state_dir itself");
	else
		r = open_state_dir(&in);
	if (r != UPDATE_INSTALLED) {
		/* said */
	} else if ((a = realpath(cfg->update_state_dir, NULL)) == NULL ||
		   ((b = realpath(cfg->update_download_dir, NULL)) != NULL && strcmp(a, b) == 0)) {
		r = say(&in, UPDATE_ERROR, "[update] download_dir must not be state_dir");
	} else if ((lockfd = openat(in.dirfd, "update.lock",
				    O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644)) < 0 ||
		   flock(lockfd, LOCK_EX | LOCK_NB) < 0) {
		r = say(&in, UPDATE_ERROR, "another yibao --install-update is running, or %s/update.lock: %s",
			cfg->update_state_dir, strerror(errno));
	} else if ((r = copy_pair(&in)) == UPDATE_INSTALLED) {
		r = check_and_install(&in);
	} else {
		drop_copies(&in);
	}
	clean = text_sanitize(why, strlen(why), 0, NULL, NULL);
	snprintf(why, whylen, "%s", clean);
	free(clean);
	free(a);
	free(b);
	if (lockfd >= 0)
		close(lockfd);
	if (in.dirfd >= 0)
		close(in.dirfd);
	return r;
}

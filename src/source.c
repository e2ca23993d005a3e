/*
 * source.c -- which content bundle a session shows, and whether its signature still checks
 * SPDX-License-Identifier: MIT
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "statedir.h"
#include "update.h"

/*
 * A bundle this large (bytes) is verified in a thread while the session sets
 * up its terminal (minisig_verify_start), which then shows one waiting line of
 * its own until the check ends: nothing of the bundle is drawn before it
 * verified. A smaller one verifies before it opens (2 MiB hash in under 5 ms:
 * make bench).
 */
#define VERIFY_LATER_MIN (2L * 1024 * 1024)

/*
 * Whom a file or directory (st) may be changed by, as far as this session is
 * concerned: root and the session's own user (who can harm only themselves).
 * A directory others may write is safe only with the sticky bit (/tmp): they
 * can add names there but not rename or remove ours. Says why not in why.
 */
static bool safe_owner(const struct stat *st, const char *path, char *why, size_t whylen)
{
	uid_t me = geteuid();

	if (st->st_uid != 0 && st->st_uid != me) {
		snprintf(why, whylen, "%s belongs to uid %lu, not to root: that account could change it "
				      "after the check",
			 path, (unsigned long)st->st_uid);
		return false;
	}
	if ((st->st_mode & (S_IWGRP | S_IWOTH)) != 0 &&
	    !(S_ISDIR(st->st_mode) && (st->st_mode & S_ISVTX) != 0)) {
		snprintf(why, whylen, "%s may be written by other accounts (mode %03o)", path,
			 (unsigned)(st->st_mode & 0777));
		return false;
	}
	return true;
}

/* Every directory from path's own up to / is safe_owner. */
static bool safe_dirs(const char *path, char *why, size_t whylen)
{
	char *d = xstrdup(path), *slash;
	struct stat st;
	bool ok = true;

	while (ok && (slash = strrchr(d, '/')) != NULL) {
		slash[slash == d ? 1 : 0] = '\0';
		if (stat(d, &st) < 0) {
			snprintf(why, whylen, "%s: %s", d, strerror(errno));
			ok = false;
		} else {
			ok = safe_owner(&st, d, why, whylen);
		}
		if (strcmp(d, "/") == 0)
			break;
	}
	free(d);
	return ok;
}

/*
 * The installed bundle open as fd may be read: a regular file no larger than
 * [update] max_size_mib (refused before a byte is hashed), which no account but
 * root and this session's own may change or truncate -- neither the file nor a
 * directory on its path or on state_dir's (apt's model: yibao --update
 * downloads as an unprivileged account, yibao --install-update installs as
 * root where that account cannot write; docs/publishing.md).
 */
static bool may_read(int fd, const struct config *c, char *why, size_t whylen)
{
	char proc[40], real[PATH_MAX];
	char *dir;
	struct stat st;
	long long max = (long long)(c->update_max_mib > 0 ? c->update_max_mib : CONFIG_UPDATE_MAX_MIB) << 20;
	ssize_t n;
	bool ok;

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, whylen, "not a regular file");
		return false;
	}
	if ((long long)st.st_size > max) {
		snprintf(why, whylen, "%lld bytes, larger than [update] max_size_mib (%lld MiB)",
			 (long long)st.st_size, max >> 20);
		return false;
	}
	n = readlink(proc, real, sizeof real - 1);
	if (n <= 0 || real[0] != '/') {
		snprintf(why, whylen, "cannot tell where it is");
		return false;
	}
	real[n] = '\0';
	if (!safe_owner(&st, real, why, whylen) || !safe_dirs(real, why, whylen))
		return false;
	dir = realpath(c->update_state_dir, NULL);
	ok = dir != NULL && safe_dirs(dir, why, whylen);
	if (ok && stat(dir, &st) == 0)
		ok = safe_owner(&st, dir, why, whylen);
	if (dir == NULL)
		snprintf(why, whylen, "%s: %s", c->update_state_dir, strerror(errno));
	free(dir);
	return ok;
}

/*
 * The updated bundle in state_dir, when its signature (kept beside it) verifies
 * against [update] public_key and it opens. The file is opened once and read
 * through that descriptor, so what was verified is what is shown. NULL when
 * there is none (quietly) or it was refused (*why says why). With later, a
 * large bundle is opened at once and *check is its signature check, still
 * running (the caller waits for it before showing anything of the bundle).
 */
static struct bundle *open_installed(const struct config *c, bool later,
				     struct minisig_job **check, char **path, char *why,
				     size_t whylen)
{
	char *sig, *fdpath;
	struct bundle *b = NULL;
	struct stat st;
	int fd;

	*path = NULL;
	*check = NULL;
	why[0] = '\0';
	if (c->update_state_dir == NULL)
		return NULL;
	*path = util_path_join(c->update_state_dir, BUNDLE_FILE);
	/* Links through yibao --update's "current" (update.h): followed. */
	fd = open(*path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno != ENOENT)
			snprintf(why, whylen, "%s", strerror(errno));
		return NULL;
	}
	sig = update_sig_path(fd, *path);
	fdpath = xasprintf("/proc/self/fd/%d", fd);
	if (!may_read(fd, c, why, whylen)) {
		/* why says why: nothing of it is read, not even to hash it */
	} else if (c->update_public_key == NULL) {
		snprintf(why, whylen, "no [update] public_key to check its signature with");
	} else if (statedir_stamped(c->update_state_dir, fd)) {
		/* root verified these very bytes, and only root could have changed them */
		b = bundle_open(fdpath, why, whylen);
	} else if (later && fstat(fd, &st) == 0 && st.st_size > VERIFY_LATER_MIN &&
		   (*check = minisig_verify_start(fd, sig, c->update_public_key)) != NULL) {
		if ((b = bundle_open(fdpath, why, whylen)) == NULL) {
			char ignore[256];

			minisig_verify_wait(*check, ignore, sizeof ignore);
			*check = NULL;
		}
	} else if (minisig_verify_file(fdpath, sig, c->update_public_key, NULL, 0, why, whylen) == 0) {
		b = bundle_open(fdpath, why, whylen);
	}
	close(fd); /* the mapping (and the check) keep the same file by themselves */
	free(fdpath);
	free(sig);
	return b;
}

struct bundle *source_open(const struct config *c, const char *content, bool later,
			   struct minisig_job **check, struct diags *d, char **from)
{
	char why[256];
	char *installed;
	struct bundle *b, *shipped = NULL;

	*check = NULL;
	if (content != NULL) {
		*from = xstrdup(content);
		if (!util_is_file(content)) { /* a FIFO or a device could block or never end */
			diags_add(d, content, 0, "not a bundle file or a content directory");
			return NULL;
		}
		b = bundle_open(content, why, sizeof why);
		if (b == NULL)
			diags_add(d, "yibao", 0, "%s", why);
		return b;
	}
	b = open_installed(c, later, check, &installed, why, sizeof why);
	if (c->bundle != NULL && util_is_file(c->bundle)) {
		char why2[256];

		shipped = bundle_open(c->bundle, why2, sizeof why2);
		if (shipped == NULL)
			diags_add(d, "yibao", 0, "%s", why2);
	}
	if (b == NULL && why[0] != '\0')
		diags_add(d, "yibao", 0,
			  "the installed content update %s was refused (%s); showing the content "
			  "shipped with the program",
			  installed, why);
	if (b != NULL && shipped != NULL &&
	    bundle_manifest(shipped)->version > bundle_manifest(b)->version) {
		bundle_close(b); /* the package brought newer content than the last update */
		b = NULL;
		if (*check != NULL) {
			minisig_verify_wait(*check, why, sizeof why);
			*check = NULL;
		}
	}
	if (b != NULL) {
		bundle_close(shipped);
		*from = installed;
		return b;
	}
	free(installed);
	*from = shipped != NULL ? xstrdup(c->bundle) : NULL;
	return shipped;
}
